//! 整改跟踪 end to end: the real binary in an 80×24 pty adds an item from a template, walks it
//! to 已关闭 with a verifier and evidence, and sees it closed after a restart; text typed
//! into the form survives a kill.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::{Home, Session, TIMEOUT};

const ESC: &str = "\x1b";

/// Waits until `needle` shows and the screen has settled.
fn see(app: &Session, needle: &str) -> String {
    app.wait_for_text(needle)
}

/// The list row of `id`.
fn row<'a>(screen: &'a str, id: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.trim_start().starts_with(id))
}

#[test]
fn an_item_added_from_a_template_and_closed_is_still_closed_after_a_restart() {
    let home = Home::new();
    // The operator is the OS user; rehearsing as someone else never changes it.
    let mut app = home.start_with(&["--profile", "刘芳", "rectify"], &[("USER", "王静")]);
    see(&app, "还没有整改项");
    see(&app, "操作人：王静");

    app.step("t", "从模板新建");
    app.step("个人U盘", "1/30 个模板");
    let form = app.step("\r", "新建 ZG-001");
    assert!(form.contains("运维人员使用个人U盘拷贝日志"), "{form}");
    // The form opens on the owner: the template filled in the rest.
    app.send("张伟");
    app.wait_for("the owner typed in its row", TIMEOUT, |s| {
        s.lines()
            .any(|l| l.contains("负责人") && l.contains("张伟"))
    });
    app.step(ESC, "下一步：按 s 开始整改");

    app.step("s", "下一步：整改完成后按 s 提交验证");
    app.step("s", "下一步：验证通过按 s 关闭");
    app.step("s", "关闭整改项 ZG-001");
    // Enter on the empty verifier is refused at the field: the name typed next lands there,
    // not in 证据.
    app.step("\r", "必填，请先填写");
    app.step("李娜", "李娜");
    app.send("\t");
    app.send("BM-2026-017 外设使用审批单\r");
    app.step("现场复查通过\r", "ZG-001 已关闭");
    see(&app, "已关闭 · 严重 · 现场审核");

    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());

    let progress = home.progress();
    let item = &progress["rectifications"][0];
    assert_eq!(item["id"], "ZG-001");
    assert_eq!(item["status"], "closed");
    assert_eq!(item["verifier"], "李娜");
    assert_eq!(item["evidence"], "BM-2026-017 外设使用审批单");
    let history = item["history"].as_array().expect("history");
    assert!(
        !history
            .iter()
            .any(|h| h["field"] == "evidence" && h["to"] == "李娜"),
        "the verifier's name never went into the evidence: {history:?}"
    );
    assert_eq!(item["owner"], "张伟");
    assert_eq!(progress["operator"], "王静");
    let history = item["history"].as_array().expect("history");
    let last = history.last().expect("an entry");
    assert_eq!(
        (&last["field"], &last["from"], &last["to"], &last["by"]),
        (
            &"status".into(),
            &"awaiting_verification".into(),
            &"closed".into(),
            &"王静".into()
        )
    );
    assert_eq!(last["note"], "现场复查通过");

    // Restart as another OS user: the operator chosen before is remembered, the item is closed.
    let mut again = home.start_with(&["rectify"], &[("USER", "root")]);
    let list = see(&again, "ZG-001");
    let line = row(&list, "ZG-001").unwrap_or_default();
    assert!(line.contains("已关闭"), "{list}");
    assert!(!list.contains("当前操作人"), "not asked again:\n{list}");
    again.send("\r");
    let detail = again.step("G", "状态：待验证 → 已关闭 · 现场复查通过");
    assert!(detail.contains("王静"), "{detail}");
    again.send("q");
    assert!(again.wait_exit(TIMEOUT).success());
}

#[test]
fn text_typed_into_the_form_survives_a_kill() {
    let home = Home::new();
    let mut app = home.start_with(&["--profile", "赵磊", "rectify"], &[("USER", "赵磊")]);
    see(&app, "还没有整改项");
    app.step("a", "新建 ZG-001");
    app.step("巡检记录断档两个月", "巡检记录断档两个月");
    app.kill("KILL");
    app.wait_exit(TIMEOUT);

    let progress = home.progress();
    assert_eq!(progress["rectifications"][0]["title"], "巡检记录断档两个月");

    let mut again = home.start_with_args(&["rectify"]);
    let list = see(&again, "巡检记录断档两个月");
    assert!(
        row(&list, "ZG-001").is_some_and(|r| r.contains("待整改")),
        "{list}"
    );
    again.send("q");
    assert!(again.wait_exit(TIMEOUT).success());
}

#[test]
fn r_in_a_checklist_raises_a_linked_item_shown_in_the_item_detail() {
    let home = Home::new();
    let mut app = home.start_with(&["--profile", "王静"], &[("USER", "王静")]);
    see(&app, "阶段进度");
    app.step("\r", "资质匹配与自评  0/31");
    app.step("r", "新建 ZG-001");
    app.send("自评表缺少证据编号");
    app.step(ESC, "已新建 ZG-001；按 5 查看全部整改项");
    // The item's detail names the rectification item: zoom it and scroll to its record.
    let before = app.text();
    app.send("\r");
    let mut screen = app.wait_for("the detail to zoom", TIMEOUT, |s| s != before);
    for _ in 0..10 {
        if screen.contains("整改项：ZG-001 待整改") {
            break;
        }
        let before = screen;
        app.send("J");
        screen = app.wait_for("the detail to scroll", TIMEOUT, |s| s != before);
    }
    assert!(screen.contains("整改项：ZG-001 待整改"), "{screen}");
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).success());
    let progress = home.progress();
    let link = progress["rectifications"][0]["link"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!link.is_empty(), "{progress:#}");
    assert_eq!(progress["rectifications"][0]["source"], "self_check");
}

#[test]
fn ctrl_c_quits_from_a_dialog_as_a_confirmed_q_does_and_keeps_what_was_typed() {
    let home = Home::new();
    let mut app = home.start_with(&["rectify"], &[("USER", "王静")]);
    see(&app, "还没有整改项");
    app.step("w", "补正");
    app.step("2026-11-20", "2026-11-20");
    app.send("\x03");
    assert!(
        app.wait_exit(TIMEOUT).success(),
        "Ctrl+C quits with success"
    );
    let progress = home.progress();
    assert_eq!(progress["timeline"]["correction_notice"], "2026-11-20");
}
