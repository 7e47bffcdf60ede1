//! The question bank's key points and traps against answers worded as O&M staff speak
//! (`tests/judge/answers.yaml`): good answers are covered, poor and trap answers are not counted
//! as good, every trap pattern catches paraphrases that do not copy it, and the matcher keeps
//! its promises about negation and unrelated text.

#![cfg(test)]

#[path = "support/judge.rs"]
mod corpus;

use std::collections::BTreeMap;

use corpus::{Kind, content, describe, question};
use proptest::prelude::*;

use zizhi::content::Grade;
use zizhi::domain::keypoints::{CompiledRule, judge, text::fold};

fn answers() -> Vec<corpus::Answer> {
    corpus::answers("answers.yaml")
}

#[test]
fn every_question_has_a_good_answer_and_a_trap_or_poor_answer_in_the_corpus() {
    let content = content();
    let answers = answers();
    let missing: Vec<String> = content
        .interview
        .questions
        .iter()
        .filter(|q| {
            let of = |k: Kind| answers.iter().any(|a| a.q == q.id.value && a.kind == k);
            !of(Kind::Good) || !(of(Kind::Trap) || of(Kind::Poor))
        })
        .map(|q| q.id.value.clone())
        .collect();
    assert!(missing.is_empty(), "questions without answers: {missing:?}");
}

#[test]
fn good_answers_are_covered_and_poor_or_trap_answers_are_not_counted_good() {
    let content = content();
    let answers = answers();
    let mut failures = Vec::new();
    let (mut good, mut good_sum, mut good_flagged) = (0usize, 0.0f64, 0usize);
    for a in &answers {
        let q = question(content, &a.q);
        let j = judge(&a.answer, q, a.grade.unwrap_or(Grade::B));
        match a.kind {
            Kind::Good => {
                good += 1;
                good_sum += j.ratio();
                good_flagged += usize::from(j.flagged());
                if j.ratio() < 0.5 || j.flagged() {
                    failures.push(format!("good {}: {} — {}", a.q, describe(&j), a.answer));
                }
            }
            Kind::Poor | Kind::Trap => {
                if j.ratio() > 0.5 && !j.flagged() {
                    failures.push(format!(
                        "{:?} {}: {} — {}",
                        a.kind,
                        a.q,
                        describe(&j),
                        a.answer
                    ));
                }
                if a.kind == Kind::Trap && !j.flagged() {
                    failures.push(format!(
                        "unflagged trap {}: {} — {}",
                        a.q,
                        describe(&j),
                        a.answer
                    ));
                }
            }
        }
    }
    let average = good_sum / good.max(1) as f64;
    assert!(
        failures.is_empty(),
        "{}\n({} failures)",
        failures.join("\n"),
        failures.len()
    );
    assert!(average >= 0.75, "good answers average {average:.2}");
    assert!(
        good_flagged * 10 <= good,
        "{good_flagged} of {good} good answers flagged"
    );
}

/// Whether `a` and `b` share a run of `n` characters.
fn share_run(a: &str, b: &str, n: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    a.windows(n)
        .any(|w| b.contains(&w.iter().collect::<String>()))
}

#[test]
fn every_trap_pattern_catches_two_paraphrases_that_do_not_copy_it() {
    let content = content();
    let answers = answers();
    let mut failures = Vec::new();
    for q in &content.interview.questions {
        assert!(!q.traps.is_empty(), "{} has no trap patterns", q.id);
        for trap in &q.traps {
            let rule = CompiledRule::trap(trap);
            let written = trap.keywords.join("|");
            let caught = answers
                .iter()
                .filter(|a| a.q == q.id.value && a.kind != Kind::Good)
                .filter(|a| rule.judge(&fold(&a.answer)).hit)
                .filter(|a| {
                    written
                        .split(['|', '…'])
                        .all(|alt| !share_run(alt, &a.answer, 6))
                })
                .count();
            if caught < 2 {
                failures.push(format!("{} 「{}」 catches {caught}", q.id, trap.reason));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_issue_examples_are_judged_as_an_auditor_would() {
    let content = content();
    let rules = question(content, "q-rules-001");
    let wrong =
        "我没签过保密承诺书，也不太清楚授权范围，发现问题一般不报告，培训和检查我都没参加过。";
    let j = judge(wrong, rules, Grade::B);
    assert_eq!(j.covered(), 0, "{}", describe(&j));
    assert!(
        j.points.iter().all(|p| p.negated),
        "every point of the wrong answer reads as negated, none as missing: {}",
        describe(&j)
    );
    // The same denial over a list, fronted or after the verb, in other words.
    for negated in [
        "培训和检查我都没参加过",
        "保密培训、保密检查这些我一次都没参加",
        "我从来没参加过保密培训和保密检查",
        "公司的保密培训跟检查我都没去过",
    ] {
        let j = judge(negated, rules, Grade::B);
        let point = j.points.last().expect("point");
        assert!(!point.hit && point.negated, "{negated}: {}", describe(&j));
    }

    let incident = question(content, "q-incident-001");
    let natural = "先把那台机器网线拔了……东西一概不动，保持原样。马上打电话给我们的保密员……一天之内报给市保密局";
    let j = judge(natural, incident, Grade::B);
    assert_eq!(j.covered(), 4, "{}", describe(&j));
    assert!(!j.flagged(), "{}", describe(&j));
    let dismissive = "我先查一下，确认了再报告，没必要断开网络。";
    assert!(judge(dismissive, incident, Grade::B).flagged());

    let usb = question(content, "q-usb-001");
    let j = judge(
        "自己的U盘绝对不能插，要申请审批，用登记过的专用U盘",
        usb,
        Grade::B,
    );
    let personal = j
        .points
        .iter()
        .find(|p| p.point == "不用个人U盘")
        .expect("point");
    assert!(personal.hit, "{}", describe(&j));
}

#[test]
fn a_grade_aware_point_follows_the_target_grade() {
    let content = content();
    let room = question(content, "q-room-002");
    let answer = "录像要连续录，保存不少于90天，录像机单独放、不联网，以当地保密局的要求为准。";
    let b = judge(answer, room, Grade::B);
    let a = judge(answer, room, Grade::A);
    assert_eq!(b.covered(), b.total(), "{}", describe(&b));
    assert_eq!(a.covered() + 1, a.total(), "{}", describe(&a));
    assert!(
        a.points.iter().any(|p| p.point.contains("180")),
        "{}",
        describe(&a)
    );
}

/// Every alternative written in the bank, with its question, for the properties below.
fn terms() -> Vec<(usize, String)> {
    let content = content();
    let mut out = BTreeMap::new();
    for (qi, q) in content.interview.questions.iter().enumerate() {
        for p in q.key_points.iter().filter(|p| !p.negative) {
            for k in &p.keywords {
                for alt in k.split('|').filter(|a| !a.contains('…')) {
                    out.insert((qi, alt.to_owned()), ());
                }
            }
        }
    }
    out.into_keys().collect()
}

const NEGATIONS: [&str; 8] = [
    "没",
    "没有",
    "不太清楚",
    "没必要",
    "从不",
    "无需",
    "一般不",
    "来不及",
];
const UNRELATED: [&str; 4] = [
    "今天天气不错。",
    "我在公司干了五年了。",
    "另外，我们的机房在三楼。",
    "说实话这个问题我以前也被问过。",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Putting a denial right before a key term never raises the coverage of the affirmative
    /// points (a prohibition point such as 不用个人U盘 is met by a denial, on purpose).
    #[test]
    fn a_negation_before_a_key_term_never_increases_coverage(
        pick in any::<prop::sample::Index>(),
        neg in 0..NEGATIONS.len(),
    ) {
        let content = content();
        let all = terms();
        let (qi, term) = &all[pick.index(all.len())];
        let q = &content.interview.questions[*qi];
        let Some(at) = q.answer.find(term.as_str()) else {
            return Ok(());
        };
        let negated = format!("{}{}{}", &q.answer[..at], NEGATIONS[neg], &q.answer[at..]);
        let affirmative = |answer: &str| {
            judge(answer, q, Grade::B)
                .points
                .iter()
                .zip(&q.key_points)
                .filter(|(p, k)| p.hit && !k.negative)
                .count()
        };
        let (before, after) = (affirmative(&q.answer), affirmative(&negated));
        prop_assert!(after <= before, "{} → {}: {}", before, after, negated);
    }

    /// Adding an unrelated sentence before or after an answer never lowers coverage.
    #[test]
    fn unrelated_text_never_decreases_coverage(
        qi in 0usize..77,
        extra in 0..UNRELATED.len(),
        front in any::<bool>(),
    ) {
        let content = content();
        let q = &content.interview.questions[qi % content.interview.questions.len()];
        let more = if front {
            format!("{}{}", UNRELATED[extra], q.answer)
        } else {
            format!("{}\n{}", q.answer, UNRELATED[extra])
        };
        let before = judge(&q.answer, q, Grade::B).covered();
        prop_assert!(judge(&more, q, Grade::B).covered() >= before, "{}", more);
    }
}
