//! A RECON on a volume: the records of [`codec`](super::codec) kept in a
//! VSAM-like KSDS cluster (32-byte keys at offset 0).

use super::{Recon, decode, encode};
use crate::Result;
use crate::catalog::vsam;
use crate::dasd::Volume;

/// Key length of a RECON cluster.
pub const RECON_KEYLEN: u8 = 32;

/// Read the RECON held in `cluster` on this volume.
pub fn load(vol: &Volume, cluster: &str) -> Result<Recon> {
    let recs = vsam::read_records(vol, &format!("{cluster}.DATA"))?;
    decode(&recs).map_err(|e| e.context(format!("RECON {cluster} on {}", vol.volser())))
}

/// Is the RECON data set empty (a spare, or never initialised)?
pub fn is_empty(vol: &Volume, cluster: &str) -> Result<bool> {
    Ok(vsam::read_records(vol, &format!("{cluster}.DATA"))?.is_empty())
}

/// Write the RECON into `cluster` on this volume (data and index).
pub fn store(vol: &mut Volume, cluster: &str, recon: &Recon) -> Result<()> {
    let recs = encode(recon);
    vsam::write_records(
        vol,
        &format!("{cluster}.DATA"),
        Some(&format!("{cluster}.INDEX")),
        &recs,
    )
}
