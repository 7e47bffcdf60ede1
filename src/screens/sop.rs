//! Demo SOP rehearsal (演示预演): the list of SOPs with their history and trend, one SOP's
//! steps and runs, the start form (who plays each role), and the runner with its presenter
//! view and result.
//!
//! The app hands this module the keys, pastes and actions of its screens through the few
//! entry points below; everything else stays inside.

mod detail;
mod list;
mod runner;
mod runner_view;
pub mod start;
mod summary_view;
#[cfg(test)]
mod tests;
mod text;

pub use detail::SopDetailState;
pub use list::SopListState;
pub use runner::RunnerState;
pub use start::StartForm;

use crossterm::event::KeyEvent;
use ratatui::Frame;

use crate::app::{Action, App, Effect, Overlay, Screen};
use crate::theme::Theme;

/// `text` padded or cut to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    crate::widgets::truncate::fit(text, width)
}

/// Shows the SOP list (the area's home) on top of the dashboard.
pub fn open(app: &mut App) {
    app.screens.push(Screen::SopList(SopListState::default()));
}

/// A run's clocks are on screen and counting.
pub fn wants_tick(app: &App) -> bool {
    matches!(app.screens.last(), Some(Screen::SopRunner(r)) if r.ticking())
}

/// Whether typed text and pastes belong to a field of this area.
pub fn takes_text(app: &App) -> bool {
    match (&app.overlay, app.screens.last()) {
        (Some(Overlay::SopStart(_)), _) => true,
        (None, Some(Screen::SopRunner(r))) => r.is_typing(),
        _ => false,
    }
}

/// Keys for the runner's flag note and abort question, before the key map sees them.
pub fn intercept_key(app: &mut App, key: KeyEvent) -> Option<Vec<Effect>> {
    match app.screens.last() {
        Some(Screen::SopRunner(r)) if r.is_typing() || r.confirming_abort() => {
            Some(runner::handle_key(app, key))
        }
        _ => None,
    }
}

/// Keys for the start form.
pub fn start_form_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    start::handle_key(app, key)
}

pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    if matches!(app.overlay, Some(Overlay::SopStart(_))) {
        return start::paste(app, text);
    }
    runner::paste(app, text)
}

/// Carries out `action` when an SOP screen is on top; `None` when it is not one of ours.
pub fn apply(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    Some(match app.screens.last()? {
        Screen::SopList(_) => list::apply(app, action),
        Screen::SopDetail(_) => detail::apply(app, action),
        Screen::SopRunner(_) => runner::apply(app, action),
        _ => return None,
    })
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    match app.screens.last() {
        Some(Screen::SopList(state)) => list::render(frame, app, state, theme),
        Some(Screen::SopDetail(state)) => detail::render(frame, app, state, theme),
        Some(Screen::SopRunner(state)) if state.run.is_over() => {
            summary_view::render(frame, app, state, theme);
        }
        Some(Screen::SopRunner(state)) => runner_view::render(frame, app, state, theme),
        _ => {}
    }
}

/// Opens the start form for SOP `sop`, names filled in from the last run.
pub fn ask_to_start(app: &mut App, sop: usize) {
    if let Some(form) = StartForm::new(&app.content, &app.progress, sop) {
        app.overlay = Some(Overlay::SopStart(form));
    }
}
