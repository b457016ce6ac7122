//! Profiles are job files: the engine's `JobFile`, saved as the command
//! line runs it (`imsclone run FILE`): system clones and skeleton clones
//! (option 6, the clone profile), database refreshes (option 7, the
//! refresh profile). They live in `profiles/` of the config directory, one
//! `NAME.toml` per job name; LOAD reads any file. The lists the profile
//! panels edit as lines (rename masks, IMS names, volume pairs) are
//! converted here, each line checked with the message the engine would give.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalog::Mask;
use crate::dasd::vol1::valid_volser;
use crate::engine::names::{NameMap, RenameMap};
use crate::engine::request::{JobFile, RenamePair, VolumePair};
use crate::{IclError, Result, icl};

/// The job types, as `[job] type` names them.
pub const SYSTEM_CLONE: &str = "system-clone";
pub const SKELETON_CLONE: &str = "skeleton-clone";
pub const DB_REFRESH: &str = "db-refresh";

/// A profile as read from a file: which profile panel edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileDoc {
    /// A system clone or a skeleton clone (option 6).
    Clone(Box<JobFile>),
    /// A database refresh (option 7).
    Refresh(Box<JobFile>),
}

impl ProfileDoc {
    /// Parse a job file of any type (the engine's parser: ICL400E syntax,
    /// ICL401E content).
    pub fn parse(text: &str, origin: &str) -> Result<ProfileDoc> {
        JobFile::parse(text, origin).map(ProfileDoc::of)
    }

    /// The panel that edits a job file.
    pub fn of(j: JobFile) -> ProfileDoc {
        if j.job.kind == DB_REFRESH {
            ProfileDoc::Refresh(Box::new(j))
        } else {
            ProfileDoc::Clone(Box::new(j))
        }
    }

    pub fn job(&self) -> &JobFile {
        match self {
            ProfileDoc::Clone(j) | ProfileDoc::Refresh(j) => j,
        }
    }

    pub fn name(&self) -> &str {
        &self.job().job.name
    }

    pub fn to_toml(&self) -> Result<String> {
        let j = self.job();
        let head = match j.job.kind.as_str() {
            SKELETON_CLONE => "skeleton clone",
            DB_REFRESH => "database refresh",
            _ => "system clone",
        };
        Ok(format!(
            "# imsclone profile saved by the panels: {head}; run it with: imsclone run FILE\n\n{}",
            j.to_toml()?
        ))
    }
}

/// A job type for titles: `Clone`, `Refresh`, `Skeleton` (empty when
/// unknown).
pub fn type_word(kind: &str) -> &'static str {
    match kind {
        SYSTEM_CLONE => "Clone",
        DB_REFRESH => "Refresh",
        SKELETON_CLONE => "Skeleton",
        _ => "",
    }
}

/// The job types a profile option lists: option 6 clones (system and
/// skeleton), option 7 refreshes.
pub fn kinds_of(refresh: bool) -> &'static [&'static str] {
    if refresh {
        &[DB_REFRESH]
    } else {
        &[SYSTEM_CLONE, SKELETON_CLONE]
    }
}

/// The file of profile NAME in a profile directory.
pub fn path_for(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{}.toml", name.trim().to_ascii_uppercase()))
}

/// The words of a line: blanks, commas, `=` and `->` separate.
fn words(line: &str) -> Vec<String> {
    line.replace("->", " ")
        .split(|c: char| c.is_whitespace() || c == ',' || c == '=')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// Lines that count: not blank, not a `#` comment.
pub fn meaningful(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The kinds of line lists the profile editor edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `FROM-MASK TO-MASK`, ordered.
    Renames,
    /// `SOURCE TARGET` IMS names.
    Names,
    /// `SOURCE-VOLSER DEVICE [NEW-VOLSER]`.
    Pairs,
    /// A database name per line (refresh).
    Databases,
}

impl ListKind {
    pub fn tag(self) -> &'static str {
        match self {
            ListKind::Renames => "RENAMES",
            ListKind::Names => "NAMES",
            ListKind::Pairs => "PAIRS",
            ListKind::Databases => "DATABASES",
        }
    }

    /// Check one line (a blank or comment line is always fine). `devices`
    /// are the farm's device numbers, for pairs.
    pub fn check(self, line: &str, devices: &[String]) -> std::result::Result<(), IclError> {
        if !meaningful(line) {
            return Ok(());
        }
        let w = words(line);
        match self {
            ListKind::Renames => {
                let [from, to] = w.as_slice() else {
                    return Err(icl!(
                        "ICL402E",
                        "a rename line is FROM-MASK TO-MASK, as IMSP.** IMSQ.**"
                    ));
                };
                Mask::parse(from)?;
                Mask::parse(to)?;
                RenameMap::new(&[(from.clone(), to.clone())]).map(|_| ())
            }
            ListKind::Names => {
                let [from, to] = w.as_slice() else {
                    return Err(icl!("ICL403E", "a name line is SOURCE TARGET, as IMP1 IMQ1"));
                };
                let mut m = BTreeMap::new();
                m.insert(from.clone(), to.clone());
                NameMap::new(&m).map(|_| ())
            }
            ListKind::Pairs => {
                if !(2..=3).contains(&w.len()) {
                    return Err(icl!(
                        "ICL685E",
                        "a pair line is SOURCE-VOLSER DEVICE [NEW-VOLSER], as IMSP01 0C84 IMSQ01"
                    ));
                }
                crate::dasd::vol1::check_volser(&w[0])?;
                if !devices.iter().any(|d| d.eq_ignore_ascii_case(&w[1])) {
                    return Err(icl!("ICL685E", "device {} is not a device of the farm", w[1]));
                }
                match w.get(2) {
                    Some(v) => crate::dasd::vol1::check_volser(v),
                    None => Ok(()),
                }
            }
            ListKind::Databases => {
                if w.len() != 1 || !crate::dasd::names::valid_member(&w[0]) {
                    return Err(icl!("ICL654E", "{} is not a valid database name", line.trim()));
                }
                Ok(())
            }
        }
    }
}

pub fn rename_lines(r: &[RenamePair]) -> Vec<String> {
    r.iter().map(|p| format!("{:<28} {}", p.from, p.to)).collect()
}

pub fn renames_of(lines: &[String]) -> Vec<RenamePair> {
    lines
        .iter()
        .filter(|l| meaningful(l))
        .filter_map(|l| match words(l).as_slice() {
            [f, t] => Some(RenamePair {
                from: f.clone(),
                to: t.clone(),
            }),
            _ => None,
        })
        .collect()
}

pub fn name_lines(m: &BTreeMap<String, String>) -> Vec<String> {
    m.iter().map(|(k, v)| format!("{k:<16} {v}")).collect()
}

pub fn names_of(lines: &[String]) -> BTreeMap<String, String> {
    lines
        .iter()
        .filter(|l| meaningful(l))
        .filter_map(|l| match words(l).as_slice() {
            [f, t] => Some((f.clone(), t.clone())),
            _ => None,
        })
        .collect()
}

pub fn pair_lines(p: &[VolumePair]) -> Vec<String> {
    p.iter()
        .map(|x| {
            format!("{:<8} {:<6} {}", x.source, x.device, x.volser.as_deref().unwrap_or(""))
                .trim_end()
                .to_string()
        })
        .collect()
}

pub fn pairs_of(lines: &[String]) -> Vec<VolumePair> {
    lines
        .iter()
        .filter(|l| meaningful(l))
        .filter_map(|l| {
            let w = words(l);
            (2..=3).contains(&w.len()).then(|| VolumePair {
                source: w[0].clone(),
                device: w[1].clone(),
                volser: w.get(2).cloned(),
            })
        })
        .collect()
}

/// A list field: words separated by blanks or commas, upper case.
pub fn list_field(v: &str) -> Vec<String> {
    v.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// VOLSER mask pairs as a field: `IMSP%%=IMSQ%% IMSL%%=IMQL%%`.
pub fn volser_masks_field(m: &[[String; 2]]) -> String {
    m.iter().map(|[a, b]| format!("{a}={b}")).collect::<Vec<_>>().join(" ")
}

/// Parse VOLSER mask pairs, each side a one-qualifier mask with the same
/// number of wildcards (ICL201E, ICL402E).
pub fn volser_masks_of(v: &str) -> Result<Vec<[String; 2]>> {
    let mut out = Vec::new();
    for w in v
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let Some((a, b)) = w.split_once('=') else {
            return Err(icl!(
                "ICL402E",
                "VOLSER mask pair '{w}' must be FROM=TO, as IMSP%%=IMSQ%%"
            ));
        };
        let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
        for m in [&a, &b] {
            if m.contains('.') {
                return Err(icl!("ICL201E", "VOLSER mask '{m}' must not contain a period"));
            }
            Mask::parse(m)?;
        }
        RenameMap::new(&[(a.clone(), b.clone())])?;
        out.push([a, b]);
    }
    Ok(out)
}

/// Check a list of VOLSERs (ICL111E) or VOLSER masks (ICL201E).
pub fn check_volsers(v: &[String], masks: bool) -> Result<()> {
    for x in v {
        if masks {
            if x.contains('.') {
                return Err(icl!("ICL201E", "VOLSER mask '{x}' must not contain a period"));
            }
            Mask::parse(x)?;
        } else if !valid_volser(x) {
            crate::dasd::vol1::check_volser(x)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_check_with_engine_messages() {
        let k = ListKind::Renames;
        assert!(k.check("IMSP.** IMSQ.**", &[]).is_ok());
        assert!(k.check("# a comment", &[]).is_ok());
        assert_eq!(k.check("IMSP.*.* IMSQ.**", &[]).unwrap_err().id, "ICL402E");
        assert_eq!(k.check("IMSP..X IMSQ.**", &[]).unwrap_err().id, "ICL201E");
        assert_eq!(k.check("IMSP.**", &[]).unwrap_err().id, "ICL402E");
        assert_eq!(ListKind::Names.check("IMP1 IM Q1", &[]).unwrap_err().id, "ICL403E");
        assert_eq!(ListKind::Names.check("IMP1 IM-Q1", &[]).unwrap_err().id, "ICL403E");
        let devs = vec!["0C84".to_string()];
        assert!(ListKind::Pairs.check("IMSP01 0C84 IMSQ01", &devs).is_ok());
        assert_eq!(ListKind::Pairs.check("IMSP01 0C99", &devs).unwrap_err().id, "ICL685E");
        assert_eq!(ListKind::Pairs.check("TOOLONG7 0C84", &devs).unwrap_err().id, "ICL111E");
    }

    #[test]
    fn round_trips() {
        let r = vec![RenamePair {
            from: "IMSP.**".into(),
            to: "IMSQ.**".into(),
        }];
        assert_eq!(renames_of(&rename_lines(&r)), r);
        assert_eq!(renames_of(&["imsp.** -> imsq.**".into()]), r);
        let m = volser_masks_of("IMSP%%=IMSQ%%, imsl%%=imql%%").unwrap();
        assert_eq!(volser_masks_field(&m), "IMSP%%=IMSQ%% IMSL%%=IMQL%%");
        assert_eq!(volser_masks_of("IMSP%%").unwrap_err().id, "ICL402E");
        assert_eq!(volser_masks_of("IMSP%%=IMQ%").unwrap_err().id, "ICL402E");
    }

    #[test]
    fn every_type_parses_and_goes_to_its_panel() {
        for (file, name, refresh) in [
            ("system-clone.toml", "CLONEQ", false),
            ("skeleton.toml", "SKELQ", false),
            ("db-refresh.toml", "REFRESHT", true),
        ] {
            let text = std::fs::read_to_string(format!(
                "{}/sample-systems/default/jobs/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let d = ProfileDoc::parse(&text, "sample").unwrap();
            assert_eq!(d.name(), name);
            assert_eq!(matches!(d, ProfileDoc::Refresh(_)), refresh, "{file}");
            assert!(kinds_of(refresh).contains(&d.job().job.kind.as_str()));
            assert_eq!(ProfileDoc::parse(&d.to_toml().unwrap(), "again").unwrap(), d);
        }
        assert_eq!(
            ProfileDoc::parse("[job]\ntype='x'\nname='A'", "x").unwrap_err().id,
            "ICL401E"
        );
        let unknown = "[job]\ntype='db-refresh'\nname='A'\n[refresh]\nsource='P'\ntarget='T'\ndatabases=[]\n[refresh.options]\nfuzzy=true\n";
        assert_eq!(ProfileDoc::parse(unknown, "x").unwrap_err().id, "ICL400E");
    }
}
