//! Demo SOP rehearsal (演示预演): the list of SOPs with their history and trend, one SOP's
//! steps and runs, the start form (who plays each role), and the runner with its presenter
//! view and result.
//!
//! The list, the detail and the runner are screens, the start form a dialog; each keeps the
//! [`Component`](crate::screens::Component) contract.

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

use crate::screens::{Ctx, Outcome, Overlay, Request, Screen};

/// `text` padded or cut to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    crate::widgets::truncate::fit(text, width)
}

/// Shows the SOP list (the area's home) on top of the dashboard.
pub fn open() -> Outcome {
    Outcome::request(Request::Push(Screen::SopList(SopListState::default())))
}

/// Opens the start form for SOP `sop`, names filled in from the last run. A run started
/// from a finished run's result replaces that result on the stack.
pub fn ask_to_start(ctx: &Ctx, sop: usize, replaces_result: bool) -> Outcome {
    match StartForm::new(ctx.content, ctx.progress, sop, ctx.lang) {
        Some(mut form) => {
            form.replaces_result = replaces_result;
            Outcome::request(Request::Open(Overlay::SopStart(form)))
        }
        None => Outcome::none(),
    }
}
