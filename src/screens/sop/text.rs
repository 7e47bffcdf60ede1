//! Text helpers for the rehearsal screens: times as m:ss, labelled blocks with a hanging
//! indent, and a sparkline with an ASCII fallback. Wrapping is the shared one in `widgets`.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::widgets::wrap::wrap_text as wrap;

/// `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `+m:ss` / `-m:ss`: how far `actual` is from `target`.
pub fn signed_clock(actual: u32, target: u32) -> String {
    if actual >= target {
        format!("+{}", clock(actual - target))
    } else {
        format!("-{}", clock(target - actual))
    }
}

/// A block of text under a label: the label in the first `label_w` columns of the first row,
/// the text wrapped beside it with the following rows indented to match.
pub fn labelled<'a>(
    label: &str,
    text: &str,
    width: usize,
    label_w: usize,
    label_style: Style,
    text_style: Style,
) -> Vec<Line<'a>> {
    let rows = wrap(text, width.saturating_sub(label_w).max(4));
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let head = if i == 0 {
                super::pad(label, label_w)
            } else {
                " ".repeat(label_w)
            };
            Line::from(vec![
                Span::styled(head, label_style),
                Span::styled(row, text_style),
            ])
        })
        .collect()
}

/// One character per value, taller for larger values, scaled between the smallest and the
/// largest value so small improvements still show.
pub fn sparkline(values: &[u32], ascii: bool) -> String {
    const FANCY: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const PLAIN: [char; 8] = ['_', '.', ',', '-', '~', '=', '*', '#'];
    let levels = if ascii { PLAIN } else { FANCY };
    let (Some(&min), Some(&max)) = (values.iter().min(), values.iter().max()) else {
        return String::new();
    };
    values
        .iter()
        .map(|&v| {
            if max == min {
                levels[3]
            } else {
                let step = u64::from(v - min) * 6 / u64::from(max - min);
                levels[1 + usize::try_from(step).unwrap_or(6).min(6)]
            }
        })
        .collect()
}

/// `text` with a space between characters, when that fits in `width`; else `text` itself.
pub fn letter_spaced(text: &str, width: usize) -> String {
    let spaced: String = text
        .chars()
        .enumerate()
        .flat_map(|(i, c)| (i > 0).then_some(' ').into_iter().chain(Some(c)))
        .collect();
    if spaced.width() <= width {
        spaced
    } else {
        text.to_owned()
    }
}

/// `text` right-aligned in `width` display columns (never cut).
pub fn rjust(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` centred in `width` columns (cut with an ellipsis when too long).
pub fn centred(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        return super::pad(text, width);
    }
    let left = (width - w) / 2;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(width - w - left))
}

/// The say-script split into sentences for reading aloud: at line ends and after 。！？.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for c in line.trim().chars() {
            current.push(c);
            if "。！？".contains(c) {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.trim().is_empty() {
            out.push(current);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shows_minutes_and_seconds_and_hours_when_needed() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(75), "1:15");
        assert_eq!(clock(3_725), "1:02:05");
        assert_eq!(signed_clock(100, 90), "+0:10");
        assert_eq!(signed_clock(80, 90), "-0:10");
    }

    #[test]
    fn the_sparkline_goes_down_as_times_fall_and_has_an_ascii_form() {
        assert_eq!(sparkline(&[900, 800, 700], false), "█▅▂");
        assert_eq!(sparkline(&[900, 800, 700], true), "#~.");
        assert_eq!(sparkline(&[500, 500], false), "▄▄");
        assert_eq!(sparkline(&[], false), "");
    }

    #[test]
    fn sentences_split_after_full_stops_and_at_line_ends() {
        assert_eq!(
            sentences("先开工单。再动手！\n谁都不能自己说了算"),
            vec!["先开工单。", "再动手！", "谁都不能自己说了算"]
        );
    }

    #[test]
    fn a_title_is_letter_spaced_only_when_it_fits() {
        assert_eq!(letter_spaced("开工单", 20), "开 工 单");
        assert_eq!(letter_spaced("开工单", 7), "开工单");
    }
}
