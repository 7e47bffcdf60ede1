//! The checklist filter driven through the whole app: keys in, the filtered list out.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::{draw, rectification};
use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, Status};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        update(
            app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    }
}

fn app() -> (App, Vec<(String, String)>) {
    let content = load_built_in().expect("built-in content loads");
    let first: Vec<(String, String)> = content
        .items()
        .take(4)
        .map(|r| (r.item.id.value.to_string(), r.item.title.to_string()))
        .collect();
    let mut progress = Progress {
        operator: "张伟".into(),
        ..Progress::default()
    };
    progress.item_mut(&first[0].0).owner = "张伟".into();
    progress.item_mut(&first[1].0).owner = "王静".into();
    progress.item_mut(&first[2].0).status = Status::InProgress;
    progress
        .rectifications
        .push(rectification("ZG-001", "巡检记录断档", "张伟"));
    progress
        .rectifications
        .push(rectification("ZG-002", "机房门禁未登记", "王静"));
    (
        App::new(content, progress, Lang::Zh, now(), (80, 24)),
        first,
    )
}

#[test]
fn f_in_a_checklist_cycles_mine_each_owner_and_each_status_and_the_title_says_which() {
    let (mut app, items) = app();
    press(&mut app, "2");
    let all = draw(&app);
    assert!(
        all.contains(&items[1].1) && all.contains(&items[3].1),
        "{all}"
    );
    press(&mut app, "f");
    let mine = draw(&app);
    assert!(mine.contains("筛选：我的（张伟）"), "{mine}");
    assert!(mine.contains(&items[0].1), "{mine}");
    assert!(!mine.contains(&items[1].1), "{mine}");
    press(&mut app, "f");
    let wang = draw(&app);
    assert!(wang.contains("筛选：负责人 王静"), "{wang}");
    assert!(
        wang.contains(&items[1].1) && !wang.contains(&items[0].1),
        "{wang}"
    );
    // 待办, then 进行中: only the item in progress.
    press(&mut app, "ff");
    let busy = draw(&app);
    assert!(busy.contains("筛选：状态 进行中"), "{busy}");
    assert!(
        busy.contains(&items[2].1) && !busy.contains(&items[3].1),
        "{busy}"
    );
    // On round to everything again.
    press(&mut app, "fff");
    let again = draw(&app);
    assert!(!again.contains("筛选："), "{again}");
    assert!(again.contains(&items[3].1), "{again}");
}

#[test]
fn m_in_the_rectification_list_shows_only_mine_and_again_everyones() {
    let (mut app, _) = app();
    press(&mut app, "5");
    assert!(draw(&app).contains("机房门禁未登记"));
    press(&mut app, "m");
    let mine = draw(&app);
    assert!(mine.contains("负责人 张伟"), "{mine}");
    assert!(
        mine.contains("巡检记录断档") && !mine.contains("机房门禁未登记"),
        "{mine}"
    );
    press(&mut app, "m");
    assert!(draw(&app).contains("机房门禁未登记"));
}
