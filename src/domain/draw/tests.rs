//! The seeded draw and the practice and cram queues, on the built-in bank.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::*;
use crate::content::load_built_in;
use crate::progress::Review;

fn bank() -> InterviewBank {
    load_built_in().expect("built-in content loads").interview
}

fn person(name: &str, roles: &[&str]) -> Person {
    Person::roster_entry(name, roles.iter().map(|r| (*r).to_owned()).collect())
}

fn roster() -> Vec<Person> {
    vec![
        person("张伟", &["engineer"]),
        person("李娜", &["security-admin"]),
        person("王强", &["sys-admin"]),
        person("赵敏", &["auditor"]),
        person("刘洋", &["tech-lead"]),
        person("陈静", &["engineer", "sys-admin"]),
        person("杨帆", &["engineer"]),
    ]
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid time")
}

#[test]
fn the_same_seed_draws_the_same_audit() {
    let bank = bank();
    assert_eq!(
        draw_audit(&bank, &roster(), 42),
        draw_audit(&bank, &roster(), 42)
    );
}

#[test]
fn different_seeds_draw_different_audits() {
    let bank = bank();
    let plans: HashSet<Vec<usize>> = (0..20)
        .map(|seed| {
            draw_audit(&bank, &roster(), seed)
                .interviewees
                .iter()
                .map(|i| i.person)
                .collect()
        })
        .collect();
    assert!(plans.len() > 5, "only {} distinct draws", plans.len());
}

#[test]
fn an_audit_draws_three_to_five_distinct_people_with_two_to_four_questions_each() {
    let bank = bank();
    let people = roster();
    let mut sizes = HashSet::new();
    for seed in 0..300 {
        let plan = draw_audit(&bank, &people, seed);
        assert!(!plan.short_roster);
        let n = plan.interviewees.len();
        assert!((3..=5).contains(&n), "seed {seed}: {n} people");
        sizes.insert(n);
        let names: HashSet<usize> = plan.interviewees.iter().map(|i| i.person).collect();
        assert_eq!(names.len(), n, "seed {seed}: a person drawn twice");
        for i in &plan.interviewees {
            assert!((2..=4).contains(&i.questions.len()), "seed {seed}");
            assert_eq!(i.follow_ups.len(), i.questions.len());
        }
    }
    assert_eq!(sizes, HashSet::from([3, 4, 5]));
}

#[test]
fn every_drawn_question_suits_the_person_and_none_is_asked_twice() {
    let bank = bank();
    let people = roster();
    for seed in 0..300 {
        let plan = draw_audit(&bank, &people, seed);
        let mut seen = HashSet::new();
        for i in &plan.interviewees {
            let roles = &people[i.person].roles;
            for &q in &i.questions {
                let question = &bank.questions[q];
                assert!(
                    question.roles.iter().any(|r| roles.contains(&r.value)),
                    "seed {seed}: {} asked of {:?}",
                    question.id,
                    roles
                );
                assert!(seen.insert(q), "seed {seed}: {} asked twice", question.id);
            }
        }
    }
}

#[test]
fn a_follow_up_is_chosen_exactly_where_the_bank_has_one() {
    let bank = bank();
    let plan = draw_audit(&bank, &roster(), 7);
    for i in &plan.interviewees {
        for (&q, follow) in i.questions.iter().zip(&i.follow_ups) {
            let n = bank.questions[q].follow_ups.len();
            match follow {
                Some(f) => assert!(*f < n),
                None => assert_eq!(n, 0),
            }
        }
    }
}

#[test]
fn a_roster_of_fewer_than_three_takes_everyone_and_says_so() {
    let bank = bank();
    let people = vec![person("张伟", &["engineer"]), person("李娜", &[])];
    let plan = draw_audit(&bank, &people, 1);
    assert!(plan.short_roster);
    let mut drawn: Vec<usize> = plan.interviewees.iter().map(|i| i.person).collect();
    drawn.sort();
    assert_eq!(drawn, vec![0, 1]);
    assert!(draw_audit(&bank, &[], 1).interviewees.is_empty());
}

#[test]
fn a_person_without_roles_is_asked_anything() {
    let bank = bank();
    assert!(bank.questions.iter().all(|q| suited(q, &[])));
}

fn reviewed(grade: u8, due: NaiveDateTime) -> QuestionReviews {
    QuestionReviews {
        due: Some(due),
        history: vec![Review {
            at: due - Duration::days(2),
            grade,
            seconds: 30,
            covered: None,
            answer: String::new(),
            aloud: false,
            flagged: false,
            flag_overridden: false,
            follow_up: None,
        }],
        ..QuestionReviews::default()
    }
}

#[test]
fn practice_asks_due_questions_first_then_new_ones_for_the_role() {
    let bank = bank();
    let roles = vec!["security-admin".to_owned()];
    let suited_ids: Vec<&str> = bank
        .questions
        .iter()
        .filter(|q| suited(q, &roles))
        .map(|q| &*q.id.value)
        .collect();
    let mut reviews = BTreeMap::new();
    // Most overdue should come first; a question due tomorrow is not asked.
    reviews.insert(
        suited_ids[2].to_owned(),
        reviewed(3, now() - Duration::hours(1)),
    );
    reviews.insert(
        suited_ids[5].to_owned(),
        reviewed(3, now() - Duration::days(3)),
    );
    reviews.insert(
        suited_ids[0].to_owned(),
        reviewed(3, now() + Duration::days(1)),
    );
    let queue = practice_queue(&bank, &roles, Some(&reviews), now(), 3);
    let ids: Vec<&str> = queue
        .iter()
        .map(|&i| &*bank.questions[i].id.value)
        .collect();
    assert_eq!(
        ids,
        vec![
            suited_ids[5],
            suited_ids[2],
            suited_ids[1],
            suited_ids[3],
            suited_ids[4]
        ]
    );
}

#[test]
fn cram_wrong_takes_only_questions_last_graded_again_or_hard() {
    let bank = bank();
    let mut reviews = BTreeMap::new();
    let id = |i: usize| bank.questions[i].id.value.clone();
    reviews.insert(id(0), reviewed(1, now()));
    reviews.insert(id(1), reviewed(3, now()));
    reviews.insert(id(2), reviewed(2, now()));
    assert_eq!(cram_wrong(&bank, Some(&reviews)), vec![0, 2]);
}

#[test]
fn cram_topic_keeps_to_the_topic_and_the_role() {
    let bank = bank();
    let roles = vec!["engineer".to_owned()];
    let queue = cram_topic(&bank, &roles, "peripheral");
    assert!(!queue.is_empty());
    for i in queue {
        let q = &bank.questions[i];
        assert_eq!(&*q.topic, "peripheral");
        assert!(suited(q, &roles));
    }
}
