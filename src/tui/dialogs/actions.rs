//! The `/` line command: a pop-up listing the actions valid for a row.
//! Select one with S (or put the cursor on it and press Enter, or type its
//! code on the command line); the choice goes back to the list as the
//! line command for the row.

use super::{Cx, Dialog, Flow, Reply, bad_line_command};
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

pub struct ActionsDialog {
    row: usize,
    actions: Vec<(String, String)>,
    title: String,
}

impl ActionsDialog {
    /// `actions`: (line command, what it does); `title` names the row.
    pub fn new(row: usize, title: &str, actions: &[(&str, &str)]) -> ActionsDialog {
        ActionsDialog {
            row,
            actions: actions.iter().map(|(c, d)| (c.to_string(), d.to_string())).collect(),
            title: title.to_string(),
        }
    }

    fn choose(&self, i: usize) -> Flow {
        match self.actions.get(i) {
            Some((code, _)) => Flow::End(Some(Reply::Action {
                row: self.row,
                code: code.clone(),
            })),
            None => Flow::Stay,
        }
    }
}

impl Dialog for ActionsDialog {
    fn panel(&self) -> String {
        "ICLACT".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        s.vars.set("ZWINTTL", "Actions");
        s.vars.set("ACTOBJ", self.title.clone());
        let mut t = Table::new(vec![Column::num("ANUM"), Column::text("ACODE"), Column::text("ADESC")]);
        t.set_rows(
            self.actions
                .iter()
                .enumerate()
                .map(|(i, (c, d))| vec![format!("{}.", i + 1), c.clone(), d.clone()])
                .collect(),
        );
        s.table = Some(t);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        if cmd == "S" || cmd == "/" {
            return self.choose(row);
        }
        bad_line_command(s, cmd, &["S"])
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let c = s.vars.val("ZCMD").trim().to_ascii_uppercase();
        if c.is_empty() {
            // Point and shoot: the row under the cursor.
            return match s.vars.val("ZCSRROW").parse::<usize>() {
                Ok(n) if n > 0 => self.choose(n - 1),
                _ => Flow::Stay,
            };
        }
        let by_num = c
            .trim_end_matches('.')
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .map(|n| n - 1);
        let by_code = self.actions.iter().position(|(code, _)| *code == c);
        match by_num.or(by_code) {
            Some(i) if i < self.actions.len() => self.choose(i),
            _ => {
                let valid: Vec<&str> = self.actions.iter().map(|(c, _)| c.as_str()).collect();
                bad_line_command(s, &c, &valid)
            }
        }
    }
}
