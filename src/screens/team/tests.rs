//! The team view: people with their counts, a person's work, and jumping to it and back.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification, RectificationStatus};
use crate::screens::test_support::draw;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn app() -> (App, Vec<String>) {
    let content = load_built_in().expect("built-in content loads");
    let ids: Vec<String> = content
        .items()
        .take(3)
        .map(|r| r.item.id.value.clone())
        .collect();
    let mut progress = Progress::default();
    let late = progress.item_mut(&ids[1]);
    late.owner = "张伟".into();
    late.due = NaiveDate::from_ymd_opt(2026, 11, 20);
    let soon = progress.item_mut(&ids[2]);
    soon.owner = "张伟".into();
    soon.due = NaiveDate::from_ymd_opt(2026, 11, 28);
    progress.item_mut(&ids[0]).owner = "王静".into();
    progress.rectifications.push(Rectification {
        id: "ZG-001".into(),
        title: "巡检记录断档".into(),
        source: crate::content::FindingSource::SelfCheck,
        link: String::new(),
        template: String::new(),
        severity: crate::content::Severity::General,
        description: String::new(),
        root_cause: String::new(),
        action: String::new(),
        owner: "张伟".into(),
        due: NaiveDate::from_ymd_opt(2026, 12, 30),
        evidence: String::new(),
        verifier: String::new(),
        status: RectificationStatus::Open,
        history: Vec::new(),
    });
    (App::new(content, progress, Lang::Zh, now(), (80, 24)), ids)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        update(
            app,
            Event::Key(KeyEvent::new(*code, KeyModifiers::NONE)),
            now(),
        );
    }
}

#[test]
fn eight_opens_the_team_view_with_each_persons_counts() {
    let (mut app, _) = app();
    press(&mut app, &[KeyCode::Char('8')]);
    let screen = draw(&app);
    let zhang = screen
        .lines()
        .find(|l| l.contains("张伟"))
        .unwrap_or_default();
    // 3 open (two items, one rectification), 1 overdue, 1 due within 7 days.
    let numbers: Vec<&str> = zhang.split_whitespace().skip(1).take(3).collect();
    assert_eq!(numbers, ["3", "1", "1"], "{screen}");
    assert!(screen.contains("王静"), "{screen}");
}

#[test]
fn enter_lists_a_persons_work_and_enter_on_the_overdue_line_jumps_to_the_item_and_back() {
    let (mut app, ids) = app();
    press(&mut app, &[KeyCode::Char('8'), KeyCode::Enter]);
    let screen = draw(&app);
    assert!(screen.contains("张伟 的未完成工作 3"), "{screen}");
    let first = screen
        .lines()
        .find(|l| l.contains("逾期 清单"))
        .unwrap_or_default();
    assert!(first.contains("11-20"), "overdue first:\n{screen}");
    press(&mut app, &[KeyCode::Enter]);
    let content = &app.content;
    let title: String = content
        .find_item(&ids[1])
        .map(|r| r.item.title.to_string())
        .unwrap_or_default();
    let screen = draw(&app);
    assert!(screen.contains("阶段清单"), "{screen}");
    assert!(screen.contains(&title), "{screen}");
    press(&mut app, &[KeyCode::Esc]);
    assert!(
        draw(&app).contains("张伟 的未完成工作"),
        "back on the person's work"
    );
    press(&mut app, &[KeyCode::Esc]);
    assert!(draw(&app).contains("未完成 逾期"), "back on the people");
}

#[test]
fn enter_on_a_rectification_opens_it_in_the_tracker() {
    let (mut app, _) = app();
    press(
        &mut app,
        &[
            KeyCode::Char('8'),
            KeyCode::Enter,
            KeyCode::End,
            KeyCode::Enter,
        ],
    );
    let screen = draw(&app);
    assert!(screen.contains("ZG-001"), "{screen}");
    assert!(screen.contains("整改跟踪"), "{screen}");
}
