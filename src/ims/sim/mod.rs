//! A simulated IMS per registered system: database status, operator
//! commands and their RECON side, and a workload that updates databases
//! only when the simulated IMS lets it.
//!
//! # State
//! One state per system (data-sharing group), in `state/<GROUP>.toml`
//! ([`state`]): members up or down; per database, HALDB partition and DEDB
//! area its local status on each member (STARTED, STOSCHD after /STO,
//! STOUPDS after /DBD, STOACC after /DBR), access intent (UP/RD/RO/EX),
//! open or not, authorized or not. Databases come from discovery (the
//! RECON). A system without a state file is as IMS after a normal start:
//! every database STARTED, ACC=UP, NOTOPEN, authorized on every member
//! (unless its RECON record prohibits authorization).
//!
//! # API (what the refresh engine calls)
//! - [`ImsSim::load`]`(&farm, system)`: discover, read the state; `system`
//!   is the group (commands go to every member, as OM routes type-2
//!   commands) or an IMSID (commands are entered on that member).
//! - [`ImsSim::command`]`(text) -> Result<Reply>`: one command in IMS
//!   syntax; the [`Reply`] has the lines, an RC (0, 4, 8) and whether it
//!   changed anything. Bad text is a reply with RC 8, never an `Err`.
//! - [`ImsSim::dbr`]`(&[db], global)`, [`ImsSim::start`]`(&[db])` (a /STA
//!   GLOBAL), [`ImsSim::stop_updates`]: the same as commands, `Err` when
//!   a database is unknown. Idempotent: a /DBR of a /DBR'd database changes
//!   nothing and says so (ICL501I), so a rerun step is harmless.
//! - [`ImsSim::status`]`(db)`, [`ImsSim::is_stopped`]`(db)` (stopped by
//!   /DBR on every member, partitions included: safe to copy or replace),
//!   [`ImsSim::allows_update`]`(db)` (the workload's test).
//! - [`ImsSim::recon_ops`]: the RECON changes commands have queued (a
//!   SIMULATE can show them); [`ImsSim::save`]`(&farm)` applies them to
//!   every non-empty RECON copy and writes the state, under the farm lock
//!   and the group's IRLM lock ([`irlm`]).
//!
//! A refresh: `target.dbr(dbs, true)`, `target.save()`; `source.dbr(dbs,
//! true)`, `source.save()` (the consistency point: the workload can no
//! longer update); copy; `source.start(dbs)`, `save`; DBRC; then
//! `target.start(dbs)`, `save`. Every step can be repeated.
//!
//! The workload is in [`workload`]; the consistency marker it writes into
//! every data set of a database is in [`marker`].

pub mod display;
mod exec;
pub mod irlm;
pub mod marker;
pub mod parse;
pub mod recon_io;
pub mod state;
mod type2;
pub mod workload;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use crate::dasd::dates::Stamp;
use crate::farm::Farm;
use crate::ims::discovery::{ImsSystem, discover};
use crate::ims::recon::Recon;
use crate::msg::IclError;
use crate::{Result, icl, icl_bail};

pub use parse::{Cmd, Names, Res, Verb};
pub use recon_io::ReconOp;
pub use state::{Acc, AreaLocal, Local, SimState, Status};

/// The answer to one command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub lines: Vec<String>,
    /// 0 done, 4 done with warnings, 8 (part of it) refused.
    pub rc: i32,
    /// The state changed or RECON changes were queued.
    pub changed: bool,
    /// The first error, for callers that want a `Result`.
    pub error: Option<IclError>,
}

impl Reply {
    pub fn text(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// Add an ICL message line; errors and warnings raise the RC.
    pub(crate) fn msg(&mut self, e: IclError) {
        self.lines.push(e.to_string());
        self.rc = self.rc.max(e.severity().rc().min(8));
        if e.severity() >= crate::Severity::E && self.error.is_none() {
            self.error = Some(e);
        }
    }

    pub(crate) fn merge(&mut self, other: Reply) {
        self.lines.extend(other.lines);
        self.rc = self.rc.max(other.rc);
        self.changed |= other.changed;
        if self.error.is_none() {
            self.error = other.error;
        }
    }
}

/// The system (data-sharing group) a group name or IMSID belongs to:
/// members share one state, so the simulator always works on the group.
pub fn group_of(farm: &Farm, name: &str) -> Result<String> {
    let name = name.trim().to_ascii_uppercase();
    match farm.config.members_of(&name).first() {
        Some(s) => Ok(s.group_name().to_string()),
        None => Err(icl!(
            "ICL372E",
            "{name} is not a registered IMS system or IMSID (known: {})",
            farm.config.systems().join(", ")
        )),
    }
}

/// The status of one database as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbStatus {
    pub name: String,
    /// /DIS DB TYPE word.
    pub kind: String,
    /// The HALDB master of a partition.
    pub master: Option<String>,
    /// Local status by IMSID.
    pub on: BTreeMap<String, Local>,
    /// HALDB partitions (of a master), DEDB areas (of a DEDB).
    pub partitions: Vec<String>,
    pub areas: Vec<String>,
    /// PROHIBIT AUTHORIZATION in the RECON, as far as the simulator knows.
    pub prohibit_auth: bool,
}

/// A simulated IMS system.
#[derive(Debug, Clone)]
pub struct ImsSim {
    pub(crate) group: String,
    /// Members in registration order.
    pub(crate) members: Vec<String>,
    /// Members commands are entered on.
    pub(crate) route: Vec<String>,
    pub state: SimState,
    /// DB records whose RECON flags PROHIBIT AUTH / READ ONLY are on.
    pub(crate) prohibit: BTreeSet<String>,
    pub(crate) read_only: BTreeSet<String>,
    pub(crate) pending: Vec<ReconOp>,
    /// The state differs from the file (or there is no file yet).
    pub(crate) dirty: bool,
    /// Fixed time for replies (tests); `None` is the process clock.
    pub clock: Option<Stamp>,
}

impl ImsSim {
    /// Discover `system` (group or IMSID) and read its state.
    pub fn load(farm: &Farm, system: &str) -> Result<ImsSim> {
        let name = system.trim().to_ascii_uppercase();
        let sys = discover(farm, &group_of(farm, &name)?)?;
        let st = state::read(farm, &sys.name)?;
        // The RECON flags of every DB record (partitions too), so replies can
        // tell what a command will really change.
        let recon = recon_io::load(farm, &sys).ok().map(|x| x.1);
        let mut sim = ImsSim::new(&sys, st, recon.as_ref());
        sim.enter_at(&name)?;
        Ok(sim)
    }

    /// A simulator over a discovered system and its state (None: a fresh
    /// farm); pure, no farm access. Commands go to every member.
    pub fn new(sys: &ImsSystem, state: Option<SimState>, recon: Option<&Recon>) -> ImsSim {
        let had = state.is_some();
        let mut st = state.unwrap_or_else(|| SimState::empty(&sys.name));
        let changed = st.reconcile(sys);
        let mut prohibit = BTreeSet::new();
        let mut read_only = BTreeSet::new();
        match recon {
            Some(r) => {
                for d in r.dbs.values() {
                    if d.prohibit_auth {
                        prohibit.insert(d.name.clone());
                    }
                    if d.read_only {
                        read_only.insert(d.name.clone());
                    }
                }
            }
            None => {
                for d in &sys.databases {
                    if d.flags.iter().any(|f| f == "PROHIBIT AUTH") {
                        prohibit.insert(d.name.clone());
                    }
                    if d.flags.iter().any(|f| f == "READ ONLY") {
                        read_only.insert(d.name.clone());
                    }
                }
            }
        }
        let members: Vec<String> = sys.members.iter().map(|m| m.imsid.clone()).collect();
        ImsSim {
            group: sys.name.clone(),
            route: members.clone(),
            members,
            state: st,
            prohibit,
            read_only,
            pending: Vec::new(),
            dirty: changed || !had,
            clock: None,
        }
    }

    pub fn group(&self) -> &str {
        &self.group
    }

    pub fn members(&self) -> &[String] {
        &self.members
    }

    /// Members commands are entered on.
    pub fn route(&self) -> &[String] {
        &self.route
    }

    /// Enter commands on one member (an IMSID) or on all (the group name).
    pub fn enter_at(&mut self, name: &str) -> Result<()> {
        let name = name.to_ascii_uppercase();
        if name == self.group {
            self.route = self.members.clone();
        } else if self.members.contains(&name) {
            self.route = vec![name];
        } else {
            icl_bail!(
                "ICL503E",
                "{name} is not {} nor one of its members ({})",
                self.group,
                self.members.join(", ")
            );
        }
        Ok(())
    }

    /// Run one command.
    pub fn command(&mut self, text: &str) -> Result<Reply> {
        Ok(match parse::parse(text) {
            Ok(c) => self.exec(&c),
            Err(e) => exec::syntax_reply(e),
        })
    }

    /// Run a parsed command.
    pub fn exec(&mut self, c: &Cmd) -> Reply {
        let r = exec::run(self, c);
        self.dirty |= r.changed;
        r
    }

    fn api(&mut self, c: parse::Type1) -> Result<Reply> {
        let r = self.exec(&Cmd::T1(c));
        match &r.error {
            Some(e) => Err(e.clone()),
            None => Ok(r),
        }
    }

    fn t1(verb: Verb, dbs: &[&str]) -> parse::Type1 {
        parse::Type1 {
            verb,
            res: Some(Res::Db),
            names: Names::List(dbs.iter().map(|d| d.to_ascii_uppercase()).collect()),
            global: false,
            nofeov: true,
            nopfa: false,
            access: None,
            open: None,
            shutdown: None,
        }
    }

    /// `/DBR DB ... [GLOBAL] NOFEOV`. `Err` (ICL503E) names an unknown
    /// database; the known ones are still stopped.
    pub fn dbr(&mut self, dbs: &[&str], global: bool) -> Result<Reply> {
        let mut c = Self::t1(Verb::Dbr, dbs);
        c.global = global;
        self.api(c)
    }

    /// /DBD DB ... GLOBAL NOFEOV: readers continue, updates stop.
    pub fn stop_updates(&mut self, dbs: &[&str]) -> Result<Reply> {
        let mut c = Self::t1(Verb::Dbd, dbs);
        c.global = true;
        self.api(c)
    }

    /// /STA DB ... GLOBAL: start on every member, reset PROHIBIT AUTH.
    pub fn start(&mut self, dbs: &[&str]) -> Result<Reply> {
        let mut c = Self::t1(Verb::Sta, dbs);
        c.global = true;
        self.api(c)
    }

    /// Start or stop a member (as /NRE and /CHE FREEZE do).
    pub fn set_active(&mut self, imsid: &str, active: bool) -> Result<Reply> {
        let saved = self.route.clone();
        self.enter_at(imsid)?;
        let r = self.command(if active { "/NRE" } else { "/CHE FREEZE" });
        self.route = saved;
        r
    }

    pub fn status(&self, db: &str) -> Result<DbStatus> {
        let db = db.to_ascii_uppercase();
        let Some(d) = self.state.db.get(&db) else {
            return Err(self.unknown(&db));
        };
        Ok(DbStatus {
            name: db.clone(),
            kind: d.kind.clone(),
            master: d.master.clone(),
            on: d.on.clone(),
            partitions: self.state.partitions(&db),
            areas: self.state.areas(&db),
            prohibit_auth: self.prohibit.contains(&db),
        })
    }

    /// The database and (for a HALDB master) its partitions.
    fn family(&self, db: &str) -> Vec<String> {
        let mut v = vec![db.to_string()];
        v.extend(self.state.partitions(db));
        v
    }

    /// Stopped by /DBR on every member (partitions included): no member
    /// can open it, so its data sets may be copied or replaced.
    pub fn is_stopped(&self, db: &str) -> bool {
        let db = db.to_ascii_uppercase();
        if !self.state.db.contains_key(&db) {
            return false;
        }
        self.family(&db).iter().all(|n| {
            self.state
                .db
                .get(n)
                .is_some_and(|d| d.on.values().all(|l| l.status == Status::StoAcc))
        })
    }

    /// May a program update the database? It must be started with update
    /// access and authorized on an active member, with its partitions and
    /// areas started there too. Returns that member, or ICL535E saying why not.
    pub fn allows_update(&self, db: &str) -> Result<String> {
        let db = db.to_ascii_uppercase();
        if !self.state.db.contains_key(&db) {
            return Err(self.unknown(&db));
        }
        let mut why = Vec::new();
        for m in &self.members {
            if !self.state.member.get(m).is_some_and(|s| s.active) {
                why.push(format!("{m} is not active"));
                continue;
            }
            let blocked: Vec<String> = self
                .family(&db)
                .iter()
                .filter_map(|n| {
                    let l = self.state.db.get(n)?.on.get(m)?;
                    (!l.updatable()).then(|| format!("{n} {}", display::conditions_word(l)))
                })
                .chain(self.state.areas(&db).iter().filter_map(|a| {
                    let l = self.state.area.get(a)?.on.get(m)?;
                    (l.status != Status::Started).then(|| format!("area {a} STOPPED"))
                }))
                .collect();
            if blocked.is_empty() {
                return Ok(m.clone());
            }
            why.push(format!("on {m}: {}", blocked.join(", ")));
        }
        Err(icl!("ICL535E", "{db} does not accept updates ({})", why.join("; ")))
    }

    pub(crate) fn unknown(&self, name: &str) -> IclError {
        icl!("ICL503E", "{name} is not a database of {}", self.group)
    }

    /// RECON changes queued by commands since the last save.
    pub fn recon_ops(&self) -> &[ReconOp] {
        &self.pending
    }

    /// Anything to save?
    pub fn is_dirty(&self) -> bool {
        self.dirty || !self.pending.is_empty()
    }

    /// Apply the queued RECON changes to every non-empty RECON copy and
    /// write the state file. Needs the farm lock; holds the group's IRLM
    /// lock meanwhile, so no workload update runs across the change.
    /// Returns the RECON copies written.
    pub fn save(&mut self, farm: &Farm) -> Result<Vec<String>> {
        if !farm.is_locked() {
            icl_bail!(
                "ICL522S",
                "the IMS state of {} can only be saved with the farm lock",
                self.group
            );
        }
        let _irlm = irlm::IrlmLock::acquire(farm, &self.group)?;
        let mut written = Vec::new();
        if !self.pending.is_empty() {
            let sys = discover(farm, &self.group)?;
            let ops = self.pending.clone();
            let (_, w) = recon_io::modify(farm, &sys, |r| recon_io::apply_all(r, &ops))?;
            written = w.written;
        }
        state::write(farm, &self.state)?;
        self.pending.clear();
        self.dirty = false;
        Ok(written)
    }

    /// The HH:MM:SS and YYDDD/HHMMSS of replies.
    pub(crate) fn now(&self) -> Stamp {
        self.clock.unwrap_or_else(crate::dasd::dates::now)
    }
}
