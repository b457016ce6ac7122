//! Options 6 and 7: the clone (system and skeleton) or refresh profiles
//! saved in the config directory (`profiles/NAME.toml`, the job files the
//! command line runs).
//! S edits one, D deletes it (after a confirmation), NEW starts a new one,
//! LOAD reads any job file (the sample job, a colleague's profile).

use std::path::PathBuf;

use super::actions::ActionsDialog;
use super::clone_profile::CloneProfileDialog;
use super::confirm::ConfirmDialog;
use super::refresh_profile::RefreshProfileDialog;
use super::{Cx, Dialog, Flow, Reply, bad_line_command};
use crate::tui::fetch::ProfileRow;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::profile::{self, ProfileDoc};
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 3] = ["S", "D", "/"];

pub struct ProfilesDialog {
    /// Option 7 (refreshes) rather than option 6 (clones).
    refresh: bool,
    rows: Vec<ProfileRow>,
    /// The profile a D asked to delete.
    deleting: Option<ProfileRow>,
}

impl ProfilesDialog {
    pub fn clones() -> ProfilesDialog {
        ProfilesDialog::new(false)
    }

    pub fn refreshes() -> ProfilesDialog {
        ProfilesDialog::new(true)
    }

    fn new(refresh: bool) -> ProfilesDialog {
        ProfilesDialog {
            refresh,
            rows: Vec::new(),
            deleting: None,
        }
    }

    fn list(&mut self, s: &mut Screen, cx: &mut Cx) {
        match cx.profile_dir() {
            Some(d) => {
                s.vars.set("PRFDIR", d.display().to_string());
                cx.load(Request::Profiles { dir: d });
            }
            None => {
                s.vars.set("PRFDIR", "(no config directory)");
                s.set_msg(Message::of("ICL683W", &[]));
            }
        }
    }

    fn read(&mut self, path: PathBuf, cx: &mut Cx) {
        cx.load(Request::ReadFile { path });
    }

    /// An editor for a profile read from `path` (None: a new one).
    fn editor(&self, doc: Option<ProfileDoc>, name: &str, cx: &Cx) -> Box<dyn Dialog> {
        match doc {
            Some(ProfileDoc::Clone(j)) => Box::new(CloneProfileDialog::new(Some(*j))),
            Some(ProfileDoc::Refresh(j)) => Box::new(RefreshProfileDialog::new(Some(*j))),
            None if self.refresh => Box::new(RefreshProfileDialog::blank(name, cx)),
            None => Box::new(CloneProfileDialog::blank(name, cx)),
        }
    }
}

impl Dialog for ProfilesDialog {
    fn panel(&self) -> String {
        "ICLPRF".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let what = if self.refresh { "Refresh" } else { "Clone" };
        s.vars.set("PRFWHAT", what);
        if s.table.is_none() {
            s.table = Some(Table::new(vec![
                Column::text("NAME"),
                Column::text("TYPE"),
                Column::text("CHANGED"),
                Column::text("DESC"),
            ]));
        }
        self.list(s, cx);
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Profiles(rows) => {
                // The other type's profiles belong to the other option; files
                // that do not read show in both, so they can be deleted.
                self.rows = rows
                    .into_iter()
                    .filter(|r| profile::kinds_of(self.refresh).contains(&r.kind.as_str()) || r.kind == "?")
                    .collect();
                let t = s.table.as_mut().expect("table");
                t.set_rows(
                    self.rows
                        .iter()
                        .map(|r| vec![r.name.clone(), r.kind.clone(), r.changed.clone(), r.description.clone()])
                        .collect(),
                );
                s.vars.set("NPRF", self.rows.len().to_string());
            }
            Loaded::File { path, text } => {
                return match ProfileDoc::parse(&text, &path.display().to_string()) {
                    Ok(doc) => {
                        s.set_msg(Message::of("ICL681I", &[("PATH", &path.display().to_string())]));
                        Flow::Push(self.editor(Some(doc), "", cx))
                    }
                    Err(e) => {
                        s.set_msg(Message::from_error(&e));
                        Flow::Stay
                    }
                };
            }
            Loaded::Deleted { path } => {
                let n = path
                    .file_stem()
                    .map(|x| x.to_string_lossy().to_string())
                    .unwrap_or_default();
                s.set_msg(Message::of("ICL682I", &[("NAME", &n)]));
                self.list(s, cx);
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn command(&mut self, s: &mut Screen, cx: &mut Cx, verb: &str, rest: &str) -> Option<Flow> {
        match verb {
            "NEW" => {
                let name = rest.trim().to_ascii_uppercase();
                if !name.is_empty() && !crate::dasd::names::valid_member(&name) {
                    s.set_msg(Message::of("ICL654E", &[("VALUE", &name)]));
                    return Some(Flow::Stay);
                }
                Some(Flow::Push(self.editor(None, &name, cx)))
            }
            "LOAD" => {
                let p = rest.trim().trim_matches('\'').trim_matches('"');
                if p.is_empty() {
                    s.set_msg(Message::of("ICL680E", &[]));
                    return Some(Flow::Stay);
                }
                self.read(PathBuf::from(p), cx);
                Some(Flow::Stay)
            }
            _ => None,
        }
    }

    fn line_command(&mut self, s: &mut Screen, cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = self.rows.get(row).cloned() else {
            return Flow::Stay;
        };
        match cmd {
            "S" => {
                self.read(r.path.clone(), cx);
                Flow::Stay
            }
            "D" => {
                let lines = vec![
                    format!("Delete profile {} ?", r.name),
                    r.path.display().to_string(),
                    "The file is removed; jobs already run keep their plans.".into(),
                ];
                self.deleting = Some(r);
                Flow::Popup(Box::new(ConfirmDialog::new("DELETE", "Delete a profile", lines)))
            }
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("Profile {}", r.name),
                &[("S", "Edit the profile"), ("D", "Delete the profile")],
            ))),
            _ => bad_line_command(s, cmd, &CODES),
        }
    }

    /// Enter with a job file named reads it.
    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return super::unknown_command(s);
        }
        let p = s.vars.val("PRFFILE").trim().to_string();
        if !p.is_empty() {
            s.vars.set("PRFFILE", "");
            self.read(PathBuf::from(p), cx);
        }
        Flow::Stay
    }

    fn resume(&mut self, s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Action { row, code }) => self.line_command(s, cx, row, &code),
            Some(Reply::Confirm { tag, yes }) if tag == "DELETE" => {
                if let (true, Some(r)) = (yes, self.deleting.take()) {
                    cx.load(Request::DeleteFile { path: r.path });
                }
                Flow::Stay
            }
            _ => {
                // Back from an editor: it may have saved.
                self.list(s, cx);
                Flow::Stay
            }
        }
    }

    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.list(s, cx);
        Flow::Stay
    }
}
