//! Menus: panels whose )PROC sets ZSEL, as ISPF selection panels do.
//! `PANEL(name)` shows another menu, `PGM(name) PARM(value)` starts a
//! dialog, `EXIT` leaves, `?` is an invalid option, blank redisplays.
//! The rest of a nested option (`3.4`) runs on the selected panel.

use super::{Cx, Dialog, Flow, create};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;

pub struct MenuDialog {
    panel: String,
}

impl MenuDialog {
    pub fn new(panel: &str) -> MenuDialog {
        MenuDialog {
            panel: panel.to_ascii_uppercase(),
        }
    }
}

/// The value of `KEY(value)` in a selection string.
pub fn keyword(sel: &str, key: &str) -> Option<String> {
    let up = sel.to_ascii_uppercase();
    let start = up.find(&format!("{key}("))? + key.len() + 1;
    let end = start + sel[start..].find(')')?;
    Some(sel[start..end].trim().to_string())
}

impl Dialog for MenuDialog {
    fn panel(&self) -> String {
        self.panel.clone()
    }

    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let sel = s.vars.val("ZSEL").trim().to_string();
        let trail = s.vars.val("ZTRAIL").trim().to_string();
        let opt = s.vars.val("ZCMD").split('.').next().unwrap_or("").trim().to_string();
        s.vars.set("ZSEL", "");
        if sel.is_empty() {
            return Flow::Stay;
        }
        if sel == "?" {
            s.set_msg(Message::of("ICL620E", &[("VALUE", &opt)]));
            return Flow::Stay;
        }
        if sel.eq_ignore_ascii_case("EXIT") {
            return Flow::Exit;
        }
        let next: Box<dyn Dialog> = if let Some(p) = keyword(&sel, "PANEL") {
            Box::new(MenuDialog::new(&p))
        } else if let Some(pgm) = keyword(&sel, "PGM") {
            let parm = keyword(&sel, "PARM").unwrap_or_default();
            match create(&pgm.to_ascii_uppercase(), &parm) {
                Ok(d) => d,
                Err(m) => {
                    s.set_msg(m);
                    return Flow::Stay;
                }
            }
        } else {
            let t = format!("ZSEL '{sel}' is not PANEL(name), PGM(name) or EXIT");
            s.set_msg(Message::of("ICL604E", &[("TEXT", &t)]));
            return Flow::Stay;
        };
        if !trail.is_empty() {
            cx.command = Some(trail);
        }
        Flow::Push(next)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn selection_keywords() {
        assert_eq!(
            super::keyword("PGM(NOTYET) PARM(Databases)", "PARM").as_deref(),
            Some("Databases")
        );
        assert_eq!(super::keyword("pgm(systems)", "PGM").as_deref(), Some("systems"));
        assert_eq!(super::keyword("EXIT", "PGM"), None);
    }
}
