//! The HTML report's 整改跟踪 section: counts by status as bars, the correction and
//! public-notice windows, a table of every item, then each item in full.

use super::super::Report;
use super::super::markdown::due_cell;
use super::{escape, or_dash, svg, table_end, table_head};
use crate::domain::rectification::{
    WindowKind, is_overdue, severity_label, source_label, stats, status_label, window,
};
use crate::i18n::Lang;
use crate::progress::{Rectification, RectificationStatus as St};

pub fn write(h: &mut String, report: &Report) {
    let lang = report.lang;
    let items = &report.progress.rectifications;
    let today = report.today();
    let s = stats(items, today);
    h.push_str(&format!(
        "<h2>{}</h2>\n",
        lang.t("整改跟踪", "Rectification tracking")
    ));
    if items.is_empty() {
        h.push_str(lang.t(
            "<p>暂无整改项。</p>\n",
            "<p>No rectification items yet.</p>\n",
        ));
    } else {
        let b = s.by_status;
        let rows: Vec<(String, f64, f64, String)> = [
            (St::Open, b.open),
            (St::InProgress, b.in_progress),
            (St::AwaitingVerification, b.awaiting_verification),
            (St::Reopened, b.reopened),
            (St::Closed, b.closed),
        ]
        .iter()
        .map(|(st, n)| {
            (
                status_label(*st, lang).to_owned(),
                *n as f64,
                s.total as f64,
                match lang {
                    Lang::Zh => format!("{n} 项"),
                    Lang::En => n.to_string(),
                },
            )
        })
        .collect();
        h.push_str(&svg::bars(
            lang.t("整改项按状态", "Rectification items by status"),
            &rows,
            "#c77700",
        ));
        let class = if s.overdue > 0 { "warn" } else { "good" };
        h.push_str(&match lang {
            Lang::Zh => format!(
                "<p>共 {} 项（含已关闭）：未关闭 {} 项，其中逾期 <b class=\"{class}\">{}</b> 项，本周到期 {} 项。</p>\n",
                s.total, s.open, s.overdue, s.due_this_week
            ),
            Lang::En => format!(
                "<p>{} items (closed included): {} not closed, <b class=\"{class}\">{}</b> of them overdue, {} due this week.</p>\n",
                s.total, s.open, s.overdue, s.due_this_week
            ),
        });
    }
    windows(h, report);
    if items.is_empty() {
        return;
    }
    match lang {
        Lang::Zh => table_head(
            h,
            &[
                "编号",
                "标题",
                "严重程度",
                "状态",
                "来源",
                "负责人",
                "截止日期",
                "证据",
                "验证人",
            ],
        ),
        Lang::En => table_head(
            h,
            &[
                "ID", "Title", "Severity", "Status", "Source", "Owner", "Due", "Evidence",
                "Verifier",
            ],
        ),
    }
    for item in items {
        let class = if is_overdue(item, today) { " warn" } else { "" };
        h.push_str(&format!(
            "<tr><td class=\"k\">{}</td><td class=\"w\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k{class}\">{}</td><td{}>{}</td><td class=\"k\">{}</td></tr>\n",
            escape(&item.id),
            escape(item.title.trim()),
            severity_label(item.severity, lang),
            status_label(item.status, lang),
            source_label(item.source, lang),
            or_dash(&item.owner),
            due_cell(item, report),
            // A reference number is kept whole; a long path may wrap.
            if item.evidence.chars().count() <= 24 {
                " class=\"k\""
            } else {
                ""
            },
            or_dash(&item.evidence),
            or_dash(&item.verifier),
        ));
    }
    table_end(h);
    for item in items {
        write_item(h, item, report);
    }
}

/// The correction and public-notice windows, when their start is recorded.
fn windows(h: &mut String, report: &Report) {
    let lang = report.lang;
    let timeline = &report.progress.timeline;
    for (kind, start) in [
        (WindowKind::Correction, timeline.correction_notice),
        (WindowKind::PublicNotice, timeline.public_notice),
    ] {
        if let Some(start) = start {
            let w = window(report.calendar, kind, start, report.today());
            let what = match kind {
                WindowKind::Correction => lang.t("补正通知送达", "correction notice served"),
                WindowKind::PublicNotice => lang.t("公示开始", "public notice began"),
            };
            let (label, described) = (escape(kind.label(lang)), escape(&w.describe(lang)));
            h.push_str(&match lang {
                Lang::Zh => format!(
                    "<p><b>{label}</b>：{described}；{what}于 <span class=\"k\">{start}</span></p>\n"
                ),
                Lang::En => format!(
                    "<p><b>{label}</b>: {described}; {what} on <span class=\"k\">{start}</span></p>\n"
                ),
            });
        }
    }
}

fn write_item(h: &mut String, item: &Rectification, report: &Report) {
    let b = super::super::rect_block::block(item, report);
    h.push_str(&format!(
        "<div class=\"item\"><h3><span class=\"k\">{}</span> {}</h3>\n",
        escape(&b.id),
        escape(&b.title)
    ));
    for line in &b.facts {
        let facts: Vec<String> = line
            .iter()
            .map(|f| {
                if f.key {
                    format!("{}<span class=\"k\">{}</span>", f.label, escape(&f.value))
                } else {
                    format!("{}{}", f.label, escape(&f.value))
                }
            })
            .collect();
        h.push_str(&format!("<p class=\"facts\">{}</p>\n", facts.join(" · ")));
    }
    for (label, text) in &b.texts {
        h.push_str(&format!(
            "<h4>{label}</h4><p class=\"text\">{}</p>\n",
            escape(text)
        ));
    }
    if let Some(history) = &b.history {
        h.push_str(&format!(
            "<h4>{}{}</h4><ul>\n",
            history.label, history.count
        ));
        for line in &history.lines {
            h.push_str(&format!("<li>{}</li>\n", escape(line)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</div>\n");
}
