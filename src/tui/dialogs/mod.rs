//! Dialogs: the Rust behind the panels (ISPF's "programs"). A dialog
//! names the panel to display, fills its variables and table, asks the
//! loader for farm data, and acts on Enter, line commands and its own
//! primary commands. Generic behaviour (scrolling, SORT, LOCATE, FIND,
//! messages, the panel stack) lives in the app.
//!
//! Menus select dialogs by name with `PGM(NAME) PARM(value)` in their
//! )PROC; [`create`] is that table of names.

pub mod actions;
pub mod browse;
pub mod clone_profile;
pub mod confirm;
pub mod databases;
pub mod dbpick;
pub mod dslist;
pub mod editor;
pub mod help;
pub mod info;
pub mod joblist;
pub mod members;
pub mod menu;
pub mod profile_io;
pub mod profiles;
pub mod progress;
pub mod recon;
pub mod refresh_profile;
pub mod review;
pub mod review_views;
pub mod settings;
pub mod sysdetail;
pub mod systems;
pub mod text;
pub mod textview;
pub mod volumes;

use crossterm::event::KeyEvent;
use ratatui::style::Style;

use super::command::{Amount, FindSpec};
use super::events::JobBoard;
use super::jobs::RunRequest;
use super::layout::{AreaRect, View};
use super::loader::{Loaded, Request};
use super::messages::Message;
use super::screen::Screen;
use super::theme::{Theme, ThemeSet};
use crate::farm::Farm;

/// What the app should do after a dialog call.
pub enum Flow {
    Stay,
    /// Show another dialog full screen on top of this one.
    Push(Box<dyn Dialog>),
    /// Show another dialog as a pop-up over this one.
    Popup(Box<dyn Dialog>),
    /// Leave this dialog, handing a reply to the one below.
    End(Option<Reply>),
    /// Leave imsclone.
    Exit,
}

/// What a dialog hands back to the one that started it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// A line command chosen from the action list for a row.
    Action { row: usize, code: String },
    /// The answer of a confirmation pop-up, with the asker's tag.
    Confirm { tag: String, yes: bool },
    /// The lines of an editor (END keeps them; CANCEL sends no reply).
    Lines { tag: String, lines: Vec<String> },
    /// Names picked from a list (databases for a refresh).
    Picked(Vec<String>),
}

/// Settings a dialog may change (applied by the app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Theme(String),
    PanelId(bool),
    Pfshow(bool),
}

/// Session settings dialogs can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: String,
    pub panelid: bool,
    pub pfshow: bool,
    /// Where the user's panels, themes and keys live (None in tests).
    pub config_dir: Option<std::path::PathBuf>,
}

/// Services for a dialog call.
pub struct Cx<'a> {
    pub farm: &'a Farm,
    /// Screen width and depth.
    pub screen: (u16, u16),
    pub themes: &'a ThemeSet,
    pub settings: &'a Settings,
    /// Farm reads to start (the app sends them tagged with this dialog).
    pub requests: Vec<Request>,
    pub changes: Vec<Change>,
    /// A command to run next, as if typed on the (new) top panel: the
    /// rest of a nested option (`3.4` selects 3, then runs `4`).
    pub command: Option<String>,
    /// The jobs of the session (read; cancel goes through the board).
    pub jobs: &'a JobBoard,
    /// Jobs to start, with the session keys they will have.
    pub runs: Vec<(u64, RunRequest)>,
    /// The session's clock (seconds since the epoch; fixed in tests).
    pub now: u64,
}

impl Cx<'_> {
    pub fn load(&mut self, r: Request) {
        self.requests.push(r);
    }

    /// Ask the app to start a job; its session key (for the progress panel).
    pub fn start_job(&mut self, r: RunRequest) -> u64 {
        let key = self.jobs.peek_key() + self.runs.len() as u64;
        self.runs.push((key, r));
        key
    }

    /// The config directory's profile folder (None in sessions without one).
    pub fn profile_dir(&self) -> Option<std::path::PathBuf> {
        self.settings.config_dir.as_ref().map(|d| d.join("profiles"))
    }
}

/// Direction of a scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

/// A line of a dynamic area: runs of text with their style.
pub type AreaLine = Vec<(String, Style)>;

/// The Rust side of a panel.
pub trait Dialog {
    /// The panel to display now.
    fn panel(&self) -> String;

    /// Pushed on the stack: set variables, build the table, start loads.
    fn open(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::Stay
    }

    /// Farm data arrived.
    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        if let Loaded::Failed(e) = data {
            s.set_msg(Message::from_error(&e));
        }
        Flow::Stay
    }

    /// Enter after )PROC passed without a message. ZCMD holds what the app
    /// did not handle itself.
    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        unknown_command(s)
    }

    /// A line command on a data row (one call per selected row, in order).
    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, _row: usize, cmd: &str) -> Flow {
        bad_line_command(s, cmd, &[])
    }

    /// A primary command the dialog handles before the app's table commands.
    fn command(&mut self, _s: &mut Screen, _cx: &mut Cx, _verb: &str, _rest: &str) -> Option<Flow> {
        None
    }

    /// The dialog started by this one ended. A code picked from the `/`
    /// actions pop-up is the line command typed on its row.
    fn resume(&mut self, s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Action { row, code }) => self.line_command(s, cx, row, &code),
            _ => Flow::Stay,
        }
    }

    /// Scroll a dynamic area (tables are scrolled by the app). `None`: not handled.
    fn scroll(
        &mut self,
        _s: &mut Screen,
        _dir: Dir,
        _amount: Amount,
        _view: &View,
        _cursor_line: Option<usize>,
    ) -> Option<()> {
        None
    }

    /// FIND in a dynamic area; `None` when the dialog has none (the app
    /// searches the table). `repeat` is RFIND.
    fn find(&mut self, _s: &mut Screen, _spec: &FindSpec, _repeat: bool, _view: &View) -> Option<Message> {
        None
    }

    /// The lines of a dynamic area.
    fn area(&self, _s: &Screen, _rect: &AreaRect, _theme: &Theme) -> Vec<AreaLine> {
        Vec::new()
    }

    /// Text at the right end of the title line when no short message shows
    /// (tables default to `Row x to y of z`).
    fn indicator(&self, _s: &Screen, _view: &View) -> Option<String> {
        None
    }

    /// END (after )PROC passed): leave, by default.
    fn end(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::End(None)
    }

    /// REFRESH: read the data again.
    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.open(s, cx)
    }

    /// Called every frame while the dialog is on top (job panels follow
    /// the job board here).
    fn tick(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::Stay
    }

    /// The dynamic area is an editor the cursor can enter (Tab stops there).
    fn area_editable(&self) -> bool {
        false
    }

    /// The editor has the keyboard: keys that are not PF keys go to
    /// [`Dialog::edit_key`].
    fn focused(&self) -> bool {
        false
    }

    /// Give the editor the keyboard (true) or take it away.
    fn set_focus(&mut self, _s: &mut Screen, _on: bool) {}

    /// A key for the focused editor; false gives it back to the app.
    fn edit_key(&mut self, _s: &mut Screen, _ev: &KeyEvent, _view: &View) -> bool {
        false
    }

    /// Where the focused editor's cursor is (panel coordinates).
    fn area_cursor(&self, _s: &Screen, _rect: &AreaRect) -> Option<(u16, u16)> {
        None
    }

    /// HELP with the cursor on a data row: the row's own explanation (a
    /// finding's help), shown before the panel's tutorial.
    fn row_help(&self, _s: &Screen, _row: usize) -> Option<Message> {
        None
    }
}

/// The default reaction to a primary command nobody knows.
pub fn unknown_command(s: &mut Screen) -> Flow {
    let c = s.vars.val("ZCMD").trim().to_string();
    if !c.is_empty() {
        s.set_msg(Message::of("ICL621E", &[("VALUE", &c)]));
    }
    Flow::Stay
}

/// Dialogs by name, for `PGM(NAME) PARM(value)`. `Err` is the message to
/// show instead (options not built yet, unknown names).
pub fn create(name: &str, parm: &str) -> Result<Box<dyn Dialog>, Message> {
    Ok(match name {
        "SYSTEMS" => Box::new(systems::SystemsDialog::new()),
        "VOLUMES" => Box::new(volumes::VolumesDialog::new()),
        "DSLIST" => Box::new(dslist::PromptDialog::new()),
        "SETTINGS" => Box::new(settings::SettingsDialog::new()),
        "DATABASES" => Box::new(databases::DatabasesDialog::new(None)),
        "RECON" => Box::new(recon::ReconDialog::new(None)),
        "CLONE" => Box::new(profiles::ProfilesDialog::clones()),
        "REFRESH" => Box::new(profiles::ProfilesDialog::refreshes()),
        "JOBS" => Box::new(joblist::JobListDialog::new()),
        "NOTYET" => return Err(Message::of("ICL623I", &[("WHAT", parm)])),
        _ => {
            return Err(Message::of(
                "ICL604E",
                &[("TEXT", &format!("dialog {name} is not part of imsclone"))],
            ));
        }
    })
}

/// A line command the row does not take: ICL625E with the valid codes
/// (`S, B, I, /`, or `none`).
pub fn bad_line_command(s: &mut Screen, cmd: &str, valid: &[&str]) -> Flow {
    let valid = if valid.is_empty() {
        "none".to_string()
    } else {
        valid.join(", ")
    };
    s.set_msg(Message::of("ICL625E", &[("VALUE", cmd), ("VALID", &valid)]));
    Flow::Stay
}
