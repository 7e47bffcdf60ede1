//! Dated snapshots in `<dir>/backups/`, the backup list and restore.
//!
//! A snapshot of `progress.json` taken with label `20261125-153000` is
//! `backups/progress-20261125-153000.json`; a second one with the same label gets
//! `progress-20261125-153000.2.json`. Snapshots are ordered by (label, number), so labels
//! must sort chronologically — the caller's `YYYYMMDD-HHMMSS` does. The store never reads
//! the clock.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{HookFailure, Role, Store, StoreError, create_private_dir, no_hook, write_atomic};

/// Which kind of backup an entry of [`Store::backups`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupKind {
    /// `<file>.bak`, the version before the latest save that changed something.
    Rolling,
    /// A dated snapshot, with the label it was taken with.
    Snapshot { label: String },
}

/// One entry of [`Store::backups`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The backup's id, stable for as long as the backup exists: [`ROLLING_ID`] for the
    /// rolling backup, the snapshot's label (with `.N` for the N-th of one label) otherwise.
    /// Taking or restoring other backups never changes it.
    pub id: String,
    pub path: PathBuf,
    pub kind: BackupKind,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, if the file system reports one.
    pub modified: Option<SystemTime>,
}

/// In a snapshot label, marks the copy of the file taken before a format upgrade: the only
/// copy in the old format, so pruning never deletes it.
pub const UPGRADE_MARK: &str = "before-upgrade";

/// In a snapshot label, marks the copy of the file taken just before `zizhi data restore`
/// replaced it.
pub const RESTORE_MARK: &str = "before-restore";

/// In a snapshot label, marks the copy of the file taken just before `zizhi data compact`
/// shrank it: the only copy with the history compaction dropped.
pub const COMPACT_MARK: &str = "before-compact";

/// The id of the rolling backup `<file>.bak` (whatever version it holds at the time).
pub const ROLLING_ID: &str = "bak";

/// Orders snapshots: label, then the number that disambiguates equal labels.
type SortKey = (String, u32);

/// Labels become part of a file name: letters, digits, `-`, `_` only.
fn validate_label(label: &str) -> Result<(), StoreError> {
    let ok = !label.is_empty()
        && label.len() <= 64
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidLabel {
            label: label.to_owned(),
        })
    }
}

/// Whether the regular files `a` and `b` (never through a link) hold the same bytes, read
/// 64 KiB at a time. Anything unreadable counts as different.
fn same_bytes(a: &Path, b: &Path) -> bool {
    use crate::safe_fs::{Links, open_regular};
    use std::io::Read;
    fn fill(file: &mut fs::File, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(got) => n += got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }
    let (Ok((mut fa, ma)), Ok((mut fb, mb))) = (
        open_regular(a, Links::Refuse),
        open_regular(b, Links::Refuse),
    ) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        match (fill(&mut fa, &mut ba), fill(&mut fb, &mut bb)) {
            (Ok(n), Ok(m)) if n == m && ba[..n] == bb[..m] => {
                if n == 0 {
                    return true;
                }
            }
            _ => return false,
        }
    }
}

impl Store {
    /// Copies the current file into `<dir>/backups/<stem>-<now_label>.json` (directory
    /// created 0700, file 0600, written atomically), then deletes the oldest snapshots so
    /// that at most `keep` remain (at least 1: the snapshot just returned is never deleted).
    ///
    /// Returns Ok(None) if there is no progress file. If the newest snapshot already holds
    /// exactly the current bytes, no new one is written and its path is returned: repeated
    /// snapshots of an unchanged file would otherwise push older, different versions out.
    ///
    /// `now_label` (like "20261125-153000") is passed in by the caller; it must consist of
    /// letters, digits, `-` and `_`, and labels must sort chronologically.
    pub fn snapshot(&self, now_label: &str, keep: usize) -> Result<Option<PathBuf>, StoreError> {
        validate_label(now_label)?;
        let prefix = self.temp_prefix()?;
        let real = self.real_path()?;
        self.check_backups_dir()?;
        if matches!(fs::symlink_metadata(&real), Err(e) if e.kind() == io::ErrorKind::NotFound) {
            return Ok(None);
        }
        create_private_dir(&self.backups_dir())?;

        let existing = self.snapshot_entries()?;
        // A pre-upgrade or pre-compaction copy is always its own file, under its telling name.
        // Compared a piece at a time: a big file and its snapshot are not both held in memory
        // at every start.
        let unchanged = existing
            .first()
            .filter(|_| !now_label.contains(UPGRADE_MARK) && !now_label.contains(COMPACT_MARK))
            .filter(|(_, info)| same_bytes(&real, &info.path))
            .map(|(_, info)| info.path.clone());
        let kept = match unchanged {
            Some(path) => path,
            None => {
                let current = match self.read_file(&real, Role::Progress) {
                    Ok(bytes) => bytes,
                    Err(StoreError::Read { io, .. }) if io.kind() == io::ErrorKind::NotFound => {
                        return Ok(None);
                    }
                    Err(e) => return Err(e),
                };
                let path = self.free_snapshot_path(now_label)?;
                write_atomic(&path, &prefix, &current, &mut no_hook, HookFailure::IoError)
                    .map_err(|f| StoreError::Snapshot {
                        path: path.clone(),
                        io: f.io,
                    })?;
                path
            }
        };
        self.prune_snapshots(keep, &kept)?;
        Ok(Some(kept))
    }

    /// The rolling backup (if it exists) first — it is the version just before the latest
    /// save — then the snapshots, newest first. Numbering for [`Store::restore`] is the
    /// 1-based position in this list.
    pub fn backups(&self) -> Result<Vec<BackupInfo>, StoreError> {
        self.file_name()?;
        self.check_files()?;
        self.check_backups_dir()?;
        let mut list = Vec::new();
        let rolling = self.backup_path();
        match fs::symlink_metadata(&rolling) {
            Ok(meta) if meta.is_file() => list.push(BackupInfo {
                id: ROLLING_ID.to_owned(),
                kind: BackupKind::Rolling,
                size: meta.len(),
                modified: meta.modified().ok(),
                path: rolling,
            }),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(io) => return Err(StoreError::ReadBackup { path: rolling, io }),
        }
        list.extend(self.snapshot_entries()?.into_iter().map(|(_, info)| info));
        Ok(list)
    }

    /// Reads the backup with id `id` (see [`BackupInfo::id`]) whole, as text.
    pub fn read_backup(&self, id: &str) -> Result<(BackupInfo, String), StoreError> {
        let list = self.backups()?;
        let Some(chosen) = list.iter().find(|b| b.id == id) else {
            return Err(StoreError::NoSuchBackup {
                id: id.to_owned(),
                ids: list.iter().map(|b| b.id.clone()).collect(),
            });
        };
        let bytes = self.read_file(&chosen.path, Role::Backup)?;
        let text = String::from_utf8(bytes).map_err(|e| StoreError::InvalidBackup {
            path: chosen.path.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Ok((chosen.clone(), text))
    }

    /// Copies the backup with id `id` over the progress file atomically (via [`Store::save`],
    /// so `.bak` then holds the pre-restore version too), after `check` accepted its whole
    /// text and the current file was saved as a snapshot labelled `now_label`, so a restore is
    /// itself undoable. That snapshot prunes nothing (the next [`Store::snapshot`] does). A
    /// backup `check` refuses ([`StoreError::UnusableBackup`]) changes nothing. Ids of other
    /// backups stay as they were. Returns the backup restored. Hold the lock while calling this.
    pub fn restore(
        &self,
        id: &str,
        now_label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<BackupInfo, StoreError> {
        validate_label(now_label)?;
        // Read it before anything else changes: restoring `.bak` overwrites `.bak`.
        let (chosen, text) = self.read_backup(id)?;
        check(&text).map_err(|reason| StoreError::UnusableBackup {
            path: chosen.path.clone(),
            reason,
        })?;
        self.snapshot(now_label, usize::MAX)?;
        self.save(&text)?;
        Ok(chosen)
    }

    /// `(stem, extension)` of snapshot names: `progress.json` → ("progress", "json").
    fn snapshot_name_parts(&self) -> (String, String) {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = self
            .path
            .extension()
            .map_or_else(|| "json".to_owned(), |e| e.to_string_lossy().into_owned());
        (stem, ext)
    }

    /// `<stem>-<label>.<ext>` for `seq` 1, `<stem>-<label>.<seq>.<ext>` after that.
    fn snapshot_path(&self, label: &str, seq: u32) -> PathBuf {
        let (stem, ext) = self.snapshot_name_parts();
        let name = if seq == 1 {
            format!("{stem}-{label}.{ext}")
        } else {
            format!("{stem}-{label}.{seq}.{ext}")
        };
        self.backups_dir().join(name)
    }

    /// The first snapshot path for `label` that does not exist yet.
    fn free_snapshot_path(&self, label: &str) -> Result<PathBuf, StoreError> {
        let mut last = self.snapshot_path(label, 1);
        for seq in 1..=1000 {
            last = self.snapshot_path(label, seq);
            match fs::symlink_metadata(&last) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(last),
                Err(io) => return Err(StoreError::Snapshot { path: last, io }),
                Ok(_) => {}
            }
        }
        Err(StoreError::Snapshot {
            path: last,
            io: io::Error::from(io::ErrorKind::AlreadyExists),
        })
    }

    /// Parses a snapshot file name of this store into its sort key.
    fn parse_snapshot_name(&self, name: &OsStr) -> Option<SortKey> {
        let (stem, ext) = self.snapshot_name_parts();
        let middle = name
            .to_str()?
            .strip_prefix(&stem)?
            .strip_prefix('-')?
            .strip_suffix(&ext)?
            .strip_suffix('.')?;
        let (label, seq) = match middle.split_once('.') {
            None => (middle, 1),
            Some((label, seq)) => {
                if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (label, seq.parse().ok().filter(|&n| n >= 2)?)
            }
        };
        validate_label(label).ok()?;
        Some((label.to_owned(), seq))
    }

    /// This store's snapshots (regular files with a matching name), newest first.
    fn snapshot_entries(&self) -> Result<Vec<(SortKey, BackupInfo)>, StoreError> {
        let dir = self.backups_dir();
        let err = |path: &Path, io| StoreError::ReadBackup {
            path: path.to_path_buf(),
            io,
        };
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(io) => return Err(err(&dir, io)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|io| err(&dir, io))?;
            let Some(key) = self.parse_snapshot_name(&entry.file_name()) else {
                continue;
            };
            let path = entry.path();
            let meta = entry.metadata().map_err(|io| err(&path, io))?;
            if !meta.is_file() {
                continue;
            }
            let id = if key.1 == 1 {
                key.0.clone()
            } else {
                format!("{}.{}", key.0, key.1)
            };
            let info = BackupInfo {
                id,
                kind: BackupKind::Snapshot {
                    label: key.0.clone(),
                },
                size: meta.len(),
                modified: meta.modified().ok(),
                path,
            };
            found.push((key, info));
        }
        found.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(found)
    }

    /// Deletes the oldest snapshots so that `keep` (at least 1) remain, counting `protect`,
    /// which is never deleted. Snapshots whose label contains [`UPGRADE_MARK`] (the file as
    /// it was before a format upgrade) or [`COMPACT_MARK`] (the only copy of the history that
    /// compaction dropped) are never deleted nor counted.
    fn prune_snapshots(&self, keep: usize, protect: &Path) -> Result<(), StoreError> {
        let others = self
            .snapshot_entries()?
            .into_iter()
            .filter(|(key, _)| !key.0.contains(UPGRADE_MARK) && !key.0.contains(COMPACT_MARK))
            .map(|(_, info)| info.path)
            .filter(|path| path != protect);
        for path in others.skip(keep.max(1) - 1) {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(io) => return Err(StoreError::Prune { path, io }),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::tests::{fixture, mode, read, temp_files};
    use super::*;

    fn ok(_: &str) -> Result<(), String> {
        Ok(())
    }

    #[test]
    fn a_backup_the_check_refuses_changes_nothing() {
        let (_tmp, store) = fixture();
        store.save("").unwrap();
        store.save("good").unwrap();
        let check = |text: &str| {
            if text.is_empty() {
                Err("文件是空的".to_owned())
            } else {
                Ok(())
            }
        };
        let err = store
            .restore(ROLLING_ID, "20261125-153000", &check)
            .unwrap_err();
        assert!(matches!(err, StoreError::UnusableBackup { .. }), "{err:?}");
        assert!(err.to_string().contains("文件是空的"), "{err}");
        assert_eq!(read(store.path()), "good");
        assert!(!store.backups_dir().exists(), "no snapshot taken");
    }

    #[test]
    fn ids_stay_the_same_across_restores() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        store.snapshot("20261101-120000", 10).unwrap();
        store.save("v2").unwrap();
        store.snapshot("20261102-120000", 10).unwrap();
        store.save("v3").unwrap();
        let before: Vec<(String, PathBuf)> = store
            .backups()
            .unwrap()
            .into_iter()
            .map(|b| (b.id, b.path))
            .collect();
        store
            .restore("20261101-120000", "20261103-120000", &ok)
            .unwrap();
        store
            .restore("20261101-120000", "20261103-120000", &ok)
            .unwrap();
        assert_eq!(
            read(store.path()),
            "v1",
            "the same id restores the same file"
        );
        let after: Vec<(String, PathBuf)> = store
            .backups()
            .unwrap()
            .into_iter()
            .map(|b| (b.id, b.path))
            .collect();
        for entry in &before {
            assert!(after.contains(entry), "{entry:?} changed: {after:?}");
        }
        let ids: Vec<&str> = after.iter().map(|(id, _)| id.as_str()).collect();
        assert!(ids.contains(&"20261103-120000.2"), "{ids:?}");
    }

    fn names(list: &[BackupInfo]) -> Vec<String> {
        list.iter()
            .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    fn snapshot_names(store: &Store) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(store.backups_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn snapshot_copies_the_file_into_backups_with_private_modes() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        let path = store.snapshot("20261125-153000", 5).unwrap().unwrap();
        assert_eq!(
            path,
            store.backups_dir().join("progress-20261125-153000.json")
        );
        assert_eq!(read(&path), "v1");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store.backups_dir()), 0o700);
        assert!(temp_files(&store).is_empty());
    }

    #[test]
    fn snapshot_of_a_missing_file_returns_none() {
        let (_tmp, store) = fixture();
        assert_eq!(store.snapshot("20261125-153000", 5).unwrap(), None);
        assert!(!store.backups_dir().exists());
    }

    #[test]
    fn snapshot_keeps_only_the_keep_newest_and_leaves_other_files_alone() {
        let (_tmp, store) = fixture();
        fs::create_dir_all(store.backups_dir()).unwrap();
        fs::write(store.backups_dir().join("notes.txt"), "mine").unwrap();
        fs::write(store.backups_dir().join("other-20260101-000000.json"), "x").unwrap();
        for day in 1..=5 {
            store.save(&format!("v{day}")).unwrap();
            store.snapshot(&format!("2026110{day}-120000"), 3).unwrap();
        }
        assert_eq!(
            snapshot_names(&store),
            [
                "notes.txt",
                "other-20260101-000000.json",
                "progress-20261103-120000.json",
                "progress-20261104-120000.json",
                "progress-20261105-120000.json",
            ]
        );
        assert_eq!(
            read(&store.backups_dir().join("progress-20261105-120000.json")),
            "v5"
        );
    }

    #[test]
    fn a_snapshot_taken_before_an_upgrade_is_never_pruned() {
        let (_tmp, store) = fixture();
        store.save("v0").unwrap();
        store
            .snapshot("20261101-120000-before-upgrade-from-v1", 2)
            .unwrap();
        for day in 2..=6 {
            store.save(&format!("v{day}")).unwrap();
            store.snapshot(&format!("2026110{day}-120000"), 2).unwrap();
        }
        assert_eq!(
            snapshot_names(&store),
            [
                "progress-20261101-120000-before-upgrade-from-v1.json",
                "progress-20261105-120000.json",
                "progress-20261106-120000.json",
            ]
        );
    }

    #[test]
    fn snapshot_of_unchanged_content_reuses_the_newest_snapshot() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        let first = store.snapshot("20261101-120000", 2).unwrap().unwrap();
        store.save("v2").unwrap();
        store.snapshot("20261102-120000", 2).unwrap();
        // Unchanged since: must not push the v1 snapshot out.
        let again = store.snapshot("20261103-120000", 2).unwrap().unwrap();
        assert_eq!(
            again,
            store.backups_dir().join("progress-20261102-120000.json")
        );
        assert!(first.exists());
    }

    #[test]
    fn two_snapshots_with_the_same_label_are_both_kept_in_order() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        store.snapshot("20261125-153000", 5).unwrap();
        store.save("v2").unwrap();
        let second = store.snapshot("20261125-153000", 5).unwrap().unwrap();
        assert_eq!(
            second,
            store.backups_dir().join("progress-20261125-153000.2.json")
        );
        let list = store.backups().unwrap();
        assert_eq!(
            names(&list),
            [
                "progress.json.bak",
                "progress-20261125-153000.2.json",
                "progress-20261125-153000.json",
            ]
        );
    }

    #[test]
    fn a_snapshot_with_an_older_label_than_the_rest_survives_keep_1() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        store.snapshot("20261125-153000", 5).unwrap();
        store.save("v2").unwrap();
        let path = store.snapshot("20261124-000000", 1).unwrap().unwrap();
        assert_eq!(snapshot_names(&store), ["progress-20261124-000000.json"]);
        assert_eq!(read(&path), "v2");
    }

    #[test]
    fn snapshot_rejects_a_label_that_is_not_a_plain_name() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        for label in ["", "../evil", "a/b", "a.b", "空"] {
            let err = store.snapshot(label, 5).unwrap_err();
            assert!(matches!(err, StoreError::InvalidLabel { .. }), "{label:?}");
        }
        assert!(!store.backups_dir().exists());
    }

    #[test]
    fn backups_lists_the_rolling_backup_first_then_snapshots_newest_first() {
        let (_tmp, store) = fixture();
        assert!(store.backups().unwrap().is_empty());
        store.save("one").unwrap();
        store.snapshot("20261101-120000", 10).unwrap();
        store.save("three").unwrap();
        store.snapshot("20261103-120000", 10).unwrap();
        store.save("two!").unwrap();
        store.snapshot("20261102-120000", 10).unwrap();
        store.save("final").unwrap();

        let list = store.backups().unwrap();
        assert_eq!(
            names(&list),
            [
                "progress.json.bak",
                "progress-20261103-120000.json",
                "progress-20261102-120000.json",
                "progress-20261101-120000.json",
            ]
        );
        assert_eq!(list[0].kind, BackupKind::Rolling);
        assert_eq!(
            list[1].kind,
            BackupKind::Snapshot {
                label: "20261103-120000".to_owned()
            }
        );
        let sizes: Vec<u64> = list.iter().map(|b| b.size).collect();
        assert_eq!(sizes, [4, 5, 4, 3]);
        assert!(list.iter().all(|b| b.modified.is_some()));
    }

    #[test]
    fn restore_copies_the_backup_back_and_snapshots_the_current_file_first() {
        let (_tmp, store) = fixture();
        store.save("monday").unwrap();
        store.snapshot("20261101-120000", 10).unwrap();
        store.save("tuesday").unwrap();
        store.save("wednesday").unwrap();
        // 1 = .bak ("tuesday"), 2 = the monday snapshot.
        let restored = store
            .restore("20261101-120000", "20261103-120000", &ok)
            .unwrap();
        assert_eq!(
            restored.path,
            store.backups_dir().join("progress-20261101-120000.json")
        );
        assert_eq!(read(store.path()), "monday");
        assert_eq!(mode(store.path()), 0o600);
        let undo = store.backups_dir().join("progress-20261103-120000.json");
        assert_eq!(read(&undo), "wednesday", "the pre-restore version is kept");
        assert_eq!(read(&store.backup_path()), "wednesday");

        // Undo the restore by the id of the snapshot it took.
        store
            .restore("20261103-120000", "20261103-120001", &ok)
            .unwrap();
        assert_eq!(read(store.path()), "wednesday");
    }

    #[test]
    fn restoring_the_rolling_backup_swaps_it_with_the_current_file() {
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        store.save("new").unwrap();
        store.restore(ROLLING_ID, "20261125-153000", &ok).unwrap();
        assert_eq!(read(store.path()), "old");
        assert_eq!(read(&store.backup_path()), "new");
    }

    #[test]
    fn restore_of_a_missing_number_fails_and_changes_nothing() {
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        store.save("new").unwrap();
        for id in ["0", "2", "20261125-153000"] {
            let err = store.restore(id, "20261125-153000", &ok).unwrap_err();
            assert!(
                matches!(&err, StoreError::NoSuchBackup { ids, .. } if ids == &["bak"]),
                "{err:?}"
            );
            assert!(err.to_string().contains("现有备份的 id：bak"), "{err}");
        }
        assert_eq!(read(store.path()), "new");
        assert!(!store.backups_dir().exists());
    }

    #[test]
    fn restore_of_a_non_utf8_backup_fails_and_changes_nothing() {
        let (_tmp, store) = fixture();
        store.save("good").unwrap();
        fs::write(store.backup_path(), b"bad \xff").unwrap();
        let err = store
            .restore(ROLLING_ID, "20261125-153000", &ok)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidBackup { offset: 4, .. }),
            "{err:?}"
        );
        assert_eq!(read(store.path()), "good");
        assert!(!store.backups_dir().exists());
    }
}
