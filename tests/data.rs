//! The user's data through the binary, without a terminal: the lock against a second
//! instance (also on another machine), the backup list and restore, what a corrupt, newer or
//! un-backupable older file gets.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs::{self, File};
use std::path::PathBuf;

use cli::{Home, s};
use zizhi::progress::{Progress, Status, Store, encode};

fn store(env: &Home) -> Store {
    Store::new(env.data_path())
}

/// Names of the files next to the progress file, sorted.
fn names(env: &Home) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(env.data_path().parent().expect("parent"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn progress_with_done(ids: &[&str]) -> String {
    let mut progress = Progress::default();
    for id in ids {
        progress.item_mut(id).status = Status::Done;
    }
    encode(&progress)
}

// ── two instances ────────────────────────────────────────────────────────────

/// Writes a lock record naming a zizhi on another machine; returns the lock file's path.
fn foreign_lock(env: &Home) -> PathBuf {
    store(env).ensure_dir().expect("dir");
    let lock = store(env).lock_path();
    fs::write(&lock, "pid=4242\nhost=审计室-02\nstarted=20261125-080000\n").expect("write");
    lock
}

#[test]
fn a_zizhi_on_another_machine_holding_the_lock_is_named_and_the_second_is_refused() {
    let env = Home::new();
    let lock = foreign_lock(&env);
    // Our process stands in for the other machine's zizhi: it holds the flock, as a shared
    // file system that passes locks between machines (NFSv4, for one) shows it.
    let held = File::open(&lock).expect("open the lock file");
    held.try_lock().expect("take the lock");

    for args in [&[][..], &["data", "restore", "bak"][..]] {
        let run = env.run(args).code(4);
        assert_eq!(
            run.stderr,
            format!(
                "zizhi: 另一个 zizhi 进程（pid 4242，主机 审计室-02，启动于 20261125-080000）正在使用 {}；\
                 请先退出那个进程，或使用 --data 指定其他文件\n",
                env.data_path().display()
            ),
            "zizhi {args:?}"
        );
        assert!(run.stdout.is_empty(), "zizhi {args:?}: {}", run.stdout);
    }
    assert_eq!(
        fs::read_to_string(&lock).expect("lock"),
        "pid=4242\nhost=审计室-02\nstarted=20261125-080000\n",
        "a refused instance leaves the record alone"
    );
    assert!(!env.data_path().exists(), "nothing was created");
}

#[test]
fn a_record_from_another_machine_without_a_held_lock_is_refused_with_a_way_out() {
    // A shared directory whose file system does not pass flock between machines, or a
    // machine that crashed: from here the two cannot be told apart.
    let env = Home::new();
    let lock = foreign_lock(&env);
    let run = env.run(&[]).code(4);
    let lock_shown = lock.display();
    assert_eq!(
        run.stderr,
        format!(
            "zizhi: 锁文件 {lock_shown} 记录着另一台机器上的 zizhi 正在使用 {}（pid 4242，主机 审计室-02，\
             启动于 20261125-080000）。在共享目录上本机无法确认它是否还在运行，为免两边互相覆盖，\
             本次没有打开。请先在那台机器上退出 zizhi；如果确认它已不在运行（例如那台机器崩溃或断电），\
             删除锁文件 {lock_shown} 后重试\n",
            env.data_path().display()
        )
    );
    assert_eq!(
        fs::read_to_string(&lock).expect("lock"),
        "pid=4242\nhost=审计室-02\nstarted=20261125-080000\n"
    );
}

// ── backups ──────────────────────────────────────────────────────────────────

/// The lines of `zizhi data backups` with the time column (file mtimes) cut out.
fn backup_lines(env: &Home) -> Vec<String> {
    let run = env.run(&["data", "backups"]).code(0);
    run.stdout.lines().map(without_time).collect()
}

/// `line` without its first "YYYY-MM-DD HH:MM:SS  ".
fn without_time(line: &str) -> String {
    let shape = "0000-00-00 00:00:00  ";
    let bytes = line.as_bytes();
    for start in 0..bytes.len().saturating_sub(shape.len() - 1) {
        let fits = shape.bytes().enumerate().all(|(i, want)| {
            let got = bytes[start + i];
            if want == b'0' {
                got.is_ascii_digit()
            } else {
                got == want
            }
        });
        if fits {
            return format!("{}{}", &line[..start], &line[start + shape.len()..]);
        }
    }
    line.to_owned()
}

#[test]
fn backups_are_listed_by_id_and_any_one_restored_and_a_restore_can_be_undone() {
    let env = Home::new();
    let store = store(&env);
    let (v1, v2, v3) = (
        progress_with_done(&["a"]),
        progress_with_done(&["a", "b"]),
        progress_with_done(&["a", "b", "c"]),
    );
    store.save(&v1).expect("save");
    store.snapshot("20261120-090000", 20).expect("snapshot");
    store.save(&v2).expect("save");
    store.save(&v3).expect("save");
    let (file, bak) = (env.data_path(), store.backup_path());
    let snap = store.backups_dir().join("progress-20261120-090000.json");

    assert_eq!(
        backup_lines(&env),
        [
            format!("{} 的备份（最新在前）：", file.display()),
            format!(
                "  bak              {:>8} 字节  上一次保存前的版本  {}",
                v2.len(),
                bak.display()
            ),
            format!(
                "  20261120-090000  {:>8} 字节  启动时快照  {}",
                v1.len(),
                snap.display()
            ),
            "恢复其中一份：zizhi data restore ID（先检查备份；当前文件会先另存为备份）".to_owned(),
        ]
    );

    let run = env.run(&["data", "restore", "20261120-090000"]).code(0);
    assert_eq!(
        run.stdout,
        format!(
            "已用备份 20261120-090000（{}）恢复 {}（恢复前的文件已另存为备份）\n",
            snap.display(),
            file.display()
        )
    );
    assert_eq!(fs::read_to_string(&file).expect("file"), v1);
    let status = env.run(&["status", "--json"]).code(0);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).expect("JSON");
    assert_eq!(
        json["items"]["done"], 0,
        "ids a, b, c are not built-in items"
    );

    // The version the restore replaced is kept twice: as `.bak` and as a named snapshot.
    let lines = backup_lines(&env);
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(
        lines[1].contains("上一次保存前的版本") && lines[2].contains("恢复备份前的文件"),
        "{lines:#?}"
    );
    let before_restore = lines[2].rsplit("  ").next().expect("path").to_owned();
    assert_eq!(fs::read_to_string(&before_restore).expect("snapshot"), v3);
    assert_eq!(fs::read_to_string(&bak).expect(".bak"), v3);
    let undo_id = lines[2].split_whitespace().next().expect("id").to_owned();

    // Restoring the same id again restores the same file: ids do not shift.
    env.run(&["data", "restore", "20261120-090000"]).code(0);
    assert_eq!(fs::read_to_string(&file).expect("file"), v1);

    // Undo the first restore by its snapshot's id.
    env.run(&["data", "restore", &undo_id]).code(0);
    assert_eq!(fs::read_to_string(&file).expect("file"), v3);

    // The same list as JSON.
    let run = env.run(&["data", "backups", "--json"]).code(0);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let list = list.as_array().expect("array");
    assert_eq!(list[0]["id"], "bak");
    assert_eq!(list[0]["kind"], "rolling");
    assert!(list.iter().any(|b| b["id"] == "20261120-090000"
        && b["kind"] == "start"
        && b["bytes"] == v1.len()
        && b["valid"] == true));
    assert!(
        list.iter()
            .all(|b| b["time"].as_str().is_some_and(|t| t.len() >= 19))
    );
}

#[test]
fn a_corrupt_or_empty_backup_is_refused_before_anything_is_replaced() {
    let env = Home::new();
    let store = store(&env);
    let good = progress_with_done(&["a"]);
    store.save(&good).expect("save");
    store.snapshot("20261120-090000", 20).expect("snapshot");
    store.save(&progress_with_done(&["a", "b"])).expect("save");
    let snap = store.backups_dir().join("progress-20261120-090000.json");
    for damage in ["", "{\"schema_version\": 1, \"items\": {"] {
        fs::write(&snap, damage).expect("damage");
        let before = names(&env);
        let run = env.run(&["data", "restore", "20261120-090000"]).code(1);
        assert!(run.stderr.contains("不能用来恢复"), "{}", run.stderr);
        assert_eq!(
            fs::read_to_string(env.data_path()).expect("file"),
            progress_with_done(&["a", "b"])
        );
        let after: Vec<String> = names(&env)
            .into_iter()
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        let before: Vec<String> = before
            .into_iter()
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        assert_eq!(after, before, "nothing written");
        let json = env.run(&["data", "backups", "--json"]).code(0);
        let list: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
        let entry = list
            .as_array()
            .expect("array")
            .iter()
            .find(|b| b["id"] == "20261120-090000")
            .expect("listed")
            .clone();
        assert_eq!(entry["valid"], false);
    }
}

#[test]
fn restoring_a_backup_that_does_not_exist_changes_nothing() {
    let env = Home::new();
    let store = store(&env);
    store.save(&progress_with_done(&["a"])).expect("save");
    store.save(&progress_with_done(&["b"])).expect("save");
    let before = names(&env);
    let run = env.run(&["data", "restore", "9"]).code(1);
    assert_eq!(
        run.stderr,
        "zizhi: 没有 id 为 9 的备份（现有备份的 id：bak）；请先用 zizhi data backups 查看备份列表，再用列表中的 id 恢复\n"
    );
    assert_eq!(
        fs::read_to_string(env.data_path()).expect("file"),
        progress_with_done(&["b"])
    );
    let after: Vec<String> = names(&env)
        .into_iter()
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(after, before, "no backup or snapshot was written");
}

// ── damaged, newer and older files ───────────────────────────────────────────

#[test]
fn a_corrupt_progress_file_is_named_with_the_backup_commands_to_recover_it() {
    let env = Home::new();
    store(&env).ensure_dir().expect("dir");
    // What a file cut off in the middle of a write looks like.
    fs::write(
        env.data_path(),
        "{\n  \"schema_version\": 1,\n  \"items\": {\n    \"a\": {",
    )
    .expect("write");
    let path = env.data_path().display().to_string();
    let expected = format!(
        "zizhi: 无法读取进度文件 {path}：第 4 行第 10 列：文件在这里意外结束，内容不完整（可能是写入时被中断）\n\
         该文件未被改动。可以：\n  \
         · 查看备份：zizhi --data {path} data backups\n  \
         · 恢复其中一份：zizhi --data {path} data restore ID\n  \
         · 或把该文件移到别处后重新开始（进度会从空白开始）\n"
    );
    for args in [&[][..], &["status"][..]] {
        let run = env.run(args).code(3);
        assert_eq!(run.stderr, expected, "zizhi {args:?}");
    }
}

#[test]
fn a_file_from_a_newer_zizhi_is_refused_by_the_app_too_and_left_untouched() {
    let env = Home::new();
    store(&env).ensure_dir().expect("dir");
    let text = "{\n  \"schema_version\": 99,\n  \"items\": {}\n}\n";
    fs::write(env.data_path(), text).expect("write");
    let run = env.run(&[]).code(3);
    assert!(
        run.stderr.contains("请升级 zizhi") && run.stderr.contains(s(&env.data_path())),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(env.data_path()).expect("file"), text);
    assert_eq!(
        names(&env),
        ["progress.json", "progress.json.lock"],
        "no backup, snapshot or temp file was written"
    );
}

#[test]
fn an_older_file_that_cannot_be_backed_up_is_not_upgraded() {
    let env = Home::new();
    store(&env).ensure_dir().expect("dir");
    let old = "{\"schema_version\": 1, \"items\": {\"a\": {\"remark\": \"旧备注\"}}}\n";
    fs::write(env.data_path(), old).expect("write");
    // `backups` is a file, so no snapshot can be written there.
    fs::write(store(&env).backups_dir(), "not a directory").expect("write");
    let run = env
        .zizhi()
        .env("ZIZHI_TEST_SCHEMA_UPGRADE", "1")
        .run()
        .code(3);
    assert!(
        run.stderr.starts_with(&format!(
            "zizhi: 进度文件 {} 是旧格式（版本 1），升级前必须先备份原文件，但备份失败：",
            env.data_path().display()
        )) && run.stderr.contains("文件未被改动"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(env.data_path()).expect("file"), old);
}
