//! The team view in a real terminal: open it with 8, open a person's work, jump to their
//! overdue item and come back; then the same item from the dashboard's overdue line.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::{Home, TIMEOUT};

#[test]
fn the_team_view_jumps_to_a_persons_overdue_item_and_back() {
    let home = Home::new();
    for args in [
        [
            "item",
            "sa-type-choose-category",
            "--owner",
            "张伟",
            "--due",
            "2020-01-06",
        ],
        [
            "item",
            "sa-type-deep-services",
            "--owner",
            "张伟",
            "--due",
            "2099-01-06",
        ],
    ] {
        home.ok(&args);
    }
    let mut app = home.start();
    app.wait_for_text("阶段进度");
    let screen = app.step("8", "未完成 逾期");
    let line = screen
        .lines()
        .find(|l| l.contains("张伟"))
        .unwrap_or_default()
        .to_owned();
    assert!(line.contains("张伟"), "{screen}");
    app.step("\r", "张伟 的未完成工作 2");
    let screen = app.step("\r", "按实际业务确定申报类别");
    assert!(screen.contains("阶段清单"), "{screen}");
    app.step("\x1b", "张伟 的未完成工作");
    app.step("\x1b", "未完成 逾期");
    // The dashboard's overdue line is selectable too: past the six phases, Enter opens it.
    app.step("1", "阶段进度");
    app.send("jjjjjj");
    let screen = app.step("\r", "负责人 张伟");
    assert!(screen.contains("按实际业务确定申报类别"), "{screen}");
    app.step("\x1b", "阶段进度");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
}
