//! The register's checks as short lines for the dashboard, each with the people it concerns
//! (so Enter can list them) and whether it is a failing hard threshold (which can become a
//! rectification item).

use chrono::NaiveDate;

use super::{Checks, insured_a_year};
use crate::content::{FindingSource, Severity};
use crate::domain::rectification::Finding;
use crate::progress::Progress;

/// One check on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
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

/// The check lines, headcount first; passing soft checks are left out.
pub fn check_lines(progress: &Progress, checks: &Checks, today: NaiveDate) -> Vec<CheckLine> {
    let mut lines = Vec::new();
    let active = progress.people.iter().filter(|p| !p.has_left(today));
    // Failing: everyone on the staff, to see who is short of a year; passing: who counts.
    let active_ids: Vec<String> = active.clone().map(|p| p.id.clone()).collect();
    let insured_ids: Vec<String> = active
        .filter(|p| insured_a_year(p, today))
        .map(|p| p.id.clone())
        .collect();
    let (text, failing, finding) = match (&checks.threshold, checks.headcount_ok()) {
        (Some(t), Some(ok)) => {
            let text = format!(
                "{} 社保满一年 {} 人 / {}门槛 {} 人",
                if ok { "✓" } else { "✗" },
                checks.insured_12m,
                t.grade,
                t.min
            );
            let finding = (!ok).then(|| Finding {
                source: FindingSource::SelfCheck,
                link: HEADCOUNT_LINK.to_owned(),
                title: format!(
                    "社保满一年人数不足：{} 人，{}门槛 {} 人",
                    checks.insured_12m, t.grade, t.min
                ),
                description: format!(
                    "在本单位依法缴纳社保满一年的人员 {} 人，低于{}的具体条件 {} 人（依据：{}）。差 {} 人。",
                    checks.insured_12m,
                    t.grade,
                    t.min,
                    t.basis,
                    (t.min as usize).saturating_sub(checks.insured_12m)
                ),
                severity: Severity::Major,
            });
            (text, !ok, finding)
        }
        _ => (
            format!(
                "· 社保满一年 {} 人 / 在职 {} 人（按 , 设门槛）",
                checks.insured_12m, checks.active
            ),
            false,
            None,
        ),
    };
    lines.push(CheckLine {
        what: "社保满一年".to_owned(),
        text,
        ids: if failing { active_ids } else { insured_ids },
        failing,
        finding,
    });
    let mut push = |what: &str, count: usize, ids: Vec<String>| {
        if count > 0 {
            lines.push(CheckLine {
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
        "证书 90 天内到期",
        checks.expiring_90d.len(),
        cert_ids(&checks.expiring_90d),
    );
    push(
        "证书在计划审核日前到期",
        checks.expiring_before_audit.len(),
        cert_ids(&checks.expiring_before_audit),
    );
    push(
        "涉密人员未签承诺书",
        checks.missing_pledge.len(),
        checks.missing_pledge.clone(),
    );
    push(
        "涉密人员无上岗审查",
        checks.missing_vetting.len(),
        checks.missing_vetting.clone(),
    );
    push(
        "今年培训学时不足",
        checks.short_training.len(),
        checks
            .short_training
            .iter()
            .map(|(id, _)| id.clone())
            .collect(),
    );
    push(
        "护照未交单位保管",
        checks.passport_not_held.len(),
        checks.passport_not_held.clone(),
    );
    if !checks.in_declassification.is_empty() {
        let next = checks
            .in_declassification
            .iter()
            .filter_map(|l| l.ends)
            .min()
            .map(|d| format!("，最早 {d} 结束"))
            .unwrap_or_default();
        lines.push(CheckLine {
            what: "脱密期中".to_owned(),
            text: format!("· 脱密期中 {} 人{next}", checks.in_declassification.len()),
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
