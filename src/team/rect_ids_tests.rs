//! Two people offline who both create the next rectification get the same id (ZG-003): the
//! merge keeps both items whole, whatever the order it reads them in, and shows the later
//! one under the next free number.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::merge::{self, Change, State};
use super::workspace::{fields_of, progress_of};
use crate::domain::rectification::{Finding, Stamp, create_from_finding};
use crate::progress::Progress;
use crate::progress::RectField;

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 3)
        .and_then(|d| d.and_hms_opt(9, minute, 0))
        .expect("valid time")
}

/// The changes `who` records to get from `base` to `work`, stamped at `ms`.
fn record(base: &State, work: &Progress, who: &str, ms: u64) -> Vec<Change> {
    merge::diff_at(base, &fields_of(work), who, ms, &BTreeMap::new())
}

/// Person `who` (named `name`) creates `n` items offline on top of `shared`, at `minute`.
fn offline(shared: &Progress, name: &str, n: usize, minute: u32) -> Progress {
    let mut work = shared.clone();
    for i in 0..n {
        let title = format!("{name}的问题{i}");
        let stamp = Stamp {
            at: at(minute),
            by: name,
        };
        let id = create_from_finding(&mut work, Finding::interview_miss("q-1", &title), &stamp);
        let item = work
            .rectifications
            .iter_mut()
            .find(|r| r.id == id)
            .expect("created");
        item.owner = name.to_owned();
        item.root_cause = format!("{name}写的原因");
    }
    work
}

/// A shared start with two items, as everyone has it after a sync.
fn shared() -> (Vec<Change>, Progress) {
    let start = offline(&Progress::default(), "王静", 2, 0);
    let changes = record(&State::default(), &start, "p-a", 1_000);
    let progress = progress_of(&merge::state(&changes), "").expect("valid");
    (changes, progress)
}

fn merged(logs: &[&[Change]]) -> Progress {
    progress_of(&merge::state(logs.iter().flat_map(|l| l.iter())), "").expect("valid")
}

#[test]
fn both_offline_items_numbered_zg_003_survive_the_merge_whole_and_the_later_is_renumbered() {
    let (base_changes, base) = shared();
    let base_state = merge::state(&base_changes);
    let wang = offline(&base, "王静", 1, 10);
    let zhang = offline(&base, "张伟", 1, 20);
    assert_eq!(wang.rectifications[2].id, "ZG-003");
    assert_eq!(zhang.rectifications[2].id, "ZG-003");
    let a = record(&base_state, &wang, "p-a", 2_000);
    let b = record(&base_state, &zhang, "p-b", 3_000);

    let one = merged(&[&base_changes, &a, &b]);
    assert_eq!(one, merged(&[&b, &a, &base_changes]));
    let items: Vec<(&str, &str, &str)> = one
        .rectifications
        .iter()
        .map(|r| (r.id.as_str(), r.owner.as_str(), r.root_cause.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("ZG-001", "王静", "王静写的原因"),
            ("ZG-002", "王静", "王静写的原因"),
            ("ZG-003", "王静", "王静写的原因"),
            ("ZG-004", "张伟", "张伟写的原因"),
        ]
    );
    let moved = one.rectifications[3].history.last().expect("history");
    assert_eq!(moved.field, RectField::Id);
    assert_eq!(
        (moved.from.as_str(), moved.to.as_str()),
        ("ZG-003", "ZG-004")
    );

    // Once either of them records the merged state, the new number is theirs to keep: it
    // stays when both record it, and the next item is ZG-005.
    let merged_state = merge::state(base_changes.iter().chain(&a).chain(&b));
    let a2 = record(&merged_state, &one, "p-a", 4_000);
    let b2 = record(&merged_state, &one, "p-b", 5_000);
    assert!(a2.iter().any(|c| c.value == "ZG-004"), "{a2:?}");
    let again = merged(&[&base_changes, &a, &b, &a2, &b2]);
    assert_eq!(again.rectifications, one.rectifications);
    assert_eq!(crate::domain::rectification::next_id(&again), "ZG-005");
}

proptest! {
    #[test]
    fn offline_items_are_never_merged_into_each_other_whatever_the_order(
        n_a in 0usize..4,
        n_b in 0usize..4,
        n_c in 0usize..3,
        minutes in (0u32..3, 0u32..3, 0u32..3),
        clocks in (1_500u64..1_503, 1_500u64..1_503, 1_500u64..1_503),
    ) {
        let (base_changes, base) = shared();
        let base_state = merge::state(&base_changes);
        let people = [("p-a", "王静", n_a, minutes.0, clocks.0),
            ("p-b", "张伟", n_b, minutes.1, clocks.1),
            ("p-c", "李娜", n_c, minutes.2, clocks.2)];
        let logs: Vec<Vec<Change>> = people
            .iter()
            .map(|(id, name, n, minute, ms)| {
                record(&base_state, &offline(&base, name, *n, *minute), id, *ms)
            })
            .collect();
        let abc = merged(&[&base_changes, &logs[0], &logs[1], &logs[2]]);
        let cba = merged(&[&logs[2], &logs[1], &logs[0], &base_changes]);
        let bac = merged(&[&logs[1], &base_changes, &logs[0], &logs[2], &logs[1]]);
        prop_assert_eq!(&abc, &cba);
        prop_assert_eq!(&abc, &bac);
        // Every item is there, once, under its own id, with only its creator's fields.
        prop_assert_eq!(abc.rectifications.len(), 2 + n_a + n_b + n_c);
        let mut ids: Vec<&str> = abc.rectifications.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), abc.rectifications.len());
        for item in &abc.rectifications {
            let creator = item.history.first().map(|h| h.by.as_str()).unwrap_or("");
            prop_assert_eq!(item.owner.as_str(), creator);
            prop_assert!(item.title.starts_with(creator));
            prop_assert_eq!(&item.root_cause, &format!("{creator}写的原因"));
        }
    }
}
