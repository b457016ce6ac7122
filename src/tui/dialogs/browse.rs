//! BROWSE: a PS data set or a member, read-only, as ISPF shows it (the
//! text view of `textview.rs` over the data set's lines).

use super::textview::TextView;
use super::{Cx, Dialog, Flow};
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;

pub struct BrowseDialog {
    dsn: String,
    volser: Option<String>,
    member: Option<String>,
    view: TextView,
}

impl BrowseDialog {
    pub fn new(dsn: &str, volser: Option<&str>, member: Option<&str>) -> BrowseDialog {
        BrowseDialog {
            dsn: dsn.to_ascii_uppercase(),
            volser: volser.map(str::to_string),
            member: member.map(|m| m.to_ascii_uppercase()),
            view: TextView::new(),
        }
    }

    fn title(&self) -> String {
        match &self.member {
            Some(m) => format!("{}({m})", self.dsn),
            None => self.dsn.clone(),
        }
    }
}

impl Dialog for BrowseDialog {
    fn panel(&self) -> String {
        "ICLBRO".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        s.vars.set("ZBRDSN", self.title());
        cx.load(Request::Text {
            dsn: self.dsn.clone(),
            volser: self.volser.clone(),
            member: self.member.clone(),
        });
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Text {
                volser,
                lines,
                truncated,
            } => {
                self.view.set_lines(lines);
                self.volser = Some(volser);
                if truncated {
                    let n = self.view.len().to_string();
                    s.set_msg(Message::of("ICL645W", &[("LINES", &n), ("DSN", &self.dsn)]));
                }
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    super::textview::text_view_dialog!(view);

    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.open(s, cx)
    }
}
