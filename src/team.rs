//! Team mode: one file per person in a git repository, merged into the shared state.

pub mod cache;
pub mod clock;
pub mod flat;
pub mod identity;
pub mod merge;
pub mod person;
pub mod repo;
pub mod sync;
pub mod workspace;

#[cfg(test)]
mod rect_ids_tests;
