//! Planning a system clone (the whitepaper's Figure 1): select and pair the
//! volumes, build the rename map, rewrite the metadata in memory for the
//! preview, and lay out the steps. Nothing is written.

pub mod metadata;
pub mod renames;
pub mod volumes;

use std::collections::BTreeMap;

use crate::engine::finding::Finding;
use crate::engine::names::{NameMap, RenameMap, VolserMap};
use crate::engine::plan::{Plan, Preview, StepKind};
use crate::engine::request::{JobFile, SystemClone};
use crate::engine::rewrite::members::Maps;
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::discovery::{ImsSystem, discover};
use crate::{Result, icl};

/// Complete the name map with what can be derived, and check it covers the
/// source's IMSIDs, SSID and IRLM names.
pub(crate) fn name_map(req: &SystemClone, src: &ImsSystem, farm: &Farm, findings: &mut Vec<Finding>) -> NameMap {
    let mut names = match NameMap::new(&req.names) {
        Ok(n) => n,
        Err(e) => {
            findings.push(Finding::from_error("names", &e));
            NameMap::default()
        }
    };
    let target = req.target.to_ascii_uppercase();
    if names.get(&src.name).is_none() {
        names.insert(&src.name, &target);
    }
    for m in &src.members {
        let Some(t) = names.get(&m.imsid).map(str::to_string) else {
            findings.push(Finding::new(
                "ICL405E",
                &m.imsid,
                "no target IMSID is given for this member in [clone.names]",
            ));
            continue;
        };
        // DFSPB suffix: derived when it is the IMSID without its first letter.
        if names.get(&m.rgsuf).is_none()
            && m.rgsuf.len() == 3
            && m.imsid.get(1..) == Some(m.rgsuf.as_str())
            && t.len() == 4
        {
            names.insert(&m.rgsuf, &t[1..]);
        }
        if let Some(irlm) = &m.irlm
            && names.get(irlm).is_none()
        {
            findings.push(Finding::new(
                "ICL406E",
                irlm,
                "IRLM name has no target in [clone.names]: the clone would share its source's IRLM",
            ));
        }
    }
    if let Some(ssid) = &src.recon_ssid
        && names.get(ssid).is_none()
    {
        findings.push(Finding::new(
            "ICL405E",
            ssid,
            "the RECON's default SSID has no target in [clone.names]",
        ));
    }
    // Target names must not be a registered system's.
    for (s, t) in names.iter() {
        if farm
            .config
            .subsystems
            .iter()
            .any(|x| x.imsid == t || x.group_name() == t)
            && s != t
        {
            findings.push(Finding::new(
                "ICL407E",
                t,
                format!("target of {s} is already a registered IMS system or IMSID"),
            ));
        }
    }
    names
}

/// The target user catalog's name: given, or the source's with the names
/// map applied to each qualifier (`UCAT.IMSP` -> `UCAT.IMSQ`).
pub(crate) fn target_ucat(req: &SystemClone, source_ucat: &str, names: &NameMap) -> String {
    if let Some(u) = &req.catalog.user_catalog {
        return u.to_ascii_uppercase();
    }
    source_ucat
        .split('.')
        .map(|q| names.exact(q).unwrap_or_else(|| q.to_string()))
        .collect::<Vec<_>>()
        .join(".")
}

/// The source user catalog (through the source HLQ's alias), the target's
/// name and aliases, checked against the master catalog.
pub(crate) fn catalog_names(
    req: &SystemClone,
    reader: &FarmReader<'_>,
    rename: &RenameMap,
    names: &NameMap,
    findings: &mut Vec<Finding>,
) -> (String, String, Vec<String>) {
    let hlqs = rename.source_hlqs();
    let source_ucat = hlqs
        .iter()
        .find_map(|h| reader.catalogs.master.alias_target(h))
        .map(str::to_string)
        .unwrap_or_default();
    if source_ucat.is_empty() {
        findings.push(Finding::new(
            "ICL439W",
            hlqs.join(","),
            "no user catalog alias for the source HLQ: names were in the master catalog",
        ));
    }
    let ucat = target_ucat(
        req,
        if source_ucat.is_empty() {
            "UCAT.CLONE"
        } else {
            &source_ucat
        },
        names,
    );
    if crate::dasd::names::dsn_problem(&ucat).is_some() || reader.catalogs.master.locate(&ucat).is_some() {
        findings.push(Finding::new(
            "ICL440E",
            &ucat,
            "target user catalog name is invalid or already cataloged",
        ));
    }
    let aliases: Vec<String> = if req.catalog.aliases.is_empty() {
        rename.target_hlqs()
    } else {
        req.catalog.aliases.iter().map(|a| a.to_ascii_uppercase()).collect()
    };
    for a in &aliases {
        if reader.catalogs.master.locate(a).is_some() {
            findings.push(Finding::new("ICL441E", a, "alias already exists in the master catalog"));
        }
    }
    (source_ucat, ucat, aliases)
}

/// What a system clone and a skeleton clone plan from first: the farm's
/// reader, the discovered source system, the IMS name map and the rename
/// masks (problems with either are findings).
pub(crate) struct Start<'f> {
    pub reader: FarmReader<'f>,
    pub src: ImsSystem,
    pub names: NameMap,
    pub rename: RenameMap,
}

/// Begin planning a clone of `req.source`; `what` names the job type in
/// the finding for a job without rename masks.
pub(crate) fn start<'f>(
    farm: &'f Farm,
    req: &SystemClone,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Result<Start<'f>> {
    let reader = FarmReader::new(farm)?;
    let src = discover(farm, &req.source.to_ascii_uppercase())?;
    for n in &src.notes {
        findings.push(Finding::new(n.id, &src.name, n.text.clone()));
    }
    let names = name_map(req, &src, farm, findings);
    let rename = match RenameMap::of_job(&req.rename) {
        Ok(m) => m,
        Err(e) => {
            findings.push(Finding::from_error("rename", &e));
            RenameMap::new(&[])?
        }
    };
    if rename.is_empty() {
        findings.push(Finding::new(
            "ICL402E",
            "rename",
            format!("no rename masks: the {what}'s data sets would keep the source names"),
        ));
    }
    Ok(Start {
        reader,
        src,
        names,
        rename,
    })
}

/// Plan a system clone. Errors only when planning cannot even start;
/// everything else is a finding.
pub fn plan(farm: &Farm, job: &JobFile, clock: u64) -> Result<Plan> {
    let req = job
        .clone
        .as_ref()
        .ok_or_else(|| icl!("ICL401E", "the job has no [clone] section"))?;
    let mut findings = Vec::new();
    let Start {
        reader,
        src,
        names,
        rename,
    } = start(farm, req, "clone", &mut findings)?;

    // Volumes.
    let devs = volumes::devices(farm);
    let sources = volumes::select(req, &devs, &mut findings);
    if sources
        .iter()
        .any(|d| d.volser == farm.config.farm.master_catalog_volume)
    {
        findings.push(Finding::new(
            "ICL413E",
            &farm.config.farm.master_catalog_volume,
            "the master catalog volume cannot be cloned",
        ));
    }
    for v in &src.volumes {
        if !sources.iter().any(|d| &d.volser == v) {
            findings.push(Finding::new(
                "ICL414W",
                v,
                format!(
                    "holds data sets of {} but is not selected: the clone will not have them",
                    src.name
                ),
            ));
        }
    }
    let pairs = volumes::pair(req, &devs, &sources, &mut findings);
    let volsers = VolserMap(
        pairs
            .iter()
            .map(|p| (p.source_volser.clone(), p.new_volser.clone()))
            .collect(),
    );

    let (source_ucat, ucat, aliases) = catalog_names(req, &reader, &rename, &names, &mut findings);

    let renames = renames::renames(req, &reader, &pairs, &rename, &ucat, &mut findings);
    let maps = Maps {
        rename: &rename,
        names: &names,
        volsers: &volsers,
    };
    let libs = metadata::libraries(&reader, &renames);
    let members = metadata::member_diffs(&reader, &libs, &maps, &mut findings);
    let recons = metadata::recon_diffs(&reader, &src, &renames, &maps, req, &mut findings);
    let subsystems = metadata::subsystems(&src, req, &maps, &mut findings);

    let mut plan = Plan {
        job: job.clone(),
        clock,
        steps: Vec::new(),
        preview: Preview {
            pairs: pairs.clone(),
            renames,
            members,
            recons: recons.iter().map(|(_, _, d)| d.clone()).collect(),
            user_catalog: ucat,
            source_user_catalog: source_ucat,
            aliases,
            subsystems,
            names: names
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            volsers: volsers.0.clone(),
            refresh: None,
            skeleton: None,
        },
        findings,
    };
    plan.push("Back up the catalogs and farm.toml", StepKind::BackupCatalogs);
    for p in &pairs {
        plan.push(
            format!("Save target device {} for rollback", p.target_device),
            StepKind::SnapshotTarget {
                device: p.target_device.clone(),
            },
        );
    }
    for p in &pairs {
        plan.push(
            format!(
                "Copy {} ({}) to device {}",
                p.source_volser, p.source_device, p.target_device
            ),
            StepKind::CopyVolume {
                source_device: p.source_device.clone(),
                target_device: p.target_device.clone(),
            },
        );
    }
    for p in &pairs {
        plan.push(
            format!("Relabel device {} to {}", p.target_device, p.new_volser),
            StepKind::Relabel {
                device: p.target_device.clone(),
                volser: p.new_volser.clone(),
            },
        );
    }
    for p in &pairs {
        plan.push(
            format!("Rename the data sets on {}", p.new_volser),
            StepKind::RenameVolume {
                device: p.target_device.clone(),
            },
        );
    }
    push_metadata_steps(&mut plan, &recons, &libs, &req.target.to_ascii_uppercase(), false);
    Ok(plan)
}

/// The steps after the data is in place, shared by the system clone and
/// the skeleton: catalog, RECONs (a skeleton's lose their history),
/// members, subsystems, verify.
pub(crate) fn push_metadata_steps(
    plan: &mut Plan,
    recons: &[(String, String, crate::engine::plan::ReconDiff)],
    libs: &[(String, String, String)],
    target: &str,
    skeleton: bool,
) {
    plan.push(
        format!("Catalog {target} in {}", plan.preview.user_catalog),
        StepKind::Recatalog,
    );
    for (s, t, _) in recons {
        let (source, target) = (s.clone(), t.clone());
        if skeleton {
            plan.push(
                format!("Update RECON {t}: new names, no history"),
                StepKind::SkeletonRecon { source, target },
            );
        } else {
            plan.push(format!("Update RECON {t}"), StepKind::UpdateRecon { source, target });
        }
    }
    for (s, t, _) in libs {
        plan.push(
            format!("Update the members of {t}"),
            StepKind::UpdateMembers {
                source: s.clone(),
                target: t.clone(),
            },
        );
    }
    plan.push("Register the IMS subsystems", StepKind::RegisterSubsystems);
    plan.push(
        format!("Verify {target}"),
        StepKind::Verify {
            system: target.to_string(),
        },
    );
}
