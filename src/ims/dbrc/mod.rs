//! DBRC: the command language of DSPURX00 and a processor that runs it
//! against a [`Recon`](crate::ims::recon::Recon).

pub mod parse;

pub use parse::{Command, Param, Statement, Value, dbrc_sysin, parse, parse_lines};
