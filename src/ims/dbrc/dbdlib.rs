//! What DBRC reads from the DBDLIB (the `IMS` DD of DSPURX00).
//!
//! Real DBRC takes DSIDs, DBORG and DSORG from the DBD. The DBD parser lives
//! elsewhere in `ims`; the processor asks through this trait, so callers can
//! plug in whatever DBD source they have. Without one, DBRC defaults apply
//! (see `docs/formats.md`).

use crate::ims::recon::{DbOrg, DsOrg};

/// The DBD facts DBRC needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbdFacts {
    pub dborg: DbOrg,
    pub dsorg: DsOrg,
    /// DD names of the data set groups in DSID order (full function).
    pub ddnames: Vec<String>,
    /// Area names (DEDB).
    pub areas: Vec<String>,
}

impl DbdFacts {
    /// What DBRC takes from a DBD: organisation, access method (a DEDB is
    /// VSAM), the data set group DD names and the area names.
    pub fn of_dbd(dbd: &crate::ims::dbd::Dbd) -> DbdFacts {
        let dborg = dbd
            .organisation
            .and_then(|o| DbOrg::from_kw(o.name()))
            .unwrap_or(DbOrg::Unknown);
        let dsorg = match dbd.access_method.as_ref().map(|a| a.name().to_string()) {
            Some(a) if a == "OSAM" => DsOrg::Osam,
            Some(a) if a == "VSAM" => DsOrg::Vsam,
            _ if dborg == DbOrg::Dedb => DsOrg::Vsam,
            _ => DsOrg::Unknown,
        };
        DbdFacts {
            dborg,
            dsorg,
            ddnames: dbd.datasets.iter().filter_map(|d| d.dd1.clone()).collect(),
            areas: dbd.areas.iter().filter_map(|a| a.dd1.clone()).collect(),
        }
    }
}

/// A source of DBD facts by DBD name.
pub trait DbdLib {
    fn dbd(&self, name: &str) -> Option<DbdFacts>;
}

/// A DBDLIB held in memory (tests, sample farms).
#[derive(Debug, Clone, Default)]
pub struct MemDbdLib(pub std::collections::BTreeMap<String, DbdFacts>);

impl DbdLib for MemDbdLib {
    fn dbd(&self, name: &str) -> Option<DbdFacts> {
        self.0.get(name).cloned()
    }
}

impl MemDbdLib {
    /// A DBDLIB of parsed DBD sources.
    pub fn from_dbds<'a>(dbds: impl IntoIterator<Item = &'a crate::ims::dbd::Dbd>) -> MemDbdLib {
        MemDbdLib(
            dbds.into_iter()
                .map(|d| (d.name.clone(), DbdFacts::of_dbd(d)))
                .collect(),
        )
    }
}
