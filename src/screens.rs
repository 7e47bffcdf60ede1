//! One module per screen: its state, how it reacts to actions, and how it draws.

pub mod checklist;
pub mod dashboard;
pub mod editor;
mod frame;
pub mod help;
pub mod interview;
pub mod rectify;
pub mod score;
pub mod search;
pub mod sop;

pub use frame::{clear_popup, render};
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
