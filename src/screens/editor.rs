//! The field editor drawn over a checklist: note, owner, due date or evidence reference.
//!
//! Text fields are written into progress on every keystroke (and saved), so a kill mid-edit
//! loses nothing; Esc puts the original value back.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::calendar::WorkCalendar;
use crate::domain::date_input::{self, Typed};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request};
use crate::theme::Theme;
use crate::widgets::text_input::{InputOutcome, TextInput};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note,
    Owner,
    Due,
    Evidence,
}

impl Field {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Note => lang.t("备注", "Note"),
            Field::Owner => lang.t("负责人", "Owner"),
            Field::Due => lang.t("截止日期", "Due date"),
            Field::Evidence => lang.t("证据编号或路径", "Evidence reference"),
        }
    }

    fn max_chars(self) -> usize {
        match self {
            Field::Note => 10_000,
            Field::Due => 16,
            Field::Owner => 100,
            Field::Evidence => 500,
        }
    }
}

#[derive(Debug, Clone)]
pub struct EditorState {
    pub field: Field,
    pub item_id: String,
    pub original: String,
    pub input: TextInput,
    pub error: Option<String>,
    pub lang: Lang,
}

/// What the editor asks the app to do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOutcome {
    Continue { changed: bool },
    Commit(String),
    Cancel,
}

fn current_value(field: Field, item_id: &str, progress: &Progress) -> String {
    let entry = progress.item(item_id).cloned().unwrap_or_default();
    match field {
        Field::Note => entry.note,
        Field::Owner => entry.owner,
        Field::Due => entry.due.map(|d| d.to_string()).unwrap_or_default(),
        Field::Evidence => entry.evidence,
    }
}

/// Where the editor box goes on a screen of `size`, and the text area inside it.
pub fn area(field: Field, size: (u16, u16)) -> (Rect, Rect) {
    let width = size.0.saturating_sub(4).min(76);
    let height = if field == Field::Note {
        size.1.saturating_sub(6).clamp(3, 14)
    } else {
        5
    };
    let x = (size.0 - width) / 2;
    let y = (size.1.saturating_sub(height)) / 2;
    let outer = Rect::new(x, y, width, height.min(size.1));
    let inner = Rect::new(
        outer.x + 1,
        outer.y + 1,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(3),
    );
    (outer, inner)
}

impl EditorState {
    pub fn for_item(
        field: Field,
        item_id: &str,
        progress: &Progress,
        lang: Lang,
        size: (u16, u16),
    ) -> Self {
        let original = current_value(field, item_id, progress);
        let input = if field == Field::Note {
            TextInput::multi_line(&original)
        } else {
            TextInput::single_line(&original)
        }
        .with_max_chars(field.max_chars());
        let mut state = Self {
            field,
            item_id: item_id.to_owned(),
            original,
            input,
            error: None,
            lang,
        };
        state.fit(size);
        state
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        let (_, inner) = area(self.field, size);
        self.input
            .ensure_cursor_visible(inner.width.max(1), inner.height.max(1));
    }

    pub fn handle_key(&mut self, key: KeyEvent, size: (u16, u16)) -> EditorOutcome {
        let outcome = match self.input.handle_key(key) {
            InputOutcome::Edited => {
                self.error = None;
                EditorOutcome::Continue { changed: true }
            }
            InputOutcome::Submit => EditorOutcome::Commit(self.input.text()),
            InputOutcome::Cancel => EditorOutcome::Cancel,
            InputOutcome::Moved | InputOutcome::Ignored => {
                EditorOutcome::Continue { changed: false }
            }
        };
        self.fit(size);
        outcome
    }

    pub fn paste(&mut self, text: &str) {
        self.input.insert_str(text);
        self.error = None;
    }

    /// Writes `text` (or, for the due date, `due`) into the item. Returns whether anything
    /// changed.
    fn write(
        &self,
        text: &str,
        due: Option<NaiveDate>,
        progress: &mut Progress,
        now: NaiveDateTime,
    ) -> bool {
        let entry = progress.item_mut(&self.item_id);
        let before = entry.clone();
        match self.field {
            Field::Note => entry.note = text.to_owned(),
            Field::Owner => entry.owner = text.trim().to_owned(),
            Field::Evidence => entry.evidence = text.trim().to_owned(),
            Field::Due => entry.due = due,
        }
        let changed = *entry != before;
        if changed {
            entry.updated = Some(now);
        }
        progress.prune();
        changed
    }

    /// Writes the text typed so far into progress (not for dates, which must be complete).
    /// Returns whether anything changed.
    pub fn apply_live(&self, progress: &mut Progress, now: NaiveDateTime) -> bool {
        if self.field == Field::Due {
            return false;
        }
        self.write(&self.input.text(), None, progress, now)
    }

    /// Final value on Enter / Ctrl+S. A due date is read by the one date grammar (`+N` counts
    /// working days from today by `calendar`).
    pub fn commit(
        &self,
        text: &str,
        progress: &mut Progress,
        now: NaiveDateTime,
        calendar: &WorkCalendar,
    ) -> Result<(), String> {
        let due = if self.field == Field::Due {
            date_input::resolve(text, now.date(), calendar)
                .map_err(|err| err.message(self.lang))?
                .map(|resolved| resolved.date)
        } else {
            None
        };
        self.write(text, due, progress, now);
        Ok(())
    }

    /// Puts the value from before editing back. Returns whether anything changed.
    pub fn revert(&self, progress: &mut Progress, now: NaiveDateTime) -> bool {
        // The original due date was written as YYYY-MM-DD (or is empty).
        let due = match date_input::parse(&self.original) {
            Ok(Some(Typed::Date(date))) => Some(date),
            _ => None,
        };
        self.write(&self.original, due, progress, now)
    }
}

impl Component for EditorState {
    fn scope(&self) -> Scope {
        if self.field == Field::Note {
            Scope::NoteEditor
        } else {
            Scope::Editor
        }
    }

    fn title(&self, lang: Lang) -> &'static str {
        self.field.label(lang)
    }

    /// Live edits are written straight into progress so nothing typed is lost.
    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome {
        let outcome = match input {
            Input::Key(key) => self.handle_key(key, ctx.size),
            Input::Paste(text) => {
                self.paste(&text);
                EditorOutcome::Continue { changed: true }
            }
            _ => return Outcome::none(),
        };
        match outcome {
            EditorOutcome::Continue { changed: true } => {
                Outcome::saved_if(self.apply_live(ctx.progress, ctx.now))
            }
            EditorOutcome::Continue { changed: false } => Outcome::none(),
            EditorOutcome::Cancel => {
                Outcome::saved_if(self.revert(ctx.progress, ctx.now)).and(Request::Close)
            }
            EditorOutcome::Commit(value) => {
                match self.commit(&value, ctx.progress, ctx.now, ctx.calendar) {
                    Ok(()) => Outcome::save().and(Request::Close),
                    Err(message) => {
                        self.error = Some(message);
                        Outcome::none()
                    }
                }
            }
        }
    }

    fn fit(&mut self, env: &Env) {
        EditorState::fit(self, env.size);
    }

    fn render(&self, frame: &mut Frame, _env: &Env, theme: &Theme) {
        render(frame, self, theme);
    }
}

fn render(frame: &mut Frame, editor: &EditorState, theme: &Theme) {
    let size = (frame.area().width, frame.area().height);
    let (outer, inner) = area(editor.field, size);
    let lang = editor.lang;
    let keys = crate::keymap::hint(editor.scope(), lang);
    super::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(
            format!(" {} ", editor.field.label(lang)),
            theme.title,
        ))
        .title_bottom(Span::styled(keys, theme.dim));
    frame.render_widget(block, outer);
    frame.render_widget(&editor.input, inner);
    let hint_area = Rect::new(inner.x, inner.y + inner.height, inner.width, 1);
    let hint = match (&editor.error, editor.field) {
        (Some(err), _) => Line::from(Span::styled(err.clone(), theme.alert)),
        // Text that did not fit is said, never dropped silently.
        (None, _) if editor.input.limit_hit().is_some() => Line::from(Span::styled(
            editor
                .input
                .limit_hit()
                .map(|hit| hit.message(lang))
                .unwrap_or_default(),
            theme.alert,
        )),
        (None, Field::Due) => Line::from(Span::styled(
            lang.t(
                "如 2026-12-08、+5（工作日）、明天；留空清除",
                "e.g. 2026-12-08, +5 (working days), tomorrow; empty clears",
            ),
            theme.dim,
        )),
        (None, _) => Line::from(Span::styled(
            lang.t("输入即保存", "Saved as you type"),
            theme.dim,
        )),
    };
    frame.render_widget(Paragraph::new(hint), hint_area);
    let (x, y) = editor.input.cursor_position(inner.width.max(1));
    frame.set_cursor_position((inner.x + x, inner.y + y));
}
