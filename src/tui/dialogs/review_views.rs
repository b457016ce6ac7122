//! The views of a plan's review: findings (HELP on one explains it), the
//! rename map (filtered by a mask), the member changes (S shows a member's
//! old and new lines), the volume pairing, a refresh's data sets and a
//! skeleton's data sets. SORT, LOCATE and FIND work on all of them as on
//! every list.

use super::help::MessageHelp;
use super::text::TextDialog;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::catalog::Mask;
use crate::engine::finding::Finding;
use crate::engine::plan::{MemberDiff, Pairing, RenameEntry};
use crate::engine::refresh::DsCopy;
use crate::engine::skeleton::SkeletonDs;
use crate::tui::messages::Message;
use crate::tui::screen::{CursorReq, Screen};
use crate::tui::table::{Column, Table};

/// A finding as a message: its ID, its text, its help from docs/messages.md.
pub fn finding_message(f: &Finding) -> Message {
    let short = match f.severity {
        crate::Severity::I => "Information",
        crate::Severity::W => "Warning",
        crate::Severity::E => "Error",
        crate::Severity::S => "Severe error",
    };
    Message {
        id: f.id.clone(),
        short: short.into(),
        long: if f.object.is_empty() {
            f.text.clone()
        } else {
            format!("{}: {}", f.object, f.text)
        },
        help: if f.help.is_empty() {
            "This message is not explained in docs/messages.md yet.".into()
        } else {
            f.help.clone()
        },
    }
}

/// Findings, most severe first (ICLRVF).
pub struct FindingsDialog {
    findings: Vec<Finding>,
}

impl FindingsDialog {
    pub fn new(mut findings: Vec<Finding>) -> FindingsDialog {
        // Stable: findings of one severity keep the planner's order.
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        FindingsDialog { findings }
    }
}

impl Dialog for FindingsDialog {
    fn panel(&self) -> String {
        "ICLRVF".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let mut t = Table::new(vec![
            Column::text("SEV"),
            Column::text("MSGID"),
            Column::text("OBJECT"),
            Column::text("TEXT"),
        ]);
        t.set_rows(
            self.findings
                .iter()
                .map(|f| {
                    let sev = format!("{:?}", f.severity);
                    vec![sev, f.id.clone(), f.object.clone(), f.text.clone()]
                })
                .collect(),
        );
        s.vars.set("NFIND", self.findings.len().to_string());
        s.table = Some(t);
        if self.findings.is_empty() {
            s.set_msg(Message::of("ICL695I", &[("WHAT", "findings")]));
        }
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        match (cmd, self.findings.get(row)) {
            ("S", Some(f)) => Flow::Popup(Box::new(MessageHelp::new(finding_message(f)))),
            _ => bad_line_command(s, cmd, &["S"]),
        }
    }

    fn row_help(&self, _s: &Screen, row: usize) -> Option<Message> {
        self.findings.get(row).map(finding_message)
    }
}

/// The rename map, source -> target, filtered by a mask (ICLRVR).
pub struct RenamesDialog {
    all: Vec<RenameEntry>,
}

impl RenamesDialog {
    pub fn new(all: Vec<RenameEntry>) -> RenamesDialog {
        RenamesDialog { all }
    }

    /// Show the entries whose old or new name matches the filter.
    fn filter(&self, s: &mut Screen) {
        let f = s.vars.val("RVFILT").trim().to_ascii_uppercase();
        let mask = if f.is_empty() || f == "**" {
            None
        } else {
            match Mask::parse(&f) {
                Ok(m) => Some(m),
                Err(e) => {
                    s.set_msg(Message::from_error(&e));
                    s.error_field = Some(CursorReq::Var("RVFILT".into()));
                    s.cursor_req = s.error_field.clone();
                    return;
                }
            }
        };
        let rows: Vec<Vec<String>> = self
            .all
            .iter()
            .filter(|r| {
                mask.as_ref()
                    .is_none_or(|m| m.matches(&r.old) || r.new.as_ref().is_some_and(|n| m.matches(n)))
            })
            .map(|r| {
                vec![
                    r.old.clone(),
                    r.new.clone().unwrap_or_else(|| "(not renamed)".into()),
                    r.kind.clone(),
                    r.volser.clone(),
                    r.catalog.clone(),
                ]
            })
            .collect();
        s.vars.set("NSHOWN", rows.len().to_string());
        if let Some(t) = &mut s.table {
            t.set_rows(rows);
            t.top = 0;
        }
    }
}

impl Dialog for RenamesDialog {
    fn panel(&self) -> String {
        "ICLRVR".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        s.table = Some(Table::new(vec![
            Column::text("OLD"),
            Column::text("NEW"),
            Column::text("KIND"),
            Column::text("VOLSER"),
            Column::text("CATALOG"),
        ]));
        s.vars.set("NREN", self.all.len().to_string());
        self.filter(s);
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return super::unknown_command(s);
        }
        self.filter(s);
        Flow::Stay
    }

    fn command(&mut self, s: &mut Screen, _cx: &mut Cx, verb: &str, rest: &str) -> Option<Flow> {
        match verb {
            "FILTER" | "X" => {
                s.vars.set("RVFILT", rest.trim().to_ascii_uppercase());
                self.filter(s);
                Some(Flow::Stay)
            }
            _ => None,
        }
    }
}

/// The members a clone changes (ICLRVM); S shows a member's changes.
pub struct MemberDiffsDialog {
    members: Vec<MemberDiff>,
}

impl MemberDiffsDialog {
    pub fn new(members: Vec<MemberDiff>) -> MemberDiffsDialog {
        MemberDiffsDialog { members }
    }
}

/// The old and new lines of a member, as the report prints them.
pub fn diff_lines(m: &MemberDiff) -> (Vec<String>, Vec<Option<&'static str>>) {
    let mut lines = Vec::new();
    let mut roles = Vec::new();
    let renamed = m
        .new_member
        .as_deref()
        .map(|n| format!(", renamed {n}"))
        .unwrap_or_default();
    lines.push(format!(
        "{}({}){renamed}: {} lines change",
        m.dsn,
        m.member,
        m.changes.len()
    ));
    roles.push(None);
    for c in &m.changes {
        lines.push(format!("{:>6} - {}", c.record, c.old.trim_end()));
        roles.push(Some("diff_old"));
        lines.push(format!("{:>6} + {}", "", c.new.trim_end()));
        roles.push(Some("diff_new"));
    }
    (lines, roles)
}

impl Dialog for MemberDiffsDialog {
    fn panel(&self) -> String {
        "ICLRVM".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let mut t = Table::new(vec![
            Column::text("LIB"),
            Column::text("MEMBER"),
            Column::text("NEWNAME"),
            Column::num("CHANGES"),
        ]);
        t.set_rows(
            self.members
                .iter()
                .map(|m| {
                    vec![
                        m.dsn.clone(),
                        m.member.clone(),
                        m.new_member.clone().unwrap_or_default(),
                        m.changes.len().to_string(),
                    ]
                })
                .collect(),
        );
        s.vars.set("NMEM", self.members.len().to_string());
        s.table = Some(t);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        match (cmd, self.members.get(row)) {
            ("S" | "B", Some(m)) => {
                let (lines, roles) = diff_lines(m);
                Flow::Push(Box::new(TextDialog::styled(
                    &format!("Changes to {}({})", m.dsn, m.member),
                    "ICLH0620",
                    lines,
                    roles,
                )))
            }
            _ => bad_line_command(s, cmd, &["S"]),
        }
    }
}

/// Source volumes and their target devices (ICLRVP).
pub struct PairsDialog {
    pairs: Vec<Pairing>,
}

impl PairsDialog {
    pub fn new(pairs: Vec<Pairing>) -> PairsDialog {
        PairsDialog { pairs }
    }
}

impl Dialog for PairsDialog {
    fn panel(&self) -> String {
        "ICLRVP".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let mut t = Table::new(vec![
            Column::text("SVOL"),
            Column::text("SDEV"),
            Column::num("SCYL"),
            Column::text("TDEV"),
            Column::text("TOLD"),
            Column::num("TCYL"),
            Column::text("NEWVOL"),
        ]);
        t.set_rows(
            self.pairs
                .iter()
                .map(|p| {
                    vec![
                        p.source_volser.clone(),
                        p.source_device.clone(),
                        p.source_cyls.to_string(),
                        p.target_device.clone(),
                        p.target_old_volser.clone(),
                        p.target_cyls.to_string(),
                        p.new_volser.clone(),
                    ]
                })
                .collect(),
        );
        s.vars.set("NPAIR", self.pairs.len().to_string());
        s.table = Some(t);
        Flow::Stay
    }
}

/// The data sets of a refresh (ICLRVD): each source data set and its
/// target with their volumes, NEW when the target is allocated by the run,
/// and the target data sets the run scratches.
pub struct RefreshDatasetsDialog {
    copies: Vec<DsCopy>,
    scratch: Vec<(String, String)>,
}

impl RefreshDatasetsDialog {
    pub fn new(copies: Vec<DsCopy>, scratch: Vec<(String, String)>) -> RefreshDatasetsDialog {
        RefreshDatasetsDialog { copies, scratch }
    }
}

impl Dialog for RefreshDatasetsDialog {
    fn panel(&self) -> String {
        "ICLRVD".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let mut t = Table::new(vec![
            Column::text("DB"),
            Column::text("RECORD"),
            Column::text("DDN"),
            Column::text("SOURCE"),
            Column::text("SVOL"),
            Column::text("TARGET"),
            Column::text("TVOL"),
            Column::text("ACTION"),
        ]);
        let mut rows: Vec<Vec<String>> = self
            .copies
            .iter()
            .map(|c| {
                let record = c.partition.clone().unwrap_or_else(|| c.record.clone());
                vec![
                    c.database.clone(),
                    record,
                    c.ddn.clone(),
                    c.source.clone(),
                    c.source_volser.clone(),
                    c.target.clone(),
                    c.target_volser.clone(),
                    if c.create { "NEW" } else { "COPY" }.into(),
                ]
            })
            .collect();
        rows.extend(self.scratch.iter().map(|(dsn, vol)| {
            vec![
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                dsn.clone(),
                vol.clone(),
                "SCRATCH".into(),
            ]
        }));
        t.set_rows(rows);
        let new = self.copies.iter().filter(|c| c.create).count();
        s.vars.set("NCOPY", self.copies.len().to_string());
        s.vars.set("NNEW", new.to_string());
        s.vars.set("NSCR", self.scratch.len().to_string());
        s.table = Some(t);
        if self.copies.is_empty() {
            s.set_msg(Message::of("ICL695I", &[("WHAT", "data sets to copy")]));
        }
        Flow::Stay
    }
}

/// A skeleton's data sets (ICLRVS): the system data sets it copies, or the
/// database data sets it allocates empty, source and target with their
/// volumes, size and why the system has them.
pub struct SkeletonDatasetsDialog {
    title: &'static str,
    hint: &'static str,
    rows: Vec<SkeletonDs>,
}

impl SkeletonDatasetsDialog {
    pub fn copied(rows: Vec<SkeletonDs>) -> SkeletonDatasetsDialog {
        SkeletonDatasetsDialog {
            title: "System Data Sets Copied",
            hint: "copied track by track with their contents, renamed",
            rows,
        }
    }

    pub fn empty(rows: Vec<SkeletonDs>) -> SkeletonDatasetsDialog {
        SkeletonDatasetsDialog {
            title: "Database Data Sets Allocated Empty",
            hint: "as large as the source's, only a header block: refresh fills them",
            rows,
        }
    }
}

impl Dialog for SkeletonDatasetsDialog {
    fn panel(&self) -> String {
        "ICLRVS".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let mut t = Table::new(vec![
            Column::text("SOURCE"),
            Column::text("SVOL"),
            Column::text("TARGET"),
            Column::text("TVOL"),
            Column::num("TRACKS"),
            Column::text("ROLES"),
        ]);
        t.set_rows(
            self.rows
                .iter()
                .map(|d| {
                    vec![
                        d.source.clone(),
                        d.source_volser.clone(),
                        d.target.clone(),
                        d.target_volser.clone(),
                        d.tracks.to_string(),
                        d.roles.join(" "),
                    ]
                })
                .collect(),
        );
        let tracks: u64 = self.rows.iter().map(|d| u64::from(d.tracks)).sum();
        s.vars.set("RVSTTL", self.title);
        s.vars.set("RVSHINT", self.hint);
        s.vars.set("NSDS", self.rows.len().to_string());
        s.vars.set("NSTRK", tracks.to_string());
        s.table = Some(t);
        if self.rows.is_empty() {
            s.set_msg(Message::of("ICL695I", &[("WHAT", "data sets of this kind")]));
        }
        Flow::Stay
    }
}
