//! Starting jobs from the panels. Everything that touches the farm for a
//! run (taking the farm lock, planning again under it, creating the job
//! folder, executing, restoring for ROLLBACK) happens on a worker thread;
//! the UI thread only registers the job on the board and goes on drawing.
//! The worker forwards the executor's events tagged with the job's session
//! key, and turns the board's cancel flag into the executor's cancel.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossbeam_channel::{RecvTimeoutError, Sender};

use super::events::{JobEvent, JobMsg};
use crate::engine::events::Event;
use crate::engine::exec::{self, RunHandle};
use crate::engine::plan::Plan;
use crate::engine::{jobs, journal};
use crate::farm::Farm;
use crate::{IclError, Result, icl};

/// What the user asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunRequest {
    /// Execute a reviewed plan.
    Run(Box<Plan>),
    /// Resume a job from its journal.
    Rerun(String),
    /// Put a job's targets, the master catalog and farm.toml back.
    Rollback(String),
}

impl RunRequest {
    pub fn kind(&self) -> &'static str {
        match self {
            RunRequest::Run(_) => "RUN",
            RunRequest::Rerun(_) => "RERUN",
            RunRequest::Rollback(_) => "ROLLBACK",
        }
    }

    /// The job name (RUN) or job ID (RERUN, ROLLBACK) the board shows first.
    pub fn name(&self) -> String {
        match self {
            RunRequest::Run(p) => p.job.job.name.clone(),
            RunRequest::Rerun(id) | RunRequest::Rollback(id) => id.clone(),
        }
    }

    /// The job ID when it is known before the worker starts.
    pub fn id(&self) -> String {
        match self {
            RunRequest::Run(_) => String::new(),
            RunRequest::Rerun(id) | RunRequest::Rollback(id) => id.clone(),
        }
    }
}

/// Start a job's worker. Never blocks: errors come back as events.
pub fn spawn(root: PathBuf, key: u64, req: RunRequest, tx: Sender<JobMsg>, cancel: Arc<AtomicBool>) {
    let t2 = tx.clone();
    let started = std::thread::Builder::new()
        .name(format!("imsclone-job-{key}"))
        .spawn(move || {
            let send = |ev: JobEvent| {
                let _ = tx.send(JobMsg { key, ev });
            };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&root, req, &send, &cancel)));
            match r {
                Ok(Ok(())) => {}
                Ok(Err(e)) => send(JobEvent::Failed(e)),
                Err(_) => send(JobEvent::Failed(icl!(
                    "ICL676S",
                    "the job's worker thread ended unexpectedly"
                ))),
            }
        });
    if let Err(e) = started {
        let _ = t2.send(JobMsg {
            key,
            ev: JobEvent::Failed(icl!("ICL676S", "cannot start a worker thread: {e}")),
        });
    }
}

fn work(root: &std::path::Path, req: RunRequest, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    match req {
        RunRequest::Run(plan) => run(root, *plan, send, cancel),
        RunRequest::Rerun(id) => rerun(root, &id, send, cancel),
        RunRequest::Rollback(id) => rollback(root, &id, send),
    }
}

fn titles(plan: &Plan) -> Vec<String> {
    plan.steps.iter().map(|s| s.title.clone()).collect()
}

/// Run a reviewed plan. The farm may have changed since the review (another
/// run, a farm command): planning again under the lock with the same clock
/// must give the same steps and preview, or nothing is done.
fn run(root: &std::path::Path, reviewed: Plan, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    let farm = Farm::open_locked(root)?;
    let plan = crate::engine::clone::plan(&farm, &reviewed.job, reviewed.clock)?;
    if plan.steps != reviewed.steps || plan.preview != reviewed.preview {
        return Err(icl!(
            "ICL670E",
            "the farm changed since the review of {}; simulate again before running",
            reviewed.job.job.name
        ));
    }
    if plan.blocked() {
        return Err(icl!(
            "ICL671E",
            "the plan of {} has errors (RC={}): nothing was written",
            plan.job.job.name,
            plan.rc()
        ));
    }
    let id = jobs::new_id(&farm, &plan.job.job.name, plan.clock)?;
    let dir = jobs::create(&farm, &id, &plan)?;
    send(JobEvent::Attached {
        job: id.clone(),
        steps: titles(&plan),
    });
    follow(exec::start(farm, id, dir, plan, false)?, send, cancel)
}

/// RERUN: as `imsclone rerun`.
fn rerun(root: &std::path::Path, id: &str, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    let farm = Farm::open_locked(root)?;
    let (dir, plan) = jobs::load(&farm, id)?;
    let recs = journal::read(&dir.join(journal::JOURNAL))?;
    if recs.iter().any(|r| matches!(r.entry, journal::Entry::RollbackStarted)) {
        return Err(icl!(
            "ICL486E",
            "job {id} was rolled back; plan and run it again instead"
        ));
    }
    send(JobEvent::Attached {
        job: id.to_string(),
        steps: titles(&plan),
    });
    follow(exec::start(farm, id.to_string(), dir, plan, true)?, send, cancel)
}

/// Forward the executor's events until it ends; pass a cancel on.
fn follow(h: RunHandle, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    let mut passed = false;
    loop {
        if !passed && cancel.load(Ordering::SeqCst) {
            h.request_cancel();
            passed = true;
        }
        match h.events.recv_timeout(Duration::from_millis(25)) {
            Ok(ev) => send(JobEvent::Engine(ev)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    h.wait().map(|_| ())
}

/// ROLLBACK: as `imsclone rollback`, step by step with events.
fn rollback(root: &std::path::Path, id: &str, send: &dyn Fn(JobEvent)) -> Result<()> {
    let mut farm = Farm::open_locked(root)?;
    let (dir, plan) = jobs::load(&farm, id)?;
    let mut steps: Vec<String> = plan
        .preview
        .pairs
        .iter()
        .map(|p| format!("Restore device {}", p.target_device))
        .collect();
    steps.push("Restore the master catalog and farm.toml".into());
    send(JobEvent::Attached {
        job: id.to_string(),
        steps: steps.clone(),
    });
    send(JobEvent::Engine(Event::Started {
        job: id.to_string(),
        steps: steps.len(),
    }));
    let mut j = journal::Journal::open(&dir)?;
    j.append(journal::Entry::RollbackStarted)?;
    let log = |id: &str, text: String| {
        send(JobEvent::Engine(Event::Log { id: id.into(), text }));
    };
    let mut restored = 0;
    for (i, p) in plan.preview.pairs.iter().enumerate() {
        step_start(send, i + 1, &steps[i]);
        let r = exec::backup::restore_target(&farm, &dir, &p.target_device);
        step_end(send, i + 1, &r)?;
        if r? {
            restored += 1;
            log(
                "ICL487I",
                format!("device {} restored to its state before job {id}", p.target_device),
            );
        }
    }
    let last = steps.len();
    step_start(send, last, &steps[last - 1]);
    let r = exec::backup::restore_catalogs(&mut farm, &dir);
    step_end(send, last, &r)?;
    if r? {
        log("ICL487I", "master catalog and farm.toml restored".into());
    }
    j.append(journal::Entry::RollbackEnded { rc: 0 })?;
    log(
        "ICL488I",
        format!("job {id} rolled back: {restored} target devices restored"),
    );
    send(JobEvent::Engine(Event::Finished { rc: 0 }));
    Ok(())
}

fn step_start(send: &dyn Fn(JobEvent), step: usize, title: &str) {
    send(JobEvent::Engine(Event::StepStarted {
        step,
        title: title.into(),
    }));
}

/// Report a rollback step's end; an error ends the rollback.
fn step_end<T>(send: &dyn Fn(JobEvent), step: usize, r: &std::result::Result<T, IclError>) -> Result<()> {
    send(JobEvent::Engine(Event::StepFinished { step, ok: r.is_ok() }));
    match r {
        Ok(_) => Ok(()),
        Err(e) => Err(e.clone()),
    }
}
