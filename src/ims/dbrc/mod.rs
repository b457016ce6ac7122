//! DBRC: the command language of DSPURX00 and a processor that runs it
//! against a [`Recon`](crate::ims::recon::Recon).
//!
//! - [`parse`] turns SYSIN text into [`Command`]s;
//! - [`Dbrc`] executes them, producing DSPnnnnx replies and condition codes;
//! - [`haldb_ids`] re-creates a HALDB partition ID sequence (with gaps).

pub mod args;
pub mod dbdlib;
pub mod exec;
pub mod haldb_ids;
pub mod parse;
pub mod reply;

mod cmd_db;
mod cmd_list;
mod cmd_notify;
mod cmd_part;
mod cmd_recon;

pub use dbdlib::{DbdFacts, DbdLib, MemDbdLib};
pub use exec::{CC_ERROR, Dbrc, first_error, run_stream};
pub use parse::{Command, Param, Statement, Value, dbrc_sysin, parse, parse_lines};
pub use reply::{Outcome, StreamReport};

#[cfg(test)]
mod tests;
