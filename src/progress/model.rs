//! The progress file's data model, keyed by the content's stable ids.
//!
//! Every map is a `BTreeMap` and every struct serialises its fields in declaration order, so the
//! file diffs cleanly in git. Unknown fields are refused rather than silently dropped on the next
//! save.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::content::{FindingSource, Severity};

/// Everything the user has recorded. Progress for ids that left the content is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub schema_version: u32,
    /// Checklist item id → its progress.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ItemProgress>,
    /// The company's staff who rehearse interviews and demos.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Person name → question id → review history and schedule.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: BTreeMap<String, BTreeMap<String, QuestionReviews>>,
    /// Every demo rehearsal run, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sop_runs: Vec<SopRun>,
    /// Rectification items (整改), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rectifications: Vec<Rectification>,
    /// Saved self-assessments, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    #[serde(default, skip_serializing_if = "Timeline::is_empty")]
    pub timeline: Timeline,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            schema_version: super::SCHEMA_VERSION,
            items: BTreeMap::new(),
            people: Vec::new(),
            reviews: BTreeMap::new(),
            sop_runs: Vec::new(),
            rectifications: Vec::new(),
            assessments: Vec::new(),
            timeline: Timeline::default(),
        }
    }
}

/// The state of one checklist item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    NotApplicable,
}

impl Status {
    /// The `s` key's cycle: 待办 → 进行中 → 已完成 → 不适用 → 待办.
    pub fn cycled(self) -> Self {
        match self {
            Status::Todo => Status::InProgress,
            Status::InProgress => Status::Done,
            Status::Done => Status::NotApplicable,
            Status::NotApplicable => Status::Todo,
        }
    }

    /// The space key: done ↔ todo (anything not done becomes done).
    pub fn toggled(self) -> Self {
        if self == Status::Done {
            Status::Todo
        } else {
            Status::Done
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::NotApplicable)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemProgress {
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// When the user last changed this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<NaiveDateTime>,
}

impl ItemProgress {
    pub fn is_empty(&self) -> bool {
        self.status == Status::Todo
            && self.note.is_empty()
            && self.owner.is_empty()
            && self.due.is_none()
            && self.evidence.is_empty()
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A member of staff on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// Role ids from the interview bank.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// One person's reviews of one question, with the scheduler's memory state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionReviews {
    /// A fingerprint of the question text when last reviewed, to flag changed questions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stability: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<f32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Review>,
    /// The answer being typed and not yet revealed, kept so a kill mid-answer loses nothing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft: String,
}

impl QuestionReviews {
    pub fn is_empty(&self) -> bool {
        self.history.is_empty() && self.draft.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub at: NaiveDateTime,
    /// 1 again · 2 hard · 3 good · 4 easy.
    pub grade: u8,
    pub seconds: u32,
    /// Key points covered, by index: matched in the typed answer (and corrected by hand), or
    /// ticked by hand for an answer given aloud; absent when nobody checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered: Option<Vec<usize>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    /// Answered aloud rather than typed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aloud: bool,
    /// The follow-up question (追问) asked after it in a mock audit, and how it went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpResult>,
}

/// A follow-up question asked in a mock audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpResult {
    pub question: String,
    /// Whether the person (or the inspector) judged it answered.
    pub answered: bool,
    pub seconds: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

/// One timed rehearsal of a demo SOP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopRun {
    pub sop: String,
    pub started: NaiveDateTime,
    /// Role → person.
    #[serde(default)]
    pub people: BTreeMap<String, String>,
    pub steps: Vec<StepResult>,
    pub finished: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepResult {
    pub step: String,
    pub seconds: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

/// A nonconformity being fixed (整改).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub id: String,
    pub title: String,
    pub source: FindingSource,
    /// The checklist item, question or SOP step it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verifier: String,
    pub status: RectificationStatus,
    /// Append-only record of every change.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectificationStatus {
    Open,
    InProgress,
    AwaitingVerification,
    Closed,
    Reopened,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub change: String,
}

/// A saved self-assessment: criterion id → chosen level index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub at: NaiveDateTime,
    pub levels: BTreeMap<String, usize>,
}

/// The user's choices for the projected timeline and the dates that actually happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub green_channel: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parallel_preparation: bool,
    /// Phase id → the date it actually finished.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub finished: BTreeMap<String, NaiveDate>,
    /// Date the formal review's correction notice (补正通知) arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction_notice: Option<NaiveDate>,
    /// Date the public notice (公示) started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_notice: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<NaiveDate>,
}

impl Timeline {
    pub fn is_empty(&self) -> bool {
        *self == Timeline::default()
    }
}

impl Progress {
    pub fn item(&self, id: &str) -> Option<&ItemProgress> {
        self.items.get(id)
    }

    pub fn status(&self, id: &str) -> Status {
        self.items.get(id).map(|p| p.status).unwrap_or_default()
    }

    /// The item's progress for editing; empty entries are pruned by [`Progress::prune`].
    pub fn item_mut(&mut self, id: &str) -> &mut ItemProgress {
        self.items.entry(id.to_owned()).or_default()
    }

    /// Drops item entries that hold nothing, so the file only lists what the user touched.
    pub fn prune(&mut self) {
        self.items.retain(|_, p| !p.is_empty());
    }
}
