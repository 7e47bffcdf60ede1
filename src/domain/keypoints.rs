//! Checks a typed answer against a question's key points (要点), tolerant of spaces,
//! punctuation (ASCII and CJK), full-width characters, case and the listed synonyms.
//!
//! A key point is covered when every one of its keyword entries matches; an entry matches when
//! any of its `|`-separated synonyms appears in the answer. Both sides are normalised the same
//! way, so `U 盘`, `U盘` and `Ｕ盘` are one word.

use crate::content::KeyPoint;

/// Folds full-width ASCII to half-width, drops whitespace, punctuation and symbols (keeping
/// letters and digits of every script), and lowercases.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold_width(c);
        if c.is_alphanumeric() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Full-width forms U+FF01–U+FF5E are ASCII shifted by 0xFEE0; U+3000 is a full-width space.
fn fold_width(c: char) -> char {
    match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// A key point with its keywords already normalised, ready to test many answers quickly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledPoint {
    /// Each entry is a list of synonyms; empty synonyms (punctuation only) never match.
    pub entries: Vec<Vec<String>>,
}

impl CompiledPoint {
    pub fn new(point: &KeyPoint) -> Self {
        Self::from_keywords(point.keywords.iter().map(String::as_str))
    }

    pub fn from_keywords<'a>(keywords: impl IntoIterator<Item = &'a str>) -> Self {
        let entries = keywords
            .into_iter()
            .map(|entry| {
                entry
                    .split('|')
                    .map(normalise)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .collect();
        Self { entries }
    }

    /// Whether an already normalised answer covers this point.
    pub fn covered_by(&self, normalised_answer: &str) -> bool {
        !self.entries.is_empty()
            && self
                .entries
                .iter()
                .all(|synonyms| synonyms.iter().any(|s| normalised_answer.contains(s)))
    }
}

/// For each key point, whether `answer` covers it.
pub fn coverage(answer: &str, points: &[KeyPoint]) -> Vec<bool> {
    let answer = normalise(answer);
    points
        .iter()
        .map(|p| CompiledPoint::new(p).covered_by(&answer))
        .collect()
}

/// The indices of the covered key points.
pub fn covered_indices(answer: &str, points: &[KeyPoint]) -> Vec<usize> {
    coverage(answer, points)
        .into_iter()
        .enumerate()
        .filter_map(|(i, hit)| hit.then_some(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(keywords: &[&str]) -> KeyPoint {
        KeyPoint {
            point: "要点".into(),
            keywords: keywords.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn normalising_drops_spaces_and_punctuation_of_both_scripts() {
        assert_eq!(normalise("保密， 承诺书。(已签)!"), "保密承诺书已签");
        assert_eq!(normalise("「三员」分立、《制度》…——"), "三员分立制度");
    }

    #[test]
    fn normalising_folds_full_width_letters_and_digits_and_lowercases() {
        assert_eq!(normalise("ＵＳＢ　Ｋｅｙ １８０天"), "usbkey180天");
        assert_eq!(normalise("APT 攻击"), "apt攻击");
    }

    #[test]
    fn a_chinese_answer_covers_a_point_when_a_synonym_appears() {
        let p = [point(&["承诺书|保密协议"])];
        assert_eq!(coverage("入职时签了保密协议。", &p), vec![true]);
        assert_eq!(coverage("入职时培训过", &p), vec![false]);
    }

    #[test]
    fn every_keyword_entry_must_match_for_the_point_to_count() {
        let p = [point(&["核心", "重要", "一般"])];
        assert_eq!(coverage("分核心、重要、一般三类", &p), vec![true]);
        assert_eq!(coverage("分核心和重要两类", &p), vec![false]);
    }

    #[test]
    fn punctuation_and_spaces_inside_a_word_do_not_break_the_match() {
        let p = [point(&["U盘"]), point(&["双人操作|两人"])];
        assert_eq!(coverage("不能用 U 盘，要双·人·操作", &p), vec![true, true]);
    }

    #[test]
    fn mixed_text_matches_full_width_and_case_insensitively() {
        let p = [point(&["vpn|远程"]), point(&["180天|六个月"])];
        assert_eq!(
            coverage("禁止使用ＶＰＮ，录像保存１８０天", &p),
            vec![true, true]
        );
        assert_eq!(coverage("TeamViewer 不允许", &p), vec![false, false]);
    }

    #[test]
    fn keywords_written_with_punctuation_match_answers_written_without() {
        let p = [point(&["三合一（违规外联）"])];
        assert_eq!(coverage("装了三合一违规外联监控", &p), vec![true]);
    }

    #[test]
    fn a_synonym_of_punctuation_only_never_matches() {
        let p = [point(&["、"])];
        assert_eq!(coverage("任何回答", &p), vec![false]);
    }

    #[test]
    fn every_built_in_reference_answer_covers_all_of_its_key_points() {
        let content = crate::content::load_built_in().expect("built-in content loads");
        let mut misses = Vec::new();
        for q in &content.interview.questions {
            for (point, hit) in q.key_points.iter().zip(coverage(&q.answer, &q.key_points)) {
                if !hit {
                    misses.push(format!("{}: {} {:?}", q.id, point.point, point.keywords));
                }
            }
        }
        assert!(misses.is_empty(), "{}", misses.join("\n"));
    }

    #[test]
    fn covered_indices_lists_only_the_points_hit() {
        let p = [point(&["报告"]), point(&["培训"]), point(&["检查"])];
        assert_eq!(
            covered_indices("发现问题先报告，也接受检查", &p),
            vec![0, 2]
        );
    }
}
