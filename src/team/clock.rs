//! Hybrid logical clocks: wall-clock milliseconds plus a counter, so that a change recorded on a
//! machine whose clock lags still sorts after every change it has seen (offline networks
//! drift), and a person id breaks ties between people.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// A hybrid logical clock reading: milliseconds since the Unix epoch and a counter for changes
/// within one millisecond or behind a clock already seen.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Hlc {
    pub ms: u64,
    pub c: u32,
}

impl Hlc {
    /// The reading after `self` at wall time `now_ms`: the wall time when it is ahead,
    /// otherwise one tick past `self`.
    pub fn next(self, now_ms: u64) -> Hlc {
        if now_ms > self.ms {
            Hlc { ms: now_ms, c: 0 }
        } else if self.c < u32::MAX {
            Hlc {
                ms: self.ms,
                c: self.c + 1,
            }
        } else {
            Hlc {
                ms: self.ms.saturating_add(1),
                c: 0,
            }
        }
    }
}

/// When and by whom a change was made; changes are ordered by clock, then person id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub hlc: Hlc,
    /// The person id (`people/<id>.json`), never the display name.
    pub who: String,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.hlc, &self.who).cmp(&(other.hlc, &other.who))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_behind_what_it_has_seen_still_moves_forward() {
        let seen = Hlc { ms: 5_000, c: 3 };
        assert_eq!(seen.next(1_000), Hlc { ms: 5_000, c: 4 });
        assert_eq!(seen.next(9_000), Hlc { ms: 9_000, c: 0 });
        assert!(seen.next(1_000) > seen);
    }

    #[test]
    fn the_person_id_breaks_a_tie_between_equal_clocks() {
        let hlc = Hlc { ms: 1, c: 0 };
        let a = Stamp {
            hlc,
            who: "a".into(),
        };
        let b = Stamp {
            hlc,
            who: "b".into(),
        };
        assert!(a < b);
    }
}
