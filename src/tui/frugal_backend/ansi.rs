//! Byte encoders: the shortest safe cursor move and the shortest SGR (style) transition.

use ratatui::buffer::Cell;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

/// What the backend knows about the terminal cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cursor {
    /// Nothing: the next move is absolute (CUP).
    Unknown,
    /// The cursor is exactly here, or (column one past the last one) in the pending-wrap state
    /// after the last column; relative moves from here are safe.
    At(Position),
    /// The cursor went wherever the terminal put it for this position: after an absolute move to
    /// a position that may lie off screen, or after a wide character that may have been written in
    /// the last column and wrapped. A write to this very position needs no move; any other target
    /// gets an absolute move.
    Near(Position),
}

/// The terminal's current graphic rendition, as far as ratatui cells are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pen {
    fg: Color,
    bg: Color,
    underline_color: Color,
    modifier: Modifier,
}

impl Pen {
    /// The rendition after `SGR 0`.
    pub(super) const DEFAULT: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline_color: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The rendition `cell` is drawn with; colours are left at their defaults when `colors` is
    /// false.
    pub(super) fn of(cell: &Cell, colors: bool) -> Self {
        if colors {
            Self {
                fg: cell.fg,
                bg: cell.bg,
                underline_color: cell.underline_color,
                modifier: cell.modifier,
            }
        } else {
            Self {
                modifier: cell.modifier,
                ..Self::DEFAULT
            }
        }
    }
}

/// Appends the shortest sequence that moves the cursor from `from` to `to`.
///
/// Candidates are CUP (`ESC [ row ; col H`, the column omitted when it is the first) and, when
/// the cursor is known [exactly](Cursor::At), a relative move: CUD/CUU (`ESC [ n B`, `ESC [ n A`)
/// for the row, then nothing, CR, CUF (`ESC [ n C`) or CHA (`ESC [ col G`) for the column. CUF is
/// used only to move right, which proves the cursor is not in the pending-wrap state; CR and CHA
/// are absolute. Line feeds are never used: they scroll at the bottom margin and make a
/// line-buffered `Stdout` flush mid-frame. Ties go to CUP.
pub(super) fn push_move(out: &mut Vec<u8>, from: Cursor, to: Position) {
    let start = out.len();
    push_cup(out, to);
    let Cursor::At(at) = from else {
        if from == Cursor::Near(to) {
            out.truncate(start);
        }
        return;
    };
    let mut relative = Vec::with_capacity(12);
    if to.y > at.y {
        push_csi_count(&mut relative, to.y - at.y, b'B');
    } else if to.y < at.y {
        push_csi_count(&mut relative, at.y - to.y, b'A');
    }
    if to.x == at.x {
        // Already in the right column (a real column, so not in the pending-wrap state).
    } else if to.x == 0 {
        relative.push(b'\r');
    } else if to.x > at.x {
        push_csi_count(&mut relative, to.x - at.x, b'C');
    } else {
        relative.extend_from_slice(b"\x1b[");
        push_number(&mut relative, u32::from(to.x) + 1);
        relative.push(b'G');
    }
    if relative.len() < out.len() - start {
        out.truncate(start);
        out.extend_from_slice(&relative);
    }
}

/// Appends CUP to `to`: `ESC [ H`, `ESC [ row H` or `ESC [ row ; col H`.
fn push_cup(out: &mut Vec<u8>, to: Position) {
    out.extend_from_slice(b"\x1b[");
    if to.x > 0 || to.y > 0 {
        push_number(out, u32::from(to.y) + 1);
    }
    if to.x > 0 {
        out.push(b';');
        push_number(out, u32::from(to.x) + 1);
    }
    out.push(b'H');
}

/// Appends `ESC [ n final`, leaving out `n` when it is 1.
fn push_csi_count(out: &mut Vec<u8>, n: u16, final_byte: u8) {
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        push_number(out, u32::from(n));
    }
    out.push(final_byte);
}

/// Appends `n` in decimal.
fn push_number(out: &mut Vec<u8>, n: u32) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(b'0' + (n % 10) as u8);
}

/// Appends the shortest SGR sequence(s) that change the rendition from `from` to `to`.
///
/// Two candidates are compared: the incremental one (switch off what `to` lacks, switch on what
/// it adds, set the colours that differ, all in one `ESC [ … m`) and the reset one
/// (`ESC [ 0 ; … m` with everything `to` has, or `ESC [ m` when `to` is the default). The
/// underline colour (SGR 58/59) goes in a sequence of its own, as in crossterm, so that a terminal
/// that does not know SGR 58 cannot read its colour parameters as attributes.
pub(super) fn push_sgr(out: &mut Vec<u8>, from: &Pen, to: &Pen) {
    if from == to {
        return;
    }
    let mut incremental = Vec::with_capacity(24);
    push_modifier_change(&mut incremental, from.modifier, to.modifier);
    if from.fg != to.fg {
        push_color(&mut incremental, Layer::Foreground, to.fg);
    }
    if from.bg != to.bg {
        push_color(&mut incremental, Layer::Background, to.bg);
    }

    let mut reset = Vec::with_capacity(24);
    push_modifier_change(&mut reset, Modifier::empty(), to.modifier);
    if to.fg != Color::Reset {
        push_color(&mut reset, Layer::Foreground, to.fg);
    }
    if to.bg != Color::Reset {
        push_color(&mut reset, Layer::Background, to.bg);
    }

    let incremental_len = if incremental.is_empty() {
        0
    } else {
        incremental.len() + 3
    };
    let reset_len = if reset.is_empty() { 3 } else { reset.len() + 5 };
    let underline_from = if reset_len < incremental_len {
        out.extend_from_slice(if reset.is_empty() {
            b"\x1b[m"
        } else {
            b"\x1b[0;"
        });
        if !reset.is_empty() {
            out.extend_from_slice(&reset);
            out.push(b'm');
        }
        Color::Reset
    } else {
        if !incremental.is_empty() {
            out.extend_from_slice(b"\x1b[");
            out.extend_from_slice(&incremental);
            out.push(b'm');
        }
        from.underline_color
    };
    if underline_from != to.underline_color {
        let mut underline = Vec::with_capacity(16);
        push_color(&mut underline, Layer::Underline, to.underline_color);
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(&underline);
        out.push(b'm');
    }
}

/// Appends the SGR 0 that ends a draw when the rendition is not the default.
pub(super) fn push_reset(out: &mut Vec<u8>, pen: &Pen) {
    if *pen != Pen::DEFAULT {
        out.extend_from_slice(b"\x1b[m");
    }
}

/// Appends one SGR parameter, separated from any before it.
fn push_param(params: &mut Vec<u8>, n: u32) {
    if !params.is_empty() {
        params.push(b';');
    }
    push_number(params, n);
}

/// Appends the SGR parameters that change the attributes from `from` to `to`, in crossterm's
/// order (ratatui-crossterm's `ModifierDiff`): switch-offs first, then switch-ons. SGR 22 and 25
/// switch off two attributes each, so whichever of the pair `to` keeps is switched on again.
fn push_modifier_change(params: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let removed = from - to;
    let added = to - from;
    if removed.contains(Modifier::REVERSED) {
        push_param(params, 27);
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        push_param(params, 22);
        if to.contains(Modifier::DIM) {
            push_param(params, 2);
        }
        if to.contains(Modifier::BOLD) {
            push_param(params, 1);
        }
    }
    for (modifier, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(modifier) {
            push_param(params, off);
        }
    }
    let reset_blink = removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    if reset_blink {
        push_param(params, 25);
    }
    let switch_on = if reset_intensity || reset_blink {
        let mut kept = Modifier::empty();
        if reset_blink {
            kept |= to & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
        }
        let mut switch_on = added | kept;
        if reset_intensity {
            switch_on -= Modifier::BOLD | Modifier::DIM;
        }
        switch_on
    } else {
        added
    };
    for (modifier, on) in [
        (Modifier::REVERSED, 7),
        (Modifier::BOLD, 1),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::DIM, 2),
        (Modifier::CROSSED_OUT, 9),
        (Modifier::HIDDEN, 8),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
    ] {
        if switch_on.contains(modifier) {
            push_param(params, on);
        }
    }
}

/// Which colour an SGR colour parameter sets.
#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
    Underline,
}

/// Appends the SGR parameters that set `layer` to `color`, encoded as crossterm encodes ratatui
/// colours (`38;5;n` for the 16 named colours, not `3n`/`9n`, so the rendition is the stock one).
fn push_color(params: &mut Vec<u8>, layer: Layer, color: Color) {
    let (set, reset) = match layer {
        Layer::Foreground => (38, 39),
        Layer::Background => (48, 49),
        Layer::Underline => (58, 59),
    };
    let index = match color {
        Color::Reset => {
            push_param(params, reset);
            return;
        }
        Color::Rgb(r, g, b) => {
            for n in [set, 2, u32::from(r), u32::from(g), u32::from(b)] {
                push_param(params, n);
            }
            return;
        }
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    for n in [set, 5, u32::from(index)] {
        push_param(params, n);
    }
}

#[cfg(test)]
#[allow(
    clippy::cast_possible_truncation,
    reason = "test values are small and known"
)]
mod tests {
    use std::io::Write;

    use crossterm::queue;
    use crossterm::style::{Colored, Colors, SetColors};
    use ratatui::backend::IntoCrossterm;

    use super::*;

    fn moved(from: Cursor, to: Position) -> Vec<u8> {
        let mut out = Vec::new();
        push_move(&mut out, from, to);
        out
    }

    fn sgr(from: &Pen, to: &Pen) -> Vec<u8> {
        let mut out = Vec::new();
        push_sgr(&mut out, from, to);
        out
    }

    fn pen(fg: Color, bg: Color, modifier: Modifier) -> Pen {
        Pen {
            fg,
            bg,
            underline_color: Color::Reset,
            modifier,
        }
    }

    /// A deterministic linear congruential generator.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn absolute_moves_leave_out_default_parameters() {
        assert_eq!(moved(Cursor::Unknown, Position::new(0, 0)), b"\x1b[H");
        assert_eq!(moved(Cursor::Unknown, Position::new(0, 4)), b"\x1b[5H");
        assert_eq!(moved(Cursor::Unknown, Position::new(9, 4)), b"\x1b[5;10H");
        assert_eq!(moved(Cursor::Unknown, Position::new(9, 0)), b"\x1b[1;10H");
    }

    #[test]
    fn known_cursor_moves_relatively_when_that_is_shorter() {
        let at = Cursor::At(Position::new(10, 15));
        assert_eq!(moved(at, Position::new(10, 15)), b"");
        assert_eq!(moved(at, Position::new(11, 15)), b"\x1b[C");
        assert_eq!(moved(at, Position::new(14, 15)), b"\x1b[4C");
        assert_eq!(moved(at, Position::new(3, 15)), b"\x1b[4G");
        assert_eq!(moved(at, Position::new(0, 16)), b"\x1b[B\r");
        assert_eq!(moved(at, Position::new(10, 17)), b"\x1b[2B");
        assert_eq!(moved(at, Position::new(10, 14)), b"\x1b[A");
        assert_eq!(moved(at, Position::new(40, 2)), b"\x1b[3;41H");
    }

    #[test]
    fn ties_between_relative_and_absolute_moves_go_to_the_absolute_one() {
        assert_eq!(
            moved(Cursor::At(Position::new(10, 5)), Position::new(0, 6)),
            b"\x1b[7H"
        );
    }

    #[test]
    fn unsure_cursor_skips_only_a_move_to_the_same_place() {
        let near = Cursor::Near(Position::new(10, 5));
        assert_eq!(moved(near, Position::new(10, 5)), b"");
        assert_eq!(moved(near, Position::new(11, 5)), b"\x1b[6;12H");
        assert_eq!(moved(Cursor::Unknown, Position::new(11, 5)), b"\x1b[6;12H");
    }

    #[test]
    fn every_move_lands_on_its_target_in_vt100() {
        let mut rng = Lcg(7);
        for _ in 0..3000 {
            let from = Position::new(rng.below(81) as u16, rng.below(24) as u16);
            let to = Position::new(rng.below(80) as u16, rng.below(24) as u16);
            let mut parser = vt100::Parser::new(24, 80, 0);
            if from.x == 80 {
                // The pending-wrap state: a character written in the last column.
                parser.process(format!("\x1b[{};80Hx", from.y + 1).as_bytes());
            } else {
                parser.process(format!("\x1b[{};{}H", from.y + 1, from.x + 1).as_bytes());
            }
            parser.process(&moved(Cursor::At(from), to));
            parser.process(b"#");
            let screen = parser.screen();
            let written = screen.cell(to.y, to.x).map(vt100::Cell::contents);
            assert_eq!(written, Some("#"), "from {from:?} to {to:?}");
        }
    }

    #[test]
    fn unchanged_rendition_writes_nothing() {
        let p = pen(Color::Red, Color::Blue, Modifier::BOLD);
        assert_eq!(sgr(&p, &p), b"");
    }

    #[test]
    fn style_changes_are_merged_into_one_sequence() {
        let from = Pen::DEFAULT;
        let to = pen(Color::Red, Color::Blue, Modifier::REVERSED | Modifier::BOLD);
        assert_eq!(sgr(&from, &to), b"\x1b[7;1;38;5;1;48;5;4m");
    }

    #[test]
    fn dropping_everything_is_a_bare_reset() {
        let from = pen(Color::Red, Color::Blue, Modifier::REVERSED | Modifier::BOLD);
        assert_eq!(sgr(&from, &Pen::DEFAULT), b"\x1b[m");
    }

    #[test]
    fn one_dropped_attribute_is_switched_off_alone() {
        let from = pen(Color::Red, Color::Reset, Modifier::REVERSED);
        let to = pen(Color::Red, Color::Reset, Modifier::empty());
        assert_eq!(sgr(&from, &to), b"\x1b[27m");
    }

    #[test]
    fn underline_colour_gets_its_own_sequence() {
        let mut to = Pen::DEFAULT;
        to.underline_color = Color::Indexed(42);
        assert_eq!(sgr(&Pen::DEFAULT, &to), b"\x1b[58;5;42m");
        let mut from = to;
        from.modifier = Modifier::BOLD | Modifier::ITALIC | Modifier::REVERSED;
        from.fg = Color::Rgb(1, 2, 3);
        assert_eq!(sgr(&from, &Pen::DEFAULT), b"\x1b[m");
    }

    #[test]
    fn colours_are_encoded_as_crossterm_encodes_them() {
        Colored::set_ansi_color_disabled(false);
        let colors = [
            Color::Reset,
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
            Color::Indexed(200),
            Color::Rgb(10, 20, 30),
        ];
        for fg in colors {
            let mut ours = Vec::new();
            push_color(&mut ours, Layer::Foreground, fg);
            push_color(&mut ours, Layer::Background, fg);
            let mut stock = Vec::new();
            let both = Colors::new(fg.into_crossterm(), fg.into_crossterm());
            queue!(stock, SetColors(both)).expect("writing to a Vec cannot fail");
            let _ = stock.flush();
            assert_eq!(stock, [b"\x1b[", &ours[..], b"m"].concat(), "{fg:?}");
        }
    }

    #[test]
    fn every_transition_gives_vt100_the_target_rendition() {
        let colors = [
            Color::Reset,
            Color::Red,
            Color::LightBlue,
            Color::Indexed(99),
            Color::Rgb(200, 100, 0),
        ];
        // vt100 keeps bold and dim in one field, so at most one of them is used here.
        let modifiers = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::REVERSED,
            Modifier::ITALIC | Modifier::UNDERLINED,
            Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::DIM | Modifier::ITALIC,
        ];
        let mut rng = Lcg(11);
        let random_pen = |rng: &mut Lcg| {
            pen(
                colors[rng.below(5) as usize],
                colors[rng.below(5) as usize],
                modifiers[rng.below(7) as usize],
            )
        };
        for _ in 0..2000 {
            let from = random_pen(&mut rng);
            let to = random_pen(&mut rng);
            let mut direct = vt100::Parser::new(1, 4, 0);
            direct.process(&sgr(&Pen::DEFAULT, &to));
            direct.process(b"x");
            let mut via = vt100::Parser::new(1, 4, 0);
            via.process(&sgr(&Pen::DEFAULT, &from));
            via.process(&sgr(&from, &to));
            via.process(b"x");
            let (a, b) = (direct.screen(), via.screen());
            let (a, b) = (a.cell(0, 0), b.cell(0, 0));
            assert_eq!(a, b, "{from:?} -> {to:?}");
        }
    }
}
