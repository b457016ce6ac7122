//! What discovery finds out about an IMS system.

use serde::Serialize;

/// A note discovery makes on the way (message ID and text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: &'static str,
    pub text: String,
}

/// One IMS control region (a data-sharing member or a stand-alone IMS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImsMember {
    pub imsid: String,
    /// The DFSPBxxx member.
    pub dfspb: String,
    /// The control region procedure (PROCLIB member).
    pub ctl_proc: Option<String>,
    /// RGSUF of the control region (the DFSPB suffix).
    pub rgsuf: String,
    pub dbrc_proc: Option<String>,
    pub dli_proc: Option<String>,
    /// IRLM=Y and its name.
    pub irlm: Option<String>,
    /// (DD name, DSN) of the control region's data sets.
    pub dds: Vec<(String, String)>,
    /// (DD name, DSN) of the online log data sets.
    pub olds: Vec<(String, String)>,
    pub wads: Vec<(String, String)>,
}

/// A RECON data set of the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconRef {
    pub ddn: String,
    pub dsn: String,
    /// COPY1, COPY2, SPARE ... as the RECON header records it.
    pub status: String,
}

/// A data set of a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DbDataset {
    /// DD name (a partition's DD name; an area data set's ADDN).
    pub ddn: String,
    pub dsn: String,
    pub partition: Option<String>,
    pub partition_id: Option<u16>,
    pub area: Option<String>,
}

/// A HALDB partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionRef {
    pub name: String,
    pub id: u16,
    pub dsn_prefix: String,
    pub reorg: u16,
}

/// One database of the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Database {
    pub name: String,
    /// DBRC type: IMS, FP, HALDB.
    pub dbrc_type: String,
    /// Organisation: HDAM, HIDAM, PHDAM, DEDB, INDEX ... (DBD source, else RECON).
    pub org: String,
    /// OSAM or VSAM (DBD source, else RECON).
    pub access: String,
    /// Where the DBD source was found (`DSN(MEMBER)`).
    pub dbd_source: Option<String>,
    pub partitions: Vec<PartitionRef>,
    pub datasets: Vec<DbDataset>,
    /// Index DBDs related to it (primary and secondary indexes), from the DBD.
    pub indexes: Vec<String>,
    /// DBRC flags that are on (IC NEEDED, RECOV NEEDED, PROHIBIT AUTH ...).
    pub flags: Vec<String>,
}

/// One data set the system refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetRef {
    pub dsn: String,
    /// Why it belongs to the system: `IMP1CTL:STEPLIB`, `RECON:DBDS CUSTDB`, `MDA:RECON1`, `HLQ` ...
    pub roles: Vec<String>,
    /// Volumes from the catalog (empty when not cataloged).
    pub volumes: Vec<String>,
}

/// Everything discovery found about one IMS system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImsSystem {
    /// The system (data-sharing group) name.
    pub name: String,
    pub members: Vec<ImsMember>,
    pub proclib: String,
    /// High-level qualifiers of the system's data sets.
    pub hlqs: Vec<String>,
    /// The default SSID in the RECON header.
    pub recon_ssid: Option<String>,
    pub recons: Vec<ReconRef>,
    pub mdalib: Option<String>,
    pub databases: Vec<Database>,
    pub datasets: Vec<DatasetRef>,
    pub volumes: Vec<String>,
    pub notes: Vec<Note>,
}

impl ImsSystem {
    pub fn database(&self, name: &str) -> Option<&Database> {
        self.databases.iter().find(|d| d.name == name)
    }

    pub fn dataset(&self, dsn: &str) -> Option<&DatasetRef> {
        self.datasets.iter().find(|d| d.dsn == dsn)
    }

    pub fn imsids(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.imsid.as_str()).collect()
    }
}
