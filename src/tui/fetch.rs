//! The loader's readers for the IMS and job panels: discovery, LIST.RECON,
//! planning, the job folders of the farm, and profile files in the config
//! directory. They run on the loader's worker thread, never on the UI's.

use std::path::Path;
use std::sync::Arc;

use super::loader::{Loaded, Request};
use crate::engine::{jobs, journal};
use crate::farm::Farm;
use crate::farm::reader::FarmReader;
use crate::msg::io_err;
use crate::{Result, icl};

/// One job folder of the farm, as the job list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    pub id: String,
    /// The job's type (`system-clone`) and name.
    pub kind: String,
    pub name: String,
    /// When its first run started (`yyyy/mm/dd hh:mm:ss`), else when planned.
    pub started: String,
    pub rc: Option<i32>,
    /// PLANNED, ACTIVE (another process runs it now), ENDED, FAILED,
    /// CANCELLED, KILLED, ROLLED BACK, ROLLBACK KILLED (engine::jobs::status).
    pub state: String,
    pub steps: usize,
}

impl JobRow {
    /// A killed, failed or cancelled run can be resumed.
    pub fn rerunnable(&self) -> bool {
        matches!(self.state.as_str(), "KILLED" | "FAILED" | "CANCELLED")
    }

    /// A job that ran (or began to) and was not rolled back can be rolled
    /// back, whatever its type.
    pub fn undoable(&self) -> bool {
        !matches!(self.state.as_str(), "PLANNED" | "ACTIVE" | "ROLLED BACK" | "DAMAGED") && !self.id.starts_with('(')
    }
}

/// A profile file in the config directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub name: String,
    /// `system-clone`, `skeleton-clone`, `db-refresh`, or `?` when the
    /// file does not read.
    pub kind: String,
    pub description: String,
    /// Last change (`yyyy/mm/dd hh:mm`).
    pub changed: String,
    pub path: std::path::PathBuf,
}

/// Serve the requests of this module; None for the others.
pub fn serve(farm: &Arc<Farm>, req: &Request) -> Option<Result<Loaded>> {
    Some(match req {
        Request::System { name } => {
            crate::ims::discovery::discover(farm, &name.to_ascii_uppercase()).map(|s| Loaded::System(Box::new(s)))
        }
        Request::Recon { system } => recon(farm, system),
        Request::Plan { job, clock } => plan(farm, job, *clock),
        Request::Jobs => job_rows(farm).map(Loaded::Jobs),
        Request::Report { id } => report(farm, id),
        Request::Profiles { dir } => Ok(Loaded::Profiles(profiles(dir))),
        Request::ReadFile { path } => std::fs::read_to_string(path)
            .map(|text| Loaded::File {
                path: path.clone(),
                text,
            })
            .map_err(|e| io_err("ICL679E", format!("cannot read {}", path.display()), e)),
        Request::WriteFile { path, text } => write(path, text).map(|_| Loaded::Written { path: path.clone() }),
        Request::DeleteFile { path } => std::fs::remove_file(path)
            .map(|_| Loaded::Deleted { path: path.clone() })
            .map_err(|e| io_err("ICL679E", format!("cannot delete {}", path.display()), e)),
        Request::Reopen => Farm::open(farm.root()).map(|f| Loaded::Farm(Arc::new(f))),
        _ => return None,
    })
}

/// LIST.RECON of the first readable RECON of a system.
fn recon(farm: &Farm, system: &str) -> Result<Loaded> {
    let s = crate::ims::discovery::discover(farm, &system.to_ascii_uppercase())?;
    let reader = FarmReader::new(farm)?;
    for r in &s.recons {
        if let Ok(recon) = reader
            .volume_of(&r.dsn)
            .and_then(|v| crate::ims::recon::volume_io::load(&v, &r.dsn))
        {
            return Ok(Loaded::Recon {
                dsn: r.dsn.clone(),
                lines: crate::ims::recon::list::list_recon(&recon).lines,
            });
        }
    }
    Err(icl!("ICL389E", "{}: no readable RECON", s.name))
}

/// Plan a job of any type (system clone, database refresh, skeleton).
fn plan(farm: &Farm, job: &crate::engine::request::JobFile, clock: u64) -> Result<Loaded> {
    crate::engine::plan_job(farm, job, clock).map(|p| Loaded::Plan(Box::new(p)))
}

fn report(farm: &Farm, id: &str) -> Result<Loaded> {
    let d = jobs::dir(farm, id)?;
    let text = std::fs::read_to_string(d.join(jobs::REPORT))
        .map_err(|e| io_err("ICL453E", format!("job {id} has no readable report"), e))?;
    Ok(Loaded::Report {
        id: id.to_string(),
        lines: text.lines().map(str::to_string).collect(),
    })
}

/// `yyyy/mm/dd hh:mm:ss` of seconds since the epoch.
pub fn stamp(secs: u64) -> String {
    let s = crate::dasd::dates::stamp_of(secs);
    format!("{} {:02}:{:02}:{:02}", s.date.iso(), s.hour, s.minute, s.second)
}

/// Every job folder, newest first. A folder that does not read is listed
/// with state DAMAGED rather than hidden.
pub fn job_rows(farm: &Farm) -> Result<Vec<JobRow>> {
    let root = farm.path("jobs")?;
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&root) else {
        return Ok(out);
    };
    for e in rd.flatten() {
        let id = e.file_name().to_string_lossy().to_string();
        if !e.path().is_dir() {
            continue;
        }
        out.push(job_row(farm, &id));
    }
    out.sort_by(|a, b| b.started.cmp(&a.started).then(b.id.cmp(&a.id)));
    Ok(out)
}

fn job_row(farm: &Farm, id: &str) -> JobRow {
    let mut row = JobRow {
        id: id.to_string(),
        kind: String::new(),
        name: String::new(),
        started: String::new(),
        rc: None,
        state: "DAMAGED".into(),
        steps: 0,
    };
    let Ok((dir, plan)) = jobs::load(farm, id) else {
        return row;
    };
    row.kind = plan.job.job.kind.clone();
    row.name = plan.job.job.name.clone();
    row.steps = plan.steps.len();
    row.started = stamp(plan.clock);
    let recs = journal::read(&dir.join(journal::JOURNAL)).unwrap_or_default();
    let st = jobs::status(&recs);
    row.state = st.state.into();
    row.rc = st.rc;
    if let Some(t) = st.started {
        row.started = stamp(t);
    }
    row
}

/// The profile files (`*.toml`) of a directory, by name.
pub fn profiles(dir: &Path) -> Vec<ProfileRow> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "toml") || !path.is_file() {
            continue;
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_ascii_uppercase())
            .unwrap_or_default();
        let changed = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| stamp(d.as_secs())[..16].to_string())
            .unwrap_or_default();
        let (kind, description) = match std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
        {
            Some(t) => {
                let job = t.get("job").and_then(|j| j.as_table());
                let get = |k: &str| {
                    job.and_then(|j| j.get(k))
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                };
                (get("type"), get("description"))
            }
            None => ("?".into(), "(not a readable TOML job file)".into()),
        };
        out.push(ProfileRow {
            name,
            kind,
            description,
            changed,
            path,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Write a file whole: a temporary file renamed over the old one, so a
/// crash never leaves half a profile.
fn write(path: &Path, text: &str) -> Result<()> {
    let w = || -> std::io::Result<()> {
        if let Some(d) = path.parent() {
            std::fs::create_dir_all(d)?;
        }
        let tmp = path.with_extension("toml.new");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    };
    w().map_err(|e| io_err("ICL679E", format!("cannot write {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn stamps() {
        assert_eq!(super::stamp(1_795_737_600), "2026/11/27 00:00:00");
    }
}
