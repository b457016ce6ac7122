//! Read data sets of a farm by name, the way a program on z/OS does:
//! through the catalogs to a volume, then the VTOC. Volumes are opened
//! read-only, once, and kept for the reader's life.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{CatalogView, Farm};
use crate::dasd::{Access, Volume};
use crate::{Result, icl};

/// A read-only view of a farm's cataloged data sets.
pub struct FarmReader<'f> {
    pub farm: &'f Farm,
    pub catalogs: CatalogView,
    volumes: RefCell<HashMap<String, Rc<Volume>>>,
    /// VOLSER -> device number of the online devices, read once.
    devices: HashMap<String, String>,
}

impl<'f> FarmReader<'f> {
    pub fn new(farm: &'f Farm) -> Result<FarmReader<'f>> {
        Ok(FarmReader {
            farm,
            catalogs: farm.catalogs()?,
            volumes: RefCell::new(HashMap::new()),
            devices: farm.online_volsers(),
        })
    }

    /// The online volume with this VOLSER (opened once).
    pub fn volume(&self, volser: &str) -> Result<Rc<Volume>> {
        if let Some(v) = self.volumes.borrow().get(volser) {
            return Ok(v.clone());
        }
        let v = match self.devices.get(volser) {
            Some(dev) => Rc::new(self.farm.open_device(dev, Access::Read)?),
            None => Rc::new(self.farm.open_volser(volser, Access::Read)?),
        };
        self.volumes.borrow_mut().insert(volser.to_string(), v.clone());
        Ok(v)
    }

    /// Volumes a cataloged data set lives on (empty when not cataloged).
    pub fn volumes_of(&self, dsn: &str) -> Vec<String> {
        self.catalogs.volumes_of(dsn)
    }

    /// The volume holding a cataloged non-VSAM data set.
    pub fn volume_of(&self, dsn: &str) -> Result<Rc<Volume>> {
        let vs = self.volumes_of(dsn);
        let v = vs.first().ok_or_else(|| icl!("ICL269E", "{dsn} is not cataloged"))?;
        let vol = self.volume(v)?;
        if !vol.contains(dsn) && !vol.contains(&format!("{dsn}.DATA")) {
            return Err(icl!(
                "ICL270E",
                "{dsn} is cataloged on {v} but that volume's VTOC does not hold it"
            ));
        }
        Ok(vol)
    }

    /// A member of a cataloged PDS as text lines.
    pub fn member_text(&self, dsn: &str, member: &str) -> Result<Vec<String>> {
        self.volume_of(dsn)?.read_member_text(dsn, member)
    }

    /// Member names of a cataloged PDS.
    pub fn member_names(&self, dsn: &str) -> Result<Vec<String>> {
        Ok(self.volume_of(dsn)?.members(dsn)?.into_iter().map(|m| m.name).collect())
    }

    /// A cataloged sequential data set as text lines.
    pub fn text(&self, dsn: &str) -> Result<Vec<String>> {
        self.volume_of(dsn)?.read_text(dsn)
    }

    /// Split `DSN(MEMBER)`.
    pub fn split_member(dsn: &str) -> (&str, Option<&str>) {
        match dsn.find('(') {
            Some(p) if dsn.ends_with(')') => (&dsn[..p], Some(&dsn[p + 1..dsn.len() - 1])),
            _ => (dsn, None),
        }
    }
}
