use super::*;

fn question(question: &str, answer: &str, trap: Option<&str>) -> Question {
    Question {
        id: Id::new("q-test-001"),
        topic: Id::new("rules"),
        roles: vec![Id::new("engineer")],
        difficulty: 1,
        question: question.into(),
        answer: answer.into(),
        key_points: Vec::new(),
        follow_ups: Vec::new(),
        trap: trap.map(str::to_owned),
        traps: Vec::new(),
        basis: Bases::default(),
    }
}

fn problems_of(q: &Question) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_question("interview.yaml", q, &mut problems);
    problems
}

#[test]
fn figures_are_found_with_their_unit_and_times_and_dates_are_not() {
    assert_eq!(find_figure("24小时内报告"), Some("24小时".into()));
    assert_eq!(find_figure("保存不少于六个月"), Some("六个月".into()));
    assert_eq!(
        find_figure("纸质记录写的是下午3点操作，日志显示2点40分"),
        None
    );
    assert_eq!(find_figure("2024 年修订"), None);
}

#[test]
fn an_interview_question_whose_answer_states_a_figure_needs_a_basis() {
    let q = question("发现泄密怎么办？", "单位要在24小时内上报。", None);
    let problems = problems_of(&q);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].to_string().contains("24小时"), "{problems:?}");
    let trap = question(
        "U盘丢了怎么办？",
        "马上报告。",
        Some("拖延会错过24小时时限"),
    );
    assert_eq!(problems_of(&trap).len(), 1);
    let mut sourced = q.clone();
    sourced.basis = serde_saphyr::from_str(
        "{official: 中华人民共和国保守国家秘密法实施条例, article: 第六十一条, year: 2024}",
    )
    .expect("a basis parses");
    assert!(problems_of(&sourced).is_empty());
    assert!(
        problems_of(&question(
            "三员是什么？",
            "系统管理员、安全保密管理员、安全审计员。",
            None
        ))
        .is_empty()
    );
}

#[test]
fn an_official_basis_must_name_an_article_not_only_a_section() {
    let section = serde_saphyr::from_str::<Basis>(
        "{official: 涉密信息系统集成资质管理办法, article: 申请材料条款, year: 2020}",
    );
    let err = section
        .expect_err("a section is not an article")
        .to_string();
    assert!(err.contains("条号"), "{err}");
    for article in [
        "第九条",
        "第四十八条（年度自检报告）",
        "第二百零一条、第二百零三条（期间计算）",
    ] {
        assert!(names_an_article(article), "{article}");
    }
    for section in ["第二章", "申请受理条款", "第三节第二款", "条"] {
        assert!(!names_an_article(section), "{section}");
    }
}

#[test]
fn every_official_basis_in_the_built_in_content_names_document_article_and_year() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    let mut officials = 0;
    for entry in std::fs::read_dir(&dir).expect("checklists/ is readable") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a content file is readable");
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("{official:") {
                let end = rest[at..].find('}').map_or(rest.len(), |e| at + e + 1);
                let entry = &rest[at..end];
                let basis: Basis = serde_saphyr::from_str(entry)
                    .unwrap_or_else(|e| panic!("{}:{}: {entry}: {e}", path.display(), n + 1));
                assert!(!basis.text.is_empty() && basis.year.is_some(), "{entry}");
                let article = basis.article.as_deref().unwrap_or_default();
                assert!(
                    names_an_article(article),
                    "{}:{}: {entry}",
                    path.display(),
                    n + 1
                );
                officials += 1;
                rest = &rest[end..];
            }
        }
    }
    assert!(officials >= 10, "only {officials} official bases found");
}
