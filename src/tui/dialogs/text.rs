//! Read-only text on panel ICLTXT, browse-like: a job's report, a plan's
//! report, a member's or a RECON's changes. The lines are given, or read
//! on the loader thread (a job report).

use super::textview::TextView;
use super::{Cx, Dialog, Flow};
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;

pub struct TextDialog {
    title: String,
    help: String,
    view: TextView,
    load: Option<Request>,
}

impl TextDialog {
    /// Lines with a theme role each (None: data).
    pub fn styled(title: &str, help: &str, lines: Vec<String>, roles: Vec<Option<&'static str>>) -> TextDialog {
        let mut view = TextView::new();
        view.set_styled(lines, roles);
        TextDialog {
            title: title.to_string(),
            help: help.to_string(),
            view,
            load: None,
        }
    }

    pub fn lines(title: &str, help: &str, lines: Vec<String>) -> TextDialog {
        let n = lines.len();
        TextDialog::styled(title, help, lines, vec![None; n])
    }

    /// The report of a job, read from its folder.
    pub fn report(id: &str) -> TextDialog {
        let mut d = TextDialog::lines(&format!("Report of job {id}"), "ICLH0800", Vec::new());
        d.load = Some(Request::Report { id: id.to_string() });
        d
    }
}

/// A diff line's role: removed lines in one colour, added in another.
pub fn diff_role(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    if t.starts_with("- ") || (t.contains(" - ") && t.split_whitespace().next().is_some_and(is_num)) {
        Some("diff_old")
    } else if t.starts_with("+ ") || (t.contains(" + ") && t.split_whitespace().next().is_some_and(is_num)) {
        Some("diff_new")
    } else {
        None
    }
}

fn is_num(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl Dialog for TextDialog {
    fn panel(&self) -> String {
        "ICLTXT".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        s.vars.set("TXTTITLE", self.title.clone());
        s.ctl.help = Some(self.help.clone());
        if let Some(r) = &self.load {
            cx.load(r.clone());
        }
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Report { lines, .. } => {
                let roles = lines.iter().map(|l| diff_role(l)).collect();
                self.view.set_styled(lines, roles);
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.open(s, cx)
    }

    super::textview::text_view_dialog!(view);
}

#[cfg(test)]
mod tests {
    #[test]
    fn diff_roles() {
        assert_eq!(super::diff_role("       12 - //IMP1CTL PROC"), Some("diff_old"));
        assert_eq!(super::diff_role("          + //IMQ1CTL PROC"), Some("diff_new"));
        assert_eq!(super::diff_role("  IMSQ.PROCLIB(IMP1CTL)"), None);
    }
}
