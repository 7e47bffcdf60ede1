//! Render-only pieces shared by screens.

pub mod text_input;
pub mod truncate;
pub mod wrap;
