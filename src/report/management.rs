//! The Markdown report's management sections: score, phases, timeline, interviews, demos.

use std::io::{self, Write};

use super::markdown::{escape_cell, escape_text};
use super::overview::{Overview, percent};
use super::sections;
use crate::domain::timeline::{PhaseState, Range};
use crate::i18n::Lang;

/// What a report says instead of a score before anything was rated (never "0.0 分").
pub const NOT_RATED: &str = "尚未自评：在程序里按 6 给各细项定档后，这里显示估算分数和等级。";

/// [`NOT_RATED`] in English.
pub const NOT_RATED_EN: &str = "Not rated yet: rate the score items in the app (key 6) and the estimated score and grade show here.";

/// [`NOT_RATED`] in `lang`.
pub fn not_rated(lang: Lang) -> &'static str {
    lang.t(NOT_RATED, NOT_RATED_EN)
}

/// A Markdown table's header row in `lang`.
fn header(out: &mut dyn Write, lang: Lang, zh: &'static str, en: &'static str) -> io::Result<()> {
    writeln!(out, "{}", lang.t(zh, en))
}

/// A date, or "earliest ～ latest" ("earliest to latest" in English).
pub fn range(r: &Range, lang: Lang) -> String {
    if r.is_exact() {
        r.earliest.to_string()
    } else {
        format!("{}{}{}", r.earliest, lang.t(" ～ ", " to "), r.latest)
    }
}

/// The one-paragraph answer to "can we apply, when, what is left".
pub fn write_summary(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    let lang = o.lang;
    writeln!(out, "## {}", lang.t("结论", "Conclusion"))?;
    writeln!(out)?;
    match (o.rated, lang) {
        (true, Lang::Zh) => writeln!(
            out,
            "- 自评估算：**{:.1} 分**，{}（按指南口径）",
            o.score.total,
            o.score.grade.label(lang)
        )?,
        (true, Lang::En) => writeln!(
            out,
            "- Self-assessment estimate: **{:.1} points**, {} (as the guide reckons)",
            o.score.total,
            o.score.grade.label(lang)
        )?,
        (false, _) => writeln!(
            out,
            "- {}",
            lang.t(
                "自评估算：尚未自评",
                "Self-assessment estimate: not rated yet"
            )
        )?,
    }
    let cert = match (o.plan.certificate_actual, lang) {
        (true, Lang::Zh) => format!("已于 {} 取证", o.plan.certificate.earliest),
        (true, Lang::En) => format!("Certified on {}", o.plan.certificate.earliest),
        (false, Lang::Zh) => format!("预计取证：{}", range(&o.plan.certificate, lang)),
        (false, Lang::En) => format!("Expected certificate: {}", range(&o.plan.certificate, lang)),
    };
    writeln!(out, "- {cert}")?;
    match lang {
        Lang::Zh => writeln!(
            out,
            "- 整改：未关闭 {} 项，其中逾期 {} 项",
            o.rect.open, o.rect.overdue
        )?,
        Lang::En => writeln!(
            out,
            "- Rectification: {} open, {} of them overdue",
            o.rect.open, o.rect.overdue
        )?,
    }
    writeln!(out)
}

pub fn write_score(out: &mut dyn Write, o: &Overview, note: &str) -> io::Result<()> {
    let lang = o.lang;
    writeln!(
        out,
        "## {}",
        lang.t("自评分（估算）", "Self-assessment score (estimate)")
    )?;
    writeln!(out)?;
    for line in note.lines().filter(|l| !l.trim().is_empty()) {
        writeln!(out, "> {}", escape_text(line.trim()))?;
    }
    writeln!(out)?;
    if !o.rated {
        writeln!(out, "{}", not_rated(lang))?;
        return writeln!(out);
    }
    match lang {
        Lang::Zh => writeln!(
            out,
            "总分 **{:.1} / 100**，{}（按指南口径：≥80 可申请乙级，≥90 可申请甲级；官方以各等级的具体条件为准）。",
            o.score.total,
            o.score.grade.label(lang)
        )?,
        Lang::En => writeln!(
            out,
            "Total **{:.1} / 100**, {} (as the guide reckons: ≥80 may apply for Grade B, ≥90 for Grade A; the official conditions of each grade decide).",
            o.score.total,
            o.score.grade.label(lang)
        )?,
    }
    writeln!(out)?;
    header(
        out,
        lang,
        "| 类别 | 权重 | 得分 | 达成 |",
        "| Category | Weight | Score | Reached |",
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: |")?;
    for c in &o.score.categories {
        writeln!(
            out,
            "| {} | {} | {:.1} | {} |",
            escape_cell(&c.title),
            c.weight,
            c.score,
            percent(c.ratio())
        )?;
    }
    writeln!(out)?;
    if !o.gap.is_empty() {
        writeln!(
            out,
            "{}",
            lang.t(
                "提升最快的项（每单位工作量加分最多者在前）：",
                "Quickest gains (most points per unit of work first):"
            )
        )?;
        writeln!(out)?;
        for (i, g) in o.gap.iter().enumerate() {
            let n = i + 1;
            let title = escape_text(&g.title);
            let category = escape_text(&g.category);
            let next = escape_text(&g.next_label);
            let (gain, effort) = (g.gain, g.effort);
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "{n}. {title}（{category}）：提到「{next}」，+{gain:.1} 分，工作量 {effort}/3"
                )?,
                Lang::En => writeln!(
                    out,
                    "{n}. {title} ({category}): raise to \"{next}\", +{gain:.1} points, effort {effort}/3"
                )?,
            }
        }
        writeln!(out)?;
    }
    if !o.trend.is_empty() {
        let points: Vec<String> = o.trend.iter().map(|(d, t)| format!("{d} {t:.1}")).collect();
        writeln!(
            out,
            "{}{}",
            lang.t("历次快照：", "Snapshots: "),
            points.join(" → ")
        )?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn write_phases(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    let lang = o.lang;
    writeln!(out, "## {}", lang.t("各阶段进度", "Progress by phase"))?;
    writeln!(out)?;
    header(
        out,
        lang,
        "| 阶段 | 已完成 | 进行中 | 不适用 | 共计 | 完成率 |",
        "| Phase | Done | In progress | N/A | Total | Done % |",
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
    for p in &o.phases {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape_cell(&p.title),
            p.done,
            p.in_progress,
            p.not_applicable,
            p.total,
            percent(p.ratio())
        )?;
    }
    writeln!(out)
}

pub fn write_timeline(
    out: &mut dyn Write,
    o: &Overview,
    green: bool,
    parallel: bool,
) -> io::Result<()> {
    let lang = o.lang;
    writeln!(out, "## {}", lang.t("时间线", "Timeline"))?;
    writeln!(out)?;
    writeln!(out, "{}", o.timeline_start_sentence(green, parallel))?;
    writeln!(out)?;
    sections::timeline(o).markdown(out)?;
    if o.plan.certificate_actual {
        writeln!(
            out,
            "{}{}",
            lang.t("取证日期：", "Certified on: "),
            o.plan.certificate.earliest
        )?;
        for line in sections::after_certificate(o) {
            writeln!(out, "- {line}")?;
        }
    } else {
        writeln!(
            out,
            "{}{}",
            lang.t("预计取证：", "Expected certificate: "),
            range(&o.plan.certificate, lang)
        )?;
    }
    writeln!(out)
}

/// A timeline phase's state in words.
pub fn phase_state(state: PhaseState, lang: Lang) -> &'static str {
    match state {
        PhaseState::Finished => lang.t("已完成", "finished"),
        PhaseState::Current => lang.t("进行中", "current"),
        PhaseState::Upcoming => lang.t("未开始", "upcoming"),
    }
}

/// "还有 N 天" / "已过 N 天".
pub fn days_left(days: i64, lang: Lang) -> String {
    match (days >= 0, lang) {
        (true, Lang::Zh) => format!("还有 {days} 天"),
        (true, Lang::En) => format!("{days} days left"),
        (false, Lang::Zh) => format!("已过 {} 天", -days),
        (false, Lang::En) => format!("{} days ago", -days),
    }
}

pub fn write_interviews(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    sections::interviews(o).markdown(out)
}

pub fn write_sops(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    sections::sops(o).markdown(out)?;
    if let Some(line) = sections::pending_findings(o) {
        writeln!(out, "{line}")?;
        writeln!(out)?;
    }
    Ok(())
}

/// Checklist items past their due date and not done.
pub fn write_overdue_items(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    sections::overdue_items(o).markdown(out)
}

/// "逾期 N 天" / "N days overdue".
pub fn overdue_days(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("逾期 {days} 天"),
        Lang::En => format!("{days} days overdue"),
    }
}

/// Open work by owner: checklist items and rectifications.
pub fn write_owners(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    sections::owners(o).markdown(out)
}
