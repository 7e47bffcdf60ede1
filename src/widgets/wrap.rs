//! Wrapping styled lines for Chinese text: a row may break between any two CJK characters,
//! while a run of Latin letters or digits moves to the next row whole when it fits there.
//!
//! ratatui's own wrapping breaks only at spaces, so a long Chinese sentence after "1. " jumps
//! to its own row; this keeps "1. 立即收缴…" together. It also keeps closing punctuation
//! (，。、；：！？ and closing brackets and quotes) off the start of a row, as Chinese
//! typesetting does: the character before it moves down with it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn is_word(grapheme: &str) -> bool {
    grapheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

/// Punctuation that may not start a row (避头点); the text input's soft wrap follows it too.
pub(crate) fn is_no_start(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "，" | "。"
            | "、"
            | "；"
            | "："
            | "！"
            | "？"
            | "）"
            | "」"
            | "』"
            | "》"
            | "〉"
            | "】"
            | "”"
            | "’"
            | "…"
            | ","
            | "."
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "]"
            | "}"
            | "%"
            | "〕"
            | "］"
            | "｝"
            | "％"
    )
}

/// One row being filled: styled pieces and their display width.
#[derive(Default)]
struct Row {
    pieces: Vec<(Style, String)>,
    width: usize,
}

impl Row {
    fn push(&mut self, style: Style, grapheme: &str, width: usize) {
        match self.pieces.last_mut() {
            Some((s, text)) if *s == style => text.push_str(grapheme),
            _ => self.pieces.push((style, grapheme.to_owned())),
        }
        self.width += width;
    }

    /// Removes the Latin word at the end of the row, unless it is the whole row.
    fn take_trailing_word(&mut self) -> Vec<(Style, String)> {
        let mut taken: Vec<(Style, String)> = Vec::new();
        let mut graphemes: Vec<(Style, String)> = Vec::new();
        for (style, text) in &self.pieces {
            for g in text.graphemes(true) {
                graphemes.push((*style, g.to_owned()));
            }
        }
        let keep = graphemes
            .iter()
            .rposition(|(_, g)| !is_word(g))
            .map_or(0, |i| i + 1);
        if keep == 0 {
            return taken;
        }
        for (style, g) in graphemes.drain(keep..) {
            taken.push((style, g));
        }
        self.pieces.clear();
        self.width = 0;
        for (style, g) in graphemes {
            let w = g.width();
            self.push(style, &g, w);
        }
        taken
    }

    /// Removes the last grapheme of the row, unless it is the only one.
    fn take_last(&mut self) -> Option<(Style, String)> {
        let count: usize = self
            .pieces
            .iter()
            .map(|(_, t)| t.graphemes(true).count())
            .sum();
        if count < 2 {
            return None;
        }
        let (style, text) = self.pieces.last_mut()?;
        let style = *style;
        let (at, last) = text.grapheme_indices(true).next_back()?;
        let last = last.to_owned();
        text.truncate(at);
        if text.is_empty() {
            self.pieces.pop();
        }
        self.width -= last.width();
        Some((style, last))
    }

    fn into_line(self, style: Style) -> Line<'static> {
        Line::from(
            self.pieces
                .into_iter()
                .map(|(s, t)| Span::styled(t, s))
                .collect::<Vec<_>>(),
        )
        .style(style)
    }
}

/// Wraps one line to `width` columns.
pub fn wrap_line(line: &Line, width: usize) -> Vec<Line<'static>> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut row = Row::default();
    for span in &line.spans {
        let style = span.style;
        for g in span.content.graphemes(true) {
            let w = g.width();
            if row.width + w > width {
                let carry = if is_word(g) {
                    row.take_trailing_word()
                } else if is_no_start(g) {
                    row.take_last().into_iter().collect()
                } else {
                    Vec::new()
                };
                rows.push(std::mem::take(&mut row).into_line(line.style));
                for (s, c) in carry {
                    let cw = c.width();
                    row.push(s, &c, cw);
                }
                if g == " " {
                    continue;
                }
            }
            row.push(style, g, w);
        }
    }
    rows.push(row.into_line(line.style));
    rows
}

/// Wraps one line like [`wrap_line`], each continuation row indented as far as the line's
/// leading spaces: a line padded by one column stays padded when it wraps.
pub fn wrap_hanging(line: &Line, width: usize) -> Vec<Line<'static>> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let lead = text.len() - text.trim_start_matches(' ').len();
    if lead == 0 || lead + 2 > width {
        return wrap_line(line, width);
    }
    let mut rest = lead;
    let spans: Vec<Span<'static>> = line
        .spans
        .iter()
        .filter_map(|span| {
            let content = span.content.as_ref();
            let skip = rest.min(content.len() - content.trim_start_matches(' ').len());
            rest -= skip;
            let kept = &content[skip..];
            (!kept.is_empty()).then(|| Span::styled(kept.to_owned(), span.style))
        })
        .collect();
    wrap_line(&Line::from(spans).style(line.style), width - lead)
        .into_iter()
        .map(|row| {
            let style = row.style;
            let mut spans = vec![Span::raw(" ".repeat(lead))];
            spans.extend(row.spans);
            Line::from(spans).style(style)
        })
        .collect()
}

/// Wraps every line to `width` columns; a line's wrapped rows keep its leading spaces
/// ([`wrap_hanging`]), so padded text stays padded.
pub fn wrap_lines(lines: &[Line], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| wrap_hanging(l, usize::from(width)))
        .collect()
}

/// Wraps plain text to `width` columns by the same rules, each line of the text starting a
/// new row (trailing blank lines dropped).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    text.trim_end()
        .lines()
        .flat_map(|line| wrap_line(&Line::from(line.trim_end()), width))
        .map(|row| row.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn chinese_breaks_between_any_two_characters() {
        let rows = wrap_line(&Line::from("1. 立即收缴涉事U盘"), 10);
        assert_eq!(texts(&rows), vec!["1. 立即收", "缴涉事U盘"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_row() {
        let rows = wrap_line(&Line::from("立即收缴，上报"), 8);
        assert_eq!(texts(&rows), vec!["立即收", "缴，上报"]);
        let rows = wrap_line(&Line::from("备齐材料。下一步"), 8);
        assert_eq!(texts(&rows), vec!["备齐材", "料。下一", "步"]);
        // A row of one character keeps it: the punctuation then has to start the next.
        let rows = wrap_line(&Line::from("甲。"), 2);
        assert_eq!(texts(&rows), vec!["甲", "。"]);
    }

    #[test]
    fn a_latin_word_moves_to_the_next_row_whole() {
        let rows = wrap_line(&Line::from("使用 SolarWinds 监控"), 12);
        assert_eq!(texts(&rows), vec!["使用 ", "SolarWinds ", "监控"]);
    }

    #[test]
    fn a_word_longer_than_the_row_is_cut() {
        let rows = wrap_line(&Line::from("abcdefgh"), 4);
        assert_eq!(texts(&rows), vec!["abcd", "efgh"]);
    }

    #[test]
    fn styles_survive_the_break() {
        let line = Line::from(vec![
            Span::styled("证据：", Style::new().bold()),
            Span::raw("外设审批单"),
        ]);
        let rows = wrap_line(&line, 8);
        assert_eq!(texts(&rows), vec!["证据：外", "设审批单"]);
        assert_eq!(rows[0].spans[0].style, Style::new().bold());
    }

    #[test]
    fn a_padded_line_keeps_its_padding_on_every_row() {
        let line = Line::from(vec![
            Span::raw(" "),
            Span::styled(
                "Nothing overdue. Press d to set a due date.",
                Style::new().bold(),
            ),
        ]);
        let rows = wrap_hanging(&line, 20);
        assert_eq!(
            texts(&rows),
            vec![" Nothing overdue. ", " Press d to set a ", " due date."]
        );
        assert!(rows.iter().all(|r| r.width() <= 20), "{rows:?}");
        assert_eq!(rows[1].spans[1].style, Style::new().bold());
        // Without padding it is the plain wrap.
        assert_eq!(
            wrap_hanging(&Line::from("立即收缴，上报"), 8),
            wrap_line(&Line::from("立即收缴，上报"), 8)
        );
    }

    #[test]
    fn an_empty_line_stays_one_row() {
        assert_eq!(wrap_line(&Line::from(""), 10).len(), 1);
    }

    #[test]
    fn plain_text_never_splits_a_wide_character_or_exceeds_the_width() {
        let text = "涉密网和互联网是物理断开的，补丁不可能直接下载进来。";
        let rows = wrap_text(text, 10);
        assert!(rows.iter().all(|r| r.width() <= 10), "{rows:?}");
        assert_eq!(rows.concat(), text);
        assert_eq!(
            wrap_text("一二三四五，六七", 10),
            vec!["一二三四", "五，六七"]
        );
        assert_eq!(
            wrap_text("执行 sha256sum 命令", 11),
            vec!["执行 ", "sha256sum ", "命令"]
        );
    }

    #[test]
    fn lines_of_plain_text_stay_lines() {
        assert_eq!(
            wrap_text("第一行\n\n第二行\n", 20),
            vec!["第一行", "", "第二行"]
        );
    }
}
