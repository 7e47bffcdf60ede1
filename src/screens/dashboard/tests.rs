//! The dashboard's overdue and due-soon lines: selectable, Enter opens the item.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::draw;
use crate::app::{App, Event, Screen, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::Progress;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn press(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        update(
            app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    }
}

#[test]
fn down_past_the_phases_selects_the_overdue_line_and_enter_opens_that_item() {
    let content = load_built_in().expect("built-in content loads");
    let ids: Vec<String> = content
        .items()
        .skip(5)
        .take(2)
        .map(|r| r.item.id.value.clone())
        .collect();
    let phases = content.phases.len();
    let mut progress = Progress::default();
    progress.item_mut(&ids[0]).due = NaiveDate::from_ymd_opt(2026, 12, 1);
    progress.item_mut(&ids[1]).due = NaiveDate::from_ymd_opt(2026, 11, 20);
    progress.item_mut(&ids[1]).owner = "张伟".into();
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    // Past the last phase: the overdue item (listed first), then the due-soon one.
    press(&mut app, KeyCode::Char('j'), phases);
    let title = |app: &App, id: &str| {
        app.content
            .find_item(id)
            .map(|r| r.item.title.to_string())
            .unwrap_or_default()
    };
    let screen = draw(&app);
    let selected_late = screen
        .lines()
        .find(|l| l.contains("11-20"))
        .unwrap_or_default();
    assert!(selected_late.contains("@张伟"), "{screen}");
    press(&mut app, KeyCode::Enter, 1);
    let Screen::Checklist(_) = app.screen() else {
        panic!("Enter opens the checklist:\n{}", draw(&app));
    };
    assert!(draw(&app).contains(&title(&app, &ids[1])), "{}", draw(&app));
    // Back on the dashboard the selection is still on that line; j goes to the due-soon one.
    press(&mut app, KeyCode::Esc, 1);
    press(&mut app, KeyCode::Char('j'), 1);
    press(&mut app, KeyCode::Enter, 1);
    assert!(draw(&app).contains(&title(&app, &ids[0])), "{}", draw(&app));
}
