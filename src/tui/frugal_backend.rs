//! A ratatui backend that writes as few bytes as it safely can per frame, for slow SSH links.
//!
//! [`FrugalBackend`] is a drop-in replacement for ratatui-crossterm 0.1.2's `CrosstermBackend`
//! that paints the same screen with fewer bytes:
//!
//! - **Cursor tracking by width.** After writing a cell the backend knows the cursor sits at
//!   `x + width` when the symbol is [width-stable](stable_width) (printable ASCII, non-emoji CJK
//!   wide characters, and the [trusted border glyphs](is_trusted_border_glyph) unless
//!   [strict](FrugalBackend::with_trusted_border_glyphs)), so a Chinese character is not followed
//!   by a cursor move. After anything else (emoji, ambiguous-width symbols, clusters) the cursor is
//!   unknown and the next cell gets an absolute move: terminals disagree on those widths, so this
//!   stays more conservative than upstream ratatui's unreleased fix (PR #2721), which trusts
//!   unicode-width for every symbol.
//! - **Short moves.** When a move is needed, the shortest of CUP and a relative move (CUD/CUU,
//!   CR, CUF, CHA) is written; see `ansi::push_move` for why each is safe.
//! - **Style diffing.** Foreground, background, underline colour and modifiers are sent only when
//!   they change, merged into one SGR sequence, and a reset (`ESC [ m`) replaces a longer list of
//!   switch-offs. A draw ends with `ESC [ m` only if the rendition is not already the default
//!   (stock writes 19 bytes of resets after every draw).
//! - **No repeated cursor commands.** Hiding an already hidden cursor, showing a shown one, or
//!   moving the cursor where it already is writes nothing. ratatui's `Terminal` hides or shows
//!   the cursor after every frame.
//! - **One write per draw.** A frame is assembled in memory and handed to the writer with one
//!   `write_all`, and no line feed is ever written by `draw`, so a line-buffered `Stdout` does not
//!   split a frame into several writes (several SSH packets).
//!
//! The cells written, their order and their positions are exactly those of the stock backend for
//! everything ratatui's diff yields: the backend writes every cell the diff yields, in order. The
//! diff leaves out skip cells and the cells a wide character covers (its trailing half); when a
//! caller hands the backend every cell of a buffer instead (`Terminal::insert_before` without the
//! `scrolling-regions` feature), the backend leaves those out the same way, where the stock
//! backend would write them and shift the rest of the row.
//!
//! Whatever is written to the terminal behind the backend's back (through [`FrugalBackend`]'s
//! [`Write`] implementation, [`FrugalBackend::writer_mut`], or another handle such as a suspended
//! child process) can move the cursor or change its visibility; call
//! [`FrugalBackend::forget_terminal_state`] after writing through another handle. Clearing also
//! forgets the cursor position, which covers the reflow some terminals do on resize.
//!
//! Limits: the output is ANSI only (no legacy Windows console API calls); the underline colour is
//! taken from ratatui's `underline-color` feature, which is on by default; the scrolling-region
//! methods of the `Backend` trait (`scrolling-regions` feature, off by default) are not
//! implemented.

mod ansi;
mod shadow;
mod width;

use super::glyphs::Glyphs;

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Size};

use self::ansi::{Cursor, Pen};
use self::shadow::Shadow;
pub use self::width::{is_stable_wide, is_trusted_border_glyph, stable_width};

/// A ratatui [`Backend`] writing ANSI sequences to `W` with as few bytes as it safely can.
///
/// ```no_run
/// use ratatui::Terminal;
/// # use zizhi::tui::frugal_backend::FrugalBackend;
///
/// let mut terminal = Terminal::new(FrugalBackend::new(std::io::stdout()))?;
/// terminal.draw(|frame| frame.render_widget("你好，世界", frame.area()))?;
/// # std::io::Result::Ok(())
/// ```
#[derive(Debug)]
pub struct FrugalBackend<W: Write> {
    writer: W,
    cursor: Cursor,
    cursor_visible: Option<bool>,
    colors: bool,
    trust_border_glyphs: bool,
    frame: Vec<u8>,
    /// ratatui's current buffer, rebuilt from the diffs; see [`shadow`].
    shadow: Option<Shadow>,
    /// Set by a partial clear, after which the copy cannot be trusted until a full clear.
    shadow_lost: bool,
    /// Which symbols are written as they are (see [`Glyphs`]).
    glyphs: Glyphs,
}

impl<W: Write> FrugalBackend<W> {
    /// Creates a backend writing to `writer`.
    ///
    /// Colours are written unless the `NO_COLOR` environment variable is set (crossterm's rule);
    /// the [trusted border glyphs](is_trusted_border_glyph) count as one column wide. Nothing is
    /// assumed about the terminal's cursor.
    pub fn new(writer: W) -> Self {
        Self {
            writer,
            cursor: Cursor::Unknown,
            cursor_visible: None,
            colors: !crossterm::style::Colored::ansi_color_disabled_memoized(),
            trust_border_glyphs: true,
            frame: Vec::new(),
            shadow: None,
            shadow_lost: false,
            glyphs: Glyphs::Unicode,
        }
    }

    /// Sets which symbols reach the terminal: under [`Glyphs::Ascii`] and
    /// [`Glyphs::AmbiguousWide`] each other symbol is written as ASCII of the same width.
    #[must_use]
    pub const fn with_glyphs(mut self, glyphs: Glyphs) -> Self {
        self.glyphs = glyphs;
        self
    }

    /// Starts from a blank screen of `size` without asking the terminal (for tests and for
    /// writers that are not a terminal).
    #[must_use]
    pub fn with_screen_size(mut self, size: Size) -> Self {
        self.shadow = Some(Shadow::blank(size, self.trust_border_glyphs));
        self
    }

    /// Sets whether foreground, background and underline colours are written at all.
    #[must_use]
    pub const fn with_colors(mut self, colors: bool) -> Self {
        self.colors = colors;
        self
    }

    /// Sets whether the [trusted border glyphs](is_trusted_border_glyph) count as one column wide
    /// (the default) or, like other East Asian Ambiguous symbols, are followed by an explicit
    /// cursor move. Strict mode keeps the text after a border in place in a terminal that draws
    /// ambiguous characters wide, at the cost of a move after every border glyph.
    #[must_use]
    pub fn with_trusted_border_glyphs(mut self, trust: bool) -> Self {
        self.trust_border_glyphs = trust;
        if let Some(shadow) = &self.shadow {
            self.shadow = Some(Shadow::blank(shadow.size(), trust));
        }
        self
    }

    /// The writer.
    pub const fn writer(&self) -> &W {
        &self.writer
    }

    /// The writer, for writing behind the backend's back: the backend forgets what it knew about
    /// the cursor.
    pub fn writer_mut(&mut self) -> &mut W {
        self.forget_terminal_state();
        &mut self.writer
    }

    /// Consumes the backend and returns the writer.
    pub fn into_inner(self) -> W {
        self.writer
    }

    /// Forgets the cursor position and visibility, so the next move is absolute and the next
    /// hide or show is written. Call after anything else wrote to the terminal.
    pub const fn forget_terminal_state(&mut self) {
        self.cursor = Cursor::Unknown;
        self.cursor_visible = None;
    }

    /// Where the cursor is after writing `cell` at `at`.
    fn cursor_after(&self, at: Position, cell: &Cell) -> Cursor {
        if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_)) {
            return Cursor::Unknown;
        }
        let Some(width) = stable_width(cell.symbol(), self.trust_border_glyphs) else {
            return Cursor::Unknown;
        };
        let Some(x) = at.x.checked_add(width) else {
            return Cursor::Unknown;
        };
        let next = Position { x, y: at.y };
        if width == 1 {
            Cursor::At(next)
        } else {
            // A wide character written in the last column wraps to the next row.
            Cursor::Near(next)
        }
    }

    /// Writes `bytes` and flushes, as crossterm's `execute!` does; on failure the terminal state
    /// is unknown.
    fn execute(&mut self, bytes: &[u8]) -> io::Result<()> {
        let result = self
            .writer
            .write_all(bytes)
            .and_then(|()| self.writer.flush());
        if result.is_err() {
            self.forget_terminal_state();
        }
        result
    }

    /// Writes a cursor visibility command unless the cursor is known to be that way already.
    fn set_cursor_visible(&mut self, visible: bool) -> io::Result<()> {
        if self.cursor_visible == Some(visible) {
            return Ok(());
        }
        self.execute(if visible { b"\x1b[?25h" } else { b"\x1b[?25l" })?;
        self.cursor_visible = Some(visible);
        Ok(())
    }
}

/// Whether ratatui's diff leaves `cell` out: it is marked to be skipped (for example, it lies
/// under an image drawn by other means).
#[allow(deprecated)]
pub(crate) const fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// The end of the columns that `cell`, written at `(x, y)`, covers beyond its own, if any.
///
/// ratatui's diff never yields the cells a wide character covers, except after emoji
/// presentation sequences with VS16 (U+FE0F), whose trailing cells it yields on purpose to clear
/// them. Callers that hand the backend every cell of a buffer (`Terminal::insert_before` without
/// the `scrolling-regions` feature) do include them; writing them would erase the wide character,
/// so they are left out here as the diff would leave them out.
fn covered_by(x: u16, y: u16, cell: &Cell) -> Option<Position> {
    let width = cell.cell_width();
    (width > 1 && !cell.symbol().contains('\u{FE0F}')).then(|| Position {
        x: x.saturating_add(width),
        y,
    })
}

impl<W: Write> Write for FrugalBackend<W> {
    /// Writes behind the backend's back: the backend forgets what it knew about the cursor.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.forget_terminal_state();
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl<W: Write> Backend for FrugalBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out = std::mem::take(&mut self.frame);
        out.clear();
        // Every draw ends with the default rendition, and nothing else changes it.
        let mut pen = Pen::DEFAULT;
        let mut cursor = self.cursor;
        // The end of the wide character written last: cells before it on its row are covered.
        let mut covered: Option<Position> = None;
        // ratatui starts from a blank buffer; so does the copy, on the first draw.
        if self.shadow.is_none() && !self.shadow_lost {
            let trust = self.trust_border_glyphs;
            self.shadow = self.size().ok().map(|size| Shadow::blank(size, trust));
        }
        let mut substituted = Cell::default();
        for (x, y, cell) in content {
            let cell = match self.glyphs.substitute(cell.symbol()) {
                Some(symbol) => {
                    substituted.clone_from(cell);
                    substituted.set_symbol(&symbol);
                    &substituted
                }
                None => cell,
            };
            if let Some(shadow) = &mut self.shadow {
                shadow.set(x, y, cell);
            }
            if is_skip(cell) || covered.is_some_and(|end| y == end.y && x < end.x) {
                continue;
            }
            covered = covered_by(x, y, cell);
            let at = Position { x, y };
            let bridge = match (cursor, &self.shadow) {
                (Cursor::At(from), Some(shadow)) if from.y == y => {
                    shadow.bridge(y, from.x, x, &pen, self.colors)
                }
                _ => None,
            };
            match bridge {
                Some(bytes) => out.extend_from_slice(&bytes),
                None => ansi::push_move(&mut out, cursor, at),
            }
            let cell_pen = Pen::of(cell, self.colors);
            ansi::push_sgr(&mut out, &pen, &cell_pen);
            pen = cell_pen;
            push_symbol(&mut out, cell.symbol());
            cursor = self.cursor_after(at, cell);
        }
        ansi::push_reset(&mut out, &pen);
        let result = self.writer.write_all(&out);
        self.cursor = if result.is_ok() {
            cursor
        } else {
            Cursor::Unknown
        };
        out.clear();
        self.frame = out;
        result
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        let lines = vec![b'\n'; usize::from(n)];
        let result = self.execute(&lines);
        self.cursor = Cursor::Unknown;
        result
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.set_cursor_visible(false)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.set_cursor_visible(true)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // The terminal answers about the bytes it has seen, so hand it everything first.
        self.writer.flush()?;
        crossterm::cursor::position()
            .map(|(x, y)| Position { x, y })
            .map_err(io::Error::other)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let to = position.into();
        let mut out = Vec::with_capacity(12);
        ansi::push_move(&mut out, self.cursor, to);
        if !out.is_empty() {
            self.execute(&out)?;
        }
        // The terminal clamps a position off the screen, so only the same target is certain.
        self.cursor = match self.cursor {
            Cursor::At(at) if at == to => Cursor::At(to),
            _ => Cursor::Near(to),
        };
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let bytes: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        let result = self.execute(bytes);
        // Erasing does not move the cursor, but ratatui clears after a resize, and some terminals
        // move the cursor when they reflow on resize.
        self.cursor = Cursor::Unknown;
        // A full clear is how ratatui resets its buffers (after a resize, at the new size).
        if matches!(clear_type, ClearType::All) {
            let size = self
                .size()
                .ok()
                .or_else(|| self.shadow.as_ref().map(Shadow::size));
            let trust = self.trust_border_glyphs;
            self.shadow = size.map(|size| Shadow::blank(size, trust));
            self.shadow_lost = false;
        } else {
            self.shadow = None;
            self.shadow_lost = true;
        }
        result
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let crossterm::terminal::WindowSize {
            columns,
            rows,
            width,
            height,
        } = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: columns,
                height: rows,
            },
            pixels: Size { width, height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod screen_tests;
/// A cell's symbol as bytes for the terminal. Ratatui drops text with control characters, but
/// a symbol set directly could still hold one (from a user's note or custom content, an
/// `ESC ] 0 ;` would retitle the terminal): this is the last place to stop it, so a control
/// character becomes U+FFFD here, whatever drew the cell.
fn push_symbol(out: &mut Vec<u8>, symbol: &str) {
    if symbol.contains(char::is_control) {
        let safe: String = symbol
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        out.extend_from_slice(safe.as_bytes());
    } else {
        out.extend_from_slice(symbol.as_bytes());
    }
}

#[cfg(test)]
mod tests;
