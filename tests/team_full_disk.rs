//! `zizhi team sync` and `team bundle` with the team directory on a full disk: the command
//! stops with a clear message and exit code 1, nothing typed is lost, the repository stays
//! consistent (`git fsck`, the own file whole), and once space is free the next sync goes
//! through. Needs root to mount a small tmpfs; CI runs as root (`.ci/run` runs it with
//! `--ignored`), like `export_full_disk` and `data_tui`.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "support/root.rs"]
mod root;
#[path = "support/team.rs"]
mod team;

use std::fs;

use harness::Home;
use root::{fill, small_tmpfs};
use serde_json::Value;
use team::{bare_remote, git, item};

const A: &str = "sa-type-business-inventory";
const B: &str = "sa-type-choose-category";

/// The repository is whole, and the own file in it is a readable person file holding
/// at least `changes` changes.
fn consistent(home: &Home, changes: usize) {
    let team = home.config_home().join("zizhi/team");
    let repo = team.join("repo");
    git(&repo, &["fsck", "--no-progress", "--strict"]);
    let me: Value =
        serde_json::from_str(&fs::read_to_string(team.join("me.json")).expect("me.json"))
            .expect("me.json is JSON");
    let own = repo.join(format!("people/{}.json", me["id"].as_str().expect("id")));
    let text = fs::read_to_string(&own).expect("own file");
    let person: Value = serde_json::from_str(&text).expect("the own file is whole JSON");
    let n = person["changes"].as_array().map_or(0, Vec::len);
    assert!(n >= changes, "own file has {n} changes: {text}");
    // No git lock file left behind.
    assert!(!repo.join(".git/index.lock").exists(), "index.lock left");
}

/// What 王静 typed before the disk filled up.
fn typed_is_there(home: &Home) {
    let a = item(home, A);
    assert_eq!(a["status"], "done", "{a:#}");
    assert_eq!(a["note"], "满盘之前写的", "{a:#}");
}

#[test]
#[ignore = "needs root and a tmpfs mount; run by .ci/run"]
fn a_sync_or_bundle_on_a_full_disk_loses_nothing_says_what_to_do_and_goes_through_once_space_is_free()
 {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let zhang = Home::new();
    let wang = Home::new();
    // 王静's whole config directory (and so her team directory) is a small disk of its own.
    let disk = wang.config_home().to_path_buf();
    let _mounted = small_tmpfs(&disk, "size=4m,mode=0700");

    wang.ok(&["team", "join", &remote, "--name", "王静"]);
    zhang.ok(&["team", "join", &remote, "--name", "张伟"]);
    zhang.ok(&["item", B, "--owner", "张伟", "--note", "张伟写的"]);
    zhang.ok(&["team", "sync"]);

    // 王静 types two changes, then the disk fills up.
    wang.ok(&["item", A, "--status", "done", "--note", "满盘之前写的"]);
    let filler = fill(&disk, 0);

    let out = wang.output(&["team", "sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "sync: {err}");
    assert!(err.contains("磁盘空间已满"), "names the cause: {err}");
    assert!(err.contains("再运行一次"), "says what to do: {err}");
    assert!(
        !err.contains("退出正在运行的 zizhi"),
        "no other zizhi runs: {err}"
    );
    typed_is_there(&wang);
    consistent(&wang, 0);

    let media = tempfile::tempdir().expect("media");
    let bundle = media.path().join("wang-1.bundle");
    let out = wang.output(&["team", "bundle", &bundle.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "bundle: {err}");
    assert!(err.contains("磁盘空间已满"), "names the cause: {err}");
    assert!(!bundle.exists(), "no bundle written");
    typed_is_there(&wang);
    consistent(&wang, 0);

    // A little more room each time, so the sync runs out of space one step further on:
    // locking, recording, committing, fetching, merging, saving the merge.
    let mut went_through = false;
    fs::remove_file(&filler).expect("free the space");
    for spare in [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128] {
        let filler = fill(&disk, spare);
        let out = wang.output(&["team", "sync"]);
        let err = String::from_utf8_lossy(&out.stderr);
        fs::remove_file(&filler).expect("free the space");
        if out.status.success() {
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(said.contains("已同步") && said.contains("张伟"), "{said}");
            went_through = true;
            break;
        }
        assert_eq!(out.status.code(), Some(1), "{spare} pages free: {err}");
        assert!(err.contains("磁盘空间已满"), "{spare} pages free: {err}");
        assert!(
            err.contains("再运行一次") || err.contains("再同步") || err.contains("下次同步"),
            "{spare} pages free, says what to do: {err}"
        );
        typed_is_there(&wang);
        consistent(&wang, 0);
    }
    assert!(went_through, "a sync with 512 KiB free went through");

    // With all the space again: in step with 张伟 both ways.
    let out = wang.ok(&["team", "sync"]);
    assert!(out.contains("已同步"), "{out}");
    consistent(&wang, 2);
    assert_eq!(item(&wang, B)["owner"], "张伟");
    zhang.ok(&["team", "sync"]);
    let a = item(&zhang, A);
    assert_eq!(a["status"], "done", "{a:#}");
    assert_eq!(a["note"], "满盘之前写的", "{a:#}");
}
