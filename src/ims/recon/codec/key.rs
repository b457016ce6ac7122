//! The 32-byte RECON record key and the record type codes.
//!
//! ```text
//! off len
//!  0   8  name 1: DBD (or partition) name, EBCDIC, blank padded;
//!         X'00'x8 for the header; X'FF'x7 + class byte for records no
//!         database owns (logs, subsystems, CA groups), so they sort after
//!         every database, grouped by class
//!  8   8  name 2: DD or area name | SSID | CA group name; blanks if none
//! 16   1  record type code
//! 17   8  qualifier: packed time stamp (ALLOC/IMAGE/REORG/RECOV/CA/logs),
//!         ADDN in EBCDIC (ADS), else X'00'
//! 25   4  sequence number (u32 BE) that keeps equal keys apart
//! 29   3  reserved, X'00'
//! ```
//! Type codes are chosen so that a database's records list in LIST.RECON
//! order: DB, then per DD name the DBDS/AREA, ADS, ALLOC, IMAGE, REORG, RECOV.

use crate::dasd::ebcdic;
use crate::ims::recon::names::check_name;
use crate::ims::recon::time::{ReconTime, hex};
use crate::msg::Result;
use crate::{icl, icl_bail};

pub const KEY_LEN: usize = 32;

/// Record type codes (key byte 16 and body byte 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum RecType {
    Header = 0x01,
    Db = 0x10,
    Dbds = 0x20,
    Area = 0x21,
    Ads = 0x22,
    Alloc = 0x30,
    Image = 0x31,
    Reorg = 0x32,
    Recov = 0x33,
    Cagrp = 0x40,
    Ca = 0x41,
    Priold = 0x50,
    Secold = 0x51,
    Prilog = 0x52,
    Seclog = 0x53,
    Prisld = 0x54,
    Secsld = 0x55,
    Ssys = 0x60,
    Backout = 0x61,
}

impl RecType {
    pub fn from_code(c: u8) -> Option<RecType> {
        use RecType::*;
        Some(match c {
            0x01 => Header,
            0x10 => Db,
            0x20 => Dbds,
            0x21 => Area,
            0x22 => Ads,
            0x30 => Alloc,
            0x31 => Image,
            0x32 => Reorg,
            0x33 => Recov,
            0x40 => Cagrp,
            0x41 => Ca,
            0x50 => Priold,
            0x51 => Secold,
            0x52 => Prilog,
            0x53 => Seclog,
            0x54 => Prisld,
            0x55 => Secsld,
            0x60 => Ssys,
            0x61 => Backout,
            _ => return None,
        })
    }

    /// Records keyed by database name (as opposed to system records).
    pub fn is_database(self) -> bool {
        (0x10..0x40).contains(&(self as u8))
    }

    /// Class byte of a system record's name 1 (CA files with its CAGRP).
    fn class(self) -> u8 {
        match self {
            RecType::Ca => RecType::Cagrp as u8,
            t => t as u8,
        }
    }
}

/// The decoded parts of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub rtype: RecType,
    /// DBD name for database records, empty otherwise.
    pub name1: String,
    /// DDN/area, SSID or group name; empty if blank.
    pub name2: String,
    pub qualifier: [u8; 8],
    pub seq: u32,
}

impl Key {
    pub fn new(rtype: RecType, name1: &str, name2: &str, qualifier: [u8; 8]) -> Key {
        Key {
            rtype,
            name1: name1.to_string(),
            name2: name2.to_string(),
            qualifier,
            seq: 0,
        }
    }

    pub fn timed(rtype: RecType, name1: &str, name2: &str, t: ReconTime) -> Key {
        Key::new(rtype, name1, name2, t.to_packed())
    }

    /// The 32 key bytes.
    pub fn to_bytes(&self) -> [u8; KEY_LEN] {
        let mut k = [0u8; KEY_LEN];
        match self.rtype {
            RecType::Header => {}
            t if t.is_database() => {
                k[0..8].copy_from_slice(&ebcdic::encode_padded(&self.name1, 8));
                k[8..16].copy_from_slice(&ebcdic::encode_padded(&self.name2, 8));
            }
            t => {
                k[0..7].fill(0xFF);
                k[7] = t.class();
                k[8..16].copy_from_slice(&ebcdic::encode_padded(&self.name2, 8));
            }
        }
        k[16] = self.rtype as u8;
        k[17..25].copy_from_slice(&self.qualifier);
        k[25..29].copy_from_slice(&self.seq.to_be_bytes());
        k
    }

    /// Parse and validate key bytes (exactly 32).
    pub fn parse(k: &[u8]) -> Result<Key> {
        if k.len() != KEY_LEN {
            icl_bail!("ICL355E", "RECON key has {} bytes, expected {KEY_LEN}", k.len());
        }
        let Some(rtype) = RecType::from_code(k[16]) else {
            icl_bail!(
                "ICL357E",
                "record type X'{:02X}' in key X'{}' is unknown",
                k[16],
                hex(k)
            );
        };
        let bad = |why: &str| icl!("ICL371E", "{why} in {rtype:?} key X'{}'", hex(k));
        if k[29..32].iter().any(|&b| b != 0) {
            return Err(bad("reserved bytes not zero"));
        }
        let (name1, name2) = match rtype {
            RecType::Header => {
                if k[0..16].iter().any(|&b| b != 0) {
                    return Err(bad("names not X'00'"));
                }
                (String::new(), String::new())
            }
            t if t.is_database() => {
                let n1 = key_name(&k[0..8], "DBD name")?;
                let n2 = if t == RecType::Db {
                    if k[8..16].iter().any(|&b| b != ebcdic::BLANK) {
                        return Err(bad("DD name in a DB key"));
                    }
                    String::new()
                } else {
                    key_name(&k[8..16], "DD or area name")?
                };
                (n1, n2)
            }
            t => {
                if k[0..7].iter().any(|&b| b != 0xFF) || k[7] != t.class() {
                    return Err(bad("class bytes wrong"));
                }
                (String::new(), key_name(&k[8..16], "owner name")?)
            }
        };
        let mut qualifier = [0u8; 8];
        qualifier.copy_from_slice(&k[17..25]);
        let mut seq = [0u8; 4];
        seq.copy_from_slice(&k[25..29]);
        Ok(Key {
            rtype,
            name1,
            name2,
            qualifier,
            seq: u32::from_be_bytes(seq),
        })
    }

    /// The qualifier as a time stamp.
    pub fn time(&self) -> Result<ReconTime> {
        ReconTime::from_packed(&self.qualifier)
    }

    /// The qualifier as an 8-byte EBCDIC name (ADDN).
    pub fn qualifier_name(&self, what: &str) -> Result<String> {
        key_name(&self.qualifier, what)
    }
}

/// An 8-byte blank-padded EBCDIC name from a key, validated.
fn key_name(b: &[u8], what: &str) -> Result<String> {
    let end = b.iter().rposition(|&x| x != ebcdic::BLANK).map_or(0, |p| p + 1);
    let s = ebcdic::decode(&b[..end]);
    // check_name rejects NULs and blanks inside the name, so a damaged key
    // never becomes a strange-looking name.
    check_name(what, &s, 8)?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let k = Key::new(RecType::Dbds, "CUSTDB", "CUSTDD1", [0; 8]).to_bytes();
        assert_eq!(&k[0..6], &ebcdic::encode("CUSTDB")[..]);
        assert_eq!(k[6], 0x40);
        assert_eq!(k[16], 0x20);
        let back = Key::parse(&k).unwrap();
        assert_eq!(back.name1, "CUSTDB");
        assert_eq!(back.name2, "CUSTDD1");
        let s = Key::new(RecType::Ssys, "", "IMSP", [0; 8]).to_bytes();
        assert_eq!(&s[0..8], &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x60]);
        assert!(Key::new(RecType::Header, "", "", [0; 8]).to_bytes() < k);
        assert!(k < s);
    }

    #[test]
    fn bad_keys() {
        assert_eq!(Key::parse(&[0; 5]).unwrap_err().id, "ICL355E");
        let mut k = Key::new(RecType::Db, "CUSTDB", "", [0; 8]).to_bytes();
        k[16] = 0x99;
        assert_eq!(Key::parse(&k).unwrap_err().id, "ICL357E");
        let mut k = Key::new(RecType::Db, "CUSTDB", "", [0; 8]).to_bytes();
        k[0] = 0x00;
        assert_eq!(Key::parse(&k).unwrap_err().id, "ICL353E");
        let mut k = Key::new(RecType::Db, "CUSTDB", "", [0; 8]).to_bytes();
        k[31] = 1;
        assert_eq!(Key::parse(&k).unwrap_err().id, "ICL371E");
    }
}
