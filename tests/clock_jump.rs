//! A wall clock that jumps three hours forward during a timed step (NTP correcting a wrong
//! clock, an administrator setting it) must not make the step three hours long: timers measure
//! with the monotonic count the runtime passes alongside the wall clock, which only stamps
//! records.

#![cfg(test)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use zizhi::app::{App, Event, update_at};
use zizhi::content::load_built_in;
use zizhi::domain::moment::Moment;
use zizhi::i18n::Lang;
use zizhi::progress::{Person, Progress};

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(14, 0, 0))
        .expect("valid time")
}

/// A fake clock: `wall_secs` after `t0` on the wall, `mono_ms` on the monotonic count.
fn at(wall_secs: i64, mono_ms: u64) -> Moment {
    Moment {
        wall: t0() + Duration::seconds(wall_secs),
        mono_ms,
    }
}

fn key(app: &mut App, code: KeyCode, moment: Moment) {
    update_at(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        moment,
    );
}

fn typed(app: &mut App, text: &str, moment: Moment) {
    for c in text.chars() {
        key(app, KeyCode::Char(c), moment);
    }
}

const THREE_HOURS: i64 = 3 * 3600;

#[test]
fn a_three_hour_clock_jump_during_an_sop_step_records_the_three_seconds_it_took() {
    let content = load_built_in().expect("content");
    let mut app = App::new(content, Progress::default(), Lang::Zh, t0(), (80, 24));
    let start = at(0, 1_000);
    key(&mut app, KeyCode::Char('4'), start);
    key(&mut app, KeyCode::Char('r'), start);
    for name in ["张伟", "李娜", "王芳"] {
        typed(&mut app, name, start);
        key(&mut app, KeyCode::Enter, start);
    }
    assert_eq!(app.progress.sop_runs.len(), 1, "the run started");

    // Three seconds pass; the wall clock is set three hours forward meanwhile.
    key(&mut app, KeyCode::Char(' '), at(THREE_HOURS + 3, 4_000));
    let run = &app.progress.sop_runs[0];
    assert_eq!(run.steps[0].seconds, 3, "{:?}", run.steps);
    assert_eq!(run.started, t0(), "the record is stamped by the wall clock");

    // And backwards: a clock set back never makes time negative or stops the count.
    key(&mut app, KeyCode::Char(' '), at(-THREE_HOURS, 9_000));
    assert_eq!(app.progress.sop_runs[0].steps[1].seconds, 5);
}

#[test]
fn a_three_hour_clock_jump_while_answering_records_the_answers_real_time() {
    let content = load_built_in().expect("content");
    let progress = Progress {
        people: vec![Person::roster_entry("张伟", vec!["engineer".into()])],
        ..Progress::default()
    };
    let mut app = App::new(content, progress, Lang::Zh, t0(), (80, 24));
    let start = at(0, 50_000);
    key(&mut app, KeyCode::Char('3'), start);
    key(&mut app, KeyCode::Enter, start);
    typed(&mut app, "我签了保密协议，只在授权范围内操作。", start);
    update_at(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        at(THREE_HOURS + 12, 62_000),
    );
    key(&mut app, KeyCode::Char('3'), at(THREE_HOURS + 13, 63_000));
    let review = app.progress.reviews["张伟"]
        .values()
        .find_map(|r| r.history.last())
        .expect("a review");
    assert_eq!(review.seconds, 12);
    assert_eq!(
        review.at.date(),
        (t0() + Duration::seconds(THREE_HOURS)).date(),
        "stamped by the wall clock"
    );
}
