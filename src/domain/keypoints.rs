//! Judges a typed answer against a question's key points (要点) and traps (别这样答), the way
//! an auditor listens: pure, explainable, and fast enough to run on every reveal.
//!
//! - Both sides are normalised alike ([`text`]): width, case, punctuation, spaces, and Chinese
//!   numerals (一天 = 1天), so `U 盘`, `U盘` and `Ｕ盘` are one word.
//! - A key point is met when every one of its keyword entries is met; an entry is met when one
//!   of its alternatives ([`pattern`]: a term, or parts joined by `…`) occurs and is not
//!   negated or dismissed where it stands ([`negation`]). A prohibition point (`negative`) is
//!   met only where its words are forbidden or denied.
//! - Where a point has a form for the target grade (`grades`), that form is judged.
//! - A trap is matched the same way; an answer that meets one is flagged.
//!
//! Every result says which words met a point, or whether its words were there but negated.

pub mod negation;
pub mod pattern;
pub mod text;

use std::ops::Range;

use crate::content::{Grade, KeyPoint, Question, Trap};

use pattern::{Entry, compile_entry};
use text::{Folded, fold};

/// The grade judged when none has been chosen: most applicants start with 乙级.
pub const DEFAULT_GRADE: Grade = Grade::B;

/// Folds full-width ASCII to half-width, Chinese numerals to digits, drops whitespace,
/// punctuation and symbols (keeping letters and digits of every script), and lowercases.
pub fn normalise(text: &str) -> String {
    fold(text).text()
}

/// A key point or trap compiled for matching many answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledRule {
    /// The point (or the trap's reason) as shown.
    pub label: String,
    pub entries: Vec<Entry>,
    /// Met where the words are forbidden or denied rather than affirmed.
    pub negative: bool,
    /// A negative trap (a dismissal such as 没必要断网) needs the denial close to the words, in
    /// their clause; a prohibition point accepts one anywhere earlier in the sentence
    /// (禁止联网、交叉使用、无线外设).
    pub close_denial: bool,
}

impl CompiledRule {
    pub fn from_keywords<'a>(
        label: &str,
        keywords: impl IntoIterator<Item = &'a str>,
        negative: bool,
    ) -> Self {
        Self {
            label: label.to_owned(),
            entries: keywords.into_iter().map(compile_entry).collect(),
            negative,
            close_denial: false,
        }
    }

    /// A key point in the form for `grade`.
    pub fn point(point: &KeyPoint, grade: Grade) -> Self {
        match point.grades.iter().find(|v| v.grade == grade) {
            Some(v) => Self::from_keywords(
                &v.point,
                v.keywords.iter().map(String::as_str),
                point.negative,
            ),
            None => Self::from_keywords(
                &point.point,
                point.keywords.iter().map(String::as_str),
                point.negative,
            ),
        }
    }

    pub fn trap(trap: &Trap) -> Self {
        Self {
            close_denial: true,
            ..Self::from_keywords(
                &trap.reason,
                trap.keywords.iter().map(String::as_str),
                trap.negative,
            )
        }
    }

    /// Judges an already normalised answer.
    pub fn judge(&self, answer: &Folded) -> RuleResult {
        let mut result = RuleResult {
            hit: !self.entries.is_empty(),
            spans: Vec::new(),
            negated: false,
        };
        for entry in &self.entries {
            let mut met = None;
            let mut contradicted = false;
            'alternatives: for alt in &entry.alternatives {
                for range in alt.occurrences(answer) {
                    let counts = if self.negative && self.close_denial {
                        negation::denied(answer, range.start, range.end)
                    } else if self.negative {
                        negation::forbidden(answer, range.start, range.end)
                    } else {
                        !negation::denied(answer, range.start, range.end)
                    };
                    if counts {
                        met = Some(range);
                        break 'alternatives;
                    }
                    contradicted = true;
                }
            }
            if met.is_none() && !self.negative {
                contradicted |= entry
                    .alternatives
                    .iter()
                    .any(|alt| !alt.denied_occurrences(answer).is_empty());
            }
            match met {
                Some(range) => result.spans.push(range),
                None => {
                    result.hit = false;
                    result.negated |= contradicted;
                }
            }
        }
        if result.hit {
            result.negated = false;
        }
        result
    }
}

/// How one rule fared against one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    pub hit: bool,
    /// Where its entries were met, as normalised positions (one per entry met).
    pub spans: Vec<Range<usize>>,
    /// Its words were there but negated (or, for a prohibition, affirmed), so they did not count.
    pub negated: bool,
}

/// The judgement of one key point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointJudgement {
    pub point: String,
    pub hit: bool,
    /// The words of the answer, as written, that met it.
    pub matched: Vec<String>,
    /// The same as byte ranges of the answer, for highlighting.
    pub ranges: Vec<Range<usize>>,
    pub negated: bool,
}

/// A trap the answer fell into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub reason: String,
    pub matched: Vec<String>,
    pub ranges: Vec<Range<usize>>,
}

/// The whole judgement of one answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub points: Vec<PointJudgement>,
    pub flags: Vec<Flag>,
}

impl Judgement {
    pub fn covered(&self) -> usize {
        self.points.iter().filter(|p| p.hit).count()
    }

    pub fn total(&self) -> usize {
        self.points.len()
    }

    /// Share of the key points met, 0.0 when the question has none.
    pub fn ratio(&self) -> f64 {
        if self.points.is_empty() {
            0.0
        } else {
            self.covered() as f64 / self.total() as f64
        }
    }

    pub fn flagged(&self) -> bool {
        !self.flags.is_empty()
    }

    /// For each key point, whether it was met.
    pub fn hits(&self) -> Vec<bool> {
        self.points.iter().map(|p| p.hit).collect()
    }
}

/// Byte ranges of the answer for normalised `spans`, and the text they cover.
fn originals(
    answer: &str,
    folded: &Folded,
    spans: &[Range<usize>],
) -> (Vec<String>, Vec<Range<usize>>) {
    let mut texts = Vec::new();
    let mut ranges = Vec::new();
    for span in spans {
        let (Some(first), Some(last)) = (
            folded.units.get(span.start),
            span.end.checked_sub(1).and_then(|i| folded.units.get(i)),
        ) else {
            continue;
        };
        let range = first.start..last.end.max(first.start);
        texts.push(answer.get(range.clone()).unwrap_or_default().to_owned());
        ranges.push(range);
    }
    (texts, ranges)
}

/// Judges `answer` against `question` for the target `grade`.
pub fn judge(answer: &str, question: &Question, grade: Grade) -> Judgement {
    let folded = fold(answer);
    let points = question
        .key_points
        .iter()
        .map(|p| {
            let rule = CompiledRule::point(p, grade);
            let r = rule.judge(&folded);
            let (matched, ranges) = if r.hit {
                originals(answer, &folded, &r.spans)
            } else {
                Default::default()
            };
            PointJudgement {
                point: rule.label,
                hit: r.hit,
                matched,
                ranges,
                negated: r.negated,
            }
        })
        .collect();
    let flags = question
        .traps
        .iter()
        .filter_map(|t| {
            let rule = CompiledRule::trap(t);
            let r = rule.judge(&folded);
            r.hit.then(|| {
                let (matched, ranges) = originals(answer, &folded, &r.spans);
                Flag {
                    reason: rule.label,
                    matched,
                    ranges,
                }
            })
        })
        .collect();
    Judgement { points, flags }
}

/// For each key point, whether `answer` covers it (in the 乙级 form).
pub fn coverage(answer: &str, points: &[KeyPoint]) -> Vec<bool> {
    let folded = fold(answer);
    points
        .iter()
        .map(|p| CompiledRule::point(p, DEFAULT_GRADE).judge(&folded).hit)
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
            negative: false,
            grades: Vec::new(),
        }
    }

    #[test]
    fn normalising_drops_spaces_and_punctuation_of_both_scripts() {
        assert_eq!(normalise("保密， 承诺书。(已签)!"), "保密承诺书已签");
        assert_eq!(normalise("「三员」分立、《制度》…——"), "3员分立制度");
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
        assert_eq!(coverage("用 U 盘，要双·人·操作", &p), vec![true, true]);
    }

    #[test]
    fn mixed_text_matches_full_width_and_case_insensitively() {
        let p = [point(&["vpn|远程"]), point(&["180天|六个月"])];
        assert_eq!(
            coverage("通过ＶＰＮ登录，录像保存１８０天", &p),
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
