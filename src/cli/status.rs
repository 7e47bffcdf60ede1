//! `zizhi status`: the dashboard's summary as text, or as JSON with stable keys.

pub mod people;
mod rectifications;
mod score;

use std::io::{self, Write};

use crate::i18n::Lang;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::content::Content;
use crate::domain::interview_stats::{self, InterviewSummary};
use crate::domain::sop_stats::{self, SopsSummary};
use crate::domain::summary::{Counts, DueItem, PhaseSummary, summarize};
use crate::domain::team_summary::{self, Member, MemberSummary};
use crate::progress::Progress;

/// The JSON document. Keys are only ever added, never renamed (see the README).
#[derive(Debug, Serialize)]
pub struct StatusJson<'a> {
    pub items: Counts,
    pub phases: Vec<PhaseSummary>,
    pub overdue: Vec<DueItem>,
    pub due_soon: Vec<DueItem>,
    pub orphaned_progress: usize,
    pub data_file: &'a str,
    pub content: String,
    pub today: NaiveDate,
    pub rectifications: rectifications::RectificationsJson,
    pub sops: SopsSummary,
    pub interview: InterviewSummary,
    pub score: score::ScoreJson,
    pub timeline: score::TimelineJson,
    /// Team mode: the team and each member's workload; `null` when working alone.
    pub team: Option<TeamJson>,
    /// The staff register's counts (人员与证书台账).
    pub people: people::PeopleJson,
}

/// The `team` object of `status --json`.
#[derive(Debug, Serialize)]
pub struct TeamJson {
    /// This person's name in the team.
    pub name: String,
    pub people: Vec<MemberSummary>,
}

/// The team as the status needs it: this person's name and every member.
#[derive(Debug, Clone)]
pub struct TeamInfo {
    pub name: String,
    pub members: Vec<Member>,
}

/// How the status is printed: JSON (stable keys, always English) or text in a language.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub json: bool,
    pub lang: Lang,
}

pub fn write_status(
    out: &mut dyn Write,
    content: &Content,
    progress: &Progress,
    data_file: &str,
    now: NaiveDateTime,
    team: Option<&TeamInfo>,
    form: Form,
) -> io::Result<()> {
    let Form { json, lang } = form;
    let today = now.date();
    let summary = summarize(content, progress, today);
    let calendar = crate::domain::calendar::WorkCalendar::from_content(&content.calendar);
    let interview = interview_stats::summarize(&content.interview, progress, now);
    let checks = crate::domain::people::check_all(content, progress, today);
    if json {
        let doc = StatusJson {
            items: summary.items,
            phases: summary.phases,
            overdue: summary.overdue,
            due_soon: summary.due_soon,
            orphaned_progress: summary.orphaned_progress,
            data_file,
            content: content.source.to_string(),
            today,
            rectifications: rectifications::json(progress, &calendar, today),
            sops: sop_stats::summarize(content, progress),
            interview,
            score: score::score_json(content, progress),
            timeline: score::timeline_json(content, progress, today),
            team: team.map(|t| TeamJson {
                name: t.name.clone(),
                people: team_summary::summarize(content, progress, &t.members, now),
            }),
            people: people::json(progress, &checks, today),
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        return writeln!(out);
    }
    let c = summary.items;
    let zh = lang == Lang::Zh;
    writeln!(
        out,
        "{}{data_file}",
        lang.t("进度文件：", "Progress file: ")
    )?;
    let source = match &content.source {
        crate::content::ContentSource::BuiltIn => lang.t("内置内容", "built-in content").to_owned(),
        other => other.to_string(),
    };
    writeln!(out, "{}{source}", lang.t("内容：", "Content: "))?;
    if zh {
        writeln!(
            out,
            "清单共 {} 项：已完成 {}，进行中 {}，不适用 {}，待办 {}",
            c.total, c.done, c.in_progress, c.not_applicable, c.todo
        )?;
    } else {
        writeln!(
            out,
            "Checklist: {} items, {} done, {} in progress, {} not applicable, {} to do",
            c.total, c.done, c.in_progress, c.not_applicable, c.todo
        )?;
    }
    writeln!(out)?;
    for (index, phase) in summary.phases.iter().enumerate() {
        writeln!(
            out,
            "  {} {}  {}/{}{}",
            index + 1,
            phase.title,
            phase.done + phase.not_applicable,
            phase.total,
            if phase.in_progress > 0 {
                format!(
                    "{}{}{}",
                    lang.t("（进行中 ", " ("),
                    phase.in_progress,
                    lang.t("）", " in progress)")
                )
            } else {
                String::new()
            }
        )?;
    }
    writeln!(out)?;
    if zh {
        writeln!(
            out,
            "逾期 {} 项，7 天内到期 {} 项",
            summary.overdue.len(),
            summary.due_soon.len()
        )?;
    } else {
        writeln!(
            out,
            "{} overdue, {} due within 7 days",
            summary.overdue.len(),
            summary.due_soon.len()
        )?;
    }
    for item in summary.overdue.iter().chain(&summary.due_soon) {
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!("  {}{}", lang.t("负责人 ", "owner "), item.owner)
        };
        let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
        writeln!(
            out,
            "  {}  {}{open}{}{close}{owner}",
            item.due, item.title, item.phase
        )?;
    }
    writeln!(out)?;
    rectifications::write_text(out, progress, &calendar, today, lang)?;
    write_sops(out, &sop_stats::summarize(content, progress), lang)?;
    if zh {
        writeln!(
            out,
            "模拟访谈：题库 {} 题、{} 个话题；名单 {} 人，答题记录 {} 条，现在到期 {} 题",
            interview.questions,
            interview.topics.len(),
            interview.people,
            interview.reviews,
            interview.due
        )?;
    } else {
        writeln!(
            out,
            "Interviews: {} questions in {} topics; {} people, {} reviews, {} due now",
            interview.questions,
            interview.topics.len(),
            interview.people,
            interview.reviews,
            interview.due
        )?;
    }
    for person in &interview.roster {
        let pct =
            |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{:.0}%", v * 100.0));
        let traps = match (person.tally.flagged, zh) {
            (0, _) => String::new(),
            (n, true) => format!("，最近的回答有 {n} 题落入陷阱"),
            (n, false) => format!(", {n} recent answers fell into a trap"),
        };
        if zh {
            writeln!(
                out,
                "  {}：已练 {}/{}，正确率 {}，要点覆盖 {}，到期 {}，{}{traps}",
                person.name,
                person.tally.answered,
                person.tally.questions,
                pct(person.tally.accuracy),
                pct(person.tally.coverage),
                person.tally.due,
                person.ready.label(lang)
            )?;
        } else {
            writeln!(
                out,
                "  {}: practised {}/{}, accuracy {}, key points {}, due {}, {}{traps}",
                person.name,
                person.tally.answered,
                person.tally.questions,
                pct(person.tally.accuracy),
                pct(person.tally.coverage),
                person.tally.due,
                person.ready.label(lang)
            )?;
        }
    }
    if interview.changed > 0 {
        if zh {
            writeln!(
                out,
                "  有 {} 条答题记录对应的题目已修改（记录保留，界面上标为「题目已修改」）",
                interview.changed
            )?;
        } else {
            writeln!(
                out,
                "  {} reviews belong to questions that have changed since (kept, marked as changed)",
                interview.changed
            )?;
        }
    }
    score::write_text(out, content, progress, today, lang)?;
    if let Some(team) = team {
        writeln!(out, "\n团队（我是 {}）：", team.name)?;
        for m in team_summary::summarize(content, progress, &team.members, now) {
            let sync = m.last_sync.map_or_else(
                || "尚无记录".to_owned(),
                |t| t.format("%Y-%m-%d %H:%M").to_string(),
            );
            writeln!(
                out,
                "  {}：未完成 {}，逾期 {}，7 天内到期 {}，演练 {} 次，最近同步 {sync}",
                m.name, m.owned_open, m.overdue, m.due_7d, m.rehearsals
            )?;
        }
    }
    people::write_text(out, progress, &checks, lang)?;
    if summary.orphaned_progress > 0 {
        if zh {
            writeln!(
                out,
                "\n注意：有 {} 条进度对应的清单项已不在当前内容中。它们仍保存在进度文件里，换回原内容即可看到。",
                summary.orphaned_progress
            )?;
        } else {
            writeln!(
                out,
                "\nNote: {} progress entries belong to checklist items not in the current content. They stay in the progress file and show again with the original content.",
                summary.orphaned_progress
            )?;
        }
    }
    Ok(())
}

fn write_sops(out: &mut dyn Write, sops: &SopsSummary, lang: Lang) -> io::Result<()> {
    writeln!(out)?;
    let last = sops.last_run.map_or_else(
        || lang.t("尚无", "none").to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    );
    if lang == Lang::Zh {
        writeln!(
            out,
            "演示预演：{} 套流程，完成预演 {} 次（未完成 {} 次），上次 {last}，待转整改 {} 条",
            sops.count, sops.runs, sops.unfinished_runs, sops.pending_findings
        )?;
    } else {
        writeln!(
            out,
            "Demo rehearsals: {} SOPs, {} finished runs ({} unfinished), last {last}, {} findings to raise",
            sops.count, sops.runs, sops.unfinished_runs, sops.pending_findings
        )?;
    }
    for line in sops.list.iter().filter(|l| l.runs > 0) {
        let time = |s: Option<u32>| {
            s.map_or_else(|| "-".to_owned(), |s| format!("{}:{:02}", s / 60, s % 60))
        };
        let format_zh = lang == Lang::Zh;
        if !format_zh {
            writeln!(
                out,
                "  {}  {} runs  best {}  last {}  target {}",
                line.title,
                line.runs,
                time(line.best_seconds),
                time(line.last_seconds),
                time(Some(line.target_seconds))
            )?;
            continue;
        }
        writeln!(
            out,
            "  {}  {} 次  最好 {}  上次 {}  目标 {}",
            line.title,
            line.runs,
            time(line.best_seconds),
            time(line.last_seconds),
            time(Some(line.target_seconds))
        )?;
    }
    Ok(())
}
