//! Keys every terminal user relies on: Ctrl+C, Ctrl+L, a window too small to show anything,
//! and the checklist detail's Esc and `J`.

use crossterm::event::KeyCode;

use super::*;
use crate::app::test_support::checklist;
use crate::keymap::Scope;

crate::app::test_support::drive_at!(2026, 11, 25);

fn app() -> App {
    new_app(Progress::default())
}

#[test]
fn ctrl_c_quits_from_the_dashboard_the_search_field_and_an_editor() {
    let mut app = app();
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    let mut app = self::app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.overlay, Some(Overlay::Editor(_))));
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
}

#[test]
fn ctrl_c_while_saves_fail_warns_first_exactly_as_q_does() {
    let mut app = app();
    update(&mut app, Event::Saved(Err("磁盘已满".into())), now());
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Save]);
    assert!(app.quit_confirmed);
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
}

#[test]
fn ctrl_l_asks_the_runtime_to_redraw_and_changes_nothing() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    let before = checklist(&app).selected;
    assert_eq!(ctrl(&mut app, 'l'), vec![Effect::Redraw]);
    assert_eq!(checklist(&app).selected, before);
}

#[test]
fn a_window_too_small_acts_only_on_resize_and_quit() {
    let mut app = app();
    update(&mut app, Event::Resize(10, 3), now());
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(key(&mut app, KeyCode::Char('2')).is_empty());
    update(&mut app, Event::Paste("张三".into()), now());
    assert!(matches!(app.screen(), Screen::Dashboard(_)));
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    assert_eq!(ctrl(&mut app, 'c'), vec![Effect::Quit]);
    update(&mut app, Event::Resize(80, 24), now());
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Checklist(_)));
}

#[test]
fn esc_in_a_zoomed_detail_unzooms_before_leaving_the_checklist() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(checklist(&app).detail_zoomed);
    key(&mut app, KeyCode::Esc);
    assert!(!checklist(&app).detail_zoomed);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen(), Screen::Dashboard(_)));
}

#[test]
fn j_stops_scrolling_at_the_end_of_the_detail() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    for _ in 0..200 {
        key(&mut app, KeyCode::Char('J'));
    }
    let end = checklist(&app).detail_scroll;
    assert!(end < 200, "the scroll stops at the last row, not at {end}");
    key(&mut app, KeyCode::Char('K'));
    assert_eq!(checklist(&app).detail_scroll, end.saturating_sub(3));
}

#[test]
fn f1_in_an_editor_shows_the_editors_keys_and_gives_the_typed_text_back() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('o'));
    for c in "赵强".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::F(1));
    match &app.overlay {
        Some(Overlay::Help(help)) => assert_eq!(help.shows, Scope::Editor),
        other => panic!("expected help over the editor, got {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    match &app.overlay {
        Some(Overlay::Editor(editor)) => assert_eq!(editor.form.value(0), "赵强"),
        other => panic!("expected the editor back, got {other:?}"),
    }
}

#[test]
fn the_footer_shows_the_open_dialogs_keys_not_the_screens_underneath() {
    let mut app = app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('n'));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| render(frame, &app, &crate::theme::Theme::new(false, false)))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    // Without spaces: a wide character's second cell is drawn as one.
    let footer: String = (0..80)
        .map(|x| buffer[(x, 23)].symbol())
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert!(footer.contains("Alt+Enter完成"), "{footer}");
    assert!(footer.contains("F1帮助"), "{footer}");
    assert!(!footer.contains("Space"), "the checklist's keys: {footer}");
}

fn sop_scrolls(app: &App) -> u16 {
    match app.screen() {
        Screen::SopList(state) => state.detail_scroll,
        Screen::SopDetail(state) => state.detail_scroll,
        other => panic!("expected an SOP screen, got {other:?}"),
    }
}

#[test]
fn j_stops_scrolling_at_the_end_of_the_sop_list_and_detail() {
    let mut app = app();
    key(&mut app, KeyCode::Char('4'));
    for open in [false, true] {
        if open {
            key(&mut app, KeyCode::Enter);
        }
        for _ in 0..100 {
            key(&mut app, KeyCode::Char('J'));
        }
        let end = sop_scrolls(&app);
        assert!(end < 100, "the scroll stops at the last row, not at {end}");
        key(&mut app, KeyCode::Char('J'));
        assert_eq!(sop_scrolls(&app), end, "J at the end does nothing");
        key(&mut app, KeyCode::Char('K'));
        assert_eq!(sop_scrolls(&app), end.saturating_sub(1), "K moves at once");
    }
}
