//! `zizhi interview judge` end to end: the real binary, an answer on standard input, the JSON
//! and the table it prints, the target grade from the progress file, and the exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

#[path = "support/env.rs"]
mod support_env;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

fn judge(home: &Path, args: &[&str], answer: &str) -> Output {
    let mut child = support_env::command()
        .args(["interview", "judge"])
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zizhi starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(answer.as_bytes())
        .expect("answer written");
    child.wait_with_output().expect("zizhi finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_natural_good_answer_is_judged_covered_with_the_words_that_met_each_point() {
    let home = TempDir::new().expect("tempdir");
    let answer = "先把那台机器网线拔了……东西一概不动，保持原样。马上打电话给我们的保密员……一天之内报给市保密局";
    let out = judge(
        home.path(),
        &["--question", "q-incident-001", "--json"],
        answer,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(doc["question"], "q-incident-001");
    assert_eq!(doc["covered"], 4);
    assert_eq!(doc["total"], 4);
    assert_eq!(doc["flags"], json!([]));
    let points = doc["points"].as_array().expect("points");
    assert_eq!(points.len(), 4);
    for p in points {
        let keys: Vec<&str> = p
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["hit", "matched", "negated", "point"], "{p}");
        assert_eq!(p["hit"], true, "{p}");
        assert!(!p["matched"].as_array().expect("matched").is_empty(), "{p}");
    }
    assert_eq!(points[3]["matched"], json!(["一天之内"]));
}

#[test]
fn a_trap_answer_is_flagged_and_negated_points_say_so() {
    let home = TempDir::new().expect("tempdir");
    let answer = "我会先查一下是不是真的泄密，确认了再报告，没必要断开网络。";
    let out = judge(
        home.path(),
        &["--question", "q-incident-001", "--json"],
        answer,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert!(!doc["flags"].as_array().expect("flags").is_empty(), "{doc}");
    assert_eq!(doc["points"][0]["negated"], true, "{doc}");
    assert_eq!(doc["points"][0]["hit"], false, "{doc}");

    let table = judge(home.path(), &["--question", "q-incident-001"], answer);
    let shown = text(&table.stdout);
    assert!(shown.contains("别这样答"), "{shown}");
    assert!(shown.contains("被否定"), "{shown}");
    assert!(shown.contains("不算答好"), "{shown}");
}

#[test]
fn the_grade_comes_from_the_flag_or_the_progress_file_and_defaults_to_b() {
    let home = TempDir::new().expect("tempdir");
    let answer = "录像全天连续录，保存不少于90天，录像机单独放、不联网，以当地保密局的要求为准。";
    let covered = |args: &[&str]| {
        let mut all = vec!["--question", "q-room-002", "--json"];
        all.extend_from_slice(args);
        let out = judge(home.path(), &all, answer);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        doc["covered"].as_u64().expect("covered")
    };
    assert_eq!(covered(&[]), 4);
    assert_eq!(covered(&["--grade", "甲级"]), 3);
    assert_eq!(covered(&["--grade", "乙级"]), 4);

    let data = home.path().join("progress.json");
    std::fs::write(&data, r#"{"schema_version": 1, "target_grade": "甲级"}"#).expect("written");
    let data = data.to_str().expect("utf-8 path");
    let chosen = judge(
        home.path(),
        &["--data", data, "--question", "q-room-002", "--json"],
        answer,
    );
    assert!(chosen.status.success(), "{}", text(&chosen.stderr));
    let doc: Value = serde_json::from_slice(&chosen.stdout).expect("JSON");
    assert_eq!(doc["covered"], 3, "the chosen 甲级 is judged: {doc}");
}

#[test]
fn an_unknown_question_is_a_clear_error_with_a_non_zero_exit() {
    let home = TempDir::new().expect("tempdir");
    let out = judge(home.path(), &["--question", "q-nope-999"], "随便说说");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("q-nope-999") && err.contains("没有编号为"),
        "{err}"
    );

    let bad = judge(
        home.path(),
        &["--question", "q-room-002", "--grade", "丙级"],
        "",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("甲级 或 乙级"));
}
