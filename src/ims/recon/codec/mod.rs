//! The binary RECON record format (see `docs/formats.md`).
//!
//! A RECON data set is a list of variable-length records, each
//! `key (32) | type code (1) | format version (1) | tagged fields`.
//! The `dasd` layer stores the list in a VSAM-like data set; this module
//! only turns a [`Recon`](super::Recon) into records and back.

pub mod enc;
pub mod fields;
pub mod key;
pub mod tags;

mod dec;

pub use dec::decode;
pub use enc::{FORMAT_VERSION, encode};
pub use key::{KEY_LEN, Key, RecType};

#[cfg(test)]
mod tests;
