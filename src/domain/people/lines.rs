//! The register's checks as short lines for the dashboard, each with the people it concerns
//! (so Enter can list them) and whether it is a failing hard threshold (which can become a
//! rectification item).

use chrono::NaiveDate;

use super::{Checks, insured_a_year};
use crate::content::{FindingSource, Severity};
use crate::domain::rectification::Finding;
use crate::i18n::Lang;
use crate::progress::Progress;

/// Which check a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Headcount,
    Expiring90d,
    ExpiringBeforeAudit,
    MissingPledge,
    MissingVetting,
    ShortTraining,
    PassportNotHeld,
    InDeclassification,
}

/// One check on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub kind: CheckKind,
    /// What the check is, short (used as the list's title when jumping there).
    pub what: String,
    /// The line as shown.
    pub text: String,
    /// The people it concerns.
    pub ids: Vec<String>,
    /// Something needs doing.
    pub failing: bool,
    /// A failing hard threshold: `z` turns it into a rectification item.
    pub finding: Option<Finding>,
}

/// The link a register finding carries in the rectification item.
pub const HEADCOUNT_LINK: &str = "people/insured-12m";

/// The check lines in `lang`, headcount first; passing soft checks are left out.
pub fn check_lines(
    progress: &Progress,
    checks: &Checks,
    today: NaiveDate,
    lang: Lang,
) -> Vec<CheckLine> {
    let mut lines = Vec::new();
    let active = progress.people.iter().filter(|p| !p.has_left(today));
    // Failing: everyone on the staff, to see who is short of a year; passing: who counts.
    let active_ids: Vec<String> = active.clone().map(|p| p.id.clone()).collect();
    let insured_ids: Vec<String> = active
        .filter(|p| insured_a_year(p, today))
        .map(|p| p.id.clone())
        .collect();
    let grade = super::target_grade(progress).name(lang);
    let (text, failing, finding) = match (&checks.threshold, checks.headcount_ok()) {
        (Some(t), Some(ok)) => {
            let mark = if ok { "✓" } else { "✗" };
            let text = match lang {
                Lang::Zh => format!(
                    "{mark} 社保满一年 {} 人 / {}门槛 {} 人",
                    checks.insured_12m, t.grade, t.min
                ),
                Lang::En => format!(
                    "{mark} insured 1 year {} / {grade} needs {}",
                    checks.insured_12m, t.min
                ),
            };
            let short = (t.min as usize).saturating_sub(checks.insured_12m);
            let finding = (!ok).then(|| Finding {
                source: FindingSource::SelfCheck,
                link: HEADCOUNT_LINK.to_owned(),
                title: match lang {
                    Lang::Zh => format!(
                        "社保满一年人数不足：{} 人，{}门槛 {} 人",
                        checks.insured_12m, t.grade, t.min
                    ),
                    Lang::En => format!(
                        "Too few staff insured for a year: {}, {grade} needs {}",
                        checks.insured_12m, t.min
                    ),
                },
                description: match lang {
                    Lang::Zh => format!(
                        "在本单位依法缴纳社保满一年的人员 {} 人，低于{}的具体条件 {} 人（依据：{}）。差 {short} 人。",
                        checks.insured_12m, t.grade, t.min, t.basis,
                    ),
                    Lang::En => format!(
                        "{} staff have been insured by the company for a year, fewer than the {} \
                         {grade} requires (basis: {}). {short} short.",
                        checks.insured_12m, t.min, t.basis_en,
                    ),
                },
                severity: Severity::Major,
            });
            (text, !ok, finding)
        }
        _ => (
            match lang {
                Lang::Zh => format!(
                    "· 社保满一年 {} 人 / 在职 {} 人（按 , 设门槛）",
                    checks.insured_12m, checks.active
                ),
                Lang::En => format!(
                    "· insured 1 year {} of {} (, sets the threshold)",
                    checks.insured_12m, checks.active
                ),
            },
            false,
            None,
        ),
    };
    lines.push(CheckLine {
        kind: CheckKind::Headcount,
        what: lang.t("社保满一年", "Insured 1 year").to_owned(),
        text,
        ids: if failing { active_ids } else { insured_ids },
        failing,
        finding,
    });
    let mut push = |kind: CheckKind, what: &str, count: usize, ids: Vec<String>| {
        if count > 0 {
            lines.push(CheckLine {
                kind,
                what: what.to_owned(),
                text: format!("✗ {what} {count}"),
                ids,
                failing: true,
                finding: None,
            });
        }
    };
    let cert_ids = |list: &[super::ExpiringCertificate]| {
        let mut ids: Vec<String> = list.iter().map(|c| c.person_id.clone()).collect();
        ids.dedup();
        ids
    };
    push(
        CheckKind::Expiring90d,
        lang.t("证书 90 天内到期", "Certificates expiring in 90 days"),
        checks.expiring_90d.len(),
        cert_ids(&checks.expiring_90d),
    );
    push(
        CheckKind::ExpiringBeforeAudit,
        lang.t(
            "证书在计划审核日前到期",
            "Certificates expiring before the audit",
        ),
        checks.expiring_before_audit.len(),
        cert_ids(&checks.expiring_before_audit),
    );
    push(
        CheckKind::MissingPledge,
        lang.t("涉密人员未签承诺书", "Classified staff without pledge"),
        checks.missing_pledge.len(),
        checks.missing_pledge.clone(),
    );
    push(
        CheckKind::MissingVetting,
        lang.t("涉密人员无上岗审查", "Classified staff not vetted"),
        checks.missing_vetting.len(),
        checks.missing_vetting.clone(),
    );
    push(
        CheckKind::ShortTraining,
        lang.t("今年培训学时不足", "Short of training this year"),
        checks.short_training.len(),
        checks
            .short_training
            .iter()
            .map(|(id, _)| id.clone())
            .collect(),
    );
    push(
        CheckKind::PassportNotHeld,
        lang.t("护照未交单位保管", "Passport not held"),
        checks.passport_not_held.len(),
        checks.passport_not_held.clone(),
    );
    if !checks.in_declassification.is_empty() {
        let next = checks
            .in_declassification
            .iter()
            .filter_map(|l| l.ends)
            .min();
        let count = checks.in_declassification.len();
        let text = match (lang, next) {
            (Lang::Zh, Some(d)) => format!("· 脱密期中 {count} 人，最早 {d} 结束"),
            (Lang::Zh, None) => format!("· 脱密期中 {count} 人"),
            (Lang::En, Some(d)) => format!("· Declassifying {count}, first ends {d}"),
            (Lang::En, None) => format!("· Declassifying {count}"),
        };
        lines.push(CheckLine {
            kind: CheckKind::InDeclassification,
            what: lang.t("脱密期中", "Declassifying").to_owned(),
            text,
            ids: checks
                .in_declassification
                .iter()
                .map(|l| l.person_id.clone())
                .collect(),
            failing: false,
            finding: None,
        });
    }
    lines
}
