//! Properties of the merge: a union of sets, whatever the order, nothing lost.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::team::flat::Fields;

fn stamp(ms: u64, c: u32, who: &str) -> Stamp {
    Stamp {
        hlc: Hlc { ms, c },
        who: who.to_owned(),
    }
}

fn arb_stamp() -> impl Strategy<Value = Stamp> {
    (0u64..6, 0u32..3, prop::sample::select(vec!["a", "b", "c"]))
        .prop_map(|(ms, c, who)| stamp(ms, c, who))
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        (0i64..4).prop_map(|n| json!(n)),
        prop::sample::select(vec!["done", "todo", "张伟"]).prop_map(|s| json!(s)),
    ]
}

fn arb_change() -> impl Strategy<Value = Change> {
    (
        arb_stamp(),
        prop::sample::select(vec!["items/a/status", "items/b/owner", "rect/@1/due"]),
        arb_value(),
        prop::option::of(arb_stamp()),
    )
        .prop_map(|(stamp, key, value, prev)| Change {
            stamp,
            key: key.to_owned(),
            value,
            prev,
        })
}

fn arb_log() -> impl Strategy<Value = Log> {
    prop::collection::btree_set(arb_change(), 0..12)
}

proptest! {
    #[test]
    fn merging_is_commutative(a in arb_log(), b in arb_log()) {
        prop_assert_eq!(union(&a, &b), union(&b, &a));
        prop_assert_eq!(state(&union(&a, &b)), state(&union(&b, &a)));
        prop_assert_eq!(state(&a).join(&state(&b)), state(&b).join(&state(&a)));
    }

    #[test]
    fn merging_is_associative(a in arb_log(), b in arb_log(), c in arb_log()) {
        prop_assert_eq!(union(&union(&a, &b), &c), union(&a, &union(&b, &c)));
        let (sa, sb, sc) = (state(&a), state(&b), state(&c));
        prop_assert_eq!(sa.join(&sb).join(&sc), sa.join(&sb.join(&sc)));
    }

    #[test]
    fn merging_is_idempotent(a in arb_log(), b in arb_log()) {
        prop_assert_eq!(union(&a, &a), a.clone());
        let ab = union(&a, &b);
        prop_assert_eq!(union(&ab, &b), ab.clone());
        prop_assert_eq!(state(&a).join(&state(&a)), state(&a));
    }

    #[test]
    fn the_state_of_a_union_is_the_join_of_the_states(a in arb_log(), b in arb_log()) {
        prop_assert_eq!(state(&union(&a, &b)), state(&a).join(&state(&b)));
    }

    #[test]
    fn nothing_is_lost(a in arb_log(), b in arb_log()) {
        let all = union(&a, &b);
        for change in a.iter().chain(&b) {
            prop_assert!(all.contains(change));
            let lines = history(&all, &change.key);
            prop_assert!(lines.iter().any(|l| l.change == change));
        }
    }

    #[test]
    fn every_field_holds_its_latest_change(a in arb_log()) {
        let s = state(&a);
        for (key, winner) in &s.fields {
            let latest = a.iter().filter(|c| &c.key == key).map(|c| &c.stamp).max();
            prop_assert_eq!(Some(&winner.stamp), latest);
        }
        prop_assert_eq!(s.fields.len(), a.iter().map(|c| &c.key).collect::<BTreeSet<_>>().len());
    }

    #[test]
    fn recording_a_diff_gives_exactly_the_wanted_fields(
        a in arb_log(),
        wanted in prop::collection::btree_map(
            prop::sample::select(vec!["items/a/status", "items/b/owner", "x/y"]).prop_map(str::to_owned),
            (0i64..3).prop_map(|n| json!(n)),
            0..3,
        ),
        now in 0u64..10,
    ) {
        let base = state(&a);
        let wanted: Fields = wanted.into_iter().collect();
        let changes = diff(&base, &wanted, "me", now);
        let mut log = a.clone();
        log.extend(changes.iter().cloned());
        let after = state(&log);
        let values: Fields = after.values().map(|(k, v)| (k.to_owned(), v.clone())).collect();
        prop_assert_eq!(values, wanted);
        for change in &changes {
            prop_assert!(change.stamp.hlc > base.seen);
        }
    }
}

#[test]
fn two_people_changing_one_field_unaware_of_each_other_both_show_in_its_history() {
    let base = Change {
        stamp: stamp(1, 0, "a"),
        key: "items/x/owner".into(),
        value: json!("张伟"),
        prev: None,
    };
    let by_a = Change {
        stamp: stamp(5, 0, "a"),
        value: json!("王静"),
        prev: Some(base.stamp.clone()),
        ..base.clone()
    };
    let by_b = Change {
        stamp: stamp(4, 0, "b"),
        value: json!("李娜"),
        prev: Some(base.stamp.clone()),
        ..base.clone()
    };
    let log: Log = [base.clone(), by_a.clone(), by_b.clone()]
        .into_iter()
        .collect();
    assert_eq!(state(&log).fields["items/x/owner"].value, json!("王静"));
    let lines = history(&log, "items/x/owner");
    let marks: Vec<(&str, bool)> = lines
        .iter()
        .map(|l| (l.change.value.as_str().unwrap_or(""), l.concurrent))
        .collect();
    assert_eq!(marks, [("张伟", false), ("李娜", false), ("王静", true)]);
}

#[test]
fn a_removal_is_a_change_like_any_other() {
    let mut base = State::default();
    base.apply(&Change {
        stamp: stamp(1, 0, "a"),
        key: "items/x/note".into(),
        value: json!("记录"),
        prev: None,
    });
    let changes = diff(&base, &Fields::new(), "b", 2);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].value, Value::Null);
    assert_eq!(changes[0].prev, Some(stamp(1, 0, "a")));
}
