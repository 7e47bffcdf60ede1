//! A copy of what the screen shows (ratatui's current buffer, rebuilt from the diffs), so a
//! short gap between two changed cells can be bridged by rewriting the unchanged cells in it —
//! one byte per space — instead of a cursor move of three or four bytes. Clearing a row of
//! Chinese text otherwise costs a move after every character: ratatui's diff skips the
//! right-hand cell of each erased character because it was blank before and after.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Rect, Size};
use unicode_width::UnicodeWidthStr;

use super::ansi::Pen;

/// Gaps longer than this are cheaper to jump with a cursor move.
const MAX_GAP: u16 = 3;

#[derive(Debug, Clone)]
pub struct Shadow {
    buffer: Buffer,
    /// Rows that have held a symbol terminals disagree on since the last clear: the terminal
    /// may show them shifted from the buffer, so they are never repainted from it.
    tainted: Vec<bool>,
    trust_border_glyphs: bool,
}

impl Shadow {
    /// A blank screen of `size`, as after entering the alternate screen or clearing it.
    pub fn blank(size: Size, trust_border_glyphs: bool) -> Self {
        Self {
            buffer: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            tainted: vec![false; usize::from(size.height)],
            trust_border_glyphs,
        }
    }

    pub fn size(&self) -> Size {
        Size::new(self.buffer.area.width, self.buffer.area.height)
    }

    /// Records that `cell` is now at `(x, y)`.
    pub fn set(&mut self, x: u16, y: u16, cell: &Cell) {
        let symbol = cell.symbol();
        let blank = symbol.is_empty() || symbol == " ";
        if !blank
            && super::stable_width(symbol, self.trust_border_glyphs).is_none()
            && let Some(row) = self.tainted.get_mut(usize::from(y))
        {
            *row = true;
        }
        if let Some(slot) = self.buffer.cell_mut((x, y)) {
            *slot = cell.clone();
        }
    }

    /// The bytes that repaint columns `from..to` of row `y` exactly as they are, if that is
    /// short and needs no change of rendition from `pen`: single-byte ASCII symbols only, on a
    /// row that has only ever held symbols of agreed width (see `tainted`).
    pub fn bridge(&self, y: u16, from: u16, to: u16, pen: &Pen, colors: bool) -> Option<Vec<u8>> {
        if to <= from || to - from > MAX_GAP || self.tainted.get(usize::from(y)) != Some(&false) {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::from(to - from));
        for x in from..to {
            let cell = self.buffer.cell((x, y))?;
            let symbol = cell.symbol().as_bytes();
            let plain = symbol.len() == 1 && (0x20..0x7f).contains(&symbol[0]);
            if !plain || super::is_skip(cell) || Pen::of(cell, colors) != *pen {
                return None;
            }
            // The right half of a wide character looks like a blank in the buffer; writing
            // there would erase the character.
            let covered = x
                .checked_sub(1)
                .and_then(|left| self.buffer.cell((left, y)))
                .is_some_and(|left| left.symbol().width() > 1 || super::is_skip(left));
            if covered {
                return None;
            }
            bytes.push(symbol[0]);
        }
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    fn cell(symbol: &str) -> Cell {
        let mut cell = Cell::default();
        cell.set_symbol(symbol);
        cell
    }

    #[test]
    fn a_gap_of_blanks_in_the_same_rendition_is_bridged_with_spaces() {
        let shadow = Shadow::blank(Size::new(10, 2), true);
        assert_eq!(
            shadow.bridge(0, 2, 4, &Pen::DEFAULT, true),
            Some(b"  ".to_vec())
        );
    }

    #[test]
    fn a_gap_holding_a_wide_character_is_not_bridged() {
        let mut shadow = Shadow::blank(Size::new(10, 2), true);
        shadow.set(3, 0, &cell("保"));
        assert_eq!(shadow.bridge(0, 2, 4, &Pen::DEFAULT, true), None);
    }

    #[test]
    fn the_right_half_of_a_wide_character_is_never_overwritten() {
        let mut shadow = Shadow::blank(Size::new(10, 2), true);
        shadow.set(1, 0, &cell("保"));
        assert_eq!(shadow.bridge(0, 2, 4, &Pen::DEFAULT, true), None);
        assert_eq!(
            shadow.bridge(0, 3, 5, &Pen::DEFAULT, true),
            Some(b"  ".to_vec())
        );
    }

    #[test]
    fn a_row_that_ever_held_an_emoji_is_not_bridged_until_cleared() {
        let mut shadow = Shadow::blank(Size::new(10, 2), true);
        shadow.set(0, 0, &cell("👍"));
        shadow.set(0, 0, &cell(" "));
        assert_eq!(shadow.bridge(0, 4, 6, &Pen::DEFAULT, true), None);
        assert_eq!(
            shadow.bridge(1, 4, 6, &Pen::DEFAULT, true),
            Some(b"  ".to_vec())
        );
    }

    #[test]
    fn a_gap_in_another_colour_is_not_bridged() {
        let mut shadow = Shadow::blank(Size::new(10, 2), true);
        let mut red = cell("x");
        red.set_style(Style::new().fg(Color::Red));
        shadow.set(2, 0, &red);
        assert_eq!(shadow.bridge(0, 2, 3, &Pen::DEFAULT, true), None);
    }

    #[test]
    fn long_gaps_and_gaps_off_the_screen_are_not_bridged() {
        let shadow = Shadow::blank(Size::new(10, 2), true);
        assert_eq!(shadow.bridge(0, 0, 4, &Pen::DEFAULT, true), None);
        assert_eq!(shadow.bridge(5, 0, 2, &Pen::DEFAULT, true), None);
    }
}
