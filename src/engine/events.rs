//! Events the executor sends while it runs (the panels' progress panes and
//! the command line's progress output drain them).

use serde::{Deserialize, Serialize};

use super::finding::Finding;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The run started: job ID and the number of steps.
    Started {
        job: String,
        steps: usize,
    },
    StepStarted {
        step: usize,
        title: String,
    },
    /// Bytes done of total in the current step, and the rate in bytes/s.
    Progress {
        step: usize,
        done: u64,
        total: u64,
        rate: f64,
    },
    /// A log line with its message ID.
    Log {
        id: String,
        text: String,
    },
    Finding(Finding),
    StepFinished {
        step: usize,
        ok: bool,
    },
    /// The step was skipped because an earlier attempt finished it.
    StepSkipped {
        step: usize,
    },
    /// The run ended with this return code.
    Finished {
        rc: i32,
    },
}
