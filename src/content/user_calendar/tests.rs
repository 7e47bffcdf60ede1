use super::*;
use crate::content::load_built_in;
use crate::domain::calendar::WorkCalendar;
use std::fs;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("calendar.yaml");
    fs::write(&path, text).expect("write");
    path
}

#[test]
fn no_file_is_no_override() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(matches!(
        load_user_calendar(&dir.path().join("calendar.yaml")),
        Ok(None)
    ));
}

#[test]
fn a_user_year_replaces_the_provisional_weekends_only_year() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(
        dir.path(),
        "years: [2027]\nholidays:\n  - name: 元旦\n    off: [\"2027-01-01\"]\n    work: [\"2027-01-09\"]\n",
    );
    let user = load_user_calendar(&path).expect("valid").expect("present");
    let mut base = load_built_in().expect("built-in").calendar;
    assert!(base.provisional_years.contains(&2027));
    merge_calendar(&mut base, user);
    assert!(base.years.contains(&2026) && base.years.contains(&2027));
    assert!(!base.provisional_years.contains(&2027));
    let cal = WorkCalendar::from_content(&base);
    assert!(!cal.is_working_day(d("2027-01-01")));
    assert!(cal.is_working_day(d("2027-01-09")), "a make-up Saturday");
    // 2026 is untouched.
    assert!(!cal.is_working_day(d("2026-10-01")));
    assert!(
        cal.coverage_warning(d("2026-12-20"), d("2027-01-20"), crate::i18n::Lang::Zh)
            .is_none()
    );
}

#[test]
fn a_user_year_the_content_already_has_replaces_it_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(
        dir.path(),
        "years: [2026]\nholidays:\n  - name: 只有元旦\n    off: [\"2026-01-01\"]\n",
    );
    let user = load_user_calendar(&path).expect("valid").expect("present");
    let mut base = load_built_in().expect("built-in").calendar;
    merge_calendar(&mut base, user);
    let cal = WorkCalendar::from_content(&base);
    assert!(!cal.is_working_day(d("2026-01-01")));
    assert!(cal.is_working_day(d("2026-10-08")));
    assert!(
        cal.is_working_day(d("2026-10-01")),
        "the built-in 国庆 of 2026 was replaced"
    );
}

#[test]
fn mistakes_in_the_user_calendar_are_reported_at_their_line() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(
        dir.path(),
        "years: [2027]\nholidays:\n  - name: 春节\n    off: [\"2027-02-30\"]\n    work: [\"2027-02-10\"]\n",
    );
    let problems = load_user_calendar(&path).expect_err("invalid").to_string();
    assert!(problems.contains("calendar.yaml:4:"), "{problems}");
    assert!(problems.contains("2027-02-30"), "{problems}");
    assert!(problems.contains("calendar.yaml:5:"), "{problems}");
    assert!(problems.contains("不是周末"), "{problems}");
}
