//! A database workload: deterministic updates of a database's segment
//! records, made only while the simulated IMS lets programs update it.
//!
//! Each update, under the group's IRLM lock ([`super::irlm`]):
//! 1. reads the IMS state and refuses (ICL535E) unless the database, its
//!    partitions and areas, and its indexes are started for update and
//!    authorized on an active member;
//! 2. reads every data set of the database and of its indexes with
//!    [`dbdata::read`], takes the next update sequence (one above the
//!    highest marker), picks a live segment record (from the seed and the sequence)
//!    and adds an amount to the packed-decimal field that ends its data
//!    (the balance of a CUSTOMER root), or bumps its last byte when the
//!    data does not end in packed decimal;
//! 3. rebuilds that data set (and every mirror copy of a DEDB area) with
//!    [`dbdata::build`] and writes the blocks
//!    that changed in place, then writes the new sequence into the marker
//!    ([`super::marker`]) of every data set.
//!
//! Record lengths never change, so blocks keep their places: the workload
//! writes data tracks of started databases and nothing else (no VTOC, no
//! catalog). It plays the IMS online regions, so it does not take the farm
//! lock (that orders imsclone runs; a refresh runs while the workload
//! does). A copy made while the workload runs may mix sequences; one made
//! after a saved /DBR has one sequence in every data set.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;

use super::irlm::IrlmLock;
use super::{ImsSim, marker, state};
use crate::dasd::{Access, Block, Volume};
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::ims::dbdata::{self, DataSet, prng::SplitMix64};
use crate::ims::discovery::{ImsSystem, discover};
use crate::msg::IclError;
use crate::{Result, icl, icl_bail};

/// One data set the workload writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The database it belongs to (the workload's database or an index).
    pub db: String,
    pub dsn: String,
    pub volser: String,
    /// The name in the VTOC: the DSN, or `DSN.DATA` for a VSAM cluster.
    pub component: String,
}

/// What one update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Updated {
        seq: u64,
        /// The data set whose record changed.
        dsn: String,
        /// The record's key in hex.
        key: String,
    },
    /// The simulated IMS does not let the database be updated now.
    Refused(IclError),
}

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub updates: u64,
    pub refusals: u64,
    /// Sequence of the last update (0: none).
    pub last_seq: u64,
}

/// Each data set's blocks (with their places) and contents.
type Sets = Vec<(Vec<Block>, DataSet)>;

/// A workload on one database of a system.
pub struct Workload<'f> {
    farm: &'f Farm,
    sys: ImsSystem,
    db: String,
    /// The database and its indexes: each must accept updates.
    dbs: Vec<String>,
    targets: Vec<Target>,
    seed: u64,
}

impl<'f> Workload<'f> {
    /// Resolve the database, its indexes and every data set of them.
    pub fn new(farm: &'f Farm, system: &str, db: &str, seed: u64) -> Result<Workload<'f>> {
        let sys = discover(farm, &super::group_of(farm, system)?)?;
        let db = db.trim().to_ascii_uppercase();
        let Some(d) = sys.database(&db) else {
            icl_bail!(
                "ICL536E",
                "{db} is not a database of {} (see imsclone list databases)",
                sys.name
            );
        };
        let mut dbs = vec![db.clone()];
        for ix in &d.indexes {
            if sys.database(ix).is_some() && !dbs.contains(ix) {
                dbs.push(ix.clone());
            }
        }
        let targets = resolve(farm, &sys, &dbs)?;
        if targets.is_empty() {
            icl_bail!(
                "ICL536E",
                "{db} of {} has no data sets registered in the RECON",
                sys.name
            );
        }
        Ok(Workload {
            farm,
            sys,
            db,
            dbs,
            targets,
            seed,
        })
    }

    pub fn database(&self) -> &str {
        &self.db
    }

    /// The data sets it writes (the database's, then its indexes').
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Does the simulated IMS let programs update every database now?
    fn check(&self) -> Result<()> {
        let st = state::read(self.farm, &self.sys.name)?;
        let sim = ImsSim::new(&self.sys, st, None);
        for d in &self.dbs {
            sim.allows_update(d)?;
        }
        Ok(())
    }

    /// One update (or a refusal).
    pub fn update_once(&mut self) -> Result<Step> {
        let _irlm = IrlmLock::acquire(self.farm, &self.sys.name)?;
        if let Err(e) = self.check() {
            return match e.id {
                "ICL535E" => Ok(Step::Refused(e)),
                _ => Err(e),
            };
        }
        let (mut vols, mut sets, seq) = match self.read_all() {
            Ok(x) => x,
            Err(_) => {
                // A refresh may have moved or reallocated a data set while
                // the database was stopped: look it up again, once.
                self.targets = resolve(self.farm, &self.sys, &self.dbs)?;
                self.read_all()?
            }
        };
        let seq = seq + 1;
        let mut g = SplitMix64::for_parts(&[self.db.as_bytes(), b"WORKLOAD"], self.seed ^ seq);
        let candidates: Vec<(usize, usize)> = sets
            .iter()
            .enumerate()
            .filter(|(_, (_, ds))| !ds.header.kind.is_pointer_set())
            .flat_map(|(i, (_, ds))| {
                ds.records
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !r.deleted && !r.data.is_empty())
                    .map(move |(j, _)| (i, j))
            })
            .collect();
        let Some(&(si, ri)) = g.pick(&candidates) else {
            icl_bail!("ICL541E", "{}: no live segment record with data to update", self.db);
        };
        let amount = 1 + g.below(9_999) as i64;
        let mut rec = sets[si].1.records[ri].clone();
        bump(&mut rec.data, amount);
        let key: String = rec.key.iter().map(|b| format!("{b:02X}")).collect();
        // The copies of a DEDB area (MADS) are mirrors: the record changes
        // in every one of them.
        let (h0, old_key) = (sets[si].1.header.clone(), sets[si].1.records[ri].key.clone());
        for (i, (t, (blocks, ds))) in self.targets.iter().zip(sets.iter_mut()).enumerate() {
            let mirror = h0.kind == dbdata::DsKind::DedbArea
                && ds.header.kind == h0.kind
                && ds.header.dbd == h0.dbd
                && ds.header.ddn == h0.ddn
                && ds.records.get(ri).is_some_and(|r| r.key == old_key);
            if i != si && !mirror {
                continue;
            }
            ds.records[ri] = rec.clone();
            let rebuilt = dbdata::build(&ds.header, &ds.records)?;
            let vol = vols
                .get_mut(&t.volser)
                .ok_or_else(|| icl!("ICL537E", "volume {} vanished", t.volser))?;
            rewrite(vol, t, blocks, &rebuilt)?;
        }
        // Then the marker of every data set: the update is complete once
        // all of them carry the new sequence.
        for (t, (blocks, _)) in self.targets.iter().zip(sets.iter_mut()) {
            let Some(first) = blocks.first_mut() else { continue };
            let mut data = first.data.clone();
            marker::write(&mut data, seq)?;
            let vol = vols
                .get_mut(&t.volser)
                .ok_or_else(|| icl!("ICL537E", "volume {} vanished", t.volser))?;
            put_block(vol, t, first, &data)?;
        }
        for v in vols.values_mut() {
            v.sync()?;
        }
        Ok(Step::Updated {
            seq,
            dsn: self.targets[si].dsn.clone(),
            key,
        })
    }

    /// Open the volumes (for update) and read every data set: the volumes,
    /// each data set's blocks and contents, and the highest marker.
    fn read_all(&self) -> Result<(BTreeMap<String, Volume>, Sets, u64)> {
        // The workload writes without the farm lock (see the module
        // comment), so it opens the images itself.
        let mut vols: BTreeMap<String, Volume> = BTreeMap::new();
        for t in &self.targets {
            if !vols.contains_key(&t.volser) {
                let dev = self.farm.device_of_volser(&t.volser)?;
                let v = Volume::open(&self.farm.image_path(dev)?, Access::Write)?;
                vols.insert(t.volser.clone(), v);
            }
        }
        let mut sets = Vec::new();
        let mut seq = 0u64;
        for t in &self.targets {
            let vol = &vols[&t.volser];
            let blocks = vol.read_blocks(&t.component)?;
            let bytes: Vec<u8> = blocks.iter().flat_map(|b| b.data.iter().copied()).collect();
            let ds = dbdata::read(&bytes).map_err(|e| e.context(&t.dsn))?;
            let first = blocks.first().map(|b| b.data.as_slice()).unwrap_or_default();
            seq = seq.max(marker::read(first).map_err(|e| e.context(&t.dsn))?);
            sets.push((blocks, ds));
        }
        Ok((vols, sets, seq))
    }

    /// `n` updates; the first refusal ends the run with its error.
    pub fn run(&mut self, n: u64) -> Result<Summary> {
        let mut s = Summary::default();
        for _ in 0..n {
            match self.update_once()? {
                Step::Updated { seq, .. } => {
                    s.updates += 1;
                    s.last_seq = seq;
                }
                Step::Refused(e) => return Err(e),
            }
        }
        Ok(s)
    }

    /// Update every `pause` until `stop` is set (or `max` updates are
    /// done); refusals are counted and the loop goes on, as an online
    /// program retries a stopped database.
    pub fn run_until(&mut self, stop: &AtomicBool, pause: Duration, max: Option<u64>) -> Result<Summary> {
        let mut s = Summary::default();
        while !stop.load(Ordering::SeqCst) && max.is_none_or(|m| s.updates < m) {
            match self.update_once()? {
                Step::Updated { seq, .. } => {
                    s.updates += 1;
                    s.last_seq = seq;
                }
                Step::Refused(_) => s.refusals += 1,
            }
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
        }
        Ok(s)
    }
}

/// Where every data set of `dbs` lives now (through the catalogs).
fn resolve(farm: &Farm, sys: &ImsSystem, dbs: &[String]) -> Result<Vec<Target>> {
    let reader = FarmReader::new(farm)?;
    let mut targets = Vec::new();
    for name in dbs {
        let Some(x) = sys.database(name) else { continue };
        for ds in &x.datasets {
            let vol = reader
                .volume_of(&ds.dsn)
                .map_err(|e| e.context(format!("{name} data set")))?;
            let component = if vol.contains(&ds.dsn) {
                ds.dsn.clone()
            } else {
                format!("{}.DATA", ds.dsn)
            };
            targets.push(Target {
                db: name.clone(),
                dsn: ds.dsn.clone(),
                volser: vol.volser(),
                component,
            });
        }
    }
    Ok(targets)
}

/// Write the blocks of `rebuilt` that differ from `old`, in place.
fn rewrite(vol: &mut Volume, t: &Target, old: &mut [Block], rebuilt: &[u8]) -> Result<()> {
    let total: usize = old.iter().map(|b| b.data.len()).sum();
    let bs = old.first().map_or(0, |b| b.data.len());
    if rebuilt.len() != total || bs == 0 || old.iter().any(|b| b.data.len() != bs) {
        icl_bail!(
            "ICL537E",
            "{}: the updated data set would not keep its blocks in place; nothing written",
            t.dsn
        );
    }
    for (b, new) in old.iter_mut().zip(rebuilt.chunks(bs)) {
        if b.data != new {
            put_block(vol, t, b, new)?;
        }
    }
    Ok(())
}

/// Replace one block's data (same length) on its track.
fn put_block(vol: &mut Volume, t: &Target, b: &mut Block, data: &[u8]) -> Result<()> {
    let layout = vol.layout(&t.component)?;
    let abs = layout
        .abs(u32::from(b.ttr.tt))
        .ok_or_else(|| icl!("ICL537E", "{}: block TT {} is outside the extents", t.dsn, b.ttr.tt))?;
    let trk = vol.track_mut(abs)?;
    let rec = trk
        .record_mut(b.ttr.r)
        .filter(|r| r.data.len() == data.len())
        .ok_or_else(|| icl!("ICL537E", "{}: block {:?} changed under the workload", t.dsn, b.ttr))?;
    rec.data = data.to_vec();
    b.data = data.to_vec();
    Ok(())
}

/// Add `amount` to the packed-decimal field that ends `data` (up to 8
/// bytes, keeping its length and wrapping at its capacity); when the data
/// does not end in packed decimal, bump the last byte instead.
pub fn bump(data: &mut [u8], amount: i64) {
    let n = data.len();
    let Some(&last) = data.last() else { return };
    let digit = |x: u8| x <= 9;
    if !(matches!(last & 0x0F, 0x0C | 0x0D | 0x0F) && digit(last >> 4)) {
        data[n - 1] = last.wrapping_add(1);
        return;
    }
    let mut start = n - 1;
    while start > 0 && n - start < 8 && digit(data[start - 1] >> 4) && digit(data[start - 1] & 0x0F) {
        start -= 1;
    }
    let field = &mut data[start..];
    let digits = field.len() * 2 - 1;
    let mut v: i128 = 0;
    for (i, b) in field.iter().enumerate() {
        v = v * 10 + i128::from(b >> 4);
        if i + 1 < field.len() {
            v = v * 10 + i128::from(b & 0x0F);
        }
    }
    if last & 0x0F == 0x0D {
        v = -v;
    }
    let cap = 10i128.pow(digits as u32);
    let mut nv = v + i128::from(amount);
    if nv.abs() >= cap {
        nv %= cap;
    }
    let sign = if nv < 0 { 0x0D } else { 0x0C };
    let mut nibbles: Vec<u8> = format!("{:0>digits$}", nv.unsigned_abs())
        .bytes()
        .map(|c| c - b'0')
        .collect();
    nibbles.push(sign);
    for (b, p) in field.iter_mut().zip(nibbles.chunks(2)) {
        *b = (p[0] << 4) | p[1];
    }
}

/// The marker of every data set the workload on `db` writes. Read under
/// the group's IRLM lock, so no update is half written meanwhile.
pub fn markers(farm: &Farm, system: &str, db: &str) -> Result<Vec<(String, u64)>> {
    let w = Workload::new(farm, system, db, 0)?;
    let _irlm = IrlmLock::acquire(farm, &w.sys.name)?;
    let reader = FarmReader::new(farm)?;
    let mut out = Vec::new();
    for t in &w.targets {
        let vol = reader.volume(&t.volser)?;
        let blocks = vol.read_blocks(&t.component)?;
        let first = blocks.first().map(|b| b.data.as_slice()).unwrap_or_default();
        out.push((t.dsn.clone(), marker::read(first).map_err(|e| e.context(&t.dsn))?));
    }
    Ok(out)
}

/// All data sets at one update sequence?
pub fn consistent(markers: &[(String, u64)]) -> bool {
    markers.windows(2).all(|w| w[0].1 == w[1].1)
}

/// A workload running on its own thread.
pub struct Running {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<Result<Summary>>>,
}

impl Running {
    /// Stop it and wait for the update in flight.
    pub fn stop(mut self) -> Result<Summary> {
        self.stop.store(true, Ordering::SeqCst);
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(icl!("ICL537E", "the workload thread failed")),
            None => Ok(Summary::default()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Start a workload on a thread (for tests of copies taken while a
/// database is being updated): it opens the farm at `root` read-only and
/// updates `db` every `pause` until stopped.
pub fn spawn(root: PathBuf, system: &str, db: &str, seed: u64, pause: Duration) -> Result<Running> {
    // Resolve once here so a bad database is an error now, not in the thread.
    {
        let farm = Farm::open(&root)?;
        Workload::new(&farm, system, db, seed)?;
    }
    let (system, db) = (system.to_string(), db.to_string());
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let thread = std::thread::spawn(move || -> Result<Summary> {
        let farm = Farm::open(&root)?;
        let mut w = Workload::new(&farm, &system, &db, seed)?;
        w.run_until(&flag, pause, None)
    });
    Ok(Running {
        stop,
        thread: Some(thread),
    })
}

#[cfg(test)]
mod tests {
    use super::bump;

    #[test]
    fn bump_packed_and_plain() {
        // 1234 in a 9-digit field (5 bytes) after EBCDIC "AB", + 5
        let mut d = vec![0xC1, 0xC2, 0x00, 0x00, 0x01, 0x23, 0x4C];
        bump(&mut d, 5);
        assert_eq!(d, vec![0xC1, 0xC2, 0x00, 0x00, 0x01, 0x23, 0x9C]);
        // -1D + 3 = +2C
        let mut d = vec![0x00, 0x1D];
        bump(&mut d, 3);
        assert_eq!(d, vec![0x00, 0x2C]);
        // 999C + 1 wraps within 3 digits
        let mut d = vec![0x99, 0x9C];
        bump(&mut d, 1);
        assert_eq!(d, vec![0x00, 0x0C]);
        // Not packed: the last byte changes.
        let mut d = vec![0xC1, 0xC2];
        bump(&mut d, 7);
        assert_eq!(d, vec![0xC1, 0xC3]);
        let mut d: Vec<u8> = Vec::new();
        bump(&mut d, 1);
        assert!(d.is_empty());
    }
}
