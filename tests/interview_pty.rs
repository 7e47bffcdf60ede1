//! End-to-end tests of the interview rehearsal: the real binary in an 80×24 pseudo-terminal,
//! with the progress file checked on disk and the app restarted to see the saved review.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::{Home, Session, TIMEOUT};

/// Adds 张伟 as 运维工程师 through the roster dialogs and waits for the roster line.
fn add_engineer(app: &mut Session) {
    app.wait_for_text("名单为空");
    app.step("a", "添加人员");
    app.step("张伟", "张伟");
    app.step("\r", "张伟 的角色");
    app.step(" ", "[x] 运维工程师");
    app.send("\r");
    app.wait_for("the roster with 张伟", TIMEOUT, |s| {
        s.contains("受访人员 1") && !s.contains("的角色")
    });
}

#[test]
fn an_answered_question_is_saved_and_shown_after_a_restart() {
    let home = Home::new();
    let mut app = home.start_with_args(&["interview"]);
    add_engineer(&mut app);
    app.step("\r", "你的回答");
    app.step("我签了保密承诺书，只在授权范围内操作", "只在授权范围内操作");
    let screen = app.step("\x13", "【要点】覆盖 2/4"); // Ctrl+S
    assert!(screen.contains("✓ 签订保密承诺书"), "{screen}");
    assert!(screen.contains("✗ 发现问题立即报告"), "{screen}");
    app.step("3", "第 2/10 题");
    app.step("\x1b", "口头已答"); // leave the answer box
    app.step("\x1b", "练习报告"); // end the session
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert!(status.success(), "q must exit with code 0, got {status}");

    let progress = home.progress();
    let review = &progress["reviews"]["张伟"]["q-rules-001"];
    assert_eq!(review["history"][0]["grade"], 3, "{progress:#}");
    assert_eq!(review["history"][0]["covered"], serde_json::json!([0, 1]));
    assert!(review["due"].is_string(), "{progress:#}");
    assert!(
        review.get("draft").is_none(),
        "the draft is cleared: {progress:#}"
    );

    let app = home.start_with_args(&["interview", "--profile", "张伟"]);
    let screen = app.wait_for_text("已练  1/52");
    assert!(screen.contains("▶ 张伟"), "{screen}");
}

#[test]
fn a_draft_typed_before_a_kill_is_back_in_the_answer_box() {
    let home = Home::new();
    let mut app = home.start_with_args(&["interview"]);
    add_engineer(&mut app);
    app.step("\r", "你的回答");
    app.step("发现泄密先断网", "发现泄密先断网");
    app.kill("KILL");
    app.wait_exit(TIMEOUT);
    let progress = home.progress();
    assert_eq!(
        progress["reviews"]["张伟"]["q-rules-001"]["draft"], "发现泄密先断网",
        "{progress:#}"
    );

    let mut app = home.start_with_args(&["interview", "--profile", "张伟"]);
    app.wait_for_text("受访人员 1");
    app.step("\r", "发现泄密先断网");
}

#[test]
fn a_trap_answer_is_flagged_in_red_on_the_reveal_and_saved_as_flagged() {
    let home = Home::new();
    let mut app = home.start_with_args(&["interview"]);
    add_engineer(&mut app);
    app.step("\r", "你的回答");
    app.step("按制度办事就可以了，公司的事不外传就好。", "不外传就好");
    let screen = app.step("\x13", "落入陷阱"); // Ctrl+S reveals
    assert!(screen.contains("不算答好"), "{screen}");
    assert!(screen.contains("说不出具体职责"), "{screen}");
    app.step("4", "第 2/10 题"); // even graded easy, a flagged answer is 没答上
    app.step("\x1b", "口头已答");
    let report = app.step("\x1b", "练习报告");
    assert!(report.contains("答上 0"), "{report}");
    assert!(report.contains("落入陷阱 1"), "{report}");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());

    let progress = home.progress();
    let review = &progress["reviews"]["张伟"]["q-rules-001"]["history"][0];
    assert_eq!(review["grade"], 4, "{progress:#}");
    assert_eq!(review["flagged"], true, "{progress:#}");
}
