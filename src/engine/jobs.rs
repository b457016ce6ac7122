//! Job folders: `jobs/<ID>/` in the farm holds the plan, the journal, the
//! report, the catalog backups and the target snapshots of one run.

use std::path::{Path, PathBuf};

use super::plan::Plan;
use crate::farm::Farm;
use crate::msg::io_err;
use crate::{Result, icl, icl_bail};

pub const PLAN: &str = "plan.json";
pub const REPORT: &str = "report.txt";

/// A new job ID: NAME-yyyymmdd-hhmmss, with a suffix when taken.
pub fn new_id(farm: &Farm, name: &str, clock: u64) -> Result<String> {
    let s = crate::dasd::dates::stamp_of(clock);
    let (m, d) = {
        let iso = s.date.iso();
        (iso[5..7].to_string(), iso[8..10].to_string())
    };
    let base = format!(
        "{name}-{:04}{m}{d}-{:02}{:02}{:02}",
        s.date.year, s.hour, s.minute, s.second
    );
    for n in 0..1000 {
        let id = if n == 0 { base.clone() } else { format!("{base}-{n}") };
        if !farm.path(&format!("jobs/{id}"))?.exists() {
            return Ok(id);
        }
    }
    icl_bail!("ICL452E", "cannot find a free job ID for {name}")
}

/// The folder of a job (confined to the farm).
pub fn dir(farm: &Farm, id: &str) -> Result<PathBuf> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        icl_bail!("ICL453E", "'{id}' is not a job ID");
    }
    farm.path(&format!("jobs/{id}"))
}

/// Create a job folder and store the plan and its report.
pub fn create(farm: &Farm, id: &str, plan: &Plan) -> Result<PathBuf> {
    let d = dir(farm, id)?;
    std::fs::create_dir_all(&d).map_err(|e| io_err("ICL452E", format!("cannot create {}", d.display()), e))?;
    let json = serde_json::to_string_pretty(plan).map_err(|e| icl!("ICL452E", "cannot store the plan: {e}"))?;
    write_sync(&d.join(PLAN), json.as_bytes())?;
    write_sync(&d.join(REPORT), super::report::render(plan).as_bytes())?;
    Ok(d)
}

/// Load the plan of an existing job.
pub fn load(farm: &Farm, id: &str) -> Result<(PathBuf, Plan)> {
    let d = dir(farm, id)?;
    let text = std::fs::read_to_string(d.join(PLAN))
        .map_err(|e| io_err("ICL453E", format!("job {id} has no readable plan"), e))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| icl!("ICL453E", "job {id}: the plan is damaged: {e}"))?;
    Ok((d, plan))
}

/// Write a file and fsync it.
pub fn write_sync(p: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(p).map_err(|e| io_err("ICL452E", format!("cannot create {}", p.display()), e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| io_err("ICL452E", format!("cannot write {}", p.display()), e))
}

/// What a job's journal says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// PLANNED, ACTIVE (a run or rollback another process is doing now),
    /// ENDED, FAILED, CANCELLED, KILLED, ROLLBACK KILLED, ROLLED BACK.
    pub state: &'static str,
    /// The RC of the last run that ended.
    pub rc: Option<i32>,
    /// When the first run started (seconds since the epoch).
    pub started: Option<u64>,
}

/// Fold a job's journal records into its status. A run or rollback without
/// its end is ACTIVE while the process that wrote its start still runs,
/// KILLED once it is gone (or when the journal does not say who ran it).
pub fn status(records: &[super::journal::Record]) -> Status {
    use super::journal::Entry;
    let mut st = Status {
        state: "PLANNED",
        rc: None,
        started: None,
    };
    let (mut cancelled, mut failed) = (false, false);
    let mut open = None;
    for r in records {
        match &r.entry {
            Entry::RunStarted { owner, .. } => {
                st.started.get_or_insert(r.time);
                st.state = "KILLED";
                (cancelled, failed, open) = (false, false, Some(*owner));
            }
            Entry::StepFailed { .. } => failed = true,
            Entry::Cancelled { .. } => cancelled = true,
            Entry::RunEnded { rc } => {
                st.rc = Some(*rc);
                st.state = match (cancelled, failed) {
                    (true, _) => "CANCELLED",
                    (_, true) => "FAILED",
                    _ => "ENDED",
                };
                open = None;
            }
            Entry::RollbackStarted { owner } => {
                st.state = "ROLLBACK KILLED";
                open = Some(*owner);
            }
            Entry::RollbackEnded { .. } => {
                st.state = "ROLLED BACK";
                open = None;
            }
            Entry::StepBegin { .. } | Entry::StepEnd { .. } => {}
        }
    }
    if open.flatten().is_some_and(|o| o.alive()) {
        st.state = "ACTIVE";
    }
    st
}

/// Load a job for RERUN: refused once a rollback has begun (`ICL486E`).
pub fn load_for_rerun(farm: &Farm, id: &str) -> Result<(PathBuf, Plan)> {
    use super::journal::{self, Entry};
    let (dir, plan) = load(farm, id)?;
    let recs = journal::read(&dir.join(journal::JOURNAL))?;
    if recs.iter().any(|r| matches!(r.entry, Entry::RollbackStarted { .. })) {
        icl_bail!("ICL486E", "job {id} was rolled back; plan and run it again instead");
    }
    Ok((dir, plan))
}

#[cfg(test)]
mod tests {
    use super::super::journal::{Entry, Record};
    use super::super::owner::Owner;
    use super::*;

    fn recs(entries: Vec<Entry>) -> Vec<Record> {
        entries
            .into_iter()
            .enumerate()
            .map(|(i, entry)| Record {
                seq: i as u64 + 1,
                time: 100 + i as u64,
                entry,
            })
            .collect()
    }

    fn gone() -> Option<Owner> {
        Owner::me().map(|o| Owner {
            started: o.started + 1,
            ..o
        })
    }

    #[test]
    fn states_from_journals() {
        let me = Owner::me();
        let run = |owner| Entry::RunStarted { rerun: false, owner };
        let step = Entry::StepBegin { step: 1 };
        let cases = [
            (vec![], "PLANNED"),
            (vec![run(None), step.clone()], "KILLED"),
            (vec![run(gone()), step.clone()], "KILLED"),
            (vec![run(me), step.clone()], "ACTIVE"),
            (vec![run(me), Entry::RunEnded { rc: 0 }], "ENDED"),
            (
                vec![
                    run(me),
                    Entry::StepFailed {
                        step: 1,
                        message: "x".into(),
                    },
                    Entry::RunEnded { rc: 8 },
                ],
                "FAILED",
            ),
            (
                vec![run(me), Entry::Cancelled { step: 1 }, Entry::RunEnded { rc: 8 }],
                "CANCELLED",
            ),
            (vec![run(gone()), Entry::RollbackStarted { owner: me }], "ACTIVE"),
            (
                vec![run(gone()), Entry::RollbackStarted { owner: gone() }],
                "ROLLBACK KILLED",
            ),
            (
                vec![
                    run(gone()),
                    Entry::RollbackStarted { owner: None },
                    Entry::RollbackEnded { rc: 0 },
                ],
                "ROLLED BACK",
            ),
        ];
        for (entries, want) in cases {
            let s = status(&recs(entries.clone()));
            assert_eq!(s.state, want, "{entries:?}");
        }
        let s = status(&recs(vec![run(None), Entry::RunEnded { rc: 4 }, run(me)]));
        assert_eq!((s.state, s.rc, s.started), ("ACTIVE", Some(4), Some(100)));
    }

    #[test]
    fn old_journal_lines_still_read() {
        let a: Record = serde_json::from_str(r#"{"seq":1,"time":5,"event":"run_started","rerun":false}"#).unwrap();
        assert_eq!(
            a.entry,
            Entry::RunStarted {
                rerun: false,
                owner: None
            }
        );
        let b: Record = serde_json::from_str(r#"{"seq":2,"time":6,"event":"rollback_started"}"#).unwrap();
        assert_eq!(b.entry, Entry::RollbackStarted { owner: None });
    }
}
