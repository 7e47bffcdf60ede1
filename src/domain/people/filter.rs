//! Which people the register list shows: by level, by role, those with certificates to renew,
//! those missing documents, or exactly the people a dashboard check concerns.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Checks;
use crate::i18n::Lang;
use crate::progress::{Level, Person};

/// The list's filter. The default shows everyone on the staff and the leavers still in their
/// 脱密期 (leavers whose period ended are listed only with `leavers`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `Some(None)`: people whose level is not recorded.
    pub level: Option<Option<Level>>,
    /// A role id or the company's own role word.
    pub role: Option<String>,
    /// Only people with a certificate expired, expiring within 90 days or before the audit.
    pub expiring: bool,
    /// Only 涉密 staff missing a pledge, vetting, training hours or a held passport.
    pub missing: bool,
    /// Only these people (a dashboard check's), with what they were picked for.
    pub only: Option<(String, Vec<String>)>,
    /// Leavers whose 脱密期 has ended too.
    pub leavers: bool,
}

/// Person ids the checks flag, by what they flag.
#[derive(Debug, Default)]
pub struct Flags {
    pub expiring: HashSet<String>,
    pub missing: HashSet<String>,
    pub declassifying: HashSet<String>,
}

impl Flags {
    pub fn of(checks: &Checks) -> Self {
        let mut flags = Flags::default();
        for c in checks
            .expiring_90d
            .iter()
            .chain(&checks.expiring_before_audit)
        {
            flags.expiring.insert(c.person_id.clone());
        }
        for id in checks
            .missing_pledge
            .iter()
            .chain(&checks.missing_vetting)
            .chain(checks.short_training.iter().map(|(id, _)| id))
            .chain(&checks.passport_not_held)
        {
            flags.missing.insert(id.clone());
        }
        for leaver in &checks.in_declassification {
            flags.declassifying.insert(leaver.person_id.clone());
        }
        flags
    }
}

impl Filter {
    pub fn is_default(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether `person` is listed on `today`.
    pub fn shows(&self, person: &Person, flags: &Flags, today: NaiveDate) -> bool {
        if let Some((_, ids)) = &self.only {
            return ids.contains(&person.id);
        }
        if person.has_left(today) && !self.leavers && !flags.declassifying.contains(&person.id) {
            return false;
        }
        if let Some(level) = self.level
            && person.level != level
        {
            return false;
        }
        if let Some(role) = &self.role
            && !person.roles.contains(role)
        {
            return false;
        }
        if self.expiring && !flags.expiring.contains(&person.id) {
            return false;
        }
        if self.missing && !flags.missing.contains(&person.id) {
            return false;
        }
        true
    }

    /// The level filter's next value: 全部 → 核心 → 重要 → 一般 → 非涉密 → 未定 → 全部.
    pub fn next_level(&mut self) {
        self.level = match self.level {
            None => Some(Some(Level::Core)),
            Some(Some(Level::Core)) => Some(Some(Level::Important)),
            Some(Some(Level::Important)) => Some(Some(Level::General)),
            Some(Some(Level::General)) => Some(Some(Level::None)),
            Some(Some(Level::None)) => Some(None),
            Some(None) => None,
        };
    }

    /// The role filter's next value among `roles` (all roles in the register), then none.
    pub fn next_role(&mut self, roles: &[String]) {
        self.role = match &self.role {
            None => roles.first().cloned(),
            Some(current) => roles
                .iter()
                .position(|r| r == current)
                .and_then(|i| roles.get(i + 1))
                .cloned(),
        };
    }

    /// What the filter shows, in words ("全部" / "all" when nothing is filtered).
    pub fn describe(&self, lang: Lang, role_title: impl Fn(&str) -> String) -> String {
        if let Some((why, ids)) = &self.only {
            return match lang {
                Lang::Zh => format!("{why}（{} 人）", ids.len()),
                Lang::En => format!("{why} ({})", ids.len()),
            };
        }
        let mut parts = Vec::new();
        match self.level {
            Some(Some(level)) => parts.push(level.name(lang).to_owned()),
            Some(None) => parts.push(lang.t("等级未定", "level unset").to_owned()),
            None => {}
        }
        if let Some(role) = &self.role {
            parts.push(role_title(role));
        }
        if self.expiring {
            parts.push(lang.t("证书将到期", "certificates expiring").to_owned());
        }
        if self.missing {
            parts.push(lang.t("缺材料", "missing documents").to_owned());
        }
        if self.leavers {
            parts.push(lang.t("含已离岗", "with leavers").to_owned());
        }
        if parts.is_empty() {
            lang.t("全部", "all").to_owned()
        } else {
            parts.join(" · ")
        }
    }
}

/// Every role in the register, in first-seen order.
pub fn roles_in(people: &[Person]) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for person in people {
        for role in &person.roles {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
    }
    roles
}
