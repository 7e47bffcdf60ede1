//! One module per screen: its state, how it reacts to actions, and how it draws.

pub mod checklist;
pub mod dashboard;
pub mod editor;
pub mod help;
pub mod search;
mod frame;

pub use frame::render;
#[cfg(test)]
mod tests;
