use chrono::NaiveDate;

use super::*;
use crate::content::{Id, PhaseDuration};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn phase(id: &str, order: u32, duration: Option<(u32, u32)>) -> Phase {
    Phase {
        id: Id::new(id),
        order,
        title: id.to_owned(),
        summary: String::new(),
        duration: duration.map(|(min_days, max_days)| PhaseDuration {
            basis: Default::default(),
            min_days,
            max_days,
            label: String::new(),
        }),
        sections: Vec::new(),
    }
}

/// The source's four phases, then the cross-cutting one and the after-certificate one.
fn phases() -> Vec<Phase> {
    vec![
        phase("self", 1, Some((7, 14))),
        phase("formal", 2, Some((30, 60))),
        phase("onsite", 3, Some((60, 90))),
        phase("final", 4, Some((30, 60))),
        phase("optimise", 5, None),
        phase("after", 6, Some((365, 365))),
    ]
}

fn started(start: NaiveDate) -> Timeline {
    Timeline {
        start: Some(start),
        ..Timeline::default()
    }
}

const START: (i32, u32, u32) = (2026, 1, 5);

fn start() -> NaiveDate {
    d(START.0, START.1, START.2)
}

#[test]
fn without_options_the_plan_spans_four_to_eight_months() {
    let plan = plan(&phases(), &started(start()), start());
    assert_eq!(
        plan.phases.len(),
        4,
        "only the phases towards the certificate"
    );
    assert_eq!(plan.certificate.earliest, start() + TimeDelta::days(127));
    assert_eq!(plan.certificate.latest, start() + TimeDelta::days(224));
    assert!(plan.certificate.earliest >= add_months(start(), 4));
    assert!(plan.certificate.latest <= add_months(start(), 8));
    assert!(!plan.certificate_actual);
    assert_eq!(plan.inspection, None);
}

#[test]
fn each_phase_starts_where_the_previous_one_may_end() {
    let plan = plan(&phases(), &started(start()), start());
    assert_eq!(plan.phases[0].start, Range::at(start()));
    assert_eq!(plan.phases[1].start, plan.phases[0].end);
    assert_eq!(plan.phases[1].end.earliest, start() + TimeDelta::days(37));
    assert_eq!(plan.phases[1].end.latest, start() + TimeDelta::days(74));
    assert_eq!(plan.phases[0].state, PhaseState::Current);
    assert_eq!(plan.phases[1].state, PhaseState::Upcoming);
}

#[test]
fn parallel_preparation_saves_about_a_month() {
    let mut timeline = started(start());
    timeline.parallel_preparation = true;
    let plan = plan(&phases(), &timeline, start());
    assert_eq!(plan.certificate.earliest, start() + TimeDelta::days(97));
    assert_eq!(plan.certificate.latest, start() + TimeDelta::days(194));
}

#[test]
fn the_green_channel_caps_the_total_at_four_months() {
    let mut timeline = started(start());
    timeline.green_channel = true;
    let plan = plan(&phases(), &timeline, start());
    let cap = add_months(start(), 4);
    // 127 shortest days squeezed into the 120 days to 5 May, rounding down per phase.
    assert!(plan.certificate.latest <= cap, "{:?}", plan.certificate);
    assert!(plan.certificate.latest >= cap - TimeDelta::days(4));
    assert!(plan.certificate.is_exact());
    for p in &plan.phases {
        assert!(p.end.earliest > p.start.earliest, "no phase vanishes");
    }
}

#[test]
fn the_green_channel_does_not_hide_a_delay() {
    // Still in the first phase three months in: the rest cannot be squeezed into the past.
    let mut timeline = started(start());
    timeline.green_channel = true;
    let today = d(2026, 4, 6);
    let plan = plan(&phases(), &timeline, today);
    assert!(plan.certificate.earliest > today + TimeDelta::days(90));
}

#[test]
fn both_options_together_are_faster_than_either() {
    let mut timeline = started(start());
    timeline.green_channel = true;
    timeline.parallel_preparation = true;
    let plan = plan(&phases(), &timeline, start());
    assert_eq!(plan.certificate.latest, start() + TimeDelta::days(97));
    assert!(plan.certificate.latest < add_months(start(), 4));
}

#[test]
fn an_actual_finish_date_replaces_the_projection() {
    let mut timeline = started(start());
    timeline.finished.insert("self".into(), d(2026, 1, 30));
    let plan = plan(&phases(), &timeline, d(2026, 2, 1));
    assert_eq!(plan.phases[0].end, Range::at(d(2026, 1, 30)));
    assert_eq!(plan.phases[0].state, PhaseState::Finished);
    assert_eq!(plan.phases[1].state, PhaseState::Current);
    assert_eq!(plan.phases[1].start, Range::at(d(2026, 1, 30)));
    assert_eq!(plan.phases[1].end.earliest, d(2026, 3, 1));
}

#[test]
fn an_unfinished_phase_cannot_end_before_today() {
    // Two months in, the self-assessment is still open: it ends today at the earliest.
    let today = d(2026, 3, 5);
    let plan = plan(&phases(), &started(start()), today);
    assert_eq!(plan.phases[0].end.earliest, today);
    assert!(plan.phases[0].end.latest >= today);
}

#[test]
fn the_certificate_date_starts_the_countdowns() {
    let mut timeline = started(start());
    timeline.certificate = Some(d(2026, 6, 1));
    let plan = plan(&phases(), &timeline, d(2026, 6, 11));
    assert!(plan.certificate_actual);
    assert_eq!(plan.certificate, Range::at(d(2026, 6, 1)));
    let inspection = plan.inspection.expect("inspection countdown");
    assert_eq!(inspection.date, d(2027, 6, 1));
    assert_eq!(inspection.days_left, 355);
    let iso = plan.iso20000.expect("ISO 20000 countdown");
    assert_eq!(iso.date, d(2026, 12, 1));
    assert_eq!(iso.days_left, 173);
}

#[test]
fn without_a_start_date_the_plan_starts_today() {
    let plan = plan(&phases(), &Timeline::default(), d(2026, 4, 1));
    assert_eq!(plan.start, d(2026, 4, 1));
}
