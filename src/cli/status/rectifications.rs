//! The `rectifications` part of `zizhi status`: counts, and the 补正/公示 windows.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::WorkCalendar;
use crate::domain::rectification::{ByStatus, Window, WindowKind, WindowState, stats, window};
use crate::i18n::Lang;
use crate::progress::Progress;

/// `"rectifications"` in `status --json`. Keys are only ever added.
#[derive(Debug, Serialize)]
pub struct RectificationsJson {
    pub total: usize,
    /// Not closed.
    pub open: usize,
    pub overdue: usize,
    pub due_this_week: usize,
    /// Keys: open, in_progress, awaiting_verification, closed, reopened.
    pub by_status: ByStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction_window: Option<WindowJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_notice_window: Option<WindowJson>,
}

#[derive(Debug, Serialize)]
pub struct WindowJson {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_days_left: u32,
    /// not_started, running, ends_today or ended.
    pub state: &'static str,
    /// False when the holiday calendar does not cover the window (counted Monday–Friday).
    pub calendar_covered: bool,
}

fn window_json(w: Window) -> WindowJson {
    WindowJson {
        start: w.start,
        end: w.end,
        working_days_left: w.working_days_left,
        state: match w.state {
            WindowState::NotStarted => "not_started",
            WindowState::Running => "running",
            WindowState::EndsToday => "ends_today",
            WindowState::Ended => "ended",
        },
        calendar_covered: w.covered,
    }
}

fn windows(progress: &Progress, calendar: &WorkCalendar, today: NaiveDate) -> [Option<Window>; 2] {
    let t = &progress.timeline;
    [
        t.correction_notice
            .map(|d| window(calendar, WindowKind::Correction, d, today)),
        t.public_notice
            .map(|d| window(calendar, WindowKind::PublicNotice, d, today)),
    ]
}

pub fn json(progress: &Progress, calendar: &WorkCalendar, today: NaiveDate) -> RectificationsJson {
    let s = stats(&progress.rectifications, today);
    let [correction, public] = windows(progress, calendar, today);
    RectificationsJson {
        total: s.total,
        open: s.open,
        overdue: s.overdue,
        due_this_week: s.due_this_week,
        by_status: s.by_status,
        correction_window: correction.map(window_json),
        public_notice_window: public.map(window_json),
    }
}

pub fn write_text(
    out: &mut dyn Write,
    progress: &Progress,
    calendar: &WorkCalendar,
    today: NaiveDate,
    lang: Lang,
) -> io::Result<()> {
    let s = stats(&progress.rectifications, today);
    let b = s.by_status;
    if lang == Lang::En {
        writeln!(
            out,
            "Rectifications: {} in all, {} open, {} overdue, {} due this week ({} open, {} in progress, {} awaiting verification, {} closed, {} reopened)",
            s.total,
            s.open,
            s.overdue,
            s.due_this_week,
            b.open,
            b.in_progress,
            b.awaiting_verification,
            b.closed,
            b.reopened
        )?;
        for w in windows(progress, calendar, today).into_iter().flatten() {
            writeln!(out, "  {} {}", w.kind.label(lang), w.describe(lang))?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "整改项 {} 项：未关闭 {}，逾期 {}，本周到期 {}（待整改 {}、整改中 {}、待验证 {}、已关闭 {}、重新打开 {}）",
        s.total,
        s.open,
        s.overdue,
        s.due_this_week,
        b.open,
        b.in_progress,
        b.awaiting_verification,
        b.closed,
        b.reopened
    )?;
    for w in windows(progress, calendar, today).into_iter().flatten() {
        writeln!(out, "  {} {}", w.kind.label(Lang::Zh), w.describe(Lang::Zh))?;
    }
    Ok(())
}
