//! The team view: people with their counts, a person's work, and jumping to it and back.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::test_support::{draw, rectification};
use crate::app::{App, Event, update};
use crate::content::load_built_in;
use crate::i18n::Lang;
use crate::progress::{Progress, Rectification};

crate::app::test_support::drive_at!(2026, 11, 25);

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
        due: NaiveDate::from_ymd_opt(2026, 12, 30),
        ..rectification("ZG-001", "巡检记录断档", "张伟")
    });
    (App::new(content, progress, Lang::Zh, now(), (80, 24)), ids)
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

#[test]
fn the_last_sync_column_shows_when_each_member_last_synced() {
    let (mut app, _) = app();
    let at = NaiveDate::from_ymd_opt(2026, 11, 24)
        .and_then(|d| d.and_hms_opt(17, 5, 0))
        .expect("valid time");
    app.team = Some(crate::app::TeamMode {
        members: vec![crate::domain::team_summary::Member {
            name: "王静".into(),
            last_sync: Some(at),
        }],
        syncing: None,
        failed: false,
    });
    press(&mut app, &[KeyCode::Char('8')]);
    let screen = draw(&app);
    let wang = screen
        .lines()
        .find(|l| l.contains("王静"))
        .unwrap_or_default();
    assert!(wang.contains("11-24 17:05"), "{screen}");
    let zhang = screen
        .lines()
        .find(|l| l.contains("张伟"))
        .unwrap_or_default();
    assert!(zhang.trim_end().ends_with('—'), "never synced:\n{screen}");
}

#[test]
fn the_sync_key_asks_the_runtime_once_and_the_header_shows_each_stage() {
    use crate::app::{Effect, SyncDone, TeamMode};
    use crate::team::sync::Stage;
    let (mut app, ids) = app();
    app.team = Some(TeamMode::default());
    let effects = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::NONE)),
        now(),
    );
    assert_eq!(effects, vec![Effect::Sync]);
    assert!(
        draw(&app).contains("同步中… 提交 / 拉取 / 推送"),
        "{}",
        draw(&app)
    );
    // A second press while it runs starts nothing.
    let again = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::NONE)),
        now(),
    );
    assert!(again.is_empty());
    update(&mut app, Event::SyncStage(Stage::Push), now());
    assert!(draw(&app).contains("同步中…"));
    // Typing goes on meanwhile.
    press(&mut app, &[KeyCode::Char('2')]);
    assert!(draw(&app).contains("阶段清单"));
    let mut merged = app.progress.clone();
    merged.item_mut(&ids[0]).note = "王静写的".into();
    let effects = update(
        &mut app,
        Event::Synced(Box::new(SyncDone {
            progress: Some(merged),
            members: Vec::new(),
            line: "已同步。王静：1 个清单项".into(),
            failed: false,
        })),
        now(),
    );
    assert_eq!(effects, vec![Effect::Save], "the merged state is saved");
    let screen = draw(&app);
    assert!(!screen.contains("同步中"), "{screen}");
    assert!(screen.contains("王静：1 个清单项"), "{screen}");
    assert_eq!(
        app.progress.item(&ids[0]).map(|i| i.note.as_str()),
        Some("王静写的")
    );
}

#[test]
fn the_sync_key_in_solo_mode_says_how_to_join_and_does_nothing() {
    let (mut app, _) = app();
    let effects = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::NONE)),
        now(),
    );
    assert!(effects.is_empty());
    assert!(draw(&app).contains("team join"), "{}", draw(&app));
}

#[test]
fn the_peoples_lines_are_counted_once_per_change_of_the_data_not_at_every_key() {
    let (mut app, ids) = app();
    press(&mut app, &[KeyCode::Char('8'), KeyCode::Down]);
    // Changed behind the app's back (the revision did not move): keys and frames keep
    // using the lines counted before, so nothing is walked again.
    app.progress.item_mut(&ids[0]).owner = "李娜".into();
    press(&mut app, &[KeyCode::Up, KeyCode::Down]);
    assert!(!draw(&app).contains("李娜"), "{}", draw(&app));
    // A change the app records moves the revision, and the lines follow it.
    app.revision += 1;
    assert!(draw(&app).contains("李娜"), "{}", draw(&app));
}
