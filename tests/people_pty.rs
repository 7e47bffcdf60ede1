//! The staff register end to end: in an 80×24 pseudo-terminal, add a person insured for more
//! than a year in the register (7) and see the dashboard's headcount check move from 0 to 1;
//! the person typed is in the progress file after a kill.

#![cfg(test)]

#[allow(dead_code)]
#[path = "pty/harness.rs"]
mod harness;

use std::time::Duration;

use harness::{Home, TIMEOUT};

#[test]
fn adding_a_person_moves_the_headcount_check_on_the_dashboard() {
    let home = Home::new();
    let mut app = home.start();
    app.wait_for_text("社保满一年 0 人");
    app.step("7", "台账为空");
    app.step("a", "添加人员");
    app.send("王静");
    // Tab to 社保起缴日期 (the sixth row) and type a date well over a year ago.
    app.send("\t\t\t\t\t");
    app.step("2020-01-02", "2020-01-02");
    app.step("\x1b", "满一年");
    app.step("1", "社保满一年 1 人");
    app.kill("KILL");
    app.wait_exit(Duration::from_secs(5));
    let progress = home.progress();
    assert_eq!(progress["people"][0]["name"], "王静", "{progress:#}");
    assert_eq!(progress["people"][0]["insured_since"], "2020-01-02");
    let _ = TIMEOUT;
}
