//! The formal review's correction window (补正期). The 2020 管理办法 gives fifteen days, counted
//! by the civil code's rules (民法典 第二百零一条、第二百零三条: the day of the notice is not
//! counted; a last day that falls on a rest day or holiday moves to the next working day, and a
//! 调休 working weekend day is a working day); the source guide gives ten working days, the
//! notice day being day 0. Neither is always the earlier, so the one to plan by is the earlier.

use chrono::{Days, NaiveDate};

use super::calendar::WorkCalendar;
use crate::i18n::Lang;

/// Calendar days the 管理办法 allows for completing the materials.
pub const OFFICIAL_DAYS: u64 = 15;
/// Working days the source guide allows.
pub const GUIDE_WORKING_DAYS: u32 = 10;

/// Which rule gives a correction deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionRule {
    /// 十五日 by the 管理办法, counted by the civil code.
    Official15,
    /// 10 个工作日 by the source guide.
    Guide10,
}

impl CorrectionRule {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CorrectionRule::Official15 => lang.t("官方十五日", "official 15 days"),
            CorrectionRule::Guide10 => lang.t("指南10个工作日", "guide's 10 working days"),
        }
    }
}

/// Both deadlines of one correction notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionDeadlines {
    pub notice: NaiveDate,
    /// The official fifteen days.
    pub calendar_15: NaiveDate,
    /// The guide's ten working days.
    pub working_10: NaiveDate,
    /// False when either count crossed days the holiday calendar does not cover.
    pub covered: bool,
}

impl CorrectionDeadlines {
    /// The earlier deadline and the rule that gives it (the official one on a tie).
    pub fn earlier(&self) -> (NaiveDate, CorrectionRule) {
        if self.working_10 < self.calendar_15 {
            (self.working_10, CorrectionRule::Guide10)
        } else {
            (self.calendar_15, CorrectionRule::Official15)
        }
    }
}

/// The last day of a period of `days` calendar days after `from`, by the civil code: counting
/// starts the next day, and a last day that is not a working day moves to the next working day.
/// `None` past the last representable date.
pub fn calendar_days_deadline(
    calendar: &WorkCalendar,
    from: NaiveDate,
    days: u64,
) -> Option<(NaiveDate, bool)> {
    let mut date = from.checked_add_days(Days::new(days))?;
    let mut covered = calendar.covers(date);
    while !calendar.is_working_day(date) {
        date = date.checked_add_days(Days::new(1))?;
        covered &= calendar.covers(date);
    }
    Some((date, covered))
}

/// Both deadlines for a notice received on `notice`; `None` past the last representable date.
pub fn correction_deadlines(
    calendar: &WorkCalendar,
    notice: NaiveDate,
) -> Option<CorrectionDeadlines> {
    let (calendar_15, covered_15) = calendar_days_deadline(calendar, notice, OFFICIAL_DAYS)?;
    let working = calendar.add_working_days(notice, GUIDE_WORKING_DAYS);
    if !working.complete {
        return None;
    }
    Some(CorrectionDeadlines {
        notice,
        calendar_15,
        working_10: working.date,
        covered: covered_15 && working.covered && calendar.covers(notice),
    })
}

#[cfg(test)]
mod tests;
