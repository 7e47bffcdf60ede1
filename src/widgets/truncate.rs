//! Cutting text to a number of display columns, with "…" wherever something was cut.
//!
//! Widths are display widths (a Chinese character is two columns) measured per grapheme, so a
//! cut never splits a character or a cluster, and a wide character that would straddle the
//! edge goes whole: "欧阳晓东" in 6 columns is "欧阳…", never "欧阳晓" with the cut unseen.

use std::borrow::Cow;

use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What marks a cut. One column wide; `--ascii` draws it as `~` (see `tui::glyphs`).
pub const ELLIPSIS: &str = "…";

/// `text` if it fits in `width` columns, else its longest start that fits in `width - 1`
/// columns followed by "…". A line break counts as the end of the text shown.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    let first_line = text.split('\n').next().unwrap_or_default();
    if first_line.len() == text.len() && text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    if first_line.width() <= width.saturating_sub(1) {
        return Cow::Owned(format!("{first_line}{ELLIPSIS}"));
    }
    let mut out = String::new();
    let mut used = 0usize;
    for g in first_line.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ELLIPSIS);
    Cow::Owned(out)
}

/// `text` cut as by [`truncate`] and padded with spaces to exactly `width` columns, for
/// table cells.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let gap = width.saturating_sub(cut.width());
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', gap));
    out
}

/// A styled line cut to `width` columns, "…" (in the style of the span it cut) when cut.
pub fn truncate_line(line: &Line, width: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| s.content.width()).sum();
    let mut spans: Vec<Span<'static>> = Vec::new();
    if total <= width {
        spans.extend(
            line.spans
                .iter()
                .map(|s| Span::styled(s.content.to_string(), s.style)),
        );
    } else if width > 0 {
        let budget = width - 1;
        let mut used = 0usize;
        let mut cut_style = line.spans.first().map(|s| s.style).unwrap_or_default();
        'spans: for span in &line.spans {
            cut_style = span.style;
            let mut kept = String::new();
            for g in span.content.graphemes(true) {
                let w = g.width();
                if used + w > budget {
                    spans.push(Span::styled(kept, span.style));
                    break 'spans;
                }
                used += w;
                kept.push_str(g);
            }
            spans.push(Span::styled(kept, span.style));
        }
        spans.push(Span::styled(ELLIPSIS, cut_style));
    }
    let mut out = Line::from(spans).style(line.style);
    out.alignment = line.alignment;
    out
}

#[cfg(test)]
mod tests {
    use ratatui::style::Style;

    use super::*;

    #[test]
    fn text_that_fits_is_left_alone() {
        assert_eq!(truncate("张伟", 4), "张伟");
        assert_eq!(truncate("abc", 3), "abc");
        assert!(matches!(truncate("abc", 5), Cow::Borrowed(_)));
    }

    #[test]
    fn a_cut_always_shows_an_ellipsis_even_at_a_wide_character() {
        assert_eq!(truncate("欧阳晓东", 6), "欧阳…");
        assert_eq!(truncate("欧阳晓东", 7), "欧阳晓…");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("欧阳晓东", 1), "…");
        assert_eq!(truncate("欧阳晓东", 0), "");
    }

    #[test]
    fn the_result_never_exceeds_the_width() {
        for width in 0..12 {
            for text in [
                "欧阳晓东",
                "a欧b阳c",
                "e\u{301}e\u{301}e\u{301}",
                "👩‍🔬 工程师",
            ] {
                assert!(truncate(text, width).width() <= width, "{text} in {width}");
                assert_eq!(fit(text, width).width(), width, "{text} in {width}");
            }
        }
    }

    #[test]
    fn a_cut_never_splits_a_grapheme_cluster() {
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }

    #[test]
    fn only_the_first_line_of_several_is_shown_and_the_rest_marked() {
        assert_eq!(truncate("第一行\n第二行", 20), "第一行…");
    }

    #[test]
    fn fit_pads_to_the_width() {
        assert_eq!(fit("张伟", 6), "张伟  ");
        assert_eq!(fit("欧阳晓东", 6), "欧阳… ");
    }

    #[test]
    fn a_styled_line_is_cut_in_the_span_that_crosses_the_edge() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::styled("负责人：", bold), Span::raw("欧阳晓东")]);
        let cut = truncate_line(&line, 13);
        assert_eq!(cut.to_string(), "负责人：欧阳…");
        assert_eq!(cut.spans[0].style, bold);
        let cut = truncate_line(&line, 8);
        assert_eq!(cut.to_string(), "负责人…");
        assert_eq!(truncate_line(&line, 16).to_string(), "负责人：欧阳晓东");
    }
}
