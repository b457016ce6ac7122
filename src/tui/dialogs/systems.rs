//! Option 1: IMS systems as registered in farm.toml (one row per IMS
//! subsystem, with its data-sharing group). S shows what discovery finds
//! of the system (`sysdetail.rs`), D its databases, R its RECON.

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::databases::DatabasesDialog;
use super::recon::ReconDialog;
use super::sysdetail::SystemDetail;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 6] = ["S", "I", "B", "D", "R", "/"];

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
            "D" => Flow::Push(Box::new(DatabasesDialog::new(Some(&r[1])))),
            "R" => Flow::Push(Box::new(ReconDialog::new(Some(&r[1])))),
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("IMS {} (system {})", r[0], r[1]),
                &[
                    ("S", "Show the system as discovery finds it"),
                    ("B", "Browse the DFSPB member"),
                    ("D", "The system's databases"),
                    ("R", "The system's RECON (LIST.RECON)"),
                ],
            ))),
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}
