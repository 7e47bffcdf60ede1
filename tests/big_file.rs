//! A progress file too big to save at every change, through the real binary: above the
//! read-only limit the app opens read-only, says why and writes nothing; `zizhi data compact`
//! shrinks the file (backed up first, current values kept) and is never refused; a big file
//! under the limit is saved once input pauses and at quit.
//!
//! The limit is lowered with `ZIZHI_READONLY_ABOVE` so the files stay small; the speed on a
//! real 100 MB file is measured by `benches/progress.rs`, not here.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::fs;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use harness::{Home, TIMEOUT};
use zizhi::domain::rectification::{Finding, blank};
use zizhi::progress::{
    HistoryEntry, Progress, QuestionReviews, RectField, Rectification, RectificationStatus, Review,
    Status, decode, encode,
};

const DASHBOARD: &str = "阶段进度";

fn at(minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
        + Duration::minutes(minutes)
}

/// A progress with 40 owner changes on one rectification and 30 reviews of one question.
fn with_history() -> Progress {
    let mut progress = Progress::default();
    progress.item_mut("retired-item").note = "原件已核对，存于档案室".to_owned();
    let mut history = vec![HistoryEntry {
        at: at(0),
        by: "李工".to_owned(),
        field: RectField::Created,
        from: String::new(),
        to: String::new(),
        note: String::new(),
    }];
    history.extend((1..=40).map(|k| HistoryEntry {
        at: at(k),
        by: "李工".to_owned(),
        field: RectField::Owner,
        from: format!("人{}", k - 1),
        to: format!("人{k}"),
        note: String::new(),
    }));
    progress.rectifications.push(Rectification {
        owner: "人40".to_owned(),
        status: RectificationStatus::InProgress,
        history,
        ..blank(
            "ZG-001".to_owned(),
            Finding::checklist_item("", "涉密计算机未按期检查"),
        )
    });
    let reviews = (0..30)
        .map(|k| Review {
            at: at(k),
            grade: 3,
            seconds: 30,
            covered: None,
            answer: format!("第{k}次回答"),
            aloud: false,
            flagged: false,
            flag_overridden: false,
            follow_up: None,
        })
        .collect();
    progress
        .reviews
        .entry("张三".to_owned())
        .or_default()
        .insert(
            "q1".to_owned(),
            QuestionReviews {
                history: reviews,
                due: Some(at(100_000)),
                ..QuestionReviews::default()
            },
        );
    progress
}

fn write(home: &Home, text: &str) {
    let path = home.data_path();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
}

/// Runs `zizhi data compact` in `home` with `env` set, fails unless it succeeds, and returns
/// what it said.
#[track_caller]
fn data_compact(home: &Home, env: &[(&str, &str)]) -> String {
    let out = home
        .command()
        .args(["data", "compact"])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

#[test]
fn a_file_over_the_limit_opens_read_only_says_why_and_writes_nothing() {
    let home = Home::new();
    let original = encode(&with_history());
    write(&home, &original);
    let limit = (original.len() - 1).to_string();
    let mut app = home.start_with(&[], &[("ZIZHI_READONLY_ABOVE", &limit)]);
    let screen = app.wait_for_text(DASHBOARD);
    assert!(screen.lines().next().unwrap().contains("只读"), "{screen}");
    assert!(
        screen.contains("只读：文件") && screen.contains("zizhi data compact"),
        "the footer says why and what to do:\n{screen}"
    );
    // A change is shown, and said not to be saved.
    app.send("\r");
    app.wait_for("the checklist", TIMEOUT, |s| {
        s.lines().any(|l| l.starts_with(" ["))
    });
    app.send(" ");
    app.wait_for("the first item done", TIMEOUT, |s| {
        s.lines().any(|l| l.starts_with(" [x]")) && s.contains("更改不保存")
    });
    app.step("q", "再按一次 q 放弃它们并退出");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    assert_eq!(fs::read_to_string(home.data_path()).unwrap(), original);
    let dir = home.data_path().with_file_name("");
    assert!(
        !dir.join("backups").exists() && !dir.join("progress.json.bak").exists(),
        "a read-only session takes no snapshot and writes no backup"
    );
}

#[test]
fn data_compact_drops_old_history_keeps_current_values_and_backs_up_first() {
    let home = Home::new();
    let original = encode(&with_history());
    write(&home, &original);
    let said = data_compact(&home, &[]);
    assert!(
        said.contains("已压缩") && said.contains("整改历史 20 条"),
        "{said}"
    );
    assert!(said.contains("访谈记录 10 条"), "{said}");

    let compacted = decode(&fs::read_to_string(home.data_path()).unwrap())
        .unwrap()
        .progress;
    let rect = &compacted.rectifications[0];
    assert_eq!(rect.owner, "人40");
    assert_eq!(
        rect.history.len(),
        21,
        "created + the latest 20 owner changes"
    );
    assert_eq!(rect.history[1].to, "人21");
    assert_eq!(compacted.reviews["张三"]["q1"].history.len(), 20);
    assert_eq!(compacted.reviews["张三"]["q1"].due, Some(at(100_000)));
    assert_eq!(
        compacted.items["retired-item"].note,
        "原件已核对，存于档案室"
    );

    let listed = home
        .command()
        .args(["data", "backups", "--json"])
        .output()
        .unwrap();
    let backups: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let before = backups
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "before-compact")
        .unwrap_or_else(|| panic!("no before-compact backup in {backups:#}"));
    assert_eq!(before["valid"], true);
    let id = before["id"].as_str().unwrap();
    let snapshot = home
        .data_path()
        .with_file_name("backups")
        .join(format!("progress-{id}.json"));
    assert_eq!(fs::read_to_string(&snapshot).unwrap(), original);

    // Again: nothing left to drop, nothing written.
    let again = home.command().args(["data", "compact"]).output().unwrap();
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("没有可以删去的旧记录"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn data_compact_is_never_refused_for_size_and_says_when_the_file_stays_over_the_limit() {
    let home = Home::new();
    write(&home, &encode(&with_history()));
    let said = data_compact(&home, &[("ZIZHI_READONLY_ABOVE", "10")]);
    assert!(
        said.contains("已压缩") && said.contains("仍超过只读上限"),
        "{said}"
    );
}

#[test]
fn a_big_file_under_the_limit_is_saved_once_input_pauses_and_at_quit() {
    let home = Home::new();
    // Over `DEFER_SAVES_ABOVE` (1 MiB): items that left the content, with notes.
    let mut progress = Progress::default();
    for n in 0..12_000 {
        progress.item_mut(&format!("retired-{n:05}")).note =
            format!("第 {n} 条：已与保密管理员核对原件，扫描件存于共享盘。");
    }
    let original = encode(&progress);
    assert!(original.len() > zizhi::progress::size::DEFER_SAVES_ABOVE);
    write(&home, &original);
    let mut app = home.start();
    app.wait_for_text(DASHBOARD);
    app.send("\r");
    app.wait_for("the checklist", TIMEOUT, |s| {
        s.lines().any(|l| l.starts_with(" ["))
    });
    app.send(" ");
    app.wait_for("the first item done", TIMEOUT, |s| {
        s.lines().any(|l| l.starts_with(" [x]"))
    });
    // No more keys: the change reaches the disk on its own.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let done = |text: &str| {
        decode(text).is_ok_and(|d| d.progress.items.values().any(|i| i.status == Status::Done))
    };
    while !fs::read_to_string(home.data_path()).is_ok_and(|t| done(&t)) {
        assert!(std::time::Instant::now() < deadline, "never saved");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A change followed at once by quitting is saved too.
    app.send("s");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    let saved = decode(&fs::read_to_string(home.data_path()).unwrap())
        .unwrap()
        .progress;
    assert!(
        saved
            .items
            .values()
            .any(|i| i.status == Status::NotApplicable),
        "s after done → 不适用"
    );
    assert_eq!(saved.items.len(), 12_001);
}
