//! A moment as the runtime reads it: the wall clock, which stamps records, and a monotonic count, which measures durations — a clock set forward three hours during a step never makes the step three hours long.

use chrono::NaiveDateTime;

/// The wall clock and the monotonic milliseconds at one instant. The runtime takes the
/// monotonic count from an `Instant` taken at start; only differences of it mean anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub wall: NaiveDateTime,
    pub mono_ms: u64,
}

impl Moment {
    /// A moment whose monotonic count is derived from the wall clock: for callers (tests,
    /// one-shot commands) without a monotonic clock, where the two agree by construction.
    pub fn from_wall(wall: NaiveDateTime) -> Moment {
        let ms = wall.and_utc().timestamp_millis();
        Moment {
            wall,
            // Before 1970 the count saturates at 0: durations then read as 0, never negative.
            mono_ms: u64::try_from(ms).unwrap_or(0),
        }
    }

    /// Milliseconds from `earlier` to `self` by the monotonic count; 0 if it went backwards.
    pub fn millis_since(self, earlier_mono_ms: u64) -> i64 {
        i64::try_from(self.mono_ms.saturating_sub(earlier_mono_ms)).unwrap_or(i64::MAX)
    }
}

impl From<NaiveDateTime> for Moment {
    fn from(wall: NaiveDateTime) -> Moment {
        Moment::from_wall(wall)
    }
}
