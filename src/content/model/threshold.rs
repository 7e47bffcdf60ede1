//! The per-grade 具体条件 (hard entry conditions) as figures a program can read:
//! `thresholds.yaml`. A figure the content could not source has no `value`; its note says to
//! take the figure the provincial 保密行政管理部门 publishes.

use serde::{Deserialize, Serialize};

use super::basis::Bases;
use super::{Grade, Id};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdFile {
    /// Shown above the figures: what they are and that published versions differ.
    pub note: String,
    pub grades: Vec<GradeThresholds>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GradeThresholds {
    pub grade: Grade,
    pub figures: Vec<Threshold>,
}

/// One condition of a grade: a minimum `value` in `unit`, with its basis.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub id: Id,
    pub kind: ThresholdKind,
    pub title: String,
    /// The minimum; none when no published figure could be sourced.
    #[serde(default)]
    pub value: Option<u32>,
    pub unit: String,
    #[serde(default)]
    pub basis: Bases,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a threshold measures; programs (the staff register) look figures up by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdKind {
    /// Years since the applicant was lawfully established.
    EstablishedYears,
    /// Registered capital paid in money (实缴), in 万元.
    PaidInCapital,
    /// O&M revenue of the last 3 years, in 万元.
    #[serde(rename = "revenue_3y")]
    Revenue3y,
    /// Staff doing O&M work.
    Staff,
    /// Staff insured by the applicant for at least one year (社保一年以上).
    InsuredStaff,
    /// Staff with a senior title or equivalent professional qualification.
    SeniorTitles,
    /// Of those, insured by the applicant for at least one year.
    SeniorTitlesInsured,
    /// Floor area of the classified work site, in square metres.
    SiteArea,
    /// Owned premises, or a lease of at least this many years.
    LeaseYears,
    /// Years holding a prior 涉密集成 qualification (first application).
    PriorQualificationYears,
    /// Classified projects in the last 3 years.
    #[serde(rename = "secret_projects_3y")]
    SecretProjects3y,
    /// Total contract value of those projects, in 万元.
    SecretProjectAmount,
}

impl ThresholdFile {
    /// The figure of `kind` for `grade`, if the content lists it.
    pub fn get(&self, grade: Grade, kind: ThresholdKind) -> Option<&Threshold> {
        self.grades
            .iter()
            .filter(|g| g.grade == grade)
            .flat_map(|g| &g.figures)
            .find(|t| t.kind == kind)
    }
}
