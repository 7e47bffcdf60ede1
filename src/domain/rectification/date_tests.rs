//! Due dates typed as "+N", the 补正 and 公示 windows, and the list's counts, filter and sort.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::content::load_built_in;
use crate::progress::RectificationStatus as St;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn stamp(by: &str) -> Stamp<'_> {
    let at: NaiveDateTime = d("2026-03-02").and_hms_opt(9, 0, 0).expect("valid time");
    Stamp { at, by }
}

fn calendar() -> WorkCalendar {
    let content = load_built_in().expect("built-in content loads");
    WorkCalendar::from_content(&content.calendar)
}

#[test]
fn plus_n_means_n_working_days_from_today() {
    let cal = calendar();
    let today = d("2026-09-30");
    let due = parse_due("+1", today, &cal, Lang::Zh).expect("parses");
    assert_eq!(due.date, Some(d("2026-10-08")));
    assert_eq!(due.working_days, Some(1));
    assert!(due.covered);
    assert_eq!(
        parse_due("＋３", today, &cal, Lang::Zh)
            .expect("full width")
            .date,
        Some(d("2026-10-10"))
    );
    assert_eq!(
        parse_due("+0", today, &cal, Lang::Zh).expect("zero").date,
        Some(today)
    );
}

#[test]
fn dates_parse_in_iso_and_common_variants_and_empty_clears() {
    let cal = calendar();
    let today = d("2026-03-02");
    for text in [
        "2026-12-09",
        " 2026/12/09 ",
        "2026.12.9",
        "２０２６－１２－０９",
    ] {
        assert_eq!(
            parse_due(text, today, &cal, Lang::Zh).expect(text).date,
            Some(d("2026-12-09"))
        );
    }
    assert_eq!(
        parse_due("", today, &cal, Lang::Zh).expect("empty").date,
        None
    );
}

#[test]
fn bad_due_text_is_refused_with_what_to_type() {
    let cal = calendar();
    let today = d("2026-03-02");
    for text in ["+", "+x", "+1000", "-3", "2026-13-01", "12-09"] {
        let err = parse_due(text, today, &cal, Lang::Zh).expect_err(text);
        assert!(
            err.contains("2026-12-08") || err.contains("+N") || err.contains("不存在"),
            "{text}: {err}"
        );
    }
    assert_eq!(
        parse_due("明天", today, &cal, Lang::Zh).expect("明天").date,
        Some(d("2026-03-03"))
    );
}

#[test]
fn plus_n_past_the_calendar_says_it_was_counted_monday_to_friday() {
    let due = parse_due("+5", d("2026-12-28"), &calendar(), Lang::Zh).expect("parses");
    assert_eq!(due.date, Some(d("2027-01-04")));
    assert!(!due.covered);
}

#[test]
fn a_correction_notice_ends_on_the_earlier_of_fifteen_days_and_ten_working_days() {
    let cal = calendar();
    let w = window(
        &cal,
        WindowKind::Correction,
        d("2026-09-24"),
        d("2026-09-24"),
    );
    // Ten working days (09-25..27 中秋, 10-01..07 国庆, 10-10 a make-up Saturday): 09-28,
    // 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14, 10-15. Fifteen days: 10-09, a
    // Friday and a working day: the earlier.
    assert_eq!(w.end, d("2026-10-09"));
    assert_eq!(w.working_days_left, 5);
    assert_eq!(w.state, WindowState::Running);
    assert_eq!(
        w.describe(Lang::Zh),
        "还剩 5 个工作日（截止 2026-10-09）·官方十五日"
    );
}

#[test]
fn a_window_counts_down_ends_today_and_then_has_ended() {
    let cal = calendar();
    let start = d("2026-03-02");
    let running = window(&cal, WindowKind::PublicNotice, start, d("2026-03-09"));
    assert_eq!(running.end, d("2026-03-11"));
    assert_eq!(running.working_days_left, 2);
    let last = window(&cal, WindowKind::PublicNotice, start, d("2026-03-11"));
    assert_eq!(last.state, WindowState::EndsToday);
    assert_eq!(last.describe(Lang::Zh), "今天截止（2026-03-11）");
    let over = window(&cal, WindowKind::PublicNotice, start, d("2026-03-12"));
    assert_eq!(over.state, WindowState::Ended);
    assert!(!over.is_live());
    let ahead = window(&cal, WindowKind::PublicNotice, start, d("2026-02-27"));
    assert_eq!(ahead.state, WindowState::NotStarted);
}

#[test]
fn counts_split_by_status_overdue_and_due_this_week() {
    let mut progress = Progress::default();
    let s = stamp("王静");
    for _ in 0..5 {
        create_from_finding(&mut progress, Finding::interview_miss("q", "题"), &s);
    }
    let items = &mut progress.rectifications;
    // Wednesday 2026-03-04: this week ends Sunday 03-08.
    items[0].due = Some(d("2026-03-03"));
    items[1].due = Some(d("2026-03-08"));
    items[1].status = St::InProgress;
    items[2].due = Some(d("2026-03-09"));
    items[3].due = Some(d("2026-03-01"));
    items[3].status = St::Closed;
    items[4].status = St::Reopened;
    let s = stats(items, d("2026-03-04"));
    assert_eq!((s.total, s.open, s.overdue, s.due_this_week), (5, 4, 1, 1));
    assert_eq!(
        s.by_status,
        ByStatus {
            open: 2,
            in_progress: 1,
            awaiting_verification: 0,
            closed: 1,
            reopened: 1
        }
    );
}

#[test]
fn the_list_sorts_by_due_or_severity_with_closed_items_last() {
    let mut progress = Progress::default();
    let s = stamp("王静");
    for _ in 0..4 {
        create_from_finding(&mut progress, Finding::interview_miss("q", "题"), &s);
    }
    let items = &mut progress.rectifications;
    items[0].due = Some(d("2026-03-20"));
    items[0].severity = Severity::Major;
    items[1].due = Some(d("2026-03-05"));
    items[1].status = St::Closed;
    items[2].due = Some(d("2026-03-10"));
    items[3].severity = Severity::Major;
    let today = d("2026-03-04");
    assert_eq!(
        visible(items, &Filter::default(), Sort::Due, today),
        vec![2, 0, 3, 1]
    );
    assert_eq!(
        visible(items, &Filter::default(), Sort::Severity, today),
        vec![0, 3, 2, 1]
    );
}

#[test]
fn filters_combine_status_source_owner_and_overdue() {
    let mut progress = Progress::default();
    let s = stamp("王静");
    create_from_finding(&mut progress, Finding::interview_miss("q", "甲"), &s);
    create_from_finding(&mut progress, Finding::sop_step("a", "b", "乙", ""), &s);
    create_from_finding(&mut progress, Finding::checklist_item("c", "丙"), &s);
    let items = &mut progress.rectifications;
    items[0].owner = "张伟".into();
    items[0].due = Some(d("2026-03-01"));
    items[1].owner = "张伟".into();
    items[2].status = St::Closed;
    let today = d("2026-03-04");
    let only = |filter: Filter| visible(items, &filter, Sort::Due, today);
    assert_eq!(
        only(Filter {
            status: StatusFilter::Unclosed,
            ..Filter::default()
        }),
        vec![0, 1]
    );
    assert_eq!(
        only(Filter {
            source: Some(FindingSource::Sop),
            ..Filter::default()
        }),
        vec![1]
    );
    assert_eq!(
        only(Filter {
            owner: OwnerFilter::Nobody,
            ..Filter::default()
        }),
        vec![2]
    );
    assert_eq!(
        only(Filter {
            owner: OwnerFilter::Named("张伟".into()),
            overdue_only: true,
            ..Filter::default()
        }),
        vec![0]
    );
    assert_eq!(owners(items), vec!["张伟".to_owned()]);
}
