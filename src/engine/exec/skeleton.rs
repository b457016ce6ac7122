//! The steps of a skeleton clone that the system clone does not have:
//! copy one system data set, allocate one database data set empty. Both
//! are idempotent: an existing target is reused, its contents written again.

use super::datasets::{allocate_like, copy_contents, data_part};
use super::steps::Ctx;
use crate::dasd::Access;
use crate::engine::events::Event;
use crate::engine::finding::Finding;
use crate::engine::skeleton::{SkeletonDs, SkeletonPreview};
use crate::ims::dbdata;
use crate::{Result, icl};

fn preview<'a>(ctx: &'a Ctx<'_>) -> Result<&'a SkeletonPreview> {
    ctx.plan
        .preview
        .skeleton
        .as_ref()
        .ok_or_else(|| icl!("ICL458E", "the plan has no skeleton preview"))
}

fn entry(list: &[SkeletonDs], index: usize) -> Result<SkeletonDs> {
    list.get(index)
        .cloned()
        .ok_or_else(|| icl!("ICL458E", "no data set {index} in the skeleton plan"))
}

/// Copy a system data set to its place (cataloging comes later, with
/// everything else, in the Recatalog step).
pub fn copy_system_dataset(ctx: &mut Ctx<'_>, index: usize) -> Result<()> {
    let d = entry(&preview(ctx)?.copies, index)?;
    let src = ctx.farm.open_volser(&d.source_volser, Access::Read)?;
    let mut dst = ctx.target_volume(&d.target_volser)?;
    let t0 = std::time::Instant::now();
    allocate_like(&src, &d.source, &mut dst, &d.target, d.vsam)?;
    let bytes = copy_contents(&src, &d.source, &mut dst, &d.target, d.vsam)?;
    dst.sync()?;
    let _ = ctx.tx.send(Event::Progress {
        step: ctx.step,
        done: bytes,
        total: bytes,
        rate: bytes as f64 / t0.elapsed().as_secs_f64().max(1e-6),
    });
    ctx.log(
        "ICL498I",
        format!(
            "{} copied to {} on {}: {bytes} bytes",
            d.source, d.target, d.target_volser
        ),
    );
    Ok(())
}

/// Allocate a database data set like its source and write only its header
/// block (what partition initialization leaves: DBD, DD name, HALDB
/// partition ID and reorganisation number, DEDB area geometry; no records).
pub fn allocate_empty(ctx: &mut Ctx<'_>, index: usize) -> Result<()> {
    let d = entry(&preview(ctx)?.empty, index)?;
    let src = ctx.farm.open_volser(&d.source_volser, Access::Read)?;
    let mut dst = ctx.target_volume(&d.target_volser)?;
    allocate_like(&src, &d.source, &mut dst, &d.target, d.vsam)?;
    let (from, to) = (data_part(&d.source, d.vsam), data_part(&d.target, d.vsam));
    let first = src.read_blocks(&from)?.into_iter().next().map(|b| b.data);
    let header = first.as_deref().map(dbdata::read_header);
    match header {
        Some(Ok(mut h)) => {
            h.created = crate::farm::sample::imsdata::recon_time(ctx.plan.clock);
            let bytes = dbdata::build(&h, &[])?;
            let blocks: Vec<Vec<u8>> = bytes.chunks(h.block_size as usize).map(<[u8]>::to_vec).collect();
            dst.write_all_blocks(&to, &blocks)?;
        }
        _ => {
            // Not a database data set this farm can read: leave it empty.
            dst.write_all_blocks(&to, &[])?;
            ctx.findings.push(Finding::new(
                "ICL499W",
                &d.source,
                "has no readable database header: its copy is allocated with no blocks at all",
            ));
        }
    }
    dst.sync()?;
    ctx.log(
        "ICL596I",
        format!("{} allocated empty on {}", d.target, d.target_volser),
    );
    Ok(())
}
