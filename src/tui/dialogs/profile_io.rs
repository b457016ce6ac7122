//! What the clone and refresh profile panels do alike: check the fields'
//! job, LOAD a job file, save the profile, plan it, leave once saved, and
//! take the loader's replies. Each panel keeps only what differs: its
//! fields and the job type it edits.

use std::path::PathBuf;

use super::review::ReviewDialog;
use super::{Cx, Flow};
use crate::IclError;
use crate::engine::request::JobFile;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::profile::{self, ProfileDoc};
use crate::tui::screen::{CursorReq, Screen};

/// The job the fields make, or the field in error and why.
pub type Built = std::result::Result<JobFile, (String, IclError)>;

/// The job, or None with its message shown and the cursor on the field.
pub fn checked(s: &mut Screen, built: Built) -> Option<JobFile> {
    match built {
        Ok(j) => Some(j),
        Err((field, e)) => {
            s.set_msg(Message::from_error(&e));
            s.error_field = Some(CursorReq::Var(field.clone()));
            s.cursor_req = Some(CursorReq::Var(field));
            None
        }
    }
}

/// Write the profile as `profiles/NAME.toml` on the loader thread; false
/// (with the message shown) when there is nothing to write it to.
pub fn save(s: &mut Screen, cx: &mut Cx, doc: ProfileDoc) -> bool {
    let Some(dir) = cx.profile_dir() else {
        s.set_msg(Message::of("ICL683W", &[]));
        return false;
    };
    match doc.to_toml() {
        Ok(text) => {
            cx.load(Request::WriteFile {
                path: profile::path_for(&dir, doc.name()),
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

/// Plan the job on the loader thread; the review follows when it arrives.
pub fn plan(s: &mut Screen, cx: &mut Cx, job: JobFile) -> Flow {
    s.busy = Some("Planning...".into());
    cx.load(Request::Plan {
        job: Box::new(job),
        clock: cx.now,
    });
    Flow::Stay
}

/// `LOAD file`: read a job file on the loader thread.
pub fn load_command(s: &mut Screen, cx: &mut Cx, rest: &str) -> Flow {
    let p = rest.trim().trim_matches('\'').trim_matches('"');
    if p.is_empty() {
        s.set_msg(Message::of("ICL680E", &[]));
    } else {
        cx.load(Request::ReadFile { path: p.into() });
    }
    Flow::Stay
}

/// END: save (when there is a config directory) and leave once the file is
/// written (`closing` says so to [`loaded`]). `doc` makes the profile from
/// the fields, showing the message of a field in error.
pub fn end(
    s: &mut Screen,
    cx: &mut Cx,
    closing: &mut bool,
    doc: impl FnOnce(&mut Screen) -> Option<ProfileDoc>,
) -> Flow {
    if cx.profile_dir().is_none() {
        return Flow::End(None);
    }
    if let Some(d) = doc(s)
        && save(s, cx, d)
    {
        *closing = true;
    }
    Flow::Stay
}

/// What a loader reply means for a profile panel.
pub enum Reply {
    /// Handled: go on with this flow.
    Flow(Flow),
    /// A job file was read (LOAD): the panel fills itself from it, or says
    /// it is the other panel's type.
    Read(ProfileDoc, PathBuf),
}

/// Take a loader reply. `name_var` is the panel's profile name field.
pub fn loaded(s: &mut Screen, closing: &mut bool, data: Loaded, name_var: &str) -> Reply {
    s.busy = None;
    Reply::Flow(match data {
        Loaded::Plan(plan) => {
            let simulate = s.vars.val("OSIM") == "Y";
            Flow::Push(Box::new(ReviewDialog::new(*plan, simulate)))
        }
        Loaded::File { path, text } => match ProfileDoc::parse(&text, &path.display().to_string()) {
            Ok(doc) => return Reply::Read(doc, path),
            Err(e) => {
                s.set_msg(Message::from_error(&e));
                Flow::Stay
            }
        },
        Loaded::Written { path } => {
            s.set_msg(Message::of(
                "ICL678I",
                &[("NAME", s.vars.val(name_var)), ("PATH", &path.display().to_string())],
            ));
            if *closing { Flow::End(None) } else { Flow::Stay }
        }
        Loaded::Failed(e) => {
            *closing = false;
            s.set_msg(Message::from_error(&e));
            Flow::Stay
        }
        _ => Flow::Stay,
    })
}

/// A job file read by LOAD filled the panel.
pub fn filled(s: &mut Screen, path: &std::path::Path) -> Flow {
    s.set_msg(Message::of("ICL681I", &[("PATH", &path.display().to_string())]));
    Flow::Stay
}

/// A job file read by LOAD is the other profile panel's type.
pub fn wrong_type(s: &mut Screen, doc: &ProfileDoc) -> Flow {
    s.set_msg(Message::of("ICL694E", &[("TYPE", &doc.job().job.kind)]));
    Flow::Stay
}
