//! Rules over the staff register (人员与证书台账): 脱密期 ends, the headcount insured for a
//! year, expiring certificates, missing documents and training, passports. Pure: today and the
//! planned audit date come in as data.

mod declassification;
pub mod fields;
pub mod filter;
pub mod lines;

pub use declassification::{
    DECLASSIFICATION_VERSIONS, Declassification, Version, declassification,
};

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::content::Grade;
use crate::progress::{Level, Passport, Person, Progress};

/// Months of social insurance paid by the applicant that make a person count towards the
/// headcount threshold (published 具体条件: 在本单位依法缴纳社保一年以上).
pub const INSURED_MONTHS: u32 = 12;

/// A certificate this close to its expiry, in days, is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// Insured by the applicant for at least [`INSURED_MONTHS`] on `today`, and still on the staff.
/// Exactly twelve months (the same day a year later) counts.
pub fn insured_a_year(person: &Person, today: NaiveDate) -> bool {
    !person.has_left(today)
        && person.insured_since.is_some_and(|since| {
            since
                .checked_add_months(Months::new(INSURED_MONTHS))
                .is_some_and(|year| year <= today)
        })
}

/// The headcount threshold of a grade: a figure with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threshold {
    pub grade: &'static str,
    pub min: u32,
    /// Where the figure comes from, in words (the document, or 「单位设置」).
    pub basis: String,
    /// The same in English, for `--lang en`.
    pub basis_en: String,
}

/// One certificate that needs renewing, with its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiringCertificate {
    pub person: String,
    pub person_id: String,
    pub certificate: String,
    pub valid_until: NaiveDate,
    /// Days from today (negative: already expired; 0: expires today, still valid today).
    pub days_left: i64,
}

/// A leaver still in their 脱密期.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leaver {
    pub person: String,
    pub person_id: String,
    pub level: Option<Level>,
    pub left: NaiveDate,
    /// The latest end by either circulating version (the safe one to act on); absent when
    /// the level is not recorded.
    pub ends: Option<NaiveDate>,
}

/// Everything the register's checks found on one day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checks {
    /// People on the staff (not left).
    pub active: usize,
    /// Of them, insured by the applicant for at least a year.
    pub insured_12m: usize,
    /// The target grade's threshold, when known.
    pub threshold: Option<Threshold>,
    /// Certificates expired or expiring within 90 days, soonest first.
    pub expiring_90d: Vec<ExpiringCertificate>,
    /// Certificates that expire before the planned audit date (and not already in
    /// `expiring_90d`), soonest first.
    pub expiring_before_audit: Vec<ExpiringCertificate>,
    pub audit_date: Option<NaiveDate>,
    /// Person ids of 涉密 staff without a signed 保密承诺书.
    pub missing_pledge: Vec<String>,
    /// Person ids of 涉密 staff without a passed 上岗审查.
    pub missing_vetting: Vec<String>,
    /// Person ids of 涉密 staff with fewer training hours this year than required (any hours
    /// at all when the unit has set no figure), with the hours they have.
    pub short_training: Vec<(String, f64)>,
    pub training_required: Option<f64>,
    /// Leavers still in their 脱密期, soonest end first.
    pub in_declassification: Vec<Leaver>,
    /// Person ids of 涉密 staff (and leavers in 脱密期) whose passport the company does not
    /// hold or has not recorded.
    pub passport_not_held: Vec<String>,
}

impl Checks {
    /// The headcount check: `Some(true)` passes, `Some(false)` fails, `None` when no threshold
    /// is known.
    pub fn headcount_ok(&self) -> Option<bool> {
        self.threshold
            .as_ref()
            .map(|t| self.insured_12m >= t.min as usize)
    }
}

/// The grade the checks measure against: the one set in the register, else 乙级 (the usual
/// first application).
pub fn target_grade(progress: &Progress) -> Grade {
    progress.target_grade()
}

/// The headcount threshold for the register's target grade: the unit's own figure when set,
/// else the content's per-grade 具体条件 (`thresholds.yaml`, kind `insured_staff`) when it
/// gives a value, with its basis; none when neither does.
pub fn threshold(content: &crate::content::Content, progress: &Progress) -> Option<Threshold> {
    let grade = target_grade(progress);
    if let Some(min) = progress.settings.insured_threshold {
        return Some(Threshold {
            grade: grade.label(),
            min,
            basis: "单位设置（按属地保密行政管理部门公布的具体条件填写）".to_owned(),
            basis_en: "the unit's setting".to_owned(),
        });
    }
    let figure = content
        .thresholds
        .get(grade, crate::content::ThresholdKind::InsuredStaff)?;
    Some(Threshold {
        grade: grade.label(),
        min: figure.value?,
        basis: figure.basis.summary(crate::i18n::Lang::Zh),
        basis_en: figure.basis.summary(crate::i18n::Lang::En),
    })
}

/// The planned on-site audit: the earliest start of the timeline's on-site audit phase, when
/// the timeline has a start date.
pub fn planned_audit(
    content: &crate::content::Content,
    progress: &Progress,
    today: NaiveDate,
) -> Option<NaiveDate> {
    progress.timeline.start?;
    let plan = crate::domain::timeline::plan(&content.phases, &progress.timeline, today);
    plan.phases
        .iter()
        .find(|p| p.id == AUDIT_PHASE)
        .map(|p| p.start.earliest)
}

/// The id of the on-site audit phase in the content.
pub const AUDIT_PHASE: &str = "onsite-audit";

/// [`check`] with the threshold and audit date the content and progress give.
pub fn check_all(
    content: &crate::content::Content,
    progress: &Progress,
    today: NaiveDate,
) -> Checks {
    check(
        progress,
        threshold(content, progress),
        planned_audit(content, progress, today),
        today,
    )
}

/// Runs every check over the register on `today`. `threshold` is the target grade's figure
/// (from the content, or the unit's own setting); `audit_date` the planned on-site audit.
pub fn check(
    progress: &Progress,
    threshold: Option<Threshold>,
    audit_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Checks {
    let mut checks = Checks {
        threshold,
        audit_date,
        training_required: progress.settings.training_hours,
        ..Checks::default()
    };
    for person in &progress.people {
        let left = person.has_left(today);
        if left {
            if let Some(leaver) = leaver_in_declassification(person, today) {
                checks.in_declassification.push(leaver);
                if person.passport != Some(Passport::Held)
                    && person.passport != Some(Passport::NoPassport)
                    && person.level.is_some_and(Level::is_classified)
                {
                    checks.passport_not_held.push(person.id.clone());
                }
            }
            continue;
        }
        checks.active += 1;
        if insured_a_year(person, today) {
            checks.insured_12m += 1;
        }
        for cert in &person.certificates {
            let Some(until) = cert.valid_until else {
                continue;
            };
            let days_left = (until - today).num_days();
            let entry = || ExpiringCertificate {
                person: person.name.clone(),
                person_id: person.id.clone(),
                certificate: cert.name.clone(),
                valid_until: until,
                days_left,
            };
            if days_left <= EXPIRY_WARNING_DAYS {
                checks.expiring_90d.push(entry());
            } else if audit_date.is_some_and(|audit| until < audit) {
                checks.expiring_before_audit.push(entry());
            }
        }
        if !person.level.is_some_and(Level::is_classified) {
            continue;
        }
        if person.pledge_signed.is_none() {
            checks.missing_pledge.push(person.id.clone());
        }
        if person.vetted.is_none() {
            checks.missing_vetting.push(person.id.clone());
        }
        let hours = training_hours_in_year(person, today.year());
        let short = match checks.training_required {
            Some(required) => hours < required,
            None => hours <= 0.0,
        };
        if short {
            checks.short_training.push((person.id.clone(), hours));
        }
        if !matches!(person.passport, Some(Passport::Held | Passport::NoPassport)) {
            checks.passport_not_held.push(person.id.clone());
        }
    }
    checks.expiring_90d.sort_by_key(|c| c.valid_until);
    checks.expiring_before_audit.sort_by_key(|c| c.valid_until);
    checks
        .in_declassification
        .sort_by_key(|l| (l.ends.is_some(), l.ends));
    checks
}

/// Training hours a person attended in calendar year `year`.
pub fn training_hours_in_year(person: &Person, year: i32) -> f64 {
    person
        .training
        .iter()
        .filter(|t| t.date.year() == year)
        .map(|t| t.hours)
        // A fold from +0.0: `sum` of no floats is -0.0, shown as "-0".
        .fold(0.0, |total, hours| total + hours)
}

/// `Some` when `person` has left and is still in their 脱密期 on `today` (the last day of the
/// period included), or their level is unknown so the period cannot be ruled out.
fn leaver_in_declassification(person: &Person, today: NaiveDate) -> Option<Leaver> {
    let left = person.left?;
    let ends = match person.level {
        Some(level) => Some(declassification(level, left)?.latest_end()),
        None => None,
    };
    if ends.is_some_and(|end| end < today) {
        return None;
    }
    Some(Leaver {
        person: person.name.clone(),
        person_id: person.id.clone(),
        level: person.level,
        left,
        ends,
    })
}

/// Whether a leaver's personal fields may be purged on `today`: they have left, and the
/// longest 脱密期 of either version has ended (the day after its last day). A leaver whose
/// level was never recorded, or 非涉密, may be purged once they have left.
pub fn purge_allowed(person: &Person, today: NaiveDate) -> Result<(), PurgeRefusal> {
    let Some(left) = person.left else {
        return Err(PurgeRefusal::NotLeft);
    };
    if left > today {
        return Err(PurgeRefusal::NotLeft);
    }
    if let Some(level) = person.level
        && let Some(period) = declassification(level, left)
        && period.latest_end() >= today
    {
        return Err(PurgeRefusal::InDeclassification {
            ends: period.latest_end(),
        });
    }
    Ok(())
}

/// Why a leaver cannot be purged yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PurgeRefusal {
    #[error("此人没有离岗日期（或离岗日期在今天之后），不能清除个人信息")]
    NotLeft,
    #[error("此人仍在脱密期内（按较长口径到 {ends} 为止），到期后才能清除个人信息")]
    InDeclassification { ends: NaiveDate },
}

impl PurgeRefusal {
    /// The reason in the interface language.
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        match (lang, self) {
            (crate::i18n::Lang::Zh, _) => self.to_string(),
            (_, PurgeRefusal::NotLeft) => "this person has no leaving date (or it lies after \
                 today): the personal data cannot be purged"
                .to_owned(),
            (_, PurgeRefusal::InDeclassification { ends }) => format!(
                "this person is still in the declassification period (until {ends} by the \
                 longer reading): the personal data can be purged after it"
            ),
        }
    }
}

/// Removes a leaver's personal fields, keeping name, level and the dates of service (hired,
/// insured since, left) for the headcount history.
pub fn purge(person: &mut Person, today: NaiveDate) {
    person.roles.clear();
    person.om_staff = false;
    person.pledge_signed = None;
    person.vetted = None;
    person.passport = None;
    person.passport_since = None;
    person.certificates.clear();
    person.training.clear();
    person.purged = Some(today);
}

#[cfg(test)]
mod tests;
