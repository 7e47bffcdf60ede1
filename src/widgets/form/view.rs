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
use crate::widgets::truncate::{fit, truncate};

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
                Paragraph::new(choice_line(field, options, focused, rect.width, theme)),
                rect,
            );
            return;
        }
        if field.input.is_empty() && !focused {
            let placeholder = match &field.placeholder {
                Some(text) => text.as_str(),
                None if field.required => self.lang.t("（必填）", "(required)"),
                None => "—",
            };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    truncate(placeholder, usize::from(rect.width)).into_owned(),
                    theme.dim,
                )),
                rect,
            );
            return;
        }
        if !focused && (rect.height == 1 || !field.is_multiline()) {
            // Not being edited: its start, "…" where it is cut, lines joined.
            let text = one_line(&field.input.text());
            frame.render_widget(
                Paragraph::new(truncate(&text, usize::from(rect.width)).into_owned()),
                rect,
            );
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
        self.note_lines_with(theme, &[])
    }

    /// [`Form::note_lines`] with the screen's own notes about the focused field after the
    /// hint.
    fn note_lines_with(&self, theme: &Theme, extra: &[Line<'static>]) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        if let Some(field) = self.focused() {
            if !field.hint.is_empty() {
                out.push(Line::from(Span::styled(field.hint.clone(), theme.dim)));
            }
            out.extend(extra.iter().cloned());
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
        self.render_with(frame, area, theme, &[], NOTE_ROWS);
    }

    /// The rows each field takes in an area `height` rows high with `note_rows` under the
    /// fields, and the rows of the fields together. A multi-line field takes the rows the
    /// others leave; where a form has several, only the focused one does and the others show
    /// one line.
    fn row_heights(&self, height: u16, note_rows: u16) -> (Vec<u16>, u16) {
        let multis = self.fields.iter().filter(|f| f.is_multiline()).count();
        let tall = |index: usize, field: &Field| {
            field.is_multiline() && (multis == 1 || index == self.focus)
        };
        let short = cells(
            self.fields
                .iter()
                .enumerate()
                .filter(|(i, f)| !tall(*i, f))
                .count(),
        );
        let has_tall = self.fields.iter().enumerate().any(|(i, f)| tall(i, f));
        // A tall field takes the rows the notes leave; otherwise the notes take them.
        let fields_h = if has_tall {
            height.saturating_sub(note_rows).max(1)
        } else {
            short.min(height.saturating_sub(1)).max(1)
        };
        let tall_h = fields_h.saturating_sub(short).max(1);
        let heights = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| if tall(i, f) { tall_h } else { 1 })
            .collect();
        (heights, fields_h)
    }

    /// Rows the focused field gets in an area `height` rows high with `note_rows` of notes.
    pub fn focused_rows(&self, height: u16, note_rows: u16) -> u16 {
        let (heights, _) = self.row_heights(height, note_rows);
        heights.get(self.focus).copied().unwrap_or(1)
    }

    /// [`Form::render`] with the screen's own notes about the focused field (after its hint)
    /// and `note_rows` rows kept for the notes under a multi-line field.
    pub fn render_with(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        extra: &[Line<'static>],
        note_rows: u16,
    ) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let label_w = self.label_width(usize::from(area.width / 2));
        let label_w16 = cells(label_w);
        let (heights, fields_h) = self.row_heights(area.height, note_rows);
        let notes_h = area.height.saturating_sub(fields_h);
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
        let wrapped =
            crate::widgets::wrap::wrap_lines(&self.note_lines_with(theme, extra), notes.width);
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

/// A long text on one line: its non-empty lines joined by " / ".
fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The options of a choice, the chosen one marked; where they do not all fit in `width`,
/// only the chosen one (between ‹ › while focused) and its number of the whole.
fn choice_line(
    field: &Field,
    options: &[String],
    focused: bool,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
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
    let line = Line::from(spans);
    if line.width() <= usize::from(width) {
        return line;
    }
    let chosen = options.get(field.choice).cloned().unwrap_or_default();
    let line = if focused {
        Line::from(vec![
            Span::styled(
                format!("{} {chosen} {}", theme.sym("‹", "<"), theme.sym("›", ">")),
                theme.selected,
            ),
            Span::styled(
                format!(" {}/{}", field.choice + 1, options.len()),
                theme.dim,
            ),
        ])
    } else {
        Line::from(Span::styled(chosen, theme.text))
    };
    crate::widgets::truncate::truncate_line(&line, usize::from(width))
}
