//! The whole frame: header line, the current screen, overlays, and the footer of keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Overlay, Screen};
use crate::keymap;
use crate::theme::Theme;
use crate::widgets::truncate::truncate_line;

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(Paragraph::new(app.lang.t("窗口太小", "Too small")), area);
        return;
    }
    render_header(frame, app, theme);
    match app.screen() {
        Screen::Dashboard(state) => super::dashboard::render(frame, app, state, theme),
        Screen::Checklist(state) => super::checklist::render(frame, app, state, theme),
        Screen::Search(state) => super::search::render(frame, app, state, theme),
        Screen::Rectify(screen) => super::rectify::render(frame, app, screen, theme),
        Screen::SopList(_) | Screen::SopDetail(_) | Screen::SopRunner(_) => {
            super::sop::render(frame, app, theme);
        }
        Screen::Interview(state) => super::interview::render(frame, app, state, theme),
        Screen::Score(state) => super::score::render(frame, app, state, theme),
    }
    render_footer(frame, app, theme);
    match &app.overlay {
        Some(Overlay::Help) => super::help::render(frame, app, theme),
        Some(Overlay::Editor(editor)) => super::editor::render(frame, editor, theme),
        Some(Overlay::Rectify(overlay)) => {
            super::rectify::render_overlay(frame, app, overlay, theme)
        }
        Some(Overlay::SopStart(form)) => super::sop::start::render(frame, app, form, theme),
        None => {}
    }
}

/// Clears the area under a popup, one column wider on each side: a double-width character
/// cut in half by the popup's edge would otherwise leave half a glyph on screen.
pub fn clear_popup(frame: &mut Frame, popup: Rect) {
    let area = frame.area();
    let x = popup.x.saturating_sub(1);
    let right = (popup.x + popup.width + 1).min(area.width);
    frame.render_widget(
        ratatui::widgets::Clear,
        Rect::new(x, popup.y, right - x, popup.height),
    );
    // A wide character starting just left of the cleared strip still reaches into it.
    if x > 0 {
        let buffer = frame.buffer_mut();
        for y in popup.y..popup.y.saturating_add(popup.height).min(area.height) {
            let cell = &mut buffer[(x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.reset();
            }
        }
    }
}

fn render_header(frame: &mut Frame, app: &App, theme: &Theme) {
    let lang = app.lang;
    let width = usize::from(frame.area().width);
    let screen = match app.screen() {
        Screen::Dashboard(_) => lang.t("总览", "Dashboard"),
        Screen::Checklist(_) => lang.t("阶段清单", "Checklist"),
        Screen::Search(_) => lang.t("搜索", "Search"),
        Screen::Rectify(screen) => screen.title(lang),
        Screen::SopList(_) | Screen::SopDetail(_) | Screen::SopRunner(_) => {
            lang.t("演示预演", "Demo rehearsal")
        }
        Screen::Interview(_) => lang.t("模拟访谈", "Interview rehearsal"),
        Screen::Score(state) => super::score::title(state, lang),
    };
    let left = format!(" zizhi 资质 · {screen}");
    let right = format!("{} ", app.today());
    let pad = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), Rect::new(0, 0, frame.area().width, 1));
}

fn render_footer(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let y = area.height - 1;
    let line =
        if let (true, Some(_), Some(notice)) = (app.quit_confirmed, &app.save_error, &app.notice) {
            // "Press q again to lose your changes" must not hide behind the save error.
            Line::from(Span::styled(
                format!(" {} {notice}", theme.sym("⚠", "!")),
                theme.alert,
            ))
        } else if let Some(error) = &app.save_error {
            Line::from(Span::styled(
                format!(" {} {error}", theme.sym("⚠", "!")),
                theme.alert,
            ))
        } else if let Some(notice) = &app.notice {
            Line::from(Span::styled(format!(" {notice}"), theme.busy))
        } else {
            let mut spans = Vec::new();
            let mut used = 0;
            let at_root = app.screens.len() == 1;
            for (key, text) in keymap::footer(app.screen().scope(), app.lang) {
                if at_root && text == crate::app::Action::Back.short(app.lang) {
                    continue;
                }
                let piece = format!(" {key} {text} ");
                let w = piece.width();
                if used + w > usize::from(area.width) {
                    break;
                }
                used += w;
                spans.push(Span::styled(format!(" {key}"), theme.label));
                spans.push(Span::styled(format!(" {text} "), theme.dim));
            }
            Line::from(spans)
        };
    let line = truncate_line(&line, usize::from(area.width));
    frame.render_widget(Paragraph::new(line), Rect::new(0, y, area.width, 1));
}
