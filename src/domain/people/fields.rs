//! A person's fields as text, both ways: what the register screen's form shows and reads back,
//! and what `people import` reads from a spreadsheet cell. One reading of each field, so a
//! value typed in the app and the same value in a file mean the same thing.

use chrono::NaiveDate;

use crate::content::Role;
use crate::domain::date_input::{self, DateInputError, Typed};
use crate::i18n::Lang;
use crate::progress::{Level, Passport, Person};

/// The fields of a person that the form edits, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Roles,
    OmStaff,
    Level,
    Hired,
    InsuredSince,
    PledgeSigned,
    Vetted,
    Passport,
    PassportSince,
    Left,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::Roles,
        Field::OmStaff,
        Field::Level,
        Field::Hired,
        Field::InsuredSince,
        Field::PledgeSigned,
        Field::Vetted,
        Field::Passport,
        Field::PassportSince,
        Field::Left,
    ];

    /// The field's name: the Chinese one is also the spreadsheet's header.
    pub fn label(self) -> &'static str {
        self.name(Lang::Zh)
    }

    /// The field's name in the interface language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Field::Name => lang.t("姓名", "Name"),
            Field::Roles => lang.t("角色", "Roles"),
            Field::OmStaff => lang.t("运维人员", "O&M staff"),
            Field::Level => lang.t("涉密等级", "Level"),
            Field::Hired => lang.t("入职日期", "Hired"),
            Field::InsuredSince => lang.t("社保起缴日期", "Insured since"),
            Field::PledgeSigned => lang.t("承诺书签订日期", "Pledge signed"),
            Field::Vetted => lang.t("上岗审查日期", "Vetted"),
            Field::Passport => lang.t("护照由单位保管", "Passport held"),
            Field::PassportSince => lang.t("护照保管日期", "Passport since"),
            Field::Left => lang.t("离岗日期", "Left"),
        }
    }

    /// What may be typed, for the form's hint line.
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Field::Name => lang.t(
                "同名的人可以并存，靠人员编号区分",
                "Two people may share a name; the id tells them apart",
            ),
            Field::Roles => lang.t(
                "多个用 、 或 ; 分隔；题库岗位：运维工程师、保密管理员、系统管理员、安全审计员、技术负责人",
                "Several separated by ; or ,; the bank's roles are in Chinese (运维工程师, 保密管理员…) or by id (engineer…)",
            ),
            Field::OmStaff => lang.t(
                "是 / 否：运维人员进入模拟访谈名单",
                "yes / no: O&M staff are on the mock interview roster",
            ),
            Field::Level => lang.t(
                "核心 / 重要 / 一般 / 非涉密",
                "core / important / general / none (classified-staff level)",
            ),
            Field::Passport => lang.t("是 / 否 / 无护照", "yes / no / none (no passport)"),
            _ => lang.t(
                "2026-01-05、2026/1/5、2026年1月5日；留空清除",
                "2026-01-05, 2026/1/5 or 2026.1.5; empty clears it",
            ),
        }
    }

    fn date_slot(self, person: &mut Person) -> Option<&mut Option<NaiveDate>> {
        Some(match self {
            Field::Hired => &mut person.hired,
            Field::InsuredSince => &mut person.insured_since,
            Field::PledgeSigned => &mut person.pledge_signed,
            Field::Vetted => &mut person.vetted,
            Field::PassportSince => &mut person.passport_since,
            Field::Left => &mut person.left,
            _ => return None,
        })
    }

    /// The field's value as text, as the form shows it in `lang` and reads it back.
    pub fn text(self, person: &Person, bank: &[Role], lang: Lang) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Field::Name => person.name.clone(),
            Field::Roles => roles_text(&person.roles, bank),
            Field::OmStaff => (if person.om_staff {
                lang.t("是", "yes")
            } else {
                lang.t("否", "no")
            })
            .to_owned(),
            Field::Level => person
                .level
                .map(|l| l.name(lang).to_owned())
                .unwrap_or_default(),
            Field::Passport => person
                .passport
                .map(|p| p.name(lang).to_owned())
                .unwrap_or_default(),
            Field::Hired => date(person.hired),
            Field::InsuredSince => date(person.insured_since),
            Field::PledgeSigned => date(person.pledge_signed),
            Field::Vetted => date(person.vetted),
            Field::PassportSince => date(person.passport_since),
            Field::Left => date(person.left),
        }
    }

    /// Reads `text` into the field; `Ok(true)` when the value changed.
    pub fn set(self, person: &mut Person, text: &str, bank: &[Role]) -> Result<bool, FieldError> {
        let text = text.trim();
        if let Some(slot) = self.date_slot(person) {
            let date = parse_date(text)?;
            let changed = *slot != date;
            *slot = date;
            return Ok(changed);
        }
        match self {
            Field::Name => {
                if text.is_empty() {
                    return Err(FieldError::NameEmpty);
                }
                let changed = person.name != text;
                person.name = text.to_owned();
                Ok(changed)
            }
            Field::Roles => {
                let roles = parse_roles(text, bank);
                let changed = person.roles != roles;
                person.roles = roles;
                Ok(changed)
            }
            Field::OmStaff => {
                let value = parse_yes_no(text)?.unwrap_or(false);
                let changed = person.om_staff != value;
                person.om_staff = value;
                Ok(changed)
            }
            Field::Level => {
                let level = parse_level(text)?;
                let changed = person.level != level;
                person.level = level;
                Ok(changed)
            }
            Field::Passport => {
                let passport = parse_passport(text)?;
                let changed = person.passport != passport;
                person.passport = passport;
                Ok(changed)
            }
            _ => Ok(false),
        }
    }
}

/// Roles as text: a bank role by its short title, others as written, joined by 、.
pub fn roles_text(roles: &[String], bank: &[Role]) -> String {
    roles
        .iter()
        .map(|r| {
            bank.iter()
                .find(|b| *b.id == **r)
                .map_or(r.as_str(), |b| short_title(&b.title))
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Roles separated by 、 ; ； or ,: a bank role's title (with or without its bracketed
/// explanation) or id is stored as its id; any other word as written.
pub fn parse_roles(text: &str, bank: &[Role]) -> Vec<String> {
    text.split(['、', ';', '；', ',', '，'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| {
            bank.iter()
                .find(|b| b.title == r || *b.id == *r || short_title(&b.title) == r)
                .map_or_else(|| r.to_owned(), |b| b.id.value.clone())
        })
        .collect()
}

/// A title without its bracketed explanation: 保密管理员（安全保密管理员） → 保密管理员.
pub fn short_title(title: &str) -> &str {
    title.split(['（', '(']).next().unwrap_or(title).trim()
}

/// Why a typed or imported value does not read. `Display` is the Chinese message (what
/// `people import` prints); [`FieldError::message`] gives either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("姓名不能为空")]
    NameEmpty,
    #[error("「{0}」应为 是 或 否")]
    NotYesNo(String),
    #[error("「{0}」不是涉密等级：应为 核心、重要、一般 或 非涉密")]
    NotLevel(String),
    #[error("「{0}」应为 是、否 或 无护照")]
    NotPassport(String),
    #[error("「{0}」不是合理的学时数（0–1000）")]
    HoursOutOfRange(String),
    #[error("学时不能为空")]
    HoursEmpty,
    #[error("「{0}」不是数字")]
    NotNumber(String),
    #[error("「{0}」是相对日期，请写成具体日期，如 2026-01-05 或 2026年1月5日")]
    RelativeDate(String),
    #[error("{0}")]
    Date(DateInputError),
}

impl FieldError {
    /// The message in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, _) => self.to_string(),
            (Lang::En, FieldError::NameEmpty) => "The name cannot be empty".to_owned(),
            (Lang::En, FieldError::NotYesNo(t)) => format!("\"{t}\" should be yes or no"),
            (Lang::En, FieldError::NotLevel(t)) => {
                format!("\"{t}\" is not a level: core, important, general or none")
            }
            (Lang::En, FieldError::NotPassport(t)) => {
                format!("\"{t}\" should be yes, no or none (no passport)")
            }
            (Lang::En, FieldError::HoursOutOfRange(t)) => {
                format!("\"{t}\" is not a sensible number of hours (0-1000)")
            }
            (Lang::En, FieldError::HoursEmpty) => "The hours cannot be empty".to_owned(),
            (Lang::En, FieldError::NotNumber(t)) => format!("\"{t}\" is not a number"),
            (Lang::En, FieldError::RelativeDate(t)) => {
                format!("\"{t}\" is a relative date: write the day itself, e.g. 2026-01-05")
            }
            (Lang::En, FieldError::Date(err)) => err.message(lang),
        }
    }
}

/// For callers that keep messages as text (`people import` row errors): the Chinese message.
impl From<FieldError> for String {
    fn from(err: FieldError) -> String {
        err.to_string()
    }
}

pub fn parse_yes_no(text: &str) -> Result<Option<bool>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        "是" | "yes" | "Yes" | "YES" | "y" | "Y" | "true" => Ok(Some(true)),
        "否" | "no" | "No" | "NO" | "n" | "N" | "false" => Ok(Some(false)),
        other => Err(FieldError::NotYesNo(other.to_owned())),
    }
}

pub fn parse_level(text: &str) -> Result<Option<Level>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Level::parse(text)
        .map(Some)
        .ok_or_else(|| FieldError::NotLevel(text.to_owned()))
}

pub fn parse_passport(text: &str) -> Result<Option<Passport>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Passport::parse(text)
        .map(Some)
        .ok_or_else(|| FieldError::NotPassport(text.to_owned()))
}

pub fn parse_hours(text: &str) -> Result<f64, FieldError> {
    let trimmed = text.trim().trim_end_matches("学时").trim();
    match trimmed.parse::<f64>() {
        Ok(hours) if (0.0..=1000.0).contains(&hours) => Ok(hours),
        Ok(_) => Err(FieldError::HoursOutOfRange(text.to_owned())),
        Err(_) if trimmed.is_empty() => Err(FieldError::HoursEmpty),
        Err(_) => Err(FieldError::NotNumber(text.to_owned())),
    }
}

/// A date in a register field: the app's one date grammar (`domain::date_input`: 2026-01-05,
/// 2026/1/5, 2026.1.5, 2026年1月5日…); empty is no date. Relative dates (今天, +3) are refused:
/// in a file they have no fixed meaning, and a register records days that happened.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, FieldError> {
    match date_input::parse(text) {
        Ok(None) => Ok(None),
        Ok(Some(Typed::Date(date))) => Ok(Some(date)),
        Ok(Some(_)) | Err(DateInputError::BadWorkingDays) => {
            Err(FieldError::RelativeDate(text.trim().to_owned()))
        }
        Err(err) => Err(FieldError::Date(err)),
    }
}
