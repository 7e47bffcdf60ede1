use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::app::test_support::draw_ascii as draw;
use crate::app::{App, Effect, Screen};
use crate::progress::Progress;

crate::app::test_support::drive_at!(2026, 3, 10);

fn app() -> App {
    let mut app = new_app(Progress::default());
    press(&mut app, &[KeyCode::Char('6')]);
    app
}

fn first_id(app: &App) -> String {
    super::criteria(&app.content.scoring)[0].id.value.clone()
}

#[test]
fn key_six_opens_the_score_screen() {
    let app = app();
    assert!(matches!(app.screen(), Screen::Score(_)));
}

#[test]
fn right_raises_the_level_and_saves_at_once() {
    let mut app = app();
    let effects = press(&mut app, &[KeyCode::Right]);
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(app.progress.score_levels.get(&first_id(&app)), Some(&1));
    press(&mut app, &[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    // The first criterion has three levels: it stops at the top.
    assert_eq!(app.progress.score_levels.get(&first_id(&app)), Some(&2));
    press(&mut app, &[KeyCode::Left]);
    assert_eq!(app.progress.score_levels.get(&first_id(&app)), Some(&1));
}

#[test]
fn enter_cycles_back_to_the_lowest_level_after_the_top() {
    let mut app = app();
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.progress.score_levels.get(&first_id(&app)), Some(&0));
}

#[test]
fn left_on_the_score_screen_lowers_instead_of_going_back() {
    let mut app = app();
    press(&mut app, &[KeyCode::Left]);
    assert!(matches!(app.screen(), Screen::Score(_)));
    press(&mut app, &[KeyCode::Esc]);
    assert!(matches!(app.screen(), Screen::Dashboard(_)));
}

#[test]
fn capital_s_keeps_a_dated_snapshot_one_per_day() {
    let mut app = app();
    press(&mut app, &[KeyCode::Right]);
    let effects = press(&mut app, &[KeyCode::Char('S')]);
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(app.progress.assessments.len(), 1);
    assert_eq!(app.progress.assessments[0].at, now());
    press(&mut app, &[KeyCode::Right, KeyCode::Char('S')]);
    assert_eq!(app.progress.assessments.len(), 1, "same day replaces");
    assert_eq!(
        app.progress.assessments[0].levels.get(&first_id(&app)),
        Some(&2)
    );
}

#[test]
fn tab_switches_to_the_timeline_and_its_options_toggle() {
    let mut app = app();
    press(&mut app, &[KeyCode::Tab]);
    let effects = press(&mut app, &[KeyCode::Char('a'), KeyCode::Char('p')]);
    assert_eq!(effects, vec![Effect::Save, Effect::Save]);
    assert!(app.progress.timeline.green_channel);
    assert!(app.progress.timeline.parallel_preparation);
}

#[test]
fn a_start_date_is_saved_as_soon_as_it_is_complete() {
    let mut app = app();
    press(&mut app, &[KeyCode::Tab, KeyCode::Char('d')]);
    // The prompt starts with today's date; clear it and type another.
    let mut clear = vec![KeyCode::End];
    clear.extend(std::iter::repeat_n(KeyCode::Backspace, 10));
    press(&mut app, &clear);
    assert!(typed(&mut app, "2026-01-0").is_empty());
    assert_eq!(app.progress.timeline.start, None);
    assert_eq!(typed(&mut app, "5"), vec![Effect::Save]);
    assert_eq!(
        app.progress.timeline.start,
        NaiveDate::from_ymd_opt(2026, 1, 5)
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Score(s) if s.prompt.is_none()));
}

#[test]
fn a_bad_date_is_refused_with_a_message() {
    let mut app = app();
    press(&mut app, &[KeyCode::Tab, KeyCode::Char('c')]);
    // End keeps the prefilled date for editing (Backspace alone would clear it all).
    press(
        &mut app,
        &[KeyCode::End, KeyCode::Backspace, KeyCode::Backspace],
    );
    typed(&mut app, "99");
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Score(state) = app.screen() else {
        panic!("score screen");
    };
    let prompt = state.prompt.as_ref().expect("prompt stays open");
    assert!(
        prompt
            .error()
            .is_some_and(|e| e.starts_with("不存在的日期")),
        "2026-03-99 names no day: {:?}",
        prompt.error()
    );
    assert_eq!(app.progress.timeline.certificate, None);
    press(
        &mut app,
        &[KeyCode::Home, KeyCode::Char('x'), KeyCode::Enter],
    );
    let Screen::Score(state) = app.screen() else {
        panic!("score screen");
    };
    let error = state.prompt.as_ref().and_then(|p| p.error());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.starts_with("无法识别的日期格式")),
        "{error:?}"
    );
}

#[test]
fn typing_over_the_prefilled_today_replaces_it() {
    let mut app = app();
    press(&mut app, &[KeyCode::Tab, KeyCode::Down, KeyCode::Char('f')]);
    typed(&mut app, "2026-11-27");
    press(&mut app, &[KeyCode::Enter]);
    let phase = crate::domain::timeline::timeline_phases(&app.content.phases)[1]
        .id
        .value
        .clone();
    assert_eq!(
        app.progress.timeline.finished.get(&phase),
        NaiveDate::from_ymd_opt(2026, 11, 27).as_ref()
    );
}

#[test]
fn timeline_prompts_take_every_form_of_the_date_grammar() {
    let mut app = app();
    // Tuesday 2026-03-10: +5 working days is Tuesday 03-17; 明天 is 03-11.
    for (text, expected) in [
        ("+5", (2026, 3, 17)),
        ("明天", (2026, 3, 11)),
        ("2026/12/8", (2026, 12, 8)),
        ("２０２６．１２．９", (2026, 12, 9)),
    ] {
        press(&mut app, &[KeyCode::Tab, KeyCode::Char('c')]);
        typed(&mut app, text);
        press(&mut app, &[KeyCode::Enter, KeyCode::Tab]);
        assert_eq!(
            app.progress.timeline.certificate,
            NaiveDate::from_ymd_opt(expected.0, expected.1, expected.2),
            "{text}"
        );
    }
}

#[test]
fn esc_in_a_prompt_keeps_the_typed_date_and_asks_before_dropping_an_unreadable_one() {
    let mut app = app();
    press(&mut app, &[KeyCode::Tab, KeyCode::Down, KeyCode::Char('f')]);
    // Prefilled with today: a valid date, but only Enter or typing records it.
    press(&mut app, &[KeyCode::Esc]);
    assert!(
        app.progress.timeline.finished.is_empty(),
        "the prefill alone is no date"
    );
    press(
        &mut app,
        &[KeyCode::Char('f'), KeyCode::End, KeyCode::Backspace],
    );
    typed(&mut app, "1");
    let phase = crate::domain::timeline::timeline_phases(&app.content.phases)[1]
        .id
        .value
        .clone();
    assert_eq!(
        app.progress.timeline.finished.get(&phase),
        NaiveDate::from_ymd_opt(2026, 3, 11).as_ref()
    );
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(
        app.progress.timeline.finished.get(&phase),
        NaiveDate::from_ymd_opt(2026, 3, 11).as_ref(),
        "Esc keeps what was typed"
    );
    let Screen::Score(state) = app.screen() else {
        panic!("score screen");
    };
    assert!(state.prompt.is_none());
    // A date that does not read is asked about once; the second Esc leaves the old date.
    press(&mut app, &[KeyCode::Char('f')]);
    typed(&mut app, "下周");
    press(&mut app, &[KeyCode::Esc]);
    let Screen::Score(state) = app.screen() else {
        panic!("score screen");
    };
    assert!(state.prompt.as_ref().is_some_and(|p| p.form.esc_armed()));
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(
        app.progress.timeline.finished.get(&phase),
        NaiveDate::from_ymd_opt(2026, 3, 11).as_ref()
    );
}

#[test]
fn an_empty_date_clears_it() {
    let mut app = app();
    app.progress.timeline.certificate = NaiveDate::from_ymd_opt(2026, 3, 1);
    press(&mut app, &[KeyCode::Tab, KeyCode::Char('c'), KeyCode::End]);
    press(&mut app, &[KeyCode::Backspace; 10]);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.progress.timeline.certificate, None);
}

fn rated() -> App {
    let mut app = app();
    // A company part-way there: a few criteria rated, one snapshot a month ago.
    let ids: Vec<String> = super::criteria(&app.content.scoring)
        .iter()
        .map(|c| c.id.value.clone())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        app.progress.score_levels.insert(id.clone(), (i % 3) + 1);
    }
    let mut earlier = app.progress.score_levels.clone();
    earlier.insert(ids[0].clone(), 0);
    earlier.insert(ids[5].clone(), 0);
    app.progress.assessments.push(crate::progress::Assessment {
        at: now() - chrono::TimeDelta::days(30),
        levels: earlier,
    });
    app.progress.assessments.push(crate::progress::Assessment {
        at: now(),
        levels: app.progress.score_levels.clone(),
    });
    press(&mut app, &[KeyCode::Down, KeyCode::Down]);
    app
}

#[test]
fn score_screen_at_80x24() {
    insta::assert_snapshot!(draw(&rated(), false));
}

#[test]
fn score_screen_unrated_at_80x24() {
    insta::assert_snapshot!(draw(&app(), false));
}

fn planned() -> App {
    let mut app = app();
    let t = &mut app.progress.timeline;
    t.start = NaiveDate::from_ymd_opt(2026, 1, 5);
    t.parallel_preparation = true;
    t.finished.insert(
        "self-assessment".into(),
        NaiveDate::from_ymd_opt(2026, 1, 16).expect("date"),
    );
    press(&mut app, &[KeyCode::Tab, KeyCode::Down]);
    app
}

#[test]
fn gantt_at_80x24() {
    insta::assert_snapshot!(draw(&planned(), false));
}

#[test]
fn gantt_in_ascii_at_80x24() {
    insta::assert_snapshot!(draw(&planned(), true));
}

#[test]
fn gantt_after_the_certificate_shows_the_countdowns() {
    let mut app = planned();
    app.progress.timeline.certificate = NaiveDate::from_ymd_opt(2026, 2, 1);
    let screen = draw(&app, false);
    assert!(
        screen.contains("首年年检 2027-02-01（还有 328 天）"),
        "{screen}"
    );
    assert!(screen.contains("ISO 20000 2026-08-01"), "{screen}");
}

#[test]
fn gantt_with_a_date_prompt_at_80x24() {
    let mut app = planned();
    press(&mut app, &[KeyCode::Char('f')]);
    insta::assert_snapshot!(draw(&app, false));
}
