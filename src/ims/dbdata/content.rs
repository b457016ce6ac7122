//! Deterministic, realistic-looking segment contents in EBCDIC.
//!
//! Full-function data sets hold a customer hierarchy (CUSTOMER root with
//! ACCOUNT and TXN children), DEDB areas a payroll root per employee, index
//! data sets key -> RBA entries of the roots and ILDS data sets ILK -> RBA
//! entries. Amounts are packed decimal, dates and keys character, as an
//! IMS application would store them.

use super::block::Record;
use super::header::DsKind;
use super::prng::SplitMix64;
use crate::dasd::ebcdic;

const SURNAMES: &[&str] = &[
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "MILLER", "DAVIS", "GARCIA", "WILSON", "MOORE", "TAYLOR",
    "ANDERSON", "THOMAS", "JACKSON", "WHITE", "HARRIS", "MARTIN", "THOMPSON", "MUELLER", "SCHMIDT", "ROSSI", "DUBOIS",
    "NOVAK", "KOWALSKI",
];
const FIRST: &[&str] = &[
    "JAMES",
    "MARY",
    "ROBERT",
    "PATRICIA",
    "JOHN",
    "JENNIFER",
    "MICHAEL",
    "LINDA",
    "DAVID",
    "ELIZABETH",
    "WILLIAM",
    "BARBARA",
    "ANNA",
    "PETER",
    "MARIE",
    "PAUL",
    "KAREN",
    "HANS",
    "SOFIA",
    "LUCA",
];
const STREETS: &[&str] = &[
    "MAIN ST",
    "OAK AVE",
    "PINE RD",
    "MAPLE DR",
    "CEDAR LN",
    "ELM ST",
    "LAKE BLVD",
    "HILL RD",
    "PARK AVE",
    "RIVER WAY",
];
const CITIES: &[(&str, &str)] = &[
    ("POUGHKEEPSIE", "NY"),
    ("SAN JOSE", "CA"),
    ("RALEIGH", "NC"),
    ("ARMONK", "NY"),
    ("BOULDER", "CO"),
    ("AUSTIN", "TX"),
    ("TUCSON", "AZ"),
    ("ROCHESTER", "MN"),
    ("CHICAGO", "IL"),
    ("DALLAS", "TX"),
];
const TXN: &[&str] = &[
    "DEPOSIT",
    "WITHDRAWAL",
    "TRANSFER IN",
    "TRANSFER OUT",
    "INTEREST",
    "FEE",
    "PAYMENT",
];

/// Text field: EBCDIC, blank padded to `n`.
fn text(s: &str, n: usize) -> Vec<u8> {
    ebcdic::encode_padded(s, n)
}

/// Packed decimal of `digits` digits (odd) with sign C (+) or D (-).
pub fn packed(value: i64, digits: usize) -> Vec<u8> {
    let neg = value < 0;
    let s = format!("{:0>width$}", value.unsigned_abs(), width = digits);
    let s = &s[s.len().saturating_sub(digits)..];
    let mut nibbles: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    nibbles.push(if neg { 0x0D } else { 0x0C });
    if !nibbles.len().is_multiple_of(2) {
        nibbles.insert(0, 0);
    }
    nibbles.chunks(2).map(|p| (p[0] << 4) | p[1]).collect()
}

fn date(g: &mut SplitMix64) -> String {
    format!("{:04}{:02}{:02}", 2015 + g.below(11), 1 + g.below(12), 1 + g.below(28))
}

/// Root keys in ascending order: `count` 10-digit customer numbers.
fn root_keys(g: &mut SplitMix64, count: u32) -> Vec<String> {
    let mut n = 1_000_000 + g.below(1_000_000);
    (0..count)
        .map(|_| {
            n += 1 + g.below(97);
            format!("{n:010}")
        })
        .collect()
}

fn customer(g: &mut SplitMix64, key: &str) -> Record {
    let (city, st) = *g.pick(CITIES).unwrap_or(&("ARMONK", "NY"));
    let name = format!(
        "{}, {} {}",
        g.pick(SURNAMES).unwrap_or(&"SMITH"),
        g.pick(FIRST).unwrap_or(&"JOHN"),
        (b'A' + g.below(26) as u8) as char
    );
    let mut data = text(&name, 30);
    data.extend(text(
        &format!("{} {}", 1 + g.below(9999), g.pick(STREETS).unwrap_or(&"MAIN ST")),
        30,
    ));
    data.extend(text(city, 20));
    data.extend(text(st, 2));
    data.extend(text(&date(g), 8));
    data.extend(packed(g.below(5_000_000) as i64 - 200_000, 9));
    Record {
        code: 1,
        deleted: false,
        key: text(key, 10),
        data,
    }
}

fn account(g: &mut SplitMix64, cust: &str, n: u64) -> Record {
    let kind = ["CHK", "SAV", "LOA", "CRD"][g.below(4) as usize];
    let mut data = text(kind, 3);
    data.extend(packed(g.below(90_000_000) as i64 - 1_000_000, 11));
    data.extend(text(&date(g), 8));
    data.extend(text(if g.below(10) == 0 { "C" } else { "A" }, 1));
    Record {
        code: 2,
        deleted: false,
        key: text(&format!("{}{:02}", &cust[..cust.len().min(10)], n), 12),
        data,
    }
}

fn txn(g: &mut SplitMix64) -> Record {
    let ts = format!("{}{:02}{:02}", date(g), g.below(24), g.below(60));
    let mut data = packed(g.below(2_000_000) as i64 - 1_000_000, 9);
    data.extend(text(g.pick(TXN).unwrap_or(&"DEPOSIT"), 20));
    Record {
        code: 3,
        deleted: false,
        key: text(&ts, 12),
        data,
    }
}

fn employee(g: &mut SplitMix64, n: u64) -> Record {
    let name = format!(
        "{} {}",
        g.pick(FIRST).unwrap_or(&"ANNA"),
        g.pick(SURNAMES).unwrap_or(&"NOVAK")
    );
    // DEDB segments start with their 2-byte length (hence START=3 in DBDs).
    let mut body = text(&name, 30);
    body.extend(text(&format!("D{:03}", g.below(400)), 4));
    body.extend(packed(30_000 + g.below(150_000) as i64, 9));
    body.extend(text(&date(g), 8));
    let key = text(&format!("E{n:07}"), 8);
    let total = (2 + key.len() + body.len()) as u16;
    let mut data = total.to_be_bytes().to_vec();
    data.extend(body);
    Record {
        code: 1,
        deleted: false,
        key,
        data,
    }
}

/// `count` records of a data set of `kind`, reproducible from the seed.
pub fn records(g: &mut SplitMix64, kind: DsKind, count: u32, partition_id: u16, reorg: u16) -> Vec<Record> {
    let mut out = Vec::with_capacity(count as usize);
    match kind {
        DsKind::Osam | DsKind::Esds => {
            let keys = root_keys(g, count);
            let mut k = keys.iter();
            while (out.len() as u32) < count {
                let Some(key) = k.next() else { break };
                out.push(customer(g, key));
                for n in 0..g.below(3) {
                    if out.len() as u32 >= count {
                        break;
                    }
                    out.push(if n == 0 { account(g, key, n) } else { txn(g) });
                }
            }
        }
        DsKind::DedbArea => {
            let mut n = 1 + g.below(1000);
            for _ in 0..count {
                n += 1 + g.below(9);
                out.push(employee(g, n));
            }
        }
        DsKind::Index => {
            let mut rba: u32 = 0;
            for key in root_keys(g, count) {
                rba = rba.wrapping_add(64 + g.below(4096) as u32);
                out.push(Record {
                    code: 1,
                    deleted: false,
                    key: text(&key, 10),
                    data: rba.to_be_bytes().to_vec(),
                });
            }
        }
        DsKind::Ilds => {
            // ILK = RBA of the segment when created + partition ID + reorg#.
            let mut rba: u32 = 0;
            for _ in 0..count {
                rba = rba.wrapping_add(32 + g.below(2048) as u32);
                let mut key = rba.to_be_bytes().to_vec();
                key.extend(partition_id.to_be_bytes());
                key.extend(reorg.to_be_bytes());
                let now = rba.wrapping_add(g.below(65536) as u32);
                let mut data = now.to_be_bytes().to_vec();
                data.push(1 + g.below(2) as u8); // segment code of the target
                out.push(Record {
                    code: 1,
                    deleted: false,
                    key,
                    data,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_decimal() {
        assert_eq!(packed(12345, 5), vec![0x12, 0x34, 0x5C]);
        assert_eq!(packed(-7, 3), vec![0x00, 0x7D]);
        assert_eq!(packed(0, 1), vec![0x0C]);
    }
}
