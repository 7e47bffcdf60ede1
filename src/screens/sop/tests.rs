//! The rehearsal screens driven by events with injected time, and their rendering at 80×24.

#![allow(
    clippy::cast_possible_truncation,
    reason = "test values are small and known"
)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::{draw, draw_with, text_of};
use crate::app::{App, Area, Effect, Event, Overlay, Screen, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{PendingFinding, Progress, SopRun, StepResult};
use crate::theme::Theme;

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(14, 0, 0))
        .expect("valid time")
}

/// `t0` plus `secs` seconds.
fn at(secs: i64) -> NaiveDateTime {
    t0() + Duration::seconds(secs)
}

fn app() -> App {
    let content = load_built_in().expect("built-in content loads");
    App::new(content, Progress::default(), Lang::Zh, t0(), (80, 24))
}

fn key_at(app: &mut App, code: KeyCode, now: NaiveDateTime) -> Vec<Effect> {
    update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now,
    )
}

fn ch_at(app: &mut App, c: char, now: NaiveDateTime) -> Vec<Effect> {
    key_at(app, KeyCode::Char(c), now)
}

fn type_at(app: &mut App, text: &str, now: NaiveDateTime) -> Vec<Effect> {
    text.chars().flat_map(|c| ch_at(app, c, now)).collect()
}

/// Opens the area, starts the first SOP with three names at `t0`.
fn started() -> App {
    let mut app = app();
    ch_at(&mut app, '4', t0());
    ch_at(&mut app, 'r', t0());
    type_at(&mut app, "张伟", t0());
    key_at(&mut app, KeyCode::Enter, t0());
    type_at(&mut app, "李娜", t0());
    key_at(&mut app, KeyCode::Enter, t0());
    type_at(&mut app, "王芳", t0());
    key_at(&mut app, KeyCode::Enter, t0());
    app
}

fn runner(app: &App) -> &super::RunnerState {
    match app.screen() {
        Screen::SopRunner(state) => state,
        other => panic!("expected the runner, got {other:?}"),
    }
}

/// A history of three finished runs getting faster and one aborted, with flags.
fn with_history(app: &mut App) {
    let sop = app.content.sops[0].clone();
    let run = |start: NaiveDateTime, extra: u32, flags: &[(usize, &str)], upto: usize| SopRun {
        sop: sop.id.value.clone(),
        started: start,
        people: crate::progress::RolePeople::from([
            ("操作员".to_owned(), "张伟".to_owned()),
            ("讲解人".to_owned(), "李娜".to_owned()),
            ("记录人".to_owned(), "王芳".to_owned()),
        ]),
        steps: sop
            .steps
            .iter()
            .take(upto)
            .enumerate()
            .map(|(i, s)| StepResult {
                step: s.id.value.clone(),
                seconds: s.target_seconds + if i == 6 { extra } else { extra / 4 },
                flag: flags
                    .iter()
                    .find(|(f, _)| *f == i)
                    .map(|(_, n)| (*n).to_owned()),
                partial: upto < sop.steps.len() && i + 1 == upto,
            })
            .collect(),
        finished: upto == sop.steps.len(),
        ended: None,
    };
    let n = sop.steps.len();
    let day = |d: i64, h: u32| {
        NaiveDate::from_ymd_opt(2026, 11, 20)
            .and_then(|x| x.and_hms_opt(h, 0, 0))
            .expect("valid")
            + Duration::days(d)
    };
    app.progress.sop_runs = vec![
        run(
            day(0, 9),
            120,
            &[(6, "监督人中途离开"), (2, "光盘编号念错")],
            n,
        ),
        run(day(0, 14), 80, &[(6, "监督人没在登记表签字")], n),
        run(day(1, 10), 40, &[], 4),
        run(day(2, 15), 20, &[], n),
    ];
    app.progress.pending_findings = vec![PendingFinding {
        sop: sop.id.value.clone(),
        step: sop.steps[6].id.value.clone(),
        note: "监督人没在登记表签字".into(),
        run_started: day(0, 14),
        at: day(0, 14),
    }];
}

#[test]
fn key_4_opens_the_sop_list_and_enter_shows_the_steps_of_the_selected_sop() {
    let mut app = app();
    ch_at(&mut app, '4', t0());
    assert!(matches!(app.screen(), Screen::SopList(_)));
    ch_at(&mut app, 'j', t0());
    key_at(&mut app, KeyCode::Enter, t0());
    match app.screen() {
        Screen::SopDetail(state) => assert_eq!(state.sop, 1),
        other => panic!("expected the SOP detail, got {other:?}"),
    }
    key_at(&mut app, KeyCode::Esc, t0());
    assert!(matches!(app.screen(), Screen::SopList(_)));
}

#[test]
fn names_are_saved_as_they_are_typed_and_offered_again_at_the_next_run() {
    let mut app = app();
    app.go_to(Area::Sop);
    ch_at(&mut app, 'r', t0());
    let effects = type_at(&mut app, "张伟", t0());
    assert!(effects.contains(&Effect::Save));
    assert_eq!(app.progress.sop_people["操作员"], "张伟");
    key_at(&mut app, KeyCode::Esc, t0());
    assert!(app.overlay.is_none());
    ch_at(&mut app, 'r', t0());
    match &app.overlay {
        Some(Overlay::SopStart(form)) => assert_eq!(form.name(0), "张伟"),
        other => panic!("expected the start form, got {other:?}"),
    }
}

#[test]
fn starting_a_run_writes_its_record_at_once() {
    let app = started();
    assert_eq!(app.progress.sop_runs.len(), 1);
    let record = &app.progress.sop_runs[0];
    assert_eq!(record.started, t0());
    assert_eq!(record.people["讲解人"], "李娜");
    assert!(!record.finished);
    assert!(app.wants_tick());
}

#[test]
fn a_run_to_the_end_by_keys_keeps_every_step_time_and_shows_the_result() {
    let mut app = started();
    let steps = app.content.sops[0].steps.len();
    for i in 0..steps {
        let effects = ch_at(&mut app, ' ', at(30 * (i as i64 + 1)));
        assert_eq!(effects, vec![Effect::Save], "step {i} is saved when done");
        assert_eq!(app.progress.sop_runs[0].steps_done(), i + 1);
    }
    let record = &app.progress.sop_runs[0];
    assert!(record.finished);
    assert!(record.steps.iter().all(|s| s.seconds == 30));
    assert_eq!(record.total_seconds(), 30 * steps as u32);
    assert!(runner(&app).run.is_over());
    assert!(!app.wants_tick(), "no ticks once the run is over");
    key_at(&mut app, KeyCode::Enter, at(1000));
    assert!(matches!(app.screen(), Screen::SopList(_)));
}

#[test]
fn ticks_come_only_while_the_clocks_run_and_are_on_screen() {
    let mut app = started();
    assert!(app.wants_tick());
    assert!(update(&mut app, Event::Tick, at(1)).is_empty());
    ch_at(&mut app, 'p', at(5));
    assert!(!app.wants_tick(), "paused");
    ch_at(&mut app, 'p', at(9));
    assert!(app.wants_tick());
    ch_at(&mut app, 'v', at(10));
    assert!(!app.wants_tick(), "the presenter view shows no clock");
    ch_at(&mut app, 'v', at(11));
    assert!(app.wants_tick());
}

#[test]
fn number_keys_and_q_do_not_leave_a_running_rehearsal() {
    let mut app = started();
    for c in ['1', '2', 'q', '/'] {
        assert!(ch_at(&mut app, c, at(3)).is_empty());
        assert!(matches!(app.screen(), Screen::SopRunner(_)));
    }
}

#[test]
fn a_flag_note_is_kept_as_typed_and_becomes_a_pending_finding() {
    let mut app = started();
    ch_at(&mut app, ' ', at(40));
    ch_at(&mut app, 'f', at(50));
    let effects = type_at(&mut app, "审批单", at(52));
    assert!(effects.contains(&Effect::Save));
    let step = app.content.sops[0].steps[1].id.value.clone();
    let flagged = |app: &App| {
        app.progress.sop_runs[0]
            .steps
            .iter()
            .find(|s| s.step == step)
            .and_then(|s| s.flag.clone())
    };
    assert_eq!(flagged(&app).as_deref(), Some("审批单"));
    assert_eq!(app.progress.pending_findings.len(), 1);
    assert_eq!(app.progress.pending_findings[0].step, step);
    update(&mut app, Event::Paste("原件没带".into()), at(53));
    key_at(&mut app, KeyCode::Enter, at(54));
    assert!(!runner(&app).is_typing());
    assert_eq!(flagged(&app).as_deref(), Some("审批单原件没带"));
    assert_eq!(app.progress.pending_findings[0].note, "审批单原件没带");
    // f again, clear it, and Ctrl+R puts the note back; Esc keeps what is there.
    ch_at(&mut app, 'f', at(60));
    for _ in 0..10 {
        key_at(&mut app, KeyCode::Backspace, at(60));
    }
    assert_eq!(flagged(&app), None);
    assert!(app.progress.pending_findings.is_empty());
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        at(61),
    );
    assert_eq!(flagged(&app).as_deref(), Some("审批单原件没带"));
    assert_eq!(app.progress.pending_findings.len(), 1);
    key_at(&mut app, KeyCode::Backspace, at(62));
    key_at(&mut app, KeyCode::Esc, at(62));
    assert!(!runner(&app).is_typing());
    assert_eq!(flagged(&app).as_deref(), Some("审批单原件没"));
}

#[test]
fn escape_asks_first_and_n_goes_on_with_the_run() {
    let mut app = started();
    key_at(&mut app, KeyCode::Esc, at(10));
    assert!(runner(&app).confirming_abort());
    assert!(ch_at(&mut app, ' ', at(11)).is_empty(), "other keys wait");
    ch_at(&mut app, 'n', at(12));
    assert!(!runner(&app).confirming_abort());
    assert!(!runner(&app).run.is_over());
}

#[test]
fn abort_keeps_the_partial_run_marked_unfinished() {
    let mut app = started();
    ch_at(&mut app, ' ', at(30));
    key_at(&mut app, KeyCode::Esc, at(45));
    let effects = ch_at(&mut app, 'y', at(46));
    assert_eq!(effects, vec![Effect::Save]);
    assert!(matches!(app.screen(), Screen::SopList(_)));
    let record = &app.progress.sop_runs[0];
    assert!(!record.finished);
    assert_eq!(record.ended, Some(at(46)));
    assert_eq!(record.steps.len(), 2);
    assert_eq!(record.steps[1].seconds, 16);
    assert!(record.steps[1].partial);
    assert!(app.notice.as_deref().is_some_and(|n| n.contains("1/9")));
}

#[test]
fn back_and_pause_are_saved_with_the_time_so_far() {
    let mut app = started();
    ch_at(&mut app, ' ', at(20));
    key_at(&mut app, KeyCode::Left, at(25));
    assert_eq!(runner(&app).run.current(), 0);
    let effects = ch_at(&mut app, 'p', at(35));
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(app.progress.sop_runs[0].steps[0].seconds, 30);
    assert_eq!(app.progress.sop_runs[0].steps[1].seconds, 5);
}

#[test]
fn r_on_the_result_starts_another_run_with_the_same_people() {
    let mut app = started();
    for i in 0..app.content.sops[0].steps.len() {
        ch_at(&mut app, ' ', at(i as i64 + 1));
    }
    ch_at(&mut app, 'r', at(100));
    key_at(&mut app, KeyCode::Enter, at(100));
    key_at(&mut app, KeyCode::Enter, at(100));
    key_at(&mut app, KeyCode::Enter, at(100));
    assert_eq!(app.progress.sop_runs.len(), 2);
    assert_eq!(app.progress.sop_runs[1].people["记录人"], "王芳");
    assert_eq!(
        app.screens.len(),
        3,
        "the old result was replaced, not stacked"
    );
}

#[test]
fn a_running_clock_changes_only_its_own_cells_each_second() {
    let mut app = started();
    ch_at(&mut app, ' ', at(20));
    let theme = Theme::new(true, false);
    update(&mut app, Event::Tick, at(21));
    let before = draw_with(&app, &theme);
    update(&mut app, Event::Tick, at(22));
    let after = draw_with(&app, &theme);
    let changed: Vec<(u16, u16)> = before
        .diff(&after)
        .into_iter()
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(!changed.is_empty());
    assert!(changed.iter().all(|&(_, y)| y == 1), "{changed:?}");
    assert!(changed.len() <= 4, "{changed:?}");
}

#[test]
fn sop_list_with_history_at_80x24() {
    let mut app = app();
    with_history(&mut app);
    app.go_to(Area::Sop);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn sop_list_in_ascii_at_80x24() {
    let mut app = app();
    with_history(&mut app);
    app.go_to(Area::Sop);
    insta::assert_snapshot!(text_of(&draw_with(&app, &Theme::new(false, true))));
}

#[test]
fn sop_steps_for_study_at_80x24() {
    let mut app = app();
    with_history(&mut app);
    app.go_to(Area::Sop);
    key_at(&mut app, KeyCode::Enter, t0());
    ch_at(&mut app, 'j', t0());
    ch_at(&mut app, 'j', t0());
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn sop_run_history_at_80x24() {
    let mut app = app();
    with_history(&mut app);
    app.go_to(Area::Sop);
    key_at(&mut app, KeyCode::Enter, t0());
    key_at(&mut app, KeyCode::Tab, t0());
    ch_at(&mut app, 'j', t0());
    ch_at(&mut app, 'j', t0());
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn start_form_at_80x24() {
    let mut app = app();
    app.progress
        .sop_people
        .insert("操作员".into(), "张伟".into());
    app.go_to(Area::Sop);
    ch_at(&mut app, 'r', t0());
    key_at(&mut app, KeyCode::Enter, t0());
    type_at(&mut app, "李", t0());
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn runner_at_80x24() {
    let mut app = started();
    ch_at(&mut app, ' ', at(95));
    ch_at(&mut app, 'f', at(100));
    type_at(&mut app, "审批单原件没带", at(101));
    key_at(&mut app, KeyCode::Enter, at(102));
    update(&mut app, Event::Tick, at(190));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn runner_paused_with_the_flag_note_open_at_80x24() {
    let mut app = started();
    ch_at(&mut app, 'p', at(30));
    ch_at(&mut app, 'f', at(31));
    type_at(&mut app, "工单号念错", at(32));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn presenter_view_at_80x24() {
    let mut app = started();
    ch_at(&mut app, ' ', at(60));
    ch_at(&mut app, ' ', at(120));
    ch_at(&mut app, 'v', at(121));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn run_result_at_80x24() {
    let mut app = app();
    with_history(&mut app);
    app.go_to(Area::Sop);
    ch_at(&mut app, 'r', t0());
    for _ in 0..3 {
        key_at(&mut app, KeyCode::Enter, t0());
    }
    let sop = app.content.sops[0].clone();
    let mut now = 0;
    for (i, step) in sop.steps.iter().enumerate() {
        if i == 6 {
            ch_at(&mut app, 'f', at(now));
            type_at(&mut app, "监督人站位挡住了屏幕", at(now));
            key_at(&mut app, KeyCode::Enter, at(now));
        }
        now += i64::from(step.target_seconds) - 10 + if i == 2 { 40 } else { 0 };
        ch_at(&mut app, ' ', at(now));
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn runner_help_lists_only_the_runner_keys() {
    let mut app = started();
    ch_at(&mut app, '?', at(1));
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    let screen = draw(&app);
    assert!(screen.contains("标记本步出了问题"));
    assert!(!screen.contains("回到总览"));
}

#[test]
fn every_rehearsal_screen_draws_at_small_and_large_sizes_without_panicking() {
    let sizes = [(20, 6), (33, 9), (50, 14), (80, 24), (120, 40), (200, 60)];
    for size in sizes {
        let mut app = app();
        with_history(&mut app);
        update(&mut app, Event::Resize(size.0, size.1), t0());
        app.go_to(Area::Sop);
        draw(&app);
        key_at(&mut app, KeyCode::Enter, t0());
        draw(&app);
        key_at(&mut app, KeyCode::Tab, t0());
        draw(&app);
        ch_at(&mut app, 'r', t0());
        draw(&app);
        key_at(&mut app, KeyCode::Enter, t0());
        key_at(&mut app, KeyCode::Enter, t0());
        key_at(&mut app, KeyCode::Enter, t0());
        draw(&app);
        ch_at(&mut app, 'f', at(5));
        type_at(&mut app, "演示机没有接投影", at(6));
        draw(&app);
        key_at(&mut app, KeyCode::Enter, at(7));
        key_at(&mut app, KeyCode::Esc, at(8));
        draw(&app);
        ch_at(&mut app, 'n', at(9));
        ch_at(&mut app, 'v', at(9));
        draw(&app);
        for i in 0..9 {
            ch_at(&mut app, ' ', at(10 + i));
        }
        draw(&app);
        assert!(runner(&app).run.is_over(), "{size:?}");
    }
}

#[test]
fn the_runner_in_english_and_ascii_keeps_to_plain_symbols() {
    let mut app = started();
    app.lang = Lang::En;
    ch_at(&mut app, ' ', at(100));
    let screen = text_of(&draw_with(&app, &Theme::new(false, true)));
    assert!(screen.contains("Step 2/9"), "{screen}");
    assert!(screen.contains("#*......."), "{screen}");
    assert!(!screen.contains('◆') && !screen.contains('■'), "{screen}");
}

#[test]
fn runner_at_120x40_lists_the_steps_beside_the_current_one() {
    let mut app = started();
    update(&mut app, Event::Resize(120, 40), t0());
    ch_at(&mut app, ' ', at(80));
    ch_at(&mut app, ' ', at(200));
    ch_at(&mut app, 'f', at(201));
    type_at(&mut app, "光盘编号念错", at(202));
    key_at(&mut app, KeyCode::Enter, at(203));
    update(&mut app, Event::Tick, at(230));
    insta::assert_snapshot!(draw(&app));
}
