//! The `?` overlay: every key of the current screen, generated from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::keymap;
use crate::theme::Theme;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let lang = app.lang;
    let rows = keymap::help_rows(app.screen().scope(), lang);
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let height = (rows.len() as u16 + 3).min(area.height);
    let width = area.width.saturating_sub(4).min(76);
    let outer = Rect::new(
        (area.width - width) / 2,
        (area.height - height) / 2,
        width,
        height,
    );
    crate::widgets::overlay::clear_box(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(lang.t(" 按键 ", " Keys "), theme.title))
        .title_bottom(Span::styled(
            lang.t(" 任意键关闭 ", " any key closes "),
            theme.dim,
        ));
    let lines: Vec<Line> = rows
        .iter()
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_w$}  "), theme.label),
                Span::raw(*text),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), outer);
}
