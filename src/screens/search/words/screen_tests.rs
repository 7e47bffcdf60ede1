//! Search over the team's own words driven through the whole app: typing, results, jumps.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::{draw, rectification};
use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn key(app: &mut App, code: KeyCode) {
    update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now(),
    );
}

fn typed(app: &mut App, text: &str) {
    update(app, Event::Paste(text.into()), now());
}

#[test]
fn slash_finds_a_note_and_a_rectification_tagged_and_enter_jumps_to_each() {
    let content = load_built_in().expect("content");
    let (id, title) = content
        .items()
        .nth(3)
        .map(|r| (r.item.id.value.to_string(), r.item.title.to_string()))
        .expect("an item");
    let mut progress = Progress::default();
    progress.item_mut(&id).note = "见机房巡检表第三页".into();
    progress.rectifications.push(Rectification {
        root_cause: "机房巡检表没有门禁栏".into(),
        ..rectification("ZG-007", "门禁登记缺失", "")
    });
    let mut app = App::new(content, progress, Lang::Zh, now(), (80, 24));
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "机房巡检表");
    let screen = draw(&app);
    assert!(screen.contains("「备注」"), "{screen}");
    assert!(screen.contains("「整改」ZG-007 门禁登记缺失"), "{screen}");
    assert!(screen.contains("见机房巡检表第三页"), "{screen}");
    key(&mut app, KeyCode::Enter);
    let screen = draw(&app);
    assert!(
        screen.contains("阶段清单") && screen.contains(&title),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "机房巡检表");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let screen = draw(&app);
    assert!(screen.contains("整改跟踪"), "{screen}");
    assert!(screen.contains("ZG-007"), "{screen}");
}
