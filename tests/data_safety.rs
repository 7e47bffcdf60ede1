//! The data path attacked through the binary: symlinks planted at the lock, the backups and the
//! progress file, FIFOs and `/dev/zero` as content or data, files owned by another user, and a
//! `TZ` that names a device.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cli::{Home, Run, Zizhi, s};
use zizhi::progress::{Progress, Status, Store, encode};

/// The directory of the default progress file.
fn dir(env: &Home) -> PathBuf {
    env.config_home().join("zizhi")
}

fn store(env: &Home) -> Store {
    Store::new(env.data_path())
}

/// Runs zizhi, killing it (and failing the test) if it has not finished in 60 s: the cases
/// here used to hang.
fn run_within(zizhi: Zizhi) -> Run {
    zizhi.run_within(Duration::from_secs(60))
}

fn zizhi(env: &Home, args: &[&str]) -> Run {
    run_within(env.zizhi().args(args))
}

fn progress_with_done(ids: &[&str]) -> String {
    let mut progress = Progress::default();
    for id in ids {
        progress.item_mut(id).status = Status::Done;
    }
    encode(&progress)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

fn running_as_root() -> bool {
    rustix_uid() == 0
}

fn rustix_uid() -> u32 {
    zizhi::progress::store::my_uid()
}

// ── symlinks ─────────────────────────────────────────────────────────────────

#[test]
fn a_symlink_at_the_lock_files_name_is_refused_and_its_target_left_alone() {
    let env = Home::new();
    store(&env).save(&progress_with_done(&["a"])).expect("save");
    let victim = env.path().join("victim.txt");
    fs::write(&victim, "别人的文件").expect("write");
    symlink(&victim, store(&env).lock_path()).expect("symlink");
    for args in [&[][..], &["data", "restore", "bak"][..]] {
        zizhi(&env, args)
            .code(1)
            .says(&["锁文件", "符号链接", s(&store(&env).lock_path()), "rm "]);
    }
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "别人的文件");
}

#[test]
fn a_symlinked_backups_directory_is_refused_and_nothing_is_written_there() {
    let env = Home::new();
    let store = store(&env);
    store.save(&progress_with_done(&["a"])).expect("save");
    store.save(&progress_with_done(&["a", "b"])).expect("save");
    let elsewhere = env.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("mkdir");
    symlink(&elsewhere, store.backups_dir()).expect("symlink");
    zizhi(&env, &["data", "backups"])
        .code(1)
        .says(&["备份目录", "符号链接"]);
    zizhi(&env, &["data", "restore", "bak"])
        .code(1)
        .says(&["备份目录", "符号链接"]);
    assert_eq!(fs::read_dir(&elsewhere).expect("dir").count(), 0);
}

#[test]
fn a_symlinked_rolling_backup_is_refused() {
    let env = Home::new();
    let store = store(&env);
    store.save(&progress_with_done(&["a"])).expect("save");
    let other = env.path().join("other.json");
    fs::write(&other, progress_with_done(&["x"])).expect("write");
    symlink(&other, store.backup_path()).expect("symlink");
    zizhi(&env, &["data", "restore", "bak"])
        .code(1)
        .says(&["滚动备份", "符号链接"]);
    assert_eq!(
        fs::read_to_string(env.data_path()).expect("read"),
        progress_with_done(&["a"])
    );
}

#[test]
fn a_symlinked_progress_file_of_ours_is_written_through_and_stays_a_link() {
    let env = Home::new();
    fs::create_dir_all(dir(&env)).expect("mkdir");
    fs::set_permissions(dir(&env), fs::Permissions::from_mode(0o700)).expect("chmod");
    let synced = env.path().join("同步盘");
    fs::create_dir(&synced).expect("mkdir");
    let target = synced.join("progress.json");
    fs::write(&target, progress_with_done(&["a"])).expect("write");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    symlink(&target, env.data_path()).expect("symlink");

    // A restore saves through the store like the app does.
    let store = store(&env);
    store.save(&progress_with_done(&["a", "b"])).expect("save");
    zizhi(&env, &["data", "restore", "bak"]).code(0);

    let meta = fs::symlink_metadata(env.data_path()).expect("lstat");
    assert!(meta.file_type().is_symlink(), "the link is kept");
    assert_eq!(
        fs::read_to_string(&target).expect("target"),
        progress_with_done(&["a"]),
        "the target holds the restored version"
    );
    assert_eq!(
        fs::metadata(&target).expect("stat").permissions().mode() & 0o777,
        0o640,
        "the target's mode is kept"
    );
    let status = zizhi(&env, &["status", "--json"]).code(0);
    assert!(status.stdout.contains("\"done\""), "{}", status.stdout);
}

// ── special files ────────────────────────────────────────────────────────────

#[test]
fn a_fifo_or_a_dev_zero_link_among_the_content_files_is_reported_not_waited_on() {
    let env = Home::new();
    let content = env.path().join("content");
    zizhi(&env, &["checklists", "export", s(&content)]).code(0);
    mkfifo(&content.join("pipe.yaml"));
    symlink("/dev/zero", content.join("zero.yaml")).expect("symlink");
    let run = zizhi(&env, &["validate", s(&content)]).code(5);
    assert!(run.stderr.contains("pipe.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("命名管道"), "{}", run.stderr);
    assert!(run.stderr.contains("zero.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("字符设备"), "{}", run.stderr);
    zizhi(&env, &["--checklists", s(&content), "status"]).code(5);
}

#[test]
fn data_on_a_fifo_or_dev_zero_is_refused_at_once() {
    let env = Home::new();
    let fifo_dir = env.path().join("fifo");
    fs::create_dir(&fifo_dir).expect("mkdir");
    let fifo = fifo_dir.join("progress.json");
    mkfifo(&fifo);
    zizhi(&env, &["--data", s(&fifo), "status"])
        .code(3)
        .says(&["命名管道"]);
    zizhi(&env, &["--data", "/dev/zero", "status"])
        .code(3)
        .says(&["/dev/zero"]);
    let link = fifo_dir.join("zero.json");
    symlink("/dev/zero", &link).expect("symlink");
    zizhi(&env, &["--data", s(&link), "status"])
        .code(3)
        .says(&["字符设备"]);
}

#[test]
fn checksum_check_reports_a_fifo_entry_instead_of_hanging() {
    let env = Home::new();
    let dir = env.path().join("media");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(dir.join("a.txt"), "abc").expect("write");
    mkfifo(&dir.join("b.txt"));
    let sums = dir.join("SHA256SUMS");
    fs::write(
        &sums,
        format!(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n{}  b.txt\n",
            "0".repeat(64)
        ),
    )
    .expect("write");
    let run = zizhi(&env, &["checksum", "--check", s(&sums)]);
    assert_ne!(run.code, Some(0));
    assert!(run.stdout.contains("a.txt"), "{}", run.stdout);
    let fifo_sums = dir.join("fifo-SHA256SUMS");
    mkfifo(&fifo_sums);
    let run = zizhi(
        &env,
        &["checksum", "--algo", "sha256", "--check", s(&fifo_sums)],
    );
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("命名管道"), "{}", run.stderr);
}

#[test]
fn tz_naming_dev_zero_is_ignored_with_a_warning() {
    let env = Home::new();
    let run = run_within(env.zizhi().arg("status").env("TZ", "/dev/zero")).code(0);
    assert!(run.stderr.contains("TZ=/dev/zero"), "{}", run.stderr);
}

// ── other users' files and loose modes ───────────────────────────────────────

/// uid and gid of `nobody`.
fn nobody() -> (u32, u32) {
    let out = Command::new("id")
        .args(["-u", "nobody"])
        .output()
        .expect("id");
    let uid = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("uid");
    let out = Command::new("id")
        .args(["-g", "nobody"])
        .output()
        .expect("id");
    let gid = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("gid");
    (uid, gid)
}

#[test]
fn a_progress_file_owned_by_another_user_is_refused_and_left_as_it_was() {
    if !running_as_root() {
        // Without root no file can be handed to another user here; a system file owned by
        // root stands in for it (its directory, /etc, belongs to root).
        let env = Home::new();
        let run = zizhi(&env, &["--data", "/etc/hostname", "status"]).code(3);
        assert!(run.stderr.contains("另一个用户"), "{}", run.stderr);
        return;
    }
    let env = Home::new();
    let store = store(&env);
    store.save(&progress_with_done(&["a"])).expect("save");
    store.save(&progress_with_done(&["a", "b"])).expect("save");
    let (uid, gid) = nobody();
    for path in [env.data_path(), store.backup_path()] {
        std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect("chown");
    }
    fs::set_permissions(env.data_path(), fs::Permissions::from_mode(0o644)).expect("chmod");
    for args in [&["status"][..], &["data", "restore", "bak"][..], &[][..]] {
        let run = zizhi(&env, args);
        assert_ne!(run.code, Some(0), "zizhi {args:?}");
        assert!(run.stderr.contains("另一个用户"), "{}", run.stderr);
        assert!(
            run.stderr.contains("--allow-unsafe-data-dir"),
            "{}",
            run.stderr
        );
    }
    let meta = fs::metadata(env.data_path()).expect("stat");
    assert_eq!((meta.uid(), meta.mode() & 0o777), (uid, 0o644), "untouched");
    assert!(!store.lock_path().exists(), "no lock file was made");

    // Asked for explicitly, the file is used and handed back to its owner, never made
    // root's.
    let run = zizhi(&env, &["--allow-unsafe-data-dir", "data", "restore", "bak"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let meta = fs::metadata(env.data_path()).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (uid, gid), "the owner is kept");
    assert_eq!(
        fs::read_to_string(env.data_path()).expect("read"),
        progress_with_done(&["a"])
    );
}

#[test]
fn a_data_directory_writable_by_others_is_refused_unless_allowed() {
    let env = Home::new();
    store(&env).save(&progress_with_done(&["a"])).expect("save");
    fs::set_permissions(dir(&env), fs::Permissions::from_mode(0o777)).expect("chmod");
    zizhi(&env, &["status"]).code(3).says(&[
        "数据目录",
        "0777",
        "chmod go-w",
        "--allow-unsafe-data-dir",
    ]);
    zizhi(&env, &["--allow-unsafe-data-dir", "status"]).code(0);
    run_within(
        env.zizhi()
            .arg("status")
            .env("ZIZHI_ALLOW_UNSAFE_DATA_DIR", "1"),
    )
    .code(0);
    assert_eq!(
        fs::metadata(dir(&env)).expect("stat").permissions().mode() & 0o777,
        0o777,
        "zizhi never changes the mode of a directory it did not create"
    );
}
