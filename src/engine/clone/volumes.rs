//! Volume selection (VOLSER list, VOLSER mask, SMS storage group) and
//! pairing with target devices, with their checks.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Mask;
use crate::dasd::Access;
use crate::dasd::vol1::valid_volser;
use crate::engine::finding::Finding;
use crate::engine::plan::Pairing;
use crate::engine::request::SystemClone;
use crate::farm::Farm;

/// What the planner knows of one device.
#[derive(Debug, Clone)]
pub struct DeviceInfo {
    pub devnum: String,
    pub volser: String,
    pub online: bool,
    pub storage_group: Option<String>,
    pub cyls: u32,
    pub datasets: usize,
}

/// Every device of the farm with its label (unreadable ones left out).
pub fn devices(farm: &Farm) -> Vec<DeviceInfo> {
    let mut out = Vec::new();
    for d in &farm.config.devices {
        if let Ok(v) = farm.open_device(&d.devnum, Access::Read) {
            out.push(DeviceInfo {
                devnum: d.devnum.clone(),
                volser: v.volser(),
                online: d.online,
                storage_group: d.storage_group.clone(),
                cyls: v.cyls(),
                datasets: v.dataset_names().len(),
            });
        }
    }
    out.sort_by(|a, b| a.devnum.cmp(&b.devnum));
    out
}

/// VOLSER masks use the data set mask rules on a single qualifier.
fn volser_mask(m: &str) -> Option<Mask> {
    Mask::parse(m).ok().filter(|x| !x.text().contains('.'))
}

/// The selected source devices (online), in VOLSER order.
pub fn select<'a>(req: &SystemClone, devs: &'a [DeviceInfo], findings: &mut Vec<Finding>) -> Vec<&'a DeviceInfo> {
    let online: Vec<&DeviceInfo> = devs.iter().filter(|d| d.online).collect();
    let mut chosen: BTreeSet<String> = BTreeSet::new();
    let sel = &req.volumes;
    for v in &sel.volsers {
        let v = v.to_ascii_uppercase();
        if online.iter().any(|d| d.volser == v) {
            chosen.insert(v);
        } else {
            findings.push(Finding::new("ICL410E", &v, "selected volume is not online in the farm"));
        }
    }
    for m in &sel.masks {
        match volser_mask(m) {
            Some(mask) => {
                let hits: Vec<&&DeviceInfo> = online.iter().filter(|d| mask.matches(&d.volser)).collect();
                if hits.is_empty() {
                    findings.push(Finding::new("ICL411W", m, "VOLSER mask selects no online volume"));
                }
                chosen.extend(hits.iter().map(|d| d.volser.clone()));
            }
            None => findings.push(Finding::new("ICL402E", m, "VOLSER mask is invalid")),
        }
    }
    for sg in &sel.storage_groups {
        let hits: Vec<&&DeviceInfo> = online
            .iter()
            .filter(|d| d.storage_group.as_deref() == Some(sg.as_str()))
            .collect();
        if hits.is_empty() {
            findings.push(Finding::new("ICL411W", sg, "storage group has no online volume"));
        }
        chosen.extend(hits.iter().map(|d| d.volser.clone()));
    }
    if chosen.is_empty() {
        findings.push(Finding::new("ICL412E", &req.source, "no source volume is selected"));
    }
    chosen
        .iter()
        .filter_map(|v| online.iter().find(|d| &d.volser == v).copied())
        .collect()
}

/// The new VOLSER of a source volume from the VOLSER masks.
fn new_volser(req: &SystemClone, src: &str) -> Option<String> {
    for [from, to] in &req.targets.volser_masks {
        let (Some(f), Some(t)) = (volser_mask(from), volser_mask(to)) else {
            continue;
        };
        if let Some(c) = f.captures(src) {
            return t.substitute(&c).ok();
        }
    }
    None
}

/// Pair every selected source volume with a target device.
pub fn pair(
    req: &SystemClone,
    devs: &[DeviceInfo],
    sources: &[&DeviceInfo],
    findings: &mut Vec<Finding>,
) -> Vec<Pairing> {
    let source_devs: BTreeSet<&str> = sources.iter().map(|d| d.devnum.as_str()).collect();
    let source_vols: BTreeSet<&str> = sources.iter().map(|d| d.volser.as_str()).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    let explicit: BTreeMap<String, &crate::engine::request::VolumePair> = req
        .targets
        .pairs
        .iter()
        .map(|p| (p.source.to_ascii_uppercase(), p))
        .collect();
    for p in &req.targets.pairs {
        if !source_vols.contains(p.source.to_ascii_uppercase().as_str()) {
            findings.push(Finding::new(
                "ICL410E",
                &p.source,
                "a pair names a volume that is not selected",
            ));
        }
    }
    // Free devices of the target storage group: not a source, offline or
    // online without data sets (unless REPLACE), in device order.
    let pool: Vec<&DeviceInfo> = match &req.targets.storage_group {
        Some(sg) => devs
            .iter()
            .filter(|d| d.storage_group.as_deref() == Some(sg.as_str()))
            .filter(|d| !source_devs.contains(d.devnum.as_str()))
            .filter(|d| !d.online || d.datasets == 0 || req.options.replace)
            .collect(),
        None => Vec::new(),
    };
    for s in sources {
        let pair = explicit.get(&s.volser);
        let target = match pair {
            Some(p) => match devs.iter().find(|d| d.devnum.eq_ignore_ascii_case(&p.device)) {
                Some(t) => Some(t),
                None => {
                    findings.push(Finding::new(
                        "ICL257E",
                        &p.device,
                        "target device is not defined in the farm (or its image is unreadable)",
                    ));
                    None
                }
            },
            None => pool
                .iter()
                .find(|d| !used.contains(&d.devnum) && d.cyls >= s.cyls)
                .copied(),
        };
        let Some(t) = target else {
            if pair.is_none() {
                findings.push(Finding::new(
                    "ICL418E",
                    &s.volser,
                    format!("no free target device of {} cylinders or more is left", s.cyls),
                ));
            }
            continue;
        };
        if source_devs.contains(t.devnum.as_str()) {
            findings.push(Finding::new(
                "ICL415E",
                &t.devnum,
                format!(
                    "target device is a source (volume {}): a clone never overwrites its source",
                    t.volser
                ),
            ));
            continue;
        }
        if !used.insert(t.devnum.clone()) {
            findings.push(Finding::new(
                "ICL419E",
                &t.devnum,
                "device is the target of two source volumes",
            ));
            continue;
        }
        if t.cyls < s.cyls {
            findings.push(Finding::new(
                "ICL416E",
                &t.devnum,
                format!("{} cylinders cannot hold {} ({} cylinders)", t.cyls, s.volser, s.cyls),
            ));
        }
        if t.online && t.datasets > 0 && !req.options.replace {
            findings.push(Finding::new(
                "ICL417E",
                &t.devnum,
                format!(
                    "target {} is online and holds {} data sets; give REPLACE to overwrite it",
                    t.volser, t.datasets
                ),
            ));
        }
        let nv = pair
            .and_then(|p| p.volser.clone())
            .or_else(|| new_volser(req, &s.volser));
        let nv = match nv {
            Some(v) => v.to_ascii_uppercase(),
            None => {
                findings.push(Finding::new(
                    "ICL423W",
                    &s.volser,
                    format!("no VOLSER mask matches; the target keeps its label {}", t.volser),
                ));
                t.volser.clone()
            }
        };
        out.push(Pairing {
            source_volser: s.volser.clone(),
            source_device: s.devnum.clone(),
            source_cyls: s.cyls,
            target_device: t.devnum.clone(),
            target_old_volser: t.volser.clone(),
            target_cyls: t.cyls,
            new_volser: nv,
        });
    }
    // New VOLSERs: valid, unique, not online elsewhere.
    let mut seen = BTreeSet::new();
    for p in &out {
        if !valid_volser(&p.new_volser) {
            findings.push(Finding::new(
                "ICL422E",
                &p.new_volser,
                format!("new VOLSER for {} is invalid", p.source_volser),
            ));
        }
        if !seen.insert(p.new_volser.clone()) {
            findings.push(Finding::new(
                "ICL422E",
                &p.new_volser,
                "two targets would get the same VOLSER",
            ));
        }
        if let Some(other) = devs
            .iter()
            .find(|d| d.online && d.volser == p.new_volser && d.devnum != p.target_device)
        {
            findings.push(Finding::new(
                "ICL422E",
                &p.new_volser,
                format!("VOLSER is already online on device {} (duplicate VOLSER)", other.devnum),
            ));
        }
    }
    out
}
