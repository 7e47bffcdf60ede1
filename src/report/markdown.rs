//! The Markdown report. Sections are separate functions so more can be added (phases,
//! interviews, demo runs) without touching the others.

use std::io::{self, Write};

use super::Report;
use crate::domain::rectification::{
    ByStatus, RectStats, WindowKind, is_overdue, severity_label, source_label, stats, status_label,
    window,
};
use crate::i18n::Lang;
use crate::progress::{Rectification, RectificationStatus as St};

/// Text from users or content as Markdown that renders as that text: HTML tags become text
/// (`<script>`, `<img onerror>`), and links cannot be formed (`[x](javascript:…)`,
/// `<javascript:…>`), because `&`, `<`, `>`, brackets and backslashes are escaped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '[' | ']' | '`' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table cell: escaped as `escape_text` does, pipes escaped, line breaks as `<br>`,
/// surrounding space trimmed.
pub fn escape_cell(text: &str) -> String {
    escape_text(text.trim())
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::management as m;
    let o = super::overview::overview(report);
    let timeline = &report.progress.timeline;
    write_header(out, report)?;
    m::write_summary(out, &o)?;
    m::write_score(out, &o, &report.content.scoring.note)?;
    m::write_phases(out, &o)?;
    m::write_overdue_items(out, &o)?;
    m::write_timeline(
        out,
        &o,
        timeline.green_channel,
        timeline.parallel_preparation,
    )?;
    write_rectifications(out, report)?;
    m::write_owners(out, &o)?;
    m::write_interviews(out, &o)?;
    super::staff::write_markdown(out, report)?;
    m::write_sops(out, &o)?;
    Ok(())
}

fn write_header(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let meta = report.meta;
    if !meta.marking.trim().is_empty() {
        writeln!(out, "**{}**", escape_text(meta.marking.trim()))?;
        writeln!(out)?;
    }
    writeln!(out, "# {}", super::title(report.lang))?;
    writeln!(out)?;
    writeln!(out, "{}", escape_text(&super::header_line(report)))?;
    writeln!(out)
}

/// The due date with what it means today, in words (overdue is text, not colour only).
pub(super) fn due_cell(item: &Rectification, report: &Report) -> String {
    let Some(due) = item.due else {
        return "—".to_owned();
    };
    if item.status == St::Closed {
        return due.to_string();
    }
    let days = (due - report.today()).num_days();
    match (report.lang, is_overdue(item, report.today()), days == 0) {
        (Lang::Zh, true, _) => format!("{due}（逾期 {} 天）", -days),
        (Lang::Zh, false, true) => format!("{due}（今天到期）"),
        (Lang::Zh, false, false) => format!("{due}（剩 {days} 天）"),
        (Lang::En, true, _) => format!("{due} ({} days overdue)", -days),
        (Lang::En, false, true) => format!("{due} (due today)"),
        (Lang::En, false, false) => format!("{due} ({days} days left)"),
    }
}

/// The counts line of the 整改跟踪 section.
pub fn rectification_counts(s: &RectStats, lang: Lang) -> String {
    let RectStats {
        total,
        open: not_closed,
        overdue,
        due_this_week,
        by_status:
            ByStatus {
                open,
                in_progress,
                awaiting_verification: awaiting,
                closed,
                reopened,
            },
    } = *s;
    match lang {
        Lang::Zh => format!(
            "共 {total} 项（含已关闭）：待整改 {open}、整改中 {in_progress}、待验证 {awaiting}、已关闭 {closed}、重新打开 {reopened}；未关闭 {not_closed} 项，其中逾期 {overdue} 项，本周到期 {due_this_week} 项。"
        ),
        Lang::En => format!(
            "{total} items (closed included): {open} open, {in_progress} in progress, {awaiting} awaiting verification, {closed} closed, {reopened} reopened; {not_closed} not closed, {overdue} of them overdue, {due_this_week} due this week."
        ),
    }
}

/// "- 补正期：…；补正通知送达于 2026-…" for the correction and public-notice windows.
pub fn window_line(
    lang: Lang,
    kind: WindowKind,
    described: &str,
    start: chrono::NaiveDate,
) -> String {
    let what = match kind {
        WindowKind::Correction => lang.t("补正通知送达", "correction notice served"),
        WindowKind::PublicNotice => lang.t("公示开始", "public notice began"),
    };
    match lang {
        Lang::Zh => format!("{}：{described}；{what}于 {start}", kind.label(lang)),
        Lang::En => format!("{}: {described}; {what} on {start}", kind.label(lang)),
    }
}

/// The 整改跟踪 section: counts, windows, a table of every item, then each item in full.
pub fn write_rectifications(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    let items = &report.progress.rectifications;
    let s = stats(items, report.today());
    writeln!(out, "## {}", lang.t("整改跟踪", "Rectification tracking"))?;
    writeln!(out)?;
    if items.is_empty() {
        writeln!(
            out,
            "{}",
            lang.t("暂无整改项。", "No rectification items yet.")
        )?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", rectification_counts(&s, lang))?;
        writeln!(out)?;
    }
    let timeline = &report.progress.timeline;
    for (kind, start) in [
        (WindowKind::Correction, timeline.correction_notice),
        (WindowKind::PublicNotice, timeline.public_notice),
    ] {
        if let Some(start) = start {
            let w = window(report.calendar, kind, start, report.today());
            writeln!(
                out,
                "- {}",
                window_line(lang, kind, &w.describe(lang), start)
            )?;
        }
    }
    if timeline.correction_notice.is_some() || timeline.public_notice.is_some() {
        writeln!(out)?;
    }
    if items.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        lang.t(
            "| 编号 | 标题 | 严重程度 | 状态 | 来源 | 负责人 | 截止日期 | 证据 | 验证人 |",
            "| ID | Title | Severity | Status | Source | Owner | Due | Evidence | Verifier |"
        )
    )?;
    writeln!(
        out,
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    )?;
    for item in items {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            escape_cell(&item.id),
            escape_cell(&item.title),
            severity_label(item.severity, lang),
            status_label(item.status, lang),
            source_label(item.source, lang),
            escape_cell(&item.owner),
            due_cell(item, report),
            escape_cell(&item.evidence),
            escape_cell(&item.verifier),
        )?;
    }
    writeln!(out)?;
    for item in items {
        write_item(out, item, report)?;
    }
    Ok(())
}

fn write_item(out: &mut dyn Write, item: &Rectification, report: &Report) -> io::Result<()> {
    let b = super::rect_block::block(item, report);
    writeln!(out, "### {} {}", escape_text(&b.id), escape_text(&b.title))?;
    writeln!(out)?;
    for line in &b.facts {
        let facts: Vec<String> = line
            .iter()
            .map(|f| format!("{}{}", f.label, escape_text(&f.value)))
            .collect();
        writeln!(out, "- {}", facts.join(" · "))?;
    }
    writeln!(out)?;
    for (label, text) in &b.texts {
        writeln!(out, "**{label}**")?;
        writeln!(out)?;
        for line in text.lines() {
            writeln!(out, "{}  ", escape_text(line))?;
        }
        writeln!(out)?;
    }
    let Some(history) = &b.history else {
        return Ok(());
    };
    writeln!(out, "**{}**{}", history.label, history.count)?;
    writeln!(out)?;
    for line in &history.lines {
        writeln!(out, "- {}", escape_text(line))?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_unsafe_links_in_user_text_render_as_text() {
        assert_eq!(
            escape_text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape_text("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape_text("[点我](javascript:alert(1))"),
            "\\[点我\\](javascript:alert(1))"
        );
        assert_eq!(
            escape_text("<javascript:alert(1)>"),
            "&lt;javascript:alert(1)&gt;"
        );
    }

    #[test]
    fn table_cells_escape_pipes_and_keep_line_breaks() {
        assert_eq!(escape_cell("甲|乙"), "甲\\|乙");
        assert_eq!(escape_cell("一\n二\r\n三"), "一<br>二<br>三");
    }
}
