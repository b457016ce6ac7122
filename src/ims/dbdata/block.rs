//! Data blocks and segment records, and the whole-data-set reader/writer.
//!
//! Every block after the first:
//! ```text
//!  0  2  bytes used in this block, prefix included (u16 BE)
//!  2  2  records in this block (u16 BE)
//!  4  .. records, never spanning blocks; the rest is X'00'
//! ```
//! A record:
//! ```text
//!  0  1  segment code (1-255; in index/ILDS entries 1)
//!  1  1  delete byte: X'00' live, X'80' deleted
//!  2  2  length of key + data (u16 BE)
//!  4  1  key length
//!  5  k  key            (for index/ILDS entries: the key)
//!  .  .  data           (for index/ILDS entries: the pointer)
//! ```

use super::header::DsHeader;
use super::prng::crc32;
use crate::msg::Result;
use crate::{icl, icl_bail};
use serde::{Deserialize, Serialize};

pub const BLOCK_PREFIX: usize = 4;
pub const RECORD_PREFIX: usize = 5;
pub const DELETED: u8 = 0x80;

/// One segment record (or index/ILDS entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub code: u8,
    pub deleted: bool,
    pub key: Vec<u8>,
    pub data: Vec<u8>,
}

impl Record {
    fn len(&self) -> usize {
        RECORD_PREFIX + self.key.len() + self.data.len()
    }

    /// The pointer of an index/ILDS entry (first 4 data bytes, big-endian).
    pub fn pointer(&self) -> Option<u32> {
        self.data
            .get(0..4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// A database data set: its header and records in stored order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSet {
    pub header: DsHeader,
    pub records: Vec<Record>,
}

/// Lay `records` out in blocks behind the header. `header.record_count` and
/// `header.block_count` are set from the records.
pub fn build(header: &DsHeader, records: &[Record]) -> Result<Vec<u8>> {
    header.validate()?;
    let bs = header.block_size as usize;
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    let mut cur: Vec<u8> = Vec::new();
    let mut in_block: u16 = 0;
    let close = |cur: &mut Vec<u8>, n: u16, blocks: &mut Vec<Vec<u8>>| {
        let used = cur.len() as u16;
        cur[0..2].copy_from_slice(&used.to_be_bytes());
        cur[2..4].copy_from_slice(&n.to_be_bytes());
        cur.resize(bs, 0);
        blocks.push(std::mem::take(cur));
    };
    for (i, r) in records.iter().enumerate() {
        if r.code == 0 || r.key.len() > 255 || r.len() > bs - BLOCK_PREFIX {
            icl_bail!(
                "ICL395E",
                "record {} (segment code {}, {} bytes, key {} bytes) does not fit a {bs}-byte block",
                i + 1,
                r.code,
                r.len(),
                r.key.len()
            );
        }
        if !cur.is_empty() && (cur.len() + r.len() > bs || in_block == u16::MAX) {
            close(&mut cur, in_block, &mut blocks);
            in_block = 0;
        }
        if cur.is_empty() {
            cur.extend_from_slice(&[0; BLOCK_PREFIX]);
        }
        cur.push(r.code);
        cur.push(if r.deleted { DELETED } else { 0 });
        cur.extend_from_slice(&((r.key.len() + r.data.len()) as u16).to_be_bytes());
        cur.push(r.key.len() as u8);
        cur.extend_from_slice(&r.key);
        cur.extend_from_slice(&r.data);
        in_block += 1;
    }
    if !cur.is_empty() {
        close(&mut cur, in_block, &mut blocks);
    }
    let mut h = header.clone();
    h.record_count = u32::try_from(records.len()).map_err(|_| icl!("ICL395E", "too many records"))?;
    h.block_count = u32::try_from(blocks.len()).map_err(|_| icl!("ICL395E", "too many blocks"))?;
    let mut out = h.to_block();
    for b in blocks {
        out.extend_from_slice(&b);
    }
    Ok(out)
}

/// Read and validate a whole data set.
pub fn read(bytes: &[u8]) -> Result<DataSet> {
    let header = DsHeader::parse(bytes)?;
    let bs = header.block_size as usize;
    let expected = (u64::from(header.block_count) + 1) * bs as u64;
    if bytes.len() as u64 != expected {
        icl_bail!(
            "ICL391E",
            "data set has {} bytes, header says {} blocks of {bs} after the first ({expected} bytes)",
            bytes.len(),
            header.block_count
        );
    }
    let mut records = Vec::new();
    for (n, blk) in bytes.chunks(bs).enumerate().skip(1) {
        read_block(blk, n, &mut records)?;
    }
    if records.len() as u64 != u64::from(header.record_count) {
        icl_bail!(
            "ICL394E",
            "header counts {} records, blocks hold {}",
            header.record_count,
            records.len()
        );
    }
    Ok(DataSet { header, records })
}

fn read_block(blk: &[u8], n: usize, out: &mut Vec<Record>) -> Result<()> {
    let bad = |why: String| icl!("ICL394E", "block {n}: {why}");
    let used = usize::from(u16::from_be_bytes([blk[0], blk[1]]));
    let count = u16::from_be_bytes([blk[2], blk[3]]);
    if used < BLOCK_PREFIX || used > blk.len() {
        return Err(bad(format!(
            "used length {used} is outside {BLOCK_PREFIX}-{}",
            blk.len()
        )));
    }
    let mut pos = BLOCK_PREFIX;
    for i in 0..count {
        let Some(p) = blk
            .get(pos..pos + RECORD_PREFIX)
            .filter(|_| pos + RECORD_PREFIX <= used)
        else {
            return Err(bad(format!("record {} header runs past the used length", i + 1)));
        };
        let (code, del, len, klen) = (
            p[0],
            p[1],
            usize::from(u16::from_be_bytes([p[2], p[3]])),
            usize::from(p[4]),
        );
        if code == 0 {
            return Err(bad(format!("record {} has segment code 0", i + 1)));
        }
        if del != 0 && del != DELETED {
            return Err(bad(format!("record {} has delete byte X'{del:02X}'", i + 1)));
        }
        if klen > len || pos + RECORD_PREFIX + len > used {
            return Err(bad(format!(
                "record {} length {len} (key {klen}) runs past the used length",
                i + 1
            )));
        }
        let body = &blk[pos + RECORD_PREFIX..pos + RECORD_PREFIX + len];
        out.push(Record {
            code,
            deleted: del == DELETED,
            key: body[..klen].to_vec(),
            data: body[klen..].to_vec(),
        });
        pos += RECORD_PREFIX + len;
    }
    if pos != used {
        return Err(bad(format!(
            "{} bytes after the last record inside the used length",
            used - pos
        )));
    }
    Ok(())
}

/// Only the header (cheap: the first block).
pub fn read_header(bytes: &[u8]) -> Result<DsHeader> {
    DsHeader::parse(bytes)
}

/// Rewrite the partition ID and reorganisation number in the first block
/// (a refreshed HALDB partition must carry the target RECON's values).
/// The header is verified first, so a foreign file is never touched.
pub fn set_partition(bytes: &mut [u8], partition_id: u16, reorg: u16) -> Result<()> {
    DsHeader::parse(bytes)?;
    bytes[0..2].copy_from_slice(&partition_id.to_be_bytes());
    bytes[2..4].copy_from_slice(&reorg.to_be_bytes());
    let crc = crc32(&bytes[0..60]);
    bytes[60..64].copy_from_slice(&crc.to_be_bytes());
    Ok(())
}
