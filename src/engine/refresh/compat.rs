//! Compatibility checks of a database refresh: a refresh copies physical
//! data sets, so any layout difference makes the target unreadable or
//! silently wrong (IMS-REFERENCE §7). Structure comes from each side's DBD
//! source, registration and HALDB/DEDB settings from each side's RECON.

use crate::engine::finding::Finding;
use crate::ims::dbd::Dbd;
use crate::ims::recon::{Db, DbKind, Recon};

/// One side of a refresh for one database.
pub struct Side<'a> {
    pub dbd: Option<&'a Dbd>,
    pub recon: &'a Recon,
}

/// What the checks decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The target does not have the database; it will be defined.
    pub define_target: bool,
    /// The target HALDB's partitions differ; they will be redefined.
    pub redefine_haldb: bool,
}

fn norm(v: &Option<String>) -> String {
    v.as_deref()
        .unwrap_or("")
        .trim_matches(|c| c == '(' || c == ')')
        .to_string()
}

/// Structural differences of two DBDs: (message ID, text) per difference.
pub fn dbd_differences(s: &Dbd, t: &Dbd) -> Vec<(&'static str, String)> {
    let mut d = Vec::new();
    if s.organisation != t.organisation {
        d.push((
            "ICL563E",
            format!(
                "database type {:?} in the source, {:?} in the target",
                s.organisation, t.organisation
            ),
        ));
    }
    let am = |x: &Dbd| {
        x.access_method
            .as_ref()
            .map(|a| a.name().to_string())
            .unwrap_or_default()
    };
    if am(s) != am(t) {
        d.push((
            "ICL564E",
            format!("access method {} in the source, {} in the target", am(s), am(t)),
        ));
    }
    let segs = |x: &Dbd| -> Vec<String> {
        x.segments
            .iter()
            .map(|g| {
                format!(
                    "{}<{}:{:?}/{:?}:{}",
                    g.name,
                    g.parent.as_deref().unwrap_or("0"),
                    g.bytes_max,
                    g.bytes_min,
                    g.pointer.join(",")
                )
            })
            .collect()
    };
    if segs(s) != segs(t) {
        d.push((
            "ICL565E",
            format!(
                "segments differ (source {} segments, target {}): names, order, parents, lengths or pointers",
                s.segments.len(),
                t.segments.len()
            ),
        ));
    }
    let keys = |x: &Dbd| -> Vec<String> {
        x.segments
            .iter()
            .filter_map(|g| {
                g.key_field()
                    .map(|f| format!("{}.{:?}:{:?}+{:?}", g.name, f.name, f.start, f.bytes))
            })
            .collect()
    };
    if keys(s) != keys(t) {
        d.push(("ICL571E", "key (sequence) fields differ".into()));
    }
    let comp = |x: &Dbd| {
        x.segments
            .iter()
            .map(|g| g.comprtn.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    if comp(s) != comp(t) {
        d.push(("ICL572E", "segment edit/compression routines differ".into()));
    }
    let dsg = |x: &Dbd| {
        x.datasets
            .iter()
            .map(|g| g.dd1.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    if dsg(s) != dsg(t) {
        d.push((
            "ICL566E",
            format!("data set groups differ: source {:?}, target {:?}", dsg(s), dsg(t)),
        ));
    }
    let sizes = |x: &Dbd| {
        x.datasets
            .iter()
            .map(|g| (norm(&g.size), norm(&g.block)))
            .collect::<Vec<_>>()
    };
    if sizes(s) != sizes(t) {
        let fmt = |v: Vec<(String, String)>| {
            v.iter()
                .map(|(a, b)| format!("SIZE={a} BLOCK={b}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        d.push((
            "ICL567E",
            format!("block sizes differ: source {}, target {}", fmt(sizes(s)), fmt(sizes(t))),
        ));
    }
    let rm = |x: &Dbd| x.rmname.as_ref().map(|r| (r.module.clone(), r.params.clone()));
    if rm(s) != rm(t) {
        d.push((
            "ICL568E",
            format!(
                "randomizer differs: source {}, target {}",
                s.rmname.as_ref().map(|r| r.raw.as_str()).unwrap_or("none"),
                t.rmname.as_ref().map(|r| r.raw.as_str()).unwrap_or("none")
            ),
        ));
    }
    let areas = |x: &Dbd| {
        x.areas
            .iter()
            .map(|a| (a.dd1.clone(), norm(&a.size), norm(&a.uow), norm(&a.root)))
            .collect::<Vec<_>>()
    };
    if areas(s) != areas(t) {
        d.push((
            "ICL569E",
            format!(
                "DEDB areas differ (source {}, target {}): names, SIZE, UOW or ROOT",
                s.areas.len(),
                t.areas.len()
            ),
        ));
    }
    if s.psname != t.psname {
        d.push((
            "ICL570E",
            format!(
                "partition selection routine (PSNAME) differs: {:?} / {:?}",
                s.psname, t.psname
            ),
        ));
    }
    d
}

/// A partition as compared: name, ID, high key, block sizes.
type PartFacts = (String, u16, Option<Vec<u8>>, Vec<u32>);

/// HALDB definitions in the RECONs: partitions (names, IDs, high keys,
/// block sizes) and the selection routine.
pub fn haldb_differences(name: &str, s: &Recon, t: &Recon) -> Vec<String> {
    let mut d = Vec::new();
    let master = |r: &Recon| r.db(name).and_then(Db::master).cloned();
    let (Some(ms), Some(mt)) = (master(s), master(t)) else {
        return d;
    };
    if ms.partsel != mt.partsel {
        d.push(format!("PARTSEL {:?} / {:?}", ms.partsel, mt.partsel));
    }
    let parts = |r: &Recon| -> Vec<PartFacts> {
        r.partitions(name)
            .into_iter()
            .filter_map(|p| match &p.kind {
                DbKind::Part(x) => Some((
                    p.name.clone(),
                    x.id,
                    x.key_string.as_ref().map(|k| k.bytes.clone()),
                    x.block_sizes.clone(),
                )),
                _ => None,
            })
            .collect()
    };
    let (ps, pt) = (parts(s), parts(t));
    if ps.len() != pt.len() {
        d.push(format!(
            "{} partitions in the source, {} in the target",
            ps.len(),
            pt.len()
        ));
    }
    let ids = |v: &[PartFacts]| {
        v.iter()
            .map(|p| format!("{}={}", p.0, p.1))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if ps.iter().map(|p| (&p.0, p.1)).collect::<Vec<_>>() != pt.iter().map(|p| (&p.0, p.1)).collect::<Vec<_>>() {
        d.push(format!("partition IDs: source {}, target {}", ids(&ps), ids(&pt)));
    }
    if ps.iter().map(|p| &p.2).collect::<Vec<_>>() != pt.iter().map(|p| &p.2).collect::<Vec<_>>() {
        d.push("partition high keys (KEYSTRNG) differ".into());
    }
    if ps.iter().map(|p| &p.3).collect::<Vec<_>>() != pt.iter().map(|p| &p.3).collect::<Vec<_>>() {
        d.push("partition block sizes (BLOCKSZE) differ".into());
    }
    d
}

/// Check one database; findings go to `out`.
pub fn check(
    name: &str,
    src: &Side<'_>,
    tgt: &Side<'_>,
    copy_if_no_target_db: bool,
    copy_if_different_haldb: bool,
    out: &mut Vec<Finding>,
) -> Outcome {
    let mut o = Outcome::default();
    if tgt.recon.db(name).is_none() {
        if copy_if_no_target_db {
            out.push(Finding::new(
                "ICL561W",
                name,
                "the target has no such database: it will be defined like the source (COPY-IF-NO-TARGET-DB)",
            ));
            o.define_target = true;
        } else {
            out.push(Finding::new(
                "ICL560E",
                name,
                "the target system has no such database (give COPY-IF-NO-TARGET-DB to define it)",
            ));
            return o;
        }
    }
    let Some(sd) = src.dbd else {
        out.push(Finding::new(
            "ICL562E",
            name,
            "no DBD source in the source system: compatibility cannot be checked",
        ));
        return o;
    };
    if !o.define_target {
        match tgt.dbd {
            Some(td) => {
                for (id, text) in dbd_differences(sd, td) {
                    out.push(Finding::new(
                        id,
                        name,
                        format!("{text}: the target would not read the copied data"),
                    ));
                }
            }
            None => out.push(Finding::new(
                "ICL562E",
                name,
                "no DBD source in the target system: compatibility cannot be checked",
            )),
        }
    }
    if sd.is_haldb() && !o.define_target {
        let diffs = haldb_differences(name, src.recon, tgt.recon);
        if !diffs.is_empty() {
            if copy_if_different_haldb {
                out.push(Finding::new(
                    "ICL574I",
                    name,
                    format!(
                        "HALDB definition differs ({}); the target is redefined to match (COPY-IF-DIFFERENT-HALDB)",
                        diffs.join("; ")
                    ),
                ));
                o.redefine_haldb = true;
            } else {
                out.push(Finding::new(
                    "ICL570E",
                    name,
                    format!(
                        "HALDB definition differs ({}); give COPY-IF-DIFFERENT-HALDB to redefine the target",
                        diffs.join("; ")
                    ),
                ));
            }
        }
    }
    o
}
