//! Discovery: from a registered IMSID (or data-sharing group) to everything
//! the system is made of, the way a systems programmer would find it:
//! farm.toml names the PROCLIB and the DFSPB member; DFSPB names the DBRC,
//! DLISAS and IRLM procedures; the control region procedure (found by its
//! RGSUF) names the libraries, logs and the MDA library; the DBRC procedure
//! or the MDA members name the RECONs; the RECON names every database data
//! set, partition, area, image copy and archived log; the catalogs say
//! which volumes hold them.

pub mod model;

use std::collections::{BTreeMap, BTreeSet};

pub use model::*;

use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::dbd::Dbd;
use crate::ims::dfspb::Dfspb;
use crate::ims::jcl::Jcl;
use crate::ims::mda::Mda;
use crate::ims::recon::{DbKind, Recon, volume_io};
use crate::{Result, icl};

/// Collects every DSN with why it belongs.
#[derive(Default)]
struct Dsns(BTreeMap<String, BTreeSet<String>>);

impl Dsns {
    fn add(&mut self, dsn: &str, role: impl Into<String>) {
        let (d, _) = FarmReader::split_member(dsn);
        let d = d.trim().to_ascii_uppercase();
        // Temporary names, referbacks and symbols are not data sets.
        if d.is_empty() || d.starts_with('&') || d.starts_with('*') || d.contains('&') {
            return;
        }
        if crate::dasd::names::dsn_problem(&d).is_some() {
            return;
        }
        self.0.entry(d).or_default().insert(role.into());
    }
}

/// Discover a system by group name or IMSID.
pub fn discover(farm: &Farm, name: &str) -> Result<ImsSystem> {
    let subs = farm.config.members_of(name);
    if subs.is_empty() {
        let known = farm.config.systems().join(", ");
        return Err(icl!(
            "ICL372E",
            "{name} is not a registered IMS system or IMSID (known: {known})"
        ));
    }
    let reader = FarmReader::new(farm)?;
    let group = subs[0].group_name().to_string();
    let proclib = subs[0].proclib.clone();
    let mut notes = Vec::new();
    let mut dsns = Dsns::default();
    dsns.add(&proclib, "PROCLIB");

    // Parse every PROCLIB member once: procedures by name.
    let mut procs: BTreeMap<String, Jcl> = BTreeMap::new();
    let mut proclibs: Vec<String> = subs.iter().map(|s| s.proclib.clone()).collect();
    proclibs.dedup();
    for lib in &proclibs {
        for m in reader.member_names(lib)? {
            if let Ok(j) = reader.member_text(lib, &m).and_then(|t| Jcl::parse(&t)) {
                procs.insert(m, j);
            }
        }
    }

    let mut members = Vec::new();
    let mut recon_dsns: Vec<(String, String)> = Vec::new();
    let mut mdalib: Option<String> = None;
    for s in &subs {
        let mut m = ImsMember {
            imsid: s.imsid.clone(),
            dfspb: s.dfspb.clone(),
            ..Default::default()
        };
        m.rgsuf = s.dfspb.strip_prefix("DFSPB").unwrap_or_default().to_string();
        let pb = match reader.member_text(&s.proclib, &s.dfspb).and_then(|t| Dfspb::parse(&t)) {
            Ok(pb) => pb,
            Err(e) => {
                notes.push(Note {
                    id: "ICL373W",
                    text: format!("{}: DFSPB member {} unreadable: {e}", s.imsid, s.dfspb),
                });
                members.push(m);
                continue;
            }
        };
        if let Some(id) = pb.imsid().filter(|id| *id != s.imsid) {
            notes.push(Note {
                id: "ICL396W",
                text: format!(
                    "{}: {} says IMSID={id}, farm.toml registers {}",
                    s.imsid, s.dfspb, s.imsid
                ),
            });
        }
        m.dbrc_proc = pb.dbrcnm().map(str::to_string);
        m.dli_proc = pb.dlinm().map(str::to_string);
        m.irlm = pb
            .irlm()
            .filter(|v| v.eq_ignore_ascii_case("Y"))
            .and(pb.irlmnm())
            .map(str::to_string);

        // The control region: DFSMVRC0 PARM='CTL,&RGSUF' with this suffix.
        let ctl = procs.iter().find(|(_, j)| {
            j.proc().is_some_and(|p| {
                let syms = p.symbols(&[]);
                p.steps.iter().any(|st| {
                    st.resolved(&syms).0.ims_region().is_some_and(|r| {
                        r.region_type == "CTL" && r.rgsuf.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(&m.rgsuf))
                    })
                })
            })
        });
        match ctl {
            Some((name, j)) => {
                m.ctl_proc = Some(name.clone());
                if let Some(p) = j.proc() {
                    for (dd, ds) in p.resolved_dsns() {
                        for d in &ds {
                            dsns.add(d, format!("{name}:{dd}"));
                            let ddu = dd.to_ascii_uppercase();
                            if ddu.starts_with("DFSOLP") || ddu.starts_with("DFSOLS") {
                                m.olds.push((ddu.clone(), d.clone()));
                            } else if ddu.starts_with("DFSWADS") {
                                m.wads.push((ddu.clone(), d.clone()));
                            } else {
                                m.dds.push((ddu.clone(), d.clone()));
                            }
                            if ddu == "IMSDALIB" && mdalib.is_none() {
                                mdalib = Some(d.clone());
                            }
                        }
                    }
                }
            }
            None => notes.push(Note {
                id: "ICL373W",
                text: format!(
                    "{}: no control region procedure with RGSUF={} in {}",
                    s.imsid, m.rgsuf, s.proclib
                ),
            }),
        }
        // DBRC and DLISAS procedures.
        for (what, pname) in [("DBRC", &m.dbrc_proc), ("DLISAS", &m.dli_proc)] {
            let Some(pname) = pname else { continue };
            match procs.get(pname).and_then(Jcl::proc) {
                Some(p) => {
                    for (dd, ds) in p.resolved_dsns() {
                        for d in &ds {
                            dsns.add(d, format!("{pname}:{dd}"));
                            let ddu = dd.to_ascii_uppercase();
                            if what == "DBRC" && ddu.starts_with("RECON") && !recon_dsns.iter().any(|(_, x)| x == d) {
                                recon_dsns.push((ddu, d.to_ascii_uppercase()));
                            }
                        }
                    }
                }
                None => notes.push(Note {
                    id: "ICL373W",
                    text: format!("{}: {what} procedure {pname} not found in {}", s.imsid, s.proclib),
                }),
            }
        }
        members.push(m);
    }

    // MDA members: RECON, OLDS, WADS and database data sets.
    if let Some(lib) = &mdalib {
        for mem in reader.member_names(lib).unwrap_or_default() {
            let Ok(mda) = reader
                .member_text(lib, &mem)
                .and_then(|t| Mda::from_bytes(t.join("\n").as_bytes()))
            else {
                notes.push(Note {
                    id: "ICL373W",
                    text: format!("MDA member {lib}({mem}) is not DFSMDA source"),
                });
                continue;
            };
            for e in &mda.entries {
                if let Some(d) = &e.dsname {
                    dsns.add(d, format!("MDA:{mem}"));
                    if e.entry_type == "RECON" && !recon_dsns.iter().any(|(_, x)| x == d) {
                        recon_dsns.push((e.ddname.clone().unwrap_or_default(), d.clone()));
                    }
                }
            }
        }
    }

    // The RECON: the first copy that reads.
    let mut recon: Option<Recon> = None;
    for (_, dsn) in &recon_dsns {
        match reader.volume_of(dsn).and_then(|v| volume_io::load(&v, dsn)) {
            Ok(r) if recon.is_none() => recon = Some(r),
            Ok(_) => {}
            Err(e) if e.id == "ICL370E" => {} // an empty spare
            Err(e) => notes.push(Note {
                id: "ICL386W",
                text: format!("RECON {dsn} cannot be read: {e}"),
            }),
        }
    }
    let mut recons = Vec::new();
    let mut databases = Vec::new();
    let mut recon_ssid = None;
    match &recon {
        Some(r) => {
            recon_ssid = r.header.ssid.clone();
            for rd in &r.header.recons {
                if let Some(d) = &rd.dsn {
                    recons.push(ReconRef {
                        ddn: rd.ddn.clone(),
                        dsn: d.clone(),
                        status: format!("{:?}", rd.status).to_ascii_uppercase(),
                    });
                    dsns.add(d, "RECON");
                }
            }
            databases = databases_of(r, &reader, &mut dsns, &mut notes);
            for l in &r.logs {
                for d in &l.dsns {
                    dsns.add(&d.dsn, format!("RECON:{:?} {}", l.kind, l.ssid).to_ascii_uppercase());
                }
            }
            for o in &r.olds {
                for e in &o.entries {
                    dsns.add(&e.dsn, format!("RECON:OLDS {}", o.ssid));
                }
            }
        }
        None => notes.push(Note {
            id: "ICL389E",
            text: format!(
                "{group}: no readable RECON among {}",
                recon_dsns.iter().map(|x| x.1.as_str()).collect::<Vec<_>>().join(", ")
            ),
        }),
    }
    if recons.is_empty() {
        for (ddn, dsn) in &recon_dsns {
            recons.push(ReconRef {
                ddn: ddn.clone(),
                dsn: dsn.clone(),
                status: "UNKNOWN".into(),
            });
        }
    }

    // The system's high-level qualifiers: those of its PROCLIB and RECONs;
    // every cataloged data set under them belongs to it too.
    let mut hlqs: Vec<String> = std::iter::once(proclib.as_str())
        .chain(recons.iter().map(|r| r.dsn.as_str()))
        .filter_map(|d| d.split('.').next().map(str::to_string))
        .collect();
    hlqs.sort();
    hlqs.dedup();
    for h in &hlqs {
        if let Ok(mask) = crate::catalog::Mask::parse(&format!("{h}.**")) {
            for l in reader.catalogs.list(&mask) {
                if matches!(
                    l.entry.kind,
                    crate::catalog::EntryKind::NonVsam | crate::catalog::EntryKind::Cluster { .. }
                ) {
                    dsns.add(&l.entry.name, "HLQ");
                }
            }
        }
    }

    let mut datasets = Vec::new();
    let mut volumes = BTreeSet::new();
    for (dsn, roles) in dsns.0 {
        let vols = reader.volumes_of(&dsn);
        if vols.is_empty() {
            notes.push(Note {
                id: "ICL374W",
                text: format!(
                    "{dsn} ({}) is not cataloged",
                    roles.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
            });
        }
        volumes.extend(vols.iter().cloned());
        datasets.push(DatasetRef {
            dsn,
            roles: roles.into_iter().collect(),
            volumes: vols,
        });
    }
    Ok(ImsSystem {
        name: group,
        members,
        proclib,
        hlqs,
        recon_ssid,
        recons,
        mdalib,
        databases,
        datasets,
        volumes: volumes.into_iter().collect(),
        notes,
    })
}

/// Databases from the RECON, refined with their DBD source when it is found
/// in `<HLQ>.DBDSRC`.
fn databases_of(r: &Recon, reader: &FarmReader<'_>, dsns: &mut Dsns, notes: &mut Vec<Note>) -> Vec<Database> {
    let mut out = Vec::new();
    let mut no_source: Vec<String> = Vec::new();
    for db in r.dbs.values() {
        if matches!(db.kind, DbKind::Part(_)) {
            continue;
        }
        let mut d = Database {
            name: db.name.clone(),
            dbrc_type: db.kind.type_word().to_string(),
            org: String::new(),
            access: String::new(),
            dbd_source: None,
            partitions: Vec::new(),
            datasets: Vec::new(),
            indexes: Vec::new(),
            flags: Vec::new(),
        };
        let mut add_dbds = |owner: &crate::ims::recon::Db, part: Option<(&str, u16)>, d: &mut Database| {
            for x in &owner.dbds {
                if d.org.is_empty() && x.dborg.to_string() != "UNKNOWN" {
                    d.org = x.dborg.to_string();
                    d.access = x.dsorg.to_string();
                }
                for (flag, on) in [
                    ("IC NEEDED", x.ic_needed),
                    ("IC RECOMMENDED", x.ic_recommended),
                    ("RECOV NEEDED", x.recov_needed),
                ] {
                    if on && !d.flags.iter().any(|f| f == flag) {
                        d.flags.push(flag.to_string());
                    }
                }
                if let Some(area) = &x.area {
                    for a in &area.ads {
                        dsns.add(&a.adsn, format!("RECON:ADS {} {}", owner.name, x.ddn));
                        d.datasets.push(DbDataset {
                            ddn: a.addn.clone(),
                            dsn: a.adsn.clone(),
                            partition: None,
                            partition_id: None,
                            area: Some(x.ddn.clone()),
                        });
                    }
                } else if !x.dsn.is_empty() {
                    dsns.add(&x.dsn, format!("RECON:DBDS {} {}", owner.name, x.ddn));
                    d.datasets.push(DbDataset {
                        ddn: x.ddn.clone(),
                        dsn: x.dsn.clone(),
                        partition: part.map(|p| p.0.to_string()),
                        partition_id: part.map(|p| p.1),
                        area: None,
                    });
                }
                for ic in &x.images {
                    for c in std::iter::once(&ic.ic1).chain(ic.ic2.as_ref()) {
                        dsns.add(&c.dsn, format!("RECON:IC {} {}", owner.name, x.ddn));
                    }
                }
            }
        };
        add_dbds(db, None, &mut d);
        if matches!(db.kind, DbKind::Haldb(_)) {
            for p in r.partitions(&db.name) {
                if let DbKind::Part(pi) = &p.kind {
                    d.partitions.push(PartitionRef {
                        name: p.name.clone(),
                        id: pi.id,
                        dsn_prefix: pi.dsn_prefix.clone(),
                        reorg: pi.reorg,
                    });
                    add_dbds(p, Some((&p.name, pi.id)), &mut d);
                }
            }
        }
        if db.prohibit_auth {
            d.flags.push("PROHIBIT AUTH".into());
        }
        if db.read_only {
            d.flags.push("READ ONLY".into());
        }
        // The DBD source, by the system's convention <HLQ>.DBDSRC.
        let hlq = d
            .datasets
            .first()
            .and_then(|x| x.dsn.split('.').next())
            .unwrap_or_default()
            .to_string();
        let src = format!("{hlq}.DBDSRC");
        match reader.member_text(&src, &db.name) {
            Ok(text) => match Dbd::parse(&crate::ims::asm::AsmSource::parse(&text), Some(&db.name)) {
                Ok(dbd) => {
                    if let Some(o) = dbd.organisation {
                        d.org = o.name().to_string();
                    }
                    if let Some(a) = &dbd.access_method {
                        d.access = a.name().to_string();
                    }
                    d.indexes = dbd.referenced_dbds();
                    d.dbd_source = Some(format!("{src}({})", db.name));
                }
                Err(e) => notes.push(Note {
                    id: "ICL397W",
                    text: format!("{src}({}) is not a DBD: {e}", db.name),
                }),
            },
            Err(_) => no_source.push(format!("{}({})", src, db.name)),
        }
        out.push(d);
    }
    if !no_source.is_empty() {
        let shown: Vec<&str> = no_source.iter().take(5).map(String::as_str).collect();
        let more = if no_source.len() > 5 {
            format!(" and {} more", no_source.len() - 5)
        } else {
            String::new()
        };
        notes.push(Note {
            id: "ICL397W",
            text: format!(
                "no DBD source for {} databases: {}{more}",
                no_source.len(),
                shown.join(", ")
            ),
        });
    }
    out
}
