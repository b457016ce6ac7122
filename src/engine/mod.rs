//! The engine: requests become pure plans (SIMULATE shows them), an
//! executor runs a plan's steps on a worker thread with a journal so a
//! killed run can be resumed or rolled back, and sends events back.

pub mod clone;
pub mod events;
pub mod exec;
pub mod finding;
pub mod help;
pub mod jobs;
pub mod journal;
pub mod movers;
pub mod names;
pub mod plan;
pub mod report;
pub mod request;
pub mod rewrite;
pub mod verify;
