//! The date grammar: every accepted form, the two kinds of refusal, and no panic on any input.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::content::load_built_in;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

fn calendar() -> WorkCalendar {
    let content = load_built_in().expect("built-in content loads");
    WorkCalendar::from_content(&content.calendar)
}

#[test]
fn iso_slash_dot_chinese_compact_and_full_width_dates_all_read_the_same() {
    for text in [
        "2026-12-08",
        "2026/12/8",
        "2026.12.8",
        " 2026 / 12 / 08 ",
        "２０２６－１２－０８",
        "２０２６／１２／８",
        "2026年12月8日",
        "2026年12月8",
        "20261208",
    ] {
        assert_eq!(parse(text), Ok(Some(Typed::Date(d(2026, 12, 8)))), "{text}");
    }
}

#[test]
fn empty_or_blank_text_is_no_date() {
    assert_eq!(parse(""), Ok(None));
    assert_eq!(parse("  \u{3000} "), Ok(None));
    let today = d(2026, 3, 2);
    assert_eq!(resolve(" ", today, &calendar()), Ok(None));
    assert!(matches!(
        resolve_required(" ", today, &calendar()),
        Err(DateInputError::Unreadable { .. })
    ));
}

#[test]
fn today_and_tomorrow_in_chinese_and_english() {
    let cal = calendar();
    let today = d(2026, 12, 31);
    for text in ["今天", "今日", "today", "Today", " TODAY "] {
        assert_eq!(
            resolve(text, today, &cal).expect(text).map(|r| r.date),
            Some(today)
        );
    }
    for text in ["明天", "明日", "tomorrow"] {
        assert_eq!(
            resolve(text, today, &cal).expect(text).map(|r| r.date),
            Some(d(2027, 1, 1)),
            "tomorrow is the next calendar day, holiday or not"
        );
    }
}

#[test]
fn plus_n_counts_working_days_by_the_calendar_with_today_as_day_zero() {
    let cal = calendar();
    // 2026-09-30 is a Wednesday before 国庆 (10-01..07 off).
    let today = d(2026, 9, 30);
    let one = resolve_required("+1", today, &cal).expect("+1");
    assert_eq!(one.date, d(2026, 10, 8));
    assert_eq!(one.working_days, Some(1));
    assert!(one.covered);
    assert_eq!(
        resolve_required("＋３", today, &cal)
            .expect("full width")
            .date,
        d(2026, 10, 10),
        "10-10 is a make-up working Saturday"
    );
    assert_eq!(resolve_required("+0", today, &cal).expect("+0").date, today);
    assert_eq!(
        resolve_required("+999", today, &cal)
            .expect("+999")
            .working_days,
        Some(999)
    );
}

#[test]
fn plus_n_past_the_calendar_is_counted_monday_to_friday_and_says_so() {
    let due = resolve_required("+5", d(2026, 12, 28), &calendar()).expect("+5");
    assert_eq!(due.date.year(), 2027);
    assert!(!due.covered);
}

#[test]
fn a_date_that_does_not_exist_is_told_apart_from_an_unreadable_one() {
    for (text, y, m, day) in [
        ("2026-13-40", 2026, 13, 40),
        ("2026-02-30", 2026, 2, 30),
        ("2026/4/31", 2026, 4, 31),
        ("2026-00-10", 2026, 0, 10),
        ("2025-02-29", 2025, 2, 29),
    ] {
        let err = parse(text).expect_err(text);
        assert_eq!(
            err,
            DateInputError::Impossible {
                year: y,
                month: m,
                day
            }
        );
        assert!(err.to_string().starts_with("不存在的日期"), "{err}");
        assert!(err.message(Lang::En).starts_with("No such date"));
    }
    assert_eq!(parse("2028-02-29"), Ok(Some(Typed::Date(d(2028, 2, 29)))));
}

#[test]
fn unreadable_text_is_refused_with_the_forms_that_are_accepted() {
    for text in [
        "三月",
        "12-09",
        "26-12-09",
        "2026-12",
        "2026-12-09-01",
        "2026-123-1",
        "-3",
        "2026--1",
        "next week",
        "99999999999999999999",
        "2026-12-08x",
    ] {
        let err = parse(text).expect_err(text);
        assert!(
            matches!(err, DateInputError::Unreadable { .. }),
            "{text}: {err:?}"
        );
        let message = err.to_string();
        assert!(message.starts_with("无法识别的日期格式"), "{message}");
        for form in ["2026-12-08", "2026/12/8", "2026.12.8", "+5", "今天", "明天"] {
            assert!(message.contains(form), "{message} lists {form}");
        }
        assert!(err.message(Lang::En).contains("tomorrow"));
    }
}

#[test]
fn plus_n_outside_zero_to_999_is_refused_as_such() {
    for text in ["+", "+x", "+1000", "+-1", "+1.5", "+99999999999999999999"] {
        assert_eq!(parse(text), Err(DateInputError::BadWorkingDays), "{text}");
    }
}

#[test]
fn counting_past_the_last_representable_date_is_an_error_not_a_panic() {
    let cal = WorkCalendar::default();
    assert_eq!(
        resolve("明天", NaiveDate::MAX, &cal),
        Err(DateInputError::OutOfRange)
    );
    assert_eq!(
        resolve("+5", NaiveDate::MAX, &cal),
        Err(DateInputError::OutOfRange)
    );
}

#[test]
fn a_date_is_complete_once_its_day_cannot_grow_into_another() {
    assert!(is_complete_date("2026-03-15"));
    assert!(is_complete_date("2026/3/15"));
    assert!(
        !is_complete_date("2026/3/5"),
        "Enter takes it; typing goes on to 2026/3/5x"
    );
    assert!(is_complete_date("2026年3月1日"));
    assert!(is_complete_date("20260301"));
    assert!(!is_complete_date("2026-03-1"));
    assert!(!is_complete_date("2026-03-3"));
    assert!(!is_complete_date("2026-03"));
    assert!(!is_complete_date("+5"));
    assert!(!is_complete_date("今天"));
    assert!(!is_complete_date("2026-02-30"));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1000i32..=9999, 1u32..=366).prop_map(|(y, ordinal)| {
        NaiveDate::from_yo_opt(y, ordinal)
            .or_else(|| NaiveDate::from_yo_opt(y, 365))
            .expect("ordinal 365 exists in every year")
    })
}

proptest! {
    #[test]
    fn every_written_form_of_a_date_reads_back_as_that_date(date in any_date()) {
        let (y, m, day) = (date.year(), date.month(), date.day());
        for text in [
            format!("{y}-{m:02}-{day:02}"),
            format!("{y}/{m}/{day}"),
            format!("{y}.{m}.{day}"),
            format!("{y}年{m}月{day}日"),
            format!("{y}{m:02}{day:02}"),
        ] {
            prop_assert_eq!(parse(&text), Ok(Some(Typed::Date(date))), "{}", text);
        }
    }

    #[test]
    fn any_numbers_give_the_date_or_say_it_does_not_exist(
        y in 1000u32..=9999, m in 0u32..=99, day in 0u32..=99
    ) {
        let text = format!("{y}-{m}-{day}");
        let expected = NaiveDate::from_ymd_opt(i32::try_from(y).expect("small"), m, day);
        match parse(&text) {
            Ok(Some(Typed::Date(date))) => prop_assert_eq!(Some(date), expected),
            Err(DateInputError::Impossible { .. }) => prop_assert!(expected.is_none()),
            other => prop_assert!(false, "{} gave {:?}", text, other),
        }
    }

    #[test]
    fn no_text_makes_the_grammar_panic(text in "\\PC{0,24}", n in 0u32..=2000) {
        let cal = WorkCalendar::default();
        let _ = resolve(&text, NaiveDate::MAX, &cal);
        let _ = resolve(&format!("+{n}"), NaiveDate::MAX, &cal);
        let _ = is_complete_date(&text);
    }
}
