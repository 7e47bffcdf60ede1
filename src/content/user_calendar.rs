//! The user's own holiday calendar: a `calendar.yaml` in the config directory adds whole years
//! to the content's calendar (or replaces years it already has), so a new year's holidays go in
//! offline with one small file, without exporting and freezing all content.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::load::parse;
use super::model::CalendarFile;
use super::problem::{Problem, Problems};
use super::validate::check_calendar;

/// Reads and checks the user's calendar at `path`; `Ok(None)` when there is none.
pub fn load_user_calendar(path: &Path) -> Result<Option<CalendarFile>, Problems> {
    let name = path.display().to_string();
    let text = match crate::safe_fs::read_regular(
        path,
        crate::safe_fs::CONTENT_FILE_CAP,
        crate::safe_fs::Links::Follow,
    ) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Problems(vec![
                Problem::new(
                    &name,
                    0,
                    0,
                    "这里不是 UTF-8 编码的文字。请用 UTF-8 编码另存该文件（不要用 GBK）",
                )
                .en("this is not UTF-8 text: save the file again as UTF-8 (not GBK)"),
            ])
        })?,
        Err(err) if err.is_not_found() => return Ok(None),
        Err(err) => {
            return Err(Problems(vec![Problem::new(
                &name,
                0,
                0,
                format!("无法读取用户节假日历：{err}。修正权限，或把它移走"),
            )
            .en(format!(
                "cannot read the user's holiday calendar: {err}. Fix its permissions, or move it away"
            ))]));
        }
    };
    let mut problems = Vec::new();
    let Some(calendar) = parse::<CalendarFile>(&name, &text, &mut problems) else {
        return Err(Problems(problems));
    };
    check_calendar(&name, &calendar, &mut problems);
    if problems.is_empty() {
        Ok(Some(calendar))
    } else {
        Err(Problems(problems))
    }
}

fn year_of(date: &str) -> Option<i32> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| d.year())
}

/// Puts the user's years into `base`: every year the user lists replaces that year of `base`
/// (its holidays and make-up days), and is no longer provisional.
pub fn merge_calendar(base: &mut CalendarFile, user: CalendarFile) {
    let replaced = |date: &str| year_of(date).is_some_and(|y| user.years.contains(&y));
    for holiday in &mut base.holidays {
        holiday.off.retain(|d| !replaced(d));
        holiday.work.retain(|d| !replaced(d));
    }
    base.holidays
        .retain(|h| !(h.off.is_empty() && h.work.is_empty()));
    base.provisional_years.retain(|y| !user.years.contains(y));
    for year in &user.years {
        if !base.years.contains(year) {
            base.years.push(*year);
        }
    }
    base.years.sort_unstable();
    base.provisional_years.extend(
        user.provisional_years
            .iter()
            .filter(|y| !base.years.contains(y)),
    );
    base.holidays.extend(user.holidays);
}

#[cfg(test)]
mod tests;
