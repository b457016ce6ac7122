//! Materialize a sample description into a new farm: create and format the
//! volumes, the catalogs, every data set with its content, and farm.toml.

use std::collections::BTreeMap;
use std::path::Path;

use super::content;
use super::source::SampleSource;
use super::spec::{SampleDataset, SampleSpec};
use crate::catalog::vsam::{self, ClusterDef};
use crate::catalog::{Catalog, Entry, EntryKind, VsamOrg};
use crate::dasd::{Dcb, Space, SpaceUnit, Volume};
use crate::farm::config::{Device, FarmConfig, FarmSection};
use crate::farm::{Farm, paths};
use crate::{Result, icl, icl_bail};

/// Parse `TRK,p,s[,dir]` / `CYL,p,s[,dir]`.
pub fn parse_space(s: &str) -> Result<Space> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let num = |i: usize| -> Result<u32> {
        parts.get(i).map_or(Ok(0), |p| {
            p.parse::<u32>()
                .map_err(|_| icl!("ICL263E", "space '{s}': '{p}' is not a number"))
        })
    };
    let unit = match parts.first().map(|u| u.to_ascii_uppercase()) {
        Some(u) if u == "TRK" => SpaceUnit::Trk,
        Some(u) if u == "CYL" => SpaceUnit::Cyl,
        _ => icl_bail!("ICL263E", "space '{s}' must start with TRK or CYL"),
    };
    if parts.len() < 2 || parts.len() > 4 {
        icl_bail!("ICL263E", "space '{s}' must be UNIT,primary[,secondary[,directory]]");
    }
    let sp = Space {
        unit,
        primary: num(1)?,
        secondary: num(2)?,
        dir_blocks: num(3)?,
    };
    if sp.primary == 0 {
        icl_bail!("ICL263E", "space '{s}': primary quantity is 0");
    }
    Ok(sp)
}

/// The DCB a sample data set asks for.
fn dcb_of(ds: &SampleDataset) -> Result<Dcb> {
    let dsorg = crate::dasd::dataset::parse_dsorg(&ds.dsorg)?;
    let recfm = crate::dasd::dataset::parse_recfm(ds.recfm.as_deref().unwrap_or("FB"))?;
    let dcb = Dcb {
        dsorg,
        recfm,
        lrecl: ds.lrecl.unwrap_or(0),
        blksize: ds.blksize.unwrap_or(0),
        keylen: 0,
    };
    dcb.check().map_err(|e| e.context(&ds.dsn))?;
    Ok(dcb)
}

/// Build the farm at `root` (an empty or new directory) from a sample.
pub fn materialize(spec: &SampleSpec, src: &dyn SampleSource, root: &Path) -> Result<Farm> {
    let config = FarmConfig {
        farm: FarmSection {
            name: spec.sample.name.clone(),
            master_catalog: spec.sample.master_catalog.clone(),
            master_catalog_volume: spec.sample.master_catalog_volume.clone(),
        },
        storage_groups: spec.storage_group.clone(),
        devices: spec
            .volume
            .iter()
            .map(|v| Device {
                devnum: v.devnum.to_ascii_uppercase(),
                image: format!("volumes/{}.3390", v.devnum.to_ascii_uppercase()),
                devtype: "3390".into(),
                online: v.online,
                storage_group: v.storage_group.clone(),
            })
            .collect(),
        subsystems: spec.subsystem.clone(),
    };
    let farm = Farm::create(root, config)?;
    let mut vols: BTreeMap<String, Volume> = BTreeMap::new();
    for v in &spec.volume {
        if vols.contains_key(&v.volser) {
            icl_bail!("ICL264E", "sample volume {} is defined twice", v.volser);
        }
        let path = paths::confine(farm.root(), &format!("volumes/{}.3390", v.devnum.to_ascii_uppercase()))?;
        vols.insert(
            v.volser.clone(),
            Volume::create(&path, &v.volser, v.cyls, v.vtoc_tracks)?,
        );
    }
    // Catalogs: the master, then each user catalog with its connector and aliases.
    let mvs = &spec.sample.master_catalog_volume;
    let mut master = {
        let v = vols
            .get_mut(mvs)
            .ok_or_else(|| icl!("ICL264E", "master catalog volume {mvs} is not defined"))?;
        Catalog::create(v, &spec.sample.master_catalog)?
    };
    let mut ucats: BTreeMap<String, Catalog> = BTreeMap::new();
    for c in &spec.catalog {
        let v = vols
            .get_mut(&c.volser)
            .ok_or_else(|| icl!("ICL264E", "catalog volume {} is not defined", c.volser))?;
        ucats.insert(c.name.clone(), Catalog::create(v, &c.name)?);
        master.define(Entry {
            name: c.name.clone(),
            kind: EntryKind::UserCatalog,
            volumes: vec![c.volser.clone()],
            devtype: "3390".into(),
        })?;
        for a in &c.aliases {
            master.define(Entry {
                name: a.clone(),
                kind: EntryKind::Alias { ucat: c.name.clone() },
                volumes: vec![],
                devtype: "3390".into(),
            })?;
        }
    }

    // Data sets: allocate everything, then fill (database data sets last,
    // since they take their identity from the RECON that registers them).
    let mut ctx = content::Context::new(spec.sample.clock);
    ctx.recon_sets = recon_sets(spec);
    ctx.dbd_sources = dbd_sources(spec, src)?;
    ctx.dbdlibs = dbd_libraries(&ctx.dbd_sources);
    for pass in [content::Pass::System, content::Pass::Databases] {
        for ds in &spec.dataset {
            if content::pass_of(ds) != pass {
                continue;
            }
            let v = vols
                .get_mut(&ds.volser)
                .ok_or_else(|| icl!("ICL264E", "{}: volume {} is not defined", ds.dsn, ds.volser))?;
            let space = parse_space(&ds.space).map_err(|e| e.context(&ds.dsn))?;
            let entries = if ds.dsorg.eq_ignore_ascii_case("VSAM") {
                let vs = ds
                    .vsam
                    .as_ref()
                    .ok_or_else(|| icl!("ICL263E", "{}: VSAM data set without [vsam]", ds.dsn))?;
                let org = match vs.org.to_ascii_uppercase().as_str() {
                    "KSDS" => VsamOrg::Ksds,
                    "ESDS" => VsamOrg::Esds,
                    o => icl_bail!("ICL263E", "{}: VSAM organisation '{o}' (KSDS or ESDS)", ds.dsn),
                };
                let def = ClusterDef {
                    name: ds.dsn.clone(),
                    org,
                    ci_size: vs.ci,
                    max_record: vs.maxrec,
                    key_len: vs.keylen,
                    key_offset: 0,
                    space,
                };
                vsam::define_cluster(v, &def).map_err(|e| e.context(&ds.dsn))?
            } else {
                v.create_dataset(&ds.dsn, dcb_of(ds)?, space)
                    .map_err(|e| e.context(&ds.dsn))?;
                vec![Entry::nonvsam(&ds.dsn, &[&ds.volser])]
            };
            content::fill(&mut ctx, v, ds, src).map_err(|e| e.context(format!("sample data set {}", ds.dsn)))?;
            if ds.catalog {
                let hlq = ds.dsn.split('.').next().unwrap_or_default();
                let cat = match master.alias_target(hlq).map(str::to_string) {
                    Some(u) => ucats
                        .get_mut(&u)
                        .ok_or_else(|| icl!("ICL264E", "alias {hlq} names unknown catalog {u}"))?,
                    None => &mut master,
                };
                for e in entries {
                    cat.define(e)?;
                }
            }
        }
    }
    let mv = vols
        .get_mut(mvs)
        .ok_or_else(|| icl!("ICL264E", "master catalog volume {mvs} vanished"))?;
    master.save(mv)?;
    for (name, c) in &ucats {
        let vs = &spec
            .catalog
            .iter()
            .find(|x| &x.name == name)
            .map(|x| x.volser.clone())
            .unwrap_or_default();
        let v = vols
            .get_mut(vs)
            .ok_or_else(|| icl!("ICL264E", "catalog volume {vs} vanished"))?;
        c.save(v)?;
    }
    for v in vols.values_mut() {
        v.sync()?;
    }
    Ok(farm)
}

/// The RECON sets of a sample: each command file's copies (the data sets
/// built from it, in order) and its spare: an empty KSDS named like the
/// first copy but for the last character (`IMSP.RECON1` -> `IMSP.RECON3`).
fn recon_sets(spec: &SampleSpec) -> BTreeMap<String, Vec<String>> {
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ds in &spec.dataset {
        if let Some(f) = &ds.recon {
            sets.entry(f.clone()).or_default().push(ds.dsn.clone());
        }
    }
    for copies in sets.values_mut() {
        let stem = copies[0][..copies[0].len() - 1].to_string();
        let spare = spec.dataset.iter().find(|d| {
            d.dsn.starts_with(&stem)
                && d.dsn.len() == copies[0].len()
                && !copies.contains(&d.dsn)
                && d.recon.is_none()
                && d.vsam.as_ref().is_some_and(|v| v.keylen == 32)
        });
        if let Some(s) = spare {
            copies.push(s.dsn.clone());
        }
    }
    sets
}

/// The DBD sources of the sample: members of every `*.DBDSRC` library, by
/// HLQ and DBD name.
type DbdSources = BTreeMap<String, BTreeMap<String, crate::ims::dbd::Dbd>>;

fn dbd_sources(spec: &SampleSpec, src: &dyn SampleSource) -> Result<DbdSources> {
    let mut out: DbdSources = BTreeMap::new();
    for ds in spec.dataset.iter().filter(|d| d.dsn.ends_with(".DBDSRC")) {
        let Some(dir) = &ds.members else { continue };
        let hlq = ds.dsn.split('.').next().unwrap_or_default().to_string();
        for (name, bytes) in src.list(dir)? {
            if let Ok(dbd) = crate::ims::dbd::Dbd::from_bytes(&bytes, Some(&name)) {
                out.entry(hlq.clone()).or_default().insert(dbd.name.clone(), dbd);
            }
        }
    }
    Ok(out)
}

/// DBD facts for DBRC, by HLQ: DBRC takes a data set's organisation from
/// the DBD (its IMS DD).
fn dbd_libraries(sources: &DbdSources) -> BTreeMap<String, crate::ims::dbrc::MemDbdLib> {
    use crate::ims::dbrc::{DbdFacts, MemDbdLib};
    let mut libs: BTreeMap<String, MemDbdLib> = BTreeMap::new();
    for (hlq, dbds) in sources {
        let lib = libs.entry(hlq.clone()).or_default();
        for dbd in dbds.values() {
            lib.0.insert(dbd.name.clone(), DbdFacts::of_dbd(dbd));
        }
    }
    libs
}
