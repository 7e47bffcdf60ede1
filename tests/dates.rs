//! Dates at the edges: a progress file with a date chrono can hold but the domain cannot compute
//! with is refused at its line and column; the last dates accepted, and a clock set to 1900,
//! go through every screen, report and status without a panic.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use cli::Zizhi;
use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use zizhi::app::{App, Area};
use zizhi::content::load_built_in;
use zizhi::domain::calendar::WorkCalendar;
use zizhi::i18n::Lang;
use zizhi::progress::decode;
use zizhi::report::{Format, Report};
use zizhi::theme::Theme;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

/// A progress file using every kind of date the model has, all set to `date`.
fn progress_at(date: &str) -> String {
    format!(
        r#"{{
  "schema_version": 1,
  "items": {{ "sa-1": {{ "status": "in_progress", "due": "{date}", "updated": "{date}T09:00:00" }} }},
  "timeline": {{ "start": "{date}", "finished": {{ "self-assessment": "{date}" }},
                 "correction_notice": "{date}", "public_notice": "{date}", "certificate": "{date}" }}
}}
"#
    )
}

fn run_zizhi(data: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let run = Zizhi::new()
        .home(data.parent().expect("dir"))
        .data(data)
        .args(args)
        .run();
    (run.code, run.stdout, run.stderr)
}

#[test]
fn a_date_beyond_the_domains_range_is_refused_at_its_line_and_column_by_every_command() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o700)).expect("chmod");
    let data = tmp.path().join("progress.json");
    let text = "{\n  \"schema_version\": 1,\n  \"timeline\": {\"start\": \"+262142-12-31\"}\n}\n";
    fs::write(&data, text).expect("write");
    for args in [
        &["status"][..],
        &["status", "--json"][..],
        &["export", "--format", "md"][..],
        &["export", "--format", "html"][..],
    ] {
        let (code, _, stderr) = run_zizhi(&data, args);
        assert_eq!(code, Some(3), "zizhi {args:?}: {stderr}");
        assert!(stderr.contains("第 3 行"), "zizhi {args:?}: {stderr}");
        assert!(stderr.contains("日期超出范围"), "zizhi {args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert_eq!(fs::read_to_string(&data).expect("read"), text, "left alone");
}

#[test]
fn every_out_of_range_date_field_is_refused_and_the_edges_are_accepted() {
    for bad in ["+262142-12-31", "-0001-01-01", "0999-12-31", "+10000-01-01"] {
        let err = decode(&progress_at(bad)).expect_err(bad);
        assert!(err.to_string().contains("日期超出范围"), "{bad}: {err}");
    }
    for good in ["1000-01-01", "9999-12-31", "1900-01-01"] {
        decode(&progress_at(good)).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
}

#[test]
fn out_of_range_scheduler_numbers_are_refused() {
    let base = |field: &str| {
        format!(r#"{{"schema_version": 1, "reviews": {{"甲": {{"q1": {{{field}}}}}}}}}"#)
    };
    for field in [
        r#""stability": 1e30"#,
        r#""difficulty": 99"#,
        r#""history": [{"at": "2026-01-01T00:00:00", "grade": 9, "seconds": 1}]"#,
    ] {
        let text = base(field);
        match decode(&text) {
            Err(err) => assert!(err.to_string().contains("超出范围"), "{field}: {err}"),
            Ok(_) => panic!("{field} accepted"),
        }
    }
}

/// Every area drawn, and every report and status written, for `progress` at `now`.
fn exercise(progress_text: &str, now: NaiveDateTime) {
    let content = load_built_in().expect("content");
    let progress = decode(progress_text).expect("decodes").progress;
    let calendar = WorkCalendar::from_content(&content.calendar);
    for format in [Format::Md, Format::Html, Format::Csv] {
        let report = Report {
            content: &content,
            progress: &progress,
            calendar: &calendar,
            now,
            meta: &zizhi::report::Meta::default(),
            lang: zizhi::i18n::Lang::Zh,
        };
        let mut out = Vec::new();
        zizhi::report::write(format, &mut out, &report).expect("report");
    }
    for json in [false, true] {
        let mut out = Vec::new();
        zizhi::cli::status::write_status(
            &mut out,
            &content,
            &progress,
            "p",
            now,
            None,
            zizhi::cli::status::Form {
                json,
                lang: Lang::Zh,
            },
        )
        .expect("status");
    }
    let mut app = App::new(content, progress, Lang::Zh, now, (80, 24));
    let theme = Theme::new(false, false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    for area in [
        Area::Dashboard,
        Area::Checklists,
        Area::Interview,
        Area::Sop,
        Area::Rectify,
        Area::Score,
    ] {
        app.go_to(area);
        terminal
            .draw(|frame| zizhi::app::render(frame, &app, &theme))
            .expect("draw");
    }
}

#[test]
fn the_last_dates_accepted_go_through_every_screen_report_and_status() {
    for date in ["9999-12-31", "1000-01-01"] {
        exercise(&progress_at(date), at(2026, 11, 25));
    }
}

#[test]
fn a_clock_set_to_1900_or_9999_goes_through_every_screen_report_and_status() {
    for now in [at(1900, 1, 1), at(9999, 12, 31)] {
        exercise(&progress_at("2026-11-25"), now);
        exercise("{\"schema_version\": 1}", now);
    }
}
