//! The simulated IMS state of one system (data-sharing group), as kept in
//! `state/<GROUP>.toml`: which members are up, and per database, HALDB
//! partition and DEDB area its status on each member.
//!
//! One file per group, not per IMSID: data-sharing members share the
//! databases, so they must see one state; each member's local status is
//! kept inside it (a LOCAL /DBR on IMP1 leaves IMP2 running).

use std::collections::BTreeMap;
use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::farm::Farm;
use crate::ims::discovery::ImsSystem;
use crate::ims::recon::AccessIntent;
use crate::msg::io_err;
use crate::{Result, icl, icl_bail};

/// Format version of the state file.
pub const STATE_VERSION: u32 = 1;

/// Access intent of a database on a member (the `ACC` column of /DIS DB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Acc {
    /// Update.
    UP,
    /// Read with integrity.
    RD,
    /// Read only, without locks.
    RO,
    /// Exclusive.
    EX,
}

impl Acc {
    pub fn parse(s: &str) -> Option<Acc> {
        Some(match s {
            "UP" => Acc::UP,
            "RD" => Acc::RD,
            "RO" => Acc::RO,
            "EX" => Acc::EX,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Acc::UP => "UP",
            Acc::RD => "RD",
            Acc::RO => "RO",
            Acc::EX => "EX",
        }
    }

    /// The type-2 ACCTYPE word.
    pub fn acctype(self) -> &'static str {
        match self {
            Acc::UP => "UPD",
            Acc::RD => "READ",
            Acc::RO => "BRWS",
            Acc::EX => "EXCL",
        }
    }

    pub fn from_acctype(s: &str) -> Option<Acc> {
        Some(match s {
            "UPD" => Acc::UP,
            "READ" => Acc::RD,
            "BRWS" => Acc::RO,
            "EXCL" => Acc::EX,
            _ => return None,
        })
    }

    /// Can programs update through this intent?
    pub fn updates(self) -> bool {
        matches!(self, Acc::UP | Acc::EX)
    }

    /// The DBRC authorization intent this access asks for.
    pub fn intent(self) -> AccessIntent {
        match self {
            Acc::UP => AccessIntent::Update,
            Acc::RD => AccessIntent::Read,
            Acc::RO => AccessIntent::ReadOnly,
            Acc::EX => AccessIntent::Exclusive,
        }
    }
}

/// Local status of a database on one member. The names are those of the
/// type-2 QUERY DB `LclStat` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Started: programs may use it within its access intent.
    #[serde(rename = "STARTED")]
    Started,
    /// /STOP DB, UPDATE DB STOP(SCHD): no new scheduling; data sets stay
    /// allocated, authorization is kept. Not enough for copying.
    #[serde(rename = "STOSCHD")]
    StoSchd,
    /// /DBD, UPDATE DB STOP(UPDATES): readers continue, no updates.
    #[serde(rename = "STOUPDS")]
    StoUpds,
    /// /DBR, UPDATE DB STOP(ACCESS): closed, deallocated, unauthorized:
    /// the data sets may be copied or replaced.
    #[serde(rename = "STOACC")]
    StoAcc,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Started => "STARTED",
            Status::StoSchd => "STOSCHD",
            Status::StoUpds => "STOUPDS",
            Status::StoAcc => "STOACC",
        }
    }
}

/// A database (or HALDB partition) on one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Local {
    pub status: Status,
    pub access: Acc,
    /// Data sets open.
    pub open: bool,
    /// DBRC would let this member use the database (authorization held or
    /// grantable). Lost by /DBR and by a failed authorization.
    pub authorized: bool,
}

impl Local {
    /// A database of a system that has just come up: started for update,
    /// authorized, not yet opened.
    pub fn fresh(authorized: bool) -> Local {
        Local {
            status: Status::Started,
            access: Acc::UP,
            open: false,
            authorized,
        }
    }

    /// Can programs on this member update through it?
    pub fn updatable(&self) -> bool {
        self.status == Status::Started && self.access.updates() && self.authorized
    }
}

/// A DEDB area on one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaLocal {
    /// STARTED or STOACC (/DBR AREA, /STO AREA, STOP(ACCESS)).
    pub status: Status,
    pub open: bool,
}

/// A database, HALDB master or partition in the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbState {
    /// The /DIS DB TYPE word: DL/I, DEDB, PHDAM, PHIDAM, PSINDEX, PART.
    #[serde(rename = "type")]
    pub kind: String,
    /// The HALDB master of a partition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master: Option<String>,
    /// Local status by IMSID.
    #[serde(default)]
    pub on: BTreeMap<String, Local>,
}

/// A DEDB area in the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaState {
    /// The DEDB it belongs to.
    pub db: String,
    #[serde(default)]
    pub on: BTreeMap<String, AreaLocal>,
}

/// One member (control region) of the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberState {
    /// Up (after /NRE) or down (after /CHE FREEZE).
    pub active: bool,
}

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimState {
    pub version: u32,
    pub group: String,
    #[serde(default)]
    pub member: BTreeMap<String, MemberState>,
    #[serde(default)]
    pub db: BTreeMap<String, DbState>,
    #[serde(default)]
    pub area: BTreeMap<String, AreaState>,
}

/// The /DIS DB TYPE word of a discovered database.
fn type_word(dbrc_type: &str, org: &str) -> String {
    match dbrc_type {
        "FP" => "DEDB".into(),
        "HALDB" if !org.is_empty() => org.to_string(),
        "HALDB" => "PHDAM".into(),
        _ => "DL/I".into(),
    }
}

impl SimState {
    pub fn empty(group: &str) -> SimState {
        SimState {
            version: STATE_VERSION,
            group: group.to_string(),
            member: BTreeMap::new(),
            db: BTreeMap::new(),
            area: BTreeMap::new(),
        }
    }

    /// Bring the state in line with what discovery found: new members come
    /// up active, new databases, partitions and areas start as on a fresh
    /// farm (STARTED, ACC=UP, authorized unless the RECON prohibits it).
    /// Databases no longer in the RECON are kept: IMS knows its databases
    /// from its own definitions, and a refresh that runs DELETE.DB and
    /// INIT.DB must not lose a /DBR in between. Members no longer
    /// registered are dropped. Returns whether anything changed.
    pub fn reconcile(&mut self, sys: &ImsSystem) -> bool {
        let before = self.clone();
        let ids: Vec<String> = sys.members.iter().map(|m| m.imsid.clone()).collect();
        self.member.retain(|k, _| ids.contains(k));
        for id in &ids {
            self.member.entry(id.clone()).or_insert(MemberState { active: true });
        }
        for d in &sys.databases {
            let pfa = d.flags.iter().any(|f| f == "PROHIBIT AUTH");
            let kind = type_word(&d.dbrc_type, &d.org);
            self.add_db(&d.name, &kind, None, &ids, !pfa);
            for p in &d.partitions {
                self.add_db(&p.name, "PART", Some(&d.name), &ids, !pfa);
            }
            for ds in &d.datasets {
                if let Some(a) = &ds.area {
                    let st = self.area.entry(a.clone()).or_insert_with(|| AreaState {
                        db: d.name.clone(),
                        on: BTreeMap::new(),
                    });
                    for id in &ids {
                        st.on.entry(id.clone()).or_insert(AreaLocal {
                            status: Status::Started,
                            open: false,
                        });
                    }
                }
            }
        }
        for d in self.db.values_mut() {
            d.on.retain(|k, _| ids.contains(k));
        }
        for a in self.area.values_mut() {
            a.on.retain(|k, _| ids.contains(k));
        }
        *self != before
    }

    fn add_db(&mut self, name: &str, kind: &str, master: Option<&str>, ids: &[String], authorized: bool) {
        let st = self.db.entry(name.to_string()).or_insert_with(|| DbState {
            kind: kind.to_string(),
            master: master.map(str::to_string),
            on: BTreeMap::new(),
        });
        for id in ids {
            st.on.entry(id.clone()).or_insert(Local::fresh(authorized));
        }
    }

    /// Partitions of a HALDB master, by name.
    pub fn partitions(&self, master: &str) -> Vec<String> {
        self.db
            .iter()
            .filter(|(_, d)| d.master.as_deref() == Some(master))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Areas of a DEDB, by name.
    pub fn areas(&self, db: &str) -> Vec<String> {
        self.area
            .iter()
            .filter(|(_, a)| a.db == db)
            .map(|(n, _)| n.clone())
            .collect()
    }

    pub fn to_toml(&self) -> Result<String> {
        let body = toml::to_string_pretty(self).map_err(|e| icl!("ICL520E", "cannot serialize the IMS state: {e}"))?;
        Ok(format!(
            "# imsclone simulated IMS state of {} (see docs/formats.md)\n\n{body}",
            self.group
        ))
    }

    pub fn from_toml(text: &str, origin: &str) -> Result<SimState> {
        let s: SimState = toml::from_str(text).map_err(|e| icl!("ICL520E", "{origin}: {}", e.to_string().trim()))?;
        if s.version != STATE_VERSION {
            icl_bail!(
                "ICL520E",
                "{origin}: state format version {} is not supported (this imsclone reads {STATE_VERSION})",
                s.version
            );
        }
        Ok(s)
    }
}

/// Relative path of a group's state file inside the farm.
pub fn state_rel(group: &str) -> String {
    format!("state/{group}.toml")
}

/// Read a group's state file; `None` when there is none yet (a fresh farm).
pub fn read(farm: &Farm, group: &str) -> Result<Option<SimState>> {
    let rel = state_rel(group);
    let path = farm.path(&rel)?;
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("ICL520E", format!("cannot read {rel}"), e)),
    };
    let s = SimState::from_toml(&text, &rel)?;
    if s.group != group {
        icl_bail!("ICL520E", "{rel} holds the state of {}, not of {group}", s.group);
    }
    Ok(Some(s))
}

/// Write a group's state file atomically: a temporary file beside it,
/// fsync, rename, so a reader (or a crash) sees the old or the new state,
/// never half of one.
pub fn write(farm: &Farm, state: &SimState) -> Result<()> {
    if !farm.is_locked() {
        icl_bail!(
            "ICL522S",
            "the IMS state of {} can only be written with the farm lock",
            state.group
        );
    }
    let text = state.to_toml()?;
    let rel = state_rel(&state.group);
    let dir = farm.path("state")?;
    let tmp = farm.path(&format!("{rel}.new"))?;
    let fin = farm.path(&rel)?;
    let go = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &fin)?;
        // The rename is durable only once the directory is synced.
        std::fs::File::open(&dir)?.sync_all()
    };
    go().map_err(|e| io_err("ICL521E", format!("cannot write {rel}"), e))
}
