//! The RECON: record model, the binary record format and LIST output.
//!
//! - [`Recon`] holds every record of a RECON set (header, DB, partition,
//!   DBDS/AREA with ADS and history, CA groups, logs, subsystems, backout).
//! - [`codec::encode`] / [`codec::decode`] turn it into the records of a RECON
//!   data set and back; every corruption gives an ICL35x-37x error.
//! - [`list`] prints LIST.RECON / LIST.DB / LIST.DBDS / LIST.LOG / LIST.SUBSYS.

pub mod cagrp;
pub mod codec;
pub mod db;
pub mod dbds;
pub mod extra;
pub mod header;
pub(crate) mod kw;
pub mod list;
pub mod logs;
pub mod names;
pub mod store;
pub mod subsys;
pub mod time;

pub use cagrp::{Ca, CaGroup, CaMember};
pub use codec::{decode, encode};
pub use db::{AccessIntent, ActiveSet, Db, DbAuth, DbKind, HaldbMaster, KeyString, Partition};
pub use dbds::{Ads, Alloc, AreaInfo, DbOrg, Dbds, DsOrg, IcDataSet, IcKind, Image, Recov, Reorg};
pub use extra::{Extra, RawField};
pub use header::{CmdAuth, Header, LogDsnCheck, ReconDs, ReconStatus};
pub use logs::{Log, LogCopy, LogDsn, LogKind, Olds, OldsEntry, OldsStatus};
pub use store::{PartitionSpec, Recon};
pub use subsys::{Backout, SsType, Subsys, SubsysAuth, Uor};
pub use time::ReconTime;

#[cfg(test)]
pub(crate) mod testgen;
