//! The wall clock as the program reads it: the system's local time, or — for tests only — a
//! fixed starting moment from `ZIZHI_NOW` that then runs on with the monotonic clock.
//!
//! `ZIZHI_NOW=1900-01-01T08:00:00` (or just a date, `1900-01-01`) makes every command and the
//! app believe that is the time they started; tests use it to show that a clock set far in the
//! past or future breaks nothing. An unreadable value is ignored (the real clock is used).
//! Only the runtime and `main` read the clock; `update` gets the time as data.

use std::sync::OnceLock;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};

/// The fake start and when the process read it, once per process.
fn fake() -> Option<(NaiveDateTime, Instant)> {
    static FAKE: OnceLock<Option<(NaiveDateTime, Instant)>> = OnceLock::new();
    *FAKE.get_or_init(|| {
        let value = std::env::var("ZIZHI_NOW").ok()?;
        parse(&value).map(|start| (start, Instant::now()))
    })
}

/// A `ZIZHI_NOW` value: `YYYY-MM-DDTHH:MM:SS`, the same with a space, or a date (midnight).
pub fn parse(value: &str) -> Option<NaiveDateTime> {
    let value = value.trim();
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

/// The current local date and time.
pub fn now() -> NaiveDateTime {
    match fake() {
        Some((start, at)) => chrono::TimeDelta::from_std(at.elapsed())
            .ok()
            .and_then(|elapsed| start.checked_add_signed(elapsed))
            .unwrap_or(start),
        None => chrono::Local::now().naive_local(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_time_or_a_date_is_read() {
        let t = parse("1900-01-01T08:30:00").map(|t| t.to_string());
        assert_eq!(t.as_deref(), Some("1900-01-01 08:30:00"));
        let d = parse("1900-01-01").map(|t| t.to_string());
        assert_eq!(d.as_deref(), Some("1900-01-01 00:00:00"));
        assert_eq!(parse("yesterday"), None);
    }
}
