//! The runner's state and keys: step done, back, pause, flag with a note, presenter view and
//! abort. Every change is written into progress at once (see [`sop_run::store`]).

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent};

use crate::app::{Action, App, Effect, Screen};
use crate::domain::sop_run::{self, ActiveRun, Advance};
use crate::keymap::Scope;
use crate::widgets::text_input::{InputOutcome, TextInput};

const FLAG_MAX_CHARS: usize = 200;

/// The note being typed for a flag, and what it was before (Esc puts that back).
#[derive(Debug, Clone)]
pub struct FlagInput {
    pub input: TextInput,
    pub original: String,
}

#[derive(Debug, Clone)]
pub struct RunnerState {
    /// Index of the SOP in the content.
    pub sop: usize,
    pub run: ActiveRun,
    /// Where the run's record sits in `progress.sop_runs`.
    pub record: usize,
    pub presenter: bool,
    /// Rows scrolled in the step text (or the result table once the run is over).
    pub scroll: u16,
    pub flag_input: Option<FlagInput>,
    pub confirm_abort: bool,
}

impl RunnerState {
    pub fn new(sop: usize, run: ActiveRun, record: usize) -> Self {
        Self {
            sop,
            run,
            record,
            presenter: false,
            scroll: 0,
            flag_input: None,
            confirm_abort: false,
        }
    }

    pub fn scope(&self) -> Scope {
        if self.run.is_over() {
            Scope::SopSummary
        } else if self.presenter {
            Scope::SopPresenter
        } else {
            Scope::SopRunner
        }
    }

    /// Clocks are visible and counting. The presenter view shows no clock, so it needs no
    /// ticks and stays silent.
    pub fn ticking(&self) -> bool {
        self.run.is_running() && !self.presenter
    }

    pub fn is_typing(&self) -> bool {
        self.flag_input.is_some()
    }

    pub fn confirming_abort(&self) -> bool {
        self.confirm_abort
    }
}

fn runner(app: &mut App) -> Option<&mut RunnerState> {
    match app.screens.last_mut() {
        Some(Screen::SopRunner(state)) => Some(state),
        _ => None,
    }
}

/// Writes the run into progress and asks for a save.
fn save(app: &mut App) -> Vec<Effect> {
    let App {
        screens, progress, ..
    } = app;
    if let Some(Screen::SopRunner(state)) = screens.last_mut() {
        state.record = sop_run::store(progress, &state.run, Some(state.record));
        vec![Effect::Save]
    } else {
        Vec::new()
    }
}

pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let now = app.moment();
    let Some(state) = runner(app) else {
        return Vec::new();
    };
    if state.run.is_over() {
        return match action {
            Action::StartRun => {
                let sop = state.sop;
                super::ask_to_start(app, sop);
                Vec::new()
            }
            Action::ScrollDetailDown | Action::Down => {
                state.scroll = state.scroll.saturating_add(1);
                Vec::new()
            }
            Action::ScrollDetailUp | Action::Up => {
                state.scroll = state.scroll.saturating_sub(1);
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    match action {
        Action::StepDone => {
            match state.run.next(now) {
                Advance::Moved => state.scroll = 0,
                Advance::Finished => {
                    state.scroll = 0;
                    state.presenter = false;
                }
                Advance::Ignored => return Vec::new(),
            }
            save(app)
        }
        Action::StepBack => {
            if state.run.back(now) {
                state.scroll = 0;
                save(app)
            } else {
                Vec::new()
            }
        }
        Action::TogglePause => {
            if state.run.toggle_pause(now) {
                save(app)
            } else {
                Vec::new()
            }
        }
        Action::FlagStep => {
            let original = state.run.flag(state.run.current()).unwrap_or("").to_owned();
            state.flag_input = Some(FlagInput {
                input: TextInput::single_line(&original).with_max_chars(FLAG_MAX_CHARS),
                original,
            });
            Vec::new()
        }
        Action::TogglePresenter => {
            state.presenter = !state.presenter;
            Vec::new()
        }
        Action::AbortRun => {
            state.confirm_abort = true;
            Vec::new()
        }
        Action::ScrollDetailDown => {
            state.scroll = state.scroll.saturating_add(1);
            Vec::new()
        }
        Action::ScrollDetailUp => {
            state.scroll = state.scroll.saturating_sub(1);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Keys while the flag note is open or the abort question is asked.
pub fn handle_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let now = app.moment();
    let lang = app.lang;
    let Some(state) = runner(app) else {
        return Vec::new();
    };
    if state.confirm_abort {
        return match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => {
                state.confirm_abort = false;
                state.run.abort(now);
                let done = state.run.record().steps_done();
                let total = state.run.len();
                let effects = save(app);
                app.screens.pop();
                app.notice = Some(format!(
                    "{} {done}/{total} {}",
                    lang.t("已中止预演：完成", "Run aborted:"),
                    lang.t(
                        "步，记录已保留为「未完成」",
                        "steps done, kept as unfinished"
                    )
                ));
                effects
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                state.confirm_abort = false;
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    let Some(flag) = state.flag_input.as_mut() else {
        return Vec::new();
    };
    match flag.input.handle_key(key) {
        InputOutcome::Edited => set_flag_from_input(app, now.wall),
        InputOutcome::Submit => {
            let effects = set_flag_from_input(app, now.wall);
            if let Some(state) = runner(app) {
                state.flag_input = None;
            }
            effects
        }
        InputOutcome::Cancel => {
            let original = flag.original.clone();
            state.flag_input = None;
            if state.run.set_flag(&original, now.wall) {
                save(app)
            } else {
                Vec::new()
            }
        }
        InputOutcome::Moved | InputOutcome::Ignored => Vec::new(),
    }
}

/// The note as typed so far becomes the step's flag (and its pending finding).
fn set_flag_from_input(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let Some(state) = runner(app) else {
        return Vec::new();
    };
    let text = state
        .flag_input
        .as_ref()
        .map(|f| f.input.text())
        .unwrap_or_default();
    if state.run.set_flag(&text, now) {
        save(app)
    } else {
        Vec::new()
    }
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let now = app.now;
    let Some(flag) = runner(app).and_then(|s| s.flag_input.as_mut()) else {
        return Vec::new();
    };
    flag.input.insert_str(text);
    set_flag_from_input(app, now)
}
