//! Databases picked for a refresh: the source system's database list
//! (discovery on the loader thread) with a Pick column.

use std::collections::BTreeSet;

use super::databases::{db_columns, db_rows};
use super::{Cx, Dialog, Flow, Reply, bad_line_command};
use crate::ims::discovery::ImsSystem;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::Column;

/// The source system's databases to pick from (ICLRFD): S marks or
/// unmarks a database, END hands the marked ones back.
pub struct DbPickDialog {
    source: String,
    chosen: BTreeSet<String>,
}

impl DbPickDialog {
    pub fn new(source: &str, chosen: Vec<String>) -> DbPickDialog {
        DbPickDialog {
            source: source.to_string(),
            chosen: chosen.into_iter().collect(),
        }
    }

    fn rows(&self, sys: &ImsSystem) -> Vec<Vec<String>> {
        db_rows(sys)
            .into_iter()
            .map(|mut r| {
                let on = self.chosen.contains(&r[0]);
                r.push(if on { "YES" } else { "" }.into());
                r
            })
            .collect()
    }

    fn mark(&self, s: &mut Screen) {
        if let Some(t) = &mut s.table {
            for i in 0..t.len() {
                let on = t.value(i, "DBD").is_some_and(|n| self.chosen.contains(n));
                t.set_value(i, "PICK", if on { "YES" } else { "" }.into());
            }
        }
        s.vars.set("NPICK", self.chosen.len().to_string());
    }
}

impl Dialog for DbPickDialog {
    fn panel(&self) -> String {
        "ICLRFD".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        s.vars.set("RSRC", self.source.clone());
        s.vars.set("NPICK", self.chosen.len().to_string());
        let mut cols = db_columns();
        cols.push(Column::text("PICK"));
        s.table = Some(crate::tui::table::Table::new(cols));
        cx.load(Request::System {
            name: self.source.clone(),
        });
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::System(sys) => {
                let rows = self.rows(&sys);
                if let Some(t) = &mut s.table {
                    t.set_rows(rows);
                }
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(name) = s.table.as_ref().and_then(|t| t.value(row, "DBD")).map(str::to_string) else {
            return Flow::Stay;
        };
        match cmd {
            "S" => {
                if !self.chosen.remove(&name) {
                    self.chosen.insert(name);
                }
                self.mark(s);
            }
            _ => {
                bad_line_command(s, cmd, &["S"]);
            }
        }
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return super::unknown_command(s);
        }
        Flow::Stay
    }

    fn end(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::End(Some(Reply::Picked(self.chosen.iter().cloned().collect())))
    }
}
