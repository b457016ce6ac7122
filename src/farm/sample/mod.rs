//! Sample farms: materialize a `sample-systems/NAME` description into a farm.

pub mod build;
pub mod content;
pub mod imsdata;
pub mod source;
pub mod spec;

pub use build::materialize;
