//! One grammar for dates typed by users, in every date field and on the command line.
//!
//! Accepted, with half- or full-width digits and signs, surrounding and inner spaces ignored:
//! - a calendar date: `2026-12-08`, `2026/12/8`, `2026.12.8`, `2026年12月8日`, `20261208`;
//! - `+N`: N working days after today by the work calendar, today being day 0 (0 ≤ N ≤ 999);
//! - `今天` / `today` and `明天` / `tomorrow` (the next calendar day).
//!
//! A text that reads as a date but names none (`2026-02-30`, `2026-13-40`) is told apart from
//! a text that is not read as a date at all, so the message can say which. Numbers are checked
//! before they reach chrono, so nothing here can overflow or panic on any input.

use chrono::{Days, NaiveDate};
use thiserror::Error;

use crate::domain::calendar::WorkCalendar;
use crate::i18n::Lang;

/// The largest N accepted in `+N`: four working years, far beyond any deadline in the process.
pub const MAX_WORKING_DAYS: u32 = 999;

/// What the user typed, read but not yet tied to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Date(NaiveDate),
    /// `+N` working days after today.
    WorkingDays(u32),
    Today,
    Tomorrow,
}

/// A typed date resolved against today and the work calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub date: NaiveDate,
    /// `Some(n)` when typed as `+n` working days.
    pub working_days: Option<u32>,
    /// False when a `+N` count ran through years the holiday calendar does not cover (those
    /// days were counted Monday to Friday).
    pub covered: bool,
}

/// Why a typed date was refused. `Display` is the Chinese message; [`DateInputError::message`]
/// gives either language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateInputError {
    /// Read as year, month and day, but no such day exists.
    #[error("不存在的日期：{year} 年 {month} 月 {day} 日")]
    Impossible { year: u32, month: u32, day: u32 },
    /// `+N` with N not a whole number from 0 to 999.
    #[error("“+N” 里的 N 应是 0 到 999 的整数，例如 +10 表示 10 个工作日后")]
    BadWorkingDays,
    /// The date lies past the last day that can be represented.
    #[error("日期超出了可以表示的范围")]
    OutOfRange,
    /// Not read as a date at all.
    #[error(
        "无法识别的日期格式「{text}」；可写 2026-12-08、2026/12/8、2026.12.8、+5（5 个工作日后）、今天、明天"
    )]
    Unreadable { text: String },
}

impl DateInputError {
    /// The message in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, _) => self.to_string(),
            (Lang::En, DateInputError::Impossible { year, month, day }) => {
                format!("No such date: {year}-{month:02}-{day:02}")
            }
            (Lang::En, DateInputError::BadWorkingDays) => {
                "In \"+N\", N is a whole number 0-999, e.g. +10 for 10 working days".to_owned()
            }
            (Lang::En, DateInputError::OutOfRange) => {
                "The date is beyond the range that can be represented".to_owned()
            }
            (Lang::En, DateInputError::Unreadable { text }) => format!(
                "Not a date: \"{text}\"; type 2026-12-08, 2026/12/8, 2026.12.8, +5 (5 working \
                 days on), today or tomorrow"
            ),
        }
    }
}

/// Reads a typed date. An empty (or all-space) text is `Ok(None)`: the caller decides whether
/// empty clears the field or is refused.
pub fn parse(text: &str) -> Result<Option<Typed>, DateInputError> {
    let folded = fold(text);
    if folded.is_empty() {
        return Ok(None);
    }
    let lower = folded.to_lowercase();
    match lower.as_str() {
        "今天" | "今日" | "today" => return Ok(Some(Typed::Today)),
        "明天" | "明日" | "tomorrow" => return Ok(Some(Typed::Tomorrow)),
        _ => {}
    }
    if let Some(n) = folded.strip_prefix('+') {
        // At most three digits, so anything longer is refused before it can overflow.
        return small_number(n, 3)
            .filter(|n| *n <= MAX_WORKING_DAYS)
            .map(|n| Some(Typed::WorkingDays(n)))
            .ok_or(DateInputError::BadWorkingDays);
    }
    let unreadable = || DateInputError::Unreadable {
        text: text.trim().to_owned(),
    };
    let (year, month, day) = split_date(&folded).ok_or_else(unreadable)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).map_err(|_| unreadable())?, month, day)
        .map(|date| Some(Typed::Date(date)))
        .ok_or(DateInputError::Impossible { year, month, day })
}

/// Reads a typed date and ties it to a day: `+N` is counted in working days from `today` by
/// `calendar`, today being day 0.
pub fn resolve(
    text: &str,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Result<Option<Resolved>, DateInputError> {
    let Some(typed) = parse(text)? else {
        return Ok(None);
    };
    let plain = |date| Resolved {
        date,
        working_days: None,
        covered: true,
    };
    Ok(Some(match typed {
        Typed::Date(date) => plain(date),
        Typed::Today => plain(today),
        Typed::Tomorrow => plain(
            today
                .checked_add_days(Days::new(1))
                .ok_or(DateInputError::OutOfRange)?,
        ),
        Typed::WorkingDays(n) => {
            let counted = calendar.add_working_days(today, n);
            if !counted.complete {
                return Err(DateInputError::OutOfRange);
            }
            Resolved {
                date: counted.date,
                working_days: Some(n),
                covered: counted.covered,
            }
        }
    }))
}

/// Like [`resolve`], for fields where a date is required: empty is refused as unreadable.
pub fn resolve_required(
    text: &str,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Result<Resolved, DateInputError> {
    resolve(text, today, calendar)?.ok_or_else(|| DateInputError::Unreadable {
        text: text.trim().to_owned(),
    })
}

/// Whether the text is a complete calendar date whose day cannot grow into another one (two
/// digits, or closed by 日), so a field that saves as the user types can take it before Enter.
/// "2026-03-1" on the way to "2026-03-15" is not complete; "2026-03-15" and "2026/3/15" are.
pub fn is_complete_date(text: &str) -> bool {
    let folded = fold(text);
    let day_digits = folded
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    (folded.ends_with('日') || day_digits == 2 || day_digits == 8)
        && matches!(parse(text), Ok(Some(Typed::Date(_))))
}

/// Full-width digits, signs and separators to ASCII; whitespace (including the ideographic
/// space) removed.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '＋' => '+',
            '－' | '／' | '．' | '。' => '-',
            c => c,
        })
        .collect()
}

/// Year, month and day from `YYYY?MM?DD` with one of `-`, `/`, `.` (or 年 and 月) between
/// them, or `YYYYMMDD`. Only the digits' count is checked here, not the values.
fn split_date(folded: &str) -> Option<(u32, u32, u32)> {
    if folded.len() == 8 && folded.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            small_number(&folded[..4], 4)?,
            small_number(&folded[4..6], 2)?,
            small_number(&folded[6..], 2)?,
        ));
    }
    let text = folded.strip_suffix('日').unwrap_or(folded);
    let mut parts = text.split(['-', '/', '.', '年', '月']);
    let year = parts.next().filter(|y| y.len() == 4)?;
    let month = parts.next()?;
    let day = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some((
        small_number(year, 4)?,
        small_number(month, 2)?,
        small_number(day, 2)?,
    ))
}

/// A number of 1 to `max_digits` ASCII digits (so it always fits in a `u32`).
fn small_number(text: &str, max_digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests;
