//! The pure merge: everyone's changes in, one shared state out.
//!
//! A change says which field (`key`, see [`super::flat`]), its new value (`null` when removed),
//! who made it and when ([`Stamp`]), and which change it replaced as far as its author knew
//! (`prev`). The shared value of a field is the value of its change with the greatest stamp.
//! Changes are kept as a set, so merging is a union: commutative, associative and idempotent,
//! and nothing is ever dropped. Two changes of one field where the later one did not replace
//! the earlier (its author had not seen it) are *concurrent*, and the field's history says so.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::clock::{Hlc, Stamp};
use super::flat::Fields;

/// One recorded change of one field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    pub stamp: Stamp,
    pub key: String,
    /// The new value; `Value::Null` when the field was removed.
    pub value: Value,
    /// The change this one replaced, as its author saw the field; `None` when the author saw
    /// no value.
    pub prev: Option<Stamp>,
}

impl Change {
    /// The order of the set: by stamp, then key (one person's stamps are unique per change,
    /// the key only guards against a file that reuses one).
    fn order_key(&self) -> (&Stamp, &str) {
        (&self.stamp, &self.key)
    }
}

impl Ord for Change {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key()
            .cmp(&other.order_key())
            .then_with(|| self.value.to_string().cmp(&other.value.to_string()))
            .then_with(|| self.prev.cmp(&other.prev))
    }
}

impl PartialOrd for Change {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Every change known, as a set.
pub type Log = BTreeSet<Change>;

/// The union of two logs: the merge of two people's knowledge.
pub fn union(a: &Log, b: &Log) -> Log {
    a.union(b).cloned().collect()
}

/// A field's shared value and the change it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Winner {
    pub stamp: Stamp,
    pub value: Value,
}

/// The shared state: for every field that ever had a change, its latest change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub fields: BTreeMap<String, Winner>,
    /// The greatest clock seen in any change: the next change is stamped after it.
    pub seen: Hlc,
}

impl State {
    /// Takes one change into the state (latest stamp wins).
    pub fn apply(&mut self, change: &Change) {
        self.seen = self.seen.max(change.stamp.hlc);
        match self.fields.get_mut(&change.key) {
            Some(w) if !beats(&change.stamp, &change.value, w) => {}
            Some(w) => {
                w.stamp = change.stamp.clone();
                w.value = change.value.clone();
            }
            None => {
                self.fields.insert(
                    change.key.clone(),
                    Winner {
                        stamp: change.stamp.clone(),
                        value: change.value.clone(),
                    },
                );
            }
        }
    }

    /// The state of two states together: the same as the state of the union of their logs,
    /// so a cached state can take new changes without replaying everything.
    pub fn join(&self, other: &State) -> State {
        let mut out = self.clone();
        out.seen = out.seen.max(other.seen);
        for (key, w) in &other.fields {
            match out.fields.get(key) {
                Some(mine) if !beats(&w.stamp, &w.value, mine) => {}
                _ => {
                    out.fields.insert(key.clone(), w.clone());
                }
            }
        }
        out
    }

    /// The current values (removed fields left out).
    pub fn values(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.fields
            .iter()
            .filter(|(_, w)| !w.value.is_null())
            .map(|(k, w)| (k.as_str(), &w.value))
    }

    /// Ranks of stamps in creation order, for ordering array elements when rebuilding.
    pub fn rank(&self) -> impl Fn(&str) -> usize + '_ {
        let mut stamps: Vec<(&Stamp, &str)> = self
            .fields
            .iter()
            .map(|(k, w)| (&w.stamp, k.as_str()))
            .collect();
        stamps.sort();
        let ranks: BTreeMap<&str, usize> = stamps
            .into_iter()
            .enumerate()
            .map(|(i, (_, k))| (k, i))
            .collect();
        move |key| ranks.get(key).copied().unwrap_or(usize::MAX)
    }
}

/// Whether a change stamped `stamp` with `value` replaces the winner `current`: a later stamp,
/// or (only in a damaged file that reuses a stamp) the greater value text, so the result never
/// depends on the order files are read.
fn beats(stamp: &Stamp, value: &Value, current: &Winner) -> bool {
    match stamp.cmp(&current.stamp) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            let (new, old) = (value.to_string(), current.value.to_string());
            new > old
        }
    }
}

/// The shared state of a set of changes.
pub fn state<'a>(changes: impl IntoIterator<Item = &'a Change>) -> State {
    let mut out = State::default();
    for change in changes {
        out.apply(change);
    }
    out
}

/// The changes that turn `base` (the shared state its author last saw) into `wanted` (the
/// author's fields now), stamped in order after everything seen, for person `who`.
pub fn diff(base: &State, wanted: &Fields, who: &str, now_ms: u64) -> Vec<Change> {
    diff_at(base, wanted, who, now_ms, &BTreeMap::new())
}

/// [`diff`], each change stamped with when its field was edited (`edited`: field key → wall
/// milliseconds of its last edit) rather than when it is recorded; fields without a time get
/// `now_ms`. The changes come in the order of their edit times (a clock never runs backwards
/// within one person's file), each after everything `base` has seen.
pub fn diff_at(
    base: &State,
    wanted: &Fields,
    who: &str,
    now_ms: u64,
    edited: &BTreeMap<String, u64>,
) -> Vec<Change> {
    let mut pending: Vec<(u64, String, Value, Option<Stamp>)> = Vec::new();
    let mut push = |key: &str, value: Value, prev: Option<Stamp>| {
        let at = edited.get(key).copied().unwrap_or(now_ms);
        pending.push((at, key.to_owned(), value, prev));
    };
    // Removed fields first, so a keyed element removed and re-created keeps its new fields.
    let present: std::collections::HashSet<&str> = wanted.iter().map(|(k, _)| k.as_str()).collect();
    for (key, w) in &base.fields {
        if !w.value.is_null() && !present.contains(key.as_str()) {
            push(key, Value::Null, Some(w.stamp.clone()));
        }
    }
    for (key, value) in wanted {
        match base.fields.get(key) {
            Some(w) if &w.value == value => {}
            Some(w) => push(key, value.clone(), Some(w.stamp.clone())),
            None => push(key, value.clone(), None),
        }
    }
    // Stable: within one edit time, removals stay before the fields set.
    pending.sort_by_key(|p| p.0);
    let mut clock = base.seen;
    pending
        .into_iter()
        .map(|(at, key, value, prev)| {
            clock = clock.next(at);
            Change {
                stamp: Stamp {
                    hlc: clock,
                    who: who.to_owned(),
                },
                key,
                value,
                prev,
            }
        })
        .collect()
}

/// One line of a field's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine<'a> {
    pub change: &'a Change,
    /// Made without knowing the change before it in the history (two people changed the field
    /// at the same time); both stay in the history, the later stamp holds the value.
    pub concurrent: bool,
}

/// Every change of `key`, oldest first, with concurrent changes marked.
pub fn history<'a>(log: impl IntoIterator<Item = &'a Change>, key: &str) -> Vec<HistoryLine<'a>> {
    let mut changes: Vec<&Change> = log.into_iter().filter(|c| c.key == key).collect();
    changes.sort();
    let mut out: Vec<HistoryLine> = Vec::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        let concurrent = i > 0 && change.prev.as_ref() != Some(&changes[i - 1].stamp);
        out.push(HistoryLine { change, concurrent });
    }
    out
}

#[cfg(test)]
#[path = "merge/tests.rs"]
mod tests;
