//! Database data set contents: a header block that carries the HALDB
//! partition ID and reorganisation number where IMS keeps them, then blocks
//! of segment records (or index/ILDS entries). Formats in
//! `docs/formats.md`.

pub mod block;
pub mod content;
pub mod header;
pub mod prng;

pub use block::{DataSet, Record, build, read, read_header, set_partition};
pub use header::{AreaGeometry, DsHeader, DsKind};

use crate::icl_bail;
use crate::ims::recon::ReconTime;
use crate::msg::Result;
use prng::SplitMix64;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenSpec {
    pub dbd: String,
    pub ddn: String,
    pub kind: DsKind,
    pub dsid: u16,
    /// 0 unless a HALDB partition data set.
    pub partition_id: u16,
    pub reorg: u16,
    /// OSAM block or VSAM CI size (the DEDB CI size for areas).
    pub block_size: u32,
    pub seed: u64,
    /// Records to generate.
    pub count: u32,
    pub created: ReconTime,
    pub area: Option<AreaGeometry>,
}

/// Generate a data set: the same spec always gives the same bytes.
pub fn generate(spec: &GenSpec) -> Result<Vec<u8>> {
    if let Some(a) = spec.area
        && a.ci_size != spec.block_size
    {
        icl_bail!(
            "ICL390E",
            "area CI size {} differs from the block size {}",
            a.ci_size,
            spec.block_size
        );
    }
    let header = DsHeader {
        partition_id: spec.partition_id,
        reorg: spec.reorg,
        kind: spec.kind,
        dsid: spec.dsid,
        dbd: spec.dbd.clone(),
        ddn: spec.ddn.clone(),
        created: spec.created,
        record_count: 0,
        block_size: spec.block_size,
        block_count: 0,
        seed: spec.seed,
        area: spec.area,
    };
    header.validate()?;
    let mut g = SplitMix64::for_parts(&[spec.dbd.as_bytes(), spec.ddn.as_bytes()], spec.seed);
    let recs = content::records(&mut g, spec.kind, spec.count, spec.partition_id, spec.reorg);
    build(&header, &recs)
}

#[cfg(test)]
mod tests;
