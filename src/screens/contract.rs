//! The one contract every screen and dialog keeps.
//!
//! A screen or dialog is a [`Component`]: it is handed an [`Input`] — an [`Action`] when the
//! key map binds the key in the component's [`Scope`], otherwise the raw key (text entry),
//! a paste, a tick or a selection request — together with a [`Ctx`]: the content, the
//! progress it may change, the calendar, the time, the language, the terminal size, the seed
//! for random draws and the person rehearsing. It never sees the `App`. It changes only its
//! own state and the progress, and answers with an [`Outcome`]: effects for the runtime
//! (save, quit, redraw) and [`Request`]s — navigation (push, pop, go to an area, open or close
//! a dialog) and cross-area requests (a finding becomes a rectification item) — as data that
//! `app.rs` carries out in one place, in order.
//!
//! Drawing gets a read-only [`Env`] (the same data, plus the summary) and never changes
//! anything. After the terminal is resized or the stack changed, every component on the
//! stack is refitted with [`Component::fit`].
//!
//! The import graph runs one way: content → progress → domain → `action`/`keymap` →
//! `screens` → `app` → `tui`. Nothing under `screens` imports `app`, and the key map
//! imports neither (a test in `app` checks the `use` lines).
//!
//! A new area needs one module with a state type implementing [`Component`], one line in
//! the [`screens!`](crate::screens) table, and a line in [`open_area`](crate::screens::open_area).

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::action::{Action, Area};
use crate::content::Content;
use crate::domain::calendar::WorkCalendar;
use crate::domain::moment::Moment;
use crate::domain::rectification::Finding;
use crate::domain::summary::Summary;
use crate::domain::team_summary::Member;
use crate::i18n::Lang;
use crate::keymap::Scope;
use crate::progress::Progress;
use crate::screens::search::SearchIndex;
use crate::screens::{Overlay, Screen};
use crate::theme::Theme;
use crate::widgets::form::Event as FormEvent;

/// What the runtime must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Write the progress to disk now (before the next frame is drawn).
    Save,
    Quit,
    /// Clear the terminal and draw everything again (Ctrl+L).
    Redraw,
    /// Start a team sync on a background thread (team mode, asked for with the sync key);
    /// its stages and result come back as events.
    Sync,
}

/// What a component is handed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key the key map binds in the component's scope.
    Action(Action),
    /// A key the key map does not bind there: typed text, or a key the component reads
    /// itself.
    Key(KeyEvent),
    Paste(String),
    /// A second passed while [`Component::wants_tick`].
    Tick,
    /// Put the selection on the record with this id (after something was created for it).
    Select(String),
}

/// What a component asks the app to do, carried out in order after the input.
#[derive(Debug, Clone)]
pub enum Request {
    /// Put a screen on top of the stack.
    Push(Screen),
    /// Leave the screen on top (never the dashboard at the bottom).
    Pop,
    /// Show an area on top of the dashboard.
    GoTo(Area),
    /// Open a dialog over the current screen.
    Open(Overlay),
    /// Close the dialog.
    Close,
    /// Hand this action to whatever is on top once the requests before it are done.
    Action(Action),
    /// Hand [`Input::Select`] to the screen on top.
    Select(String),
    /// Turn a finding into a rectification item and open its form (asking who is acting
    /// first when nobody has said yet).
    Rectify(Finding),
    /// A one-off message for the footer.
    Notice(String),
}

/// Effects and requests, as data.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub requests: Vec<Request>,
}

impl Outcome {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn save() -> Self {
        Self {
            effects: vec![Effect::Save],
            requests: Vec::new(),
        }
    }

    /// Saves when `changed`.
    pub fn saved_if(changed: bool) -> Self {
        if changed { Self::save() } else { Self::none() }
    }

    pub fn request(request: Request) -> Self {
        Self::none().and(request)
    }

    pub fn notice(text: impl Into<String>) -> Self {
        Self::request(Request::Notice(text.into()))
    }

    /// Adds a request after the ones already there.
    pub fn and(mut self, request: Request) -> Self {
        self.requests.push(request);
        self
    }

    /// Adds an effect.
    pub fn with(mut self, effect: Effect) -> Self {
        if !self.effects.contains(&effect) {
            self.effects.push(effect);
        }
        self
    }

    /// This outcome followed by `other`.
    pub fn then(mut self, other: Outcome) -> Self {
        for effect in other.effects {
            self = self.with(effect);
        }
        self.requests.extend(other.requests);
        self
    }

    pub fn saves(&self) -> bool {
        self.effects.contains(&Effect::Save)
    }
}

impl From<Vec<Effect>> for Outcome {
    fn from(effects: Vec<Effect>) -> Self {
        Self {
            effects,
            requests: Vec::new(),
        }
    }
}

/// What a component may read and change for one input. Not the `App`.
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub progress: &'a mut Progress,
    pub calendar: &'a WorkCalendar,
    pub now: NaiveDateTime,
    /// The monotonic count at `now` (see [`Moment`]): what timers measure with, so a
    /// wall-clock jump never lengthens a step or an answer.
    pub mono_ms: u64,
    pub lang: Lang,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// Advanced by every random draw; the runtime seeds it at start.
    pub seed: &'a mut u64,
    /// The person rehearsing interviews (`--profile`, then the last one selected).
    pub profile: &'a mut Option<String>,
    /// Built once, the first time it is needed (see `Event::Warmup`).
    pub search_index: Option<&'a SearchIndex>,
    pub summary: &'a Summary,
    /// See [`Env::revision`].
    pub revision: u64,
    /// The team's members and their last sync (team mode; empty when solo).
    pub team: &'a [Member],
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// The wall clock and the monotonic count together.
    pub fn moment(&self) -> Moment {
        Moment {
            wall: self.now,
            mono_ms: self.mono_ms,
        }
    }

    /// The same data, read-only.
    pub fn env(&self) -> Env<'_> {
        Env {
            content: self.content,
            progress: self.progress,
            calendar: self.calendar,
            now: self.now,
            mono_ms: self.mono_ms,
            lang: self.lang,
            size: self.size,
            summary: self.summary,
            revision: self.revision,
            search_index: self.search_index,
            profile: self.profile.as_deref(),
            team: self.team,
        }
    }
}

/// What drawing and fitting may read.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub content: &'a Content,
    pub progress: &'a Progress,
    pub calendar: &'a WorkCalendar,
    pub now: NaiveDateTime,
    /// The monotonic count at `now` (see [`Moment`]).
    pub mono_ms: u64,
    pub lang: Lang,
    pub size: (u16, u16),
    /// Counts and due lists, recomputed when progress or the day changes.
    pub summary: &'a Summary,
    /// Advanced each time `summary` is recomputed (progress or the day changed). A screen
    /// that counts figures of its own keeps them with the revision they were counted at and
    /// counts again only when it moves, so a key costs the same with a year of history.
    pub revision: u64,
    pub search_index: Option<&'a SearchIndex>,
    pub profile: Option<&'a str>,
    /// The team's members and their last sync (team mode; empty when solo).
    pub team: &'a [Member],
}

impl Env<'_> {
    /// The wall clock and the monotonic count together.
    pub fn moment(&self) -> Moment {
        Moment {
            wall: self.now,
            mono_ms: self.mono_ms,
        }
    }
}

impl Env<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// Hands a key, a paste or a form action to the one form widget and returns what it made of
/// it; `None` for an input a form does not take (a tick, a selection). Every form screen and
/// dialog goes through this, so the form widget is driven the same way everywhere.
pub fn form_event(form: &mut crate::widgets::form::Form, input: Input) -> Option<FormEvent> {
    match input {
        Input::Action(action) => Some(form.action(action)),
        Input::Key(key) => Some(form.key(key)),
        Input::Paste(text) => Some(form.paste(&text)),
        Input::Tick | Input::Select(_) => None,
    }
}

/// Every screen and dialog.
pub trait Component {
    /// Which key bindings apply now (a screen with a prompt open answers the prompt's).
    fn scope(&self) -> Scope;

    /// The screen's name in the header line.
    fn title(&self, lang: Lang) -> &'static str;

    /// One input; see the module documentation.
    fn handle(&mut self, input: Input, ctx: &mut Ctx) -> Outcome;

    /// Fits lists, inputs and scroll positions to `env.size` and the current data.
    fn fit(&mut self, _env: &Env) {}

    /// Whether a visible clock runs, so the runtime should send a [`Input::Tick`] each
    /// second. Idle screens get no ticks and write nothing to the terminal.
    fn wants_tick(&self) -> bool {
        false
    }

    /// Whether Back (Esc, h, ←) belongs to this screen rather than leaving it.
    fn handles_back(&self) -> bool {
        false
    }

    /// The text input that has the keyboard focus, if any: after each key or paste the app
    /// shows its limit message ([`crate::widgets::text_input::TextInput::limit_notice`]) in
    /// the footer, so every field says when a paste was cut or typing is at the limit.
    fn focused_input(&self) -> Option<&crate::widgets::text_input::TextInput> {
        None
    }

    /// The form widget that has the keyboard, if any: the footer says what its keys do
    /// there (a one-field form's Enter is done, not "next").
    fn form(&self) -> Option<&crate::widgets::form::Form> {
        None
    }

    fn render(&self, frame: &mut Frame, env: &Env, theme: &Theme);
}
