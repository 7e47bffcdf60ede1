//! 脱密期: how long a leaver stays bound after leaving, by 涉密等级.
//!
//! Neither the 保守国家秘密法 (2024) nor its 实施条例 (2024) gives lengths: the unit sets the
//! period (实施条例 第五十三条). Two versions circulate in secondary sources and both are shown,
//! each with its basis, so the unit can see which its own rules follow.

use chrono::{Months, NaiveDate};

use crate::progress::Level;

/// One circulating version of the lengths, in months (earliest–latest) per level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// Short name shown beside the dates.
    pub name: &'static str,
    /// The same in English, for `--lang en`.
    pub name_en: &'static str,
    /// Where it comes from, in one line.
    pub basis: &'static str,
    /// The same in English.
    pub basis_en: &'static str,
    pub core: (u32, u32),
    pub important: (u32, u32),
    pub general: (u32, u32),
}

impl Version {
    /// The short name in `lang`.
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &'static str {
        lang.t(self.name, self.name_en)
    }

    /// The basis in `lang`.
    pub fn basis_in(&self, lang: crate::i18n::Lang) -> &'static str {
        lang.t(self.basis, self.basis_en)
    }

    /// Months (earliest, latest) for `level`; `None` for 非涉密.
    pub fn months(&self, level: Level) -> Option<(u32, u32)> {
        match level {
            Level::Core => Some(self.core),
            Level::Important => Some(self.important),
            Level::General => Some(self.general),
            Level::None => None,
        }
    }
}

/// The two versions, the longer one first.
pub const DECLASSIFICATION_VERSIONS: [Version; 2] = [
    Version {
        name: "口径一",
        name_en: "version 1",
        basis: "行业惯例（多家保密知识普及材料）：核心 3–5 年、重要 2–3 年、一般 1–2 年，自批准离岗之日起算；国家法规未规定具体期限，由单位依规确定",
        basis_en: "industry practice (several secrecy-awareness materials): core 3 to 5 years, important 2 to 3, general 1 to 2, from the approved leaving date; no national regulation sets the lengths, the unit decides",
        core: (36, 60),
        important: (24, 36),
        general: (12, 24),
    },
    Version {
        name: "口径二",
        name_en: "version 2",
        basis: "行业惯例（另一类普及材料）：核心 2–3 年、重要 1–2 年、一般 6 个月–1 年，可延长；国家法规未规定具体期限，由单位依规确定",
        basis_en: "industry practice (another group of awareness materials): core 2 to 3 years, important 1 to 2, general 6 months to 1 year, may be extended; no national regulation sets the lengths, the unit decides",
        core: (24, 36),
        important: (12, 24),
        general: (6, 12),
    },
];

/// The 脱密期 of a leaver of `level` who left on `left`, by both versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declassification {
    pub left: NaiveDate,
    /// For each version in [`DECLASSIFICATION_VERSIONS`] order: the last day of the shortest
    /// and of the longest period it allows.
    pub ends: [(NaiveDate, NaiveDate); 2],
}

impl Declassification {
    /// The last day of the longest period of either version: acting on it is always safe.
    pub fn latest_end(&self) -> NaiveDate {
        self.ends
            .iter()
            .map(|(_, latest)| *latest)
            .max()
            .unwrap_or(self.left)
    }
}

/// The 脱密期 of a leaver, or `None` for 非涉密 staff. A period of N months counted from the
/// day leaving is approved ends on the same day N months later (the civil code's rule: counting
/// starts the next day, and a month without that day ends on its last day); that day is still
/// inside the period.
pub fn declassification(level: Level, left: NaiveDate) -> Option<Declassification> {
    let end = |months: u32| {
        left.checked_add_months(Months::new(months))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut ends = [(left, left); 2];
    for (slot, version) in ends.iter_mut().zip(DECLASSIFICATION_VERSIONS.iter()) {
        let (short, long) = version.months(level)?;
        *slot = (end(short), end(long));
    }
    Some(Declassification { left, ends })
}
