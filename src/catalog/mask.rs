//! Data set name masks in the IBM style: `%` one character, `*` part of one
//! qualifier (or exactly one qualifier when it stands alone), `**` any number
//! of qualifiers (alone between periods). Matching returns what each
//! wildcard captured, so a target mask can re-use the captures in order
//! (rename masks).

use crate::{Result, icl_bail};

/// One wildcard's capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captures(pub Vec<String>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// `%`
    One,
    /// `*` inside a qualifier (zero or more characters)
    Star,
    /// `*` standing alone: a whole qualifier (one or more characters)
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Qual {
    /// `**`
    Any,
    /// A qualifier pattern.
    Pat(Vec<Tok>),
}

/// A parsed mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    text: String,
    quals: Vec<Qual>,
}

impl Mask {
    /// Parse a mask (upper-cased); `ICL201E` when malformed.
    pub fn parse(text: &str) -> Result<Mask> {
        let t = text.trim().to_ascii_uppercase();
        if t.is_empty() || t.len() > 44 {
            icl_bail!("ICL201E", "mask '{text}' must be 1-44 characters");
        }
        let mut quals = Vec::new();
        for q in t.split('.') {
            if q.is_empty() {
                icl_bail!("ICL201E", "mask '{text}' has an empty qualifier");
            }
            if q == "**" {
                quals.push(Qual::Any);
                continue;
            }
            if q.contains("**") {
                icl_bail!("ICL201E", "mask '{text}': '**' must stand alone between periods");
            }
            if q == "*" {
                quals.push(Qual::Pat(vec![Tok::Whole]));
                continue;
            }
            let mut toks = Vec::new();
            for c in q.chars() {
                toks.push(match c {
                    '%' => Tok::One,
                    '*' => Tok::Star,
                    c if c.is_ascii_uppercase() || c.is_ascii_digit() || "$#@-".contains(c) => Tok::Lit(c),
                    _ => icl_bail!("ICL201E", "mask '{text}' has an invalid character '{c}'"),
                });
            }
            if toks.iter().filter(|t| !matches!(t, Tok::Star | Tok::Whole)).count() > 8 {
                icl_bail!("ICL201E", "mask '{text}': qualifier '{q}' is longer than 8 characters");
            }
            quals.push(Qual::Pat(toks));
        }
        Ok(Mask { text: t, quals })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of wildcards (captures) in the mask, in order.
    pub fn wildcards(&self) -> usize {
        self.quals
            .iter()
            .map(|q| match q {
                Qual::Any => 1,
                Qual::Pat(t) => t.iter().filter(|t| !matches!(t, Tok::Lit(_))).count(),
            })
            .sum()
    }

    /// Does the mask contain no wildcard at all?
    pub fn is_literal(&self) -> bool {
        self.wildcards() == 0
    }

    /// Match a name; the captures of every wildcard in order.
    pub fn captures(&self, name: &str) -> Option<Captures> {
        let quals: Vec<&str> = name.split('.').collect();
        let mut caps = Vec::new();
        match_quals(&self.quals, &quals, &mut caps).then_some(Captures(caps))
    }

    pub fn matches(&self, name: &str) -> bool {
        self.captures(name).is_some()
    }

    /// Build a name from this (target) mask and the captures of a source
    /// mask: each wildcard takes the next capture. A `**` that captured
    /// nothing drops its qualifier. Surplus captures are an error.
    pub fn substitute(&self, caps: &Captures) -> Result<String> {
        let mut it = caps.0.iter();
        let mut out: Vec<String> = Vec::new();
        for q in &self.quals {
            match q {
                Qual::Any => {
                    let c = it.next().map(String::as_str).unwrap_or("");
                    if !c.is_empty() {
                        out.push(c.to_string());
                    }
                }
                Qual::Pat(toks) => {
                    let mut s = String::new();
                    for t in toks {
                        match t {
                            Tok::Lit(c) => s.push(*c),
                            Tok::One | Tok::Star | Tok::Whole => match it.next() {
                                Some(c) => s.push_str(c),
                                None => icl_bail!(
                                    "ICL202E",
                                    "target mask '{}' has more wildcards than the source mask",
                                    self.text
                                ),
                            },
                        }
                    }
                    out.push(s);
                }
            }
        }
        if it.next().is_some() {
            icl_bail!(
                "ICL202E",
                "target mask '{}' has fewer wildcards than the source mask",
                self.text
            );
        }
        Ok(out.join("."))
    }
}

fn match_quals(pat: &[Qual], name: &[&str], caps: &mut Vec<String>) -> bool {
    match pat.first() {
        None => name.is_empty(),
        Some(Qual::Any) => {
            // Zero or more qualifiers; prefer the shortest (first match wins).
            for n in 0..=name.len() {
                let mark = caps.len();
                caps.push(name[..n].join("."));
                if match_quals(&pat[1..], &name[n..], caps) {
                    return true;
                }
                caps.truncate(mark);
            }
            false
        }
        Some(Qual::Pat(toks)) => {
            let Some(first) = name.first() else {
                return false;
            };
            let mark = caps.len();
            let chars: Vec<char> = first.chars().collect();
            if match_toks(toks, &chars, caps) && match_quals(&pat[1..], &name[1..], caps) {
                return true;
            }
            caps.truncate(mark);
            false
        }
    }
}

fn match_toks(toks: &[Tok], s: &[char], caps: &mut Vec<String>) -> bool {
    match toks.first() {
        None => s.is_empty(),
        Some(Tok::Lit(c)) => s.first() == Some(c) && match_toks(&toks[1..], &s[1..], caps),
        Some(Tok::One) => {
            let Some(c) = s.first() else { return false };
            caps.push(c.to_string());
            if match_toks(&toks[1..], &s[1..], caps) {
                return true;
            }
            caps.pop();
            false
        }
        Some(t @ (Tok::Star | Tok::Whole)) => {
            // A lone `*` is a whole qualifier (at least one character).
            let min = usize::from(*t == Tok::Whole);
            for n in min..=s.len() {
                caps.push(s[..n].iter().collect());
                if match_toks(&toks[1..], &s[n..], caps) {
                    return true;
                }
                caps.pop();
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Mask {
        Mask::parse(s).unwrap()
    }

    #[test]
    fn matching() {
        assert!(m("IMSP.**").matches("IMSP.ACCTHDB.P1.A00001"));
        assert!(m("IMSP.**").matches("IMSP"));
        assert!(!m("IMSP.**").matches("IMSPX.A"));
        assert!(m("IMSP.*").matches("IMSP.PROCLIB"));
        assert!(!m("IMSP.*").matches("IMSP.A.B"));
        assert!(m("IMS%.*").matches("IMSQ.X"));
        assert!(m("IMSP.RECON*").matches("IMSP.RECON1"));
        assert!(m("IMSP.RECON*").matches("IMSP.RECON"));
        assert!(m("**.DATA").matches("IMSP.X.DATA"));
        assert!(m("IMSP.*.DATA").matches("IMSP.RECON1.DATA"));
        assert!(!m("IMSP.*.DATA").matches("IMSP.DATA"));
    }

    #[test]
    fn substitution() {
        let c = m("IMSP.**").captures("IMSP.ACCTHDB.P1.A00001").unwrap();
        assert_eq!(m("IMSQ.**").substitute(&c).unwrap(), "IMSQ.ACCTHDB.P1.A00001");
        let c = m("IMSP.IC.**").captures("IMSP.IC.CUSTDB.G0001V00").unwrap();
        assert_eq!(m("IMSTIC.**").substitute(&c).unwrap(), "IMSTIC.CUSTDB.G0001V00");
        let c = m("IMS%.*").captures("IMSP.PROCLIB").unwrap();
        assert_eq!(m("IMQ%.*").substitute(&c).unwrap(), "IMQP.PROCLIB");
        let c = m("IMSP.**").captures("IMSP").unwrap();
        assert_eq!(m("IMSQ.**").substitute(&c).unwrap(), "IMSQ");
        assert_eq!(m("IMSQ.*.*").substitute(&c).unwrap_err().id, "ICL202E");
    }

    #[test]
    fn bad_masks() {
        for bad in ["", "A..B", "A.***", "A.B**", "A.B(C)", "ABCDEFGHIJ.X"] {
            assert_eq!(Mask::parse(bad).unwrap_err().id, "ICL201E", "{bad}");
        }
    }
}
