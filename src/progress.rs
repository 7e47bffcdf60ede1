//! The user's data: what they have done, noted and rehearsed, and how it is kept safe on disk.

pub mod model;
mod codec;
// pub mod store;

pub use codec::{DecodeError, SCHEMA_VERSION, decode, encode};
pub use model::*;
// pub use store::{BackupInfo, LockGuard, SaveStep, Store, StoreError};
