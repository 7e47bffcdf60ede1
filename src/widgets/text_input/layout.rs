//! Grapheme measurement and soft wrapping of a [`super::TextInput`]'s lines into visual rows.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// Display width of one grapheme cluster, measured exactly as ratatui's buffer measures it
/// (unicode-width plus ratatui's corrections), so the cursor lands where the text is drawn.
pub(super) fn grapheme_width(grapheme: &str) -> usize {
    usize::from(grapheme.cell_width())
}

/// Number of grapheme clusters in `line`.
pub(super) fn grapheme_count(line: &str) -> usize {
    line.graphemes(true).count()
}

/// Byte offset of grapheme `col` in `line` (the line's length when `col` is at or past the end).
pub(super) fn byte_offset(line: &str, col: usize) -> usize {
    line.grapheme_indices(true)
        .nth(col)
        .map_or(line.len(), |(byte, _)| byte)
}

/// Grapheme index of the boundary at `byte`, or of the next boundary when `byte` falls inside a
/// grapheme (an edit can merge text into a neighbouring cluster, e.g. a combining accent).
pub(super) fn col_at_or_after(line: &str, byte: usize) -> usize {
    line.grapheme_indices(true)
        .take_while(|(start, _)| *start < byte)
        .count()
}

/// One grapheme cluster of a line: where it starts and how many cells it takes.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    byte: usize,
    width: usize,
}

/// One visual (screen) row: graphemes `start..end` of logical line `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct VisualRow {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub bytes: Range<usize>,
    /// The last row of its logical line: the only row where the cursor may sit at `end`.
    pub last: bool,
}

/// All lines wrapped at one width.
///
/// Wrapping rules: a grapheme goes on the current row only if it fits entirely, so a
/// double-width character never straddles the edge; closing punctuation never starts a row
/// (the character before it moves down with it, on rows of 4 cells or more); a row holds at least one grapheme even if
/// that grapheme is wider than the row; a line whose last row is full gets an extra empty row,
/// so the cursor after it is drawn at x = 0 of the next row and never at x = width.
#[derive(Debug)]
pub(super) struct Layout {
    glyphs: Vec<Vec<Glyph>>,
    pub rows: Vec<VisualRow>,
}

impl Layout {
    /// Wraps `lines` at `width` cells (`usize::MAX` for no wrapping; 0 is treated as 1).
    pub fn new(lines: &[String], width: usize) -> Self {
        let width = width.max(1);
        let glyphs: Vec<Vec<Glyph>> = lines
            .iter()
            .map(|line| {
                line.grapheme_indices(true)
                    .map(|(byte, g)| Glyph {
                        byte,
                        width: grapheme_width(g),
                    })
                    .collect()
            })
            .collect();
        let mut rows = Vec::with_capacity(lines.len());
        for (line_idx, (line, line_glyphs)) in lines.iter().zip(&glyphs).enumerate() {
            let byte_at = |col: usize| line_glyphs.get(col).map_or(line.len(), |g| g.byte);
            let mut push = |start: usize, end: usize| {
                rows.push(VisualRow {
                    line: line_idx,
                    start,
                    end,
                    bytes: byte_at(start)..byte_at(end),
                    last: false,
                });
            };
            let mut start = 0;
            let mut x = 0usize;
            let grapheme = |i: usize| &line[byte_at(i)..byte_at(i + 1)];
            for (i, glyph) in line_glyphs.iter().enumerate() {
                // `max(1)`: a zero-width grapheme after a full row starts the next row, so no
                // cursor position inside a row is ever at x = width.
                if i > start && x.saturating_add(glyph.width.max(1)) > width {
                    // Closing punctuation never starts a row (避头点, as the one wrapping of
                    // `widgets::wrap`): the character before it comes down with it.
                    let cut = if width >= 4
                        && i - 1 > start
                        && crate::widgets::wrap::is_no_start(grapheme(i))
                    {
                        i - 1
                    } else {
                        i
                    };
                    push(start, cut);
                    start = cut;
                    x = line_glyphs[cut..i].iter().map(|g| g.width).sum();
                }
                x = x.saturating_add(glyph.width);
            }
            let len = line_glyphs.len();
            push(start, len);
            if x >= width {
                push(len, len);
            }
            if let Some(row) = rows.last_mut() {
                row.last = true;
            }
        }
        Self { glyphs, rows }
    }

    /// Display column of grapheme boundary `col` within visual row `row`.
    fn x_in_row(&self, row: &VisualRow, col: usize) -> usize {
        self.glyphs
            .get(row.line)
            .and_then(|g| g.get(row.start..col.max(row.start)))
            .map_or(0, |glyphs| glyphs.iter().map(|g| g.width).sum())
    }

    /// Visual `(x, row index)` of the cursor at grapheme `col` of logical line `line`.
    pub fn cursor(&self, line: usize, col: usize) -> (usize, usize) {
        let first = self.rows.partition_point(|r| r.line < line);
        let index = self.rows[first..]
            .iter()
            .position(|r| r.line == line && (col < r.end || r.last))
            .map_or(self.rows.len().saturating_sub(1), |i| first + i);
        self.rows
            .get(index)
            .map_or((0, 0), |row| (self.x_in_row(row, col), index))
    }

    /// The cursor position `(line, col)` on visual row `index` whose display column is nearest
    /// to `goal_x` (ties go left), so the cursor never lands inside a wide character.
    pub fn nearest_in_row(&self, index: usize, goal_x: usize) -> Option<(usize, usize)> {
        let row = self.rows.get(index)?;
        let glyphs = self.glyphs.get(row.line)?;
        let candidates = if row.last {
            row.start..row.end + 1
        } else {
            row.start..row.end
        };
        let mut best = (row.start, usize::MAX);
        let mut x = 0usize;
        for col in candidates {
            let distance = x.abs_diff(goal_x);
            if distance < best.1 {
                best = (col, distance);
            }
            x = x.saturating_add(glyphs.get(col).map_or(0, |g| g.width));
        }
        Some((row.line, best.0))
    }
}
