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
