//! Option 5: the RECON of an IMS system as LIST.RECON prints it (read on
//! the loader thread from the first readable copy), shown like BROWSE:
//! scrolling, FIND/RFIND, LOCATE line, COLS. The system is an input field:
//! change it and press Enter for another system's RECON.

use super::textview::TextView;
use super::{Cx, Dialog, Flow, unknown_command};
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::{CursorReq, Screen};

pub struct ReconDialog {
    given: Option<String>,
    system: String,
    view: TextView,
}

impl ReconDialog {
    pub fn new(system: Option<&str>) -> ReconDialog {
        ReconDialog {
            given: system.map(str::to_string),
            system: String::new(),
            view: TextView::new(),
        }
    }

    fn load(&mut self, s: &mut Screen, cx: &mut Cx) {
        self.view.set_lines(Vec::new());
        self.view.home();
        s.vars.set("RCNDSN", "");
        cx.load(Request::Recon {
            system: self.system.clone(),
        });
    }
}

impl Dialog for ReconDialog {
    fn panel(&self) -> String {
        "ICLRCN".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.system = super::databases::start_system(s, cx, self.given.as_deref(), "RCNSYS");
        self.load(s, cx);
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Recon { dsn, lines } => {
                s.vars.set("RCNDSN", dsn);
                self.view.set_lines(lines);
            }
            Loaded::Failed(e) => {
                s.set_msg(Message::from_error(&e));
                s.cursor_req = Some(CursorReq::Var("RCNSYS".into()));
            }
            _ => {}
        }
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return unknown_command(s);
        }
        let want = s.vars.val("RCNSYS").trim().to_ascii_uppercase();
        if !want.is_empty() && want != self.system {
            self.system = want;
            self.load(s, cx);
        }
        Flow::Stay
    }

    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.load(s, cx);
        Flow::Stay
    }

    super::textview::text_view_dialog!(view);
}
