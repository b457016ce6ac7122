//! Events from the engine (clone and refresh jobs running on worker
//! threads) reach the panels through one channel, drained a bounded number
//! at a time each frame. The job board keeps what the job panels will show
//! (state, progress, a log tail, findings); the panels themselves arrive
//! with the engine.

use std::collections::{BTreeMap, VecDeque};

use crossbeam_channel::Receiver;

/// Most events taken per frame, so a chatty job cannot starve the keyboard.
pub const MAX_EVENTS_PER_FRAME: usize = 512;
/// Log lines kept per job.
pub const LOG_TAIL: usize = 200;

/// What the engine reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineEvent {
    JobStarted {
        job: String,
        title: String,
        steps: Vec<String>,
    },
    StepStarted {
        job: String,
        step: usize,
    },
    Progress {
        job: String,
        step: usize,
        done: u64,
        total: u64,
    },
    StepEnded {
        job: String,
        step: usize,
        rc: i32,
    },
    Log {
        job: String,
        line: String,
    },
    Finding {
        job: String,
        id: String,
        text: String,
    },
    JobEnded {
        job: String,
        rc: i32,
    },
}

impl EngineEvent {
    pub fn job(&self) -> &str {
        match self {
            EngineEvent::JobStarted { job, .. }
            | EngineEvent::StepStarted { job, .. }
            | EngineEvent::Progress { job, .. }
            | EngineEvent::StepEnded { job, .. }
            | EngineEvent::Log { job, .. }
            | EngineEvent::Finding { job, .. }
            | EngineEvent::JobEnded { job, .. } => job,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Waiting,
    Running,
    Done(i32),
}

/// What the panels know of one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobView {
    pub title: String,
    pub steps: Vec<(String, StepState, u64, u64)>,
    pub log: VecDeque<String>,
    pub findings: Vec<(String, String)>,
    pub rc: Option<i32>,
}

/// Every job of the session.
#[derive(Debug, Default)]
pub struct JobBoard {
    pub jobs: BTreeMap<String, JobView>,
    rx: Option<Receiver<EngineEvent>>,
}

impl JobBoard {
    pub fn new(rx: Option<Receiver<EngineEvent>>) -> JobBoard {
        JobBoard {
            jobs: BTreeMap::new(),
            rx,
        }
    }

    /// Take what has arrived (bounded); returns jobs that ended, with RC.
    pub fn drain(&mut self) -> Vec<(String, i32)> {
        let Some(rx) = &self.rx else { return Vec::new() };
        let evs: Vec<EngineEvent> = rx.try_iter().take(MAX_EVENTS_PER_FRAME).collect();
        let mut ended = Vec::new();
        for e in evs {
            if let EngineEvent::JobEnded { job, rc } = &e {
                ended.push((job.clone(), *rc));
            }
            self.apply(e);
        }
        ended
    }

    pub fn apply(&mut self, e: EngineEvent) {
        let job = e.job().to_string();
        if let EngineEvent::JobStarted { title, steps, .. } = &e {
            self.jobs.insert(
                job.clone(),
                JobView {
                    title: title.clone(),
                    steps: steps.iter().map(|s| (s.clone(), StepState::Waiting, 0, 0)).collect(),
                    log: VecDeque::new(),
                    findings: Vec::new(),
                    rc: None,
                },
            );
            return;
        }
        let Some(j) = self.jobs.get_mut(&job) else {
            tracing::warn!(job, "event for an unknown job ignored");
            return;
        };
        match e {
            EngineEvent::StepStarted { step, .. } => {
                if let Some(s) = j.steps.get_mut(step) {
                    s.1 = StepState::Running;
                }
            }
            EngineEvent::Progress { step, done, total, .. } => {
                if let Some(s) = j.steps.get_mut(step) {
                    s.2 = done;
                    s.3 = total;
                }
            }
            EngineEvent::StepEnded { step, rc, .. } => {
                if let Some(s) = j.steps.get_mut(step) {
                    s.1 = StepState::Done(rc);
                }
            }
            EngineEvent::Log { line, .. } => {
                j.log.push_back(line);
                while j.log.len() > LOG_TAIL {
                    j.log.pop_front();
                }
            }
            EngineEvent::Finding { id, text, .. } => j.findings.push((id, text)),
            EngineEvent::JobEnded { rc, .. } => j.rc = Some(rc),
            EngineEvent::JobStarted { .. } => {}
        }
    }

    /// Jobs still running.
    pub fn running(&self) -> usize {
        self.jobs.values().filter(|j| j.rc.is_none()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_follows_a_job_and_bounds_the_log() {
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut b = JobBoard::new(Some(rx));
        let j = || "J1".to_string();
        tx.send(EngineEvent::JobStarted {
            job: j(),
            title: "clone".into(),
            steps: vec!["copy".into(), "verify".into()],
        })
        .unwrap();
        tx.send(EngineEvent::StepStarted { job: j(), step: 0 }).unwrap();
        tx.send(EngineEvent::Progress {
            job: j(),
            step: 0,
            done: 5,
            total: 10,
        })
        .unwrap();
        for i in 0..(LOG_TAIL + 10) {
            tx.send(EngineEvent::Log {
                job: j(),
                line: format!("l{i}"),
            })
            .unwrap();
        }
        assert!(b.drain().is_empty());
        assert_eq!(b.running(), 1);
        let v = &b.jobs["J1"];
        assert_eq!(v.steps[0], ("copy".into(), StepState::Running, 5, 10));
        assert_eq!(v.log.len(), LOG_TAIL);
        tx.send(EngineEvent::JobEnded { job: j(), rc: 4 }).unwrap();
        assert_eq!(b.drain(), vec![("J1".to_string(), 4)]);
        assert_eq!(b.running(), 0);
    }
}
