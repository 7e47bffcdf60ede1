//! Loader tests: every kind of error is reported with its line and column.

use super::*;

const PHASE_OK: &str = "id: p1\norder: 1\ntitle: 阶段\nsummary: 摘要\nsections:\n  - id: s1\n    title: 分节\n    items:\n      - id: i1\n        title: 事项\n        what: 做什么\n        acceptance: 标准\n";

fn problems_for(name: &str, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let _ = parse::<Phase>(name, text, &mut problems);
    problems
}

#[test]
fn a_valid_phase_parses_without_problems() {
    assert!(problems_for("phase-1.yaml", PHASE_OK).is_empty());
}

#[test]
fn an_unknown_field_is_reported_at_its_key() {
    let text = PHASE_OK.replace("        what: 做什么\n", "        wat: 做什么\n");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].line, p[0].column), (11, 9), "{p:?}");
    assert!(p[0].message.contains("未知字段"), "{}", p[0].message);
}

#[test]
fn a_duplicate_key_is_reported_at_the_second_key() {
    let text = PHASE_OK.replace("title: 阶段\n", "title: 阶段\ntitle: 又一个\n");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].line, p[0].column), (4, 1), "{p:?}");
    assert!(p[0].message.contains("两次"), "{}", p[0].message);
}

#[test]
fn a_wrong_type_is_reported_at_the_value() {
    let text = PHASE_OK.replace("order: 1", "order: 第一");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].line, p[0].column), (2, 8), "{p:?}");
    assert!(p[0].message.contains("类型不对"), "{}", p[0].message);
}

#[test]
fn a_missing_field_is_reported_with_a_hint() {
    let text = PHASE_OK.replace("        acceptance: 标准\n", "");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("缺少必填字段"), "{}", p[0].message);
    assert!(p[0].message.contains("acceptance"), "{}", p[0].message);
    assert!(p[0].line >= 9, "{p:?}");
}

#[test]
fn a_tab_in_indentation_is_reported_at_the_tab() {
    let text = PHASE_OK.replace("    title: 分节", "  \ttitle: 分节");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].line, p[0].column), (7, 3), "{p:?}");
    assert!(p[0].message.contains("制表符"), "{}", p[0].message);
}

#[test]
fn a_tab_inside_block_text_is_content_not_an_error() {
    let text = PHASE_OK.replace(
        "        what: 做什么\n",
        "        what: |\n          第一行\n          \t缩进的第二行\n",
    );
    assert!(problems_for("phase-1.yaml", &text).is_empty());
}

#[test]
fn a_duplicate_key_message_has_no_programmer_advice() {
    let text = PHASE_OK.replace("title: 阶段\n", "title: 阶段\ntitle: 又一个\n");
    let p = problems_for("phase-1.yaml", &text);
    assert!(
        !p[0].message.contains("DuplicateKeyPolicy"),
        "{}",
        p[0].message
    );
}

#[test]
fn a_mapping_where_text_belongs_is_called_a_wrong_type() {
    let text = PHASE_OK.replace("title: 阶段", "title: {名称: 阶段}");
    let p = problems_for("phase-1.yaml", &text);
    assert!(p[0].message.contains("类型不对"), "{}", p[0].message);
}

#[test]
fn an_unclosed_quote_is_reported_with_advice_to_look_above() {
    let text = PHASE_OK.replace("title: 阶段", "title: \"阶段");
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].line >= 3, "{p:?}");
}

#[test]
fn an_unknown_enum_value_lists_what_is_allowed() {
    let text = PHASE_OK.replace(
        "        acceptance: 标准\n",
        "        acceptance: 标准\n        score_category: room\n",
    );
    let p = problems_for("phase-1.yaml", &text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].line, 13, "{p:?}");
    assert!(p[0].message.contains("secure_room"), "{}", p[0].message);
}

fn full_set(phase: &str) -> Vec<(String, String)> {
    vec![
        ("phase-1-a.yaml".into(), phase.into()),
        (
            "interview.yaml".into(),
            "roles:\n  - id: engineer\n    title: 运维工程师\ntopics:\n  - id: rules\n    title: 制度\nquestions:\n  - id: q1\n    topic: rules\n    roles: [engineer]\n    difficulty: 1\n    question: 问\n    answer: 答\n    key_points:\n      - point: 要点\n        keywords: [\"脱密|离岗\"]\n".into(),
        ),
        ("sops.yaml".into(), "sops: []\n".into()),
        ("rectification-templates.yaml".into(), "templates: []\n".into()),
        ("calendar.yaml".into(), "years: [2026]\nholidays:\n  - name: 元旦\n    off: [\"2026-01-01\"]\n    work: [\"2026-01-04\"]\n".into()),
        ("scoring.yaml".into(), "note: 估算\ncategories: []\n".into()),
    ]
}

#[test]
fn a_complete_small_set_loads() {
    let content = load_sources(ContentSource::BuiltIn, full_set(PHASE_OK)).expect("loads");
    assert_eq!(content.item_count(), 1);
    assert_eq!(content.interview.questions.len(), 1);
}

#[test]
fn duplicate_item_ids_are_reported_at_both_places() {
    let phase = PHASE_OK.to_owned()
        + "      - id: i1\n        title: 事项二\n        what: 做\n        acceptance: 好\n";
    let err = load_sources(ContentSource::BuiltIn, full_set(&phase)).expect_err("duplicate");
    assert_eq!(err.0.len(), 1, "{err}");
    let p = &err.0[0];
    assert_eq!((p.line, p.column), (13, 13), "{p}");
    assert!(p.message.contains("phase-1-a.yaml:9:13"), "{p}");
}

#[test]
fn a_dangling_topic_reference_is_reported_at_the_reference() {
    let mut set = full_set(PHASE_OK);
    set[1].1 = set[1].1.replace("    topic: rules", "    topic: rulez");
    let err = load_sources(ContentSource::BuiltIn, set).expect_err("dangling");
    assert_eq!(err.0.len(), 1, "{err}");
    assert_eq!((err.0[0].line, err.0[0].column), (9, 12), "{err}");
    assert!(err.0[0].message.contains("rulez"));
}

#[test]
fn a_make_up_workday_on_a_weekday_is_refused() {
    let mut set = full_set(PHASE_OK);
    set[4].1 = set[4].1.replace("2026-01-04", "2026-01-05");
    let err = load_sources(ContentSource::BuiltIn, set).expect_err("weekday");
    assert!(err.0[0].message.contains("不是周末"), "{err}");
    assert_eq!(err.0[0].line, 5);
}

#[test]
fn every_problem_in_every_file_is_reported_not_just_the_first() {
    let mut set = full_set(&PHASE_OK.replace("order: 1", "order: x"));
    set[4].1 = set[4].1.replace("2026-01-04", "2026-13-04");
    set.push(("notes.yaml".into(), "a: 1\n".into()));
    let err = load_sources(ContentSource::BuiltIn, set).expect_err("three problems");
    assert_eq!(err.0.len(), 3, "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let mut set = full_set(PHASE_OK);
    set.retain(|(n, _)| n != "sops.yaml");
    let err = load_sources(ContentSource::BuiltIn, set).expect_err("missing");
    assert!(err.0[0].message.contains("sops.yaml"), "{err}");
}

#[test]
fn a_bad_id_format_is_refused() {
    let err = load_sources(
        ContentSource::BuiltIn,
        full_set(&PHASE_OK.replace("id: i1", "id: 事项1")),
    )
    .expect_err("format");
    assert!(err.0[0].message.contains("小写"), "{err}");
}

#[test]
fn a_file_in_another_encoding_is_reported_once_not_also_as_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in full_set(PHASE_OK) {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    // "日历" in GBK.
    std::fs::write(
        dir.path().join("calendar.yaml"),
        b"years: [2026]\n# \xc8\xd5\xc0\xfa\n",
    )
    .expect("write");
    let err = load_dir(dir.path()).expect_err("not UTF-8");
    assert_eq!(err.0.len(), 1, "{err}");
    assert_eq!((err.0[0].line, err.0[0].column), (2, 3), "{err}");
    assert!(err.0[0].message.contains("UTF-8"), "{err}");
}

#[test]
fn an_alias_note_is_removed_whole_not_cut_mid_phrase() {
    let raw = "alias budget exceeded: 1001 aliases (used at line 9, column 3) (defined at line 2, column 5) at line 9, column 3";
    assert_eq!(strip_location(raw), "alias budget exceeded: 1001 aliases");
    assert_eq!(
        strip_location("no location here, but at line breaks"),
        "no location here, but at line breaks"
    );
}

#[test]
fn a_nul_byte_is_reported_as_a_forbidden_character_not_a_type_error() {
    let message = explain("unexpected character: `\\u{0}' at line 1, column 38");
    assert!(message.contains("不允许的字符"), "{message}");
    assert!(!message.contains("类型"), "{message}");
}

#[test]
fn a_deserialiser_message_in_both_languages_is_split_into_them() {
    #[derive(serde::Deserialize, Debug)]
    struct Holder {
        #[allow(dead_code, reason = "only the error is looked at")]
        basis: crate::content::model::Bases,
    }
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    let err = serde_saphyr::from_str_with_options::<Holder>("basis: nonsense\n", options)
        .expect_err("not a basis");
    let raw = err.to_string();
    let zh = explain(&raw);
    let en = explain_en(&raw).expect("an English text");
    assert!(
        zh.contains("`nonsense` 不是依据类别") && !zh.contains("is not"),
        "{zh}"
    );
    assert!(en.contains("`nonsense` is not a kind of basis"), "{en}");
    assert!(
        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{en}"
    );
}
