//! Recording own edits and merging everyone's changes. A step starts from the state the last
//! merge left (`team/state.cache`, see [`super::state_cache`]) when it fits the files on disk:
//! only the files whose bytes changed are read, and only their new changes applied. Anything
//! unusual (a file set aside, a file that lost changes, no cache) merges the whole history
//! instead. Both give the same state; the tests compare them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::files::{KnownValid, Loaded, Merged, ReadPeople, SetAside, mark_of, read_people};
use super::state_cache::{self, StateCache};
use super::{
    MAX_PERSON_FILE, Team, TeamError, fields_of, merge_people_knowing, private_dir, progress_of,
    write_private, write_private_bytes,
};
use crate::progress::Progress;
use crate::team::clock::Hlc;
use crate::team::merge::{self, Change};
use crate::team::person::{self, PersonFile};

/// A person file read again in a step from the cache, and how many of its changes the
/// cached state already holds.
struct Fresh {
    file: PersonFile,
    hash: u128,
    held: usize,
}

impl Team {
    fn state_cache_path(&self) -> PathBuf {
        self.root.join("state.cache")
    }

    /// Refuses to go on when the own file cannot be read: recording would overwrite it.
    fn refuse_unreadable_own(&self, set_aside: &[SetAside]) -> Result<(), TeamError> {
        let own_name = format!("{}.json", self.me.id);
        match set_aside
            .iter()
            .find(|s| s.file.file_name().is_some_and(|n| n == own_name.as_str()))
        {
            Some(bad) => Err(TeamError::Refused(format!(
                "你自己的团队文件 {} 无法读取（{}），为免覆盖，本次未记录任何更改。\
                 请用 git 检查该文件（它在 {} 里有历史版本）",
                bad.file.display(),
                bad.reason,
                self.repo().display()
            ))),
            None => Ok(()),
        }
    }

    /// The own file before its first change.
    fn no_own_file(&self) -> PersonFile {
        PersonFile {
            id: self.me.id.clone(),
            name: self.me.name.clone(),
            changes: Vec::new(),
        }
    }

    /// Reads the person files and checks the own one can be appended to.
    pub fn load(&self) -> Result<(Loaded, PersonFile), TeamError> {
        self.split_own(read_people(&self.people_dir()).parse_all())
    }

    fn split_own(&self, mut loaded: Loaded) -> Result<(Loaded, PersonFile), TeamError> {
        self.refuse_unreadable_own(&loaded.set_aside)?;
        let own = match loaded.people.iter().position(|p| p.id == self.me.id) {
            Some(i) => loaded.people.remove(i),
            None => self.no_own_file(),
        };
        Ok((loaded, own))
    }

    /// Records own edits (`work` against the state it was built from) as stamped changes in
    /// the own file, then merges everyone. `work` is `None` when there is no working file
    /// yet (nothing to record). Returns how many changes were recorded and the merge, which
    /// the caller saves as the new working file before [`Team::save_counts`].
    pub fn record(
        &self,
        work: Option<&Progress>,
        now_ms: u64,
    ) -> Result<(usize, Merged), TeamError> {
        self.record_at(work, now_ms, &BTreeMap::new())
    }

    /// [`Team::record`], each change stamped with when its field was edited (`edited`, see
    /// [`Team::edit_times`]); fields without a time are stamped `now_ms`. Keeps the merged
    /// state for the next step ([`Team::save_state`]).
    pub fn record_at(
        &self,
        work: Option<&Progress>,
        now_ms: u64,
        edited: &BTreeMap<String, u64>,
    ) -> Result<(usize, Merged), TeamError> {
        let (recorded, merged) = self.merge_step(work, now_ms, edited, None)?;
        self.save_state(&merged);
        Ok((recorded, merged))
    }

    /// One step of recording and merging, without keeping the state (a sync keeps it once,
    /// after its last step). `after`: the merge this process made just before (a sync's
    /// step after fetching); it is the starting point, and what arrived is counted from it
    /// rather than from `team/merged.json`. `work` must be `None` with `after` (own edits
    /// are recorded against the state the working file was built from).
    pub fn merge_step(
        &self,
        work: Option<&Progress>,
        now_ms: u64,
        edited: &BTreeMap<String, u64>,
        after: Option<&Merged>,
    ) -> Result<(usize, Merged), TeamError> {
        let counts = self.counts();
        let read = read_people(&self.people_dir());
        self.refuse_unreadable_own(&read.set_aside)?;
        let since = after.map_or_else(|| counts.clone(), Merged::counts);
        let start = match after {
            Some(m) if work.is_none() && m.set_aside.is_empty() => Some(StateCache {
                marks: m.marks.clone(),
                state: m.state.clone(),
                work: None,
            }),
            Some(_) => None,
            // Own edits are the difference from the state the working file was built from:
            // the cache is that state only when it holds exactly what merged.json says.
            None => state_cache::load(&self.state_cache_path())
                .filter(|c| work.is_none() || c.counts() == counts),
        };
        let known = self.known_valid();
        let known_hashes = known.hashes();
        let step = match start {
            Some(start) => {
                self.step_from(start, &read, work, now_ms, edited, &since, &known_hashes)?
            }
            None => None,
        };
        let (recorded, merged) = match step {
            Some(done) => done,
            None => {
                self.step_in_full(read, work, now_ms, edited, &counts, &since, &known_hashes)?
            }
        };
        let now_valid = KnownValid::of(&merged.valid);
        if now_valid != known {
            // Best effort: without it the next sync only checks every file again.
            let text = serde_json::to_string(&now_valid).unwrap_or_default();
            let _ = write_private(&self.root.join("valid.json"), &text);
        }
        Ok((recorded, merged))
    }

    /// Keeps `merged`'s state as the start of the next step. Best effort: without it the
    /// next step merges the whole history. A merge that set a file aside is not kept (the
    /// next step looks at that file again in full).
    pub fn save_state(&self, merged: &Merged) {
        let path = self.state_cache_path();
        if !merged.set_aside.is_empty() {
            let _ = std::fs::remove_file(&path);
            return;
        }
        let work = crate::progress::encoded_len_and_hash(&merged.progress);
        let bytes = state_cache::encode(&merged.marks, &merged.state, Some(work));
        let _ = write_private_bytes(&path, &bytes);
    }

    /// A step from the cached state `start`; `None` when the files do not fit it (the
    /// whole history is merged instead). Nothing is written before the step is known to
    /// work out.
    #[allow(clippy::too_many_arguments)]
    fn step_from(
        &self,
        start: StateCache,
        read: &ReadPeople,
        work: Option<&Progress>,
        now_ms: u64,
        edited: &BTreeMap<String, u64>,
        since: &BTreeMap<String, usize>,
        known: &BTreeMap<String, u128>,
    ) -> Result<Option<(usize, Merged)>, TeamError> {
        if !read.set_aside.is_empty()
            || start
                .marks
                .iter()
                .any(|(id, m)| m.count > 0 && !read.files.iter().any(|f| &f.id == id))
        {
            return Ok(None);
        }
        let StateCache {
            mut marks,
            mut state,
            work: start_work,
        } = start;
        // Read again: the files whose bytes changed, and those with changes held that the
        // report of what arrived counts from before the start.
        let mut fresh: Vec<Fresh> = Vec::new();
        for bytes in &read.files {
            let mark = marks.get(&bytes.id);
            let held = mark.map_or(0, |m| m.count);
            let unchanged = mark.is_some_and(|m| m.hash == bytes.hash);
            let reported = bytes.id == self.me.id || since.get(&bytes.id).copied() >= Some(held);
            if unchanged && (reported || held == 0) {
                continue;
            }
            let Ok(file) = bytes.parse() else {
                return Ok(None);
            };
            let last = held
                .checked_sub(1)
                .and_then(|i| file.changes.get(i))
                .map(|c| c.stamp.hlc);
            if file.changes.len() < held || last != mark.and_then(|m| m.last) {
                return Ok(None); // the file lost or rewrote changes the state holds
            }
            fresh.push(Fresh {
                file,
                hash: bytes.hash,
                held,
            });
        }
        // New own changes are stamped after every change seen, taken in or not.
        state.seen = fresh
            .iter()
            .flat_map(|f| &f.file.changes)
            .map(|c| c.stamp.hlc)
            .max()
            .unwrap_or(Hlc::default())
            .max(state.seen);
        let clean =
            work.is_some_and(|w| start_work == Some(crate::progress::encoded_len_and_hash(w)));
        let own_new = match work {
            Some(work) if !clean => {
                merge::diff_at(&state, &fields_of(work), &self.me.id, now_ms, edited)
            }
            _ => Vec::new(),
        };
        let mut own_text = None;
        if !own_new.is_empty() {
            let at = fresh.iter().position(|f| f.file.id == self.me.id);
            let mut own = match at {
                Some(i) => fresh.swap_remove(i),
                None => Fresh {
                    file: match read.files.iter().find(|f| f.id == self.me.id) {
                        Some(bytes) => match bytes.parse() {
                            Ok(file) => file,
                            Err(_) => return Ok(None),
                        },
                        None => self.no_own_file(),
                    },
                    hash: 0,
                    held: marks.get(&self.me.id).map_or(0, |m| m.count),
                },
            };
            own.file.name = self.me.name.clone();
            own.file.changes.extend(own_new.iter().cloned());
            let text = person::encode(&own.file);
            own.hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
            own_text = Some(text);
            fresh.push(own);
        }
        // Every file whose bytes are not known valid must make valid progress on its own,
        // as in full (the files not read again were, when the cached state took them in).
        for f in &fresh {
            if known.get(&f.file.id) != Some(&f.hash)
                && progress_of(&merge::state(&f.file.changes), &self.me.name).is_err()
            {
                return Ok(None);
            }
        }
        let mut news = 0;
        for f in &fresh {
            for change in &f.file.changes[f.held..] {
                state.apply(change);
                news += 1;
            }
        }
        let progress = match work {
            Some(work) if clean && news == 0 => work.clone(),
            _ => match progress_of(&state, &self.me.name) {
                Ok(progress) => progress,
                Err(_) => return Ok(None),
            },
        };
        if let Some(text) = own_text {
            private_dir(&self.people_dir())?;
            write_private(&self.own_file(), &text)?;
        }
        let mut arrived = BTreeMap::new();
        for f in &fresh {
            let from = since.get(&f.file.id).copied().unwrap_or(0);
            if f.file.id != self.me.id && f.file.changes.len() > from {
                arrived.insert(f.file.id.clone(), f.file.changes[from..].to_vec());
            }
        }
        for f in &fresh {
            marks.insert(f.file.id.clone(), mark_of(&f.file, Some(f.hash)));
        }
        marks.retain(|id, _| {
            read.files.iter().any(|f| &f.id == id) || fresh.iter().any(|f| &f.file.id == id)
        });
        let valid = marks.iter().map(|(id, m)| (id.clone(), m.hash)).collect();
        Ok(Some((
            own_new.len(),
            Merged {
                state,
                progress,
                marks,
                set_aside: Vec::new(),
                valid,
                arrived,
            },
        )))
    }

    /// A step over the whole history.
    #[allow(clippy::too_many_arguments)]
    fn step_in_full(
        &self,
        read: ReadPeople,
        work: Option<&Progress>,
        now_ms: u64,
        edited: &BTreeMap<String, u64>,
        counts: &BTreeMap<String, usize>,
        since: &BTreeMap<String, usize>,
        known: &BTreeMap<String, u128>,
    ) -> Result<(usize, Merged), TeamError> {
        let (mut loaded, mut own) = self.split_own(read.parse_all())?;
        let mut recorded = 0;
        if let Some(work) = work {
            fn included<'a>(counts: &BTreeMap<String, usize>, p: &'a PersonFile) -> &'a [Change] {
                let n = counts.get(&p.id).copied().unwrap_or(0).min(p.changes.len());
                &p.changes[..n]
            }
            let mut base = merge::state(
                loaded
                    .people
                    .iter()
                    .chain(std::iter::once(&own))
                    .flat_map(|p| included(counts, p)),
            );
            // Stamp after every change seen, included or not.
            base.seen = loaded
                .people
                .iter()
                .chain(std::iter::once(&own))
                .flat_map(|p| &p.changes)
                .map(|c| c.stamp.hlc)
                .max()
                .unwrap_or(Hlc::default())
                .max(base.seen);
            let changes = merge::diff_at(&base, &fields_of(work), &self.me.id, now_ms, edited);
            recorded = changes.len();
            if !changes.is_empty() {
                own.name = self.me.name.clone();
                own.changes.extend(changes);
                private_dir(&self.people_dir())?;
                let text = person::encode(&own);
                write_private(&self.own_file(), &text)?;
                // The own file merged is the one just written: known by that hash.
                loaded.hashes.insert(
                    self.me.id.clone(),
                    xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
                );
            }
        }
        let arrived = loaded
            .people
            .iter()
            .filter_map(|p| {
                let from = since.get(&p.id).copied().unwrap_or(0);
                (p.changes.len() > from).then(|| (p.id.clone(), p.changes[from..].to_vec()))
            })
            .collect();
        loaded.people.push(own);
        let mut merged = merge_people_knowing(loaded, &self.me, known);
        merged.arrived = arrived;
        Ok((recorded, merged))
    }

    pub(super) fn known_valid(&self) -> KnownValid {
        crate::safe_fs::read_regular(
            &self.root.join("valid.json"),
            MAX_PERSON_FILE,
            crate::safe_fs::Links::Refuse,
        )
        .ok()
        .and_then(|t| serde_json::from_slice(&t).ok())
        .unwrap_or_default()
    }
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
