//! The content schema: what the YAML files in `checklists/` deserialise into.
//!
//! Every struct denies unknown fields so a misspelt key is an error at its location, and every
//! `id` keeps where it was written so duplicate and dangling ids can point at both places.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::Text;

mod basis;
mod threshold;
mod tip;

pub use basis::{Bases, Basis, BasisKind, names_an_article};
pub use threshold::{GradeThresholds, Threshold, ThresholdFile, ThresholdKind};
pub use tip::Tip;

/// An identifier (or a reference to one) together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id {
    pub value: String,
    pub line: u32,
    pub column: u32,
}

impl Id {
    /// An id made in code (tests, generated content); it has no location.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            line: 0,
            column: 0,
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A compiled content file (binary) stores the location as written; YAML gives it.
        if !deserializer.is_human_readable() {
            let (value, line, column) = <(String, u32, u32)>::deserialize(deserializer)?;
            return Ok(Self {
                value,
                line,
                column,
            });
        }
        let spanned = serde_saphyr::Spanned::<String>::deserialize(deserializer)?;
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Self {
            value: spanned.value,
            line: narrow(spanned.referenced.line()),
            column: narrow(spanned.referenced.column()),
        })
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.value)
        } else {
            (&self.value, self.line, self.column).serialize(serializer)
        }
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

/// One phase of the process: a file `phase-N-*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: Id,
    pub order: u32,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub duration: Option<PhaseDuration>,
    pub sections: Vec<Section>,
}

/// The source's duration range for a phase, in calendar days.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseDuration {
    pub min_days: u32,
    pub max_days: u32,
    pub label: String,
    #[serde(default)]
    pub basis: Bases,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Id,
    pub title: String,
    pub items: Vec<Item>,
}

/// One checklist item: what to do, how to know it is done, and what gets files rejected.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: Id,
    /// Boxed: 8 bytes smaller than a `String` in each of (possibly) 10 000 items.
    pub title: Box<str>,
    pub what: Text,
    pub acceptance: Text,
    #[serde(default)]
    pub pitfall: Option<Text>,
    #[serde(default)]
    pub tips: Box<[Tip]>,
    /// Where the figures and claims in `what`, `acceptance` and `pitfall` come from.
    #[serde(default)]
    pub basis: Bases,
    /// Other words users search for this item by (the source guide's own terms).
    #[serde(default)]
    pub keywords: Box<[Box<str>]>,
    #[serde(default)]
    pub score_category: Option<ScoreCategory>,
    #[serde(default)]
    pub grade: Box<[Grade]>,
    /// Boxed: few items have one, and it would otherwise make every item 40 bytes larger.
    #[serde(default)]
    pub deadline: Option<Box<DeadlineRule>>,
    #[serde(default)]
    pub evidence_hint: Option<Box<str>>,
}

/// The three weighted categories of the scoring standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreCategory {
    SecureRoom,
    Team,
    Cases,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Grade {
    #[serde(rename = "甲级")]
    A,
    #[serde(rename = "乙级")]
    B,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::A => "甲级",
            Grade::B => "乙级",
        }
    }
}

/// A duration or deadline that applies to an item; exactly one unit is given.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    #[serde(default)]
    pub working_days: Option<u32>,
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub months: Option<u32>,
    pub from: String,
    #[serde(default)]
    pub basis: Bases,
}

/// The interview question bank: `interview.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewBank {
    pub roles: Vec<Role>,
    pub topics: Vec<Topic>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: Id,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: Id,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Id,
    pub topic: Id,
    pub roles: Vec<Id>,
    pub difficulty: u8,
    pub question: String,
    pub answer: String,
    pub key_points: Vec<KeyPoint>,
    #[serde(default)]
    pub follow_ups: Vec<String>,
    #[serde(default)]
    pub trap: Option<String>,
    /// Machine-checkable forms of the trap (「别这样答」): an answer that meets any of them is
    /// flagged and never counts as a good answer.
    #[serde(default)]
    pub traps: Vec<Trap>,
    /// Where the figures of the question, its reference answer and its trap come from (required
    /// when any of them states one, like every other claim).
    #[serde(default)]
    pub basis: Bases,
}

/// A point a full answer must contain; covered when every keyword entry matches, an entry
/// matching when any of its `|`-separated alternatives appears (not negated). An alternative
/// is a term, or ordered parts joined by `…` with a few characters allowed between them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    pub point: String,
    pub keywords: Vec<String>,
    /// The point is a prohibition (不用个人U盘): its words count only where the answer negates
    /// or forbids them (「自己的U盘绝对不能插」).
    #[serde(default)]
    pub negative: bool,
    /// Where the expected answer differs by grade: the point and keywords for that grade
    /// replace the ones above when it is the target grade.
    #[serde(default)]
    pub grades: Vec<GradeVariant>,
}

/// The form of a key point for one target grade.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GradeVariant {
    pub grade: Grade,
    pub point: String,
    pub keywords: Vec<String>,
}

/// One wrong idea an answer can contain, with why it is wrong; matched like a key point.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Trap {
    pub reason: String,
    pub keywords: Vec<String>,
    /// The wrong idea is a dismissal (不用手写记录): it is met where the words are negated.
    #[serde(default)]
    pub negative: bool,
}

/// The demo procedures: `sops.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SopFile {
    pub sops: Vec<Sop>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sop {
    pub id: Id,
    pub title: String,
    pub summary: String,
    pub roles: Vec<String>,
    pub steps: Vec<SopStep>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SopStep {
    pub id: Id,
    pub title: String,
    pub action: String,
    pub say: String,
    #[serde(default)]
    pub jargon: Vec<Jargon>,
    pub auditor_focus: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub target_seconds: u32,
    /// Where figures in the step's texts come from (the target time is the content's own).
    #[serde(default)]
    pub basis: Bases,
}

/// A technical term and the plain words to say instead (术语 → 白话).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Jargon {
    pub term: String,
    pub plain: String,
}

/// Typical nonconformities: `rectification-templates.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    pub templates: Vec<Template>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: Id,
    pub title: String,
    pub source: FindingSource,
    pub severity: Severity,
    pub description: String,
    pub root_cause: String,
    pub action: String,
    #[serde(default)]
    pub evidence_hint: Option<String>,
    #[serde(default)]
    pub checklist_item: Option<Id>,
    #[serde(default)]
    pub due_working_days: Option<u32>,
    #[serde(default)]
    pub basis: Bases,
}

/// Where a finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    SelfCheck,
    Interview,
    Sop,
    FormalReview,
    Onsite,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Major,
    General,
    Observation,
}

/// Official holidays and make-up workdays: `calendar.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub years: Vec<i32>,
    /// Years whose official holiday notice is not yet in: only weekends are known, and every
    /// count that reaches into them warns so.
    #[serde(default)]
    pub provisional_years: Vec<i32>,
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    #[serde(default)]
    pub off: Vec<Id>,
    #[serde(default)]
    pub work: Vec<Id>,
}

/// The self-assessment estimate: `scoring.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub note: String,
    #[serde(default)]
    pub basis: Bases,
    pub categories: Vec<ScoreCategoryDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreCategoryDef {
    pub id: Id,
    pub title: String,
    pub weight: u32,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: Id,
    pub title: String,
    pub how: String,
    pub points: u32,
    pub effort: u8,
    pub levels: Vec<Level>,
    #[serde(default)]
    pub basis: Bases,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub label: String,
    pub value: f64,
}
