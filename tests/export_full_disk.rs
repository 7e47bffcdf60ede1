//! `zizhi export -o` onto a full disk: the atomic write (temporary file, then rename) leaves the
//! old report as it was, no truncated report and no stray temporary file. Needs root to mount a
//! small tmpfs; CI runs as root (`.ci/run` runs it with `--ignored`). The same behaviour is
//! unit-tested through a seam in `cli::export` on any machine.

#![cfg(test)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "support/root.rs"]
mod root;
use root::{Mounted, run};

fn zizhi(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zizhi"))
        .arg("--data")
        .arg(home.join("data/progress.json"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("ZIZHI_CHECKLISTS")
        .env_remove("ZIZHI_DATA")
        .env_remove("ZIZHI_LANG")
        .stdin(Stdio::null())
        .output()
        .expect("run zizhi")
}

#[test]
#[ignore = "needs root to mount a tmpfs; CI runs as root: cargo test --test export_full_disk -- --ignored"]
fn an_export_onto_a_full_disk_leaves_the_old_report_whole_and_no_temporary_file() {
    let home = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(home.path().join("data")).expect("mkdir");
    let mount = home.path().join("small-disk");
    fs::create_dir_all(&mount).expect("mkdir");
    let mount_str = mount.to_string_lossy().into_owned();
    if let Err(why) = run(
        "mount",
        &["-t", "tmpfs", "-o", "size=256k", "tmpfs", &mount_str],
    ) {
        panic!("cannot mount a small tmpfs here (run as root): {why}");
    }
    let _mounted = Mounted(mount.clone());
    for name in ["report.html", "report.md", "report.csv"] {
        fs::write(mount.join(name), "the old report").expect("an old report");
    }

    // Fill the disk to the last byte.
    let filler = mount.join("filler");
    let mut file = fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(&block[..1]).is_ok() {}
    drop(file);

    for format in ["html", "md", "csv"] {
        let target = mount.join(format!("report.{format}"));
        let target_str = target.to_string_lossy().into_owned();
        let out = zizhi(home.path(), &["export", "-o", &target_str, "--force"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(err.contains("无法写入"), "{format}: {err}");
        assert_eq!(
            fs::read_to_string(&target).expect("still there"),
            "the old report",
            "{format}"
        );
        let mut left: Vec<String> = fs::read_dir(&mount)
            .expect("listed")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["filler", "report.csv", "report.html", "report.md"],
            "{format}: a stray file"
        );
    }

    // With room again the same export replaces the report whole.
    fs::remove_file(&filler).expect("free the space");
    let target = mount.join("report.html");
    let target_str = target.to_string_lossy().into_owned();
    let out = zizhi(home.path(), &["export", "-o", &target_str, "--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = fs::read_to_string(&target).expect("written");
    assert!(written.trim_end().ends_with("</html>"), "whole: {written}");
}
