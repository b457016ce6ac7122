//! Dates as DSCBs store them (`yy dddd`: year - 1900, 1-based day of year)
//! and the process clock, which honours `SOURCE_DATE_EPOCH` so that farms
//! built by tests and samples are byte-reproducible.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date as year and 1-based day of year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct JulianDate {
    pub year: u16,
    pub day: u16,
}

impl JulianDate {
    /// DSCB form; `000000` means "no date".
    pub fn to_dscb(self) -> [u8; 3] {
        if self.year < 1900 {
            return [0; 3];
        }
        let d = self.day.to_be_bytes();
        [(self.year - 1900).min(255) as u8, d[0], d[1]]
    }

    pub fn from_dscb(b: &[u8]) -> Option<JulianDate> {
        if b[..3] == [0, 0, 0] {
            return None;
        }
        Some(JulianDate {
            year: 1900 + b[0] as u16,
            day: u16::from_be_bytes([b[1], b[2]]),
        })
    }

    /// `yyddd`, as dasdls prints it.
    pub fn yyddd(self) -> String {
        format!("{:02}{:03}", self.year % 100, self.day)
    }

    /// `yyyy/mm/dd`, as ISPF shows dates.
    pub fn iso(self) -> String {
        let (m, d) = month_day(self.year, self.day);
        format!("{:04}/{:02}/{:02}", self.year, m, d)
    }
}

pub fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// Day of the year (1-based) of a calendar date; `None` when invalid.
pub fn day_of_year(y: u16, m: u16, d: u16) -> Option<u16> {
    let lens = [
        31,
        if is_leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if m == 0 || m > 12 || d == 0 || d > lens[m as usize - 1] {
        return None;
    }
    Some(lens[..m as usize - 1].iter().sum::<u16>() + d)
}

fn month_day(year: u16, day: u16) -> (u16, u16) {
    let lens = [
        31,
        if is_leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut d = day.max(1);
    for (i, &l) in lens.iter().enumerate() {
        if d <= l {
            return (i as u16 + 1, d);
        }
        d -= l;
    }
    (12, 31)
}

/// A wall-clock instant broken down (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: JulianDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub tenth: u8,
}

/// Seconds since the epoch: `SOURCE_DATE_EPOCH` when set (reproducible
/// farms), else the system clock.
pub fn epoch_seconds() -> u64 {
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH")
        && let Some(s) = v.to_str().and_then(|s| s.trim().parse::<u64>().ok())
    {
        return s;
    }
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Break epoch seconds into a UTC stamp.
pub fn stamp_of(secs: u64) -> Stamp {
    let days = secs / 86400;
    let rem = secs % 86400;
    let mut year = 1970u16;
    let mut d = days;
    loop {
        let len = if is_leap(year) { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        year += 1;
    }
    Stamp {
        date: JulianDate {
            year,
            day: d as u16 + 1,
        },
        hour: (rem / 3600) as u8,
        minute: (rem % 3600 / 60) as u8,
        second: (rem % 60) as u8,
        tenth: 0,
    }
}

/// Now, as a stamp.
pub fn now() -> Stamp {
    stamp_of(epoch_seconds())
}

/// Today, as a DSCB date.
pub fn today() -> JulianDate {
    now().date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dscb_example_of_ckd_format_md() {
        // 27 Nov 2026 is day 331 = 7E 014B.
        let s = stamp_of(1_795_737_600); // 2026-11-27T00:00:00Z
        assert_eq!(s.date, JulianDate { year: 2026, day: 331 });
        assert_eq!(s.date.to_dscb(), [0x7E, 0x01, 0x4B]);
        assert_eq!(s.date.yyddd(), "26331");
        assert_eq!(s.date.iso(), "2026/11/27");
        assert_eq!(JulianDate::from_dscb(&[0, 0, 0]), None);
    }
}
