//! Starting jobs from the panels. Everything that touches the farm for a
//! run (taking the farm lock, planning again under it, creating the job
//! folder, executing, restoring for ROLLBACK) happens on a worker thread;
//! the UI thread only registers the job on the board and goes on drawing.
//! The worker forwards the executor's events tagged with the job's session
//! key, and turns the board's cancel flag into the executor's cancel. Every
//! job type (system clone, database refresh, skeleton clone) runs, reruns
//! and rolls back the same way; ROLLBACK is the engine's
//! (`exec::rollback`), its undo steps shown as the job's steps.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossbeam_channel::{RecvTimeoutError, Sender};

use super::events::{JobEvent, JobMsg};
use crate::engine::events::Event;
use crate::engine::exec::rollback::{self as undo, Undo};
use crate::engine::exec::{self, RunHandle};
use crate::engine::jobs;
use crate::engine::plan::Plan;
use crate::farm::Farm;
use crate::{Result, icl};

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

    /// The job's type when it is known before the worker starts (RUN:
    /// the plan's; RERUN and ROLLBACK learn it from the job folder).
    pub fn job_type(&self) -> String {
        match self {
            RunRequest::Run(p) => p.job.job.kind.clone(),
            RunRequest::Rerun(_) | RunRequest::Rollback(_) => String::new(),
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
    let farm = lock_farm(root, send, cancel)?;
    match req {
        RunRequest::Run(plan) => run(farm, *plan, send, cancel),
        RunRequest::Rerun(id) => rerun(farm, &id, send, cancel),
        RunRequest::Rollback(id) => rollback(farm, &id, send),
    }
}

/// How often a waiting job tries the farm lock again.
const LOCK_RETRY: Duration = Duration::from_millis(100);

/// Take the farm lock, waiting while another run holds it (another job of
/// this session, or an `imsclone run`): jobs queue as they do under JES
/// rather than fail. STOP while waiting ends the job with nothing done.
fn lock_farm(root: &std::path::Path, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<Farm> {
    let mut told = false;
    loop {
        match Farm::open_locked(root) {
            Err(e) if e.id == "ICL253E" => {
                if !told {
                    send(JobEvent::Waiting(e.text.clone()));
                    told = true;
                }
                if cancel.load(Ordering::SeqCst) {
                    // ICL699W is events::CANCELLED_WAITING (the macro takes a literal).
                    return Err(icl!(
                        "ICL699W",
                        "the job was cancelled while it waited for the farm: nothing was done"
                    ));
                }
                std::thread::sleep(LOCK_RETRY);
            }
            r => return r,
        }
    }
}

fn titles(plan: &Plan) -> Vec<String> {
    plan.steps.iter().map(|s| s.title.clone()).collect()
}

/// Run a reviewed plan. The farm may have changed since the review (another
/// run, a farm command): planning again under the lock with the same clock
/// must give the same steps and preview, or nothing is done.
fn run(farm: Farm, reviewed: Plan, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    let plan = crate::engine::plan_job(&farm, &reviewed.job, reviewed.clock)?;
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
        kind: plan.job.job.kind.clone(),
        steps: titles(&plan),
    });
    follow(exec::start(farm, id, dir, plan, false)?, send, cancel)
}

/// RERUN: as `imsclone rerun`.
fn rerun(farm: Farm, id: &str, send: &dyn Fn(JobEvent), cancel: &AtomicBool) -> Result<()> {
    let (dir, plan) = jobs::load_for_rerun(&farm, id)?;
    send(JobEvent::Attached {
        job: id.to_string(),
        kind: plan.job.job.kind.clone(),
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

/// ROLLBACK: the engine's rollback (as `imsclone rollback`), its undo
/// steps shown as the job's steps: each starts when the engine says so and
/// ends when the next starts (or the rollback ends).
fn rollback(mut farm: Farm, id: &str, send: &dyn Fn(JobEvent)) -> Result<()> {
    let (dir, plan) = jobs::load(&farm, id)?;
    let todo = undo::outline(&dir, &plan)?;
    send(JobEvent::Attached {
        job: id.to_string(),
        kind: plan.job.job.kind.clone(),
        steps: todo.iter().map(Undo::title).collect(),
    });
    send(JobEvent::Engine(Event::Started {
        job: id.to_string(),
        steps: todo.len(),
    }));
    let current = Cell::new(0usize);
    let r = undo::rollback(
        &mut farm,
        &dir,
        &plan,
        &mut |i, u| {
            let was = current.replace(i);
            if was > 0 {
                send(JobEvent::Engine(Event::StepFinished { step: was, ok: true }));
            }
            send(JobEvent::Engine(Event::StepStarted {
                step: i,
                title: u.title(),
            }));
        },
        &mut |mid, text| send(JobEvent::Engine(Event::Log { id: mid.into(), text })),
    );
    let last = current.get();
    match r {
        Ok(restored) => {
            if last > 0 {
                send(JobEvent::Engine(Event::StepFinished { step: last, ok: true }));
            }
            send(JobEvent::Engine(Event::Log {
                id: "ICL488I".into(),
                text: format!("job {id} rolled back: {restored} target devices restored"),
            }));
            send(JobEvent::Engine(Event::Finished { rc: 0 }));
            Ok(())
        }
        Err(e) => {
            if last > 0 {
                send(JobEvent::Engine(Event::StepFinished { step: last, ok: false }));
            }
            Err(e)
        }
    }
}
