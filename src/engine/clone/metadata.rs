//! The metadata side of a clone plan: member rewrites of the copied
//! libraries, RECON rewrites, the subsystems to register.

use std::collections::{BTreeMap, BTreeSet};

use crate::dasd::dscb::recfm;
use crate::engine::finding::Finding;
use crate::engine::plan::{MemberDiff, ReconDiff, RenameEntry};
use crate::engine::request::SystemClone;
use crate::engine::rewrite::members::{Maps, MemberKind, check_new_member, rewrite_member};
use crate::engine::rewrite::recon::{ReconOptions, rewrite};
use crate::farm::Subsystem;
use crate::farm::reader::FarmReader;
use crate::ims::discovery::ImsSystem;
use crate::ims::recon::volume_io;

/// Libraries whose members are rewritten: partitioned, fixed 80-byte
/// records, renamed by the clone. (source DSN, target DSN, source VOLSER)
pub fn libraries(reader: &FarmReader<'_>, renames: &[RenameEntry]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for r in renames.iter().filter(|r| r.kind == "NONVSAM") {
        let Some(new) = &r.new else { continue };
        let Ok(vol) = reader.volume(&r.volser) else { continue };
        let Ok(dcb) = vol.dcb(&r.old) else { continue };
        if dcb.is_pds() && dcb.recfm & 0xC0 == recfm::F && dcb.lrecl == 80 {
            out.push((r.old.clone(), new.clone(), r.volser.clone()));
        }
    }
    out
}

/// Rewrite every member of one library (read from the source volume).
pub fn library_rewrites(
    reader: &FarmReader<'_>,
    volser: &str,
    dsn: &str,
    maps: &Maps<'_>,
) -> crate::Result<Vec<crate::engine::rewrite::members::MemberRewrite>> {
    let vol = reader.volume(volser)?;
    let mut out = Vec::new();
    for m in vol.members(dsn)? {
        if m.alias_of.is_some() {
            continue;
        }
        let lines = vol.read_member_text(dsn, &m.name)?;
        out.push(rewrite_member(&m.name, &lines, maps)?);
    }
    Ok(out)
}

/// Member diffs of every library, with their findings.
pub fn member_diffs(
    reader: &FarmReader<'_>,
    libs: &[(String, String, String)],
    maps: &Maps<'_>,
    findings: &mut Vec<Finding>,
) -> Vec<MemberDiff> {
    let mut out = Vec::new();
    for (src, tgt, vs) in libs {
        let rws = match library_rewrites(reader, vs, src, maps) {
            Ok(r) => r,
            Err(e) => {
                findings.push(Finding::from_error(src, &e));
                continue;
            }
        };
        let names: BTreeSet<&str> = rws.iter().map(|r| r.member.as_str()).collect();
        let renamed_from: BTreeSet<&str> = rws
            .iter()
            .filter(|r| r.new_member.is_some())
            .map(|r| r.member.as_str())
            .collect();
        for r in &rws {
            if let Some(n) = &r.new_member {
                if let Err(e) = check_new_member(&r.member, n) {
                    findings.push(Finding::from_error(format!("{src}({})", r.member), &e));
                } else if names.contains(n.as_str()) && !renamed_from.contains(n.as_str()) {
                    findings.push(Finding::new(
                        "ICL446E",
                        format!("{tgt}({})", r.member),
                        format!("would be renamed to {n}, which already exists"),
                    ));
                }
            }
            if r.kind == MemberKind::Keywords || r.kind == MemberKind::Jcl {
                unmapped_group_names(src, r, maps, findings);
            }
            if r.changed() {
                out.push(MemberDiff {
                    dsn: tgt.clone(),
                    member: r.member.clone(),
                    new_member: r.new_member.clone(),
                    changes: r.changes.clone(),
                });
            }
        }
    }
    out
}

/// IMSPLEX and IRLM group names that stay the source's would let the clone
/// join production: warn about each one the name map does not cover.
fn unmapped_group_names(
    lib: &str,
    r: &crate::engine::rewrite::members::MemberRewrite,
    maps: &Maps<'_>,
    findings: &mut Vec<Finding>,
) {
    for l in &r.lines {
        let t = l.trim_start_matches('/').trim();
        for kw in ["IMSPLEX=", "IRLMGRP="] {
            let Some(p) = t.find(kw) else { continue };
            let v: String = t[p + kw.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "$#@".contains(*c))
                .collect();
            if !v.is_empty()
                && !v.starts_with('&')
                && maps.names.exact(&v).is_none()
                && !maps.names.iter().any(|(_, t)| t == v)
            {
                findings.push(Finding::new(
                    "ICL409W",
                    format!("{lib}({})", r.member),
                    format!("{kw}{v} is not in the name map: the clone would share it with its source"),
                ));
            }
        }
    }
}

/// RECON rewrites: (source cluster, target cluster, diff) for every RECON
/// copy of the source system that is cloned and not empty.
pub fn recon_diffs(
    reader: &FarmReader<'_>,
    source: &ImsSystem,
    renames: &[RenameEntry],
    maps: &Maps<'_>,
    req: &SystemClone,
    findings: &mut Vec<Finding>,
) -> Vec<(String, String, ReconDiff)> {
    let cloned: BTreeSet<String> = renames
        .iter()
        .filter(|r| r.new.is_some())
        .map(|r| r.old.clone())
        .collect();
    let clusters: BTreeMap<&str, &str> = renames
        .iter()
        .filter(|r| r.kind == "CLUSTER")
        .filter_map(|r| r.new.as_deref().map(|n| (r.old.as_str(), n)))
        .collect();
    let mut out = Vec::new();
    for rr in &source.recons {
        let Some(target) = clusters.get(rr.dsn.as_str()) else {
            findings.push(Finding::new(
                "ICL447W",
                &rr.dsn,
                "RECON is not on a copied volume: the clone has no copy of it",
            ));
            continue;
        };
        let Ok(vol) = reader.volume_of(&rr.dsn) else { continue };
        if volume_io::is_empty(&vol, &rr.dsn).unwrap_or(true) {
            continue; // the spare stays empty
        }
        let mut recon = match volume_io::load(&vol, &rr.dsn) {
            Ok(r) => r,
            Err(e) => {
                findings.push(Finding::from_error(&rr.dsn, &e));
                continue;
            }
        };
        let changes = rewrite(&mut recon, maps, &cloned, recon_options(req));
        out.push((
            rr.dsn.clone(),
            target.to_string(),
            ReconDiff {
                dsn: target.to_string(),
                changes,
            },
        ));
    }
    out
}

pub fn recon_options(req: &SystemClone) -> ReconOptions {
    ReconOptions {
        update_ic: req.options.update_ic,
        update_ca: req.options.update_ca,
        update_slds: req.options.update_slds,
        update_rlds: req.options.update_rlds,
    }
}

/// The subsystems of the clone, one per source member.
pub fn subsystems(
    source: &ImsSystem,
    req: &SystemClone,
    maps: &Maps<'_>,
    findings: &mut Vec<Finding>,
) -> Vec<Subsystem> {
    let proclib = maps.rename.rename_loose(&source.proclib);
    let mut out = Vec::new();
    for m in &source.members {
        let Some(imsid) = maps.names.exact(&m.imsid) else {
            continue;
        };
        if !crate::farm::config::valid_imsid(&imsid) {
            findings.push(Finding::new(
                "ICL408E",
                &m.imsid,
                format!("target IMSID '{imsid}' is not 1-4 characters"),
            ));
            continue;
        }
        let Some(proclib) = proclib.clone() else {
            findings.push(Finding::new(
                "ICL408E",
                &source.proclib,
                "the PROCLIB is not renamed by any mask",
            ));
            continue;
        };
        out.push(Subsystem {
            imsid,
            group: Some(req.target.to_ascii_uppercase()),
            proclib,
            dfspb: maps.names.member(&m.dfspb).unwrap_or_else(|| m.dfspb.clone()),
        });
    }
    out
}
