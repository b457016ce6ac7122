//! The review of a plan (ICLREV), what SIMULATE shows: the findings by
//! severity, the rename map, the member and RECON changes, the volume
//! pairing, the steps and the whole report, each a view of its own. RUN
//! asks for confirmation and starts the job on a worker thread, then shows
//! its progress. Findings of severity E or S block RUN, as does SIMULATE
//! only in the profile.

use super::confirm::ConfirmDialog;
use super::progress::ProgressDialog;
use super::review_views::{FindingsDialog, MemberDiffsDialog, PairsDialog, RenamesDialog};
use super::text::{TextDialog, diff_role};
use super::{Cx, Dialog, Flow, Reply};
use crate::Severity;
use crate::engine::plan::Plan;
use crate::tui::jobs::RunRequest;
use crate::tui::messages::Message;
use crate::tui::screen::Screen;

pub struct ReviewDialog {
    plan: Plan,
    simulate: bool,
}

impl ReviewDialog {
    pub fn new(plan: Plan, simulate: bool) -> ReviewDialog {
        ReviewDialog { plan, simulate }
    }

    fn count(&self, sev: Severity) -> usize {
        self.plan.findings.iter().filter(|f| f.severity == sev).count()
    }

    /// The view of option n.
    fn view(&self, n: &str) -> Option<Flow> {
        let p = &self.plan;
        let d: Box<dyn Dialog> = match n {
            "1" => Box::new(FindingsDialog::new(p.findings.clone())),
            "2" => Box::new(RenamesDialog::new(p.preview.renames.clone())),
            "3" => Box::new(MemberDiffsDialog::new(p.preview.members.clone())),
            "4" => {
                let mut lines = Vec::new();
                for r in &p.preview.recons {
                    lines.push(format!("{} ({} changes)", r.dsn, r.changes.len()));
                    lines.extend(r.changes.iter().map(|c| format!("  {c}")));
                }
                if lines.is_empty() {
                    lines.push("No RECON changes.".into());
                }
                Box::new(TextDialog::lines("RECON changes", "ICLH0620", lines))
            }
            "5" => Box::new(PairsDialog::new(p.preview.pairs.clone())),
            "6" => {
                let lines = p.steps.iter().map(|s| format!("{:>4}. {}", s.id, s.title)).collect();
                Box::new(TextDialog::lines("Steps of the plan", "ICLH0620", lines))
            }
            "7" => {
                let lines: Vec<String> = crate::engine::report::render(p).lines().map(str::to_string).collect();
                let roles = lines.iter().map(|l| diff_role(l)).collect();
                Box::new(TextDialog::styled(
                    &format!("Plan of {}", p.job.job.name),
                    "ICLH0620",
                    lines,
                    roles,
                ))
            }
            _ => return None,
        };
        Some(Flow::Push(d))
    }

    fn run(&self, s: &mut Screen) -> Flow {
        let p = &self.plan;
        if p.blocked() {
            let rc = format!("{:02}", p.rc());
            s.set_msg(Message::of("ICL671E", &[("NAME", &p.job.job.name), ("RC", &rc)]));
            return Flow::Stay;
        }
        if self.simulate {
            s.set_msg(Message::of("ICL672W", &[]));
            return Flow::Stay;
        }
        let lines = vec![
            format!("Run job {} now?", p.job.job.name),
            format!(
                "{} steps; {} volumes are copied over their targets,",
                p.steps.len(),
                p.preview.pairs.len()
            ),
            format!(
                "saved first for ROLLBACK. The new system is {}.",
                p.job.clone.as_ref().map_or("", |c| c.target.as_str())
            ),
            "The job runs in the background: F3 leaves its progress panel,".into(),
            "option 8 (Jobs) brings it back.".into(),
        ];
        Flow::Popup(Box::new(ConfirmDialog::new("RUN", "Run the clone", lines)))
    }
}

impl Dialog for ReviewDialog {
    fn panel(&self) -> String {
        "ICLREV".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let p = &self.plan;
        let v = &mut s.vars;
        v.set("RVNAME", p.job.job.name.clone());
        v.set("RVTYPE", p.job.job.kind.clone());
        if let Some(c) = &p.job.clone {
            v.set("RVSRC", c.source.clone());
            v.set("RVTGT", c.target.clone());
        }
        v.set("RVRC", format!("{:02}", p.rc()));
        for (var, sev) in [
            ("RVNSEV", Severity::S),
            ("RVNERR", Severity::E),
            ("RVNWARN", Severity::W),
            ("RVNINFO", Severity::I),
        ] {
            v.set(var, self.count(sev).to_string());
        }
        let status = if p.blocked() {
            "BLOCKED: findings of severity E or S must be fixed before RUN"
        } else if self.simulate {
            "SIMULATE only (profile option): review, no RUN"
        } else {
            "Ready: RUN executes the plan after you confirm"
        };
        v.set("RVSTAT", status);
        let pr = &p.preview;
        let blocking = p.findings.iter().filter(|f| f.blocks()).count();
        v.set("RVF1", format!("{} findings, {blocking} blocking", p.findings.len()));
        let not = pr.renames.iter().filter(|r| r.new.is_none()).count();
        v.set("RVF2", format!("{} data sets, {not} not renamed", pr.renames.len()));
        let lines: usize = pr.members.iter().map(|m| m.changes.len()).sum();
        v.set("RVF3", format!("{} members change, {lines} lines", pr.members.len()));
        let rc: usize = pr.recons.iter().map(|r| r.changes.len()).sum();
        v.set("RVF4", format!("{} RECONs, {rc} record changes", pr.recons.len()));
        v.set(
            "RVF5",
            format!("{} source volumes to {} target devices", pr.pairs.len(), pr.pairs.len()),
        );
        v.set("RVF6", format!("{} steps", p.steps.len()));
        Flow::Stay
    }

    fn command(&mut self, s: &mut Screen, _cx: &mut Cx, verb: &str, _rest: &str) -> Option<Flow> {
        match verb {
            "RUN" | "SUBMIT" => Some(self.run(s)),
            n => self.view(n),
        }
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let c = s.vars.val("ZCMD").trim().to_string();
        if c.is_empty() {
            return Flow::Stay;
        }
        s.set_msg(Message::of("ICL620E", &[("VALUE", &c)]));
        Flow::Stay
    }

    fn resume(&mut self, _s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Confirm { tag, yes: true }) if tag == "RUN" => {
                let key = cx.start_job(RunRequest::Run(Box::new(self.plan.clone())));
                Flow::Push(Box::new(ProgressDialog::new(key)))
            }
            _ => Flow::Stay,
        }
    }
}
