//! Both reports from one fixed progress file (`tests/fixtures/report-progress.json`) at one
//! fixed time: golden copies of each (insta), and the same sections in the same order in the
//! Markdown and the HTML.

#![cfg(test)]

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use zizhi::content::load_built_in;
use zizhi::domain::calendar::WorkCalendar;
use zizhi::i18n::Lang;
use zizhi::progress::decode;
use zizhi::report::{self, Format, Meta, Report};

fn render(format: Format) -> String {
    render_in(format, Lang::Zh)
}

fn render_in(format: Format, lang: Lang) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report-progress.json");
    let text = fs::read_to_string(path).expect("the fixture");
    let progress = decode(&text).expect("the fixture decodes").progress;
    let content = load_built_in().expect("built-in content");
    let calendar = WorkCalendar::from_content(&content.calendar);
    let meta = Meta {
        organisation: "某某信息技术有限公司".into(),
        author: "赵强".into(),
        marking: "内部资料 注意保密".into(),
    };
    let report = Report {
        content: &content,
        progress: &progress,
        calendar: &calendar,
        now: NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(16, 0, 0))
            .expect("a time"),
        meta: &meta,
        lang,
    };
    let mut out = Vec::new();
    report::write(format, &mut out, &report).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

/// Markdown headings of level 2 and 3, as text.
fn markdown_sections(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(unescape)
        .collect()
}

/// `<h2>` and `<h3>` texts of the HTML, tags removed.
fn html_sections(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h2>").or_else(|| rest.find("<h3>")) {
        let h2 = rest.find("<h2>");
        let h3 = rest.find("<h3>");
        let start = match (h2, h3) {
            (Some(a), Some(b)) => a.min(b),
            _ => start,
        };
        let end = rest[start..].find("</h").expect("closed") + start;
        out.push(unescape(&strip_tags(&rest[start + 4..end])));
        rest = &rest[end..];
    }
    out
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("\\[", "[")
        .replace("\\]", "]")
        .replace("\\_", "_")
        .replace("\\*", "*")
        .replace("\\`", "`")
        .replace("\\\\", "\\")
}

#[test]
fn markdown_and_html_have_the_same_sections_in_the_same_order_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let md = markdown_sections(&render_in(Format::Md, lang));
        let html = html_sections(&render_in(Format::Html, lang));
        assert!(md.len() > 10, "{lang:?}: {md:?}");
        assert_eq!(md, html, "{lang:?}");
    }
}

#[test]
fn both_carry_what_a_manager_files() {
    for format in [Format::Md, Format::Html] {
        let text = render(format);
        for must in [
            "内部资料 注意保密",
            "单位：某某信息技术有限公司",
            "编制：赵强",
            "生成时间：2026-12-03 16:00",
            concat!("zizhi ", env!("CARGO_PKG_VERSION")),
            "尚未自评",
            // The closed item, with its evidence, verifier and history.
            "ZG-002",
            "PX-2026-Q3-签到表",
            "已核对原件",
            "补签并改为当场收回",
            // Overdue as words, not colour only.
            "2026-11-26（逾期 7 天）",
            "补正期",
            // An overdue checklist item and the by-owner section.
            "sa-type-business-inventory",
            "逾期 13 天",
            "按负责人",
        ] {
            assert!(text.contains(must), "{format:?} lacks {must}");
        }
        assert!(
            !text.contains("0.0 分"),
            "{format:?}: a score before any rating"
        );
        assert!(
            !text.contains("<script>"),
            "{format:?}: user HTML passed through"
        );
    }
}

#[test]
fn the_html_prints_with_repeated_headers_page_numbers_and_the_marking_on_every_page() {
    let html = render(Format::Html);
    assert!(html.contains("<thead>") && !html.contains("<table><tr>"));
    assert!(html.contains("counter(page)"));
    assert!(html.contains("@top-center { content: \"内部资料 注意保密\""));
    assert!(html.contains("WenQuanYi Micro Hei") && html.contains("Noto Sans SC"));
    assert!(html.contains("class=\"legend\""));
}

#[test]
fn golden_markdown() {
    insta::assert_snapshot!("report_markdown", render(Format::Md));
}

#[test]
fn golden_html() {
    insta::assert_snapshot!("report_html", render(Format::Html));
}

#[test]
fn golden_markdown_in_english() {
    insta::assert_snapshot!("report_markdown_en", render_in(Format::Md, Lang::En));
}

#[test]
fn golden_html_in_english() {
    insta::assert_snapshot!("report_html_en", render_in(Format::Html, Lang::En));
}
