//! Team mode end to end through the binary: two people in two homes sharing a bare
//! repository, the same with bundles and no remote, and teammates' broken files.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "support/team.rs"]
mod team;

use std::path::Path;
use std::process::Command;

use harness::Home;
use serde_json::Value;
use team::{bare_remote, git, item};

const A: &str = "sa-type-business-inventory";
const B: &str = "sa-type-choose-category";
const SAME: &str = "sa-type-deep-services";

/// The shared part of an item (the `history` is compared separately).
fn state(home: &Home, id: &str) -> Value {
    let mut v = item(home, id);
    v.as_object_mut().map(|m| m.remove("history"));
    v
}

fn first_id(home: &Home) -> String {
    let team = home.config_home().join("zizhi/team/repo/people");
    let me: Value = serde_json::from_str(
        &std::fs::read_to_string(home.config_home().join("zizhi/team/me.json")).expect("me.json"),
    )
    .expect("me");
    assert!(
        team.join(format!("{}.json", me["id"].as_str().unwrap_or_default()))
            .exists()
    );
    me["id"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn two_people_sharing_a_bare_repository_converge_and_keep_both_histories() {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let wang = Home::new();
    let zhang = Home::new();

    // 王静 has solo progress from before: it becomes her team data.
    wang.ok(&["item", A, "--evidence", "BM-2026-001"]);
    let out = wang.ok(&["team", "join", &remote, "--name", "王静"]);
    assert!(
        out.contains("加入团队") && out.contains("单人进度已并入"),
        "{out}"
    );
    let out = zhang.ok(&["team", "join", &remote, "--name", "张伟"]);
    assert!(out.contains("加入团队"), "{out}");
    first_id(&wang);
    assert_eq!(item(&zhang, A)["evidence"], "BM-2026-001");

    wang.ok(&["item", A, "--status", "done"]);
    zhang.ok(&["item", B, "--owner", "张伟", "--due", "2027-01-15"]);
    wang.ok(&["item", SAME, "--note", "王静的备注"]);
    zhang.ok(&["item", SAME, "--note", "张伟的备注"]);

    for _ in 0..2 {
        wang.ok(&["team", "sync"]);
        let out = zhang.ok(&["team", "sync"]);
        assert!(out.contains("已同步"), "{out}");
    }
    let out = wang.ok(&["team", "sync"]);
    assert!(out.contains("已同步"), "{out}");

    for id in [A, B, SAME] {
        assert_eq!(state(&wang, id), state(&zhang, id), "{id}");
    }
    assert_eq!(state(&wang, A)["status"], "done");
    assert_eq!(state(&wang, B)["owner"], "张伟");
    assert_eq!(state(&wang, B)["due"], "2027-01-15");
    // The same field changed by both: one value wins, both are in the history.
    let merged = item(&wang, SAME);
    let note = merged["note"].as_str().unwrap_or_default();
    assert!(note == "王静的备注" || note == "张伟的备注", "{merged:#}");
    let history = merged["history"].as_array().expect("history");
    let notes: Vec<(&str, &str)> = history
        .iter()
        .filter(|h| h["field"] == "note")
        .map(|h| {
            (
                h["by"].as_str().unwrap_or(""),
                h["value"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(notes.contains(&("王静", "王静的备注")), "{notes:?}");
    assert!(notes.contains(&("张伟", "张伟的备注")), "{notes:?}");
    assert_eq!(item(&zhang, SAME)["history"], merged["history"]);

    // status --json names the team and each member's workload.
    let status: Value = serde_json::from_str(&wang.ok(&["status", "--json"])).expect("json");
    assert_eq!(status["team"]["name"], "王静");
    let people = status["team"]["people"].as_array().expect("people");
    let zhang_line = people.iter().find(|p| p["name"] == "张伟").expect("张伟");
    assert_eq!(zhang_line["owned_open"], 1, "{status:#}");
    assert!(zhang_line["last_sync"].is_string(), "{zhang_line}");
    assert!(people.iter().any(|p| p["name"] == "王静"));

    // Commits carry the zizhi identity without any git configuration.
    let log = Command::new("git")
        .current_dir(wang.config_home().join("zizhi/team/repo"))
        .args(["log", "--format=%an"])
        .output()
        .expect("git log");
    let authors = String::from_utf8_lossy(&log.stdout);
    assert!(
        authors.contains("王静") && authors.contains("张伟"),
        "{authors}"
    );
}

#[cfg(unix)]
#[test]
fn team_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let wang = Home::new();
    wang.ok(&["team", "join", &remote, "--name", "王静"]);
    let root = wang.config_home().join("zizhi/team");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&root.join("repo")), 0o700);
    let id = first_id(&wang);
    assert_eq!(mode(&root.join(format!("repo/people/{id}.json"))), 0o600);
    assert_eq!(mode(&root.join("progress.json")), 0o600);
}

#[test]
fn without_a_remote_bundles_carry_the_changes_both_ways() {
    let media = tempfile::tempdir().expect("tmp");
    let wang = Home::new();
    let zhang = Home::new();
    wang.ok(&["team", "join", "--name", "王静"]);
    wang.ok(&["item", A, "--status", "in-progress"]);
    let first = media.path().join("wang-1.bundle");
    let out = wang.ok(&["team", "bundle", &first.to_string_lossy()]);
    assert!(out.contains("SHA-256") && out.contains("SM3"), "{out}");

    // 张伟 joins from the bundle itself.
    zhang.ok(&["team", "join", &first.to_string_lossy(), "--name", "张伟"]);
    assert_eq!(state(&zhang, A)["status"], "in_progress");
    zhang.ok(&["item", B, "--owner", "张伟"]);
    zhang.ok(&["item", A, "--note", "张伟看过"]);
    let back = media.path().join("zhang-1.bundle");
    zhang.ok(&["team", "bundle", &back.to_string_lossy()]);
    let out = wang.ok(&["team", "import", &back.to_string_lossy()]);
    assert!(
        out.contains("张伟：") && out.contains("2 个清单项"),
        "{out}"
    );
    for id in [A, B] {
        assert_eq!(state(&wang, id), state(&zhang, id), "{id}");
    }

    // Two bundles in a row: importing the second alone names the first.
    wang.ok(&["item", SAME, "--status", "done"]);
    let second = media.path().join("wang-2.bundle");
    wang.ok(&["team", "bundle", &second.to_string_lossy()]);
    wang.ok(&["item", SAME, "--owner", "王静"]);
    let third = media.path().join("wang-3.bundle");
    wang.ok(&["team", "bundle", &third.to_string_lossy()]);
    zhang
        .run(&["team", "import", &third.to_string_lossy()])
        .failure()
        .says(&["wang-2.bundle"]);
    zhang.ok(&["team", "import", &second.to_string_lossy()]);
    zhang.ok(&["team", "import", &third.to_string_lossy()]);
    assert_eq!(state(&zhang, SAME), state(&wang, SAME));
    assert_eq!(state(&zhang, SAME)["owner"], "王静");
}

#[test]
fn a_teammates_corrupt_or_newer_file_is_reported_and_not_fatal() {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let wang = Home::new();
    wang.ok(&["team", "join", &remote, "--name", "王静"]);
    wang.ok(&["item", A, "--status", "done"]);
    wang.ok(&["team", "sync"]);

    // Someone pushes a broken file and one from a future version.
    let clone = shared.path().join("other");
    git(
        shared.path(),
        &[
            "clone",
            "-q",
            "-b",
            "main",
            &remote,
            &clone.to_string_lossy(),
        ],
    );
    std::fs::write(
        clone.join("people/p-broken.json"),
        "{\"format\": \"zizhi-team-person\", ",
    )
    .unwrap();
    std::fs::write(
        clone.join("people/p-future.json"),
        r#"{"format":"zizhi-team-person","schema_version":7,"id":"p-future","name":"赵磊","changes":[],"new":1}"#,
    )
    .unwrap();
    git(&clone, &["add", "people"]);
    git(&clone, &["commit", "-q", "-m", "bad"]);
    git(&clone, &["push", "-q", "origin", "HEAD:main"]);

    let out = wang.ok(&["team", "sync"]);
    assert!(
        out.contains("p-broken.json") && out.contains("已搁置"),
        "{out}"
    );
    assert!(
        out.contains("p-future.json") && out.contains("赵磊") && out.contains("更新版本"),
        "{out}"
    );
    assert_eq!(state(&wang, A)["status"], "done");
    let status = wang.ok(&["status"]);
    assert!(!status.is_empty());
}

#[test]
fn item_refuses_an_unknown_id_or_a_bad_value() {
    let home = Home::new();
    let status: Value = serde_json::from_str(&home.ok(&["status", "--json"])).expect("json");
    assert!(status["team"].is_null(), "solo: team is null");
    home.run(&["item", "no-such-item", "--status", "done"])
        .code(2)
        .says(&["no-such-item"]);
    home.run(&["item", A, "--status", "finished"])
        .code(2)
        .says(&["todo、in-progress、done、na"]);
    home.run(&["item", A, "--due", "2026-02-30"]).code(2);
    home.run(&["team", "sync"]).failure().says(&["team join"]);
}

#[test]
fn settings_are_shared_and_a_purge_in_team_mode_names_the_git_history() {
    let shared = tempfile::tempdir().expect("tmp");
    let remote = bare_remote(shared.path());
    let wang = Home::new();
    let zhang = Home::new();
    wang.ok(&["team", "join", &remote, "--name", "王静"]);
    zhang.ok(&["team", "join", &remote, "--name", "张伟"]);
    wang.ok(&["settings", "set", "insured-threshold", "25"]);
    wang.ok(&["settings", "set", "organisation", "某某公司"]);
    wang.ok(&["team", "sync"]);
    zhang.ok(&["team", "sync"]);
    let shown = zhang.ok(&["settings"]);
    assert!(
        shown.contains("25 人") && shown.contains("某某公司"),
        "{shown}"
    );

    let csv = wang.config_home().join("people.csv");
    std::fs::write(
        &csv,
        "姓名,涉密等级,入职日期,离岗日期\n王强,一般,2015-01-01,2020-01-01\n",
    )
    .expect("written");
    wang.ok(&["people", "import", "--apply", &csv.to_string_lossy()]);
    let done = wang.ok(&["people", "purge", "王强"]);
    assert!(done.contains("git 历史"), "{done}");
}
