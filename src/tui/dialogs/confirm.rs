//! A confirmation pop-up (ICLCNF): a few lines saying what will happen;
//! Enter confirms, END or CANCEL (F3, F12, Esc) does not. The answer goes
//! back to the asker with its tag.

use super::{Cx, Dialog, Flow, Reply};
use crate::tui::screen::Screen;

/// Lines the pop-up shows.
pub const LINES: usize = 5;

pub struct ConfirmDialog {
    tag: String,
    title: String,
    lines: Vec<String>,
}

impl ConfirmDialog {
    pub fn new(tag: &str, title: &str, lines: Vec<String>) -> ConfirmDialog {
        ConfirmDialog {
            tag: tag.to_string(),
            title: title.to_string(),
            lines,
        }
    }

    fn answer(&self, yes: bool) -> Flow {
        Flow::End(Some(Reply::Confirm {
            tag: self.tag.clone(),
            yes,
        }))
    }
}

impl Dialog for ConfirmDialog {
    fn panel(&self) -> String {
        "ICLCNF".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        s.vars.set("ZWINTTL", self.title.clone());
        for i in 0..LINES {
            s.vars.set(
                &format!("CNFL{}", i + 1),
                self.lines.get(i).cloned().unwrap_or_default(),
            );
        }
        Flow::Stay
    }

    fn enter(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        self.answer(true)
    }

    fn end(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        self.answer(false)
    }
}
