//! The built-in content: it loads, it is complete, it states every fact the qualification
//! depends on, its reference answers pass their own key points, and its calendar is right.

#![cfg(test)]

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use zizhi::content::{BUILT_IN, Content, Grade, load_built_in};
use zizhi::domain::calendar::WorkCalendar;
use zizhi::domain::keypoints::judge;

fn content() -> Content {
    load_built_in().unwrap_or_else(|problems| panic!("built-in content has problems:\n{problems}"))
}

#[test]
fn built_in_content_loads_without_problems() {
    let content = content();
    assert_eq!(content.source, zizhi::content::ContentSource::BuiltIn);
}

#[test]
fn there_are_at_least_60_items_in_6_phases_in_order() {
    let content = content();
    assert!(
        content.item_count() >= 60,
        "only {} items",
        content.item_count()
    );
    assert_eq!(content.phases.len(), 6);
    let orders: Vec<u32> = content.phases.iter().map(|p| p.order).collect();
    assert_eq!(orders, vec![1, 2, 3, 4, 5, 6]);
    for phase in &content.phases {
        assert!(phase.item_count() > 0, "phase {} is empty", phase.id);
        assert!(!phase.title.trim().is_empty());
        for item in phase.items() {
            assert!(
                !content.text(&item.what).trim().is_empty(),
                "{} has no `what`",
                item.id
            );
            assert!(
                !content.text(&item.acceptance).trim().is_empty(),
                "{} has no acceptance",
                item.id
            );
        }
    }
    // Phase files are named after their order.
    let phase_files: Vec<&str> = BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .filter(|n| n.starts_with("phase-"))
        .collect();
    assert_eq!(phase_files.len(), 6, "{phase_files:?}");
    for (index, name) in phase_files.iter().enumerate() {
        assert!(name.starts_with(&format!("phase-{}-", index + 1)), "{name}");
    }
}

#[test]
fn the_interview_bank_has_at_least_60_questions_over_10_topics() {
    let content = content();
    let bank = &content.interview;
    assert!(
        bank.questions.len() >= 60,
        "only {} questions",
        bank.questions.len()
    );
    let used: BTreeSet<&str> = bank.questions.iter().map(|q| &*q.topic.value).collect();
    assert!(
        used.len() >= 10,
        "questions cover only {} topics: {used:?}",
        used.len()
    );
    assert!(bank.topics.len() >= 10);
    for topic in &bank.topics {
        assert!(
            used.contains(&*topic.id.value),
            "topic {} has no questions",
            topic.id
        );
    }
    for q in &bank.questions {
        assert!(
            (2..=5).contains(&q.key_points.len()),
            "{} has {} key points (2–5 expected)",
            q.id,
            q.key_points.len()
        );
    }
}

#[test]
fn sops_templates_and_scoring_are_present() {
    let content = content();
    assert!(content.sops.len() >= 4, "only {} SOPs", content.sops.len());
    for sop in &content.sops {
        assert!(!sop.steps.is_empty(), "{} has no steps", sop.id);
    }
    assert!(!content.templates.is_empty(), "no rectification templates");
    let weights: u32 = content.scoring.categories.iter().map(|c| c.weight).sum();
    assert_eq!(weights, 100);
    assert_eq!(content.scoring.categories.len(), 3);
}

#[test]
fn the_calendar_covers_2026() {
    let content = content();
    assert!(
        content.calendar.years.contains(&2026),
        "{:?}",
        content.calendar.years
    );
    let calendar = WorkCalendar::from_content(&content.calendar);
    assert!(calendar.covers(d("2026-01-01")));
    assert!(calendar.covers(d("2026-12-31")));
}

// ── domain facts ──────────────────────────────────────────────────────────────

/// Facts from the qualification's process that the content must state somewhere.
const FACTS: &[&str] = &[
    "运行维护类",
    "系统咨询类",
    "风险评估类",
    "30%",
    "40%",
    "乙级",
    "甲级",
    "80",
    "90",
    "独立运维监控室",
    "三铁一器",
    "保密管理员",
    "CISP",
    "ITIL",
    "近3年",
    "密级",
    "营业执照",
    "公司章程",
    "无犯罪记录",
    "股权穿透",
    "平面图",
    "双人操作",
    "审计留痕",
    "应急预案",
    "等保测评师",
    "国产化率",
    "SolarWinds",
    "报备",
    "社保",
    "6个月",
    "省级",
    "保密办",
    "系统交接单",
    "满意度",
    "注册地",
    "10个工作日",
    "门禁",
    "180天",
    "90天",
    "防雷检测报告",
    "漏洞修复",
    "备份恢复",
    "权限分级",
    "SOP",
    "离岗脱密",
    "泄密风险",
    "运维工单",
    "巡检记录",
    "时间戳",
    "国密",
    "外设使用审批",
    "APT",
    "沙箱",
    "国家保密局",
    "专家复审",
    "党政",
    "7个工作日",
    "电子证书",
    "运维管理制度范本",
    "军民融合",
    "4个月",
    "60%",
    "电磁屏蔽膜",
    "50%",
    "12个月",
    "ISO 20000",
    "供应商库",
];

/// Ranges the source writes with a dash; either an en dash or a hyphen will do.
const RANGES: &[(&str, &str)] = &[("3", "5"), ("4", "8")];

#[test]
fn every_domain_fact_is_present() {
    let all: String = BUILT_IN
        .iter()
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join("\n");
    let mut missing: Vec<String> = FACTS
        .iter()
        .filter(|fact| !all.contains(**fact))
        .map(|fact| (*fact).to_owned())
        .collect();
    for (from, to) in RANGES {
        let forms = [format!("{from}–{to}"), format!("{from}-{to}")];
        if !forms.iter().any(|f| all.contains(f.as_str())) {
            missing.push(format!("{from}–{to} (or {from}-{to})"));
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the built-in content: {missing:?}"
    );
}

// ── interview answers against their own key points ────────────────────────────

/// Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to half-width.
fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Punctuation of ASCII, Latin-1, general punctuation (… — “ ” ‘ ’), CJK symbols and
/// punctuation (、。《》「」【】), CJK compatibility and small forms, half-width forms.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}'..='\u{00BF}'
            | '\u{00D7}'
            | '\u{00F7}'
            | '\u{2010}'..='\u{205E}'
            | '\u{3001}'..='\u{303F}'
            | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE6F}'
            | '\u{FF61}'..='\u{FF65}')
}

/// The documented matching rule's normal form: no whitespace, no punctuation, full-width
/// ASCII folded to half-width, lowercase.
fn normalise(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && !is_punctuation(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a key point's keywords are all matched by `answer` (already normalised).
fn covers(answer: &str, keywords: &[String]) -> bool {
    keywords.iter().all(|entry| {
        entry
            .split('|')
            .map(normalise)
            .any(|synonym| !synonym.is_empty() && answer.contains(&synonym))
    })
}

#[test]
fn the_normaliser_follows_the_documented_rule() {
    assert_eq!(normalise("ＣＩＳＰ 证书，　双人操作！"), "cisp证书双人操作");
    assert_eq!(normalise("“三铁一器”…—（门禁）"), "三铁一器门禁");
    assert_eq!(normalise("ISO 20000-1"), "iso200001");
    assert!(covers(
        &normalise("签了《保密承诺书》"),
        &["承诺书|保密协议".to_owned()]
    ));
    assert!(!covers(
        &normalise("签了协议"),
        &["承诺书|保密协议".to_owned()]
    ));
    assert!(!covers(
        &normalise("有门禁"),
        &["门禁".to_owned(), "报警".to_owned()]
    ));
}

#[test]
fn every_synonym_survives_normalisation() {
    let content = content();
    let mut empty = Vec::new();
    for q in &content.interview.questions {
        for kp in &q.key_points {
            for entry in &kp.keywords {
                if entry.split('|').any(|syn| normalise(syn).is_empty()) {
                    empty.push(format!("{}「{}」{entry:?}", q.id, kp.point));
                }
            }
        }
    }
    assert!(
        empty.is_empty(),
        "synonyms that normalise to nothing: {empty:#?}"
    );
}

#[test]
fn every_reference_answer_covers_all_its_key_points_for_both_grades() {
    let content = content();
    let mut uncovered = Vec::new();
    for q in &content.interview.questions {
        for grade in [Grade::A, Grade::B] {
            let judgement = judge(&q.answer, q, grade);
            for p in judgement.points.iter().filter(|p| !p.hit) {
                uncovered.push(format!("{} ({}) 「{}」", q.id, grade.label(), p.point));
            }
            if judgement.flagged() {
                uncovered.push(format!("{}: the reference answer falls into a trap", q.id));
            }
        }
    }
    assert!(
        uncovered.is_empty(),
        "{} key points are not covered by their own reference answer:\n{}",
        uncovered.len(),
        uncovered.join("\n")
    );
}

// ── the 2026 calendar ─────────────────────────────────────────────────────────

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Every date from `from` to `to`, inclusive.
fn span(from: &str, to: &str) -> Vec<NaiveDate> {
    let (mut day, end) = (d(from), d(to));
    let mut out = Vec::new();
    while day <= end {
        out.push(day);
        day = day + Days::new(1);
    }
    out
}

/// The State Council's 2026 arrangement: (name, days off, make-up working days).
fn official_2026() -> Vec<(&'static str, Vec<NaiveDate>, Vec<NaiveDate>)> {
    vec![
        (
            "元旦",
            span("2026-01-01", "2026-01-03"),
            vec![d("2026-01-04")],
        ),
        (
            "春节",
            span("2026-02-15", "2026-02-23"),
            vec![d("2026-02-14"), d("2026-02-28")],
        ),
        ("清明节", span("2026-04-04", "2026-04-06"), vec![]),
        (
            "劳动节",
            span("2026-05-01", "2026-05-05"),
            vec![d("2026-05-09")],
        ),
        ("端午节", span("2026-06-19", "2026-06-21"), vec![]),
        ("中秋节", span("2026-09-25", "2026-09-27"), vec![]),
        (
            "国庆节",
            span("2026-10-01", "2026-10-07"),
            vec![d("2026-09-20"), d("2026-10-10")],
        ),
    ]
}

#[test]
fn the_2026_calendar_has_exactly_the_official_holidays_and_make_up_days() {
    let content = content();
    let calendar = WorkCalendar::from_content(&content.calendar);
    let official = official_2026();
    let off: BTreeSet<NaiveDate> = official
        .iter()
        .flat_map(|(_, off, _)| off.clone())
        .collect();
    let work: BTreeSet<NaiveDate> = official
        .iter()
        .flat_map(|(_, _, work)| work.clone())
        .collect();

    let mut wrong = Vec::new();
    for day in span("2026-01-01", "2026-12-31") {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = work.contains(&day) || (!weekend && !off.contains(&day));
        if calendar.is_working_day(day) != expected {
            wrong.push(format!(
                "{day} ({:?}) should be a {}",
                day.weekday(),
                if expected { "working day" } else { "day off" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The file lists the same dates under the same holiday names, nothing more.
    for (name, off, work) in &official {
        let holiday = content
            .calendar
            .holidays
            .iter()
            .find(|h| h.name == *name)
            .unwrap_or_else(|| panic!("no holiday named {name}"));
        let listed_off: Vec<NaiveDate> = holiday.off.iter().map(|id| d(id)).collect();
        let listed_work: Vec<NaiveDate> = holiday.work.iter().map(|id| d(id)).collect();
        assert_eq!(&listed_off, off, "{name} days off");
        assert_eq!(&listed_work, work, "{name} make-up days");
    }
    assert_eq!(content.calendar.holidays.len(), official.len());
    // Make-up days are all weekends.
    assert!(
        work.iter()
            .all(|w| matches!(w.weekday(), Weekday::Sat | Weekday::Sun))
    );
}

#[test]
fn the_2026_calendar_has_248_working_days() {
    // 365 days − 104 weekend days − 19 holidays on weekdays + 6 make-up weekend days.
    let official = official_2026();
    let off: BTreeSet<NaiveDate> = official
        .iter()
        .flat_map(|(_, off, _)| off.clone())
        .collect();
    let work: BTreeSet<NaiveDate> = official
        .iter()
        .flat_map(|(_, _, work)| work.clone())
        .collect();
    let expected = span("2026-01-01", "2026-12-31")
        .into_iter()
        .filter(|day| {
            work.contains(day)
                || (!matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !off.contains(day))
        })
        .count();
    let expected = u32::try_from(expected).expect("a day count");
    assert_eq!(expected, 248);
    let calendar = WorkCalendar::from_content(&content().calendar);
    assert_eq!(
        calendar.working_days_between(d("2025-12-31"), d("2026-12-31")),
        expected
    );
}

#[test]
fn every_item_is_found_by_its_id_and_unknown_ids_are_not() {
    let content = load_built_in().expect("built-in content loads");
    for r in content.items() {
        let found = content.find_item(&r.item.id).expect("found by id");
        assert_eq!(found.item.id, r.item.id);
    }
    assert!(content.find_item("no-such-item").is_none());
    assert!(content.find_item("").is_none());
}
