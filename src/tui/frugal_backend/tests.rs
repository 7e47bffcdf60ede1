//! Unit tests of [`FrugalBackend`]: the exact bytes it writes for small, hand-made draws.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::style::{Color, Modifier, Style};

use super::*;

/// A writer whose bytes the test can take while a backend owns a clone of it.
#[derive(Clone, Default)]
pub(super) struct Shared {
    bytes: Rc<RefCell<Vec<u8>>>,
    writes: Rc<RefCell<usize>>,
}

impl Shared {
    pub(super) fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.bytes.borrow_mut())
    }

    pub(super) fn take_writes(&self) -> usize {
        std::mem::take(&mut *self.writes.borrow_mut())
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.borrow_mut().extend_from_slice(buf);
        *self.writes.borrow_mut() += 1;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Draws `cells` (symbol, x, y) through `backend` and returns the bytes written.
fn draw_cells(backend: &mut FrugalBackend<Shared>, cells: &[(&str, u16, u16)]) -> Vec<u8> {
    let cells: Vec<(u16, u16, Cell)> = cells
        .iter()
        .map(|(symbol, x, y)| {
            let mut cell = Cell::default();
            cell.set_symbol(symbol);
            (*x, *y, cell)
        })
        .collect();
    backend
        .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    backend.writer().take()
}

fn backend() -> FrugalBackend<Shared> {
    FrugalBackend::new(Shared::default())
        .with_colors(true)
        .with_screen_size(ratatui::layout::Size::new(80, 24))
}

#[test]
fn chinese_characters_are_not_followed_by_cursor_moves() {
    let mut backend = backend();
    let out = draw_cells(
        &mut backend,
        &[("中", 0, 0), ("文", 2, 0), ("，", 4, 0), ("a", 6, 0)],
    );
    assert_eq!(out, "\x1b[H中文，a".as_bytes());
}

#[test]
fn every_unstable_symbol_is_followed_by_an_explicit_move() {
    for symbol in [
        "😀",
        "①",
        "—",
        "…",
        "é",
        "e\u{301}",
        "❤\u{fe0f}",
        "〰",
        "→",
        "ab",
    ] {
        let mut backend = backend().with_trusted_border_glyphs(false);
        let out = draw_cells(&mut backend, &[(symbol, 3, 1), ("x", 5, 1)]);
        let expected = format!("\x1b[2;4H{symbol}\x1b[2;6Hx");
        assert_eq!(String::from_utf8_lossy(&out), expected, "{symbol:?}");
    }
}

#[test]
fn strict_border_glyphs_are_followed_by_an_explicit_move() {
    let mut strict = backend().with_trusted_border_glyphs(false);
    let out = draw_cells(&mut strict, &[("│", 0, 0), ("a", 1, 0)]);
    assert_eq!(String::from_utf8_lossy(&out), "\x1b[H│\x1b[1;2Ha");
    let mut trusted = backend();
    let out = draw_cells(&mut trusted, &[("│", 0, 0), ("a", 1, 0)]);
    assert_eq!(String::from_utf8_lossy(&out), "\x1b[H│a");
}

#[test]
fn a_run_of_one_style_sets_the_style_once_and_resets_once() {
    let mut backend = backend();
    let mut cells = Vec::new();
    for (i, symbol) in ["保", "密", "x"].into_iter().enumerate() {
        let mut cell = Cell::default();
        cell.set_symbol(symbol)
            .set_style(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD));
        cells.push((2 * i as u16, 0, cell));
    }
    backend
        .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    let out = backend.writer().take();
    assert_eq!(
        String::from_utf8_lossy(&out),
        "\x1b[H\x1b[1;38;5;1m保密x\x1b[m"
    );
}

#[test]
fn a_draw_in_the_default_style_writes_no_reset() {
    let mut backend = backend();
    let out = draw_cells(&mut backend, &[("a", 0, 0)]);
    assert_eq!(out, b"\x1b[Ha");
}

#[test]
fn colours_are_left_out_when_disabled() {
    let mut backend = backend().with_colors(false);
    let mut cell = Cell::default();
    cell.set_symbol("a").set_style(
        Style::new()
            .fg(Color::Red)
            .bg(Color::Blue)
            .add_modifier(Modifier::BOLD),
    );
    backend
        .draw([(0, 0, &cell)].into_iter())
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    assert_eq!(backend.writer().take(), b"\x1b[H\x1b[1ma\x1b[m");
}

#[test]
fn the_cursor_position_is_carried_from_one_draw_to_the_next() {
    let mut backend = backend();
    draw_cells(&mut backend, &[("中", 0, 0)]);
    assert_eq!(draw_cells(&mut backend, &[("a", 2, 0)]), b"a");
    // The two blank cells in between are repainted (2 bytes) instead of jumped (4 bytes).
    assert_eq!(draw_cells(&mut backend, &[("b", 5, 0)]), b"  b");
    assert_eq!(draw_cells(&mut backend, &[("c", 10, 0)]), b"\x1b[4Cc");
}

#[test]
fn a_draw_is_handed_to_the_writer_in_one_write() {
    let mut backend = backend();
    let cells: Vec<(&str, u16, u16)> = (0..24).map(|y| ("保", 3, y)).collect();
    draw_cells(&mut backend, &cells);
    assert_eq!(backend.writer().take_writes(), 1);
}

#[test]
fn hiding_or_showing_the_cursor_twice_writes_it_once() -> io::Result<()> {
    let mut backend = backend();
    backend.hide_cursor()?;
    backend.hide_cursor()?;
    assert_eq!(backend.writer().take(), b"\x1b[?25l");
    backend.show_cursor()?;
    backend.show_cursor()?;
    assert_eq!(backend.writer().take(), b"\x1b[?25h");
    backend.forget_terminal_state();
    backend.show_cursor()?;
    assert_eq!(backend.writer().take(), b"\x1b[?25h");
    Ok(())
}

#[test]
fn moving_the_cursor_where_it_already_is_writes_nothing() -> io::Result<()> {
    let mut backend = backend();
    backend.set_cursor_position((5, 3))?;
    assert_eq!(backend.writer().take(), b"\x1b[4;6H");
    backend.set_cursor_position((5, 3))?;
    assert_eq!(backend.writer().take(), b"");
    // The terminal clamps positions off the screen, so the next move after one is absolute.
    backend.set_cursor_position((6, 3))?;
    assert_eq!(backend.writer().take(), b"\x1b[4;7H");
    Ok(())
}

#[test]
fn writing_behind_the_backends_back_forgets_the_cursor() -> io::Result<()> {
    let mut backend = backend();
    backend.hide_cursor()?;
    draw_cells(&mut backend, &[("a", 0, 0)]);
    backend.write_all(b"!")?;
    backend.writer().take();
    backend.hide_cursor()?;
    assert_eq!(
        draw_cells(&mut backend, &[("b", 1, 0)]),
        b"\x1b[?25l\x1b[1;2Hb"
    );
    Ok(())
}

#[test]
fn clearing_forgets_the_cursor_position() -> io::Result<()> {
    let mut backend = backend();
    draw_cells(&mut backend, &[("a", 0, 0)]);
    backend.clear()?;
    assert_eq!(backend.writer().take(), b"\x1b[2J");
    assert_eq!(draw_cells(&mut backend, &[("b", 1, 0)]), b"\x1b[1;2Hb");
    backend.clear_region(ClearType::UntilNewLine)?;
    assert_eq!(backend.writer().take(), b"\x1b[K");
    Ok(())
}

#[test]
fn appending_lines_writes_line_feeds_and_forgets_the_cursor() -> io::Result<()> {
    let mut backend = backend();
    draw_cells(&mut backend, &[("a", 0, 0)]);
    backend.append_lines(3)?;
    assert_eq!(backend.writer().take(), b"\n\n\n");
    assert_eq!(draw_cells(&mut backend, &[("b", 1, 0)]), b"\x1b[1;2Hb");
    Ok(())
}

#[test]
fn forced_width_cells_are_followed_by_an_explicit_move() {
    let mut backend = backend();
    let mut link = Cell::default();
    link.set_symbol("a")
        .set_diff_option(CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN));
    let plain = Cell::new("b");
    backend
        .draw([(0, 0, &link), (1, 0, &plain)].into_iter())
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    assert_eq!(backend.writer().take(), b"\x1b[Ha\x1b[1;2Hb");
}

#[test]
fn cells_covered_by_a_wide_character_are_not_written() {
    let mut backend = backend();
    let out = draw_cells(&mut backend, &[("中", 0, 0), (" ", 1, 0), ("a", 2, 0)]);
    assert_eq!(out, "\x1b[H中a".as_bytes());
}

#[test]
fn trailing_cells_of_emoji_with_vs16_are_written_as_ratatui_asks() {
    let mut backend = backend();
    let out = draw_cells(&mut backend, &[("❤\u{fe0f}", 0, 0), (" ", 1, 0)]);
    assert_eq!(out, "\x1b[H❤\u{fe0f}\x1b[1;2H ".as_bytes());
}

#[test]
fn skip_cells_are_not_written() {
    let mut backend = backend();
    let a = Cell::new("a");
    let mut image = Cell::new("?");
    image.set_diff_option(CellDiffOption::Skip);
    let b = Cell::new("b");
    backend
        .draw([(0, 0, &a), (1, 0, &image), (2, 0, &b)].into_iter())
        .unwrap_or_else(|_| panic!("drawing to memory cannot fail"));
    assert_eq!(backend.writer().take(), b"\x1b[Ha\x1b[Cb");
}

#[test]
fn a_control_character_in_a_symbol_never_reaches_the_terminal() {
    // Ratatui filters them out of text (and asserts so in debug builds); this is the backstop
    // for a symbol set directly, in a release build.
    let mut out = Vec::new();
    super::push_symbol(&mut out, "\u{1b}]0;x\u{7}");
    assert_eq!(out, "\u{FFFD}]0;x\u{FFFD}".as_bytes());
    out.clear();
    super::push_symbol(&mut out, "中");
    assert_eq!(out, "中".as_bytes());
}
