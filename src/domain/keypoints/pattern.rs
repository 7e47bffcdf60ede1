//! Keyword patterns as written in the question bank, compiled for matching.
//!
//! An entry such as `"拔…网线|断网|隔离"` lists alternatives separated by `|`. An alternative is
//! one term, or ordered parts joined by `…` (or `...`): the parts must appear in that order in
//! one clause with at most [`GAP`] characters between them and no denial among those
//! characters (拔了那台机器的网线 meets `拔…网线`). Parts with a denial between them (培训我都没
//!参加过 for `培训…参加`) are not met, but they are found, so the point reads as negated.

use std::ops::Range;

use super::negation::blocks_gap;
use super::text::{Folded, fold_word};

/// Characters allowed between the parts of a `…` pair.
pub const GAP: usize = 8;

/// One alternative: its normalised parts, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub parts: Vec<Vec<char>>,
}

/// One keyword entry: any of its alternatives meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub alternatives: Vec<Alternative>,
}

/// Compiles one entry; alternatives that are punctuation only never match.
pub fn compile_entry(entry: &str) -> Entry {
    let alternatives = entry
        .split('|')
        .map(|alt| Alternative {
            parts: alt
                .replace("...", "…")
                .split('…')
                .map(fold_word)
                .filter(|p| !p.is_empty())
                .collect(),
        })
        .filter(|a| !a.parts.is_empty())
        .collect();
    Entry { alternatives }
}

impl Alternative {
    /// Every place the alternative occurs, as ranges of normalised positions.
    pub fn occurrences(&self, text: &Folded) -> Vec<Range<usize>> {
        self.find(text, false)
    }

    /// The places where the parts occur in order in one clause but with a denial between them
    /// (培训我都没参加过 for `培训…参加`): not met, but said and negated.
    pub fn denied_occurrences(&self, text: &Folded) -> Vec<Range<usize>> {
        if self.parts.len() < 2 {
            return Vec::new();
        }
        let met = self.find(text, false);
        self.find(text, true)
            .into_iter()
            .filter(|r| !met.iter().any(|m| m.start == r.start))
            .collect()
    }

    fn find(&self, text: &Folded, across_denial: bool) -> Vec<Range<usize>> {
        let Some(first) = self.parts.first() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for start in 0..text.len() {
            if !text.has_at(start, first) {
                continue;
            }
            if let Some(end) = self.rest_from(text, start + first.len(), 1, across_denial) {
                found.push(start..end);
            }
        }
        found
    }

    /// Where the parts from `part` on end, if they follow `from` in order.
    fn rest_from(
        &self,
        text: &Folded,
        from: usize,
        part: usize,
        across_denial: bool,
    ) -> Option<usize> {
        let Some(word) = self.parts.get(part) else {
            return Some(from);
        };
        let clause = text.units.get(from.checked_sub(1)?)?.clause;
        for at in from..=(from + GAP).min(text.len()) {
            if at > from {
                let gap = &text.units[at - 1];
                if gap.clause != clause || !across_denial && blocks_gap(gap.ch) {
                    return None;
                }
            }
            if text.has_at(at, word)
                && text.units[at].clause == clause
                && let Some(end) = self.rest_from(text, at + word.len(), part + 1, across_denial)
            {
                return Some(end);
            }
        }
        None
    }

    /// The alternative as one plain string (parts joined), for checks on the bank.
    pub fn plain(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("…")
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn hits(entry: &str, answer: &str) -> usize {
        let text = fold(answer);
        compile_entry(entry)
            .alternatives
            .iter()
            .map(|a| a.occurrences(&text).len())
            .sum()
    }

    #[test]
    fn a_pair_matches_its_parts_in_order_with_words_between() {
        assert_eq!(hits("拔…网线", "先把那台机器网线拔了"), 0);
        assert_eq!(hits("网线…拔", "先把那台机器网线拔了"), 1);
        assert_eq!(hits("拔…网线", "拔掉那台机器的网线"), 1);
        assert_eq!(hits("谈…话", "领导找我谈了一次话"), 1);
    }

    #[test]
    fn a_pair_does_not_reach_across_a_clause_or_a_denial() {
        assert_eq!(hits("拔…网线", "拔了电源，网线还连着"), 0);
        assert_eq!(hits("谈…话", "谈不上什么话"), 0);
    }

    #[test]
    fn parts_with_a_denial_between_are_found_as_denied_not_met() {
        let text = fold("培训和检查我都没参加过");
        let alt = &compile_entry("培训…参加").alternatives[0];
        assert!(alt.occurrences(&text).is_empty());
        assert_eq!(alt.denied_occurrences(&text), vec![0..10]);
        let met = fold("培训我参加了");
        assert!(alt.denied_occurrences(&met).is_empty());
    }

    #[test]
    fn alternatives_are_normalised_like_answers() {
        assert_eq!(hits("24小时|一天之内", "1天之内报上去"), 1);
        assert_eq!(hits("24小时", "二十四小时内"), 1);
        assert_eq!(hits("U盘", "ｕ 盘"), 1);
    }
}
