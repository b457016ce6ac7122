//! The member list of a partitioned data set, with ISPF statistics.

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::info::MemberInfoDialog;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::dasd::MemberInfo;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 4] = ["S", "B", "I", "/"];

pub struct MemberListDialog {
    dsn: String,
    volser: Option<String>,
    members: Vec<MemberInfo>,
}

impl MemberListDialog {
    pub fn new(dsn: &str, volser: Option<&str>) -> MemberListDialog {
        MemberListDialog {
            dsn: dsn.to_ascii_uppercase(),
            volser: volser.map(str::to_string),
            members: Vec::new(),
        }
    }
}

fn row(m: &MemberInfo) -> Vec<String> {
    match &m.stats {
        Some(s) => vec![
            m.name.clone(),
            format!("{:02}.{:02}", s.version, s.modlevel),
            s.created.clone(),
            s.changed.clone(),
            s.lines.to_string(),
            s.init_lines.to_string(),
            s.mod_lines.to_string(),
            s.userid.clone(),
            m.alias_of.clone().unwrap_or_default(),
        ],
        None => {
            let mut v = vec![m.name.clone()];
            v.extend(std::iter::repeat_n(String::new(), 7));
            v.push(m.alias_of.clone().unwrap_or_default());
            v
        }
    }
}

impl Dialog for MemberListDialog {
    fn panel(&self) -> String {
        "ICLMEM".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if s.table.is_none() {
            let mut t = Table::new(vec![
                Column::text("MEMBER"),
                Column::text("VVMM"),
                Column::text("CREATED"),
                Column::text("CHANGED"),
                Column::num("SIZE"),
                Column::num("INIT"),
                Column::num("MOD"),
                Column::text("USERID"),
                Column::text("ALIASOF"),
            ]);
            // Listed by name, as ISPF lists data sets and members.
            t.sort_by("MEMBER", false);
            s.table = Some(t);
        }
        s.vars.set("DSN", self.dsn.clone());
        s.vars.set("VOLSER", self.volser.clone().unwrap_or_default());
        cx.load(Request::Members {
            dsn: self.dsn.clone(),
            volser: self.volser.clone(),
        });
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Members { volser, members } => {
                if let Some(t) = &mut s.table {
                    t.set_rows(members.iter().map(row).collect());
                }
                if members.is_empty() {
                    s.set_msg(Message::of("ICL644I", &[("DSN", &self.dsn)]));
                }
                s.vars.set("VOLSER", volser.clone());
                self.volser = Some(volser);
                self.members = members;
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(m) = self.members.get(row).cloned() else {
            return Flow::Stay;
        };
        match cmd {
            "S" | "B" | "E" | "V" => Flow::Push(Box::new(BrowseDialog::new(
                &self.dsn,
                self.volser.as_deref(),
                Some(&m.name),
            ))),
            "I" => Flow::Popup(Box::new(MemberInfoDialog::new(&self.dsn, m))),
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("{}({})", self.dsn, m.name),
                &[
                    ("B", "Browse the member"),
                    ("I", "Member information (ISPF statistics)"),
                ],
            ))),
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}
