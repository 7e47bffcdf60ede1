//! Working days by the official calendar of holidays and make-up workdays (调休).

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::content::CalendarFile;
use crate::i18n::Lang;

/// The official calendar as sets of dates; outside `years`, Monday–Friday count as working days.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    years: Vec<i32>,
    /// Years whose holiday notice is not yet in (weekends only): counts into them warn.
    provisional: Vec<i32>,
    off: HashSet<NaiveDate>,
    work: HashSet<NaiveDate>,
}

/// A date counted in working days, and whether the calendar covered every day it crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub date: NaiveDate,
    pub covered: bool,
    /// False if the count ran past the last representable date: `date` is then that date,
    /// fewer working days than asked after the start.
    pub complete: bool,
}

impl WorkCalendar {
    /// Builds the calendar from validated content (invalid dates were refused at load).
    pub fn from_content(file: &CalendarFile) -> Self {
        let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        Self {
            years: file.years.clone(),
            provisional: file.provisional_years.clone(),
            off: file
                .holidays
                .iter()
                .flat_map(|h| &h.off)
                .filter_map(|d| parse(d))
                .collect(),
            work: file
                .holidays
                .iter()
                .flat_map(|h| &h.work)
                .filter_map(|d| parse(d))
                .collect(),
        }
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }

    /// The years from `from` to `to` (inclusive) whose official holidays are not in the
    /// calendar: provisional years (weekends only) and years it does not list at all.
    pub fn missing_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let (first, last) = (from.year().min(to.year()), from.year().max(to.year()));
        (first..=last).filter(|y| !self.years.contains(y)).collect()
    }

    /// Whether `year` is listed as provisional: its notice is expected but not yet in.
    pub fn is_provisional(&self, year: i32) -> bool {
        self.provisional.contains(&year)
    }

    /// A warning for a count from `from` to `to` that crossed years without official holidays,
    /// saying how to add them; `None` when the calendar covered it all.
    pub fn coverage_warning(&self, from: NaiveDate, to: NaiveDate, lang: Lang) -> Option<String> {
        let missing = self.missing_years(from, to);
        if missing.is_empty() {
            return None;
        }
        let years = missing
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(lang.t("、", ", "));
        Some(if missing.iter().all(|y| self.is_provisional(*y)) {
            format!(
                "{}{years}{}",
                lang.t("注意：", "Note: "),
                lang.t(
                    " 年的法定节假日尚未录入（暂只按周末计算）。国务院办公厅的通知公布后，把该年的放假和调休日期写进配置目录的 calendar.yaml 即可（见 docs/calendar.md）。",
                    "'s official holidays are not in yet (counted by weekends only). Once the State Council notice is out, add them in calendar.yaml in the config directory (see docs/calendar.md).",
                )
            )
        } else {
            format!(
                "{}{years}{}",
                lang.t("注意：节假日历未覆盖 ", "Note: the holiday calendar does not cover "),
                lang.t(
                    " 年，已按周一至周五计算。可在配置目录的 calendar.yaml 里补上该年份（见 docs/calendar.md）。",
                    "; counted Monday to Friday. Add the year in calendar.yaml in the config directory (see docs/calendar.md).",
                )
            )
        })
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.work.contains(&date) {
            return true;
        }
        if self.off.contains(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The date `n` working days after `from`; `from` itself is day 0, the next working day is
    /// day 1. Stretches of ordinary weeks outside the calendar are counted a week at a time, so
    /// any `n` takes little time.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Counted {
        let mut date = from;
        let mut covered = self.covers(from);
        let mut left = n;
        while left > 0 {
            if left > 5 {
                // Whole weeks, as many as are needed and fit before the last date.
                let room = (NaiveDate::MAX - date).num_days().unsigned_abs() / 7;
                let weeks = u64::from((left - 1) / 5).min(room);
                if weeks > 0
                    && let Some(target) = date.checked_add_days(Days::new(weeks * 7))
                    && self.plain_between(date, target)
                {
                    let weeks = u32::try_from(weeks).unwrap_or(u32::MAX);
                    date = target;
                    left -= weeks * 5;
                    covered = false;
                    continue;
                }
            }
            let Some(next) = date.checked_add_days(Days::new(1)) else {
                break;
            };
            date = next;
            covered &= self.covers(date);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Counted {
            date,
            covered,
            complete: left == 0,
        }
    }

    /// Working days strictly after `from` up to and including `to` (0 if `to` is not later).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0u32;
        let mut date = from;
        while date < to {
            let weeks = (to - date).num_days() / 7;
            if weeks > 0
                && let Some(target) = date.checked_add_days(Days::new(weeks.unsigned_abs() * 7))
                && self.plain_between(date, target)
            {
                let days = u32::try_from(weeks.saturating_mul(5)).unwrap_or(u32::MAX);
                count = count.saturating_add(days);
                date = target;
                continue;
            }
            let Some(next) = date.checked_add_days(Days::new(1)) else {
                break;
            };
            date = next;
            if self.is_working_day(date) {
                count = count.saturating_add(1);
            }
        }
        count
    }

    /// Whether every day in `(from, to]` is an ordinary day: in no year the calendar covers
    /// and neither a listed holiday nor a make-up workday. Any 7 such days hold 5 working days.
    fn plain_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (first, last) = (from.year(), to.year());
        !self.years.iter().any(|&y| (first..=last).contains(&y))
            && !self
                .off
                .iter()
                .chain(&self.work)
                .any(|d| *d > from && *d <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Holiday, Id};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn calendar_2026() -> WorkCalendar {
        let holiday = |name: &str, off: &[&str], work: &[&str]| Holiday {
            name: name.into(),
            off: off.iter().map(|s| Id::new(*s)).collect(),
            work: work.iter().map(|s| Id::new(*s)).collect(),
        };
        WorkCalendar::from_content(&CalendarFile {
            provisional_years: Vec::new(),
            years: vec![2026],
            holidays: vec![
                holiday(
                    "国庆",
                    &[
                        "2026-10-01",
                        "2026-10-02",
                        "2026-10-05",
                        "2026-10-06",
                        "2026-10-07",
                    ],
                    &["2026-10-10"],
                ),
                holiday("元旦", &["2026-01-01", "2026-01-02"], &["2026-01-04"]),
            ],
        })
    }

    #[test]
    fn the_given_day_is_day_zero() {
        let cal = calendar_2026();
        assert_eq!(
            cal.add_working_days(d("2026-03-02"), 0).date,
            d("2026-03-02")
        );
        assert_eq!(
            cal.add_working_days(d("2026-03-02"), 1).date,
            d("2026-03-03")
        );
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = calendar_2026();
        // Friday + 1 working day is Monday.
        assert_eq!(
            cal.add_working_days(d("2026-03-06"), 1).date,
            d("2026-03-09")
        );
    }

    #[test]
    fn holidays_are_skipped_and_make_up_saturdays_count() {
        let cal = calendar_2026();
        // From Wed 30 Sep: day 1 is the make-up Saturday 10 Oct? No: 10-03/04 are a weekend,
        // 10-05..07 holidays, 10-08 (Thu) is day 1, 10-09 day 2, Saturday 10-10 day 3.
        assert_eq!(
            cal.add_working_days(d("2026-09-30"), 1).date,
            d("2026-10-08")
        );
        assert_eq!(
            cal.add_working_days(d("2026-09-30"), 3).date,
            d("2026-10-10")
        );
    }

    #[test]
    fn a_count_leaving_the_covered_years_says_so() {
        let cal = calendar_2026();
        let counted = cal.add_working_days(d("2026-12-30"), 3);
        assert_eq!(counted.date, d("2027-01-04"));
        assert!(!counted.covered);
        assert!(cal.add_working_days(d("2026-06-01"), 10).covered);
    }

    #[test]
    fn weeks_outside_the_calendar_count_the_same_as_day_by_day() {
        let cal = calendar_2026();
        let from = d("2030-02-13");
        let mut date = from;
        for n in 1..=400u32 {
            date = date.succ_opt().expect("date");
            while !cal.is_working_day(date) {
                date = date.succ_opt().expect("date");
            }
            assert_eq!(cal.add_working_days(from, n).date, date, "n = {n}");
            assert_eq!(cal.working_days_between(from, date), n, "n = {n}");
        }
    }

    #[test]
    fn a_count_beyond_the_last_date_stops_there_and_says_so() {
        let cal = calendar_2026();
        let counted = cal.add_working_days(d("2026-01-05"), u32::MAX);
        assert_eq!(counted.date, NaiveDate::MAX);
        assert!(!counted.complete && !counted.covered);
        assert!(cal.add_working_days(d("2026-01-05"), 100_000).complete);
        assert!(cal.working_days_between(d("2026-01-05"), NaiveDate::MAX) > 60_000_000);
    }

    #[test]
    fn working_days_between_counts_the_end_not_the_start() {
        let cal = calendar_2026();
        assert_eq!(
            cal.working_days_between(d("2026-03-02"), d("2026-03-09")),
            5
        );
        assert_eq!(
            cal.working_days_between(d("2026-03-09"), d("2026-03-02")),
            0
        );
    }

    /// The calendar shipped in `checklists/calendar.yaml`.
    fn built_in() -> WorkCalendar {
        let content = crate::content::load_built_in().expect("built-in content loads");
        WorkCalendar::from_content(&content.calendar)
    }

    fn range(from: &str, to: &str) -> Vec<NaiveDate> {
        d(from).iter_days().take_while(|x| *x <= d(to)).collect()
    }

    #[test]
    fn every_2026_holiday_from_the_state_council_notice_is_a_day_off() {
        let cal = built_in();
        for (from, to) in [
            ("2026-01-01", "2026-01-03"),
            ("2026-02-15", "2026-02-23"),
            ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"),
            ("2026-06-19", "2026-06-21"),
            ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"),
        ] {
            for day in range(from, to) {
                assert!(!cal.is_working_day(day), "{day} should be a holiday");
            }
        }
    }

    #[test]
    fn every_2026_make_up_weekend_day_is_a_working_day() {
        let cal = built_in();
        for day in [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ] {
            let day = d(day);
            assert!(
                matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                "{day} is a weekend day"
            );
            assert!(cal.is_working_day(day), "{day} is a make-up working day");
        }
    }

    #[test]
    fn ordinary_2026_weekends_stay_off_and_weekdays_stay_on() {
        let cal = built_in();
        assert!(!cal.is_working_day(d("2026-03-07")));
        assert!(!cal.is_working_day(d("2026-03-08")));
        assert!(cal.is_working_day(d("2026-03-09")));
        // The day after the Spring Festival break is an ordinary Tuesday.
        assert!(cal.is_working_day(d("2026-02-24")));
    }

    #[test]
    fn counting_across_the_spring_festival_uses_both_make_up_saturdays() {
        let cal = built_in();
        // Fri 02-13 → Sat 02-14 (make-up) is day 1, then 02-15..23 off, Tue 02-24 day 2.
        assert_eq!(
            cal.add_working_days(d("2026-02-13"), 1).date,
            d("2026-02-14")
        );
        assert_eq!(
            cal.add_working_days(d("2026-02-13"), 2).date,
            d("2026-02-24")
        );
        // Fri 02-27 → Sat 02-28 (make-up) is day 1.
        assert_eq!(
            cal.add_working_days(d("2026-02-27"), 1).date,
            d("2026-02-28")
        );
        // 02-14, 02-24..27, 02-28 and Mon 03-02.
        assert_eq!(
            cal.working_days_between(d("2026-02-13"), d("2026-03-02")),
            7
        );
    }

    #[test]
    fn counting_into_2026_from_2025_crosses_new_year_and_flags_the_uncovered_start() {
        let cal = built_in();
        // Wed 2025-12-31 (not covered) → 01-01..03 off → Sun 01-04 make-up is day 1.
        let counted = cal.add_working_days(d("2025-12-31"), 1);
        assert_eq!(counted.date, d("2026-01-04"));
        assert!(!counted.covered);
        assert_eq!(
            cal.add_working_days(d("2025-12-31"), 2).date,
            d("2026-01-05")
        );
    }

    #[test]
    fn counting_out_of_2026_into_2027_uses_monday_to_friday_and_says_so() {
        let cal = built_in();
        // Thu 2026-12-31 + 1 → Fri 2027-01-01: no 2027 calendar, so New Year's Day counts.
        let counted = cal.add_working_days(d("2026-12-31"), 1);
        assert_eq!(counted.date, d("2027-01-01"));
        assert!(!counted.covered);
        assert!(cal.add_working_days(d("2026-12-30"), 1).covered);
    }

    #[test]
    fn a_date_outside_the_calendar_counts_weekdays_only() {
        let cal = built_in();
        assert!(!cal.covers(d("2027-10-01")));
        // 2027-10-01 is a Friday; without a 2027 calendar it is a working day.
        assert!(cal.is_working_day(d("2027-10-01")));
        assert!(!cal.is_working_day(d("2027-10-02")));
        let counted = cal.add_working_days(d("2027-10-01"), 3);
        assert_eq!(counted.date, d("2027-10-06"));
        assert!(!counted.covered);
    }
}
