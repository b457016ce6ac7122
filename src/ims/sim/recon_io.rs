//! The RECON side of operator commands, and read-modify-write of a system's
//! RECON copies.
//!
//! DBRC keeps its RECON copies identical (COPY1 and COPY2; the spare stays
//! empty), so a change is made once to the first readable non-empty copy
//! and the result written to every non-empty copy. All of it needs the
//! farm lock.

use serde::Serialize;

use crate::dasd::Access;
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::dbrc::{DbdFacts, MemDbdLib};
use crate::ims::discovery::ImsSystem;
use crate::ims::recon::{AccessIntent, DbAuth, Recon, SsType, SubsysAuth, volume_io};
use crate::{Result, icl, icl_bail};

/// One change an operator command makes in the RECON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ReconOp {
    /// /DBR: drop the subsystem's authorization of the database (the DB
    /// authorization list and the SSYS record, areas included).
    Deauthorize { db: String, ssid: String },
    /// /STA ... OPEN: the subsystem opens the database (or an area) and
    /// signs on for it.
    Authorize {
        db: String,
        area: Option<String>,
        ssid: String,
        intent: AccessIntent,
    },
    /// PROHIBIT AUTHORIZATION: set by /DBR GLOBAL (unless NOPFA), reset by
    /// /STA GLOBAL.
    ProhibitAuth { db: String, on: bool },
    /// READ ONLY: set by /DBD GLOBAL (unless NOPFA), reset by /STA GLOBAL.
    ReadOnly { db: String, on: bool },
}

impl ReconOp {
    /// Apply to a RECON; returns whether a record changed. Databases the
    /// RECON does not register are left alone: IMS commands act on IMS's
    /// definitions, the RECON only mirrors what DBRC controls.
    pub fn apply(&self, r: &mut Recon) -> bool {
        match self {
            ReconOp::Deauthorize { db, ssid } => {
                let mut changed = false;
                if let Some(d) = r.db_mut(db) {
                    let n = d.auth.len();
                    d.auth.retain(|a| &a.ssid != ssid);
                    changed |= d.auth.len() != n;
                }
                if let Some(s) = r.subsystems.get_mut(ssid) {
                    let n = s.auth.len();
                    s.auth.retain(|a| &a.dbd != db);
                    changed |= s.auth.len() != n;
                }
                changed
            }
            ReconOp::Authorize { db, area, ssid, intent } => {
                let state = match r.subsystems.get(ssid).map(|s| s.sstype) {
                    Some(SsType::Batch) => 2,
                    // State 6 is what LIST shows for a database in use by an online IMS.
                    _ => 6,
                };
                let Some(d) = r.db_mut(db) else { return false };
                let mut changed = false;
                if !d.auth.iter().any(|a| &a.ssid == ssid && a.intent == *intent) {
                    d.auth.retain(|a| &a.ssid != ssid);
                    d.auth.push(DbAuth {
                        ssid: ssid.clone(),
                        intent: *intent,
                        state,
                        extra: Default::default(),
                    });
                    changed = true;
                }
                // A subsystem that never signed on to DBRC has no SSYS
                // record to carry the authorization; the DB side is enough.
                if let Some(s) = r.subsystems.get_mut(ssid) {
                    let have = s
                        .auth
                        .iter()
                        .any(|a| &a.dbd == db && &a.area == area && a.intent == *intent);
                    if !have {
                        s.auth.retain(|a| !(&a.dbd == db && &a.area == area));
                        s.auth.push(SubsysAuth {
                            dbd: db.clone(),
                            area: area.clone(),
                            intent: *intent,
                            extra: Default::default(),
                        });
                        changed = true;
                    }
                }
                changed
            }
            ReconOp::ProhibitAuth { db, on } => match r.db_mut(db) {
                Some(d) if d.prohibit_auth != *on => {
                    d.prohibit_auth = *on;
                    true
                }
                _ => false,
            },
            ReconOp::ReadOnly { db, on } => match r.db_mut(db) {
                Some(d) if d.read_only != *on => {
                    d.read_only = *on;
                    true
                }
                _ => false,
            },
        }
    }
}

/// Apply a list of operations; returns how many changed a record.
pub fn apply_all(r: &mut Recon, ops: &[ReconOp]) -> usize {
    ops.iter().filter(|op| op.apply(r)).count()
}

/// The system's RECON data sets in the order DBRC uses them: COPY1, COPY2,
/// then the rest (the spare, normally empty).
fn copies(sys: &ImsSystem) -> Vec<String> {
    let rank = |s: &str| match s {
        "COPY1" => 0,
        "COPY2" => 1,
        _ => 2,
    };
    let mut v: Vec<(u8, String)> = sys.recons.iter().map(|r| (rank(&r.status), r.dsn.clone())).collect();
    v.sort_by_key(|x| x.0);
    let mut out: Vec<String> = Vec::new();
    for (_, d) in v {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// What a read-modify-write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconWrite {
    /// The copy that was read.
    pub source: Option<String>,
    /// The copies written (empty when nothing changed).
    pub written: Vec<String>,
}

/// Read the system's RECON (the first readable non-empty copy).
pub fn load(farm: &Farm, sys: &ImsSystem) -> Result<(String, Recon)> {
    let reader = FarmReader::new(farm)?;
    let mut why = Vec::new();
    for dsn in copies(sys) {
        let vol = match reader.volume_of(&dsn) {
            Ok(v) => v,
            Err(e) => {
                why.push(e.to_string());
                continue;
            }
        };
        if volume_io::is_empty(&vol, &dsn).unwrap_or(true) {
            continue;
        }
        match volume_io::load(&vol, &dsn) {
            Ok(r) => return Ok((dsn, r)),
            Err(e) => why.push(e.to_string()),
        }
    }
    Err(icl!(
        "ICL525E",
        "{}: no readable non-empty RECON copy{}",
        sys.name,
        if why.is_empty() {
            String::new()
        } else {
            format!(" ({})", why.join("; "))
        }
    ))
}

/// Read the system's RECON, let `f` change it, and when it changed write
/// the result to every non-empty copy (each volume synced). Needs the farm
/// lock; `f`'s value is returned with what was written.
pub fn modify<T>(farm: &Farm, sys: &ImsSystem, f: impl FnOnce(&mut Recon) -> T) -> Result<(T, ReconWrite)> {
    if !farm.is_locked() {
        icl_bail!(
            "ICL522S",
            "the RECON of {} can only be updated with the farm lock",
            sys.name
        );
    }
    let (src, mut recon) = load(farm, sys)?;
    let before = recon.clone();
    let out = f(&mut recon);
    let mut w = ReconWrite {
        source: Some(src),
        written: Vec::new(),
    };
    if recon == before {
        return Ok((out, w));
    }
    w.written = store_all(farm, sys, &recon)?;
    Ok((out, w))
}

/// Write `recon` into every non-empty RECON copy of the system.
pub fn store_all(farm: &Farm, sys: &ImsSystem, recon: &Recon) -> Result<Vec<String>> {
    let targets: Vec<(String, String)> = {
        let reader = FarmReader::new(farm)?;
        let mut v = Vec::new();
        for dsn in copies(sys) {
            let Ok(vol) = reader.volume_of(&dsn) else { continue };
            if !volume_io::is_empty(&vol, &dsn).unwrap_or(true) {
                v.push((dsn, vol.volser()));
            }
        }
        v
    };
    let mut written = Vec::new();
    for (dsn, volser) in targets {
        let mut vol = farm.open_volser(&volser, Access::Write)?;
        volume_io::store(&mut vol, &dsn, recon).map_err(|e| e.context(format!("RECON {dsn}")))?;
        vol.sync()?;
        written.push(dsn);
    }
    Ok(written)
}

/// Like [`load`], but `None` when every readable copy is empty (before
/// INIT.RECON).
pub fn load_opt(farm: &Farm, sys: &ImsSystem) -> Result<Option<(String, Recon)>> {
    match load(farm, sys) {
        Ok(x) => Ok(Some(x)),
        Err(e) => {
            let reader = FarmReader::new(farm)?;
            let all_empty = copies(sys).iter().all(|d| {
                reader
                    .volume_of(d)
                    .and_then(|v| volume_io::is_empty(&v, d))
                    .unwrap_or(false)
            });
            if all_empty && !sys.recons.is_empty() {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

/// Write a RECON that was just initialised (every copy was empty) into
/// the first two copies, as COPY1 and COPY2.
pub fn store_new(farm: &Farm, sys: &ImsSystem, recon: &Recon) -> Result<Vec<String>> {
    let reader = FarmReader::new(farm)?;
    let mut targets = Vec::new();
    for dsn in copies(sys).into_iter().take(2) {
        targets.push((reader.volume_of(&dsn)?.volser(), dsn));
    }
    drop(reader);
    let mut written = Vec::new();
    for (volser, dsn) in targets {
        let mut vol = farm.open_volser(&volser, Access::Write)?;
        volume_io::store(&mut vol, &dsn, recon).map_err(|e| e.context(format!("RECON {dsn}")))?;
        vol.sync()?;
        written.push(dsn);
    }
    Ok(written)
}

/// The system's DBDLIB as DBRC reads it: every DBD in `<HLQ>.DBDSRC` of
/// the system's high-level qualifiers (the convention discovery uses).
pub fn dbdlib(farm: &Farm, sys: &ImsSystem) -> Result<MemDbdLib> {
    let reader = FarmReader::new(farm)?;
    let mut lib = MemDbdLib::default();
    for hlq in &sys.hlqs {
        let src = format!("{hlq}.DBDSRC");
        let Ok(members) = reader.member_names(&src) else {
            continue;
        };
        for m in members {
            let Ok(text) = reader.member_text(&src, &m) else {
                continue;
            };
            let asm = crate::ims::asm::AsmSource::parse(&text);
            if let Ok(dbd) = crate::ims::dbd::Dbd::parse(&asm, Some(&m)) {
                lib.0.entry(dbd.name.clone()).or_insert_with(|| DbdFacts::of_dbd(&dbd));
            }
        }
    }
    Ok(lib)
}
