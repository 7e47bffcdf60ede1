//! The 人员与证书 section of the reports: counts by 涉密等级, certificates to renew and missing
//! documents, from the register's checks. Reports travel, so they name people by name and
//! role only: no certificate numbers, no dates of hiring, insurance or leaving, no passports.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use super::table::{Cell, Column, Kind, Table};
use crate::domain::people::{Checks, check_all};
use crate::i18n::Lang;
use crate::progress::{Level, Person, Progress};

/// One person who lacks something, by name and role.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub name: String,
    pub roles: String,
    /// What is missing, e.g. 保密承诺书、上岗审查 (in the report's language).
    pub what: Vec<&'static str>,
}

/// One certificate to renew, by holder's name and role.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewal {
    pub name: String,
    pub roles: String,
    pub certificate: String,
    pub valid_until: chrono::NaiveDate,
    /// Expires before the planned audit rather than within 90 days.
    pub before_audit: bool,
}

/// The section's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub active: usize,
    pub insured_12m: usize,
    /// `(grade, min, basis)` of the target grade's headcount threshold, when known.
    pub threshold: Option<(String, u32, String)>,
    /// Staff on the staff by level (`None`: not recorded), in 核心…非涉密 order.
    pub by_level: Vec<(Option<Level>, usize)>,
    pub in_declassification: usize,
    pub renewals: Vec<Renewal>,
    pub missing: Vec<Missing>,
}

fn roles(person: &Person, report: &Report) -> String {
    person
        .roles
        .iter()
        .map(|r| {
            report
                .content
                .interview
                .roles
                .iter()
                .find(|b| *b.id == **r)
                .map_or(r.clone(), |b| b.title.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}

pub fn staff(report: &Report) -> Staff {
    let progress: &Progress = report.progress;
    let checks: Checks = check_all(report.content, progress, report.today());
    let lang = report.lang;
    let mut counts: BTreeMap<Option<Level>, usize> = BTreeMap::new();
    for person in progress
        .people
        .iter()
        .filter(|p| !p.has_left(report.today()))
    {
        *counts.entry(person.level).or_default() += 1;
    }
    let mut by_level: Vec<(Option<Level>, usize)> = Level::ALL
        .iter()
        .map(|l| (Some(*l), counts.get(&Some(*l)).copied().unwrap_or(0)))
        .collect();
    if let Some(unset) = counts.get(&None) {
        by_level.push((None, *unset));
    }
    let who = |id: &str| progress.person(id);
    let renewals = checks
        .expiring_90d
        .iter()
        .map(|c| (c, false))
        .chain(checks.expiring_before_audit.iter().map(|c| (c, true)))
        .filter_map(|(c, before_audit)| {
            let person = who(&c.person_id)?;
            Some(Renewal {
                name: person.name.clone(),
                roles: roles(person, report),
                certificate: c.certificate.clone(),
                valid_until: c.valid_until,
                before_audit,
            })
        })
        .collect();
    let mut missing: Vec<Missing> = Vec::new();
    let mut note = |id: &str, what: &'static str| {
        let Some(person) = who(id) else {
            return;
        };
        match missing.iter_mut().find(|m| m.name == person.name) {
            Some(entry) => entry.what.push(what),
            None => missing.push(Missing {
                name: person.name.clone(),
                roles: roles(person, report),
                what: vec![what],
            }),
        }
    };
    for id in &checks.missing_pledge {
        note(id, lang.t("保密承诺书", "confidentiality pledge"));
    }
    for id in &checks.missing_vetting {
        note(id, lang.t("上岗审查", "pre-appointment vetting"));
    }
    for (id, _) in &checks.short_training {
        note(
            id,
            lang.t(
                "本年度保密培训学时",
                "this year's confidentiality training hours",
            ),
        );
    }
    for id in &checks.passport_not_held {
        note(id, lang.t("护照交单位保管", "passport kept by the unit"));
    }
    Staff {
        active: checks.active,
        insured_12m: checks.insured_12m,
        threshold: checks.threshold.as_ref().map(|t| match lang {
            Lang::Zh => (t.grade.to_owned(), t.min, t.basis.clone()),
            Lang::En => (
                if t.grade == crate::content::Grade::A.label() {
                    "Grade A".to_owned()
                } else {
                    "Grade B".to_owned()
                },
                t.min,
                t.basis_en.clone(),
            ),
        }),
        by_level,
        in_declassification: checks.in_declassification.len(),
        renewals,
        missing,
    }
}

fn level_label(level: Option<Level>, lang: Lang) -> &'static str {
    match (lang, level) {
        (Lang::Zh, level) => level.map_or("未定", Level::label),
        (Lang::En, None) => "not recorded",
        (Lang::En, Some(Level::Core)) => "core",
        (Lang::En, Some(Level::Important)) => "important",
        (Lang::En, Some(Level::General)) => "general",
        (Lang::En, Some(Level::None)) => "not classified",
    }
}

/// The headcount against the threshold, with the verdict in words (a black-and-white print
/// shows it too): "，乙级门槛 15 人（basis）：未达到，差 12 人". `escape` makes the basis safe
/// for the format.
fn threshold_text(s: &Staff, lang: Lang, escape: impl Fn(&str) -> String) -> String {
    match (&s.threshold, lang) {
        (Some((grade, min, basis)), Lang::Zh) => {
            let verdict = if s.insured_12m >= *min as usize {
                "已达到".to_owned()
            } else {
                format!("未达到，差 {} 人", *min as usize - s.insured_12m)
            };
            format!("，{grade}门槛 {min} 人（{}）：{verdict}", escape(basis))
        }
        (Some((grade, min, basis)), Lang::En) => {
            let verdict = if s.insured_12m >= *min as usize {
                "met".to_owned()
            } else {
                format!("not met, {} short", *min as usize - s.insured_12m)
            };
            format!(
                "; {grade} threshold {min} ({}): {verdict}",
                escape(basis)
            )
        }
        (None, lang) => lang
            .t(
                "，目标等级门槛未设置（zizhi settings set insured-threshold 人数）",
                "; the target grade's threshold is not set (zizhi settings set insured-threshold N)",
            )
            .to_owned(),
    }
}

/// Why a certificate is listed.
fn renewal_reason(r: &Renewal, today: chrono::NaiveDate, lang: Lang) -> &'static str {
    if r.before_audit {
        lang.t("计划审核日前到期", "expires before the planned audit")
    } else if r.valid_until < today {
        lang.t("已过期", "expired")
    } else {
        lang.t("90 天内到期", "expires within 90 days")
    }
}

/// "在职 … 人 …；离岗仍在脱密期 … 人。" with the threshold verdict.
fn headcount_sentence(s: &Staff, lang: Lang, threshold: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "在职 {} 人，在本单位缴纳社保满一年 {} 人{threshold}；离岗仍在脱密期 {} 人。",
            s.active, s.insured_12m, s.in_declassification
        ),
        Lang::En => format!(
            "{} on the staff, {} insured by the unit for a full year{threshold}; {} left and still in their declassification period.",
            s.active, s.insured_12m, s.in_declassification
        ),
    }
}

/// "按涉密等级：核心 1，重要 0…。"
fn levels_sentence(s: &Staff, lang: Lang) -> String {
    let levels: Vec<String> = s
        .by_level
        .iter()
        .map(|(l, n)| format!("{} {n}", level_label(*l, lang)))
        .collect();
    match lang {
        Lang::Zh => format!("按涉密等级：{}。", levels.join("，")),
        Lang::En => format!("By classification level: {}.", levels.join(", ")),
    }
}

/// The section's title and its two sub-titles, in Chinese and English.
const SECTION: (&str, &str) = ("人员与证书", "Staff and certificates");
const RENEWALS: (&str, &str) = ("需要续期的证书", "Certificates to renew");
const MISSING: (&str, &str) = (
    "涉密人员缺少的材料",
    "Documents missing for classified staff",
);

/// The section in Markdown.
pub fn write_markdown(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    let s = staff(report);
    writeln!(out, "## {}", lang.t(SECTION.0, SECTION.1))?;
    writeln!(out)?;
    if report.progress.people.is_empty() {
        writeln!(
            out,
            "{}",
            lang.t(
                "人员台账为空（zizhi people import 导入，或在程序的人员台账中添加）。",
                "The staff register is empty (zizhi people import, or add people in the app's staff register)."
            )
        )?;
        return writeln!(out);
    }
    let threshold = threshold_text(&s, lang, |t| t.to_owned());
    writeln!(out, "{}", headcount_sentence(&s, lang, &threshold))?;
    writeln!(out)?;
    writeln!(out, "{}", levels_sentence(&s, lang))?;
    writeln!(out)?;
    if !s.renewals.is_empty() {
        writeln!(out, "### {}", lang.t(RENEWALS.0, RENEWALS.1))?;
        writeln!(out)?;
        renewals_table(&s, report).markdown(out)?;
    }
    if !s.missing.is_empty() {
        writeln!(out, "### {}", lang.t(MISSING.0, MISSING.1))?;
        writeln!(out)?;
        missing_table(&s, lang).markdown(out)?;
    }
    Ok(())
}

/// Certificates to renew, for both reports.
fn renewals_table(s: &Staff, report: &Report) -> Table {
    let lang = report.lang;
    Table {
        columns: vec![
            Column::new(lang.t("姓名", "Name"), Kind::Text),
            Column::new(lang.t("岗位", "Roles"), Kind::Text),
            Column::new(lang.t("证书", "Certificate"), Kind::Text),
            Column::new(lang.t("有效期至", "Valid until"), Kind::Key),
            Column::new(lang.t("说明", "Why"), Kind::Text),
        ],
        rows: s
            .renewals
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.name.as_str()),
                    Cell::from(r.roles.as_str()),
                    Cell::from(r.certificate.as_str()),
                    Cell::from(r.valid_until.to_string()),
                    Cell::from(renewal_reason(r, report.today(), lang)),
                ]
            })
            .collect(),
    }
}

/// What each person still lacks, for both reports.
fn missing_table(s: &Staff, lang: Lang) -> Table {
    Table {
        columns: vec![
            Column::new(lang.t("姓名", "Name"), Kind::Text),
            Column::new(lang.t("岗位", "Roles"), Kind::Text),
            Column::new(lang.t("缺少", "Missing"), Kind::Text),
        ],
        rows: s
            .missing
            .iter()
            .map(|m| {
                vec![
                    Cell::from(m.name.as_str()),
                    Cell::from(m.roles.as_str()),
                    Cell::from(m.what.join(lang.t("、", ", "))),
                ]
            })
            .collect(),
    }
}

/// The section in HTML.
pub fn write_html(h: &mut String, report: &Report) {
    use super::html::escape;
    let lang = report.lang;
    let s = staff(report);
    h.push_str(&format!("<h2>{}</h2>\n", lang.t(SECTION.0, SECTION.1)));
    if report.progress.people.is_empty() {
        h.push_str(lang.t(
            "<p>人员台账为空。</p>\n",
            "<p>The staff register is empty.</p>\n",
        ));
        return;
    }
    let threshold = threshold_text(&s, lang, escape);
    h.push_str(&format!(
        "<p>{}</p>\n",
        headcount_sentence(&s, lang, &threshold)
    ));
    h.push_str(&format!("<p>{}</p>\n", levels_sentence(&s, lang)));
    if !s.renewals.is_empty() {
        h.push_str(&format!("<h3>{}</h3>\n", lang.t(RENEWALS.0, RENEWALS.1)));
        renewals_table(&s, report).html(h);
    }
    if !s.missing.is_empty() {
        h.push_str(&format!("<h3>{}</h3>\n", lang.t(MISSING.0, MISSING.1)));
        missing_table(&s, lang).html(h);
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::content::load_built_in;
    use crate::domain::calendar::WorkCalendar;
    use crate::progress::{Certificate, Passport};

    #[test]
    fn the_staff_section_names_people_by_name_and_role_only() {
        let content = load_built_in().expect("built-in");
        let calendar = WorkCalendar::from_content(&content.calendar);
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut zhang = Person::roster_entry("张伟", vec!["engineer".to_owned()]);
        zhang.level = Some(Level::Core);
        zhang.hired = NaiveDate::from_ymd_opt(2019, 4, 1);
        zhang.passport = Some(Passport::NotHeld);
        zhang.certificates.push(Certificate {
            id: "C1".to_owned(),
            name: "CISP".to_owned(),
            number: "CISP-2023-0001".to_owned(),
            issuer: "测评中心".to_owned(),
            valid_until: NaiveDate::from_ymd_opt(2027, 1, 10),
        });
        let progress = Progress {
            people: vec![zhang],
            ..Progress::default()
        };
        let report = Report {
            content: &content,
            progress: &progress,
            calendar: &calendar,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            meta: &crate::report::Meta::default(),
            lang: crate::i18n::Lang::Zh,
        };
        let mut md = Vec::new();
        write_markdown(&mut md, &report).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert!(md.contains("核心 1"), "{md}");
        assert!(
            md.contains("| 张伟 | 运维工程师 | CISP | 2027-01-10 | 90 天内到期 |"),
            "{md}"
        );
        assert!(
            md.contains("保密承诺书、上岗审查、本年度保密培训学时、护照交单位保管"),
            "{md}"
        );
        let mut html = String::new();
        write_html(&mut html, &report);
        for text in [&md, &html] {
            assert!(!text.contains("CISP-2023-0001"), "no certificate numbers");
            assert!(!text.contains("2019-04-01"), "no dates of service");
            assert!(!text.contains("测评中心"));
        }
    }
}
