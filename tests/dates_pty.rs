//! A date typed in every date field of the app, through the real binary in an 80×24 pty, in
//! the forms the one date grammar takes (`2026/12/8`, `2026.12.1`, `+5`, `明天`, `今天`,
//! full-width digits): checklist due dates, a rectification's due date, the 补正 / 公示 dates,
//! the timeline's start, a phase's finish and the certificate date, and every date of the
//! staff register (hired, insured, pledge, vetting, passport, left, a certificate's expiry, a
//! training session). Each value is checked in the progress file after a kill -9 and a restart.

#![cfg(test)]

#[path = "pty/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::Duration;

use chrono::{Local, NaiveDate};
use harness::{Home, Session, TIMEOUT};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::domain::date_input;

const ESC: &str = "\x1b";
const TAB: &str = "\t";
const ENTER: &str = "\r";

/// The day `text` names today, by the same grammar and built-in calendar as the app.
fn expected(text: &str) -> String {
    let content = zizhi::content::load_built_in().expect("built-in content");
    let calendar = WorkCalendar::from_content(&content.calendar);
    let today: NaiveDate = Local::now().date_naive();
    date_input::resolve(text, today, &calendar)
        .expect("a readable date")
        .expect("not empty")
        .date
        .to_string()
}

/// Kills the app with SIGKILL, starts it again, lets it load the file, and quits.
fn kill_and_restart(home: &Home, mut app: Session) -> serde_json::Value {
    app.kill("KILL");
    app.wait_exit(Duration::from_secs(5));
    let mut again = home.start();
    again.wait_for_text("总览");
    again.send("q");
    again.wait_exit(TIMEOUT);
    home.progress()
}

#[test]
fn checklist_due_dates_take_slashes_working_days_and_tomorrow() {
    let home = Home::new();
    let mut app = home.start_with_args(&["--ascii"]);
    app.wait_for_text("总览");
    app.step("2", "1/6");
    for (text, moves) in [("2026/12/8", ""), ("+5", "j"), ("明天", "j")] {
        app.send(moves);
        app.step("d", "> 截止日期");
        app.step(text, text);
        app.send(ENTER);
        app.wait_for("the editor to close", TIMEOUT, |s| {
            !s.contains("> 截止日期")
        });
    }
    let progress = kill_and_restart(&home, app);
    let mut dues: Vec<String> = progress["items"]
        .as_object()
        .expect("items")
        .values()
        .filter_map(|item| item["due"].as_str().map(str::to_owned))
        .collect();
    dues.sort();
    let mut want = vec!["2026-12-08".to_owned(), expected("+5"), expected("明天")];
    want.sort();
    assert_eq!(dues, want, "{progress:#}");
}

#[test]
fn rectification_due_date_and_the_correction_and_notice_dates() {
    let home = Home::new();
    let mut app = home.start_with(&["rectify"], &[("USER", "王静")]);
    app.wait_for_text("还没有整改项");
    app.step("a", "新建 ZG-001");
    app.send("外设登记不全");
    // 标题 → 来源 → 严重程度 → 关联 → 问题描述 → 原因分析 → 整改措施 → 负责人 → 截止日期.
    app.step(TAB.repeat(8), "▸ 截止日期");
    app.step("+5", "个工作日后");
    app.step(ESC, "ZG-001");
    app.send(ESC);
    app.step("w", "补正与公示时限");
    app.send("２０２６．１２．１");
    app.send(TAB);
    app.step("今天", "今天");
    app.send(ENTER);
    app.wait_for("the dialog to close", TIMEOUT, |s| {
        !s.contains("补正与公示时限")
    });
    let progress = kill_and_restart(&home, app);
    assert_eq!(
        progress["rectifications"][0]["due"].as_str(),
        Some(expected("+5").as_str()),
        "{progress:#}"
    );
    assert_eq!(progress["timeline"]["correction_notice"], "2026-12-01");
    assert_eq!(
        progress["timeline"]["public_notice"].as_str(),
        Some(expected("今天").as_str())
    );
}

#[test]
fn timeline_start_finish_and_certificate_dates() {
    let home = Home::new();
    let mut app = home.start_with_args(&["score"]);
    app.wait_for_text("估算总分");
    app.step(TAB, "加急通道");
    // The prompts open on today's date, selected: the first character typed replaces it.
    app.step("d", "开始日期");
    app.send("2026/1/5");
    app.step(ENTER, "启动 2026-01-05");
    app.step("f", "完成日期");
    app.send("2026.1.16");
    app.step(ENTER, "完成于 2026-01-16");
    app.step("c", "▸ 发证日期");
    app.send("明天");
    app.send(ENTER);
    app.wait_for("the prompt to close", TIMEOUT, |s| {
        !s.contains("▸ 发证日期")
    });
    let progress = kill_and_restart(&home, app);
    assert_eq!(progress["timeline"]["start"], "2026-01-05", "{progress:#}");
    let finished = progress["timeline"]["finished"]
        .as_object()
        .expect("finished");
    assert_eq!(
        finished.values().next().and_then(|v| v.as_str()),
        Some("2026-01-16")
    );
    assert_eq!(
        progress["timeline"]["certificate"].as_str(),
        Some(expected("明天").as_str())
    );
}

#[test]
fn every_date_of_the_staff_register() {
    let home = Home::new();
    let mut app = home.start();
    app.wait_for_text("总览");
    app.step("7", "台账为空");
    app.step("a", "添加人员");
    app.step("王静", "王静");
    // 姓名 → 角色 → 运维人员 → 涉密等级 → 入职日期.
    app.send(TAB.repeat(4));
    for text in [
        "2020/3/2",
        "2020.4.1",
        "2020年3月5日",
        "20200306",
        "是",
        "今天",
        "明天",
    ] {
        // 入职 → 社保 → 承诺书 → 上岗审查 → 护照由单位保管 → 护照保管日期 → 离岗.
        app.send(text);
        app.send(TAB);
    }
    // Esc keeps everything typed; the new person's detail shows.
    app.step(ESC, "c 添加");
    app.step("c", "添加证书");
    app.send("CISP");
    app.send(TAB.repeat(3));
    app.send("2027/6/30");
    app.send(ENTER);
    app.wait_for("the certificate form to close", TIMEOUT, |s| {
        !s.contains("添加证书")
    });
    app.step("t", "添加培训记录");
    app.send("+5");
    app.send(TAB);
    app.send("4");
    app.send(ESC);
    app.wait_for("the training form to close", TIMEOUT, |s| {
        !s.contains("添加培训记录")
    });
    let progress = kill_and_restart(&home, app);
    let person = &progress["people"][0];
    assert_eq!(person["name"], "王静", "{progress:#}");
    assert_eq!(person["hired"], "2020-03-02", "{progress:#}");
    assert_eq!(person["insured_since"], "2020-04-01");
    assert_eq!(person["pledge_signed"], "2020-03-05");
    assert_eq!(person["vetted"], "2020-03-06");
    assert_eq!(
        person["passport_since"].as_str(),
        Some(expected("今天").as_str())
    );
    assert_eq!(person["left"].as_str(), Some(expected("明天").as_str()));
    assert_eq!(person["certificates"][0]["valid_until"], "2027-06-30");
    assert_eq!(
        person["training"][0]["date"].as_str(),
        Some(expected("+5").as_str())
    );
}
