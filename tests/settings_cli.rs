//! `zizhi settings` and `zizhi settings set KEY VALUE` through the binary, and the commands
//! that read the settings (`export`, `status`), on a progress file in a temporary directory.

#![cfg(test)]

#[path = "support/cli.rs"]
mod cli;

use cli::Home;
use serde_json::Value;

/// A scratch home whose progress file is `progress.json`, given with `--data`.
fn home() -> Home {
    Home::new().with_data("progress.json")
}

#[test]
fn settings_are_shown_set_saved_and_cleared() {
    let env = home();
    let shown = env.ok(&["settings"]);
    assert!(shown.contains("insured-threshold"), "{shown}");
    assert!(shown.contains("内部资料 注意保密（默认）"), "{shown}");
    let said = env.ok(&["settings", "set", "training-hours", "8"]);
    assert!(said.contains("8 学时"), "{said}");
    env.ok(&["settings", "set", "grade", "甲级"]);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(env.data_path()).expect("saved"))
            .expect("json");
    assert_eq!(saved["settings"]["training_hours"], 8.0);
    assert_eq!(saved["settings"]["target_grade"], "甲级");
    env.ok(&["settings", "set", "training-hours", ""]);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(env.data_path()).expect("saved"))
            .expect("json");
    assert!(saved["settings"].get("training_hours").is_none(), "{saved}");
}

#[test]
fn an_unknown_key_or_a_bad_value_is_a_usage_error_that_names_what_is_allowed() {
    let env = home();
    env.run(&["settings", "set", "hours", "8"])
        .code(2)
        .says(&["training-hours"]);
    env.zizhi()
        .lang_en()
        .args(["settings", "set", "insured-threshold", "many"])
        .run()
        .code(2)
        .says(&["'many' is not a headcount"]);
    assert!(!env.data_path().exists(), "nothing written");
}

#[test]
fn status_uses_the_saved_threshold_with_its_basis() {
    let env = home();
    std::fs::write(
        env.data_path(),
        r#"{"schema_version": 2, "people": [{"name": "张三"}]}"#,
    )
    .expect("written");
    env.ok(&["settings", "set", "insured-threshold", "12"]);
    let json: Value = serde_json::from_str(&env.ok(&["status", "--json"])).expect("json");
    assert_eq!(json["people"]["threshold"]["min"], 12);
    assert!(
        json["people"]["threshold"]["basis"]
            .as_str()
            .is_some_and(|b| b.contains("单位设置")),
        "{json}"
    );
    let text = env.ok(&["status"]);
    assert!(text.contains("门槛 12 人"), "{text}");
}

#[test]
fn export_prints_the_saved_organisation_and_marking_and_options_override_them_once() {
    let env = home();
    env.ok(&["settings", "set", "organisation", "某某信息技术有限公司"]);
    env.ok(&["settings", "set", "marking", "内部资料 仅限本单位"]);
    let report = env.ok(&["export", "--format", "html"]);
    assert!(report.contains("某某信息技术有限公司"), "organisation");
    assert!(report.contains("内部资料 仅限本单位"), "marking");
    let once = env.ok(&[
        "export",
        "--format",
        "md",
        "--marking",
        "秘密级以下",
        "--org",
        "另一家",
    ]);
    assert!(
        once.contains("秘密级以下") && once.contains("另一家"),
        "{once}"
    );
    assert!(!once.contains("内部资料 仅限本单位"), "{once}");
    // The option did not change the setting.
    assert!(env.ok(&["settings"]).contains("内部资料 仅限本单位"));
    env.ok(&["settings", "set", "marking", "无"]);
    let none = env.ok(&["export", "--format", "md"]);
    assert!(!none.contains("内部资料"), "no marking: {none}");
}
