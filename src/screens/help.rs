//! The `?` overlay: every key of the current screen, generated from the key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::keymap;
use crate::theme::Theme;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let lang = app.lang;
    let rows = keymap::help_rows(app.screen().scope(), lang);
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    // Too many keys for one column at this height: two columns, keys and short words.
    let two_columns = rows.len() as u16 + 2 > area.height && area.width >= 60;
    if two_columns {
        return render_two_columns(frame, app, &rows, theme);
    }
    let height = (rows.len() as u16 + 3).min(area.height);
    let width = area.width.saturating_sub(4).min(76);
    let outer = Rect::new(
        (area.width - width) / 2,
        (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, outer);
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

fn render_two_columns(frame: &mut Frame, app: &App, rows: &[(String, &str)], theme: &Theme) {
    let area = frame.area();
    let lang = app.lang;
    let half = rows.len().div_ceil(2);
    // Full width: a box starting at column 1 would cut wide characters drawn at column 0.
    let height = (half as u16 + 2).min(area.height);
    let outer = Rect::new(0, (area.height - height) / 2, area.width, height);
    frame.render_widget(Clear, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(lang.t(" 按键 ", " Keys "), theme.title))
        .title_bottom(Span::styled(
            lang.t(" 任意键关闭 ", " any key closes "),
            theme.dim,
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let col_w = inner.width / 2;
    for (column, chunk) in rows.chunks(half).enumerate() {
        let key_w = chunk.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(keys, text)| {
                Line::from(vec![
                    Span::styled(format!(" {keys:<key_w$} "), theme.label),
                    Span::raw(*text),
                ])
            })
            .collect();
        let x = inner.x + col_w * column as u16;
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(x, inner.y, col_w, inner.height),
        );
    }
}
