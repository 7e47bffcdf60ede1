use chrono::NaiveDate;

use super::*;
use crate::content::{Content, load_built_in};
use crate::domain::calendar::WorkCalendar;
use crate::progress::{Person, Progress, Rectification};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).expect("date")
}

fn html(content: &Content, progress: &Progress) -> String {
    let calendar = WorkCalendar::from_content(&content.calendar);
    let report = Report {
        content,
        progress,
        calendar: &calendar,
        now: today().and_hms_opt(10, 0, 0).expect("time"),
        meta: &crate::report::Meta::default(),
        lang: crate::i18n::Lang::Zh,
    };
    let mut out = Vec::new();
    write(&mut out, &report).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

fn busy_progress(content: &Content) -> Progress {
    let mut progress = Progress::default();
    for c in crate::screens::score::criteria(&content.scoring) {
        progress.score_levels.insert(c.id.value.clone(), 1);
    }
    progress.timeline.start = NaiveDate::from_ymd_opt(2026, 1, 5);
    progress.timeline.certificate = None;
    progress.people.push(Person::roster_entry(
        "王<敏> & \"李\"",
        vec!["security-admin".into()],
    ));
    let item: Rectification = serde_json::from_value(serde_json::json!({
        "id": "ZG-001",
        "title": "报警<script>alert(1)</script>未联动",
        "source": "self_check",
        "severity": "major",
        "status": "open",
        "due": "2026-03-05",
        "history": []
    }))
    .expect("a rectification item");
    progress.rectifications.push(item);
    progress
}

/// Checks that every opened element is closed in order (void elements excepted) and
/// returns the problems found.
fn tag_balance(html: &str) -> Vec<String> {
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let mut stack: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            problems.push("unterminated tag".into());
            break;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        problems.push(format!("left open: {stack:?}"));
    }
    problems
}

#[test]
fn the_report_is_well_formed() {
    let content = load_built_in().expect("content");
    for progress in [Progress::default(), busy_progress(&content)] {
        let page = html(&content, &progress);
        assert_eq!(tag_balance(&page), Vec::<String>::new());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<html lang=\"zh-CN\">"));
    }
}

#[test]
fn nothing_is_loaded_from_anywhere() {
    let content = load_built_in().expect("content");
    let page = html(&content, &busy_progress(&content)).to_ascii_lowercase();
    for needle in [
        "http:", "https:", "//", "src=", "href=", "@import", "url(", "<script", "<link",
    ] {
        // "//" may appear only inside text; the report has none.
        assert!(!page.contains(needle), "found {needle}");
    }
}

#[test]
fn user_text_is_escaped() {
    let content = load_built_in().expect("content");
    let page = html(&content, &busy_progress(&content));
    assert!(page.contains("王&lt;敏&gt; &amp; &quot;李&quot;"));
    assert!(page.contains("报警&lt;script&gt;alert(1)&lt;/script&gt;未联动"));
}

#[test]
fn it_has_the_four_charts_and_print_rules() {
    let content = load_built_in().expect("content");
    let page = html(&content, &busy_progress(&content));
    assert_eq!(page.matches("<svg").count(), 4);
    for title in ["各类别得分", "各阶段完成率", "时间线", "整改项按状态"] {
        assert!(page.contains(&format!("<title>{title}</title>")), "{title}");
    }
    assert!(page.contains("@media print"));
    assert!(page.contains("size: A4"));
}

#[test]
fn the_score_and_grade_are_stated() {
    let content = load_built_in().expect("content");
    let progress = busy_progress(&content);
    let expected = crate::domain::score::score(&content.scoring, &progress.score_levels);
    let page = html(&content, &progress);
    assert!(page.contains(&format!("{:.1} / 100", expected.total)));
    assert!(page.contains(expected.grade.label(Lang::Zh)));
}
