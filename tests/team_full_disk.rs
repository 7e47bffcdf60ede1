//! `zizhi team sync` and `team bundle` with the team directory on a full disk: the command
//! stops with a clear message and exit code 1, nothing typed is lost, the repository stays
//! consistent (`git fsck`, the own file whole), and once space is free the next sync goes
//! through. Needs root to mount a small tmpfs; CI runs as root (`.ci/run` runs it with
//! `--ignored`), like `export_full_disk` and `data_tui`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed expectation should panic with its message"
)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "support/root.rs"]
mod root;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use harness::Home;
use root::{Mounted, run};
use serde_json::Value;

const A: &str = "sa-type-business-inventory";
const B: &str = "sa-type-choose-category";

fn zizhi(home: &Home, args: &[&str]) -> Output {
    home.command().args(args).output().expect("run zizhi")
}

fn ok(home: &Home, args: &[&str]) -> String {
    let out = zizhi(home, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "zizhi {args:?} failed ({:?}):\n{text}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args(args)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fills the file system holding `dir` to the last byte, then frees `spare` pages of 4 KiB;
/// the filler's path.
fn fill(dir: &Path, spare: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(&block[..1]).is_ok() {}
    let len = file.metadata().expect("filler size").len();
    file.set_len(len.saturating_sub(spare * 4096))
        .expect("free pages");
    drop(file);
    filler
}

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

/// The item as the person's working file has it.
fn item(home: &Home, id: &str) -> Value {
    let text = ok(home, &["item", id, "--json"]);
    serde_json::from_str(&text).expect("item JSON")
}

#[test]
#[ignore = "needs root and a tmpfs mount; run by .ci/run"]
fn a_sync_or_bundle_on_a_full_disk_loses_nothing_says_what_to_do_and_goes_through_once_space_is_free()
 {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = shared.path().join("team.git");
    git(
        shared.path(),
        &["init", "-q", "--bare", &remote.to_string_lossy()],
    );
    let remote = remote.to_string_lossy().into_owned();
    let zhang = Home::new();
    let wang = Home::new();
    // 王静's whole config directory (and so her team directory) is a small disk of its own.
    let disk = wang.config_home().to_path_buf();
    if let Err(why) = run(
        "mount",
        &[
            "-t",
            "tmpfs",
            "-o",
            "size=4m,mode=0700",
            "tmpfs",
            &disk.to_string_lossy(),
        ],
    ) {
        panic!("cannot mount a small tmpfs here (run as root): {why}");
    }
    let _mounted = Mounted(disk.clone());

    ok(&wang, &["team", "join", &remote, "--name", "王静"]);
    ok(&zhang, &["team", "join", &remote, "--name", "张伟"]);
    ok(
        &zhang,
        &["item", B, "--owner", "张伟", "--note", "张伟写的"],
    );
    ok(&zhang, &["team", "sync"]);

    // 王静 types two changes, then the disk fills up.
    ok(
        &wang,
        &["item", A, "--status", "done", "--note", "满盘之前写的"],
    );
    let filler = fill(&disk, 0);

    let out = zizhi(&wang, &["team", "sync"]);
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
    let out = zizhi(&wang, &["team", "bundle", &bundle.to_string_lossy()]);
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
        let out = zizhi(&wang, &["team", "sync"]);
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
    let out = ok(&wang, &["team", "sync"]);
    assert!(out.contains("已同步"), "{out}");
    consistent(&wang, 2);
    assert_eq!(item(&wang, B)["owner"], "张伟");
    ok(&zhang, &["team", "sync"]);
    let a = item(&zhang, A);
    assert_eq!(a["status"], "done", "{a:#}");
    assert_eq!(a["note"], "满盘之前写的", "{a:#}");
}
