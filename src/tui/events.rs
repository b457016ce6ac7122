//! What the panels know of the jobs of the session. Jobs run on worker
//! threads (`jobs.rs`); their engine events arrive tagged with the job's
//! session key on one channel, drained a bounded number at a time each
//! frame into the [`JobBoard`], which the progress and job list panels read.
//! Nothing here blocks: a job the user has left keeps filling its view.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::IclError;
use crate::engine::events::Event;
use crate::engine::finding::Finding;

/// Most events taken per frame, so a chatty job cannot starve the keyboard.
pub const MAX_EVENTS_PER_FRAME: usize = 512;
/// The error of a job cancelled while it waited for the farm lock.
pub const CANCELLED_WAITING: &str = "ICL699W";
/// Log lines kept per job.
pub const LOG_TAIL: usize = 200;

/// A message from a job's worker thread.
#[derive(Debug, Clone)]
pub struct JobMsg {
    /// The session key the app gave the job when it started it.
    pub key: u64,
    pub ev: JobEvent,
}

#[derive(Debug, Clone)]
pub enum JobEvent {
    /// The worker holds the farm lock and created (or found) the job
    /// folder: the job's ID, its type (`system-clone`, `db-refresh`,
    /// `skeleton-clone`) and its step titles (a rollback's undo steps).
    Attached {
        job: String,
        kind: String,
        steps: Vec<String>,
    },
    /// Another run holds the farm lock (what its lock file says): the job
    /// waits for it, as a z/OS job waits for its data sets.
    Waiting(String),
    /// An event of the engine's executor.
    Engine(Event),
    /// The job could not start or could not go on (lock held, plan changed,
    /// the executor thread died). What the message says was not done.
    Failed(IclError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Waiting,
    Running,
    Done,
    Failed,
    /// Finished by an earlier attempt (RERUN).
    Skipped,
}

impl StepState {
    pub fn word(self) -> &'static str {
        match self {
            StepState::Waiting => "",
            StepState::Running => "RUNNING",
            StepState::Done => "DONE",
            StepState::Failed => "FAILED",
            StepState::Skipped => "SKIPPED",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    pub title: String,
    pub state: StepState,
    /// Bytes of the step's progress (0 of 0 for steps without any).
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Waiting for the farm lock and the job folder.
    Starting,
    Running,
    /// Ended with a return code (`rc`).
    Ended,
    /// Stopped before or outside the engine (`error`).
    Failed,
}

/// What the panels know of one job.
#[derive(Debug, Clone)]
pub struct JobView {
    pub key: u64,
    /// RUN, RERUN or ROLLBACK.
    pub kind: String,
    /// The job's type once known (`system-clone`, `db-refresh`,
    /// `skeleton-clone`; empty before the worker attached).
    pub job_type: String,
    /// The job name (the profile's), and the job ID once the worker has it.
    pub name: String,
    pub id: String,
    pub steps: Vec<StepView>,
    /// Index of the step running now (or last).
    pub current: Option<usize>,
    /// Bytes per second of the latest progress report.
    pub rate: f64,
    pub log: VecDeque<String>,
    pub findings: Vec<Finding>,
    pub rc: Option<i32>,
    pub state: JobState,
    pub error: Option<IclError>,
    /// Set while the job waits for another run's farm lock.
    pub waiting: bool,
    cancel: Arc<AtomicBool>,
    started: Instant,
    ended: Option<Instant>,
}

impl JobView {
    pub fn running(&self) -> bool {
        matches!(self.state, JobState::Starting | JobState::Running)
    }

    pub fn cancel_requested(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// How far the whole job is, 0.0-1.0: finished steps count whole, the
    /// running step by its bytes.
    pub fn overall(&self) -> f64 {
        if self.steps.is_empty() {
            return if self.state == JobState::Ended { 1.0 } else { 0.0 };
        }
        let sum: f64 = self
            .steps
            .iter()
            .map(|s| match s.state {
                StepState::Done | StepState::Skipped => 1.0,
                StepState::Running => fraction(s.done, s.total),
                StepState::Waiting | StepState::Failed => 0.0,
            })
            .sum();
        (sum / self.steps.len() as f64).clamp(0.0, 1.0)
    }

    /// Bytes moved so far by every step.
    pub fn bytes(&self) -> u64 {
        self.steps.iter().map(|s| s.done).sum()
    }

    /// The step running now.
    pub fn current_step(&self) -> Option<&StepView> {
        self.current.and_then(|i| self.steps.get(i))
    }

    /// Time since the job started (frozen at its end).
    pub fn elapsed(&self, frozen: bool) -> Duration {
        if frozen {
            return Duration::ZERO;
        }
        self.ended.unwrap_or_else(Instant::now).duration_since(self.started)
    }

    /// Time left, from the pace so far (None until there is a pace).
    pub fn eta(&self, frozen: bool) -> Option<Duration> {
        let f = self.overall();
        if !self.running() || f <= 0.0 || frozen {
            return None;
        }
        Some(self.elapsed(false).mul_f64((1.0 - f) / f))
    }

    /// The state as the job list and the progress panel say it.
    pub fn state_word(&self) -> String {
        match self.state {
            JobState::Starting if self.waiting => "WAITING".into(),
            JobState::Starting => "STARTING".into(),
            JobState::Running if self.cancel_requested() => "CANCELLING".into(),
            JobState::Running => "RUNNING".into(),
            JobState::Failed if self.error.as_ref().is_some_and(|e| e.id == CANCELLED_WAITING) => "CANCELLED".into(),
            JobState::Failed => "FAILED".into(),
            JobState::Ended => {
                let rc = self.rc.unwrap_or(0);
                if self.findings.iter().any(|f| f.id == "ICL455W") {
                    "CANCELLED".into()
                } else if self.steps.iter().any(|s| s.state == StepState::Failed) {
                    "FAILED".into()
                } else if rc >= 8 {
                    "ENDED RC>=8".into()
                } else {
                    "ENDED".into()
                }
            }
        }
    }

    fn apply(&mut self, ev: JobEvent) {
        match ev {
            JobEvent::Attached { job, kind, steps } => {
                self.id = job;
                self.job_type = kind;
                self.steps = steps
                    .into_iter()
                    .map(|title| StepView {
                        title,
                        state: StepState::Waiting,
                        done: 0,
                        total: 0,
                    })
                    .collect();
            }
            JobEvent::Waiting(holder) => {
                self.waiting = true;
                self.push_log(format!("ICL698I the job waits for the farm: {holder}"));
            }
            JobEvent::Failed(e) => {
                self.waiting = false;
                self.push_log(e.to_string());
                // Cancelled before it began: RC 8, as a run cancelled between steps.
                let rc = if e.id == CANCELLED_WAITING { 8 } else { 12 };
                self.error = Some(e);
                self.state = JobState::Failed;
                self.rc = Some(self.rc.unwrap_or(0).max(rc));
                self.ended.get_or_insert_with(Instant::now);
            }
            JobEvent::Engine(e) => self.engine(e),
        }
    }

    /// Steps are numbered from 1 by the engine.
    fn step_mut(&mut self, step: usize) -> Option<&mut StepView> {
        let i = step.checked_sub(1)?;
        if i >= self.steps.len() {
            // A job attached without titles (an injected event): grow.
            self.steps.resize(
                i + 1,
                StepView {
                    title: String::new(),
                    state: StepState::Waiting,
                    done: 0,
                    total: 0,
                },
            );
        }
        self.steps.get_mut(i)
    }

    fn engine(&mut self, e: Event) {
        match e {
            Event::Started { job, steps } => {
                self.waiting = false;
                if self.id.is_empty() {
                    self.id = job.clone();
                }
                self.state = JobState::Running;
                self.push_log(format!("ICL480I job {job} started: {steps} steps"));
            }
            Event::StepStarted { step, title } => {
                self.current = step.checked_sub(1);
                if let Some(s) = self.step_mut(step) {
                    s.state = StepState::Running;
                    if s.title.is_empty() {
                        s.title = title.clone();
                    }
                }
                self.push_log(format!("ICL481I step {step} started: {title}"));
            }
            Event::Progress {
                step,
                done,
                total,
                rate,
            } => {
                self.rate = rate;
                if let Some(s) = self.step_mut(step) {
                    s.done = done;
                    s.total = total;
                }
            }
            Event::Log { id, text } => self.push_log(format!("{id} {text}")),
            Event::Finding(f) => {
                self.push_log(f.line());
                self.findings.push(f);
            }
            Event::StepFinished { step, ok } => {
                if let Some(s) = self.step_mut(step) {
                    s.state = if ok { StepState::Done } else { StepState::Failed };
                    if ok && s.total > 0 {
                        s.done = s.total;
                    }
                }
            }
            Event::StepSkipped { step } => {
                if let Some(s) = self.step_mut(step) {
                    s.state = StepState::Skipped;
                }
            }
            Event::Finished { rc } => {
                self.rc = Some(rc);
                self.state = JobState::Ended;
                self.ended = Some(Instant::now());
                self.push_log(format!("ICL484I job ended, RC={rc:02}"));
            }
        }
    }

    fn push_log(&mut self, line: String) {
        self.log.push_back(line);
        while self.log.len() > LOG_TAIL {
            self.log.pop_front();
        }
    }
}

/// done/total as 0.0-1.0 (0 when nothing is known).
pub fn fraction(done: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    }
}

/// Every job of the session, by session key.
#[derive(Debug)]
pub struct JobBoard {
    jobs: BTreeMap<u64, JobView>,
    tx: Sender<JobMsg>,
    rx: Receiver<JobMsg>,
    next: u64,
    /// Tests fix the clock: elapsed times and ETAs show as zero.
    pub frozen: bool,
}

impl Default for JobBoard {
    fn default() -> Self {
        JobBoard::new(false)
    }
}

impl JobBoard {
    pub fn new(frozen: bool) -> JobBoard {
        let (tx, rx) = unbounded();
        JobBoard {
            jobs: BTreeMap::new(),
            tx,
            rx,
            next: 1,
            frozen,
        }
    }

    /// Where workers (and tests) send job events.
    pub fn sender(&self) -> Sender<JobMsg> {
        self.tx.clone()
    }

    /// Key the next registered job will get.
    pub fn peek_key(&self) -> u64 {
        self.next
    }

    /// A new job: its view, and the cancel flag its worker watches.
    /// `job_type` may be empty (a RERUN or ROLLBACK learns it from its plan).
    pub fn register(&mut self, kind: &str, name: &str, id: &str, job_type: &str) -> (u64, Arc<AtomicBool>) {
        let key = self.next;
        self.next += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.jobs.insert(
            key,
            JobView {
                key,
                kind: kind.into(),
                job_type: job_type.into(),
                name: name.into(),
                id: id.into(),
                steps: Vec::new(),
                current: None,
                rate: 0.0,
                log: VecDeque::new(),
                findings: Vec::new(),
                rc: None,
                state: JobState::Starting,
                error: None,
                waiting: false,
                cancel: cancel.clone(),
                started: Instant::now(),
                ended: None,
            },
        );
        (key, cancel)
    }

    pub fn get(&self, key: u64) -> Option<&JobView> {
        self.jobs.get(&key)
    }

    /// The session's job with this job ID (the latest attempt).
    pub fn by_id(&self, id: &str) -> Option<&JobView> {
        self.jobs.values().rev().find(|j| j.id == id)
    }

    pub fn all(&self) -> impl Iterator<Item = &JobView> {
        self.jobs.values()
    }

    /// Ask a job to stop after its current unit of work (RERUN resumes it).
    pub fn cancel(&self, key: u64) -> bool {
        match self.jobs.get(&key) {
            Some(j) if j.running() => {
                j.cancel.store(true, Ordering::SeqCst);
                true
            }
            _ => false,
        }
    }

    /// Take what has arrived (bounded). Returns how many events were taken
    /// and the jobs that ended with them: (key, rc).
    pub fn drain(&mut self) -> (usize, Vec<(u64, i32)>) {
        let msgs: Vec<JobMsg> = self.rx.try_iter().take(MAX_EVENTS_PER_FRAME).collect();
        let n = msgs.len();
        let mut ended = Vec::new();
        for m in msgs {
            let Some(j) = self.jobs.get_mut(&m.key) else {
                tracing::warn!(key = m.key, "event for an unknown job ignored");
                continue;
            };
            let was = j.running();
            j.apply(m.ev);
            if was && !j.running() {
                ended.push((m.key, j.rc.unwrap_or(0)));
            }
        }
        (n, ended)
    }

    /// Jobs still running.
    pub fn running(&self) -> usize {
        self.jobs.values().filter(|j| j.running()).count()
    }

    /// The most recent running job.
    pub fn latest_running(&self) -> Option<u64> {
        self.jobs.values().rev().find(|j| j.running()).map(|j| j.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(b: &JobBoard, key: u64, e: Event) {
        b.sender()
            .send(JobMsg {
                key,
                ev: JobEvent::Engine(e),
            })
            .unwrap();
    }

    #[test]
    fn board_follows_a_job_and_bounds_the_log() {
        let mut b = JobBoard::new(true);
        let (k, _) = b.register("RUN", "CLONEQ", "", "");
        b.sender()
            .send(JobMsg {
                key: k,
                ev: JobEvent::Attached {
                    job: "CLONEQ-1".into(),
                    kind: "system-clone".into(),
                    steps: vec!["copy".into(), "verify".into()],
                },
            })
            .unwrap();
        send(
            &b,
            k,
            Event::Started {
                job: "CLONEQ-1".into(),
                steps: 2,
            },
        );
        send(
            &b,
            k,
            Event::StepStarted {
                step: 1,
                title: "copy".into(),
            },
        );
        send(
            &b,
            k,
            Event::Progress {
                step: 1,
                done: 5,
                total: 10,
                rate: 1.0,
            },
        );
        for i in 0..(LOG_TAIL + 10) {
            send(
                &b,
                k,
                Event::Log {
                    id: "ICL665I".into(),
                    text: format!("l{i}"),
                },
            );
        }
        let (n, ended) = b.drain();
        assert!(n > LOG_TAIL && ended.is_empty());
        assert_eq!(b.running(), 1);
        let v = b.get(k).unwrap();
        assert_eq!(
            (v.steps[0].state, v.steps[0].done, v.steps[0].total),
            (StepState::Running, 5, 10)
        );
        assert_eq!(v.log.len(), LOG_TAIL);
        assert!((v.overall() - 0.25).abs() < 1e-9);
        assert_eq!(v.state_word(), "RUNNING");
        assert!(b.cancel(k));
        assert_eq!(b.get(k).unwrap().state_word(), "CANCELLING");
        send(&b, k, Event::StepFinished { step: 1, ok: true });
        send(&b, k, Event::Finished { rc: 4 });
        assert_eq!(b.drain().1, vec![(k, 4)]);
        assert_eq!(b.running(), 0);
        assert!(!b.cancel(k), "an ended job cannot be cancelled");
        assert_eq!(b.by_id("CLONEQ-1").map(|j| j.key), Some(k));
    }

    #[test]
    fn a_failed_start_ends_the_job() {
        let mut b = JobBoard::new(true);
        let (k, _) = b.register("RUN", "X", "", "db-refresh");
        b.sender()
            .send(JobMsg {
                key: k,
                ev: JobEvent::Failed(crate::icl!("ICL253E", "farm in use")),
            })
            .unwrap();
        assert_eq!(b.drain().1, vec![(k, 12)]);
        assert_eq!(b.get(k).unwrap().state_word(), "FAILED");
    }
}
