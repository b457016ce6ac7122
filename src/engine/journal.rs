//! The journal of a run: an append-only file of JSON lines, fsynced after
//! every record, written before and after every step. It is what RERUN
//! resumes from and what ROLLBACK undoes.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::msg::io_err;
use crate::{Result, icl};

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Entry {
    RunStarted {
        rerun: bool,
        /// The process that runs it (journals before it have none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<super::owner::Owner>,
    },
    StepBegin {
        step: usize,
    },
    StepEnd {
        step: usize,
        /// How long the step took.
        #[serde(default)]
        micros: u64,
    },
    StepFailed {
        step: usize,
        message: String,
    },
    Cancelled {
        step: usize,
    },
    RunEnded {
        rc: i32,
    },
    RollbackStarted {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<super::owner::Owner>,
    },
    RollbackEnded {
        rc: i32,
    },
}

/// One journal record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    /// Seconds since the epoch.
    pub time: u64,
    #[serde(flatten)]
    pub entry: Entry,
}

/// An open journal.
pub struct Journal {
    path: PathBuf,
    file: File,
    seq: u64,
}

/// Name of the journal file in a job folder.
pub const JOURNAL: &str = "journal.jsonl";

impl Journal {
    /// Open (creating) the journal of a job folder for appending.
    pub fn open(job_dir: &Path) -> Result<Journal> {
        let path = job_dir.join(JOURNAL);
        let seq = if path.exists() {
            read(&path)?.last().map_or(0, |r| r.seq)
        } else {
            0
        };
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_err("ICL450E", format!("cannot open journal {}", path.display()), e))?;
        Ok(Journal { path, file, seq })
    }

    /// Append a record and fsync it. With `IMSCLONE_KILL_AT=N` in the
    /// environment the process kills itself right after record N is safe
    /// on disk: the kill-and-rerun tests use this to stop a run at every
    /// journal step. `IMSCLONE_STOP_AT=N` stops it there instead (SIGSTOP,
    /// until a SIGCONT): a run that is still going, for the job list tests.
    pub fn append(&mut self, entry: Entry) -> Result<()> {
        self.seq += 1;
        let rec = Record {
            seq: self.seq,
            time: crate::dasd::dates::epoch_seconds(),
            entry,
        };
        let mut line = serde_json::to_string(&rec).map_err(|e| icl!("ICL450E", "journal record: {e}"))?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|_| self.file.sync_data())
            .map_err(|e| io_err("ICL450E", format!("cannot write journal {}", self.path.display()), e))?;
        for (var, signal) in [("IMSCLONE_KILL_AT", libc::SIGKILL), ("IMSCLONE_STOP_AT", libc::SIGSTOP)] {
            if std::env::var(var).ok().and_then(|v| v.parse::<u64>().ok()) == Some(self.seq) {
                // SAFETY: raising a signal on our own process; SIGKILL and
                // SIGSTOP cannot be caught.
                unsafe {
                    libc::raise(signal);
                }
            }
        }
        Ok(())
    }
}

/// Read every record of a journal (a torn last line is ignored: it was
/// never fsynced, so the step it announced did not start).
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let f = File::open(path).map_err(|e| io_err("ICL451E", format!("cannot read journal {}", path.display()), e))?;
    let mut out = Vec::new();
    for line in BufReader::new(f).lines() {
        let line = line.map_err(|e| io_err("ICL451E", "journal", e))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(r) => out.push(r),
            Err(_) => break,
        }
    }
    Ok(out)
}

/// Steps that ended, by number.
pub fn ended_steps(records: &[Record]) -> std::collections::BTreeSet<usize> {
    records
        .iter()
        .filter_map(|r| match r.entry {
            Entry::StepEnd { step, .. } => Some(step),
            _ => None,
        })
        .collect()
}

/// Steps that began (ended or not).
pub fn begun_steps(records: &[Record]) -> std::collections::BTreeSet<usize> {
    records
        .iter()
        .filter_map(|r| match r.entry {
            Entry::StepBegin { step } => Some(step),
            _ => None,
        })
        .collect()
}
