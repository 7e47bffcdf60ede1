use chrono::NaiveDate;

use super::*;
use crate::progress::{Certificate, Training};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(id: &str, level: Option<Level>) -> Person {
    let mut p = Person::new(id.to_owned(), id);
    p.level = level;
    p
}

fn cert(until: NaiveDate) -> Certificate {
    Certificate {
        id: "C1".to_owned(),
        name: "保密培训证书".to_owned(),
        number: String::new(),
        issuer: String::new(),
        valid_until: Some(until),
    }
}

fn register(people: Vec<Person>) -> Progress {
    Progress {
        people,
        ..Progress::default()
    }
}

fn b_threshold(min: u32) -> Option<Threshold> {
    Some(Threshold {
        grade: "乙级",
        min,
        basis: "测试".to_owned(),
        basis_en: "test".to_owned(),
    })
}

#[test]
fn exactly_twelve_months_insured_counts_and_one_day_less_does_not() {
    let today = day(2026, 12, 3);
    let mut p = person("P1", None);
    p.insured_since = Some(day(2025, 12, 3));
    assert!(insured_a_year(&p, today));
    p.insured_since = Some(day(2025, 12, 4));
    assert!(!insured_a_year(&p, today));
}

#[test]
fn insured_since_the_31st_counts_from_the_last_day_of_a_shorter_month() {
    // 2025-02-28 + 12 months = 2026-02-28; 2024-02-29 + 12 months = 2025-02-28.
    let mut p = person("P1", None);
    p.insured_since = Some(day(2024, 2, 29));
    assert!(insured_a_year(&p, day(2025, 2, 28)));
    assert!(!insured_a_year(&p, day(2025, 2, 27)));
}

#[test]
fn a_leaver_does_not_count_towards_the_headcount() {
    let today = day(2026, 12, 3);
    let mut p = person("P1", Some(Level::None));
    p.insured_since = Some(day(2020, 1, 1));
    p.left = Some(today);
    assert!(!insured_a_year(&p, today));
    let checks = check(&register(vec![p]), b_threshold(1), None, today);
    assert_eq!((checks.active, checks.insured_12m), (0, 0));
    assert_eq!(checks.headcount_ok(), Some(false));
}

#[test]
fn the_headcount_check_passes_at_the_threshold_exactly() {
    let today = day(2026, 12, 3);
    let people = (0..3)
        .map(|i| {
            let mut p = person(&format!("P{i}"), Some(Level::None));
            p.insured_since = Some(day(2025, 12, 3));
            p
        })
        .collect();
    let progress = register(people);
    assert_eq!(
        check(&progress, b_threshold(3), None, today).headcount_ok(),
        Some(true)
    );
    assert_eq!(
        check(&progress, b_threshold(4), None, today).headcount_ok(),
        Some(false)
    );
    assert_eq!(check(&progress, None, None, today).headcount_ok(), None);
}

#[test]
fn a_certificate_expiring_today_is_flagged_but_one_just_past_90_days_is_not() {
    let today = day(2026, 12, 3);
    let mut p = person("P1", Some(Level::None));
    p.certificates = vec![
        cert(today),
        cert(day(2027, 3, 3)),
        cert(day(2027, 3, 4)),
        cert(day(2026, 12, 2)),
    ];
    let checks = check(&register(vec![p]), None, None, today);
    let days: Vec<i64> = checks.expiring_90d.iter().map(|c| c.days_left).collect();
    assert_eq!(days, vec![-1, 0, 90]);
}

#[test]
fn certificates_expiring_before_the_audit_are_listed_separately() {
    let today = day(2026, 12, 3);
    let mut p = person("P1", Some(Level::None));
    p.certificates = vec![
        cert(day(2027, 1, 10)),
        cert(day(2027, 5, 31)),
        cert(day(2027, 6, 1)),
    ];
    let checks = check(&register(vec![p]), None, Some(day(2027, 6, 1)), today);
    assert_eq!(checks.expiring_90d.len(), 1);
    let before: Vec<NaiveDate> = checks
        .expiring_before_audit
        .iter()
        .map(|c| c.valid_until)
        .collect();
    // Valid on the audit day itself is fine.
    assert_eq!(before, vec![day(2027, 5, 31)]);
}

#[test]
fn classified_staff_without_pledge_vetting_or_training_are_listed() {
    let today = day(2026, 12, 3);
    let mut ok = person("P1", Some(Level::Important));
    ok.pledge_signed = Some(day(2026, 1, 5));
    ok.vetted = Some(day(2026, 1, 4));
    ok.passport = Some(Passport::Held);
    ok.training = vec![Training {
        id: "T1".to_owned(),
        date: day(2026, 3, 1),
        hours: 4.0,
        topic: "保密法".to_owned(),
    }];
    let mut bare = person("P2", Some(Level::Core));
    bare.training = vec![Training {
        id: "T2".to_owned(),
        date: day(2025, 12, 31),
        hours: 8.0,
        topic: "去年的".to_owned(),
    }];
    let outsider = person("P3", Some(Level::None));
    let mut progress = register(vec![ok, bare, outsider]);
    let checks = check(&progress, None, None, today);
    assert_eq!(checks.missing_pledge, vec!["P2"]);
    assert_eq!(checks.missing_vetting, vec!["P2"]);
    assert_eq!(checks.short_training, vec![("P2".to_owned(), 0.0)]);
    assert_eq!(checks.passport_not_held, vec!["P2"]);
    progress.settings.training_hours = Some(4.5);
    let checks = check(&progress, None, None, today);
    let short: Vec<&str> = checks
        .short_training
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(short, vec!["P1", "P2"]);
}

#[test]
fn declassification_ending_today_still_holds_and_ends_the_day_after() {
    // 一般 by the longer version: 24 months.
    let left = day(2024, 12, 3);
    let period = declassification(Level::General, left).unwrap();
    assert_eq!(period.ends[0], (day(2025, 12, 3), day(2026, 12, 3)));
    assert_eq!(period.ends[1], (day(2025, 6, 3), day(2025, 12, 3)));
    let mut p = person("P1", Some(Level::General));
    p.left = Some(left);
    let progress = register(vec![p.clone()]);
    let today = day(2026, 12, 3);
    let checks = check(&progress, None, None, today);
    assert_eq!(checks.in_declassification.len(), 1);
    assert_eq!(checks.in_declassification[0].ends, Some(today));
    assert!(purge_allowed(&p, today).is_err());
    let tomorrow = day(2026, 12, 4);
    assert!(
        check(&progress, None, None, tomorrow)
            .in_declassification
            .is_empty()
    );
    assert_eq!(purge_allowed(&p, tomorrow), Ok(()));
}

#[test]
fn both_versions_give_each_level_its_own_lengths() {
    let left = day(2026, 1, 31);
    let core = declassification(Level::Core, left).unwrap();
    assert_eq!(core.ends[0], (day(2029, 1, 31), day(2031, 1, 31)));
    assert_eq!(core.ends[1], (day(2028, 1, 31), day(2029, 1, 31)));
    let important = declassification(Level::Important, left).unwrap();
    assert_eq!(important.latest_end(), day(2029, 1, 31));
    // Six months from 31 January ends on the last day of July.
    let general = declassification(Level::General, left).unwrap();
    assert_eq!(general.ends[1].0, day(2026, 7, 31));
    assert!(declassification(Level::None, left).is_none());
}

#[test]
fn a_leaver_with_no_level_stays_listed_without_an_end() {
    let mut p = person("P1", None);
    p.left = Some(day(2020, 1, 1));
    let checks = check(&register(vec![p.clone()]), None, None, day(2026, 12, 3));
    assert_eq!(checks.in_declassification.len(), 1);
    assert_eq!(checks.in_declassification[0].ends, None);
    // Nothing says they are bound, and nothing in the register says otherwise: the unit
    // decides; purge is allowed once they have left.
    assert_eq!(purge_allowed(&p, day(2026, 12, 3)), Ok(()));
}

#[test]
fn purge_keeps_name_level_and_dates_of_service() {
    let mut p = person("P1", Some(Level::General));
    p.hired = Some(day(2020, 1, 1));
    p.insured_since = Some(day(2020, 2, 1));
    p.left = Some(day(2022, 1, 1));
    p.pledge_signed = Some(day(2020, 1, 2));
    p.passport = Some(Passport::Held);
    p.certificates = vec![cert(day(2030, 1, 1))];
    p.roles = vec!["engineer".to_owned()];
    purge(&mut p, day(2026, 12, 3));
    assert_eq!(p.name, "P1");
    assert_eq!(p.level, Some(Level::General));
    assert_eq!(p.hired, Some(day(2020, 1, 1)));
    assert_eq!(p.insured_since, Some(day(2020, 2, 1)));
    assert_eq!(p.left, Some(day(2022, 1, 1)));
    assert!(p.certificates.is_empty() && p.roles.is_empty());
    assert_eq!((p.pledge_signed, p.passport), (None, None));
    assert_eq!(p.purged, Some(day(2026, 12, 3)));
}

#[test]
fn a_person_not_yet_left_cannot_be_purged() {
    let mut p = person("P1", Some(Level::None));
    assert_eq!(
        purge_allowed(&p, day(2026, 1, 1)),
        Err(PurgeRefusal::NotLeft)
    );
    p.left = Some(day(2026, 1, 2));
    assert_eq!(
        purge_allowed(&p, day(2026, 1, 1)),
        Err(PurgeRefusal::NotLeft)
    );
}

#[test]
fn the_filter_shows_levels_missing_documents_and_hides_finished_leavers() {
    use super::filter::{Filter, Flags};
    let today = day(2026, 12, 3);
    let mut core = person("P1", Some(Level::Core));
    core.pledge_signed = Some(day(2026, 1, 1));
    let general = person("P2", Some(Level::General));
    let mut gone = person("P3", Some(Level::General));
    gone.left = Some(day(2020, 1, 1));
    let mut leaving = person("P4", Some(Level::Core));
    leaving.left = Some(day(2026, 1, 1));
    let progress = register(vec![core, general, gone, leaving]);
    let flags = Flags::of(&check(&progress, None, None, today));
    let shown = |filter: &Filter| -> Vec<String> {
        progress
            .people
            .iter()
            .filter(|p| filter.shows(p, &flags, today))
            .map(|p| p.id.clone())
            .collect()
    };
    let mut filter = Filter::default();
    assert_eq!(shown(&filter), vec!["P1", "P2", "P4"]);
    filter.next_level();
    assert_eq!(shown(&filter), vec!["P1", "P4"]);
    filter = Filter {
        missing: true,
        ..Filter::default()
    };
    // The leaver in 脱密期 is missing too: the company does not hold their passport.
    assert_eq!(shown(&filter), vec!["P1", "P2", "P4"]);
    filter = Filter {
        leavers: true,
        ..Filter::default()
    };
    assert_eq!(shown(&filter).len(), 4);
    filter.only = Some(("未签承诺书".to_owned(), vec!["P2".to_owned()]));
    assert_eq!(shown(&filter), vec!["P2"]);
}

#[test]
fn a_failing_headcount_becomes_a_major_finding_and_a_passing_one_lists_who_counts() {
    use super::lines::check_lines;
    let today = day(2026, 12, 3);
    let mut insured = person("P1", Some(Level::None));
    insured.insured_since = Some(day(2025, 12, 3));
    let mut new = person("P2", Some(Level::None));
    new.insured_since = Some(day(2026, 6, 1));
    let progress = register(vec![insured, new]);
    let failing = check(&progress, b_threshold(2), None, today);
    let lines = check_lines(&progress, &failing, today, crate::i18n::Lang::Zh);
    assert!(lines[0].failing);
    assert_eq!(lines[0].ids, vec!["P1", "P2"]);
    let finding = lines[0].finding.as_ref().expect("a finding");
    assert_eq!(finding.severity, crate::content::Severity::Major);
    assert!(
        finding.description.contains("差 1 人"),
        "{}",
        finding.description
    );
    let passing = check(&progress, b_threshold(1), None, today);
    let lines = check_lines(&progress, &passing, today, crate::i18n::Lang::Zh);
    assert!(!lines[0].failing && lines[0].finding.is_none());
    assert_eq!(lines[0].ids, vec!["P1"]);
    assert!(lines[0].text.starts_with('✓'), "{}", lines[0].text);
}

#[test]
fn no_training_is_zero_hours_not_minus_zero() {
    let p = person("P1", Some(Level::General));
    let hours = training_hours_in_year(&p, 2026);
    assert_eq!(format!("{hours}"), "0");
}

#[test]
fn the_threshold_is_the_units_own_figure_else_the_contents_when_it_has_one() {
    use crate::content::{ThresholdKind, load_built_in};
    let mut content = load_built_in().expect("built-in");
    let mut progress = Progress::default();
    // The built-in 运行维护 figure for 乙级 (an agency repost, labelled 行业惯例); 甲级 has none.
    let built_in = threshold(&content, &progress).expect("the 乙级 figure");
    assert_eq!((built_in.grade, built_in.min), ("乙级", 15));
    assert!(built_in.basis.contains("行业惯例"), "{}", built_in.basis);
    progress.settings.target_grade = Some(crate::content::Grade::A);
    assert_eq!(threshold(&content, &progress), None);
    progress.settings.target_grade = None;
    for grade in &mut content.thresholds.grades {
        for figure in grade.figures.iter_mut() {
            if figure.kind == ThresholdKind::InsuredStaff {
                figure.value = Some(12);
            }
        }
    }
    let from_content = threshold(&content, &progress).expect("a figure");
    assert_eq!((from_content.grade, from_content.min), ("乙级", 12));
    assert!(!from_content.basis.is_empty());
    progress.settings.insured_threshold = Some(20);
    let own = threshold(&content, &progress).expect("the unit's figure");
    assert_eq!(own.min, 20);
    assert!(own.basis.starts_with("单位设置"));
}
