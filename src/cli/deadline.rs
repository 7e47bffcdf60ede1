//! `zizhi deadline`: the date N working days after a date, or both deadlines of a correction
//! notice (补正), by the built-in calendar and the user's `calendar.yaml`.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::WorkCalendar;
use crate::domain::correction::{self, CorrectionRule};
use crate::i18n::Lang;

pub fn write_deadline(
    out: &mut dyn Write,
    calendar: &WorkCalendar,
    from: NaiveDate,
    working_days: u32,
    lang: Lang,
) -> io::Result<()> {
    let counted = calendar.add_working_days(from, working_days);
    if !counted.complete {
        return Err(io::Error::other(match lang {
            Lang::Zh => format!(
                "从 {from} 起 {working_days} 个工作日超出了可以表示的日期范围（最远到 {}）",
                counted.date
            ),
            Lang::En => format!(
                "{working_days} working days from {from} go past the last date that can be shown ({})",
                counted.date
            ),
        }));
    }
    writeln!(out, "{}", counted.date)?;
    if let Some(warning) = calendar.coverage_warning(from, counted.date, lang) {
        writeln!(out, "{warning}")?;
    }
    Ok(())
}

/// `deadline --correction --json`: the keys are stable.
#[derive(Serialize)]
struct CorrectionJson {
    calendar_15: NaiveDate,
    working_10: NaiveDate,
    earlier: NaiveDate,
    /// "calendar_15" or "working_10".
    earlier_rule: &'static str,
    /// False when the calendar lacked the official holidays of a year the counts crossed.
    calendar_covered: bool,
}

/// Both deadlines of a correction notice received on `from`, and the earlier one.
pub fn write_correction(
    out: &mut dyn Write,
    calendar: &WorkCalendar,
    from: NaiveDate,
    json: bool,
    lang: Lang,
) -> io::Result<()> {
    let Some(c) = correction::correction_deadlines(calendar, from) else {
        return Err(io::Error::other(match lang {
            Lang::Zh => format!("从 {from} 起的补正期超出了可以表示的日期范围"),
            Lang::En => format!(
                "the correction window from {from} goes past the last date that can be shown"
            ),
        }));
    };
    let (earlier, rule) = c.earlier();
    let last = c.calendar_15.max(c.working_10);
    let warning = calendar.coverage_warning(from, last, lang);
    if json {
        let value = CorrectionJson {
            calendar_15: c.calendar_15,
            working_10: c.working_10,
            earlier,
            earlier_rule: match rule {
                CorrectionRule::Official15 => "calendar_15",
                CorrectionRule::Guide10 => "working_10",
            },
            calendar_covered: warning.is_none(),
        };
        let text = serde_json::to_string_pretty(&value).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        if let Some(warning) = warning {
            // Scripts read stdout; the warning still reaches a person.
            eprintln!("{warning}");
        }
        return Ok(());
    }
    match lang {
        Lang::Zh => {
            writeln!(
                out,
                "官方十五日（管理办法；民法典计算：次日起算，末日遇节假日顺延）：{}",
                c.calendar_15
            )?;
            writeln!(
                out,
                "指南 10 个工作日（通知当天为第 0 天）：{}",
                c.working_10
            )?;
            writeln!(
                out,
                "较早的是 {earlier}（{}）：按这一天完成补正。",
                rule.label(lang)
            )?;
        }
        Lang::En => {
            writeln!(
                out,
                "Official 15 days (the measures; Civil Code counting: from the next day, a last day on a holiday moves on): {}",
                c.calendar_15
            )?;
            writeln!(
                out,
                "Guide's 10 working days (the notice day is day 0): {}",
                c.working_10
            )?;
            writeln!(
                out,
                "The earlier is {earlier} ({}): complete the correction by this day.",
                rule.label(lang)
            )?;
        }
    }
    if let Some(warning) = warning {
        writeln!(out, "{warning}")?;
    }
    Ok(())
}
