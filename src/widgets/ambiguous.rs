//! East Asian Ambiguous symbols (`○ ● ■ □ ✓ ★ ← → … — ·`, box drawing, curly quotes): one
//! column in most terminals, two in Xshell and SecureCRT set up for Chinese. Which ones they
//! are, the one-column ASCII that stands in for each, and [`widen`], which measures them as
//! such a terminal does (`ZIZHI_AMBIGUOUS=wide`).
//!
//! ratatui lays every symbol out by its Unicode width, so an ambiguous one gets one column.
//! [`widen`] runs over the finished frame: a symbol followed by a blank cell is kept and given
//! both columns (ratatui's `ForcedWidth(2)`, so the blank is not written and the terminal's
//! double-width drawing lands where the layout has it); a symbol with no blank after it, and
//! every box-drawing line and block, becomes its ASCII stand-in. Either way every later cell
//! of the row is drawn in the column the layout gave it.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
        '–' | '—' | '―' | '‒' | '−' => "-",
        // A middle dot separates items ("逾期 0 · 7 天内到期 0"): a minus there would read as
        // a range ("0 - 7"), a bar does not.
        '·' | '∙' | '‧' => "|",
        '•' => "*",
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

/// Box drawing and block elements: lines and bars are runs of them, never drawn two wide.
fn is_line(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{259F}')
}

/// Measures the ambiguous symbols of a drawn frame as two columns, as a terminal that draws
/// them double width does; see the module documentation.
pub fn widen(buffer: &mut Buffer) {
    let area = buffer.area;
    let two = NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol().to_owned();
            let step = u16::try_from(symbol.width().max(1)).unwrap_or(1);
            let ambiguous = symbol.width() == 1 && symbol.chars().any(is_ambiguous);
            if !ambiguous {
                x = x.saturating_add(step);
                continue;
            }
            let room = x.saturating_add(1) < area.right() && {
                let next = &buffer[(x + 1, y)];
                next.symbol() == " " && matches!(next.diff_option, CellDiffOption::None)
            };
            let first = symbol.chars().find(|c| is_ambiguous(*c)).unwrap_or(' ');
            if room && !is_line(first) {
                buffer[(x, y)].set_diff_option(CellDiffOption::ForcedWidth(two));
                x = x.saturating_add(2);
            } else {
                buffer[(x, y)].set_symbol(ascii_stand_in(first));
                x = x.saturating_add(1);
            }
        }
    }
}

#[cfg(test)]
mod tests;
