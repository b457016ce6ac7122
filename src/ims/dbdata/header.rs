//! The first block of a database data set.
//!
//! ```text
//! off len
//!  0   2  HALDB partition ID (u16 BE), 0 when not HALDB   } as IMS writes
//!  2   2  reorganisation number (u16 BE), 0 when not HALDB} them (bitmap block)
//!  4   8  eye-catcher 'ICLDBDS ' (EBCDIC)
//! 12   1  header format version (1)
//! 13   1  organisation: 1 OSAM, 2 VSAM ESDS, 3 VSAM KSDS index, 4 ILDS, 5 DEDB area
//! 14   2  data set group ID (DSID, u16 BE)
//! 16   8  DBD name (EBCDIC, blank padded)
//! 24   8  DD name (EBCDIC, blank padded; the area name for a DEDB)
//! 32   8  creation time stamp (packed decimal 0yyyydddhhmmsstF)
//! 40   4  record count (u32 BE)
//! 44   4  block / CI size (u32 BE)
//! 48   4  data block count (u32 BE), blocks after this one
//! 52   8  generator seed (u64 BE)
//! 60   4  CRC-32 of bytes 0-59
//! 64  16  DEDB area only: CI size, UOW CIs, UOW overflow CIs, ROOT UOWs,
//!         ROOT independent overflow UOWs (u32, u16, u16, u32, u32 BE); zero otherwise
//! ```

use super::prng::crc32;
use crate::dasd::ebcdic;
use crate::ims::recon::ReconTime;
use crate::ims::recon::names::check_name;
use crate::msg::Result;
use crate::{icl, icl_bail};
use serde::{Deserialize, Serialize};

pub const EYE_CATCHER: &str = "ICLDBDS ";
pub const HEADER_VERSION: u8 = 1;
/// Bytes of the header proper (area geometry included).
pub const HEADER_LEN: usize = 80;
pub const MIN_BLOCK: u32 = 512;
pub const MAX_BLOCK: u32 = 32_768;

/// What kind of database data set the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DsKind {
    Osam,
    Esds,
    /// KSDS of an INDEX DBD, PHIDAM primary index or PSINDEX.
    Index,
    /// HALDB indirect list data set.
    Ilds,
    /// DEDB area data set.
    DedbArea,
}

impl DsKind {
    pub fn code(self) -> u8 {
        match self {
            DsKind::Osam => 1,
            DsKind::Esds => 2,
            DsKind::Index => 3,
            DsKind::Ilds => 4,
            DsKind::DedbArea => 5,
        }
    }

    pub fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            1 => DsKind::Osam,
            2 => DsKind::Esds,
            3 => DsKind::Index,
            4 => DsKind::Ilds,
            5 => DsKind::DedbArea,
            _ => return None,
        })
    }

    /// Index-like data sets hold key -> pointer entries, not segments.
    pub fn is_pointer_set(self) -> bool {
        matches!(self, DsKind::Index | DsKind::Ilds)
    }
}

/// DEDB area geometry (DBD AREA statement: SIZE, UOW, ROOT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaGeometry {
    pub ci_size: u32,
    pub uow_cis: u16,
    pub uow_overflow: u16,
    pub root_uows: u32,
    pub root_overflow: u32,
}

/// The decoded first block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DsHeader {
    pub partition_id: u16,
    pub reorg: u16,
    pub kind: DsKind,
    pub dsid: u16,
    pub dbd: String,
    pub ddn: String,
    pub created: ReconTime,
    pub record_count: u32,
    pub block_size: u32,
    pub block_count: u32,
    pub seed: u64,
    pub area: Option<AreaGeometry>,
}

fn be16(b: &[u8], o: usize) -> u16 {
    u16::from_be_bytes([b[o], b[o + 1]])
}

fn be32(b: &[u8], o: usize) -> u32 {
    u32::from_be_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
}

impl DsHeader {
    /// Check what a writer must not get wrong (names, block size, area).
    pub fn validate(&self) -> Result<()> {
        check_name("DBD name", &self.dbd, 8).map_err(|e| icl!("ICL390E", "{}", e.text))?;
        check_name("DD name", &self.ddn, 8).map_err(|e| icl!("ICL390E", "{}", e.text))?;
        if !(MIN_BLOCK..=MAX_BLOCK).contains(&self.block_size) {
            icl_bail!(
                "ICL390E",
                "block size {} is outside {MIN_BLOCK}-{MAX_BLOCK}",
                self.block_size
            );
        }
        if (self.kind == DsKind::DedbArea) != self.area.is_some() {
            icl_bail!(
                "ICL390E",
                "area geometry is required for a DEDB area data set and only there"
            );
        }
        Ok(())
    }

    /// The first block, `block_size` bytes.
    pub fn to_block(&self) -> Vec<u8> {
        let mut b = vec![0u8; self.block_size.max(HEADER_LEN as u32) as usize];
        b[0..2].copy_from_slice(&self.partition_id.to_be_bytes());
        b[2..4].copy_from_slice(&self.reorg.to_be_bytes());
        b[4..12].copy_from_slice(&ebcdic::encode_padded(EYE_CATCHER, 8));
        b[12] = HEADER_VERSION;
        b[13] = self.kind.code();
        b[14..16].copy_from_slice(&self.dsid.to_be_bytes());
        b[16..24].copy_from_slice(&ebcdic::encode_padded(&self.dbd, 8));
        b[24..32].copy_from_slice(&ebcdic::encode_padded(&self.ddn, 8));
        b[32..40].copy_from_slice(&self.created.to_packed());
        b[40..44].copy_from_slice(&self.record_count.to_be_bytes());
        b[44..48].copy_from_slice(&self.block_size.to_be_bytes());
        b[48..52].copy_from_slice(&self.block_count.to_be_bytes());
        b[52..60].copy_from_slice(&self.seed.to_be_bytes());
        if let Some(a) = self.area {
            b[64..68].copy_from_slice(&a.ci_size.to_be_bytes());
            b[68..70].copy_from_slice(&a.uow_cis.to_be_bytes());
            b[70..72].copy_from_slice(&a.uow_overflow.to_be_bytes());
            b[72..76].copy_from_slice(&a.root_uows.to_be_bytes());
            b[76..80].copy_from_slice(&a.root_overflow.to_be_bytes());
        }
        let crc = crc32(&b[0..60]);
        b[60..64].copy_from_slice(&crc.to_be_bytes());
        b
    }

    /// Decode and verify the header at the start of `b`.
    pub fn parse(b: &[u8]) -> Result<DsHeader> {
        if b.len() < HEADER_LEN {
            icl_bail!(
                "ICL391E",
                "data set has {} bytes, too short for a header block",
                b.len()
            );
        }
        if b[4..12] != ebcdic::encode_padded(EYE_CATCHER, 8)[..] {
            icl_bail!(
                "ICL392E",
                "first block has no '{}' eye-catcher: not an imsclone database data set",
                EYE_CATCHER.trim()
            );
        }
        if b[12] != HEADER_VERSION {
            icl_bail!(
                "ICL392E",
                "header format version {} is not supported (this imsclone reads {HEADER_VERSION})",
                b[12]
            );
        }
        let crc = crc32(&b[0..60]);
        if crc != be32(b, 60) {
            icl_bail!(
                "ICL393E",
                "header checksum X'{:08X}' does not match X'{crc:08X}': first block damaged",
                be32(b, 60)
            );
        }
        let Some(kind) = DsKind::from_code(b[13]) else {
            icl_bail!("ICL393E", "data set organisation code {} is unknown", b[13]);
        };
        let name = |r: &[u8], what: &str| -> Result<String> {
            let s = ebcdic::decode_trim(r);
            check_name(what, &s, 8).map_err(|e| icl!("ICL393E", "header: {}", e.text))?;
            Ok(s)
        };
        let created = ReconTime::from_packed(&b[32..40]).map_err(|e| icl!("ICL393E", "header: {}", e.text))?;
        let area = (kind == DsKind::DedbArea).then(|| AreaGeometry {
            ci_size: be32(b, 64),
            uow_cis: be16(b, 68),
            uow_overflow: be16(b, 70),
            root_uows: be32(b, 72),
            root_overflow: be32(b, 76),
        });
        let h = DsHeader {
            partition_id: be16(b, 0),
            reorg: be16(b, 2),
            kind,
            dsid: be16(b, 14),
            dbd: name(&b[16..24], "DBD name")?,
            ddn: name(&b[24..32], "DD name")?,
            created,
            record_count: be32(b, 40),
            block_size: be32(b, 44),
            block_count: be32(b, 48),
            seed: u64::from_be_bytes([b[52], b[53], b[54], b[55], b[56], b[57], b[58], b[59]]),
            area,
        };
        if !(MIN_BLOCK..=MAX_BLOCK).contains(&h.block_size) {
            icl_bail!(
                "ICL393E",
                "header block size {} is outside {MIN_BLOCK}-{MAX_BLOCK}",
                h.block_size
            );
        }
        Ok(h)
    }
}
