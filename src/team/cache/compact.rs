//! The head's interview records in binary form (postcard): every question's record with only
//! its latest review, without typed texts. As JSON these 2 340 records of a generated team
//! were nine tenths of the head and most of the time before the first frame; postcard reads
//! them several times faster. Only the cache uses this form, and its section hash guards it.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::progress::{QuestionReviews, Review, Reviews};

/// A time as seconds and nanoseconds since 1970-01-01T00:00 (no time zone: the times are
/// naive local times, kept exactly).
#[derive(Serialize, Deserialize)]
struct Time(i64, u32);

impl Time {
    fn of(at: NaiveDateTime) -> Self {
        let utc = at.and_utc();
        Time(utc.timestamp(), utc.timestamp_subsec_nanos())
    }

    fn get(&self) -> Option<NaiveDateTime> {
        chrono::DateTime::from_timestamp(self.0, self.1).map(|t| t.naive_utc())
    }
}

/// A review as the head keeps it: everything but the typed texts.
#[derive(Serialize, Deserialize)]
struct Latest {
    at: Time,
    grade: u8,
    seconds: u32,
    covered: Option<Vec<usize>>,
    aloud: bool,
    flagged: bool,
    flag_overridden: bool,
}

#[derive(Serialize, Deserialize)]
struct Record {
    text_hash: String,
    due: Option<Time>,
    stability: Option<f32>,
    difficulty: Option<f32>,
    latest: Option<Latest>,
    draft: String,
}

type Stored = Vec<(String, Vec<(String, Record)>)>;

/// `reviews` with each question's history cut to its latest review, without its texts.
pub(super) fn encode(reviews: &Reviews) -> Vec<u8> {
    let stored: Stored = reviews
        .iter()
        .map(|(person, questions)| {
            let records = questions
                .iter()
                .map(|(id, record)| {
                    // Every field by name: a field added to the record must be decided on here.
                    let QuestionReviews {
                        text_hash,
                        due,
                        stability,
                        difficulty,
                        history,
                        draft,
                    } = record;
                    let latest = history.last().map(|review| {
                        let Review {
                            at,
                            grade,
                            seconds,
                            covered,
                            answer: _,
                            aloud,
                            flagged,
                            flag_overridden,
                            follow_up: _,
                        } = review;
                        Latest {
                            at: Time::of(*at),
                            grade: *grade,
                            seconds: *seconds,
                            covered: covered.clone(),
                            aloud: *aloud,
                            flagged: *flagged,
                            flag_overridden: *flag_overridden,
                        }
                    });
                    let record = Record {
                        text_hash: text_hash.clone(),
                        due: due.map(Time::of),
                        stability: *stability,
                        difficulty: *difficulty,
                        latest,
                        draft: draft.clone(),
                    };
                    (id.clone(), record)
                })
                .collect();
            (person.clone(), records)
        })
        .collect();
    postcard::to_allocvec(&stored).unwrap_or_default()
}

/// The records [`encode`] wrote; `None` when the bytes are not such records.
pub(super) fn decode(bytes: &[u8]) -> Option<Reviews> {
    let stored: Stored = postcard::from_bytes(bytes).ok()?;
    let mut reviews = Reviews::new();
    for (person, records) in stored {
        let mut questions = BTreeMap::new();
        for (id, record) in records {
            let latest = match record.latest {
                Some(l) => Some(Review {
                    at: l.at.get()?,
                    grade: l.grade,
                    seconds: l.seconds,
                    covered: l.covered,
                    answer: String::new(),
                    aloud: l.aloud,
                    flagged: l.flagged,
                    flag_overridden: l.flag_overridden,
                    follow_up: None,
                }),
                None => None,
            };
            let due = match record.due {
                Some(t) => Some(t.get()?),
                None => None,
            };
            questions.insert(
                id,
                QuestionReviews {
                    text_hash: record.text_hash,
                    due,
                    stability: record.stability,
                    difficulty: record.difficulty,
                    history: latest.into_iter().collect(),
                    draft: record.draft,
                },
            );
        }
        reviews.insert(person, questions);
    }
    Some(reviews)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::progress::FollowUpResult;

    fn at(day: u32, nanos: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_nano_opt(9, 30, 5, nanos))
            .expect("a time")
    }

    #[test]
    fn every_field_but_the_texts_of_the_latest_review_comes_back_exactly() {
        let review = |day, grade| Review {
            at: at(day, 123_456_789),
            grade,
            seconds: 95,
            covered: Some(vec![0, 2, 5]),
            answer: "先登记再进入保密室".into(),
            aloud: true,
            flagged: true,
            flag_overridden: true,
            follow_up: Some(FollowUpResult {
                question: "谁审批？".into(),
                answered: true,
                seconds: 20,
                answer: "保密办".into(),
            }),
        };
        let record = QuestionReviews {
            text_hash: "9f3a".into(),
            due: Some(at(20, 1)),
            stability: Some(3.25),
            difficulty: Some(6.5),
            history: vec![review(1, 1), review(2, 4)],
            draft: "还没答完".into(),
        };
        let empty = QuestionReviews::default();
        let reviews: Reviews = BTreeMap::from([
            (
                "李娜".to_owned(),
                BTreeMap::from([("q-1".to_owned(), record.clone())]),
            ),
            (
                "张伟".to_owned(),
                BTreeMap::from([("q-2".to_owned(), empty.clone())]),
            ),
        ]);
        let back = decode(&encode(&reviews)).expect("decodes");
        let latest = Review {
            answer: String::new(),
            follow_up: None,
            ..review(2, 4)
        };
        let want = QuestionReviews {
            history: vec![latest],
            ..record
        };
        assert_eq!(back["李娜"]["q-1"], want);
        assert_eq!(back["张伟"]["q-2"], empty);
        assert_eq!(decode(&[0xff, 0xff, 0xff]), None);
    }
}
