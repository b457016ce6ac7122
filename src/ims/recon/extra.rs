//! Fields a reader did not recognise, kept so a read-modify-write of a RECON
//! written by a newer imsclone loses nothing.

use serde::{Deserialize, Serialize};

/// One tagged field exactly as it was read (tag and value bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RawField {
    pub tag: u16,
    pub value: Vec<u8>,
}

/// The unknown fields of one record or group, in the order they were read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Extra(pub Vec<RawField>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
