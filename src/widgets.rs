//! Render-only pieces shared by screens.

pub mod overlay;
pub mod text_input;
