//! One CKD track: home address, R0, the records R1..Rn and the end marker.

use super::geometry::{Cchh, EOT, TRACK_CAPACITY, TRACK_IMAGE_LEN, TRACK_PREFIX, record_bytes};
use crate::{Result, icl_bail};

/// One user record (R1..Rn) of a track.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    pub r: u8,
    pub key: Vec<u8>,
    pub data: Vec<u8>,
}

impl Record {
    pub fn new(r: u8, key: Vec<u8>, data: Vec<u8>) -> Self {
        Record { r, key, data }
    }

    /// An end-of-file record: a count with KL = 0 and DL = 0.
    pub fn is_eof(&self) -> bool {
        self.key.is_empty() && self.data.is_empty()
    }

    /// Capacity this record takes under the 3390 placement rule.
    pub fn capacity(&self) -> u32 {
        record_bytes(self.key.len(), self.data.len())
    }
}

/// A parsed track.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Track {
    pub cchh: Cchh,
    pub records: Vec<Record>,
}

impl Track {
    /// An empty (formatted) track: HA, R0 and the end marker.
    pub fn empty(cchh: Cchh) -> Self {
        Track {
            cchh,
            records: Vec::new(),
        }
    }

    /// Parse a track image. `cchh` is the address the track must have: a
    /// home address for another track (or an all-zero hole) is an error,
    /// because every Hercules tool refuses it.
    pub fn parse(buf: &[u8], cchh: Cchh) -> Result<Track> {
        if buf.len() < TRACK_PREFIX + 8 {
            icl_bail!("ICL104E", "track at {cchh} is truncated ({} bytes)", buf.len());
        }
        let ha = Cchh::from_bytes(&buf[1..5]);
        if buf[0] != 0 || ha != cchh {
            icl_bail!(
                "ICL105E",
                "track at {cchh} has a bad home address {:02X?} (unformatted or corrupt track)",
                &buf[0..5]
            );
        }
        // R0: count CCHH 00 00 0008 and eight bytes of data.
        if Cchh::from_bytes(&buf[5..9]) != cchh || buf[10] != 0 || buf[11..13] != [0, 8] {
            icl_bail!("ICL105E", "track at {cchh} has a bad R0 count {:02X?}", &buf[5..13]);
        }
        let mut records = Vec::new();
        let mut p = TRACK_PREFIX;
        loop {
            if p + 8 > buf.len() {
                icl_bail!("ICL106E", "track at {cchh} has no end-of-track marker");
            }
            let count = &buf[p..p + 8];
            if count == EOT {
                break;
            }
            let r = count[4];
            let kl = count[5] as usize;
            let dl = u16::from_be_bytes([count[6], count[7]]) as usize;
            let end = p + 8 + kl + dl;
            if end > buf.len() {
                icl_bail!(
                    "ICL106E",
                    "record {r} on track at {cchh} runs past the end of the track (KL {kl}, DL {dl})"
                );
            }
            records.push(Record {
                r,
                key: buf[p + 8..p + 8 + kl].to_vec(),
                data: buf[p + 8 + kl..end].to_vec(),
            });
            p = end;
        }
        Ok(Track { cchh, records })
    }

    /// Bytes the serialized track uses (up to and including the end marker).
    pub fn image_len(&self) -> usize {
        TRACK_PREFIX
            + self
                .records
                .iter()
                .map(|r| 8 + r.key.len() + r.data.len())
                .sum::<usize>()
            + 8
    }

    /// Serialize HA, R0, records and the end marker (the zero tail is not included).
    pub fn serialize(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.image_len());
        let c = self.cchh.to_bytes();
        out.push(0);
        out.extend_from_slice(&c);
        out.extend_from_slice(&c);
        out.extend_from_slice(&[0, 0, 0, 8]);
        out.extend_from_slice(&[0; 8]);
        for rec in &self.records {
            out.extend_from_slice(&c);
            out.push(rec.r);
            out.push(rec.key.len() as u8);
            out.extend_from_slice(&(rec.data.len() as u16).to_be_bytes());
            out.extend_from_slice(&rec.key);
            out.extend_from_slice(&rec.data);
        }
        out.extend_from_slice(&EOT);
        debug_assert!(out.len() <= TRACK_IMAGE_LEN);
        out
    }

    /// Capacity used by the records on this track.
    pub fn used_capacity(&self) -> u32 {
        self.records.iter().map(Record::capacity).sum()
    }

    /// Would a record of this shape still fit on the track?
    pub fn fits(&self, kl: usize, dl: usize) -> bool {
        self.used_capacity() + record_bytes(kl, dl) <= TRACK_CAPACITY
    }

    /// The record with number `r`, if present.
    pub fn record(&self, r: u8) -> Option<&Record> {
        self.records.iter().find(|rec| rec.r == r)
    }

    pub fn record_mut(&mut self, r: u8) -> Option<&mut Record> {
        self.records.iter_mut().find(|rec| rec.r == r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_track_bytes_match_dasdinit() {
        let t = Track::empty(Cchh::new(1, 1));
        let b = t.serialize();
        assert_eq!(b.len(), 29);
        assert_eq!(&b[0..5], &[0, 0, 1, 0, 1]);
        assert_eq!(&b[5..13], &[0, 1, 0, 1, 0, 0, 0, 8]);
        assert_eq!(&b[21..29], &EOT);
        assert_eq!(Track::parse(&b, Cchh::new(1, 1)).unwrap(), t);
    }

    #[test]
    fn round_trip_with_records_and_eof() {
        let t = Track {
            cchh: Cchh::new(0, 3),
            records: vec![
                Record::new(1, b"KEY".to_vec(), vec![1, 2, 3]),
                Record::new(2, vec![], vec![]),
            ],
        };
        let mut b = t.serialize();
        b.resize(TRACK_IMAGE_LEN, 0);
        assert_eq!(Track::parse(&b, Cchh::new(0, 3)).unwrap(), t);
    }

    #[test]
    fn hole_and_wrong_address_are_errors() {
        let zeros = vec![0u8; TRACK_IMAGE_LEN];
        assert_eq!(Track::parse(&zeros, Cchh::new(0, 5)).unwrap_err().id, "ICL105E");
        assert_eq!(Track::parse(&zeros, Cchh::new(0, 0)).unwrap_err().id, "ICL105E");
        let b = Track::empty(Cchh::new(2, 0)).serialize();
        assert!(Track::parse(&b, Cchh::new(2, 1)).is_err());
        let mut bad = Track::empty(Cchh::new(0, 0)).serialize();
        bad.truncate(25);
        assert!(Track::parse(&bad, Cchh::new(0, 0)).is_err());
    }
}
