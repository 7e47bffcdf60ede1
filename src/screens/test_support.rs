//! Drawing the app into a test terminal and reading the screen back as text, for the screen
//! tests and their 80×24 snapshots.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::app::App;
use crate::theme::Theme;

/// One frame of `app` at its size, drawn with `theme`.
pub fn draw_with(app: &App, theme: &Theme) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|frame| crate::app::render(frame, app, theme))
        .expect("draws");
    terminal.backend().buffer().clone()
}

/// The screen as lines of text; a wide character is written once, not once per cell.
pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// One frame as text, without colour, Unicode symbols.
pub fn draw(app: &App) -> String {
    text_of(&draw_with(app, &Theme::new(false, false)))
}

/// One frame as text, without colour; `ascii` picks the ASCII symbols.
pub fn draw_ascii(app: &App, ascii: bool) -> String {
    text_of(&draw_with(app, &Theme::new(false, ascii)))
}
