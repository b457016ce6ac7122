//! The refresh profile (ICLRFP): databases of a source system refreshed
//! into a target system, saved as a `db-refresh` job file (its shape is
//! in `refresh_job.rs`). The databases are picked with S from the source
//! system's database list (ICLRFD, `dbpick.rs`). The refresh engine is not available
//! yet: submitting saves the profile and says so (ICL688W).

use super::dbpick::DbPickDialog;
use super::editor::EditorDialog;
use super::{Cx, Dialog, Flow, Reply};
use crate::engine::movers::FastReplication;
use crate::engine::request::{JobHeader, RenamePair};
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::profile::{self, ListKind, ProfileDoc};
use crate::tui::refresh_job::{self, DataMover, Refresh, RefreshJobFile, RefreshOptions};
use crate::tui::screen::{CursorReq, Screen};
use crate::{IclError, icl};

pub struct RefreshProfileDialog {
    start: Option<RefreshJobFile>,
    renames: Vec<RenamePair>,
    closing: bool,
    /// Enter saved the profile to say "not available yet" afterwards.
    submitting: bool,
}

fn yn(b: bool) -> &'static str {
    if b { "Y" } else { "N" }
}

impl RefreshProfileDialog {
    pub fn new(job: Option<RefreshJobFile>) -> RefreshProfileDialog {
        RefreshProfileDialog {
            start: job,
            renames: Vec::new(),
            closing: false,
            submitting: false,
        }
    }

    /// A new refresh profile: from the first system into the second.
    pub fn blank(name: &str, cx: &Cx) -> RefreshProfileDialog {
        let sys = cx.farm.config.systems();
        let source = sys.first().cloned().unwrap_or_default();
        let target = sys.get(1).cloned().unwrap_or_default();
        let rename = if source.is_empty() || target.is_empty() {
            Vec::new()
        } else {
            vec![RenamePair {
                from: format!("{source}.**"),
                to: format!("{target}.**"),
            }]
        };
        RefreshProfileDialog::new(Some(RefreshJobFile {
            job: JobHeader {
                kind: refresh_job::KIND.into(),
                name: name.to_string(),
                description: String::new(),
            },
            refresh: Refresh {
                source,
                target,
                databases: Vec::new(),
                rename,
                options: RefreshOptions::default(),
            },
        }))
    }

    fn fill(&mut self, s: &mut Screen, j: &RefreshJobFile) {
        let v = &mut s.vars;
        let r = &j.refresh;
        v.set("RNAME", j.job.name.clone());
        v.set("RDESC", j.job.description.clone());
        v.set("RSRC", r.source.clone());
        v.set("RTGT", r.target.clone());
        v.set("RDBS", r.databases.join(" "));
        v.set("RFUZZY", yn(r.options.fuzzy_copy));
        v.set("RHALDB", yn(r.options.copy_if_different_haldb));
        v.set("RMOVER", r.options.data_mover.word());
        v.set(
            "RFAST",
            match r.options.fastreplication {
                FastReplication::Required => "REQUIRED",
                FastReplication::Preferred => "PREFERRED",
                FastReplication::None => "NONE",
            },
        );
        self.renames = r.rename.clone();
        s.vars.set("NREN", self.renames.len().to_string());
    }

    fn job(&self, s: &Screen) -> Result<RefreshJobFile, (String, IclError)> {
        let v = |n: &str| s.vars.val(n).trim().to_ascii_uppercase();
        let dbs = profile::list_field(s.vars.val("RDBS"));
        if dbs.is_empty() {
            return Err(("RDBS".into(), icl!("ICL689E", "pick at least one database to refresh")));
        }
        if let Some(bad) = dbs.iter().find(|d| !crate::dasd::names::valid_member(d)) {
            return Err(("RDBS".into(), icl!("ICL654E", "{bad} is not a valid database name")));
        }
        if v("RSRC") == v("RTGT") {
            return Err((
                "RTGT".into(),
                icl!("ICL685E", "the target system must differ from the source"),
            ));
        }
        Ok(RefreshJobFile {
            job: JobHeader {
                kind: refresh_job::KIND.into(),
                name: v("RNAME"),
                description: s.vars.val("RDESC").trim().to_string(),
            },
            refresh: Refresh {
                source: v("RSRC"),
                target: v("RTGT"),
                databases: dbs,
                rename: self.renames.clone(),
                options: RefreshOptions {
                    fuzzy_copy: v("RFUZZY") == "Y",
                    copy_if_different_haldb: v("RHALDB") == "Y",
                    data_mover: DataMover::parse(&v("RMOVER")).unwrap_or_default(),
                    fastreplication: match v("RFAST").as_str() {
                        "REQUIRED" => FastReplication::Required,
                        "NONE" => FastReplication::None,
                        _ => FastReplication::Preferred,
                    },
                },
            },
        })
    }

    fn checked(&self, s: &mut Screen) -> Option<RefreshJobFile> {
        match self.job(s) {
            Ok(j) => Some(j),
            Err((field, e)) => {
                s.set_msg(Message::from_error(&e));
                s.error_field = Some(CursorReq::Var(field.clone()));
                s.cursor_req = Some(CursorReq::Var(field));
                None
            }
        }
    }

    fn save(&self, s: &mut Screen, cx: &mut Cx, j: RefreshJobFile) -> bool {
        let Some(dir) = cx.profile_dir() else {
            s.set_msg(Message::of("ICL683W", &[]));
            return false;
        };
        match ProfileDoc::Refresh(Box::new(j.clone())).to_toml() {
            Ok(text) => {
                cx.load(Request::WriteFile {
                    path: profile::path_for(&dir, &j.job.name),
                    text,
                });
                true
            }
            Err(e) => {
                s.set_msg(Message::from_error(&e));
                false
            }
        }
    }

    fn pick(&self, s: &Screen) -> Flow {
        let source = s.vars.val("RSRC").trim().to_ascii_uppercase();
        let chosen = profile::list_field(s.vars.val("RDBS"));
        Flow::Push(Box::new(DbPickDialog::new(&source, chosen)))
    }

    fn renames_editor(&self) -> Flow {
        Flow::Push(Box::new(EditorDialog::new(
            ListKind::Renames,
            "Refresh Rename Masks",
            "FROM-MASK TO-MASK per line: source data set names to the target's",
            profile::rename_lines(&self.renames),
        )))
    }

    /// The refresh engine is not there yet: say so, with the saved profile.
    fn submit(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let Some(j) = self.checked(s) else {
            return Flow::Stay;
        };
        if cx.profile_dir().is_some() && self.save(s, cx, j.clone()) {
            self.submitting = true;
        } else {
            s.set_msg(Message::of("ICL688W", &[("NAME", &j.job.name), ("SAVED", "not saved")]));
        }
        Flow::Stay
    }
}

impl Dialog for RefreshProfileDialog {
    fn panel(&self) -> String {
        "ICLRFP".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        if let Some(j) = self.start.take() {
            self.fill(s, &j);
        }
        Flow::Stay
    }

    /// Enter, or SUBMIT/RUN/SAVE typed, after the panel's checks.
    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        match crate::tui::command::verb(s.vars.val("ZCMD")).0.as_str() {
            "" | "SUBMIT" | "RUN" => {}
            "SAVE" => {
                if let Some(j) = self.checked(s) {
                    self.save(s, cx, j);
                }
                return Flow::Stay;
            }
            _ => return super::unknown_command(s),
        }
        if !s.vars.val("EDB").trim().is_empty() {
            s.vars.set("EDB", "");
            return self.pick(s);
        }
        if !s.vars.val("ERN").trim().is_empty() {
            s.vars.set("ERN", "");
            return self.renames_editor();
        }
        self.submit(s, cx)
    }

    fn command(&mut self, s: &mut Screen, cx: &mut Cx, verb: &str, rest: &str) -> Option<Flow> {
        Some(match verb {
            "PICK" | "DATABASES" | "DB" => self.pick(s),
            "RENAMES" | "RENAME" => self.renames_editor(),
            "LOAD" => {
                let p = rest.trim().trim_matches('\'').trim_matches('"');
                if p.is_empty() {
                    s.set_msg(Message::of("ICL680E", &[]));
                } else {
                    cx.load(Request::ReadFile { path: p.into() });
                }
                Flow::Stay
            }
            _ => return None,
        })
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::File { path, text } => match ProfileDoc::parse(&text, &path.display().to_string()) {
                Ok(ProfileDoc::Refresh(j)) => {
                    self.fill(s, &j);
                    s.set_msg(Message::of("ICL681I", &[("PATH", &path.display().to_string())]));
                }
                Ok(ProfileDoc::Clone(_)) => s.set_msg(Message::of("ICL694E", &[("TYPE", "system-clone")])),
                Err(e) => s.set_msg(Message::from_error(&e)),
            },
            Loaded::Written { path } => {
                let name = s.vars.val("RNAME").to_string();
                if std::mem::take(&mut self.submitting) {
                    let saved = format!("saved in {}", path.display());
                    s.set_msg(Message::of("ICL688W", &[("NAME", &name), ("SAVED", &saved)]));
                } else {
                    s.set_msg(Message::of(
                        "ICL678I",
                        &[("NAME", &name), ("PATH", &path.display().to_string())],
                    ));
                }
                if self.closing {
                    return Flow::End(None);
                }
            }
            Loaded::Failed(e) => {
                self.closing = false;
                self.submitting = false;
                s.set_msg(Message::from_error(&e));
            }
            _ => {}
        }
        Flow::Stay
    }

    fn resume(&mut self, s: &mut Screen, _cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Picked(names)) => s.vars.set("RDBS", names.join(" ")),
            Some(Reply::Lines { tag, lines }) if tag == "RENAMES" => {
                self.renames = profile::renames_of(&lines);
                s.vars.set("NREN", self.renames.len().to_string());
            }
            _ => {}
        }
        Flow::Stay
    }

    fn end(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if cx.profile_dir().is_none() {
            return Flow::End(None);
        }
        let Some(j) = self.checked(s) else {
            return Flow::Stay;
        };
        if self.save(s, cx, j) {
            self.closing = true;
        }
        Flow::Stay
    }
}
