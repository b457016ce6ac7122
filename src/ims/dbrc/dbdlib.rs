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
