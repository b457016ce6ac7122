//! Space: free-space map, allocate (primary, secondary, multi-extent),
//! extend, scratch and rename of data sets in the VTOC.

use serde::{Deserialize, Serialize};

use super::dscb::{Dscb, Extent, Format1, Format3};
use super::geometry::{Cchhr, HEADS, records_per_track};
use super::names::check_dsn;
use super::volume::Volume;
use crate::{Result, icl, icl_bail};

/// Unit of a space request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SpaceUnit {
    Trk,
    Cyl,
    /// Blocks of this length.
    Blk(u32),
}

/// A SPACE= request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Space {
    pub unit: SpaceUnit,
    pub primary: u32,
    pub secondary: u32,
    /// Directory blocks (PDS only).
    #[serde(default)]
    pub dir_blocks: u32,
}

impl Space {
    pub fn trk(primary: u32, secondary: u32) -> Space {
        Space {
            unit: SpaceUnit::Trk,
            primary,
            secondary,
            dir_blocks: 0,
        }
    }

    pub fn cyl(primary: u32, secondary: u32) -> Space {
        Space {
            unit: SpaceUnit::Cyl,
            primary,
            secondary,
            dir_blocks: 0,
        }
    }

    pub fn with_dir(mut self, blocks: u32) -> Space {
        self.dir_blocks = blocks;
        self
    }

    /// Tracks for a quantity in this request's unit.
    pub fn tracks_for(&self, qty: u32) -> u32 {
        match self.unit {
            SpaceUnit::Trk => qty,
            SpaceUnit::Cyl => qty * HEADS,
            SpaceUnit::Blk(b) => qty.div_ceil(records_per_track(0, b as usize).max(1)),
        }
    }

    /// DS1SCALO: unit flags and secondary quantity.
    pub fn scalo(&self) -> [u8; 4] {
        let unit = match self.unit {
            SpaceUnit::Trk => 0x80,
            SpaceUnit::Cyl => 0xC0,
            SpaceUnit::Blk(_) => 0x40,
        };
        let s = self.secondary.min(0xFF_FFFF).to_be_bytes();
        [unit, s[1], s[2], s[3]]
    }

    /// The request stored in a Format-1 (secondary unit and quantity).
    pub fn from_f1(f1: &Format1) -> Space {
        let sec = u32::from_be_bytes([0, f1.scalo[1], f1.scalo[2], f1.scalo[3]]);
        let unit = match f1.scalo[0] & 0xC0 {
            0xC0 => SpaceUnit::Cyl,
            0x40 => SpaceUnit::Blk(f1.blkl as u32),
            _ => SpaceUnit::Trk,
        };
        Space {
            unit,
            primary: 0,
            secondary: sec,
            dir_blocks: 0,
        }
    }
}

/// Most extents a data set may have on one volume.
pub const MAX_EXTENTS: usize = 16;
/// Most extents one primary or secondary request may be split into.
const MAX_PIECES: usize = 5;

impl Volume {
    /// Ranges of used tracks (first, last inclusive), sorted and merged.
    fn used_ranges(&self) -> Vec<(u32, u32)> {
        let mut used = vec![(0u32, 0u32)];
        let v = self.vtoc.extent();
        used.push((v.first_track(), v.last_track()));
        for s in &self.vtoc.slots {
            let exts: &[Extent] = match &s.dscb {
                Dscb::F1(f) => &f.ext,
                Dscb::F3(f) => &f.ext,
                _ => &[],
            };
            for e in exts.iter().filter(|e| e.is_used() && e.tracks() > 0) {
                used.push((e.first_track(), e.last_track()));
            }
        }
        used.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (a, b) in used {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }

    /// Free track ranges (first, last inclusive).
    pub fn free_ranges(&self) -> Vec<(u32, u32)> {
        let mut free = Vec::new();
        let mut next = 0u32;
        for (a, b) in self.used_ranges() {
            if a > next {
                free.push((next, a - 1));
            }
            next = next.max(b + 1);
        }
        if next < self.tracks() {
            free.push((next, self.tracks() - 1));
        }
        free
    }

    /// Free tracks in total.
    pub fn free_tracks(&self) -> u32 {
        self.free_ranges().iter().map(|(a, b)| b - a + 1).sum()
    }

    /// Free DSCB slots in the VTOC.
    pub fn free_dscbs(&self) -> usize {
        self.vtoc.slots.iter().filter(|s| s.dscb == Dscb::Free).count()
    }

    /// Choose up to `MAX_PIECES` extents totalling `tracks` (cylinder-aligned
    /// when `cyl`), preferring one contiguous piece.
    fn carve(&self, tracks: u32, cyl: bool, max_pieces: usize) -> Option<Vec<(u32, u32)>> {
        let mut free: Vec<(u32, u32)> = self.free_ranges();
        if cyl {
            free = free
                .into_iter()
                .filter_map(|(a, b)| {
                    let a2 = a.div_ceil(HEADS) * HEADS;
                    let b2 = (b + 1) / HEADS * HEADS;
                    (b2 > a2).then(|| (a2, b2 - 1))
                })
                .collect();
        }
        if let Some(&(a, _)) = free.iter().find(|(a, b)| b - a + 1 >= tracks) {
            return Some(vec![(a, a + tracks - 1)]);
        }
        let mut pieces = Vec::new();
        let mut left = tracks;
        for (a, b) in free {
            if pieces.len() == max_pieces {
                break;
            }
            let take = (b - a + 1).min(left);
            pieces.push((a, a + take - 1));
            left -= take;
            if left == 0 {
                return Some(pieces);
            }
        }
        None
    }

    /// Allocate a new data set with the given Format-1 template (its name,
    /// DCB attributes; extents are filled in here). Returns the slot index.
    pub fn allocate(&mut self, mut f1: Format1, space: Space) -> Result<usize> {
        self.ensure_writable()?;
        let dsn = f1.name();
        check_dsn(&dsn)?;
        if self.vtoc.find(&dsn).is_some() {
            icl_bail!("ICL121E", "data set {dsn} already exists on volume {}", self.volser());
        }
        let tracks = space.tracks_for(space.primary).max(1);
        let cyl = space.unit == SpaceUnit::Cyl;
        let pieces = self.carve(tracks, cyl, MAX_PIECES).ok_or_else(|| {
            icl!(
                "ICL120E",
                "not enough space on volume {} for {dsn}: {tracks} tracks wanted, {} free",
                self.volser(),
                self.free_tracks()
            )
        })?;
        let extents: Vec<Extent> = pieces
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| Extent::of_tracks(a, b, i as u8))
            .collect();
        f1.scalo = space.scalo();
        f1.dssn
            .copy_from_slice(&super::ebcdic::encode_padded(&self.volser(), 6));
        f1.ext = [Extent::default(); 3];
        f1.ptrds = Cchhr::default();
        f1.noepv = 0;
        let slot = self.free_slot()?;
        // Reserve the slot before writing so an F3 does not take it.
        self.put_dscb(slot, Dscb::F1(Box::new(f1)))?;
        self.set_extents(slot, &extents)?;
        self.update_f4()?;
        Ok(slot)
    }

    fn free_slot(&self) -> Result<usize> {
        self.vtoc
            .slots
            .iter()
            .position(|s| s.dscb == Dscb::Free)
            .ok_or_else(|| icl!("ICL122E", "the VTOC of volume {} is full", self.volser()))
    }

    /// Every extent of the data set in slot `i`: the F1's three, then the F3 chain.
    pub fn extents_of(&self, i: usize) -> Result<Vec<Extent>> {
        let f1 = self
            .vtoc
            .f1(i)
            .ok_or_else(|| icl!("ICL110E", "VTOC slot {i} is not a Format-1"))?;
        let n = f1.noepv as usize;
        let mut all: Vec<Extent> = f1.ext.to_vec();
        let mut ptr = f1.ptrds;
        let mut hops = 0;
        while all.len() < n && !ptr.is_zero() {
            hops += 1;
            let j = self.vtoc.slot_of(ptr).filter(|_| hops < 64).ok_or_else(|| {
                icl!(
                    "ICL116E",
                    "{}: Format-3 pointer {} R{} is not in the VTOC",
                    f1.name(),
                    ptr.cchh,
                    ptr.r
                )
            })?;
            match &self.vtoc.slots[j].dscb {
                Dscb::F3(f3) => {
                    all.extend_from_slice(&f3.ext);
                    ptr = f3.ptrds;
                }
                _ => icl_bail!(
                    "ICL116E",
                    "{}: Format-3 pointer leads to a DSCB that is not a Format-3",
                    f1.name()
                ),
            }
        }
        all.truncate(n);
        if all.len() < n
            || all
                .iter()
                .any(|e| !e.is_used() || e.tracks() == 0 || e.last_track() >= self.tracks())
        {
            icl_bail!(
                "ICL116E",
                "{}: extent list is damaged ({} extents in DS1NOEPV)",
                f1.name(),
                n
            );
        }
        Ok(all)
    }

    /// Free the Format-3 DSCBs of a chain starting at `ptr`.
    fn free_f3_chain(&mut self, mut ptr: Cchhr) -> Result<()> {
        while !ptr.is_zero() {
            let Some(j) = self.vtoc.slot_of(ptr) else { break };
            let next = match &self.vtoc.slots[j].dscb {
                Dscb::F3(f3) => f3.ptrds,
                _ => break,
            };
            self.put_dscb(j, Dscb::Free)?;
            ptr = next;
        }
        Ok(())
    }

    /// Write the extent list of the data set in slot `i` (F1 plus F3s).
    fn set_extents(&mut self, i: usize, extents: &[Extent]) -> Result<()> {
        if extents.len() > MAX_EXTENTS {
            icl_bail!("ICL123E", "more than {MAX_EXTENTS} extents");
        }
        let mut f1 = self
            .vtoc
            .f1(i)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {i} is not a Format-1"))?;
        // Free the old F3 chain; it is rewritten below.
        self.free_f3_chain(f1.ptrds)?;
        let mut e3 = [Extent::default(); 3];
        for (k, e) in extents.iter().take(3).enumerate() {
            e3[k] = Extent { seq: k as u8, ..*e };
        }
        f1.ext = e3;
        f1.noepv = extents.len() as u8;
        f1.ptrds = Cchhr::default();
        if extents.len() > 3 {
            let j = self.free_slot()?;
            let mut f3 = Format3 {
                key_id: [3; 4],
                ext: [Extent::default(); 13],
                ptrds: Cchhr::default(),
            };
            for (k, e) in extents[3..].iter().enumerate() {
                f3.ext[k] = Extent {
                    seq: (k + 3) as u8,
                    ..*e
                };
            }
            f1.ptrds = self.vtoc.slots[j].addr;
            self.put_dscb(j, Dscb::F3(Box::new(f3)))?;
        }
        self.put_dscb(i, Dscb::F1(Box::new(f1)))
    }

    /// Add a secondary extent to the data set in slot `i` (the B37/D37/E37
    /// conditions of z/OS become errors here). Returns the new extents.
    pub fn extend(&mut self, i: usize) -> Result<Vec<Extent>> {
        self.ensure_writable()?;
        let f1 = self
            .vtoc
            .f1(i)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {i} is not a Format-1"))?;
        let dsn = f1.name();
        let space = Space::from_f1(&f1);
        if space.secondary == 0 {
            icl_bail!(
                "ICL124E",
                "{dsn} on {} is full and has no secondary space (D37)",
                self.volser()
            );
        }
        let mut exts = self.extents_of(i)?;
        if exts.len() >= MAX_EXTENTS {
            icl_bail!(
                "ICL124E",
                "{dsn} on {} is full: {MAX_EXTENTS} extents used (E37)",
                self.volser()
            );
        }
        let want = space.tracks_for(space.secondary).max(1);
        let pieces = self
            .carve(
                want,
                space.unit == SpaceUnit::Cyl,
                (MAX_EXTENTS - exts.len()).min(MAX_PIECES),
            )
            .ok_or_else(|| {
                icl!(
                    "ICL124E",
                    "{dsn}: no space on volume {} for a secondary extent (B37)",
                    self.volser()
                )
            })?;
        for (a, b) in pieces {
            let seq = exts.len() as u8;
            exts.push(Extent::of_tracks(a, b, seq));
        }
        self.set_extents(i, &exts)?;
        self.update_f4()?;
        Ok(exts)
    }

    /// Scratch a data set: free its F1 and F3s (data tracks are not erased,
    /// as on z/OS).
    pub fn scratch(&mut self, dsn: &str) -> Result<()> {
        self.ensure_writable()?;
        let i = self
            .vtoc
            .find(dsn)
            .ok_or_else(|| icl!("ICL125E", "data set {dsn} is not on volume {}", self.volser()))?;
        let ptr = self.vtoc.f1(i).map(|f| f.ptrds).unwrap_or_default();
        self.put_dscb(i, Dscb::Free)?;
        self.free_f3_chain(ptr)?;
        self.update_f4()
    }

    /// Rename a data set in place (the F1's key is rewritten).
    pub fn rename(&mut self, old: &str, new: &str) -> Result<()> {
        self.ensure_writable()?;
        check_dsn(new)?;
        let i = self
            .vtoc
            .find(old)
            .ok_or_else(|| icl!("ICL125E", "data set {old} is not on volume {}", self.volser()))?;
        if old != new && self.vtoc.find(new).is_some() {
            icl_bail!(
                "ICL121E",
                "cannot rename {old}: {new} already exists on volume {}",
                self.volser()
            );
        }
        let mut f1 = self
            .vtoc
            .f1(i)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {i} is not a Format-1"))?;
        let old_key = f1.dsname;
        f1.dsname.copy_from_slice(&super::ebcdic::encode_padded(new, 44));
        let new_key = f1.dsname;
        self.put_dscb(i, Dscb::F1(Box::new(f1)))?;
        self.vtoc.rekey(&old_key, new_key, i);
        Ok(())
    }
}
