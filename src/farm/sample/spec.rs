//! The description of a sample farm (`sample-systems/NAME/sample.toml`):
//! volumes, catalogs, data sets and their content, IMS subsystems. See
//! docs/farm.md for the meaning of every field.

use serde::Deserialize;

use crate::farm::config::{StorageGroup, Subsystem};
use crate::{Result, icl};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleSpec {
    pub sample: SampleHeader,
    #[serde(default)]
    pub storage_group: Vec<StorageGroup>,
    #[serde(default)]
    pub volume: Vec<SampleVolume>,
    #[serde(default)]
    pub catalog: Vec<SampleCatalog>,
    #[serde(default)]
    pub dataset: Vec<SampleDataset>,
    #[serde(default)]
    pub subsystem: Vec<Subsystem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleHeader {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub master_catalog: String,
    pub master_catalog_volume: String,
    /// Seconds since the epoch used as "now" for RECON time stamps, so the
    /// sample is the same every time it is built.
    pub clock: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleVolume {
    pub devnum: String,
    pub volser: String,
    pub cyls: u32,
    #[serde(default = "one")]
    pub vtoc_tracks: u32,
    #[serde(default)]
    pub storage_group: Option<String>,
    #[serde(default = "yes")]
    pub online: bool,
}

/// A user catalog, its volume and the aliases that route to it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleCatalog {
    pub name: String,
    pub volser: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleDataset {
    pub dsn: String,
    pub volser: String,
    /// `PS`, `PO` or `VSAM`.
    pub dsorg: String,
    #[serde(default)]
    pub recfm: Option<String>,
    #[serde(default)]
    pub lrecl: Option<u16>,
    #[serde(default)]
    pub blksize: Option<u16>,
    /// `TRK,primary,secondary[,directory]` or `CYL,...`.
    pub space: String,
    #[serde(default)]
    pub vsam: Option<VsamSpec>,
    /// PDS members: a folder (relative to the sample) of one file per member.
    #[serde(default)]
    pub members: Option<String>,
    /// PS text: a file whose lines become the records.
    #[serde(default)]
    pub text: Option<String>,
    /// Load library members: deterministic pseudo load modules of these names.
    #[serde(default)]
    pub load_modules: Option<Vec<String>>,
    /// RECON: a DBRC command stream (relative to the sample) run to build it.
    #[serde(default)]
    pub recon: Option<String>,
    /// Database data set: generated segments; DBD/DD/partition come from
    /// the RECON that registers this DSN.
    #[serde(default)]
    pub dbdata: Option<DbDataSpec>,
    /// Log and other sequential data: generated records.
    #[serde(default)]
    pub fill: Option<FillSpec>,
    /// Catalog the data set (default yes).
    #[serde(default = "yes")]
    pub catalog: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VsamSpec {
    /// `KSDS` or `ESDS`.
    pub org: String,
    pub ci: u16,
    pub maxrec: u16,
    #[serde(default)]
    pub keylen: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbDataSpec {
    /// Root segments to generate.
    pub roots: u32,
    pub seed: u64,
    /// The RECON (cluster name) that registers this data set.
    pub recon: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillSpec {
    pub records: u32,
    pub seed: u64,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

impl SampleSpec {
    pub fn parse(text: &str, origin: &str) -> Result<SampleSpec> {
        toml::from_str(text).map_err(|e| icl!("ICL260E", "{origin}: {}", e.to_string().trim()))
    }
}
