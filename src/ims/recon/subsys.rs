//! SSYS (subsystem) and BACKOUT records.

use super::db::AccessIntent;
use super::extra::Extra;
use super::kw::kw_enum;
use super::time::ReconTime;
use serde::{Deserialize, Serialize};

kw_enum! {
    /// SSTYPE of a subsystem record.
    SsType {
        Online = "ONLINE",
        Batch = "BATCH",
    }
}

/// A database (or DEDB area) a subsystem is authorised for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsysAuth {
    pub dbd: String,
    pub area: Option<String>,
    pub intent: AccessIntent,
    pub extra: Extra,
}

/// SSYS: an IMS or batch job that signed on to DBRC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subsys {
    pub ssid: String,
    pub sstype: SsType,
    pub irlmid: Option<String>,
    pub abnormal_term: bool,
    pub recovery_started: bool,
    /// START time of the log the subsystem writes.
    pub log_start: Option<ReconTime>,
    pub auth: Vec<SubsysAuth>,
    pub extra: Extra,
}

/// One unit of recovery that still needs backout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uor {
    /// Time the unit of recovery began (its recovery token time).
    pub time: ReconTime,
    pub psb: String,
    pub dbs: Vec<String>,
    pub extra: Extra,
}

/// BACKOUT: units of work of one SSID needing backout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backout {
    pub ssid: String,
    pub uors: Vec<Uor>,
    pub extra: Extra,
}
