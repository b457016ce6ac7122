//! What a run saves before it changes anything, and how ROLLBACK puts it
//! back: the catalogs the run changes (the master catalog), farm.toml, the
//! simulated IMS states (`state/*.toml`), and every target volume as it was.

use std::path::Path;

use crate::dasd::Access;
use crate::dasd::image::{image_files, part_path};
use crate::engine::movers::{FastReplication, copy_file};
use crate::farm::Farm;
use crate::msg::io_err;
use crate::{Result, icl};

/// Save (once: a rerun keeps the first, pre-run copy) the master catalog's
/// records, farm.toml and the IMS state files.
pub fn backup_catalogs(farm: &Farm, dir: &Path) -> Result<()> {
    let b = dir.join("backup");
    if b.join("complete").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(&b).map_err(|e| io_err("ICL456E", format!("cannot create {}", b.display()), e))?;
    let f = &farm.config.farm;
    let vol = farm.open_volser(&f.master_catalog_volume, Access::Read)?;
    let recs = vol.read_records(&f.master_catalog)?;
    let json = serde_json::to_vec(&recs).map_err(|e| icl!("ICL456E", "catalog backup: {e}"))?;
    super::super::jobs::write_sync(&b.join("master-catalog.json"), &json)?;
    let toml =
        std::fs::read(farm.root().join(crate::farm::FARM_TOML)).map_err(|e| io_err("ICL456E", "farm.toml", e))?;
    super::super::jobs::write_sync(&b.join("farm.toml"), &toml)?;
    let saved = b.join("state");
    std::fs::create_dir_all(&saved).map_err(|e| io_err("ICL456E", "backup of the IMS states", e))?;
    for (name, path) in state_files(farm)? {
        let bytes = std::fs::read(&path).map_err(|e| io_err("ICL456E", format!("state/{name}"), e))?;
        super::super::jobs::write_sync(&saved.join(&name), &bytes)?;
    }
    super::super::jobs::write_sync(&b.join("complete"), b"")
}

/// The IMS state files of the farm: (file name, path).
fn state_files(farm: &Farm) -> Result<Vec<(String, std::path::PathBuf)>> {
    let dir = farm.path("state")?;
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<(String, std::path::PathBuf)> = rd
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| n.ends_with(".toml"))
        .collect();
    out.sort();
    Ok(out)
}

/// Put the IMS state files back: the saved ones, and none that the run
/// created (a system without a state file is as after a normal start).
fn restore_states(farm: &Farm, b: &Path) -> Result<()> {
    let saved = b.join("state");
    for (name, path) in state_files(farm)? {
        if !saved.join(&name).exists() {
            std::fs::remove_file(&path).map_err(|e| io_err("ICL457E", format!("state/{name}"), e))?;
        }
    }
    let Ok(rd) = std::fs::read_dir(&saved) else {
        return Ok(());
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(e.path()).map_err(|x| io_err("ICL457E", format!("saved state/{name}"), x))?;
        super::super::jobs::write_sync(&farm.path(&format!("state/{name}"))?, &bytes)?;
    }
    Ok(())
}

/// Save a target device's image files (once), reflinked where possible.
pub fn snapshot_target(farm: &Farm, dir: &Path, device: &str) -> Result<()> {
    let d = dir.join("undo").join(device);
    if d.join("complete").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(&d).map_err(|e| io_err("ICL456E", format!("cannot create {}", d.display()), e))?;
    let dev = farm.device(device)?;
    let img = farm.image_path(dev)?;
    for (i, f) in image_files(&img)?.iter().enumerate() {
        copy_file(
            f,
            &d.join(format!("{i}.img")),
            FastReplication::Preferred,
            &mut |_, _| {},
        )?;
    }
    super::super::jobs::write_sync(&d.join("complete"), b"")
}

/// Put a target device back as it was saved.
pub fn restore_target(farm: &Farm, dir: &Path, device: &str) -> Result<bool> {
    let d = dir.join("undo").join(device);
    if !d.join("complete").exists() {
        return Ok(false);
    }
    let dev = farm.device(device)?;
    let img = farm.image_path(dev)?;
    let mut saved: Vec<_> = std::fs::read_dir(&d)
        .map_err(|e| io_err("ICL457E", format!("cannot list {}", d.display()), e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "img"))
        .collect();
    saved.sort();
    // Remove what the run wrote (a copy may have had more or fewer parts).
    for k in 1..=27 {
        let _ = std::fs::remove_file(part_path(&img, k));
    }
    let _ = std::fs::remove_file(&img);
    let targets: Vec<std::path::PathBuf> = if saved.len() == 1 {
        vec![img.clone()]
    } else {
        (1..=saved.len()).map(|k| part_path(&img, k)).collect()
    };
    for (s, t) in saved.iter().zip(targets) {
        copy_file(s, &t, FastReplication::Preferred, &mut |_, _| {})?;
        crate::engine::movers::sync_file(&t)?;
    }
    Ok(true)
}

/// Put the master catalog, farm.toml and the IMS states back.
pub fn restore_catalogs(farm: &mut Farm, dir: &Path) -> Result<bool> {
    let b = dir.join("backup");
    if !b.join("complete").exists() {
        return Ok(false);
    }
    let toml = std::fs::read_to_string(b.join("farm.toml")).map_err(|e| io_err("ICL457E", "saved farm.toml", e))?;
    farm.config = crate::farm::FarmConfig::parse(&toml, "saved farm.toml")?;
    farm.save()?;
    let json =
        std::fs::read(b.join("master-catalog.json")).map_err(|e| io_err("ICL457E", "saved master catalog", e))?;
    let recs: Vec<Vec<u8>> = serde_json::from_slice(&json).map_err(|e| icl!("ICL457E", "saved master catalog: {e}"))?;
    let f = farm.config.farm.clone();
    let mut vol = farm.open_volser(&f.master_catalog_volume, Access::Write)?;
    vol.write_records(&f.master_catalog, &recs)?;
    vol.sync()?;
    restore_states(farm, &b)?;
    Ok(true)
}
