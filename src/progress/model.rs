//! The progress file's data model, keyed by the content's stable ids.
//!
//! Every map is a `BTreeMap` and every struct serialises its fields in declaration order, so the
//! file diffs cleanly in git. Unknown fields are refused rather than silently dropped on the next
//! save.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::people::Person;
use super::roles::RolePeople;
use super::settings::Settings;
use crate::content::{FindingSource, Grade, Severity};

/// Everything the user has recorded. Progress for ids that left the content is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub schema_version: u32,
    /// Checklist item id → its progress.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ItemProgress>,
    /// The staff register (人员与证书台账); the interview roster is the O&M staff in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// The unit's settings: target grade, organisation, report marking, training hours,
    /// headcount threshold. Shared in team mode like the rest of progress.
    #[serde(default, skip_serializing_if = "Settings::is_empty")]
    pub settings: Settings,
    /// Read from files written before `settings` (the register's own settings); folded into
    /// `settings` on load ([`Progress::adopt_legacy_settings`]) and never written.
    #[doc(hidden)]
    #[serde(default, rename = "register", skip_serializing)]
    pub legacy_register: Option<Settings>,
    /// Person name → question id → review history and schedule.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: Reviews,
    /// Every demo rehearsal run, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sop_runs: Vec<SopRun>,
    /// SOP role (操作员, 讲解人, 记录人…) → the name last entered for it, offered at the next run.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sop_people: BTreeMap<String, String>,
    /// Steps flagged during rehearsals that have not become rectification items yet, oldest
    /// first. The rectification area consumes an entry by removing it
    /// (`domain::sop_run::take_finding`; `describe_finding` names its SOP and step); the flag
    /// itself stays in the run's history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_findings: Vec<PendingFinding>,
    /// Rectification items (整改), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rectifications: Vec<Rectification>,
    /// Saved self-assessments, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// The self-assessment being worked on: criterion id → chosen level index. Saved as it
    /// changes; `S` on the score screen copies it into `assessments` with the date.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub score_levels: BTreeMap<String, usize>,
    #[serde(default, skip_serializing_if = "Timeline::is_empty")]
    pub timeline: Timeline,
    /// 当前操作人: who is using the app, recorded in rectification history. Defaults to the
    /// operating-system user, `u` in the rectification area changes it, team mode sets it to
    /// the joined name (`team::identity`); `--profile` never does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operator: String,
    /// Read from files written before `settings` (the interview's target grade); folded into
    /// `settings.target_grade` on load and never written.
    #[doc(hidden)]
    #[serde(default, rename = "target_grade", skip_serializing)]
    pub legacy_target_grade: Option<Grade>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            schema_version: super::SCHEMA_VERSION,
            items: BTreeMap::new(),
            people: Vec::new(),
            settings: Settings::default(),
            legacy_register: None,
            reviews: BTreeMap::new(),
            sop_runs: Vec::new(),
            sop_people: BTreeMap::new(),
            pending_findings: Vec::new(),
            rectifications: Vec::new(),
            assessments: Vec::new(),
            score_levels: BTreeMap::new(),
            timeline: Timeline::default(),
            operator: String::new(),
            legacy_target_grade: None,
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// When the user last changed this item.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_datetime"
    )]
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

/// Interview reviews by person, then by question id.
pub type Reviews = BTreeMap<String, BTreeMap<String, QuestionReviews>>;

/// A progress's long lists, each with its histories: every rehearsal run, every interview
/// review and every rectification item. A team's year of them is most of its working file;
/// the start cache opens without them and brings them in right after the first frame
/// ([`crate::team::cache`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histories {
    pub sop_runs: Vec<SopRun>,
    pub reviews: Reviews,
    pub rectifications: Vec<Rectification>,
}

/// One person's reviews of one question, with the scheduler's memory state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionReviews {
    /// A fingerprint of the question text when last reviewed, to flag changed questions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_hash: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_datetime"
    )]
    pub due: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_stability"
    )]
    pub stability: Option<f32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_difficulty"
    )]
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
    #[serde(deserialize_with = "super::checked::datetime")]
    pub at: NaiveDateTime,
    /// 1 again · 2 hard · 3 good · 4 easy.
    #[serde(deserialize_with = "super::checked::grade")]
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
    /// The answer fell into one of the question's traps (别这样答): it counts as 没答上 for
    /// readiness whatever the self-grade.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// The host or the person overruled the trap flag on the reveal: the answer counts by its
    /// self-grade again. Kept beside `flagged`, so the record shows both.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flag_overridden: bool,
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

/// One timed rehearsal of a demo SOP. Written when the run starts and rewritten after every
/// step, pause and flag, so a crash loses at most the time of the step under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopRun {
    /// The SOP id.
    pub sop: String,
    /// When the run started (whole seconds); with `sop` it identifies the run.
    #[serde(deserialize_with = "super::checked::datetime")]
    pub started: NaiveDateTime,
    /// Role → person.
    #[serde(default, skip_serializing_if = "RolePeople::is_empty")]
    pub people: RolePeople,
    /// The steps reached so far, in SOP order (a step left out was never reached).
    #[serde(default)]
    pub steps: Vec<StepResult>,
    /// Every step was marked done. False for a run that was aborted or never ended.
    pub finished: bool,
    /// When the run was finished or aborted; absent while it runs or when the app stopped.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_datetime"
    )]
    pub ended: Option<NaiveDateTime>,
}

impl SopRun {
    /// Seconds over all recorded steps.
    pub fn total_seconds(&self) -> u32 {
        self.steps
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.seconds))
    }

    /// How many steps were marked done.
    pub fn steps_done(&self) -> usize {
        self.steps.iter().filter(|s| !s.partial).count()
    }
}

/// The time and flag of one step in a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepResult {
    /// The step id.
    pub step: String,
    /// Time spent on the step, paused time excluded, rounded to whole seconds.
    pub seconds: u32,
    /// What went wrong, when the step was flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// True when the step was under way but not marked done (the run was aborted, or this is
    /// the step in progress).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// A step flagged during a rehearsal, waiting to become a rectification item (整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingFinding {
    /// The SOP id.
    pub sop: String,
    /// The step id.
    pub step: String,
    /// What went wrong, as typed when flagging.
    pub note: String,
    /// The `started` time of the run it came from (see [`SopRun`]).
    #[serde(deserialize_with = "super::checked::datetime")]
    pub run_started: NaiveDateTime,
    /// When the note was last written.
    #[serde(deserialize_with = "super::checked::datetime")]
    pub at: NaiveDateTime,
}

/// A nonconformity being fixed (整改). The rules for changing one live in
/// `domain::rectification`; every change is recorded in `history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    /// Stable id such as `ZG-001`, never reused. In team mode two people offline may both
    /// pick the same number; the merge keeps both items (see `uid`) and gives the later one
    /// the next free number (`domain::rectification::renumber_duplicates`).
    pub id: String,
    /// Who created the item and when (`ZG-003.20261203T095012.王静`): its identity in the
    /// team's merge, which the displayed `id` is not. Empty in items from before it existed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    pub title: String,
    pub source: FindingSource,
    /// The checklist item id, question id or `sop-id/step-id` it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    /// The template it was created from, for its evidence hint.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub template: String,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 原因分析.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    /// 整改措施.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub due: Option<NaiveDate>,
    /// Evidence reference: a document number or path, never the document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verifier: String,
    pub status: RectificationStatus,
    /// Every change, oldest first; entries are only ever appended.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// 待整改 → 整改中 → 待验证 → 已关闭, and 重新打开 from 待验证 or 已关闭.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectificationStatus {
    Open,
    InProgress,
    AwaitingVerification,
    Closed,
    Reopened,
}

impl RectificationStatus {
    pub const ALL: [RectificationStatus; 5] = [
        RectificationStatus::Open,
        RectificationStatus::InProgress,
        RectificationStatus::AwaitingVerification,
        RectificationStatus::Closed,
        RectificationStatus::Reopened,
    ];

    /// The snake_case key used in the progress file and `status --json`.
    pub fn key(self) -> &'static str {
        match self {
            RectificationStatus::Open => "open",
            RectificationStatus::InProgress => "in_progress",
            RectificationStatus::AwaitingVerification => "awaiting_verification",
            RectificationStatus::Closed => "closed",
            RectificationStatus::Reopened => "reopened",
        }
    }
}

/// What a history entry records a change of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectField {
    Created,
    /// The id, changed only when a team merge found two items with one id.
    Id,
    Status,
    Title,
    Source,
    Link,
    Severity,
    Description,
    RootCause,
    Action,
    Owner,
    Due,
    Evidence,
    Verifier,
}

/// One change: when, by whom, what, from which value to which. Values are stored as data
/// (status and enum keys in snake_case, dates as ISO), so they read the same in any language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    #[serde(deserialize_with = "super::checked::datetime")]
    pub at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub field: RectField,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
    /// Why: the reason for reopening, a verification remark, where a new item came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A saved self-assessment: criterion id → chosen level index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(deserialize_with = "super::checked::datetime")]
    pub at: NaiveDateTime,
    pub levels: BTreeMap<String, usize>,
}

/// The user's choices for the projected timeline and the dates that actually happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub green_channel: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parallel_preparation: bool,
    /// Phase id → the date it actually finished.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::checked::date_map"
    )]
    pub finished: BTreeMap<String, NaiveDate>,
    /// Date the formal review's correction notice (补正通知) arrived.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub correction_notice: Option<NaiveDate>,
    /// Date the public notice (公示) started.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub public_notice: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub certificate: Option<NaiveDate>,
}

impl Timeline {
    pub fn is_empty(&self) -> bool {
        *self == Timeline::default()
    }
}

impl Progress {
    /// Puts `histories` in place of the runs and reviews this progress holds.
    pub fn put_histories(&mut self, histories: Histories) {
        self.sop_runs = histories.sop_runs;
        self.reviews = histories.reviews;
        self.rectifications = histories.rectifications;
    }

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

    /// Drops the entry of item `id` if it holds nothing: [`Progress::prune`] for the one item a
    /// key changed, without walking every entry (a big file has a million).
    pub fn prune_item(&mut self, id: &str) {
        if self.items.get(id).is_some_and(ItemProgress::is_empty) {
            self.items.remove(id);
        }
    }
}
