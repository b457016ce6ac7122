//! A small deterministic generator (SplitMix64) and FNV-1a for seeding.
//!
//! Own code rather than a crate: sample farms must hold the same bytes for
//! the same seed forever, across builds and dependency upgrades, and the
//! `rand` family does not promise a stable stream between versions. Twenty
//! lines of a published algorithm are easier to freeze than a dependency.

/// SplitMix64 (Steele, Lea, Flood 2014): fast, well mixed, one u64 of state.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// Seed from names and a number, so each data set gets its own stream.
    pub fn for_parts(parts: &[&[u8]], seed: u64) -> Self {
        let mut h = fnv1a(0xcbf2_9ce4_8422_2325, &seed.to_be_bytes());
        for p in parts {
            h = fnv1a(h, p);
            h = fnv1a(h, &[0xFF]); // separator: ("AB","C") differs from ("A","BC")
        }
        SplitMix64(h)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0; 0 gives 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// Pick one element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        v.get(self.below(v.len() as u64) as usize)
    }
}

/// FNV-1a, 64 bit, continuing from `h`.
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// CRC-32 (IEEE, reflected), bitwise: the header is 60 bytes, speed is moot.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Reference outputs of SplitMix64 seeded with 0 and of CRC-32("123456789").
        let mut g = SplitMix64::new(0);
        assert_eq!(g.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_ne!(
            SplitMix64::for_parts(&[b"AB", b"C"], 1).next_u64(),
            SplitMix64::for_parts(&[b"A", b"BC"], 1).next_u64()
        );
    }
}
