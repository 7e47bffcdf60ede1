//! Range checks applied while the progress file is read: every date, time and number lands in a range the domain can compute with, or the file is refused at the value's line and column.
//!
//! chrono accepts years up to ±262 143, and adding even a day to its last date panics; a
//! hand-edited `"start": "+262142-12-31"` once crashed every report. Dates are therefore held
//! to years 1000–9999 (any date a person could mean, and room for centuries of arithmetic on
//! either side); scheduler values to what the scheduler produces.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::de::{Deserialize, Deserializer, Error};

/// Earliest year accepted in the progress file.
pub const MIN_YEAR: i32 = 1000;
/// Latest year accepted in the progress file.
pub const MAX_YEAR: i32 = 9999;

/// The message every out-of-range date gets; `codec` recognises its start.
pub const OUT_OF_RANGE: &str = "日期超出范围";

fn check_year<E: Error>(date: NaiveDate) -> Result<(), E> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(E::custom(format!(
            "{OUT_OF_RANGE}：{date} 不在 {MIN_YEAR} 年到 {MAX_YEAR} 年之间，请改成正确的日期"
        )))
    }
}

/// A date in range.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let date = NaiveDate::deserialize(d)?;
    check_year(date)?;
    Ok(date)
}

/// An optional date in range.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let date = Option::<NaiveDate>::deserialize(d)?;
    if let Some(date) = date {
        check_year(date)?;
    }
    Ok(date)
}

/// `YYYY-MM-DDTHH:MM:SS`, the form zizhi writes every time in, read without chrono's general
/// parser (a year of a team's records holds tens of thousands of them); `None` for anything
/// else, which then goes to chrono and reads exactly as before.
fn quick_datetime(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)?.and_hms_opt(
        num(11, 13)?,
        num(14, 16)?,
        num(17, 19)?,
    )
}

/// A date and time as text, borrowed from the input when it can be.
struct DateTimeText;

impl serde::de::Visitor<'_> for DateTimeText {
    type Value = NaiveDateTime;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a formatted date and time string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDateTime, E> {
        match quick_datetime(text) {
            Some(at) => Ok(at),
            None => text.parse().map_err(E::custom),
        }
    }
}

/// A date and time in range.
pub fn datetime<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let at = d.deserialize_str(DateTimeText)?;
    check_year(at.date())?;
    Ok(at)
}

/// An optional date and time in range.
pub fn opt_datetime<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
    struct Text(NaiveDateTime);
    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(DateTimeText).map(Text)
        }
    }
    let at = Option::<Text>::deserialize(d)?.map(|t| t.0);
    if let Some(at) = at {
        check_year(at.date())?;
    }
    Ok(at)
}

/// A map of dates, each in range.
pub fn date_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, NaiveDate>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Checked(#[serde(deserialize_with = "date")] NaiveDate);
    let map = BTreeMap::<String, Checked>::deserialize(d)?;
    Ok(map.into_iter().map(|(k, Checked(v))| (k, v)).collect())
}

/// A grade of a review: 1 again · 2 hard · 3 good · 4 easy.
pub fn grade<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let grade = u8::deserialize(d)?;
    if (1..=4).contains(&grade) {
        Ok(grade)
    } else {
        Err(D::Error::custom(format!(
            "{OUT_OF_RANGE_NUMBER}：评分 {grade} 应是 1 到 4"
        )))
    }
}

/// The message every out-of-range number gets; `codec` recognises its start.
pub const OUT_OF_RANGE_NUMBER: &str = "数值超出范围";

/// Largest memory stability accepted, in days: a hundred years (the scheduler caps its
/// intervals far below that).
pub const MAX_STABILITY_DAYS: f32 = 36_500.0;

/// A scheduler stability (days): finite, positive, at most [`MAX_STABILITY_DAYS`].
pub fn opt_stability<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f32>, D::Error> {
    let value = Option::<f32>::deserialize(d)?;
    match value {
        Some(v) if !(v.is_finite() && v > 0.0 && v <= MAX_STABILITY_DAYS) => Err(D::Error::custom(
            format!("{OUT_OF_RANGE_NUMBER}：记忆稳定度 {v} 应在 0 到 {MAX_STABILITY_DAYS} 天之间"),
        )),
        _ => Ok(value),
    }
}

/// A scheduler difficulty: finite, 1 to 10.
pub fn opt_difficulty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f32>, D::Error> {
    let value = Option::<f32>::deserialize(d)?;
    match value {
        Some(v) if !(v.is_finite() && (1.0..=10.0).contains(&v)) => Err(D::Error::custom(format!(
            "{OUT_OF_RANGE_NUMBER}：难度 {v} 应在 1 到 10 之间"
        ))),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct At {
        #[serde(deserialize_with = "datetime")]
        at: NaiveDateTime,
        #[serde(default, deserialize_with = "opt_datetime")]
        due: Option<NaiveDateTime>,
    }

    fn read(text: &str) -> Result<At, String> {
        serde_json::from_str(&format!("{{\"at\": \"{text}\", \"due\": \"{text}\"}}"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_quick_reading_of_a_time_agrees_with_chrono_and_anything_else_goes_to_chrono() {
        for text in [
            "2026-03-27T10:15:00",
            "2026-02-29T10:15:00",
            "2024-02-29T23:59:59",
            "2026-13-01T00:00:00",
            "2026-03-27T24:00:00",
            "2026-03-27T10:15:60",
            "2026-03-27 10:15:00",
            "2026-03-27T10:15:00.250",
            "2026-3-27T10:15:00",
            "０２６-03-27T10:15:00",
            "0999-03-27T10:15:00",
            "+12026-03-27T10:15",
        ] {
            let chrono = text
                .parse::<NaiveDateTime>()
                .ok()
                .filter(|at| (MIN_YEAR..=MAX_YEAR).contains(&at.year()));
            let read = read(text);
            assert_eq!(read.as_ref().ok().map(|r| r.at), chrono, "{text}: {read:?}");
            assert_eq!(read.ok().and_then(|r| r.due), chrono, "{text}");
            if let Some(at) = quick_datetime(text) {
                assert_eq!(Some(at), text.parse::<NaiveDateTime>().ok(), "{text}");
            }
        }
    }

    #[test]
    fn an_absent_or_null_optional_time_is_none() {
        let at: At = serde_json::from_str(r#"{"at": "2026-03-27T10:15:00"}"#).expect("reads");
        assert_eq!(at.due, None);
        let at: At =
            serde_json::from_str(r#"{"at": "2026-03-27T10:15:00", "due": null}"#).expect("reads");
        assert_eq!(at.due, None);
    }
}
