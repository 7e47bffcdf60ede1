//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing from the
//! network) with `@media print` rules for A4. Same sections as the Markdown report.

mod rectifications;
mod svg;
#[cfg(test)]
mod tests;

use std::io::{self, Write};

use super::Report;
use super::management::{not_rated, range};
use super::overview::{Overview, overview, percent};
use super::sections;
use crate::i18n::Lang;

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
  @bottom-center { __PAGE_RULE__ font-size: 9pt; color: #555; }
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
pub(super) fn table_head(h: &mut String, headers: &[&str]) {
    h.push_str("<table><thead><tr>");
    for header in headers {
        h.push_str(&format!("<th>{header}</th>"));
    }
    h.push_str("</tr></thead><tbody>\n");
}

pub(super) fn table_end(h: &mut String) {
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
    let lang = report.lang;
    let title = super::title(lang);
    let page_rule = lang.t(
        r#"content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";"#,
        r#"content: "Page " counter(page) " of " counter(pages);"#,
    );
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.t("zh-CN", "en")
    ));
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{title}</title>\n<style>"));
    h.push_str(
        &CSS.replace("__MARKING_RULE__", &marking_rule)
            .replace("__PAGE_RULE__", page_rule),
    );
    h.push_str("</style>\n</head>\n<body>\n");
    if !marking.is_empty() {
        h.push_str(&format!("<p class=\"marking\">{}</p>\n", escape(marking)));
    }
    h.push_str(&format!("<h1>{title}</h1>\n"));
    h.push_str(&format!(
        "<p class=\"meta\">{}</p>\n",
        escape(&super::header_line(report))
    ));
    summary(&mut h, &o);
    score(&mut h, &o, &report.content.scoring.note);
    phases(&mut h, &o);
    overdue_items(&mut h, &o);
    timeline(&mut h, &o, report);
    rectifications::write(&mut h, report);
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
    let lang = o.lang;
    let cert = if o.plan.certificate_actual {
        format!(
            "{}{}",
            lang.t("已取证 ", "certified "),
            o.plan.certificate.earliest
        )
    } else {
        range(&o.plan.certificate, lang)
    };
    h.push_str(&format!(
        "<h2>{}</h2>\n<div class=\"summary\">\n",
        lang.t("结论", "Conclusion")
    ));
    if o.rated {
        h.push_str(&format!(
            "<div class=\"card\">{}<b class=\"{}\">{:.1}{}</b>{}{}</div>\n",
            lang.t("自评估算", "Self-assessment estimate"),
            grade_class(o),
            o.score.total,
            lang.t(" 分", " points"),
            escape(o.score.grade.label(lang)),
            lang.t("（按指南口径）", " (as the guide reckons)")
        ));
    } else {
        h.push_str(lang.t(
            "<div class=\"card\">自评估算<b>尚未自评</b>按 6 定档后显示</div>\n",
            "<div class=\"card\">Self-assessment estimate<b>not rated yet</b>shows once rated (key 6)</div>\n",
        ));
    }
    h.push_str(&format!(
        "<div class=\"card\">{}<b>{}</b></div>\n",
        if o.plan.certificate_actual {
            lang.t("取证", "Certificate")
        } else {
            lang.t("预计取证", "Expected certificate")
        },
        escape(&cert)
    ));
    let class = if o.rect.overdue > 0 { "warn" } else { "good" };
    h.push_str(&match lang {
        Lang::Zh => format!(
            "<div class=\"card\">未关闭整改<b class=\"{class}\">{} 项</b>其中逾期 {} 项</div>\n",
            o.rect.open, o.rect.overdue
        ),
        Lang::En => format!(
            "<div class=\"card\">Open rectifications<b class=\"{class}\">{}</b>{} of them overdue</div>\n",
            o.rect.open, o.rect.overdue
        ),
    });
    h.push_str("</div>\n");
}

fn score(h: &mut String, o: &Overview, note: &str) {
    let lang = o.lang;
    h.push_str(&format!(
        "<h2>{}</h2>\n<div class=\"note\">",
        lang.t("自评分（估算）", "Self-assessment score (estimate)")
    ));
    for line in note.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str(&format!("<p>{}</p>", escape(line.trim())));
    }
    h.push_str("</div>\n");
    if !o.rated {
        h.push_str(&format!("<p>{}</p>\n", escape(not_rated(lang))));
        return;
    }
    h.push_str(&match lang {
        Lang::Zh => format!(
            "<p>总分 <b class=\"{}\">{:.1} / 100</b>，{}（按指南口径：≥80 可申请乙级，≥90 可申请甲级；官方以各等级的具体条件为准）。</p>\n",
            grade_class(o),
            o.score.total,
            escape(o.score.grade.label(lang))
        ),
        Lang::En => format!(
            "<p>Total <b class=\"{}\">{:.1} / 100</b>, {} (as the guide reckons: ≥80 may apply for Grade B, ≥90 for Grade A; the official conditions of each grade decide).</p>\n",
            grade_class(o),
            o.score.total,
            escape(o.score.grade.label(lang))
        ),
    });
    let rows: Vec<(String, f64, f64, String)> = o
        .score
        .categories
        .iter()
        .map(|c| {
            (
                match lang {
                    Lang::Zh => format!("{}（{}%）", c.title, c.weight),
                    Lang::En => format!("{} ({}%)", c.title, c.weight),
                },
                c.score,
                c.weight,
                format!("{:.1} / {}", c.score, c.weight),
            )
        })
        .collect();
    h.push_str(&svg::bars(
        lang.t("各类别得分", "Score by category"),
        &rows,
        "#1f5fa8",
    ));
    if !o.gap.is_empty() {
        h.push_str(lang.t(
            "<p>提升最快的项（每单位工作量加分最多者在前）：</p>\n",
            "<p>Quickest gains (most points per unit of work first):</p>\n",
        ));
        match lang {
            Lang::Zh => table_head(h, &["#", "细项", "类别", "下一档", "加分", "工作量"]),
            Lang::En => table_head(
                h,
                &["#", "Item", "Category", "Next level", "Gain", "Effort"],
            ),
        }
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
            "<p>{}{}</p>\n",
            lang.t("历次快照：", "Snapshots: "),
            escape(&points.join(" → "))
        ));
    }
}

fn phases(h: &mut String, o: &Overview) {
    let lang = o.lang;
    h.push_str(&format!(
        "<h2>{}</h2>\n",
        lang.t("各阶段进度", "Progress by phase")
    ));
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
    h.push_str(&svg::bars(
        lang.t("各阶段完成率", "Done by phase"),
        &rows,
        "#2e7d32",
    ));
}

fn timeline(h: &mut String, o: &Overview, report: &Report) {
    let lang = o.lang;
    let t = &report.progress.timeline;
    h.push_str(&format!("<h2>{}</h2>\n", lang.t("时间线", "Timeline")));
    h.push_str(&format!(
        "<p>{}</p>\n",
        o.timeline_start_sentence(t.green_channel, t.parallel_preparation)
    ));
    h.push_str(&svg::gantt(&o.plan, report.today(), lang));
    h.push_str(lang.t(
        concat!(
            "<p class=\"legend\">",
            "<span><i style=\"background:#2e7d32\"></i>已完成</span>",
            "<span><i style=\"background:#c77700\"></i>进行中</span>",
            "<span><i style=\"background:#1f5fa8\"></i>未开始</span>",
            "<span><i style=\"background:#1f5fa8;opacity:.3\"></i>实色：最早可能完成；浅色：可能延后到</span>",
            "<span><i style=\"border-left:2px dashed #b3261e;width:0\"></i>红色虚线：今天</span>",
            "</p>\n"
        ),
        concat!(
            "<p class=\"legend\">",
            "<span><i style=\"background:#2e7d32\"></i>finished</span>",
            "<span><i style=\"background:#c77700\"></i>current</span>",
            "<span><i style=\"background:#1f5fa8\"></i>upcoming</span>",
            "<span><i style=\"background:#1f5fa8;opacity:.3\"></i>solid: earliest finish; pale: may slip to</span>",
            "<span><i style=\"border-left:2px dashed #b3261e;width:0\"></i>red dashed line: today</span>",
            "</p>\n"
        ),
    ));
    sections::timeline(o).html(h);
    for line in sections::after_certificate(o) {
        h.push_str(&format!("<p>{}</p>\n", escape(&line)));
    }
}

pub(super) fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        escape(text.trim())
    }
}

fn overdue_items(h: &mut String, o: &Overview) {
    sections::overdue_items(o).html(h);
}

fn owners(h: &mut String, o: &Overview) {
    sections::owners(o).html(h);
}

fn interviews(h: &mut String, o: &Overview) {
    sections::interviews(o).html(h);
}

fn sops(h: &mut String, o: &Overview) {
    sections::sops(o).html(h);
    if let Some(line) = sections::pending_findings(o) {
        h.push_str(&format!("<p>{}</p>\n", escape(&line)));
    }
}
