//! IMS content of sample farms: RECONs built by running DBRC command
//! streams, and database data sets generated to match their registration.

use std::collections::BTreeMap;

use crate::dasd::Volume;
use crate::ims::dbd::Dbd;
use crate::ims::dbdata::{self, AreaGeometry, DsKind, GenSpec};
use crate::ims::dbrc::{DbdLib, Dbrc};
use crate::ims::recon::{DbKind, DbOrg, DsOrg, Recon, ReconTime, volume_io};
use crate::{Result, icl, icl_bail};

/// The sample clock as a RECON time.
pub fn recon_time(clock: u64) -> ReconTime {
    let s = crate::dasd::dates::stamp_of(clock);
    ReconTime::from_tenths(
        ReconTime {
            year: s.date.year,
            day: s.date.day,
            hour: s.hour,
            minute: s.minute,
            second: s.second,
            tenth: 0,
        }
        .to_tenths(),
    )
}

/// Run a DBRC command stream against an empty RECON. Any command that
/// ends with a condition code above 4 fails the build, with DBRC's output.
pub fn build_recon(commands: &str, origin: &str, clock: u64, lib: Option<&dyn DbdLib>) -> Result<Recon> {
    let mut dbrc = Dbrc::new(None, recon_time(clock));
    if let Some(l) = lib {
        dbrc = dbrc.with_dbdlib(l);
    }
    let rep = dbrc.run(commands);
    if rep.highest_cc > 4 || rep.terminated {
        let first = rep
            .outcomes
            .iter()
            .find(|o| o.cc > 4)
            .map(|o| {
                format!(
                    "line {} {}: {}",
                    o.line,
                    o.command,
                    o.error.as_ref().map(|e| e.to_string()).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        icl_bail!(
            "ICL266E",
            "{origin}: DBRC commands ended with condition code {} ({first})",
            rep.highest_cc
        );
    }
    dbrc.recon
        .ok_or_else(|| icl!("ICL266E", "{origin}: the commands did not initialise the RECON"))
}

/// Store a RECON in its cluster.
pub fn store_recon(vol: &mut Volume, dsn: &str, recon: &Recon) -> Result<()> {
    volume_io::store(vol, dsn, recon)
}

/// How the RECON registers one data set.
struct Registration {
    dbd: String,
    ddn: String,
    kind: DsKind,
    dsid: u16,
    partition_id: u16,
    reorg: u16,
    area: bool,
}

fn find(recon: &Recon, dsn: &str) -> Option<Registration> {
    for db in recon.dbs.values() {
        for d in &db.dbds {
            let area_match = d.area.as_ref().is_some_and(|a| a.ads.iter().any(|x| x.adsn == dsn));
            if d.dsn != dsn && !area_match {
                continue;
            }
            let (pid, reorg) = match &db.kind {
                DbKind::Part(p) => (p.id, p.reorg),
                _ => (0, 0),
            };
            let kind = if d.area.is_some() {
                DsKind::DedbArea
            } else if d.ddn.ends_with('L') && pid != 0 {
                DsKind::Ilds
            } else if matches!(d.dborg, DbOrg::Index | DbOrg::Psindex) || (pid != 0 && d.ddn.ends_with('X')) {
                DsKind::Index
            } else if d.dsorg == DsOrg::Vsam {
                DsKind::Esds
            } else {
                DsKind::Osam
            };
            return Some(Registration {
                dbd: db.name.clone(),
                ddn: d.ddn.clone(),
                kind,
                dsid: d.dsid,
                partition_id: pid,
                reorg,
                area: d.area.is_some(),
            });
        }
    }
    None
}

/// Fill a database data set with generated records. Its identity (DBD,
/// DD name, HALDB partition ID and reorg number) comes from the RECON.
/// What to generate for one database data set.
pub struct DbFill<'a> {
    pub dsn: &'a str,
    pub vsam: bool,
    pub recon: &'a Recon,
    pub roots: u32,
    pub seed: u64,
    pub clock: u64,
    /// DBD sources of the system (for DEDB area geometry).
    pub dbds: Option<&'a BTreeMap<String, Dbd>>,
}

/// `(a,b)` or `a` of a DBD operand.
fn pair(v: Option<&str>) -> Option<(u32, u32)> {
    let v = v?.trim().trim_start_matches('(').trim_end_matches(')');
    let mut it = v.split(',').map(|x| x.trim().parse::<u32>().ok());
    Some((it.next()??, it.next().flatten().unwrap_or(0)))
}

/// SIZE, UOW and ROOT of a DEDB area from its DBD AREA statement.
fn area_geometry(dbd: &Dbd, area: &str) -> Option<AreaGeometry> {
    let a = dbd.areas.iter().find(|a| a.dd1.as_deref() == Some(area))?;
    let (size, _) = pair(a.size.as_deref())?;
    let (uow, uow_ov) = pair(a.uow.as_deref())?;
    let (root, root_ov) = pair(a.root.as_deref())?;
    Some(AreaGeometry {
        ci_size: size,
        uow_cis: uow as u16,
        uow_overflow: uow_ov as u16,
        root_uows: root,
        root_overflow: root_ov,
    })
}

pub fn fill_database(vol: &mut Volume, f: &DbFill<'_>) -> Result<()> {
    let DbFill {
        dsn,
        vsam,
        recon,
        roots,
        seed,
        clock,
        dbds,
    } = *f;
    let reg = find(recon, dsn).ok_or_else(|| icl!("ICL266E", "{dsn} is not registered in the RECON (DBDS or ADS)"))?;
    let target = if vsam { format!("{dsn}.DATA") } else { dsn.to_string() };
    let block_size = vol.dcb(&target)?.blksize as u32;
    let geometry = dbds
        .and_then(|m| m.get(&reg.dbd))
        .and_then(|d| area_geometry(d, &reg.ddn));
    let area = if reg.area {
        Some(geometry.filter(|g| g.ci_size == block_size).unwrap_or(AreaGeometry {
            ci_size: block_size,
            uow_cis: 20,
            uow_overflow: 4,
            root_uows: 100,
            root_overflow: 10,
        }))
    } else {
        None
    };
    let bytes = dbdata::generate(&GenSpec {
        dbd: reg.dbd,
        ddn: reg.ddn,
        kind: reg.kind,
        dsid: reg.dsid,
        partition_id: reg.partition_id,
        reorg: reg.reorg,
        block_size,
        seed,
        count: roots,
        created: recon_time(clock),
        area,
    })?;
    let blocks: Vec<Vec<u8>> = bytes.chunks(block_size as usize).map(<[u8]>::to_vec).collect();
    vol.write_all_blocks(&target, &blocks)
}
