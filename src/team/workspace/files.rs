//! The person files as read and merged: reading every `people/*.json` without following
//! links, setting aside what cannot be used (and saying why), and merging the rest; with
//! `team/valid.json`, the files already found valid on their own.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::state_cache::Mark;
use super::{MAX_PERSON_FILE, Me, progress_of};
use crate::progress::Progress;
use crate::team::merge::{self, Change, State};
use crate::team::person::{self, PersonFile};

/// A person file left out of the merge, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub file: PathBuf,
    /// The person's name, when the file says it.
    pub person: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = self.person.as_deref().unwrap_or("未知成员");
        write!(
            f,
            "已搁置 {}（{who}）：{}。其他人的数据照常合并；请让{who}检查后重新同步",
            self.file.display(),
            self.reason
        )
    }
}

/// The person files of the repository, read.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub people: Vec<PersonFile>,
    pub set_aside: Vec<SetAside>,
    /// Person id → the 128-bit xxh3 hash of their file's bytes as read.
    pub hashes: BTreeMap<String, u128>,
}

/// The shared state of the usable person files.
#[derive(Debug, Clone)]
pub struct Merged {
    pub state: State,
    pub progress: Progress,
    /// Person id → what of their file is in `progress` (how many changes, the file's hash,
    /// the person's name), for every usable file.
    pub marks: BTreeMap<String, Mark>,
    pub set_aside: Vec<SetAside>,
    /// Person id → hash of each file found valid on its own (see [`merge_people_knowing`]).
    pub valid: BTreeMap<String, u128>,
    /// Person id → the teammates' changes this merge took in that the one before it had
    /// not (what a sync reports as come in).
    pub arrived: BTreeMap<String, Vec<Change>>,
}

impl Merged {
    /// Person id → how many of their changes are in `progress`.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        super::state_cache::counts_of(&self.marks)
    }

    /// Takes in what `earlier` (the step just before, in the same sync) reported as arrived,
    /// before this step's own arrivals: the whole sync's report.
    pub fn arrived_after(&mut self, earlier: Merged) {
        for (id, mut changes) in earlier.arrived {
            changes.extend(self.arrived.remove(&id).unwrap_or_default());
            self.arrived.insert(id, changes);
        }
    }
}

/// What of a person file a merge holds: the file's first `count` changes.
pub fn mark_of(file: &PersonFile, hash: Option<u128>) -> Mark {
    Mark {
        count: file.changes.len(),
        hash: hash.unwrap_or(0),
        last: file.changes.last().map(|c| c.stamp.hlc),
        name: file.name.clone(),
    }
}

/// A person file's bytes as read, not yet parsed.
#[derive(Debug, Clone)]
pub struct PersonBytes {
    /// The file name without `.json`.
    pub id: String,
    pub text: String,
    /// The 128-bit xxh3 hash of the bytes.
    pub hash: u128,
}

impl PersonBytes {
    pub fn parse(&self) -> Result<PersonFile, person::PersonError> {
        person::parse(&self.text, &self.id)
    }

    /// The file as set aside for `reason`, naming the person when the text says who.
    fn set_aside(&self, dir: &Path, reason: String) -> SetAside {
        SetAside {
            file: dir.join(format!("{}.json", self.id)),
            person: person::name_hint(&self.text),
            reason,
        }
    }
}

/// Every `people/*.json` of a directory, read but not parsed.
#[derive(Debug, Clone, Default)]
pub struct ReadPeople {
    pub dir: PathBuf,
    pub files: Vec<PersonBytes>,
    /// Files that could not be read at all (links, special files, too large, unreadable).
    pub set_aside: Vec<SetAside>,
}

impl ReadPeople {
    /// Every file parsed; anything unusable is set aside with its reason.
    pub fn parse_all(self) -> Loaded {
        let mut loaded = Loaded {
            set_aside: self.set_aside,
            ..Loaded::default()
        };
        for bytes in self.files {
            match bytes.parse() {
                Ok(file) => {
                    loaded.hashes.insert(file.id.clone(), bytes.hash);
                    loaded.people.push(file);
                }
                Err(e) => loaded
                    .set_aside
                    .push(bytes.set_aside(&self.dir, e.to_string())),
            }
        }
        loaded
    }
}

/// Reads every `people/*.json` of `dir` without following links; anything unusable is set
/// aside with its reason.
pub fn load_people(dir: &Path) -> Loaded {
    read_people(dir).parse_all()
}

/// Reads the bytes of every `people/*.json` of `dir` without following links.
pub fn read_people(dir: &Path) -> ReadPeople {
    let mut read = ReadPeople {
        dir: dir.to_path_buf(),
        ..ReadPeople::default()
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return read;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        let set_aside = |reason: String| SetAside {
            file: path.clone(),
            person: None,
            reason,
        };
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                read.set_aside.push(set_aside(e.to_string()));
                continue;
            }
        };
        if !meta.file_type().is_file() {
            read.set_aside
                .push(set_aside("不是普通文件（链接或特殊文件不会被读取）".into()));
            continue;
        }
        if meta.len() > MAX_PERSON_FILE {
            read.set_aside
                .push(set_aside(format!("文件过大（{} 字节）", meta.len())));
            continue;
        }
        // Read on the open handle, not by name again: a file swapped for a link or a FIFO
        // after the check above is refused too.
        match crate::safe_fs::read_regular(&path, MAX_PERSON_FILE, crate::safe_fs::Links::Refuse) {
            Ok(bytes) => read.files.push(PersonBytes {
                id: id.to_owned(),
                hash: xxhash_rust::xxh3::xxh3_128(&bytes),
                text: String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            }),
            Err(e) => read.set_aside.push(set_aside(e.to_string())),
        }
    }
    read
}

/// Merges the usable files. A file whose changes alone do not make valid progress for this
/// version is set aside; if the files together still do not, the other people's files are
/// left out one at a time until they do (own file last), each reported.
pub fn merge_people(loaded: Loaded, me: &Me) -> Merged {
    merge_people_knowing(loaded, me, &BTreeMap::new())
}

/// [`merge_people`], taking the files whose id and hash are in `known_valid` as valid alone
/// without checking them again (a teammate's file changes only when git brings changes; the
/// check merges every file on its own, as much work as the merge itself).
pub fn merge_people_knowing(
    loaded: Loaded,
    me: &Me,
    known_valid: &BTreeMap<String, u128>,
) -> Merged {
    let mut set_aside = loaded.set_aside;
    let mut people: Vec<PersonFile> = Vec::new();
    let mut valid = BTreeMap::new();
    let hashes = loaded.hashes;
    for file in loaded.people {
        let hash = hashes.get(&file.id).copied();
        if hash.is_some() && known_valid.get(&file.id).copied() == hash {
            valid.extend(hash.map(|h| (file.id.clone(), h)));
            people.push(file);
            continue;
        }
        let alone = merge::state(&file.changes);
        match progress_of(&alone, &me.name) {
            Ok(_) => {
                valid.extend(hash.map(|h| (file.id.clone(), h)));
                people.push(file);
            }
            Err(reason) => set_aside.push(SetAside {
                file: PathBuf::from(format!("people/{}.json", file.id)),
                person: Some(file.name.clone()),
                reason: format!("与本版本的数据格式不符（{reason}）"),
            }),
        }
    }
    // Own file last in the order people are left out.
    people.sort_by_key(|p| p.id == me.id);
    loop {
        let state = merge::state(people.iter().flat_map(|p| &p.changes));
        match progress_of(&state, &me.name) {
            Ok(progress) => {
                return Merged {
                    marks: people
                        .iter()
                        .map(|p| (p.id.clone(), mark_of(p, hashes.get(&p.id).copied())))
                        .collect(),
                    state,
                    progress,
                    set_aside,
                    valid,
                    arrived: BTreeMap::new(),
                };
            }
            Err(reason) => {
                let Some(file) = (!people.is_empty()).then(|| people.remove(0)) else {
                    // Nothing left: an empty state always makes valid progress.
                    return Merged {
                        state: State::default(),
                        progress: Progress {
                            operator: me.name.clone(),
                            ..Progress::default()
                        },
                        marks: BTreeMap::new(),
                        set_aside,
                        valid,
                        arrived: BTreeMap::new(),
                    };
                };
                set_aside.push(SetAside {
                    file: PathBuf::from(format!("people/{}.json", file.id)),
                    person: Some(file.name.clone()),
                    reason: format!("与其他成员的数据合并后无效（{reason}）"),
                });
            }
        }
    }
}

/// `team/valid.json`: the person files this version found valid on their own, by hash
/// (hex), so a sync does not check an unchanged teammate's file again. Only a shortcut: a
/// missing, damaged or other version's file means checking every file.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct KnownValid {
    pub(super) zizhi: String,
    pub(super) files: BTreeMap<String, String>,
}

impl KnownValid {
    pub(super) fn of(valid: &BTreeMap<String, u128>) -> Self {
        Self {
            zizhi: env!("CARGO_PKG_VERSION").to_owned(),
            files: valid
                .iter()
                .map(|(id, h)| (id.clone(), format!("{h:032x}")))
                .collect(),
        }
    }

    pub(super) fn hashes(&self) -> BTreeMap<String, u128> {
        if self.zizhi != env!("CARGO_PKG_VERSION") {
            return BTreeMap::new();
        }
        self.files
            .iter()
            .filter_map(|(id, h)| Some((id.clone(), u128::from_str_radix(h, 16).ok()?)))
            .collect()
    }
}
