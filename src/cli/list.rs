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
