//! Which cell symbols move the terminal cursor by a width that every terminal agrees on.
//!
//! A symbol is *width-stable* when it is one `char` that is either printable ASCII (width 1),
//! one of the [trusted border glyphs](is_trusted_border_glyph) (width 1, only when the caller
//! opts in), or a non-emoji East Asian Wide/Fullwidth character from the CJK ranges listed in
//! [`is_stable_wide`] (width 2). Everything else (emoji, East Asian Ambiguous symbols such as
//! `①○×—…·`, arrows and triangles, Latin letters with diacritics, grapheme clusters, combining
//! marks, ZWJ sequences, empty symbols) is *unstable*: terminals disagree on its width, so the
//! backend forgets where the cursor is after writing it and moves explicitly before the next cell.

use unicode_width::UnicodeWidthChar;

/// Returns the number of columns the terminal cursor advances after printing `symbol`, or `None`
/// when terminals may disagree about it.
///
/// `trust_border_glyphs` opts the [trusted border glyphs](is_trusted_border_glyph) in as width 1.
pub fn stable_width(symbol: &str, trust_border_glyphs: bool) -> Option<u16> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let narrow = c == ' ' || c.is_ascii_graphic();
    if narrow || (trust_border_glyphs && is_trusted_border_glyph(c)) {
        Some(1)
    } else if is_stable_wide(c) {
        Some(2)
    } else {
        None
    }
}

/// The box-drawing (U+2500–U+257F) and block-element (U+2580–U+259F) glyphs that ratatui's symbol
/// sets draw borders, lines, gauges, bars, shades and half blocks with.
///
/// That is the whole of both blocks except the three diagonals `╱╲╳` (U+2571–U+2573), which no
/// ratatui symbol set uses. Most of these are East Asian Ambiguous, so a terminal set to draw
/// ambiguous characters wide (a common CJK setting) draws them two columns wide. They are trusted
/// anyway, when the backend is told to, because:
///
/// - ratatui's stock backend already relies on them being one column wide: it never moves the
///   cursor between horizontally adjacent cells, so a run like `┌────┐` is written without moves;
/// - in a terminal that draws them wide, explicit moves cannot save a border: each glyph's right
///   half is overwritten by the next glyph, so the border is broken either way;
/// - the tests check every glyph of this list against the vt100 emulator (one column, cursor
///   advances by one) and check that every ratatui border, line, block, bar, shade and half-block
///   symbol is in this list.
pub const fn is_trusted_border_glyph(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{2570}' | '\u{2574}'..='\u{259F}')
}

/// Whether `c` is a non-emoji East Asian Wide/Fullwidth character of the CJK ranges: CJK
/// radicals, punctuation (`、。「」《》` U+3000–U+303F), kana, ideographs (U+2E80–U+9FFF), Hangul
/// syllables (U+AC00–U+D7A3), compatibility ideographs (U+F900–U+FAFF), fullwidth forms
/// (`，：（）！` U+FF01–U+FF60, U+FFE0–U+FFE6) and the supplementary ideograph planes
/// (U+20000–U+3FFFD), and unicode-width gives it width 2.
///
/// The width check drops the narrow, zero-width and East Asian Ambiguous characters inside these
/// ranges (combining kana marks, circled numbers on black squares); emoji and characters whose
/// width changed in recent Unicode versions are left out by name.
pub fn is_stable_wide(c: char) -> bool {
    let in_cjk_ranges = matches!(
        c,
        '\u{2E80}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
            | '\u{20000}'..='\u{3FFFD}'
    );
    in_cjk_ranges && !is_emoji_in_cjk_ranges(c) && !is_recently_widened(c) && c.width() == Some(2)
}

/// Characters of the CJK ranges that unicode-width calls wide but older width tables, which many
/// terminals still use, do not: the Yijing hexagrams `䷀…䷿` (U+4DC0–U+4DFF, narrow until Unicode
/// 16) and the ideographic description characters and CJK strokes added in Unicode 15.1 and 16
/// (U+2FFC–U+2FFF, U+31E4–U+31EF).
const fn is_recently_widened(c: char) -> bool {
    matches!(c, '\u{4DC0}'..='\u{4DFF}' | '\u{2FFC}'..='\u{2FFF}' | '\u{31E4}'..='\u{31EF}')
}

/// The characters with the Unicode `Emoji` property inside the CJK ranges: `〰 〽 ㊗ ㊙`. A
/// terminal may draw them as colour emoji with its own idea of their width.
const fn is_emoji_in_cjk_ranges(c: char) -> bool {
    matches!(c, '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

#[cfg(test)]
mod tests {
    use ratatui::symbols;

    use super::*;

    /// Prints `symbol` at the top-left of a fresh vt100 screen and returns the column the cursor
    /// ends on and whether the first cell holds a wide character.
    fn vt100_advance(symbol: &str) -> (u16, bool) {
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(symbol.as_bytes());
        let screen = parser.screen();
        let wide = screen.cell(0, 0).is_some_and(vt100::Cell::is_wide);
        (screen.cursor_position().1, wide)
    }

    fn trusted_glyphs() -> impl Iterator<Item = char> {
        ('\u{2500}'..='\u{259F}').filter(|c| is_trusted_border_glyph(*c))
    }

    #[test]
    fn printable_ascii_is_one_column_wide() {
        for c in ' '..='~' {
            assert_eq!(stable_width(&c.to_string(), false), Some(1), "{c:?}");
        }
    }

    #[test]
    fn ascii_control_characters_are_unstable() {
        assert_eq!(stable_width("\t", true), None);
        assert_eq!(stable_width("\u{7f}", true), None);
    }

    #[test]
    fn chinese_kana_hangul_and_fullwidth_punctuation_are_two_columns_wide() {
        for s in [
            "中",
            "文",
            "龘",
            "、",
            "。",
            "「",
            "」",
            "《",
            "》",
            "\u{3000}",
            "あ",
            "ア",
            "한",
            "，",
            "：",
            "（",
            "）",
            "！",
            "？",
            "％",
            "￥",
            "\u{20000}",
            "\u{2A6D6}",
            "豈",
        ] {
            assert_eq!(stable_width(s, false), Some(2), "{s:?}");
        }
    }

    #[test]
    fn emoji_ambiguous_symbols_and_clusters_are_unstable() {
        for s in [
            "😀",
            "🎉",
            "✅",
            "❤",
            "❤\u{fe0f}",
            "👨\u{200d}👩\u{200d}👧",
            "①",
            "②",
            "○",
            "×",
            "—",
            "…",
            "·",
            "•",
            "→",
            "▶",
            "◄",
            "▲",
            "é",
            "e\u{301}",
            "ｶ",
            "ｶﾞ",
            "〰",
            "〽",
            "㊗",
            "㊙",
            "\u{4DC0}",
            "\u{4DFF}",
            "\u{2FFC}",
            "\u{31E4}",
            "\u{3099}",
            "\u{3248}",
            "",
            "ab",
        ] {
            assert_eq!(stable_width(s, true), None, "{s:?}");
        }
    }

    #[test]
    fn box_drawing_and_block_elements_are_unstable_unless_trusted() {
        for c in '\u{2500}'..='\u{259F}' {
            assert_eq!(stable_width(&c.to_string(), false), None, "{c:?}");
        }
        assert_eq!(stable_width("╱", true), None);
        assert_eq!(stable_width("╳", true), None);
        assert_eq!(stable_width("─", true), Some(1));
        assert_eq!(stable_width("█", true), Some(1));
    }

    #[test]
    fn every_stable_symbol_agrees_with_unicode_width_and_vt100() {
        let samples = (' '..='~')
            .chain(trusted_glyphs())
            .chain('\u{2E80}'..='\u{9FFF}')
            .chain('\u{AC00}'..='\u{D7A3}')
            .chain('\u{F900}'..='\u{FAFF}')
            .chain('\u{FF01}'..='\u{FFEF}')
            .chain(('\u{20000}'..='\u{3FFFD}').step_by(97));
        let mut checked = 0;
        for c in samples {
            let s = c.to_string();
            let Some(width) = stable_width(&s, true) else {
                continue;
            };
            assert_eq!(c.width(), Some(usize::from(width)), "{c:?}");
            assert_eq!(vt100_advance(&s), (width, width == 2), "{c:?}");
            checked += 1;
        }
        assert!(checked > 30_000, "only {checked} symbols checked");
    }

    #[test]
    fn every_trusted_border_glyph_is_one_column_wide_in_vt100() {
        let mut count = 0;
        for c in trusted_glyphs() {
            assert_eq!(vt100_advance(&c.to_string()), (1, false), "{c:?}");
            assert_eq!(c.width(), Some(1), "{c:?}");
            count += 1;
        }
        assert_eq!(count, 157);
    }

    #[test]
    fn every_ratatui_border_line_gauge_and_bar_symbol_is_a_trusted_glyph() {
        let borders = [
            symbols::border::PLAIN,
            symbols::border::ROUNDED,
            symbols::border::DOUBLE,
            symbols::border::THICK,
            symbols::border::QUADRANT_INSIDE,
            symbols::border::QUADRANT_OUTSIDE,
            symbols::border::ONE_EIGHTH_WIDE,
            symbols::border::ONE_EIGHTH_TALL,
            symbols::border::PROPORTIONAL_WIDE,
            symbols::border::PROPORTIONAL_TALL,
            symbols::border::FULL,
            symbols::border::LIGHT_DOUBLE_DASHED,
            symbols::border::HEAVY_DOUBLE_DASHED,
            symbols::border::LIGHT_TRIPLE_DASHED,
            symbols::border::HEAVY_TRIPLE_DASHED,
            symbols::border::LIGHT_QUADRUPLE_DASHED,
            symbols::border::HEAVY_QUADRUPLE_DASHED,
        ];
        let mut symbols_seen: Vec<&str> = Vec::new();
        for set in borders {
            symbols_seen.extend([
                set.top_left,
                set.top_right,
                set.bottom_left,
                set.bottom_right,
                set.vertical_left,
                set.vertical_right,
                set.horizontal_top,
                set.horizontal_bottom,
            ]);
        }
        for set in [
            symbols::line::NORMAL,
            symbols::line::ROUNDED,
            symbols::line::DOUBLE,
            symbols::line::THICK,
            symbols::line::LIGHT_DOUBLE_DASHED,
            symbols::line::HEAVY_DOUBLE_DASHED,
            symbols::line::LIGHT_TRIPLE_DASHED,
            symbols::line::HEAVY_TRIPLE_DASHED,
            symbols::line::LIGHT_QUADRUPLE_DASHED,
            symbols::line::HEAVY_QUADRUPLE_DASHED,
        ] {
            symbols_seen.extend([
                set.vertical,
                set.horizontal,
                set.top_right,
                set.top_left,
                set.bottom_right,
                set.bottom_left,
                set.vertical_left,
                set.vertical_right,
                set.horizontal_down,
                set.horizontal_up,
                set.cross,
            ]);
        }
        for set in [symbols::block::NINE_LEVELS, symbols::block::THREE_LEVELS] {
            symbols_seen.extend([
                set.full,
                set.seven_eighths,
                set.three_quarters,
                set.five_eighths,
                set.half,
                set.three_eighths,
                set.one_quarter,
                set.one_eighth,
            ]);
        }
        for set in [symbols::bar::NINE_LEVELS, symbols::bar::THREE_LEVELS] {
            symbols_seen.extend([
                set.full,
                set.seven_eighths,
                set.three_quarters,
                set.five_eighths,
                set.half,
                set.three_eighths,
                set.one_quarter,
                set.one_eighth,
            ]);
        }
        symbols_seen.extend([
            symbols::shade::LIGHT,
            symbols::shade::MEDIUM,
            symbols::shade::DARK,
        ]);
        let half_blocks = [
            symbols::half_block::UPPER,
            symbols::half_block::LOWER,
            symbols::half_block::FULL,
        ]
        .map(String::from);
        symbols_seen.extend(half_blocks.iter().map(String::as_str));
        for s in symbols_seen {
            if s == " " {
                continue;
            }
            assert_eq!(stable_width(s, true), Some(1), "{s:?}");
        }
    }
}
