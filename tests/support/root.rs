//! For the tests that need root (CI runs them with `--ignored`): running a system command,
//! a small tmpfs filled to the last byte, and undoing a mount when the test ends, however it
//! ends.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `program` with `args`; its standard error as the message when it fails.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Undoes a mount (by its path) when dropped.
pub struct Mounted(pub PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = run("umount", &[&self.0.to_string_lossy()]);
    }
}

/// A tmpfs with mount `options` (such as `size=512k`) mounted at `dir`, which is created;
/// fails the test where it cannot be mounted (not root).
pub fn small_tmpfs(dir: &Path, options: &str) -> Mounted {
    fs::create_dir_all(dir).expect("mkdir");
    let dir_str = dir.to_string_lossy().into_owned();
    if let Err(why) = run("mount", &["-t", "tmpfs", "-o", options, "tmpfs", &dir_str]) {
        panic!("cannot mount a small tmpfs here (run as root): {why}");
    }
    Mounted(dir.to_path_buf())
}

/// Fills the file system holding `dir` to the last byte with the file `dir/filler`, then
/// frees `spare` pages of 4 KiB; the filler's path.
pub fn fill(dir: &Path, spare: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(&block[..1]).is_ok() {}
    let len = file.metadata().expect("filler size").len();
    file.set_len(len.saturating_sub(spare * 4096))
        .expect("free pages");
    filler
}
