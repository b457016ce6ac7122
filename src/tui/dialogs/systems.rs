//! Option 1: IMS systems as registered in farm.toml (one row per IMS
//! subsystem, with its data-sharing group) and the detail of a system.
//! What the farm does not register (RECONs, libraries, databases) is
//! discovered from the PROCLIB by the ims layer; the detail panel says so
//! until that layer offers it.

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::{Cx, Dialog, Flow, Reply, valid_list};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 4] = ["S", "I", "B", "/"];

pub struct SystemsDialog;

impl SystemsDialog {
    pub fn new() -> SystemsDialog {
        SystemsDialog
    }
}

impl Default for SystemsDialog {
    fn default() -> Self {
        Self::new()
    }
}

/// One row per subsystem: IMSID, group, type, PROCLIB, DFSPB member.
fn rows(cx: &Cx) -> Vec<Vec<String>> {
    let cfg = &cx.farm.config;
    let mut out = Vec::new();
    for sys in cfg.systems() {
        let members = cfg.members_of(&sys);
        let kind = if members.len() > 1 {
            "DATA SHARING"
        } else {
            "STAND-ALONE"
        };
        for m in members {
            out.push(vec![
                m.imsid.clone(),
                sys.clone(),
                kind.to_string(),
                m.proclib.clone(),
                m.dfspb.clone(),
            ]);
        }
    }
    out
}

impl Dialog for SystemsDialog {
    fn panel(&self) -> String {
        "ICLSYS".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let mut t = s.table.take().unwrap_or_else(|| {
            Table::new(vec![
                Column::text("IMSID"),
                Column::text("GROUP"),
                Column::text("STYPE"),
                Column::text("PROCLIB"),
                Column::text("DFSPB"),
            ])
        });
        t.set_rows(rows(cx));
        s.vars.set("NSYS", cx.farm.config.systems().len().to_string());
        s.table = Some(t);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = s.table.as_ref().and_then(|t| t.row(row)).map(<[String]>::to_vec) else {
            return Flow::Stay;
        };
        match cmd {
            "S" | "I" => Flow::Push(Box::new(SystemDetail::new(&r[1]))),
            "B" => Flow::Push(Box::new(BrowseDialog::new(&r[3], None, Some(&r[4])))),
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("IMS {} (system {})", r[0], r[1]),
                &[
                    ("S", "Show the system and its members"),
                    ("B", "Browse the DFSPB member"),
                ],
            ))),
            _ => {
                s.set_msg(Message::of(
                    "ICL625E",
                    &[("VALUE", cmd), ("VALID", &valid_list(&CODES))],
                ));
                Flow::Stay
            }
        }
    }

    fn resume(&mut self, s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Action { row, code }) => self.line_command(s, cx, row, &code),
            _ => Flow::Stay,
        }
    }
}

/// The detail of one system (a data-sharing group or a stand-alone IMS).
pub struct SystemDetail {
    name: String,
}

impl SystemDetail {
    pub fn new(name: &str) -> SystemDetail {
        SystemDetail { name: name.to_string() }
    }
}

impl Dialog for SystemDetail {
    fn panel(&self) -> String {
        "ICLSYSD".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let cfg = &cx.farm.config;
        let members = cfg.members_of(&self.name);
        s.vars.set("SYSNAME", self.name.clone());
        s.vars.set(
            "STYPE",
            if members.len() > 1 {
                "Data-sharing group"
            } else {
                "Stand-alone IMS"
            },
        );
        s.vars.set("NMEMB", members.len().to_string());
        s.vars.set("FARMNAME", cfg.farm.name.clone());
        s.vars.set("MCAT", cfg.farm.master_catalog.clone());
        s.vars.set("MCATVOL", cfg.farm.master_catalog_volume.clone());
        let mut t = Table::new(vec![
            Column::text("IMSID"),
            Column::text("PROCLIB"),
            Column::text("DFSPB"),
        ]);
        t.set_rows(
            members
                .iter()
                .map(|m| vec![m.imsid.clone(), m.proclib.clone(), m.dfspb.clone()])
                .collect(),
        );
        s.table = Some(t);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = s.table.as_ref().and_then(|t| t.row(row)).map(<[String]>::to_vec) else {
            return Flow::Stay;
        };
        match cmd {
            "S" | "B" => Flow::Push(Box::new(BrowseDialog::new(&r[1], None, Some(&r[2])))),
            _ => {
                s.set_msg(Message::of("ICL625E", &[("VALUE", cmd), ("VALID", "S, B")]));
                Flow::Stay
            }
        }
    }
}
