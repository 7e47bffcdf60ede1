//! The staff register (人员与证书台账): every person with a stable id, their 涉密等级, dates of
//! service, documents, certificates and training. The interview roster is a view of it (the
//! people marked as O&M staff who have not left), never a second list.
//!
//! Personal data lives only here, in the owner-only progress file. Every person, certificate
//! and training record carries a stable id so that team mode can merge changes per record.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// 涉密等级 of a person (保守国家秘密法 第四十三条: 核心、重要、一般涉密人员), or 非涉密.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Core,
    Important,
    General,
    None,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Core, Level::Important, Level::General, Level::None];

    /// The Chinese term, as HR writes it in the spreadsheet.
    pub fn label(self) -> &'static str {
        match self {
            Level::Core => "核心",
            Level::Important => "重要",
            Level::General => "一般",
            Level::None => "非涉密",
        }
    }

    /// The level in the interface language: the Chinese term, or the English word that
    /// [`Level::parse`] reads back.
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.label(),
            crate::i18n::Lang::En => self.key(),
        }
    }

    /// The key used in `status --json` (`by_level`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Core => "core",
            Level::Important => "important",
            Level::General => "general",
            Level::None => "none",
        }
    }

    /// 核心、重要、一般: a 涉密 person, bound by the pledge, vetting, training and 脱密期.
    pub fn is_classified(self) -> bool {
        self != Level::None
    }

    /// Reads 核心 / 重要 / 一般 / 非涉密 (also with 涉密人员 after it) or the English keys.
    pub fn parse(text: &str) -> Option<Level> {
        let t = text.trim();
        let t = t.strip_suffix("涉密人员").unwrap_or(t);
        let t = t.strip_suffix("人员").unwrap_or(t);
        Some(match t {
            "核心" | "core" => Level::Core,
            "重要" | "important" => Level::Important,
            "一般" | "general" => Level::General,
            "非涉密" | "无" | "none" => Level::None,
            _ => return None,
        })
    }
}

/// Whose hands the person's passport (and other exit documents) are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Passport {
    /// Held by the company (证件集中保管).
    Held,
    /// The person keeps it.
    NotHeld,
    /// The person has no passport.
    NoPassport,
}

impl Passport {
    pub fn label(self) -> &'static str {
        match self {
            Passport::Held => "是",
            Passport::NotHeld => "否",
            Passport::NoPassport => "无护照",
        }
    }

    /// The answer in the interface language, as [`Passport::parse`] reads it back.
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Passport::Held => lang.t("是", "yes"),
            Passport::NotHeld => lang.t("否", "no"),
            Passport::NoPassport => lang.t("无护照", "none"),
        }
    }

    pub fn parse(text: &str) -> Option<Passport> {
        Some(match text.trim() {
            "是" | "yes" | "y" | "true" | "已保管" => Passport::Held,
            "否" | "no" | "n" | "false" | "未保管" => Passport::NotHeld,
            "无" | "无护照" | "none" | "no passport" => Passport::NoPassport,
            _ => return None,
        })
    }
}

/// A member of staff in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id (`P` and eight hex digits), never reused; two people may share a name. A
    /// hand-edited file may leave it out: one is given on load.
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Role ids from the interview bank (运维工程师 is `engineer`) or the company's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Marked as O&M staff: on the interview roster, drawn in mock audits.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub om_staff: bool,
    /// 涉密等级; absent until someone decides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// 入职日期.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub hired: Option<NaiveDate>,
    /// 社保起缴日期: social insurance paid by the applicant since.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub insured_since: Option<NaiveDate>,
    /// 保密承诺书 signed on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub pledge_signed: Option<NaiveDate>,
    /// 上岗审查 (上岗前保密审查) passed on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub vetted: Option<NaiveDate>,
    /// Passport held by the company; absent when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport: Option<Passport>,
    /// Since when the company holds it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub passport_since: Option<NaiveDate>,
    /// 离岗日期: the day leaving was approved (the 脱密期 counts from it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub left: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
    /// 保密培训 sessions attended, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training: Vec<Training>,
    /// When `people purge` removed this leaver's personal fields (name, level and dates of
    /// service are kept for the headcount history).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub purged: Option<NaiveDate>,
}

impl Person {
    /// A new person with nothing recorded but a name.
    pub fn new(id: String, name: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            roles: Vec::new(),
            om_staff: false,
            level: None,
            hired: None,
            insured_since: None,
            pledge_signed: None,
            vetted: None,
            passport: None,
            passport_since: None,
            left: None,
            certificates: Vec::new(),
            training: Vec::new(),
            purged: None,
        }
    }

    /// An O&M staff member on the interview roster with `roles`, nothing else recorded; the id
    /// comes from the name.
    pub fn roster_entry(name: &str, roles: Vec<String>) -> Self {
        let mut person = Person::new(new_id('P', name, |_| false), name);
        person.roles = roles;
        person.om_staff = true;
        person
    }

    /// Has left on or before `today`.
    pub fn has_left(&self, today: NaiveDate) -> bool {
        self.left.is_some_and(|left| left <= today)
    }

    /// On the interview roster: marked as O&M staff, with no leaving date recorded.
    pub fn on_roster(&self) -> bool {
        self.om_staff && self.left.is_none()
    }
}

/// A certificate a person holds (保密培训证书, CISP, 等保测评师, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Stable id within the register (`C` and eight hex digits); given on load when absent.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// 有效期至; absent for a certificate without expiry.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::checked::opt_date"
    )]
    pub valid_until: Option<NaiveDate>,
}

/// One 保密培训 session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Stable id within the register (`T` and eight hex digits); given on load when absent.
    #[serde(default)]
    pub id: String,
    #[serde(deserialize_with = "super::checked::date")]
    pub date: NaiveDate,
    /// 学时 (may be fractional, e.g. 1.5).
    pub hours: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
}

/// A new id of `prefix` and eight hex digits, from a hash of `seed` (name, time, operator…),
/// different from every id `taken` answers true for. No randomness and no clock: the caller
/// passes what makes the record unique; two people adding records in team mode get different
/// ids because their seeds differ.
pub fn new_id(prefix: char, seed: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut n: u64 = 0;
    loop {
        let hash = xxhash_rust::xxh3::xxh3_64(format!("{seed}\u{1f}{n}").as_bytes());
        let id = format!("{prefix}{:08x}", hash >> 32);
        if !taken(&id) {
            return id;
        }
        n = n.wrapping_add(1);
    }
}

/// The seed for a new record's id: what it is, when, and who made it.
pub fn id_seed(what: &str, now: NaiveDateTime, operator: &str) -> String {
    format!("{what}\u{1f}{now}\u{1f}{operator}")
}

impl super::Progress {
    /// A fresh person id, unique in the register.
    pub fn new_person_id(&self, seed: &str) -> String {
        new_id('P', seed, |id| self.people.iter().any(|p| p.id == id))
    }

    /// A fresh certificate or training id (`prefix` `C` or `T`), unique in the register.
    pub fn new_record_id(&self, prefix: char, seed: &str) -> String {
        new_id(prefix, seed, |id| {
            self.people.iter().any(|p| {
                p.certificates.iter().any(|c| c.id == id) || p.training.iter().any(|t| t.id == id)
            })
        })
    }

    /// Gives every person and record without an id (a hand-edited file) a stable one, made
    /// from what it holds so that loading the same file twice gives the same ids.
    pub fn fill_missing_ids(&mut self) {
        for index in 0..self.people.len() {
            if self.people[index].id.is_empty() {
                let seed = format!("{}\u{1f}{index}", self.people[index].name);
                self.people[index].id = self.new_person_id(&seed);
            }
            for c in 0..self.people[index].certificates.len() {
                if self.people[index].certificates[c].id.is_empty() {
                    let cert = &self.people[index].certificates[c];
                    let seed = format!("{}\u{1f}{}\u{1f}{c}", cert.name, cert.number);
                    self.people[index].certificates[c].id = self.new_record_id('C', &seed);
                }
            }
            for t in 0..self.people[index].training.len() {
                if self.people[index].training[t].id.is_empty() {
                    let record = &self.people[index].training[t];
                    let seed = format!("{}\u{1f}{}\u{1f}{t}", record.date, record.topic);
                    self.people[index].training[t].id = self.new_record_id('T', &seed);
                }
            }
        }
    }

    /// The interview roster: indices of the people marked as O&M staff who have not left, in
    /// register order.
    pub fn roster(&self) -> Vec<usize> {
        self.people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.on_roster())
            .map(|(i, _)| i)
            .collect()
    }

    /// The people on the interview roster, in register order.
    pub fn roster_people(&self) -> Vec<&Person> {
        self.people.iter().filter(|p| p.on_roster()).collect()
    }

    /// The register index of the roster's `position`-th person.
    pub fn roster_index(&self, position: usize) -> Option<usize> {
        self.people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.on_roster())
            .nth(position)
            .map(|(i, _)| i)
    }

    /// The person with `id`.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
}
