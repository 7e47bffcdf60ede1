//! Spaced repetition for interview questions: the `fsrs` crate's scheduler (FSRS-6, default
//! parameters, 90 % desired retention) turns each self-grade into the next due date, per person
//! per question. Also fingerprints a question so a changed text can be flagged.

use std::sync::OnceLock;

use chrono::{Duration, NaiveDateTime};
use fsrs::{FSRS, MemoryState};

use crate::content::Question;
use crate::i18n::Lang;
use crate::progress::{QuestionReviews, Review};

/// The chance of still knowing the answer when it comes due.
pub const DESIRED_RETENTION: f32 = 0.9;

/// An interval shorter than this is rounded up, so a failed question is not due again at once.
const MIN_MINUTES: i64 = 10;

/// The self-grade after the reveal, keys 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn from_grade(grade: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|r| *r as u8 == grade)
    }

    pub fn grade(self) -> u8 {
        self as u8
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Rating::Again => lang.t("没答上", "again"),
            Rating::Hard => lang.t("勉强", "hard"),
            Rating::Good => lang.t("答上了", "good"),
            Rating::Easy => lang.t("很熟", "easy"),
        }
    }
}

/// The schedule after one review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Next {
    pub stability: f32,
    pub difficulty: f32,
    /// Days until the next review, as the scheduler computed it.
    pub interval_days: f32,
    pub due: NaiveDateTime,
}

fn scheduler() -> &'static FSRS {
    static FSRS_DEFAULT: OnceLock<FSRS> = OnceLock::new();
    // Empty parameters select the crate's published defaults, which are valid by construction.
    FSRS_DEFAULT.get_or_init(FSRS::default)
}

/// The schedule if `record` is graded `rating` at `now`.
pub fn next(record: &QuestionReviews, rating: Rating, now: NaiveDateTime) -> Next {
    let last = record.history.last().map(|r| r.at);
    let memory = match (record.stability, record.difficulty, last) {
        (Some(stability), Some(difficulty), Some(_)) => Some(MemoryState {
            stability,
            difficulty,
        }),
        _ => None,
    };
    let elapsed = last
        .map(|at| (now.date() - at.date()).num_days().max(0))
        .unwrap_or(0);
    let elapsed = u32::try_from(elapsed).unwrap_or(u32::MAX);
    let fsrs = scheduler();
    // A hand-edited file may hold an impossible memory state: start that question afresh.
    let states = fsrs
        .next_states(memory, DESIRED_RETENTION, elapsed)
        .or_else(|_| fsrs.next_states(None, DESIRED_RETENTION, 0));
    let (stability, difficulty, interval) = match states {
        Ok(states) => {
            let state = match rating {
                Rating::Again => states.again,
                Rating::Hard => states.hard,
                Rating::Good => states.good,
                Rating::Easy => states.easy,
            };
            (
                state.memory.stability,
                state.memory.difficulty,
                state.interval,
            )
        }
        // Not reachable with default parameters; keep the old state and ask again tomorrow.
        Err(_) => (
            record.stability.unwrap_or(1.0),
            record.difficulty.unwrap_or(5.0),
            1.0,
        ),
    };
    Next {
        stability,
        difficulty,
        interval_days: interval,
        due: now + interval_duration(interval),
    }
}

/// Whole days for intervals of a day or more (same time of day); minutes below that.
fn interval_duration(days: f32) -> Duration {
    if !days.is_finite() || days <= 0.0 {
        return Duration::minutes(MIN_MINUTES);
    }
    if days >= 1.0 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a float `as` an integer saturates; the value is rounded and bounded first"
        )]
        let whole = days.round().min(36_500.0) as i64;
        return Duration::days(whole);
    }
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a float `as` an integer saturates; the value is rounded and bounded first"
    )]
    let minutes = (days * 24.0 * 60.0).round() as i64;
    Duration::minutes(minutes.max(MIN_MINUTES))
}

/// Records a graded review: appends it to the history, moves the schedule on, remembers the
/// question's fingerprint and clears the draft.
pub fn record_review(record: &mut QuestionReviews, review: Review, fingerprint: String) {
    let rating = Rating::from_grade(review.grade).unwrap_or(Rating::Again);
    let next = next(record, rating, review.at);
    record.stability = Some(next.stability);
    record.difficulty = Some(next.difficulty);
    record.due = Some(next.due);
    record.text_hash = fingerprint;
    record.draft.clear();
    record.history.push(review);
}

fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in parts {
        for byte in text.bytes().chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A stable fingerprint (FNV-1a, hex) of the question text as asked. It changes only when the
/// question itself is reworded: new synonyms or traps for the matcher (keywords) leave earlier
/// answers standing, so they are not marked 题目已修改.
pub fn fingerprint(question: &Question) -> String {
    fnv1a([question.question.as_str()])
}

/// The fingerprint written before keywords stopped counting (question, key points and their
/// keywords): a record stamped with it still matches while nothing it covered changed.
fn legacy_fingerprint(question: &Question) -> String {
    let mut parts = vec![question.question.as_str()];
    for point in &question.key_points {
        parts.push(&point.point);
        parts.extend(point.keywords.iter().map(String::as_str));
    }
    fnv1a(parts)
}

/// Whether the question changed since this person last answered it.
pub fn changed_since_review(record: &QuestionReviews, question: &Question) -> bool {
    !record.history.is_empty()
        && !record.text_hash.is_empty()
        && record.text_hash != fingerprint(question)
        && record.text_hash != legacy_fingerprint(question)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::content::{Id, KeyPoint};

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid time")
    }

    fn review(grade: u8, when: NaiveDateTime) -> Review {
        Review {
            at: when,
            grade,
            seconds: 40,
            covered: None,
            answer: String::new(),
            aloud: true,
            flagged: false,
            flag_overridden: false,
            follow_up: None,
        }
    }

    fn question(text: &str) -> Question {
        Question {
            id: Id::new("q-test-001"),
            topic: Id::new("rules"),
            roles: vec![Id::new("engineer")],
            difficulty: 1,
            question: text.into(),
            answer: "签了承诺书".into(),
            key_points: vec![KeyPoint {
                point: "承诺书".into(),
                keywords: vec!["承诺书".into()],
                negative: false,
                grades: Vec::new(),
            }],
            follow_ups: Vec::new(),
            trap: None,
            traps: Vec::new(),
            basis: Default::default(),
        }
    }

    #[test]
    fn a_first_good_answer_is_due_again_in_the_published_default_interval() {
        // FSRS-6 default initial stability for "good" is 2.3065 days: two whole days.
        let next = next(&QuestionReviews::default(), Rating::Good, at(1));
        assert!((next.stability - 2.3065).abs() < 1e-3, "{next:?}");
        assert_eq!(next.due, at(3));
    }

    #[test]
    fn a_first_again_is_due_the_same_day() {
        let next = next(&QuestionReviews::default(), Rating::Again, at(1));
        assert!(next.due > at(1));
        assert!(next.due < at(2));
    }

    #[test]
    fn a_good_answer_pushes_the_due_date_out() {
        let mut record = QuestionReviews::default();
        record_review(&mut record, review(3, at(1)), String::new());
        let first_gap = record.due.expect("scheduled") - at(1);
        let when = record.due.expect("scheduled");
        record_review(&mut record, review(3, when), String::new());
        let second_gap = record.due.expect("scheduled") - when;
        assert!(second_gap > first_gap, "{first_gap} then {second_gap}");
    }

    #[test]
    fn a_failed_answer_brings_the_due_date_in() {
        let mut record = QuestionReviews::default();
        for day in [1, 3, 10] {
            record_review(&mut record, review(3, at(day)), String::new());
        }
        let when = at(20);
        let if_good = next(&record, Rating::Good, when).due;
        let if_again = next(&record, Rating::Again, when).due;
        assert!(if_again < if_good);
        assert!(if_again - when <= Duration::days(2), "{if_again}");
        let before = record.stability.expect("scheduled");
        record_review(&mut record, review(1, when), String::new());
        assert_eq!(record.due, Some(if_again));
        assert!(record.stability.expect("scheduled") < before);
    }

    #[test]
    fn grades_order_the_intervals() {
        let base = QuestionReviews::default();
        let due: Vec<NaiveDateTime> = Rating::ALL
            .iter()
            .map(|r| next(&base, *r, at(1)).due)
            .collect();
        assert!(due.windows(2).all(|w| w[0] <= w[1]), "{due:?}");
    }

    #[test]
    fn an_impossible_stored_state_starts_the_question_afresh() {
        let record = QuestionReviews {
            stability: Some(f32::NAN),
            difficulty: Some(-3.0),
            history: vec![review(3, at(1))],
            ..QuestionReviews::default()
        };
        let next = next(&record, Rating::Good, at(5));
        assert!(next.stability.is_finite());
        assert!(next.due > at(5));
    }

    #[test]
    fn recording_a_review_keeps_history_and_clears_the_draft() {
        let mut record = QuestionReviews {
            draft: "半句话".into(),
            ..QuestionReviews::default()
        };
        record_review(&mut record, review(2, at(1)), "abc".into());
        assert!(record.draft.is_empty());
        assert_eq!(record.history.len(), 1);
        assert_eq!(record.text_hash, "abc");
    }

    #[test]
    fn a_changed_question_text_is_detected_but_history_stays() {
        let old = question("你签过保密承诺书吗？");
        let mut record = QuestionReviews::default();
        record_review(&mut record, review(3, at(1)), fingerprint(&old));
        assert!(!changed_since_review(&record, &old));
        let new = question("你的保密承诺书是什么时候签的？");
        assert!(changed_since_review(&record, &new));
        assert_eq!(record.history.len(), 1);
    }

    #[test]
    fn new_keywords_or_traps_do_not_mark_earlier_answers_as_changed() {
        let old = question("你签过保密承诺书吗？");
        let mut record = QuestionReviews::default();
        record_review(&mut record, review(3, at(1)), fingerprint(&old));
        let mut new = old.clone();
        new.key_points[0].keywords.push("保密协议|承诺…签".into());
        new.traps.push(crate::content::Trap {
            reason: "空话".into(),
            keywords: vec!["遵守…就行".into()],
            negative: false,
        });
        assert!(!changed_since_review(&record, &new));
    }

    #[test]
    fn a_record_stamped_with_the_earlier_fingerprint_still_matches_an_unchanged_question() {
        let q = question("你签过保密承诺书吗？");
        let mut record = QuestionReviews::default();
        record_review(&mut record, review(3, at(1)), legacy_fingerprint(&q));
        assert!(!changed_since_review(&record, &q));
        assert!(changed_since_review(&record, &question("别的问题？")));
    }

    #[test]
    fn the_fingerprint_is_stable_across_runs() {
        assert_eq!(fingerprint(&question("问")), fingerprint(&question("问")));
        assert_eq!(fingerprint(&question("问")).len(), 16);
    }
}
