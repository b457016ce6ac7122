//! `Recon`: every record of one RECON set, with typed lookups and the
//! mutation helpers the DBRC command processor and the clone engine use.

use super::cagrp::CaGroup;
use super::db::{AccessIntent, Db, DbAuth, DbKind, HaldbMaster, Partition};
use super::dbds::{DbOrg, Dbds, DsOrg};
use super::extra::Extra;
use super::header::Header;
use super::logs::{Log, Olds};
use super::subsys::{Backout, Subsys};
use super::subsys::{SsType, SubsysAuth};
use super::time::ReconTime;
use crate::dasd::ebcdic;
use crate::icl_bail;
use crate::msg::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Highest HALDB partition ID DBRC hands out (IDs are 5 digits in DSNs;
/// IBM's exact limit is unconfirmed, see IMS-REFERENCE §11).
pub const MAX_PARTITION_ID: u16 = 32_767;

/// All records of a RECON set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recon {
    pub header: Header,
    /// DB records by DBD name (partitions by partition name), each holding
    /// its DBDS/AREA records.
    pub dbs: BTreeMap<String, Db>,
    pub ca_groups: BTreeMap<String, CaGroup>,
    /// PRIOLD/SECOLD records.
    pub olds: Vec<Olds>,
    /// PRILOG/SECLOG/PRISLD/SECSLD records.
    pub logs: Vec<Log>,
    pub subsystems: BTreeMap<String, Subsys>,
    pub backouts: BTreeMap<String, Backout>,
}

/// What INIT.PART needs besides the master and partition names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartitionSpec {
    pub dsn_prefix: String,
    pub key_string: Option<super::db::KeyString>,
    pub block_sizes: Vec<u32>,
    pub fbff: u8,
    pub fspf: u8,
    pub genmax: Option<u16>,
    pub recovpd: u16,
    pub reuse: bool,
}

/// DD-name letter of data set group `i` (0-based): A-J.
pub fn dsg_letter(i: usize) -> char {
    (b'A' + (i.min(9) as u8)) as char
}

impl Recon {
    /// An empty, initialised RECON (what INIT.RECON leaves).
    pub fn new(now: ReconTime) -> Self {
        Recon {
            header: Header::new(now),
            dbs: BTreeMap::new(),
            ca_groups: BTreeMap::new(),
            olds: Vec::new(),
            logs: Vec::new(),
            subsystems: BTreeMap::new(),
            backouts: BTreeMap::new(),
        }
    }

    pub fn db(&self, name: &str) -> Option<&Db> {
        self.dbs.get(name)
    }

    pub fn db_mut(&mut self, name: &str) -> Option<&mut Db> {
        self.dbs.get_mut(name)
    }

    /// DBDS (or AREA) record by DBD and DD/area name.
    pub fn dbds(&self, dbd: &str, ddn: &str) -> Option<&Dbds> {
        self.dbs.get(dbd)?.dbds(ddn)
    }

    pub fn dbds_mut(&mut self, dbd: &str, ddn: &str) -> Option<&mut Dbds> {
        self.dbs.get_mut(dbd)?.dbds_mut(ddn)
    }

    /// AREA record of a DEDB.
    pub fn area(&self, dbd: &str, area: &str) -> Option<&Dbds> {
        self.dbds(dbd, area).filter(|d| d.is_area())
    }

    /// Partitions of a HALDB master, ordered by partition ID.
    pub fn partitions(&self, master: &str) -> Vec<&Db> {
        let mut v: Vec<&Db> = self
            .dbs
            .values()
            .filter(|d| d.partition().is_some_and(|p| p.master == master))
            .collect();
        v.sort_by_key(|d| d.partition().map_or(0, |p| p.id));
        v
    }

    /// Partition IDs of a master in ascending order.
    pub fn partition_ids(&self, master: &str) -> Vec<u16> {
        self.partitions(master)
            .iter()
            .filter_map(|d| d.partition().map(|p| p.id))
            .collect()
    }

    /// Take the next DMB number from the header counter.
    pub fn next_dmb(&mut self) -> u32 {
        self.header.dmb_counter = self.header.dmb_counter.saturating_add(1);
        self.header.dmb_counter
    }

    /// Add a DB record; ICL360E if the name is taken (DBDs and partitions
    /// share one name space).
    pub fn add_db(&mut self, db: Db) -> Result<()> {
        if self.dbs.contains_key(&db.name) {
            icl_bail!("ICL360E", "DB {} is already registered in RECON", db.name);
        }
        self.dbs.insert(db.name.clone(), db);
        Ok(())
    }

    /// Remove a DB with its DBDS history; for a HALDB master its partitions
    /// go too. Returns the names of the DB records removed (ICL361E if none).
    pub fn remove_db(&mut self, name: &str) -> Result<Vec<String>> {
        let Some(db) = self.dbs.remove(name) else {
            icl_bail!("ICL361E", "DB {name} is not registered in RECON");
        };
        let mut gone = vec![db.name.clone()];
        match &db.kind {
            DbKind::Haldb(_) => {
                let parts: Vec<String> = self.partitions(name).iter().map(|d| d.name.clone()).collect();
                for p in parts {
                    self.dbs.remove(&p);
                    gone.push(p);
                }
            }
            DbKind::Part(p) => {
                let master = p.master.clone();
                self.relink_partitions(&master);
            }
            DbKind::Ims | DbKind::Fp => {}
        }
        for g in &gone {
            self.forget_db_references(g);
        }
        Ok(gone)
    }

    /// Drop CA-group memberships and subsystem authorisations of a DB.
    fn forget_db_references(&mut self, dbd: &str) {
        for g in self.ca_groups.values_mut() {
            g.members.retain(|m| m.dbd != dbd);
        }
        for s in self.subsystems.values_mut() {
            s.auth.retain(|a| a.dbd != dbd);
        }
    }

    /// Add a DBDS or AREA to a DB; ICL361E if the DB is missing, ICL362E if
    /// the DD/area name exists.
    pub fn add_dbds(&mut self, dbd: &str, dbds: Dbds) -> Result<()> {
        let Some(db) = self.dbs.get_mut(dbd) else {
            icl_bail!("ICL361E", "DB {dbd} is not registered in RECON");
        };
        if db.dbds(&dbds.ddn).is_some() {
            icl_bail!("ICL362E", "DBDS {dbd} {} is already registered in RECON", dbds.ddn);
        }
        db.dbds.push(dbds);
        db.dbds.sort_by_key(|d| ebcdic::encode(&d.ddn));
        Ok(())
    }

    /// Remove a DBDS or AREA with its history; ICL363E if it does not exist.
    pub fn remove_dbds(&mut self, dbd: &str, ddn: &str) -> Result<Dbds> {
        let found = self
            .dbs
            .get_mut(dbd)
            .and_then(|db| db.dbds.iter().position(|d| d.ddn == ddn).map(|i| db.dbds.remove(i)));
        match found {
            Some(d) => {
                for g in self.ca_groups.values_mut() {
                    g.members.retain(|m| !(m.dbd == dbd && m.ddn == ddn));
                }
                Ok(d)
            }
            None => icl_bail!("ICL363E", "DBDS {dbd} {ddn} is not registered in RECON"),
        }
    }

    /// INIT.PART: define partition `name` of HALDB `master` with the next
    /// partition ID (last assigned + 1, never reused). Creates the DBDS
    /// records of its data sets. Returns the new ID.
    pub fn add_partition(&mut self, master: &str, name: &str, spec: &PartitionSpec) -> Result<u16> {
        let Some(m) = self.dbs.get(master).and_then(Db::master).cloned() else {
            icl_bail!("ICL364E", "{master} is not a HALDB master registered in RECON");
        };
        if self.dbs.contains_key(name) {
            icl_bail!("ICL360E", "DB {name} is already registered in RECON");
        }
        if m.last_part_id >= MAX_PARTITION_ID {
            icl_bail!(
                "ICL365E",
                "HALDB {master} has used every partition ID up to {MAX_PARTITION_ID}"
            );
        }
        let id = m.last_part_id + 1;
        let (share, recoverable) = match self.dbs.get(master) {
            Some(d) => (d.share_level, d.recoverable),
            None => (0, true),
        };
        let part = Partition {
            master: master.to_string(),
            id,
            dsn_prefix: spec.dsn_prefix.clone(),
            key_string: spec.key_string.clone(),
            block_sizes: spec.block_sizes.clone(),
            fbff: spec.fbff,
            fspf: spec.fspf,
            genmax: spec.genmax.unwrap_or(2),
            recovpd: spec.recovpd,
            reuse: spec.reuse,
            reorg: 1,
            active_set: super::db::ActiveSet::AtoJ,
            pinit: true,
            prev: None,
            next: None,
            change_count: 0,
        };
        let dmb = self.next_dmb();
        let mut db = Db::new(name, DbKind::Part(part.clone()), dmb);
        db.share_level = share;
        db.recoverable = recoverable;
        db.dbds = partition_dbds(name, &part, &m);
        self.dbs.insert(name.to_string(), db);
        if let Some(DbKind::Haldb(mm)) = self.dbs.get_mut(master).map(|d| &mut d.kind) {
            mm.last_part_id = id;
        }
        self.relink_partitions(master);
        Ok(id)
    }

    /// DELETE.PART: remove one partition (its ID is not given out again).
    pub fn remove_partition(&mut self, master: &str, name: &str) -> Result<Db> {
        let is_part = self
            .dbs
            .get(name)
            .and_then(Db::partition)
            .is_some_and(|p| p.master == master);
        if !is_part {
            icl_bail!(
                "ICL366E",
                "partition {name} of HALDB {master} is not registered in RECON"
            );
        }
        let db = match self.dbs.remove(name) {
            Some(d) => d,
            None => icl_bail!(
                "ICL366E",
                "partition {name} of HALDB {master} is not registered in RECON"
            ),
        };
        self.forget_db_references(name);
        self.relink_partitions(master);
        Ok(db)
    }

    /// Recompute PREVIOUS/NEXT PARTITION of a master's partitions: high-key
    /// order (partitions without a key string last), or ID order when a
    /// partition selection exit decides.
    pub fn relink_partitions(&mut self, master: &str) {
        let by_exit = self
            .dbs
            .get(master)
            .and_then(Db::master)
            .is_some_and(|m| m.partsel.is_some());
        let mut order: Vec<(Option<Vec<u8>>, u16, String)> = self
            .partitions(master)
            .iter()
            .filter_map(|d| {
                let p = d.partition()?;
                let key = if by_exit {
                    None
                } else {
                    p.key_string.as_ref().map(|k| k.bytes.clone())
                };
                Some((key, p.id, d.name.clone()))
            })
            .collect();
        // None sorts first in Option's order; we want keyless partitions last.
        order.sort_by(|a, b| match (&a.0, &b.0) {
            (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        let names: Vec<String> = order.into_iter().map(|o| o.2).collect();
        for (i, n) in names.iter().enumerate() {
            if let Some(DbKind::Part(p)) = self.dbs.get_mut(n).map(|d| &mut d.kind) {
                p.prev = i.checked_sub(1).and_then(|j| names.get(j)).cloned();
                p.next = names.get(i + 1).cloned();
            }
        }
    }

    /// Record that subsystem `ssid` holds `dbd` (or one of its areas) with
    /// `intent`: both the DB authorization list and the SSYS record change,
    /// as when IMS signs on to a database. ICL361E/ICL381E if either is missing.
    pub fn authorize(&mut self, ssid: &str, dbd: &str, area: Option<&str>, intent: AccessIntent) -> Result<()> {
        let Some(s) = self.subsystems.get_mut(ssid) else {
            icl_bail!("ICL381E", "subsystem {ssid} is not registered in RECON");
        };
        let Some(db) = self.dbs.get_mut(dbd) else {
            icl_bail!("ICL361E", "DB {dbd} is not registered in RECON");
        };
        s.auth.retain(|a| !(a.dbd == dbd && a.area.as_deref() == area));
        s.auth.push(SubsysAuth {
            dbd: dbd.to_string(),
            area: area.map(str::to_string),
            intent,
            extra: Extra::default(),
        });
        // State 6 is what LIST shows for a database in use by an online IMS.
        let state = match s.sstype {
            SsType::Online => 6,
            SsType::Batch => 2,
        };
        db.auth.retain(|a| a.ssid != ssid);
        db.auth.push(DbAuth {
            ssid: ssid.to_string(),
            intent,
            state,
            extra: Extra::default(),
        });
        Ok(())
    }

    /// Flag IC RECOMMENDED on every DBDS of a DB (a HALDB master: of its
    /// partitions, except ILDS and PHIDAM index data sets), as IMS Cloning
    /// Tool does after a refresh. Returns how many DBDS were flagged.
    pub fn set_ic_recommended(&mut self, dbd: &str) -> Result<usize> {
        let mut names = vec![dbd.to_string()];
        match self.dbs.get(dbd) {
            Some(db) if db.master().is_some() => names.extend(self.partitions(dbd).iter().map(|p| p.name.clone())),
            Some(_) => {}
            None => icl_bail!("ICL361E", "DB {dbd} is not registered in RECON"),
        }
        let mut n = 0;
        for name in names {
            let Some(db) = self.dbs.get_mut(&name) else {
                continue;
            };
            let haldb = db.partition().is_some();
            for d in db.dbds.iter_mut().filter(|d| !(haldb && d.dsid > 10)) {
                d.ic_recommended = true;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Put every list in canonical (RECON key) order. `decode` returns
    /// canonical RECONs, so `decode(encode(r)) == r.normalized()`.
    pub fn normalize(&mut self) {
        // Names compare in EBCDIC, as they do inside RECON keys.
        let e = |s: &str| ebcdic::encode(s);
        for db in self.dbs.values_mut() {
            db.dbds.sort_by_key(|d| e(&d.ddn));
            for d in &mut db.dbds {
                d.sort_history();
            }
        }
        for g in self.ca_groups.values_mut() {
            g.cas.sort_by_key(|c| c.run);
        }
        self.olds.sort_by_key(|o| (o.copy, e(&o.ssid)));
        self.logs.sort_by_key(|l| (l.kind, l.copy, e(&l.ssid), l.start));
    }

    /// A normalised copy.
    pub fn normalized(&self) -> Self {
        let mut r = self.clone();
        r.normalize();
        r
    }
}

/// The DBDS records of a new partition: A.. for each data set group, X
/// (PHIDAM primary index) and L (ILDS); PSINDEX partitions have only A.
fn partition_dbds(name: &str, p: &Partition, m: &HaldbMaster) -> Vec<Dbds> {
    let mut v = Vec::new();
    let groups = if m.dborg == DbOrg::Psindex {
        1
    } else {
        usize::from(m.dsg_count.clamp(1, 10))
    };
    for i in 0..groups {
        let letter = dsg_letter(i);
        let mut d = Dbds::new(&format!("{name}{letter}"), &p.dsn(letter), (i + 1) as u16);
        d.dborg = m.dborg;
        d.dsorg = if m.dborg == DbOrg::Psindex {
            DsOrg::Vsam
        } else {
            m.dsorg
        };
        d.genmax = p.genmax;
        d.recovpd = p.recovpd;
        d.reuse = p.reuse;
        v.push(d);
    }
    if m.dborg != DbOrg::Psindex {
        let mut extra = vec![('L', 12u16)];
        if m.dborg == DbOrg::Phidam {
            extra.insert(0, ('X', 11));
        }
        for (letter, dsid) in extra {
            let mut d = Dbds::new(&format!("{name}{letter}"), &p.dsn(letter), dsid);
            d.dborg = m.dborg;
            d.dsorg = DsOrg::Vsam;
            d.genmax = p.genmax;
            v.push(d);
        }
    }
    v.sort_by_key(|d| ebcdic::encode(&d.ddn));
    v
}
