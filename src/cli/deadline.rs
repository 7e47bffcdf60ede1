//! `zizhi deadline`: the date N working days after a date, by the built-in calendar.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::domain::calendar::WorkCalendar;

pub fn write_deadline(
    out: &mut dyn Write,
    calendar: &WorkCalendar,
    from: NaiveDate,
    working_days: u32,
) -> io::Result<()> {
    let counted = calendar.add_working_days(from, working_days);
    if !counted.complete {
        return Err(io::Error::other(format!(
            "从 {from} 起 {working_days} 个工作日超出了可以表示的日期范围（最远到 {}）",
            counted.date
        )));
    }
    writeln!(out, "{}", counted.date)?;
    if !counted.covered {
        writeln!(
            out,
            "注意：节假日历未覆盖这段日期，已按周一至周五计算。可用 `zizhi checklists export` 导出后在 calendar.yaml 里补上该年份。"
        )?;
    }
    Ok(())
}
