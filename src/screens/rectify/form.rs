//! The form to add and edit a rectification item: every field in a list on top, the focused
//! one edited below. What is typed is written into progress (and logged) as it is typed.

mod view;

pub use view::render;

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::Ask;
use crate::action::Action;
use crate::content::{FindingSource, Severity};
use crate::domain::calendar::WorkCalendar;
use crate::domain::rectification::{
    self as rect, DueInput, SEVERITIES, SOURCES, Session, Stamp, Value, field_value, parse_due,
};
use crate::i18n::Lang;
use crate::progress::{Progress, RectField, Rectification};
use crate::widgets::form::selection_key;
use crate::widgets::text_input::{InputOutcome, TextInput};

/// The fields in the order the form shows them.
pub const FIELDS: [RectField; 11] = [
    RectField::Title,
    RectField::Source,
    RectField::Severity,
    RectField::Link,
    RectField::Description,
    RectField::RootCause,
    RectField::Action,
    RectField::Owner,
    RectField::Due,
    RectField::Evidence,
    RectField::Verifier,
];

fn is_choice(field: RectField) -> bool {
    matches!(field, RectField::Source | RectField::Severity)
}

fn is_multiline(field: RectField) -> bool {
    matches!(
        field,
        RectField::Description | RectField::RootCause | RectField::Action
    )
}

fn max_chars(field: RectField) -> usize {
    match field {
        RectField::Description | RectField::RootCause | RectField::Action => 5_000,
        RectField::Evidence | RectField::Link => 500,
        RectField::Due => 12,
        _ => 100,
    }
}

/// What the form needs from the app while handling a key.
pub struct Ctx<'a> {
    pub progress: &'a mut Progress,
    pub calendar: &'a WorkCalendar,
    pub now: NaiveDateTime,
    pub lang: Lang,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub id: String,
    /// Opened right after the item was made: edits are part of its creation.
    pub creating: bool,
    /// Index into `FIELDS`.
    pub focus: usize,
    /// The focused field's text (unused for choice fields).
    pub input: TextInput,
    /// The focused field's stored value when it was entered, for Ctrl+R.
    pub original: String,
    session: Session,
    pub error: Option<String>,
    /// The last Esc found no title on a new item; another Esc discards it.
    pub discard_armed: bool,
    /// Opened over the new item's detail (from the list), which goes too when the new item
    /// is discarded; otherwise opened from another area.
    pub over_detail: bool,
    /// The due date as last parsed, for the preview.
    pub due: Option<DueInput>,
    /// The focused one-line value is selected: typing replaces it (as in every form).
    pub selected: bool,
    /// Esc was pressed once on a due date that does not read; the next Esc drops it.
    pub esc_armed: bool,
}

/// Where the parts of the form go on a screen of `size`.
pub struct Layout {
    pub fields: Rect,
    pub separator: Rect,
    pub input: Rect,
    pub notes: Rect,
}

pub fn layout(size: (u16, u16), multiline: bool) -> Layout {
    let (w, h) = size;
    // Header, block title, separator, footer; the editor keeps at least 4 rows.
    let field_rows = crate::widgets::cells(FIELDS.len())
        .min(h.saturating_sub(8))
        .max(1);
    let fields = Rect::new(0, 2, w, field_rows);
    let separator = Rect::new(0, fields.bottom(), w, 1);
    let editor_top = separator.bottom();
    let editor_h = h.saturating_sub(1).saturating_sub(editor_top);
    let input_h = if multiline {
        editor_h.saturating_sub(2).max(1)
    } else {
        1.min(editor_h)
    };
    let input = Rect::new(1, editor_top, w.saturating_sub(2), input_h);
    let notes_y = if multiline {
        input.bottom()
    } else {
        input.bottom().saturating_add(1)
    };
    let notes = Rect::new(
        1,
        notes_y,
        w.saturating_sub(2),
        h.saturating_sub(1).saturating_sub(notes_y),
    );
    Layout {
        fields,
        separator,
        input,
        notes,
    }
}

fn input_for(item: &Rectification, field: RectField) -> TextInput {
    let value = field_value(item, field);
    let input = if is_multiline(field) {
        TextInput::multi_line(&value)
    } else {
        TextInput::single_line(&value)
    };
    input.with_max_chars(max_chars(field))
}

impl FormState {
    pub fn new(item: &Rectification, creating: bool) -> Self {
        let focus_field = if item.title.is_empty() {
            RectField::Title
        } else if item.description.is_empty() {
            RectField::Description
        } else {
            RectField::Owner
        };
        let focus = FIELDS.iter().position(|f| *f == focus_field).unwrap_or(0);
        let field = FIELDS[focus];
        Self {
            id: item.id.clone(),
            creating,
            focus,
            input: input_for(item, field),
            original: field_value(item, field),
            session: Self::fresh(creating),
            error: None,
            discard_armed: false,
            over_detail: false,
            due: None,
            selected: false,
            esc_armed: false,
        }
        .with_selection()
    }

    /// Selects the focused value when it is one line of text.
    fn with_selection(mut self) -> Self {
        self.select();
        self
    }

    fn select(&mut self) {
        let field = self.field();
        self.selected = !is_multiline(field) && !is_choice(field) && !self.input.is_empty();
    }

    /// A due date that does not read holds the cursor and says why (as every form does).
    fn date_refused(&mut self, lang: Lang, calendar: &WorkCalendar, now: NaiveDateTime) -> bool {
        if self.field() != RectField::Due {
            return false;
        }
        match parse_due(&self.input.text(), now.date(), calendar, lang) {
            Ok(_) => false,
            Err(message) => {
                self.error = Some(message);
                true
            }
        }
    }

    fn fresh(creating: bool) -> Session {
        if creating {
            Session::Creating
        } else {
            Session::Fresh
        }
    }

    pub fn field(&self) -> RectField {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
    }

    pub fn fit(&mut self, size: (u16, u16)) {
        let parts = layout(size, is_multiline(self.field()));
        self.input
            .ensure_cursor_visible(parts.input.width.max(1), parts.input.height.max(1));
    }

    /// Writes `value` into the focused field with the edit session's history entry.
    fn write(&mut self, value: Value, ctx: &mut Ctx) -> bool {
        let by = ctx.progress.operator.clone();
        let Some(item) = rect::find_mut(ctx.progress, &self.id) else {
            return false;
        };
        rect::set_field(
            item,
            self.field(),
            value,
            &Stamp {
                at: ctx.now,
                by: &by,
            },
            &mut self.session,
        )
    }

    /// Applies the text typed so far. Dates are written once they parse.
    fn apply_text(&mut self, ctx: &mut Ctx) -> bool {
        self.discard_armed = false;
        let text = self.input.text();
        if self.field() == RectField::Due {
            return match parse_due(&text, ctx.now.date(), ctx.calendar, ctx.lang) {
                Ok(due) => {
                    self.error = None;
                    self.due = Some(due);
                    self.write(Value::Due(due.date), ctx)
                }
                Err(_) => {
                    self.due = None;
                    false
                }
            };
        }
        self.error = None;
        self.write(Value::Text(text), ctx)
    }

    /// Finishes the focused field: a date that never parsed and an emptied title are put
    /// back as they were.
    fn leave(&mut self, ctx: &mut Ctx) {
        let lang = ctx.lang;
        let text = self.input.text();
        match self.field() {
            RectField::Due => {
                if let Err(message) = parse_due(&text, ctx.now.date(), ctx.calendar, lang) {
                    // Clearing the field on the way to a bad date wrote "no date": undo it.
                    let original =
                        chrono::NaiveDate::parse_from_str(&self.original, "%Y-%m-%d").ok();
                    self.write(Value::Due(original), ctx);
                    self.error = Some(format!(
                        "{}「{}」{}{message}",
                        lang.t("截止日期", "Due date "),
                        text.trim(),
                        lang.t("无法识别，已保留原值。", " not understood, kept as was. "),
                    ));
                }
            }
            RectField::Title if text.trim().is_empty() && !self.creating => {
                let original = self.original.clone();
                self.write(Value::Text(original), ctx);
                self.error = Some(
                    lang.t("标题不能为空，已恢复原标题", "A title is needed; restored")
                        .to_owned(),
                );
            }
            _ => {}
        }
    }

    fn focus_on(&mut self, index: usize, ctx: &mut Ctx, size: (u16, u16)) {
        let index = index.min(FIELDS.len() - 1);
        self.error = None;
        self.leave(ctx);
        self.focus = index;
        self.session = Self::fresh(self.creating);
        self.due = None;
        if let Some(item) = rect::find(ctx.progress, &self.id) {
            self.input = input_for(item, self.field());
            self.original = field_value(item, self.field());
        }
        self.select();
        self.fit(size);
    }

    fn cycle_choice(&mut self, forward: bool, ctx: &mut Ctx) -> bool {
        let Some(item) = rect::find(ctx.progress, &self.id) else {
            return false;
        };
        let step = |pos: usize, n: usize| {
            if forward {
                (pos + 1) % n
            } else {
                (pos + n - 1) % n
            }
        };
        let value = match self.field() {
            RectField::Source => {
                let pos = SOURCES.iter().position(|s| *s == item.source).unwrap_or(0);
                Value::Source(SOURCES[step(pos, SOURCES.len())])
            }
            _ => {
                let pos = SEVERITIES
                    .iter()
                    .position(|s| *s == item.severity)
                    .unwrap_or(0);
                Value::Severity(SEVERITIES[step(pos, SEVERITIES.len())])
            }
        };
        self.write(value, ctx)
    }

    fn pick_choice(&mut self, n: usize, ctx: &mut Ctx) -> bool {
        let value = match self.field() {
            RectField::Source => SOURCES.get(n).map(|s: &FindingSource| Value::Source(*s)),
            _ => SEVERITIES.get(n).map(|s: &Severity| Value::Severity(*s)),
        };
        value.is_some_and(|v| self.write(v, ctx))
    }

    /// Form-level actions from the key map (the [`Scope::Form`](crate::keymap::Scope::Form)
    /// keys every form shares).
    pub fn update(&mut self, action: Action, ctx: &mut Ctx, size: (u16, u16)) -> Option<Ask> {
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        if action != Action::FormEsc {
            self.esc_armed = false;
        }
        let moves = matches!(
            action,
            Action::NextField | Action::PrevField | Action::FormEnter | Action::FormDone
        );
        if moves && !self.esc_armed && self.date_refused(ctx.lang, ctx.calendar, ctx.now) {
            return None;
        }
        match action {
            Action::FormEsc if self.date_refused(ctx.lang, ctx.calendar, ctx.now) => {
                if !std::mem::replace(&mut self.esc_armed, true) {
                    self.error = Some(
                        ctx.lang
                            .t(
                                "「截止日期」还没有保存：再按 Esc 放弃，或继续填写",
                                "Due date: not saved yet. Esc again drops it; or go on",
                            )
                            .to_owned(),
                    );
                    return None;
                }
                return self.update(Action::FormDone, ctx, size);
            }
            Action::FormEnter => return self.handle_text_key(key(KeyCode::Enter), ctx, size),
            Action::Up => return self.handle_text_key(key(KeyCode::Up), ctx, size),
            Action::Down => return self.handle_text_key(key(KeyCode::Down), ctx, size),
            // Esc keeps what was typed (it was saved as typed), as in every form.
            Action::FormEsc => return self.update(Action::FormDone, ctx, size),
            Action::NextField if self.title_missing(ctx.lang) => {}
            Action::NextField => self.focus_on(self.focus + 1, ctx, size),
            Action::PrevField => self.focus_on(self.focus.saturating_sub(1), ctx, size),
            Action::RestoreField => {
                let original = self.original.clone();
                let changed = if self.field() == RectField::Due {
                    let date = chrono::NaiveDate::parse_from_str(&original, "%Y-%m-%d").ok();
                    self.write(Value::Due(date), ctx)
                } else if is_choice(self.field()) {
                    // Choice fields keep their session entry; cycling back restores them.
                    false
                } else {
                    self.write(Value::Text(original.clone()), ctx)
                };
                self.input.set_text(&original);
                self.error = None;
                self.select();
                self.fit(size);
                return changed.then_some(Ask::Saved);
            }
            Action::FormDone => {
                self.leave(ctx);
                let untitled =
                    rect::find(ctx.progress, &self.id).is_some_and(|r| r.title.trim().is_empty());
                if self.creating && untitled && !self.discard_armed {
                    self.focus_on(0, ctx, size);
                    self.discard_armed = true;
                    self.error = Some(
                        ctx.lang
                            .t(
                                "请填写标题；再按一次 Esc 放弃这条新建的整改项",
                                "Type a title; Esc again discards this new item",
                            )
                            .to_owned(),
                    );
                    return None;
                }
                return Some(Ask::Back);
            }
            _ => {}
        }
        None
    }

    /// A key that is not a form binding: typing, or choosing a source or severity.
    pub fn handle_text_key(
        &mut self,
        key: KeyEvent,
        ctx: &mut Ctx,
        size: (u16, u16),
    ) -> Option<Ask> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && is_choice(self.field()) {
            return None;
        }
        if is_choice(self.field()) {
            let changed = match key.code {
                KeyCode::Left | KeyCode::Char('h') => self.cycle_choice(false, ctx),
                KeyCode::Right | KeyCode::Char('l' | ' ') => self.cycle_choice(true, ctx),
                KeyCode::Char(c @ '1'..='9') => self.pick_choice(c as usize - '1' as usize, ctx),
                KeyCode::Up => {
                    self.focus_on(self.focus.saturating_sub(1), ctx, size);
                    false
                }
                KeyCode::Down | KeyCode::Enter => {
                    self.focus_on(self.focus + 1, ctx, size);
                    false
                }
                _ => false,
            };
            return changed.then_some(Ask::Saved);
        }
        self.esc_armed = false;
        if selection_key(&mut self.input, &mut self.selected, &key) {
            let saved = self.apply_text(ctx).then_some(Ask::Saved);
            self.fit(size);
            return saved;
        }
        let outcome = self.input.handle_key(key);
        if outcome != InputOutcome::Ignored {
            self.selected = false;
        }
        let request = match outcome {
            InputOutcome::Edited => self.apply_text(ctx).then_some(Ask::Saved),
            InputOutcome::Submit if self.title_missing(ctx.lang) => None,
            InputOutcome::Submit => {
                self.focus_on(self.focus + 1, ctx, size);
                None
            }
            InputOutcome::Ignored if key.code == KeyCode::Up => {
                self.focus_on(self.focus.saturating_sub(1), ctx, size);
                None
            }
            InputOutcome::Ignored if key.code == KeyCode::Down => {
                self.focus_on(self.focus + 1, ctx, size);
                None
            }
            _ => None,
        };
        self.fit(size);
        request
    }

    /// An empty title stops the cursor where it is, saying so (as every form does for a
    /// required field).
    fn title_missing(&mut self, lang: Lang) -> bool {
        let missing = self.field() == RectField::Title && self.input.text().trim().is_empty();
        if missing {
            self.error = Some(
                lang.t(
                    "「标题」必填，请先填写再往下",
                    "Title is required: type it before moving on",
                )
                .to_owned(),
            );
        }
        missing
    }

    pub fn paste(&mut self, text: &str, ctx: &mut Ctx, size: (u16, u16)) -> bool {
        if is_choice(self.field()) {
            return false;
        }
        if std::mem::take(&mut self.selected) {
            self.input.set_text("");
        }
        self.input.insert_str(text);
        let changed = self.apply_text(ctx);
        self.fit(size);
        changed
    }
}
