//! 时间线: the projected date range of each phase from a start date, the user's options
//! (加急通道, 并行准备), actual finish dates, and the countdowns after the certificate. Pure.

use chrono::{Months, NaiveDate, TimeDelta};

use crate::content::Phase;
use crate::progress::Timeline;

/// Days saved by 并行准备 (secure room built during self-assessment, third-party pre-review).
pub const PARALLEL_SAVING_DAYS: u32 = 30;
/// The fastest total the green channel (军民融合绿色通道) allows, in months.
pub const GREEN_CHANNEL_MONTHS: u32 = 4;
/// The first annual inspection (年检) after the certificate, in months.
pub const INSPECTION_MONTHS: u32 = 12;
/// The ISO 20000 certification target after the certificate, in months.
pub const ISO20000_MONTHS: u32 = 6;

/// An earliest–latest range of dates (equal when known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

impl Range {
    fn at(day: NaiveDate) -> Self {
        Self {
            earliest: day,
            latest: day,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.earliest == self.latest
    }
}

/// Where a phase stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseState {
    Finished,
    Current,
    Upcoming,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasePlan {
    pub id: String,
    pub title: String,
    /// The duration as written in the content (1–2 周…).
    pub label: String,
    pub start: Range,
    pub end: Range,
    /// The actual finish date, when the user recorded one.
    pub finished: Option<NaiveDate>,
    pub state: PhaseState,
}

/// A countdown to a date after the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub date: NaiveDate,
    /// Days from today (negative when past).
    pub days_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub start: NaiveDate,
    pub phases: Vec<PhasePlan>,
    /// The certificate: the recorded date, or the projection (the end of the last phase).
    pub certificate: Range,
    pub certificate_actual: bool,
    /// 首年年检, once the certificate date is recorded.
    pub inspection: Option<Countdown>,
    /// ISO 20000 target, once the certificate date is recorded.
    pub iso20000: Option<Countdown>,
}

/// The phases the timeline runs through: the leading phases that have a duration (自评 → 终审);
/// the cross-cutting and after-certificate phases are not steps towards the certificate.
pub fn timeline_phases(phases: &[Phase]) -> Vec<&Phase> {
    phases.iter().take_while(|p| p.duration.is_some()).collect()
}

fn days(n: u32) -> TimeDelta {
    TimeDelta::days(i64::from(n))
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap_or(day)
}

/// The plan from `timeline` (start, options, actual dates) on `today`. Without a start date
/// the plan starts today.
pub fn plan(phases: &[Phase], timeline: &Timeline, today: NaiveDate) -> Plan {
    let start = timeline.start.unwrap_or(today);
    let steps = timeline_phases(phases);
    // 并行准备 shortens the longest phase (the on-site audit, where the secure room and the
    // pre-review would otherwise wait).
    let longest = steps
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| {
            (
                p.duration.as_ref().map_or(0, |d| d.max_days),
                usize::MAX - i,
            )
        })
        .map(|(i, _)| i);
    // The green channel runs every phase at its shortest, squeezed so the planned total fits
    // the fastest 4 months. Delays (actual dates, today) still push the dates out honestly.
    let shortest: u32 = steps
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let min = p.duration.as_ref().map_or(0, |d| d.min_days);
            if timeline.parallel_preparation && Some(i) == longest {
                min.saturating_sub(PARALLEL_SAVING_DAYS)
            } else {
                min
            }
        })
        .sum();
    let allowed = (add_months(start, GREEN_CHANNEL_MONTHS) - start).num_days();
    let squeeze = |days: u32| -> u32 {
        if shortest == 0 || i64::from(shortest) <= allowed {
            return days;
        }
        let scaled = i64::from(days) * allowed / i64::from(shortest);
        u32::try_from(scaled).unwrap_or(days)
    };
    let mut cursor = Range::at(start);
    let mut out = Vec::with_capacity(steps.len());
    let mut seen_current = false;
    for (i, phase) in steps.iter().enumerate() {
        let (mut min, mut max) = phase
            .duration
            .as_ref()
            .map_or((0, 0), |d| (d.min_days, d.max_days.max(d.min_days)));
        if timeline.parallel_preparation && Some(i) == longest {
            min = min.saturating_sub(PARALLEL_SAVING_DAYS);
            max = max.saturating_sub(PARALLEL_SAVING_DAYS);
            max = max.max(min);
        }
        if timeline.green_channel {
            min = squeeze(min);
            max = min;
        }
        let begin = cursor;
        let finished = timeline.finished.get(&phase.id.value).copied();
        let end = match finished {
            Some(day) => Range::at(day),
            None => {
                let mut end = Range {
                    earliest: begin.earliest + days(min),
                    latest: begin.latest + days(max),
                };
                // An unfinished phase cannot end before today.
                if begin.earliest <= today {
                    end.earliest = end.earliest.max(today);
                    end.latest = end.latest.max(end.earliest);
                }
                end
            }
        };
        let state = if finished.is_some() {
            PhaseState::Finished
        } else if !seen_current {
            seen_current = true;
            PhaseState::Current
        } else {
            PhaseState::Upcoming
        };
        out.push(PhasePlan {
            id: phase.id.value.clone(),
            title: phase.title.clone(),
            label: phase
                .duration
                .as_ref()
                .map(|d| d.label.clone())
                .unwrap_or_default(),
            start: begin,
            end,
            finished,
            state,
        });
        cursor = end;
    }
    let (certificate, certificate_actual) = match timeline.certificate {
        Some(day) => (Range::at(day), true),
        None => (cursor, false),
    };
    let countdown = |months: u32| {
        timeline.certificate.map(|day| {
            let date = add_months(day, months);
            Countdown {
                date,
                days_left: (date - today).num_days(),
            }
        })
    };
    Plan {
        start,
        phases: out,
        certificate,
        certificate_actual,
        inspection: countdown(INSPECTION_MONTHS),
        iso20000: countdown(ISO20000_MONTHS),
    }
}

#[cfg(test)]
mod tests;
