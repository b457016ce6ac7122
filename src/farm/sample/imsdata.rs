//! IMS content of sample farms: RECONs and database data sets (wired to
//! the `ims` layer).

use crate::dasd::Volume;
use crate::ims::recon::Recon;
use crate::{Result, icl_bail};

pub fn build_recon(_commands: &str, origin: &str, _dsn: &str, _clock: u64) -> Result<Recon> {
    icl_bail!("ICL263E", "{origin}: RECON building is not wired yet")
}

pub fn store_recon(_vol: &mut Volume, _dsn: &str, _recon: &Recon) -> Result<()> {
    icl_bail!("ICL263E", "RECON storing is not wired yet")
}

pub fn fill_database(
    _vol: &mut Volume,
    dsn: &str,
    _vsam: bool,
    _recon: &Recon,
    _roots: u32,
    _seed: u64,
    _clock: u64,
) -> Result<()> {
    icl_bail!("ICL263E", "{dsn}: database generation is not wired yet")
}
