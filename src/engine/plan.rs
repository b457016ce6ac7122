//! A plan: the ordered steps of a run and the full preview of what they
//! will do. Planning is pure: it reads the farm and writes nothing, so a
//! plan is also what SIMULATE shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::finding::{Finding, blocked, rc};
use super::request::JobFile;
use super::rewrite::members::LineChange;
use crate::farm::Subsystem;

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 1-based position.
    pub id: usize,
    pub title: String,
    pub kind: StepKind,
}

/// What a step does. Every step is idempotent: running it again after it
/// ran (or was killed half-way) gives the same result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step")]
pub enum StepKind {
    /// Save the catalogs the run will change, and farm.toml, for rollback.
    BackupCatalogs,
    /// Save a target volume as it is, for rollback.
    SnapshotTarget { device: String },
    /// Copy a whole source volume over a target device (which goes offline:
    /// it now carries a duplicate VOLSER).
    CopyVolume {
        source_device: String,
        target_device: String,
    },
    /// Write the new VOLSER (VOL1, DS1DSSN, VVDS) and bring the device online.
    Relabel { device: String, volser: String },
    /// Rename the data sets in the target VTOC (and VVDS) per the rename map.
    RenameVolume { device: String },
    /// Catalog the renamed data sets in the target user catalog; connect it
    /// and its aliases in the master catalog.
    Recatalog,
    /// Rewrite a target RECON from its source.
    UpdateRecon { source: String, target: String },
    /// Rewrite the members of a target library from their source.
    UpdateMembers { source: String, target: String },
    /// Register the new IMS subsystems in farm.toml.
    RegisterSubsystems,
    /// Verify the clone ("start" it).
    Verify { system: String },
    /// Save a RECON's records before the run changes them (once).
    SaveRecon { cluster: String },
    /// Issue an IMS command to a (simulated) system.
    ImsCommand { system: String, command: String },
    /// Copy one data set of a refresh (`preview.refresh.copies[index]`).
    CopyDataset { index: usize },
    /// Scratch and uncatalog a data set.
    ScratchDataset { dsn: String, volser: String },
    /// Run the refresh's DBRC commands against the target RECON (from the
    /// saved before-image, so a rerun gives the same RECON).
    DbrcUpdate,
    /// Write the target RECON's HALDB partition IDs into the copied data sets.
    StampPartitions,
    /// DATA-MOVER(NONE): write the job streams for an external copy.
    EmitJobStreams,
    /// Skeleton: copy one system data set (`preview.skeleton.copies[index]`).
    CopySystemDataset { index: usize },
    /// Skeleton: allocate one database data set empty, with its header
    /// block (`preview.skeleton.empty[index]`).
    AllocateEmpty { index: usize },
    /// Skeleton: rewrite a RECON from its source and drop its history.
    SkeletonRecon { source: String, target: String },
}

/// A source volume and its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub source_volser: String,
    pub source_device: String,
    pub source_cyls: u32,
    pub target_device: String,
    /// The target's VOLSER before the run (empty when unreadable).
    pub target_old_volser: String,
    pub target_cyls: u32,
    pub new_volser: String,
}

/// One data set of the copied volumes and its new name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameEntry {
    /// Source VOLSER.
    pub volser: String,
    pub old: String,
    /// `None`: no mask matched (NOTRENAMED).
    pub new: Option<String>,
    /// NONVSAM, COMPONENT, CATALOG, VVDS.
    pub kind: String,
    /// The catalog that holds the source name (empty: uncataloged).
    pub catalog: String,
    /// Where the new name lives when it is not on the copy of its source
    /// volume (skeleton clones place data sets one by one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_volser: Option<String>,
}

/// The changes to one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDiff {
    /// Target library.
    pub dsn: String,
    pub member: String,
    pub new_member: Option<String>,
    pub changes: Vec<LineChange>,
}

/// The changes to one RECON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconDiff {
    pub dsn: String,
    pub changes: Vec<String>,
}

/// Everything a run will do, for review before it does it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub pairs: Vec<Pairing>,
    pub renames: Vec<RenameEntry>,
    pub members: Vec<MemberDiff>,
    pub recons: Vec<ReconDiff>,
    pub user_catalog: String,
    pub source_user_catalog: String,
    pub aliases: Vec<String>,
    pub subsystems: Vec<Subsystem>,
    pub names: BTreeMap<String, String>,
    pub volsers: BTreeMap<String, String>,
    /// What a database refresh will do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<super::refresh::RefreshPreview>,
    /// What a skeleton clone copies and allocates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skeleton: Option<super::skeleton::SkeletonPreview>,
}

impl Preview {
    /// The rename map as source -> target names.
    pub fn rename_map(&self) -> BTreeMap<String, String> {
        self.renames
            .iter()
            .filter_map(|r| r.new.clone().map(|n| (r.old.clone(), n)))
            .collect()
    }
}

/// A plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub job: JobFile,
    /// Seconds since the epoch: the run's clock (member statistics, RECON
    /// times), kept so a rerun writes exactly what the first run would.
    pub clock: u64,
    pub steps: Vec<Step>,
    pub preview: Preview,
    pub findings: Vec<Finding>,
}

impl Plan {
    pub fn rc(&self) -> i32 {
        rc(&self.findings)
    }

    /// Do the findings stop execution?
    pub fn blocked(&self) -> bool {
        blocked(&self.findings)
    }

    pub fn push(&mut self, title: impl Into<String>, kind: StepKind) {
        let id = self.steps.len() + 1;
        self.steps.push(Step {
            id,
            title: title.into(),
            kind,
        });
    }
}
