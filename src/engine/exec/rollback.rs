//! ROLLBACK of any job (system clone, refresh, skeleton): the farm as it
//! was before the run. Used by `imsclone rollback` and the job list panel.
//!
//! 1. Databases the run stopped with /DBR and did not start again (it was
//!    killed or failed in between) are started (/STA ... GLOBAL): on the
//!    source this lifts the RECON's PROHIBIT AUTH, which no snapshot can
//!    undo because a source volume is never restored from a copy.
//! 2. Every saved target device is put back.
//! 3. The master catalog, farm.toml and the IMS states are put back.

use std::collections::BTreeSet;
use std::path::Path;

use super::{backup, ims};
use crate::Result;
use crate::engine::journal::{self, Entry};
use crate::engine::plan::{Plan, StepKind};
use crate::farm::Farm;

/// One thing a rollback does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Start what the run stopped: (system, /STA command).
    Restart(String, String),
    Device(String),
    Catalogs,
}

impl Undo {
    pub fn title(&self) -> String {
        match self {
            Undo::Restart(s, c) => format!("{s}: {c}"),
            Undo::Device(d) => format!("Restore device {d}"),
            Undo::Catalogs => "Restore the master catalog, farm.toml and the IMS states".into(),
        }
    }
}

/// What a rollback of the job in `dir` will do, in order.
pub fn outline(dir: &Path, plan: &Plan) -> Result<Vec<Undo>> {
    let recs = journal::read(&dir.join(journal::JOURNAL))?;
    let began: BTreeSet<usize> = recs
        .iter()
        .filter_map(|r| match r.entry {
            Entry::StepBegin { step } => Some(step),
            _ => None,
        })
        .collect();
    let ended = journal::ended_steps(&recs);
    let mut v: Vec<Undo> = restarts(plan, &began, &ended)
        .into_iter()
        .map(|(s, c)| Undo::Restart(s, c))
        .collect();
    v.extend(devices(plan).into_iter().map(Undo::Device));
    v.push(Undo::Catalogs);
    Ok(v)
}

fn devices(plan: &Plan) -> Vec<String> {
    plan.steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::SnapshotTarget { device } => Some(device.clone()),
            _ => None,
        })
        .collect()
}

/// The /STA commands that undo the /DBRs that began and whose system's
/// /STA step did not end.
fn restarts(plan: &Plan, began: &BTreeSet<usize>, ended: &BTreeSet<usize>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in plan.steps.iter().filter(|s| began.contains(&s.id)) {
        let StepKind::ImsCommand { system, command } = &s.kind else {
            continue;
        };
        let Some(rest) = command.strip_prefix("/DBR") else {
            continue;
        };
        let sta = format!("/STA{rest}");
        let restarted = plan.steps.iter().any(|t| {
            t.id > s.id
                && ended.contains(&t.id)
                && matches!(&t.kind, StepKind::ImsCommand { system: y, command: c } if y == system && *c == sta)
        });
        if !restarted {
            out.push((system.clone(), sta));
        }
    }
    out
}

/// Roll back the job in `dir` (its steps from [`outline`]); `step` is told
/// each one's index (from 1) before it runs, `log` every message. The
/// number of devices restored.
pub fn rollback(
    farm: &mut Farm,
    dir: &Path,
    plan: &Plan,
    step: &mut dyn FnMut(usize, &Undo),
    log: &mut dyn FnMut(&str, String),
) -> Result<usize> {
    let todo = outline(dir, plan)?;
    let mut j = journal::Journal::open(dir)?;
    j.append(Entry::RollbackStarted {
        owner: crate::engine::owner::Owner::me(),
    })?;
    let mut restored = 0;
    for (i, u) in todo.iter().enumerate() {
        step(i + 1, u);
        match u {
            Undo::Restart(sys, cmd) => {
                for l in ims::issue(farm, sys, cmd, plan.clock)? {
                    log("ICL487I", format!("{sys}: {l}"));
                }
            }
            Undo::Device(d) => {
                if backup::restore_target(farm, dir, d)? {
                    restored += 1;
                    log("ICL487I", format!("device {d} restored to its state before the job"));
                }
            }
            Undo::Catalogs => {
                if backup::restore_catalogs(farm, dir)? {
                    log("ICL487I", "master catalog, farm.toml and IMS states restored".into());
                }
            }
        }
    }
    j.append(Entry::RollbackEnded { rc: 0 })?;
    Ok(restored)
}
