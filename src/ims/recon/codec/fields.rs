//! Tagged fields: the self-describing body of a RECON record.
//!
//! A field is `tag (u16 BE) | length (u16 BE) | value`. The top 4 bits of
//! the tag give the value kind, so any field can be dumped without knowing
//! the record's schema; the low 12 bits number the field within its record
//! type. Values: CHAR = EBCDIC 037 text, UINT = unsigned big-endian of 1-8
//! bytes, FLAG = one byte 0/1, TIME = 8-byte packed decimal time stamp,
//! BYTES = raw, GROUP = nested fields (a list entry).

use super::super::extra::{Extra, RawField};
use super::super::names::{check_dsn, check_name};
use super::super::time::{ReconTime, hex};
use crate::dasd::ebcdic;
use crate::msg::Result;
use crate::{icl, icl_bail};

pub const CHAR: u16 = 0x1000;
pub const UINT: u16 = 0x2000;
pub const FLAG: u16 = 0x3000;
pub const TIME: u16 = 0x4000;
pub const BYTES: u16 = 0x5000;
pub const GROUP: u16 = 0x6000;

/// Builder of a field list.
#[derive(Default)]
pub struct FieldWriter {
    pub buf: Vec<u8>,
}

impl FieldWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Any field. Values are at most 65,535 bytes; longer ones are cut
    /// (nothing imsclone writes comes near: records are ~32 KB in RECON).
    pub fn raw(&mut self, tag: u16, v: &[u8]) {
        let v = &v[..v.len().min(usize::from(u16::MAX))];
        self.buf.extend_from_slice(&tag.to_be_bytes());
        self.buf.extend_from_slice(&(v.len() as u16).to_be_bytes());
        self.buf.extend_from_slice(v);
    }

    pub fn chr(&mut self, n: u16, s: &str) {
        self.raw(CHAR | n, &ebcdic::encode(s));
    }

    pub fn opt_chr(&mut self, n: u16, s: Option<&str>) {
        if let Some(s) = s {
            self.chr(n, s);
        }
    }

    /// Unsigned number in the fewest bytes (at least one).
    pub fn uint(&mut self, n: u16, v: u64) {
        let b = v.to_be_bytes();
        let skip = (v.leading_zeros() / 8).min(7) as usize;
        self.raw(UINT | n, &b[skip..]);
    }

    /// Flags are written only when set (absent = off), keeping records small.
    pub fn flag(&mut self, n: u16, on: bool) {
        if on {
            self.raw(FLAG | n, &[1]);
        }
    }

    pub fn time(&mut self, n: u16, t: ReconTime) {
        self.raw(TIME | n, &t.to_packed());
    }

    pub fn opt_time(&mut self, n: u16, t: Option<ReconTime>) {
        if let Some(t) = t {
            self.time(n, t);
        }
    }

    pub fn bytes(&mut self, n: u16, b: &[u8]) {
        self.raw(BYTES | n, b);
    }

    pub fn group(&mut self, n: u16, g: FieldWriter) {
        self.raw(GROUP | n, &g.buf);
    }

    /// Write back fields that were not understood when read.
    pub fn extra(&mut self, e: &Extra) {
        for f in &e.0 {
            self.raw(f.tag, &f.value);
        }
    }
}

/// A parsed field list; typed getters consume fields, the rest is `Extra`.
pub struct FieldReader {
    fields: Vec<Option<(u16, Vec<u8>)>>,
    ctx: String,
}

impl FieldReader {
    /// Split `data` into fields; ICL356E when a length runs past the end.
    pub fn parse(data: &[u8], ctx: &str) -> Result<FieldReader> {
        let mut fields = Vec::new();
        let mut pos = 0usize;
        while pos < data.len() {
            let Some(head) = data.get(pos..pos + 4) else {
                icl_bail!("ICL356E", "{ctx}: field header at offset {pos} is cut off");
            };
            let tag = u16::from_be_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_be_bytes([head[2], head[3]]));
            let Some(v) = data.get(pos + 4..pos + 4 + len) else {
                icl_bail!(
                    "ICL356E",
                    "{ctx}: field X'{tag:04X}' at offset {pos} claims {len} bytes, only {} remain",
                    data.len() - pos - 4
                );
            };
            fields.push(Some((tag, v.to_vec())));
            pos += 4 + len;
        }
        Ok(FieldReader {
            fields,
            ctx: ctx.to_string(),
        })
    }

    fn bad(&self, tag: u16, why: impl std::fmt::Display) -> crate::msg::IclError {
        icl!("ICL368E", "{}: field X'{tag:04X}' {why}", self.ctx)
    }

    /// The single field with `tag`; ICL368E if it occurs twice.
    fn take(&mut self, tag: u16) -> Result<Option<Vec<u8>>> {
        let mut found = None;
        for slot in self.fields.iter_mut() {
            if slot.as_ref().is_some_and(|(t, _)| *t == tag) {
                if found.is_some() {
                    return Err(icl!(
                        "ICL368E",
                        "{}: field X'{tag:04X}' occurs more than once",
                        self.ctx
                    ));
                }
                found = slot.take().map(|(_, v)| v);
            }
        }
        Ok(found)
    }

    /// Every field with `tag`, in order.
    fn take_all(&mut self, tag: u16) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for slot in self.fields.iter_mut() {
            if slot.as_ref().is_some_and(|(t, _)| *t == tag)
                && let Some((_, v)) = slot.take()
            {
                out.push(v);
            }
        }
        out
    }

    pub fn chr(&mut self, n: u16) -> Result<Option<String>> {
        Ok(self.take(CHAR | n)?.map(|v| ebcdic::decode(&v)))
    }

    pub fn req_chr(&mut self, n: u16, what: &str) -> Result<String> {
        self.chr(n)?.ok_or_else(|| self.missing(what))
    }

    pub fn chr_all(&mut self, n: u16) -> Vec<String> {
        self.take_all(CHAR | n).iter().map(|v| ebcdic::decode(v)).collect()
    }

    fn missing(&self, what: &str) -> crate::msg::IclError {
        icl!("ICL367E", "{}: required field {what} is missing", self.ctx)
    }

    /// A validated name (DBD, DDN, SSID ...).
    pub fn name(&mut self, n: u16, what: &str, max: usize) -> Result<Option<String>> {
        match self.chr(n)? {
            Some(s) => {
                check_name(what, &s, max).map_err(|e| e.context(&self.ctx))?;
                Ok(Some(s))
            }
            None => Ok(None),
        }
    }

    pub fn req_name(&mut self, n: u16, what: &str, max: usize) -> Result<String> {
        self.name(n, what, max)?.ok_or_else(|| self.missing(what))
    }

    pub fn names(&mut self, n: u16, what: &str, max: usize) -> Result<Vec<String>> {
        let v = self.chr_all(n);
        for s in &v {
            check_name(what, s, max).map_err(|e| e.context(&self.ctx))?;
        }
        Ok(v)
    }

    /// A validated data set name.
    pub fn dsn(&mut self, n: u16, what: &str, max: usize) -> Result<Option<String>> {
        match self.chr(n)? {
            Some(s) => {
                check_dsn(what, &s, max).map_err(|e| e.context(&self.ctx))?;
                Ok(Some(s))
            }
            None => Ok(None),
        }
    }

    pub fn req_dsn(&mut self, n: u16, what: &str, max: usize) -> Result<String> {
        self.dsn(n, what, max)?.ok_or_else(|| self.missing(what))
    }

    pub fn uint(&mut self, n: u16) -> Result<Option<u64>> {
        match self.take(UINT | n)? {
            Some(v) if (1..=8).contains(&v.len()) => Ok(Some(v.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))),
            Some(v) => Err(self.bad(UINT | n, format!("is a number of {} bytes", v.len()))),
            None => Ok(None),
        }
    }

    /// A number that must fit type `T` (u8, u16, u32), default when absent.
    pub fn num<T: TryFrom<u64> + Default>(&mut self, n: u16) -> Result<T> {
        match self.uint(n)? {
            Some(v) => T::try_from(v).map_err(|_| self.bad(UINT | n, format!("value {v} is out of range"))),
            None => Ok(T::default()),
        }
    }

    pub fn nums<T: TryFrom<u64>>(&mut self, n: u16) -> Result<Vec<T>> {
        let raw = self.take_all(UINT | n);
        let mut out = Vec::new();
        for v in raw {
            if !(1..=8).contains(&v.len()) {
                return Err(self.bad(UINT | n, format!("is a number of {} bytes", v.len())));
            }
            let x = v.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            out.push(T::try_from(x).map_err(|_| self.bad(UINT | n, format!("value {x} is out of range")))?);
        }
        Ok(out)
    }

    pub fn flag(&mut self, n: u16) -> Result<bool> {
        match self.take(FLAG | n)? {
            None => Ok(false),
            Some(v) if v == [1] => Ok(true),
            Some(v) if v == [0] => Ok(false),
            Some(v) => Err(self.bad(FLAG | n, format!("is not a flag: X'{}'", hex(&v)))),
        }
    }

    pub fn time(&mut self, n: u16) -> Result<Option<ReconTime>> {
        match self.take(TIME | n)? {
            Some(v) => Ok(Some(ReconTime::from_packed(&v).map_err(|e| e.context(&self.ctx))?)),
            None => Ok(None),
        }
    }

    pub fn req_time(&mut self, n: u16, what: &str) -> Result<ReconTime> {
        self.time(n)?.ok_or_else(|| self.missing(what))
    }

    pub fn bytes(&mut self, n: u16) -> Result<Option<Vec<u8>>> {
        self.take(BYTES | n)
    }

    /// A keyword field decoded with `parse`; ICL368E for an unknown word.
    pub fn kw<T>(&mut self, n: u16, what: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>> {
        match self.chr(n)? {
            Some(s) => parse(&s)
                .map(Some)
                .ok_or_else(|| self.bad(CHAR | n, format!("{what} '{s}' is unknown"))),
            None => Ok(None),
        }
    }

    pub fn req_kw<T>(&mut self, n: u16, what: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
        self.kw(n, what, parse)?.ok_or_else(|| self.missing(what))
    }

    /// Nested field lists of every GROUP field `n`.
    pub fn groups(&mut self, n: u16, what: &str) -> Result<Vec<FieldReader>> {
        let ctx = format!("{} {what}", self.ctx);
        self.take_all(GROUP | n)
            .iter()
            .map(|v| FieldReader::parse(v, &ctx))
            .collect()
    }

    pub fn group(&mut self, n: u16, what: &str) -> Result<Option<FieldReader>> {
        let ctx = format!("{} {what}", self.ctx);
        match self.take(GROUP | n)? {
            Some(v) => Ok(Some(FieldReader::parse(&v, &ctx)?)),
            None => Ok(None),
        }
    }

    /// Whatever no getter took, for writing back unchanged.
    pub fn finish(self) -> Extra {
        Extra(
            self.fields
                .into_iter()
                .flatten()
                .map(|(tag, value)| RawField { tag, value })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_extra() {
        let mut w = FieldWriter::new();
        w.chr(1, "CUSTDB");
        w.uint(2, 300);
        w.flag(3, true);
        w.raw(0x7ABC, b"future");
        let mut r = FieldReader::parse(&w.buf, "t").unwrap();
        assert_eq!(r.req_name(1, "DBD", 8).unwrap(), "CUSTDB");
        assert_eq!(r.num::<u16>(2).unwrap(), 300);
        assert!(r.flag(3).unwrap());
        assert!(!r.flag(4).unwrap());
        let e = r.finish();
        assert_eq!(
            e.0,
            vec![RawField {
                tag: 0x7ABC,
                value: b"future".to_vec()
            }]
        );
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(
            FieldReader::parse(&[0x10, 0x01, 0x00, 0x09, 0xC1], "t")
                .err()
                .unwrap()
                .id,
            "ICL356E"
        );
        assert_eq!(FieldReader::parse(&[0x10], "t").err().unwrap().id, "ICL356E");
        let mut w = FieldWriter::new();
        w.uint(2, 70000);
        let mut r = FieldReader::parse(&w.buf, "t").unwrap();
        assert_eq!(r.num::<u16>(2).unwrap_err().id, "ICL368E");
    }
}
