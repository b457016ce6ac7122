//! The application: a stack of dialogs with their screens, the display
//! cycle ()INIT, display, attention key, )PROC), command processing (PF
//! keys as commands, `;` stacking, `=n` jumps, RETRIEVE, scrolling, table
//! commands) and the channels drained each frame (farm loads, engine
//! events). It never touches the terminal: `terminal.rs` feeds it keys and
//! draws it, tests do the same with a TestBackend.

mod commands;
mod keys;
mod probe;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use ratatui::Frame;

use super::command::FindSpec;
use super::dialogs::{self, Change, Cx, Dialog, Flow, Reply, Settings};
use super::events::JobBoard;
use super::interp::{self, Controls, MsgReq, Section};
use super::keys::Keymap;
use super::layout::{self, Bind, LayoutIn, View};
use super::loader::{Loaded, Loader};
use super::messages::Message;
use super::panel::{Panel, PanelError, PanelLibrary};
use super::screen::{CursorReq, Screen};
use super::theme::{ColorMode, DEFAULT_THEME, NO_COLOR_THEME, Theme, ThemeSet};
use super::vars::{Env, Profile, Vars};
use crate::farm::Farm;
use crate::{IclError, Result};

/// The smallest screen panels are designed for.
pub const MIN_W: u16 = 80;
pub const MIN_H: u16 = 24;
/// Width of one entry in the function key area.
const FKA_CELL: usize = 13;
/// Commands RETRIEVE remembers.
const HISTORY: usize = 25;
/// The primary option menu.
pub const PRIMARY: &str = "ICLPRIM";

/// How to start the app.
pub struct Options {
    pub farm: PathBuf,
    /// `--theme NAME`.
    pub theme: Option<String>,
    /// The config directory (panels/, themes/, keys.toml, profile.toml);
    /// None = built-ins only and no profile (tests).
    pub config_dir: Option<PathBuf>,
    /// None = detect from COLORTERM.
    pub color_mode: Option<ColorMode>,
    /// NO_COLOR is set and not empty.
    pub no_color: bool,
    pub user: String,
    /// A fixed clock (seconds since the epoch) for ZDATE/ZTIME, job IDs
    /// and plans; it also freezes elapsed times on the progress panel.
    pub now: Option<u64>,
}

impl Options {
    /// Options for a farm with everything else at its default.
    pub fn new(farm: PathBuf) -> Options {
        Options {
            farm,
            theme: None,
            config_dir: None,
            color_mode: None,
            no_color: false,
            user: "IBMUSER".into(),
            now: None,
        }
    }
}

/// Something an entry still has to do after Enter (ISPF's pending rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Line(usize, String, String),
    Enter,
}

/// A dialog on the stack with its screen.
pub struct Entry {
    pub id: u64,
    pub dialog: Box<dyn Dialog>,
    pub scr: Screen,
    pub popup: bool,
    pub pending: VecDeque<Pending>,
}

pub struct App {
    pub(crate) farm: Arc<Farm>,
    pub(crate) lib: PanelLibrary,
    pub(crate) themes: ThemeSet,
    pub(crate) theme: Theme,
    pub(crate) keys: Keymap,
    pub(crate) settings: Settings,
    pub(crate) profile: Profile,
    pub(crate) shared: Vars,
    pub(crate) stack: Vec<Entry>,
    next_id: u64,
    loader: Loader,
    pub(crate) jobs: JobBoard,
    queue: VecDeque<String>,
    history: VecDeque<String>,
    retrieve_at: usize,
    last_find: Option<FindSpec>,
    pub(crate) size: (u16, u16),
    pub(crate) insert: bool,
    exit: bool,
    now: Option<u64>,
    user: String,
    /// Farm reopen requests outstanding.
    reopening: usize,
    /// The user was told that leaving stops a running job.
    exit_warned: bool,
    /// When the session began, and the last whole second a frame saw.
    born: Instant,
    last_sec: u64,
}

impl App {
    pub fn new(opts: Options) -> Result<App> {
        let farm = Arc::new(Farm::open(&opts.farm)?);
        let cfg = opts.config_dir.clone();
        let lib = PanelLibrary::new(cfg.as_ref().map(|d| d.join("panels")));
        let mode = opts.color_mode.unwrap_or_else(ColorMode::detect);
        let themes = ThemeSet::new(cfg.as_ref().map(|d| d.join("themes")), mode);
        let mut startup: Vec<IclError> = Vec::new();
        let (keys, kerr) = Keymap::load(cfg.as_ref().map(|d| d.join("keys.toml")).as_deref());
        startup.extend(kerr);
        let (profile, perr) = Profile::load(cfg.as_ref().map(|d| d.join("profile.toml")));
        startup.extend(perr);
        // --theme wins, then the profile's choice, then NO_COLOR, then the default.
        let wanted = opts
            .theme
            .clone()
            .or_else(|| profile.vars.get("ZTHEME").cloned())
            .unwrap_or_else(|| if opts.no_color { NO_COLOR_THEME } else { DEFAULT_THEME }.to_string());
        let theme = match themes.load(&wanted) {
            Ok(t) => t,
            Err(e) => {
                startup.push(e);
                themes.load(DEFAULT_THEME).unwrap_or_else(|_| Theme::plain())
            }
        };
        let yes = |k: &str| profile.vars.get(k).is_none_or(|v| v != "N");
        let settings = Settings {
            theme: theme.name.clone(),
            panelid: yes("ZPANELID"),
            pfshow: yes("ZPFSHOW"),
            config_dir: cfg,
        };
        let loader = Loader::start(farm.clone());
        let mut app = App {
            farm,
            lib,
            themes,
            theme,
            keys,
            settings,
            profile,
            shared: Vars::new(),
            stack: Vec::new(),
            next_id: 1,
            loader,
            jobs: JobBoard::new(opts.now.is_some()),
            queue: VecDeque::new(),
            history: VecDeque::new(),
            retrieve_at: 0,
            last_find: None,
            size: (MIN_W, MIN_H),
            insert: false,
            exit: false,
            now: opts.now,
            user: opts.user.to_ascii_uppercase(),
            reopening: 0,
            exit_warned: false,
            born: Instant::now(),
            last_sec: 0,
        };
        app.update_shared();
        let primary: Box<dyn Dialog> = Box::new(dialogs::menu::MenuDialog::new(PRIMARY));
        // The session cannot start without a primary menu: a broken
        // override of it is reported and the built-in one used.
        if let Err(e) = app.lib.get(PRIMARY) {
            app.lib.pin_built_in(PRIMARY)?;
            startup.insert(0, e.into());
        }
        app.push(primary, false);
        for e in &startup {
            tracing::warn!(error = %e, "startup problem");
        }
        // The first problem shows on the primary menu; the log has them all.
        if let Some(e) = startup.first()
            && let Some(top) = app.stack.last_mut()
        {
            top.scr.set_msg(Message::from_error(e));
        }
        tracing::info!(farm = %app.farm.root().display(), theme = %app.settings.theme, "panels opened");
        Ok(app)
    }

    pub fn should_exit(&self) -> bool {
        self.exit
    }

    pub fn farm(&self) -> &Farm {
        &self.farm
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The panel on top (for tests and the tmux check).
    pub fn top_panel(&self) -> String {
        self.stack.last().map(|e| e.dialog.panel()).unwrap_or_default()
    }

    /// The message on the top screen.
    pub fn message(&self) -> Option<&Message> {
        self.stack.last().and_then(|e| e.scr.msg.as_ref())
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// A variable of the top dialog.
    pub fn var(&self, name: &str) -> String {
        self.stack
            .last()
            .map(|e| e.scr.vars.val(name).to_string())
            .unwrap_or_default()
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.update_shared();
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_W || self.size.1 < MIN_H
    }

    // ----- time and system variables -------------------------------------

    pub(crate) fn now_secs(&self) -> u64 {
        self.now.unwrap_or_else(crate::dasd::dates::epoch_seconds)
    }

    fn update_shared(&mut self) {
        let st = crate::dasd::dates::stamp_of(self.now_secs());
        self.shared.set("ZUSER", self.user.clone());
        self.shared.set("ZDATE", st.date.iso());
        self.shared.set("ZTIME", format!("{:02}:{:02}", st.hour, st.minute));
        self.shared.set("ZJDATE", st.date.yyddd());
        self.shared.set("ZSCREENW", self.size.0.to_string());
        self.shared.set("ZSCREEND", self.size.1.to_string());
        self.shared.set("ZAPPLID", "ICL");
        self.shared.set("ZFARM", self.farm.config.farm.name.clone());
        self.shared.set("ZFARMDIR", self.farm.root().display().to_string());
        self.shared.set("ZTHEME", self.settings.theme.clone());
        let cfg = self.settings.config_dir.as_ref().map_or_else(
            || "(none: built-in panels, themes and keys)".to_string(),
            |d| d.display().to_string(),
        );
        self.shared.set("ZCONFIG", cfg);
    }

    // ----- panels and views ----------------------------------------------

    pub(crate) fn panel_of(&self, idx: usize) -> std::result::Result<std::rc::Rc<Panel>, PanelError> {
        self.lib.get(&self.stack[idx].dialog.panel())
    }

    /// Lines the function key area takes at this width.
    pub(crate) fn fka_lines(&self) -> u16 {
        if !self.settings.pfshow {
            return 0;
        }
        let n = self.keys.fka().len();
        let per = (self.size.0 as usize / FKA_CELL).max(1);
        n.div_ceil(per) as u16
    }

    /// Size of the panel area of an entry (a pop-up's window, else the screen
    /// without the function key area).
    pub(crate) fn area_of(&self, p: &Panel, popup: bool) -> (u16, u16) {
        match (p.body.opts.window, popup) {
            (Some((w, d)), _) => (w, d),
            _ => (self.size.0, self.size.1.saturating_sub(self.fka_lines())),
        }
    }

    pub(crate) fn view_of(&self, idx: usize) -> Option<(std::rc::Rc<Panel>, View)> {
        let e = &self.stack[idx];
        let p = self.panel_of(idx).ok()?;
        let (w, h) = self.area_of(&p, e.popup);
        let zv = e.scr.ctl.zvars.clone().unwrap_or_default();
        let get = |n: &str| self.lookup(idx, n);
        let v = layout::layout(&LayoutIn {
            panel: &p,
            w,
            h,
            zvars: &zv,
            get: &get,
            table: e.scr.table.as_ref(),
        });
        Some((p, v))
    }

    /// Variable lookup for display: function pool, shared, profile.
    pub(crate) fn lookup(&self, idx: usize, n: &str) -> String {
        if n == "Z" {
            return String::new();
        }
        let e = &self.stack[idx];
        e.scr
            .vars
            .get(n)
            .or_else(|| self.shared.get(n))
            .map(str::to_string)
            .or_else(|| self.profile.vars.get(n).cloned())
            .unwrap_or_default()
    }

    fn top(&self) -> usize {
        self.stack.len().saturating_sub(1)
    }

    // ----- running panel sections -----------------------------------------

    fn run_section(&mut self, idx: usize, section: Section, pfkey: &str) -> Controls {
        let c = Controls {
            pfkey: pfkey.to_string(),
            ..Default::default()
        };
        self.run_section_with(idx, section, c)
    }

    /// Run a section starting from these control values ()REINIT sees the
    /// .MSG that )PROC set).
    fn run_section_with(&mut self, idx: usize, section: Section, mut c: Controls) -> Controls {
        let Ok(p) = self.panel_of(idx) else {
            return Controls::default();
        };
        let stmts = match section {
            Section::Init => &p.init,
            Section::Reinit => &p.reinit,
            Section::Proc => &p.proc_,
        };
        let e = &mut self.stack[idx];
        let mut env = Env {
            func: &mut e.scr.vars,
            shared: &self.shared,
            profile: &mut self.profile,
        };
        interp::run(stmts, &mut env, &mut c, section);
        c
    }

    fn make_msg(&self, idx: usize, m: &MsgReq) -> Message {
        let subs: Vec<(&str, &str)> = m.subs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        Message::new(&m.id, &subs, &|n| self.lookup(idx, n))
    }

    /// Run )INIT once, before the first display.
    fn ensure_init(&mut self, idx: usize) {
        let panel = self.stack[idx].dialog.panel();
        if self.stack[idx].scr.initialized.as_deref() == Some(panel.as_str()) {
            return;
        }
        self.stack[idx].scr.initialized = Some(panel);
        let c = self.run_section(idx, Section::Init, "");
        let msg = c.msg.as_ref().map(|m| self.make_msg(idx, m));
        let s = &mut self.stack[idx].scr;
        s.ctl.zvars = c.zvars;
        s.ctl.help = c.help;
        s.ctl.attrs = c.attrs;
        if let Some(cur) = c.cursor {
            s.cursor_req = Some(CursorReq::Var(cur));
        }
        if let Some(m) = msg {
            s.set_msg(m);
        }
    }

    /// Run )REINIT before a redisplay after Enter.
    fn reinit(&mut self, idx: usize) {
        let seed = Controls {
            msg: self.stack[idx].scr.msg.as_ref().map(|m| MsgReq {
                id: m.id.clone(),
                subs: Vec::new(),
            }),
            ..Default::default()
        };
        let c = self.run_section_with(idx, Section::Reinit, seed);
        let s = &mut self.stack[idx].scr;
        if !c.attrs.is_empty() {
            s.attrs_once = c.attrs;
        }
        if let Some(cur) = c.cursor {
            s.cursor_req = Some(CursorReq::Var(cur));
        }
    }

    /// Place the cursor as requested (.CURSOR, a row, or ISPF's initial rules).
    pub(crate) fn sync_cursor(&mut self) {
        if self.stack.is_empty() {
            return;
        }
        let idx = self.top();
        self.ensure_init(idx);
        let Some(req) = self.stack[idx].scr.cursor_req.clone() else {
            return;
        };
        let Some((p, v)) = self.view_of(idx) else { return };
        let pos = match &req {
            CursorReq::Var(n) => v.find_var(n).map(|i| (v.fields[i].x, v.fields[i].y)),
            CursorReq::Row(r, n) => v.find_row(*r, n).map(|i| (v.fields[i].x, v.fields[i].y)),
            CursorReq::Initial => None,
            CursorReq::At(x, y) => Some((*x, *y)),
        };
        let pos = pos
            .or_else(|| initial_cursor(&self.stack[idx].scr, &p, &v))
            .unwrap_or((0, 0));
        let s = &mut self.stack[idx].scr;
        s.cursor = pos;
        s.cursor_req = None;
    }

    // ----- the stack -----------------------------------------------------

    fn call<R, F>(&mut self, idx: usize, f: F) -> R
    where
        F: FnOnce(&mut dyn Dialog, &mut Screen, &mut Cx) -> R,
    {
        let settings = self.settings.clone();
        let now = self.now_secs();
        let mut cx = Cx {
            farm: &self.farm,
            screen: self.size,
            themes: &self.themes,
            settings: &settings,
            requests: Vec::new(),
            changes: Vec::new(),
            command: None,
            jobs: &self.jobs,
            runs: Vec::new(),
            now,
        };
        let e = &mut self.stack[idx];
        let flow = f(e.dialog.as_mut(), &mut e.scr, &mut cx);
        let (reqs, changes, runs) = (cx.requests, cx.changes, cx.runs);
        if let Some(c) = cx.command {
            self.queue.push_front(c);
        }
        for r in reqs {
            e.scr.loading += 1;
            self.loader.submit(e.id, r);
        }
        for (key, req) in runs {
            let (k, cancel) = self.jobs.register(req.kind(), &req.name(), &req.id(), &req.job_type());
            debug_assert_eq!(k, key, "job keys are handed out in order");
            tracing::info!(key = k, kind = req.kind(), name = %req.name(), "job requested");
            super::jobs::spawn(self.farm.root().to_path_buf(), k, req, self.jobs.sender(), cancel);
        }
        self.apply_changes(changes);
        flow
    }

    fn apply_changes(&mut self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        for c in changes {
            match c {
                Change::Theme(name) => match self.themes.load(&name) {
                    Ok(t) => {
                        self.theme = t;
                        self.settings.theme = name.clone();
                        self.profile.vars.insert("ZTHEME".into(), name);
                    }
                    Err(e) => self.set_top_msg(Message::from_error(&e)),
                },
                Change::PanelId(b) => {
                    self.settings.panelid = b;
                    self.profile.vars.insert("ZPANELID".into(), yn(b));
                }
                Change::Pfshow(b) => {
                    self.settings.pfshow = b;
                    self.profile.vars.insert("ZPFSHOW".into(), yn(b));
                }
            }
        }
        if let Err(e) = self.profile.save() {
            self.set_top_msg(Message::from_error(&e));
        }
        self.update_shared();
    }

    fn set_top_msg(&mut self, m: Message) {
        if let Some(e) = self.stack.last_mut() {
            e.scr.set_msg(m);
        }
    }

    /// Show a dialog on top of the stack (the engine's job panels, tests and
    /// benchmarks use this; menus select dialogs through `PGM(...)`).
    pub fn push_dialog(&mut self, d: Box<dyn Dialog>) {
        self.push(d, false);
    }

    /// Push a dialog (its panel must load) and open it. Panels with
    /// )BODY WINDOW(w,d) always show as pop-ups.
    fn push(&mut self, d: Box<dyn Dialog>, popup: bool) {
        let popup = match self.lib.get(&d.panel()) {
            Ok(p) => popup || p.body.opts.window.is_some(),
            Err(e) => {
                tracing::error!(error = %e, "panel cannot be loaded");
                self.set_top_msg(Message::from_error(&e.into()));
                return;
            }
        };
        let id = self.next_id;
        self.next_id += 1;
        self.stack.push(Entry {
            id,
            dialog: d,
            scr: Screen::new(),
            popup,
            pending: VecDeque::new(),
        });
        let idx = self.top();
        self.ensure_init(idx);
        let flow = self.call(idx, |d, s, cx| d.open(s, cx));
        self.flow(idx, flow);
    }

    /// Act on a dialog's answer.
    fn flow(&mut self, idx: usize, flow: Flow) {
        match flow {
            Flow::Stay => {}
            Flow::Push(d) => self.push(d, false),
            Flow::Popup(d) => self.push(d, true),
            Flow::End(reply) => {
                if idx == self.top() {
                    self.pop(reply);
                }
            }
            Flow::Exit => self.leave(),
        }
    }

    /// Remove the top dialog and resume the one below.
    /// Leave imsclone; with a job running, only when asked twice (leaving
    /// ends the process and with it the job, which RERUN then resumes).
    fn leave(&mut self) {
        if self.jobs.running() > 0 && !self.exit_warned {
            self.exit_warned = true;
            self.set_top_msg(Message::of("ICL692W", &[]));
            return;
        }
        self.exit = true;
    }

    fn pop(&mut self, reply: Option<Reply>) {
        if self.stack.len() == 1 {
            return self.leave();
        }
        self.stack.pop();
        let idx = self.top();
        let flow = self.call(idx, |d, s, cx| d.resume(s, cx, reply));
        self.flow(idx, flow);
        // The panel comes back with its cursor where it was (or where the
        // command that left it asked for).
        if idx == self.top() {
            self.run_pending(idx);
        }
    }

    /// Work through line commands (and the primary command) left after Enter.
    fn run_pending(&mut self, idx: usize) {
        while idx == self.top() && !self.exit {
            let Some(p) = self.stack[idx].pending.pop_front() else {
                break;
            };
            let flow = match p {
                Pending::Line(row, var, cmd) => {
                    if let Some(t) = &mut self.stack[idx].scr.table {
                        t.set_input(row, &var, String::new());
                    }
                    self.stack[idx].scr.load_row_vars(row);
                    self.call(idx, |d, s, cx| d.line_command(s, cx, row, &cmd))
                }
                Pending::Enter => {
                    let f = self.call(idx, |d, s, cx| d.enter(s, cx));
                    let s = &mut self.stack[idx].scr;
                    let failed = s.msg.as_ref().is_some_and(|m| m.severity() >= crate::Severity::E);
                    if !failed {
                        s.vars.set("ZCMD", "");
                    }
                    f
                }
            };
            let stop = !matches!(flow, Flow::Stay);
            self.flow(idx, flow);
            if stop {
                break;
            }
            if self
                .stack
                .get(idx)
                .and_then(|e| e.scr.msg.as_ref())
                .is_some_and(|m| m.severity() >= crate::Severity::E)
            {
                self.stack[idx].pending.clear();
                break;
            }
        }
    }

    // ----- the frame -------------------------------------------------------

    /// Drain what arrived (farm loads, engine events) and run queued stacked
    /// commands. Never blocks. Returns true when something changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        let before = self.shared.val("ZTIME").to_string();
        self.update_shared();
        changed |= before != self.shared.val("ZTIME");
        for (id, data) in self.loader.poll() {
            self.deliver(id, data);
            changed = true;
        }
        let (n, ended) = self.jobs.drain();
        changed |= n > 0;
        for (key, rc) in ended {
            let Some(j) = self.jobs.get(key) else { continue };
            let who = if j.id.is_empty() { &j.name } else { &j.id };
            let t = format!("{} {who} ended, RC={rc:02} ({})", j.kind, j.state_word());
            tracing::info!(key, rc, job = %who, "job ended");
            self.set_top_msg(Message::of("ICL673I", &[("TEXT", &t)]));
            // The job may have registered systems and relabelled volumes:
            // the panels read a new view of the farm (entry 0 = the app).
            self.loader.submit(0, super::loader::Request::Reopen);
            self.reopening += 1;
        }
        // Elapsed time and ETA move while a job runs.
        let sec = Instant::now().duration_since(self.born).as_secs();
        if self.jobs.running() > 0 && sec != self.last_sec {
            changed = true;
        }
        self.last_sec = sec;
        if !self.stack.is_empty() {
            let idx = self.top();
            let flow = self.call(idx, |d, s, cx| d.tick(s, cx));
            if !matches!(flow, Flow::Stay) {
                changed = true;
            }
            self.flow(idx, flow);
        }
        changed |= self.run_queue();
        changed
    }

    fn run_queue(&mut self) -> bool {
        let mut ran = false;
        while !self.exit && self.stack.last().is_some_and(|e| e.scr.loading == 0) {
            let Some(c) = self.queue.pop_front() else { break };
            self.execute(&c);
            ran = true;
        }
        ran
    }

    fn deliver(&mut self, id: u64, data: Loaded) {
        if id == 0 {
            self.reopening = self.reopening.saturating_sub(1);
            match data {
                Loaded::Farm(f) => {
                    self.farm = f;
                    self.update_shared();
                }
                Loaded::Failed(e) => self.set_top_msg(Message::from_error(&e)),
                _ => {}
            }
            return;
        }
        let Some(idx) = self.stack.iter().position(|e| e.id == id) else {
            tracing::debug!(id, "load result for a closed panel dropped");
            return;
        };
        let s = &mut self.stack[idx].scr;
        s.loading = s.loading.saturating_sub(1);
        let flow = self.call(idx, |d, s, cx| d.loaded(s, cx, data));
        if idx == self.top() {
            self.flow(idx, flow);
        }
    }

    /// Loads outstanding anywhere on the stack (or for the app).
    pub fn busy(&self) -> bool {
        self.reopening > 0 || self.stack.iter().any(|e| e.scr.loading > 0)
    }

    /// Draw the whole screen.
    pub fn draw(&mut self, f: &mut Frame) {
        let area = f.area();
        if (area.width, area.height) != self.size {
            self.resize(area.width, area.height);
        }
        self.sync_cursor();
        if let Some((x, y)) = super::render::draw(self, area, f.buffer_mut()) {
            f.set_cursor_position((x, y));
        }
    }
}

fn yn(b: bool) -> String {
    if b { "Y" } else { "N" }.into()
}

/// ISPF's initial cursor: tables on the command line; else the first blank
/// input field that is not the command field; else the command field; else
/// the first input field.
fn initial_cursor(s: &Screen, p: &Panel, v: &View) -> Option<(u16, u16)> {
    let at = |i: usize| (v.fields[i].x, v.fields[i].y);
    if p.model.is_some()
        && let Some(c) = v.cmd
    {
        return Some(at(c));
    }
    v.inputs()
        .find(|(i, f)| {
            Some(*i) != v.cmd && Some(*i) != v.scroll && s.value(f).trim().is_empty() && matches!(f.bind, Bind::Var(_))
        })
        .map(|(i, _)| at(i))
        .or_else(|| v.cmd.map(at))
        .or_else(|| v.inputs().next().map(|(i, _)| at(i)))
}
