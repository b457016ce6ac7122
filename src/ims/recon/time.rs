//! DBRC time stamps: `yy.ddd hh:mm:ss.t` in listings, packed decimal in records.
//!
//! Real RECON time stamps are packed decimal (`yyyydddFhhmmssthmiju` plus a UTC
//! offset). We keep tenths of a second, which is what LIST prints, and store
//! them as an 8-byte packed-decimal number `0yyyydddhhmmsstF` (15 digits and
//! the sign nibble F). Packed decimal with a fixed leading digit compares
//! correctly byte by byte, so time stamps inside RECON keys sort in time order.

use crate::msg::Result;
use crate::{icl, icl_bail};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A point in time as DBRC records it (local time, tenths of a second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReconTime {
    pub year: u16,
    /// Day of the year, 1-366 (Julian date as z/OS people say).
    pub day: u16,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub tenth: u8,
}

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

impl ReconTime {
    /// A validated time stamp.
    pub fn new(year: u16, day: u16, hour: u8, minute: u8, second: u8, tenth: u8) -> Result<Self> {
        let max_day = if is_leap(year) { 366 } else { 365 };
        if !(1900..=2099).contains(&year)
            || !(1..=max_day).contains(&day)
            || hour > 23
            || minute > 59
            || second > 59
            || tenth > 9
        {
            icl_bail!(
                "ICL351E",
                "time stamp {year:04}.{day:03} {hour:02}:{minute:02}:{second:02}.{tenth} is not a valid date and time"
            );
        }
        Ok(ReconTime {
            year,
            day,
            hour,
            minute,
            second,
            tenth,
        })
    }

    /// The 14-digit number `yyyydddhhmmsst`.
    pub fn as_number(&self) -> u64 {
        let mut n = u64::from(self.year);
        n = n * 1000 + u64::from(self.day);
        n = n * 100 + u64::from(self.hour);
        n = n * 100 + u64::from(self.minute);
        n = n * 100 + u64::from(self.second);
        n * 10 + u64::from(self.tenth)
    }

    /// Packed decimal `0yyyydddhhmmsstF` (8 bytes).
    pub fn to_packed(&self) -> [u8; 8] {
        let mut out = [0u8; 8];
        // 15 digits then the sign nibble; digit 0 is the leading zero.
        let digits = format!("0{:014}", self.as_number());
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        for (i, byte) in out.iter_mut().enumerate() {
            let hi = d[2 * i];
            let lo = if i == 7 { 0x0F } else { d[2 * i + 1] };
            *byte = (hi << 4) | lo;
        }
        out
    }

    /// Decode the packed form; bad digits, sign or dates give ICL352E.
    pub fn from_packed(b: &[u8]) -> Result<Self> {
        if b.len() != 8 {
            icl_bail!("ICL352E", "time stamp field has {} bytes, expected 8", b.len());
        }
        let mut n: u64 = 0;
        for (i, &byte) in b.iter().enumerate() {
            let hi = byte >> 4;
            let lo = byte & 0x0F;
            let last = i == 7;
            if hi > 9 || (!last && lo > 9) || (last && lo != 0x0F && lo != 0x0C) {
                icl_bail!("ICL352E", "time stamp X'{}' is not packed decimal", hex(b));
            }
            n = n * 10 + u64::from(hi);
            if !last {
                n = n * 10 + u64::from(lo);
            }
        }
        Self::from_number(n).map_err(|e| icl!("ICL352E", "time stamp X'{}': {}", hex(b), e.text))
    }

    fn from_number(n: u64) -> Result<Self> {
        let tenth = (n % 10) as u8;
        let second = (n / 10 % 100) as u8;
        let minute = (n / 1_000 % 100) as u8;
        let hour = (n / 100_000 % 100) as u8;
        let day = (n / 10_000_000 % 1000) as u16;
        let year = n / 10_000_000_000;
        let year = u16::try_from(year).map_err(|_| icl!("ICL351E", "year {year} out of range"))?;
        Self::new(year, day, hour, minute, second, tenth)
    }

    /// Parse a DBRC time stamp operand such as `'252861200000'`,
    /// `'2025286120000'`, `25.286 12:00:00.0` or `2025.286 12:00:00.0`.
    ///
    /// Punctuation (`. : , blank`) is ignored, as DBRC does. With a period
    /// the year is whatever precedes the first period; without one, up to 12
    /// digits mean a 2-digit year (`yydddhhmmsst`) and 13-14 digits a 4-digit
    /// year. Missing low-order digits are zero. Two-digit years follow the
    /// usual z/OS window: 00-69 = 20xx, 70-99 = 19xx.
    pub fn parse(text: &str) -> Result<Self> {
        let t = text.trim().trim_matches('\'').trim();
        let bad = || icl!("ICL351E", "time stamp '{text}' is not yydddhhmmsst or yyyydddhhmmsst");
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || ".:, ".contains(c)) {
            return Err(bad());
        }
        let year_digits = match t.find('.') {
            Some(p) if p == 2 || p == 4 => p,
            Some(_) => return Err(bad()),
            None => {
                let n = t.chars().filter(char::is_ascii_digit).count();
                if n > 12 { 4 } else { 2 }
            }
        };
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let width = year_digits + 10;
        if digits.len() < year_digits + 3 || digits.len() > width {
            return Err(bad());
        }
        let mut padded = digits.clone();
        while padded.len() < width {
            padded.push('0');
        }
        let n: u64 = padded.parse().map_err(|_| bad())?;
        let n = if year_digits == 2 {
            let yy = n / 10_000_000_000;
            let century = if yy < 70 { 2000 } else { 1900 };
            n + century * 10_000_000_000
        } else {
            n
        };
        Self::from_number(n)
    }

    /// The DBRC operand form `yyyydddhhmmsst` (what GENJCL and our
    /// generated command streams write back).
    pub fn to_operand(&self) -> String {
        format!("{:014}", self.as_number())
    }

    /// Tenths of a second since 1900.001 00:00:00.0 (for clock arithmetic).
    pub fn to_tenths(&self) -> u64 {
        let mut days: u64 = 0;
        for y in 1900..self.year {
            days += if is_leap(y) { 366 } else { 365 };
        }
        days += u64::from(self.day) - 1;
        let secs = days * 86_400 + u64::from(self.hour) * 3600 + u64::from(self.minute) * 60 + u64::from(self.second);
        secs * 10 + u64::from(self.tenth)
    }

    /// Inverse of [`to_tenths`](Self::to_tenths); saturates at 2099.365.
    pub fn from_tenths(t: u64) -> Self {
        let tenth = (t % 10) as u8;
        let mut secs = t / 10;
        let mut days = secs / 86_400;
        secs %= 86_400;
        let mut year = 1900u16;
        loop {
            let len = if is_leap(year) { 366 } else { 365 };
            if days < len || year == 2099 {
                break;
            }
            days -= len;
            year += 1;
        }
        let max_day = if is_leap(year) { 366 } else { 365 };
        let day = (days + 1).min(max_day) as u16;
        ReconTime {
            year,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            tenth,
        }
    }

    /// This time plus `tenths` tenths of a second.
    pub fn plus_tenths(&self, tenths: u64) -> Self {
        Self::from_tenths(self.to_tenths().saturating_add(tenths))
    }
}

impl fmt::Display for ReconTime {
    /// The LIST form `yy.ddd hh:mm:ss.t`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}.{:03} {:02}:{:02}:{:02}.{}",
            self.year % 100,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.tenth
        )
    }
}

pub(crate) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parse_forms() {
        let t = ReconTime::parse("'252861200000'").unwrap();
        assert_eq!(t, ReconTime::new(2025, 286, 12, 0, 0, 0).unwrap());
        assert_eq!(
            ReconTime::parse("25.140 06:00:02.1").unwrap().to_string(),
            "25.140 06:00:02.1"
        );
        assert_eq!(
            ReconTime::parse("2025.140 06:00:02.1").unwrap().to_string(),
            "25.140 06:00:02.1"
        );
        assert_eq!(ReconTime::parse("99001").unwrap().year, 1999);
        assert_eq!(ReconTime::parse("20251400600021").unwrap().second, 2);
        assert!(ReconTime::parse("25400").is_err()); // day 400
        assert!(ReconTime::parse("abc").is_err());
        assert!(ReconTime::parse("").is_err());
        assert!(ReconTime::parse("2.5").is_err());
    }

    #[test]
    fn packed_form() {
        let t = ReconTime::new(2025, 140, 6, 0, 2, 1).unwrap();
        assert_eq!(t.to_packed(), [0x02, 0x02, 0x51, 0x40, 0x06, 0x00, 0x02, 0x1F]);
        assert_eq!(ReconTime::from_packed(&t.to_packed()).unwrap(), t);
        assert!(ReconTime::from_packed(&[0xFF; 8]).is_err());
        assert!(ReconTime::from_packed(&[0; 7]).is_err());
    }

    fn any_time() -> impl Strategy<Value = ReconTime> {
        (1900u16..2100, 1u16..366, 0u8..24, 0u8..60, 0u8..60, 0u8..10)
            .prop_map(|(y, d, h, m, s, t)| ReconTime::new(y, d, h, m, s, t).unwrap())
    }

    proptest! {
        #[test]
        fn packed_round_trip(t in any_time()) {
            prop_assert_eq!(ReconTime::from_packed(&t.to_packed()).unwrap(), t);
        }

        #[test]
        fn packed_sorts_like_time(a in any_time(), b in any_time()) {
            prop_assert_eq!(a.cmp(&b), a.to_packed().cmp(&b.to_packed()));
        }

        #[test]
        fn tenths_round_trip(t in any_time()) {
            prop_assert_eq!(ReconTime::from_tenths(t.to_tenths()), t);
        }

        #[test]
        fn operand_round_trip(t in any_time()) {
            prop_assert_eq!(ReconTime::parse(&t.to_operand()).unwrap(), t);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = ReconTime::parse(&s);
        }

        #[test]
        fn packed_never_panics(b in proptest::collection::vec(any::<u8>(), 0..12)) {
            let _ = ReconTime::from_packed(&b);
        }
    }
}
