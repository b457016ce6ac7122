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
pub mod volume_io;

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

/// Every ICL ID used by recon/, dbrc/ and dbdata/ is documented.
#[cfg(test)]
mod messages_doc {
    #[test]
    fn every_id_is_documented() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let doc = std::fs::read_to_string(root.join("docs/messages.md")).unwrap_or_default();
        let mut missing = Vec::new();
        let mut stack = vec![
            root.join("src/ims/recon"),
            root.join("src/ims/dbrc"),
            root.join("src/ims/dbdata"),
        ];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let src = std::fs::read_to_string(&p).unwrap_or_default();
                    for (i, _) in src.match_indices("\"ICL3") {
                        let id = &src[i + 1..(i + 8).min(src.len())];
                        let b = id.as_bytes();
                        let well_formed =
                            b.len() == 7 && b[4..6].iter().all(u8::is_ascii_digit) && b"IWES".contains(&b[6]);
                        if well_formed && !doc.contains(&format!("| {id} |")) && !missing.contains(&id.to_string()) {
                            missing.push(id.to_string());
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "IDs not in docs/messages.md: {missing:?}");
    }
}
