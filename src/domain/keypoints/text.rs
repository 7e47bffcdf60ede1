//! An answer brought to one comparable form, remembering where each character came from: width
//! and case folded, Chinese numerals as digits (一天 = 1天, 二十四 = 24), punctuation and
//! spaces dropped, and clause and sentence boundaries kept, so negation can be looked for in
//! the right clause and the matched words shown as the person wrote them.

/// One character of the normalised text and where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub ch: char,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// Clause number (comma, semicolon, 但是 … start a new one).
    pub clause: u32,
    /// Sentence number (full stop, question mark, line break … start a new one).
    pub sentence: u32,
    /// An enumeration comma (、) stood right before it: it starts the next item of a list.
    pub listed: bool,
}

/// A normalised text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub units: Vec<Unit>,
}

impl Folded {
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.units.iter().map(|u| u.ch)
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Whether `word` (already normalised) starts at `at`.
    pub fn has_at(&self, at: usize, word: &[char]) -> bool {
        at + word.len() <= self.units.len()
            && self.units[at..at + word.len()]
                .iter()
                .zip(word)
                .all(|(u, c)| u.ch == *c)
    }

    /// The normalised characters as a string.
    pub fn text(&self) -> String {
        self.chars().collect()
    }
}

/// Words that begin a new clause although no punctuation precedes them.
const CLAUSE_WORDS: [&str; 5] = ["但是", "而是", "可是", "不过", "但"];

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '\r' | '．')
}

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '（' | '）' | '(' | ')' | '.' | '…' | '—'
    )
}

/// Folds full-width forms to ASCII; U+3000 is a full-width space.
fn fold_width(c: char) -> char {
    match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

fn numeral_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    numeral_digit(c).is_some() || matches!(c, '十' | '百')
}

/// The value of a run of Chinese numerals: positional (二十四 = 24, 一百八十 = 180) when it
/// has 十 or 百, digit by digit otherwise (二〇二四 = 2024).
fn numeral_value(run: &[char]) -> String {
    if !run.iter().any(|c| matches!(c, '十' | '百')) {
        return run
            .iter()
            .filter_map(|c| numeral_digit(*c))
            .map(|d| char::from_digit(d, 10).unwrap_or('0'))
            .collect();
    }
    let (mut total, mut digit) = (0u32, None::<u32>);
    for &c in run {
        match c {
            '百' => {
                total += digit.unwrap_or(1) * 100;
                digit = None;
            }
            '十' => {
                total += digit.unwrap_or(1) * 10;
                digit = None;
            }
            _ => digit = numeral_digit(c),
        }
    }
    (total + digit.unwrap_or(0)).to_string()
}

/// Normalises `text`; see the module description.
pub fn fold(text: &str) -> Folded {
    let mut units = Vec::with_capacity(text.len() / 2);
    let (mut clause, mut sentence) = (0u32, 0u32);
    let mut pending_break = false;
    let mut pending_list = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, raw) = chars[i];
        let c = fold_width(raw);
        if is_sentence_end(c) {
            sentence += 1;
            clause += 1;
            i += 1;
            continue;
        }
        if is_clause_end(c) {
            pending_break = true;
            pending_list = false;
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            pending_list |= c == '、';
            i += 1;
            continue;
        }
        let listed = std::mem::take(&mut pending_list);
        if pending_break || starts_clause_word(&chars[i..]) && !units.is_empty() {
            if pending_break || units.last().is_some_and(|u: &Unit| u.clause == clause) {
                clause += 1;
            }
            pending_break = false;
        }
        if is_numeral(c) {
            let run_end = chars[i..]
                .iter()
                .position(|&(_, c)| !is_numeral(c))
                .map_or(chars.len(), |n| i + n);
            let run: Vec<char> = chars[i..run_end].iter().map(|&(_, c)| c).collect();
            let end = chars.get(run_end).map_or(text.len(), |&(b, _)| b);
            let value = numeral_value(&run);
            let count = value.chars().count();
            // Each digit maps to one numeral character where it can; the rest share the last.
            for (k, d) in value.chars().enumerate() {
                let from = chars[(i + k).min(run_end - 1)].0;
                let to = if k + 1 == count {
                    end
                } else {
                    chars.get(i + k + 1).map_or(end, |&(b, _)| b.min(end))
                };
                units.push(Unit {
                    ch: d,
                    start: from,
                    end: to.max(from),
                    clause,
                    sentence,
                    listed: listed && k == 0,
                });
            }
            i = run_end;
            continue;
        }
        let end = chars.get(i + 1).map_or(text.len(), |&(b, _)| b);
        for (k, lower) in c.to_lowercase().enumerate() {
            units.push(Unit {
                ch: lower,
                start,
                end,
                clause,
                sentence,
                listed: listed && k == 0,
            });
        }
        i += 1;
    }
    Folded { units }
}

fn starts_clause_word(rest: &[(usize, char)]) -> bool {
    CLAUSE_WORDS.iter().any(|w| {
        let n = w.chars().count();
        rest.len() >= n && rest.iter().zip(w.chars()).all(|(&(_, c), w)| c == w)
    })
}

/// The normalised characters of a keyword or cue (no positions needed).
pub fn fold_word(word: &str) -> Vec<char> {
    fold(word).chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_become_digits_positionally_or_digit_by_digit() {
        assert_eq!(fold("二十四小时").text(), "24小时");
        assert_eq!(fold("一百八十天").text(), "180天");
        assert_eq!(fold("十位").text(), "10位");
        assert_eq!(fold("二〇二四年").text(), "2024年");
        assert_eq!(fold("两个人").text(), "2个人");
        assert_eq!(fold("１８０天").text(), "180天");
    }

    #[test]
    fn clauses_split_at_commas_and_but_and_sentences_at_full_stops() {
        let f = fold("先报告，但是不关机。然后记录");
        let clauses: Vec<u32> = f.units.iter().map(|u| u.clause).collect();
        let sentences: Vec<u32> = f.units.iter().map(|u| u.sentence).collect();
        assert_eq!(f.text(), "先报告但是不关机然后记录");
        assert_eq!(clauses, vec![0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(sentences, vec![0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    }

    #[test]
    fn an_enumeration_comma_marks_the_next_item_of_a_list() {
        let f = fold("培训、检查和考试");
        let listed: Vec<bool> = f.units.iter().map(|u| u.listed).collect();
        assert_eq!(f.text(), "培训检查和考试");
        assert_eq!(listed, vec![false, false, true, false, false, false, false]);
    }

    #[test]
    fn every_unit_points_back_at_the_characters_it_came_from() {
        let text = "拔了 网线，二十四小时";
        let f = fold(text);
        let back: String = f.units.iter().map(|u| &text[u.start..u.end]).collect();
        assert_eq!(back, "拔了网线二十四小时");
    }
}
