//! An open volume: the image, a write-back track cache, the VOL1 label and
//! the VTOC index. Data set operations live in `alloc`, `dataset`, `seq` and
//! `pds` as further `impl Volume` blocks.

use std::collections::HashMap;
use std::path::Path;

use super::dates;
use super::dscb::{DSCB_DL, DSCB_KL, Dscb, Extent, Format1, Format4, empty_format5};
use super::geometry::{Cchh, Cchhr, HEADS, TRACK_CAPACITY, nominal_model_cyls, records_per_track};
use super::image::{Access, CkdImage};
use super::track::{Record, Track};
use super::vol1::{IPL1_KEY, IPL2_KEY, VOL1_KEY, Vol1, ipl1_data, ipl2_data};
use crate::{Result, icl, icl_bail};

/// DSCBs per VTOC track.
pub const DSCBS_PER_TRACK: u32 = 50;

#[derive(Debug)]
struct Cached {
    track: Track,
    /// Bytes the track occupied in the image when it was read.
    old_len: usize,
    dirty: bool,
}

/// One DSCB slot of the VTOC.
#[derive(Debug, Clone)]
pub struct Slot {
    pub addr: Cchhr,
    pub dscb: Dscb,
}

/// The VTOC as read: its Format-4, extent and every DSCB slot in order.
#[derive(Debug, Clone)]
pub struct Vtoc {
    pub f4: Format4,
    pub f4_addr: Cchhr,
    pub slots: Vec<Slot>,
    by_name: HashMap<[u8; 44], usize>,
}

impl Vtoc {
    pub fn extent(&self) -> Extent {
        self.f4.vtoce
    }

    /// Index of the slot holding the Format-1 of `dsn`.
    pub fn find(&self, dsn: &str) -> Option<usize> {
        let key = super::ebcdic::encode_padded(&dsn.to_ascii_uppercase(), 44);
        let mut k = [0u8; 44];
        k.copy_from_slice(&key);
        self.by_name.get(&k).copied()
    }

    /// The Format-1 in slot `i`.
    pub fn f1(&self, i: usize) -> Option<&Format1> {
        match &self.slots.get(i)?.dscb {
            Dscb::F1(f) => Some(f),
            _ => None,
        }
    }

    /// Slot index of a DSCB address.
    pub fn slot_of(&self, addr: Cchhr) -> Option<usize> {
        self.slots.iter().position(|s| s.addr == addr)
    }

    /// Slot indexes of every Format-1, in VTOC order.
    pub fn f1_slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s.dscb, Dscb::F1(_)))
            .map(|(i, _)| i)
    }

    /// Move a name in the index (a rename of slot `i`).
    pub(crate) fn rekey(&mut self, old: &[u8; 44], new: [u8; 44], i: usize) {
        self.by_name.remove(old);
        self.by_name.insert(new, i);
    }

    fn reindex(&mut self) {
        self.by_name.clear();
        for (i, s) in self.slots.iter().enumerate() {
            if let Dscb::F1(f) = &s.dscb {
                self.by_name.insert(f.dsname, i);
            }
        }
    }
}

/// An open CKD volume.
#[derive(Debug)]
pub struct Volume {
    img: CkdImage,
    cache: HashMap<u32, Cached>,
    vol1: Vol1,
    pub(crate) vtoc: Vtoc,
}

impl Volume {
    /// Create and format a new volume: IPL records, VOL1, and a VTOC of
    /// `vtoc_tracks` tracks at cylinder 0 head 1 holding F4, F5 and free slots.
    pub fn create(path: &Path, volser: &str, cyls: u32, vtoc_tracks: u32) -> Result<Volume> {
        super::vol1::check_volser(volser)?;
        if vtoc_tracks == 0 || vtoc_tracks + 1 > cyls * HEADS {
            icl_bail!(
                "ICL107E",
                "a VTOC of {vtoc_tracks} tracks does not fit {cyls} cylinders"
            );
        }
        let img = CkdImage::create(path, cyls)?;
        let vtoc_first = 1u32;
        let vtoc_last = vtoc_tracks;
        let vol1 = Vol1::new(volser, Cchhr::new(vtoc_first, 1))?;
        let mut t0 = Track::empty(Cchh::from_track(0));
        t0.records.push(Record::new(1, IPL1_KEY.to_vec(), ipl1_data()));
        t0.records.push(Record::new(2, IPL2_KEY.to_vec(), ipl2_data()));
        t0.records
            .push(Record::new(3, VOL1_KEY.to_vec(), vol1.encode().to_vec()));
        img.write_track(&t0, 0)?;

        let nominal = nominal_model_cyls(cyls) as u16;
        let end = Cchh::from_track(vtoc_last);
        let vtoce = Extent {
            kind: if end.head as u32 == HEADS - 1 { 0x81 } else { 0x01 },
            seq: 0,
            begin: Cchh::from_track(vtoc_first),
            end,
        };
        let f4 = Format4 {
            key: [4; 44],
            hpchr: Cchhr::new(vtoc_first, 2),
            dsrec: (vtoc_tracks * DSCBS_PER_TRACK - 2) as u16,
            hcchh: {
                let n = nominal.to_be_bytes();
                [n[0], n[1], 0, 0]
            },
            noatk: 0,
            vtoci: 0x80,
            noext: 1,
            smsfg: 0,
            devac: 0,
            dscyl: cyls as u16,
            dstrk: HEADS as u16,
            devtk: TRACK_CAPACITY as u16,
            devi: 0,
            devl: 0,
            devk: 0,
            devfg: 0x30,
            devtl: 0,
            devdt: records_per_track(DSCB_KL, DSCB_DL) as u8,
            devdb: records_per_track(8, 256) as u8,
            misc: [0; 29],
            vtoce,
            resv: [0; 25],
        };
        let mut slots = Vec::new();
        for t in vtoc_first..=vtoc_last {
            let mut trk = Track::empty(Cchh::from_track(t));
            for r in 1..=DSCBS_PER_TRACK as u8 {
                let addr = Cchhr::new(t, r);
                let dscb = if t == vtoc_first && r == 1 {
                    Dscb::F4(Box::new(f4.clone()))
                } else if t == vtoc_first && r == 2 {
                    Dscb::Other(Box::new(empty_format5()))
                } else {
                    Dscb::Free
                };
                let b = dscb.encode();
                trk.records.push(Record::new(r, b[..44].to_vec(), b[44..].to_vec()));
                slots.push(Slot { addr, dscb });
            }
            img.write_track(&trk, 0)?;
        }
        Ok(Volume::assemble(img, vol1, f4, Cchhr::new(vtoc_first, 1), slots))
    }

    /// Open a volume and read its label and VTOC.
    pub fn open(path: &Path, access: Access) -> Result<Volume> {
        let img = CkdImage::open(path, access)?;
        let ctx = |e: crate::IclError| e.context(path.display());
        let t0 = img.read_track(0)?;
        let rec = t0
            .record(3)
            .ok_or_else(|| icl!("ICL112E", "{}: no VOL1 label (track 0 has no record 3)", path.display()))?;
        let vol1 = Vol1::decode(&rec.data).map_err(ctx)?;
        let ptr = vol1.vtoc_ptr();
        if ptr.cchh.track() >= img.tracks() || ptr.cchh.head as u32 >= HEADS || ptr.r == 0 {
            icl_bail!(
                "ICL113E",
                "{}: the VTOC pointer {} R{} in VOL1 is off the volume",
                path.display(),
                ptr.cchh,
                ptr.r
            );
        }
        let f4_track = img.read_track(ptr.cchh.track())?;
        let f4 = match f4_track.record(ptr.r) {
            Some(r) if r.key.len() == DSCB_KL && r.key.iter().all(|&b| b == 4) => {
                match Dscb::decode(&r.key, &r.data).map_err(ctx)? {
                    Dscb::F4(f4) => *f4,
                    _ => icl_bail!(
                        "ICL113E",
                        "{}: the record at the VTOC pointer is not a Format-4 DSCB",
                        path.display()
                    ),
                }
            }
            _ => icl_bail!(
                "ICL113E",
                "{}: no Format-4 DSCB at the VTOC pointer (volume not initialized with a VTOC)",
                path.display()
            ),
        };
        let ext = f4.vtoce;
        if f4.noext != 1 || ext.tracks() == 0 || ext.last_track() >= img.tracks() || ext.end.head as u32 >= HEADS {
            icl_bail!(
                "ICL113E",
                "{}: the VTOC extent {} - {} in the Format-4 is invalid",
                path.display(),
                ext.begin,
                ext.end
            );
        }
        let mut slots = Vec::new();
        for t in ext.first_track()..=ext.last_track() {
            let trk = img.read_track(t)?;
            for rec in &trk.records {
                let dscb = Dscb::decode(&rec.key, &rec.data)
                    .map_err(|e| e.context(format!("{} VTOC {}", path.display(), trk.cchh)))?;
                slots.push(Slot {
                    addr: Cchhr {
                        cchh: trk.cchh,
                        r: rec.r,
                    },
                    dscb,
                });
            }
        }
        Ok(Volume::assemble(img, vol1, f4, ptr, slots))
    }

    fn assemble(img: CkdImage, vol1: Vol1, f4: Format4, f4_addr: Cchhr, slots: Vec<Slot>) -> Volume {
        let mut vtoc = Vtoc {
            f4,
            f4_addr,
            slots,
            by_name: HashMap::new(),
        };
        vtoc.reindex();
        Volume {
            img,
            cache: HashMap::new(),
            vol1,
            vtoc,
        }
    }

    pub fn path(&self) -> &Path {
        self.img.path()
    }

    pub fn image(&self) -> &CkdImage {
        &self.img
    }

    pub fn volser(&self) -> String {
        self.vol1.volser()
    }

    pub fn vol1(&self) -> &Vol1 {
        &self.vol1
    }

    pub fn cyls(&self) -> u32 {
        self.img.cyls()
    }

    pub fn tracks(&self) -> u32 {
        self.img.tracks()
    }

    pub fn vtoc(&self) -> &Vtoc {
        &self.vtoc
    }

    pub fn is_writable(&self) -> bool {
        self.img.access() == Access::Write
    }

    pub(crate) fn ensure_writable(&self) -> Result<()> {
        if !self.is_writable() {
            icl_bail!(
                "ICL109S",
                "{}: volume {} is open read-only",
                self.path().display(),
                self.volser()
            );
        }
        Ok(())
    }

    /// A track, from the cache when it is there, else read (not cached).
    pub fn peek_track(&self, t: u32) -> Result<std::borrow::Cow<'_, Track>> {
        if let Some(c) = self.cache.get(&t) {
            return Ok(std::borrow::Cow::Borrowed(&c.track));
        }
        Ok(std::borrow::Cow::Owned(self.img.read_track(t)?))
    }

    /// A track for update: cached and marked dirty until [`Volume::flush`].
    pub fn track_mut(&mut self, t: u32) -> Result<&mut Track> {
        self.ensure_writable()?;
        if !self.cache.contains_key(&t) {
            let track = self.img.read_track(t)?;
            let old_len = track.image_len();
            self.cache.insert(
                t,
                Cached {
                    track,
                    old_len,
                    dirty: false,
                },
            );
        }
        let c = self
            .cache
            .get_mut(&t)
            .ok_or_else(|| icl!("ICL108E", "track {t} vanished from the cache"))?;
        c.dirty = true;
        Ok(&mut c.track)
    }

    /// Replace a track's records wholesale (no need to read it first).
    pub fn put_track(&mut self, track: Track) -> Result<()> {
        self.ensure_writable()?;
        let t = track.cchh.track();
        if t >= self.tracks() {
            icl_bail!("ICL108E", "track {t} is beyond the volume's {} tracks", self.tracks());
        }
        let old_len = match self.cache.get(&t) {
            Some(c) => c.old_len,
            // Unknown previous length: clear the whole slot's used part by
            // reading it once (cheap, and keeps no stale bytes behind).
            None => self
                .img
                .read_track(t)
                .map(|old| old.image_len())
                .unwrap_or(super::geometry::TRACK_IMAGE_LEN),
        };
        self.cache.insert(
            t,
            Cached {
                track,
                old_len,
                dirty: true,
            },
        );
        Ok(())
    }

    /// Write every dirty track back to the image.
    pub fn flush(&mut self) -> Result<()> {
        let mut dirty: Vec<u32> = self.cache.iter().filter(|(_, c)| c.dirty).map(|(&t, _)| t).collect();
        dirty.sort_unstable();
        for t in dirty {
            if let Some(c) = self.cache.get_mut(&t) {
                self.img.write_track(&c.track, c.old_len)?;
                c.old_len = c.track.image_len();
                c.dirty = false;
            }
        }
        // The cache only speeds up a batch of updates; drop it so memory
        // stays bounded across long runs.
        self.cache.clear();
        Ok(())
    }

    /// Flush and fsync.
    pub fn sync(&mut self) -> Result<()> {
        self.flush()?;
        self.img.sync()
    }

    /// Write DSCB slot `i` (VTOC index and track record).
    pub(crate) fn put_dscb(&mut self, i: usize, dscb: Dscb) -> Result<()> {
        let addr = self
            .vtoc
            .slots
            .get(i)
            .map(|s| s.addr)
            .ok_or_else(|| icl!("ICL110E", "no VTOC slot {i}"))?;
        let b = dscb.encode();
        let trk = self.track_mut(addr.cchh.track())?;
        let rec = trk
            .record_mut(addr.r)
            .ok_or_else(|| icl!("ICL110E", "VTOC record {} R{} is missing", addr.cchh, addr.r))?;
        rec.key = b[..44].to_vec();
        rec.data = b[44..].to_vec();
        self.vtoc.slots[i].dscb = dscb;
        Ok(())
    }

    /// Recount free DSCBs and the highest used one, rewrite the Format-4.
    pub(crate) fn update_f4(&mut self) -> Result<()> {
        let free = self.vtoc.slots.iter().filter(|s| s.dscb == Dscb::Free).count() as u16;
        let high = self
            .vtoc
            .slots
            .iter()
            .rev()
            .find(|s| s.dscb != Dscb::Free)
            .map(|s| s.addr)
            .unwrap_or(self.vtoc.f4_addr);
        let mut f4 = self.vtoc.f4.clone();
        f4.dsrec = free;
        f4.hpchr = high;
        self.vtoc.f4 = f4.clone();
        let i = self
            .vtoc
            .slot_of(self.vtoc.f4_addr)
            .ok_or_else(|| icl!("ICL113E", "Format-4 slot missing"))?;
        self.put_dscb(i, Dscb::F4(Box::new(f4)))?;
        self.vtoc.reindex();
        Ok(())
    }

    /// Relabel: new VOLSER in VOL1 and in DS1DSSN of every Format-1.
    pub fn relabel(&mut self, new_volser: &str) -> Result<()> {
        self.ensure_writable()?;
        let mut vol1 = self.vol1.clone();
        vol1.set_volser(new_volser)?;
        let t0 = self.track_mut(0)?;
        let rec = t0.record_mut(3).ok_or_else(|| icl!("ICL112E", "no VOL1 record"))?;
        rec.data = vol1.encode().to_vec();
        self.vol1 = vol1;
        let dssn = super::ebcdic::encode_padded(new_volser, 6);
        let f1s: Vec<usize> = self.vtoc.f1_slots().collect();
        for i in f1s {
            if let Some(f1) = self.vtoc.f1(i) {
                let mut f1 = f1.clone();
                f1.dssn.copy_from_slice(&dssn);
                self.put_dscb(i, Dscb::F1(Box::new(f1)))?;
            }
        }
        Ok(())
    }

    /// Today's date for new DSCBs.
    pub(crate) fn today(&self) -> dates::JulianDate {
        dates::today()
    }
}
