//! The refresh profile (ICLRFP): databases of a source system refreshed
//! into a target system, an engine `db-refresh` job file as fields. The
//! databases are picked with S from the source system's database list
//! (ICLRFD, `dbpick.rs`); their indexes follow them (the engine adds
//! them). Enter checks the fields and plans the refresh on the loader
//! thread, then shows the review (ICLREVD); RUN there runs it as a job,
//! the same way as a clone. SAVE (and END) writes the job file.

use super::dbpick::DbPickDialog;
use super::editor::EditorDialog;
use super::{Cx, Dialog, Flow, Reply, profile_io};
use crate::engine::movers::FastReplication;
use crate::engine::request::{DataMover, DbRefresh, JobFile, JobHeader, RefreshOptions, RenamePair};
use crate::tui::loader::Loaded;
use crate::tui::profile::{self, ListKind, ProfileDoc};
use crate::tui::screen::Screen;
use crate::{IclError, icl};

pub struct RefreshProfileDialog {
    start: Option<JobFile>,
    renames: Vec<RenamePair>,
    /// END is waiting for the save to finish.
    closing: bool,
}

fn yn(b: bool) -> &'static str {
    if b { "Y" } else { "N" }
}

pub fn mover_word(m: DataMover) -> &'static str {
    match m {
        DataMover::Adrdssu => "ADRDSSU",
        DataMover::None => "NONE",
    }
}

pub fn fast_word(f: FastReplication) -> &'static str {
    match f {
        FastReplication::Required => "REQUIRED",
        FastReplication::Preferred => "PREFERRED",
        FastReplication::None => "NONE",
    }
}

impl RefreshProfileDialog {
    /// Edit a db-refresh job file.
    pub fn new(job: Option<JobFile>) -> RefreshProfileDialog {
        RefreshProfileDialog {
            start: job,
            renames: Vec::new(),
            closing: false,
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
        RefreshProfileDialog::new(Some(JobFile {
            job: JobHeader {
                kind: profile::DB_REFRESH.into(),
                name: name.to_string(),
                description: String::new(),
            },
            clone: None,
            refresh: Some(DbRefresh {
                source,
                target,
                databases: Vec::new(),
                rename,
                options: RefreshOptions::default(),
            }),
            skeleton: None,
        }))
    }

    fn fill(&mut self, s: &mut Screen, j: &JobFile) {
        let v = &mut s.vars;
        v.set("RNAME", j.job.name.clone());
        v.set("RDESC", j.job.description.clone());
        let Some(r) = &j.refresh else { return };
        v.set("RSRC", r.source.clone());
        v.set("RTGT", r.target.clone());
        v.set("RDBS", r.databases.join(" "));
        let o = &r.options;
        v.set("RFUZZY", yn(o.fuzzy_copy));
        v.set("RNOTGT", yn(o.copy_if_no_target_db));
        v.set("RHALDB", yn(o.copy_if_different_haldb));
        v.set("RMOVER", mover_word(o.data_mover));
        v.set("RFAST", fast_word(o.fastreplication));
        self.renames = r.rename.clone();
        s.vars.set("NREN", self.renames.len().to_string());
    }

    /// The job file the fields describe; the error names the field.
    fn job(&self, s: &Screen) -> Result<JobFile, (String, IclError)> {
        let v = |n: &str| s.vars.val(n).trim().to_ascii_uppercase();
        let dbs = profile::list_field(s.vars.val("RDBS"));
        if dbs.is_empty() {
            return Err(("RDBS".into(), icl!("ICL689E", "pick at least one database to refresh")));
        }
        // Names or masks (`CUST*`, `ACCT%DB`), as the job file takes them.
        for d in &dbs {
            if d.contains(['*', '%']) {
                crate::catalog::Mask::parse(d).map_err(|e| ("RDBS".to_string(), e))?;
            } else if !crate::dasd::names::valid_member(d) {
                return Err(("RDBS".into(), icl!("ICL654E", "{d} is not a valid database name")));
            }
        }
        if v("RSRC") == v("RTGT") {
            return Err((
                "RTGT".into(),
                icl!("ICL685E", "the target system must differ from the source"),
            ));
        }
        let mover = match v("RMOVER").as_str() {
            "NONE" => DataMover::None,
            _ => DataMover::Adrdssu,
        };
        let fast = match v("RFAST").as_str() {
            "REQUIRED" => FastReplication::Required,
            "NONE" => FastReplication::None,
            _ => FastReplication::Preferred,
        };
        Ok(JobFile {
            job: JobHeader {
                kind: profile::DB_REFRESH.into(),
                name: v("RNAME"),
                description: s.vars.val("RDESC").trim().to_string(),
            },
            clone: None,
            refresh: Some(DbRefresh {
                source: v("RSRC"),
                target: v("RTGT"),
                databases: dbs,
                rename: self.renames.clone(),
                options: RefreshOptions {
                    fuzzy_copy: v("RFUZZY") == "Y",
                    copy_if_no_target_db: v("RNOTGT") == "Y",
                    copy_if_different_haldb: v("RHALDB") == "Y",
                    data_mover: mover,
                    fastreplication: fast,
                },
            }),
            skeleton: None,
        })
    }

    fn checked(&self, s: &mut Screen) -> Option<JobFile> {
        let built = self.job(s);
        profile_io::checked(s, built)
    }

    fn save(&self, s: &mut Screen, cx: &mut Cx, job: JobFile) -> bool {
        profile_io::save(s, cx, ProfileDoc::Refresh(Box::new(job)))
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
            "FROM-MASK TO-MASK per line: names of data sets the target does not have yet",
            profile::rename_lines(&self.renames),
        )))
    }

    /// Plan the refresh on the loader thread; the review follows.
    fn submit(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        match self.checked(s) {
            Some(job) => profile_io::plan(s, cx, job),
            None => Flow::Stay,
        }
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
        s.vars.set("NREN", self.renames.len().to_string());
        if s.vars.val("OSIM").is_empty() {
            s.vars.set("OSIM", "N");
        }
        Flow::Stay
    }

    /// Enter, or SIM/SUBMIT/RUN/SAVE typed, after the panel's checks.
    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        match crate::tui::command::verb(s.vars.val("ZCMD")).0.as_str() {
            "" | "SIM" | "SIMULATE" | "SUBMIT" | "RUN" => {}
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
            "LOAD" => profile_io::load_command(s, cx, rest),
            _ => return None,
        })
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match profile_io::loaded(s, &mut self.closing, data, "RNAME") {
            profile_io::Reply::Flow(f) => f,
            profile_io::Reply::Read(ProfileDoc::Refresh(j), path) => {
                self.fill(s, &j);
                profile_io::filled(s, &path)
            }
            profile_io::Reply::Read(other, _) => profile_io::wrong_type(s, &other),
        }
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

    /// END saves the profile (when there is a config directory) and leaves
    /// once the file is written.
    fn end(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let mut closing = self.closing;
        let flow = profile_io::end(s, cx, &mut closing, |s| {
            self.checked(s).map(|j| ProfileDoc::Refresh(Box::new(j)))
        });
        self.closing = closing;
        flow
    }
}
