//! `zizhi interview judge` end to end: the real binary, an answer on standard input, the JSON
//! and the table it prints, the target grade from the progress file, and the exit codes.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use cli::{Home, Run};
use serde_json::{Value, json};

/// A scratch home with the config home in `config/`.
fn home() -> Home {
    Home::new().with_config("config")
}

/// `zizhi interview judge ARGS` with `answer` on standard input.
fn judge(home: &Home, args: &[&str], answer: &str) -> Run {
    home.zizhi()
        .args(["interview", "judge"])
        .args(args)
        .input(answer)
        .run()
}

/// The judgement of `answer` to `question` as JSON (`--json`, which must succeed).
fn judged(home: &Home, question: &str, more: &[&str], answer: &str) -> Value {
    let mut args = vec!["--question", question, "--json"];
    args.extend_from_slice(more);
    judge(home, &args, answer).success().json()
}

#[test]
fn a_natural_good_answer_is_judged_covered_with_the_words_that_met_each_point() {
    let home = home();
    let answer = "先把那台机器网线拔了……东西一概不动，保持原样。马上打电话给我们的保密员……一天之内报给市保密局";
    let doc = judged(&home, "q-incident-001", &[], answer);
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
    let home = home();
    let answer = "我会先查一下是不是真的泄密，确认了再报告，没必要断开网络。";
    let doc = judged(&home, "q-incident-001", &[], answer);
    assert!(!doc["flags"].as_array().expect("flags").is_empty(), "{doc}");
    assert_eq!(doc["points"][0]["negated"], true, "{doc}");
    assert_eq!(doc["points"][0]["hit"], false, "{doc}");

    let shown = judge(&home, &["--question", "q-incident-001"], answer).stdout;
    assert!(shown.contains("别这样答"), "{shown}");
    assert!(shown.contains("被否定"), "{shown}");
    assert!(shown.contains("不算答好"), "{shown}");
}

#[test]
fn the_grade_comes_from_the_flag_or_the_progress_file_and_defaults_to_b() {
    let home = home();
    let answer = "录像全天连续录，保存不少于90天，录像机单独放、不联网，以当地保密局的要求为准。";
    let covered = |args: &[&str]| {
        judged(&home, "q-room-002", args, answer)["covered"]
            .as_u64()
            .expect("covered")
    };
    assert_eq!(covered(&[]), 4);
    assert_eq!(covered(&["--grade", "甲级"]), 3);
    assert_eq!(covered(&["--grade", "乙级"]), 4);

    let data = home.join("progress.json");
    std::fs::write(&data, r#"{"schema_version": 1, "target_grade": "甲级"}"#).expect("written");
    let data = data.to_str().expect("utf-8 path");
    let doc = judge(
        &home,
        &["--data", data, "--question", "q-room-002", "--json"],
        answer,
    )
    .success()
    .json();
    assert_eq!(doc["covered"], 3, "the chosen 甲级 is judged: {doc}");
}

#[test]
fn an_unknown_question_is_a_clear_error_with_a_non_zero_exit() {
    let home = home();
    let out = judge(&home, &["--question", "q-nope-999"], "随便说说")
        .code(2)
        .says(&["q-nope-999", "没有编号为"]);
    assert!(out.stdout.is_empty());

    judge(&home, &["--question", "q-room-002", "--grade", "丙级"], "")
        .code(2)
        .says(&["甲级（A）或 乙级（B）"]);
}
