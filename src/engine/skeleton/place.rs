//! Which data sets a skeleton takes, and where they go.
//!
//! A skeleton clone works data set by data set (it does not copy volumes):
//! each system data set is copied and each database data set allocated
//! empty on the target storage group's volumes, first fit in device order,
//! so a source volume's data sets mostly stay together.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::clone::volumes::DeviceInfo;
use crate::engine::finding::Finding;
use crate::farm::reader::FarmReader;
use crate::ims::discovery::DatasetRef;

/// What the skeleton does with one of the source's data sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Needed to start and run IMS: copied with its contents.
    System,
    /// A database data set (DBDS or area data set): allocated empty.
    Database,
    /// Only history of the source (image copies, archived logs, change
    /// accumulations): the skeleton starts without it.
    History,
}

/// Classify by the roles discovery gave the data set.
pub fn classify(d: &DatasetRef) -> Class {
    let is = |p: &str| d.roles.iter().any(|r| r.starts_with(p));
    if is("RECON:DBDS") || is("RECON:ADS") {
        return Class::Database;
    }
    let history = ["RECON:IC", "RECON:SLDS", "RECON:RLDS", "RECON:CA"];
    let roles: Vec<&String> = d.roles.iter().filter(|r| *r != "HLQ").collect();
    if !roles.is_empty() && roles.iter().all(|r| history.iter().any(|h| r.starts_with(h))) {
        return Class::History;
    }
    Class::System
}

/// What a data set needs on a target volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub tracks: u32,
    /// VTOC entries (one per data set or component).
    pub dscbs: usize,
    pub vsam: bool,
}

/// The size of a data set (both components of a cluster) on its volume.
pub fn need(reader: &FarmReader<'_>, dsn: &str, volser: &str, vsam: bool) -> Option<Need> {
    let vol = reader.volume(volser).ok()?;
    if !vsam {
        return Some(Need {
            tracks: vol.allocated_tracks(dsn).ok()?,
            dscbs: 1,
            vsam,
        });
    }
    let data = vol.allocated_tracks(&format!("{dsn}.DATA")).ok()?;
    let index = vol.allocated_tracks(&format!("{dsn}.INDEX")).ok();
    Some(Need {
        // A new index component takes one track; the copy extends it.
        tracks: data + index.unwrap_or(0).max(u32::from(index.is_some())),
        dscbs: 1 + usize::from(index.is_some()),
        vsam,
    })
}

/// The free room of the candidate volumes, consumed as data sets are placed.
pub struct Room {
    /// (VOLSER, free tracks, free DSCBs, has a VVDS), in device order.
    vols: Vec<(String, u32, usize, bool)>,
}

impl Room {
    /// The online volumes of the storage group that belong to no other IMS
    /// system (`foreign`: volumes holding another system's data sets).
    pub fn of_group(
        reader: &FarmReader<'_>,
        devs: &[DeviceInfo],
        group: &str,
        foreign: &BTreeSet<String>,
        findings: &mut Vec<Finding>,
    ) -> Room {
        let mut vols = Vec::new();
        for d in devs
            .iter()
            .filter(|d| d.storage_group.as_deref() == Some(group) && d.online)
        {
            if foreign.contains(&d.volser) {
                findings.push(Finding::new(
                    "ICL490I",
                    &d.volser,
                    "holds data sets of another IMS system: the skeleton does not use it",
                ));
                continue;
            }
            let Ok(v) = reader.volume(&d.volser) else { continue };
            let vvds = v.contains(&crate::catalog::vsam::vvds_name(&d.volser));
            vols.push((d.volser.clone(), v.free_tracks(), v.free_dscbs(), vvds));
        }
        if vols.is_empty() {
            findings.push(Finding::new(
                "ICL491E",
                group,
                "the target storage group has no online volume the skeleton can use",
            ));
        }
        Room { vols }
    }

    /// Take room for a data set on the first volume (from `start`) where it
    /// fits; its VOLSER.
    pub fn place(&mut self, n: Need, prefer: Option<&str>) -> Option<String> {
        let start = prefer
            .and_then(|p| self.vols.iter().position(|v| v.0 == p))
            .unwrap_or(0);
        let order = (start..self.vols.len()).chain(0..start);
        for i in order {
            let v = &mut self.vols[i];
            // A first cluster on a volume also needs its VVDS (one track);
            // two DSCBs stay free for Format-3s of split extents.
            let vvds = n.vsam && !v.3;
            let tracks = n.tracks + u32::from(vvds);
            let dscbs = n.dscbs + usize::from(vvds) + 2;
            if v.1 >= tracks && v.2 >= dscbs {
                v.1 -= tracks;
                v.2 -= dscbs - 2;
                v.3 |= n.vsam;
                return Some(v.0.clone());
            }
        }
        None
    }

    pub fn volsers(&self) -> Vec<String> {
        self.vols.iter().map(|v| v.0.clone()).collect()
    }
}

/// Source VOLSER -> the target VOLSER most of its data sets went to (for
/// `VOL=SER=` references in the members).
pub fn volser_map(placed: &[(String, String)]) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (s, t) in placed {
        *counts.entry(s).or_default().entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(s, ts)| {
            ts.into_iter()
                .max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t)))
                .map(|(t, _)| (s.to_string(), t.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(roles: &[&str]) -> DatasetRef {
        DatasetRef {
            dsn: "X.Y".into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            volumes: vec![],
        }
    }

    #[test]
    fn classes_follow_roles() {
        assert_eq!(classify(&ds(&["HLQ", "RECON:DBDS CUSTDB CUSTDD1"])), Class::Database);
        assert_eq!(classify(&ds(&["HLQ", "RECON:ADS PAYDEDB PAYAR01"])), Class::Database);
        assert_eq!(classify(&ds(&["HLQ", "RECON:IC CUSTDB CUSTDD1"])), Class::History);
        assert_eq!(
            classify(&ds(&["HLQ", "RECON:RLDS IMP1", "RECON:SLDS IMP1"])),
            Class::History
        );
        // An OLDS is a system data set even though the RECON knows it.
        assert_eq!(
            classify(&ds(&["HLQ", "IMP1CTL:DFSOLP00", "RECON:OLDS IMP1"])),
            Class::System
        );
        assert_eq!(classify(&ds(&["HLQ"])), Class::System);
    }

    #[test]
    fn placement_is_first_fit_and_consumes_room() {
        let mut r = Room {
            vols: vec![("A".into(), 10, 10, false), ("B".into(), 100, 10, true)],
        };
        let n = |t| Need {
            tracks: t,
            dscbs: 1,
            vsam: false,
        };
        assert_eq!(r.place(n(8), None).as_deref(), Some("A"));
        assert_eq!(r.place(n(8), None).as_deref(), Some("B"));
        assert_eq!(r.place(n(2), Some("B")).as_deref(), Some("B"));
        assert_eq!(r.place(n(2), None).as_deref(), Some("A"));
        assert_eq!(r.place(n(1000), None), None);
        // A cluster on a volume without a VVDS needs a track more.
        let mut r = Room {
            vols: vec![("A".into(), 5, 10, false)],
        };
        let v = Need {
            tracks: 5,
            dscbs: 2,
            vsam: true,
        };
        assert_eq!(r.place(v, None), None);
    }

    #[test]
    fn volser_map_takes_the_majority() {
        let p = |s: &str, t: &str| (s.to_string(), t.to_string());
        let m = volser_map(&[
            p("IMSP01", "SCR001"),
            p("IMSP01", "SCR002"),
            p("IMSP01", "SCR002"),
            p("IMSL01", "SCR003"),
        ]);
        assert_eq!(m["IMSP01"], "SCR002");
        assert_eq!(m["IMSL01"], "SCR003");
    }
}
