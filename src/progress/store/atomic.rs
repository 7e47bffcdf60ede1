//! The atomic replace protocol shared by saves, the rolling backup and snapshots, and its fault-injection seam.

use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use super::{DIR_MODE, FILE_MODE, StoreError};

/// The steps of an atomic save, in order; the fault-injection seam of [`Store::save_with_hook`](super::Store::save_with_hook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SaveStep {
    /// The temp file `.<file>.tmp*` exists (empty) next to the progress file.
    TempCreated,
    /// All bytes are written to the temp file.
    TempWritten,
    /// The temp file has mode 0600 and is fsynced.
    TempSynced,
    /// The temp file has been renamed over the progress file: the new content is in place.
    Renamed,
    /// The directory is fsynced: the rename is durable.
    DirSynced,
}

impl SaveStep {
    /// All steps, in the order a save performs them.
    pub const ALL: [SaveStep; 5] = [
        SaveStep::TempCreated,
        SaveStep::TempWritten,
        SaveStep::TempSynced,
        SaveStep::Renamed,
        SaveStep::DirSynced,
    ];

    /// True once this step is done, the progress file holds the new content.
    pub fn is_committed(self) -> bool {
        matches!(self, SaveStep::Renamed | SaveStep::DirSynced)
    }
}

impl fmt::Display for SaveStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SaveStep::TempCreated => "创建临时文件",
            SaveStep::TempWritten => "写入临时文件",
            SaveStep::TempSynced => "把临时文件同步到磁盘",
            SaveStep::Renamed => "用临时文件替换进度文件",
            SaveStep::DirSynced => "同步所在目录",
        })
    }
}

/// What a failing hook stands for before the rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HookFailure {
    /// A crash: the temp file stays behind, as after a real crash (public seam).
    Crash,
    /// An I/O error: the temp file is removed, as on a real write error.
    IoError,
}

/// Why [`write_atomic`] failed.
#[derive(Debug)]
pub(super) struct AtomicFailure {
    pub(super) step: SaveStep,
    pub(super) io: io::Error,
    /// The target already holds the new content (the failure came after the rename).
    pub(super) committed: bool,
}

pub(super) fn no_hook(_: SaveStep) -> io::Result<()> {
    Ok(())
}

/// The directory holding `path` ("." for a bare file name).
pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// fsync a directory so a rename or creation inside it survives a power cut.
/// File systems that cannot fsync directories (EINVAL/ENOTSUP) are accepted as is.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Creates `dir` (and missing parents) with mode 0700; leaves an existing directory as is.
pub(super) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let err = |io| StoreError::CreateDir {
        path: dir.to_path_buf(),
        io,
    };
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(err)?;
    // The umask may have removed bits; 0700 is what we promise.
    fs::set_permissions(dir, Permissions::from_mode(DIR_MODE)).map_err(err)?;
    sync_dir(parent_dir(dir)).map_err(err)
}

/// Replaces `target` with `bytes` atomically: temp file in the same directory (name starts
/// with `temp_prefix`), write, chmod 0600, fsync, rename, fsync the directory. `hook` runs
/// after each step. On failure before the rename the target is untouched and the temp file
/// is removed, except when `hook` fails and `on_hook_failure` is [`HookFailure::Crash`].
pub(super) fn write_atomic(
    target: &Path,
    temp_prefix: &OsStr,
    bytes: &[u8],
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    on_hook_failure: HookFailure,
) -> Result<(), AtomicFailure> {
    let before = |step, io| AtomicFailure {
        step,
        io,
        committed: false,
    };
    let after = |step, io| AtomicFailure {
        step,
        io,
        committed: true,
    };
    // A hook failure before the rename: keep the temp file if it stands for a crash.
    let abandon = |temp: tempfile::NamedTempFile, step, io| {
        if on_hook_failure == HookFailure::Crash {
            // Disables the automatic removal; a failure here only means it gets removed.
            let _ = temp.keep();
        }
        before(step, io)
    };
    let dir = parent_dir(target);

    // Every early return below drops `temp`, which removes the temp file.
    let mut temp = tempfile::Builder::new()
        .prefix(temp_prefix)
        .tempfile_in(dir)
        .map_err(|io| before(SaveStep::TempCreated, io))?;
    if let Err(io) = hook(SaveStep::TempCreated) {
        return Err(abandon(temp, SaveStep::TempCreated, io));
    }

    if let Err(io) = temp.write_all(bytes).and_then(|()| temp.flush()) {
        return Err(before(SaveStep::TempWritten, io));
    }
    if let Err(io) = hook(SaveStep::TempWritten) {
        return Err(abandon(temp, SaveStep::TempWritten, io));
    }

    let file = temp.as_file();
    if let Err(io) = file
        .set_permissions(Permissions::from_mode(FILE_MODE))
        .and_then(|()| file.sync_all())
    {
        return Err(before(SaveStep::TempSynced, io));
    }
    if let Err(io) = hook(SaveStep::TempSynced) {
        return Err(abandon(temp, SaveStep::TempSynced, io));
    }

    // On failure the PersistError (holding the temp file) is dropped: temp file removed.
    temp.persist(target)
        .map_err(|e| before(SaveStep::Renamed, e.error))?;
    hook(SaveStep::Renamed).map_err(|io| after(SaveStep::Renamed, io))?;

    sync_dir(dir).map_err(|io| after(SaveStep::DirSynced, io))?;
    hook(SaveStep::DirSynced).map_err(|io| after(SaveStep::DirSynced, io))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::tests::{crash_at, fixture, read, temp_files};
    use super::*;

    #[test]
    fn every_step_of_a_save_sees_the_complete_old_or_the_complete_new_content() {
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        let path = store.path().to_path_buf();
        let mut seen = Vec::new();
        store
            .save_with_hook("new", &mut |step| {
                seen.push((step, read(&path)));
                Ok(())
            })
            .unwrap();
        let expected: Vec<_> = SaveStep::ALL
            .iter()
            .map(|&s| (s, if s.is_committed() { "new" } else { "old" }.to_owned()))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_crash_after_creating_the_temp_file_leaves_the_complete_old_content() {
        let (_tmp, store) = fixture();
        let err = crash_at(&store, SaveStep::TempCreated);
        assert!(matches!(
            err,
            StoreError::Write {
                step: SaveStep::TempCreated,
                ..
            }
        ));
        assert_eq!(read(store.path()), "old");
        assert_eq!(temp_files(&store).len(), 1, "a crash leaves its temp file");
    }

    #[test]
    fn a_crash_after_writing_the_temp_file_leaves_the_complete_old_content() {
        let (_tmp, store) = fixture();
        let err = crash_at(&store, SaveStep::TempWritten);
        assert!(matches!(
            err,
            StoreError::Write {
                step: SaveStep::TempWritten,
                ..
            }
        ));
        assert_eq!(read(store.path()), "old");
        let temps = temp_files(&store);
        assert_eq!(temps.len(), 1);
        assert_eq!(
            read(&temps[0]),
            "new",
            "the new content only ever lives in the temp file"
        );
    }

    #[test]
    fn a_crash_after_syncing_the_temp_file_leaves_the_complete_old_content() {
        let (_tmp, store) = fixture();
        let err = crash_at(&store, SaveStep::TempSynced);
        assert!(matches!(
            err,
            StoreError::Write {
                step: SaveStep::TempSynced,
                ..
            }
        ));
        assert_eq!(read(store.path()), "old");
        assert_eq!(temp_files(&store).len(), 1);
    }

    #[test]
    fn a_crash_right_after_the_rename_leaves_the_complete_new_content() {
        let (_tmp, store) = fixture();
        let err = crash_at(&store, SaveStep::Renamed);
        assert!(matches!(
            err,
            StoreError::NotDurable {
                step: SaveStep::Renamed,
                ..
            }
        ));
        assert_eq!(read(store.path()), "new");
        assert_eq!(read(&store.backup_path()), "old");
        assert!(temp_files(&store).is_empty());
    }

    #[test]
    fn a_crash_after_syncing_the_directory_leaves_the_complete_new_content() {
        let (_tmp, store) = fixture();
        let err = crash_at(&store, SaveStep::DirSynced);
        assert!(matches!(
            err,
            StoreError::NotDurable {
                step: SaveStep::DirSynced,
                ..
            }
        ));
        assert_eq!(read(store.path()), "new");
        assert!(temp_files(&store).is_empty());
    }

    #[test]
    fn a_crash_during_the_first_save_leaves_no_file_rather_than_a_partial_one() {
        let (_tmp, store) = fixture();
        let err = store
            .save_with_hook("new", &mut |step| match step {
                SaveStep::TempWritten => Err(io::Error::other("模拟崩溃")),
                _ => Ok(()),
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::Write { .. }));
        assert_eq!(store.load().unwrap(), None);
    }

    #[test]
    fn an_io_error_before_the_rename_removes_the_temp_file_and_keeps_the_old_content() {
        for fail_at in [
            SaveStep::TempCreated,
            SaveStep::TempWritten,
            SaveStep::TempSynced,
        ] {
            let (_tmp, store) = fixture();
            store.save("old").unwrap();
            let mut hook = |step: SaveStep| {
                if step == fail_at {
                    Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
                } else {
                    Ok(())
                }
            };
            let err = store
                .save_inner("new", &mut hook, HookFailure::IoError)
                .unwrap_err();
            assert!(matches!(err, StoreError::Write { step, .. } if step == fail_at));
            assert_eq!(read(store.path()), "old");
            assert!(temp_files(&store).is_empty(), "temp left after {fail_at:?}");
        }
    }

    #[test]
    fn a_failed_rename_leaves_the_old_file_intact() {
        // A non-empty directory where `.bak` should go makes the backup's rename fail,
        // even for root. The save must stop before touching the progress file.
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        fs::create_dir(store.backup_path()).unwrap();
        fs::write(store.backup_path().join("keep"), "x").unwrap();
        let err = store.save("new").unwrap_err();
        assert!(matches!(err, StoreError::Backup { .. }), "{err:?}");
        assert_eq!(read(store.path()), "old");
        assert!(temp_files(&store).is_empty());
        let msg = err.to_string();
        assert!(
            msg.contains("progress.json.bak") && msg.contains("未被改动"),
            "{msg}"
        );
    }
}
