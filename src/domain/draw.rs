//! Which questions a rehearsal asks: the mock audit's random draw (seeded, so testable), the
//! practice queue (due first, then new questions for the person's roles) and cram sets.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDateTime;

use crate::content::{InterviewBank, Question};
use crate::progress::{Person, QuestionReviews};

/// A small deterministic generator (SplitMix64): the seed comes from the runtime, so the same
/// seed always draws the same audit.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Less than `n`, a usize: the conversion back cannot fail.
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Whether `question` is asked of someone with `roles`; a person with no roles gets everything.
pub fn suited(question: &Question, roles: &[String]) -> bool {
    roles.is_empty()
        || question
            .roles
            .iter()
            .any(|r| roles.iter().any(|p| *p == **r))
}

/// One person's part in a mock audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interviewee {
    /// Index into the roster.
    pub person: usize,
    /// Indices into the bank's questions, in the order they are asked.
    pub questions: Vec<usize>,
    /// For each question, the follow-up (追问) the inspector asks next, if the bank has one.
    pub follow_ups: Vec<Option<usize>>,
}

/// A mock audit as the inspector would run it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPlan {
    pub interviewees: Vec<Interviewee>,
    /// True when the roster had fewer than three people, so everyone was taken.
    pub short_roster: bool,
}

/// Draws 3–5 people at random (everyone when fewer than three), and 2–4 questions suited to
/// each one's roles, never asking the same question twice in one audit. Questions from
/// different topics are preferred, as an inspector spreads them.
pub fn draw_audit(bank: &InterviewBank, people: &[Person], seed: u64) -> AuditPlan {
    let mut rng = Rng::new(seed);
    let short_roster = people.len() < 3;
    let count = if short_roster {
        people.len()
    } else {
        3 + rng.below(people.len().min(5) - 2)
    };
    let mut order: Vec<usize> = (0..people.len()).collect();
    rng.shuffle(&mut order);
    order.truncate(count);
    let mut used: HashSet<usize> = HashSet::new();
    let mut interviewees = Vec::new();
    for person in order {
        let wanted = 2 + rng.below(3);
        let mut pool: Vec<usize> = bank
            .questions
            .iter()
            .enumerate()
            .filter(|(i, q)| !used.contains(i) && suited(q, &people[person].roles))
            .map(|(i, _)| i)
            .collect();
        rng.shuffle(&mut pool);
        let mut picked: Vec<usize> = Vec::new();
        let mut topics: HashSet<&str> = HashSet::new();
        for &q in &pool {
            if picked.len() == wanted {
                break;
            }
            if topics.insert(&bank.questions[q].topic) {
                picked.push(q);
            }
        }
        for &q in &pool {
            if picked.len() == wanted {
                break;
            }
            if !picked.contains(&q) {
                picked.push(q);
            }
        }
        used.extend(picked.iter().copied());
        let follow_ups = picked
            .iter()
            .map(|&q| {
                let n = bank.questions[q].follow_ups.len();
                (n > 0).then(|| rng.below(n))
            })
            .collect();
        interviewees.push(Interviewee {
            person,
            questions: picked,
            follow_ups,
        });
    }
    AuditPlan {
        interviewees,
        short_roster,
    }
}

/// Whether a question with this record is due at `now` (new questions are not "due").
pub fn is_due(record: &QuestionReviews, now: NaiveDateTime) -> bool {
    !record.history.is_empty() && record.due.is_some_and(|due| due <= now)
}

/// Practice: the questions due for this person (most overdue first), then up to `new_limit`
/// questions suited to their roles that they have never answered, in bank order.
pub fn practice_queue(
    bank: &InterviewBank,
    roles: &[String],
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
    now: NaiveDateTime,
    new_limit: usize,
) -> Vec<usize> {
    let record = |q: &Question| reviews.and_then(|r| r.get(&q.id.value));
    let mut due: Vec<(NaiveDateTime, usize)> = bank
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let r = record(q)?;
            is_due(r, now).then_some((r.due.unwrap_or(now), i))
        })
        .collect();
    due.sort();
    let fresh = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| suited(q, roles) && record(q).is_none_or(|r| r.history.is_empty()))
        .map(|(i, _)| i)
        .take(new_limit);
    due.into_iter().map(|(_, i)| i).chain(fresh).collect()
}

/// Cram one topic: its questions suited to the person's roles (all of them if none is).
pub fn cram_topic(bank: &InterviewBank, roles: &[String], topic: &str) -> Vec<usize> {
    let in_topic: Vec<usize> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| *q.topic == *topic)
        .map(|(i, _)| i)
        .collect();
    let suited_ones: Vec<usize> = in_topic
        .iter()
        .copied()
        .filter(|&i| suited(&bank.questions[i], roles))
        .collect();
    if suited_ones.is_empty() {
        in_topic
    } else {
        suited_ones
    }
}

/// Whether the person's latest answer to a question was wrong: graded again or hard.
pub fn got_wrong(record: &QuestionReviews) -> bool {
    record.history.last().is_some_and(|r| r.grade <= 2)
}

/// Cram the questions this person got wrong last time, in bank order.
pub fn cram_wrong(
    bank: &InterviewBank,
    reviews: Option<&BTreeMap<String, QuestionReviews>>,
) -> Vec<usize> {
    bank.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            reviews
                .and_then(|r| r.get(&q.id.value))
                .is_some_and(got_wrong)
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests;
