//! One form for every multi-field input (rectification form and dialogs, SOP start, timeline
//! date prompts, checklist editors, the interview roster's name prompt, the staff register):
//! the same keys, the same focus marker, the same refusals, the same Esc rule everywhere.
//!
//! The keys come from the key map's [`Scope::Form`](crate::keymap::Scope::Form) table, so help
//! and footers show them; a screen hands the bound [`Action`]s to [`Form::action`], any other
//! key to [`Form::key`] and pastes to [`Form::paste`], and acts on the [`Event`] it gets back:
//! - Enter: the next field; on the last field, done. In a multi-line field it starts a line.
//! - Tab / Ctrl+N and Shift+Tab / Ctrl+P: next and previous field (round the ends); ↓ and ↑
//!   too, except inside a multi-line field, where they move the cursor until its last or first
//!   row.
//! - Alt+Enter / Ctrl+S: done, from any field.
//! - Ctrl+R: the focused field as it was when the cursor entered it.
//! - Esc closes the form, and **keeps what was typed** (fields are written as they are typed).
//!   What Esc would lose — a date that does not read, or text of a field that is only used
//!   when the form is done (a reason, a name) — is named at the cursor first, and only a
//!   second Esc drops it. Nothing typed is dropped silently.
//!
//! A required field left empty, or a date that does not read, says so at the cursor and the
//! focus does not move on (nor is the form done); going back with Shift+Tab is always allowed.
//! Dates are read by the one grammar of [`crate::domain::date_input`].
//!
//! Entering a single-line field that holds a value selects all of it (shown reversed): the
//! first typed character or a paste replaces it, Backspace or Delete clears it, and ←, →,
//! Home and End keep it for editing. Multi-line fields (notes, descriptions) open with the
//! cursor at the end, so one stray key never replaces a long text.
//!
//! The focused field is marked by `▸` (`>` with `--ascii`) before its label as well as by
//! the label's colour, so focus shows without colour too. Rendering is in `form/view.rs`.

mod view;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Dl};
use crate::domain::date_input::{self, DateInputError};
use crate::i18n::Lang;
use crate::widgets::text_input::{InputOutcome, TextInput};

/// The longest date anyone types (`2026年12月31日` with spaces, full-width digits).
pub const DATE_MAX_CHARS: usize = 16;

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    Multiline,
    /// A date in the one grammar; checked before focus leaves.
    Date,
    /// One of a few labelled options: ←/→ or Space change it, digits pick it.
    Choice(Vec<String>),
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    /// A line shown under the form while the field has focus.
    pub hint: String,
    pub kind: Kind,
    /// Enter, Tab and done are refused while it is empty.
    pub required: bool,
    /// Only used when the form is done (not written as typed): Esc asks before dropping it.
    pub draft: bool,
    pub input: TextInput,
    /// The chosen option of a [`Kind::Choice`].
    pub choice: usize,
    /// Shown dim in place of an empty value (default: 必填 for a required field, else —).
    pub placeholder: Option<String>,
    /// The value when the cursor entered the field, for Ctrl+R.
    original: String,
    original_choice: usize,
    /// The whole value is selected: typing replaces it.
    selected: bool,
}

impl Field {
    fn new(label: &str, kind: Kind, input: TextInput) -> Self {
        let original = input.text();
        Self {
            label: label.to_owned(),
            hint: String::new(),
            kind,
            required: false,
            draft: false,
            input,
            choice: 0,
            placeholder: None,
            original,
            original_choice: 0,
            selected: false,
        }
    }

    /// A one-line text field holding `value`, at most `max` characters.
    pub fn text(label: &str, value: &str, max: usize) -> Self {
        Self::new(
            label,
            Kind::Text,
            TextInput::single_line(value).with_max_chars(max),
        )
    }

    /// A multi-line text field.
    pub fn multiline(label: &str, value: &str, max: usize) -> Self {
        Self::new(
            label,
            Kind::Multiline,
            TextInput::multi_line(value).with_max_chars(max),
        )
    }

    /// A date field holding `value` (`YYYY-MM-DD` or empty).
    pub fn date(label: &str, value: &str) -> Self {
        Self::new(
            label,
            Kind::Date,
            TextInput::single_line(value).with_max_chars(DATE_MAX_CHARS),
        )
    }

    /// A choice among `options`, `chosen` selected.
    pub fn choice(label: &str, options: Vec<String>, chosen: usize) -> Self {
        let chosen = chosen.min(options.len().saturating_sub(1));
        let mut field = Self::new(label, Kind::Choice(options), TextInput::single_line(""));
        field.choice = chosen;
        field.original_choice = chosen;
        field
    }

    #[must_use]
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// See [`Field::draft`].
    #[must_use]
    pub fn draft(mut self) -> Self {
        self.draft = true;
        self
    }

    /// What an empty value shows instead (e.g. 关闭时必填).
    #[must_use]
    pub fn with_placeholder(mut self, placeholder: &str) -> Self {
        self.placeholder = Some(placeholder.to_owned());
        self
    }

    /// The value when the cursor entered the field (what Ctrl+R restores).
    pub fn original(&self) -> &str {
        &self.original
    }

    #[must_use]
    pub fn with_hint(mut self, hint: &str) -> Self {
        self.hint = hint.to_owned();
        self
    }

    /// The text typed (for a choice, its option's label).
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            _ => self.input.text(),
        }
    }

    pub fn is_empty(&self) -> bool {
        !matches!(self.kind, Kind::Choice(_)) && self.input.text().trim().is_empty()
    }

    pub fn is_multiline(&self) -> bool {
        self.kind == Kind::Multiline
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Why the date typed does not read (`None` for other fields, empty or readable dates).
    pub fn date_error(&self) -> Option<DateInputError> {
        (self.kind == Kind::Date)
            .then(|| date_input::parse(&self.input.text()).err())
            .flatten()
    }

    /// Replaces the value (not as typing: nothing selected, no limit applied), cursor at the
    /// end; the value Ctrl+R restores becomes this one.
    pub fn set_value(&mut self, value: &str) {
        self.input.set_text(value);
        self.original = value.to_owned();
        self.selected = false;
    }

    /// The cursor enters the field: remember the value, select it when it is one line.
    fn enter(&mut self) {
        self.original = self.input.text();
        self.original_choice = self.choice;
        self.selected =
            !self.is_multiline() && !matches!(self.kind, Kind::Choice(_)) && !self.input.is_empty();
    }

    /// Whether Esc would lose what is in it.
    fn at_risk(&self) -> bool {
        let unsaved_draft = self.draft && !self.is_empty() && self.input.text() != self.original;
        unsaved_draft || self.date_error().is_some()
    }
}

/// Select-all for a value entered with the cursor: while `selected`, a printable key clears
/// the value before it is typed, Backspace or Delete clears it (returns `true`: the value
/// changed and the key is used up); the caller ends the selection with [`TextInput`]'s answer
/// to any other key (←, →, Home, End keep the value for editing; a key the field does not act
/// on, F5 say, leaves it selected). Every form's fields go through this, the rectification
/// form's too.
pub fn selection_key(input: &mut TextInput, selected: &mut bool, key: &KeyEvent) -> bool {
    if !*selected {
        return false;
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(_) if plain => {
            input.set_text("");
            *selected = false;
            false
        }
        KeyCode::Backspace | KeyCode::Delete => {
            input.set_text("");
            *selected = false;
            true
        }
        // Kept for editing, even where the cursor is already at that end.
        KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End => {
            *selected = false;
            false
        }
        _ => false,
    }
}

/// What the screen has to do after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Event {
    /// Nothing: the cursor or the focus moved, or a refusal is shown at the cursor.
    None,
    /// The value of field `index` changed (typed, pasted, chosen or restored): write it.
    Edited(usize),
    /// Focus moved away from field `index` (to [`Form::focus`]).
    Left(usize),
    /// Enter on the last field, or Alt+Enter / Ctrl+S, with every required field filled and
    /// every date readable.
    Submit,
    /// Esc, with nothing at risk or asked once already.
    Close,
}

/// The fields, which one has focus, and what is said at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<Field>,
    focus: usize,
    /// The required field Enter or done was refused on, until it is typed in.
    missing: Option<usize>,
    /// A message at the cursor: a date that does not read, or one the screen sets.
    error: Option<String>,
    /// Esc was pressed once with something at risk; the next Esc closes.
    esc_armed: bool,
    lang: Lang,
}

impl Form {
    /// A form with focus on its first field.
    pub fn new(fields: Vec<Field>, lang: Lang) -> Self {
        let mut form = Self {
            fields,
            focus: 0,
            missing: None,
            error: None,
            esc_armed: false,
            lang,
        };
        if let Some(field) = form.fields.first_mut() {
            field.enter();
        }
        form
    }

    /// Opens with focus on field `index` instead of the first.
    #[must_use]
    pub fn focused_on(mut self, index: usize) -> Self {
        self.focus = index.min(self.fields.len().saturating_sub(1));
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.enter();
        }
        self
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn field(&self, index: usize) -> Option<&Field> {
        self.fields.get(index)
    }

    pub fn field_mut(&mut self, index: usize) -> Option<&mut Field> {
        self.fields.get_mut(index)
    }

    /// The focused field's text input (none for a choice), for the app's limit message.
    pub fn focused_input(&self) -> Option<&TextInput> {
        self.focused()
            .filter(|f| !matches!(f.kind, Kind::Choice(_)))
            .map(|f| &f.input)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// The value of field `index`, or empty.
    pub fn value(&self, index: usize) -> String {
        self.fields.get(index).map(Field::value).unwrap_or_default()
    }

    /// Says `message` at the cursor (or clears it), e.g. why a typed value was not written.
    pub fn set_error(&mut self, message: Option<String>) {
        self.error = message;
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The required field a refusal is shown on.
    pub fn missing(&self) -> Option<usize> {
        self.missing
    }

    pub fn esc_armed(&self) -> bool {
        self.esc_armed
    }

    /// Fits the focused input to the area it is drawn in (scrolling, and ↑/↓ by visual row).
    pub fn fit(&mut self, width: u16, height: u16) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field
                .input
                .ensure_cursor_visible(width.max(1), height.max(1));
        }
    }

    /// A key the key map binds in [`Scope::Form`](crate::keymap::Scope::Form).
    pub fn action(&mut self, action: Action) -> Event {
        if action != Action::FormEsc {
            self.esc_armed = false;
        }
        let multiline = self.focused().is_some_and(Field::is_multiline);
        match action {
            Action::NextField => self.go(self.next_index(), true),
            Action::PrevField => self.go(self.prev_index(), false),
            Action::Down if multiline => self.vertical(KeyCode::Down),
            Action::Up if multiline => self.vertical(KeyCode::Up),
            Action::Down => self.go(self.next_index(), true),
            Action::Up => self.go(self.prev_index(), false),
            Action::FormEnter | Action::Dialog(Dl::NewLine) => self.enter_key(),
            Action::FormDone => self.submit(),
            Action::FormEsc => self.escape(),
            Action::RestoreField => self.restore(),
            _ => Event::None,
        }
    }

    /// A key the key map does not bind: typing and editing.
    pub fn key(&mut self, key: KeyEvent) -> Event {
        self.esc_armed = false;
        let index = self.focus;
        let Some(field) = self.fields.get_mut(index) else {
            return Event::None;
        };
        if let Kind::Choice(options) = &field.kind {
            let n = options.len().max(1);
            let chosen = match key.code {
                KeyCode::Left | KeyCode::Char('h') => (field.choice + n - 1) % n,
                KeyCode::Right | KeyCode::Char('l' | ' ') => (field.choice + 1) % n,
                KeyCode::Char(c @ '1'..='9') => {
                    let pick = c as usize - '1' as usize;
                    if pick >= n {
                        return Event::None;
                    }
                    pick
                }
                _ => return Event::None,
            };
            if chosen == field.choice {
                return Event::None;
            }
            field.choice = chosen;
            return self.edited();
        }
        if selection_key(&mut field.input, &mut field.selected, &key) {
            return self.edited();
        }
        let outcome = field.input.handle_key(key);
        if outcome != InputOutcome::Ignored {
            field.selected = false;
        }
        match outcome {
            InputOutcome::Edited => self.edited(),
            InputOutcome::Submit => self.enter_key(),
            InputOutcome::Cancel => self.escape(),
            InputOutcome::Moved => Event::None,
            // Typing at the limit says so (the input remembers it for the note).
            InputOutcome::Ignored => Event::None,
        }
    }

    /// Pasted text goes into the focused field (replacing a selected value).
    pub fn paste(&mut self, text: &str) -> Event {
        self.esc_armed = false;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Event::None;
        };
        if matches!(field.kind, Kind::Choice(_)) {
            return Event::None;
        }
        if std::mem::take(&mut field.selected) {
            field.input.set_text("");
        }
        let text = if field.is_multiline() {
            text
        } else {
            text.trim()
        };
        field.input.insert_str(text);
        self.edited()
    }

    fn edited(&mut self) -> Event {
        self.missing = None;
        self.error = None;
        Event::Edited(self.focus)
    }

    fn last(&self) -> usize {
        self.fields.len().saturating_sub(1)
    }

    fn next_index(&self) -> usize {
        if self.focus >= self.last() {
            0
        } else {
            self.focus + 1
        }
    }

    fn prev_index(&self) -> usize {
        self.focus.checked_sub(1).unwrap_or(self.last())
    }

    /// Why the focused field cannot be left forward, said at the cursor. Returns whether it
    /// was refused.
    fn refuse_here(&mut self) -> bool {
        let Some(field) = self.fields.get(self.focus) else {
            return false;
        };
        if field.required && field.is_empty() {
            self.missing = Some(self.focus);
            return true;
        }
        if let Some(err) = field.date_error() {
            self.error = Some(err.message(self.lang));
            return true;
        }
        false
    }

    fn go(&mut self, to: usize, forward: bool) -> Event {
        if to == self.focus {
            return Event::None;
        }
        if forward && self.refuse_here() {
            return Event::None;
        }
        let from = self.focus;
        self.focus = to.min(self.last());
        self.missing = None;
        self.error = None;
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.enter();
        }
        Event::Left(from)
    }

    /// Moves focus to field `index` as Tab would (refused forward past a missing value).
    pub fn focus_on(&mut self, index: usize) -> Event {
        self.go(index, index > self.focus)
    }

    fn vertical(&mut self, code: KeyCode) -> Event {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Event::None;
        };
        field.selected = false;
        match field
            .input
            .handle_key(KeyEvent::new(code, KeyModifiers::NONE))
        {
            InputOutcome::Ignored if code == KeyCode::Up => self.go(self.prev_index(), false),
            InputOutcome::Ignored => self.go(self.next_index(), true),
            _ => Event::None,
        }
    }

    fn enter_key(&mut self) -> Event {
        let index = self.focus;
        if let Some(field) = self.fields.get_mut(index)
            && field.is_multiline()
        {
            if std::mem::take(&mut field.selected) {
                field.input.set_text("");
            }
            return match field
                .input
                .handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            {
                InputOutcome::Edited => self.edited(),
                _ => Event::None,
            };
        }
        if self.focus >= self.last() {
            self.submit()
        } else {
            self.go(self.focus + 1, true)
        }
    }

    /// Done: refused (at the first field that is missing or unreadable) until all are fine.
    pub fn submit(&mut self) -> Event {
        if self.refuse_here() {
            return Event::None;
        }
        let bad = self
            .fields
            .iter()
            .position(|f| (f.required && f.is_empty()) || f.date_error().is_some());
        if let Some(index) = bad {
            self.focus = index;
            if let Some(field) = self.fields.get_mut(index) {
                field.enter();
            }
            self.refuse_here();
            return Event::None;
        }
        Event::Submit
    }

    fn escape(&mut self) -> Event {
        let at_risk: Vec<&str> = self
            .fields
            .iter()
            .filter(|f| f.at_risk())
            .map(|f| f.label.as_str())
            .collect();
        if at_risk.is_empty() || self.esc_armed {
            self.esc_armed = false;
            return Event::Close;
        }
        self.esc_armed = true;
        Event::None
    }

    fn restore(&mut self) -> Event {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Event::None;
        };
        let same = field.input.text() == field.original && field.choice == field.original_choice;
        if same {
            return Event::None;
        }
        let original = field.original.clone();
        field.input.set_text(&original);
        field.choice = field.original_choice;
        field.enter();
        self.edited()
    }

    /// What is said at the cursor, most important first: a required field left empty, an
    /// Esc question, an error, text cut at the length limit.
    pub fn message(&self) -> Option<String> {
        if let Some(index) = self.missing {
            let label = self.fields.get(index).map_or("", |f| f.label.as_str());
            return Some(match self.lang {
                Lang::Zh => format!("「{label}」必填，请先填写再往下"),
                Lang::En => format!("{label} is required: type it before moving on"),
            });
        }
        if self.esc_armed {
            let names: Vec<&str> = self
                .fields
                .iter()
                .filter(|f| f.at_risk())
                .map(|f| f.label.as_str())
                .collect();
            let names = names.join("、");
            return Some(match self.lang {
                Lang::Zh => format!("「{names}」还没有保存：再按 Esc 放弃，或继续填写"),
                Lang::En => format!("{names}: not saved yet. Esc again drops it; or go on"),
            });
        }
        if let Some(error) = &self.error {
            return Some(error.clone());
        }
        self.focused()
            .and_then(|f| f.input.limit_hit())
            .map(|hit| hit.message(self.lang))
    }
}

#[cfg(test)]
mod tests;
