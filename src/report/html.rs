//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing from the
//! network) with `@media print` rules for A4. Same sections as the Markdown report.

mod svg;
#[cfg(test)]
mod tests;

use std::io::{self, Write};

use super::Report;
use super::management::range;
use super::overview::{Overview, clock, overview, percent};
use crate::domain::interview_stats::Readiness;
use crate::domain::rectification::{is_overdue, severity_label, source_label, stats, status_label};
use crate::domain::timeline::PhaseState;
use crate::i18n::Lang;
use crate::progress::RectificationStatus as St;

const ZH: Lang = Lang::Zh;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  margin: 2em auto; max-width: 60em; padding: 0 1.5em; color: #1b1b1b; line-height: 1.55; }
h1 { font-size: 1.6em; border-bottom: 3px solid #1f5fa8; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-left: 5px solid #1f5fa8; padding-left: .5em; }
.meta { color: #555; }
.summary { display: flex; gap: 1em; flex-wrap: wrap; }
.card { border: 1px solid #ccd; border-radius: 6px; padding: .6em 1em; min-width: 12em; }
.card b { display: block; font-size: 1.5em; }
.good { color: #2e7d32; } .warn { color: #b3261e; } .busy { color: #c77700; }
.note { background: #fff8e1; border-left: 4px solid #c77700; padding: .5em 1em; font-size: .92em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #ccd; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; max-width: 100%; margin: .5em 0 1em; }
svg .l, svg .v, svg .t, svg .today-l { font-size: 12px; fill: #1b1b1b; }
svg .t { fill: #666; font-size: 10px; }
svg .track { fill: #eceff4; }
svg .grid { stroke: #dde; stroke-width: 1; }
svg .today { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 4 3; }
svg .today-l { fill: #b3261e; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; break-after: avoid; }
  table, svg, .card { break-inside: avoid; }
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

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let o = overview(report);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>涉密信息系统集成资质（运行维护类）准备报告</title>\n<style>");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n");
    h.push_str("<h1>涉密信息系统集成资质（运行维护类）准备报告</h1>\n");
    h.push_str(&format!(
        "<p class=\"meta\">生成日期：{} · 内容：{}</p>\n",
        report.today,
        escape(&report.content.source.to_string())
    ));
    summary(&mut h, &o);
    score(&mut h, &o, &report.content.scoring.note);
    phases(&mut h, &o);
    timeline(&mut h, &o, report);
    rectifications(&mut h, report);
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
    h.push_str(&format!(
        "<div class=\"card\">自评估算<b class=\"{}\">{:.1} 分</b>{}（按指南口径）</div>\n",
        grade_class(o),
        o.score.total,
        escape(o.score.grade.label(ZH))
    ));
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
    h.push_str(&format!(
        "<p>总分 <b class=\"{}\">{:.1} / 100</b>，{}（按指南口径：≥80 可申请乙级，≥90 可申请甲级；官方以各等级的具体条件为准）。</p>\n",
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
        h.push_str("<p>提升最快的项（每单位工作量加分最多者在前）：</p>\n<table><tr><th>#</th><th>细项</th><th>类别</th><th>下一档</th><th>加分</th><th>工作量</th></tr>\n");
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
        h.push_str("</table>\n");
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
    h.push_str(&svg::gantt(&o.plan, report.today));
    h.push_str(
        "<table><tr><th>阶段</th><th>周期</th><th>开始</th><th>结束</th><th>状态</th></tr>\n",
    );
    for p in &o.plan.phases {
        let (state, class) = match p.state {
            PhaseState::Finished => ("已完成", "good"),
            PhaseState::Current => ("进行中", "busy"),
            PhaseState::Upcoming => ("未开始", ""),
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{state}</td></tr>\n",
            escape(&p.title),
            escape(&p.label),
            range(&p.start),
            range(&p.end)
        ));
    }
    h.push_str("</table>\n");
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

fn rectifications(h: &mut String, report: &Report) {
    let items = &report.progress.rectifications;
    let s = stats(items, report.today);
    h.push_str("<h2>整改跟踪</h2>\n");
    if items.is_empty() {
        h.push_str("<p>暂无整改项。</p>\n");
        return;
    }
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
        "<p>未关闭 {} 项，其中逾期 <b class=\"{}\">{}</b> 项，本周到期 {} 项。</p>\n",
        s.open,
        if s.overdue > 0 { "warn" } else { "good" },
        s.overdue,
        s.due_this_week
    ));
    h.push_str("<table><tr><th>编号</th><th>标题</th><th>严重程度</th><th>状态</th><th>来源</th><th>负责人</th><th>截止</th></tr>\n");
    for item in items.iter().filter(|i| i.status != St::Closed) {
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        let class = if is_overdue(item, report.today) {
            " class=\"warn\""
        } else {
            ""
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{class}>{}</td></tr>\n",
            escape(&item.id),
            escape(item.title.trim()),
            severity_label(item.severity, ZH),
            status_label(item.status, ZH),
            source_label(item.source, ZH),
            escape(&item.owner),
            due
        ));
    }
    h.push_str("</table>\n");
}

fn interviews(h: &mut String, o: &Overview) {
    h.push_str("<h2>访谈准备（按人）</h2>\n");
    if o.people.is_empty() {
        h.push_str("<p>尚未登记人员。</p>\n");
        return;
    }
    h.push_str("<table><tr><th>姓名</th><th>岗位</th><th>已练/题数</th><th>待复习</th><th>答对率</th><th>要点覆盖</th><th>状态</th></tr>\n");
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
    h.push_str("</table>\n");
}

fn sops(h: &mut String, o: &Overview) {
    h.push_str("<h2>演示预演用时</h2>\n<table><tr><th>演示</th><th>步数</th><th>目标</th><th>预演次数</th><th>最好</th><th>最近</th><th>最近一次</th></tr>\n");
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
    h.push_str("</table>\n");
    if o.pending_findings > 0 {
        h.push_str(&format!(
            "<p>预演中标记、尚未转为整改项的问题：{} 条。</p>\n",
            o.pending_findings
        ));
    }
}
