//! The RECON header record: defaults and status of the RECON set itself.

use super::extra::Extra;
use super::kw::kw_enum;
use super::time::ReconTime;
use serde::{Deserialize, Serialize};

kw_enum! {
    /// Role of one RECON data set in the set of three.
    ReconStatus {
        Copy1 = "COPY1",
        Copy2 = "COPY2",
        Spare = "SPARE",
        Unavailable = "UNAVAILABLE",
        Discarded = "DISCARDED",
    }
}

kw_enum! {
    /// How DBRC compares log data set names (CHECK17/CHECK44/NOCHECK).
    LogDsnCheck {
        NoCheck = "NOCHECK",
        Check17 = "CHECK17",
        Check44 = "CHECK44",
    }
}

kw_enum! {
    /// Command authorization (CMDAUTH) mode.
    CmdAuth {
        None = "NONE",
        Saf = "SAF",
        Exit = "EXIT",
        Both = "BOTH",
    }
}

/// One of RECON1/2/3 as the header knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconDs {
    pub ddn: String,
    pub status: ReconStatus,
    pub dsn: Option<String>,
    pub extra: Extra,
}

/// The singleton header (and its extension, which we fold in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Default SSID for commands that need one (CHANGE.RECON SSID).
    pub ssid: Option<String>,
    /// Last DMB number handed out; INIT.DB and INIT.PART take the next one.
    pub dmb_counter: u32,
    /// FORCER: every database must be registered before use.
    pub force_reg: bool,
    pub log_dsn_check: LogDsnCheck,
    /// STARTNEW: allow new work to start with only one RECON.
    pub startnew: bool,
    pub tape_unit: String,
    pub dasd_unit: String,
    /// Minimum IMS version allowed to use this RECON, e.g. "15.1".
    pub minvers: String,
    pub cmdauth: CmdAuth,
    pub cmdauth_hlq: Option<String>,
    pub imsplex: Option<String>,
    /// Set once by INIT.RECON; lets a reader tell two RECON sets apart.
    pub init_token: ReconTime,
    pub recons: Vec<ReconDs>,
    pub extra: Extra,
}

impl Header {
    /// The header INIT.RECON writes with no options, at time `now`.
    pub fn new(now: ReconTime) -> Self {
        Header {
            ssid: None,
            dmb_counter: 0,
            force_reg: false,
            log_dsn_check: LogDsnCheck::Check17,
            startnew: false,
            tape_unit: "3490".into(),
            dasd_unit: "SYSDA".into(),
            minvers: "15.1".into(),
            cmdauth: CmdAuth::None,
            cmdauth_hlq: None,
            imsplex: None,
            init_token: now,
            recons: ["RECON1", "RECON2", "RECON3"]
                .iter()
                .zip([ReconStatus::Copy1, ReconStatus::Copy2, ReconStatus::Spare])
                .map(|(d, s)| ReconDs {
                    ddn: (*d).into(),
                    status: s,
                    dsn: None,
                    extra: Extra::default(),
                })
                .collect(),
            extra: Extra::default(),
        }
    }
}
