//! Sample farms: materialize a `sample-systems/NAME` description into a farm.

pub mod spec;
