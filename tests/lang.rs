//! `--lang en` applies to the commands' own words (content stays as written).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    reason = "tests and tools: a failed expectation should panic with its message"
)]

#[path = "support/env.rs"]
mod support_env;

use std::process::Stdio;

fn zizhi(args: &[&str]) -> (i32, String, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    zizhi_in(tmp.path(), args)
}

fn zizhi_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let tmp = dir;
    let out = support_env::command()
        .arg("--lang")
        .arg("en")
        .arg("--data")
        .arg(tmp.join("progress.json"))
        .args(args)
        .current_dir(tmp)
        .env("HOME", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("XDG_CACHE_HOME", tmp.join("cache"))
        .stdin(Stdio::null())
        .output()
        .expect("run zizhi");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn status_speaks_english() {
    let (code, out, _) = zizhi(&["status"]);
    assert_eq!(code, 0);
    for must in [
        "Progress file: ",
        "Checklist: ",
        "overdue, ",
        "Rectifications: ",
        "Demo rehearsals: ",
        "Interviews: ",
        "Self-assessment (estimate): not rated yet",
        "Expected certificate: ",
    ] {
        assert!(out.contains(must), "{must}:\n{out}");
    }
    for chinese_label in [
        "进度文件：",
        "清单共",
        "整改项 ",
        "演示预演：",
        "模拟访谈：",
        "自评分",
        "预计取证",
    ] {
        assert!(!out.contains(chinese_label), "{chinese_label}:\n{out}");
    }
}

#[test]
fn export_messages_speak_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = zizhi_in(tmp.path(), &["export", "-o", "r.md"]);
    assert_eq!(code, 0);
    assert!(err.starts_with("wrote "), "{err}");
    let (code, _, err) = zizhi_in(tmp.path(), &["export", "-o", "r.md"]);
    assert_eq!(code, 1);
    assert!(err.contains("exists and was kept"), "{err}");
}
