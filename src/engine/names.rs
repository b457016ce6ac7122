//! The maps a clone applies: data set names (ordered rename masks), IMS
//! names (IMSIDs, SSID, IRLM and IMSPLEX names, DFSPB suffixes) and
//! VOLSERs. Every map works on whole tokens: `IMSP` never touches `IMSPROC`.

use std::collections::BTreeMap;

use crate::catalog::Mask;
use crate::dasd::names::{dsn_problem, valid_member};
use crate::{Result, icl, icl_bail};

/// Ordered rename masks; the first mask that matches a name decides.
#[derive(Debug, Clone)]
pub struct RenameMap {
    pairs: Vec<(Mask, Mask)>,
}

/// What renaming a name gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renamed {
    /// No mask matches.
    NoMatch,
    /// The new name (valid).
    To(String),
    /// A mask matched but the result is not a valid name.
    Invalid { to: String, why: String },
}

impl RenameMap {
    /// Parse and check the pairs (`ICL402E` for a bad pair).
    pub fn new(pairs: &[(String, String)]) -> Result<RenameMap> {
        let mut out = Vec::new();
        for (i, (from, to)) in pairs.iter().enumerate() {
            let f =
                Mask::parse(from).map_err(|e| icl!("ICL402E", "rename mask {} source '{from}': {}", i + 1, e.text))?;
            let t = Mask::parse(to).map_err(|e| icl!("ICL402E", "rename mask {} target '{to}': {}", i + 1, e.text))?;
            if f.wildcards() != t.wildcards() {
                icl_bail!(
                    "ICL402E",
                    "rename mask {}: '{from}' has {} wildcards, '{to}' has {}",
                    i + 1,
                    f.wildcards(),
                    t.wildcards()
                );
            }
            out.push((f, t));
        }
        Ok(RenameMap { pairs: out })
    }

    /// The rename masks of a job file (`[[clone.rename]]`, `[[refresh.rename]]`).
    pub fn of_job(pairs: &[crate::engine::request::RenamePair]) -> Result<RenameMap> {
        let v: Vec<(String, String)> = pairs.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
        RenameMap::new(&v)
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Rename one data set name.
    pub fn rename(&self, dsn: &str) -> Renamed {
        for (f, t) in &self.pairs {
            if let Some(c) = f.captures(dsn) {
                return match t.substitute(&c) {
                    Ok(n) => match dsn_problem(&n) {
                        None => Renamed::To(n),
                        Some(why) => Renamed::Invalid { to: n, why },
                    },
                    Err(e) => Renamed::Invalid {
                        to: String::new(),
                        why: e.text,
                    },
                };
            }
        }
        Renamed::NoMatch
    }

    /// Rename a name that may not be a strict DSN (GENJCL `%DBNAME`, GDG
    /// relative names): the masks are applied qualifier-wise all the same.
    pub fn rename_loose(&self, dsn: &str) -> Option<String> {
        for (f, t) in &self.pairs {
            if let Some(c) = f.captures(dsn) {
                return t.substitute(&c).ok();
            }
        }
        None
    }

    /// The target HLQs the masks produce (literal first qualifiers).
    pub fn target_hlqs(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .pairs
            .iter()
            .filter_map(|(_, t)| t.text().split('.').next())
            .filter(|q| !q.contains(['*', '%']))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The source HLQs the masks match (literal first qualifiers).
    pub fn source_hlqs(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .pairs
            .iter()
            .filter_map(|(f, _)| f.text().split('.').next())
            .filter(|q| !q.contains(['*', '%']))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Prefixes of IMS PROCLIB members that end in a suffix (`DFSPBMP1`).
const SUFFIXED_MEMBERS: &[&str] = &[
    "DFSPB", "DFSDF", "DFSDC", "DFSVSM", "DFSSQ", "DFSCG", "DFSFDR", "DFSHSB",
];

/// IMS names: IMSIDs, the SSID, IRLM names and group, IMSPLEX, suffixes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameMap {
    map: BTreeMap<String, String>,
}

impl NameMap {
    pub fn new(map: &BTreeMap<String, String>) -> Result<NameMap> {
        // IMS names are 1-8 characters, lock structure names up to 16.
        let ok = |s: &str| {
            !s.is_empty()
                && s.len() <= 16
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'$' | b'#' | b'@'))
        };
        for (k, v) in map {
            if !ok(&k.to_ascii_uppercase()) || !ok(&v.to_ascii_uppercase()) {
                icl_bail!(
                    "ICL403E",
                    "name mapping {k} -> {v}: both must be 1-16 characters A-Z 0-9 $ # @"
                );
            }
        }
        Ok(NameMap {
            map: map
                .iter()
                .map(|(k, v)| (k.to_ascii_uppercase(), v.to_ascii_uppercase()))
                .collect(),
        })
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.map.get(k).map(String::as_str)
    }

    pub fn insert(&mut self, k: &str, v: &str) {
        self.map.insert(k.to_string(), v.to_string());
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// A whole value equal to a source name.
    pub fn exact(&self, v: &str) -> Option<String> {
        self.map.get(&v.to_ascii_uppercase()).cloned()
    }

    /// An IMS name value: equal to a source name, or starting with a source
    /// name of at least 4 characters (`IMP1DRC` -> `IMQ1DRC`, `IMP1APPL`).
    pub fn value(&self, v: &str) -> Option<String> {
        if let Some(x) = self.exact(v) {
            return Some(x);
        }
        let u = v.to_ascii_uppercase();
        self.map
            .iter()
            .filter(|(k, _)| k.len() >= 4 && u.len() > k.len() && u.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(k, t)| format!("{t}{}", &u[k.len()..]))
            .filter(|n| n.len() <= 16)
    }

    /// A PROCLIB member name: a source IMSID prefix (`IMP1CTL`), or an IMS
    /// member prefix with a mapped suffix (`DFSPBMP1` -> `DFSPBMQ1`).
    pub fn member(&self, m: &str) -> Option<String> {
        if let Some(n) = self.value(m).filter(|n| valid_member(n)) {
            return Some(n);
        }
        for p in SUFFIXED_MEMBERS {
            if let Some(suffix) = m.strip_prefix(p)
                && let Some(t) = self.map.get(suffix)
            {
                let n = format!("{p}{t}");
                if valid_member(&n) {
                    return Some(n);
                }
            }
        }
        None
    }
}

/// VOLSER map (source -> target) of the copied volumes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolserMap(pub BTreeMap<String, String>);

impl VolserMap {
    pub fn get(&self, v: &str) -> Option<String> {
        self.0.get(&v.to_ascii_uppercase()).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_first_match_wins() {
        let m = RenameMap::new(&[
            ("IMSP.IC.**".into(), "IMSQIC.**".into()),
            ("IMSP.**".into(), "IMSQ.**".into()),
        ])
        .unwrap();
        assert_eq!(m.rename("IMSP.IC.CUSTDB.G1"), Renamed::To("IMSQIC.CUSTDB.G1".into()));
        assert_eq!(m.rename("IMSP.PROCLIB"), Renamed::To("IMSQ.PROCLIB".into()));
        assert_eq!(m.rename("IMSPROC.TOOLS"), Renamed::NoMatch);
        let long = RenameMap::new(&[("IMSP.**".into(), "IMSPLONG.**".into())]).unwrap();
        assert!(matches!(
            long.rename("IMSP.ABCDEFGH.ABCDEFGH.ABCDEFGH.ABCDEFGH.X"),
            Renamed::Invalid { .. }
        ));
        assert_eq!(
            RenameMap::new(&[("IMSP.*.*".into(), "IMSQ.**".into())]).unwrap_err().id,
            "ICL402E"
        );
    }

    #[test]
    fn ims_names() {
        let mut b = BTreeMap::new();
        for (k, v) in [("IMP1", "IMQ1"), ("IMSP", "IMSQ"), ("MP1", "MQ1"), ("IRP1", "IRQ1")] {
            b.insert(k.to_string(), v.to_string());
        }
        let n = NameMap::new(&b).unwrap();
        assert_eq!(n.value("IMP1"), Some("IMQ1".into()));
        assert_eq!(n.value("IMP1DRC"), Some("IMQ1DRC".into()));
        assert_eq!(
            n.value("IMSPROC"),
            Some("IMSQROC".into()),
            "prefix rule applies to IMS name values only"
        );
        assert_eq!(n.exact("IMSPROC"), None);
        assert_eq!(n.member("DFSPBMP1"), Some("DFSPBMQ1".into()));
        assert_eq!(n.member("IMP1CTL"), Some("IMQ1CTL".into()));
        assert_eq!(n.member("DLIBATCH"), None);
        assert_eq!(n.value("MP1"), Some("MQ1".into()));
    }
}
