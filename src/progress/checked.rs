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

/// A date and time in range.
pub fn datetime<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let at = NaiveDateTime::deserialize(d)?;
    check_year(at.date())?;
    Ok(at)
}

/// An optional date and time in range.
pub fn opt_datetime<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
    let at = Option::<NaiveDateTime>::deserialize(d)?;
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
