//! Clearing the area of a box drawn over a screen without leaving half a wide character.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthStr;

/// Clears `area` for a box drawn over the screen. A double-width character just left of the
/// box would spill into its left border, so it is blanked too.
pub fn clear_box(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.y..area.y.saturating_add(area.height) {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    #[test]
    fn a_wide_character_under_the_left_edge_is_blanked() {
        let mut terminal = Terminal::new(TestBackend::new(10, 2)).expect("test terminal");
        terminal
            .draw(|frame| {
                frame.render_widget(Paragraph::new("讲解讲解讲"), frame.area());
                clear_box(frame, Rect::new(3, 0, 4, 1));
            })
            .expect("draws");
        let buffer = terminal.backend().buffer();
        assert_eq!(
            buffer[(2, 0)].symbol(),
            " ",
            "the character at 2..4 is gone"
        );
        assert_eq!(buffer[(0, 0)].symbol(), "讲");
        assert_eq!(buffer[(7, 0)].symbol(), " ");
    }
}
