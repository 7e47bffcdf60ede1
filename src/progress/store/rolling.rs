//! The rolling backup `<file>.bak`: the version a save replaces, kept by hard link or by copy.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::atomic::{AtomicFailure, HookFailure, parent_dir, write_atomic};
use super::{FILE_MODE, SaveStep, Store};
use crate::safe_fs::{Links, OpenError};

impl Store {
    /// Makes the current file (if any, and if it differs from `new`) the rolling `<file>.bak`.
    /// Called by a save after its temp file is written and before the rename.
    ///
    /// A hard link to the current file renamed over `.bak` keeps the old version without
    /// writing or syncing any data: the save's rename then points the file's name at the new
    /// contents, and its directory sync also makes this rename durable. Where links are not
    /// supported (some network shares), or [`Store::without_hard_links`] asks for it, the bytes
    /// are copied atomically instead. Either way `.bak` is always a complete version.
    pub(super) fn update_rolling_backup(
        &self,
        real: &Path,
        new: &[u8],
        prefix: &OsStr,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
        on_hook_failure: HookFailure,
    ) -> Result<(), AtomicFailure> {
        let failed = |step, io| AtomicFailure {
            step,
            io,
            committed: false,
            crashed: false,
        };
        let crashed = |step, io| AtomicFailure {
            step,
            io,
            committed: false,
            crashed: on_hook_failure == HookFailure::Crash,
        };
        let current = match crate::safe_fs::read_regular(real, super::PROGRESS_CAP, Links::Refuse) {
            Ok(bytes) => bytes,
            Err(e) if e.is_not_found() => return Ok(()),
            Err(OpenError::Io(io)) => return Err(failed(SaveStep::BackupLinked, io)),
            Err(other) => {
                return Err(failed(
                    SaveStep::BackupLinked,
                    io::Error::other(other.to_string()),
                ));
            }
        };
        if current == new {
            // Keep the older `.bak`: overwriting it with identical bytes would lose a version.
            return Ok(());
        }
        let backup = self.backup_path();
        if same_file(real, &backup) {
            // `.bak` already is the current version (a hard link made by a save that did not
            // finish). Linking again would be a no-op rename that leaves the link name behind.
            return Ok(());
        }
        // A link shares the file's mode and owner: only for a file zizhi made (owner-only,
        // ours) and in the same directory; anything else is copied, never chmod-ed.
        if self.hard_links && is_private_and_ours(real) && parent_dir(real) == self.dir() {
            let mut link_name = prefix.to_owned();
            link_name.push(format!("-link-{}", std::process::id()));
            let link = self.dir().join(link_name);
            let _ = fs::remove_file(&link);
            if fs::hard_link(real, &link).is_ok() {
                if let Err(io) = hook(SaveStep::BackupLinked) {
                    if on_hook_failure == HookFailure::IoError {
                        let _ = fs::remove_file(&link);
                    }
                    return Err(crashed(SaveStep::BackupLinked, io));
                }
                if fs::rename(&link, &backup).is_ok() {
                    return hook(SaveStep::BackupReplaced)
                        .map_err(|io| crashed(SaveStep::BackupReplaced, io));
                }
                let _ = fs::remove_file(&link);
            }
        }
        // The copy's own atomic write reports to the hook as the backup steps.
        let mut copy_hook = |step: SaveStep| match step {
            SaveStep::TempSynced => hook(SaveStep::BackupCopied),
            SaveStep::DirSynced => hook(SaveStep::BackupReplaced),
            _ => Ok(()),
        };
        write_atomic(&backup, prefix, &current, &mut copy_hook, on_hook_failure).map_err(|f| {
            let step = match f.step {
                SaveStep::Renamed | SaveStep::DirSynced => SaveStep::BackupReplaced,
                _ => SaveStep::BackupCopied,
            };
            AtomicFailure { step, ..f }
        })
    }
}

/// Whether `path` is owner-only (0600) and belongs to this process's user.
fn is_private_and_ours(path: &Path) -> bool {
    fs::symlink_metadata(path)
        .is_ok_and(|m| m.mode() & 0o777 == FILE_MODE && m.uid() == super::my_uid())
}

/// Whether `a` and `b` are names of one and the same file (hard links to one inode).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
