//! Emergency copies: when the app must exit while saves fail, everything not on disk is written to a new owner-only file somewhere writable, and the next start offers it.
//!
//! Places tried, first that works wins: the data directory, `$XDG_STATE_HOME/zizhi` (default
//! `~/.local/state/zizhi`), the home directory, `/tmp`. The file is created exclusively
//! (`O_EXCL`, never through a link) with mode 0600. Its name carries a short hash of the
//! progress file's path, so a copy found later is offered only for the file it belongs to:
//! `zizhi-emergency-<hash>-<label>.json`. The text is the whole progress file as the app held
//! it, so restoring it is like restoring a backup.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::store::my_uid;

/// The start of every emergency copy's file name.
pub const PREFIX: &str = "zizhi-emergency-";

/// The places an emergency copy for the progress file `data` may go, in order of preference.
pub fn places(data: &Path) -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Some(dir) = data.parent().filter(|p| !p.as_os_str().is_empty()) {
        places.push(dir.to_path_buf());
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .filter(|s| s.is_absolute())
        .or_else(|| home.as_ref().map(|h| h.join(".local").join("state")));
    if let Some(state) = state {
        places.push(state.join("zizhi"));
    }
    if let Some(home) = home {
        places.push(home);
    }
    places.push(PathBuf::from("/tmp"));
    places.dedup();
    places
}

/// The part of an emergency copy's name that ties it to the progress file `data`.
fn tag(data: &Path) -> String {
    let absolute = std::path::absolute(data).unwrap_or_else(|_| data.to_path_buf());
    format!(
        "{:08x}",
        xxh3_64(absolute.as_os_str().as_encoded_bytes()) & 0xffff_ffff
    )
}

/// Writes `text` as an emergency copy for `data`, labelled `label` (a time like
/// `20261125-153000`); returns its path, or every place tried with why it failed.
pub fn write(data: &Path, text: &str, label: &str) -> Result<PathBuf, Vec<(PathBuf, io::Error)>> {
    let mut failures = Vec::new();
    let name = format!("{PREFIX}{}-{label}-{}.json", tag(data), std::process::id());
    for (index, dir) in places(data).into_iter().enumerate() {
        // Only the state directory is created (owner-only); the others exist or are skipped.
        if index > 0
            && dir.ends_with("zizhi")
            && let Err(e) = fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&dir)
        {
            failures.push((dir, e));
            continue;
        }
        let path = dir.join(&name);
        match write_new(&path, text) {
            Ok(()) => {
                log(data, &path);
                return Ok(path);
            }
            Err(e) => {
                // A half-written copy is no copy.
                if e.kind() != io::ErrorKind::AlreadyExists {
                    let _ = fs::remove_file(&path);
                }
                failures.push((path, e));
            }
        }
    }
    Err(failures)
}

fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Appends a line naming the copy to `zizhi/emergency.log` in the state directory (best
/// effort: the copy's path is also printed).
fn log(data: &Path, copy: &Path) {
    let Some(state) = places(data)
        .into_iter()
        .find(|p| p.ends_with("zizhi") && Some(p.as_path()) != data.parent())
    else {
        return;
    };
    let line = format!(
        "{} 未能保存 {}，未保存的内容已写入紧急副本 {}\n",
        crate::clock::now().format("%Y-%m-%d %H:%M:%S"),
        data.display(),
        copy.display()
    );
    let _ = fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&state);
    if let Ok(mut file) = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(state.join("emergency.log"))
    {
        let _ = file.write_all(line.as_bytes());
    }
}

/// Emergency copies for `data` in every place, oldest first: regular files of this user whose
/// names carry `data`'s tag.
pub fn find(data: &Path) -> Vec<PathBuf> {
    let start = format!("{PREFIX}{}-", tag(data));
    let mut found = Vec::new();
    for dir in places(data) {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !name.starts_with(&start) || !name.ends_with(".json") {
                continue;
            }
            // `DirEntry::metadata` does not follow a link.
            if entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.uid() == my_uid())
            {
                found.push(entry.path());
            }
        }
    }
    found.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_copy_goes_to_the_data_directory_first_owner_only_and_is_found_for_that_file_only() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("progress.json");
        let path = write(&data, "{\"schema_version\": 1}", "20261125-153000").unwrap();
        assert_eq!(path.parent(), Some(tmp.path()));
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\"schema_version\": 1}"
        );
        assert_eq!(find(&data), vec![path]);
        assert!(find(&tmp.path().join("other.json")).is_empty());
    }

    #[test]
    fn an_unwritable_data_directory_falls_through_to_the_next_place() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where the data directory should be: nothing can be created in it.
        let blocked = tmp.path().join("blocked");
        fs::write(&blocked, "").unwrap();
        let data = blocked.join("progress.json");
        let path = write(&data, "x", "20261125-153000").unwrap();
        assert_ne!(path.parent(), Some(blocked.as_path()));
        assert!(find(&data).contains(&path));
        fs::remove_file(&path).unwrap();
    }
}
