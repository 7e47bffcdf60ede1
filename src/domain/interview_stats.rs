//! How ready each person is for the interviews: accuracy, key-point coverage, time per answer
//! and due counts, per person and per topic, computed from the latest review of each question.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::content::{InterviewBank, Question};
use crate::domain::draw::{is_due, suited};
use crate::progress::{Person, Progress, QuestionReviews, Review};

/// Share of suited questions practised, of latest answers graded good or easy, and of key
/// points covered, that makes a person ready for the on-site interview.
pub const READY_SHARE: f64 = 0.8;

/// Counts and ratios over a set of questions; ratios are `None` when there is nothing to
/// measure yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Questions in the set (suited to the person's roles).
    pub questions: usize,
    /// Of those, answered at least once.
    pub answered: usize,
    /// Answered questions now due again.
    pub due: usize,
    /// Reviews in total (every attempt).
    pub reviews: usize,
    /// Latest answers that fell into a trap (别这样答); they count as 没答上 whatever the grade.
    pub flagged: usize,
    /// Share of latest answers graded good or easy and not flagged.
    pub accuracy: Option<f64>,
    /// Share of key points covered by the latest checked answers.
    pub coverage: Option<f64>,
    /// Mean seconds per answer over every review.
    pub avg_seconds: Option<f64>,
}

#[derive(Default)]
struct Acc {
    tally: Tally,
    good: usize,
    points: usize,
    covered: usize,
    seconds: u64,
}

impl Acc {
    fn add(&mut self, question: &Question, record: Option<&QuestionReviews>, now: NaiveDateTime) {
        self.tally.questions += 1;
        let Some(record) = record.filter(|r| !r.history.is_empty()) else {
            return;
        };
        self.tally.answered += 1;
        self.tally.reviews += record.history.len();
        self.seconds += record
            .history
            .iter()
            .map(|r| u64::from(r.seconds))
            .sum::<u64>();
        if is_due(record, now) {
            self.tally.due += 1;
        }
        if let Some(last) = record.history.last() {
            if last.flagged && !last.flag_overridden {
                self.tally.flagged += 1;
            } else if last.grade >= 3 {
                self.good += 1;
            }
            if let Some(covered) = &last.covered {
                self.points += question.key_points.len();
                self.covered += covered
                    .iter()
                    .filter(|&&i| i < question.key_points.len())
                    .count();
            }
        }
    }

    fn finish(mut self) -> Tally {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.tally.accuracy = ratio(self.good, self.tally.answered);
        self.tally.coverage = ratio(self.covered, self.points);
        self.tally.avg_seconds =
            (self.tally.reviews > 0).then(|| self.seconds as f64 / self.tally.reviews as f64);
        self.tally
    }
}

/// Whether a person is ready, and if not, the first reason why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    Ready,
    /// Fewer than 80 % of their questions practised.
    NotPractised,
    /// Questions are due again.
    Due,
    /// Latest answers miss too many key points or were graded again/hard too often.
    Weak,
}

impl Readiness {
    pub fn of(tally: &Tally) -> Self {
        let share = |a: usize, b: usize| b > 0 && a as f64 >= READY_SHARE * b as f64;
        if !share(tally.answered, tally.questions) {
            Readiness::NotPractised
        } else if tally.due > 0 {
            Readiness::Due
        } else if tally.accuracy.unwrap_or(0.0) < READY_SHARE
            || tally.coverage.is_some_and(|c| c < READY_SHARE)
        {
            Readiness::Weak
        } else {
            Readiness::Ready
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Readiness::Ready => lang.t("就绪", "ready"),
            Readiness::NotPractised => lang.t("练得不够", "under-practised"),
            Readiness::Due => lang.t("有待复习", "reviews due"),
            Readiness::Weak => lang.t("要点不全", "misses points"),
        }
    }
}

/// One person's readiness over the questions suited to their roles (plus any others they
/// answered, which count towards due reviews).
pub fn person_tally(
    bank: &InterviewBank,
    person: &Person,
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
    now: NaiveDateTime,
) -> Tally {
    let mut acc = Acc::default();
    for q in &bank.questions {
        let record = reviews.and_then(|r| r.get(&q.id.value));
        if suited(q, &person.roles) || record.is_some_and(|r| !r.history.is_empty()) {
            acc.add(q, record, now);
        }
    }
    acc.finish()
}

/// One person's tally per topic, in the bank's topic order.
pub fn topic_tallies(
    bank: &InterviewBank,
    person: &Person,
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
    now: NaiveDateTime,
) -> Vec<(String, Tally)> {
    bank.topics
        .iter()
        .map(|topic| {
            let mut acc = Acc::default();
            for q in bank.questions.iter().filter(|q| *q.topic == *topic.id) {
                let record = reviews.and_then(|r| r.get(&q.id.value));
                if suited(q, &person.roles) || record.is_some_and(|r| !r.history.is_empty()) {
                    acc.add(q, record, now);
                }
            }
            (topic.title.clone(), acc.finish())
        })
        .collect()
}

/// The key points a person's latest checked answers missed: (question index, point index).
pub fn missed_points(
    bank: &InterviewBank,
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (qi, q) in bank.questions.iter().enumerate() {
        let last: Option<&Review> = reviews
            .and_then(|r| r.get(&q.id.value))
            .and_then(|r| r.history.last());
        if let Some(covered) = last.and_then(|r| r.covered.as_ref()) {
            for pi in 0..q.key_points.len() {
                if !covered.contains(&pi) {
                    out.push((qi, pi));
                }
            }
        }
    }
    out
}

/// Key-point coverage of each of a person's last `n` checked answers, oldest first, in
/// percent (for a sparkline).
pub fn recent_coverage(
    bank: &InterviewBank,
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
    n: usize,
) -> Vec<u64> {
    let mut points: Vec<(NaiveDateTime, u64)> = Vec::new();
    let Some(reviews) = reviews else {
        return Vec::new();
    };
    for q in &bank.questions {
        let total = q.key_points.len().max(1);
        for r in reviews
            .get(&q.id.value)
            .map(|r| &r.history[..])
            .unwrap_or(&[])
        {
            if let Some(covered) = &r.covered {
                let hit = covered.iter().filter(|&&i| i < total).count();
                points.push((r.at, (hit * 100 / total) as u64));
            }
        }
    }
    points.sort();
    let skip = points.len().saturating_sub(n);
    points.into_iter().skip(skip).map(|(_, v)| v).collect()
}

/// One roster entry in `status --json`.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub name: String,
    pub roles: Vec<String>,
    #[serde(flatten)]
    pub tally: Tally,
    pub ready: Readiness,
}

/// A topic in `status --json`.
#[derive(Debug, Clone, Serialize)]
pub struct TopicSummary {
    pub id: String,
    pub title: String,
    pub questions: usize,
}

/// The `interview` object of `status --json`.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewSummary {
    pub questions: usize,
    pub topics: Vec<TopicSummary>,
    /// People on the roster.
    pub people: usize,
    /// Reviews recorded, over everyone (people removed from the roster included).
    pub reviews: usize,
    /// Questions due again now, over the people on the roster.
    pub due: usize,
    /// Questions whose text changed since someone last answered them.
    pub changed: usize,
    pub roster: Vec<PersonSummary>,
}

pub fn summarize(
    bank: &InterviewBank,
    progress: &Progress,
    now: NaiveDateTime,
) -> InterviewSummary {
    let roster: Vec<PersonSummary> = progress
        .roster_people()
        .into_iter()
        .map(|p| {
            let tally = person_tally(bank, p, progress.reviews.get(&p.name), now);
            PersonSummary {
                name: p.name.clone(),
                roles: p.roles.clone(),
                ready: Readiness::of(&tally),
                tally,
            }
        })
        .collect();
    let changed = progress
        .reviews
        .values()
        .flat_map(|m| m.iter())
        .filter(|(id, r)| {
            bank.questions
                .iter()
                .find(|q| q.id.value == **id)
                .is_some_and(|q| crate::domain::schedule::changed_since_review(r, q))
        })
        .count();
    InterviewSummary {
        questions: bank.questions.len(),
        topics: bank
            .topics
            .iter()
            .map(|t| TopicSummary {
                id: t.id.value.clone(),
                title: t.title.clone(),
                questions: bank.questions.iter().filter(|q| *q.topic == *t.id).count(),
            })
            .collect(),
        people: progress.roster_people().len(),
        reviews: progress
            .reviews
            .values()
            .flat_map(|m| m.values())
            .map(|r| r.history.len())
            .sum(),
        due: roster.iter().map(|p| p.tally.due).sum(),
        changed,
        roster,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::content::load_built_in;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid time")
    }

    fn answered(grade: u8, covered: Vec<usize>, due_in_days: i64) -> QuestionReviews {
        QuestionReviews {
            due: Some(now() + Duration::days(due_in_days)),
            history: vec![Review {
                at: now() - Duration::days(1),
                grade,
                seconds: 60,
                covered: Some(covered),
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
    fn a_new_person_is_not_practised_and_has_no_ratios() {
        let bank = load_built_in().expect("loads").interview;
        let person = Person::roster_entry("张伟", vec!["auditor".into()]);
        let tally = person_tally(&bank, &person, None, now());
        assert!(tally.questions > 0);
        assert_eq!(tally.answered, 0);
        assert_eq!(tally.accuracy, None);
        assert_eq!(Readiness::of(&tally), Readiness::NotPractised);
    }

    #[test]
    fn accuracy_coverage_time_and_due_come_from_the_latest_reviews() {
        let bank = load_built_in().expect("loads").interview;
        let person = Person::roster_entry("李娜", Vec::new());
        let q0 = &bank.questions[0];
        let q1 = &bank.questions[1];
        let mut reviews = BTreeMap::new();
        let all0: Vec<usize> = (0..q0.key_points.len()).collect();
        reviews.insert(q0.id.value.clone(), answered(3, all0, 3));
        reviews.insert(q1.id.value.clone(), answered(1, vec![0], -1));
        let tally = person_tally(&bank, &person, Some(&reviews), now());
        assert_eq!(tally.answered, 2);
        assert_eq!(tally.due, 1);
        assert_eq!(tally.accuracy, Some(0.5));
        let points = q0.key_points.len() + q1.key_points.len();
        assert_eq!(
            tally.coverage,
            Some((q0.key_points.len() + 1) as f64 / points as f64)
        );
        assert_eq!(tally.avg_seconds, Some(60.0));
        let missed = missed_points(&bank, Some(&reviews));
        assert_eq!(missed.len(), q1.key_points.len() - 1);
        assert!(missed.iter().all(|(q, _)| *q == 1));
    }

    #[test]
    fn a_flagged_answer_counts_as_missed_whatever_its_grade_and_is_counted() {
        let bank = load_built_in().expect("loads").interview;
        let person = Person::roster_entry("赵敏", vec!["tech-lead".into()]);
        let mut reviews = BTreeMap::new();
        for q in bank.questions.iter().filter(|q| suited(q, &person.roles)) {
            reviews.insert(
                q.id.value.clone(),
                answered(4, (0..q.key_points.len()).collect(), 5),
            );
        }
        let ready = person_tally(&bank, &person, Some(&reviews), now());
        assert_eq!(Readiness::of(&ready), Readiness::Ready);
        assert_eq!(ready.flagged, 0);
        let flagged: Vec<String> = reviews.keys().take(3).cloned().collect();
        for id in &flagged {
            if let Some(last) = reviews.get_mut(id).and_then(|r| r.history.last_mut()) {
                last.flagged = true;
            }
        }
        let tally = person_tally(&bank, &person, Some(&reviews), now());
        assert_eq!(tally.flagged, 3);
        let answered = tally.answered as f64;
        assert_eq!(tally.accuracy, Some((answered - 3.0) / answered));
    }

    #[test]
    fn someone_who_practised_everything_well_is_ready() {
        let bank = load_built_in().expect("loads").interview;
        let person = Person::roster_entry("王强", vec!["tech-lead".into()]);
        let mut reviews = BTreeMap::new();
        for q in bank.questions.iter().filter(|q| suited(q, &person.roles)) {
            reviews.insert(
                q.id.value.clone(),
                answered(3, (0..q.key_points.len()).collect(), 5),
            );
        }
        let tally = person_tally(&bank, &person, Some(&reviews), now());
        assert_eq!(Readiness::of(&tally), Readiness::Ready);
        let topics = topic_tallies(&bank, &person, Some(&reviews), now());
        assert_eq!(topics.len(), bank.topics.len());
        assert_eq!(
            topics.iter().map(|(_, t)| t.answered).sum::<usize>(),
            tally.answered
        );
    }
}
