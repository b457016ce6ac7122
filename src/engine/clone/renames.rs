//! The rename map of a clone: every data set on the copied volumes, its new
//! name, and the checks (length, qualifiers, duplicates, collisions with
//! cataloged names, no target aliasing a source, orphans, uncataloged).

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::EntryKind;
use crate::catalog::vsam::vvds_name;
use crate::engine::finding::Finding;
use crate::engine::names::{RenameMap, Renamed};
use crate::engine::plan::{Pairing, RenameEntry};
use crate::engine::request::{NotRenamed, RenameError, SystemClone};
use crate::farm::CatalogView;
use crate::farm::reader::FarmReader;

/// Build the rename entries of the copied volumes.
pub fn renames(
    req: &SystemClone,
    reader: &FarmReader<'_>,
    pairs: &[Pairing],
    map: &RenameMap,
    target_ucat: &str,
    findings: &mut Vec<Finding>,
) -> Vec<RenameEntry> {
    let cats: &CatalogView = &reader.catalogs;
    let ucats: BTreeSet<&str> = cats.user.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut on_volumes: BTreeSet<String> = BTreeSet::new();
    for p in pairs {
        let vol = match reader.volume(&p.source_volser) {
            Ok(v) => v,
            Err(e) => {
                findings.push(Finding::from_error(&p.source_volser, &e));
                continue;
            }
        };
        for dsn in vol.dataset_names() {
            on_volumes.insert(dsn.clone());
            let located = cats.locate(&dsn);
            let catalog = located
                .as_ref()
                .filter(|l| l.entry.volumes.is_empty() || l.entry.volumes.contains(&p.source_volser))
                .map(|l| l.catalog.to_string())
                .unwrap_or_default();
            let (kind, new) = if dsn == vvds_name(&p.source_volser) {
                ("VVDS", Some(vvds_name(&p.new_volser)))
            } else if ucats.contains(dsn.as_str()) {
                ("CATALOG", Some(target_ucat.to_string()))
            } else {
                let kind = match located.map(|l| &l.entry.kind) {
                    Some(EntryKind::Data { .. } | EntryKind::Index { .. }) => "COMPONENT",
                    _ => "NONVSAM",
                };
                match map.rename(&dsn) {
                    Renamed::To(n) => (kind, Some(n)),
                    Renamed::NoMatch => {
                        match req.options.notrenamed {
                            NotRenamed::Keep => findings.push(Finding::new(
                                "ICL430W",
                                &dsn,
                                format!(
                                    "no rename mask matches; kept on {} under its source name, uncataloged",
                                    p.new_volser
                                ),
                            )),
                            NotRenamed::Delete => findings.push(Finding::new(
                                "ICL431I",
                                &dsn,
                                format!(
                                    "no rename mask matches; scratched from {} (NOTRENAMED(DELETE))",
                                    p.new_volser
                                ),
                            )),
                        }
                        (kind, None)
                    }
                    Renamed::Invalid { to, why } => {
                        findings.push(invalid(req, &dsn, &to, &why));
                        (kind, None)
                    }
                }
            };
            if catalog.is_empty() && kind != "VVDS" && kind != "CATALOG" {
                findings.push(Finding::new(
                    "ICL437W",
                    &dsn,
                    format!(
                        "is not cataloged to {} on the source; it is cataloged under its new name",
                        p.source_volser
                    ),
                ));
            }
            out.push(RenameEntry {
                volser: p.source_volser.clone(),
                old: dsn,
                new,
                kind: kind.to_string(),
                catalog,
                target_volser: None,
            });
        }
    }
    // Clusters: catalog entries whose components are on the copied volumes.
    let mut clusters: BTreeMap<String, String> = BTreeMap::new();
    for c in std::iter::once(&cats.master).chain(cats.user.values()) {
        for e in c.entries() {
            if let EntryKind::Cluster { data, .. } = &e.kind
                && on_volumes.contains(data)
            {
                clusters.insert(e.name.clone(), c.name.clone());
            }
        }
    }
    for (cl, cat) in clusters {
        let vol = cats.volumes_of(&cl).first().cloned().unwrap_or_default();
        let new = match map.rename(&cl) {
            Renamed::To(n) => Some(n),
            Renamed::NoMatch => None,
            Renamed::Invalid { to, why } => {
                findings.push(invalid(req, &cl, &to, &why));
                None
            }
        };
        out.push(RenameEntry {
            volser: vol,
            old: cl,
            new,
            kind: "CLUSTER".into(),
            catalog: cat,
            target_volser: None,
        });
    }
    // Orphans: cataloged to a copied volume, but not in its VTOC.
    let copied: BTreeSet<&str> = pairs.iter().map(|p| p.source_volser.as_str()).collect();
    for c in std::iter::once(&cats.master).chain(cats.user.values()) {
        for e in c.entries() {
            let on_copied = e.volumes.iter().any(|v| copied.contains(v.as_str()));
            if on_copied && !on_volumes.contains(&e.name) {
                findings.push(Finding::new(
                    "ICL438W",
                    &e.name,
                    format!(
                        "is cataloged in {} to a copied volume but is not on it (orphan entry)",
                        c.name
                    ),
                ));
            }
        }
    }
    check_targets(&out, cats, findings);
    out
}

/// The finding for a name a mask turns invalid: RENAME-ERROR(ABORT) makes it
/// an error, CONTINUE a warning (the data set stays unrenamed).
pub(crate) fn invalid(req: &SystemClone, dsn: &str, to: &str, why: &str) -> Finding {
    let id = if req.options.rename_error == RenameError::Abort {
        "ICL432E"
    } else {
        "ICL433W"
    };
    Finding::new(id, dsn, format!("renames to an invalid name '{to}': {why}"))
}

/// New names: no duplicates, none equal to a source name, none already cataloged.
pub(crate) fn check_targets(entries: &[RenameEntry], cats: &CatalogView, findings: &mut Vec<Finding>) {
    let sources: BTreeSet<&str> = entries.iter().map(|e| e.old.as_str()).collect();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for e in entries {
        let Some(n) = e.new.as_deref() else { continue };
        if e.kind == "VVDS" {
            continue;
        }
        if let Some(first) = seen.insert(n, &e.old) {
            findings.push(Finding::new(
                "ICL435E",
                n,
                format!("both {first} and {} would be renamed to it", e.old),
            ));
        }
        if sources.contains(n) {
            findings.push(Finding::new(
                "ICL434E",
                &e.old,
                format!("would be renamed to {n}, which is a source name: the clone would alias its source"),
            ));
        } else if let Some(l) = cats.locate(n) {
            findings.push(Finding::new(
                "ICL436E",
                &e.old,
                format!("would be renamed to {n}, which is already cataloged in {}", l.catalog),
            ));
        }
    }
}
