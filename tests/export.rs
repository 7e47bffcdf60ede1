//! `zizhi export` through the real binary: safe by default (format from the extension,
//! `-o -` for standard output, an existing file kept without `--force`, mode 0600, no
//! temporary file left behind, the progress file and its backups never a target), and a CSV
//! that a CSV parser reads back with numbers as numbers.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use cli::{Home, s};

use chrono::{Duration, Local};
use zizhi::progress::{Progress, Rectification, encode};

/// A scratch home with the config home in `config/` and the progress file
/// `data/progress.json`, given with `--data`.
fn home() -> Home {
    Home::new()
        .with_config("config")
        .with_data("data/progress.json")
}

/// A progress file with one overdue and one future rectification.
fn with_rectifications(env: &Home) {
    let today = Local::now().date_naive();
    let mut progress = Progress::default();
    for (n, (title, days, owner)) in [
        ("门禁记录缺失", -4_i64, "=HYPERLINK(\"http://x\")"),
        ("\t=1+1 带制表符", 12, "  @SUM(A1)"),
    ]
    .into_iter()
    .enumerate()
    {
        let item: Rectification = serde_json::from_value(serde_json::json!({
            "id": format!("ZG-{:03}", n + 1),
            "title": title,
            "source": "self_check",
            "severity": "major",
            "status": "open",
            "owner": owner,
            "due": (today + Duration::days(days)).to_string(),
            "history": []
        }))
        .expect("a rectification item");
        progress.rectifications.push(item);
    }
    fs::create_dir_all(env.data_path().parent().expect("dir")).expect("mkdir");
    fs::write(env.data_path(), encode(&progress)).expect("write progress");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_extension_chooses_the_format_and_a_disagreeing_format_is_a_usage_error() {
    let env = home();
    let html = env.join("报告.html");
    let out = env.output(&["export", "-o", s(&html)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "success is silent on stdout");
    assert_eq!(text(&out.stderr).lines().count(), 1, "one line on stderr");
    assert!(
        fs::read_to_string(&html)
            .expect("written")
            .starts_with("<!DOCTYPE html>")
    );

    let out = env.output(&["export", "--format", "md", "-o", s(&env.join("r.csv"))]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!env.join("r.csv").exists());
}

#[test]
fn a_dash_is_standard_output_and_creates_no_file() {
    let env = home();
    let out = env.output(&["export", "--format", "csv", "-o", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("\u{feff}编号,"));
    assert!(!env.join("-").exists());
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let env = home();
    let target = env.join("report.md");
    fs::write(&target, "我的笔记").expect("write");
    let out = env.output(&["export", "-o", s(&target)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&target).expect("read"), "我的笔记");

    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = env.output(&["export", "-o", s(&target), "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        fs::read_to_string(&target)
            .expect("read")
            .contains("\n# 涉密")
    );
    let mode = fs::metadata(&target).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a replaced report is private too");
}

#[test]
fn a_new_report_is_private_and_no_temporary_file_is_left() {
    let env = home();
    let dir = env.join("out");
    fs::create_dir(&dir).expect("mkdir");
    for name in ["a.md", "b.html", "c.csv"] {
        let out = env.output(&["export", "-o", s(&dir.join(name))]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let mode = fs::metadata(dir.join(name))
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.html", "c.csv"]);
}

#[test]
fn a_report_into_a_missing_directory_fails_and_creates_nothing() {
    let env = home();
    let target = env.join("gone/report.md");
    let out = env.output(&["export", "-o", s(&target)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!target.exists());
    assert!(
        text(&out.stderr).contains("report.md"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_progress_file_and_its_backups_are_never_a_target_even_with_force() {
    let env = home();
    with_rectifications(&env);
    let before = fs::read(env.data_path()).expect("read");
    let backups = env.data_path().with_file_name("backups");
    fs::create_dir_all(&backups).expect("mkdir");
    let link = env.join("link.md");
    std::os::unix::fs::symlink(env.data_path(), &link).expect("symlink");
    let targets = [
        env.data_path(),
        PathBuf::from(format!("{}.bak", env.data_path().display())),
        backups.join("progress-1.json"),
        link,
    ];
    for target in &targets {
        let out = env.output(&["export", "--format", "md", "-o", s(target), "--force"]);
        assert_eq!(out.status.code(), Some(1), "{target:?}");
        assert!(
            text(&out.stderr).contains("进度文件"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(fs::read(env.data_path()).expect("read"), before);
    assert!(!targets[1].exists() && !targets[2].exists());
}

#[test]
fn csv_reads_back_with_numbers_as_numbers_and_formulas_as_text() {
    let env = home();
    with_rectifications(&env);
    let out = env.output(&["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let body = text(&out.stdout);
    let body = body.strip_prefix('\u{feff}').expect("a BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(rows.len(), 2);
    let days: Vec<i64> = rows
        .iter()
        .map(|r| r[column("距截止天数")].parse().expect("a number, not text"))
        .collect();
    assert_eq!(days, [-4, 12]);
    assert_eq!(&rows[0][column("负责人")], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[1][column("负责人")], "'  @SUM(A1)");
    assert_eq!(&rows[1][column("标题")], "'\t=1+1 带制表符");
}
