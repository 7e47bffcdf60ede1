//! Opening files the user points at without hanging, filling memory or following a planted link: regular files only, opened non-blocking, read up to a cap.
//!
//! A FIFO opened for reading blocks until a writer appears, and `/dev/zero` never ends. Every
//! file zizhi reads on the user's behalf (content YAML, sums files, the progress file and its
//! backups) is therefore opened with `O_NONBLOCK` (a FIFO then opens at once), checked to be a
//! regular file on the open handle (no race with a rename), and read only up to a size cap.
//! Files inside the data directory are also opened with `O_NOFOLLOW`, so a symlink planted at
//! their name is refused instead of followed.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use thiserror::Error;

/// Whether a symlink at the final component of the path is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// Why a file could not be opened or read as a regular file.
#[derive(Debug, Error)]
pub enum OpenError {
    #[error("{0}")]
    Io(#[source] io::Error),
    #[error("它是一个符号链接，这里不跟随符号链接")]
    Symlink,
    #[error("它不是普通文件，而是{kind}")]
    NotRegular { kind: &'static str },
    #[error("文件太大（{size} 字节，上限 {cap} 字节）")]
    TooLarge { size: u64, cap: u64 },
}

impl OpenError {
    /// The underlying I/O error, if that is what it is.
    pub fn io(&self) -> Option<&io::Error> {
        match self {
            OpenError::Io(e) => Some(e),
            _ => None,
        }
    }

    /// True when the file does not exist.
    pub fn is_not_found(&self) -> bool {
        self.io()
            .is_some_and(|e| e.kind() == io::ErrorKind::NotFound)
    }
}

/// What kind of file `meta` describes, in words ("命名管道（FIFO）", "字符设备"…).
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_file() {
        "普通文件"
    } else if t.is_dir() {
        "目录"
    } else if t.is_symlink() {
        "符号链接"
    } else if t.is_fifo() {
        "命名管道（FIFO）"
    } else if t.is_char_device() {
        "字符设备"
    } else if t.is_block_device() {
        "块设备"
    } else if t.is_socket() {
        "套接字"
    } else {
        "特殊文件"
    }
}

/// Opens `path` for reading without blocking and returns it only if it is a regular file,
/// with its metadata taken from the open handle.
pub fn open_regular(path: &Path, links: Links) -> Result<(File, Metadata), OpenError> {
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| {
            if links == Links::Refuse && e.raw_os_error() == Some(libc::ELOOP) {
                OpenError::Symlink
            } else {
                OpenError::Io(e)
            }
        })?;
    let meta = file.metadata().map_err(OpenError::Io)?;
    if !meta.is_file() {
        return Err(OpenError::NotRegular {
            kind: kind_of(&meta),
        });
    }
    Ok((file, meta))
}

/// Reads the regular file at `path`, refusing anything larger than `cap` bytes (also a file
/// that grows past it while being read).
pub fn read_regular(path: &Path, cap: u64, links: Links) -> Result<Vec<u8>, OpenError> {
    let (file, meta) = open_regular(path, links)?;
    if meta.len() > cap {
        return Err(OpenError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(OpenError::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > cap {
        return Err(OpenError::TooLarge { size: read, cap });
    }
    Ok(bytes)
}

/// What the file system says of a file's identity and last change: device, inode, length,
/// modification and status-change times to the nanosecond. A file replaced by a rename (as
/// every save is) gets a new inode; one written in place gets new times. Equal stamps mean
/// the same bytes for every file only zizhi writes, as git's index trusts an unchanged stat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
}

impl FileStamp {
    pub fn of(meta: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    /// The stamp of the regular file at `path` itself (a link is not followed: `None`, as
    /// for anything that is not a regular file or cannot be read).
    pub fn at(path: &Path) -> Option<Self> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        meta.is_file().then(|| Self::of(&meta))
    }
}

/// Largest content YAML file read (the biggest built-in file is well under 1 MB).
pub const CONTENT_FILE_CAP: u64 = 16 * 1024 * 1024;

/// Largest sums file read by `checksum --check`.
pub const SUMS_FILE_CAP: u64 = 16 * 1024 * 1024;

/// Largest time-zone file accepted in `TZ` (real TZif files are a few KB).
pub const TZ_FILE_CAP: u64 = 1024 * 1024;

/// Whether the `TZ` value `tz` is safe to hand to the C-style time-zone lookup of `chrono`:
/// empty, a rule like `CST-8`, or a name whose file is a regular file of sane size. A value
/// naming a FIFO, a device or a huge file would make the lookup hang or read without end.
pub fn tz_is_safe(tz: &str) -> bool {
    let name = tz.strip_prefix(':').unwrap_or(tz);
    if name.is_empty() {
        return true;
    }
    let candidates: Vec<std::path::PathBuf> = if Path::new(name).is_absolute() {
        vec![name.into()]
    } else {
        [
            "/usr/share/zoneinfo",
            "/share/zoneinfo",
            "/etc/zoneinfo",
            "/usr/share/lib/zoneinfo",
        ]
        .iter()
        .map(|dir| Path::new(dir).join(name))
        .collect()
    };
    candidates.iter().all(|path| match std::fs::metadata(path) {
        Ok(meta) => meta.is_file() && meta.len() <= TZ_FILE_CAP,
        // Missing: chrono falls back to parsing the value as a rule, reading nothing.
        Err(e) => e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::NotADirectory,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use std::process::Command;

    fn mkfifo(path: &Path) {
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_fifo_is_refused_at_once_instead_of_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("a.yaml");
        mkfifo(&fifo);
        let err = read_regular(&fifo, 100, Links::Follow).unwrap_err();
        assert!(err.to_string().contains("命名管道"), "{err}");
    }

    #[test]
    fn dev_zero_is_refused_as_a_character_device() {
        let err = read_regular(Path::new("/dev/zero"), 100, Links::Follow).unwrap_err();
        assert!(
            matches!(
                err,
                OpenError::NotRegular {
                    kind: "字符设备"
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_symlink_is_refused_when_links_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("t");
        std::fs::write(&target, "x").unwrap();
        let link = tmp.path().join("l");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100, Links::Refuse),
            Err(OpenError::Symlink)
        ));
        assert_eq!(read_regular(&link, 100, Links::Follow).unwrap(), b"x");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_with_its_size() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("big");
        std::fs::write(&path, "0123456789").unwrap();
        let err = read_regular(&path, 5, Links::Follow).unwrap_err();
        assert!(
            matches!(err, OpenError::TooLarge { size: 10, cap: 5 }),
            "{err:?}"
        );
        assert_eq!(read_regular(&path, 10, Links::Follow).unwrap().len(), 10);
    }

    #[test]
    fn tz_naming_a_device_or_a_fifo_is_unsafe_and_a_rule_or_zone_is_safe() {
        assert!(!tz_is_safe("/dev/zero"));
        assert!(!tz_is_safe(":/dev/zero"));
        assert!(!tz_is_safe("../../../dev/zero"));
        assert!(tz_is_safe(""));
        assert!(tz_is_safe("CST-8"));
        assert!(tz_is_safe("Asia/Shanghai"));
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("tz");
        mkfifo(&fifo);
        assert!(!tz_is_safe(fifo.to_str().unwrap()));
    }
}
