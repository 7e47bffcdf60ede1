//! Shrinking a progress file that grew too big (`zizhi data compact`): old history goes, every
//! current value stays.
//!
//! What is dropped, and only that:
//! - a rectification's history keeps its `created` entry and the latest
//!   [`KEEP_PER_FIELD`] changes of each field; an entry equal to the one before it (same time,
//!   person, field and values — what a bad merge leaves) is dropped as a duplicate;
//! - a person's reviews of one question keep the latest [`KEEP_REVIEWS`]; the scheduler's state
//!   (due date, stability, difficulty) and an answer being typed are kept, so what is due
//!   next does not change;
//! - each SOP keeps its latest [`KEEP_RUNS`] rehearsals (a run that is still under way is
//!   always kept); saved self-assessments the latest [`KEEP_ASSESSMENTS`];
//! - item entries that hold nothing.
//!
//! Never touched: item status, notes, owners, due dates and evidence (also of items that left
//! the content), the register, the rectifications' own fields, findings waiting to become
//! rectifications, the timeline, settings.

use std::collections::{BTreeMap, HashMap};

use super::model::{Progress, RectField};

/// Changes kept per field of a rectification item.
pub const KEEP_PER_FIELD: usize = 20;
/// Reviews kept per person and question.
pub const KEEP_REVIEWS: usize = 20;
/// Rehearsals kept per SOP.
pub const KEEP_RUNS: usize = 50;
/// Saved self-assessments kept.
pub const KEEP_ASSESSMENTS: usize = 20;

/// What compaction dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compacted {
    pub history_entries: usize,
    pub reviews: usize,
    pub sop_runs: usize,
    pub assessments: usize,
    pub empty_items: usize,
}

impl Compacted {
    /// Whether anything was dropped.
    pub fn is_empty(&self) -> bool {
        *self == Compacted::default()
    }
}

/// Drops old history from `progress` as described in the module docs.
pub fn compact(progress: &mut Progress) -> Compacted {
    let mut dropped = Compacted::default();
    for rect in &mut progress.rectifications {
        let before = rect.history.len();
        rect.history.dedup();
        // Walk from the newest: keep `created` always and the latest N of each field.
        let mut seen: HashMap<RectField, usize> = HashMap::new();
        let mut keep: Vec<bool> = vec![false; rect.history.len()];
        for (index, entry) in rect.history.iter().enumerate().rev() {
            if entry.field == RectField::Created {
                keep[index] = true;
                continue;
            }
            let count = seen.entry(entry.field).or_default();
            *count += 1;
            keep[index] = *count <= KEEP_PER_FIELD;
        }
        let mut flags = keep.into_iter();
        rect.history.retain(|_| flags.next().unwrap_or(true));
        dropped.history_entries += before - rect.history.len();
    }
    for questions in progress.reviews.values_mut() {
        for reviews in questions.values_mut() {
            let extra = reviews.history.len().saturating_sub(KEEP_REVIEWS);
            reviews.history.drain(..extra);
            dropped.reviews += extra;
        }
    }
    let mut runs_left: BTreeMap<String, usize> = BTreeMap::new();
    let mut keep_runs: Vec<bool> = vec![false; progress.sop_runs.len()];
    for (index, run) in progress.sop_runs.iter().enumerate().rev() {
        let count = runs_left.entry(run.sop.clone()).or_default();
        *count += 1;
        let under_way = !run.finished && run.ended.is_none();
        keep_runs[index] = *count <= KEEP_RUNS || under_way;
    }
    let before = progress.sop_runs.len();
    let mut flags = keep_runs.into_iter();
    progress.sop_runs.retain(|_| flags.next().unwrap_or(true));
    dropped.sop_runs = before - progress.sop_runs.len();
    let extra = progress.assessments.len().saturating_sub(KEEP_ASSESSMENTS);
    progress.assessments.drain(..extra);
    dropped.assessments = extra;
    let before = progress.items.len();
    progress.prune();
    dropped.empty_items = before - progress.items.len();
    dropped
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, NaiveDateTime};

    use super::*;
    use crate::app::test_support::rectification;
    use crate::progress::{
        HistoryEntry, QuestionReviews, Rectification, RectificationStatus, Review, Status,
    };

    fn at(minutes: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 1, 5)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .map(|t| t + Duration::minutes(minutes))
            .unwrap_or_default()
    }

    fn entry(minute: i64, field: RectField, to: &str) -> HistoryEntry {
        HistoryEntry {
            at: at(minute),
            by: "李工".to_owned(),
            field,
            from: String::new(),
            to: to.to_owned(),
            note: String::new(),
        }
    }

    fn rect(history: Vec<HistoryEntry>) -> Rectification {
        Rectification {
            status: RectificationStatus::InProgress,
            history,
            ..rectification("ZG-001", "涉密计算机未按期检查", "王工")
        }
    }

    #[test]
    fn rectification_history_keeps_creation_and_the_latest_changes_of_each_field() {
        let mut history = vec![entry(0, RectField::Created, "")];
        for k in 1..=30 {
            history.push(entry(k, RectField::Owner, &format!("owner{k}")));
        }
        history.push(entry(31, RectField::Status, "in_progress"));
        let mut progress = Progress::default();
        progress.rectifications.push(rect(history));
        let dropped = compact(&mut progress);
        let kept = &progress.rectifications[0].history;
        assert_eq!(dropped.history_entries, 10);
        assert_eq!(kept.len(), 1 + KEEP_PER_FIELD + 1);
        assert_eq!(kept[0].field, RectField::Created);
        assert_eq!(kept[1].to, "owner11", "the oldest ten owner changes go");
        assert_eq!(kept.last().map(|e| e.to.as_str()), Some("in_progress"));
        assert_eq!(
            progress.rectifications[0].owner, "王工",
            "current value kept"
        );
    }

    #[test]
    fn a_repeated_history_entry_is_dropped_as_a_duplicate() {
        let twice = entry(5, RectField::Due, "2026-03-01");
        let mut progress = Progress::default();
        progress.rectifications.push(rect(vec![
            entry(0, RectField::Created, ""),
            twice.clone(),
            twice,
        ]));
        assert_eq!(compact(&mut progress).history_entries, 1);
        assert_eq!(progress.rectifications[0].history.len(), 2);
    }

    #[test]
    fn reviews_keep_the_latest_and_the_schedule() {
        let history: Vec<Review> = (0..25)
            .map(|k| Review {
                at: at(k),
                grade: 3,
                seconds: 30,
                covered: None,
                answer: format!("答{k}"),
                aloud: false,
                flagged: false,
                flag_overridden: false,
                follow_up: None,
            })
            .collect();
        let mut progress = Progress::default();
        let due = Some(at(10_000));
        progress
            .reviews
            .entry("张三".to_owned())
            .or_default()
            .insert(
                "q1".to_owned(),
                QuestionReviews {
                    history,
                    due,
                    stability: Some(3.0),
                    draft: "正在写".to_owned(),
                    ..QuestionReviews::default()
                },
            );
        assert_eq!(compact(&mut progress).reviews, 5);
        let kept = &progress.reviews["张三"]["q1"];
        assert_eq!(kept.history.len(), KEEP_REVIEWS);
        assert_eq!(kept.history[0].answer, "答5");
        assert_eq!((kept.due, kept.stability), (due, Some(3.0)));
        assert_eq!(kept.draft, "正在写");
    }

    #[test]
    fn item_notes_of_items_that_left_the_content_are_kept() {
        let mut progress = Progress::default();
        progress.item_mut("retired-item").note = "原件已核对".to_owned();
        progress.item_mut("touched-then-reset").status = Status::Todo;
        let dropped = compact(&mut progress);
        assert_eq!(dropped.empty_items, 1);
        assert_eq!(progress.items["retired-item"].note, "原件已核对");
    }

    #[test]
    fn a_small_file_loses_nothing() {
        let mut progress = Progress::default();
        progress.item_mut("a").status = Status::Done;
        progress
            .rectifications
            .push(rect(vec![entry(0, RectField::Created, "")]));
        let before = progress.clone();
        assert!(compact(&mut progress).is_empty());
        assert_eq!(progress, before);
    }

    #[test]
    fn pruning_one_item_drops_only_that_empty_entry() {
        let mut progress = Progress::default();
        progress.item_mut("kept").note = "有备注".to_owned();
        progress.item_mut("emptied");
        progress.item_mut("other-empty");
        progress.prune_item("emptied");
        progress.prune_item("kept");
        let ids: Vec<&str> = progress.items.keys().map(String::as_str).collect();
        assert_eq!(ids, ["kept", "other-empty"]);
    }
}
