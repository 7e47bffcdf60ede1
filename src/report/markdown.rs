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

/// A table cell: pipes escaped, line breaks as `<br>`, surrounding space trimmed.
pub fn escape_cell(text: &str) -> String {
    text.trim()
        .replace('\\', "\\\\")
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
    m::write_timeline(
        out,
        &o,
        timeline.green_channel,
        timeline.parallel_preparation,
    )?;
    write_rectifications(out, report)?;
    m::write_interviews(out, &o)?;
    super::staff::write_markdown(out, report)?;
    m::write_sops(out, &o)?;
    Ok(())
}

fn write_header(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    writeln!(out, "# 涉密信息系统集成资质（运行维护类）准备报告")?;
    writeln!(out)?;
    writeln!(
        out,
        "生成日期：{} · 内容：{}",
        report.today, report.content.source
    )?;
    writeln!(out)
}

fn due_cell(item: &Rectification, report: &Report) -> String {
    let Some(due) = item.due else {
        return String::new();
    };
    if item.status == St::Closed {
        return due.to_string();
    }
    let days = (due - report.today).num_days();
    if is_overdue(item, report.today) {
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
    let s = stats(items, report.today);
    writeln!(out, "## 整改跟踪")?;
    writeln!(out)?;
    if items.is_empty() {
        writeln!(out, "暂无整改项。")?;
        writeln!(out)?;
    } else {
        let b = s.by_status;
        writeln!(
            out,
            "共 {} 项：待整改 {}、整改中 {}、待验证 {}、已关闭 {}、重新打开 {}；未关闭 {} 项，其中逾期 {} 项，本周到期 {} 项。",
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
            let w = window(report.calendar, kind, start, report.today);
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
    writeln!(out, "### {} {}", item.id, item.title.trim())?;
    writeln!(out)?;
    let mut facts = vec![
        format!("状态：{}", status_label(item.status, lang)),
        format!("严重程度：{}", severity_label(item.severity, lang)),
        format!("来源：{}", source_label(item.source, lang)),
    ];
    if !item.link.is_empty() {
        facts.push(format!("关联：`{}`", item.link));
    }
    writeln!(out, "- {}", facts.join(" · "))?;
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    writeln!(
        out,
        "- 负责人：{} · 截止：{}",
        or_dash(&item.owner),
        or_dash(&due_cell(item, report))
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
            writeln!(out, "{line}  ")?;
        }
        writeln!(out)?;
    }
    if item.history.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<details><summary>变更记录（{} 条）</summary>",
        item.history.len()
    )?;
    writeln!(out)?;
    for entry in &item.history {
        writeln!(out, "- {}", describe_change(entry, lang))?;
    }
    writeln!(out)?;
    writeln!(out, "</details>")?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_escape_pipes_and_keep_line_breaks() {
        assert_eq!(escape_cell("甲|乙"), "甲\\|乙");
        assert_eq!(escape_cell("一\n二\r\n三"), "一<br>二<br>三");
    }
}
