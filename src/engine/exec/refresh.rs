//! The steps of a database refresh. Like the clone's, each is idempotent:
//! copies are made again from the source, the RECON is rebuilt from the
//! before-image saved at the start, stamps are set from the RECON.

use std::path::PathBuf;

use super::datasets;
use super::steps::Ctx;
use crate::catalog::vsam;
use crate::catalog::{Catalog, Entry};
use crate::dasd::{Access, Volume};
use crate::engine::refresh::{DsCopy, RefreshPreview, jcl};
use crate::farm::reader::FarmReader;
use crate::ims::recon::{Recon, decode, volume_io};
use crate::{Result, icl};

fn preview<'a>(ctx: &'a Ctx<'_>) -> Result<&'a RefreshPreview> {
    ctx.plan
        .preview
        .refresh
        .as_ref()
        .ok_or_else(|| icl!("ICL458E", "the plan has no refresh preview"))
}

fn saved_recon_path(ctx: &Ctx<'_>, cluster: &str) -> PathBuf {
    ctx.dir.join("backup").join(format!("recon-{cluster}.json"))
}

/// Save a RECON's records (once: a rerun keeps the pre-run image).
pub fn save_recon(ctx: &mut Ctx<'_>, cluster: &str) -> Result<()> {
    let p = saved_recon_path(ctx, cluster);
    if p.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(ctx.dir.join("backup")).map_err(|e| crate::msg::io_err("ICL456E", "backup folder", e))?;
    let reader = FarmReader::new(ctx.farm)?;
    let vol = reader.volume_of(cluster)?;
    let recs = vsam::read_records(&vol, &format!("{cluster}.DATA"))?;
    let json = serde_json::to_vec(&recs).map_err(|e| icl!("ICL456E", "RECON backup: {e}"))?;
    crate::engine::jobs::write_sync(&p, &json)
}

/// Issue an IMS command to a simulated system.
pub fn ims_command(ctx: &mut Ctx<'_>, system: &str, command: &str) -> Result<()> {
    let lines = crate::engine::exec::ims::issue(ctx.farm, system, command, ctx.plan.clock)?;
    for l in lines {
        ctx.log("ICL590I", format!("{system}: {l}"));
    }
    Ok(())
}

/// The volume that carries `volser`, for update.
fn target(ctx: &Ctx<'_>, volser: &str) -> Result<Volume> {
    let dev = ctx.farm.device_of_volser(volser)?.devnum.clone();
    ctx.farm.open_device(&dev, Access::Write)
}

/// The catalog that owns a name (its HLQ's alias, else the master): name
/// and the volume it lives on.
fn owning_catalog(reader: &FarmReader<'_>, dsn: &str) -> (String, String) {
    let c = reader.catalogs.catalog_for(dsn);
    (c.name.clone(), c.volser.clone())
}

fn catalog_put(ctx: &Ctx<'_>, entries: Vec<Entry>) -> Result<()> {
    let Some(first) = entries.first() else { return Ok(()) };
    let reader = FarmReader::new(ctx.farm)?;
    let (name, volser) = owning_catalog(&reader, &first.name);
    drop(reader);
    let mut v = target(ctx, &volser)?;
    let mut c = Catalog::load(&v, &name)?;
    for e in entries {
        c.put(e);
    }
    c.save(&mut v)?;
    v.sync()
}

fn catalog_remove(ctx: &Ctx<'_>, dsn: &str) -> Result<()> {
    let reader = FarmReader::new(ctx.farm)?;
    let (name, volser) = owning_catalog(&reader, dsn);
    drop(reader);
    let mut v = target(ctx, &volser)?;
    let mut c = Catalog::load(&v, &name)?;
    if c.locate(dsn).is_some() {
        c.delete(dsn)?;
        c.save(&mut v)?;
        v.sync()?;
    }
    Ok(())
}

/// Copy one data set of the refresh (allocating and cataloging the target
/// when it does not exist yet).
pub fn copy_dataset(ctx: &mut Ctx<'_>, index: usize) -> Result<()> {
    let c: DsCopy = preview(ctx)?
        .copies
        .get(index)
        .cloned()
        .ok_or_else(|| icl!("ICL458E", "no copy {index} in the plan"))?;
    let src = ctx.farm.open_volser(&c.source_volser, Access::Read)?;
    let mut dst = target(ctx, &c.target_volser)?;
    let t0 = std::time::Instant::now();
    if let Some(entries) = datasets::allocate_like(&src, &c.source, &mut dst, &c.target, c.vsam)? {
        dst.sync()?;
        catalog_put(ctx, entries)?;
    }
    let bytes = datasets::copy_contents(&src, &c.source, &mut dst, &c.target, c.vsam)?;
    dst.sync()?;
    let secs = t0.elapsed().as_secs_f64().max(1e-6);
    let _ = ctx.tx.send(crate::engine::events::Event::Progress {
        step: ctx.step,
        done: bytes,
        total: bytes,
        rate: bytes as f64 / secs,
    });
    ctx.log(
        "ICL591I",
        format!(
            "{} copied to {} on {}: {bytes} bytes",
            c.source, c.target, c.target_volser
        ),
    );
    Ok(())
}

/// Scratch and uncatalog an obsolete target data set (or cluster).
pub fn scratch_dataset(ctx: &mut Ctx<'_>, dsn: &str, volser: &str) -> Result<()> {
    let mut v = target(ctx, volser)?;
    if v.contains(&format!("{dsn}.DATA")) {
        vsam::delete_cluster(&mut v, dsn)?;
    } else if v.contains(dsn) {
        v.scratch(dsn)?;
    }
    v.sync()?;
    drop(v);
    catalog_remove(ctx, dsn)?;
    ctx.log("ICL592I", format!("{dsn} scratched on {volser} and uncataloged"));
    Ok(())
}

/// Rebuild the refreshed databases' definitions in the target RECON, from
/// the saved before-image, and store it in every RECON copy that had data.
pub fn dbrc_update(ctx: &mut Ctx<'_>) -> Result<()> {
    let p = preview(ctx)?.clone();
    let reader = FarmReader::new(ctx.farm)?;
    let tsys = crate::ims::discovery::discover(ctx.farm, &p.target)?;
    let mut copies = Vec::new();
    let mut before: Option<Recon> = None;
    for r in &tsys.recons {
        let path = saved_recon_path(ctx, &r.dsn);
        let recs: Vec<Vec<u8>> = match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice(&b).map_err(|e| icl!("ICL457E", "saved RECON {}: {e}", r.dsn))?,
            Err(_) => continue,
        };
        if recs.is_empty() {
            continue; // the spare
        }
        if before.is_none() {
            before = Some(decode(&recs)?);
        }
        copies.push(r.dsn.clone());
    }
    let before = before.ok_or_else(|| icl!("ICL457E", "no saved image of the {} RECON", p.target))?;
    // DBD facts for DBRC from the target's DBD sources.
    let dbds: Vec<crate::ims::dbd::Dbd> = p
        .databases
        .iter()
        .filter_map(|d| crate::engine::refresh::dbd_of(&reader, &tsys, d))
        .collect();
    let lib = crate::ims::dbrc::MemDbdLib::from_dbds(dbds.iter());
    drop(reader);
    let clock = crate::farm::sample::imsdata::recon_time(ctx.plan.clock);
    let mut d = crate::ims::dbrc::Dbrc::new(Some(before), clock).with_dbdlib(&lib);
    let rep = d.run(&p.dbrc.join("\n"));
    if rep.highest_cc > 4 {
        let first = crate::ims::dbrc::first_error(&rep)
            .map(|e| e.to_string())
            .unwrap_or_default();
        return Err(icl!(
            "ICL579E",
            "DBRC commands ended with condition code {}: {first}",
            rep.highest_cc
        ));
    }
    let mut recon = d.recon.take().ok_or_else(|| icl!("ICL579E", "the RECON vanished"))?;
    for db in &p.ic_recommended {
        let _ = recon.set_ic_recommended(db);
    }
    for c in &copies {
        let reader = FarmReader::new(ctx.farm)?;
        let vs = reader
            .volumes_of(c)
            .first()
            .cloned()
            .ok_or_else(|| icl!("ICL458E", "{c} is not cataloged"))?;
        drop(reader);
        let mut v = target(ctx, &vs)?;
        volume_io::store(&mut v, c, &recon)?;
        v.sync()?;
    }
    ctx.log(
        "ICL593I",
        format!(
            "{} DBRC commands run; RECON {} updated",
            p.dbrc.len(),
            copies.join(", ")
        ),
    );
    Ok(())
}

/// Write the target RECON's partition ID and reorganisation number into
/// the first block of every copied HALDB partition data set.
pub fn stamp_partitions(ctx: &mut Ctx<'_>) -> Result<()> {
    let p = preview(ctx)?.clone();
    let reader = FarmReader::new(ctx.farm)?;
    let tsys = crate::ims::discovery::discover(ctx.farm, &p.target)?;
    let recon = crate::engine::refresh::load_recon(&reader, &tsys)?;
    drop(reader);
    let mut n = 0;
    for c in p.copies.iter().filter(|c| c.partition.is_some()) {
        let part = c.partition.as_deref().unwrap_or_default();
        let Some(pi) = recon.db(part).and_then(|d| d.partition()) else {
            return Err(icl!("ICL475E", "partition {part} is not in the target RECON"));
        };
        let mut v = target(ctx, &c.target_volser)?;
        let name = if c.vsam {
            format!("{}.DATA", c.target)
        } else {
            c.target.clone()
        };
        let mut blocks: Vec<Vec<u8>> = v.read_blocks(&name)?.into_iter().map(|b| b.data).collect();
        if let Some(first) = blocks.first_mut() {
            crate::ims::dbdata::set_partition(first, pi.id, pi.reorg)?;
        }
        v.write_all_blocks(&name, &blocks)?;
        v.sync()?;
        n += 1;
    }
    ctx.log(
        "ICL594I",
        format!("{n} partition data sets carry the target RECON's partition IDs"),
    );
    Ok(())
}

/// Write the job streams of an external copy into the job folder.
pub fn emit_job_streams(ctx: &mut Ctx<'_>) -> Result<()> {
    let p = preview(ctx)?.clone();
    let req = ctx
        .plan
        .job
        .refresh
        .as_ref()
        .ok_or_else(|| icl!("ICL458E", "no refresh request"))?;
    let tsys = crate::ims::discovery::discover(ctx.farm, &p.target)?;
    let resl = tsys
        .members
        .first()
        .and_then(|m| m.dds.iter().find(|(d, _)| d == "STEPLIB").map(|x| x.1.clone()))
        .unwrap_or_else(|| format!("{}.SDFSRESL", tsys.hlqs.first().cloned().unwrap_or_default()));
    let dbdlib = format!("{}.DBDLIB", tsys.hlqs.first().cloned().unwrap_or_default());
    let recons: Vec<String> = tsys.recons.iter().map(|r| r.dsn.clone()).collect();
    let files = [
        ("datasets.txt", jcl::dataset_list(&p, &ctx.plan.job.job.name)),
        ("ADRDSSU.jcl", jcl::adrdssu(&p, req.options.fastreplication, &resl)),
        ("DSPURX00.jcl", jcl::dspurx00(&p, &recons, &resl, &dbdlib)),
        ("IMSCMDS.txt", jcl::ims_commands(&p)),
    ];
    for (name, text) in files {
        crate::engine::jobs::write_sync(&ctx.dir.join(name), text.as_bytes())?;
        ctx.log("ICL595I", format!("{name} written"));
    }
    Ok(())
}
