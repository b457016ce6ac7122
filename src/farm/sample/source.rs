//! Where a sample's files come from: embedded in the binary at build time,
//! a folder on disk, or memory (generated farms).

use std::collections::BTreeMap;
use std::path::PathBuf;

use include_dir::{Dir, include_dir};

use crate::msg::io_err;
use crate::{Result, icl};

/// The samples shipped in `sample-systems/`, embedded at build time.
pub static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/sample-systems");

/// Read access to a sample's files by relative path.
pub trait SampleSource {
    /// A file's bytes.
    fn read(&self, rel: &str) -> Result<Vec<u8>>;
    /// The files of a folder (name, bytes), sorted by name.
    fn list(&self, rel: &str) -> Result<Vec<(String, Vec<u8>)>>;
}

/// An embedded sample (`sample-systems/NAME`).
pub struct Embedded {
    dir: &'static Dir<'static>,
}

impl Embedded {
    pub fn named(name: &str) -> Result<Embedded> {
        EMBEDDED.get_dir(name).map(|dir| Embedded { dir }).ok_or_else(|| {
            icl!(
                "ICL261E",
                "no sample system named '{name}' (known: {})",
                names().join(", ")
            )
        })
    }
}

/// Names of the embedded samples.
pub fn names() -> Vec<String> {
    EMBEDDED
        .dirs()
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect()
}

impl SampleSource for Embedded {
    fn read(&self, rel: &str) -> Result<Vec<u8>> {
        let p = self.dir.path().join(rel);
        EMBEDDED
            .get_file(&p)
            .map(|f| f.contents().to_vec())
            .ok_or_else(|| icl!("ICL262E", "sample file {} is missing", p.display()))
    }

    fn list(&self, rel: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let p = self.dir.path().join(rel);
        let d = EMBEDDED
            .get_dir(&p)
            .ok_or_else(|| icl!("ICL262E", "sample folder {} is missing", p.display()))?;
        let mut v: Vec<(String, Vec<u8>)> = d
            .files()
            .filter_map(|f| {
                Some((
                    f.path().file_name()?.to_string_lossy().into_owned(),
                    f.contents().to_vec(),
                ))
            })
            .collect();
        v.sort();
        Ok(v)
    }
}

/// A sample in a folder on disk.
pub struct Folder {
    pub root: PathBuf,
}

impl SampleSource for Folder {
    fn read(&self, rel: &str) -> Result<Vec<u8>> {
        let p = self.root.join(rel);
        std::fs::read(&p).map_err(|e| io_err("ICL262E", format!("cannot read sample file {}", p.display()), e))
    }

    fn list(&self, rel: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let p = self.root.join(rel);
        let mut v = Vec::new();
        for e in std::fs::read_dir(&p).map_err(|e| io_err("ICL262E", format!("cannot list {}", p.display()), e))? {
            let e = e.map_err(|e| io_err("ICL262E", format!("cannot list {}", p.display()), e))?;
            if e.path().is_file() {
                v.push((
                    e.file_name().to_string_lossy().into_owned(),
                    self.read(&format!("{rel}/{}", e.file_name().to_string_lossy()))?,
                ));
            }
        }
        v.sort();
        Ok(v)
    }
}

/// A sample held in memory (generated farms).
#[derive(Default)]
pub struct Memory {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl SampleSource for Memory {
    fn read(&self, rel: &str) -> Result<Vec<u8>> {
        self.files
            .get(rel)
            .cloned()
            .ok_or_else(|| icl!("ICL262E", "generated file {rel} is missing"))
    }

    fn list(&self, rel: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let prefix = format!("{rel}/");
        Ok(self
            .files
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix(&prefix)
                    .filter(|n| !n.contains('/'))
                    .map(|n| (n.to_string(), v.clone()))
            })
            .collect())
    }
}
