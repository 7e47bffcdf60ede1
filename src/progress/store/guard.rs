//! Checks on the data directory before the store reads or writes it: no symlinks where the store writes, no special files, nothing owned by another user or writable by others (like ssh's StrictModes and git's safe.directory).
//!
//! Only the data directory itself and the files the store keeps in it are checked, not its
//! ancestors (`/tmp` is world-writable, and that is fine for a private directory inside it).
//! The progress file alone may be a symlink — people keep it in a synced folder — as long as
//! the link and its target belong to the user; saves then write through to the target.

use std::fs::{self, Metadata};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::safe_fs::kind_of;

use super::{Store, StoreError};

/// Which of the store's files a check is about; names it in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    DataDir,
    Progress,
    ProgressTarget,
    Lock,
    Rolling,
    BackupsDir,
    Backup,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::DataDir => "数据目录",
            Role::Progress => "进度文件",
            Role::ProgressTarget => "进度文件的链接目标",
            Role::Lock => "锁文件",
            Role::Rolling => "滚动备份",
            Role::BackupsDir => "备份目录",
            Role::Backup => "备份",
        }
    }
}

/// The effective user id of this process.
pub fn my_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Where the progress file's bytes really live: the file itself, or the target of the symlink
/// at its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ProgressFile {
    Missing,
    Regular,
    /// A symlink the user owns to a regular file the user owns: saves write there.
    Link {
        target: PathBuf,
    },
}

impl Store {
    /// The checks every operation runs first: the data directory, the progress file (and the
    /// target of a symlink at its name), the lock file and the rolling backup. Returns where
    /// the progress file's bytes live. The backups directory is checked by the operations
    /// that use it ([`Store::check_backups_dir`]).
    pub(super) fn check_files(&self) -> Result<ProgressFile, StoreError> {
        self.check_data_dir()?;
        for (path, role) in [
            (self.lock_path(), Role::Lock),
            (self.backup_path(), Role::Rolling),
        ] {
            self.check_plain(&path, role, false)?;
        }
        self.progress_file()
    }

    /// The backups directory: a real directory of ours (or missing).
    pub(super) fn check_backups_dir(&self) -> Result<(), StoreError> {
        self.check_plain(&self.backups_dir(), Role::BackupsDir, true)
    }

    /// The data directory itself (not its ancestors): ours, not writable by others. Missing
    /// is fine (it is created 0700).
    pub(super) fn check_data_dir(&self) -> Result<(), StoreError> {
        let dir = self.dir();
        match fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => self.check_owner_and_mode(dir, &meta, Role::DataDir),
            Ok(meta) => Err(StoreError::NotRegular {
                path: dir.to_path_buf(),
                role: Role::DataDir,
                kind: kind_of(&meta),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(io) => Err(StoreError::Inspect {
                path: dir.to_path_buf(),
                role: Role::DataDir,
                io,
            }),
        }
    }

    /// A file or directory the store writes by name: never a symlink, of the right type, ours
    /// and not writable by others. Missing is fine.
    fn check_plain(&self, path: &Path, role: Role, dir: bool) -> Result<(), StoreError> {
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(io) => {
                return Err(StoreError::Inspect {
                    path: path.to_path_buf(),
                    role,
                    io,
                });
            }
        };
        if meta.file_type().is_symlink() {
            return Err(StoreError::Symlink {
                path: path.to_path_buf(),
                role,
            });
        }
        if (dir && !meta.is_dir()) || (!dir && !meta.is_file()) {
            return Err(StoreError::NotRegular {
                path: path.to_path_buf(),
                role,
                kind: kind_of(&meta),
            });
        }
        self.check_owner_and_mode(path, &meta, role)
    }

    /// The progress file: a regular file of ours, or a symlink of ours to one.
    pub(super) fn progress_file(&self) -> Result<ProgressFile, StoreError> {
        let path = self.path();
        let inspect = |path: &Path, role, io| StoreError::Inspect {
            path: path.to_path_buf(),
            role,
            io,
        };
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ProgressFile::Missing),
            Err(io) => return Err(inspect(path, Role::Progress, io)),
        };
        if !meta.file_type().is_symlink() {
            if !meta.is_file() {
                return Err(StoreError::NotRegular {
                    path: path.to_path_buf(),
                    role: Role::Progress,
                    kind: kind_of(&meta),
                });
            }
            self.check_owner_and_mode(path, &meta, Role::Progress)?;
            return Ok(ProgressFile::Regular);
        }
        // A link: it must be ours, and so must what it points at.
        self.check_owner(path, &meta, Role::Progress)?;
        let target = match fs::canonicalize(path) {
            Ok(target) => target,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::DanglingLink {
                    path: path.to_path_buf(),
                    target: fs::read_link(path).unwrap_or_default(),
                });
            }
            Err(io) => return Err(inspect(path, Role::ProgressTarget, io)),
        };
        let target_meta = fs::symlink_metadata(&target)
            .map_err(|io| inspect(&target, Role::ProgressTarget, io))?;
        if !target_meta.is_file() {
            return Err(StoreError::NotRegular {
                path: target,
                role: Role::ProgressTarget,
                kind: kind_of(&target_meta),
            });
        }
        self.check_owner_and_mode(&target, &target_meta, Role::ProgressTarget)?;
        Ok(ProgressFile::Link { target })
    }

    /// Where the progress file's bytes are: its own path, or the target of the link there.
    pub(super) fn real_path(&self) -> Result<PathBuf, StoreError> {
        Ok(match self.check_files()? {
            ProgressFile::Link { target } => target,
            ProgressFile::Missing | ProgressFile::Regular => self.path().to_path_buf(),
        })
    }

    fn check_owner_and_mode(
        &self,
        path: &Path,
        meta: &Metadata,
        role: Role,
    ) -> Result<(), StoreError> {
        self.check_owner(path, meta, role)?;
        if !self.allow_unsafe && meta.mode() & 0o022 != 0 {
            return Err(StoreError::WritableByOthers {
                path: path.to_path_buf(),
                role,
                mode: meta.mode() & 0o7777,
            });
        }
        Ok(())
    }

    fn check_owner(&self, path: &Path, meta: &Metadata, role: Role) -> Result<(), StoreError> {
        let me = my_uid();
        if !self.allow_unsafe && meta.uid() != me {
            return Err(StoreError::ForeignOwner {
                path: path.to_path_buf(),
                role,
                owner: meta.uid(),
                me,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::tests::{fixture, read};
    use super::*;
    use std::fs::Permissions;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn a_symlinked_lock_file_is_refused_and_its_target_untouched() {
        let (tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let victim = tmp.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        symlink(&victim, store.lock_path()).unwrap();
        let err = store.lock("x").unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Symlink {
                    role: Role::Lock,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("锁文件"), "{err}");
        assert_eq!(read(&victim), "precious");
    }

    #[test]
    fn a_symlinked_backups_directory_is_refused() {
        let (tmp, store) = fixture();
        store.save("v1").unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        symlink(&elsewhere, store.backups_dir()).unwrap();
        let err = store.snapshot("20261125-153000", 5).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Symlink {
                    role: Role::BackupsDir,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    }

    #[test]
    fn a_symlinked_progress_file_is_written_through_and_the_link_kept() {
        let (tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let synced = tmp.path().join("synced");
        fs::create_dir(&synced).unwrap();
        let target = synced.join("progress.json");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, Permissions::from_mode(0o640)).unwrap();
        symlink(&target, store.path()).unwrap();

        store.save("new").unwrap();
        assert!(
            fs::symlink_metadata(store.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&target), "new");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640,
            "the target's mode is kept"
        );
        assert_eq!(read(&store.backup_path()), "old");
        assert_eq!(store.load().unwrap().as_deref(), Some("new"));
    }

    #[test]
    fn a_group_writable_data_directory_is_refused_unless_allowed() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        fs::set_permissions(store.dir(), Permissions::from_mode(0o770)).unwrap();
        let err = store.save("x").unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::WritableByOthers {
                    role: Role::DataDir,
                    mode: 0o770,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("--allow-unsafe-data-dir"), "{err}");
        store.clone().allow_unsafe(true).save("x").unwrap();
    }

    #[test]
    fn a_fifo_at_the_progress_files_name_is_refused_without_blocking() {
        let (_tmp, store) = fixture();
        store.ensure_dir().unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(store.path())
            .status()
            .unwrap();
        assert!(ok.success());
        let err = store.load().unwrap_err();
        assert!(err.to_string().contains("命名管道"), "{err}");
    }
}
