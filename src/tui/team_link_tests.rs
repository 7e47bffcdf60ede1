//! Team mode in the runtime: edits stamped when made, and a sync that keeps what was typed
//! while it ran.

use super::*;
use crate::progress::{Status, Store};
use crate::team::workspace::Me;
use crate::tui::Saver;

fn joined(dir: &std::path::Path) -> Team {
    let team = Team {
        root: dir.join("team"),
        me: Me {
            id: "p-0000000000000001".into(),
            name: "张伟".into(),
            branch: "main".into(),
            remote: None,
        },
    };
    std::fs::create_dir_all(team.people_dir()).expect("people dir");
    crate::team::repo::Git::new(team.repo(), "张伟", &team.me.id)
        .run("init", ["init", "-q"])
        .expect("git init");
    team
}

#[test]
fn edits_saved_at_different_times_are_recorded_with_those_times_not_the_syncs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let team = joined(dir.path());
    let start = Progress::default();
    let link = TeamLink::new(team.clone(), None);
    let mut saver = Saver::new(Store::new(team.work_path()), None).with_team(link);
    let mut work = start.clone();
    work.item_mut("a").status = Status::Done;
    saver.save_at(&work, 1_000_000).expect("saved");
    work.item_mut("b").note = "已核对".into();
    saver.save_at(&work, 5_000_000).expect("saved");
    // The times survive a restart: they are in the team directory.
    assert_eq!(team.edit_times().get("items/a/status"), Some(&1_000_000));

    let link = saver.team().expect("team mode");
    let msgs = link.start(&work);
    let Some(SyncMsg::Done(synced)) = msgs.last() else {
        panic!("the sync ran in place: {msgs:?}");
    };
    assert_eq!(synced.error, None);
    assert_eq!(synced.recorded, 2);
    let (_, own) = team.load().expect("own file");
    let when = |key: &str| {
        own.changes
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.stamp.hlc.ms)
    };
    assert_eq!(when("items/a/status"), Some(1_000_000));
    assert_eq!(when("items/b/note"), Some(5_000_000));
    // The app takes the merged state; once it is saved the counts say so and the recorded
    // edits' times are gone.
    let done = link.finish(synced, &work);
    let merged = done.progress.expect("merged state");
    saver.save_at(&merged, 9_000_000_000_000).expect("saved");
    assert_eq!(team.counts().get(&team.me.id), Some(&2));
    assert!(team.edit_times().is_empty(), "{:?}", team.edit_times());
}

#[test]
fn what_was_typed_while_the_sync_ran_is_put_back_on_the_merged_state() {
    let mut base = Progress::default();
    base.item_mut("a").note = "旧".into();
    // The merge brought 王静's owner for b.
    let mut merged_progress = base.clone();
    merged_progress.item_mut("b").owner = "王静".into();
    let mut state = crate::team::merge::State::default();
    for (i, (key, value)) in workspace::fields_of(&merged_progress)
        .into_iter()
        .enumerate()
    {
        state.apply(&Change {
            stamp: crate::team::clock::Stamp {
                hlc: crate::team::clock::Hlc {
                    ms: 1 + i as u64,
                    c: 0,
                },
                who: "p-x".into(),
            },
            key,
            value,
            prev: None,
        });
    }
    // Meanwhile the user typed a note on a.
    let mut now = base.clone();
    now.item_mut("a").note = "同步时写的".into();
    let out = reapply(&base, &now, &state, &merged_progress).expect("valid");
    assert_eq!(out.item("a").map(|i| i.note.as_str()), Some("同步时写的"));
    assert_eq!(out.item("b").map(|i| i.owner.as_str()), Some("王静"));
}

#[test]
fn a_panicking_sync_thread_answers_with_a_failure_the_header_keeps_until_the_next_sync() {
    use crate::app::{App, Effect, Event, TeamMode, update};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let dir = tempfile::tempdir().expect("tempdir");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut link = TeamLink::new(joined(dir.path()), Some(tx));
    let mut progress = Progress::default();
    progress.item_mut("a").note = "同步前写的".into();
    link.running = Some(Running {
        base: progress.clone(),
        started_ms: 1,
    });
    assert!(
        link.spawn(|report| {
            report(SyncMsg::Stage(Stage::Fetch));
            panic!("index out of bounds");
        })
        .is_empty(),
        "runs on its own thread"
    );
    let wait = std::time::Duration::from_secs(10);
    let Ok(Input::Sync(SyncMsg::Stage(Stage::Fetch))) = rx.recv_timeout(wait) else {
        panic!("the stage comes first");
    };
    let Ok(Input::Sync(SyncMsg::Done(synced))) = rx.recv_timeout(wait) else {
        panic!("a panicking sync still answers");
    };
    link.wait_for_sync(wait);
    let error = synced.error.clone().unwrap_or_default();
    assert!(error.contains("内部错误：index out of bounds"), "{error}");
    assert!(synced.merged.is_none());
    let done = link.finish(&synced, &progress);
    assert!(done.failed && done.progress.is_none(), "{done:?}");

    // In the app: the header leaves 同步中 for 同步未完成, the footer says what to do, and
    // nothing typed is touched.
    let content = crate::content::load_built_in().expect("content");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("time");
    let mut app = App::new(
        content,
        progress.clone(),
        crate::i18n::Lang::Zh,
        now,
        (80, 24),
    );
    app.team = Some(TeamMode {
        syncing: Some(Stage::Fetch),
        ..TeamMode::default()
    });
    assert!(crate::app::test_support::draw(&app).contains("同步中"));
    assert!(update(&mut app, Event::Synced(Box::new(done)), now).is_empty());
    let screen = crate::app::test_support::draw(&app);
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("同步未完成 · Ctrl+Y 重试"), "{screen}");
    assert!(!screen.contains("同步中"), "{screen}");
    let footer = screen.lines().last().unwrap_or_default();
    assert!(footer.contains("同步未完成：同步出错"), "{screen}");
    assert_eq!(app.progress, progress);
    // A key clears the footer's notice; the header keeps the failure until the next sync.
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    update(&mut app, key(KeyCode::Char('j'), KeyModifiers::NONE), now);
    let screen = crate::app::test_support::draw(&app);
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("同步未完成"),
        "{screen}"
    );
    let effects = update(
        &mut app,
        key(KeyCode::Char('y'), KeyModifiers::CONTROL),
        now,
    );
    assert_eq!(effects, vec![Effect::Sync]);
    let screen = crate::app::test_support::draw(&app);
    let header = screen.lines().next().unwrap_or_default();
    assert!(
        header.contains("同步中") && !header.contains("同步未完成"),
        "{screen}"
    );
}

#[test]
fn leaving_writes_the_start_cache_of_what_is_on_disk_and_a_later_save_makes_it_stale() {
    use crate::team::cache;
    let dir = tempfile::tempdir().expect("tempdir");
    let team = joined(dir.path());
    let store = Store::new(team.work_path());
    let link = TeamLink::new(team.clone(), None);
    let mut saver = Saver::new(store.clone(), None).with_team(link);
    let mut work = Progress::default();
    work.item_mut("a").status = Status::Done;
    saver.save_at(&work, 1_000).expect("saved");
    saver.store_cache(&work);
    let on_disk = |store: &Store| {
        let text = store.load().expect("reads").expect("a file");
        cache::Source::of(&text)
    };
    let path = cache::path_for(&team.work_path());
    assert_eq!(
        cache::load(&path, on_disk(&store), crate::progress::SCHEMA_VERSION),
        Some(work.clone())
    );
    // A later save changes the file: the cache no longer matches it and is not used.
    work.item_mut("b").note = "已核对".into();
    saver.save_at(&work, 2_000).expect("saved");
    assert_eq!(
        cache::load(&path, on_disk(&store), crate::progress::SCHEMA_VERSION),
        None
    );
    // Solo mode writes no cache.
    let solo_dir = tempfile::tempdir().expect("tempdir");
    let solo = Store::new(solo_dir.path().join("progress.json"));
    let mut saver = Saver::new(solo.clone(), None);
    saver.save(&work).expect("saved");
    saver.store_cache(&work);
    assert!(!cache::path_for(solo.path()).exists());
}

/// `work` saved as the team's working file and its start cache written as the app leaves;
/// the cache's path.
fn left_with_cache(team: &Team, work: &Progress) -> std::path::PathBuf {
    let store = Store::new(team.work_path());
    let mut saver = Saver::new(store, None).with_team(TeamLink::new(team.clone(), None));
    saver.save_at(work, 1_000).expect("saved");
    saver.store_cache(work);
    crate::team::cache::path_for(&team.work_path())
}

fn a_year(work: &mut Progress) {
    for day in 1..=20 {
        work.sop_runs.push(crate::progress::SopRun {
            sop: "sop-backup-restore".into(),
            started: chrono::NaiveDate::from_ymd_opt(2026, 3, day)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .expect("date"),
            people: crate::progress::RolePeople::new(),
            steps: Vec::new(),
            finished: day % 2 == 0,
            ended: None,
        });
    }
}

#[test]
fn until_the_histories_are_in_nothing_is_written_then_saves_go_on_as_before() {
    use crate::team::cache;
    let dir = tempfile::tempdir().expect("tempdir");
    let team = joined(dir.path());
    let mut work = Progress::default();
    work.item_mut("a").status = Status::Done;
    a_year(&mut work);
    let path = left_with_cache(&team, &work);
    let stamp = crate::safe_fs::FileStamp::at(&team.work_path()).expect("stamp");
    let on_disk = std::fs::read(team.work_path()).expect("file");
    let head = cache::open_head(&path, stamp, crate::progress::SCHEMA_VERSION).expect("head");
    let store = Store::new(team.work_path());
    let mut saver = Saver::knowing(store, Some(head.source))
        .with_team(TeamLink::new(team.clone(), None))
        .history_from(head.rest);
    assert!(saver.history_pending());
    // The head alone (no runs) is never written, nor a cache made of it.
    saver.save_at(&head.progress, 2_000).expect("nothing to do");
    saver.save_at_exit(&head.progress).expect("nothing to do");
    saver.store_cache(&head.progress);
    assert_eq!(std::fs::read(team.work_path()).expect("file"), on_disk);
    assert!(cache::open_head(&path, stamp, crate::progress::SCHEMA_VERSION).is_some());
    // With the histories in, the whole is what the file holds: an unchanged save writes
    // nothing, a change is written.
    let mut whole = head.progress;
    whole.put_histories(saver.load_history().expect("pending").expect("read"));
    assert_eq!(whole, work);
    assert!(!saver.history_pending());
    assert!(saver.load_history().is_none());
    saver.save_at(&whole, 3_000).expect("saved");
    assert_eq!(std::fs::read(team.work_path()).expect("file"), on_disk);
    whole.item_mut("b").note = "已核对".into();
    saver.save_at(&whole, 4_000).expect("saved");
    let text = std::fs::read_to_string(team.work_path()).expect("file");
    assert_eq!(
        crate::progress::decode(&text).expect("decodes").progress,
        whole
    );
}

#[test]
fn damaged_histories_in_the_cache_are_read_from_the_working_file_and_if_not_nothing_is_saved() {
    use crate::team::cache;
    let dir = tempfile::tempdir().expect("tempdir");
    let team = joined(dir.path());
    let mut work = Progress::default();
    a_year(&mut work);
    let path = left_with_cache(&team, &work);
    let stamp = crate::safe_fs::FileStamp::at(&team.work_path()).expect("stamp");
    let open = || {
        let head = cache::open_head(&path, stamp, crate::progress::SCHEMA_VERSION).expect("head");
        let saver = Saver::knowing(Store::new(team.work_path()), Some(head.source))
            .with_team(TeamLink::new(team.clone(), None))
            .history_from(head.rest);
        (head.progress, saver)
    };
    // The last byte (in the reviews) damaged after the head was read: the working file gives
    // the histories, and the cache is written again at exit.
    let (head, mut saver) = open();
    let mut bytes = std::fs::read(&path).expect("cache");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&path, &bytes).expect("damaged");
    let mut whole = head;
    whole.put_histories(
        saver
            .load_history()
            .expect("pending")
            .expect("from the file"),
    );
    assert_eq!(whole, work);
    saver.store_cache(&whole);
    let stamp = crate::safe_fs::FileStamp::at(&team.work_path()).expect("stamp");
    assert!(cache::open_head(&path, stamp, crate::progress::SCHEMA_VERSION).is_some());
    // Both damaged: an error, and nothing is written at exit.
    let (head, mut saver) = open();
    let mut bytes = std::fs::read(&path).expect("cache");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&path, &bytes).expect("damaged");
    std::fs::write(team.work_path(), "{ broken").expect("damaged file");
    assert!(saver.load_history().expect("pending").is_err());
    assert!(saver.history_pending());
    saver.save_at_exit(&head).expect("nothing written");
    assert_eq!(
        std::fs::read_to_string(team.work_path()).expect("file"),
        "{ broken"
    );
}
