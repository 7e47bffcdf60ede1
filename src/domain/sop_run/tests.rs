//! The run state machine with injected time: no clock, every instant chosen by the test.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;
use crate::content::{Id, Sop, SopStep};

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_milli_opt(14, 5, 0, 400))
        .expect("valid time")
}

/// `t0` plus `secs` seconds.
fn at(secs: i64) -> NaiveDateTime {
    t0() + Duration::seconds(secs)
}

fn sop(targets: &[u32]) -> Sop {
    Sop {
        id: Id::new("sop-test"),
        title: "测试流程".into(),
        summary: String::new(),
        roles: vec!["操作员".into(), "讲解人".into(), "记录人".into()],
        steps: targets
            .iter()
            .enumerate()
            .map(|(i, &target)| SopStep {
                basis: Default::default(),
                id: Id::new(format!("s{}", i + 1)),
                title: format!("第{}步", i + 1),
                action: String::new(),
                say: String::new(),
                jargon: Vec::new(),
                auditor_focus: String::new(),
                evidence: Vec::new(),
                target_seconds: target,
            })
            .collect(),
    }
}

fn people() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("操作员".to_owned(), "张伟".to_owned()),
        ("讲解人".to_owned(), "  李娜 ".to_owned()),
        ("记录人".to_owned(), "   ".to_owned()),
    ])
}

fn seconds(run: &ActiveRun) -> Vec<(String, u32, bool)> {
    run.record()
        .steps
        .into_iter()
        .map(|s| (s.step, s.seconds, s.partial))
        .collect()
}

#[test]
fn a_started_run_times_the_first_step_and_keeps_only_named_people() {
    let run = ActiveRun::start(&sop(&[60, 90, 30]), people(), t0());
    assert!(run.is_running());
    assert_eq!(run.current(), 0);
    assert_eq!(run.started, whole_seconds(t0()));
    assert_eq!(run.step_seconds(0, at(42)), 42);
    assert_eq!(run.total_seconds(at(42)), 42);
    assert_eq!(run.target_seconds(), 180);
    assert_eq!(run.people.len(), 2);
    assert_eq!(run.people["讲解人"], "李娜");
    let record = run.record();
    assert!(!record.finished);
    assert_eq!(seconds(&run), vec![("s1".to_owned(), 0, true)]);
}

#[test]
fn next_closes_the_step_and_starts_the_clock_of_the_next_one() {
    let mut run = ActiveRun::start(&sop(&[60, 90, 30]), people(), t0());
    assert_eq!(run.next(at(50)), Advance::Moved);
    assert_eq!(run.current(), 1);
    assert!(run.is_done(0));
    assert_eq!(run.step_seconds(0, at(80)), 50);
    assert_eq!(run.step_seconds(1, at(80)), 30);
    assert_eq!(run.total_seconds(at(80)), 80);
    assert_eq!(
        seconds(&run),
        vec![("s1".to_owned(), 50, false), ("s2".to_owned(), 0, true)]
    );
}

#[test]
fn next_on_the_last_step_finishes_the_run_and_nothing_changes_it_afterwards() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    run.next(at(61));
    assert_eq!(run.next(at(161)), Advance::Finished);
    assert_eq!(run.phase(), RunPhase::Finished);
    let record = run.record();
    assert!(record.finished);
    assert_eq!(record.ended, Some(whole_seconds(at(161))));
    assert_eq!(record.total_seconds(), 161);
    assert_eq!(record.steps_done(), 2);
    // A finished run ignores every further call and its clock has stopped.
    assert_eq!(run.next(at(200)), Advance::Ignored);
    assert!(!run.back(at(200)));
    assert!(!run.pause(at(200)));
    assert!(!run.set_flag("迟到", at(200)));
    assert!(!run.abort(at(200)));
    assert_eq!(run.total_seconds(at(999)), 161);
}

#[test]
fn back_reopens_the_previous_step_and_adds_the_new_time_to_it() {
    let mut run = ActiveRun::start(&sop(&[60, 90, 30]), people(), t0());
    run.next(at(40)); // s1: 40
    assert!(run.back(at(55))); // s2: 15
    assert_eq!(run.current(), 0);
    assert!(!run.is_done(0));
    run.next(at(65)); // s1: 40 + 10
    assert_eq!(run.step_seconds(0, at(65)), 50);
    assert_eq!(run.step_seconds(1, at(75)), 25); // 15 before, 10 now
    assert_eq!(run.total_seconds(at(75)), 75);
}

#[test]
fn back_on_the_first_step_does_nothing() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    assert!(!run.back(at(10)));
    assert_eq!(run.current(), 0);
    assert_eq!(run.step_seconds(0, at(10)), 10);
}

#[test]
fn paused_time_is_not_counted_and_resume_picks_up_where_it_stopped() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    assert!(run.pause(at(20)));
    assert!(run.is_paused());
    assert!(!run.pause(at(25)), "pausing twice changes nothing");
    assert_eq!(run.step_seconds(0, at(300)), 20);
    assert_eq!(run.total_seconds(at(300)), 20);
    assert!(run.resume(at(300)));
    assert!(
        !run.resume(at(301)),
        "resuming a running run changes nothing"
    );
    assert_eq!(run.step_seconds(0, at(310)), 30);
    assert!(run.toggle_pause(at(310)));
    assert!(run.is_paused());
    assert!(run.toggle_pause(at(400)));
    assert!(run.is_running());
    assert_eq!(run.total_seconds(at(405)), 35);
}

#[test]
fn the_record_of_a_paused_run_holds_the_time_up_to_the_pause() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    run.pause(at(33));
    assert_eq!(seconds(&run), vec![("s1".to_owned(), 33, true)]);
}

#[test]
fn next_while_paused_moves_on_and_runs_the_new_step() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    run.pause(at(20));
    assert_eq!(run.next(at(100)), Advance::Moved);
    assert!(run.is_running());
    assert_eq!(run.step_seconds(0, at(100)), 20);
    assert_eq!(run.step_seconds(1, at(110)), 10);
}

#[test]
fn a_flag_sits_on_the_current_step_and_an_empty_note_removes_it() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    run.next(at(30));
    assert!(run.set_flag("  监督人没在登记表上签字 ", at(45)));
    assert_eq!(run.flag(1), Some("监督人没在登记表上签字"));
    assert!(!run.set_flag("监督人没在登记表上签字", at(46)), "same note");
    let findings = run.findings();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].step, "s2");
    assert_eq!(findings[0].sop, "sop-test");
    assert_eq!(findings[0].run_started, run.started);
    assert_eq!(findings[0].at, whole_seconds(at(45)));
    assert!(run.set_flag("", at(50)));
    assert_eq!(run.flag(1), None);
    assert!(run.findings().is_empty());
}

#[test]
fn a_flag_stays_with_its_step_when_the_run_moves_on() {
    let mut run = ActiveRun::start(&sop(&[60, 90, 30]), people(), t0());
    run.set_flag("工单号念错", at(5));
    run.next(at(30));
    run.next(at(60));
    let record = run.record();
    assert_eq!(record.steps[0].flag.as_deref(), Some("工单号念错"));
    assert_eq!(record.steps[1].flag, None);
}

#[test]
fn abort_keeps_the_partial_run_as_unfinished_with_the_current_step_time() {
    let mut run = ActiveRun::start(&sop(&[60, 90, 30]), people(), t0());
    run.next(at(40));
    assert!(run.abort(at(70)));
    assert_eq!(run.phase(), RunPhase::Aborted);
    assert!(run.is_over());
    let record = run.record();
    assert!(!record.finished);
    assert_eq!(record.ended, Some(whole_seconds(at(70))));
    assert_eq!(
        seconds(&run),
        vec![("s1".to_owned(), 40, false), ("s2".to_owned(), 30, true)]
    );
    assert_eq!(record.steps_done(), 1);
    assert_eq!(run.total_seconds(at(500)), 70);
}

#[test]
fn a_clock_that_goes_backwards_counts_as_no_time() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), at(100));
    assert_eq!(run.step_seconds(0, at(50)), 0);
    run.next(at(50));
    assert_eq!(run.record().steps[0].seconds, 0);
}

#[test]
fn stored_seconds_round_to_the_nearest_second_and_running_clocks_round_down() {
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    let later = t0() + Duration::milliseconds(9_600);
    assert_eq!(run.step_seconds(0, later), 9);
    run.next(later);
    assert_eq!(run.record().steps[0].seconds, 10);
}

#[test]
fn storing_replaces_the_same_run_and_keeps_other_findings() {
    let mut progress = Progress::default();
    let other = PendingFinding {
        sop: "sop-other".into(),
        step: "x1".into(),
        note: "门禁联动没响".into(),
        run_started: at(-3600),
        at: at(-3500),
    };
    progress.pending_findings.push(other.clone());
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    let index = store(&mut progress, &run, None);
    assert_eq!(index, 0);
    run.set_flag("没带审批单", at(10));
    assert_eq!(store(&mut progress, &run, Some(index)), 0);
    assert_eq!(progress.sop_runs.len(), 1);
    assert_eq!(progress.pending_findings.len(), 2);
    assert_eq!(progress.pending_findings[0], other);
    assert_eq!(progress.pending_findings[1].note, "没带审批单");
    run.set_flag("没带审批单和工单", at(12));
    store(&mut progress, &run, Some(index));
    assert_eq!(progress.pending_findings.len(), 2);
    assert_eq!(progress.pending_findings[1].note, "没带审批单和工单");
    run.set_flag("", at(14));
    store(&mut progress, &run, Some(index));
    assert_eq!(progress.pending_findings, vec![other]);
}

#[test]
fn storing_with_a_stale_index_finds_the_run_by_its_start() {
    let mut progress = Progress::default();
    let run = ActiveRun::start(&sop(&[60]), people(), t0());
    store(&mut progress, &run, None);
    let earlier = ActiveRun::start(&sop(&[60]), people(), at(-100));
    progress.sop_runs.insert(0, earlier.record());
    assert_eq!(store(&mut progress, &run, Some(0)), 1);
    assert_eq!(progress.sop_runs.len(), 2);
}

#[test]
fn a_finding_is_described_by_sop_and_step_and_taken_out_once_consumed() {
    let content = crate::content::load_built_in().expect("built-in content loads");
    let sop = &content.sops[0];
    let mut progress = Progress::default();
    let mut run = ActiveRun::start(sop, people(), t0());
    run.next(at(10));
    run.set_flag("审批单原件没带", at(12));
    store(&mut progress, &run, None);
    let finding = progress.pending_findings[0].clone();
    assert_eq!(
        describe_finding(&content, &finding),
        format!("{} · 第 2 步 {}", sop.title, sop.steps[1].title)
    );
    assert_eq!(take_finding(&mut progress, 1), None);
    assert_eq!(take_finding(&mut progress, 0), Some(finding));
    assert!(progress.pending_findings.is_empty());
    assert_eq!(
        progress.sop_runs[0].steps[1].flag.as_deref(),
        Some("审批单原件没带"),
        "the run keeps its flag"
    );
    let gone = PendingFinding {
        sop: "sop-gone".into(),
        step: "x-1".into(),
        note: String::new(),
        run_started: t0(),
        at: t0(),
    };
    assert_eq!(describe_finding(&content, &gone), "sop-gone · x-1");
}

#[test]
fn a_wall_clock_jump_does_not_lengthen_a_step_the_monotonic_count_times_it() {
    use crate::domain::moment::Moment;
    let content = crate::content::load_built_in().expect("content");
    let sop = &content.sops[0];
    let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid");
    let mut run = ActiveRun::start(
        sop,
        BTreeMap::new(),
        Moment {
            wall: t,
            mono_ms: 0,
        },
    );
    let later = Moment {
        wall: t + chrono::Duration::hours(3) + chrono::Duration::seconds(3),
        mono_ms: 3_000,
    };
    assert_eq!(run.step_seconds(0, later), 3);
    run.next(later);
    assert_eq!(run.record().steps[0].seconds, 3);
    assert_eq!(run.record().started, t);
}

#[test]
fn a_run_aborted_before_any_step_is_done_can_be_discarded_keeping_its_flags() {
    let mut progress = Progress::default();
    let mut run = ActiveRun::start(&sop(&[60, 90]), people(), t0());
    run.set_flag("投影仪没开", at(5));
    let index = store(&mut progress, &run, None);
    run.abort(at(20));
    assert_eq!(run.record().steps_done(), 0);
    assert!(discard(&mut progress, &run, Some(index)));
    assert!(progress.sop_runs.is_empty());
    assert_eq!(progress.pending_findings.len(), 1);
    assert!(!discard(&mut progress, &run, None));
}
