//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing from the
//! network) with `@media print` rules for A4. Same sections as the Markdown report.

mod svg;
#[cfg(test)]
mod tests;

use std::io::{self, Write};

use super::Report;
use super::management::{NOT_RATED, range};
use super::overview::{Overview, clock, overview, percent};
use crate::domain::interview_stats::Readiness;
use crate::domain::rectification::{
    WindowKind, describe_change, is_overdue, severity_label, source_label, stats, status_label,
    window,
};
use crate::domain::timeline::PhaseState;
use crate::i18n::Lang;
use crate::progress::{Rectification, RectificationStatus as St};

const ZH: Lang = Lang::Zh;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", "PingFang SC", sans-serif;
  margin: 2em auto; max-width: 60em; padding: 0 1.5em; color: #1b1b1b; line-height: 1.55; }
h1 { font-size: 1.6em; border-bottom: 3px solid #1f5fa8; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-left: 5px solid #1f5fa8; padding-left: .5em; }
.meta { color: #555; }
.marking { text-align: center; font-weight: bold; letter-spacing: .2em; margin: 0 0 .5em; }
.k { white-space: nowrap; }
td.w { min-width: 11em; }
.legend { font-size: .85em; color: #333; margin: -.5em 0 1em; }
.legend span { display: inline-block; margin-right: 1.2em; white-space: nowrap; }
.legend i { display: inline-block; width: 1.4em; height: .8em; vertical-align: middle; margin-right: .3em; }
.item { border-top: 1px solid #ccd; margin-top: 1em; }
.item h3 { font-size: 1.05em; margin: .6em 0 .2em; }
.item .facts { color: #333; margin: .2em 0; }
.item h4 { font-size: .95em; margin: .6em 0 .1em; }
.item p.text { white-space: pre-wrap; margin: 0 0 .4em; }
.item ul { margin: .2em 0 .6em; padding-left: 1.4em; font-size: .92em; }
.summary { display: flex; gap: 1em; flex-wrap: wrap; }
.card { border: 1px solid #ccd; border-radius: 6px; padding: .6em 1em; min-width: 12em; }
.card b { display: block; font-size: 1.5em; }
.good { color: #2e7d32; } .warn { color: #b3261e; } .busy { color: #c77700; }
.note { background: #fff8e1; border-left: 4px solid #c77700; padding: .5em 1em; font-size: .92em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #ccd; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f8; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; max-width: 100%; margin: .5em 0 1em; }
svg .l, svg .v, svg .t, svg .today-l { font-size: 12px; fill: #1b1b1b; }
svg .t { fill: #666; font-size: 10px; }
svg .track { fill: #eceff4; }
svg .grid { stroke: #dde; stroke-width: 1; }
svg .today { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 4 3; }
svg .today-l { fill: #b3261e; }
@page { size: A4; margin: 18mm 12mm 16mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #555; }
  __MARKING_RULE__ }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  .marking { display: none; }
  thead { display: table-header-group; }
  .item { break-inside: avoid-page; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; break-after: avoid; }
  svg, .card { break-inside: avoid; }
  tr { break-inside: avoid; }
  th { background: #eef2f8 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Text for HTML: the five special characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// `text` as a CSS string literal (for the marking in the page margin).
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The start of a table with a header row that repeats on every printed page.
fn table_head(h: &mut String, headers: &[&str]) {
    h.push_str("<table><thead><tr>");
    for header in headers {
        h.push_str(&format!("<th>{header}</th>"));
    }
    h.push_str("</tr></thead><tbody>\n");
}

fn table_end(h: &mut String) {
    h.push_str("</tbody></table>\n");
}

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let o = overview(report);
    let marking = report.meta.marking.trim();
    let marking_rule = if marking.is_empty() {
        String::new()
    } else {
        format!(
            "@top-center {{ content: {}; font-weight: bold; font-size: 10pt; }}",
            css_string(marking)
        )
    };
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>涉密信息系统集成资质（运行维护类）准备报告</title>\n<style>");
    h.push_str(&CSS.replace("__MARKING_RULE__", &marking_rule));
    h.push_str("</style>\n</head>\n<body>\n");
    if !marking.is_empty() {
        h.push_str(&format!("<p class=\"marking\">{}</p>\n", escape(marking)));
    }
    h.push_str("<h1>涉密信息系统集成资质（运行维护类）准备报告</h1>\n");
    h.push_str(&format!(
        "<p class=\"meta\">{}</p>\n",
        escape(&super::header_line(report))
    ));
    summary(&mut h, &o);
    score(&mut h, &o, &report.content.scoring.note);
    phases(&mut h, &o);
    overdue_items(&mut h, &o);
    timeline(&mut h, &o, report);
    rectifications(&mut h, report);
    owners(&mut h, &o);
    interviews(&mut h, &o);
    super::staff::write_html(&mut h, report);
    sops(&mut h, &o);
    h.push_str("</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

fn grade_class(o: &Overview) -> &'static str {
    if o.score.total >= 80.0 {
        "good"
    } else {
        "warn"
    }
}

fn summary(h: &mut String, o: &Overview) {
    let cert = if o.plan.certificate_actual {
        format!("已取证 {}", o.plan.certificate.earliest)
    } else {
        range(&o.plan.certificate)
    };
    h.push_str("<h2>结论</h2>\n<div class=\"summary\">\n");
    if o.rated {
        h.push_str(&format!(
            "<div class=\"card\">自评估算<b class=\"{}\">{:.1} 分</b>{}</div>\n",
            grade_class(o),
            o.score.total,
            escape(o.score.grade.label(ZH))
        ));
    } else {
        h.push_str("<div class=\"card\">自评估算<b>尚未自评</b>按 6 定档后显示</div>\n");
    }
    h.push_str(&format!(
        "<div class=\"card\">{}<b>{}</b></div>\n",
        if o.plan.certificate_actual {
            "取证"
        } else {
            "预计取证"
        },
        escape(&cert)
    ));
    h.push_str(&format!(
        "<div class=\"card\">未关闭整改<b class=\"{}\">{} 项</b>其中逾期 {} 项</div>\n",
        if o.rect.overdue > 0 { "warn" } else { "good" },
        o.rect.open,
        o.rect.overdue
    ));
    h.push_str("</div>\n");
}

fn score(h: &mut String, o: &Overview, note: &str) {
    h.push_str("<h2>自评分（估算）</h2>\n<div class=\"note\">");
    for line in note.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str(&format!("<p>{}</p>", escape(line.trim())));
    }
    h.push_str("</div>\n");
    if !o.rated {
        h.push_str(&format!("<p>{}</p>\n", escape(NOT_RATED)));
        return;
    }
    h.push_str(&format!(
        "<p>总分 <b class=\"{}\">{:.1} / 100</b>，{}（≥80 可申请乙级，≥90 可申请甲级）。</p>\n",
        grade_class(o),
        o.score.total,
        escape(o.score.grade.label(ZH))
    ));
    let rows: Vec<(String, f64, f64, String)> = o
        .score
        .categories
        .iter()
        .map(|c| {
            (
                format!("{}（{}%）", c.title, c.weight),
                c.score,
                c.weight,
                format!("{:.1} / {}", c.score, c.weight),
            )
        })
        .collect();
    h.push_str(&svg::bars("各类别得分", &rows, "#1f5fa8"));
    if !o.gap.is_empty() {
        h.push_str("<p>提升最快的项（每单位工作量加分最多者在前）：</p>\n");
        table_head(h, &["#", "细项", "类别", "下一档", "加分", "工作量"]);
        for (i, g) in o.gap.iter().enumerate() {
            h.push_str(&format!(
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">+{:.1}</td><td class=\"n\">{}/3</td></tr>\n",
                i + 1,
                escape(&g.title),
                escape(&g.category),
                escape(&g.next_label),
                g.gain,
                g.effort
            ));
        }
        table_end(h);
    }
    if !o.trend.is_empty() {
        let points: Vec<String> = o.trend.iter().map(|(d, t)| format!("{d} {t:.1}")).collect();
        h.push_str(&format!(
            "<p>历次快照：{}</p>\n",
            escape(&points.join(" → "))
        ));
    }
}

fn phases(h: &mut String, o: &Overview) {
    h.push_str("<h2>各阶段进度</h2>\n");
    let rows: Vec<(String, f64, f64, String)> = o
        .phases
        .iter()
        .map(|p| {
            (
                p.title.clone(),
                p.ratio(),
                1.0,
                format!(
                    "{} · {}/{}",
                    percent(p.ratio()),
                    p.done + p.not_applicable,
                    p.total
                ),
            )
        })
        .collect();
    h.push_str(&svg::bars("各阶段完成率", &rows, "#2e7d32"));
}

fn timeline(h: &mut String, o: &Overview, report: &Report) {
    let t = &report.progress.timeline;
    h.push_str("<h2>时间线</h2>\n");
    h.push_str(&format!(
        "<p>{}</p>\n",
        o.timeline_start_sentence(t.green_channel, t.parallel_preparation)
    ));
    h.push_str(&svg::gantt(&o.plan, report.today()));
    h.push_str(concat!(
        "<p class=\"legend\">",
        "<span><i style=\"background:#2e7d32\"></i>已完成</span>",
        "<span><i style=\"background:#c77700\"></i>进行中</span>",
        "<span><i style=\"background:#1f5fa8\"></i>未开始</span>",
        "<span><i style=\"background:#1f5fa8;opacity:.3\"></i>实色：最早可能完成；浅色：可能延后到</span>",
        "<span><i style=\"border-left:2px dashed #b3261e;width:0\"></i>红色虚线：今天</span>",
        "</p>\n"
    ));
    table_head(h, &["阶段", "周期", "开始", "结束", "状态"]);
    for p in &o.plan.phases {
        let (state, class) = match p.state {
            PhaseState::Finished => ("已完成", "good"),
            PhaseState::Current => ("进行中", "busy"),
            PhaseState::Upcoming => ("未开始", ""),
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k {class}\">{state}</td></tr>\n",
            escape(&p.title),
            escape(&p.label),
            range(&p.start),
            range(&p.end)
        ));
    }
    table_end(h);
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
            h.push_str(&format!("<p>{label}：{}（{when}）</p>\n", c.date));
        }
    }
}

/// The due date with what it means today, in words (overdue is text, not colour only).
fn due_text(item: &Rectification, today: chrono::NaiveDate) -> String {
    let Some(due) = item.due else {
        return "—".to_owned();
    };
    if item.status == St::Closed {
        return due.to_string();
    }
    let days = (due - today).num_days();
    if is_overdue(item, today) {
        format!("{due}（逾期 {} 天）", -days)
    } else if days == 0 {
        format!("{due}（今天到期）")
    } else {
        format!("{due}（剩 {days} 天）")
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        escape(text.trim())
    }
}

fn rectifications(h: &mut String, report: &Report) {
    let items = &report.progress.rectifications;
    let today = report.today();
    let s = stats(items, today);
    h.push_str("<h2>整改跟踪</h2>\n");
    if items.is_empty() {
        h.push_str("<p>暂无整改项。</p>\n");
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
                status_label(*st, ZH).to_owned(),
                *n as f64,
                s.total as f64,
                format!("{n} 项"),
            )
        })
        .collect();
        h.push_str(&svg::bars("整改项按状态", &rows, "#c77700"));
        h.push_str(&format!(
            "<p>共 {} 项（含已关闭）：未关闭 {} 项，其中逾期 <b class=\"{}\">{}</b> 项，本周到期 {} 项。</p>\n",
            s.total,
            s.open,
            if s.overdue > 0 { "warn" } else { "good" },
            s.overdue,
            s.due_this_week
        ));
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
            let w = window(report.calendar, kind, start, today);
            h.push_str(&format!(
                "<p><b>{}</b>：{}；{what}于 <span class=\"k\">{start}</span></p>\n",
                escape(kind.label(ZH)),
                escape(&w.describe(ZH))
            ));
        }
    }
    if items.is_empty() {
        return;
    }
    table_head(
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
    );
    for item in items {
        let class = if is_overdue(item, today) { " warn" } else { "" };
        h.push_str(&format!(
            "<tr><td class=\"k\">{}</td><td class=\"w\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k\">{}</td><td class=\"k{class}\">{}</td><td{}>{}</td><td class=\"k\">{}</td></tr>\n",
            escape(&item.id),
            escape(item.title.trim()),
            severity_label(item.severity, ZH),
            status_label(item.status, ZH),
            source_label(item.source, ZH),
            or_dash(&item.owner),
            due_text(item, today),
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
        h.push_str(&format!(
            "<div class=\"item\"><h3><span class=\"k\">{}</span> {}</h3>\n",
            escape(&item.id),
            escape(item.title.trim())
        ));
        let mut facts = vec![
            format!(
                "状态：<span class=\"k\">{}</span>",
                status_label(item.status, ZH)
            ),
            format!("严重程度：{}", severity_label(item.severity, ZH)),
            format!("来源：{}", source_label(item.source, ZH)),
        ];
        if !item.link.is_empty() {
            facts.push(format!(
                "关联：<span class=\"k\">{}</span>",
                escape(&item.link)
            ));
        }
        h.push_str(&format!("<p class=\"facts\">{}</p>\n", facts.join(" · ")));
        h.push_str(&format!(
            "<p class=\"facts\">负责人：{} · 截止：<span class=\"k\">{}</span></p>\n<p class=\"facts\">证据：{} · 验证人：{}</p>\n",
            or_dash(&item.owner),
            due_text(item, today),
            or_dash(&item.evidence),
            or_dash(&item.verifier)
        ));
        for (label, text) in [
            ("问题描述", &item.description),
            ("原因分析", &item.root_cause),
            ("整改措施", &item.action),
        ] {
            if text.trim().is_empty() {
                continue;
            }
            h.push_str(&format!(
                "<h4>{label}</h4><p class=\"text\">{}</p>\n",
                escape(text.trim())
            ));
        }
        if !item.history.is_empty() {
            h.push_str(&format!(
                "<h4>变更记录（{} 条）</h4><ul>\n",
                item.history.len()
            ));
            for entry in &item.history {
                h.push_str(&format!(
                    "<li>{}</li>\n",
                    escape(&describe_change(entry, ZH))
                ));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</div>\n");
    }
}

fn overdue_items(h: &mut String, o: &Overview) {
    h.push_str("<h2>逾期的清单项</h2>\n");
    if o.overdue_items.is_empty() {
        h.push_str("<p>没有逾期的清单项。</p>\n");
        return;
    }
    table_head(h, &["编号", "事项", "阶段", "截止日期", "逾期", "负责人"]);
    for i in &o.overdue_items {
        h.push_str(&format!(
            "<tr><td class=\"k\">{}</td><td>{}</td><td>{}</td><td class=\"k\">{}</td><td class=\"k warn\">逾期 {} 天</td><td>{}</td></tr>\n",
            escape(&i.id),
            escape(&i.title),
            escape(&i.phase),
            i.due,
            -i.days_left,
            or_dash(&i.owner)
        ));
    }
    table_end(h);
}

fn owners(h: &mut String, o: &Overview) {
    h.push_str("<h2>按负责人</h2>\n");
    if o.owners.is_empty() {
        h.push_str("<p>还没有指定负责人的未完成事项。</p>\n");
        return;
    }
    table_head(
        h,
        &[
            "负责人",
            "未完成清单项",
            "其中逾期",
            "未关闭整改",
            "其中逾期",
        ],
    );
    for line in &o.owners {
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&line.name),
            line.items_open,
            line.items_overdue,
            line.rect_open,
            line.rect_overdue
        ));
    }
    table_end(h);
}

fn interviews(h: &mut String, o: &Overview) {
    h.push_str("<h2>访谈准备（按人）</h2>\n");
    if o.people.is_empty() {
        h.push_str("<p>尚未登记人员。</p>\n");
        return;
    }
    table_head(
        h,
        &[
            "姓名",
            "岗位",
            "已练/题数",
            "待复习",
            "答对率",
            "要点覆盖",
            "状态",
        ],
    );
    for p in &o.people {
        let t = &p.tally;
        let opt = |v: Option<f64>| v.map_or("—".to_owned(), percent);
        let class = if p.ready == Readiness::Ready {
            "good"
        } else {
            "warn"
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}/{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{class}\">{}</td></tr>\n",
            escape(&p.name),
            escape(&p.roles.join("、")),
            t.answered,
            t.questions,
            t.due,
            opt(t.accuracy),
            opt(t.coverage),
            p.ready.label(ZH)
        ));
    }
    table_end(h);
}

fn sops(h: &mut String, o: &Overview) {
    h.push_str("<h2>演示预演用时</h2>\n");
    table_head(
        h,
        &[
            "演示",
            "步数",
            "目标",
            "预演次数",
            "最好",
            "最近",
            "最近一次",
        ],
    );
    let opt = |v: Option<u32>| v.map_or("—".to_owned(), clock);
    for s in &o.sops {
        let over = s.last_seconds.is_some_and(|l| l > s.target_seconds);
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n{}\">{}</td><td>{}</td></tr>\n",
            escape(&s.title),
            s.steps,
            clock(s.target_seconds),
            s.runs,
            opt(s.best_seconds),
            if over { " warn" } else { "" },
            opt(s.last_seconds),
            s.last_run.map_or("—".to_owned(), |d| d.format("%Y-%m-%d").to_string())
        ));
    }
    table_end(h);
    if o.pending_findings > 0 {
        h.push_str(&format!(
            "<p>预演中标记、尚未转为整改项的问题：{} 条。</p>\n",
            o.pending_findings
        ));
    }
}
