//! The rectification parts of the commands: `status` (text and JSON), `export` (CSV and
//! Markdown, to stdout and to a file) and `rectify --help`, on a progress file written here.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;

use cli::{Home, s};

/// A scratch home whose progress file, given with `--data`, holds [`PROGRESS`].
fn home() -> Home {
    let home = Home::new().with_data("progress.json");
    fs::write(home.data_path(), PROGRESS).expect("write progress");
    home
}

/// Three items: one overdue and open (with a comma, quotes and a line break in its text),
/// one closed, one reopened with no due date; a correction notice long past.
const PROGRESS: &str = r#"{
  "schema_version": 1,
  "rectifications": [
    {
      "id": "ZG-001",
      "title": "合同未盖章，\"保密办\"章缺失, 共 3 份",
      "source": "formal_review",
      "severity": "major",
      "description": "第一行\n第二行",
      "owner": "张伟",
      "due": "2020-01-06",
      "status": "in_progress",
      "history": [
        {"at": "2020-01-02T09:00:00", "by": "王静", "field": "created", "to": "open"},
        {"at": "2020-01-03T09:00:00", "by": "王静", "field": "status", "from": "open", "to": "in_progress"}
      ]
    },
    {
      "id": "ZG-002",
      "title": "个人U盘拷贝日志",
      "source": "onsite",
      "severity": "general",
      "due": "2099-12-31",
      "evidence": "BM-017",
      "verifier": "李娜",
      "status": "closed",
      "history": []
    },
    {
      "id": "ZG-003",
      "title": "=HYPERLINK(\"x\")",
      "source": "other",
      "severity": "observation",
      "status": "reopened",
      "history": []
    }
  ],
  "timeline": {"correction_notice": "2020-01-02"},
  "operator": "王静"
}
"#;

#[test]
fn status_json_has_the_rectification_counts_by_status_in_snake_case() {
    let env = home();
    let out = env.run(&["status", "--json"]).success();
    let doc = out.json();
    let r = &doc["rectifications"];
    assert_eq!(r["total"], 3, "{r}");
    assert_eq!(r["open"], 2, "{r}");
    assert_eq!(r["overdue"], 1, "{r}");
    let by = &r["by_status"];
    for (key, n) in [
        ("open", 0),
        ("in_progress", 1),
        ("awaiting_verification", 0),
        ("closed", 1),
        ("reopened", 1),
    ] {
        assert_eq!(by[key], n, "by_status.{key} in {r}");
    }
    let window = &r["correction_window"];
    assert_eq!(window["start"], "2020-01-02");
    assert_eq!(window["state"], "ended");
    assert_eq!(window["calendar_covered"], false);
    assert!(r.get("public_notice_window").is_none(), "{r}");
}

#[test]
fn status_text_has_a_rectification_line() {
    let env = home();
    let out = env.run(&["status"]).success();
    let text = out.stdout;
    assert!(
        text.contains("整改项 3 项：未关闭 2，逾期 1"),
        "no rectification line in:\n{text}"
    );
    assert!(text.contains("补正期 已于"), "{text}");
}

#[test]
fn csv_export_has_a_bom_chinese_headers_crlf_and_rfc4180_quoting() {
    let env = home();
    let file = env.join("整改.csv");
    let out = env
        .run(&["export", "--format", "csv", "-o", s(&file)])
        .success();
    assert!(
        out.stdout.is_empty(),
        "a file was asked for: nothing on stdout"
    );
    let message = out.stderr;
    assert!(message.contains("3 条整改项"), "{message}");
    let bytes = fs::read(&file).expect("CSV written");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "starts with a UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let header = text.split("\r\n").next().unwrap_or_default();
    assert!(
        header.starts_with("编号,标题,状态,严重程度,来源"),
        "{header}"
    );
    assert!(
        text.contains(
            "ZG-001,\"合同未盖章，\"\"保密办\"\"章缺失, 共 3 份\",整改中,严重,形式审查补正"
        ),
        "{text}"
    );
    assert!(
        text.contains("\"第一行\n第二行\""),
        "line breaks stay inside quotes"
    );
    assert!(text.contains(",是,"), "the overdue item is flagged");
    assert!(text.contains("'=HYPERLINK"), "formulas are defused");
    // Every record ends with CRLF; the only bare LFs are inside quoted fields.
    assert!(text.ends_with("\r\n"));
}

#[test]
fn csv_export_without_a_file_goes_to_stdout() {
    let env = home();
    let out = env.run(&["export", "--format", "csv"]).success();
    assert_eq!(&out.stdout.as_bytes()[..3], b"\xEF\xBB\xBF");
    assert!(out.stdout.contains("ZG-003"));
}

#[test]
fn markdown_export_has_the_rectification_table_and_each_item() {
    let env = home();
    let out = env.run(&["export", "--format", "md"]).success();
    let text = out.stdout;
    assert!(text.contains("## 整改跟踪"), "{text}");
    assert!(
        text.contains(
            "| 编号 | 标题 | 严重程度 | 状态 | 来源 | 负责人 | 截止日期 | 证据 | 验证人 |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| ZG-002 | 个人U盘拷贝日志 | 一般 | 已关闭 | 现场审核 |"),
        "{text}"
    );
    assert!(text.contains("2020-01-06（逾期"), "{text}");
    assert!(text.contains("### ZG-001"), "{text}");
    assert!(text.contains("补正期：已于"), "{text}");
}

#[test]
fn rectify_is_a_command() {
    let env = home();
    let out = env.run(&["rectify", "--help"]).success();
    assert!(out.stdout.contains("整改"));
    let out = env.run(&["--help"]).success();
    let help = out.stdout;
    assert!(help.contains("rectify") && help.contains("export") && help.contains("--profile"));
}
