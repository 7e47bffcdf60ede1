//! Whether words found in an answer are negated, dismissed or forbidden where they stand.
//!
//! The rules are short and explainable, the way an auditor hears an answer:
//! - a denial or dismissal (没, 不, 不用, 无需, 没必要, 不太清楚, 一般不, 从不, 来不及 …) up to
//!   [`BEFORE`] characters before the words, in the same clause and with nothing like 就 or
//!   要 between, negates them (「我没签过保密承诺书」);
//! - a dismissal right after them does too (「检查我没参加过」);
//! - in a list (和, 与, 及, 、 …) a denial reaches every item, [`ACROSS_LIST`] characters further
//!   (「保密培训和保密检查我都没参加过」, 「没参加过保密培训、保密检查和考试」);
//! - a condition followed by a prohibition is a rule, not a denial: 「未经审批不得拷贝」 affirms
//!   审批;
//! - words that only look negative (不定期, 不管, 没问题, 不一致 …) negate nothing.
//!
//! For a prohibition (a point such as 不用个人U盘) the question is the other way round: is the
//! action forbidden or denied anywhere in its sentence before it, or just after it
//! (「自己的U盘绝对不能插」)?

use std::sync::OnceLock;

use super::text::{Folded, fold_word};

/// How far before the words a denial still reaches, in normalised characters between.
pub const BEFORE: usize = 6;
/// How far after the words a dismissal still reaches.
pub const AFTER: usize = 5;
/// How much further a denial reaches when the words are an item of a list.
pub const ACROSS_LIST: usize = 10;

/// Words that join the items of a list (the enumeration comma 、 is kept as [`Unit::listed`]).
///
/// [`Unit::listed`]: super::text::Unit::listed
const COORDINATORS: &[&str] = &["以及", "还有", "或者", "和", "与", "跟", "及", "或"];

/// Denials, dismissals and prohibitions that negate the words after them.
const BEFORE_CUES: &[&str] = &[
    "不太清楚",
    "不清楚",
    "不知道",
    "不了解",
    "不记得",
    "记不清",
    "不需要",
    "不用",
    "无需",
    "无须",
    "不必",
    "没必要",
    "用不着",
    "一般不",
    "从不",
    "从来不",
    "从来没",
    "从没",
    "来不及",
    "忘了",
    "忘记",
    "未经",
    "不经",
    "没经过",
    "没有经过",
    "没有",
    "没",
    "未",
    "不能",
    "不得",
    "不准",
    "不许",
    "不可以",
    "不允许",
    "不让",
    "禁止",
    "严禁",
    "杜绝",
    "绝不",
    "决不",
    "不要",
    "别",
    "不",
];

/// A condition that, with a prohibition after the words, makes a rule (未经审批不得…).
const CONDITIONS: &[&str] = &["未经", "不经", "没经过", "没有经过", "没有", "没", "未"];

/// Prohibitions: after the words they complete a conditional rule; for a prohibition point
/// they meet it wherever they stand near the words.
const PROHIBITIONS: &[&str] = &[
    "不能",
    "不得",
    "不准",
    "不许",
    "不可以",
    "不允许",
    "不让",
    "禁止",
    "严禁",
    "杜绝",
    "绝不",
    "决不",
    "不要",
    "别",
    "不行",
    "不可",
    "不应",
    "不该",
    "一律不",
];

/// Dismissals that negate the words before them (「培训我都没参加过」).
const AFTER_CUES: &[&str] = &[
    "没",
    "未",
    "从来不",
    "从不",
    "一般不",
    "不太",
    "不清楚",
    "不知道",
    "不记得",
    "不需要",
    "不用",
    "不必",
    "用不着",
    "无所谓",
    "不参加",
    "不签",
    "不做",
    "不写",
    "不填",
    "不报",
    "不交",
    "不还",
    "不看",
    "来不及",
];

/// Words that contain a negation character but deny nothing.
const NOT_NEGATIONS: &[&str] = &[
    "不定期",
    "不断",
    "不管",
    "不论",
    "不仅",
    "不但",
    "不光",
    "不只",
    "不少",
    "不久",
    "不同",
    "不对",
    "不正常",
    "不明",
    "不良",
    "不符",
    "不一致",
    "不安全",
    "不规范",
    "不合规",
    "不到位",
    "不当",
    "不法",
    "不间断",
    "不足",
    "不够",
    "不多",
    "不大",
    "不高",
    "不小",
    "没问题",
    "没有问题",
    "没异常",
    "没有异常",
    "没事",
    "没落下",
    "没拉下",
    "没缺过",
    "没缺席",
    "没漏过",
    "没耽误",
    "没断过",
    "未知",
    "未来",
    "未成年",
    "别的",
    "别人",
    "别处",
    "别家",
    "特别",
    "区别",
    "分别",
    "类别",
    "级别",
    "识别",
    "个别",
    "告别",
    "差别",
    "鉴别",
    "甄别",
];

/// Words between a denial and the words that end its reach (「没问题就关单」).
const BREAKERS: &[&str] = &[
    "就", "而是", "必须", "应该", "应当", "然后", "要", "才", "后", "再由",
];

struct Cues {
    before: Vec<Vec<char>>,
    conditions: Vec<Vec<char>>,
    prohibitions: Vec<Vec<char>>,
    after: Vec<Vec<char>>,
    not_negations: Vec<Vec<char>>,
    breakers: Vec<Vec<char>>,
    coordinators: Vec<Vec<char>>,
}

fn folded(words: &[&str]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = words.iter().map(|w| fold_word(w)).collect();
    // Longest first, so 没有 is found before 没.
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| Cues {
        before: folded(BEFORE_CUES),
        conditions: folded(CONDITIONS),
        prohibitions: folded(PROHIBITIONS),
        after: folded(AFTER_CUES),
        not_negations: folded(NOT_NEGATIONS),
        breakers: folded(BREAKERS),
        coordinators: folded(COORDINATORS),
    })
}

/// The longest word of `list` starting at `at`, as its length.
fn word_at(text: &Folded, at: usize, list: &[Vec<char>]) -> Option<usize> {
    word_within(text, at, usize::MAX, list)
}

/// The longest word of `list` starting at `at` and at most `most` long, as its length.
fn word_within(text: &Folded, at: usize, most: usize, list: &[Vec<char>]) -> Option<usize> {
    list.iter()
        .find(|w| w.len() <= most && text.has_at(at, w))
        .map(Vec::len)
}

/// The cue of `list` starting at `at`, unless a look-alike word (不定期) starts there.
fn cue_at(text: &Folded, at: usize, list: &[Vec<char>]) -> Option<usize> {
    if word_at(text, at, &cues().not_negations).is_some() {
        return None;
    }
    word_at(text, at, list)
}

/// Whether some position in `from..to` starts a look-alike or a breaker that covers `at`.
fn inside_look_alike(text: &Folded, at: usize) -> bool {
    (at.saturating_sub(3)..=at)
        .any(|s| word_at(text, s, &cues().not_negations).is_some_and(|n| s + n > at))
}

/// How many characters of a word may follow the matched words before a list goes on (承诺
/// matched in 承诺书和…).
const WORD_TAIL: usize = 2;

/// Whether the words starting at `start` are a later item of a list (和检查, 、检查).
fn listed_before(text: &Folded, start: usize) -> bool {
    let Some(unit) = text.units.get(start) else {
        return false;
    };
    unit.listed
        || cues().coordinators.iter().any(|w| {
            start
                .checked_sub(w.len())
                .is_some_and(|s| text.has_at(s, w) && text.units[s].clause == unit.clause)
        })
}

/// Whether the words ending at `end` (or the word they begin, up to [`WORD_TAIL`] characters
/// on) are followed by a further item of a list (培训和…, 承诺书、…).
fn listed_after(text: &Folded, end: usize) -> bool {
    let Some(last) = end.checked_sub(1).and_then(|i| text.units.get(i)) else {
        return false;
    };
    (end..=end + WORD_TAIL)
        .take_while(|&i| text.units.get(i).is_some_and(|u| u.clause == last.clause))
        .any(|i| text.units[i].listed || word_at(text, i, &cues().coordinators).is_some())
}

/// The denials before `start` (same clause, within [`BEFORE`], no breaker between): whether
/// any is unconditional, and whether any is a condition.
fn denials_before(text: &Folded, start: usize) -> (bool, bool) {
    let Some(unit) = text.units.get(start) else {
        return (false, false);
    };
    let (mut plain, mut condition) = (false, false);
    let reach = if listed_before(text, start) {
        BEFORE + ACROSS_LIST
    } else {
        BEFORE
    };
    let lowest = start.saturating_sub(reach + 6);
    for s in (lowest..start).rev() {
        if text.units[s].clause != unit.clause {
            break;
        }
        // Only cues that end before the words (不能 before 能兼 is 不).
        if word_at(text, s, &cues().not_negations).is_some() {
            continue;
        }
        let Some(cue) = word_within(text, s, start - s, &cues().before) else {
            continue;
        };
        let as_condition =
            word_within(text, s, start - s, &cues().conditions).filter(|&n| n >= cue);
        let len = as_condition.unwrap_or(cue);
        let end = s + len;
        if end > start || start - end > reach || inside_look_alike(text, s) {
            continue;
        }
        if (end..start).any(|g| word_at(text, g, &cues().breakers).is_some()) {
            continue;
        }
        if as_condition.is_some() {
            condition = true;
        } else {
            plain = true;
        }
    }
    (plain, condition)
}

/// Whether a cue of `list` starts within `reach` characters after `end`, in `end`'s clause.
fn cue_after(text: &Folded, end: usize, reach: usize, list: &[Vec<char>]) -> bool {
    let Some(last) = end.checked_sub(1).and_then(|i| text.units.get(i)) else {
        return false;
    };
    (end..text.len().min(end + reach + 1))
        .take_while(|&i| text.units[i].clause == last.clause)
        .any(|i| cue_at(text, i, list).is_some() && !inside_look_alike(text, i))
}

/// Whether the words at `start..end` are denied or dismissed (for an ordinary key point).
pub fn denied(text: &Folded, start: usize, end: usize) -> bool {
    let (plain, condition) = denials_before(text, start);
    if plain {
        return true;
    }
    if condition {
        // 未经审批不得拷贝: a rule that requires the words.
        return !cue_after(text, end, AFTER + 4, &cues().prohibitions);
    }
    let reach = if listed_after(text, end) || listed_before(text, start) {
        AFTER + ACROSS_LIST
    } else {
        AFTER
    };
    cue_after(text, end, reach, &cues().after)
}

/// Whether the words at `start..end` are forbidden or denied (for a prohibition point): a
/// denial or prohibition earlier in the same sentence, a denial or prohibition later in the
/// same clause (手机、相机也不能接; 个人电脑和U盘不带进去), or a dismissal just after.
pub fn forbidden(text: &Folded, start: usize, end: usize) -> bool {
    let Some(unit) = text.units.get(start) else {
        return false;
    };
    let earlier = (0..start)
        .rev()
        .take_while(|&s| text.units[s].sentence == unit.sentence)
        .any(|s| {
            (cue_at(text, s, &cues().before).is_some()
                || cue_at(text, s, &cues().prohibitions).is_some())
                && !inside_look_alike(text, s)
        });
    let clause_end = text.units[start..]
        .iter()
        .position(|u| u.clause != unit.clause)
        .map_or(text.len(), |n| start + n);
    let reach = clause_end.saturating_sub(end).max(AFTER);
    earlier
        || cue_after(text, end, reach, &cues().prohibitions)
        || cue_after(text, end, reach, &cues().before)
        || cue_after(text, end, AFTER, &cues().after)
}

/// Whether `text[at]` is a character that may not sit inside the gap of a `…` pair (a denial
/// between the parts changes their meaning).
pub fn blocks_gap(c: char) -> bool {
    matches!(c, '不' | '没' | '未' | '别' | '无')
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn find(text: &Folded, word: &str) -> (usize, usize) {
        let w = fold_word(word);
        let at = (0..text.len())
            .find(|&i| text.has_at(i, &w))
            .unwrap_or_else(|| panic!("{word} not in {}", text.text()));
        (at, at + w.len())
    }

    fn is_denied(answer: &str, word: &str) -> bool {
        let text = fold(answer);
        let (s, e) = find(&text, word);
        denied(&text, s, e)
    }

    fn is_forbidden(answer: &str, word: &str) -> bool {
        let text = fold(answer);
        let (s, e) = find(&text, word);
        forbidden(&text, s, e)
    }

    #[test]
    fn a_denial_or_dismissal_before_the_words_negates_them() {
        assert!(is_denied("我没签过保密承诺书", "承诺书"));
        assert!(is_denied("也不太清楚授权范围", "授权"));
        assert!(is_denied("发现问题一般不报告", "报告"));
        assert!(is_denied("我觉得没必要断开网络", "断开"));
        assert!(is_denied("来不及保护现场", "现场"));
    }

    #[test]
    fn a_dismissal_just_after_the_words_negates_them() {
        assert!(is_denied("培训和检查我都没参加过", "培训"));
        assert!(is_denied("培训和检查我都没参加过", "检查"));
    }

    #[test]
    fn a_denial_reaches_every_item_of_a_list_before_or_after_it() {
        let fronted = "保密培训和保密检查我都没参加过";
        assert!(is_denied(fronted, "保密培训"));
        assert!(is_denied(fronted, "保密检查"));
        let listed = "我没参加过保密培训、保密检查和保密考试";
        assert!(is_denied(listed, "保密检查"));
        assert!(is_denied(listed, "保密考试"));
        assert!(is_denied("承诺书、保密协议、责任书一样都没签", "承诺书"));
    }

    #[test]
    fn a_list_does_not_carry_a_denial_into_another_clause_or_past_a_breaker() {
        assert!(!is_denied("没问题的培训和检查都参加", "检查"));
        assert!(!is_denied("保密培训和保密检查，一次都没落下", "保密培训"));
        assert!(!is_denied(
            "没带手机，然后参加保密培训和保密检查",
            "保密检查"
        ));
        assert!(!is_denied("保密培训和保密检查从来没落下", "保密培训"));
    }

    #[test]
    fn denials_in_another_clause_or_beyond_a_breaker_do_not_reach() {
        assert!(!is_denied("东西一概不动，马上报告保密员", "报告"));
        assert!(!is_denied("确认没问题后关闭工单", "工单"));
        assert!(!is_denied("不管什么情况都先报告", "报告"));
        assert!(!is_denied("不定期抽查记录", "抽查"));
        assert!(!is_denied("不是等确认，而是马上报告", "报告"));
    }

    #[test]
    fn a_condition_with_a_prohibition_after_is_a_rule_that_affirms_the_words() {
        assert!(!is_denied("未经审批不得拷贝", "审批"));
        assert!(!is_denied("没有审批不能用U盘", "审批"));
        assert!(is_denied("没有审批", "审批"));
    }

    #[test]
    fn a_prohibition_is_met_by_a_prohibition_before_or_after_the_action() {
        assert!(is_forbidden("自己的U盘绝对不能插", "自己的u盘"));
        assert!(is_forbidden("禁止联网、交叉使用、用无线网卡", "无线"));
        assert!(!is_forbidden("我用自己的U盘拷日志", "自己的u盘"));
        assert!(!is_forbidden("不定期检查。我用个人U盘拷", "个人u盘"));
    }
}
