//! The user's data through the interactive app in a pseudo-terminal: leftovers of a crash are
//! cleaned up at start, an older file is upgraded with its original kept, and saving survives
//! a full disk, a read-only directory and a refused permission on real file systems.
//!
//! The file-system tests need root (to mount a small tmpfs, bind-mount a directory read-only
//! or make one immutable); where that is not permitted they print why and pass without
//! checking. Mounts are made under the test's own temporary directory and undone on drop.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use harness::{Home, Session, TIMEOUT};
use zizhi::progress::{Progress, Status, Store, decode, encode};

const DASHBOARD: &str = "阶段进度";

/// The footer line (the screen's last row).
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

fn first_item_row(screen: &str) -> Option<&str> {
    screen.lines().find(|line| line.starts_with(" ["))
}

/// Item rows of the checklist, in order.
fn item_rows(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.starts_with(" [")).collect()
}

fn load(path: &Path) -> Progress {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode(&text)
        .unwrap_or_else(|e| panic!("{} does not load ({e}):\n{text}", path.display()))
        .progress
}

/// Names in `dir` that look like temp files of a save.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".progress.json.tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[path = "support/root.rs"]
mod root;
use root::{Mounted, run};

/// Removes the immutable flag (by path) when dropped.
struct Immutable(PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = run("chattr", &["-i", &self.0.to_string_lossy()]);
    }
}

// ── stale temp files ─────────────────────────────────────────────────────────

#[test]
fn temp_files_left_by_a_crash_are_removed_at_the_next_start_and_nothing_else() {
    let home = Home::new();
    let data = home.data_path();
    let store = Store::new(&data);
    let mut progress = Progress::default();
    progress.item_mut("sa-type-business-inventory").status = Status::Done;
    let text = encode(&progress);
    store.save(&text).expect("save");
    let dir = data.parent().expect("dir").to_path_buf();
    fs::create_dir_all(store.backups_dir()).expect("backups dir");
    // What crashes mid-save leave: a half-written temp file, a backup link, a snapshot's temp.
    let leftovers = [
        dir.join(".progress.json.tmpAbC123"),
        dir.join(".progress.json.tmp-link-4242"),
        store.backups_dir().join(".progress.json.tmpXyZ789"),
    ];
    for path in &leftovers {
        fs::write(path, "{\"schema_version\": 1, \"it").expect("write");
    }
    let keep = [dir.join("notes.txt"), dir.join(".other.json.tmp1")];
    for path in &keep {
        fs::write(path, "mine").expect("write");
    }

    let mut app = home.start();
    app.wait_for_text(DASHBOARD);
    for path in &leftovers {
        assert!(!path.exists(), "{} is still there", path.display());
    }
    for path in &keep {
        assert!(path.exists(), "{} was removed", path.display());
    }
    assert_eq!(fs::read_to_string(&data).expect("data"), text);
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
}

// ── upgrades ─────────────────────────────────────────────────────────────────

#[test]
fn an_older_file_is_upgraded_on_load_and_its_original_kept_as_a_backup() {
    const UPGRADE: (&str, &str) = ("ZIZHI_TEST_SCHEMA_UPGRADE", "1");
    let home = Home::new();
    let data = home.data_path();
    fs::create_dir_all(data.parent().expect("dir")).expect("dir");
    // Version 1 as the pretend next version's migration knows it: notes were "remark".
    let original = "{\n  \"schema_version\": 1,\n  \"items\": {\n    \"sa-type-business-inventory\": {\n      \"remark\": \"合同台账已核对\"\n    }\n  }\n}\n";
    fs::write(&data, original).expect("write");

    let mut app = home.start_with(&[], &[UPGRADE]);
    app.wait_for_text(DASHBOARD);
    let snapshots: Vec<PathBuf> = fs::read_dir(data.with_file_name("backups"))
        .expect("a snapshot was taken")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.to_string_lossy()
                .ends_with("-before-upgrade-from-v1.json")
        })
        .collect();
    assert_eq!(snapshots.len(), 1, "{snapshots:?}");
    assert_eq!(
        fs::read_to_string(&snapshots[0]).expect("snapshot"),
        original
    );
    // Nothing is written until there is something to save: the file is still the original.
    assert_eq!(fs::read_to_string(&data).expect("data"), original);

    app.send("\r");
    app.wait_for("the checklist", TIMEOUT, |s| first_item_row(s).is_some());
    app.send(" ");
    app.wait_for("the first item done", TIMEOUT, |s| {
        first_item_row(s).is_some_and(|row| row.starts_with(" [x]"))
    });
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());

    let saved = fs::read_to_string(&data).expect("data");
    assert!(saved.starts_with("{\n  \"schema_version\": 3,"), "{saved}");
    assert!(
        saved.contains("\"note\": \"合同台账已核对\"") && saved.contains("\"status\": \"done\""),
        "the remark was migrated and the change saved:\n{saved}"
    );
    assert_eq!(
        fs::read_to_string(data.with_extension("json.bak")).expect(".bak"),
        original,
        "the rolling backup holds the original too"
    );

    let listed = home
        .command()
        .args(["data", "backups"])
        .output()
        .expect("run");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains("格式升级前的原文件"), "{listed}");

    // This build without the switch reads version 1 only: the upgraded file is refused, as
    // an older zizhi refuses a newer file, and left alone.
    let old_build = home.command().arg("status").output().expect("run");
    assert_eq!(old_build.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&old_build.stderr).contains("请升级 zizhi"));
    assert_eq!(fs::read_to_string(&data).expect("data"), saved);
}

// ── full disk, read-only directory, refused permission ──────────────────────

/// A data directory, an app running on it with the first item marked done and saved.
struct Running {
    app: Session,
    data: PathBuf,
    before: String,
}

fn start_on(home: &Home, data: &Path) -> Running {
    let mut app = home.start_with_args(&["--data", &data.to_string_lossy()]);
    app.wait_for_text(DASHBOARD);
    app.send("\r");
    app.wait_for("the checklist", TIMEOUT, |s| first_item_row(s).is_some());
    app.send(" ");
    app.wait_for("the first item done", TIMEOUT, |s| {
        first_item_row(s).is_some_and(|row| row.starts_with(" [x]"))
    });
    let before = fs::read_to_string(data).expect("saved");
    assert_eq!(load(data).items.len(), 1);
    Running {
        app,
        data: data.to_path_buf(),
        before,
    }
}

impl Running {
    /// Makes changes while saving fails with `reason`: a long note pasted into the second
    /// item (more than the file held), then its status set to in progress. Checks the
    /// warning, and that the file on disk is whole and old.
    fn change_while_failing(&mut self, reason: &str, note: &str) {
        let warning = format!("未能保存（{reason}）");
        self.app.send("jn");
        self.app.wait_for_text("Alt+Enter");
        self.app.send(format!("\x1b[200~{note}\x1b[201~"));
        self.app
            .wait_for(&format!("{warning} in the footer"), TIMEOUT, |s| {
                footer(s).contains(&warning)
            });
        self.app.send("\x13s");
        let screen = self.app.wait_for("the editor to close", TIMEOUT, |s| {
            !s.contains("Alt+Enter 保存")
                && item_rows(s).get(1).is_some_and(|r| r.starts_with(" [~]"))
        });
        assert!(
            footer(&screen).contains(&warning),
            "the warning stays:\n{screen}"
        );
        assert_eq!(
            fs::read_to_string(&self.data).expect("the file is still there"),
            self.before,
            "the file on disk is whole and unchanged"
        );
        assert_eq!(
            temp_files(self.data.parent().expect("dir")),
            Vec::<String>::new()
        );
    }

    /// After the cause is gone: one key that changes nothing writes everything.
    fn recover_and_quit(mut self, note: &str) {
        self.app.send("k");
        self.app.wait_for("the warning to go", TIMEOUT, |s| {
            footer(s).contains("已恢复保存")
        });
        let saved = load(&self.data);
        let second = saved
            .items
            .iter()
            .find(|(_, item)| item.status == Status::InProgress)
            .map(|(_, item)| item.note.clone());
        assert_eq!(second.as_deref(), Some(note), "every change is on disk");
        assert_eq!(
            saved
                .items
                .values()
                .filter(|i| i.status == Status::Done)
                .count(),
            1
        );
        self.app.send("q");
        assert!(self.app.wait_exit(TIMEOUT).success());
    }
}

/// A note long enough that the file needs more space than it had.
fn long_note() -> String {
    "磁盘满时贴进来的整改说明：机房门禁记录、涉密计算机台账、离岗脱密承诺书逐项核对。".repeat(60)
}

#[test]
#[ignore = "needs root (mount, chattr); CI runs as root: cargo test --test data_tui -- --ignored"]
fn a_full_disk_keeps_the_file_whole_shows_why_and_saves_everything_once_there_is_room() {
    let home = Home::new();
    let mount = home.config_home().join("small-disk");
    fs::create_dir_all(&mount).expect("mkdir");
    let mount_str = mount.to_string_lossy().into_owned();
    if let Err(why) = run(
        "mount",
        &["-t", "tmpfs", "-o", "size=512k", "tmpfs", &mount_str],
    ) {
        panic!("cannot mount a small tmpfs here (run as root): {why}");
    }
    let _mounted = Mounted(mount.clone());
    let data = mount.join("zizhi").join("progress.json");
    let mut running = start_on(&home, &data);

    // Fill the disk to the last byte.
    let filler = mount.join("filler");
    let mut file = fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(&block[..1]).is_ok() {}
    drop(file);

    let note = long_note();
    running.change_while_failing("磁盘空间已满", &note);
    fs::remove_file(&filler).expect("free the space");
    running.recover_and_quit(&note);
}

#[test]
#[ignore = "needs root (mount, chattr); CI runs as root: cargo test --test data_tui -- --ignored"]
fn a_read_only_directory_keeps_the_file_whole_and_refuses_a_new_start_clearly() {
    let home = Home::new();
    let dir = home.config_home().join("shared");
    fs::create_dir_all(&dir).expect("mkdir");
    let data = dir.join("progress.json");
    let dir_str = dir.to_string_lossy().into_owned();
    let read_only = || -> Result<Mounted, String> {
        run("mount", &["--bind", &dir_str, &dir_str])?;
        let mounted = Mounted(dir.clone());
        run("mount", &["-o", "remount,bind,ro", &dir_str])?;
        Ok(mounted)
    };
    // Probe first: the running app keeps its lock file open for writing, which does not
    // stop a new read-only mount on top.
    match read_only() {
        Ok(probe) => drop(probe),
        Err(why) => panic!("cannot bind-mount a directory read-only here (run as root): {why}"),
    }
    let mut running = start_on(&home, &data);
    let mounted = read_only().expect("read-only bind mount");
    let note = long_note();
    running.change_while_failing("文件系统是只读的", &note);
    drop(mounted);
    running.recover_and_quit(&note);

    // Starting on a read-only directory is refused before the terminal is touched, as an
    // I/O failure (1), not as "in use" (4).
    let _mounted = read_only().expect("read-only bind mount");
    let out = home
        .command()
        .args(["--data", &data.to_string_lossy()])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an I/O error, not \"in use\": {stderr}"
    );
    assert!(
        stderr.contains(&format!("{}.lock", data.display())) && stderr.contains("文件系统是只读的"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs root (mount, chattr); CI runs as root: cargo test --test data_tui -- --ignored"]
fn a_refused_permission_keeps_the_file_whole_and_saves_everything_once_allowed() {
    // Root ignores file modes, but not the immutable attribute: no entry of an immutable
    // directory can be created, renamed or removed (EPERM, "Operation not permitted").
    let home = Home::new();
    let dir = home.config_home().join("locked-down");
    fs::create_dir_all(&dir).expect("mkdir");
    let data = dir.join("progress.json");
    let dir_str = dir.to_string_lossy().into_owned();
    if let Err(why) =
        run("chattr", &["+i", &dir_str]).and_then(|()| run("chattr", &["-i", &dir_str]))
    {
        panic!("cannot make a directory immutable here (run as root): {why}");
    }
    let mut running = start_on(&home, &data);
    run("chattr", &["+i", &dir_str]).expect("chattr +i");
    let immutable = Immutable(dir.clone());
    let note = long_note();
    running.change_while_failing("权限不足", &note);
    drop(immutable);
    running.recover_and_quit(&note);
}
