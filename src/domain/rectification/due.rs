//! Due dates typed as a date or as "+N" working days, and the 补正 and 公示 windows.

use chrono::NaiveDate;

use crate::domain::calendar::WorkCalendar;
use crate::domain::correction::{self, CorrectionRule};
use crate::domain::date_input;
use crate::i18n::Lang;

/// The source guide's correction window: 10 working days of the notice. The window itself
/// ends on the earlier of this and the official fifteen days ([`correction`]).
pub const CORRECTION_WORKING_DAYS: u32 = correction::GUIDE_WORKING_DAYS;
/// The public notice (公示) after approval lasts 7 working days.
pub const PUBLIC_NOTICE_WORKING_DAYS: u32 = 7;

/// A due date as the user typed it, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueInput {
    pub date: Option<NaiveDate>,
    /// `Some(n)` when typed as "+n" working days.
    pub working_days: Option<u32>,
    /// False when the count ran outside the years the holiday calendar covers.
    pub covered: bool,
}

/// Reads a due date by the one date grammar ([`date_input`]): empty (none), a date, `+N`
/// working days after `today` by `calendar` (today is day 0), 今天 or 明天.
pub fn parse_due(
    text: &str,
    today: NaiveDate,
    calendar: &WorkCalendar,
    lang: Lang,
) -> Result<DueInput, String> {
    match date_input::resolve(text, today, calendar) {
        Ok(None) => Ok(DueInput {
            date: None,
            working_days: None,
            covered: true,
        }),
        Ok(Some(resolved)) => Ok(DueInput {
            date: Some(resolved.date),
            working_days: resolved.working_days,
            covered: resolved.covered,
        }),
        Err(err) => Err(err.message(lang)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    /// 补正: from the day the correction notice arrived.
    Correction,
    /// 公示: from the day the public notice started.
    PublicNotice,
}

impl WindowKind {
    pub fn working_days(self) -> u32 {
        match self {
            WindowKind::Correction => CORRECTION_WORKING_DAYS,
            WindowKind::PublicNotice => PUBLIC_NOTICE_WORKING_DAYS,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            WindowKind::Correction => lang.t("补正期", "Correction window"),
            WindowKind::PublicNotice => lang.t("公示期", "Public notice"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    /// The start date is after today.
    NotStarted,
    Running,
    /// Today is the last day.
    EndsToday,
    Ended,
}

/// A window of working days from a start date (day 0) to its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub kind: WindowKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Working days after today up to and including the end.
    pub working_days_left: u32,
    pub state: WindowState,
    /// False when the calendar does not cover the whole window (counted Monday–Friday).
    pub covered: bool,
    /// For the correction window: the rule that gave `end` (the earlier of the two).
    pub rule: Option<CorrectionRule>,
}

pub fn window(
    calendar: &WorkCalendar,
    kind: WindowKind,
    start: NaiveDate,
    today: NaiveDate,
) -> Window {
    let counted = calendar.add_working_days(start, kind.working_days());
    let (end, covered, rule) = match kind {
        WindowKind::Correction => match correction::correction_deadlines(calendar, start) {
            Some(c) => {
                let (end, rule) = c.earlier();
                (end, c.covered, Some(rule))
            }
            None => (counted.date, counted.covered, Some(CorrectionRule::Guide10)),
        },
        WindowKind::PublicNotice => (counted.date, counted.covered, None),
    };
    let state = if today < start {
        WindowState::NotStarted
    } else if today < end {
        WindowState::Running
    } else if today == end {
        WindowState::EndsToday
    } else {
        WindowState::Ended
    };
    Window {
        kind,
        start,
        end,
        working_days_left: calendar.working_days_between(today, end),
        state,
        covered,
        rule,
    }
}

impl Window {
    /// "还剩 N 个工作日（截止 YYYY-MM-DD）" and the like, without the window's name; a
    /// correction window also says which rule its end comes from.
    pub fn describe(&self, lang: Lang) -> String {
        let text = self.describe_dates(lang);
        match self.rule {
            Some(rule) => format!("{text}{}{}", lang.t("·", " · "), rule.label(lang)),
            None => text,
        }
    }

    fn describe_dates(&self, lang: Lang) -> String {
        match (self.state, lang) {
            (WindowState::NotStarted, Lang::Zh) => {
                format!("{} 开始（截止 {}）", self.start, self.end)
            }
            (WindowState::NotStarted, Lang::En) => {
                format!("starts {} (ends {})", self.start, self.end)
            }
            (WindowState::Running, Lang::Zh) => format!(
                "还剩 {} 个工作日（截止 {}）",
                self.working_days_left, self.end
            ),
            (WindowState::Running, Lang::En) => format!(
                "{} working days left (ends {})",
                self.working_days_left, self.end
            ),
            (WindowState::EndsToday, Lang::Zh) => format!("今天截止（{}）", self.end),
            (WindowState::EndsToday, Lang::En) => format!("ends today ({})", self.end),
            (WindowState::Ended, Lang::Zh) => format!("已于 {} 截止", self.end),
            (WindowState::Ended, Lang::En) => format!("ended {}", self.end),
        }
    }

    /// Whether the window still needs attention (not yet over).
    pub fn is_live(&self) -> bool {
        self.state != WindowState::Ended
    }
}
