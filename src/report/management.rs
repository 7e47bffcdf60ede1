//! The Markdown report's management sections: score, phases, timeline, interviews, demos.

use std::io::{self, Write};

use super::markdown::{escape_cell, escape_text};
use super::overview::{Overview, clock, percent};
use crate::domain::interview_stats::Readiness;
use crate::domain::timeline::{PhaseState, Range};
use crate::i18n::Lang;

const ZH: Lang = Lang::Zh;

/// What a report says instead of a score before anything was rated (never "0.0 分").
pub const NOT_RATED: &str = "尚未自评：在程序里按 6 给各细项定档后，这里显示估算分数和等级。";

pub fn range(r: &Range) -> String {
    if r.is_exact() {
        r.earliest.to_string()
    } else {
        format!("{} ～ {}", r.earliest, r.latest)
    }
}

/// The one-paragraph answer to "can we apply, when, what is left".
pub fn write_summary(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 结论")?;
    writeln!(out)?;
    if o.rated {
        writeln!(
            out,
            "- 自评估算：**{:.1} 分**，{}",
            o.score.total,
            o.score.grade.label(ZH)
        )?;
    } else {
        writeln!(out, "- 自评估算：尚未自评")?;
    }
    let cert = if o.plan.certificate_actual {
        format!("已于 {} 取证", o.plan.certificate.earliest)
    } else {
        format!("预计取证：{}", range(&o.plan.certificate))
    };
    writeln!(out, "- {cert}")?;
    writeln!(
        out,
        "- 整改：未关闭 {} 项，其中逾期 {} 项",
        o.rect.open, o.rect.overdue
    )?;
    writeln!(out)
}

pub fn write_score(out: &mut dyn Write, o: &Overview, note: &str) -> io::Result<()> {
    writeln!(out, "## 自评分（估算）")?;
    writeln!(out)?;
    for line in note.lines().filter(|l| !l.trim().is_empty()) {
        writeln!(out, "> {}", escape_text(line.trim()))?;
    }
    writeln!(out)?;
    if !o.rated {
        writeln!(out, "{NOT_RATED}")?;
        return writeln!(out);
    }
    writeln!(
        out,
        "总分 **{:.1} / 100**，{}（≥80 可申请乙级，≥90 可申请甲级）。",
        o.score.total,
        o.score.grade.label(ZH)
    )?;
    writeln!(out)?;
    writeln!(out, "| 类别 | 权重 | 得分 | 达成 |")?;
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
        writeln!(out, "提升最快的项（每单位工作量加分最多者在前）：")?;
        writeln!(out)?;
        for (i, g) in o.gap.iter().enumerate() {
            writeln!(
                out,
                "{}. {}（{}）：提到「{}」，+{:.1} 分，工作量 {}/3",
                i + 1,
                escape_text(&g.title),
                escape_text(&g.category),
                escape_text(&g.next_label),
                g.gain,
                g.effort
            )?;
        }
        writeln!(out)?;
    }
    if !o.trend.is_empty() {
        let points: Vec<String> = o.trend.iter().map(|(d, t)| format!("{d} {t:.1}")).collect();
        writeln!(out, "历次快照：{}", points.join(" → "))?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn write_phases(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 各阶段进度")?;
    writeln!(out)?;
    writeln!(out, "| 阶段 | 已完成 | 进行中 | 不适用 | 共计 | 完成率 |")?;
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
    writeln!(out, "## 时间线")?;
    writeln!(out)?;
    writeln!(out, "{}", o.timeline_start_sentence(green, parallel))?;
    writeln!(out)?;
    writeln!(out, "| 阶段 | 周期 | 开始 | 结束 | 状态 |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for p in &o.plan.phases {
        let state = match p.state {
            PhaseState::Finished => "已完成",
            PhaseState::Current => "进行中",
            PhaseState::Upcoming => "未开始",
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {state} |",
            escape_cell(&p.title),
            escape_cell(&p.label),
            range(&p.start),
            range(&p.end)
        )?;
    }
    writeln!(out)?;
    if o.plan.certificate_actual {
        writeln!(out, "取证日期：{}", o.plan.certificate.earliest)?;
        for (label, c) in [
            ("首年年检", o.plan.inspection),
            ("ISO 20000 目标", o.plan.iso20000),
        ] {
            if let Some(c) = c {
                let when = if c.days_left >= 0 {
                    format!("还有 {} 天", c.days_left)
                } else {
                    format!("已过 {} 天", -c.days_left)
                };
                writeln!(out, "- {label}：{}（{when}）", c.date)?;
            }
        }
    } else {
        writeln!(out, "预计取证：{}", range(&o.plan.certificate))?;
    }
    writeln!(out)
}

pub fn write_interviews(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 访谈准备（按人）")?;
    writeln!(out)?;
    if o.people.is_empty() {
        writeln!(out, "尚未登记人员（在模拟访谈中按 a 添加）。")?;
        return writeln!(out);
    }
    writeln!(
        out,
        "| 姓名 | 岗位 | 已练/题数 | 待复习 | 答对率 | 要点覆盖 | 状态 |"
    )?;
    writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | --- |")?;
    for p in &o.people {
        let t = &p.tally;
        let opt = |v: Option<f64>| v.map_or("—".to_owned(), percent);
        let ready = if p.ready == Readiness::Ready {
            format!("**{}**", p.ready.label(ZH))
        } else {
            p.ready.label(ZH).to_owned()
        };
        writeln!(
            out,
            "| {} | {} | {}/{} | {} | {} | {} | {ready} |",
            escape_cell(&p.name),
            escape_cell(&p.roles.join("、")),
            t.answered,
            t.questions,
            t.due,
            opt(t.accuracy),
            opt(t.coverage),
        )?;
    }
    writeln!(out)
}

pub fn write_sops(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 演示预演用时")?;
    writeln!(out)?;
    writeln!(
        out,
        "| 演示 | 步数 | 目标 | 预演次数 | 最好 | 最近 | 最近一次 |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | --- |")?;
    let opt = |v: Option<u32>| v.map_or("—".to_owned(), clock);
    for s in &o.sops {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape_cell(&s.title),
            s.steps,
            clock(s.target_seconds),
            s.runs,
            opt(s.best_seconds),
            opt(s.last_seconds),
            s.last_run
                .map_or("—".to_owned(), |d| d.format("%Y-%m-%d").to_string())
        )?;
    }
    writeln!(out)?;
    if o.pending_findings > 0 {
        writeln!(
            out,
            "预演中标记、尚未转为整改项的问题：{} 条。",
            o.pending_findings
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// Checklist items past their due date and not done.
pub fn write_overdue_items(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 逾期的清单项")?;
    writeln!(out)?;
    if o.overdue_items.is_empty() {
        writeln!(out, "没有逾期的清单项。")?;
        return writeln!(out);
    }
    writeln!(out, "| 编号 | 事项 | 阶段 | 截止日期 | 逾期 | 负责人 |")?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
    for i in &o.overdue_items {
        writeln!(
            out,
            "| {} | {} | {} | {} | 逾期 {} 天 | {} |",
            escape_cell(&i.id),
            escape_cell(&i.title),
            escape_cell(&i.phase),
            i.due,
            -i.days_left,
            if i.owner.trim().is_empty() {
                "—".to_owned()
            } else {
                escape_cell(&i.owner)
            }
        )?;
    }
    writeln!(out)
}

/// Open work by owner: checklist items and rectifications.
pub fn write_owners(out: &mut dyn Write, o: &Overview) -> io::Result<()> {
    writeln!(out, "## 按负责人")?;
    writeln!(out)?;
    if o.owners.is_empty() {
        writeln!(out, "还没有指定负责人的未完成事项。")?;
        return writeln!(out);
    }
    writeln!(
        out,
        "| 负责人 | 未完成清单项 | 其中逾期 | 未关闭整改 | 其中逾期 |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for line in &o.owners {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape_cell(&line.name),
            line.items_open,
            line.items_overdue,
            line.rect_open,
            line.rect_overdue
        )?;
    }
    writeln!(out)
}
