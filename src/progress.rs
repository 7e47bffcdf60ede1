//! The user's data: what they have done, noted and rehearsed, and how it is kept safe on disk.

mod codec;
pub mod model;
pub mod store;

pub use codec::{DecodeError, Decoded, SCHEMA_VERSION, decode, decode as codec_decode, encode};
pub use model::*;
pub use store::{BackupInfo, LockGuard, SaveStep, Store, StoreError};
