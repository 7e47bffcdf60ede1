//! Progress store: reads and writes the bytes of zizhi's progress file safely (atomic replace, rolling `.bak`, dated snapshots, single-writer lock); it knows nothing about the file's contents.
//!
//! Files used, for a progress file `<dir>/progress.json`:
//!
//! | path                                  | what                                                     |
//! |---------------------------------------|----------------------------------------------------------|
//! | `<dir>/progress.json`                 | the progress file (mode 0600, `<dir>` created 0700)       |
//! | `<dir>/progress.json.bak`             | rolling backup: the version before the latest save        |
//! | `<dir>/progress.json.lock`            | lock file, see [`Store::lock`]                            |
//! | `<dir>/backups/progress-<label>.json` | dated snapshots, see [`Store::snapshot`]                  |
//! | `<dir>/.progress.json.tmp*`           | temp files of a save in progress (or of a crashed one)    |
//!
//! Save protocol ([`Store::save`]): create a temp file in the same directory, write
//! everything, set mode 0600 and fsync it; then make the current file the rolling `.bak` (a
//! hard link renamed over `.bak`, or an atomic copy where links do not work; skipped when the
//! bytes are identical to what is being saved); then rename the temp file over the progress
//! file and fsync the directory. A crash or error at any point leaves either the complete old
//! file or the complete new file on disk, never a mix and never nothing; a save that fails
//! before its data is safely in the temp file (disk full, read-only) leaves `.bak` alone too.
//!
//! All operations that write assume the caller holds the lock ([`Store::lock`]).
//! Error messages ([`StoreError`]) are in Chinese because a user reads them; each names
//! the file, says what is wrong and what to do.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod atomic;
mod backup;
mod error;
mod guard;
mod lock;
mod rolling;

pub use atomic::SaveStep;
pub use backup::{BackupInfo, BackupKind, COMPACT_MARK, RESTORE_MARK, ROLLING_ID, UPGRADE_MARK};
pub use error::StoreError;
pub(crate) use error::describe;
pub use guard::{Role, my_uid};
pub use lock::{LockGuard, LockHolder};

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use atomic::{
    AtomicFailure, HookFailure, NewFile, commit, create_private_dir, no_hook, parent_dir, prepare,
    write_atomic,
};
use guard::ProgressFile;

use crate::safe_fs::{self, Links, OpenError};

/// Mode of every file the store writes (progress file, `.bak`, snapshots, lock file).
const FILE_MODE: u32 = 0o600;
/// Mode of directories the store creates.
const DIR_MODE: u32 = 0o700;

/// The largest progress file (or backup) the store reads: far above what years of use write
/// (a million notes is about 110 MB), far below what would exhaust a small machine's memory.
pub const PROGRESS_CAP: u64 = 512 * 1024 * 1024;

/// The progress file and everything kept next to it. Cheap to clone; holds no open files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
    /// Make the rolling backup by hard link (true) or always by copy.
    hard_links: bool,
    /// Accept a data directory or files owned by another user or writable by others
    /// (`--allow-unsafe-data-dir`); symlinks and special files are refused regardless.
    allow_unsafe: bool,
}

impl Store {
    /// A store for the progress file at `path` (e.g. `~/.config/zizhi/progress.json`,
    /// already expanded). Touches nothing on disk.
    pub fn new(path: impl Into<PathBuf>) -> Store {
        Store {
            path: path.into(),
            hard_links: true,
            allow_unsafe: false,
        }
    }

    /// The same store, accepting (`true`) a data directory or files that belong to another
    /// user or are writable by group or others — what `--allow-unsafe-data-dir` asks for.
    #[must_use]
    pub fn allow_unsafe(self, allow: bool) -> Store {
        Store {
            allow_unsafe: allow,
            ..self
        }
    }

    /// The same store, making the rolling backup by copying the current file (atomically,
    /// via a temp file) instead of by hard link — what happens anyway on file systems that
    /// refuse hard links. Tests use it to exercise that path.
    #[must_use]
    pub fn without_hard_links(self) -> Store {
        Store {
            hard_links: false,
            ..self
        }
    }

    /// The progress file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The rolling backup `<file>.bak`: the version before the latest save that changed something.
    pub fn backup_path(&self) -> PathBuf {
        self.sibling(".bak")
    }

    /// The lock file `<file>.lock`.
    pub fn lock_path(&self) -> PathBuf {
        self.sibling(".lock")
    }

    /// The directory of dated snapshots, `<dir>/backups`.
    pub fn backups_dir(&self) -> PathBuf {
        self.dir().join("backups")
    }

    /// Creates the parent directory (mode 0700 if it is created) if missing.
    pub fn ensure_dir(&self) -> Result<(), StoreError> {
        self.file_name()?;
        create_private_dir(self.dir())
    }

    /// Ok(None) if the file does not exist; Ok(Some(text)) if it reads as UTF-8; errors otherwise
    /// (permission denied, invalid UTF-8 → StoreError naming the file and the byte offset).
    pub fn load(&self) -> Result<Option<String>, StoreError> {
        self.file_name()?;
        let real = match self.check_files()? {
            ProgressFile::Missing => return Ok(None),
            ProgressFile::Regular => self.path.clone(),
            ProgressFile::Link { target } => target,
        };
        let bytes = match self.read_file(&real, Role::Progress) {
            Ok(bytes) => bytes,
            Err(StoreError::Read { io, .. }) if io.kind() == io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| StoreError::InvalidUtf8 {
                path: self.path.clone(),
                offset: e.utf8_error().valid_up_to(),
            })
    }

    /// Reads `path` (the progress file's real path, or a backup) without following a link at
    /// its name, only if it is a regular file no larger than [`PROGRESS_CAP`].
    fn read_file(&self, path: &Path, role: Role) -> Result<Vec<u8>, StoreError> {
        safe_fs::read_regular(path, PROGRESS_CAP, Links::Refuse).map_err(|e| match e {
            OpenError::Io(io) if role == Role::Progress => StoreError::Read {
                path: path.to_path_buf(),
                io,
            },
            OpenError::Io(io) => StoreError::ReadBackup {
                path: path.to_path_buf(),
                io,
            },
            OpenError::Symlink => StoreError::Symlink {
                path: path.to_path_buf(),
                role,
            },
            OpenError::NotRegular { kind } => StoreError::NotRegular {
                path: path.to_path_buf(),
                role,
                kind,
            },
            OpenError::TooLarge { size, cap } => StoreError::TooLarge {
                path: path.to_path_buf(),
                size,
                cap,
            },
        })
    }

    /// Atomic save (see the module docs): creates the directory if needed, writes `contents`
    /// to a fsynced temp file, makes the current file `<file>.bak` unless it is byte-identical
    /// to `contents`, renames the temp file over the file and fsyncs the directory. On any
    /// error before the rename the old file is untouched and the temp file is removed
    /// ([`StoreError::Write`] / [`StoreError::Backup`]); an error after the rename is
    /// [`StoreError::NotDurable`].
    pub fn save(&self, contents: &str) -> Result<(), StoreError> {
        self.save_inner(contents, &mut no_hook, HookFailure::IoError)
    }

    /// Same as [`Store::save`], calling `hook(step)` after each step. If the hook returns Err
    /// the save stops there exactly as a crash at that point would, and returns the error
    /// ([`StoreError::Write`] or [`StoreError::Backup`] before the rename,
    /// [`StoreError::NotDurable`] after it).
    ///
    /// **For tests:** to simulate a crash, the temp files are NOT removed when the hook fails
    /// before the rename (a real I/O error at those steps does remove them).
    /// [`Store::cleanup_stale_temps`] removes such leftovers.
    pub fn save_with_hook(
        &self,
        contents: &str,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        self.save_inner(contents, hook, HookFailure::Crash)
    }

    /// Same as [`Store::save`], calling `hook(step)` after each step; an Err from the hook is
    /// treated as an I/O error at that step (disk full, read-only file system…): the save
    /// cleans up and reports it exactly as it would a real one. The fault-injection seam of
    /// the runtime's [`Saver`](crate::tui::Saver).
    pub fn save_with_fault(
        &self,
        contents: &str,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        self.save_inner(contents, hook, HookFailure::IoError)
    }

    /// Removes temp files left by a crash (names starting with `.<file>.tmp`, in the file's
    /// directory and in `backups/`). Call only while holding the lock, otherwise a save of
    /// another process could lose its temp file. Returns how many were removed.
    pub fn cleanup_stale_temps(&self) -> Result<usize, StoreError> {
        let prefix = self.temp_prefix()?;
        let err = |path: &Path, io| StoreError::Cleanup {
            path: path.to_path_buf(),
            file_name: self.file_name_lossy(),
            io,
        };
        let mut removed = 0;
        let mut dirs = vec![self.dir().to_path_buf(), self.backups_dir()];
        if let Ok(real) = self.real_path() {
            let real_dir = parent_dir(&real).to_path_buf();
            if !dirs.contains(&real_dir) {
                dirs.push(real_dir);
            }
        }
        for dir in dirs {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(io) => return Err(err(&dir, io)),
            };
            for entry in entries {
                let entry = entry.map_err(|io| err(&dir, io))?;
                let name = entry.file_name();
                if !name
                    .as_encoded_bytes()
                    .starts_with(prefix.as_encoded_bytes())
                    || !entry.file_type().is_ok_and(|t| t.is_file())
                {
                    continue;
                }
                let path = entry.path();
                match fs::remove_file(&path) {
                    Ok(()) => removed += 1,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(io) => return Err(err(&path, io)),
                }
            }
        }
        Ok(removed)
    }

    fn save_inner(
        &self,
        contents: &str,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
        on_hook_failure: HookFailure,
    ) -> Result<(), StoreError> {
        let prefix = self.temp_prefix()?;
        self.ensure_dir()?;
        let real = self.real_path()?;
        let new_file = NewFile::replacing(&real, real != self.path);
        let bytes = contents.as_bytes();
        let write_error = |f: AtomicFailure| {
            let path = self.path.clone();
            if f.committed {
                StoreError::NotDurable {
                    path,
                    step: f.step,
                    io: f.io,
                }
            } else {
                StoreError::Write {
                    path,
                    step: f.step,
                    io: f.io,
                }
            }
        };
        // The new bytes are safely on disk before anything else changes: a full disk or a
        // read-only directory stops the save here, with `.bak` untouched.
        let temp = prepare(
            parent_dir(&real),
            &prefix,
            bytes,
            new_file,
            hook,
            on_hook_failure,
        )
        .map_err(write_error)?;
        if let Err(f) = self.update_rolling_backup(&real, bytes, &prefix, hook, on_hook_failure) {
            if f.crashed {
                // A crash here also leaves the written temp file behind.
                let _ = temp.keep();
            }
            return Err(StoreError::Backup {
                path: self.path.clone(),
                backup: self.backup_path(),
                io: f.io,
            });
        }
        commit(temp, &real, hook, on_hook_failure).map_err(write_error)
    }

    /// `<file><suffix>`, e.g. `progress.json.bak`.
    fn sibling(&self, suffix: &str) -> PathBuf {
        let mut s = self.path.clone().into_os_string();
        s.push(suffix);
        PathBuf::from(s)
    }

    fn dir(&self) -> &Path {
        parent_dir(&self.path)
    }

    fn file_name(&self) -> Result<&OsStr, StoreError> {
        self.path
            .file_name()
            .ok_or_else(|| StoreError::InvalidPath {
                path: self.path.clone(),
            })
    }

    fn file_name_lossy(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// `.<file>.tmp`: the prefix of every temp file this store creates.
    fn temp_prefix(&self) -> Result<OsString, StoreError> {
        let mut prefix = OsString::from(".");
        prefix.push(self.file_name()?);
        prefix.push(".tmp");
        Ok(prefix)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use std::fs::{File, Permissions};
    use std::os::unix::fs::PermissionsExt;
    use tempfile::TempDir;

    /// A store for `<tempdir>/zizhi/progress.json`; the `zizhi` directory does not exist yet.
    pub(super) fn fixture() -> (TempDir, Store) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
        (tmp, store)
    }

    pub(super) fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    pub(super) fn read(path: &Path) -> String {
        fs::read_to_string(path).unwrap()
    }

    /// Temp files of this store, in its directory and in `backups/`.
    pub(super) fn temp_files(store: &Store) -> Vec<PathBuf> {
        let prefix = store.temp_prefix().unwrap();
        let mut found = Vec::new();
        for dir in [store.dir().to_path_buf(), store.backups_dir()] {
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            for entry in entries {
                let entry = entry.unwrap();
                if entry
                    .file_name()
                    .as_encoded_bytes()
                    .starts_with(prefix.as_encoded_bytes())
                {
                    found.push(entry.path());
                }
            }
        }
        found
    }

    /// Makes `dir` read-only; returns false (and undoes it) if permissions are not enforced,
    /// i.e. we run as root and the test must skip its assertion.
    pub(super) fn make_read_only(dir: &Path) -> bool {
        fs::set_permissions(dir, Permissions::from_mode(0o500)).unwrap();
        let probe = dir.join("root-probe");
        if File::create(&probe).is_ok() {
            fs::remove_file(&probe).unwrap();
            fs::set_permissions(dir, Permissions::from_mode(0o700)).unwrap();
            eprintln!("running as root: permissions are not enforced, skipping the assertion");
            return false;
        }
        true
    }

    /// Saves `old`, then saves `new` with the hook failing after `fail_at`; returns the error.
    pub(super) fn crash_at(store: &Store, fail_at: SaveStep) -> StoreError {
        store.save("old").unwrap();
        let mut hook = |step: SaveStep| {
            if step == fail_at {
                Err(io::Error::other("模拟崩溃"))
            } else {
                Ok(())
            }
        };
        store.save_with_hook("new", &mut hook).unwrap_err()
    }

    #[test]
    fn save_creates_the_file_with_mode_0600_and_the_directory_with_mode_0700() {
        let (_tmp, store) = fixture();
        store.save("{}").unwrap();
        assert_eq!(read(store.path()), "{}");
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(store.dir()), 0o700);
    }

    #[test]
    fn save_makes_an_existing_world_readable_file_0600() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        fs::write(store.path(), "old").unwrap();
        fs::set_permissions(store.path(), Permissions::from_mode(0o644)).unwrap();
        store.save("new").unwrap();
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(&store.backup_path()), 0o600);
    }

    #[test]
    fn ensure_dir_leaves_the_mode_of_an_existing_directory_alone() {
        let (_tmp, store) = fixture();
        fs::create_dir(store.dir()).unwrap();
        fs::set_permissions(store.dir(), Permissions::from_mode(0o750)).unwrap();
        store.ensure_dir().unwrap();
        assert_eq!(mode(store.dir()), 0o750);
    }

    #[test]
    fn save_replaces_the_file_and_keeps_the_previous_version_in_bak() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        assert!(
            !store.backup_path().exists(),
            "first save has nothing to back up"
        );
        store.save("v2").unwrap();
        assert_eq!(read(store.path()), "v2");
        assert_eq!(read(&store.backup_path()), "v1");
        store.save("v3").unwrap();
        assert_eq!(read(store.path()), "v3");
        assert_eq!(read(&store.backup_path()), "v2");
        assert!(temp_files(&store).is_empty());
    }

    #[test]
    fn saving_identical_content_keeps_the_older_backup() {
        let (_tmp, store) = fixture();
        store.save("v1").unwrap();
        store.save("v2").unwrap();
        store.save("v2").unwrap();
        assert_eq!(read(&store.backup_path()), "v1");
    }

    #[test]
    fn stale_temp_files_are_cleaned_up_and_nothing_else() {
        let (_tmp, store) = fixture();
        crash_at(&store, SaveStep::TempWritten);
        fs::create_dir(store.backups_dir()).unwrap();
        fs::write(store.backups_dir().join(".progress.json.tmpXYZ"), "x").unwrap();
        fs::write(store.dir().join(".other.json.tmpXYZ"), "x").unwrap();
        assert_eq!(temp_files(&store).len(), 2);

        assert_eq!(store.cleanup_stale_temps().unwrap(), 2);
        assert!(temp_files(&store).is_empty());
        assert_eq!(read(store.path()), "old");
        assert!(store.dir().join(".other.json.tmpXYZ").exists());
        assert_eq!(store.cleanup_stale_temps().unwrap(), 0);
    }

    #[test]
    fn load_of_a_missing_file_returns_none() {
        let (_tmp, store) = fixture();
        assert_eq!(store.load().unwrap(), None);
    }

    #[test]
    fn load_returns_what_save_wrote() {
        let (_tmp, store) = fixture();
        store.save("{\"进度\": 1}").unwrap();
        assert_eq!(store.load().unwrap().as_deref(), Some("{\"进度\": 1}"));
    }

    #[test]
    fn load_of_invalid_utf8_names_the_file_and_the_byte_offset() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        fs::write(store.path(), b"{\"a\": \xff}").unwrap();
        let err = store.load().unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidUtf8 { offset: 6, .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains(&store.path().display().to_string()), "{msg}");
        assert!(msg.contains("第 6 字节"), "{msg}");
    }

    #[test]
    fn load_of_an_unreadable_file_is_an_error_naming_the_file() {
        let (_tmp, store) = fixture();
        store.save("secret").unwrap();
        fs::set_permissions(store.path(), Permissions::from_mode(0o000)).unwrap();
        if fs::read(store.path()).is_ok() {
            eprintln!("running as root: permissions are not enforced, skipping the assertion");
            return;
        }
        let err = store.load().unwrap_err();
        assert!(matches!(err, StoreError::Read { .. }), "{err:?}");
        assert!(err.to_string().contains("权限不足"));
        assert!(err.to_string().contains("progress.json"));
    }

    #[test]
    fn save_into_a_read_only_directory_fails_and_leaves_the_old_file_intact() {
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        if !make_read_only(store.dir()) {
            return;
        }
        // Changed or identical content: the temp file cannot be created, so the save stops
        // before the rolling backup is touched.
        let changed = store.save("new");
        let same = store.save("old");
        fs::set_permissions(store.dir(), Permissions::from_mode(0o700)).unwrap();

        for err in [changed.unwrap_err(), same.unwrap_err()] {
            assert!(
                matches!(
                    err,
                    StoreError::Write {
                        step: SaveStep::TempCreated,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert!(err.to_string().contains("权限不足"), "{err}");
            assert!(err.to_string().contains("progress.json"), "{err}");
        }
        assert_eq!(read(store.path()), "old");
        assert!(!store.backup_path().exists());
        assert!(temp_files(&store).is_empty());
    }

    #[test]
    fn a_path_without_a_file_name_is_rejected() {
        let store = Store::new("/");
        assert!(matches!(
            store.save("x"),
            Err(StoreError::InvalidPath { .. })
        ));
        assert!(matches!(store.load(), Err(StoreError::InvalidPath { .. })));
    }
}
