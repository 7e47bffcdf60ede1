//! Draws a form: one row a field (`▸ 标签  value`), a multi-line field taking the rows left,
//! then the focused field's hint and whatever is said at the cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{Field, Form, Kind};
use crate::action::Action;
use crate::keymap::{self, Scope};
use crate::theme::Theme;
use crate::widgets::cells;
use crate::widgets::truncate::fit;

/// Rows under the fields for the hint and the message.
const NOTE_ROWS: u16 = 2;

impl Form {
    /// The marker and label of field `index`, `width` cells wide: `▸ 标签` with the label
    /// highlighted when focused, so focus shows without colour too.
    pub fn label_spans(&self, index: usize, width: usize, theme: &Theme) -> Vec<Span<'static>> {
        let Some(field) = self.fields.get(index) else {
            return Vec::new();
        };
        let focused = index == self.focus;
        let marker = if focused { theme.sym("▸", ">") } else { " " };
        let style = if focused { theme.label } else { theme.dim };
        let mut label = field.label.clone();
        if self.missing == Some(index) {
            label.push_str(theme.sym(" ←", " <"));
        }
        vec![Span::styled(
            format!("{marker} {}", fit(&label, width.saturating_sub(2))),
            style,
        )]
    }

    /// Draws field `index`'s value into `rect`; the focused one gets the terminal cursor, a
    /// selected value is drawn reversed.
    pub fn render_input(&self, frame: &mut Frame, index: usize, rect: Rect, theme: &Theme) {
        let Some(field) = self.fields.get(index) else {
            return;
        };
        let focused = index == self.focus;
        if rect.width == 0 || rect.height == 0 {
            return;
        }
        if let Kind::Choice(options) = &field.kind {
            frame.render_widget(
                Paragraph::new(choice_line(field, options, focused, theme)),
                rect,
            );
            return;
        }
        if field.input.is_empty() && !focused {
            let placeholder = if field.required {
                self.lang.t("（必填）", "(required)")
            } else {
                "—"
            };
            frame.render_widget(Paragraph::new(Span::styled(placeholder, theme.dim)), rect);
            return;
        }
        let mut input = field.input.clone();
        input.ensure_cursor_visible(rect.width, rect.height);
        frame.render_widget(&input, rect);
        if field.selected {
            let width = cells(field.input.text().width()).min(rect.width);
            frame
                .buffer_mut()
                .set_style(Rect::new(rect.x, rect.y, width, 1), theme.selected);
        }
        if focused {
            let (x, y) = input.cursor_position(rect.width);
            frame.set_cursor_position((rect.x + x, rect.y + y));
        }
    }

    /// The focused field's hint (dim) and what is said at the cursor (a warning).
    pub fn note_lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        if let Some(field) = self.focused() {
            if !field.hint.is_empty() {
                out.push(Line::from(Span::styled(field.hint.clone(), theme.dim)));
            }
            if field.selected {
                out.push(Line::from(Span::styled(
                    self.lang.t(
                        "输入即替换整栏；←/→ 保留并修改",
                        "Typing replaces it; ←/→ keep it to edit",
                    ),
                    theme.dim,
                )));
            }
        }
        if let Some(message) = self.message() {
            out.push(Line::from(Span::styled(message, theme.alert)));
        }
        out
    }

    /// Width of the label column: the widest label, its marker and a space.
    pub fn label_width(&self, max: usize) -> usize {
        self.fields
            .iter()
            .map(|f| f.label.width())
            .max()
            .unwrap_or(0)
            .saturating_add(5)
            .min(max)
    }

    /// Draws the whole form into `area`: the fields (scrolled so the focused one shows), then
    /// the notes in the last rows.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let label_w = self.label_width(usize::from(area.width / 2));
        let label_w16 = cells(label_w);
        let singles = cells(self.fields.iter().filter(|f| !f.is_multiline()).count());
        let has_multi = self.fields.iter().any(Field::is_multiline);
        // A multi-line field takes the rows the notes leave; otherwise the notes take them.
        let fields_h = if has_multi {
            area.height.saturating_sub(NOTE_ROWS).max(1)
        } else {
            singles.min(area.height.saturating_sub(1)).max(1)
        };
        let notes_h = area.height.saturating_sub(fields_h);
        let multi_h = fields_h.saturating_sub(singles).max(1);
        let heights: Vec<u16> = self
            .fields
            .iter()
            .map(|f| if f.is_multiline() { multi_h } else { 1 })
            .collect();
        // Scroll so the focused field is inside the area.
        let mut first = 0;
        while first < self.focus && heights[first..=self.focus].iter().sum::<u16>() > fields_h {
            first += 1;
        }
        let mut y = area.y;
        for (index, height) in heights.iter().enumerate().skip(first) {
            if y + height > area.y + fields_h {
                break;
            }
            frame.render_widget(
                Paragraph::new(Line::from(self.label_spans(index, label_w, theme))),
                Rect::new(area.x, y, label_w16.min(area.width), 1),
            );
            let input = Rect::new(
                area.x + label_w16,
                y,
                area.width.saturating_sub(label_w16),
                *height,
            );
            self.render_input(frame, index, input, theme);
            y += height;
        }
        let notes = Rect::new(area.x, area.y + fields_h, area.width, notes_h);
        let wrapped = crate::widgets::wrap::wrap_lines(&self.note_lines(theme), notes.width);
        // The message comes last and matters most when space is short.
        let skip = wrapped.len().saturating_sub(usize::from(notes.height));
        frame.render_widget(
            Paragraph::new(wrapped.into_iter().skip(skip).collect::<Vec<_>>()),
            notes,
        );
    }

    /// Rows [`Form::render`] needs to show every field once, with `multiline_rows` for each
    /// multi-line field, and the notes.
    pub fn height(&self, multiline_rows: u16) -> u16 {
        self.fields
            .iter()
            .map(|f| if f.is_multiline() { multiline_rows } else { 1 })
            .sum::<u16>()
            .saturating_add(NOTE_ROWS)
    }

    /// The line of the form's keys for its box, in the key map's words (`done` names what
    /// Alt+Enter does here).
    pub fn keys_hint(&self, done: &str) -> String {
        let lang = self.lang;
        let key = |action| keymap::key_label(Scope::Form, action);
        let (enter, finish, esc) = (
            key(Action::FormEnter),
            key(Action::FormDone),
            key(Action::FormEsc),
        );
        let close = Action::FormEsc.short(lang);
        match self.fields.as_slice() {
            // One multi-line field: Enter starts a line.
            [only] if only.is_multiline() => format!(" {finish} {done} · {esc} {close} "),
            [_] => format!(" {enter} {done} · {esc} {close} "),
            _ => format!(
                " {enter} {} · {finish} {done} · {esc} {close} ",
                Action::FormEnter.short(lang)
            ),
        }
    }
}

fn choice_line(field: &Field, options: &[String], focused: bool, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (n, label) in options.iter().enumerate() {
        let on = n == field.choice;
        spans.push(Span::styled(format!("{}", n + 1), theme.dim));
        let style = match (on, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.text,
            _ => theme.dim,
        };
        let shown = if on && !focused {
            format!("[{label}]")
        } else {
            format!(" {label} ")
        };
        spans.push(Span::styled(shown, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}
