//! A step from the cached state against a step over the whole history: the same files, the
//! same working state, the same report of what arrived, whatever happened in between.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::super::{Merged, Team, TeamError, load_people, merge_people};
use crate::progress::{Progress, Status};
use crate::team::person;

const PEOPLE: [(&str, &str); 3] = [("p-a", "王静"), ("p-b", "张伟"), ("p-c", "张伟")];

/// One person's team directory inside `dir`, with their own repository copy.
fn person_in(dir: &Path, at: usize) -> Team {
    let (id, name) = PEOPLE[at];
    super::super::tests::team_in(&dir.join(id), id, name)
}

/// What can happen to the team between two steps.
#[derive(Debug, Clone)]
enum Op {
    /// Person `who` changes a field of an item and records it.
    Edit {
        who: usize,
        item: usize,
        field: usize,
        value: usize,
    },
    /// Person `who` syncs with `from`: records, takes the other files `from` has (as git
    /// would bring them), and merges again.
    Sync { who: usize, from: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..4usize, 0..3usize, 0..3usize).prop_map(|(who, item, field, value)| {
            Op::Edit {
                who,
                item,
                field,
                value,
            }
        }),
        (0..3usize, 0..3usize).prop_map(|(who, from)| Op::Sync { who, from }),
    ]
}

/// Three people, their working states, and whether their steps may start from the cache.
struct Universe {
    _dir: tempfile::TempDir,
    people: Vec<Team>,
    work: Vec<Progress>,
    cached: bool,
    /// Whether each person has taken a step yet.
    stepped: Vec<bool>,
    /// Every report of what arrived, in order: (who, teammate id, changes).
    arrivals: Vec<(usize, String, usize)>,
}

impl Universe {
    fn new(cached: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let people = (0..PEOPLE.len())
            .map(|i| person_in(dir.path(), i))
            .collect();
        Self {
            _dir: dir,
            people,
            work: vec![Progress::default(); PEOPLE.len()],
            cached,
            stepped: vec![false; PEOPLE.len()],
            arrivals: Vec::new(),
        }
    }

    fn forget(&self, who: usize) {
        if !self.cached {
            let _ = fs::remove_file(self.people[who].root.join("state.cache"));
        }
    }

    fn done(&mut self, who: usize, merged: &Merged) {
        let team = &self.people[who];
        team.save_counts(&merged.counts()).unwrap();
        self.work[who] = merged.progress.clone();
        self.stepped[who] = true;
        for (id, changes) in &merged.arrived {
            self.arrivals.push((who, id.clone(), changes.len()));
        }
    }

    fn apply(&mut self, op: &Op, now: u64) {
        match *op {
            Op::Edit {
                who,
                item,
                field,
                value,
            } => {
                let entry = self.work[who].item_mut(&format!("item-{item}"));
                match field {
                    0 => entry.status = [Status::Done, Status::InProgress, Status::Todo][value],
                    1 => entry.owner = ["王静", "张伟", ""][value].into(),
                    _ => entry.note = ["机房已核", "待复核", ""][value].into(),
                }
                self.forget(who);
                let work = self.work[who].clone();
                let (_, merged) = self.people[who].record(Some(&work), now).unwrap();
                self.done(who, &merged);
            }
            Op::Sync { who, from } => {
                let team = &self.people[who];
                self.forget(who);
                let work = self.work[who].clone();
                let (_, first) = team
                    .merge_step(Some(&work), now, &BTreeMap::new(), None)
                    .unwrap();
                let theirs = self.people[from].people_dir();
                for entry in fs::read_dir(&theirs).unwrap() {
                    let path = entry.unwrap().path();
                    let name = path.file_name().unwrap().to_owned();
                    let mine = team.people_dir().join(&name);
                    let longer = fs::metadata(&mine)
                        .map_or(true, |m| m.len() < fs::metadata(&path).unwrap().len());
                    if mine != team.own_file() && longer {
                        fs::copy(&path, &mine).unwrap();
                    }
                }
                let after = self.cached.then_some(&first);
                let (_, mut merged) = team.merge_step(None, now, &BTreeMap::new(), after).unwrap();
                // The whole history counts what arrived from merged.json: the same report
                // as the cached steps' two parts together.
                if self.cached {
                    merged.arrived_after(first);
                }
                team.save_state(&merged);
                self.done(who, &merged);
            }
        }
    }

    /// Every person's files and working state, to compare.
    fn snapshot(&self) -> Vec<(BTreeMap<String, String>, String)> {
        self.people
            .iter()
            .zip(&self.work)
            .map(|(team, work)| {
                let files = fs::read_dir(team.people_dir())
                    .unwrap()
                    .map(|e| {
                        let path = e.unwrap().path();
                        let name = path.file_name().unwrap().to_string_lossy().into_owned();
                        (name, fs::read_to_string(&path).unwrap())
                    })
                    .collect();
                (files, crate::progress::encode(work))
            })
            .collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn steps_from_the_cache_give_what_the_whole_history_gives(
        ops in proptest::collection::vec(op(), 1..14)
    ) {
        let mut cached = Universe::new(true);
        let mut full = Universe::new(false);
        for (i, op) in ops.iter().enumerate() {
            let now = 1_000 * (i as u64 + 1);
            cached.apply(op, now);
            full.apply(op, now);
        }
        prop_assert_eq!(cached.snapshot(), full.snapshot());
        prop_assert_eq!(&cached.arrivals, &full.arrivals);
        // And each working state is what a merge of that person's files from nothing makes.
        for ((team, work), _) in cached.people.iter().zip(&cached.work).zip(&cached.stepped).filter(|(_, s)| **s) {
            let whole = merge_people(load_people(&team.people_dir()), &team.me);
            prop_assert_eq!(&whole.progress, work);
        }
    }
}

/// 王静 and 张伟 in one directory each, 张伟's file copied to 王静 as git would.
fn two_with_a_cache() -> (tempfile::TempDir, Team, Team) {
    let dir = tempfile::tempdir().unwrap();
    let wang = person_in(dir.path(), 0);
    let zhang = person_in(dir.path(), 1);
    let mut his = Progress::default();
    his.item_mut("a").note = "一".into();
    his.item_mut("b").note = "二".into();
    let (_, his) = zhang.record(Some(&his), 10).unwrap();
    zhang.save_counts(&his.counts()).unwrap();
    fs::copy(zhang.own_file(), wang.people_dir().join("p-b.json")).unwrap();
    let (_, merged) = wang.record(Some(&Progress::default()), 20).unwrap();
    wang.save_counts(&merged.counts()).unwrap();
    assert!(wang.root.join("state.cache").exists());
    (dir, wang, zhang)
}

fn note(merged: &Merged, item: &str) -> Option<String> {
    merged.progress.item(item).map(|i| i.note.clone())
}

#[test]
fn a_file_that_lost_changes_the_cache_holds_is_merged_in_full() {
    let (_dir, wang, _zhang) = two_with_a_cache();
    let theirs = wang.people_dir().join("p-b.json");
    let mut file = person::parse(&fs::read_to_string(&theirs).unwrap(), "p-b").unwrap();
    file.changes.retain(|c| !c.key.starts_with("items/b/"));
    fs::write(&theirs, person::encode(&file)).unwrap();
    let (_, merged) = wang.record(None, 30).unwrap();
    assert_eq!(note(&merged, "a").as_deref(), Some("一"));
    assert_eq!(
        note(&merged, "b"),
        None,
        "the state is the files', not the cache's"
    );
}

#[test]
fn a_damaged_cache_is_not_used_and_costs_nothing() {
    let (_dir, wang, _zhang) = two_with_a_cache();
    let path = wang.root.join("state.cache");
    let mut bytes = fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    fs::write(&path, &bytes).unwrap();
    let (_, merged) = wang.record(None, 30).unwrap();
    assert_eq!(note(&merged, "b").as_deref(), Some("二"));
    assert_ne!(fs::read(&path).unwrap(), bytes, "written again");
}

#[test]
fn a_teammates_file_broken_after_the_cache_is_set_aside_and_the_cache_dropped() {
    let (_dir, wang, _zhang) = two_with_a_cache();
    fs::write(wang.people_dir().join("p-b.json"), "{\"format\":").unwrap();
    let (_, merged) = wang.record(None, 30).unwrap();
    assert_eq!(merged.set_aside.len(), 1);
    assert!(merged.set_aside[0].to_string().contains("p-b.json"));
    assert_eq!(note(&merged, "a"), None);
    assert!(!wang.root.join("state.cache").exists());
}

#[test]
fn own_edits_from_the_cache_are_recorded_once_and_stamped_after_everything_seen() {
    let (_dir, wang, zhang) = two_with_a_cache();
    // 张伟 records more, with a clock far ahead; 王静 gets it and edits.
    let mut his = zhang.record(None, 11).unwrap().1.progress;
    his.item_mut("c").note = "三".into();
    assert_eq!(zhang.record(Some(&his), 90_000).unwrap().0, 1);
    fs::copy(zhang.own_file(), wang.people_dir().join("p-b.json")).unwrap();
    let step = |work: Option<&Progress>, now: u64| {
        let (n, merged) = wang.record(work, now).unwrap();
        wang.save_counts(&merged.counts()).unwrap();
        (n, merged)
    };
    let mut mine = step(None, 30).1.progress;
    mine.item_mut("c").note = "我改的".into();
    let (n, merged) = step(Some(&mine), 40);
    assert_eq!(n, 1);
    assert_eq!(note(&merged, "c").as_deref(), Some("我改的"));
    let (n, _) = step(Some(&merged.progress), 50);
    assert_eq!(n, 0, "nothing recorded twice");
    let own = person::parse(&fs::read_to_string(wang.own_file()).unwrap(), "p-a").unwrap();
    assert!(own.changes.iter().all(|c| c.stamp.hlc.ms >= 90_000));
}

#[test]
fn an_unreadable_own_file_still_stops_a_step_from_the_cache() {
    let (_dir, wang, _zhang) = two_with_a_cache();
    fs::write(wang.own_file(), "garbage").unwrap();
    let mut mine = Progress::default();
    mine.item_mut("z").note = "新".into();
    assert!(matches!(
        wang.record(Some(&mine), 30),
        Err(TeamError::Refused(_))
    ));
    assert_eq!(fs::read_to_string(wang.own_file()).unwrap(), "garbage");
}

#[test]
fn a_cache_that_fits_the_files_is_what_a_step_starts_from() {
    let (_dir, wang, _zhang) = two_with_a_cache();
    let path = wang.root.join("state.cache");
    let mut cache = super::state_cache::load(&path).unwrap();
    // A value no file holds, under a stamp: only a step that starts from the cache sees it.
    let mut winner = cache.state.fields["items/a/note"].clone();
    winner.value = serde_json::json!("只在缓存里");
    cache.state.fields.insert("items/a/note".into(), winner);
    let bytes = super::state_cache::encode(&cache.marks, &cache.state, cache.work);
    fs::write(&path, bytes).unwrap();
    let (_, merged) = wang.record(None, 30).unwrap();
    assert_eq!(note(&merged, "a").as_deref(), Some("只在缓存里"));
}
