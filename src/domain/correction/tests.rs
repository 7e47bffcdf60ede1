use chrono::{Datelike, Days, NaiveDate};

use super::*;
use crate::content::load_built_in;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn calendar() -> WorkCalendar {
    WorkCalendar::from_content(&load_built_in().expect("built-in content").calendar)
}

fn both(notice: &str) -> (NaiveDate, NaiveDate, NaiveDate) {
    let c = correction_deadlines(&calendar(), d(notice)).expect("in range");
    (c.calendar_15, c.working_10, c.earlier().0)
}

#[test]
fn a_notice_before_the_national_day_holiday_ends_earlier_by_the_fifteen_days() {
    // The example: 15 days end 10-08, 10 working days end 10-14.
    assert_eq!(
        both("2026-09-23"),
        (d("2026-10-08"), d("2026-10-14"), d("2026-10-08"))
    );
    let c = correction_deadlines(&calendar(), d("2026-09-23")).expect("in range");
    assert_eq!(c.earlier().1, CorrectionRule::Official15);
}

#[test]
fn in_ordinary_weeks_the_ten_working_days_end_first() {
    let c = correction_deadlines(&calendar(), d("2026-03-02")).expect("in range");
    assert_eq!(
        (c.calendar_15, c.working_10),
        (d("2026-03-17"), d("2026-03-16"))
    );
    assert_eq!(c.earlier(), (d("2026-03-16"), CorrectionRule::Guide10));
}

#[test]
fn a_fifteenth_day_inside_the_spring_festival_moves_to_the_first_working_day_after_it() {
    // 02-05 + 15 = 02-20, inside 02-15..02-23: the period ends 02-24.
    assert_eq!(
        both("2026-02-05"),
        (d("2026-02-24"), d("2026-02-26"), d("2026-02-24"))
    );
}

#[test]
fn a_fifteenth_day_on_a_make_up_working_saturday_stays_there() {
    // 09-25 + 15 = 10-10, a Saturday worked in exchange for the holiday.
    let c = correction_deadlines(&calendar(), d("2026-09-25")).expect("in range");
    assert_eq!(c.calendar_15, d("2026-10-10"));
    // 02-13 + 15 = 02-28, also a make-up working Saturday.
    let c = correction_deadlines(&calendar(), d("2026-02-13")).expect("in range");
    assert_eq!(c.calendar_15, d("2026-02-28"));
}

#[test]
fn a_fifteenth_day_on_an_ordinary_sunday_moves_to_monday() {
    // 03-07 + 15 = 03-22, a Sunday.
    let c = correction_deadlines(&calendar(), d("2026-03-07")).expect("in range");
    assert_eq!(c.calendar_15, d("2026-03-23"));
}

/// Around every holiday of 2026, both deadlines follow their rule exactly, and the earlier
/// one is what the window uses.
#[test]
fn both_rules_hold_for_every_notice_date_around_every_2026_holiday() {
    let cal = calendar();
    let content = load_built_in().expect("built-in content");
    let mut checked = 0;
    let mut working_later = 0;
    for holiday in content
        .calendar
        .holidays
        .iter()
        .filter(|h| h.off.iter().any(|d| d.value.starts_with("2026")))
    {
        let first = holiday.off.iter().map(|o| d(o)).min().expect("off days");
        let last = holiday.off.iter().map(|o| d(o)).max().expect("off days");
        let mut notice = first - Days::new(25);
        while notice <= last + Days::new(5) {
            let c = correction_deadlines(&cal, notice).expect("in range");
            // Fifteen days: not before notice + 15, a working day, and every day between the
            // fifteenth day and it is a rest day.
            let fifteenth = notice + Days::new(15);
            assert!(c.calendar_15 >= fifteenth, "{notice}");
            assert!(cal.is_working_day(c.calendar_15), "{notice}");
            let mut day = fifteenth;
            while day < c.calendar_15 {
                assert!(!cal.is_working_day(day), "{notice}: {day} is a working day");
                day = day + Days::new(1);
            }
            // Ten working days: exactly ten after the notice, ending on a working day.
            assert_eq!(
                cal.working_days_between(notice, c.working_10),
                10,
                "{notice}"
            );
            assert!(cal.is_working_day(c.working_10), "{notice}");
            let (earlier, rule) = c.earlier();
            assert_eq!(earlier, c.calendar_15.min(c.working_10), "{notice}");
            assert_eq!(
                rule == CorrectionRule::Guide10,
                c.working_10 < c.calendar_15
            );
            if c.working_10 > c.calendar_15 {
                working_later += 1;
            }
            let in_2026 = [notice, c.calendar_15, c.working_10]
                .iter()
                .all(|d| d.year() == 2026);
            assert_eq!(c.covered, in_2026, "{notice}");
            checked += 1;
            notice = notice + Days::new(1);
        }
    }
    assert!(checked > 200, "{checked} dates checked");
    // The reason for the rule: around holidays the working-day count is often the later one.
    assert!(working_later > 10, "{working_later}");
}

#[test]
fn a_notice_at_the_end_of_time_has_no_deadline_rather_than_a_panic() {
    assert_eq!(correction_deadlines(&calendar(), NaiveDate::MAX), None);
}
