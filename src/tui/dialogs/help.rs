//! Help: tutorial panels (ICLHnnnn, text panels shown full screen, END
//! returns) and the explanation of a message (HELP after the long message
//! is already shown).

use super::{Cx, Dialog, Flow};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;

pub struct HelpDialog {
    panel: String,
}

impl HelpDialog {
    pub fn new(panel: &str) -> HelpDialog {
        HelpDialog {
            panel: panel.to_ascii_uppercase(),
        }
    }
}

impl Dialog for HelpDialog {
    fn panel(&self) -> String {
        self.panel.clone()
    }

    fn enter(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::Stay
    }
}

/// Width of the message help window's text.
const TEXT_W: usize = 60;

/// Split text into lines of at most `w` characters at blanks.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > w {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub struct MessageHelp {
    m: Message,
}

impl MessageHelp {
    pub fn new(m: Message) -> MessageHelp {
        MessageHelp { m }
    }
}

impl Dialog for MessageHelp {
    fn panel(&self) -> String {
        "ICLMSGH".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        s.vars.set("ZWINTTL", format!("Message {}", self.m.id));
        s.vars.set("MSGID", self.m.id.clone());
        s.vars.set("MSGSHORT", self.m.short.clone());
        for (prefix, text, n) in [("MSGL", &self.m.long, 3), ("MSGH", &self.m.help, 5)] {
            let lines = wrap(text, TEXT_W);
            for i in 0..n {
                s.vars
                    .set(&format!("{prefix}{}", i + 1), lines.get(i).cloned().unwrap_or_default());
            }
        }
        Flow::Stay
    }

    fn enter(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::End(None)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping() {
        assert_eq!(super::wrap("aa bb cc dd", 5), vec!["aa bb", "cc dd"]);
        assert_eq!(super::wrap("", 5), Vec::<String>::new());
    }
}
