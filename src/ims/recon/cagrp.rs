//! CAGRP (change accumulation group) and CA (one CA run) records.

use super::extra::Extra;
use super::time::ReconTime;
use serde::{Deserialize, Serialize};

/// A DBDS that belongs to a CA group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaMember {
    pub dbd: String,
    pub ddn: String,
    pub extra: Extra,
}

/// CA: one change accumulation data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ca {
    pub run: ReconTime,
    /// Time of the last log record accumulated.
    pub stop: Option<ReconTime>,
    pub dsn: String,
    pub unit: String,
    pub file_seq: u16,
    pub volsers: Vec<String>,
    pub extra: Extra,
}

/// CAGRP with its CA records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaGroup {
    pub name: String,
    pub grpmax: u16,
    pub reuse: bool,
    pub cajcl: String,
    pub members: Vec<CaMember>,
    pub cas: Vec<Ca>,
    pub extra: Extra,
}
