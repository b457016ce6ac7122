//! VERIFY ("start the clone"): the checks a clone must pass before its IMS
//! could start.
//!
//! - Every data set the system refers to resolves through the catalogs to
//!   an online volume whose VTOC holds it.
//! - Nothing of another registered system remains: no other system's HLQ,
//!   VOLSER, IMSID or SSID in the system's VTOCs, catalog entries, RECON or
//!   members (after a clone, the source is "another system").
//! - HALDB partition IDs and reorganisation numbers in the partition data
//!   sets match the RECON.
//!
//! The member and RECON checks run the clone's own rewriters with a probe
//! map of the other systems' names: any value they would change is a value
//! that must not be there, found token-wise exactly as a clone changes it.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::Finding;
use super::names::{NameMap, RenameMap, VolserMap};
use super::rewrite::members::{Maps, rewrite_member};
use super::rewrite::recon::{ReconOptions, rewrite};
use crate::Result;
use crate::dasd::dscb::recfm;
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::discovery::{ImsSystem, discover};
use crate::ims::recon::{DbKind, volume_io};

/// What identifies the other systems of the farm.
#[derive(Default)]
struct Foreign {
    hlqs: BTreeSet<String>,
    ids: BTreeSet<String>,
    volsers: BTreeSet<String>,
}

fn foreign(farm: &Farm, me: &ImsSystem) -> Foreign {
    let mut f = Foreign::default();
    for name in farm.config.systems() {
        if name == me.name {
            continue;
        }
        f.ids.insert(name.clone());
        for s in farm.config.members_of(&name) {
            f.ids.insert(s.imsid.clone());
            if let Some(h) = s.proclib.split('.').next() {
                f.hlqs.insert(h.to_string());
            }
        }
        if let Ok(o) = discover(farm, &name) {
            f.hlqs.extend(o.hlqs.iter().cloned());
            f.volsers.extend(o.volumes.iter().cloned());
            if let Some(s) = o.recon_ssid {
                f.ids.insert(s);
            }
        }
    }
    // A name can never be foreign to itself.
    for h in &me.hlqs {
        f.hlqs.remove(h);
    }
    for id in me.imsids() {
        f.ids.remove(id);
    }
    for v in &me.volumes {
        f.volsers.remove(v);
    }
    f
}

/// Verify an IMS system; the findings (E/S ones mean it cannot start).
pub fn verify(farm: &Farm, system: &str) -> Result<Vec<Finding>> {
    let me = discover(farm, system)?;
    let mut out = Vec::new();
    for n in &me.notes {
        // What discovery only notes is an error for a system about to start.
        let id = match n.id {
            "ICL374W" => "ICL470E",
            "ICL373W" | "ICL389E" | "ICL396W" => "ICL476E",
            _ => n.id,
        };
        out.push(Finding::new(id, &me.name, n.text.clone()));
    }
    let reader = FarmReader::new(farm)?;

    // 1. Every data set resolves to an online volume whose VTOC holds it.
    for d in &me.datasets {
        for v in &d.volumes {
            match reader.volume(v) {
                Ok(vol) => {
                    if !vol.contains(&d.dsn) && !vol.contains(&format!("{}.DATA", d.dsn)) {
                        out.push(Finding::new(
                            "ICL472E",
                            &d.dsn,
                            format!("is cataloged on {v} but that VTOC does not hold it"),
                        ));
                    }
                }
                Err(e) => out.push(Finding::new(
                    "ICL471E",
                    &d.dsn,
                    format!("its volume {v} is not usable: {e}"),
                )),
            }
        }
    }

    // 2. Nothing of another system remains.
    let f = foreign(farm, &me);
    let probe_pairs: Vec<(String, String)> = f
        .hlqs
        .iter()
        .map(|h| (format!("{h}.**"), "FOREIGN.**".to_string()))
        .collect();
    let probe_rename = RenameMap::new(&probe_pairs)?;
    let probe_names = NameMap::new(
        &f.ids
            .iter()
            .map(|i| (i.clone(), "FOREIGN".to_string()))
            .collect::<BTreeMap<_, _>>(),
    )?;
    let probe_vols = VolserMap(f.volsers.iter().map(|v| (v.clone(), "FOREIGN".to_string())).collect());
    let probe = Maps {
        rename: &probe_rename,
        names: &probe_names,
        volsers: &probe_vols,
    };
    let mut libraries = Vec::new();
    for v in &me.volumes {
        let Ok(vol) = reader.volume(v) else {
            continue;
        };
        for ds in vol.dataset_names() {
            let hlq = ds.split('.').next().unwrap_or_default();
            if f.hlqs.contains(hlq) || ds.split('.').any(|q| f.ids.contains(q)) {
                out.push(Finding::new(
                    "ICL473E",
                    &ds,
                    format!("on {v} carries another system's name"),
                ));
            }
            if let Ok(dcb) = vol.dcb(&ds)
                && dcb.is_pds()
                && dcb.recfm & 0xC0 == recfm::F
                && dcb.lrecl == 80
                && me.hlqs.iter().any(|h| h == hlq)
            {
                libraries.push((ds.clone(), v.clone()));
            }
        }
    }
    for h in &me.hlqs {
        let cat = reader.catalogs.catalog_for(&format!("{h}.X"));
        for e in cat.entries() {
            let bad_vol = e.volumes.iter().find(|v| f.volsers.contains(*v));
            let bad_name = e.name.split('.').next().is_some_and(|q| f.hlqs.contains(q));
            if bad_vol.is_some() || bad_name {
                out.push(Finding::new(
                    "ICL473E",
                    &e.name,
                    format!("catalog {} entry names another system's data set or volume", cat.name),
                ));
            }
        }
    }
    for (lib, v) in &libraries {
        let Ok(vol) = reader.volume(v) else {
            continue;
        };
        for m in vol.members(lib)? {
            if m.name.len() >= 4 && f.ids.iter().any(|id| m.name.starts_with(id.as_str())) {
                out.push(Finding::new(
                    "ICL474E",
                    format!("{lib}({})", m.name),
                    "member name starts with another system's IMSID",
                ));
            }
            let lines = vol.read_member_text(lib, &m.name)?;
            if let Ok(rw) = rewrite_member(&m.name, &lines, &probe) {
                for c in rw.changes {
                    out.push(Finding::new(
                        "ICL474E",
                        format!("{lib}({}) record {}", m.name, c.record),
                        format!("refers to another system: {}", c.old.trim_end()),
                    ));
                }
            }
        }
    }
    let everything: BTreeSet<String> = me.datasets.iter().map(|d| d.dsn.clone()).collect();
    let mut recon_loaded = None;
    for r in &me.recons {
        let Ok(vol) = reader.volume_of(&r.dsn) else { continue };
        if volume_io::is_empty(&vol, &r.dsn).unwrap_or(true) {
            continue;
        }
        match volume_io::load(&vol, &r.dsn) {
            Ok(mut recon) => {
                let keep = recon.clone();
                let all = ReconOptions {
                    update_ic: true,
                    update_ca: true,
                    update_slds: true,
                    update_rlds: true,
                };
                let mut cloned = everything.clone();
                cloned.extend(f.hlqs.iter().cloned());
                for c in rewrite(&mut recon, &probe, &all_dsns(&keep, &cloned), all) {
                    let optional = c.starts_with("IMAGE")
                        || c.starts_with("CA ")
                        || c.starts_with("PRILOG")
                        || c.starts_with("PRISLD");
                    out.push(Finding::new(
                        if optional { "ICL478W" } else { "ICL477E" },
                        &r.dsn,
                        format!("refers to another system: {c}"),
                    ));
                }
                recon_loaded.get_or_insert(keep);
            }
            Err(e) => out.push(Finding::from_error(&r.dsn, &e)),
        }
    }

    // 3. HALDB partition IDs in the data sets match the RECON.
    if let Some(recon) = &recon_loaded {
        for db in me.databases.iter().filter(|d| !d.partitions.is_empty()) {
            for d in &db.datasets {
                let Some(pname) = &d.partition else { continue };
                let Some(part) = recon.db(pname) else { continue };
                let DbKind::Part(p) = &part.kind else { continue };
                match first_block(&reader, &d.dsn) {
                    Ok(b) => match crate::ims::dbdata::read_header(&b) {
                        Ok(h) if h.partition_id == p.id && h.reorg == p.reorg => {}
                        Ok(h) => out.push(Finding::new(
                            "ICL475E",
                            &d.dsn,
                            format!(
                                "carries partition ID {} reorg {} but the RECON says {} reorg {} for {}",
                                h.partition_id, h.reorg, p.id, p.reorg, pname
                            ),
                        )),
                        Err(e) => out.push(Finding::from_error(&d.dsn, &e)),
                    },
                    Err(e) => out.push(Finding::from_error(&d.dsn, &e)),
                }
            }
        }
    }
    out.push(Finding::new(
        "ICL479I",
        &me.name,
        format!(
            "verified {} data sets on {} volumes, {} libraries",
            me.datasets.len(),
            me.volumes.len(),
            libraries.len()
        ),
    ));
    Ok(out)
}

/// Every DSN a RECON names, for the probe (so optional records are probed too).
fn all_dsns(r: &crate::ims::recon::Recon, extra: &BTreeSet<String>) -> BTreeSet<String> {
    let mut s = extra.clone();
    for db in r.dbs.values() {
        for x in &db.dbds {
            for ic in &x.images {
                s.insert(ic.ic1.dsn.clone());
                if let Some(i2) = &ic.ic2 {
                    s.insert(i2.dsn.clone());
                }
            }
        }
    }
    for g in r.ca_groups.values() {
        for c in &g.cas {
            s.insert(c.dsn.clone());
        }
    }
    for l in &r.logs {
        for d in &l.dsns {
            s.insert(d.dsn.clone());
        }
    }
    s
}

/// The first block of a database data set (OSAM, or a VSAM data component).
fn first_block(reader: &FarmReader<'_>, dsn: &str) -> Result<Vec<u8>> {
    let vol = reader.volume_of(dsn)?;
    let name = if vol.contains(dsn) {
        dsn.to_string()
    } else {
        format!("{dsn}.DATA")
    };
    vol.read_blocks(&name)?
        .into_iter()
        .next()
        .map(|b| b.data)
        .ok_or_else(|| crate::icl!("ICL475E", "{dsn} is empty: no partition header"))
}
