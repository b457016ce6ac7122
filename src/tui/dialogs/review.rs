//! The review of a plan, what SIMULATE shows, one menu of views per job
//! type: a system clone (ICLREV: findings, rename map, member and RECON
//! changes, volume pairing), a database refresh (ICLREVD: findings, the
//! data sets source -> target, the IMS and the DBRC commands) and a
//! skeleton clone (ICLREVK: findings, the system data sets copied, the
//! database data sets allocated empty, the data sets left out, rename
//! map, members, RECONs); each also has the steps and the whole report.
//! RUN asks for confirmation and starts the job on a worker thread, then
//! shows its progress. Findings of severity E or S block RUN, as does
//! SIMULATE only in the profile.

use super::confirm::ConfirmDialog;
use super::progress::ProgressDialog;
use super::review_views::{
    FindingsDialog, MemberDiffsDialog, PairsDialog, RefreshDatasetsDialog, RenamesDialog, SkeletonDatasetsDialog,
};
use super::text::{TextDialog, diff_role};
use super::{Cx, Dialog, Flow, Reply};
use crate::Severity;
use crate::engine::plan::Plan;
use crate::tui::jobs::RunRequest;
use crate::tui::messages::Message;
use crate::tui::profile::{DB_REFRESH, SKELETON_CLONE};
use crate::tui::screen::Screen;

/// Which review a plan gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    System,
    Refresh,
    Skeleton,
}

impl ReviewKind {
    pub fn of(plan: &Plan) -> ReviewKind {
        match plan.job.job.kind.as_str() {
            DB_REFRESH => ReviewKind::Refresh,
            SKELETON_CLONE => ReviewKind::Skeleton,
            _ => ReviewKind::System,
        }
    }

    pub fn panel(self) -> &'static str {
        match self {
            ReviewKind::System => "ICLREV",
            ReviewKind::Refresh => "ICLREVD",
            ReviewKind::Skeleton => "ICLREVK",
        }
    }

    /// The tutorial of the review's text views.
    fn help(self) -> &'static str {
        match self {
            ReviewKind::System => "ICLH0620",
            ReviewKind::Refresh => "ICLH0710",
            ReviewKind::Skeleton => "ICLH0650",
        }
    }
}

pub struct ReviewDialog {
    plan: Plan,
    simulate: bool,
    kind: ReviewKind,
}

/// `a, b, c`.
fn list(v: &[String]) -> String {
    v.join(", ")
}

impl ReviewDialog {
    pub fn new(plan: Plan, simulate: bool) -> ReviewDialog {
        let kind = ReviewKind::of(&plan);
        ReviewDialog { plan, simulate, kind }
    }

    fn count(&self, sev: Severity) -> usize {
        self.plan.findings.iter().filter(|f| f.severity == sev).count()
    }

    /// Source and target systems of the job.
    fn systems(&self) -> (String, String) {
        let j = &self.plan.job;
        if let Some(r) = &j.refresh {
            return (r.source.clone(), r.target.clone());
        }
        match j.clone.as_ref().or(j.skeleton.as_ref()) {
            Some(c) => (c.source.clone(), c.target.clone()),
            None => Default::default(),
        }
    }

    fn text(&self, title: &str, lines: Vec<String>) -> Flow {
        Flow::Push(Box::new(TextDialog::lines(title, self.kind.help(), lines)))
    }

    fn steps(&self) -> Flow {
        let lines = self
            .plan
            .steps
            .iter()
            .map(|s| format!("{:>4}. {}", s.id, s.title))
            .collect();
        self.text("Steps of the plan", lines)
    }

    fn report(&self) -> Flow {
        let p = &self.plan;
        let lines: Vec<String> = crate::engine::report::render(p).lines().map(str::to_string).collect();
        let roles = lines.iter().map(|l| diff_role(l)).collect();
        Flow::Push(Box::new(TextDialog::styled(
            &format!("Plan of {}", p.job.job.name),
            self.kind.help(),
            lines,
            roles,
        )))
    }

    fn recons(&self) -> Flow {
        let mut lines = Vec::new();
        for r in &self.plan.preview.recons {
            lines.push(format!("{} ({} changes)", r.dsn, r.changes.len()));
            lines.extend(r.changes.iter().map(|c| format!("  {c}")));
        }
        if lines.is_empty() {
            lines.push("No RECON changes.".into());
        }
        self.text("RECON changes", lines)
    }

    /// The view of option n.
    fn view(&self, n: &str) -> Option<Flow> {
        let p = &self.plan;
        let pr = &p.preview;
        Some(match (self.kind, n) {
            (_, "1") => Flow::Push(Box::new(FindingsDialog::new(p.findings.clone()))),
            (ReviewKind::System, "2") | (ReviewKind::Skeleton, "5") => {
                Flow::Push(Box::new(RenamesDialog::new(pr.renames.clone())))
            }
            (ReviewKind::System, "3") | (ReviewKind::Skeleton, "6") => {
                Flow::Push(Box::new(MemberDiffsDialog::new(pr.members.clone())))
            }
            (ReviewKind::System, "4") | (ReviewKind::Skeleton, "7") => self.recons(),
            (ReviewKind::System, "5") => Flow::Push(Box::new(PairsDialog::new(pr.pairs.clone()))),
            (ReviewKind::System, "6") | (ReviewKind::Refresh, "5") | (ReviewKind::Skeleton, "8") => self.steps(),
            (ReviewKind::System, "7") | (ReviewKind::Refresh, "6") | (ReviewKind::Skeleton, "9") => self.report(),
            (ReviewKind::Refresh, "2") => {
                let r = pr.refresh.clone().unwrap_or_default();
                Flow::Push(Box::new(RefreshDatasetsDialog::new(r.copies, r.scratch)))
            }
            (ReviewKind::Refresh, "3") => {
                let r = pr.refresh.as_ref();
                let mut lines = vec![
                    "Issued in this order to the simulated IMS of each system".into(),
                    "(a command IMS refuses fails its step):".into(),
                    String::new(),
                ];
                for (i, (sys, cmd)) in r.map(|r| r.ims.as_slice()).unwrap_or_default().iter().enumerate() {
                    lines.push(format!("{:>3}. {sys:<8} {cmd}", i + 1));
                }
                if r.is_some_and(|r| r.fuzzy) {
                    lines.push(String::new());
                    lines.push("FUZZY-COPY: the source is not stopped; the copy may be inconsistent.".into());
                }
                self.text("IMS commands of the refresh", lines)
            }
            (ReviewKind::Refresh, "4") => {
                let r = pr.refresh.as_ref();
                let mut lines = vec![
                    format!(
                        "Run against the target RECON ({}), from its copy saved before the run:",
                        r.map_or("", |r| r.target.as_str())
                    ),
                    String::new(),
                ];
                lines.extend(
                    r.map(|r| r.dbrc.as_slice())
                        .unwrap_or_default()
                        .iter()
                        .map(|c| format!("  {c}")),
                );
                if let Some(r) = r.filter(|r| !r.ic_recommended.is_empty()) {
                    lines.push(String::new());
                    lines.push(format!("IMAGE COPY RECOMMENDED on {}", list(&r.ic_recommended)));
                }
                self.text("DBRC commands of the refresh", lines)
            }
            (ReviewKind::Skeleton, "2") => {
                let k = pr.skeleton.clone().unwrap_or_default();
                Flow::Push(Box::new(SkeletonDatasetsDialog::copied(k.copies)))
            }
            (ReviewKind::Skeleton, "3") => {
                let k = pr.skeleton.clone().unwrap_or_default();
                Flow::Push(Box::new(SkeletonDatasetsDialog::empty(k.empty)))
            }
            (ReviewKind::Skeleton, "4") => {
                let k = pr.skeleton.as_ref();
                let left = k.map(|k| k.left_out.as_slice()).unwrap_or_default();
                let mut lines = vec![
                    "Data sets of the source system the skeleton does not take:".into(),
                    String::new(),
                ];
                for (dsn, why) in left {
                    lines.push(format!("  {dsn}"));
                    lines.push(format!("      {why}"));
                }
                if left.is_empty() {
                    lines.push("  (none)".into());
                }
                self.text("Data sets left out", lines)
            }
            _ => return None,
        })
    }

    fn confirm_lines(&self) -> (&'static str, Vec<String>) {
        let p = &self.plan;
        let pr = &p.preview;
        let (src, tgt) = self.systems();
        let tail = [
            "The job runs in the background: F3 leaves its progress panel,".to_string(),
            "option 8 (Jobs) brings it back.".to_string(),
        ];
        let (title, mut lines) = match self.kind {
            ReviewKind::System => (
                "Run the clone",
                vec![
                    format!(
                        "{} steps; {} volumes are copied over their targets,",
                        p.steps.len(),
                        pr.pairs.len()
                    ),
                    format!("saved first for ROLLBACK. The new system is {tgt}."),
                ],
            ),
            ReviewKind::Refresh => {
                let r = pr.refresh.clone().unwrap_or_default();
                let stop = if r.fuzzy {
                    format!("{src} runs on (FUZZY-COPY); targets saved first for ROLLBACK.")
                } else {
                    "Both are stopped (/DBR) while copying; targets saved for ROLLBACK.".to_string()
                };
                (
                    "Run the refresh",
                    vec![
                        format!(
                            "{} steps: {} data sets of {} databases from {src} into {tgt}.",
                            p.steps.len(),
                            r.copies.len(),
                            r.databases.len()
                        ),
                        stop,
                    ],
                )
            }
            ReviewKind::Skeleton => {
                let k = pr.skeleton.clone().unwrap_or_default();
                (
                    "Run the skeleton clone",
                    vec![
                        format!(
                            "{} steps; {} system data sets copied, {} allocated empty;",
                            p.steps.len(),
                            k.copies.len(),
                            k.empty.len()
                        ),
                        format!("the new system is {tgt}. Targets saved first for ROLLBACK."),
                    ],
                )
            }
        };
        lines.insert(0, format!("Run job {} now?", p.job.job.name));
        lines.extend(tail);
        (title, lines)
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
        let (title, lines) = self.confirm_lines();
        Flow::Popup(Box::new(ConfirmDialog::new("RUN", title, lines)))
    }

    /// The summaries next to the options.
    fn summaries(&self, s: &mut Screen) {
        let p = &self.plan;
        let pr = &p.preview;
        let v = &mut s.vars;
        let blocking = p.findings.iter().filter(|f| f.blocks()).count();
        v.set("RVF1", format!("{} findings, {blocking} blocking", p.findings.len()));
        let steps = format!("{} steps", p.steps.len());
        let renames = || {
            let not = pr.renames.iter().filter(|r| r.new.is_none()).count();
            format!("{} data sets, {not} not renamed", pr.renames.len())
        };
        let members = || {
            let lines: usize = pr.members.iter().map(|m| m.changes.len()).sum();
            format!("{} members change, {lines} lines", pr.members.len())
        };
        let recons = || {
            let rc: usize = pr.recons.iter().map(|r| r.changes.len()).sum();
            format!("{} RECONs, {rc} record changes", pr.recons.len())
        };
        match self.kind {
            ReviewKind::System => {
                v.set("RVF2", renames());
                v.set("RVF3", members());
                v.set("RVF4", recons());
                v.set(
                    "RVF5",
                    format!("{} source volumes to {} target devices", pr.pairs.len(), pr.pairs.len()),
                );
                v.set("RVF6", steps);
            }
            ReviewKind::Refresh => {
                let r = pr.refresh.clone().unwrap_or_default();
                let new = r.copies.iter().filter(|c| c.create).count();
                v.set("RVDBS", list(&r.databases));
                v.set(
                    "RVMODE",
                    if r.fuzzy {
                        "FUZZY: the source runs on while it is copied (not consistent)"
                    } else {
                        "consistent: the source is stopped (/DBR) while it is copied"
                    },
                );
                v.set(
                    "RVF2",
                    format!("{} data sets, {new} new, {} scratched", r.copies.len(), r.scratch.len()),
                );
                let mut systems: Vec<&str> = Vec::new();
                for (sys, _) in &r.ims {
                    if !systems.contains(&sys.as_str()) {
                        systems.push(sys);
                    }
                }
                v.set("RVF3", format!("{} commands to {}", r.ims.len(), systems.join(" and ")));
                v.set(
                    "RVF4",
                    format!(
                        "{} commands; image copy recommended on {}",
                        r.dbrc.len(),
                        r.ic_recommended.len()
                    ),
                );
                v.set("RVF5", steps);
            }
            ReviewKind::Skeleton => {
                let k = pr.skeleton.clone().unwrap_or_default();
                let trk: u64 = k.copies.iter().map(|c| u64::from(c.tracks)).sum();
                let etrk: u64 = k.empty.iter().map(|c| u64::from(c.tracks)).sum();
                v.set("RVVOLS", list(&k.volumes));
                v.set(
                    "RVF2",
                    format!("{} system data sets copied ({trk} tracks)", k.copies.len()),
                );
                v.set(
                    "RVF3",
                    format!("{} database data sets allocated empty ({etrk} tracks)", k.empty.len()),
                );
                v.set("RVF4", format!("{} data sets left out", k.left_out.len()));
                v.set("RVF5", renames());
                v.set("RVF6", members());
                v.set("RVF7", recons());
                v.set("RVF8", steps);
            }
        }
    }
}

impl Dialog for ReviewDialog {
    fn panel(&self) -> String {
        self.kind.panel().into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let (src, tgt) = self.systems();
        let p = &self.plan;
        let v = &mut s.vars;
        v.set("RVNAME", p.job.job.name.clone());
        v.set("RVTYPE", p.job.job.kind.clone());
        v.set("RVSRC", src);
        v.set("RVTGT", tgt);
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
        self.summaries(s);
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
