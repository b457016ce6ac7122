//! Data sets on a volume: DCB attributes, listing, and block-level reading
//! and writing through the extents (relative track TT -> absolute CCHH).

use serde::Serialize;

use super::alloc::Space;
use super::dates::JulianDate;
use super::dscb::{Dscb, Extent, Format1, dsorg, recfm};
use super::geometry::{MAX_DL, TRACK_CAPACITY, Ttr, record_bytes};
use super::track::{Record, Track};
use super::volume::Volume;
use crate::{Result, icl, icl_bail};

/// DCB attributes of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dcb {
    pub dsorg: u16,
    pub recfm: u8,
    pub lrecl: u16,
    pub blksize: u16,
    pub keylen: u8,
}

impl Dcb {
    pub fn ps_fb(lrecl: u16, blksize: u16) -> Dcb {
        Dcb {
            dsorg: dsorg::PS,
            recfm: recfm::F | recfm::B,
            lrecl,
            blksize,
            keylen: 0,
        }
    }
    pub fn ps_vb(lrecl: u16, blksize: u16) -> Dcb {
        Dcb {
            dsorg: dsorg::PS,
            recfm: recfm::V | recfm::B,
            lrecl,
            blksize,
            keylen: 0,
        }
    }
    pub fn ps_f(lrecl: u16) -> Dcb {
        Dcb {
            dsorg: dsorg::PS,
            recfm: recfm::F,
            lrecl,
            blksize: lrecl,
            keylen: 0,
        }
    }
    pub fn po_fb(lrecl: u16, blksize: u16) -> Dcb {
        Dcb {
            dsorg: dsorg::PO,
            recfm: recfm::F | recfm::B,
            lrecl,
            blksize,
            keylen: 0,
        }
    }
    pub fn po_u(blksize: u16) -> Dcb {
        Dcb {
            dsorg: dsorg::PO,
            recfm: recfm::U,
            lrecl: 0,
            blksize,
            keylen: 0,
        }
    }

    pub fn is_pds(&self) -> bool {
        self.dsorg & dsorg::PO != 0
    }

    pub fn of_f1(f1: &Format1) -> Dcb {
        Dcb {
            dsorg: f1.dsorg,
            recfm: f1.recfm,
            lrecl: f1.lrecl,
            blksize: f1.blkl,
            keylen: f1.keyl,
        }
    }

    /// Check the attributes make sense together.
    pub fn check(&self) -> Result<()> {
        let b = self.blksize as usize;
        if b == 0 || b > super::geometry::MAX_BLKSIZE {
            icl_bail!("ICL117E", "BLKSIZE {b} is outside 1..32760");
        }
        let f = self.recfm & 0xC0;
        if f == recfm::F {
            if self.lrecl == 0 || !b.is_multiple_of(self.lrecl as usize) {
                icl_bail!(
                    "ICL117E",
                    "RECFM=F: BLKSIZE {b} is not a multiple of LRECL {}",
                    self.lrecl
                );
            }
        } else if f == recfm::V && (self.lrecl < 5 || (self.lrecl as usize + 4 > b && self.recfm & recfm::S == 0)) {
            icl_bail!(
                "ICL117E",
                "RECFM=V: LRECL {} needs BLKSIZE >= LRECL + 4 (is {b})",
                self.lrecl
            );
        }
        Ok(())
    }
}

/// `FB`, `VB`, `U`, `FBA` ... from DS1RECFM.
pub fn recfm_string(r: u8) -> String {
    let mut s = String::from(match r & 0xC0 {
        0xC0 => "U",
        0x80 => "F",
        0x40 => "V",
        _ => "?",
    });
    for (bit, c) in [
        (recfm::T, 'T'),
        (recfm::B, 'B'),
        (recfm::S, 'S'),
        (recfm::A, 'A'),
        (recfm::M, 'M'),
    ] {
        if r & bit != 0 {
            s.push(c);
        }
    }
    s
}

/// DS1RECFM from `FB`, `VBA` ...
pub fn parse_recfm(s: &str) -> Result<u8> {
    let mut chars = s.chars();
    let mut r = match chars.next() {
        Some('F') => recfm::F,
        Some('V') => recfm::V,
        Some('U') => recfm::U,
        _ => icl_bail!("ICL117E", "RECFM '{s}' is invalid"),
    };
    for c in chars {
        r |= match c {
            'B' => recfm::B,
            'S' => recfm::S,
            'A' => recfm::A,
            'M' => recfm::M,
            'T' => recfm::T,
            _ => icl_bail!("ICL117E", "RECFM '{s}' is invalid"),
        };
    }
    Ok(r)
}

/// `PS`, `PO`, `DA`, `IS`, `VS` from DS1DSORG.
pub fn dsorg_string(d: u16) -> &'static str {
    let d = d & !0x0100; // the unmovable bit
    if d & dsorg::IS != 0 {
        "IS"
    } else if d & dsorg::PS != 0 {
        "PS"
    } else if d & dsorg::DA != 0 {
        "DA"
    } else if d & dsorg::PO != 0 {
        "PO"
    } else if d & dsorg::VSAM != 0 {
        "VS"
    } else {
        "??"
    }
}

/// DS1DSORG from `PS`, `PO` ...
pub fn parse_dsorg(s: &str) -> Result<u16> {
    Ok(match s {
        "PS" => dsorg::PS,
        "PO" => dsorg::PO,
        "DA" => dsorg::DA,
        "IS" => dsorg::IS,
        "VS" | "VSAM" => dsorg::VSAM,
        _ => icl_bail!("ICL117E", "DSORG '{s}' is invalid"),
    })
}

/// What a listing shows of one data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetInfo {
    pub dsn: String,
    pub volser: String,
    pub dsorg: String,
    pub recfm: String,
    pub lrecl: u16,
    pub blksize: u16,
    pub keylen: u8,
    pub extents: usize,
    pub tracks: u32,
    /// Tracks up to the one holding DS1LSTAR.
    pub used_tracks: u32,
    pub created: Option<String>,
}

/// A block read from a data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub ttr: Ttr,
    pub key: Vec<u8>,
    pub data: Vec<u8>,
}

/// Map relative tracks of a data set to absolute tracks.
#[derive(Debug, Clone)]
pub struct Layout {
    pub extents: Vec<Extent>,
}

impl Layout {
    pub fn total_tracks(&self) -> u32 {
        self.extents.iter().map(Extent::tracks).sum()
    }

    /// Absolute track of relative track `tt`.
    pub fn abs(&self, tt: u32) -> Option<u32> {
        let mut left = tt;
        for e in &self.extents {
            if left < e.tracks() {
                return Some(e.first_track() + left);
            }
            left -= e.tracks();
        }
        None
    }
}

impl Volume {
    /// Names of every data set on the volume, in VTOC order.
    pub fn dataset_names(&self) -> Vec<String> {
        self.vtoc
            .f1_slots()
            .filter_map(|i| self.vtoc.f1(i).map(Format1::name))
            .collect()
    }

    /// The Format-1 of a data set.
    pub fn format1(&self, dsn: &str) -> Result<&Format1> {
        self.slot(dsn).and_then(|i| {
            self.vtoc
                .f1(i)
                .ok_or_else(|| icl!("ICL110E", "slot {i} is not a Format-1"))
        })
    }

    pub(crate) fn slot(&self, dsn: &str) -> Result<usize> {
        self.vtoc
            .find(dsn)
            .ok_or_else(|| icl!("ICL125E", "data set {dsn} is not on volume {}", self.volser()))
    }

    pub fn contains(&self, dsn: &str) -> bool {
        self.vtoc.find(dsn).is_some()
    }

    /// Listing information of one data set.
    pub fn info(&self, dsn: &str) -> Result<DatasetInfo> {
        self.info_at(self.slot(dsn)?)
    }

    fn info_at(&self, i: usize) -> Result<DatasetInfo> {
        let f1 = self
            .vtoc
            .f1(i)
            .ok_or_else(|| icl!("ICL110E", "slot {i} is not a Format-1"))?;
        let exts = self.extents_of(i)?;
        let tracks = exts.iter().map(Extent::tracks).sum();
        Ok(DatasetInfo {
            dsn: f1.name(),
            volser: self.volser(),
            dsorg: dsorg_string(f1.dsorg).to_string(),
            recfm: if f1.dsorg & dsorg::VSAM != 0 {
                String::new()
            } else {
                recfm_string(f1.recfm)
            },
            lrecl: f1.lrecl,
            blksize: f1.blkl,
            keylen: f1.keyl,
            extents: exts.len(),
            tracks,
            used_tracks: if f1.lstar == Ttr::default() {
                0
            } else {
                (f1.lstar.tt as u32 + 1).min(tracks)
            },
            created: f1.created().map(JulianDate::iso),
        })
    }

    /// Listing information of every data set, in VTOC order.
    pub fn datasets(&self) -> Result<Vec<DatasetInfo>> {
        self.vtoc
            .f1_slots()
            .collect::<Vec<_>>()
            .into_iter()
            .map(|i| self.info_at(i))
            .collect()
    }

    /// Extent layout of a data set.
    pub fn layout(&self, dsn: &str) -> Result<Layout> {
        Ok(Layout {
            extents: self.extents_of(self.slot(dsn)?)?,
        })
    }

    /// Allocate a data set and write its empty initial content (an EOF for
    /// PS, the directory and an EOF for PO).
    pub fn create_dataset(&mut self, dsn: &str, dcb: Dcb, space: Space) -> Result<()> {
        dcb.check()?;
        let mut f1 = Format1::new(dsn, &self.volser(), self.today());
        f1.dsorg = dcb.dsorg;
        f1.recfm = dcb.recfm;
        f1.lrecl = dcb.lrecl;
        f1.blkl = dcb.blksize;
        f1.keyl = dcb.keylen;
        f1.dsind = 0x80 | if dcb.blksize.is_multiple_of(8) { 0x20 } else { 0 };
        let slot = self.allocate(f1, space)?;
        if dcb.is_pds() {
            self.init_directory(slot, space.dir_blocks.max(1))
        } else {
            self.write_blocks_at(slot, Ttr::new(0, 1), &[])?;
            Ok(())
        }
    }

    /// Read blocks from `start` up to (not including) the next EOF.
    pub fn read_blocks_from(&self, dsn: &str, start: Ttr) -> Result<Vec<Block>> {
        let layout = self.layout(dsn)?;
        let mut out = Vec::new();
        let (mut tt, mut r) = (start.tt as u32, start.r.max(1));
        loop {
            let abs = layout.abs(tt).ok_or_else(|| {
                icl!(
                    "ICL126E",
                    "{dsn}: ran past the end of the extents without an end-of-file record"
                )
            })?;
            let trk = self.peek_track(abs)?;
            loop {
                match trk.record(r) {
                    Some(rec) if rec.is_eof() => return Ok(out),
                    Some(rec) => {
                        out.push(Block {
                            ttr: Ttr::new(tt as u16, r),
                            key: rec.key.clone(),
                            data: rec.data.clone(),
                        });
                        if r == u8::MAX {
                            break;
                        }
                        r += 1;
                    }
                    None => break,
                }
            }
            tt += 1;
            r = 1;
        }
    }

    /// Every block of a data set up to its first EOF.
    pub fn read_blocks(&self, dsn: &str) -> Result<Vec<Block>> {
        self.read_blocks_from(dsn, Ttr::new(0, 1))
    }

    /// Write `blocks` (key, data) starting at `start`, then an EOF; records
    /// after the write position on the first track are dropped. Extends the
    /// data set by secondary extents as needed. Updates DS1LSTAR (the EOF's
    /// TTR, as dasdload does) and DS1TRBAL. Returns the TTR of every block
    /// written and of the EOF.
    pub(crate) fn write_blocks_at(
        &mut self,
        slot: usize,
        start: Ttr,
        blocks: &[(&[u8], &[u8])],
    ) -> Result<(Vec<Ttr>, Ttr)> {
        let mut w = BlockWriter::new(self, slot, start)?;
        let mut ttrs = Vec::with_capacity(blocks.len());
        for (k, d) in blocks {
            ttrs.push(w.put(self, k, d)?);
        }
        let eof = w.put(self, &[], &[])?;
        w.finish(self, eof)?;
        Ok((ttrs, eof))
    }

    /// Replace the whole content of a data set with these blocks (keyless).
    pub fn write_all_blocks(&mut self, dsn: &str, blocks: &[Vec<u8>]) -> Result<()> {
        let slot = self.slot(dsn)?;
        let refs: Vec<(&[u8], &[u8])> = blocks.iter().map(|b| (&[][..], b.as_slice())).collect();
        self.write_blocks_at(slot, Ttr::new(0, 1), &refs)?;
        Ok(())
    }
}

/// Writes records one after another under the placement rule.
pub(crate) struct BlockWriter {
    slot: usize,
    layout: Layout,
    tt: u32,
    r: u8,
    touched: Option<u32>,
}

impl BlockWriter {
    pub(crate) fn new(vol: &Volume, slot: usize, start: Ttr) -> Result<BlockWriter> {
        Ok(BlockWriter {
            slot,
            layout: Layout {
                extents: vol.extents_of(slot)?,
            },
            tt: start.tt as u32,
            r: start.r.max(1),
            touched: None,
        })
    }

    fn abs(&mut self, vol: &mut Volume) -> Result<u32> {
        while self.layout.abs(self.tt).is_none() {
            self.layout.extents = vol.extend(self.slot)?;
        }
        self.layout
            .abs(self.tt)
            .ok_or_else(|| icl!("ICL124E", "extent lookup failed after extend"))
    }

    /// The track being written, truncated to records before the write
    /// position the first time it is touched.
    fn current<'a>(&mut self, vol: &'a mut Volume) -> Result<&'a mut Track> {
        let abs = self.abs(vol)?;
        if self.touched != Some(abs) {
            self.touched = Some(abs);
            let r = self.r;
            if r <= 1 {
                vol.put_track(Track::empty(super::geometry::Cchh::from_track(abs)))?;
            } else {
                vol.track_mut(abs)?.records.retain(|rec| rec.r < r);
            }
        }
        vol.track_mut(abs)
    }

    pub(crate) fn put(&mut self, vol: &mut Volume, key: &[u8], data: &[u8]) -> Result<Ttr> {
        if key.len() > 255 || data.len() > MAX_DL || record_bytes(key.len(), data.len()) > TRACK_CAPACITY {
            icl_bail!(
                "ICL118E",
                "a block of key {} and data {} bytes does not fit a 3390 track",
                key.len(),
                data.len()
            );
        }
        let fits = {
            let trk = self.current(vol)?;
            trk.fits(key.len(), data.len())
        };
        if !fits || self.r == u8::MAX {
            self.tt += 1;
            self.r = 1;
            if self.tt > u16::MAX as u32 {
                icl_bail!("ICL118E", "data set exceeds 65535 tracks");
            }
        }
        let r = self.r;
        let trk = self.current(vol)?;
        trk.records.push(Record::new(r, key.to_vec(), data.to_vec()));
        self.r += 1;
        Ok(Ttr::new(self.tt as u16, r))
    }

    /// Record where the data set now ends: DS1LSTAR at the last EOF
    /// written (as dasdload does) and DS1TRBAL, the capacity left on its track.
    pub(crate) fn finish(&mut self, vol: &mut Volume, eof: Ttr) -> Result<()> {
        let trbal = (TRACK_CAPACITY - self.current(vol)?.used_capacity()) as u16;
        let slot = self.slot;
        let mut f1 = vol
            .vtoc
            .f1(slot)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {slot} is not a Format-1"))?;
        f1.lstar = eof;
        f1.trbal = trbal;
        vol.put_dscb(slot, Dscb::F1(Box::new(f1)))
    }
}

impl Volume {
    /// Give a data set new DCB attributes (a data-set-level copy carries the
    /// source's attributes to the target).
    pub fn set_dcb(&mut self, dsn: &str, dcb: Dcb) -> Result<()> {
        self.ensure_writable()?;
        dcb.check()?;
        let slot = self.slot(dsn)?;
        let mut f1 = self
            .vtoc
            .f1(slot)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {slot} is not a Format-1"))?;
        f1.dsorg = dcb.dsorg;
        f1.recfm = dcb.recfm;
        f1.lrecl = dcb.lrecl;
        f1.blkl = dcb.blksize;
        f1.keyl = dcb.keylen;
        self.put_dscb(slot, Dscb::F1(Box::new(f1)))
    }

    /// Tracks allocated to a data set.
    pub fn allocated_tracks(&self, dsn: &str) -> Result<u32> {
        Ok(self.layout(dsn)?.total_tracks())
    }
}
