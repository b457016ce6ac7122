//! Planning a database refresh (the whitepaper's Figure 2): select the
//! databases and their indexes, check every one for compatibility, pair
//! each source data set with its target, and lay out the steps: /DBR the
//! target, /DBR the source (or copy fuzzy), copy, /STA the source, rebuild
//! the target's RECON definitions (same HALDB partition IDs and gaps, image
//! copy recommended), stamp the HALDB partition IDs into the copies, /STA
//! the target, verify. With DATA-MOVER(NONE) the plan writes job streams
//! for an external copy instead.

pub mod compat;
pub mod dbrc;
pub mod jcl;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalog::{EntryKind, Mask};
use crate::engine::finding::Finding;
use crate::engine::names::{RenameMap, Renamed};
use crate::engine::plan::{Plan, Preview, StepKind};
use crate::engine::request::{DataMover, DbRefresh, JobFile};
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::dbd::Dbd;
use crate::ims::discovery::{ImsSystem, discover};
use crate::ims::recon::{Recon, volume_io};
use crate::{Result, icl};

/// One data set to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DsCopy {
    /// The database (the master for a HALDB partition data set).
    pub database: String,
    /// RECON record: the DBD, the partition or the DEDB area.
    pub record: String,
    /// DD name (ADDN for an area data set).
    pub ddn: String,
    pub source: String,
    pub source_volser: String,
    pub target: String,
    pub target_volser: String,
    /// A VSAM-like cluster (its components are copied).
    pub vsam: bool,
    /// The target does not exist yet: allocate it like the source.
    pub create: bool,
    /// HALDB partition name, when it is a partition data set.
    pub partition: Option<String>,
}

/// What a refresh will do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshPreview {
    pub source: String,
    pub target: String,
    /// Refreshed databases, indexes included.
    pub databases: Vec<String>,
    pub copies: Vec<DsCopy>,
    /// Target data sets that become obsolete (a redefined HALDB's old
    /// partition data sets): (DSN, VOLSER).
    pub scratch: Vec<(String, String)>,
    /// DBRC commands run against the target RECON.
    pub dbrc: Vec<String>,
    /// IMS commands: (system, command), in the order they are issued.
    pub ims: Vec<(String, String)>,
    /// Databases set IMAGE COPY RECOMMENDED.
    pub ic_recommended: Vec<String>,
    pub fuzzy: bool,
}

/// A system's RECON: the first copy that reads (and is not empty).
pub fn load_recon(reader: &FarmReader<'_>, sys: &ImsSystem) -> Result<Recon> {
    for r in &sys.recons {
        if let Ok(v) = reader.volume_of(&r.dsn)
            && !volume_io::is_empty(&v, &r.dsn).unwrap_or(true)
            && let Ok(x) = volume_io::load(&v, &r.dsn)
        {
            return Ok(x);
        }
    }
    Err(icl!("ICL389E", "{}: no readable RECON", sys.name))
}

/// The parsed DBD source of a database (`DSN(MEMBER)` from discovery).
pub fn dbd_of(reader: &FarmReader<'_>, sys: &ImsSystem, db: &str) -> Option<Dbd> {
    let src = sys.database(db)?.dbd_source.as_ref()?;
    let (dsn, member) = FarmReader::split_member(src);
    let text = reader.member_text(dsn, member?).ok()?;
    Dbd::parse(&crate::ims::asm::AsmSource::parse(&text), member).ok()
}

/// The volume with the most free tracks among `candidates` (for data sets
/// the target does not have yet).
fn roomiest(reader: &FarmReader<'_>, candidates: &BTreeSet<String>) -> Option<String> {
    candidates
        .iter()
        .filter_map(|v| reader.volume(v).ok().map(|vol| (vol.free_tracks(), v.clone())))
        .max()
        .map(|(_, v)| v)
}

/// Plan a refresh. Errors only when planning cannot start.
pub fn plan(farm: &Farm, job: &JobFile, clock: u64) -> Result<Plan> {
    let req: &DbRefresh = job
        .refresh
        .as_ref()
        .ok_or_else(|| icl!("ICL401E", "the job has no [refresh] section"))?;
    let mut findings = Vec::new();
    let reader = FarmReader::new(farm)?;
    let src = discover(farm, &req.source.to_ascii_uppercase())?;
    let tgt = discover(farm, &req.target.to_ascii_uppercase())?;
    if src.name == tgt.name {
        findings.push(Finding::new(
            "ICL580E",
            &src.name,
            "source and target are the same system",
        ));
    }
    let srecon = load_recon(&reader, &src)?;
    let trecon = load_recon(&reader, &tgt)?;
    let rename = RenameMap::of_job(&req.rename)?;

    // Databases: the masks over the source's databases, then their indexes.
    let mut set: Vec<String> = Vec::new();
    for m in &req.databases {
        let mask = Mask::parse(m).map_err(|e| e.context("refresh databases"))?;
        let hits: Vec<&str> = src
            .databases
            .iter()
            .map(|d| d.name.as_str())
            .filter(|n| mask.matches(n))
            .collect();
        if hits.is_empty() {
            findings.push(Finding::new(
                "ICL575E",
                m,
                format!("no database of {} matches", src.name),
            ));
        }
        for h in hits {
            if !set.iter().any(|x| x == h) {
                set.push(h.to_string());
            }
        }
    }
    let dbds: BTreeMap<String, (Option<Dbd>, Option<Dbd>)> = src
        .databases
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                (dbd_of(&reader, &src, &d.name), dbd_of(&reader, &tgt, &d.name)),
            )
        })
        .collect();
    let mut i = 0;
    while i < set.len() {
        let name = set[i].clone();
        if let Some((Some(d), _)) = dbds.get(&name) {
            for r in d.referenced_dbds() {
                let is_index = src.database(&r).is_some_and(|x| x.org == "INDEX" || x.org == "PSINDEX");
                if is_index && !set.contains(&r) {
                    findings.push(Finding::new(
                        "ICL573I",
                        &r,
                        format!("index of {name}: refreshed with it (copied, not rebuilt)"),
                    ));
                    set.push(r);
                }
            }
        }
        i += 1;
    }

    // Compatibility.
    let mut outcomes = BTreeMap::new();
    for name in &set {
        let (sd, td) = dbds.get(name).cloned().unwrap_or((None, None));
        let o = compat::check(
            name,
            &compat::Side {
                dbd: sd.as_ref(),
                recon: &srecon,
            },
            &compat::Side {
                dbd: td.as_ref(),
                recon: &trecon,
            },
            req.options.copy_if_no_target_db,
            req.options.copy_if_different_haldb,
            &mut findings,
        );
        outcomes.insert(name.clone(), o);
    }

    // Data sets: each source data set with its target.
    let tgt_vols: BTreeSet<String> = tgt
        .datasets
        .iter()
        .filter(|d| {
            d.roles
                .iter()
                .any(|r| r.starts_with("RECON:DBDS") || r.starts_with("RECON:ADS"))
        })
        .flat_map(|d| d.volumes.clone())
        .collect();
    let mut copies = Vec::new();
    let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
    for name in &set {
        let o = outcomes.get(name).cloned().unwrap_or_default();
        let Some(sdb) = src.database(name) else { continue };
        for d in &sdb.datasets {
            let record = d
                .partition
                .clone()
                .or_else(|| d.area.clone())
                .unwrap_or_else(|| name.clone());
            // The target's own registration, unless it is being redefined.
            let existing = if o.define_target || (o.redefine_haldb && d.partition.is_some()) {
                None
            } else {
                tgt.database(name).and_then(|t| {
                    t.datasets
                        .iter()
                        .find(|x| x.ddn == d.ddn && x.partition == d.partition && x.area == d.area)
                        .map(|x| x.dsn.clone())
                })
            };
            let target = match existing {
                Some(t) => t,
                None => match rename.rename(&d.dsn) {
                    Renamed::To(n) => n,
                    Renamed::NoMatch => {
                        findings.push(Finding::new(
                            "ICL576E",
                            &d.dsn,
                            "the target has no data set for it and no rename mask matches",
                        ));
                        continue;
                    }
                    Renamed::Invalid { to, why } => {
                        findings.push(Finding::new(
                            "ICL432E",
                            &d.dsn,
                            format!("renames to an invalid name '{to}': {why}"),
                        ));
                        continue;
                    }
                },
            };
            if let Some(p) = &d.partition
                && let Some(pre) = target.rsplit_once('.').map(|x| x.0.to_string())
            {
                prefixes.insert(p.clone(), pre);
            }
            let vsam = matches!(
                reader.catalogs.locate(&d.dsn).map(|l| &l.entry.kind),
                Some(EntryKind::Cluster { .. })
            );
            let source_volser = reader.volumes_of(&d.dsn).first().cloned().unwrap_or_default();
            let tv = reader.volumes_of(&target);
            let create = tv.is_empty();
            let target_volser = match tv.first() {
                Some(v) => v.clone(),
                None => roomiest(&reader, &tgt_vols).unwrap_or_default(),
            };
            if target_volser.is_empty() {
                findings.push(Finding::new("ICL577E", &target, "no target volume to allocate it on"));
                continue;
            }
            if src.dataset(&target).is_some() || reader.volumes_of(&target).iter().any(|v| src.volumes.contains(v)) {
                findings.push(Finding::new(
                    "ICL434E",
                    &target,
                    "the target data set is a data set of the source system",
                ));
            }
            copies.push(DsCopy {
                database: name.clone(),
                record,
                ddn: d.ddn.clone(),
                source: d.dsn.clone(),
                source_volser,
                target,
                target_volser,
                vsam,
                create,
                partition: d.partition.clone(),
            });
        }
    }
    // A redefined HALDB's old partition data sets become obsolete.
    let mut scratch = Vec::new();
    let new_targets: BTreeSet<&str> = copies.iter().map(|c| c.target.as_str()).collect();
    for name in set
        .iter()
        .filter(|n| outcomes.get(*n).is_some_and(|o| o.redefine_haldb))
    {
        if let Some(t) = tgt.database(name) {
            for d in t.datasets.iter().filter(|d| !new_targets.contains(d.dsn.as_str())) {
                if let Some(v) = reader.volumes_of(&d.dsn).first() {
                    findings.push(Finding::new(
                        "ICL578I",
                        &d.dsn,
                        "obsolete after the HALDB is redefined: scratched and uncataloged",
                    ));
                    scratch.push((d.dsn.clone(), v.clone()));
                }
            }
        }
    }

    // DBRC commands for the target RECON.
    let clock_rt = crate::farm::sample::imsdata::recon_time(clock);
    let table: BTreeMap<(String, String), String> = copies
        .iter()
        .map(|c| ((c.record.clone(), c.ddn.clone()), c.target.clone()))
        .collect();
    let mut dbrc_cmds = Vec::new();
    for name in &set {
        let dsn_of = |rec: &str, ddn: &str| table.get(&(rec.to_string(), ddn.to_string())).cloned();
        let prefix_of = |p: &str| prefixes.get(p).cloned();
        match dbrc::commands_for(name, &srecon, &trecon, &dsn_of, &prefix_of, clock_rt) {
            Ok(c) => dbrc_cmds.extend(c),
            Err(e) => findings.push(Finding::from_error(name, &e)),
        }
    }

    // IMS commands.
    let masters: Vec<String> = set.clone();
    let list = masters.join(",");
    let fuzzy = req.options.fuzzy_copy;
    let mut ims = vec![(tgt.name.clone(), format!("/DBR DB {list} GLOBAL"))];
    if fuzzy {
        findings.push(Finding::new(
            "ICL581W",
            &src.name,
            "FUZZY-COPY: the source keeps running; the copy is not transactionally consistent (data, indexes and ILDS may disagree) until logs are applied",
        ));
    } else {
        ims.push((src.name.clone(), format!("/DBR DB {list} GLOBAL")));
    }
    let post_src = (!fuzzy).then(|| (src.name.clone(), format!("/STA DB {list} GLOBAL")));
    let post_tgt = (tgt.name.clone(), format!("/STA DB {list} GLOBAL"));

    let preview = RefreshPreview {
        source: src.name.clone(),
        target: tgt.name.clone(),
        databases: set.clone(),
        copies: copies.clone(),
        scratch: scratch.clone(),
        dbrc: dbrc_cmds,
        ims: {
            let mut v = ims.clone();
            v.extend(post_src.clone());
            v.push(post_tgt.clone());
            v
        },
        ic_recommended: set.clone(),
        fuzzy,
    };

    // Target volumes the run changes (saved for rollback).
    let mut touched: BTreeSet<String> = copies.iter().map(|c| c.target_volser.clone()).collect();
    touched.extend(scratch.iter().map(|s| s.1.clone()));
    for r in &tgt.recons {
        touched.extend(reader.volumes_of(&r.dsn));
    }
    if let Some(u) = tgt.hlqs.first().and_then(|h| reader.catalogs.master.alias_target(h)) {
        touched.extend(
            reader
                .catalogs
                .master
                .locate(u)
                .map(|e| e.volumes.clone())
                .unwrap_or_default(),
        );
    }
    let devices: BTreeMap<String, String> = farm.online_volsers().into_iter().collect();

    let mut plan = Plan {
        job: job.clone(),
        clock,
        steps: Vec::new(),
        preview: Preview {
            refresh: Some(preview),
            ..Preview::default()
        },
        findings,
    };
    plan.push(
        "Back up the catalogs, farm.toml and the IMS states",
        StepKind::BackupCatalogs,
    );
    if req.options.data_mover == DataMover::None {
        plan.push(
            "Write the data set list and the ADRDSSU, DBRC and IMS job streams",
            StepKind::EmitJobStreams,
        );
        return Ok(plan);
    }
    for r in &tgt.recons {
        plan.push(
            format!("Save RECON {} before it changes", r.dsn),
            StepKind::SaveRecon { cluster: r.dsn.clone() },
        );
    }
    for v in &touched {
        if let Some(dev) = devices.get(v) {
            plan.push(
                format!("Save target device {dev} ({v}) for rollback"),
                StepKind::SnapshotTarget { device: dev.clone() },
            );
        }
    }
    for (sys, cmd) in ims {
        plan.push(
            format!("{sys}: {cmd}"),
            StepKind::ImsCommand {
                system: sys,
                command: cmd,
            },
        );
    }
    for (i, c) in copies.iter().enumerate() {
        plan.push(
            format!("Copy {} to {}", c.source, c.target),
            StepKind::CopyDataset { index: i },
        );
    }
    for (d, v) in &scratch {
        plan.push(
            format!("Scratch {d} on {v}"),
            StepKind::ScratchDataset {
                dsn: d.clone(),
                volser: v.clone(),
            },
        );
    }
    if let Some((sys, cmd)) = post_src {
        plan.push(
            format!("{sys}: {cmd}"),
            StepKind::ImsCommand {
                system: sys,
                command: cmd,
            },
        );
    }
    plan.push(
        format!("DBRC: redefine the refreshed databases in the {} RECON", tgt.name),
        StepKind::DbrcUpdate,
    );
    if copies.iter().any(|c| c.partition.is_some()) {
        plan.push(
            "Stamp the target RECON's HALDB partition IDs into the copies",
            StepKind::StampPartitions,
        );
    }
    plan.push(
        format!("{}: {}", post_tgt.0, post_tgt.1),
        StepKind::ImsCommand {
            system: post_tgt.0,
            command: post_tgt.1,
        },
    );
    plan.push(
        format!("Verify {}", tgt.name),
        StepKind::Verify {
            system: tgt.name.clone(),
        },
    );
    Ok(plan)
}
