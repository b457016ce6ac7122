//! Planning a skeleton clone (the whitepaper's Figure 3): a new IMS system
//! with every system data set of its source (RESLIB, PROCLIB, JOBS, ACB,
//! MDA, OLDS, WADS, RECON ...) and every database defined, but no database
//! data. Database data sets are allocated empty, as large as the source's,
//! with the header block IMS's partition initialization writes, so a later
//! database refresh (Figure 2) copies into them. The RECON keeps every
//! definition (HALDB partition IDs included) and drops the history.
//!
//! It works by data set, not by volume: the system's data sets go to the
//! target storage group's volumes wherever they fit; their VOLSERs stay.

pub mod place;
pub mod recon;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalog::EntryKind;
use crate::engine::clone::{Start, catalog_names, metadata, push_metadata_steps, renames, start, volumes};
use crate::engine::finding::Finding;
use crate::engine::names::{Renamed, VolserMap};
use crate::engine::plan::{Plan, Preview, RenameEntry, StepKind};
use crate::engine::request::{JobFile, SystemClone};
use crate::engine::rewrite::members::Maps;
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::discovery::{ImsSystem, discover};
use crate::ims::recon::volume_io;
use crate::{Result, icl};
use place::{Class, Room};

/// One data set of the skeleton.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkeletonDs {
    pub source: String,
    pub source_volser: String,
    pub target: String,
    pub target_volser: String,
    /// A VSAM-like cluster (both components are allocated).
    pub vsam: bool,
    pub tracks: u32,
    /// Why the system has it (discovery's roles).
    pub roles: Vec<String>,
}

/// What a skeleton clone copies, allocates and leaves out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkeletonPreview {
    pub source: String,
    pub target: String,
    /// System data sets, copied with their contents.
    pub copies: Vec<SkeletonDs>,
    /// Database data sets, allocated empty.
    pub empty: Vec<SkeletonDs>,
    /// Data sets left out: (DSN, why).
    pub left_out: Vec<(String, String)>,
    /// The target volumes that receive data sets.
    pub volumes: Vec<String>,
}

/// Volumes holding data sets of the other registered systems (and of the
/// source): a skeleton never mixes its data sets with theirs.
fn foreign_volumes(farm: &Farm, src: &ImsSystem) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = src.volumes.iter().cloned().collect();
    for name in farm.config.systems() {
        if name != src.name
            && let Ok(o) = discover(farm, &name)
        {
            out.extend(o.volumes);
        }
    }
    out.remove(&farm.config.farm.master_catalog_volume);
    out
}

/// Is the data set a cluster in the catalogs?
fn is_cluster(reader: &FarmReader<'_>, dsn: &str) -> bool {
    matches!(
        reader.catalogs.locate(dsn).map(|l| &l.entry.kind),
        Some(EntryKind::Cluster { .. })
    )
}

/// The rename entries of one placed data set (the cluster and its
/// components for VSAM), each with its target volume.
fn rename_entries(reader: &FarmReader<'_>, d: &SkeletonDs) -> Vec<RenameEntry> {
    let catalog = |n: &str| {
        reader
            .catalogs
            .locate(n)
            .map(|l| l.catalog.to_string())
            .unwrap_or_default()
    };
    let entry = |old: String, new: String, kind: &str| RenameEntry {
        volser: d.source_volser.clone(),
        catalog: catalog(&old),
        old,
        new: Some(new),
        kind: kind.to_string(),
        target_volser: Some(d.target_volser.clone()),
    };
    if !d.vsam {
        return vec![entry(d.source.clone(), d.target.clone(), "NONVSAM")];
    }
    let mut v = vec![entry(d.source.clone(), d.target.clone(), "CLUSTER")];
    for c in ["DATA", "INDEX"] {
        let old = format!("{}.{c}", d.source);
        if reader.volume(&d.source_volser).is_ok_and(|vol| vol.contains(&old)) {
            v.push(entry(old, format!("{}.{c}", d.target), "COMPONENT"));
        }
    }
    v
}

fn request(job: &JobFile) -> Result<&SystemClone> {
    job.skeleton
        .as_ref()
        .ok_or_else(|| icl!("ICL401E", "the job has no [skeleton] section"))
}

/// Plan a skeleton clone. Errors only when planning cannot start.
pub fn plan(farm: &Farm, job: &JobFile, clock: u64) -> Result<Plan> {
    let req = request(job)?;
    let mut findings = Vec::new();
    let Start {
        reader,
        src,
        names,
        rename,
    } = start(farm, req, "skeleton", &mut findings)?;
    if !req.volumes.volsers.is_empty() || !req.volumes.masks.is_empty() || !req.volumes.storage_groups.is_empty() {
        findings.push(Finding::new(
            "ICL492W",
            "volumes",
            "a skeleton takes the system's data sets wherever they are: the volume selection is not used",
        ));
    }
    if !req.targets.volser_masks.is_empty() || !req.targets.pairs.is_empty() {
        findings.push(Finding::new(
            "ICL492W",
            "targets",
            "a skeleton keeps its target volumes' VOLSERs and places data sets itself: volser_masks and pairs are not used",
        ));
    }
    let Some(group) = req.targets.storage_group.clone() else {
        findings.push(Finding::new(
            "ICL491E",
            "targets",
            "a skeleton needs targets.storage_group: the volumes that receive its data sets",
        ));
        return Ok(empty_plan(job, clock, findings));
    };
    let devs = volumes::devices(farm);
    let mut room = Room::of_group(&reader, &devs, &group, &foreign_volumes(farm, &src), &mut findings);
    // The new user catalog goes first, so it always has its room.
    let catalog_volser = room.place(
        place::Need {
            tracks: crate::catalog::CATALOG_TRACKS,
            dscbs: 1,
            vsam: false,
        },
        None,
    );

    // Every data set of the system: copied, allocated empty, or left out.
    let mut preview = SkeletonPreview {
        source: src.name.clone(),
        target: req.target.to_ascii_uppercase(),
        ..SkeletonPreview::default()
    };
    let mut placed_from: Vec<(String, String)> = Vec::new();
    let mut ordered: Vec<_> = src.datasets.iter().map(|d| (place::classify(d), d)).collect();
    // System data sets first, each source volume's together.
    ordered.sort_by_key(|(c, d)| (*c != Class::System, d.volumes.first().cloned(), d.dsn.clone()));
    let mut last_target: BTreeMap<String, String> = BTreeMap::new();
    for (class, d) in ordered {
        if class == Class::History {
            preview.left_out.push((
                d.dsn.clone(),
                "history of the source (image copy or archived log)".into(),
            ));
            continue;
        }
        let new = match rename.rename(&d.dsn) {
            Renamed::To(n) => n,
            Renamed::NoMatch => {
                let hlq = d.dsn.split('.').next().unwrap_or_default();
                if src.hlqs.iter().any(|h| h == hlq) {
                    findings.push(Finding::new(
                        "ICL493E",
                        &d.dsn,
                        "has the source's HLQ but no rename mask matches: the skeleton would share it",
                    ));
                } else {
                    findings.push(Finding::new(
                        "ICL494I",
                        &d.dsn,
                        "no rename mask matches: not copied, the skeleton shares it with its source",
                    ));
                }
                preview.left_out.push((d.dsn.clone(), "no rename mask matches".into()));
                continue;
            }
            Renamed::Invalid { to, why } => {
                findings.push(renames::invalid(req, &d.dsn, &to, &why));
                continue;
            }
        };
        let Some(source_volser) = reader.volumes_of(&d.dsn).first().cloned() else {
            findings.push(Finding::new(
                "ICL495W",
                &d.dsn,
                "is not cataloged: the skeleton will not have it",
            ));
            preview.left_out.push((d.dsn.clone(), "not cataloged".into()));
            continue;
        };
        let vsam = is_cluster(&reader, &d.dsn);
        let Some(need) = place::need(&reader, &d.dsn, &source_volser, vsam) else {
            findings.push(Finding::new(
                "ICL495W",
                &d.dsn,
                format!("is not on {source_volser} (or the volume is offline): the skeleton will not have it"),
            ));
            preview
                .left_out
                .push((d.dsn.clone(), format!("not found on {source_volser}")));
            continue;
        };
        let Some(target_volser) = room.place(need, last_target.get(&source_volser).map(String::as_str)) else {
            findings.push(Finding::new(
                "ICL496E",
                &d.dsn,
                format!("no volume of {group} has {} free tracks for it", need.tracks),
            ));
            continue;
        };
        last_target.insert(source_volser.clone(), target_volser.clone());
        placed_from.push((source_volser.clone(), target_volser.clone()));
        let x = SkeletonDs {
            source: d.dsn.clone(),
            source_volser,
            target: new,
            target_volser,
            vsam,
            tracks: need.tracks,
            roles: d.roles.clone(),
        };
        match class {
            Class::Database => preview.empty.push(x),
            _ => preview.copies.push(x),
        }
    }
    let mut used: BTreeSet<String> = placed_from.iter().map(|p| p.1.clone()).collect();
    used.extend(catalog_volser.clone());
    preview.volumes = room.volsers().into_iter().filter(|v| used.contains(v)).collect();

    // Names, catalogs, members, RECONs, subsystems: as for a system clone.
    let (source_ucat, ucat, aliases) = catalog_names(req, &reader, &rename, &names, &mut findings);
    let mut entries: Vec<RenameEntry> = preview
        .copies
        .iter()
        .chain(&preview.empty)
        .flat_map(|d| rename_entries(&reader, d))
        .collect();
    renames::check_targets(&entries, &reader.catalogs, &mut findings);
    if let Some(v) = &catalog_volser {
        entries.push(RenameEntry {
            volser: reader.volumes_of(&source_ucat).first().cloned().unwrap_or_default(),
            old: source_ucat.clone(),
            new: Some(ucat.clone()),
            kind: "CATALOG".into(),
            catalog: reader.catalogs.master.name.clone(),
            target_volser: Some(v.clone()),
        });
    }
    let volsers = VolserMap(place::volser_map(&placed_from));
    let maps = Maps {
        rename: &rename,
        names: &names,
        volsers: &volsers,
    };
    let libs = metadata::libraries(&reader, &entries);
    let members = metadata::member_diffs(&reader, &libs, &maps, &mut findings);
    let mut recons = metadata::recon_diffs(&reader, &src, &entries, &maps, req, &mut findings);
    for (s, _, diff) in &mut recons {
        if let Ok(mut r) = reader.volume_of(s).and_then(|v| volume_io::load(&v, s)) {
            diff.changes.extend(recon::strip_history(&mut r));
        }
    }
    let subsystems = metadata::subsystems(&src, req, &maps, &mut findings);
    if !preview.empty.is_empty() {
        findings.push(Finding::new(
            "ICL497I",
            &preview.target,
            format!(
                "{} database data sets are allocated empty: refresh the databases you need (db-refresh) before using them",
                preview.empty.len()
            ),
        ));
    }

    let dev_of: BTreeMap<String, String> = farm.online_volsers().into_iter().collect();
    let mut plan = Plan {
        job: job.clone(),
        clock,
        steps: Vec::new(),
        preview: Preview {
            renames: entries,
            members,
            recons: recons.iter().map(|(_, _, d)| d.clone()).collect(),
            user_catalog: ucat,
            source_user_catalog: source_ucat,
            aliases,
            subsystems,
            names: names.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            volsers: volsers.0.clone(),
            skeleton: Some(preview.clone()),
            ..Preview::default()
        },
        findings,
    };
    plan.push("Back up the catalogs and farm.toml", StepKind::BackupCatalogs);
    for v in &preview.volumes {
        if let Some(dev) = dev_of.get(v) {
            plan.push(
                format!("Save target device {dev} ({v}) for rollback"),
                StepKind::SnapshotTarget { device: dev.clone() },
            );
        }
    }
    for (i, c) in preview.copies.iter().enumerate() {
        plan.push(
            format!("Copy {} to {} on {}", c.source, c.target, c.target_volser),
            StepKind::CopySystemDataset { index: i },
        );
    }
    for (i, c) in preview.empty.iter().enumerate() {
        plan.push(
            format!("Allocate {} empty on {}", c.target, c.target_volser),
            StepKind::AllocateEmpty { index: i },
        );
    }
    push_metadata_steps(&mut plan, &recons, &libs, &preview.target, true);
    Ok(plan)
}

/// A plan that cannot run: its findings say why.
fn empty_plan(job: &JobFile, clock: u64, findings: Vec<Finding>) -> Plan {
    Plan {
        job: job.clone(),
        clock,
        steps: Vec::new(),
        preview: Preview::default(),
        findings,
    }
}
