//! `team/state.cache`: the merged state of the person files as last merged, with how many
//! changes of each file it holds, so that recording an edit or a sync that brings a teammate's
//! changes applies only the changes that came since instead of replaying a year of everyone's.
//!
//! It is only ever a shortcut. Each file it covers is named with the hash of its bytes and the
//! clock of its last change taken in; a file whose bytes changed is read, and its earlier
//! changes must still be there, unchanged at that position (person files only grow). A cache
//! that is missing, torn, from another zizhi version, or that does not fit the files means the
//! whole history is merged as before. Deleting it costs one slower sync, never data.
//!
//! Layout: a 16-byte magic, the 128-bit xxh3 of the rest, then the rest in postcard; field
//! values are kept as JSON text (postcard cannot carry a self-describing JSON value).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::team::clock::{Hlc, Stamp};
use crate::team::merge::{State, Winner};

const MAGIC: &[u8; 16] = b"zizhi-team-state";
/// A cache larger than this is not read (it would be a damaged file).
const MAX_CACHE: u64 = 512 * 1024 * 1024;

/// One person file as the cached state took it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// How many of the file's changes the state holds.
    pub count: usize,
    /// The 128-bit xxh3 hash of the file's bytes when they were taken in.
    pub hash: u128,
    /// The clock of the last change taken in (none when the file had none).
    pub last: Option<Hlc>,
    /// The person's name as the file gives it.
    pub name: String,
}

/// The merged state and the files it was merged from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateCache {
    /// Person id → what of their file the state holds.
    pub marks: BTreeMap<String, Mark>,
    pub state: State,
    /// The length and hash of the progress this state makes (as the working file encodes
    /// it): a working file with exactly these bytes holds no edits of its own.
    pub work: Option<(usize, u128)>,
}

impl StateCache {
    /// Person id → changes held, as `team/merged.json` keeps them.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        counts_of(&self.marks)
    }
}

/// Person id → changes held, files with none left out (as `team/merged.json` keeps them).
pub fn counts_of(marks: &BTreeMap<String, Mark>) -> BTreeMap<String, usize> {
    marks
        .iter()
        .filter(|(_, m)| m.count > 0)
        .map(|(id, m)| (id.clone(), m.count))
        .collect()
}

#[derive(Serialize, Deserialize)]
struct Stored {
    zizhi: String,
    marks: Vec<(String, Mark)>,
    seen: Hlc,
    work: Option<(usize, u128)>,
    /// The person ids the stamps name, each once.
    whos: Vec<String>,
    /// Key, clock, index into `whos`, value as JSON text.
    fields: Vec<(String, Hlc, u32, String)>,
}

/// The bytes of the cache of `state`, merged from the files `marks` names; `work` is the
/// length and hash of the progress it makes, as encoded.
pub fn encode(
    marks: &BTreeMap<String, Mark>,
    state: &State,
    work: Option<(usize, u128)>,
) -> Vec<u8> {
    let mut whos: Vec<String> = Vec::new();
    let mut index: BTreeMap<&str, u32> = BTreeMap::new();
    let mut fields = Vec::with_capacity(state.fields.len());
    for (key, w) in &state.fields {
        let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
        let at = *index.entry(w.stamp.who.as_str()).or_insert_with(|| {
            whos.push(w.stamp.who.clone());
            next
        });
        fields.push((key.clone(), w.stamp.hlc, at, w.value.to_string()));
    }
    let stored = Stored {
        zizhi: env!("CARGO_PKG_VERSION").to_owned(),
        marks: marks
            .iter()
            .map(|(id, m)| (id.clone(), m.clone()))
            .collect(),
        seen: state.seen,
        work,
        whos,
        fields,
    };
    let body = postcard::to_allocvec(&stored).unwrap_or_default();
    let mut out = Vec::with_capacity(32 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// The cache in `bytes`, when they are a whole cache written by this zizhi version.
pub fn decode(bytes: &[u8]) -> Option<StateCache> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (hash, body) = rest.split_at_checked(16)?;
    if u128::from_le_bytes(hash.try_into().ok()?) != xxhash_rust::xxh3::xxh3_128(body) {
        return None;
    }
    let stored: Stored = postcard::from_bytes(body).ok()?;
    if stored.zizhi != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut fields = Vec::with_capacity(stored.fields.len());
    for (key, hlc, at, text) in stored.fields {
        let who = stored.whos.get(usize::try_from(at).ok()?)?.clone();
        let value: Value = serde_json::from_str(&text).ok()?;
        fields.push((
            key,
            Winner {
                stamp: Stamp { hlc, who },
                value,
            },
        ));
    }
    Some(StateCache {
        marks: stored.marks.into_iter().collect(),
        state: State {
            fields: fields.into_iter().collect(),
            seen: stored.seen,
        },
        work: stored.work,
    })
}

/// Reads the cache at `path`; `None` when it is missing or unusable (never an error: the
/// history is then merged in full).
pub fn load(path: &Path) -> Option<StateCache> {
    let bytes =
        crate::safe_fs::read_regular(path, MAX_CACHE, crate::safe_fs::Links::Refuse).ok()?;
    decode(&bytes)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::team::merge::{self, Change};

    fn change(ms: u64, who: &str, key: &str, value: Value) -> Change {
        Change {
            stamp: Stamp {
                hlc: Hlc { ms, c: 0 },
                who: who.into(),
            },
            key: key.into(),
            value,
            prev: None,
        }
    }

    fn sample() -> StateCache {
        let log = [
            change(5, "p-a", "items/x/status", json!("done")),
            change(7, "p-b", "items/x/note", json!("机房门禁 \"已核\"")),
            change(
                9,
                "p-a",
                "sop_runs/#1",
                json!({"steps": [1, 2], "ok": true}),
            ),
            change(11, "p-b", "items/y/owner", Value::Null),
        ];
        StateCache {
            marks: BTreeMap::from([
                (
                    "p-a".into(),
                    Mark {
                        count: 2,
                        hash: 0xfeed,
                        last: Some(Hlc { ms: 9, c: 0 }),
                        name: "王静".into(),
                    },
                ),
                (
                    "p-b".into(),
                    Mark {
                        count: 2,
                        hash: 7,
                        last: Some(Hlc { ms: 11, c: 0 }),
                        name: "张伟".into(),
                    },
                ),
            ]),
            state: merge::state(&log),
            work: Some((12, 34)),
        }
    }

    #[test]
    fn a_cache_reads_back_as_written_removed_fields_included() {
        let cache = sample();
        let back = decode(&encode(&cache.marks, &cache.state, cache.work));
        assert_eq!(back.as_ref(), Some(&cache));
        assert!(back.is_some_and(|c| c.state.fields.contains_key("items/y/owner")));
        assert_eq!(
            cache.counts(),
            BTreeMap::from([("p-a".into(), 2), ("p-b".into(), 2)])
        );
    }

    #[test]
    fn a_torn_or_altered_cache_is_not_used() {
        let cache = sample();
        let bytes = encode(&cache.marks, &cache.state, cache.work);
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        let mut altered = bytes.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        assert_eq!(decode(&altered), None);
        assert_eq!(decode(b"zizhi-team-state"), None);
        assert_eq!(decode(b""), None);
    }
}
