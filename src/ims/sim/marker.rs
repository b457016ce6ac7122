//! The workload's consistency marker: an update sequence number in the
//! first block of every data set of a database (docs/formats.md §8).
//!
//! ```text
//! off len
//! 80   8  update sequence (u64 BE): the workload update that last touched
//!         the database when this data set was written
//! 88   4  CRC-32 of bytes 80-87 (a torn or foreign value shows as damage)
//! 92   4  X'00'
//! ```
//! Sixteen zero bytes mean "never updated" (sequence 0): what the
//! generator writes. Every update writes the same new sequence into every
//! data set of the database and of its indexes, so a copy taken at a
//! consistency point has one sequence everywhere, and a fuzzy copy may not.

use crate::ims::dbdata::header::HEADER_LEN;
use crate::ims::dbdata::prng::crc32;
use crate::{Result, icl_bail};

/// Offset of the marker in the first block (right after the header).
pub const MARKER_OFF: usize = HEADER_LEN;
pub const MARKER_LEN: usize = 16;

/// The update sequence in a first block.
pub fn read(first: &[u8]) -> Result<u64> {
    let Some(m) = first.get(MARKER_OFF..MARKER_OFF + MARKER_LEN) else {
        icl_bail!(
            "ICL538E",
            "first block of {} bytes has no room for the update marker",
            first.len()
        );
    };
    if m.iter().all(|&b| b == 0) {
        return Ok(0);
    }
    let seq = u64::from_be_bytes([m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]]);
    let crc = u32::from_be_bytes([m[8], m[9], m[10], m[11]]);
    if crc != crc32(&m[..8]) || m[12..].iter().any(|&b| b != 0) {
        icl_bail!("ICL538E", "update marker X'{}' is damaged", hex(m));
    }
    Ok(seq)
}

/// Set the update sequence in a first block (at least [`MARKER_OFF`] +
/// [`MARKER_LEN`] bytes; block sizes start at 512).
pub fn write(first: &mut [u8], seq: u64) -> Result<()> {
    let Some(m) = first.get_mut(MARKER_OFF..MARKER_OFF + MARKER_LEN) else {
        icl_bail!("ICL538E", "first block is too short for the update marker");
    };
    m.fill(0);
    if seq != 0 {
        m[..8].copy_from_slice(&seq.to_be_bytes());
        let crc = crc32(&m[..8]);
        m[8..12].copy_from_slice(&crc.to_be_bytes());
    }
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut b = vec![0u8; 512];
        assert_eq!(read(&b).unwrap(), 0);
        write(&mut b, 42).unwrap();
        assert_eq!(read(&b).unwrap(), 42);
        b[MARKER_OFF + 3] ^= 1;
        assert_eq!(read(&b).unwrap_err().id, "ICL538E");
        write(&mut b, 0).unwrap();
        assert!(b.iter().all(|&x| x == 0));
        assert_eq!(read(&b[..40]).unwrap_err().id, "ICL538E");
    }
}
