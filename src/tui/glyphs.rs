//! Which symbols reach the terminal: all of them, only ASCII beside Chinese text (`--ascii`),
//! or none whose width terminals disagree on (the default). `ZIZHI_AMBIGUOUS` picks how East
//! Asian Ambiguous symbols are handled:
//!
//! - unset (or `ascii`): replaced by ASCII stand-ins of the same width, so every terminal draws
//!   the rows alike;
//! - `narrow`: drawn as they are, for a terminal known to draw them one column wide;
//! - `wide`: drawn and measured as two columns, as Xshell and SecureCRT in Chinese setups draw
//!   them ([`crate::widgets::ambiguous::widen`] runs over each frame, see [`Theme`]); borders
//!   and bars stay ASCII, as runs of line symbols cannot be two columns each.
//!
//! The substitution is made cell by cell as the frame is written (see
//! `FrugalBackend::with_glyphs`), after layout: each symbol is replaced by ASCII of the same
//! number of columns, so nothing moves and no screen, text or user note can slip a symbol
//! through. Chinese characters and full-width punctuation (width 2 in every terminal) stay.
//!
//! East Asian Ambiguous symbols (`○ ● ■ □ ✓ ★ ← → … — ·`, box drawing, curly quotes) are one
//! column in most terminals but two in Xshell and SecureCRT set up for Chinese, which then
//! push the rest of the row right. ratatui lays them out as one column and cannot be told
//! otherwise, so by default they are replaced rather than measured double: the default UI
//! never relies on them being narrow. `ZIZHI_AMBIGUOUS=narrow` draws them as they are.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use super::frugal_backend::is_stable_wide;
pub use crate::widgets::ambiguous::{ascii_stand_in, is_ambiguous};

#[cfg(doc)]
use crate::theme::Theme;

/// What the backend lets through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Glyphs {
    /// `ZIZHI_AMBIGUOUS=narrow`: every symbol as the screens drew it.
    Unicode,
    /// `ZIZHI_AMBIGUOUS=wide`: every symbol as the frame holds it after
    /// [`widen`](crate::widgets::ambiguous::widen) gave the ambiguous ones two columns (or
    /// stand-ins where there was no room).
    Wide,
    /// `--ascii`: printable ASCII, plus Chinese characters and full-width punctuation.
    Ascii,
    /// The default: every East Asian Ambiguous symbol replaced by ASCII, so Xshell and
    /// SecureCRT in Chinese setups draw the rows right.
    #[default]
    AmbiguousWide,
}

impl Glyphs {
    /// From `--ascii` and the value of `ZIZHI_AMBIGUOUS` (`narrow`, `wide`, or anything
    /// else for the default stand-ins). `--ascii` wins: it already leaves no ambiguous symbol.
    pub fn choose(ascii: bool, ambiguous: Option<&str>) -> Self {
        let is = |word: &str| ambiguous.is_some_and(|v| v.trim().eq_ignore_ascii_case(word));
        if ascii {
            Glyphs::Ascii
        } else if is("narrow") {
            Glyphs::Unicode
        } else if is("wide") {
            Glyphs::Wide
        } else {
            Glyphs::AmbiguousWide
        }
    }

    /// The symbol to write for a cell holding `symbol`, or `None` to write it as it is.
    pub fn substitute(self, symbol: &str) -> Option<Cow<'static, str>> {
        let keep = |c: char| match self {
            Glyphs::Unicode | Glyphs::Wide => true,
            Glyphs::Ascii => c == ' ' || c.is_ascii_graphic() || is_stable_wide(c),
            Glyphs::AmbiguousWide => !is_ambiguous(c),
        };
        if symbol.chars().all(keep) {
            return None;
        }
        let width = symbol.width();
        let first = symbol.chars().find(|c| !keep(*c)).unwrap_or(' ');
        let stand_in = ascii_stand_in(first);
        Some(match width {
            0 | 1 => Cow::Borrowed(stand_in),
            w => Cow::Owned(format!("{stand_in}{}", " ".repeat(w - 1))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_lets_everything_through() {
        for s in ["─", "★", "…", "张", "a"] {
            assert_eq!(Glyphs::Unicode.substitute(s), None);
        }
    }

    #[test]
    fn ascii_keeps_chinese_and_ascii_and_maps_the_rest_to_one_column() {
        for s in ["张", "，", "。", "（", "a", " ", "~"] {
            assert_eq!(Glyphs::Ascii.substitute(s), None, "{s}");
        }
        for (s, to) in [
            ("─", "-"),
            ("│", "|"),
            ("┌", "+"),
            ("–", "-"),
            ("—", "-"),
            ("·", "|"),
            ("…", "~"),
            ("≥", ">"),
            ("★", "*"),
            ("→", ">"),
            ("✓", "v"),
            ("█", "#"),
            ("░", "."),
            ("“", "\""),
        ] {
            assert_eq!(Glyphs::Ascii.substitute(s).as_deref(), Some(to), "{s}");
        }
    }

    #[test]
    fn a_wide_symbol_becomes_ascii_of_the_same_width() {
        let emoji = Glyphs::Ascii.substitute("👩‍🔬").expect("mapped");
        assert_eq!(emoji.width(), "👩‍🔬".width());
        assert!(emoji.is_ascii());
    }

    #[test]
    fn ambiguous_wide_replaces_only_ambiguous_symbols() {
        for s in [
            "○", "●", "■", "□", "✓", "★", "←", "→", "…", "—", "·", "─", "“",
        ] {
            let to = Glyphs::AmbiguousWide.substitute(s).expect(s);
            assert!(to.is_ascii() && to.width() == 1, "{s} → {to}");
        }
        for s in ["张", "，", "a"] {
            assert_eq!(Glyphs::AmbiguousWide.substitute(s), None, "{s}");
        }
    }

    #[test]
    fn ascii_wins_narrow_lets_ambiguous_symbols_through_and_wide_measures_them() {
        assert_eq!(Glyphs::choose(true, Some("narrow")), Glyphs::Ascii);
        assert_eq!(Glyphs::choose(false, Some("WIDE")), Glyphs::Wide);
        assert_eq!(Glyphs::choose(true, Some("wide")), Glyphs::Ascii);
        assert_eq!(Glyphs::choose(false, Some("ascii")), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, None), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, Some("")), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, Some("Narrow")), Glyphs::Unicode);
    }
}
