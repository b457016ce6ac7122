//! Typed access to a command's keywords, with DBRC-style validation.

use super::parse::{Command, Value};
use crate::dasd::ebcdic;
use crate::ims::recon::KeyString;
use crate::ims::recon::names::{check_dsn, check_name, check_volser};
use crate::ims::recon::time::ReconTime;
use crate::msg::Result;
use crate::{icl, icl_bail};

/// A command's keywords, checked against what the command allows.
pub struct Args<'a> {
    pub cmd: &'a Command,
}

impl<'a> Args<'a> {
    /// ICL377E if the command carries a keyword not in `allowed`.
    pub fn new(cmd: &'a Command, allowed: &[&str]) -> Result<Args<'a>> {
        for p in &cmd.params {
            if !allowed.contains(&p.keyword.as_str()) {
                icl_bail!("ICL377E", "keyword {} is not valid for {}", p.keyword, cmd.name());
            }
        }
        Ok(Args { cmd })
    }

    fn values(&self, kw: &str) -> Option<&'a [Value]> {
        self.cmd.param(kw).map(|p| p.values.as_slice())
    }

    pub fn has(&self, kw: &str) -> bool {
        self.cmd.param(kw).is_some()
    }

    /// A bare keyword; ICL377E if it was given a value.
    pub fn flag(&self, kw: &str) -> Result<bool> {
        match self.cmd.param(kw) {
            Some(p) if p.has_parens => {
                icl_bail!("ICL377E", "{kw} takes no value in {}", self.cmd.name())
            }
            Some(_) => Ok(true),
            None => Ok(false),
        }
    }

    /// At most one of mutually exclusive bare keywords.
    pub fn choice(&self, kws: &[&'static str]) -> Result<Option<&'static str>> {
        let mut found = None;
        for k in kws {
            if self.flag(k)? {
                if let Some(f) = found {
                    icl_bail!("ICL379E", "{f} and {k} are mutually exclusive in {}", self.cmd.name());
                }
                found = Some(*k);
            }
        }
        Ok(found)
    }

    /// ICL379E if more than one of `kws` is present.
    pub fn exclusive(&self, kws: &[&str]) -> Result<()> {
        let given: Vec<&&str> = kws.iter().filter(|k| self.has(k)).collect();
        if given.len() > 1 {
            icl_bail!(
                "ICL379E",
                "{} are mutually exclusive in {}",
                given.iter().map(|k| **k).collect::<Vec<_>>().join(" and "),
                self.cmd.name()
            );
        }
        Ok(())
    }

    /// The single text value of `kw`.
    pub fn text(&self, kw: &str) -> Result<Option<String>> {
        match self.values(kw) {
            None => Ok(None),
            Some([v]) => match v.text() {
                Some(t) => Ok(Some(t.to_string())),
                None => icl_bail!("ICL377E", "{kw}({}) is not a plain value", v.render()),
            },
            Some(v) => icl_bail!("ICL377E", "{kw} takes one value, {} given", v.len()),
        }
    }

    fn required<T>(&self, kw: &str, v: Option<T>) -> Result<T> {
        v.ok_or_else(|| icl!("ICL378E", "required keyword {kw} is missing from {}", self.cmd.name()))
    }

    pub fn name(&self, kw: &str, max: usize) -> Result<Option<String>> {
        let v = self.text(kw)?;
        if let Some(s) = &v {
            check_name(kw, s, max)?;
        }
        Ok(v)
    }

    pub fn req_name(&self, kw: &str, max: usize) -> Result<String> {
        let v = self.name(kw, max)?;
        self.required(kw, v)
    }

    pub fn dsn(&self, kw: &str, max: usize) -> Result<Option<String>> {
        let v = self.text(kw)?;
        if let Some(s) = &v {
            check_dsn(kw, s, max)?;
        }
        Ok(v)
    }

    pub fn req_dsn(&self, kw: &str, max: usize) -> Result<String> {
        let v = self.dsn(kw, max)?;
        self.required(kw, v)
    }

    /// A number within `lo..=hi`.
    pub fn num<T: TryFrom<u64>>(&self, kw: &str, lo: u64, hi: u64) -> Result<Option<T>> {
        match self.text(kw)? {
            None => Ok(None),
            Some(s) => Ok(Some(parse_num(kw, &s, lo, hi)?)),
        }
    }

    /// Every value of `kw` as numbers within `lo..=hi`.
    pub fn nums<T: TryFrom<u64>>(&self, kw: &str, lo: u64, hi: u64) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for v in flatten(self.values(kw).unwrap_or(&[])) {
            match v.text() {
                Some(s) => out.push(parse_num(kw, s, lo, hi)?),
                None => icl_bail!("ICL377E", "{kw} value {} is not a number", v.render()),
            }
        }
        Ok(out)
    }

    /// Every value of `kw` as words (VOLLIST(A,B)).
    pub fn words(&self, kw: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for v in flatten(self.values(kw).unwrap_or(&[])) {
            match v.text() {
                Some(s) => out.push(s.to_string()),
                None => icl_bail!("ICL377E", "{kw} value {} is not a plain value", v.render()),
            }
        }
        Ok(out)
    }

    pub fn volsers(&self, kw: &str) -> Result<Vec<String>> {
        let v = self.words(kw)?;
        for s in &v {
            check_volser(s)?;
        }
        Ok(v)
    }

    /// Sub-lists of `kw`, e.g. MEMBERS((DB1,DD1),(DB2,DD2)).
    pub fn pairs(&self, kw: &str) -> Result<Vec<Vec<String>>> {
        let mut out = Vec::new();
        for v in self.values(kw).unwrap_or(&[]) {
            match v {
                Value::List(items) => {
                    let words: Option<Vec<String>> = items.iter().map(|i| i.text().map(str::to_string)).collect();
                    match words {
                        Some(w) => out.push(w),
                        None => icl_bail!("ICL377E", "{kw} entry {} is not a list of names", v.render()),
                    }
                }
                other => match other.text() {
                    Some(t) => out.push(vec![t.to_string()]),
                    None => icl_bail!("ICL377E", "{kw} entry {} is not a list of names", other.render()),
                },
            }
        }
        Ok(out)
    }

    pub fn time(&self, kw: &str) -> Result<Option<ReconTime>> {
        match self.text(kw)? {
            None => Ok(None),
            Some(s) => Ok(Some(ReconTime::parse(&s).map_err(|e| e.context(kw))?)),
        }
    }

    /// KEYSTRNG: 'chars' (stored in EBCDIC), plain word, or X'hex'; 1-256 bytes.
    pub fn key_string(&self, kw: &str) -> Result<Option<KeyString>> {
        let ks = match self.values(kw) {
            None => return Ok(None),
            Some([Value::Hex(b)]) => KeyString {
                bytes: b.clone(),
                hex: true,
            },
            Some([v]) => match v.text() {
                Some(t) => KeyString {
                    bytes: ebcdic::encode(t),
                    hex: false,
                },
                None => icl_bail!("ICL377E", "{kw}({}) is not a character or X'hex' string", v.render()),
            },
            Some(v) => icl_bail!("ICL377E", "{kw} takes one value, {} given", v.len()),
        };
        if ks.bytes.is_empty() || ks.bytes.len() > 256 {
            icl_bail!("ICL377E", "{kw} must be 1-256 bytes, not {}", ks.bytes.len());
        }
        Ok(Some(ks))
    }
}

fn flatten(v: &[Value]) -> Vec<&Value> {
    let mut out = Vec::new();
    for x in v {
        match x {
            Value::List(inner) => out.extend(flatten(inner)),
            other => out.push(other),
        }
    }
    out
}

fn parse_num<T: TryFrom<u64>>(kw: &str, s: &str, lo: u64, hi: u64) -> Result<T> {
    let n: u64 = s.parse().map_err(|_| icl!("ICL377E", "{kw}({s}) is not a number"))?;
    if n < lo || n > hi {
        icl_bail!("ICL377E", "{kw}({n}) is outside {lo}-{hi}");
    }
    T::try_from(n).map_err(|_| icl!("ICL377E", "{kw}({n}) is out of range"))
}
