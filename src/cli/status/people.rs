//! The staff register's part of `status`: counts for scripts and the checks in words.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::people::{Checks, DECLASSIFICATION_VERSIONS, declassification};
use crate::domain::settings::grade_name;
use crate::i18n::Lang;
use crate::progress::{Level, Progress};

/// `people` in `status --json`. Leavers count only in `in_declassification`.
#[derive(Debug, Serialize)]
pub struct PeopleJson {
    /// People on the staff (leavers not counted).
    pub total: usize,
    /// Of them, insured by the applicant for at least 12 months.
    pub insured_12m: usize,
    pub by_level: ByLevel,
    /// Certificates of staff expiring within 90 days, those already expired included.
    pub certificates_expiring_90d: usize,
    /// 涉密 staff (核心/重要/一般) without a signed 保密承诺书.
    pub missing_pledge: usize,
    /// Leavers still in their 脱密期 (or whose level is not recorded).
    pub in_declassification: usize,
    /// The headcount threshold of the target grade, when known.
    pub threshold: Option<crate::domain::people::Threshold>,
    /// Certificates expiring after 90 days but before the planned audit.
    pub certificates_expiring_before_audit: usize,
    pub audit_date: Option<NaiveDate>,
    pub missing_vetting: usize,
    pub short_training: usize,
    pub passport_not_held: usize,
}

/// Staff on the staff by 涉密等级 (people whose level is not recorded are in none).
#[derive(Debug, Default, Serialize)]
pub struct ByLevel {
    pub core: usize,
    pub important: usize,
    pub general: usize,
    pub none: usize,
}

pub fn json(progress: &Progress, checks: &Checks, today: NaiveDate) -> PeopleJson {
    let mut by_level = ByLevel::default();
    for person in progress.people.iter().filter(|p| !p.has_left(today)) {
        match person.level {
            Some(Level::Core) => by_level.core += 1,
            Some(Level::Important) => by_level.important += 1,
            Some(Level::General) => by_level.general += 1,
            Some(Level::None) => by_level.none += 1,
            None => {}
        }
    }
    PeopleJson {
        total: checks.active,
        insured_12m: checks.insured_12m,
        by_level,
        certificates_expiring_90d: checks.expiring_90d.len(),
        missing_pledge: checks.missing_pledge.len(),
        in_declassification: checks.in_declassification.len(),
        threshold: checks.threshold.clone(),
        certificates_expiring_before_audit: checks.expiring_before_audit.len(),
        audit_date: checks.audit_date,
        missing_vetting: checks.missing_vetting.len(),
        short_training: checks.short_training.len(),
        passport_not_held: checks.passport_not_held.len(),
    }
}

/// Names of the people with `ids`, joined for one line.
fn names(progress: &Progress, ids: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    ids.into_iter()
        .filter_map(|id| progress.person(id.as_ref()).map(|p| p.name.clone()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The checks as text lines, one per check, with the people each concerns.
pub fn check_lines(progress: &Progress, checks: &Checks, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let mut lines = Vec::new();
    let headcount = match (&checks.threshold, checks.headcount_ok()) {
        (Some(t), Some(ok)) if en => format!(
            "{} insured for a year: {}; {} threshold {} ({})",
            if ok { "✓" } else { "✗" },
            checks.insured_12m,
            grade_name(crate::domain::people::target_grade(progress), lang),
            t.min,
            t.basis_en
        ),
        (Some(t), Some(ok)) => format!(
            "{} 社保满一年 {} 人，{}门槛 {} 人（{}）",
            if ok { "✓" } else { "✗" },
            checks.insured_12m,
            t.grade,
            t.min,
            t.basis
        ),
        _ if en => format!(
            "· insured for a year: {} (on the staff: {}); no threshold for the target grade: enter the provincial figure with zizhi settings set insured-threshold N",
            checks.insured_12m, checks.active
        ),
        _ => format!(
            "· 社保满一年 {} 人（在职 {} 人）；目标等级门槛未设置，请按属地公布的具体条件填写：zizhi settings set insured-threshold 人数",
            checks.insured_12m, checks.active
        ),
    };
    lines.push(headcount);
    if !checks.expiring_90d.is_empty() {
        let list: Vec<String> = checks
            .expiring_90d
            .iter()
            .map(|c| {
                let when = match (c.days_left, en) {
                    (d, false) if d < 0 => format!("已于 {} 过期", c.valid_until),
                    (d, true) if d < 0 => format!("expired on {}", c.valid_until),
                    (0, false) => "今天到期".to_owned(),
                    (0, true) => "expires today".to_owned(),
                    (d, false) => format!("{d} 天后到期"),
                    (d, true) => format!("expires in {d} days"),
                };
                format!("{}·{} {when}", c.person, c.certificate)
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!(
                "✗ 90 天内到期或已过期的证书 {} 张：{}",
                list.len(),
                list.join("；")
            ),
            Lang::En => format!(
                "✗ certificates expired or expiring within 90 days: {}: {}",
                list.len(),
                list.join("; ")
            ),
        });
    }
    if let Some(audit) = checks.audit_date
        && !checks.expiring_before_audit.is_empty()
    {
        let list: Vec<String> = checks
            .expiring_before_audit
            .iter()
            .map(|c| format!("{}·{} {}", c.person, c.certificate, c.valid_until))
            .collect();
        lines.push(match lang {
            Lang::Zh => format!(
                "✗ 计划审核日（{audit}）前到期的证书 {} 张：{}",
                list.len(),
                list.join("；")
            ),
            Lang::En => format!(
                "✗ certificates expiring before the planned audit ({audit}): {}: {}",
                list.len(),
                list.join("; ")
            ),
        });
    }
    let missing = [
        (
            lang.t("未签保密承诺书", "without a signed pledge"),
            &checks.missing_pledge,
        ),
        (
            lang.t("未记录上岗审查", "without recorded vetting"),
            &checks.missing_vetting,
        ),
    ];
    for (what, ids) in missing {
        if !ids.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!(
                    "✗ 涉密人员{what} {} 人：{}",
                    ids.len(),
                    names(progress, ids.iter())
                ),
                Lang::En => format!(
                    "✗ classified staff {what}: {}: {}",
                    ids.len(),
                    names(progress, ids.iter()).replace('、', ", ")
                ),
            });
        }
    }
    if !checks.short_training.is_empty() {
        let need = match (checks.training_required, lang) {
            (None, Lang::Zh) => "未设学时要求，按有无培训记录".to_owned(),
            (None, Lang::En) => "no hours set: any training counts".to_owned(),
            (Some(h), Lang::Zh) => format!("单位要求每年 {h} 学时"),
            (Some(h), Lang::En) => format!("the unit requires {h} hours a year"),
        };
        let who = names(progress, checks.short_training.iter().map(|(id, _)| id));
        lines.push(match lang {
            Lang::Zh => format!(
                "✗ 今年保密培训学时不足的涉密人员 {} 人（{need}）：{who}",
                checks.short_training.len(),
            ),
            Lang::En => format!(
                "✗ classified staff short of training this year: {} ({need}): {}",
                checks.short_training.len(),
                who.replace('、', ", ")
            ),
        });
    }
    if !checks.passport_not_held.is_empty() {
        let who = names(progress, checks.passport_not_held.iter());
        lines.push(match lang {
            Lang::Zh => format!(
                "✗ 护照未交单位保管或未登记 {} 人：{who}",
                checks.passport_not_held.len(),
            ),
            Lang::En => format!(
                "✗ passports not held by the company or not recorded: {}: {}",
                checks.passport_not_held.len(),
                who.replace('、', ", ")
            ),
        });
    }
    for leaver in &checks.in_declassification {
        let line = match leaver
            .level
            .and_then(|level| declassification(level, leaver.left))
        {
            Some(period) => {
                let versions: Vec<String> = DECLASSIFICATION_VERSIONS
                    .iter()
                    .zip(period.ends.iter())
                    .map(|(v, (short, long))| format!("{} {short}–{long}", v.name))
                    .collect();
                match lang {
                    Lang::Zh => format!(
                        "· 脱密期中：{}（{}，{} 离岗）至 {}（{}）",
                        leaver.person,
                        leaver.level.map_or("", Level::label),
                        leaver.left,
                        period.latest_end(),
                        versions.join("，")
                    ),
                    Lang::En => format!(
                        "· in the declassification period: {} (left {}) until {} (the longer of the two circulating versions)",
                        leaver.person,
                        leaver.left,
                        period.latest_end(),
                    ),
                }
            }
            None if en => format!(
                "· in the declassification period: {} (left {}; level not recorded, the period cannot be computed)",
                leaver.person, leaver.left
            ),
            None => format!(
                "· 脱密期中：{}（{} 离岗，涉密等级未登记，无法计算脱密期）",
                leaver.person, leaver.left
            ),
        };
        lines.push(line);
    }
    lines
}

pub fn write_text(
    out: &mut dyn Write,
    progress: &Progress,
    checks: &Checks,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out)?;
    match lang {
        Lang::Zh => writeln!(
            out,
            "人员台账：在职 {} 人，脱密期中 {} 人",
            checks.active,
            checks.in_declassification.len()
        ),
        Lang::En => writeln!(
            out,
            "Staff register: {} on the staff, {} in the declassification period",
            checks.active,
            checks.in_declassification.len()
        ),
    }?;
    if progress.people.is_empty() {
        return writeln!(
            out,
            "{}",
            lang.t(
                "  台账为空：用 zizhi people import 文件.csv 导入，或在程序里按人员台账添加",
                "  The register is empty: zizhi people import FILE.csv, or add people in the app (7)",
            )
        );
    }
    for line in check_lines(progress, checks, lang) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
