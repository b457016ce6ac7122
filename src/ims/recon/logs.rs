//! Log records: PRIOLD/SECOLD (online logs), PRILOG/SECLOG (RLDS) and
//! PRISLD/SECSLD (SLDS).

use super::extra::Extra;
use super::kw::kw_enum;
use super::time::ReconTime;
use serde::{Deserialize, Serialize};

kw_enum! {
    /// Primary or secondary copy (dual logging).
    LogCopy {
        Primary = "PRI",
        Secondary = "SEC",
    }
}

kw_enum! {
    /// Which archived log a log record describes.
    LogKind {
        /// PRILOG/SECLOG: recovery log data set (RLDS) or the SLDS when no RLDS.
        Rlds = "LOG",
        /// PRISLD/SECSLD: system log data set.
        Slds = "SLD",
    }
}

kw_enum! {
    /// State of one OLDS in a PRIOLD/SECOLD record.
    OldsStatus {
        Active = "ACTIVE",
        ArchiveNeeded = "ARCHIVE NEEDED",
        ArcComplt = "ARC COMPLT",
        Avail = "AVAIL",
    }
}

/// One OLDS of a subsystem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OldsEntry {
    pub ddn: String,
    pub dsn: String,
    pub status: OldsStatus,
    pub start: Option<ReconTime>,
    pub stop: Option<ReconTime>,
    pub extra: Extra,
}

/// PRIOLD or SECOLD: the online log data sets of one SSID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Olds {
    pub copy: LogCopy,
    pub ssid: String,
    pub entries: Vec<OldsEntry>,
    pub extra: Extra,
}

/// One data set (volume set) of an archived log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogDsn {
    pub dsn: String,
    pub unit: String,
    pub volsers: Vec<String>,
    pub start: ReconTime,
    pub stop: Option<ReconTime>,
    pub extra: Extra,
}

/// PRILOG/SECLOG/PRISLD/SECSLD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Log {
    pub kind: LogKind,
    pub copy: LogCopy,
    pub ssid: String,
    pub start: ReconTime,
    pub stop: Option<ReconTime>,
    /// IMS version that wrote the log, e.g. "15.1".
    pub version: String,
    pub dsns: Vec<LogDsn>,
    pub extra: Extra,
}

impl Log {
    /// The record name LIST prints: PRILOG, SECLOG, PRISLD or SECSLD.
    pub fn record_name(&self) -> &'static str {
        match (self.copy, self.kind) {
            (LogCopy::Primary, LogKind::Rlds) => "PRILOG",
            (LogCopy::Secondary, LogKind::Rlds) => "SECLOG",
            (LogCopy::Primary, LogKind::Slds) => "PRISLD",
            (LogCopy::Secondary, LogKind::Slds) => "SECSLD",
        }
    }
}

impl Olds {
    /// PRIOLD or SECOLD.
    pub fn record_name(&self) -> &'static str {
        match self.copy {
            LogCopy::Primary => "PRIOLD",
            LogCopy::Secondary => "SECOLD",
        }
    }
}
