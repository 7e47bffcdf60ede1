//! The sync key in a real terminal, and syncs that fail halfway, through the binary: two
//! people in two homes sharing a bare repository.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "support/team.rs"]
mod team;

use std::path::Path;

use harness::{Home, TIMEOUT};
use serde_json::Value;
use team::{bare_remote, git, item};

const A: &str = "sa-type-business-inventory";
const B: &str = "sa-type-choose-category";

fn work_file(home: &Home) -> Value {
    let path = home.config_home().join("zizhi/team/progress.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("work file")).expect("JSON")
}

fn repo(home: &Home) -> std::path::PathBuf {
    home.config_home().join("zizhi/team/repo")
}

/// Fails, showing the person's working file, unless one of its items has `owner` as owner.
#[track_caller]
fn assert_some_item_owned_by(home: &Home, owner: &str) {
    let work = work_file(home);
    let owners: Vec<&Value> = work["items"]
        .as_object()
        .map(|m| m.values().map(|i| &i["owner"]).collect())
        .unwrap_or_default();
    assert!(owners.iter().any(|n| n.as_str() == Some(owner)), "{work:#}");
}

/// Two people joined to one bare repository; 王静 has given B an owner and synced.
fn two_people() -> (tempfile::TempDir, String, Home, Home) {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let zhang = Home::new();
    let wang = Home::new();
    zhang.ok(&["team", "join", &remote, "--name", "张伟"]);
    wang.ok(&["team", "join", &remote, "--name", "王静"]);
    wang.ok(&["item", B, "--owner", "王静", "--note", "王静写的"]);
    wang.ok(&["team", "sync"]);
    (shared, remote, zhang, wang)
}

#[test]
fn the_sync_key_brings_a_teammates_changes_into_the_open_app_and_keeps_typing() {
    let (_shared, _remote, zhang, wang) = two_people();
    let mut app = zhang.start();
    app.wait_for_text("阶段进度");
    // 张伟 marks the first item done in the app, then syncs from the dashboard.
    app.send("1");
    app.step("\r", "阶段清单");
    app.send(" ");
    app.step("1", "S 同步");
    let screen = app.step("S", "王静：1 个清单项");
    assert!(screen.contains("已记录你的"), "{screen}");
    // The merged state is in the open app: the team view shows 王静's item and when she
    // last synced.
    let screen = app.step("8", "王静");
    let line = screen
        .lines()
        .find(|l| l.contains("王静"))
        .unwrap_or_default()
        .to_owned();
    assert!(
        !line.trim_end().ends_with('—'),
        "last sync known:\n{screen}"
    );
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    assert_eq!(work_file(&zhang)["items"][B]["owner"], "王静");
    // And 王静 gets 张伟's change with her next sync.
    wang.ok(&["team", "sync"]);
    assert_eq!(item(&wang, A)["status"], "done");
}

#[test]
fn a_sync_with_the_remote_gone_keeps_everything_and_says_to_sync_again() {
    let (shared, remote, zhang, _wang) = two_people();
    zhang.ok(&["item", A, "--note", "断网前写的"]);
    // The network is gone: the remote is not there any more.
    let moved = shared.path().join("elsewhere.git");
    std::fs::rename(&remote, &moved).expect("move remote");
    zhang
        .run(&["team", "sync"])
        .failure()
        .says(&["没有丢失", "再同步"]);
    // The change is committed locally, the working tree is clean and the work file has it.
    assert!(git(&repo(&zhang), &["status", "--porcelain"]).is_empty());
    assert_eq!(work_file(&zhang)["items"][A]["note"], "断网前写的");
    assert_eq!(item(&zhang, A)["note"], "断网前写的");
    // Back online, the next sync goes through and pushes it.
    std::fs::rename(&moved, &remote).expect("move back");
    let out = zhang.ok(&["team", "sync"]);
    assert!(out.contains("已同步"), "{out}");
    assert!(
        git(
            Path::new(&remote),
            &["log", "main", "--format=%an", "-n", "5"]
        )
        .contains("张伟")
    );
}

#[test]
fn a_rejected_push_leaves_the_merge_local_and_the_next_sync_delivers_it() {
    let (_shared, remote, zhang, wang) = two_people();
    zhang.ok(&["item", A, "--note", "张伟的"]);
    wang.ok(&["item", B, "--note", "王静后来写的"]);
    wang.ok(&["team", "sync"]);
    // The server refuses every push for now (a hook on the shared repository).
    let hook = Path::new(&remote).join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'maintenance: pushes closed' >&2\nexit 1\n",
    )
    .expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("mode");
    }
    zhang.run(&["team", "sync"]).failure().says(&["推送被拒绝"]);
    // 王静's change came in anyway; 张伟's stays committed locally.
    assert_eq!(item(&zhang, B)["note"], "王静后来写的");
    assert_eq!(item(&zhang, A)["note"], "张伟的");
    assert!(git(&repo(&zhang), &["status", "--porcelain"]).is_empty());
    std::fs::remove_file(&hook).expect("open again");
    zhang.ok(&["team", "sync"]);
    wang.ok(&["team", "sync"]);
    assert_eq!(item(&wang, A)["note"], "张伟的");
}

#[test]
fn the_sync_key_with_the_remote_gone_says_so_and_typing_goes_on() {
    let (shared, remote, zhang, _wang) = two_people();
    std::fs::rename(&remote, shared.path().join("gone.git")).expect("move remote");
    let mut app = zhang.start();
    app.wait_for_text("阶段进度");
    let screen = app.step("S", "同步未完成");
    assert!(screen.contains("同步未完成"), "{screen}");
    // The app goes on: a note typed now is saved as usual.
    app.step("2", "阶段清单");
    app.send("o");
    app.send("断网时写的");
    app.step("\r", "负责人 断网时写的");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    assert_some_item_owned_by(&zhang, "断网时写的");
}

/// The rectifications in a person's working file: (id, title, owner of the first history line).
fn rectifications(home: &Home) -> Vec<(String, String, String)> {
    work_file(home)["rectifications"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|r| {
                    (
                        r["id"].as_str().unwrap_or_default().to_owned(),
                        r["title"].as_str().unwrap_or_default().to_owned(),
                        r["history"][0]["by"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_people_offline_who_both_create_zg_001_keep_two_whole_items_after_syncing() {
    let (_shared, _remote, zhang, wang) = two_people();
    // Neither has synced since: both create the team's first rectification in the app.
    for (home, title) in [(&wang, "门禁登记缺页"), (&zhang, "巡检记录断档两个月")] {
        let mut app = home.start_with_args(&["rectify"]);
        app.wait_for_text("还没有整改项");
        app.send("a");
        app.wait_for_text("新建 ZG-001");
        app.send(title);
        app.wait_for_text(title);
        app.send("\x1b");
        app.wait_for("the list", TIMEOUT, |s| !s.contains("新建整改项"));
        app.send("q");
        assert!(app.wait_exit(TIMEOUT).success());
    }
    wang.ok(&["team", "sync"]);
    let out = zhang.ok(&["team", "sync"]);
    assert!(out.contains("1 条整改"), "{out}");
    wang.ok(&["team", "sync"]);

    // Both items, each whole, under two ids; the later one (张伟's) moved to ZG-002.
    let want = vec![
        (
            "ZG-001".to_owned(),
            "门禁登记缺页".to_owned(),
            "王静".to_owned(),
        ),
        (
            "ZG-002".to_owned(),
            "巡检记录断档两个月".to_owned(),
            "张伟".to_owned(),
        ),
    ];
    assert_eq!(rectifications(&wang), want);
    assert_eq!(rectifications(&zhang), want);
    let moved = &work_file(&zhang)["rectifications"][1]["history"];
    let last = moved.as_array().and_then(|h| h.last()).expect("history");
    assert_eq!(last["field"], "id", "{moved:#}");
    assert_eq!(
        (&last["from"], &last["to"]),
        (&"ZG-001".into(), &"ZG-002".into())
    );
    assert!(
        last["note"].as_str().unwrap_or_default().contains("王静"),
        "{last}"
    );

    // The next item either of them creates is ZG-003, and the app lists both.
    let mut app = zhang.start_with_args(&["rectify"]);
    let list = app.wait_for_text("门禁登记缺页");
    assert!(
        list.contains("ZG-002") && list.contains("巡检记录断档两个月"),
        "{list}"
    );
    app.send("a");
    app.wait_for_text("新建 ZG-003");
    app.send("门禁卡未回收");
    app.wait_for_text("门禁卡未回收");
    app.send("\x1b");
    app.wait_for("the list", TIMEOUT, |s| !s.contains("新建整改项"));
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
}

#[test]
fn ctrl_y_syncs_from_any_screen_and_alt_s_does_too() {
    let (_shared, _remote, zhang, wang) = two_people();
    let mut app = zhang.start();
    app.wait_for_text("阶段进度");
    // From a checklist (no `S` there): Ctrl+Y.
    app.send("2");
    app.wait_for_text("阶段清单");
    app.send("\x19");
    let screen = app.wait_for_text("王静：1 个清单项");
    assert!(
        screen.contains("阶段清单"),
        "still on the checklist:\n{screen}"
    );
    // From the score screen, whose `S` is 存档: Alt+S (Esc and s in one go).
    wang.ok(&["item", A, "--note", "王静又写的"]);
    wang.ok(&["team", "sync"]);
    app.send("6");
    app.wait_for_text("自评");
    app.send("\x1bs");
    app.wait_for_text("王静：1 个清单项");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    let work = work_file(&zhang);
    assert_eq!(work["items"][A]["note"], "王静又写的");
    // `S` there would have saved a self-assessment: Alt+S did not.
    assert!(
        work["assessments"].as_array().is_none_or(Vec::is_empty),
        "{work:#}"
    );
}

#[test]
fn a_panicking_sync_thread_leaves_the_app_running_and_says_the_sync_failed() {
    let (_shared, _remote, zhang, _wang) = two_people();
    // A hidden switch makes the sync thread panic once its work is done.
    let mut app = zhang.start_with(&[], &[("ZIZHI_TEST_SYNC_PANIC", "1")]);
    app.wait_for_text("阶段进度");
    app.send("2");
    app.wait_for_text("阶段清单");
    app.send("o");
    app.send("同步前写的");
    app.send("\r");
    app.wait_for_text("负责人 同步前写的");
    app.send("\x19");
    let screen = app.wait_for_text("同步未完成 · Ctrl+Y 重试");
    assert!(
        screen.contains("同步出错，数据未改动：按 Ctrl+Y 重试"),
        "{screen}"
    );
    assert!(!screen.contains("同步中"), "{screen}");
    assert!(
        !screen.contains("zizhi 内部错误"),
        "no report over the screen:\n{screen}"
    );
    // The terminal is still the app's (no panic report over it, still raw) and typing goes on.
    assert!(app.is_raw(), "the panic hook left the terminal alone");
    app.send("s");
    app.wait_for_text("进行中");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    assert_some_item_owned_by(&zhang, "同步前写的");
    // Without the switch the next sync goes through.
    let out = zhang.ok(&["team", "sync"]);
    assert!(out.contains("已同步"), "{out}");
}
