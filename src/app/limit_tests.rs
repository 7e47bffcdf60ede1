//! Every text field says when a paste was cut at its limit or typing is at it: the message
//! comes from the shared text input, whichever screen or dialog holds it.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::content::load_built_in;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn app() -> App {
    let content = load_built_in().expect("built-in content loads");
    let mut app = App::new(content, Progress::default(), Lang::Zh, now(), (80, 24));
    app.progress.operator = "李工".to_owned();
    app
}

fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        update(
            app,
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            now(),
        );
    }
}

fn paste(app: &mut App, chars: usize) {
    update(app, Event::Paste("字".repeat(chars)), now());
}

/// Pastes far more than any field takes and checks the footer's words.
fn says_cut(app: &mut App, max: usize, what: &str) {
    paste(app, 5_000);
    let notice = app.notice.clone().unwrap_or_default();
    assert_eq!(
        notice,
        format!("超过上限 {max} 字：粘贴的 5000 字只保留了前 {max} 字"),
        "{what}"
    );
    keys(app, "x");
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with(&format!("已达上限 {max} 字")),
        "{what}: {notice}"
    );
}

#[test]
fn the_search_field_says_a_paste_was_cut_and_typing_is_at_the_limit() {
    let mut app = app();
    keys(&mut app, "/");
    says_cut(&mut app, 200, "search");
}

#[test]
fn the_roster_name_says_a_paste_was_cut() {
    let mut app = app();
    keys(&mut app, "3a");
    assert!(
        app.screen().focused_input().is_some(),
        "the name field is open"
    );
    paste(&mut app, 5_000);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("只保留了前")),
        "{:?}",
        app.notice
    );
}

#[test]
fn the_rectification_template_picker_says_a_paste_was_cut() {
    let mut app = app();
    keys(&mut app, "5a");
    assert!(app.screen().focused_input().is_some(), "the picker is open");
    says_cut(&mut app, 100, "template picker");
}

#[test]
fn the_register_form_says_a_paste_was_cut() {
    let mut app = app();
    keys(&mut app, "7a");
    let focused = app
        .overlay
        .as_ref()
        .map_or_else(|| app.screen().focused_input(), |o| o.focused_input());
    assert!(focused.is_some(), "the register form is open");
    says_cut(&mut app, 200, "register form");
}

#[test]
fn a_paste_within_the_limit_says_nothing() {
    let mut app = app();
    keys(&mut app, "/");
    paste(&mut app, 10);
    assert_eq!(app.notice, None);
}

#[test]
fn the_rectification_operator_dialog_says_a_paste_was_cut() {
    let mut app = app();
    keys(&mut app, "5u");
    let focused = app.overlay.as_ref().and_then(|o| o.focused_input());
    assert!(
        focused.is_some(),
        "the operator dialog is open: {:?}",
        app.overlay
    );
    paste(&mut app, 5_000);
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("只保留了前")),
        "{:?}",
        app.notice
    );
}
