//! Which symbols reach the terminal: all of them, only ASCII beside Chinese text (`--ascii`),
//! or none whose width terminals disagree on (the default; `ZIZHI_AMBIGUOUS=narrow` lets
//! them through for a terminal known to draw them one column wide).
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

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::frugal_backend::is_stable_wide;

/// What the backend lets through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Glyphs {
    /// `ZIZHI_AMBIGUOUS=narrow`: every symbol as the screens drew it.
    Unicode,
    /// `--ascii`: printable ASCII, plus Chinese characters and full-width punctuation.
    Ascii,
    /// The default (and `ZIZHI_AMBIGUOUS=wide`): every East Asian Ambiguous symbol
    /// replaced by ASCII, so Xshell and SecureCRT in Chinese setups draw the rows right.
    #[default]
    AmbiguousWide,
}

impl Glyphs {
    /// From `--ascii` and the value of `ZIZHI_AMBIGUOUS` (`wide`, the default, or
    /// `narrow`). `--ascii` wins: it already leaves no ambiguous symbol.
    pub fn choose(ascii: bool, ambiguous: Option<&str>) -> Self {
        if ascii {
            Glyphs::Ascii
        } else if ambiguous.is_some_and(|v| v.trim().eq_ignore_ascii_case("narrow")) {
            Glyphs::Unicode
        } else {
            Glyphs::AmbiguousWide
        }
    }

    /// The symbol to write for a cell holding `symbol`, or `None` to write it as it is.
    pub fn substitute(self, symbol: &str) -> Option<Cow<'static, str>> {
        let keep = |c: char| match self {
            Glyphs::Unicode => true,
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

/// Whether terminals disagree on the width of `c`: East Asian Ambiguous (one column in most
/// terminals, two in CJK setups), and the check marks and warning sign, which are Neutral by
/// Unicode but drawn two columns wide by the CJK fonts Xshell and SecureCRT fall back to.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk() || matches!(c, '✓' | '✔' | '✗' | '✘' | '⚠')
}

/// One ASCII column standing in for `c`.
pub fn ascii_stand_in(c: char) -> &'static str {
    match c {
        // Lines, corners and bars of box drawing and block elements.
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '═' | '╌' | '╍' => "-",
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '║' | '╎' | '╏' | '▌' | '▐' | '▏' | '▕' => {
            "|"
        }
        '\u{2500}'..='\u{257F}' => "+",
        '█' | '▉' | '▊' | '▋' | '▓' | '▇' | '▆' => "#",
        '▅' | '▄' => "=",
        '▃' | '▒' => "-",
        '▂' | '░' => ".",
        '▁' | '▔' => "_",
        '▀' => "^",
        // Punctuation and symbols that appear in content and labels.
        '–' | '—' | '―' | '‒' | '−' | '·' | '•' | '∙' | '‧' => "-",
        '…' | '⋯' | '≈' => "~",
        '“' | '”' | '″' | '„' => "\"",
        '‘' | '’' | '′' | '‚' => "'",
        '≥' | '→' | '⟶' | '▶' | '▸' | '►' | '»' | '›' => ">",
        '≤' | '←' | '⟵' | '◀' | '◂' | '◄' | '«' | '‹' => "<",
        '↑' | '▲' | '△' | '▴' => "^",
        '↓' | '▼' | '▽' | '▾' => "v",
        '↔' | '⇄' => "=",
        '×' | '✗' | '✘' => "x",
        '÷' => "/",
        '±' => "+",
        '✓' | '✔' | '√' => "v",
        '★' | '☆' | '✦' | '✱' | '✳' | '●' | '◉' | '◆' => "*",
        '○' | '◯' | '◦' | '°' | '◇' => "o",
        '■' | '◼' | '▪' => "#",
        '□' | '◻' | '▫' => "_",
        '⚠' => "!",
        '①' => "1",
        '②' => "2",
        '③' => "3",
        '④' => "4",
        '⑤' => "5",
        '⑥' => "6",
        '⑦' => "7",
        '⑧' => "8",
        '⑨' => "9",
        _ => "?",
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
            ("·", "-"),
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
    fn ascii_wins_and_only_narrow_lets_ambiguous_symbols_through() {
        assert_eq!(Glyphs::choose(true, Some("narrow")), Glyphs::Ascii);
        assert_eq!(Glyphs::choose(false, Some("WIDE")), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, None), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, Some("")), Glyphs::AmbiguousWide);
        assert_eq!(Glyphs::choose(false, Some("Narrow")), Glyphs::Unicode);
    }
}
