//! `imsclone list ...`: reports over a farm.

use std::path::Path;

use clap::Subcommand;

use super::farm_cmd::resolve_farm;
use super::output::{Format, Table};
use crate::catalog::Mask;
use crate::dasd::Access;
use crate::farm::Farm;
use crate::{Result, icl};

#[derive(Debug, Subcommand)]
pub enum ListWhat {
    /// Registered IMS systems with what discovery finds of them.
    Systems {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Databases of a system: one row per database data set.
    Databases {
        /// System (data-sharing group) or IMSID.
        system: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// A LIST.RECON report of a system's RECON.
    Recon {
        /// System (data-sharing group) or IMSID.
        system: String,
    },
    /// Every data set a system refers to, with why and where.
    SystemDatasets {
        /// System (data-sharing group) or IMSID.
        system: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Every device with its volume.
    Volumes {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Data sets of the online volumes (from their VTOCs).
    Datasets {
        /// A data set name mask (`IMSP.**`, `*.RECON%`).
        mask: Option<String>,
        /// Only this volume.
        #[arg(long)]
        volume: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Members of a partitioned data set, with ISPF statistics.
    Members {
        dsn: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(what: ListWhat, farm: Option<&Path>) -> Result<i32> {
    let farm = Farm::open(&resolve_farm(farm)?)?;
    match what {
        ListWhat::Systems { format } => systems(&farm)?.print(format)?,
        ListWhat::Databases { system, format } => databases(&farm, &system)?.print(format)?,
        ListWhat::SystemDatasets { system, format } => system_datasets(&farm, &system)?.print(format)?,
        ListWhat::Recon { system } => {
            for l in recon_report(&farm, &system)? {
                crate::outln!("{l}");
            }
        }
        ListWhat::Volumes { format } => volumes(&farm).print(format)?,
        ListWhat::Datasets { mask, volume, format } => {
            datasets(&farm, mask.as_deref(), volume.as_deref())?.print(format)?
        }
        ListWhat::Members { dsn, format } => members(&farm, &dsn)?.print(format)?,
    }
    Ok(0)
}

pub fn volumes(farm: &Farm) -> Table {
    let mut t = Table::new(&[
        "device",
        "volser",
        "devtype",
        "status",
        "storage_group",
        "datasets",
        "cyls",
        "tracks",
        "free_tracks",
        "pct_used",
    ])
    .numeric(&["datasets", "cyls", "tracks", "free_tracks", "pct_used"]);
    for v in farm.volumes() {
        t.push(vec![
            v.devnum,
            v.volser,
            v.devtype,
            v.status,
            v.storage_group,
            v.datasets.to_string(),
            v.cyls.to_string(),
            v.tracks.to_string(),
            v.free_tracks.to_string(),
            v.pct_used.to_string(),
        ]);
    }
    t
}

pub fn datasets(farm: &Farm, mask: Option<&str>, volume: Option<&str>) -> Result<Table> {
    let mask = mask.map(Mask::parse).transpose()?;
    let cats = farm.catalogs().ok();
    let mut t = Table::new(&[
        "dsn",
        "volser",
        "dsorg",
        "recfm",
        "lrecl",
        "blksize",
        "tracks",
        "extents",
        "used_tracks",
        "created",
        "catalog",
    ])
    .numeric(&["lrecl", "blksize", "tracks", "extents", "used_tracks"]);
    let mut devs: Vec<_> = farm.config.devices.iter().filter(|d| d.online).collect();
    devs.sort_by(|a, b| a.devnum.cmp(&b.devnum));
    for d in devs {
        let vol = match farm.open_device(&d.devnum, Access::Read) {
            Ok(v) => v,
            Err(e) => {
                super::report(&e);
                continue;
            }
        };
        if volume.is_some_and(|v| v != vol.volser()) {
            continue;
        }
        for ds in vol.datasets()? {
            if mask.as_ref().is_some_and(|m| !m.matches(&ds.dsn)) {
                continue;
            }
            let catalog = cats
                .as_ref()
                .and_then(|c| c.locate(&ds.dsn))
                .filter(|l| l.entry.volumes.is_empty() || l.entry.volumes.contains(&ds.volser))
                .map(|l| l.catalog.to_string())
                .unwrap_or_default();
            t.push(vec![
                ds.dsn,
                ds.volser,
                ds.dsorg,
                ds.recfm,
                ds.lrecl.to_string(),
                ds.blksize.to_string(),
                ds.tracks.to_string(),
                ds.extents.to_string(),
                ds.used_tracks.to_string(),
                ds.created.unwrap_or_default(),
                catalog,
            ]);
        }
    }
    Ok(t)
}

/// The volume holding a cataloged data set (opened read-only).
pub fn open_cataloged(farm: &Farm, dsn: &str) -> Result<crate::dasd::Volume> {
    let cats = farm.catalogs()?;
    let vs = cats.volumes_of(dsn);
    let v = vs.first().ok_or_else(|| icl!("ICL009E", "{dsn} is not cataloged"))?;
    farm.open_volser(v, Access::Read)
}

pub fn members(farm: &Farm, dsn: &str) -> Result<Table> {
    let dsn = dsn.to_ascii_uppercase();
    let vol = open_cataloged(farm, &dsn)?;
    let mut t = Table::new(&[
        "member", "alias_of", "ttr", "vv_mm", "created", "changed", "lines", "userid",
    ])
    .numeric(&["lines"]);
    for m in vol.members(&dsn)? {
        let (vm, cr, ch, ln, id) = match &m.stats {
            Some(s) => (
                format!("{:02}.{:02}", s.version, s.modlevel),
                s.created.clone(),
                s.changed.clone(),
                s.lines.to_string(),
                s.userid.clone(),
            ),
            None => Default::default(),
        };
        t.push(vec![m.name, m.alias_of.unwrap_or_default(), m.ttr, vm, cr, ch, ln, id]);
    }
    Ok(t)
}

pub fn systems(farm: &Farm) -> Result<Table> {
    let mut t = Table::new(&[
        "system",
        "members",
        "hlqs",
        "proclib",
        "recons",
        "databases",
        "datasets",
        "volumes",
        "notes",
    ])
    .numeric(&["databases", "datasets", "notes"]);
    for name in farm.config.systems() {
        let s = crate::ims::discovery::discover(farm, &name)?;
        t.push(vec![
            s.name.clone(),
            s.imsids().join(","),
            s.hlqs.join(","),
            s.proclib.clone(),
            s.recons.iter().map(|r| r.dsn.clone()).collect::<Vec<_>>().join(","),
            s.databases.len().to_string(),
            s.datasets.len().to_string(),
            s.volumes.join(","),
            s.notes.len().to_string(),
        ]);
    }
    Ok(t)
}

pub fn databases(farm: &Farm, system: &str) -> Result<Table> {
    let s = crate::ims::discovery::discover(farm, &system.to_ascii_uppercase())?;
    let mut t = Table::new(&[
        "dbd",
        "type",
        "org",
        "access",
        "partition",
        "part_id",
        "area",
        "ddn",
        "dsn",
        "volser",
        "flags",
    ]);
    for db in &s.databases {
        for d in &db.datasets {
            t.push(vec![
                db.name.clone(),
                db.dbrc_type.clone(),
                db.org.clone(),
                db.access.clone(),
                d.partition.clone().unwrap_or_default(),
                d.partition_id.map(|i| i.to_string()).unwrap_or_default(),
                d.area.clone().unwrap_or_default(),
                d.ddn.clone(),
                d.dsn.clone(),
                s.dataset(&d.dsn).map(|x| x.volumes.join(",")).unwrap_or_default(),
                db.flags.join(","),
            ]);
        }
    }
    Ok(t)
}

pub fn system_datasets(farm: &Farm, system: &str) -> Result<Table> {
    let s = crate::ims::discovery::discover(farm, &system.to_ascii_uppercase())?;
    let mut t = Table::new(&["dsn", "volumes", "roles"]);
    for d in &s.datasets {
        t.push(vec![d.dsn.clone(), d.volumes.join(","), d.roles.join(" ")]);
    }
    for n in &s.notes {
        super::report(&crate::IclError::new(n.id, n.text.clone()));
    }
    Ok(t)
}

/// LIST.RECON of a system's RECON (the first readable copy).
pub fn recon_report(farm: &Farm, system: &str) -> Result<Vec<String>> {
    let s = crate::ims::discovery::discover(farm, &system.to_ascii_uppercase())?;
    let reader = crate::farm::reader::FarmReader::new(farm)?;
    for r in &s.recons {
        if let Ok(recon) = reader
            .volume_of(&r.dsn)
            .and_then(|v| crate::ims::recon::volume_io::load(&v, &r.dsn))
        {
            return Ok(crate::ims::recon::list::list_recon(&recon).lines);
        }
    }
    Err(icl!("ICL389E", "{}: no readable RECON", s.name))
}
