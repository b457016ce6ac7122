//! The steps of a system clone. Each one is idempotent: it derives what it
//! writes from the source (opened read-only) and the plan, so running it
//! again after it ran, or after it was killed half-way, gives the same
//! result.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crossbeam_channel::Sender;

use super::backup;
use crate::catalog::vsam;
use crate::catalog::{Catalog, Entry, EntryKind};
use crate::dasd::image::{image_files, part_path};
use crate::dasd::{Access, IspfStats, Volume};
use crate::engine::events::Event;
use crate::engine::finding::Finding;
use crate::engine::movers::copy_file;
use crate::engine::names::{NameMap, RenameMap, VolserMap};
use crate::engine::plan::{Plan, StepKind};
use crate::engine::request::NotRenamed;
use crate::engine::rewrite::members::Maps;
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::recon::volume_io;
use crate::{Result, icl, icl_bail};

/// What a step works with.
pub struct Ctx<'a> {
    pub farm: &'a mut Farm,
    pub dir: &'a Path,
    pub plan: &'a Plan,
    pub tx: &'a Sender<Event>,
    pub cancel: &'a AtomicBool,
    pub step: usize,
    pub findings: Vec<Finding>,
}

impl Ctx<'_> {
    pub(crate) fn log(&self, id: &str, text: impl Into<String>) {
        let text = text.into();
        tracing::info!(id, %text);
        let _ = self.tx.send(Event::Log {
            id: id.to_string(),
            text,
        });
    }

    fn request(&self) -> Result<&crate::engine::request::SystemClone> {
        let j = &self.plan.job;
        j.clone
            .as_ref()
            .or(j.skeleton.as_ref())
            .ok_or_else(|| icl!("ICL401E", "the plan has no clone request"))
    }

    /// The maps, rebuilt from the plan.
    fn maps(&self) -> Result<(RenameMap, NameMap, VolserMap)> {
        let req = self.request()?;
        let rename = RenameMap::of_job(&req.rename)?;
        let names = NameMap::new(&self.plan.preview.names)?;
        Ok((rename, names, VolserMap(self.plan.preview.volsers.clone())))
    }

    fn pair_of_device(&self, device: &str) -> Result<&crate::engine::plan::Pairing> {
        self.plan
            .preview
            .pairs
            .iter()
            .find(|p| p.target_device == device)
            .ok_or_else(|| icl!("ICL458E", "device {device} is not a target of this plan"))
    }

    /// Open the (target) volume that now carries `volser`, for update.
    pub(crate) fn target_volume(&self, volser: &str) -> Result<Volume> {
        let dev = self.farm.device_of_volser(volser)?.devnum.clone();
        self.farm.open_device(&dev, Access::Write)
    }
}

/// The target volume of a rename entry: where the entry says, or the new
/// VOLSER of its source volume (system clone).
pub(crate) fn target_volser_of(p: &crate::engine::plan::Preview, r: &crate::engine::plan::RenameEntry) -> String {
    r.target_volser
        .clone()
        .or_else(|| p.volsers.get(&r.volser).cloned())
        .unwrap_or_else(|| r.volser.clone())
}

/// Run one step.
pub fn run(ctx: &mut Ctx<'_>, kind: &StepKind) -> Result<()> {
    match kind {
        StepKind::BackupCatalogs => backup::backup_catalogs(ctx.farm, ctx.dir),
        StepKind::SnapshotTarget { device } => backup::snapshot_target(ctx.farm, ctx.dir, device),
        StepKind::CopyVolume {
            source_device,
            target_device,
        } => copy_volume(ctx, source_device, target_device),
        StepKind::Relabel { device, volser } => relabel(ctx, device, volser),
        StepKind::RenameVolume { device } => rename_volume(ctx, device),
        StepKind::Recatalog => recatalog(ctx),
        StepKind::UpdateRecon { source, target } => update_recon(ctx, source, target, false),
        StepKind::SkeletonRecon { source, target } => update_recon(ctx, source, target, true),
        StepKind::CopySystemDataset { index } => super::skeleton::copy_system_dataset(ctx, *index),
        StepKind::AllocateEmpty { index } => super::skeleton::allocate_empty(ctx, *index),
        StepKind::UpdateMembers { source, target } => update_members(ctx, source, target),
        StepKind::RegisterSubsystems => register(ctx),
        StepKind::SaveRecon { cluster } => super::refresh::save_recon(ctx, cluster),
        StepKind::ImsCommand { system, command } => super::refresh::ims_command(ctx, system, command),
        StepKind::CopyDataset { index } => super::refresh::copy_dataset(ctx, *index),
        StepKind::ScratchDataset { dsn, volser } => super::refresh::scratch_dataset(ctx, dsn, volser),
        StepKind::DbrcUpdate => super::refresh::dbrc_update(ctx),
        StepKind::StampPartitions => super::refresh::stamp_partitions(ctx),
        StepKind::EmitJobStreams => super::refresh::emit_job_streams(ctx),
        StepKind::Verify { system } => {
            let found = crate::engine::verify::verify(ctx.farm, system)?;
            ctx.findings.extend(found);
            Ok(())
        }
    }
}

fn copy_volume(ctx: &mut Ctx<'_>, source_device: &str, target_device: &str) -> Result<()> {
    let req = ctx.request()?.clone();
    // The copy will carry the source's VOLSER: the target goes offline first.
    if ctx.farm.device(target_device)?.online {
        ctx.farm.set_online(target_device, false)?;
    }
    let src_img = ctx.farm.image_path(ctx.farm.device(source_device)?)?;
    let tgt_img = ctx.farm.image_path(ctx.farm.device(target_device)?)?;
    // The source is opened read-only to check it, never for write.
    let src_files = image_files(&src_img)?;
    for k in 1..=27 {
        let _ = std::fs::remove_file(part_path(&tgt_img, k));
    }
    let total: u64 = src_files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let t0 = Instant::now();
    let mut base = 0u64;
    let mut movers = BTreeSet::new();
    for (i, f) in src_files.iter().enumerate() {
        let dst = if src_files.len() == 1 {
            tgt_img.clone()
        } else {
            part_path(&tgt_img, i + 1)
        };
        let step = ctx.step;
        let tx = ctx.tx.clone();
        let cancel = ctx.cancel;
        let len = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        let mut progress = |done: u64, tot: u64| {
            let scaled = if tot == 0 { len } else { done * len / tot.max(1) };
            let secs = t0.elapsed().as_secs_f64().max(1e-6);
            let _ = tx.send(Event::Progress {
                step,
                done: base + scaled,
                total,
                rate: (base + scaled) as f64 / secs,
            });
            let _ = cancel.load(Ordering::SeqCst);
        };
        let r = copy_file(f, &dst, req.options.fastreplication, &mut progress)?;
        crate::engine::movers::sync_file(&dst)?;
        movers.insert(r.mover.name());
        base += len;
    }
    ctx.log(
        "ICL460I",
        format!(
            "device {source_device} copied to {target_device}: {} bytes in {:.3}s by {}",
            total,
            t0.elapsed().as_secs_f64(),
            movers.into_iter().collect::<Vec<_>>().join(", ")
        ),
    );
    Ok(())
}

fn relabel(ctx: &mut Ctx<'_>, device: &str, volser: &str) -> Result<()> {
    let mut v = ctx.farm.open_device(device, Access::Write)?;
    let old = v.volser();
    vsam::relabel_volume(&mut v, volser)?;
    v.sync()?;
    drop(v);
    ctx.farm.set_online(device, true)?;
    ctx.log(
        "ICL461I",
        format!("device {device} relabelled {old} -> {volser} and varied online"),
    );
    Ok(())
}

fn rename_volume(ctx: &mut Ctx<'_>, device: &str) -> Result<()> {
    let req = ctx.request()?.clone();
    let pair = ctx.pair_of_device(device)?.clone();
    let mut v = ctx.farm.open_device(device, Access::Write)?;
    let mut renamed = 0;
    let mut scratched = 0;
    let entries: Vec<_> = ctx
        .plan
        .preview
        .renames
        .iter()
        .filter(|r| r.volser == pair.source_volser)
        .collect();
    for r in &entries {
        if r.kind == "VVDS" || r.kind == "CLUSTER" {
            continue;
        }
        match &r.new {
            Some(n) if v.contains(&r.old) => {
                v.rename(&r.old, n)?;
                renamed += 1;
            }
            Some(_) => {}
            None if req.options.notrenamed == NotRenamed::Delete && v.contains(&r.old) => {
                v.scratch(&r.old)?;
                scratched += 1;
            }
            None => {}
        }
    }
    let map = ctx.plan.preview.rename_map();
    vsam::vvds_rename(&mut v, &|n| map.get(n).cloned())?;
    v.sync()?;
    ctx.log(
        "ICL462I",
        format!(
            "{}: {renamed} data sets renamed, {scratched} scratched",
            pair.new_volser
        ),
    );
    Ok(())
}

fn recatalog(ctx: &mut Ctx<'_>) -> Result<()> {
    let p = &ctx.plan.preview;
    let map = p.rename_map();

    // The source catalogs say which entries are clusters and components.
    let reader = FarmReader::new(ctx.farm)?;
    let mut ucat = Catalog::default_named(&p.user_catalog);
    for r in &p.renames {
        let Some(new) = &r.new else { continue };
        let src = reader.catalogs.locate(&r.old).map(|l| l.entry.clone());
        let entry = match r.kind.as_str() {
            "NONVSAM" => Entry::nonvsam(new, &[&target_volser_of(p, r)]),
            "COMPONENT" => {
                let kind = match src.as_ref().map(|e| &e.kind) {
                    Some(EntryKind::Index { cluster }) => EntryKind::Index {
                        cluster: map.get(cluster).cloned().unwrap_or_else(|| cluster.clone()),
                    },
                    Some(EntryKind::Data { cluster }) => EntryKind::Data {
                        cluster: map.get(cluster).cloned().unwrap_or_else(|| cluster.clone()),
                    },
                    _ => continue,
                };
                Entry {
                    name: new.clone(),
                    kind,
                    volumes: vec![target_volser_of(p, r)],
                    devtype: "3390".into(),
                }
            }
            "CLUSTER" => match src.as_ref().map(|e| &e.kind) {
                Some(EntryKind::Cluster { org, data, index }) => Entry {
                    name: new.clone(),
                    kind: EntryKind::Cluster {
                        org: *org,
                        data: map.get(data).cloned().unwrap_or_else(|| data.clone()),
                        index: index.as_ref().map(|i| map.get(i).cloned().unwrap_or_else(|| i.clone())),
                    },
                    volumes: vec![],
                    devtype: "3390".into(),
                },
                _ => continue,
            },
            _ => continue,
        };
        ucat.put(entry);
    }
    drop(reader);
    // The user catalog data set: the renamed copy of the source's, or a new one.
    let cat_entry = p
        .renames
        .iter()
        .find(|r| r.kind == "CATALOG" && r.new.as_deref() == Some(p.user_catalog.as_str()));
    let cat_vol = match cat_entry {
        Some(r) => target_volser_of(p, r),
        None => p
            .pairs
            .first()
            .map(|x| x.new_volser.clone())
            .or_else(|| p.renames.iter().find_map(|r| r.target_volser.clone()))
            .ok_or_else(|| icl!("ICL458E", "no target volume"))?,
    };
    let mut v = ctx.target_volume(&cat_vol)?;
    if !v.contains(&p.user_catalog) {
        Catalog::create(&mut v, &p.user_catalog)?;
    }
    ucat.save(&mut v)?;
    v.sync()?;
    drop(v);
    // The master catalog: connector and aliases.
    let f = ctx.farm.config.farm.clone();
    let mut mv = ctx.farm.open_volser(&f.master_catalog_volume, Access::Write)?;
    let mut master = Catalog::load(&mv, &f.master_catalog)?;
    master.put(Entry {
        name: p.user_catalog.clone(),
        kind: EntryKind::UserCatalog,
        volumes: vec![cat_vol.clone()],
        devtype: "3390".into(),
    });
    for a in &p.aliases {
        master.put(Entry {
            name: a.clone(),
            kind: EntryKind::Alias {
                ucat: p.user_catalog.clone(),
            },
            volumes: vec![],
            devtype: "3390".into(),
        });
    }
    master.save(&mut mv)?;
    mv.sync()?;
    ctx.log(
        "ICL463I",
        format!(
            "{} entries cataloged in {} on {cat_vol}; aliases {} defined",
            ucat.len(),
            p.user_catalog,
            p.aliases.join(", ")
        ),
    );
    Ok(())
}

/// Rewrite a target RECON from its source (a skeleton's also loses its
/// history).
fn update_recon(ctx: &mut Ctx<'_>, source: &str, target: &str, skeleton: bool) -> Result<()> {
    let req = ctx.request()?.clone();
    let (rename, names, volsers) = ctx.maps()?;
    let maps = Maps {
        rename: &rename,
        names: &names,
        volsers: &volsers,
    };
    let cloned: BTreeSet<String> = ctx
        .plan
        .preview
        .renames
        .iter()
        .filter(|r| r.new.is_some())
        .map(|r| r.old.clone())
        .collect();
    let reader = FarmReader::new(ctx.farm)?;
    let mut recon = {
        let src_vol = reader.volume_of(source)?;
        volume_io::load(&src_vol, source)?
    };
    let mut changes = crate::engine::rewrite::recon::rewrite(
        &mut recon,
        &maps,
        &cloned,
        crate::engine::clone::metadata::recon_options(&req),
    );
    if skeleton {
        changes.extend(crate::engine::skeleton::recon::strip_history(&mut recon));
    }
    let vs = reader.volumes_of(target);
    drop(reader);
    let tv = vs
        .first()
        .ok_or_else(|| icl!("ICL458E", "target RECON {target} is not cataloged"))?;
    let mut v = ctx.target_volume(tv)?;
    volume_io::store(&mut v, target, &recon)?;
    v.sync()?;
    ctx.log("ICL464I", format!("RECON {target}: {} changes", changes.len()));
    Ok(())
}

fn update_members(ctx: &mut Ctx<'_>, source: &str, target: &str) -> Result<()> {
    let (rename, names, volsers) = ctx.maps()?;
    let maps = Maps {
        rename: &rename,
        names: &names,
        volsers: &volsers,
    };
    let src_volser = ctx
        .plan
        .preview
        .renames
        .iter()
        .find(|r| r.old == source)
        .map(|r| r.volser.clone())
        .ok_or_else(|| icl!("ICL458E", "{source} is not in the rename map"))?;
    let reader = FarmReader::new(ctx.farm)?;
    let rws = crate::engine::clone::metadata::library_rewrites(&reader, &src_volser, source, &maps)?;
    let stats_of: std::collections::BTreeMap<String, Option<IspfStats>> = reader
        .volume(&src_volser)?
        .members(source)?
        .into_iter()
        .map(|m| (m.name, m.stats))
        .collect();
    drop(reader);
    let tgt_volser = ctx
        .plan
        .preview
        .renames
        .iter()
        .find(|r| r.old == source)
        .map(|r| target_volser_of(&ctx.plan.preview, r))
        .unwrap_or_else(|| volsers.get(&src_volser).unwrap_or(src_volser.clone()));
    let mut v = ctx.target_volume(&tgt_volser)?;
    let clock = crate::dasd::dates::stamp_of(ctx.plan.clock);
    let mut batch = Vec::new();
    let mut deletes = Vec::new();
    let existing: BTreeSet<String> = v.directory(target)?.into_iter().map(|e| e.name).collect();
    for r in rws.iter().filter(|r| r.changed()) {
        let name = r.new_member.clone().unwrap_or_else(|| r.member.clone());
        // ISPF statistics: one more modification, changed at the run's clock.
        let stats = stats_of.get(&r.member).cloned().flatten().map(|mut s| {
            s.modlevel = s.modlevel.saturating_add(1);
            s.changed = format!(
                "{} {:02}:{:02}:{:02}",
                clock.date.iso(),
                clock.hour,
                clock.minute,
                clock.second
            );
            s.lines = r.lines.len().min(u16::MAX as usize) as u16;
            s.mod_lines = r.changes.len().min(u16::MAX as usize) as u16;
            s.userid = "IMSCLONE".into();
            s
        });
        let records = r.lines.iter().map(|l| crate::dasd::ebcdic::encode(l)).collect();
        batch.push(crate::dasd::NewMember { name, records, stats });
        if r.new_member.is_some() && existing.contains(&r.member) {
            deletes.push(r.member.clone());
        }
    }
    let n = batch.len();
    v.write_members(target, &batch, &deletes)?;
    v.sync()?;
    ctx.log("ICL465I", format!("{target}: {n} members updated"));
    Ok(())
}

fn register(ctx: &mut Ctx<'_>) -> Result<()> {
    for s in &ctx.plan.preview.subsystems {
        ctx.farm.config.subsystems.retain(|x| x.imsid != s.imsid);
        ctx.farm.config.subsystems.push(s.clone());
    }
    ctx.farm.config.validate("farm.toml")?;
    ctx.farm.save()?;
    let ids: Vec<&str> = ctx.plan.preview.subsystems.iter().map(|s| s.imsid.as_str()).collect();
    ctx.log("ICL466I", format!("IMS subsystems {} registered", ids.join(", ")));
    if ids.is_empty() {
        icl_bail!("ICL458E", "no subsystem to register");
    }
    Ok(())
}
