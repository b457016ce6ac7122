//! Variable pools, as in ISPF: each dialog has a function pool; the app
//! keeps a shared pool of system variables (ZUSER, ZDATE, ZTIME,
//! ZSCREENW ...) and a profile pool that outlives the session
//! (`profile.toml` in the config directory). Lookup order: function,
//! shared, profile.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{IclError, Result, icl};

/// A pool of variables (names upper case).
#[derive(Debug, Clone, Default)]
pub struct Vars {
    map: HashMap<String, String>,
}

impl Vars {
    pub fn new() -> Vars {
        Vars::default()
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.map.insert(name.to_ascii_uppercase(), value.into());
    }

    pub fn remove(&mut self, name: &str) {
        self.map.remove(name);
    }

    /// The value, or empty.
    pub fn val(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }
}

/// The profile pool: kept between sessions in `profile.toml`.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub path: Option<PathBuf>,
    pub vars: BTreeMap<String, String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ProfileFile {
    #[serde(default)]
    vars: BTreeMap<String, String>,
}

impl Profile {
    /// Load the profile (a missing file is an empty profile; a bad one is
    /// reported and ignored so the session still starts).
    pub fn load(path: Option<PathBuf>) -> (Profile, Option<IclError>) {
        let mut p = Profile {
            path: path.clone(),
            vars: BTreeMap::new(),
        };
        let Some(path) = path else { return (p, None) };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (p, None),
            Err(e) => {
                return (
                    p,
                    Some(icl!(
                        "ICL615W",
                        "profile {} cannot be read ({e}); using defaults",
                        path.display()
                    )),
                );
            }
        };
        match toml::from_str::<ProfileFile>(&text) {
            Ok(f) => {
                p.vars = f.vars;
                (p, None)
            }
            Err(e) => (
                p,
                Some(icl!(
                    "ICL615W",
                    "profile {} is not valid ({}); using defaults",
                    path.display(),
                    e.message()
                )),
            ),
        }
    }

    /// Write the profile (temporary file and rename).
    pub fn save(&self) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let f = ProfileFile {
            vars: self.vars.clone(),
        };
        let text = toml::to_string_pretty(&f).map_err(|e| icl!("ICL614W", "profile cannot be written: {e}"))?;
        let write = || -> std::io::Result<()> {
            if let Some(d) = path.parent() {
                std::fs::create_dir_all(d)?;
            }
            let tmp = path.with_extension("toml.new");
            std::fs::write(&tmp, format!("# imsclone profile variables (VPUT PROFILE)\n{text}"))?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| icl!("ICL614W", "profile {} cannot be written: {e}", path.display()))
    }
}

/// The pools a panel's statements see.
pub struct Env<'a> {
    pub func: &'a mut Vars,
    pub shared: &'a Vars,
    pub profile: &'a mut Profile,
}

impl Env<'_> {
    /// Value by ISPF lookup order; unknown = empty. `Z` is always null.
    pub fn get(&self, name: &str) -> String {
        if name == "Z" {
            return String::new();
        }
        if let Some(v) = self.func.get(name) {
            return v.to_string();
        }
        if let Some(v) = self.shared.get(name) {
            return v.to_string();
        }
        self.profile.vars.get(name).cloned().unwrap_or_default()
    }

    pub fn set(&mut self, name: &str, v: impl Into<String>) {
        self.func.set(name, v);
    }
}

/// `&VAR` substitution in a text: `&&` is `&`, a period after a name ends
/// it and is dropped (`&V.X`), trailing blanks of values are dropped.
pub fn substitute(text: &str, get: &dyn Fn(&str) -> String) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '&' {
            if cs.get(i + 1) == Some(&'&') {
                out.push('&');
                i += 2;
                continue;
            }
            let n = cs[i + 1..]
                .iter()
                .take_while(|c| super::panel::is_name_char(**c))
                .count();
            if n > 0 {
                let name: String = cs[i + 1..i + 1 + n].iter().collect::<String>().to_ascii_uppercase();
                out.push_str(get(&name).trim_end());
                i += 1 + n;
                if cs.get(i) == Some(&'.') {
                    i += 1;
                }
                continue;
            }
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_rules() {
        let get = |n: &str| match n {
            "A" => "xy  ".to_string(),
            "B" => "1".to_string(),
            _ => String::new(),
        };
        assert_eq!(substitute("[&A]", &get), "[xy]");
        assert_eq!(substitute("&A.Z &&B &B.", &get), "xyZ &B 1");
        assert_eq!(substitute("&UNKNOWN-", &get), "-");
    }

    #[test]
    fn profile_round_trip() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("sub/profile.toml");
        let (mut p, e) = Profile::load(Some(path.clone()));
        assert!(e.is_none());
        p.vars.insert("ZTHEME".into(), "mono".into());
        p.save().unwrap();
        let (q, _) = Profile::load(Some(path.clone()));
        assert_eq!(q.vars["ZTHEME"], "mono");
        std::fs::write(&path, "vars = 3").unwrap();
        let (_, e) = Profile::load(Some(path));
        assert_eq!(e.unwrap().id, "ICL615W");
    }
}
