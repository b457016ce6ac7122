//! Farm reads off the UI thread. A panel asks for data with a
//! [`Request`]; one worker thread opens volumes (discovers systems, plans
//! clones, reads job folders and profile files) and sends back a
//! [`Loaded`] tagged with the asking stack entry. The app drains the
//! results each frame, so a slow volume never freezes the screen.
//! Entry 0 is the app itself (a new view of the farm after a job).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};

use super::fetch::{JobRow, ProfileRow};
use crate::catalog::Mask;
use crate::dasd::{Access, DatasetInfo, MemberInfo};
use crate::engine::plan::Plan;
use crate::engine::request::JobFile;
use crate::farm::{Farm, VolumeStatus};
use crate::ims::discovery::ImsSystem;
use crate::{IclError, icl};

/// Lines browse keeps in memory.
pub const MAX_BROWSE_LINES: usize = 200_000;

/// What a panel wants from the farm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Volumes,
    /// Data sets of the online volumes matching a mask (and a volume).
    Datasets {
        mask: String,
        volser: Option<String>,
    },
    Members {
        dsn: String,
        volser: Option<String>,
    },
    /// Lines of a PS data set or a member. Without a VOLSER the catalog says where.
    Text {
        dsn: String,
        volser: Option<String>,
        member: Option<String>,
    },
    /// Discovery of an IMS system (group or IMSID).
    System {
        name: String,
    },
    /// LIST.RECON of a system's RECON.
    Recon {
        system: String,
    },
    /// Plan a job (pure: SIMULATE).
    Plan {
        job: Box<JobFile>,
        clock: u64,
    },
    /// The job folders of the farm.
    Jobs,
    /// The report of a job.
    Report {
        id: String,
    },
    /// Profile files in a directory.
    Profiles {
        dir: PathBuf,
    },
    ReadFile {
        path: PathBuf,
    },
    WriteFile {
        path: PathBuf,
        text: String,
    },
    DeleteFile {
        path: PathBuf,
    },
    /// Open the farm again (after a job changed farm.toml).
    Reopen,
}

/// A data set row: VTOC information plus the catalog that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DsRow {
    pub info: DatasetInfo,
    pub catalog: String,
}

#[derive(Debug, Clone)]
pub enum Loaded {
    Volumes(Vec<VolumeStatus>),
    Datasets(Vec<DsRow>),
    Members {
        volser: String,
        members: Vec<MemberInfo>,
    },
    Text {
        volser: String,
        lines: Vec<String>,
        truncated: bool,
    },
    System(Box<ImsSystem>),
    Recon {
        dsn: String,
        lines: Vec<String>,
    },
    Plan(Box<Plan>),
    Jobs(Vec<JobRow>),
    Report {
        id: String,
        lines: Vec<String>,
    },
    Profiles(Vec<ProfileRow>),
    File {
        path: PathBuf,
        text: String,
    },
    Written {
        path: PathBuf,
    },
    Deleted {
        path: PathBuf,
    },
    Farm(Arc<Farm>),
    Failed(IclError),
}

struct Job {
    entry: u64,
    req: Request,
}

/// The loader of a session.
pub struct Loader {
    tx: Option<Sender<Job>>,
    rx: Receiver<(u64, Loaded)>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Loader {
    /// Start the worker on a farm.
    pub fn start(farm: Arc<Farm>) -> Loader {
        let (tx, jobs) = unbounded::<Job>();
        let (done, rx) = unbounded();
        // The worker's view of the farm; Reopen replaces it.
        let farm = Mutex::new(farm);
        let handle = thread::Builder::new()
            .name("imsclone-loader".into())
            .spawn(move || {
                for j in jobs {
                    let cur = farm
                        .lock()
                        .map(|f| f.clone())
                        .unwrap_or_else(|p| p.into_inner().clone());
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| serve(&cur, &j.req)))
                        .unwrap_or_else(|_| Loaded::Failed(icl!("ICL666E", "reading {:?} failed unexpectedly", j.req)));
                    if let Loaded::Farm(f) = &r
                        && let Ok(mut g) = farm.lock()
                    {
                        *g = f.clone();
                    }
                    if done.send((j.entry, r)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Loader {
            tx: Some(tx),
            rx,
            handle,
        }
    }

    /// Queue a request for a stack entry.
    pub fn submit(&self, entry: u64, req: Request) {
        tracing::debug!(entry, ?req, "load requested");
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job { entry, req });
        }
    }

    /// Results that have arrived (never blocks).
    pub fn poll(&self) -> Vec<(u64, Loaded)> {
        self.rx.try_iter().collect()
    }

    /// Wait up to `t` for one result (tests and benchmarks).
    pub fn wait(&self, t: Duration) -> Option<(u64, Loaded)> {
        self.rx.recv_timeout(t).ok()
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(farm: &Arc<Farm>, req: &Request) -> Loaded {
    if let Some(r) = super::fetch::serve(farm, req) {
        return r.unwrap_or_else(Loaded::Failed);
    }
    let farm: &Farm = farm;
    let r = match req {
        Request::Volumes => Ok(Loaded::Volumes(farm.volumes())),
        Request::Datasets { mask, volser } => datasets(farm, mask, volser.as_deref()).map(Loaded::Datasets),
        Request::Members { dsn, volser } => open(farm, dsn, volser.as_deref()).and_then(|v| {
            Ok(Loaded::Members {
                volser: v.volser(),
                members: v.members(dsn)?,
            })
        }),
        Request::Text { dsn, volser, member } => open(farm, dsn, volser.as_deref()).and_then(|v| {
            let mut lines = match member {
                Some(m) => v.read_member_text(dsn, m)?,
                None => v.read_text(dsn)?,
            };
            let truncated = lines.len() > MAX_BROWSE_LINES;
            lines.truncate(MAX_BROWSE_LINES);
            Ok(Loaded::Text {
                volser: v.volser(),
                lines,
                truncated,
            })
        }),
        _ => Err(icl!("ICL666E", "request {req:?} has no reader")),
    };
    r.unwrap_or_else(Loaded::Failed)
}

/// The volume holding a data set: the given VOLSER, else the catalog's.
fn open(farm: &Farm, dsn: &str, volser: Option<&str>) -> crate::Result<crate::dasd::Volume> {
    match volser {
        Some(v) => farm.open_volser(v, Access::Read),
        None => {
            let cats = farm.catalogs()?;
            let vs = cats.volumes_of(dsn);
            let v = vs.first().ok_or_else(|| icl!("ICL666E", "{dsn} is not cataloged"))?;
            farm.open_volser(v, Access::Read)
        }
    }
}

fn datasets(farm: &Farm, mask: &str, volser: Option<&str>) -> crate::Result<Vec<DsRow>> {
    let m = Mask::parse(mask)?;
    let cats = farm.catalogs().ok();
    let mut devs: Vec<_> = farm.config.devices.iter().filter(|d| d.online).collect();
    devs.sort_by(|a, b| a.devnum.cmp(&b.devnum));
    let mut out = Vec::new();
    for d in devs {
        let vol = match farm.open_device(&d.devnum, Access::Read) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(device = %d.devnum, error = %e, "volume skipped in data set list");
                continue;
            }
        };
        if volser.is_some_and(|v| v != vol.volser()) {
            continue;
        }
        for info in vol.datasets()? {
            if !m.matches(&info.dsn) {
                continue;
            }
            let catalog = cats
                .as_ref()
                .and_then(|c| c.locate(&info.dsn))
                .filter(|l| l.entry.volumes.is_empty() || l.entry.volumes.contains(&info.volser))
                .map(|l| l.catalog.to_string())
                .unwrap_or_default();
            out.push(DsRow { info, catalog });
        }
    }
    Ok(out)
}
