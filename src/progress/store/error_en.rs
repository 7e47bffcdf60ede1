//! The store's errors in English (`--lang en`): the same file, problem and remedy as the
//! Chinese `Display` text beside the type.

use std::io;

use super::error::StoreError;
use super::{LockHolder, Role, SaveStep};
use crate::i18n::Lang;

impl StoreError {
    /// The message in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.to_string(),
            Lang::En => english(self),
        }
    }
}

fn english(err: &StoreError) -> String {
    use StoreError as E;
    match err {
        E::InvalidPath { path } => format!(
            "the progress file path {} is not valid: it has no file name; name a file with --data, such as ~/.config/zizhi/progress.json",
            path.display()
        ),
        E::CreateDir { path, io } => format!(
            "cannot create the directory {}: {}; check the parent directory's permissions, or put the progress file elsewhere with --data",
            path.display(),
            describe(io)
        ),
        E::Read { path, io } => format!(
            "cannot read the progress file {}: {}; check its permissions (this user must be able to read it), or name another file with --data",
            path.display(),
            describe(io)
        ),
        E::InvalidUtf8 { path, offset } => format!(
            "the progress file {} is not valid UTF-8 text (from byte {offset}); it may be damaged. Do not overwrite it: restore the rolling backup (the .bak file beside it) or a snapshot in the backups directory",
            path.display()
        ),
        E::Backup { path, backup, io } => format!(
            "cannot back up the current progress to {}: {}; to be safe nothing was saved and the progress file {} is unchanged. Check the disk space and the directory's permissions, then try again",
            backup.display(),
            describe(io),
            path.display()
        ),
        E::Write { path, step, io } => format!(
            "saving the progress file {} failed (at the step \"{}\"): {}; the file is unchanged. Check the disk space and the directory's permissions, then try again",
            path.display(),
            step_en(*step),
            describe(io)
        ),
        E::NotDurable { path, step, io } => format!(
            "the progress file {} holds the new content, but the last stage of the save (after \"{}\") failed: {}; a power cut now may lose this change (the version before is in the .bak file). Check the disk, then save once more",
            path.display(),
            step_en(*step),
            describe(io)
        ),
        E::Cleanup {
            path,
            file_name,
            io,
        } => format!(
            "cleaning up {} failed: {}; files starting with \".{file_name}.tmp\" are temporary files left by an interrupted save and may be deleted by hand; the progress file itself is unaffected",
            path.display(),
            describe(io)
        ),
        E::Locked { path, holder } => format!(
            "another zizhi ({}) is using {}; quit that one first, or name another file with --data",
            holder_en(holder),
            path.display()
        ),
        E::LockedElsewhere { path, lock, holder } => format!(
            "the lock file {} says a zizhi on another machine is using {} ({}). On a shared directory this machine cannot tell whether it still runs, so to keep the two from overwriting each other nothing was opened. Quit zizhi on that machine first; if it surely no longer runs (the machine crashed or lost power), delete the lock file {} and try again",
            lock.display(),
            path.display(),
            holder_en(holder),
            lock.display()
        ),
        E::Lock { path, io } => format!(
            "cannot open or lock the lock file {}: {}; check the directory's permissions, or name another file with --data",
            path.display(),
            describe(io)
        ),
        E::InvalidLabel { label } => format!(
            "the snapshot label \"{label}\" is not valid (letters, digits, \"-\" and \"_\", 1 to 64 of them); this is an internal error, please report it"
        ),
        E::Snapshot { path, io } => format!(
            "cannot make the snapshot {}: {}; the progress file is unaffected. Check the disk space and the backups directory's permissions",
            path.display(),
            describe(io)
        ),
        E::Prune { path, io } => format!(
            "the snapshot was made, but the old snapshot {} cannot be deleted: {}; delete it by hand, the progress file is unaffected",
            path.display(),
            describe(io)
        ),
        E::ReadBackup { path, io } => format!(
            "cannot read the backup {}: {}; check the permissions of the file and its directory",
            path.display(),
            describe(io)
        ),
        E::NoSuchBackup { id, ids } => {
            let known = if ids.is_empty() {
                "there are no backups yet".to_owned()
            } else {
                format!("the backups' ids: {}", ids.join(", "))
            };
            format!(
                "there is no backup with id {id} ({known}); list them with zizhi data backups, then restore one by its id"
            )
        }
        E::UnusableBackup { path, reason } => format!(
            "the backup {} cannot be restored: {reason}; the progress file is unchanged, choose another backup",
            path.display()
        ),
        E::InvalidBackup { path, offset } => format!(
            "the backup {} is not valid UTF-8 text (from byte {offset}) and cannot be restored; choose another backup, the progress file is unchanged",
            path.display()
        ),
        E::Symlink { path, role } => format!(
            "the {} {} is a symbolic link. zizhi follows no such link in its data directory (it could write the data elsewhere or overwrite another file); nothing was changed. Check it, remove the link (rm {}) and try again",
            role_en(*role),
            path.display(),
            path.display()
        ),
        E::NotRegular { path, role, .. } => format!(
            "the {} {} is not a {}; zizhi neither reads nor writes it, and nothing was changed. Move it away (or name another progress file with --data) and try again",
            role_en(*role),
            path.display(),
            match role {
                Role::DataDir | Role::BackupsDir => "directory",
                _ => "regular file",
            }
        ),
        E::ForeignOwner {
            path,
            role,
            owner,
            me,
        } => format!(
            "the {} {} belongs to another user (uid {owner}; you are uid {me}); zizhi takes over no one else's files, and nothing was changed. Run zizhi as that user, or name your own progress file with --data; if this is intended, add --allow-unsafe-data-dir (or set ZIZHI_ALLOW_UNSAFE_DATA_DIR=1)",
            role_en(*role),
            path.display()
        ),
        E::WritableByOthers { path, role, mode } => format!(
            "the {} {} can be written by the group or others (mode {mode:04o}), so someone else could change or replace your progress; nothing was changed. Run chmod go-w {} and try again; if this is intended, add --allow-unsafe-data-dir (or set ZIZHI_ALLOW_UNSAFE_DATA_DIR=1)",
            role_en(*role),
            path.display(),
            path.display()
        ),
        E::Inspect { path, role, io } => format!(
            "cannot check the {} {}: {}; check the permissions of the path and its directory",
            role_en(*role),
            path.display(),
            describe(io)
        ),
        E::DanglingLink { path, target } => format!(
            "the progress file {} is a symbolic link to {}, which does not exist; check that the synced directory is mounted, or remove the link and try again",
            path.display(),
            target.display()
        ),
        E::TooLarge { path, size, cap } => format!(
            "the progress file {} is too large ({size} bytes, the limit is {cap}) to be one zizhi wrote; it is unchanged. Check that it is the right file, or name another with --data",
            path.display()
        ),
    }
}

fn role_en(role: Role) -> &'static str {
    match role {
        Role::DataDir => "data directory",
        Role::Progress => "progress file",
        Role::ProgressTarget => "progress file's link target",
        Role::Lock => "lock file",
        Role::Rolling => "rolling backup",
        Role::BackupsDir => "backups directory",
        Role::Backup => "backup",
    }
}

fn step_en(step: SaveStep) -> &'static str {
    match step {
        SaveStep::TempCreated => "temporary file created",
        SaveStep::TempWritten => "temporary file written",
        SaveStep::TempSynced => "temporary file synced",
        SaveStep::BackupLinked => "backup linked",
        SaveStep::BackupCopied => "backup copied",
        SaveStep::BackupReplaced => "backup replaced",
        SaveStep::Renamed => "renamed into place",
        SaveStep::DirSynced => "directory synced",
    }
}

fn holder_en(holder: &LockHolder) -> String {
    let mut text = match holder.pid {
        Some(pid) => format!("pid {pid}"),
        None => "pid unknown".to_owned(),
    };
    match &holder.host {
        Some(host) => text.push_str(&format!(", host {host}")),
        None => text.push_str(", host unknown"),
    }
    if let Some(started) = &holder.started {
        text.push_str(&format!(", started {started}"));
    }
    text
}

/// The OS reason (the raw error names it in English already).
fn describe(e: &io::Error) -> String {
    e.to_string()
}
