//! Metadata rewriters of a clone: members and RECON records.

pub mod dbrc_text;
pub mod members;
pub mod recon;
