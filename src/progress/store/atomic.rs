//! The atomic replace protocol shared by saves, the rolling backup and snapshots, and its fault-injection seam.

use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

use tempfile::NamedTempFile;

use super::{DIR_MODE, FILE_MODE, StoreError};

/// The steps of a save, in order; the fault-injection seam of [`Store::save_with_hook`](super::Store::save_with_hook).
///
/// The new content is first written to a temp file; only then is the rolling backup made
/// (by hard link, or by copy where links do not work), and last the temp file is renamed over
/// the progress file. The backup steps happen only when there is a current file that differs
/// from the new content; `BackupLinked` and `BackupCopied` are alternatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SaveStep {
    /// The temp file `.<file>.tmp*` exists (empty) next to the progress file.
    TempCreated,
    /// All bytes are written to the temp file.
    TempWritten,
    /// The temp file has mode 0600 and is fsynced.
    TempSynced,
    /// Rolling backup: a hard link to the current file exists under a temp name.
    BackupLinked,
    /// Rolling backup, copy fallback: a synced temp copy of the current file exists.
    BackupCopied,
    /// Rolling backup: `.bak` now holds the current (about to be replaced) version.
    BackupReplaced,
    /// The temp file has been renamed over the progress file: the new content is in place.
    Renamed,
    /// The directory is fsynced: the rename is durable.
    DirSynced,
}

impl SaveStep {
    /// All steps, in the order a save performs them (a save makes its backup either by link
    /// or by copy, so it never sees both `BackupLinked` and `BackupCopied`).
    pub const ALL: [SaveStep; 8] = [
        SaveStep::TempCreated,
        SaveStep::TempWritten,
        SaveStep::TempSynced,
        SaveStep::BackupLinked,
        SaveStep::BackupCopied,
        SaveStep::BackupReplaced,
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
            SaveStep::BackupLinked => "为滚动备份建立硬链接",
            SaveStep::BackupCopied => "把当前版本复制为滚动备份",
            SaveStep::BackupReplaced => "更新滚动备份 .bak",
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

/// Why an atomic write failed.
#[derive(Debug)]
pub(super) struct AtomicFailure {
    pub(super) step: SaveStep,
    pub(super) io: io::Error,
    /// The target already holds the new content (the failure came after the rename).
    pub(super) committed: bool,
    /// The failure is a simulated crash (a failing hook in [`HookFailure::Crash`] mode): what
    /// was written so far stays on disk, as after a real crash.
    pub(super) crashed: bool,
}

/// Mode and owner a new file gets before it is renamed into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NewFile {
    mode: u32,
    /// The owner and group of the file it replaces, when that is not this process's user
    /// (only possible with `--allow-unsafe-data-dir`): root then hands the new file back to
    /// them instead of taking their data over.
    owner: Option<(u32, u32)>,
}

impl NewFile {
    /// A file zizhi creates: owner-only.
    pub(super) const PRIVATE: NewFile = NewFile {
        mode: FILE_MODE,
        owner: None,
    };

    /// The file that replaces `path`: owner-only, or with `path`'s mode kept when
    /// `keep_mode` (the target of a symlinked progress file: the user chose its mode); the
    /// owner of `path` kept.
    pub(super) fn replacing(path: &Path, keep_mode: bool) -> NewFile {
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => NewFile {
                mode: if keep_mode {
                    meta.mode() & 0o777
                } else {
                    FILE_MODE
                },
                owner: (meta.uid() != super::my_uid()).then(|| (meta.uid(), meta.gid())),
            },
            _ => NewFile::PRIVATE,
        }
    }
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
    // Opens a directory only to sync it; nothing is read from it.
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

/// Replaces `target` with `bytes` atomically: [`prepare`] then [`commit`].
pub(super) fn write_atomic(
    target: &Path,
    temp_prefix: &OsStr,
    bytes: &[u8],
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    on_hook_failure: HookFailure,
) -> Result<(), AtomicFailure> {
    let temp = prepare(
        parent_dir(target),
        temp_prefix,
        bytes,
        NewFile::PRIVATE,
        hook,
        on_hook_failure,
    )?;
    commit(temp, target, hook, on_hook_failure)
}

/// Writes `bytes` into a new temp file in `dir` (name starting with `temp_prefix`), gives it
/// the mode (and owner) of `new_file` and fsyncs it; `hook` runs after each step. Nothing else is touched. On failure the
/// temp file is removed, except when `hook` fails in [`HookFailure::Crash`] mode.
pub(super) fn prepare(
    dir: &Path,
    temp_prefix: &OsStr,
    bytes: &[u8],
    new_file: NewFile,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    on_hook_failure: HookFailure,
) -> Result<NamedTempFile, AtomicFailure> {
    let failed = |step, io| AtomicFailure {
        step,
        io,
        committed: false,
        crashed: false,
    };
    // Every early return below drops `temp`, which removes the temp file.
    let mut temp = tempfile::Builder::new()
        .prefix(temp_prefix)
        .tempfile_in(dir)
        .map_err(|io| failed(SaveStep::TempCreated, io))?;
    if let Err(io) = hook(SaveStep::TempCreated) {
        return Err(abandon(temp, SaveStep::TempCreated, io, on_hook_failure));
    }

    if let Err(io) = temp.write_all(bytes).and_then(|()| temp.flush()) {
        return Err(failed(SaveStep::TempWritten, io));
    }
    if let Err(io) = hook(SaveStep::TempWritten) {
        return Err(abandon(temp, SaveStep::TempWritten, io, on_hook_failure));
    }

    let file = temp.as_file();
    if let Some((uid, gid)) = new_file.owner {
        // Only root can; anyone else keeps the file as their own.
        let _ = std::os::unix::fs::fchown(file, Some(uid), Some(gid));
    }
    if let Err(io) = file
        .set_permissions(Permissions::from_mode(new_file.mode))
        .and_then(|()| file.sync_all())
    {
        return Err(failed(SaveStep::TempSynced, io));
    }
    if let Err(io) = hook(SaveStep::TempSynced) {
        return Err(abandon(temp, SaveStep::TempSynced, io, on_hook_failure));
    }
    Ok(temp)
}

/// Stops a save before its rename because `hook` failed at `step`: a simulated crash keeps
/// the temp file (as a real crash would), an injected I/O error removes it.
pub(super) fn abandon(
    temp: NamedTempFile,
    step: SaveStep,
    io: io::Error,
    on_hook_failure: HookFailure,
) -> AtomicFailure {
    let crashed = on_hook_failure == HookFailure::Crash;
    if crashed {
        // Disables the automatic removal; a failure here only means it gets removed.
        let _ = temp.keep();
    }
    AtomicFailure {
        step,
        io,
        committed: false,
        crashed,
    }
}

/// Renames a prepared temp file over `target` and fsyncs the directory; `hook` runs after
/// each step. If the rename fails the temp file is removed and `target` is untouched.
pub(super) fn commit(
    temp: NamedTempFile,
    target: &Path,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    on_hook_failure: HookFailure,
) -> Result<(), AtomicFailure> {
    let after = |step, io, crashed| AtomicFailure {
        step,
        io,
        committed: true,
        crashed,
    };
    let crash = on_hook_failure == HookFailure::Crash;
    // On failure the PersistError (holding the temp file) is dropped: temp file removed.
    temp.persist(target).map_err(|e| AtomicFailure {
        step: SaveStep::Renamed,
        io: e.error,
        committed: false,
        crashed: false,
    })?;
    hook(SaveStep::Renamed).map_err(|io| after(SaveStep::Renamed, io, crash))?;

    sync_dir(parent_dir(target)).map_err(|io| after(SaveStep::DirSynced, io, false))?;
    hook(SaveStep::DirSynced).map_err(|io| after(SaveStep::DirSynced, io, crash))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::tests::{crash_at, fixture, read, temp_files};
    use super::*;

    #[test]
    fn every_step_of_a_save_sees_the_complete_old_or_the_complete_new_content() {
        for copy in [false, true] {
            let (_tmp, store) = fixture();
            let store = if copy {
                store.without_hard_links()
            } else {
                store
            };
            store.save("older").unwrap();
            store.save("old").unwrap();
            let path = store.path().to_path_buf();
            let bak = store.backup_path();
            let mut seen = Vec::new();
            store
                .save_with_hook("new", &mut |step| {
                    seen.push((step, read(&path), read(&bak)));
                    Ok(())
                })
                .unwrap();
            let skipped = if copy {
                SaveStep::BackupLinked
            } else {
                SaveStep::BackupCopied
            };
            let expected: Vec<_> = SaveStep::ALL
                .iter()
                .filter(|&&s| s != skipped)
                .map(|&s| {
                    let file = if s.is_committed() { "new" } else { "old" };
                    let backup = match s {
                        SaveStep::TempCreated
                        | SaveStep::TempWritten
                        | SaveStep::TempSynced
                        | SaveStep::BackupLinked
                        | SaveStep::BackupCopied => "older",
                        _ => "old",
                    };
                    (s, file.to_owned(), backup.to_owned())
                })
                .collect();
            assert_eq!(seen, expected, "copy fallback: {copy}");
        }
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
    fn a_directory_where_bak_should_go_stops_the_save_and_leaves_the_old_file_intact() {
        // A non-empty directory where `.bak` should go would make the backup's rename fail,
        // even for root; the checks before a save find it first.
        let (_tmp, store) = fixture();
        store.save("old").unwrap();
        fs::create_dir(store.backup_path()).unwrap();
        fs::write(store.backup_path().join("keep"), "x").unwrap();
        let err = store.save("new").unwrap_err();
        assert!(matches!(err, StoreError::NotRegular { .. }), "{err:?}");
        assert_eq!(read(store.path()), "old");
        assert!(temp_files(&store).is_empty());
        let msg = err.to_string();
        assert!(
            msg.contains("progress.json.bak") && msg.contains("没有改动"),
            "{msg}"
        );
    }

    #[test]
    fn a_failed_backup_rename_leaves_the_old_file_intact() {
        // The copy fallback's rename fails when `.bak` turns into a directory between the
        // checks and the rename; the hook makes it do so.
        let (_tmp, store) = fixture();
        let store = store.without_hard_links();
        store.save("old").unwrap();
        let bak = store.backup_path();
        let err = store
            .save_with_fault("new", &mut |step| {
                if step == SaveStep::BackupCopied {
                    fs::create_dir(&bak)?;
                    fs::write(bak.join("keep"), "x")?;
                }
                Ok(())
            })
            .unwrap_err();
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
