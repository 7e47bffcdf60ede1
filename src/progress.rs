//! The user's data: what they have done, noted and rehearsed, and how it is kept safe on disk.

pub mod checked;
mod codec;
pub mod compact;
pub mod emergency;
pub mod model;
pub mod people;
pub mod roles;
pub mod settings;
pub mod size;
pub mod store;

pub use codec::{
    DecodeError, Decoded, Migration, SCHEMA_VERSION, Schema, decode, decode as codec_decode,
    decode_as, encode, encode_sized, encoded_len_and_hash,
};
pub use model::*;
pub use people::*;
pub use roles::RolePeople;
pub use settings::{DEFAULT_MARKING, DEFAULT_MARKING_EN, Settings};
pub use store::{BackupInfo, LockGuard, SaveStep, Store, StoreError};
