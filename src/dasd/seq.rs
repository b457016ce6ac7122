//! Physical sequential data: records to blocks and back for RECFM F, FB,
//! V, VB and U.

use super::dataset::Dcb;
use super::dscb::recfm;
use super::volume::Volume;
use crate::{Result, icl_bail};

/// Block fixed-length records: each block holds up to BLKSIZE/LRECL
/// records; the last block is short (as dasdload TEXT writes it).
pub fn block_fixed(records: &[Vec<u8>], lrecl: usize, blksize: usize, blocked: bool) -> Result<Vec<Vec<u8>>> {
    if lrecl == 0 {
        icl_bail!("ICL117E", "RECFM=F needs a non-zero LRECL");
    }
    let per = if blocked { (blksize / lrecl).max(1) } else { 1 };
    let mut blocks = Vec::with_capacity(records.len().div_ceil(per));
    for chunk in records.chunks(per) {
        let mut b = Vec::with_capacity(chunk.len() * lrecl);
        for r in chunk {
            if r.len() > lrecl {
                icl_bail!("ICL119E", "a record of {} bytes is longer than LRECL {lrecl}", r.len());
            }
            b.extend_from_slice(r);
            b.resize(b.len() + lrecl - r.len(), super::ebcdic::BLANK);
        }
        blocks.push(b);
    }
    Ok(blocks)
}

/// Block variable-length records: a BDW, then records with RDWs.
pub fn block_variable(records: &[Vec<u8>], lrecl: usize, blksize: usize, blocked: bool) -> Result<Vec<Vec<u8>>> {
    let mut blocks = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    for r in records {
        let rl = r.len() + 4;
        if rl > lrecl || rl + 4 > blksize {
            icl_bail!(
                "ICL119E",
                "a record of {} bytes does not fit LRECL {lrecl} / BLKSIZE {blksize}",
                r.len()
            );
        }
        if !cur.is_empty() && (!blocked || cur.len() + rl > blksize) {
            blocks.push(finish_vblock(std::mem::take(&mut cur)));
        }
        if cur.is_empty() {
            cur.extend_from_slice(&[0, 0, 0, 0]);
        }
        cur.extend_from_slice(&(rl as u16).to_be_bytes());
        cur.extend_from_slice(&[0, 0]);
        cur.extend_from_slice(r);
    }
    if !cur.is_empty() {
        blocks.push(finish_vblock(cur));
    }
    Ok(blocks)
}

fn finish_vblock(mut b: Vec<u8>) -> Vec<u8> {
    let l = (b.len() as u16).to_be_bytes();
    b[0] = l[0];
    b[1] = l[1];
    b
}

/// Split a V/VB block into its records (RDW removed).
pub fn deblock_variable(block: &[u8]) -> Result<Vec<Vec<u8>>> {
    if block.len() < 4 {
        icl_bail!("ICL119E", "variable block of {} bytes has no BDW", block.len());
    }
    let bdw = u16::from_be_bytes([block[0], block[1]]) as usize;
    if bdw < 4 || bdw > block.len() {
        icl_bail!(
            "ICL119E",
            "BDW length {bdw} does not match the block of {} bytes",
            block.len()
        );
    }
    let mut out = Vec::new();
    let mut p = 4;
    while p < bdw {
        if p + 4 > bdw {
            icl_bail!("ICL119E", "truncated RDW at offset {p}");
        }
        let rl = u16::from_be_bytes([block[p], block[p + 1]]) as usize;
        if rl < 4 || p + rl > bdw {
            icl_bail!("ICL119E", "RDW length {rl} at offset {p} runs past the block");
        }
        out.push(block[p + 4..p + rl].to_vec());
        p += rl;
    }
    Ok(out)
}

/// Records of a block under the given DCB.
pub fn deblock(dcb: &Dcb, block: &[u8]) -> Result<Vec<Vec<u8>>> {
    match dcb.recfm & 0xC0 {
        recfm::F => {
            let l = dcb.lrecl as usize;
            if l == 0 {
                icl_bail!("ICL117E", "RECFM=F with LRECL 0");
            }
            Ok(block.chunks(l).map(<[u8]>::to_vec).collect())
        }
        recfm::V => deblock_variable(block),
        _ => Ok(vec![block.to_vec()]),
    }
}

/// Blocks of records under the given DCB.
pub fn block(dcb: &Dcb, records: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    let blocked = dcb.recfm & recfm::B != 0;
    let (l, b) = (dcb.lrecl as usize, dcb.blksize as usize);
    match dcb.recfm & 0xC0 {
        recfm::F => block_fixed(records, l, b, blocked),
        recfm::V => block_variable(records, l, b, blocked),
        _ => {
            if let Some(r) = records.iter().find(|r| r.len() > b || r.is_empty()) {
                icl_bail!(
                    "ICL119E",
                    "RECFM=U block of {} bytes is empty or over BLKSIZE {b}",
                    r.len()
                );
            }
            Ok(records.to_vec())
        }
    }
}

impl Volume {
    /// The DCB of a data set.
    pub fn dcb(&self, dsn: &str) -> Result<Dcb> {
        Ok(Dcb::of_f1(self.format1(dsn)?))
    }

    /// Read every logical record of a sequential data set.
    pub fn read_records(&self, dsn: &str) -> Result<Vec<Vec<u8>>> {
        let dcb = self.dcb(dsn)?;
        let mut out = Vec::new();
        for b in self.read_blocks(dsn)? {
            out.extend(deblock(&dcb, &b.data)?);
        }
        Ok(out)
    }

    /// Replace the content of a sequential data set with these records.
    pub fn write_records(&mut self, dsn: &str, records: &[Vec<u8>]) -> Result<()> {
        let dcb = self.dcb(dsn)?;
        if dcb.is_pds() {
            icl_bail!("ICL127E", "{dsn} is partitioned: write members, not records");
        }
        let blocks = block(&dcb, records)?;
        self.write_all_blocks(dsn, &blocks)
    }

    /// Read a sequential data set of text records (EBCDIC), trailing blanks kept.
    pub fn read_text(&self, dsn: &str) -> Result<Vec<String>> {
        Ok(self
            .read_records(dsn)?
            .iter()
            .map(|r| super::ebcdic::decode(r))
            .collect())
    }

    /// Write text lines as EBCDIC records.
    pub fn write_text(&mut self, dsn: &str, lines: &[String]) -> Result<()> {
        let recs: Vec<Vec<u8>> = lines.iter().map(|l| super::ebcdic::encode(l)).collect();
        self.write_records(dsn, &recs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vb_block_of_ckd_format_md() {
        let recs: Vec<Vec<u8>> = ["SHORT", "A SOMEWHAT LONGER RECORD FOR VB", &"X".repeat(100), "END"]
            .iter()
            .map(|s| super::super::ebcdic::encode(s))
            .collect();
        let b = block_variable(&recs, 255, 1000, true).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(&b[0][0..4], &[0x00, 0x9F, 0, 0]);
        assert_eq!(&b[0][4..8], &[0x00, 0x09, 0, 0]);
        assert_eq!(&b[0][8..13], &[0xE2, 0xC8, 0xD6, 0xD9, 0xE3]);
        assert_eq!(deblock_variable(&b[0]).unwrap(), recs);
    }

    #[test]
    fn fb_last_block_short() {
        let recs: Vec<Vec<u8>> = (0..50).map(|_| vec![0x40; 80]).collect();
        let b = block_fixed(&recs, 80, 3120, true).unwrap();
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), vec![3120, 880]);
    }

    #[test]
    fn bad_vb_blocks() {
        assert!(deblock_variable(&[0, 2, 0, 0]).is_err());
        assert!(deblock_variable(&[0, 10, 0, 0, 0, 9, 0, 0, 1, 2]).is_err());
        assert!(deblock_variable(&[0, 8, 0, 0, 0, 3, 0, 0]).is_err());
    }
}
