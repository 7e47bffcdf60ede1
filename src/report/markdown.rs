//! The Markdown report. Sections are separate functions so more can be added (phases,
//! interviews, demo runs) without touching the others.

use std::io::{self, Write};

use super::Report;
use crate::domain::rectification::{
    WindowKind, describe_change, is_overdue, severity_label, source_label, stats, status_label,
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
    writeln!(out, "# 涉密信息系统集成资质（运行维护类）准备报告")?;
    writeln!(out)?;
    writeln!(out, "{}", escape_text(&super::header_line(report)))?;
    writeln!(out)
}

fn due_cell(item: &Rectification, report: &Report) -> String {
    let Some(due) = item.due else {
        return "—".to_owned();
    };
    if item.status == St::Closed {
        return due.to_string();
    }
    let days = (due - report.today()).num_days();
    if is_overdue(item, report.today()) {
        format!("{due}（逾期 {} 天）", -days)
    } else if days == 0 {
        format!("{due}（今天到期）")
    } else {
        format!("{due}（剩 {days} 天）")
    }
}

/// The 整改跟踪 section: counts, windows, a table of every item, then each item in full.
pub fn write_rectifications(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = Lang::Zh;
    let items = &report.progress.rectifications;
    let s = stats(items, report.today());
    writeln!(out, "## 整改跟踪")?;
    writeln!(out)?;
    if items.is_empty() {
        writeln!(out, "暂无整改项。")?;
        writeln!(out)?;
    } else {
        let b = s.by_status;
        writeln!(
            out,
            "共 {} 项（含已关闭）：待整改 {}、整改中 {}、待验证 {}、已关闭 {}、重新打开 {}；未关闭 {} 项，其中逾期 {} 项，本周到期 {} 项。",
            s.total,
            b.open,
            b.in_progress,
            b.awaiting_verification,
            b.closed,
            b.reopened,
            s.open,
            s.overdue,
            s.due_this_week
        )?;
        writeln!(out)?;
    }
    let timeline = &report.progress.timeline;
    for (kind, start, what) in [
        (
            WindowKind::Correction,
            timeline.correction_notice,
            "补正通知送达",
        ),
        (WindowKind::PublicNotice, timeline.public_notice, "公示开始"),
    ] {
        if let Some(start) = start {
            let w = window(report.calendar, kind, start, report.today());
            writeln!(
                out,
                "- {}：{}；{what}于 {start}",
                kind.label(lang),
                w.describe(lang)
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
        "| 编号 | 标题 | 严重程度 | 状态 | 来源 | 负责人 | 截止日期 | 证据 | 验证人 |"
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
    let lang = Lang::Zh;
    writeln!(
        out,
        "### {} {}",
        escape_text(&item.id),
        escape_text(item.title.trim())
    )?;
    writeln!(out)?;
    let mut facts = vec![
        format!("状态：{}", status_label(item.status, lang)),
        format!("严重程度：{}", severity_label(item.severity, lang)),
        format!("来源：{}", source_label(item.source, lang)),
    ];
    if !item.link.is_empty() {
        facts.push(format!("关联：{}", escape_text(&item.link)));
    }
    writeln!(out, "- {}", facts.join(" · "))?;
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            escape_text(s)
        }
    };
    writeln!(
        out,
        "- 负责人：{} · 截止：{}",
        or_dash(&item.owner),
        due_cell(item, report)
    )?;
    writeln!(
        out,
        "- 证据：{} · 验证人：{}",
        or_dash(&item.evidence),
        or_dash(&item.verifier)
    )?;
    writeln!(out)?;
    for (label, text) in [
        ("问题描述", &item.description),
        ("原因分析", &item.root_cause),
        ("整改措施", &item.action),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        writeln!(out, "**{label}**")?;
        writeln!(out)?;
        for line in text.lines() {
            writeln!(out, "{}  ", escape_text(line))?;
        }
        writeln!(out)?;
    }
    if item.history.is_empty() {
        return Ok(());
    }
    writeln!(out, "**变更记录**（{} 条）", item.history.len())?;
    writeln!(out)?;
    for entry in &item.history {
        writeln!(out, "- {}", escape_text(&describe_change(entry, lang)))?;
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
