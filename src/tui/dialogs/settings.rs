//! Option 0: settings. Theme (switches at once), panel IDs on the title
//! line, the function key area; where the config directory is. The
//! choices are kept in the profile.

use super::{Change, Cx, Dialog, Flow, unknown_command};
use crate::tui::messages::Message;
use crate::tui::screen::{CursorReq, Screen};

pub struct SettingsDialog;

impl SettingsDialog {
    pub fn new() -> SettingsDialog {
        SettingsDialog
    }

    /// Check and apply the fields; false when a value is wrong (message set).
    fn apply(&self, s: &mut Screen, cx: &mut Cx) -> bool {
        let theme = s.vars.val("STHEME").trim().to_ascii_lowercase();
        let names = cx.themes.names();
        if !names.contains(&theme) {
            let known = names.join(", ");
            s.set_msg(Message::of("ICL611E", &[("NAME", &theme), ("KNOWN", &known)]));
            s.error_field = Some(CursorReq::Var("STHEME".into()));
            s.cursor_req = s.error_field.clone();
            return false;
        }
        let yes = |v: &str| v.trim().eq_ignore_ascii_case("Y");
        let panelid = yes(s.vars.val("SPANELID"));
        let pfshow = yes(s.vars.val("SPFSHOW"));
        let st = cx.settings;
        if theme != st.theme {
            cx.changes.push(Change::Theme(theme.clone()));
        }
        if panelid != st.panelid {
            cx.changes.push(Change::PanelId(panelid));
        }
        if pfshow != st.pfshow {
            cx.changes.push(Change::Pfshow(pfshow));
        }
        if !cx.changes.is_empty() {
            s.set_msg(if theme != st.theme {
                Message::of("ICL646I", &[("NAME", &theme)])
            } else {
                Message::of("ICL647I", &[])
            });
        }
        true
    }
}

impl Default for SettingsDialog {
    fn default() -> Self {
        Self::new()
    }
}

impl Dialog for SettingsDialog {
    fn panel(&self) -> String {
        "ICLSET".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let st = cx.settings;
        let yn = |b: bool| if b { "Y" } else { "N" };
        s.vars.set("STHEME", st.theme.clone());
        s.vars.set("SPANELID", yn(st.panelid));
        s.vars.set("SPFSHOW", yn(st.pfshow));
        s.vars.set("THEMES", cx.themes.names().join(" "));
        let cfg = st.config_dir.as_ref();
        let path = |f: &str| {
            cfg.map_or_else(
                || "(no config directory)".to_string(),
                |d| d.join(f).display().to_string(),
            )
        };
        s.vars.set("KEYSFILE", path("keys.toml"));
        s.vars.set("PNLDIR", path("panels"));
        s.vars.set("THMDIR", path("themes"));
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return unknown_command(s);
        }
        self.apply(s, cx);
        Flow::Stay
    }

    fn end(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if self.apply(s, cx) { Flow::End(None) } else { Flow::Stay }
    }
}
