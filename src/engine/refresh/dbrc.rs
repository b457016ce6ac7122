//! The DBRC command stream of a refresh: for every refreshed database,
//! LIST.DB, DELETE.DB, INIT.DB, INIT.DBDS (or the DEDB area and its ADS
//! records), INIT.PART with the source's partition IDs and gaps. The same
//! text is run against the target RECON by the engine and written as the
//! SYSIN of a DSPURX00 job for an external run.

use std::collections::BTreeMap;

use crate::Result;
use crate::ims::dbrc::haldb_ids::{PartDef, partition_id_commands};
use crate::ims::recon::{Db, DbKind, Dbds, Recon, ReconTime};

fn dbds_options(x: &Dbds) -> String {
    let mut s = format!(" GENMAX({})", x.genmax.max(2));
    if x.recovpd > 0 {
        s.push_str(&format!(" RECOVPD({})", x.recovpd));
    }
    s.push_str(if x.reuse { " REUSE" } else { " NOREUSE" });
    if let Some(g) = &x.cagrp {
        s.push_str(&format!(" CAGRP({g})"));
    }
    s
}

/// The definition to give the target: its own attributes when it has the
/// database (SHARELVL, GENMAX ... are the target's business), else the
/// source's.
fn init_db(name: &str, db: &Db) -> String {
    let kind = match &db.kind {
        DbKind::Ims | DbKind::Part(_) => "TYPEIMS".to_string(),
        DbKind::Fp => "TYPEFP".to_string(),
        DbKind::Haldb(m) => {
            let mut k = "TYPHALDB".to_string();
            if let Some(p) = &m.partsel {
                k.push_str(&format!(" PARTSEL({p})"));
            }
            k
        }
    };
    let rec = if db.recoverable { "RECOVABL" } else { "NONRECOV" };
    format!("INIT.DB DBD({name}) SHARELVL({}) {kind} {rec}", db.share_level)
}

/// Commands for one database. `dsn_of(record name, ddn)` gives the target
/// DSN of each data set; HALDB partitions keep the source's IDs (gaps
/// included) with the target DSN prefixes in `prefix_of(partition)`.
pub fn commands_for(
    name: &str,
    source: &Recon,
    target: &Recon,
    dsn_of: &dyn Fn(&str, &str) -> Option<String>,
    prefix_of: &dyn Fn(&str) -> Option<String>,
    clock: ReconTime,
) -> Result<Vec<String>> {
    let Some(sdb) = source.db(name) else {
        return Ok(Vec::new());
    };
    let tdb = target.db(name);
    let def = tdb.unwrap_or(sdb);
    let mut out = vec![format!("LIST.DB DBD({name}) DBDS")];
    if tdb.is_some() {
        out.push(format!("DELETE.DB DBD({name})"));
    }
    out.push(init_db(name, def));
    match &sdb.kind {
        DbKind::Haldb(_) => {
            // Define the partitions with the source's IDs on a fresh master.
            let mut parts: Vec<PartDef> = crate::ims::dbrc::haldb_ids::partition_defs(source, name);
            for p in parts.iter_mut() {
                if let Some(pre) = prefix_of(&p.name) {
                    p.spec.dsn_prefix = pre;
                }
            }
            let mut scratch = target.clone();
            let _ = scratch.remove_db(name);
            let mut d = crate::ims::dbrc::Dbrc::new(Some(scratch), clock);
            let rep = d.run(&out[out.len() - 1]);
            if rep.highest_cc > 4 {
                return Err(crate::icl!(
                    "ICL579E",
                    "{name}: INIT.DB failed in a trial run: {}",
                    rep.text()
                ));
            }
            let r = d.recon.clone().unwrap_or_else(|| target.clone());
            out.extend(partition_id_commands(&r, name, &parts, clock)?);
        }
        DbKind::Fp => {
            for x in &sdb.dbds {
                let t = tdb.and_then(|t| t.dbds.iter().find(|y| y.ddn == x.ddn)).unwrap_or(x);
                out.push(format!("INIT.DBDS DBD({name}) AREA({}){}", x.ddn, dbds_options(t)));
                if let Some(a) = &x.area {
                    for ads in &a.ads {
                        let dsn = dsn_of(&x.ddn, &ads.addn).unwrap_or_else(|| ads.adsn.clone());
                        out.push(format!(
                            "INIT.ADS DBD({name}) AREA({}) ADDN({}) ADSN({dsn}) AVAIL",
                            x.ddn, ads.addn
                        ));
                    }
                }
            }
        }
        _ => {
            for x in &sdb.dbds {
                let t = tdb.and_then(|t| t.dbds.iter().find(|y| y.ddn == x.ddn)).unwrap_or(x);
                let dsn = dsn_of(name, &x.ddn).unwrap_or_else(|| x.dsn.clone());
                out.push(format!(
                    "INIT.DBDS DBD({name}) DDN({}) DSN({dsn}){}",
                    x.ddn,
                    dbds_options(t)
                ));
            }
        }
    }
    Ok(out)
}

/// Wrap commands at 71 columns with `-` continuations, DSPURX00 style.
pub fn sysin(commands: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for c in commands {
        let mut line = String::from(" ");
        for w in c.split(' ') {
            if line.len() + w.len() + 3 > 71 {
                line.push_str(" -");
                out.push(std::mem::take(&mut line));
                line = String::from("   ");
            }
            if line.trim().is_empty() {
                line.push_str(w);
            } else {
                line.push(' ');
                line.push_str(w);
            }
        }
        out.push(line);
    }
    out
}

/// The target DSN of every data set by (record name, DD or ADDN).
pub type DsnTable = BTreeMap<(String, String), String>;
