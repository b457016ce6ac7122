//! The farm: one directory holding `farm.toml`, the volume images, the
//! simulated IMS state and the job folders. Nothing outside it is written.

pub mod config;
pub mod lock;
pub mod paths;
pub mod sample;
