//! `zizhi status --json` score and timeline keys, `zizhi export --format html`, and the
//! generated completions and man page, run through the real binary.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use cli::{Home, Run};

/// `zizhi ARGS` on the progress file `progress.json`, named by `ZIZHI_DATA`.
fn zizhi(home: &Home, args: &[&str]) -> Run {
    home.zizhi()
        .env("ZIZHI_DATA", home.join("progress.json"))
        .args(args)
        .run()
}

/// A scratch home (config home `config/`) with a scored, half-planned progress file.
fn with_progress() -> Home {
    let dir = Home::new().with_config("config");
    let progress = serde_json::json!({
        "schema_version": 1,
        "score_levels": {"sc-room-independent": 2, "sc-room-three-iron": 2},
        "assessments": [{"at": "2026-01-10T10:00:00", "levels": {"sc-room-independent": 1}}],
        "timeline": {
            "start": "2026-01-05",
            "parallel_preparation": true,
            "finished": {"self-assessment": "2026-01-16"}
        }
    });
    std::fs::write(dir.join("progress.json"), progress.to_string()).expect("write");
    dir
}

#[test]
fn status_json_has_score_and_timeline() {
    let dir = with_progress();
    let doc = zizhi(&dir, &["status", "--json"]).success().json();
    let score = &doc["score"];
    // Room: (30 + 25) / 100 × 30 = 16.5.
    assert_eq!(score["total"].as_f64(), Some(16.5), "{score}");
    assert_eq!(score["grade"].as_str(), Some("not_yet"));
    let cats = score["by_category"].as_array().expect("by_category");
    assert_eq!(cats.len(), 3);
    assert_eq!(cats[0]["id"].as_str(), Some("secure_room"));
    assert_eq!(cats[0]["score"].as_f64(), Some(16.5));
    let timeline = &doc["timeline"];
    assert_eq!(timeline["start"].as_str(), Some("2026-01-05"));
    assert!(timeline["projected_certificate"]["earliest"].is_string());
    let phases = timeline["phases"].as_array().expect("phases");
    assert_eq!(phases.len(), 4);
    assert_eq!(phases[0]["state"].as_str(), Some("finished"));
    assert_eq!(phases[0]["finished"].as_str(), Some("2026-01-16"));
}

#[test]
fn export_html_writes_one_self_contained_file() {
    let dir = with_progress();
    let file = dir.join("报告.html");
    let run = zizhi(
        &dir,
        &[
            "export",
            "--format",
            "html",
            "-o",
            file.to_str().expect("path"),
        ],
    )
    .success();
    assert!(
        run.stdout.is_empty(),
        "a file was asked for: nothing on stdout"
    );
    let said = run.stderr;
    assert!(said.contains("HTML"), "one line on stderr: {said}");
    let page = std::fs::read_to_string(&file).expect("written");
    assert!(page.contains("<html lang=\"zh-CN\">"));
    assert!(!page.contains("http"), "no URLs at all");
    assert!(page.contains("16.5 / 100"));
}

#[test]
fn export_md_has_the_management_sections() {
    let dir = with_progress();
    let md = zizhi(&dir, &["export", "--format", "md"]).success().stdout;
    for heading in [
        "## 结论",
        "## 自评分（估算）",
        "## 各阶段进度",
        "## 时间线",
        "## 整改跟踪",
        "## 访谈准备（按人）",
        "## 演示预演用时",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    assert!(md.contains("2026-01-10 4.5"), "snapshot trend");
}
