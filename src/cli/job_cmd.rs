//! `imsclone simulate|run|rerun|rollback|verify`.

use std::path::Path;

use super::farm_cmd::resolve_farm;
use crate::Result;
use crate::engine::request::JobFile;
use crate::farm::Farm;
use crate::msg::io_err;

/// Read and parse a job file.
pub fn read_job(path: &Path) -> Result<JobFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| io_err("ICL400E", format!("cannot read job file {}", path.display()), e))?;
    JobFile::parse(&text, &path.display().to_string())
}

/// SIMULATE: plan and show; writes nothing.
pub fn simulate(job: &Path, farm: Option<&Path>) -> Result<i32> {
    let jf = read_job(job)?;
    let farm = Farm::open(&resolve_farm(farm)?)?;
    let plan = crate::engine::plan_job(&farm, &jf, crate::dasd::dates::epoch_seconds())?;
    crate::out!("{}", crate::engine::report::render(&plan));
    Ok(plan.rc())
}

use std::io::{IsTerminal, Write};

use crate::engine::events::Event;
use crate::engine::exec::{self, RunHandle};
use crate::engine::jobs;

/// Show a run's events until it ends: a progress line on a terminal,
/// plain lines when piped.
fn follow(h: RunHandle) -> Result<i32> {
    let tty = std::io::stdout().is_terminal();
    let mut steps = 0;
    let mut title = String::new();
    let mut out = std::io::stdout().lock();
    for ev in h.events.iter() {
        match ev {
            Event::Started { job, steps: n } => {
                steps = n;
                let _ = writeln!(out, "ICL480I job {job} started: {n} steps");
            }
            Event::StepStarted { step, title: t } => {
                title = t;
                if !tty {
                    let _ = writeln!(out, "ICL481I step {step}/{steps} started: {title}");
                }
            }
            Event::Progress {
                step,
                done,
                total,
                rate,
            } if tty => {
                let pct = (done * 100).checked_div(total).unwrap_or(100);
                let width = 30usize;
                let fill = (pct as usize * width / 100).min(width);
                let _ = write!(
                    out,
                    "\r  {step:>3}/{steps} [{}{}] {pct:>3}% {:>8.1} MiB/s  {title:.40}",
                    "#".repeat(fill),
                    ".".repeat(width - fill),
                    rate / 1048576.0
                );
                let _ = out.flush();
            }
            Event::Progress { .. } => {}
            Event::StepFinished { step, ok } => {
                if tty {
                    let _ = writeln!(
                        out,
                        "\r  {step:>3}/{steps} {} {title:<70}",
                        if ok { "done" } else { "FAILED" }
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "ICL482I step {step}/{steps} {}",
                        if ok { "ended" } else { "FAILED" }
                    );
                }
            }
            Event::StepSkipped { step } => {
                let _ = writeln!(out, "ICL483I step {step}/{steps} already done, skipped");
            }
            Event::Log { id, text } => {
                let _ = writeln!(out, "{}{id} {text}", if tty { "\r" } else { "" });
            }
            Event::Finding(f) => {
                let _ = writeln!(out, "{}", f.line());
            }
            Event::Finished { rc } => {
                let _ = writeln!(out, "ICL484I job ended, RC={rc:02}");
            }
        }
    }
    drop(out);
    h.wait()
}

/// RUN: plan, refuse if the plan is blocked, then execute with a journal.
pub fn run(job: &Path, farm: Option<&Path>) -> Result<i32> {
    let jf = read_job(job)?;
    let farm = Farm::open_locked(&resolve_farm(farm)?)?;
    let plan = crate::engine::plan_job(&farm, &jf, crate::dasd::dates::epoch_seconds())?;
    if plan.blocked() {
        for f in &plan.findings {
            eprintln!("{}", f.line());
        }
        eprintln!("ICL485E the plan has errors: nothing was written (run SIMULATE for the full preview)");
        return Ok(plan.rc());
    }
    let id = jobs::new_id(&farm, &jf.job.name, plan.clock)?;
    let dir = jobs::create(&farm, &id, &plan)?;
    for f in &plan.findings {
        crate::outln!("{}", f.line());
    }
    follow(exec::start(farm, id, dir, plan, false)?)
}

/// RERUN: resume a job from its journal.
pub fn rerun(id: &str, farm: Option<&Path>) -> Result<i32> {
    let farm = Farm::open_locked(&resolve_farm(farm)?)?;
    let (dir, plan) = jobs::load_for_rerun(&farm, id)?;
    follow(exec::start(farm, id.to_string(), dir, plan, true)?)
}

/// ROLLBACK: return the targets, the master catalog and farm.toml to their
/// state before the run.
pub fn rollback(id: &str, farm: Option<&Path>) -> Result<i32> {
    let mut farm = Farm::open_locked(&resolve_farm(farm)?)?;
    let (dir, plan) = jobs::load(&farm, id)?;
    let restored = exec::rollback::rollback(&mut farm, &dir, &plan, &mut |_, _| {}, &mut |mid, text| {
        crate::outln!("{mid} {text}")
    })?;
    crate::outln!("ICL488I job {id} rolled back: {restored} target devices restored");
    Ok(0)
}

/// VERIFY: the checks a system must pass to start.
pub fn verify(system: &str, farm: Option<&Path>) -> Result<i32> {
    let farm = Farm::open(&resolve_farm(farm)?)?;
    let findings = crate::engine::verify::verify(&farm, &system.to_ascii_uppercase())?;
    for f in &findings {
        crate::outln!("{}", f.line());
    }
    let rc = crate::engine::finding::rc(&findings);
    crate::outln!("ICL489I verify of {} ended, RC={rc:02}", system.to_ascii_uppercase());
    Ok(rc)
}
