//! 3390 geometry, Hercules image layout constants and the capacity rule.

/// Heads (tracks) per cylinder on a 3390.
pub const HEADS: u32 = 15;
/// Length of one track in a Hercules `CKD_P370` image file.
pub const TRACK_IMAGE_LEN: usize = 56832;
/// The 512-byte device header at the start of every image file.
pub const HEADER_LEN: u64 = 512;
/// Bytes of one cylinder in the image file.
pub const CYL_IMAGE_LEN: u64 = HEADS as u64 * TRACK_IMAGE_LEN as u64;
/// Physical track capacity used by the placement rule (1729 cells x 34).
pub const TRACK_CAPACITY: u32 = 58786;
/// Largest data length of one record on a 3390 track.
pub const MAX_DL: usize = 56664;
/// Largest block size the access methods allow.
pub const MAX_BLKSIZE: usize = 32760;
/// Without `-lfs`, Hercules splits a volume into files of at most this many cylinders.
pub const MAX_CYLS_PER_FILE: u32 = 2519;
/// Device type byte in the image header.
pub const DEVTYPE_3390: u8 = 0x90;
/// Largest cylinder count a 2-byte CC can address.
pub const MAX_CYLS: u32 = 65520;
/// Bytes of the HA + R0 count + R0 data prefix of every track.
pub const TRACK_PREFIX: usize = 21;
/// The end-of-track marker.
pub const EOT: [u8; 8] = [0xFF; 8];

/// Bytes of capacity one record takes on a 3390 track (Hercules `capacity_calc`).
pub fn record_bytes(kl: usize, dl: usize) -> u32 {
    let cells = |len: usize| -> u32 { (len + 6 + 6 * (len + 6).div_ceil(232)).div_ceil(34) as u32 };
    let d = 19 + cells(dl);
    let k = if kl == 0 { 0 } else { 9 + cells(kl) };
    34 * (d + k)
}

/// How many records of this shape fit on one track.
pub fn records_per_track(kl: usize, dl: usize) -> u32 {
    TRACK_CAPACITY / record_bytes(kl, dl)
}

/// The nominal model cylinder count Hercules records in DS4HCCHH.
pub fn nominal_model_cyls(cyls: u32) -> u32 {
    [1113u32, 2226, 3339, 10017, 32760, 65520]
        .into_iter()
        .find(|&m| cyls <= m + 1)
        .unwrap_or(cyls)
}

/// A cylinder-head address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Cchh {
    pub cyl: u16,
    pub head: u16,
}

impl Cchh {
    pub fn new(cyl: u16, head: u16) -> Self {
        Cchh { cyl, head }
    }

    /// From an absolute track number.
    pub fn from_track(t: u32) -> Self {
        Cchh {
            cyl: (t / HEADS) as u16,
            head: (t % HEADS) as u16,
        }
    }

    /// The absolute track number.
    pub fn track(self) -> u32 {
        self.cyl as u32 * HEADS + self.head as u32
    }

    pub fn to_bytes(self) -> [u8; 4] {
        let c = self.cyl.to_be_bytes();
        let h = self.head.to_be_bytes();
        [c[0], c[1], h[0], h[1]]
    }

    pub fn from_bytes(b: &[u8]) -> Self {
        Cchh {
            cyl: u16::from_be_bytes([b[0], b[1]]),
            head: u16::from_be_bytes([b[2], b[3]]),
        }
    }
}

impl std::fmt::Display for Cchh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cyl {} head {}", self.cyl, self.head)
    }
}

/// A record address: track and record number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cchhr {
    pub cchh: Cchh,
    pub r: u8,
}

impl Cchhr {
    pub fn new(track: u32, r: u8) -> Self {
        Cchhr {
            cchh: Cchh::from_track(track),
            r,
        }
    }

    pub fn to_bytes(self) -> [u8; 5] {
        let c = self.cchh.to_bytes();
        [c[0], c[1], c[2], c[3], self.r]
    }

    pub fn from_bytes(b: &[u8]) -> Self {
        Cchhr {
            cchh: Cchh::from_bytes(&b[0..4]),
            r: b[4],
        }
    }

    pub fn is_zero(self) -> bool {
        self == Cchhr::default()
    }
}

/// A relative track address within a data set (TT) and record number (R).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ttr {
    pub tt: u16,
    pub r: u8,
}

impl Ttr {
    pub fn new(tt: u16, r: u8) -> Self {
        Ttr { tt, r }
    }

    pub fn to_bytes(self) -> [u8; 3] {
        let t = self.tt.to_be_bytes();
        [t[0], t[1], self.r]
    }

    pub fn from_bytes(b: &[u8]) -> Self {
        Ttr {
            tt: u16::from_be_bytes([b[0], b[1]]),
            r: b[2],
        }
    }
}

impl std::fmt::Display for Ttr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04X}{:02X}", self.tt, self.r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_table_of_ckd_format_md() {
        // Rows of the table in CKD-FORMAT.md section 1.5.
        for (kl, dl, per) in [
            (0, 80, 78),
            (0, 800, 39),
            (0, 3120, 15),
            (0, 4096, 12),
            (0, 6144, 8),
            (0, 8906, 6),
            (0, 13682, 4),
            (0, 18452, 3),
            (0, 23476, 2),
            (0, 27998, 2),
            (0, 27999, 1),
            (0, 32760, 1),
            (44, 96, 50),
            (8, 256, 45),
            (0, 56664, 1),
        ] {
            assert_eq!(records_per_track(kl, dl), per, "kl {kl} dl {dl}");
        }
        assert_eq!(record_bytes(0, 0), 680);
        assert_eq!(record_bytes(0, 56664), TRACK_CAPACITY);
    }

    #[test]
    fn addresses() {
        assert_eq!(Cchh::from_track(16), Cchh::new(1, 1));
        assert_eq!(Cchh::new(1, 1).track(), 16);
        assert_eq!(Cchhr::new(1, 1).to_bytes(), [0, 0, 0, 1, 1]);
        assert_eq!(nominal_model_cyls(10), 1113);
        assert_eq!(nominal_model_cyls(2000), 2226);
    }
}
