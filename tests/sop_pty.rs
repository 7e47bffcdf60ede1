//! Demo rehearsal end to end: `zizhi sop` in an 80×24 pseudo-terminal runs an SOP to the
//! end, and the run is in the history after a restart; a run killed mid-way is kept as
//! unfinished with the steps it completed.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use harness::{Home, Session, TIMEOUT};

/// The SOP list's title line, shown once `zizhi sop` is up.
const SOP_LIST: &str = "演示流程 5 套";

/// Starts `zizhi sop`, starts a run of the first SOP with three names, waits for step 1.
fn start_run(home: &Home) -> Session {
    let mut app = home.start_with_args(&["sop"]);
    app.wait_for_text(SOP_LIST);
    app.step("r", "开始预演：漏洞修复流程演示");
    app.step("张伟\r李娜\r王芳\r", "第 1/9 步");
    app
}

fn run_record(home: &Home) -> serde_json::Value {
    let progress = home.progress();
    let runs = progress["sop_runs"]
        .as_array()
        .unwrap_or_else(|| panic!("no sop_runs in {progress:#}"));
    assert_eq!(runs.len(), 1, "exactly one run in {progress:#}");
    runs[0].clone()
}

#[test]
fn a_run_to_the_end_is_in_the_history_after_a_restart() {
    let home = Home::new();
    let mut app = start_run(&home);

    app.step("f", "标记问题：");
    app.step("工单号念错\r", "工单号念错");
    for step in 2..=9 {
        app.step(" ", &format!("第 {step}/9 步"));
    }
    app.send("v");
    app.wait_for("the presenter view", TIMEOUT, |s| {
        s.contains("活干完了还要有人") && !s.contains("全程")
    });
    let screen = app.step(" ", "预演完成");
    assert!(screen.contains("第一次完整预演"), "{screen}");
    assert!(screen.contains("工单号念错"), "{screen}");

    let run = run_record(&home);
    assert_eq!(run["finished"], true);
    assert_eq!(run["people"]["讲解人"], "李娜");
    let steps = run["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 9);
    assert!(steps.iter().all(|s| s.get("partial").is_none()));
    assert_eq!(steps[0]["flag"], "工单号念错");
    assert_eq!(
        home.progress()["pending_findings"][0]["step"],
        "vf-01-ticket"
    );

    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());

    let mut again = home.start_with_args(&["sop"]);
    let screen = again.wait_for_text("最近预演");
    assert!(screen.contains("已完成预演 1 次"), "{screen}");
    assert!(screen.contains("待转整改 1"), "{screen}");
    assert!(screen.contains("张伟/李娜/王芳"), "{screen}");
    assert!(
        screen.contains("⚑ 打开漏洞修复工单：工单号念错"),
        "the pending finding is listed:\n{screen}"
    );
    let screen = again.step("\r\t", "完成，总用时");
    assert!(
        screen.contains("操作员 张伟 · 讲解人 李娜 · 记录人 王芳"),
        "{screen}"
    );

    // The next run offers the same names.
    let screen = again.step("r", "开始预演：漏洞修复流程演示");
    assert!(screen.contains("▸ 操作员   张伟"), "{screen}");

    // `status --json` reports the run (read-only commands work while the app runs).
    let output = home
        .command()
        .args(["status", "--json"])
        .output()
        .expect("run zizhi status --json");
    assert!(output.status.success());
    let status: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("status --json prints JSON");
    let sops = &status["sops"];
    assert_eq!(sops["count"], 5);
    assert_eq!(sops["runs"], 1);
    assert_eq!(sops["unfinished_runs"], 0);
    assert_eq!(sops["last_run"], run["started"]);
    assert_eq!(sops["pending_findings"], 1);
    let total: u64 = steps.iter().filter_map(|s| s["seconds"].as_u64()).sum();
    assert_eq!(sops["best_seconds"]["sop-vuln-fix"], total);
    assert_eq!(sops["list"][0]["runs"], 1);
    assert_eq!(sops["list"][1]["best_seconds"], serde_json::Value::Null);
}

#[test]
fn a_run_killed_mid_way_keeps_the_steps_it_completed() {
    let home = Home::new();
    let mut app = start_run(&home);
    app.step(" ", "第 2/9 步");
    app.step(" ", "第 3/9 步");
    app.kill("KILL");
    app.wait_exit(TIMEOUT);

    let run = run_record(&home);
    assert_eq!(run["finished"], false);
    let steps = run["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 3, "two done and the third reached: {run:#}");
    assert!(steps[2]["partial"] == true);

    let again = home.start_with_args(&["sop"]);
    let screen = again.wait_for_text("最近预演");
    assert!(screen.contains("未完成 2/9"), "{screen}");
}

#[test]
fn escape_then_y_aborts_and_keeps_an_unfinished_run() {
    let home = Home::new();
    let mut app = start_run(&home);
    app.step(" ", "第 2/9 步");
    app.step("\x1b", "中止本次预演？");
    let screen = app.step("y", "已中止预演");
    assert!(screen.contains("未完成 1/9"), "{screen}");
    let run = run_record(&home);
    assert_eq!(run["finished"], false);
    assert!(run["ended"].is_string());
}
