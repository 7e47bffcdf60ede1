//! The field editor drawn over a checklist: note, owner, due date or evidence reference.
//!
//! One field in the one form widget ([`crate::widgets::form`]). Text is written into progress on
//! every keystroke (and saved), a due date as soon as it reads, so a kill mid-edit loses
//! nothing; Esc closes keeping what was typed, Ctrl+R puts the value from before back.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::domain::calendar::WorkCalendar;
use crate::domain::date_input::{self, Typed};
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::{Component, Ctx, Env, Input, Outcome, Request};
use crate::theme::Theme;
use crate::widgets::form::{self, Event, Form};

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
    /// One field, in the one form widget.
    pub form: Form,
    pub lang: Lang,
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

/// Where the editor box goes on a screen of `size`, and the form inside it.
pub fn area(field: Field, size: (u16, u16)) -> (Rect, Rect) {
    let width = size.0.saturating_sub(4).min(76);
    let height = if field == Field::Note {
        size.1.saturating_sub(6).clamp(5, 16)
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
        outer.height.saturating_sub(2),
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
        let label = field.label(lang);
        let input = match field {
            Field::Note => form::Field::multiline(label, &original, field.max_chars()),
            Field::Due => form::Field::date(label, &original).with_hint(lang.t(
                "如 2026-12-08、2026/12/8、+5（工作日）、明天；留空清除",
                "e.g. 2026-12-08, 2026/12/8, +5 (working days), tomorrow; empty clears",
            )),
            _ => form::Field::text(label, &original, field.max_chars()),
        };
        let input = if field == Field::Due {
            input
        } else {
            input.with_hint(lang.t(
                "输入即保存 · Esc 关闭（保留）· Ctrl+R 恢复原值",
                "Saved as you type · Esc closes (keeps) · Ctrl+R restores",
            ))
        };
        let mut state = Self {
            field,
            item_id: item_id.to_owned(),
            original,
            form: Form::new(vec![input], lang),
            lang,
        };
        state.fit(size);
        state
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        let (_, inner) = area(self.field, size);
        let label_w = crate::widgets::cells(self.form.label_width(usize::from(inner.width / 2)));
        self.form.fit(
            inner.width.saturating_sub(label_w).max(1),
            inner.height.saturating_sub(2).max(1),
        );
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.form.value(0)
    }

    /// What is said under the field (an error, a limit, the Esc question).
    pub fn message(&self) -> Option<String> {
        self.form.message()
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
        progress.prune_item(&self.item_id);
        changed
    }

    /// Writes the text typed so far into progress; a due date once it reads (a kill mid-edit
    /// keeps it). Returns whether anything changed.
    pub fn apply_live(
        &self,
        progress: &mut Progress,
        now: NaiveDateTime,
        calendar: &WorkCalendar,
    ) -> bool {
        let text = self.text();
        if self.field == Field::Due {
            return match date_input::resolve(&text, now.date(), calendar) {
                Ok(due) => self.write(&text, due.map(|r| r.date), progress, now),
                Err(_) => false,
            };
        }
        self.write(&text, None, progress, now)
    }

    /// Final value on Enter / Alt+Enter. A due date is read by the one date grammar (`+N`
    /// counts working days from today by `calendar`).
    pub fn commit(
        &self,
        progress: &mut Progress,
        now: NaiveDateTime,
        calendar: &WorkCalendar,
    ) -> Result<(), String> {
        let text = self.text();
        let due = if self.field == Field::Due {
            date_input::resolve(&text, now.date(), calendar)
                .map_err(|err| err.message(self.lang))?
                .map(|resolved| resolved.date)
        } else {
            None
        };
        self.write(&text, due, progress, now);
        Ok(())
    }

    /// Puts the value from before editing back (a date that never read, dropped by a second
    /// Esc). Returns whether anything changed.
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
    fn form(&self) -> Option<&crate::widgets::form::Form> {
        Some(&self.form)
    }

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
        let Some(event) = crate::screens::contract::form_event(&mut self.form, input) else {
            return Outcome::none();
        };
        self.fit(ctx.size);
        match event {
            Event::Edited(_) => {
                Outcome::saved_if(self.apply_live(ctx.progress, ctx.now, ctx.calendar))
            }
            Event::None | Event::Left(_) => Outcome::none(),
            // Esc keeps what was typed; a date that never read (asked about once) goes back.
            Event::Close => {
                let changed = if self
                    .form
                    .focused()
                    .is_some_and(|f| f.date_error().is_some())
                {
                    self.revert(ctx.progress, ctx.now)
                } else {
                    self.apply_live(ctx.progress, ctx.now, ctx.calendar)
                };
                Outcome::saved_if(changed).and(Request::Close)
            }
            Event::Submit => match self.commit(ctx.progress, ctx.now, ctx.calendar) {
                Ok(()) => Outcome::save().and(Request::Close),
                Err(message) => {
                    self.form.set_error(Some(message));
                    Outcome::none()
                }
            },
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
    super::clear_popup(frame, outer);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Span::styled(
            format!(" {} ", editor.field.label(lang)),
            theme.title,
        ))
        .title_bottom(Span::styled(editor.form.keys_hint(), theme.dim));
    frame.render_widget(block, outer);
    editor.form.render(frame, inner, theme);
}
