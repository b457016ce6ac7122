//! The catalog structure of a farm: the master catalog, its aliases and
//! user catalog connectors, and the user catalogs, loaded together so a
//! name can be located the way z/OS catalog search does it.

use std::collections::BTreeMap;

use super::Farm;
use crate::catalog::{Catalog, Entry, EntryKind, Mask};
use crate::dasd::Access;
use crate::{Result, icl};

/// All catalogs of a farm.
#[derive(Debug, Clone)]
pub struct CatalogView {
    pub master: Catalog,
    pub user: BTreeMap<String, Catalog>,
}

/// Where a name is cataloged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    pub catalog: &'a str,
    pub entry: &'a Entry,
}

impl CatalogView {
    pub fn load(farm: &Farm) -> Result<CatalogView> {
        let f = &farm.config.farm;
        let mvol = farm.open_volser(&f.master_catalog_volume, Access::Read)?;
        let master = Catalog::load(&mvol, &f.master_catalog)?;
        let mut user = BTreeMap::new();
        for e in master.entries().filter(|e| e.kind == EntryKind::UserCatalog) {
            let vs = e
                .volumes
                .first()
                .ok_or_else(|| icl!("ICL210E", "user catalog {} has no volume in the master catalog", e.name))?;
            let vol = farm
                .open_volser(vs, Access::Read)
                .map_err(|x| x.context(format!("user catalog {}", e.name)))?;
            user.insert(e.name.clone(), Catalog::load(&vol, &e.name)?);
        }
        Ok(CatalogView { master, user })
    }

    /// The catalog that owns a name: its HLQ's alias, else the master.
    pub fn catalog_for(&self, dsn: &str) -> &Catalog {
        let hlq = dsn.split('.').next().unwrap_or(dsn);
        self.master
            .alias_target(hlq)
            .and_then(|u| self.user.get(u))
            .unwrap_or(&self.master)
    }

    /// Locate a name through the alias of its HLQ (or the master catalog).
    pub fn locate(&self, dsn: &str) -> Option<Located<'_>> {
        let c = self.catalog_for(dsn);
        c.locate(dsn).map(|entry| Located {
            catalog: &c.name,
            entry,
        })
    }

    /// Every entry matching a mask, in every catalog (catalog, entry).
    pub fn list(&self, mask: &Mask) -> Vec<Located<'_>> {
        let mut out: Vec<Located<'_>> = Vec::new();
        for c in std::iter::once(&self.master).chain(self.user.values()) {
            out.extend(c.list(mask).into_iter().map(|entry| Located {
                catalog: &c.name,
                entry,
            }));
        }
        out.sort_by(|a, b| a.entry.name.cmp(&b.entry.name));
        out
    }

    /// Volumes holding a cataloged data set (a cluster's come from its components).
    pub fn volumes_of(&self, dsn: &str) -> Vec<String> {
        let Some(l) = self.locate(dsn) else { return Vec::new() };
        match &l.entry.kind {
            EntryKind::Cluster { data, index, .. } => {
                let mut v = self.locate(data).map(|d| d.entry.volumes.clone()).unwrap_or_default();
                if let Some(ix) = index.as_deref().and_then(|i| self.locate(i)) {
                    for x in &ix.entry.volumes {
                        if !v.contains(x) {
                            v.push(x.clone());
                        }
                    }
                }
                v
            }
            _ => l.entry.volumes.clone(),
        }
    }
}
