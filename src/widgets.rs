//! Render-only pieces shared by screens.

pub mod text_input;
pub mod wrap;
