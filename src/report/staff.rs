//! The 人员与证书 section of the reports: counts by 涉密等级, certificates to renew and missing
//! documents, from the register's checks. Reports travel, so they name people by name and
//! role only: no certificate numbers, no dates of hiring, insurance or leaving, no passports.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use crate::domain::people::{Checks, check_all};
use crate::progress::{Level, Person, Progress};

/// One person who lacks something, by name and role.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub name: String,
    pub roles: String,
    /// What is missing, e.g. 保密承诺书、上岗审查.
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
        note(id, "保密承诺书");
    }
    for id in &checks.missing_vetting {
        note(id, "上岗审查");
    }
    for (id, _) in &checks.short_training {
        note(id, "本年度保密培训学时");
    }
    for id in &checks.passport_not_held {
        note(id, "护照交单位保管");
    }
    Staff {
        active: checks.active,
        insured_12m: checks.insured_12m,
        threshold: checks
            .threshold
            .as_ref()
            .map(|t| (t.grade.to_owned(), t.min, t.basis.clone())),
        by_level,
        in_declassification: checks.in_declassification.len(),
        renewals,
        missing,
    }
}

fn level_label(level: Option<Level>) -> &'static str {
    level.map_or("未定", Level::label)
}

/// The headcount against the threshold, with the verdict in words (a black-and-white print
/// shows it too): "，乙级门槛 15 人（basis）：未达到，差 12 人". `escape` makes the basis safe
/// for the format.
fn threshold_text(s: &Staff, escape: impl Fn(&str) -> String) -> String {
    match &s.threshold {
        Some((grade, min, basis)) => {
            let verdict = if s.insured_12m >= *min as usize {
                "已达到".to_owned()
            } else {
                format!("未达到，差 {} 人", *min as usize - s.insured_12m)
            };
            format!("，{grade}门槛 {min} 人（{}）：{verdict}", escape(basis))
        }
        None => "，目标等级门槛未设置（zizhi settings set insured-threshold 人数）".to_owned(),
    }
}

/// Why a certificate is listed.
fn renewal_reason(r: &Renewal, today: chrono::NaiveDate) -> &'static str {
    if r.before_audit {
        "计划审核日前到期"
    } else if r.valid_until < today {
        "已过期"
    } else {
        "90 天内到期"
    }
}

/// The section in Markdown.
pub fn write_markdown(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::markdown::escape_cell;
    let s = staff(report);
    writeln!(out, "## 人员与证书")?;
    writeln!(out)?;
    if report.progress.people.is_empty() {
        writeln!(
            out,
            "人员台账为空（zizhi people import 导入，或在程序的人员台账中添加）。"
        )?;
        return writeln!(out);
    }
    let threshold = threshold_text(&s, |t| t.to_owned());
    writeln!(
        out,
        "在职 {} 人，在本单位缴纳社保满一年 {} 人{threshold}；离岗仍在脱密期 {} 人。",
        s.active, s.insured_12m, s.in_declassification
    )?;
    writeln!(out)?;
    let levels: Vec<String> = s
        .by_level
        .iter()
        .map(|(l, n)| format!("{} {n}", level_label(*l)))
        .collect();
    writeln!(out, "按涉密等级：{}。", levels.join("，"))?;
    writeln!(out)?;
    if !s.renewals.is_empty() {
        writeln!(out, "### 需要续期的证书")?;
        writeln!(out)?;
        writeln!(out, "| 姓名 | 岗位 | 证书 | 有效期至 | 说明 |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for r in &s.renewals {
            let why = renewal_reason(r, report.today());
            writeln!(
                out,
                "| {} | {} | {} | {} | {why} |",
                escape_cell(&r.name),
                escape_cell(&r.roles),
                escape_cell(&r.certificate),
                r.valid_until
            )?;
        }
        writeln!(out)?;
    }
    if !s.missing.is_empty() {
        writeln!(out, "### 涉密人员缺少的材料")?;
        writeln!(out)?;
        writeln!(out, "| 姓名 | 岗位 | 缺少 |")?;
        writeln!(out, "| --- | --- | --- |")?;
        for m in &s.missing {
            writeln!(
                out,
                "| {} | {} | {} |",
                escape_cell(&m.name),
                escape_cell(&m.roles),
                m.what.join("、")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The section in HTML.
pub fn write_html(h: &mut String, report: &Report) {
    use super::html::escape;
    let s = staff(report);
    h.push_str("<h2>人员与证书</h2>\n");
    if report.progress.people.is_empty() {
        h.push_str("<p>人员台账为空。</p>\n");
        return;
    }
    let threshold = threshold_text(&s, escape);
    h.push_str(&format!(
        "<p>在职 {} 人，在本单位缴纳社保满一年 {} 人{threshold}；离岗仍在脱密期 {} 人。</p>\n",
        s.active, s.insured_12m, s.in_declassification
    ));
    let levels: Vec<String> = s
        .by_level
        .iter()
        .map(|(l, n)| format!("{} {n}", level_label(*l)))
        .collect();
    h.push_str(&format!("<p>按涉密等级：{}。</p>\n", levels.join("，")));
    if !s.renewals.is_empty() {
        h.push_str("<h3>需要续期的证书</h3>\n<table>\n<thead><tr><th>姓名</th><th>岗位</th><th>证书</th><th>有效期至</th><th>说明</th></tr></thead>\n");
        for r in &s.renewals {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"k\">{}</td><td>{}</td></tr>\n",
                escape(&r.name),
                escape(&r.roles),
                escape(&r.certificate),
                r.valid_until,
                renewal_reason(r, report.today())
            ));
        }
        h.push_str("</table>\n");
    }
    if !s.missing.is_empty() {
        h.push_str("<h3>涉密人员缺少的材料</h3>\n<table>\n<thead><tr><th>姓名</th><th>岗位</th><th>缺少</th></tr></thead>\n");
        for m in &s.missing {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&m.name),
                escape(&m.roles),
                m.what.join("、")
            ));
        }
        h.push_str("</table>\n");
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
