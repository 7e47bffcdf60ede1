//! Render-only pieces shared by screens.

pub mod ambiguous;
pub mod form;
pub mod text_input;
pub mod truncate;
pub mod wrap;

/// A count of rows or columns as a terminal coordinate, saturating at `u16::MAX` (a screen is
/// never that large, so nothing is lost).
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
