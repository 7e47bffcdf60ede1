//! The progress file through the public API: text round trip, refusal of newer formats, and
//! the permissions of what a save creates.

#![cfg(test)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::NaiveDate;
use zizhi::progress::{
    DecodeError, Progress, SCHEMA_VERSION, SaveStep, Status, Store, StoreError, decode, encode,
};

/// Text that exercises the JSON encoder: quotes, backslashes, newlines, control characters,
/// emoji (outside the BMP), full-width punctuation and combining marks.
const AWKWARD: &str = "整改说明：\"双人操作\"已落实，‘审计留痕’见附件\\日志\n第二行\t制表符\r\n\
                       控制符\u{0}\u{1}\u{7}\u{1b}[31m红\u{7f}、零宽\u{200b}连接\u{200d}符\n\
                       表情 🔐📁✅👩‍💻 组合字符 é 全角ＡＢＣ１２３ 结束。";

fn awkward_progress() -> Progress {
    let mut progress = Progress::default();
    for (index, id) in [
        "sa-type-business-inventory",
        "sa-type-choose-category",
        "no-longer-in-content",
    ]
    .into_iter()
    .enumerate()
    {
        let item = progress.item_mut(id);
        item.status = [Status::Done, Status::InProgress, Status::NotApplicable][index];
        item.note = format!("{AWKWARD}（第 {index} 条）");
        item.owner = "张三 \"老张\"".to_owned();
        item.evidence = "证据\\编号\n第 2 行 😀".to_owned();
        item.due = NaiveDate::from_ymd_opt(2026, 10, 10);
    }
    progress
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn progress_with_awkward_chinese_text_round_trips_through_the_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
    let progress = awkward_progress();

    let text = encode(&progress);
    store.save(&text).expect("save");
    let loaded = store.load().expect("load").expect("the file exists");
    assert_eq!(loaded, text, "the store returns exactly the bytes it saved");

    let decoded = decode(&loaded).expect("decode");
    assert_eq!(decoded.migrated_from, None);
    assert_eq!(decoded.progress, progress);
    assert_eq!(
        decoded.progress.items["sa-type-business-inventory"].note,
        format!("{AWKWARD}（第 0 条）")
    );

    // C0 control characters never reach the file raw (JSON requires them escaped; DEL may
    // stay as it is): the file stays valid, line-oriented JSON.
    assert!(
        !loaded.chars().any(|c| c < ' ' && c != '\n'),
        "raw control character in the file:\n{loaded:?}"
    );
    // Chinese and emoji are written as themselves, so the file stays readable in git diffs.
    assert!(
        loaded.contains("双人操作") && loaded.contains("🔐"),
        "{loaded}"
    );
    // Encoding is deterministic: saving the decoded progress gives the same bytes.
    assert_eq!(encode(&decoded.progress), text);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
    let newer = SCHEMA_VERSION + 1;
    let text = format!(
        "{{\n  \"schema_version\": {newer},\n  \"items\": {{\"x\": {{\"status\": \"done\", \"colour\": \"新字段\"}}}}\n}}\n"
    );
    store.save(&text).expect("save");
    let modified = fs::metadata(store.path())
        .expect("metadata")
        .modified()
        .expect("mtime");

    let loaded = store.load().expect("load").expect("exists");
    let err = decode(&loaded).expect_err("a newer file must be refused");
    assert_eq!(
        err,
        DecodeError::NewerVersion {
            found: newer,
            supported: SCHEMA_VERSION
        }
    );
    let message = err.to_string();
    assert!(
        message.contains("升级") && message.contains("未被改动"),
        "{message}"
    );

    assert_eq!(fs::read_to_string(store.path()).expect("read"), text);
    assert_eq!(
        fs::metadata(store.path())
            .expect("metadata")
            .modified()
            .expect("mtime"),
        modified
    );
    assert!(
        !store.backup_path().exists(),
        "no backup is made by reading"
    );
}

#[test]
fn a_save_into_a_new_directory_creates_it_0700_and_the_file_0600() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("new").join("zizhi");
    let store = Store::new(dir.join("progress.json"));
    assert!(!dir.exists());

    store.save(&encode(&awkward_progress())).expect("save");
    assert_eq!(mode(store.path()), 0o600, "progress file mode");
    assert_eq!(mode(&dir), 0o700, "directory mode");

    // A second save keeps the modes and writes the rolling backup 0600 as well.
    store
        .save(&encode(&Progress::default()))
        .expect("second save");
    assert_eq!(mode(store.path()), 0o600);
    assert_eq!(mode(&store.backup_path()), 0o600);
    assert_eq!(mode(&dir), 0o700);
    // Only the file and its backup are there: no temp files left behind.
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["progress.json", "progress.json.bak"]);
}

// ── crash points inside a save, through the public API ─────────────────────

/// Names in the store's directory that are not the file, its backup, lock or snapshot dir.
fn leftovers(store: &Store) -> Vec<String> {
    let dir = store.path().parent().expect("parent");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !matches!(n.as_str(), "progress.json" | "progress.json.bak"))
        .collect();
    names.sort();
    names
}

/// A store whose file holds "old" and whose `.bak` holds "older"; `copy` forces the rolling
/// backup's copy fallback (what file systems without hard links get).
fn store_with_history(copy: bool) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = Store::new(tmp.path().join("zizhi").join("progress.json"));
    let store = if copy {
        store.without_hard_links()
    } else {
        store
    };
    store.save("older").expect("save");
    store.save("old").expect("save");
    (tmp, store)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_crash_at_any_step_leaves_the_whole_old_or_the_whole_new_file_and_a_whole_backup() {
    for copy in [false, true] {
        for step in SaveStep::ALL {
            let (_tmp, store) = store_with_history(copy);
            let what = format!("crash after {step:?} (copy fallback: {copy})");
            let result = store.save_with_hook("new", &mut |at| {
                if at == step {
                    Err(std::io::Error::other("模拟崩溃"))
                } else {
                    Ok(())
                }
            });
            let reached = matches!(
                (step, copy),
                (SaveStep::BackupLinked, true) | (SaveStep::BackupCopied, false)
            );
            // The step the save never reaches on this path lets it finish.
            assert_eq!(result.is_ok(), reached, "{what}: {result:?}");

            let file = read(store.path());
            let expected = if step.is_committed() || reached {
                "new"
            } else {
                "old"
            };
            assert_eq!(file, expected, "{what}: the progress file");
            let bak = read(&store.backup_path());
            assert!(
                bak == "older" || bak == "old",
                "{what}: .bak holds {bak:?}, not a whole earlier version"
            );

            // The next start cleans up whatever the crash left, and saving works again.
            store.cleanup_stale_temps().expect("cleanup");
            assert_eq!(leftovers(&store), Vec::<String>::new(), "{what}");
            store.save("newer").expect("save after the crash");
            assert_eq!(read(store.path()), "newer", "{what}");
            assert_eq!(read(&store.backup_path()), expected, "{what}");
            assert_eq!(leftovers(&store), Vec::<String>::new(), "{what}");
        }
    }
}

#[test]
fn a_crash_while_making_the_backup_keeps_the_old_file_and_a_whole_backup() {
    let cases = [
        (false, SaveStep::BackupLinked, "older"),
        (false, SaveStep::BackupReplaced, "old"),
        (true, SaveStep::BackupCopied, "older"),
        (true, SaveStep::BackupReplaced, "old"),
    ];
    for (copy, step, bak) in cases {
        let (_tmp, store) = store_with_history(copy);
        let err = store
            .save_with_hook("new", &mut |at| {
                if at == step {
                    Err(std::io::Error::other("模拟崩溃"))
                } else {
                    Ok(())
                }
            })
            .expect_err("the crash stops the save");
        assert!(
            matches!(err, StoreError::Backup { .. }),
            "{step:?}: {err:?}"
        );
        assert_eq!(read(store.path()), "old", "{step:?} (copy: {copy})");
        assert_eq!(read(&store.backup_path()), bak, "{step:?} (copy: {copy})");
        assert!(
            !leftovers(&store).is_empty(),
            "a crash leaves its temp files for the next start to remove"
        );
    }
}

#[test]
fn an_injected_io_error_at_any_step_before_the_rename_changes_nothing() {
    for copy in [false, true] {
        for step in SaveStep::ALL.into_iter().filter(|s| !s.is_committed()) {
            let (_tmp, store) = store_with_history(copy);
            let result = store.save_with_fault("new", &mut |at| {
                if at == step {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::StorageFull,
                        "No space left on device",
                    ))
                } else {
                    Ok(())
                }
            });
            let what = format!("{step:?} (copy fallback: {copy})");
            if let Err(err) = &result {
                assert!(err.to_string().contains("磁盘空间已满"), "{what}: {err}");
                assert_eq!(read(store.path()), "old", "{what}");
            }
            let bak = read(&store.backup_path());
            let bak_replaced = step == SaveStep::BackupReplaced || result.is_ok();
            assert_eq!(bak, if bak_replaced { "old" } else { "older" }, "{what}");
            assert_eq!(
                leftovers(&store),
                Vec::<String>::new(),
                "{what}: an I/O error removes its temp files"
            );
        }
    }
}
