//! A person's team directory in the config directory, and the steps that keep the working
//! progress file and the person files in step:
//!
//! | path                          | what                                                         |
//! |-------------------------------|--------------------------------------------------------------|
//! | `team/me.json`                | who this is: person id, name, branch, remote                 |
//! | `team/repo/`                  | the git repository; `people/<id>.json` one file per person  |
//! | `team/progress.json`          | the merged state plus own edits not yet recorded (the app    |
//! |                               | and every command use it like the solo progress file)       |
//! | `team/merged.json`            | how many changes of each person the progress file includes  |
//! | `team/edits.json`             | when each field not yet recorded was last edited (the app   |
//! |                               | notes it on every save), so changes carry the edit's time   |
//! | `team/members.json`           | each person's name and last sync (their last commit), for   |
//! |                               | the team view without reading every person file            |
//! | `team/progress.cache`         | the start cache: the working file's progress in a form that |
//! |                               | opens fast, used only for exactly the bytes it was made from |
//! |                               | (see [`super::cache`])                                       |
//! | `team/valid.json`             | the person files found valid on their own, by hash, so a    |
//! |                               | sync does not check an unchanged file again                 |
//! | `team/state.cache`            | the merged state as the last merge left it, so the next one |
//! |                               | reads and applies only what changed (see [`state_cache`])   |
//!
//! Own edits go into the progress file as typed (the solo store's safety). *Recording* turns
//! them into stamped changes in the own person file: the difference between the state the
//! progress file was built from and the progress file now. Person files are append-only, so
//! that state is the first `n` changes of each file, `n` kept in `merged.json`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::clock::Hlc;
use super::flat::{self, Fields};
use super::merge::{Change, State};
use super::person;
use super::repo::Git;
use crate::progress::{Progress, SCHEMA_VERSION};

mod files;
mod record;
pub mod state_cache;
pub use files::{
    Loaded, Merged, PersonBytes, ReadPeople, SetAside, load_people, merge_people,
    merge_people_knowing, read_people,
};

/// A person file larger than this is set aside unread (a year of a busy person's changes is
/// a few megabytes).
const MAX_PERSON_FILE: u64 = 256 * 1024 * 1024;

/// Why a team step failed.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(transparent)]
    Git(#[from] super::repo::GitError),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Refused(String),
}

fn io_err(what: &str, path: &Path, e: std::io::Error) -> TeamError {
    TeamError::Io(format!(
        "{what} {} 失败：{}",
        path.display(),
        crate::progress::store::describe(&e)
    ))
}

/// Who this person is in the team (`team/me.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Me {
    pub id: String,
    pub name: String,
    /// The branch everyone shares.
    pub branch: String,
    /// The remote, when the team has one (none when only bundles are exchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
}

/// This person's team directory.
#[derive(Debug, Clone)]
pub struct Team {
    pub root: PathBuf,
    pub me: Me,
}

/// Fields that are not shared: the file's version and who is at this keyboard.
const LOCAL_FIELDS: &[&str] = &["schema_version", "operator"];

/// The shared fields of a progress value.
pub fn fields_of(progress: &Progress) -> Fields {
    let mut value = serde_json::to_value(progress).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        for key in LOCAL_FIELDS {
            map.remove(*key);
        }
    }
    flat::flatten(&value)
}

/// The progress a state stands for, recorded as made by `operator`.
pub fn progress_of(state: &State, operator: &str) -> Result<Progress, String> {
    let rank = state.rank();
    let mut value = flat::unflatten(state.values(), rank);
    let Some(map) = value.as_object_mut() else {
        return Err("合并结果不是对象".into());
    };
    for key in LOCAL_FIELDS {
        map.remove(*key);
    }
    map.insert("schema_version".into(), SCHEMA_VERSION.into());
    let mut progress: Progress = serde_json::from_value(value).map_err(|e| e.to_string())?;
    progress.adopt_legacy_settings();
    // Two people who created the same ZG number offline keep two items: one is renumbered.
    crate::domain::rectification::renumber_duplicates(&mut progress);
    progress.operator = operator.to_owned();
    Ok(progress)
}

/// A new person id: `p-` and 16 hex digits from the system's random source.
pub fn new_person_id() -> String {
    let mut bytes = [0u8; 8];
    // A device on purpose: the kernel's random source, a fixed system path (not user data).
    let random = fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .is_ok();
    if !random {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let mixed =
            xxhash_rust::xxh3::xxh3_64(format!("{nanos}-{}", std::process::id()).as_bytes());
        bytes = mixed.to_le_bytes();
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("p-{hex}")
}

/// Writes `text` to `path` atomically (temporary file in the same directory, flushed, mode
/// 0600, renamed over), never through a link at `path`.
pub fn write_private(path: &Path, text: &str) -> Result<(), TeamError> {
    write_private_bytes(path, text.as_bytes())
}

/// [`write_private`] for bytes.
pub fn write_private_bytes(path: &Path, text: &[u8]) -> Result<(), TeamError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".zizhi-")
        .tempfile_in(dir)
        .map_err(|e| io_err("创建临时文件于", dir, e))?;
    tmp.write_all(text)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io_err("写入", path, e))?;
    set_mode(tmp.path(), 0o600).map_err(|e| io_err("设置权限", path, e))?;
    tmp.persist(path)
        .map_err(|e| io_err("替换", path, e.error))?;
    Ok(())
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Creates `dir` owner-only, refusing a link or a non-directory in its place.
pub fn private_dir(dir: &Path) -> Result<(), TeamError> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_dir() => {}
        Ok(_) => {
            return Err(TeamError::Refused(format!(
                "{} 不是目录（可能是链接）：团队目录不跟随链接。请移走它后重试",
                dir.display()
            )));
        }
        Err(_) => fs::create_dir_all(dir).map_err(|e| io_err("创建目录", dir, e))?,
    }
    set_mode(dir, 0o700).map_err(|e| io_err("设置权限", dir, e))
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct EditTimes {
    #[serde(default)]
    times: BTreeMap<String, u64>,
}

/// A member as `team/members.json` keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInfo {
    pub id: String,
    pub name: String,
    /// When the member last committed to the team repository (wall milliseconds).
    #[serde(default)]
    pub last_sync_ms: Option<u64>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Members {
    #[serde(default)]
    members: Vec<MemberInfo>,
}

/// Notes in `times` that every field differing between `before` and `after` (set, changed
/// or removed) was edited at `at_ms`. Returns whether anything changed.
pub fn note_edits(
    times: &mut BTreeMap<String, u64>,
    before: &Fields,
    after: &Fields,
    at_ms: u64,
) -> bool {
    let old: std::collections::HashMap<&str, &serde_json::Value> =
        before.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let new: std::collections::HashMap<&str, &serde_json::Value> =
        after.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut noted = false;
    for (key, value) in &new {
        if old.get(key) != Some(value) {
            times.insert((*key).to_owned(), at_ms);
            noted = true;
        }
    }
    for key in old.keys() {
        if !new.contains_key(key) {
            times.insert((*key).to_owned(), at_ms);
            noted = true;
        }
    }
    noted
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Counts {
    #[serde(default)]
    counts: BTreeMap<String, usize>,
}

impl Team {
    /// The team directory inside zizhi's config directory.
    pub fn root_in(config_dir: &Path) -> PathBuf {
        config_dir.join("team")
    }

    /// The team this config directory has joined, if any.
    pub fn open(config_dir: &Path) -> Result<Option<Team>, TeamError> {
        let root = Self::root_in(config_dir);
        let me_path = root.join("me.json");
        let read =
            crate::safe_fs::read_regular(&me_path, MAX_PERSON_FILE, crate::safe_fs::Links::Refuse);
        let text = match read.map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(e)) => return Err(io_err("读取", &me_path, std::io::Error::other(e))),
            Err(e) if e.is_not_found() => return Ok(None),
            Err(crate::safe_fs::OpenError::Io(e)) => return Err(io_err("读取", &me_path, e)),
            Err(e) => {
                return Err(io_err(
                    "读取",
                    &me_path,
                    std::io::Error::other(e.to_string()),
                ));
            }
        };
        let me: Me = serde_json::from_str(&text)
            .map_err(|e| TeamError::Io(format!("{} 无法读取：{e}", me_path.display())))?;
        if !person::valid_id(&me.id) {
            return Err(TeamError::Refused(format!(
                "{} 里的成员编号无效",
                me_path.display()
            )));
        }
        Ok(Some(Team { root, me }))
    }

    pub fn repo(&self) -> PathBuf {
        self.root.join("repo")
    }

    pub fn people_dir(&self) -> PathBuf {
        self.repo().join("people")
    }

    pub fn own_file(&self) -> PathBuf {
        self.people_dir().join(format!("{}.json", self.me.id))
    }

    /// The own file's path inside the repository, as git names it.
    pub fn own_path_in_repo(&self) -> String {
        format!("people/{}.json", self.me.id)
    }

    /// The working progress file (managed by the progress store).
    pub fn work_path(&self) -> PathBuf {
        self.root.join("progress.json")
    }

    pub fn git(&self) -> Git {
        Git::new(self.repo(), &self.me.name, &self.me.id)
    }

    pub fn save_me(&self) -> Result<(), TeamError> {
        let text = serde_json::to_string_pretty(&self.me).unwrap_or_default();
        write_private(&self.root.join("me.json"), &format!("{text}\n"))
    }

    /// How many changes of each person the working progress file includes.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        crate::safe_fs::read_regular(
            &self.root.join("merged.json"),
            MAX_PERSON_FILE,
            crate::safe_fs::Links::Refuse,
        )
        .ok()
        .and_then(|t| serde_json::from_slice::<Counts>(&t).ok())
        .map(|c| c.counts.into_iter().filter(|(_, n)| *n > 0).collect())
        .unwrap_or_default()
    }

    /// Records that the working progress file now includes `counts` (after it was saved).
    pub fn save_counts(&self, counts: &BTreeMap<String, usize>) -> Result<(), TeamError> {
        let text = serde_json::to_string(&Counts {
            counts: counts.clone(),
        })
        .unwrap_or_default();
        write_private(&self.root.join("merged.json"), &text)
    }

    /// Field key → when it was last edited (wall milliseconds), for edits not yet recorded.
    pub fn edit_times(&self) -> BTreeMap<String, u64> {
        fs::read_to_string(self.root.join("edits.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<EditTimes>(&t).ok())
            .map(|e| e.times)
            .unwrap_or_default()
    }

    pub fn save_edit_times(&self, times: &BTreeMap<String, u64>) -> Result<(), TeamError> {
        let text = serde_json::to_string(&EditTimes {
            times: times.clone(),
        })
        .unwrap_or_default();
        write_private(&self.root.join("edits.json"), &text)
    }

    /// Each member's name and last sync, as last written by [`Team::save_members`].
    pub fn members(&self) -> Vec<MemberInfo> {
        fs::read_to_string(self.root.join("members.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<Members>(&t).ok())
            .map(|m| m.members)
            .unwrap_or_default()
    }

    /// Writes the members of `merged` with the time of each one's last commit in the
    /// repository (one `git log`; a person who never committed has none).
    pub fn save_members(&self, merged: &Merged) -> Result<Vec<MemberInfo>, TeamError> {
        let last = self.git().last_commits().unwrap_or_default();
        let mut members: Vec<MemberInfo> = merged
            .marks
            .iter()
            .map(|(id, mark)| MemberInfo {
                id: id.clone(),
                name: mark.name.clone(),
                last_sync_ms: last.get(id).copied(),
            })
            .collect();
        if !members.iter().any(|m| m.id == self.me.id) {
            members.push(MemberInfo {
                id: self.me.id.clone(),
                name: self.me.name.clone(),
                last_sync_ms: last.get(&self.me.id).copied(),
            });
        }
        let text = serde_json::to_string(&Members {
            members: members.clone(),
        })
        .unwrap_or_default();
        write_private(&self.root.join("members.json"), &text)?;
        Ok(members)
    }

    /// Adds a solo progress file's data as this person's changes (joining a team): every
    /// field it holds, stamped at `at_ms` (when it was last saved) in file order, replacing
    /// nothing (the team's own values were not seen, so both stay in the history).
    pub fn adopt(&self, solo: &Progress, at_ms: u64) -> Result<usize, TeamError> {
        let (_, mut own) = self.load()?;
        let mut clock = own
            .changes
            .iter()
            .map(|c| c.stamp.hlc)
            .max()
            .unwrap_or(Hlc { ms: at_ms, c: 0 });
        let fields = fields_of(solo);
        let n = fields.len();
        for (key, value) in fields {
            clock = clock.next(at_ms);
            own.changes.push(Change {
                stamp: super::clock::Stamp {
                    hlc: clock,
                    who: self.me.id.clone(),
                },
                key,
                value,
                prev: None,
            });
        }
        private_dir(&self.people_dir())?;
        write_private(&self.own_file(), &person::encode(&own))?;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "workspace/tests.rs"]
mod tests;
