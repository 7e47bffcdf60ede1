//! Rendering snapshots at 80×24 and 120×40 with ratatui's TestBackend.

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use crate::app::test_support::draw;
use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, Status};
use crate::theme::Theme;

crate::app::test_support::drive_at!(2026, 11, 25);

fn app(size: (u16, u16), lang: Lang) -> App {
    let content = load_built_in().expect("built-in content loads");
    let mut progress = Progress::default();
    let ids: Vec<String> = content
        .items()
        .take(5)
        .map(|r| r.item.id.value.clone())
        .collect();
    progress.item_mut(&ids[0]).status = Status::Done;
    progress.item_mut(&ids[1]).status = Status::InProgress;
    let third = progress.item_mut(&ids[2]);
    third.due = NaiveDate::from_ymd_opt(2026, 11, 20);
    third.owner = "张伟".into();
    let fourth = progress.item_mut(&ids[3]);
    fourth.due = NaiveDate::from_ymd_opt(2026, 11, 27);
    fourth.note = "已约法务周四核对合同原件".into();
    App::new(content, progress, lang, now(), size)
}

#[test]
fn dashboard_at_80x24() {
    insta::assert_snapshot!(draw(&app((80, 24), Lang::Zh)));
}

#[test]
fn dashboard_at_120x40() {
    insta::assert_snapshot!(draw(&app((120, 40), Lang::Zh)));
}

#[test]
fn dashboard_in_english_at_80x24() {
    insta::assert_snapshot!(draw(&app((80, 24), Lang::En)));
}

#[test]
fn checklist_at_80x24() {
    let mut app = app((80, 24), Lang::Zh);
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Down, KeyCode::Down],
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn checklist_at_120x40_shows_the_detail_beside_the_list() {
    let mut app = app((120, 40), Lang::Zh);
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Down, KeyCode::Down],
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn zoomed_detail_at_80x24() {
    let mut app = app((80, 24), Lang::Zh);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn note_editor_at_80x24() {
    let mut app = app((80, 24), Lang::Zh);
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Down, KeyCode::Down],
    );
    press(&mut app, &[KeyCode::Char('n'), KeyCode::Enter]);
    update(
        &mut app,
        Event::Paste("第二行：原件在档案室 B-3 柜".into()),
        now(),
    );
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn search_at_80x24() {
    let mut app = app((80, 24), Lang::Zh);
    press(&mut app, &[KeyCode::Char('/')]);
    for c in "保密室".chars() {
        press(&mut app, &[KeyCode::Char(c)]);
    }
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn help_at_80x24() {
    let mut app = app((80, 24), Lang::Zh);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('?')]);
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn the_selected_row_is_drawn_reversed() {
    let mut app = app((80, 24), Lang::Zh);
    press(&mut app, &[KeyCode::Enter]);
    let buffer = &crate::app::test_support::draw_with(&app, &Theme::new(false, false));
    // Row 3 is the first item under the first section heading.
    let cell = &buffer[(5, 3)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    assert!(
        !buffer[(5, 4)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn the_dashboard_calendar_notice_is_wrapped_whole_at_80x24_not_cut() {
    let screen = draw(&app((80, 24), Lang::Zh));
    assert!(screen.contains("2027 年节假日未录入"), "{screen}");
    assert!(
        screen.contains("calendar.yaml"),
        "the notice ends on screen: {screen}"
    );
}

#[test]
fn control_characters_in_user_data_are_drawn_escaped_as_the_cli_prints_them() {
    let content = load_built_in().expect("built-in content loads");
    let mut progress = Progress::default();
    let id = content
        .items()
        .next()
        .map(|r| r.item.id.value.clone())
        .expect("an item");
    progress.item_mut(&id).owner = "陈强\u{1b}]0;x\u{7}".into();
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    press(&mut app, &[KeyCode::Enter]);
    let screen = draw(&app);
    assert!(screen.contains("陈强\\e]0;x\\x07"), "{screen}");
    assert!(!screen.contains('\u{FFFD}'), "{screen}");
}
