//! `zizhi export -o` onto a full disk: the atomic write (temporary file, then rename) leaves the
//! old report as it was, no truncated report and no stray temporary file. Needs root to mount a
//! small tmpfs; CI runs as root (`.ci/run` runs it with `--ignored`). The same behaviour is
//! unit-tested through a seam in `cli::export` on any machine.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/root.rs"]
mod root;

use std::fs;

use cli::Home;
use root::{fill, small_tmpfs};

#[test]
#[ignore = "needs root to mount a tmpfs; CI runs as root: cargo test --test export_full_disk -- --ignored"]
fn an_export_onto_a_full_disk_leaves_the_old_report_whole_and_no_temporary_file() {
    let home = Home::new()
        .with_config("config")
        .with_data("data/progress.json");
    fs::create_dir_all(home.join("data")).expect("mkdir");
    let mount = home.join("small-disk");
    let _mounted = small_tmpfs(&mount, "size=256k");
    for name in ["report.html", "report.md", "report.csv"] {
        fs::write(mount.join(name), "the old report").expect("an old report");
    }

    let filler = fill(&mount, 0);

    for format in ["html", "md", "csv"] {
        let target = mount.join(format!("report.{format}"));
        let target_str = target.to_string_lossy().into_owned();
        home.run(&["export", "-o", &target_str, "--force"])
            .code(1)
            .says(&["无法写入"]);
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
    home.run(&["export", "-o", &target_str, "--force"])
        .success();
    let written = fs::read_to_string(&target).expect("written");
    assert!(written.trim_end().ends_with("</html>"), "whole: {written}");
}
