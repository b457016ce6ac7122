//! DBDS and AREA records and the recovery history under them (ALLOC, IMAGE,
//! REORG, RECOV), plus the ADS list of a DEDB area.

use super::extra::Extra;
use super::kw::kw_enum;
use super::time::ReconTime;
use serde::{Deserialize, Serialize};

kw_enum! {
    /// Database organisation as DBRC records it for a data set (DBORG).
    DbOrg {
        Hsam = "HSAM",
        Shsam = "SHSAM",
        Hisam = "HISAM",
        Shisam = "SHISAM",
        Hdam = "HDAM",
        Hidam = "HIDAM",
        Phdam = "PHDAM",
        Phidam = "PHIDAM",
        Index = "INDEX",
        Psindex = "PSINDEX",
        Dedb = "DEDB",
        Gsam = "GSAM",
        /// Not known: no DBDLIB was available when the DBDS was defined.
        Unknown = "UNKNOWN",
    }
}

kw_enum! {
    /// Data set organisation (DSORG) of a database data set.
    DsOrg {
        Osam = "OSAM",
        Vsam = "VSAM",
        Unknown = "UNKNOWN",
    }
}

kw_enum! {
    /// Kind of image copy.
    IcKind {
        /// Batch (clean) image copy.
        Batch = "BATCH",
        /// Concurrent (fuzzy) image copy, CIC.
        Concur = "CONCUR",
    }
}

/// One area data set of a DEDB area (up to 7: MADS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ads {
    pub addn: String,
    pub adsn: String,
    pub avail: bool,
    pub extra: Extra,
}

/// Area attributes: what makes a DBDS record an AREA record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaInfo {
    pub preopen: bool,
    pub vso: bool,
    pub ads: Vec<Ads>,
}

/// ALLOC: the DBDS was allocated by an updater.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alloc {
    pub time: ReconTime,
    pub dssn: u32,
    pub usid: u32,
    /// START of the log in use at allocation.
    pub log_start: Option<ReconTime>,
    pub dealloc: Option<ReconTime>,
    pub extra: Extra,
}

/// One image copy data set (IC1 or IC2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcDataSet {
    pub dsn: String,
    pub unit: String,
    pub file_seq: u16,
    pub volsers: Vec<String>,
    pub extra: Extra,
}

/// IMAGE: an image copy of the DBDS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub run: ReconTime,
    pub kind: IcKind,
    pub usid: u32,
    pub record_count: u64,
    pub ic1: IcDataSet,
    pub ic2: Option<IcDataSet>,
    pub extra: Extra,
}

/// REORG: the DBDS was reorganised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reorg {
    pub run: ReconTime,
    pub usid: u32,
    pub online: bool,
    pub extra: Extra,
}

/// RECOV: the DBDS was recovered (to `end` for a time-stamp recovery).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recov {
    pub run: ReconTime,
    pub end: Option<ReconTime>,
    pub extra: Extra,
}

/// A DBDS record (or, with `area`, an AREA record) and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dbds {
    /// DD name; for a DEDB area the area name.
    pub ddn: String,
    /// Data set name; empty for an area (its data sets are the ADS list).
    pub dsn: String,
    pub dsid: u16,
    pub dborg: DbOrg,
    pub dsorg: DsOrg,
    pub cagrp: Option<String>,
    pub genmax: u16,
    pub recovpd: u16,
    pub reuse: bool,
    pub ic_needed: bool,
    pub ic_recommended: bool,
    pub recov_needed: bool,
    pub receive_needed: bool,
    /// Data set sequence number, bumped at each update allocation.
    pub dssn: u32,
    pub icjcl: String,
    pub oicjcl: String,
    pub recovjcl: String,
    pub area: Option<AreaInfo>,
    pub allocs: Vec<Alloc>,
    pub images: Vec<Image>,
    pub reorgs: Vec<Reorg>,
    pub recovs: Vec<Recov>,
    pub extra: Extra,
}

impl Dbds {
    /// A DBDS with DBRC's defaults (GENMAX 2, NOREUSE, default skeletons).
    pub fn new(ddn: &str, dsn: &str, dsid: u16) -> Self {
        Dbds {
            ddn: ddn.to_string(),
            dsn: dsn.to_string(),
            dsid,
            dborg: DbOrg::Unknown,
            dsorg: DsOrg::Unknown,
            cagrp: None,
            genmax: 2,
            recovpd: 0,
            reuse: false,
            ic_needed: false,
            ic_recommended: false,
            recov_needed: false,
            receive_needed: false,
            dssn: 0,
            icjcl: "ICJCL".into(),
            oicjcl: "OICJCL".into(),
            recovjcl: "RECOVJCL".into(),
            area: None,
            allocs: Vec::new(),
            images: Vec::new(),
            reorgs: Vec::new(),
            recovs: Vec::new(),
            extra: Extra::default(),
        }
    }

    pub fn is_area(&self) -> bool {
        self.area.is_some()
    }

    /// Keep history in time order (the order RECON keys give).
    pub fn sort_history(&mut self) {
        self.allocs.sort_by_key(|a| a.time);
        self.images.sort_by_key(|i| i.run);
        self.reorgs.sort_by_key(|r| r.run);
        self.recovs.sort_by_key(|r| r.run);
        if let Some(a) = &mut self.area {
            a.ads.sort_by_key(|x| crate::dasd::ebcdic::encode(&x.addn));
        }
    }

    /// Register an image copy: keep at most GENMAX (oldest dropped beyond
    /// the recovery period measured from `ic.run`), clear IC NEEDED/RECOMMENDED.
    pub fn add_image(&mut self, ic: Image) {
        let run = ic.run;
        self.images.push(ic);
        self.images.sort_by_key(|i| i.run);
        let recovpd_tenths = u64::from(self.recovpd) * 86_400 * 10;
        while self.images.len() > usize::from(self.genmax.max(1)) {
            let oldest = self.images[0].run;
            // RECOVPD keeps copies younger than that many days even past GENMAX.
            if run.to_tenths().saturating_sub(oldest.to_tenths()) < recovpd_tenths {
                break;
            }
            self.images.remove(0);
        }
        self.ic_needed = false;
        self.ic_recommended = false;
    }
}
