//! ICF-like catalogs kept as data sets on volumes: a master catalog with
//! aliases (HLQ -> user catalog) and user catalog connectors, and user
//! catalogs with one entry per data set (non-VSAM, or a VSAM-like cluster
//! and its components). A catalog is read whole, changed in memory and
//! written back whole: catalogs here hold at most tens of thousands of
//! entries, a few megabytes.

pub mod entry;
pub mod mask;
pub mod vsam;

use std::collections::BTreeMap;

pub use entry::{Entry, EntryKind, VsamOrg};
pub use mask::Mask;

use crate::dasd::{Dcb, Space, Volume};
use crate::{Result, icl, icl_bail};

/// LRECL and BLKSIZE of a catalog data set (VB).
const CAT_LRECL: u16 = 1024;
const CAT_BLKSIZE: u16 = 27998;

/// One catalog, loaded from its data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub name: String,
    pub volser: String,
    entries: BTreeMap<String, Entry>,
}

/// Primary (and secondary) tracks of a new catalog data set.
pub const CATALOG_TRACKS: u32 = 15;

impl Catalog {
    /// Allocate an empty catalog data set on a volume.
    pub fn create(vol: &mut Volume, name: &str) -> Result<Catalog> {
        vol.create_dataset(
            name,
            Dcb::ps_vb(CAT_LRECL, CAT_BLKSIZE),
            Space::trk(CATALOG_TRACKS, CATALOG_TRACKS),
        )?;
        Ok(Catalog {
            name: name.to_string(),
            volser: vol.volser(),
            entries: BTreeMap::new(),
        })
    }

    /// An empty catalog in memory (to be saved into an existing data set).
    pub fn default_named(name: &str) -> Catalog {
        Catalog {
            name: name.to_string(),
            volser: String::new(),
            entries: BTreeMap::new(),
        }
    }

    /// Read a catalog from its data set.
    pub fn load(vol: &Volume, name: &str) -> Result<Catalog> {
        let mut entries = BTreeMap::new();
        for r in vol
            .read_records(name)
            .map_err(|e| e.context(format!("catalog {name}")))?
        {
            let e = entry::decode(&r).map_err(|e| e.context(format!("catalog {name} on {}", vol.volser())))?;
            entries.insert(e.name.clone(), e);
        }
        Ok(Catalog {
            name: name.to_string(),
            volser: vol.volser(),
            entries,
        })
    }

    /// Write the catalog back to its data set.
    pub fn save(&self, vol: &mut Volume) -> Result<()> {
        let recs: Vec<Vec<u8>> = self.entries.values().map(entry::encode).collect();
        vol.write_records(&self.name, &recs)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    pub fn locate(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    /// Entries whose name matches the mask, in name order.
    pub fn list(&self, mask: &Mask) -> Vec<&Entry> {
        self.entries.values().filter(|e| mask.matches(&e.name)).collect()
    }

    /// Define an entry; `ICL204E` when the name is already cataloged.
    pub fn define(&mut self, e: Entry) -> Result<()> {
        crate::dasd::names::check_dsn(&e.name)?;
        if self.entries.contains_key(&e.name) {
            icl_bail!("ICL204E", "{} is already cataloged in {}", e.name, self.name);
        }
        self.entries.insert(e.name.clone(), e);
        Ok(())
    }

    /// Define or replace an entry.
    pub fn put(&mut self, e: Entry) {
        self.entries.insert(e.name.clone(), e);
    }

    /// Delete an entry (a cluster takes its components with it).
    pub fn delete(&mut self, name: &str) -> Result<Entry> {
        let e = self
            .entries
            .remove(name)
            .ok_or_else(|| icl!("ICL205E", "{name} is not cataloged in {}", self.name))?;
        if let EntryKind::Cluster { data, index, .. } = &e.kind {
            self.entries.remove(data);
            if let Some(ix) = index {
                self.entries.remove(ix);
            }
        }
        Ok(e)
    }

    /// Rename one entry, keeping cluster/component links in step.
    pub fn rename(&mut self, old: &str, new: &str) -> Result<()> {
        crate::dasd::names::check_dsn(new)?;
        if old == new {
            return Ok(());
        }
        if self.entries.contains_key(new) {
            icl_bail!(
                "ICL204E",
                "cannot rename {old}: {new} is already cataloged in {}",
                self.name
            );
        }
        let mut e = self
            .entries
            .remove(old)
            .ok_or_else(|| icl!("ICL205E", "{old} is not cataloged in {}", self.name))?;
        e.name = new.to_string();
        for other in self.entries.values_mut() {
            match &mut other.kind {
                EntryKind::Cluster { data, index, .. } => {
                    if data == old {
                        *data = new.to_string();
                    }
                    if index.as_deref() == Some(old) {
                        *index = Some(new.to_string());
                    }
                }
                EntryKind::Data { cluster } | EntryKind::Index { cluster } if cluster == old => {
                    *cluster = new.to_string();
                }
                _ => {}
            }
        }
        self.entries.insert(new.to_string(), e);
        Ok(())
    }

    /// Alias entries (master catalog): HLQ -> user catalog name.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.values().filter_map(|e| match &e.kind {
            EntryKind::Alias { ucat } => Some((e.name.as_str(), ucat.as_str())),
            _ => None,
        })
    }

    /// The user catalog an HLQ's alias points to.
    pub fn alias_target(&self, hlq: &str) -> Option<&str> {
        match &self.entries.get(hlq)?.kind {
            EntryKind::Alias { ucat } => Some(ucat.as_str()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_on_a_volume() {
        let d = tempfile::tempdir().unwrap();
        let mut v = Volume::create(&d.path().join("c.3390"), "MCAT01", 3, 1).unwrap();
        let mut c = Catalog::create(&mut v, "CATALOG.MASTER").unwrap();
        c.define(Entry::nonvsam("SYS1.PROCLIB", &["MCAT01"])).unwrap();
        c.define(Entry {
            name: "IMSP".into(),
            kind: EntryKind::Alias {
                ucat: "UCAT.IMSP".into(),
            },
            volumes: vec![],
            devtype: "3390".into(),
        })
        .unwrap();
        assert_eq!(
            c.define(Entry::nonvsam("SYS1.PROCLIB", &["X"])).unwrap_err().id,
            "ICL204E"
        );
        for i in 0..3000 {
            c.define(Entry::nonvsam(&format!("BIG.DS{i:05}"), &["MCAT01"])).unwrap();
        }
        c.save(&mut v).unwrap();
        v.sync().unwrap();
        let c2 = Catalog::load(&v, "CATALOG.MASTER").unwrap();
        assert_eq!(c2, c);
        assert_eq!(c2.alias_target("IMSP"), Some("UCAT.IMSP"));
        assert_eq!(c2.list(&Mask::parse("BIG.DS0001*").unwrap()).len(), 10);
        let mut c3 = c2.clone();
        c3.rename("SYS1.PROCLIB", "SYS2.PROCLIB").unwrap();
        assert!(c3.locate("SYS2.PROCLIB").is_some());
        assert_eq!(c3.delete("NOPE.X").unwrap_err().id, "ICL205E");
    }
}
