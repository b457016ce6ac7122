//! Rewriting the RECON of a clone. Always: the header (SSID, RECON DSNs),
//! DBDS and AREA/ADS DSNs, partition DSN prefixes, online log (PRIOLD)
//! records, backout records, subsystem records and authorizations.
//! Optionally (the data sets were cloned and the option is on): image copy,
//! change accumulation, SLDS and RLDS records.

use std::collections::{BTreeMap, BTreeSet};

use super::members::Maps;
use crate::ims::recon::{DbKind, LogKind, Recon};

/// Which optional records to update.
#[derive(Debug, Clone, Copy)]
pub struct ReconOptions {
    pub update_ic: bool,
    pub update_ca: bool,
    pub update_slds: bool,
    pub update_rlds: bool,
}

/// Rewrites `recon`; `cloned` holds the source DSNs that are part of the
/// clone (optional records follow only those). Returns the changes, one
/// readable line each.
pub fn rewrite(recon: &mut Recon, maps: &Maps<'_>, cloned: &BTreeSet<String>, opt: ReconOptions) -> Vec<String> {
    let mut ch = Vec::new();
    let dsn = |d: &mut String, what: &str, ch: &mut Vec<String>| {
        if let Some(n) = maps.dsn(d).filter(|n| n != d) {
            ch.push(format!("{what}: {d} -> {n}"));
            *d = n;
        }
    };
    let name = |s: &mut String, what: &str, ch: &mut Vec<String>| {
        if let Some(n) = maps.names.exact(s).filter(|n| n != s) {
            ch.push(format!("{what}: {s} -> {n}"));
            *s = n;
        }
    };
    let vols = |v: &mut Vec<String>, what: &str, ch: &mut Vec<String>| {
        for x in v.iter_mut() {
            if let Some(n) = maps.volsers.get(x).filter(|n| n != x) {
                ch.push(format!("{what} VOLSER: {x} -> {n}"));
                *x = n;
            }
        }
    };

    // Header.
    if let Some(s) = recon.header.ssid.as_mut() {
        name(s, "HEADER SSID", &mut ch);
    }
    if let Some(p) = recon.header.imsplex.as_mut() {
        name(p, "HEADER IMSPLEX", &mut ch);
    }
    for r in recon.header.recons.iter_mut() {
        if let Some(d) = r.dsn.as_mut() {
            dsn(d, &format!("HEADER {}", r.ddn), &mut ch);
        }
    }

    // Databases, partitions, data sets, areas, image copies.
    for db in recon.dbs.values_mut() {
        if let DbKind::Part(p) = &mut db.kind {
            dsn(&mut p.dsn_prefix, &format!("PART {} DSNPREFX", db.name), &mut ch);
        }
        for a in db.auth.iter_mut() {
            name(&mut a.ssid, &format!("DB {} AUTHORIZED SSID", db.name), &mut ch);
        }
        for x in db.dbds.iter_mut() {
            let what = format!("DBDS {} {}", db.name, x.ddn);
            dsn(&mut x.dsn, &what, &mut ch);
            if let Some(area) = x.area.as_mut() {
                for a in area.ads.iter_mut() {
                    dsn(&mut a.adsn, &format!("ADS {} {} {}", db.name, x.ddn, a.addn), &mut ch);
                }
            }
            if opt.update_ic {
                for ic in x.images.iter_mut() {
                    for c in std::iter::once(&mut ic.ic1).chain(ic.ic2.as_mut()) {
                        if cloned.contains(&c.dsn) {
                            dsn(&mut c.dsn, &format!("IMAGE {what}"), &mut ch);
                            vols(&mut c.volsers, &format!("IMAGE {what}"), &mut ch);
                        }
                    }
                }
            }
        }
    }

    // Change accumulation.
    if opt.update_ca {
        for g in recon.ca_groups.values_mut() {
            for ca in g.cas.iter_mut() {
                if cloned.contains(&ca.dsn) {
                    dsn(&mut ca.dsn, &format!("CA {}", g.name), &mut ch);
                    vols(&mut ca.volsers, &format!("CA {}", g.name), &mut ch);
                }
            }
        }
    }

    // Online logs.
    for o in recon.olds.iter_mut() {
        name(&mut o.ssid, "PRIOLD SSID", &mut ch);
        for e in o.entries.iter_mut() {
            dsn(&mut e.dsn, &format!("PRIOLD {} {}", o.ssid, e.ddn), &mut ch);
        }
    }
    // Archived logs (optional).
    for l in recon.logs.iter_mut() {
        let on = match l.kind {
            LogKind::Slds => opt.update_slds,
            LogKind::Rlds => opt.update_rlds,
        };
        let all_cloned = l.dsns.iter().all(|d| cloned.contains(&d.dsn));
        if !on || !all_cloned {
            continue;
        }
        let what = format!("PRI{} {}", l.kind.as_str(), l.start);
        name(&mut l.ssid, &format!("{what} SSID"), &mut ch);
        for d in l.dsns.iter_mut() {
            dsn(&mut d.dsn, &what, &mut ch);
            vols(&mut d.volsers, &what, &mut ch);
        }
    }

    // Subsystems and backout records are keyed by SSID.
    let subs: BTreeMap<String, _> = std::mem::take(&mut recon.subsystems)
        .into_values()
        .map(|mut s| {
            name(&mut s.ssid, "SSYS SSID", &mut ch);
            if let Some(i) = s.irlmid.as_mut() {
                name(i, &format!("SSYS {} IRLMID", s.ssid), &mut ch);
            }
            (s.ssid.clone(), s)
        })
        .collect();
    recon.subsystems = subs;
    let bks: BTreeMap<String, _> = std::mem::take(&mut recon.backouts)
        .into_values()
        .map(|mut b| {
            name(&mut b.ssid, "BACKOUT SSID", &mut ch);
            (b.ssid.clone(), b)
        })
        .collect();
    recon.backouts = bks;
    ch
}
