//! Partitioned data sets: the directory (256-byte blocks keyed by their
//! highest member name), members (blocks then an EOF), aliases, ISPF
//! statistics, and compress.

use serde::Serialize;

use super::dscb::Dscb;
use super::ebcdic;
use super::geometry::Ttr;
use super::names::check_member;
use super::seq;
use super::volume::Volume;
use crate::{Result, icl, icl_bail};

const DIR_DL: usize = 256;
const END_NAME: [u8; 8] = [0xFF; 8];

/// One directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub ttr: Ttr,
    pub alias: bool,
    /// Number of user TTRs in the user data (the C byte's bits 1-2).
    pub user_ttrs: u8,
    /// User data (an even number of bytes, at most 62).
    pub user_data: Vec<u8>,
}

impl DirEntry {
    fn encoded_len(&self) -> usize {
        12 + self.user_data.len()
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&ebcdic::encode_padded(&self.name, 8));
        out.extend_from_slice(&self.ttr.to_bytes());
        let c =
            if self.alias { 0x80 } else { 0 } | ((self.user_ttrs & 3) << 5) | ((self.user_data.len() / 2) as u8 & 0x1F);
        out.push(c);
        out.extend_from_slice(&self.user_data);
    }

    /// ISPF statistics, when the user data holds them.
    pub fn stats(&self) -> Option<IspfStats> {
        IspfStats::decode(&self.user_data)
    }
}

/// ISPF member statistics (15 halfwords of user data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IspfStats {
    pub version: u8,
    pub modlevel: u8,
    /// `yyyy/mm/dd`
    pub created: String,
    /// `yyyy/mm/dd hh:mm:ss`
    pub changed: String,
    pub lines: u16,
    pub init_lines: u16,
    pub mod_lines: u16,
    pub userid: String,
}

fn bcd(v: u32) -> u8 {
    (((v / 10) % 10) << 4 | (v % 10)) as u8
}

fn unbcd(b: u8) -> Option<u32> {
    let (h, l) = (b >> 4, b & 0xF);
    (h < 10 && l < 10).then_some(h as u32 * 10 + l as u32)
}

/// `0cyydddF` packed date.
fn packed_date(year: u16, day: u16) -> [u8; 4] {
    let c = if year >= 2000 { 1 } else { 0 };
    let yy = (year % 100) as u32;
    [c, bcd(yy), bcd(day as u32 / 10), ((day % 10) as u8) << 4 | 0x0F]
}

fn unpacked_date(b: &[u8]) -> Option<(u16, u16)> {
    let c = b[0];
    let yy = unbcd(b[1])?;
    let dd = unbcd(b[2])? * 10 + (b[3] >> 4) as u32;
    if c > 1 || b[3] & 0x0F != 0x0F || dd == 0 || dd > 366 {
        return None;
    }
    Some((1900 + 100 * c as u16 + yy as u16, dd as u16))
}

impl IspfStats {
    /// Statistics of a new member written now by `userid`.
    pub fn new_now(lines: usize, userid: &str) -> IspfStats {
        let now = super::dates::now();
        IspfStats {
            version: 1,
            modlevel: 0,
            created: now.date.iso(),
            changed: format!("{} {:02}:{:02}:{:02}", now.date.iso(), now.hour, now.minute, now.second),
            lines: lines.min(u16::MAX as usize) as u16,
            init_lines: lines.min(u16::MAX as usize) as u16,
            mod_lines: 0,
            userid: userid.to_string(),
        }
    }

    pub fn encode(&self) -> Option<Vec<u8>> {
        let date = |s: &str| -> Option<(u16, u16, u32, u32, u32)> {
            let y: u16 = s.get(0..4)?.parse().ok()?;
            let m: u16 = s.get(5..7)?.parse().ok()?;
            let d: u16 = s.get(8..10)?.parse().ok()?;
            let doy = super::dates::day_of_year(y, m, d)?;
            let hh = s.get(11..13).and_then(|v| v.parse().ok()).unwrap_or(0);
            let mm = s.get(14..16).and_then(|v| v.parse().ok()).unwrap_or(0);
            let ss = s.get(17..19).and_then(|v| v.parse().ok()).unwrap_or(0);
            Some((y, doy, hh, mm, ss))
        };
        let (cy, cd, _, _, _) = date(&self.created)?;
        let (my, md, hh, mm, ss) = date(&self.changed)?;
        let mut b = Vec::with_capacity(30);
        b.push(self.version);
        b.push(self.modlevel);
        b.push(0);
        b.push(bcd(ss));
        b.extend_from_slice(&packed_date(cy, cd));
        b.extend_from_slice(&packed_date(my, md));
        b.push(bcd(hh));
        b.push(bcd(mm));
        b.extend_from_slice(&self.lines.to_be_bytes());
        b.extend_from_slice(&self.init_lines.to_be_bytes());
        b.extend_from_slice(&self.mod_lines.to_be_bytes());
        b.extend_from_slice(&ebcdic::encode_padded(&self.userid, 10));
        Some(b)
    }

    pub fn decode(u: &[u8]) -> Option<IspfStats> {
        if u.len() < 30 {
            return None;
        }
        let (cy, cd) = unpacked_date(&u[4..8])?;
        let (my, md) = unpacked_date(&u[8..12])?;
        let iso = |y, d| super::dates::JulianDate { year: y, day: d }.iso();
        Some(IspfStats {
            version: u[0],
            modlevel: u[1],
            created: iso(cy, cd),
            changed: format!(
                "{} {:02}:{:02}:{:02}",
                iso(my, md),
                unbcd(u[12])?,
                unbcd(u[13])?,
                unbcd(u[3])?
            ),
            lines: u16::from_be_bytes([u[14], u[15]]),
            init_lines: u16::from_be_bytes([u[16], u[17]]),
            mod_lines: u16::from_be_bytes([u[18], u[19]]),
            userid: ebcdic::decode_trim(&u[20..30]),
        })
    }
}

/// A member ready to store: name, blocks, directory user data.
type PreparedMember = (String, Vec<Vec<u8>>, Vec<u8>);

/// A member to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub records: Vec<Vec<u8>>,
    pub stats: Option<IspfStats>,
}

/// A member as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberInfo {
    pub name: String,
    pub ttr: String,
    pub alias_of: Option<String>,
    pub stats: Option<IspfStats>,
}

/// Parse directory blocks into entries (stops at the end marker).
fn parse_directory(blocks: &[super::dataset::Block], dsn: &str) -> Result<Vec<DirEntry>> {
    let mut out = Vec::new();
    for b in blocks {
        if b.data.len() < 2 {
            icl_bail!("ICL129E", "{dsn}: directory block {} is too short", b.ttr);
        }
        let used = u16::from_be_bytes([b.data[0], b.data[1]]) as usize;
        if used < 2 || used > b.data.len() {
            icl_bail!(
                "ICL129E",
                "{dsn}: directory block {} has an invalid byte count {used}",
                b.ttr
            );
        }
        let mut p = 2;
        while p + 12 <= used {
            let name = &b.data[p..p + 8];
            if name == END_NAME {
                return Ok(out);
            }
            let c = b.data[p + 11];
            let ulen = (c & 0x1F) as usize * 2;
            if p + 12 + ulen > used {
                icl_bail!(
                    "ICL129E",
                    "{dsn}: directory entry at {} offset {p} runs past the block",
                    b.ttr
                );
            }
            out.push(DirEntry {
                name: ebcdic::decode_trim(name),
                ttr: Ttr::from_bytes(&b.data[p + 8..p + 11]),
                alias: c & 0x80 != 0,
                user_ttrs: (c >> 5) & 3,
                user_data: b.data[p + 12..p + 12 + ulen].to_vec(),
            });
            p += 12 + ulen;
        }
    }
    // No end marker: dasdpdsu stops at the EOF after the directory too.
    Ok(out)
}

/// Directory blocks as (key, data) pairs.
type KeyedBlocks = Vec<(Vec<u8>, Vec<u8>)>;

/// Pack entries into directory blocks of `nblocks`; the block holding the
/// end marker is keyed FF..FF, unused blocks after it are all zeros.
/// Returns the blocks (key, data) and DS1NOBDB.
fn pack_directory(entries: &[DirEntry], nblocks: usize, dsn: &str) -> Result<(KeyedBlocks, u8)> {
    let mut blocks: KeyedBlocks = Vec::new();
    let mut cur: Vec<u8> = vec![0, 0];
    let mut last_name: Vec<u8> = Vec::new();
    let close = |cur: &mut Vec<u8>, key: Vec<u8>, blocks: &mut KeyedBlocks| {
        let used = (cur.len() as u16).to_be_bytes();
        cur[0] = used[0];
        cur[1] = used[1];
        let mut data = std::mem::replace(cur, vec![0, 0]);
        data.resize(DIR_DL, 0);
        blocks.push((key, data));
    };
    for e in entries {
        if cur.len() + e.encoded_len() > DIR_DL {
            close(&mut cur, last_name.clone(), &mut blocks);
        }
        e.encode(&mut cur);
        last_name = ebcdic::encode_padded(&e.name, 8);
    }
    if cur.len() + 12 > DIR_DL {
        close(&mut cur, last_name, &mut blocks);
    }
    cur.extend_from_slice(&END_NAME);
    cur.extend_from_slice(&[0, 0, 0, 0]);
    let nobdb = cur.len() as u8;
    close(&mut cur, END_NAME.to_vec(), &mut blocks);
    if blocks.len() > nblocks {
        icl_bail!(
            "ICL128E",
            "{dsn}: the directory is full ({} blocks needed, {nblocks} allocated)",
            blocks.len()
        );
    }
    while blocks.len() < nblocks {
        blocks.push((vec![0; 8], vec![0; DIR_DL]));
    }
    Ok((blocks, nobdb))
}

impl Volume {
    /// Write `n` empty directory blocks and the EOF after them.
    pub(crate) fn init_directory(&mut self, slot: usize, n: u32) -> Result<()> {
        let dsn = self.vtoc.f1(slot).map(|f| f.name()).unwrap_or_default();
        let (blocks, nobdb) = pack_directory(&[], n as usize, &dsn)?;
        let refs: Vec<(&[u8], &[u8])> = blocks.iter().map(|(k, d)| (k.as_slice(), d.as_slice())).collect();
        self.write_blocks_at(slot, Ttr::new(0, 1), &refs)?;
        self.set_nobdb(slot, nobdb)
    }

    fn set_nobdb(&mut self, slot: usize, nobdb: u8) -> Result<()> {
        let mut f1 = self
            .vtoc
            .f1(slot)
            .cloned()
            .ok_or_else(|| icl!("ICL110E", "slot {slot} is not a Format-1"))?;
        f1.nobdb = nobdb;
        self.put_dscb(slot, Dscb::F1(Box::new(f1)))
    }

    fn pds_slot(&self, dsn: &str) -> Result<usize> {
        let slot = self.slot(dsn)?;
        let f1 = self
            .vtoc
            .f1(slot)
            .ok_or_else(|| icl!("ICL110E", "slot {slot} is not a Format-1"))?;
        if f1.dsorg & super::dscb::dsorg::PO == 0 {
            icl_bail!("ICL127E", "{dsn} on {} is not a partitioned data set", self.volser());
        }
        Ok(slot)
    }

    /// The directory blocks as stored (up to the EOF that ends them).
    fn directory_blocks(&self, dsn: &str) -> Result<Vec<super::dataset::Block>> {
        self.pds_slot(dsn)?;
        let blocks = self.read_blocks(dsn)?;
        if let Some(b) = blocks.iter().find(|b| b.key.len() != 8 || b.data.len() != DIR_DL) {
            icl_bail!(
                "ICL129E",
                "{dsn}: directory block {} has KL {} DL {}",
                b.ttr,
                b.key.len(),
                b.data.len()
            );
        }
        Ok(blocks)
    }

    /// Every directory entry (members and aliases), in name order.
    pub fn directory(&self, dsn: &str) -> Result<Vec<DirEntry>> {
        parse_directory(&self.directory_blocks(dsn)?, dsn)
    }

    /// Members with their statistics; aliases name their main member.
    pub fn members(&self, dsn: &str) -> Result<Vec<MemberInfo>> {
        let dir = self.directory(dsn)?;
        Ok(dir
            .iter()
            .map(|e| MemberInfo {
                name: e.name.clone(),
                ttr: e.ttr.to_string(),
                alias_of: e.alias.then(|| {
                    dir.iter()
                        .find(|m| !m.alias && m.ttr == e.ttr)
                        .map(|m| m.name.clone())
                        .unwrap_or_default()
                }),
                stats: e.stats(),
            })
            .collect())
    }

    fn entry(&self, dsn: &str, member: &str) -> Result<DirEntry> {
        self.directory(dsn)?
            .into_iter()
            .find(|e| e.name == member)
            .ok_or_else(|| icl!("ICL130E", "member {member} not found in {dsn}"))
    }

    /// The blocks of a member.
    pub fn read_member_blocks(&self, dsn: &str, member: &str) -> Result<Vec<Vec<u8>>> {
        let e = self.entry(dsn, member)?;
        Ok(self.read_blocks_from(dsn, e.ttr)?.into_iter().map(|b| b.data).collect())
    }

    /// The logical records of a member.
    pub fn read_member(&self, dsn: &str, member: &str) -> Result<Vec<Vec<u8>>> {
        let dcb = self.dcb(dsn)?;
        let mut out = Vec::new();
        for b in self.read_member_blocks(dsn, member)? {
            out.extend(seq::deblock(&dcb, &b)?);
        }
        Ok(out)
    }

    /// A text member as lines (EBCDIC decoded, all columns kept).
    pub fn read_member_text(&self, dsn: &str, member: &str) -> Result<Vec<String>> {
        Ok(self
            .read_member(dsn, member)?
            .iter()
            .map(|r| ebcdic::decode(r))
            .collect())
    }

    /// Add or replace a member (records are blocked by the data set's DCB).
    /// The old copy's space stays used until [`Volume::compress`], as on
    /// z/OS; when the data set is full it is compressed once and retried.
    pub fn write_member(
        &mut self,
        dsn: &str,
        member: &str,
        records: &[Vec<u8>],
        stats: Option<&IspfStats>,
    ) -> Result<()> {
        self.write_members(
            dsn,
            &[NewMember {
                name: member.to_string(),
                records: records.to_vec(),
                stats: stats.cloned(),
            }],
            &[],
        )
    }

    /// Write text lines as a member of 80-byte (or LRECL) records.
    pub fn write_member_text(
        &mut self,
        dsn: &str,
        member: &str,
        lines: &[String],
        stats: Option<&IspfStats>,
    ) -> Result<()> {
        let recs: Vec<Vec<u8>> = lines.iter().map(|l| ebcdic::encode(l)).collect();
        self.write_member(dsn, member, &recs, stats)
    }

    /// Add or replace many members and delete others with one directory
    /// update (what a clone does to a whole library).
    pub fn write_members(&mut self, dsn: &str, members: &[NewMember], deletes: &[String]) -> Result<()> {
        let dcb = self.dcb(dsn)?;
        let mut prepared = Vec::with_capacity(members.len());
        for m in members {
            check_member(&m.name)?;
            let blocks = seq::block(&dcb, &m.records)?;
            let user = m.stats.as_ref().and_then(IspfStats::encode).unwrap_or_default();
            prepared.push((m.name.clone(), blocks, user));
        }
        match self.store_members(dsn, &prepared, deletes) {
            Err(e) if e.id == "ICL124E" => {
                self.compress(dsn)?;
                self.store_members(dsn, &prepared, deletes)
            }
            r => r,
        }
    }

    fn store_members(&mut self, dsn: &str, members: &[PreparedMember], deletes: &[String]) -> Result<()> {
        let slot = self.pds_slot(dsn)?;
        let mut dir = self.directory(dsn)?;
        dir.retain(|e| !deletes.contains(&e.name));
        for (name, _, user) in members {
            let e = DirEntry {
                name: name.clone(),
                ttr: Ttr::default(),
                alias: false,
                user_ttrs: 0,
                user_data: user.clone(),
            };
            match dir.iter_mut().find(|x| &x.name == name) {
                Some(x) => *x = e,
                None => dir.push(e),
            }
        }
        dir.sort_by_key(|a| ebcdic::encode(&a.name));
        // Check the directory has room before writing any data.
        let nblocks = self.directory_blocks(dsn)?.len();
        pack_directory(&dir, nblocks, dsn)?;
        let lstar = self.vtoc.f1(slot).map(|f| f.lstar).unwrap_or_default();
        let mut w = super::dataset::BlockWriter::new(self, slot, Ttr::new(lstar.tt, lstar.r.saturating_add(1)))?;
        let mut eof = lstar;
        for (name, blocks, _) in members {
            let mut first = None;
            for b in blocks {
                let t = w.put(self, &[], b)?;
                first.get_or_insert(t);
            }
            eof = w.put(self, &[], &[])?;
            // A member starts at its first block, or at its EOF when empty.
            let start = first.unwrap_or(eof);
            if let Some(e) = dir.iter_mut().find(|x| &x.name == name) {
                e.ttr = start;
            }
        }
        w.finish(self, eof)?;
        self.rewrite_directory(dsn, &dir)
    }

    /// Rewrite the directory blocks in place (same count, same positions).
    fn rewrite_directory(&mut self, dsn: &str, dir: &[DirEntry]) -> Result<()> {
        let slot = self.pds_slot(dsn)?;
        let old = self.directory_blocks(dsn)?;
        let (blocks, nobdb) = pack_directory(dir, old.len(), dsn)?;
        let layout = self.layout(dsn)?;
        for (b, (key, data)) in old.iter().zip(blocks) {
            let abs = layout
                .abs(b.ttr.tt as u32)
                .ok_or_else(|| icl!("ICL129E", "{dsn}: directory block off the extents"))?;
            let trk = self.track_mut(abs)?;
            let rec = trk
                .record_mut(b.ttr.r)
                .ok_or_else(|| icl!("ICL129E", "{dsn}: directory block {} vanished", b.ttr))?;
            rec.key = key;
            rec.data = data;
        }
        self.set_nobdb(slot, nobdb)
    }

    /// Delete a member and its aliases.
    pub fn delete_member(&mut self, dsn: &str, member: &str) -> Result<()> {
        let mut dir = self.directory(dsn)?;
        let e = dir
            .iter()
            .find(|e| e.name == member)
            .cloned()
            .ok_or_else(|| icl!("ICL130E", "member {member} not found in {dsn}"))?;
        if e.alias {
            dir.retain(|x| x.name != member);
        } else {
            dir.retain(|x| x.ttr != e.ttr);
        }
        self.rewrite_directory(dsn, &dir)
    }

    /// Rename a member (aliases keep pointing at it).
    pub fn rename_member(&mut self, dsn: &str, old: &str, new: &str) -> Result<()> {
        check_member(new)?;
        let mut dir = self.directory(dsn)?;
        if dir.iter().any(|e| e.name == new) {
            icl_bail!("ICL131E", "member {new} already exists in {dsn}");
        }
        let e = dir
            .iter_mut()
            .find(|e| e.name == old)
            .ok_or_else(|| icl!("ICL130E", "member {old} not found in {dsn}"))?;
        e.name = new.to_string();
        dir.sort_by_key(|a| ebcdic::encode(&a.name));
        self.rewrite_directory(dsn, &dir)
    }

    /// Add an alias of an existing member.
    pub fn add_alias(&mut self, dsn: &str, member: &str, alias: &str) -> Result<()> {
        check_member(alias)?;
        let mut dir = self.directory(dsn)?;
        if dir.iter().any(|e| e.name == alias) {
            icl_bail!("ICL131E", "member {alias} already exists in {dsn}");
        }
        let main = dir
            .iter()
            .find(|e| e.name == member && !e.alias)
            .cloned()
            .ok_or_else(|| icl!("ICL130E", "member {member} not found in {dsn}"))?;
        dir.push(DirEntry {
            name: alias.to_string(),
            alias: true,
            ..main
        });
        dir.sort_by_key(|a| ebcdic::encode(&a.name));
        self.rewrite_directory(dsn, &dir)
    }

    /// Compress in place (IEBCOPY style): members rewritten one after the
    /// other behind the directory, reclaiming the space of replaced members.
    pub fn compress(&mut self, dsn: &str) -> Result<()> {
        let slot = self.pds_slot(dsn)?;
        let dirblocks = self.directory_blocks(dsn)?;
        let mut dir = parse_directory(&dirblocks, dsn)?;
        let mut distinct: Vec<Ttr> = dir.iter().filter(|e| !e.alias).map(|e| e.ttr).collect();
        distinct.sort();
        distinct.dedup();
        let mut contents = Vec::with_capacity(distinct.len());
        for &t in &distinct {
            let blocks: Vec<Vec<u8>> = self.read_blocks_from(dsn, t)?.into_iter().map(|b| b.data).collect();
            contents.push((t, blocks));
        }
        let (dblocks, nobdb) = pack_directory(&dir, dirblocks.len(), dsn)?;
        let drefs: Vec<(&[u8], &[u8])> = dblocks.iter().map(|(k, d)| (k.as_slice(), d.as_slice())).collect();
        let (_, mut eof) = self.write_blocks_at(slot, Ttr::new(0, 1), &drefs)?;
        for (old, blocks) in &contents {
            let start = Ttr::new(eof.tt, eof.r + 1);
            let refs: Vec<(&[u8], &[u8])> = blocks.iter().map(|b| (&[][..], b.as_slice())).collect();
            let (ttrs, e) = self.write_blocks_at(slot, start, &refs)?;
            let new = ttrs.first().copied().unwrap_or(e);
            for d in dir.iter_mut().filter(|d| d.ttr == *old) {
                d.ttr = new;
            }
            eof = e;
        }
        self.set_nobdb(slot, nobdb)?;
        self.rewrite_directory(dsn, &dir)?;
        // rewrite_directory re-reads what we wrote; make sure entries sorted.
        dir.sort_by_key(|a| ebcdic::encode(&a.name));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_round_trip() {
        let s = IspfStats {
            version: 1,
            modlevel: 3,
            created: "2025/01/31".into(),
            changed: "2026/11/27 08:15:42".into(),
            lines: 50,
            init_lines: 40,
            mod_lines: 2,
            userid: "IMSADM".into(),
        };
        let b = s.encode().unwrap();
        assert_eq!(b.len(), 30);
        assert_eq!(&b[4..8], &[0x01, 0x25, 0x03, 0x1F]);
        assert_eq!(IspfStats::decode(&b), Some(s));
    }

    #[test]
    fn empty_directory_block_matches_dasdload() {
        let (blocks, nobdb) = pack_directory(&[], 2, "X").unwrap();
        assert_eq!(nobdb, 14);
        assert_eq!(blocks[0].0, vec![0xFF; 8]);
        assert_eq!(
            &blocks[0].1[0..14],
            &[0x00, 0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]
        );
        assert_eq!(blocks[1], (vec![0; 8], vec![0; 256]));
    }

    #[test]
    fn two_members_nobdb() {
        let e = |n: &str, r| DirEntry {
            name: n.into(),
            ttr: Ttr::new(0, r),
            alias: false,
            user_ttrs: 0,
            user_data: vec![],
        };
        let (blocks, nobdb) = pack_directory(&[e("ALPHA", 3), e("BETA", 5)], 1, "X").unwrap();
        assert_eq!(nobdb, 0x26);
        assert_eq!(&blocks[0].1[0..2], &[0, 0x26]);
        assert_eq!(
            parse_directory(
                &[super::super::dataset::Block {
                    ttr: Ttr::new(0, 1),
                    key: blocks[0].0.clone(),
                    data: blocks[0].1.clone()
                }],
                "X"
            )
            .unwrap()
            .len(),
            2
        );
    }

    #[test]
    fn full_directory() {
        let many: Vec<DirEntry> = (0..30)
            .map(|i| DirEntry {
                name: format!("M{i:04}"),
                ttr: Ttr::new(0, 1),
                alias: false,
                user_ttrs: 0,
                user_data: vec![0; 30],
            })
            .collect();
        assert_eq!(pack_directory(&many, 2, "X").unwrap_err().id, "ICL128E");
    }
}
