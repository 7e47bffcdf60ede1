//! Score and timeline end to end: `zizhi score` in an 80×24 pseudo-terminal rates a
//! criterion, keeps a snapshot, types a start date and is killed mid-edit; everything typed
//! is in the progress file, and the dashboard shows the score after a restart.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::time::Duration;

use harness::{Home, TIMEOUT};

#[test]
fn levels_snapshots_and_a_date_typed_before_a_kill_are_kept() {
    let home = Home::new();
    let mut app = home.start_with_args(&["score"]);
    app.wait_for_text("估算总分 0.0 / 100");
    // → twice on 独立运维监控室 (30 points of the 30 % category): 9.0.
    app.step("\x1b[C\x1b[C", "估算总分 9.0 / 100");
    app.step("S", "已保存自评快照");
    app.step("\t", "加急通道 [关]");
    app.step("a", "加急通道 [开]");
    app.step("d", "开始日期");
    app.send("\x7f".repeat(10));
    app.step("2026-02-03", "启动 2026-02-03");
    app.kill("KILL");
    app.wait_exit(Duration::from_secs(5));

    let progress = home.progress();
    assert_eq!(
        progress["score_levels"]["sc-room-independent"], 2,
        "{progress:#}"
    );
    assert_eq!(progress["assessments"].as_array().map(Vec::len), Some(1));
    assert_eq!(progress["timeline"]["start"], "2026-02-03");
    assert_eq!(progress["timeline"]["green_channel"], true);

    let mut again = home.start();
    let screen = again.wait_for("the dashboard's score", TIMEOUT, |s| {
        s.contains("自评分 9.0")
    });
    assert!(screen.contains("未达 80"), "{screen}");
    again.send("q");
    again.wait_exit(TIMEOUT);
}
