//! Track 0: the IPL records and the VOL1 label.

use super::ebcdic;
use super::geometry::Cchhr;
use crate::{Result, icl_bail};

/// The VOL1 label (80 bytes). Unknown bytes are kept as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vol1 {
    raw: [u8; 80],
}

/// Key of the VOL1 record (`VOL1` in EBCDIC).
pub const VOL1_KEY: [u8; 4] = [0xE5, 0xD6, 0xD3, 0xF1];
/// Keys of the IPL records.
pub const IPL1_KEY: [u8; 4] = [0xC9, 0xD7, 0xD3, 0xF1];
pub const IPL2_KEY: [u8; 4] = [0xC9, 0xD7, 0xD3, 0xF2];

/// IPL1 data as dasdinit writes it: a disabled-wait PSW and a NOP CCW.
pub fn ipl1_data() -> Vec<u8> {
    let mut d = vec![
        0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    ];
    d.resize(24, 0);
    d
}

/// IPL2 data: 144 zero bytes (no IPL text).
pub fn ipl2_data() -> Vec<u8> {
    vec![0; 144]
}

/// Is this a valid VOLSER: 1-6 characters A-Z 0-9 $ # @ (national), upper case?
pub fn valid_volser(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 6
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'$' | b'#' | b'@'))
}

/// Check a VOLSER, with a message naming it.
pub fn check_volser(v: &str) -> Result<()> {
    if !valid_volser(v) {
        icl_bail!("ICL111E", "VOLSER '{v}' is invalid (1-6 characters A-Z, 0-9, $, #, @)");
    }
    Ok(())
}

impl Vol1 {
    /// A new label pointing at the VTOC's Format-4.
    pub fn new(volser: &str, vtoc: Cchhr) -> Result<Vol1> {
        check_volser(volser)?;
        let mut raw = [ebcdic::BLANK; 80];
        raw[0..4].copy_from_slice(&VOL1_KEY);
        raw[4..10].copy_from_slice(&ebcdic::encode_padded(volser, 6));
        raw[11..16].copy_from_slice(&vtoc.to_bytes());
        raw[37..51].copy_from_slice(&ebcdic::encode_padded("    HERCULES  ", 14));
        Ok(Vol1 { raw })
    }

    pub fn decode(data: &[u8]) -> Result<Vol1> {
        if data.len() != 80 {
            icl_bail!("ICL112E", "VOL1 label has length {} (must be 80)", data.len());
        }
        if data[0..4] != VOL1_KEY {
            icl_bail!("ICL112E", "track 0 record 3 is not a VOL1 label");
        }
        let mut raw = [0u8; 80];
        raw.copy_from_slice(data);
        Ok(Vol1 { raw })
    }

    pub fn encode(&self) -> [u8; 80] {
        self.raw
    }

    pub fn volser(&self) -> String {
        ebcdic::decode_trim(&self.raw[4..10])
    }

    pub fn set_volser(&mut self, v: &str) -> Result<()> {
        check_volser(v)?;
        self.raw[4..10].copy_from_slice(&ebcdic::encode_padded(v, 6));
        Ok(())
    }

    /// Where the Format-4 DSCB is.
    pub fn vtoc_ptr(&self) -> Cchhr {
        Cchhr::from_bytes(&self.raw[11..16])
    }

    pub fn owner(&self) -> String {
        ebcdic::decode_trim(&self.raw[37..51]).trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_of_ckd_format_md() {
        let v = Vol1::new("TEST01", Cchhr::new(1, 1)).unwrap();
        let hex: String = v.encode().iter().map(|b| format!("{b:02X}")).collect();
        let want = "E5D6D3F1E3C5E2E3F0F1400000000101".to_string()
            + &"40".repeat(21)
            + "40404040C8C5D9C3E4D3C5E24040"
            + &"40".repeat(29);
        assert_eq!(hex, want);
        assert_eq!(v.volser(), "TEST01");
        assert_eq!(v.owner(), "HERCULES");
    }

    #[test]
    fn volsers() {
        assert!(valid_volser("IMSP01"));
        assert!(valid_volser("A"));
        assert!(!valid_volser("imsp01"));
        assert!(!valid_volser("IMSP012"));
        assert!(!valid_volser(""));
        assert_eq!(Vol1::new("a b", Cchhr::new(1, 1)).unwrap_err().id, "ICL111E");
    }
}
