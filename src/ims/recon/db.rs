//! DB records: full-function, Fast Path, HALDB master and HALDB partition.

use super::dbds::{DbOrg, Dbds, DsOrg};
use super::extra::Extra;
use super::kw::kw_enum;
use serde::{Deserialize, Serialize};

kw_enum! {
    /// Access intent of a subsystem authorised for a database.
    AccessIntent {
        Exclusive = "EXCLUSIVE",
        Update = "UPDATE",
        Read = "READ",
        ReadOnly = "READ ONLY",
    }
}

kw_enum! {
    /// Which data set letters of a partition are active (online reorg
    /// alternates between A-J and M-V).
    ActiveSet {
        AtoJ = "A-J",
        MtoV = "M-V",
    }
}

/// One entry of a DB's authorization list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbAuth {
    pub ssid: String,
    pub intent: AccessIntent,
    /// DBRC's encoded authorization state (LIST prints the number).
    pub state: u8,
    pub extra: Extra,
}

/// HALDB master attributes (DB TYPE=HALDB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HaldbMaster {
    /// Partition selection exit (PARTSEL); `None` = high-key selection.
    pub partsel: Option<String>,
    /// Last partition ID given out; INIT.PART takes the next, IDs are never reused.
    pub last_part_id: u16,
    pub olr_capable: bool,
    pub osam8g: bool,
    /// Data set groups (A-J) each partition has.
    pub dsg_count: u8,
    /// PHDAM, PHIDAM or PSINDEX (decides which data sets a partition gets).
    pub dborg: DbOrg,
    /// OSAM or VSAM for the A-J data sets (ILDS and indexes are always VSAM).
    pub dsorg: DsOrg,
}

/// A HALDB partition's high key or selection string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyString {
    /// Bytes as they compare against keys in the data (EBCDIC for the char form).
    pub bytes: Vec<u8>,
    /// Given as `X'..'` (LIST shows it in hex).
    pub hex: bool,
}

/// HALDB partition attributes (DB TYPE=PART).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partition {
    pub master: String,
    pub id: u16,
    /// DSNPREFX, at most 37 characters (DBRC appends `.Annnnn`).
    pub dsn_prefix: String,
    pub key_string: Option<KeyString>,
    /// OSAM block size of each data set group, A first.
    pub block_sizes: Vec<u32>,
    pub fbff: u8,
    pub fspf: u8,
    pub genmax: u16,
    pub recovpd: u16,
    pub reuse: bool,
    pub reorg: u16,
    pub active_set: ActiveSet,
    /// PINIT: partition initialisation needed.
    pub pinit: bool,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// CHANGE# counts CHANGE.PART commands.
    pub change_count: u32,
}

impl Partition {
    /// DSN of the data set with `letter` (A-J, L, X, M-V, Y) of this partition.
    pub fn dsn(&self, letter: char) -> String {
        format!("{}.{}{:05}", self.dsn_prefix, letter, self.id)
    }
}

/// What kind of database a DB record describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DbKind {
    /// TYPE=IMS: full function (HDAM, HIDAM, HISAM, INDEX ...).
    Ims,
    /// TYPE=FP: DEDB.
    Fp,
    /// TYPE=HALDB: the master of a partitioned database.
    Haldb(HaldbMaster),
    /// TYPE=PART: one partition of a HALDB.
    Part(Partition),
}

impl DbKind {
    /// The TYPE= word LIST prints.
    pub fn type_word(&self) -> &'static str {
        match self {
            DbKind::Ims => "IMS",
            DbKind::Fp => "FP",
            DbKind::Haldb(_) => "HALDB",
            DbKind::Part(_) => "PART",
        }
    }
}

/// A DB record with the DBDS/AREA records that belong to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Db {
    /// DBD name (for a partition: the partition name).
    pub name: String,
    pub kind: DbKind,
    pub dmb: u32,
    pub share_level: u8,
    pub recoverable: bool,
    pub backout_needed: bool,
    pub read_only: bool,
    /// PROHIBIT AUTHORIZATION (CHANGE.DB NOAUTH, /DBR GLOBAL).
    pub prohibit_auth: bool,
    /// Update set ID, bumped on reorganisation or image copy.
    pub usid: u32,
    pub auth: Vec<DbAuth>,
    /// Data sets (or DEDB areas) in DSID order.
    pub dbds: Vec<Dbds>,
    pub extra: Extra,
}

impl Db {
    /// A new DB record with DBRC's defaults.
    pub fn new(name: &str, kind: DbKind, dmb: u32) -> Self {
        Db {
            name: name.to_string(),
            kind,
            dmb,
            share_level: 0,
            recoverable: true,
            backout_needed: false,
            read_only: false,
            prohibit_auth: false,
            usid: 1,
            auth: Vec::new(),
            dbds: Vec::new(),
            extra: Extra::default(),
        }
    }

    pub fn partition(&self) -> Option<&Partition> {
        match &self.kind {
            DbKind::Part(p) => Some(p),
            _ => None,
        }
    }

    pub fn master(&self) -> Option<&HaldbMaster> {
        match &self.kind {
            DbKind::Haldb(m) => Some(m),
            _ => None,
        }
    }

    /// DBDS of this DB by DD (or area) name.
    pub fn dbds(&self, ddn: &str) -> Option<&Dbds> {
        self.dbds.iter().find(|d| d.ddn == ddn)
    }

    pub fn dbds_mut(&mut self, ddn: &str) -> Option<&mut Dbds> {
        self.dbds.iter_mut().find(|d| d.ddn == ddn)
    }

    /// IMAGE COPY NEEDED COUNT of LIST.DB: DBDSs flagged IC NEEDED.
    pub fn ic_needed_count(&self) -> usize {
        self.dbds.iter().filter(|d| d.ic_needed).count()
    }

    /// RECOVERY NEEDED COUNT of LIST.DB.
    pub fn recov_needed_count(&self) -> usize {
        self.dbds.iter().filter(|d| d.recov_needed).count()
    }
}
