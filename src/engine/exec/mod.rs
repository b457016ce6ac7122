//! The executor: runs a plan's steps on a worker thread, journals before
//! and after every step, honours cancel, and sends events over a channel.

pub mod backup;
pub mod datasets;
pub mod ims;
pub mod refresh;
pub mod rollback;
pub mod skeleton;
pub mod steps;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, unbounded};

use super::events::Event;
use super::finding::{Finding, rc};
use super::journal::{self, Entry, Journal};
use super::plan::Plan;
use crate::farm::Farm;
use crate::{Result, icl};

/// A running job.
pub struct RunHandle {
    pub job: String,
    pub events: Receiver<Event>,
    pub cancel: Arc<AtomicBool>,
    thread: JoinHandle<Result<i32>>,
}

impl RunHandle {
    /// Wait for the run to end; its return code.
    pub fn wait(self) -> Result<i32> {
        self.thread
            .join()
            .map_err(|_| icl!("ICL459S", "the executor thread panicked"))?
    }

    /// Ask the run to stop after the current unit of work.
    pub fn request_cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// Start running `plan` (stored in `dir`) on a worker thread. `farm` must
/// be opened with the farm lock; the worker owns it until the run ends.
/// On a rerun, steps the journal shows as ended are skipped.
pub fn start(farm: Farm, job: String, dir: PathBuf, plan: Plan, rerun: bool) -> Result<RunHandle> {
    if !farm.is_locked() {
        return Err(icl!("ICL256S", "a run needs the farm lock"));
    }
    let (tx, rx) = unbounded();
    let cancel = Arc::new(AtomicBool::new(false));
    let c2 = cancel.clone();
    let j2 = job.clone();
    let thread = std::thread::Builder::new()
        .name(format!("imsclone-{job}"))
        .spawn(move || {
            let r = run(farm, &j2, &dir, &plan, rerun, &tx, &c2);
            match &r {
                Ok(rc) => {
                    let _ = tx.send(Event::Finished { rc: *rc });
                }
                Err(e) => {
                    let _ = tx.send(Event::Log {
                        id: e.id.to_string(),
                        text: e.text.clone(),
                    });
                    let _ = tx.send(Event::Finished {
                        rc: e.severity().rc().max(8),
                    });
                }
            }
            r
        })
        .map_err(|e| icl!("ICL459S", "cannot start the executor thread: {e}"))?;
    Ok(RunHandle {
        job,
        events: rx,
        cancel,
        thread,
    })
}

fn run(
    mut farm: Farm,
    job: &str,
    dir: &std::path::Path,
    plan: &Plan,
    rerun: bool,
    tx: &Sender<Event>,
    cancel: &AtomicBool,
) -> Result<i32> {
    let mut journal = Journal::open(dir)?;
    let done = journal::ended_steps(&journal::read(&dir.join(journal::JOURNAL))?);
    journal.append(Entry::RunStarted {
        rerun,
        owner: super::owner::Owner::me(),
    })?;
    let _ = tx.send(Event::Started {
        job: job.to_string(),
        steps: plan.steps.len(),
    });
    tracing::info!(job, rerun, steps = plan.steps.len(), "run started");
    let mut findings: Vec<Finding> = plan.findings.clone();
    for step in &plan.steps {
        if done.contains(&step.id) {
            let _ = tx.send(Event::StepSkipped { step: step.id });
            continue;
        }
        if cancel.load(Ordering::SeqCst) {
            journal.append(Entry::Cancelled { step: step.id })?;
            let f = Finding::new(
                "ICL455W",
                job,
                format!("cancelled before step {}; RERUN resumes, ROLLBACK undoes", step.id),
            );
            let _ = tx.send(Event::Finding(f));
            journal.append(Entry::RunEnded { rc: 8 })?;
            return Ok(8);
        }
        journal.append(Entry::StepBegin { step: step.id })?;
        let _ = tx.send(Event::StepStarted {
            step: step.id,
            title: step.title.clone(),
        });
        let t0 = std::time::Instant::now();
        let mut ctx = steps::Ctx {
            farm: &mut farm,
            dir,
            plan,
            tx,
            cancel,
            step: step.id,
            findings: Vec::new(),
        };
        let res = match fail_injected(step.id) {
            Some(e) => Err(e),
            None => steps::run(&mut ctx, &step.kind),
        };
        let step_findings = std::mem::take(&mut ctx.findings);
        for f in &step_findings {
            let _ = tx.send(Event::Finding(f.clone()));
        }
        findings.extend(step_findings);
        match res {
            Ok(()) => {
                let micros = t0.elapsed().as_micros().min(u64::MAX as u128) as u64;
                journal.append(Entry::StepEnd { step: step.id, micros })?;
                let _ = tx.send(Event::StepFinished {
                    step: step.id,
                    ok: true,
                });
            }
            Err(e) => {
                tracing::error!(job, step = step.id, error = %e, "step failed");
                journal.append(Entry::StepFailed {
                    step: step.id,
                    message: e.to_string(),
                })?;
                let _ = tx.send(Event::StepFinished {
                    step: step.id,
                    ok: false,
                });
                let _ = tx.send(Event::Log {
                    id: e.id.to_string(),
                    text: format!("step {} failed: {}", step.id, e.text),
                });
                let code = e.severity().rc().max(8);
                journal.append(Entry::RunEnded { rc: code })?;
                return Ok(code);
            }
        }
    }
    let code = rc(&findings);
    journal.append(Entry::RunEnded { rc: code })?;
    tracing::info!(job, rc = code, "run ended");
    Ok(code)
}

/// Test hook: `IMSCLONE_FAIL_STEP=N` makes step N fail before it does
/// anything, so the failure paths (journal, RC, RERUN, ROLLBACK) can be
/// tested on the real binary.
fn fail_injected(step: usize) -> Option<crate::IclError> {
    let n = std::env::var("IMSCLONE_FAIL_STEP").ok()?.parse::<usize>().ok()?;
    (n == step).then(|| icl!("ICL458E", "step {step} failed on request (IMSCLONE_FAIL_STEP)"))
}
