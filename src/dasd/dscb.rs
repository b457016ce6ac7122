//! Data set control blocks: the 140-byte records (44-byte key + 96 bytes of
//! data) of the VTOC. Format-1/3/4/5 are decoded field by field; the
//! encoders write every byte back, so decode -> encode is the identity.

use super::dates::JulianDate;
use super::ebcdic;
use super::geometry::{Cchh, Cchhr, HEADS, Ttr};
use crate::{Result, icl_bail};

/// Length of one DSCB (key + data).
pub const DSCB_LEN: usize = 140;
/// Key length of every DSCB.
pub const DSCB_KL: usize = 44;
/// Data length of every DSCB.
pub const DSCB_DL: usize = 96;

/// One extent descriptor (10 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Extent {
    /// `01` data, `81` data on cylinder boundaries, `40` user labels, `00` unused.
    pub kind: u8,
    pub seq: u8,
    pub begin: Cchh,
    /// Inclusive.
    pub end: Cchh,
}

impl Extent {
    /// An extent over absolute tracks `first..=last`.
    pub fn of_tracks(first: u32, last: u32, seq: u8) -> Extent {
        let begin = Cchh::from_track(first);
        let end = Cchh::from_track(last);
        let cyl_aligned = begin.head == 0 && end.head as u32 == HEADS - 1;
        Extent {
            kind: if cyl_aligned { 0x81 } else { 0x01 },
            seq,
            begin,
            end,
        }
    }

    pub fn is_used(&self) -> bool {
        self.kind != 0
    }

    pub fn first_track(&self) -> u32 {
        self.begin.track()
    }

    pub fn last_track(&self) -> u32 {
        self.end.track()
    }

    /// Number of tracks (0 for a malformed extent whose end precedes its begin).
    pub fn tracks(&self) -> u32 {
        (self.last_track() + 1).saturating_sub(self.first_track())
    }

    pub fn decode(b: &[u8]) -> Extent {
        Extent {
            kind: b[0],
            seq: b[1],
            begin: Cchh::from_bytes(&b[2..6]),
            end: Cchh::from_bytes(&b[6..10]),
        }
    }

    pub fn encode(&self) -> [u8; 10] {
        let mut o = [0u8; 10];
        o[0] = self.kind;
        o[1] = self.seq;
        o[2..6].copy_from_slice(&self.begin.to_bytes());
        o[6..10].copy_from_slice(&self.end.to_bytes());
        o
    }
}

/// DS1DSORG values.
pub mod dsorg {
    pub const PS: u16 = 0x4000;
    pub const PO: u16 = 0x0200;
    pub const DA: u16 = 0x2000;
    pub const IS: u16 = 0x8000;
    pub const VSAM: u16 = 0x0008;
}

/// DS1RECFM bits.
pub mod recfm {
    pub const F: u8 = 0x80;
    pub const V: u8 = 0x40;
    pub const U: u8 = 0xC0;
    pub const T: u8 = 0x20;
    pub const B: u8 = 0x10;
    pub const S: u8 = 0x08;
    pub const A: u8 = 0x04;
    pub const M: u8 = 0x02;
}

/// Format-1: one per data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format1 {
    pub dsname: [u8; 44],
    pub dssn: [u8; 6],
    pub volsq: u16,
    pub credt: [u8; 3],
    pub expdt: [u8; 3],
    pub noepv: u8,
    pub nobdb: u8,
    pub flag1: u8,
    pub syscd: [u8; 13],
    pub refd: [u8; 3],
    pub smsfg: [u8; 4],
    pub dsorg: u16,
    pub recfm: u8,
    pub optcd: u8,
    pub blkl: u16,
    pub lrecl: u16,
    pub keyl: u8,
    pub rkp: u16,
    pub dsind: u8,
    pub scalo: [u8; 4],
    pub lstar: Ttr,
    pub trbal: u16,
    pub resv: [u8; 2],
    pub ext: [Extent; 3],
    pub ptrds: Cchhr,
}

/// Format-3: extents 4..16 of a data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format3 {
    /// `03030303` as written; kept as read.
    pub key_id: [u8; 4],
    pub ext: [Extent; 13],
    pub ptrds: Cchhr,
}

/// Format-4: the VTOC descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format4 {
    /// 44 x `04` as written (dasdseq checks it); kept as read.
    pub key: [u8; 44],
    pub hpchr: Cchhr,
    pub dsrec: u16,
    pub hcchh: [u8; 4],
    pub noatk: u16,
    pub vtoci: u8,
    pub noext: u8,
    pub smsfg: u8,
    pub devac: u8,
    pub dscyl: u16,
    pub dstrk: u16,
    pub devtk: u16,
    pub devi: u8,
    pub devl: u8,
    pub devk: u8,
    pub devfg: u8,
    pub devtl: u16,
    pub devdt: u8,
    pub devdb: u8,
    pub misc: [u8; 29],
    pub vtoce: Extent,
    pub resv: [u8; 25],
}

/// A decoded DSCB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dscb {
    /// A free slot (all zeros).
    Free,
    F1(Box<Format1>),
    F3(Box<Format3>),
    F4(Box<Format4>),
    /// Format-5 (free space) and anything else, kept as raw bytes.
    Other(Box<[u8; DSCB_LEN]>),
}

impl Dscb {
    /// Decode a DSCB from its 44-byte key and 96-byte data.
    pub fn decode(key: &[u8], data: &[u8]) -> Result<Dscb> {
        if key.len() != DSCB_KL || data.len() != DSCB_DL {
            icl_bail!(
                "ICL110E",
                "VTOC record has KL {} DL {} (a DSCB is KL 44 DL 96)",
                key.len(),
                data.len()
            );
        }
        let mut b = [0u8; DSCB_LEN];
        b[..44].copy_from_slice(key);
        b[44..].copy_from_slice(data);
        Ok(match b[44] {
            0x00 if b.iter().all(|&x| x == 0) => Dscb::Free,
            0xF1 => Dscb::F1(Box::new(Format1::decode(&b))),
            0xF3 => Dscb::F3(Box::new(Format3::decode(&b))),
            0xF4 => Dscb::F4(Box::new(Format4::decode(&b))),
            _ => Dscb::Other(Box::new(b)),
        })
    }

    pub fn encode(&self) -> [u8; DSCB_LEN] {
        match self {
            Dscb::Free => [0; DSCB_LEN],
            Dscb::F1(f) => f.encode(),
            Dscb::F3(f) => f.encode(),
            Dscb::F4(f) => f.encode(),
            Dscb::Other(b) => **b,
        }
    }
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn arr<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}

impl Format1 {
    /// A new F1 with the given name and volser and the defaults dasdload uses.
    pub fn new(dsn: &str, volser: &str, created: JulianDate) -> Format1 {
        Format1 {
            dsname: arr(&ebcdic::encode_padded(dsn, 44)),
            dssn: arr(&ebcdic::encode_padded(volser, 6)),
            volsq: 1,
            credt: created.to_dscb(),
            expdt: [0; 3],
            noepv: 0,
            nobdb: 0,
            flag1: 0,
            syscd: arr(&ebcdic::encode_padded("IMSCLONE", 13)),
            refd: [0; 3],
            smsfg: [0; 4],
            dsorg: dsorg::PS,
            recfm: recfm::F | recfm::B,
            optcd: 0,
            blkl: 0,
            lrecl: 0,
            keyl: 0,
            rkp: 0,
            dsind: 0x80,
            scalo: [0x80, 0, 0, 0],
            lstar: Ttr::default(),
            trbal: 0,
            resv: [0; 2],
            ext: [Extent::default(); 3],
            ptrds: Cchhr::default(),
        }
    }

    pub fn decode(b: &[u8; DSCB_LEN]) -> Format1 {
        Format1 {
            dsname: arr(&b[0..44]),
            dssn: arr(&b[45..51]),
            volsq: be16(&b[51..53]),
            credt: arr(&b[53..56]),
            expdt: arr(&b[56..59]),
            noepv: b[59],
            nobdb: b[60],
            flag1: b[61],
            syscd: arr(&b[62..75]),
            refd: arr(&b[75..78]),
            smsfg: arr(&b[78..82]),
            dsorg: be16(&b[82..84]),
            recfm: b[84],
            optcd: b[85],
            blkl: be16(&b[86..88]),
            lrecl: be16(&b[88..90]),
            keyl: b[90],
            rkp: be16(&b[91..93]),
            dsind: b[93],
            scalo: arr(&b[94..98]),
            lstar: Ttr::from_bytes(&b[98..101]),
            trbal: be16(&b[101..103]),
            resv: arr(&b[103..105]),
            ext: [
                Extent::decode(&b[105..115]),
                Extent::decode(&b[115..125]),
                Extent::decode(&b[125..135]),
            ],
            ptrds: Cchhr::from_bytes(&b[135..140]),
        }
    }

    pub fn encode(&self) -> [u8; DSCB_LEN] {
        let mut b = [0u8; DSCB_LEN];
        b[0..44].copy_from_slice(&self.dsname);
        b[44] = 0xF1;
        b[45..51].copy_from_slice(&self.dssn);
        b[51..53].copy_from_slice(&self.volsq.to_be_bytes());
        b[53..56].copy_from_slice(&self.credt);
        b[56..59].copy_from_slice(&self.expdt);
        b[59] = self.noepv;
        b[60] = self.nobdb;
        b[61] = self.flag1;
        b[62..75].copy_from_slice(&self.syscd);
        b[75..78].copy_from_slice(&self.refd);
        b[78..82].copy_from_slice(&self.smsfg);
        b[82..84].copy_from_slice(&self.dsorg.to_be_bytes());
        b[84] = self.recfm;
        b[85] = self.optcd;
        b[86..88].copy_from_slice(&self.blkl.to_be_bytes());
        b[88..90].copy_from_slice(&self.lrecl.to_be_bytes());
        b[90] = self.keyl;
        b[91..93].copy_from_slice(&self.rkp.to_be_bytes());
        b[93] = self.dsind;
        b[94..98].copy_from_slice(&self.scalo);
        b[98..101].copy_from_slice(&self.lstar.to_bytes());
        b[101..103].copy_from_slice(&self.trbal.to_be_bytes());
        b[103..105].copy_from_slice(&self.resv);
        for (i, e) in self.ext.iter().enumerate() {
            b[105 + 10 * i..115 + 10 * i].copy_from_slice(&e.encode());
        }
        b[135..140].copy_from_slice(&self.ptrds.to_bytes());
        b
    }

    /// The data set name (trailing blanks removed).
    pub fn name(&self) -> String {
        ebcdic::decode_trim(&self.dsname)
    }

    pub fn volser(&self) -> String {
        ebcdic::decode_trim(&self.dssn)
    }

    pub fn created(&self) -> Option<JulianDate> {
        JulianDate::from_dscb(&self.credt)
    }
}

impl Format3 {
    pub fn decode(b: &[u8; DSCB_LEN]) -> Format3 {
        let mut ext = [Extent::default(); 13];
        for (i, e) in ext.iter_mut().enumerate() {
            let off = if i < 4 { 4 + 10 * i } else { 45 + 10 * (i - 4) };
            *e = Extent::decode(&b[off..off + 10]);
        }
        Format3 {
            key_id: arr(&b[0..4]),
            ext,
            ptrds: Cchhr::from_bytes(&b[135..140]),
        }
    }

    pub fn encode(&self) -> [u8; DSCB_LEN] {
        let mut b = [0u8; DSCB_LEN];
        b[0..4].copy_from_slice(&self.key_id);
        b[44] = 0xF3;
        for (i, e) in self.ext.iter().enumerate() {
            let off = if i < 4 { 4 + 10 * i } else { 45 + 10 * (i - 4) };
            b[off..off + 10].copy_from_slice(&e.encode());
        }
        b[135..140].copy_from_slice(&self.ptrds.to_bytes());
        b
    }
}

impl Format4 {
    pub fn decode(b: &[u8; DSCB_LEN]) -> Format4 {
        Format4 {
            key: arr(&b[0..44]),
            hpchr: Cchhr::from_bytes(&b[45..50]),
            dsrec: be16(&b[50..52]),
            hcchh: arr(&b[52..56]),
            noatk: be16(&b[56..58]),
            vtoci: b[58],
            noext: b[59],
            smsfg: b[60],
            devac: b[61],
            dscyl: be16(&b[62..64]),
            dstrk: be16(&b[64..66]),
            devtk: be16(&b[66..68]),
            devi: b[68],
            devl: b[69],
            devk: b[70],
            devfg: b[71],
            devtl: be16(&b[72..74]),
            devdt: b[74],
            devdb: b[75],
            misc: arr(&b[76..105]),
            vtoce: Extent::decode(&b[105..115]),
            resv: arr(&b[115..140]),
        }
    }

    pub fn encode(&self) -> [u8; DSCB_LEN] {
        let mut b = [0u8; DSCB_LEN];
        b[0..44].copy_from_slice(&self.key);
        b[44] = 0xF4;
        b[45..50].copy_from_slice(&self.hpchr.to_bytes());
        b[50..52].copy_from_slice(&self.dsrec.to_be_bytes());
        b[52..56].copy_from_slice(&self.hcchh);
        b[56..58].copy_from_slice(&self.noatk.to_be_bytes());
        b[58] = self.vtoci;
        b[59] = self.noext;
        b[60] = self.smsfg;
        b[61] = self.devac;
        b[62..64].copy_from_slice(&self.dscyl.to_be_bytes());
        b[64..66].copy_from_slice(&self.dstrk.to_be_bytes());
        b[66..68].copy_from_slice(&self.devtk.to_be_bytes());
        b[68] = self.devi;
        b[69] = self.devl;
        b[70] = self.devk;
        b[71] = self.devfg;
        b[72..74].copy_from_slice(&self.devtl.to_be_bytes());
        b[74] = self.devdt;
        b[75] = self.devdb;
        b[76..105].copy_from_slice(&self.misc);
        b[105..115].copy_from_slice(&self.vtoce.encode());
        b[115..140].copy_from_slice(&self.resv);
        b
    }
}

/// An empty Format-5 (free space is not kept: DS4VTOCI `80` tells z/OS to
/// rebuild it, exactly as dasdload does).
pub fn empty_format5() -> [u8; DSCB_LEN] {
    let mut b = [0u8; DSCB_LEN];
    b[0..4].copy_from_slice(&[5; 4]);
    b[44] = 0xF5;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_example_of_ckd_format_md() {
        // F1 of MY.TEXT.FB as dasdload wrote it (CKD-FORMAT.md 3.4).
        let hex = "D4E84BE3C5E7E34BC6C2".to_string()
            + &"40".repeat(34)
            + "F1E3C5E2E3F0F100017E014A0000000130"
            + "00C8C5D9C3E4D3C5E24040404040"
            + "000000000000004000900003200050000000A08000000100000BA88A0000"
            + "01000000000300000004"
            + &"00".repeat(20)
            + "0000000000";
        let b: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
        assert_eq!(b.len(), 140);
        let d = Dscb::decode(&b[..44], &b[44..]).unwrap();
        let Dscb::F1(f1) = &d else { panic!("not F1") };
        assert_eq!(f1.name(), "MY.TEXT.FB");
        assert_eq!(f1.volser(), "TEST01");
        assert_eq!(f1.blkl, 800);
        assert_eq!(f1.lrecl, 80);
        assert_eq!(f1.lstar, Ttr::new(0, 0x0B));
        assert_eq!(f1.trbal, 0xA88A);
        assert_eq!(f1.ext[0].tracks(), 2);
        assert_eq!(f1.ext[0].begin, Cchh::new(0, 3));
        assert_eq!(d.encode().to_vec(), b);
    }

    #[test]
    fn extent_kinds() {
        assert_eq!(Extent::of_tracks(15, 29, 0).kind, 0x81);
        assert_eq!(Extent::of_tracks(16, 29, 0).kind, 0x01);
        assert_eq!(Extent::of_tracks(16, 29, 0).tracks(), 14);
    }
}
