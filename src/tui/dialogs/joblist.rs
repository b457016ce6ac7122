//! Option 8: the jobs of the farm (`jobs/` folders: plan, journal, report)
//! merged with the jobs of this session that still run, of every type
//! (system clones, database refreshes, skeleton clones). S shows a running
//! job's progress or an ended job's report; a killed, failed or cancelled
//! run is offered RERUN (R, resume from its journal) and ROLLBACK (U, put
//! the targets, the master catalog and farm.toml back), each after a
//! confirmation.

use super::actions::ActionsDialog;
use super::confirm::ConfirmDialog;
use super::progress::ProgressDialog;
use super::text::TextDialog;
use super::{Cx, Dialog, Flow, Reply, bad_line_command};
use crate::tui::fetch::JobRow;
use crate::tui::jobs::RunRequest;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 4] = ["S", "R", "U", "/"];

/// The confirmation of a RERUN.
pub fn confirm_rerun(id: &str) -> Flow {
    Flow::Popup(Box::new(ConfirmDialog::new(
        &format!("RERUN:{id}"),
        "Rerun a job",
        vec![
            format!("Rerun job {id} ?"),
            "The steps its journal shows as ended are skipped; the others".into(),
            "run again from the plan it was started with.".into(),
        ],
    )))
}

/// The confirmation of a ROLLBACK.
pub fn confirm_rollback(id: &str) -> Flow {
    Flow::Popup(Box::new(ConfirmDialog::new(
        &format!("ROLLBACK:{id}"),
        "Roll a job back",
        vec![
            format!("Roll job {id} back?"),
            "Databases it left stopped are started again, its target devices".into(),
            "restored from the copies saved before they were written, then".into(),
            "the catalogs, farm.toml and the IMS states. It cannot be rerun.".into(),
        ],
    )))
}

/// The job a confirmed RERUN or ROLLBACK tag asks for.
pub fn confirmed(tag: &str) -> Option<RunRequest> {
    let (what, id) = tag.split_once(':')?;
    match what {
        "RERUN" => Some(RunRequest::Rerun(id.to_string())),
        "ROLLBACK" => Some(RunRequest::Rollback(id.to_string())),
        _ => None,
    }
}

/// The Type column: CLONE, REFRESH, SKELETON (other words as they are).
pub fn type_column(kind: &str) -> String {
    match crate::tui::profile::type_word(kind) {
        "" => kind.to_string(),
        w => w.to_ascii_uppercase(),
    }
}

#[derive(Default)]
pub struct JobListDialog {
    rows: Vec<JobRow>,
    /// Jobs of the session running when the list was built: a change
    /// (one ended) reads the list again.
    running: usize,
}

impl JobListDialog {
    pub fn new() -> JobListDialog {
        JobListDialog::default()
    }

    fn load(&mut self, cx: &mut Cx) {
        self.running = cx.jobs.running();
        cx.load(Request::Jobs);
    }

    /// Folder rows with the live state of this session's jobs, and the
    /// session's jobs that have no folder yet.
    fn show(&mut self, s: &mut Screen, cx: &Cx) {
        let mut rows = self.rows.clone();
        for r in &mut rows {
            if let Some(j) = cx.jobs.by_id(&r.id).filter(|j| j.running()) {
                r.state = j.state_word();
            }
        }
        for j in cx.jobs.all().filter(|j| j.running() && j.id.is_empty()) {
            rows.insert(
                0,
                JobRow {
                    id: format!("({})", j.name),
                    kind: if j.job_type.is_empty() {
                        j.kind.clone()
                    } else {
                        j.job_type.clone()
                    },
                    name: j.name.clone(),
                    started: String::new(),
                    rc: None,
                    state: j.state_word(),
                    steps: 0,
                },
            );
        }
        let stuck = rows.iter().filter(|r| r.rerunnable()).count();
        if let Some(t) = &mut s.table {
            t.set_rows(
                rows.iter()
                    .map(|r| {
                        vec![
                            r.id.clone(),
                            type_column(&r.kind),
                            r.started.chars().take(16).collect(),
                            r.rc.map(|x| format!("{x:02}")).unwrap_or_default(),
                            r.state.clone(),
                            r.name.clone(),
                        ]
                    })
                    .collect(),
            );
        }
        s.vars.set("NJOBS", rows.len().to_string());
        if stuck > 0 && s.msg.is_none() {
            s.set_msg(Message::of("ICL691W", &[("N", &stuck.to_string())]));
        }
        self.rows = rows;
    }

    fn row(&self, s: &Screen, row: usize) -> Option<JobRow> {
        let id = s.table.as_ref()?.value(row, "JOBID")?;
        self.rows.iter().find(|r| r.id == id).cloned()
    }
}

impl Dialog for JobListDialog {
    fn panel(&self) -> String {
        "ICLJOB".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if s.table.is_none() {
            s.table = Some(Table::new(vec![
                Column::text("JOBID"),
                Column::text("TYPE"),
                Column::text("STARTED"),
                Column::num("RC"),
                Column::text("STATE"),
                Column::text("NAME"),
            ]));
        }
        self.load(cx);
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Jobs(rows) => {
                self.rows = rows;
                self.show(s, cx);
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn tick(&mut self, _s: &mut Screen, cx: &mut Cx) -> Flow {
        if cx.jobs.running() != self.running {
            self.load(cx);
        }
        Flow::Stay
    }

    fn refresh(&mut self, _s: &mut Screen, cx: &mut Cx) -> Flow {
        self.load(cx);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = self.row(s, row) else {
            return Flow::Stay;
        };
        let live = cx.jobs.by_id(&r.id).filter(|j| j.running()).map(|j| j.key).or_else(|| {
            cx.jobs
                .all()
                .find(|j| j.running() && format!("({})", j.name) == r.id)
                .map(|j| j.key)
        });
        match (cmd, live) {
            ("S", Some(key)) => Flow::Push(Box::new(ProgressDialog::new(key))),
            ("S", None) => Flow::Push(Box::new(TextDialog::report(&r.id))),
            ("R" | "U", Some(_)) => {
                s.set_msg(Message::of("ICL693E", &[("ID", &r.id)]));
                Flow::Stay
            }
            ("R", None) if r.rerunnable() => confirm_rerun(&r.id),
            ("R", None) => {
                s.set_msg(Message::of("ICL677E", &[("ID", &r.id), ("STATE", &r.state)]));
                Flow::Stay
            }
            ("U", None) if r.undoable() => confirm_rollback(&r.id),
            ("U", None) => {
                s.set_msg(Message::of("ICL677E", &[("ID", &r.id), ("STATE", &r.state)]));
                Flow::Stay
            }
            ("/", _) => {
                let mut acts = vec![("S", "Progress (running) or report")];
                if live.is_none() && r.rerunnable() {
                    acts.push(("R", "RERUN: resume from the journal"));
                }
                if live.is_none() && r.undoable() {
                    acts.push(("U", "ROLLBACK: the farm as before the job"));
                }
                Flow::Popup(Box::new(ActionsDialog::new(row, &format!("Job {}", r.id), &acts)))
            }
            _ => bad_line_command(s, cmd, &CODES),
        }
    }

    fn resume(&mut self, s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Action { row, code }) => self.line_command(s, cx, row, &code),
            Some(Reply::Confirm { tag, yes: true }) => match confirmed(&tag) {
                Some(req) => Flow::Push(Box::new(ProgressDialog::new(cx.start_job(req)))),
                None => Flow::Stay,
            },
            _ => {
                self.load(cx);
                Flow::Stay
            }
        }
    }
}
