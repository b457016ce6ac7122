//! Requests: what the user asks for, as plain data read from a TOML job
//! file (the same file the panels save as a profile).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::movers::FastReplication;
use crate::{Result, icl};

/// A job file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobFile {
    pub job: JobHeader,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clone: Option<SystemClone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<DbRefresh>,
    /// A skeleton clone (the whitepaper's Figure 3): the system clone's
    /// fields; `volumes` is not used (the system's own data sets are
    /// copied by data set) and `targets.storage_group` (or the devices of
    /// `targets.pairs`) names the volumes that receive them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skeleton: Option<SystemClone>,
}

/// A database refresh (the whitepaper's Figure 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbRefresh {
    /// Source system (data-sharing group) or IMSID.
    pub source: String,
    /// Target system or IMSID.
    pub target: String,
    /// Databases by name; masks with `*` and `%` allowed. Their indexes
    /// (primary and secondary) are refreshed with them.
    pub databases: Vec<String>,
    /// Rename masks for data sets the target does not have yet (a database
    /// defined by COPY-IF-NO-TARGET-DB, a redefined HALDB's partitions).
    #[serde(default)]
    pub rename: Vec<RenamePair>,
    #[serde(default)]
    pub options: RefreshOptions,
}

/// DATA-MOVER: copy here, or write job streams for an external copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DataMover {
    /// Copy the data sets (DFSMSdss ADRDSSU in the IBM tool).
    #[default]
    Adrdssu,
    /// Copy nothing: write the data set list, ADRDSSU, DBRC and IMS command
    /// streams into the job folder (PRECOPY/POSTCOPY for your own copy).
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshOptions {
    /// Copy while the source runs (no /DBR of the source): not consistent.
    #[serde(default)]
    pub fuzzy_copy: bool,
    /// Define a database the target does not have.
    #[serde(default)]
    pub copy_if_no_target_db: bool,
    /// Redefine a target HALDB whose partitions differ from the source's.
    #[serde(default)]
    pub copy_if_different_haldb: bool,
    #[serde(default)]
    pub data_mover: DataMover,
    #[serde(default)]
    pub fastreplication: FastReplication,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            fuzzy_copy: false,
            copy_if_no_target_db: false,
            copy_if_different_haldb: false,
            data_mover: DataMover::Adrdssu,
            fastreplication: FastReplication::Preferred,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobHeader {
    /// `system-clone`, `db-refresh` or `skeleton-clone`.
    #[serde(rename = "type")]
    pub kind: String,
    /// 1-8 characters: the prefix of the job ID.
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A whole-system clone (the whitepaper's Figure 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemClone {
    /// Source system (data-sharing group) or IMSID.
    pub source: String,
    /// Name of the new system (group).
    pub target: String,
    /// Source volumes: the union of these selections.
    #[serde(default)]
    pub volumes: VolumeSelection,
    /// Where the copies go.
    pub targets: TargetSelection,
    /// Ordered rename masks: the first that matches a name decides.
    #[serde(default)]
    pub rename: Vec<RenamePair>,
    /// IMS names: IMSIDs, the SSID, IRLM names, IRLM group, IMSPLEX, DFSPB
    /// suffixes (source -> target).
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    #[serde(default)]
    pub catalog: CatalogOptions,
    #[serde(default)]
    pub options: CloneOptions,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeSelection {
    #[serde(default)]
    pub volsers: Vec<String>,
    /// VOLSER masks: `IMSP*`, `IMS%01`.
    #[serde(default)]
    pub masks: Vec<String>,
    #[serde(default)]
    pub storage_groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSelection {
    /// Explicit pairs (source VOLSER -> target device).
    #[serde(default)]
    pub pairs: Vec<VolumePair>,
    /// Any free device of the same type in this storage group.
    #[serde(default)]
    pub storage_group: Option<String>,
    /// New VOLSERs: pairs of VOLSER masks (`["IMSP%%", "IMSQ%%"]`), first
    /// match wins. A pair's `volser` overrides.
    #[serde(default)]
    pub volser_masks: Vec<[String; 2]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumePair {
    pub source: String,
    pub device: String,
    /// The target's new VOLSER (default: from volser_masks).
    #[serde(default)]
    pub volser: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenamePair {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogOptions {
    /// The target user catalog (default: the source one with the names map
    /// applied to its qualifiers, `UCAT.IMSP` -> `UCAT.IMSQ`).
    #[serde(default)]
    pub user_catalog: Option<String>,
    /// Aliases to define for it (default: the target HLQs of the rename masks).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// RENAME-ERROR(ABORT|CONTINUE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RenameError {
    #[default]
    Abort,
    Continue,
}

/// NOTRENAMED(KEEP|DELETE): what happens to data sets no mask matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum NotRenamed {
    #[default]
    Keep,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloneOptions {
    #[serde(default)]
    pub fastreplication: FastReplication,
    /// Allow target volumes that are online and hold data sets.
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub rename_error: RenameError,
    #[serde(default)]
    pub notrenamed: NotRenamed,
    /// Update the optional RECON records when their data sets were cloned.
    #[serde(default = "yes")]
    pub update_ic: bool,
    #[serde(default = "yes")]
    pub update_ca: bool,
    #[serde(default = "yes")]
    pub update_slds: bool,
    #[serde(default = "yes")]
    pub update_rlds: bool,
}

fn yes() -> bool {
    true
}

impl Default for CloneOptions {
    fn default() -> Self {
        CloneOptions {
            fastreplication: FastReplication::Preferred,
            replace: false,
            rename_error: RenameError::Abort,
            notrenamed: NotRenamed::Keep,
            update_ic: true,
            update_ca: true,
            update_slds: true,
            update_rlds: true,
        }
    }
}

impl JobFile {
    /// Parse a job file (`ICL400E` on syntax, `ICL401E` on content).
    pub fn parse(text: &str, origin: &str) -> Result<JobFile> {
        let jf: JobFile = toml::from_str(text).map_err(|e| icl!("ICL400E", "{origin}: {}", e.to_string().trim()))?;
        if !crate::dasd::names::valid_member(&jf.job.name) {
            return Err(icl!(
                "ICL401E",
                "{origin}: job name '{}' must be 1-8 characters A-Z 0-9 $ # @",
                jf.job.name
            ));
        }
        match jf.job.kind.as_str() {
            "system-clone" if jf.clone.is_some() => Ok(jf),
            "system-clone" => Err(icl!("ICL401E", "{origin}: a system-clone job needs a [clone] section")),
            "db-refresh" if jf.refresh.is_some() => Ok(jf),
            "db-refresh" => Err(icl!("ICL401E", "{origin}: a db-refresh job needs a [refresh] section")),
            "skeleton-clone" if jf.skeleton.is_some() => Ok(jf),
            "skeleton-clone" => Err(icl!(
                "ICL401E",
                "{origin}: a skeleton-clone job needs a [skeleton] section"
            )),
            k => Err(icl!(
                "ICL401E",
                "{origin}: job type '{k}' is not known (system-clone, db-refresh, skeleton-clone)"
            )),
        }
    }

    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(self).map_err(|e| icl!("ICL400E", "cannot write the job file: {e}"))
    }
}
