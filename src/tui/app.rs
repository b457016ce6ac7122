//! The application: a stack of dialogs with their screens, the display
//! cycle ()INIT, display, attention key, )PROC), command processing (PF
//! keys as commands, `;` stacking, `=n` jumps, RETRIEVE, scrolling, table
//! commands) and the channels drained each frame (farm loads, engine
//! events). It never touches the terminal: `terminal.rs` feeds it keys and
//! draws it, tests do the same with a TestBackend.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::Receiver;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;

use super::command::{self, Amount, FindDir, FindSpec};
use super::dialogs::{self, Change, Cx, Dialog, Dir, Flow, Reply, Settings};
use super::events::{EngineEvent, JobBoard};
use super::interp::{self, Controls, MsgReq, Section};
use super::keys::{Binding, KeyAction, Keymap};
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
    /// A fixed clock (seconds since the epoch) for ZDATE/ZTIME.
    pub now: Option<u64>,
    /// Events of running jobs.
    pub engine: Option<Receiver<EngineEvent>>,
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
            engine: None,
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
            jobs: JobBoard::new(opts.engine),
            queue: VecDeque::new(),
            history: VecDeque::new(),
            retrieve_at: 0,
            last_find: None,
            size: (MIN_W, MIN_H),
            insert: false,
            exit: false,
            now: opts.now,
            user: opts.user.to_ascii_uppercase(),
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

    fn now_secs(&self) -> u64 {
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
        let mut cx = Cx {
            farm: &self.farm,
            screen: self.size,
            themes: &self.themes,
            settings: &settings,
            requests: Vec::new(),
            changes: Vec::new(),
            command: None,
        };
        let e = &mut self.stack[idx];
        let flow = f(e.dialog.as_mut(), &mut e.scr, &mut cx);
        let (reqs, changes) = (cx.requests, cx.changes);
        if let Some(c) = cx.command {
            self.queue.push_front(c);
        }
        for r in reqs {
            e.scr.loading += 1;
            self.loader.submit(e.id, r);
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
            Flow::Exit => self.exit = true,
        }
    }

    /// Remove the top dialog and resume the one below.
    fn pop(&mut self, reply: Option<Reply>) {
        self.stack.pop();
        if self.stack.is_empty() {
            self.exit = true;
            return;
        }
        let idx = self.top();
        let flow = self.call(idx, |d, s, cx| d.resume(s, cx, reply));
        self.flow(idx, flow);
        if idx == self.top() {
            self.stack[idx].scr.cursor_req.get_or_insert(CursorReq::Initial);
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

    // ----- keys ------------------------------------------------------------

    /// One key from the terminal (or a test).
    pub fn key(&mut self, ev: KeyEvent) {
        if ev.kind != KeyEventKind::Press || self.stack.is_empty() {
            return;
        }
        self.sync_cursor();
        let binding = self.keys.lookup(&ev).cloned();
        if self.too_small() {
            // Only leaving works while the panel cannot be seen.
            if let Some(Binding::Command(c)) = &binding
                && matches!(command::verb(c).0.as_str(), "END" | "RETURN" | "CANCEL")
            {
                self.attention(Some(c.clone()));
            }
            return;
        }
        match binding {
            Some(Binding::Command(c)) => return self.attention(Some(c)),
            Some(Binding::Action(a)) => return self.key_action(a),
            None => {}
        }
        let ctrl_alt = ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match ev.code {
            KeyCode::Enter => self.attention(None),
            KeyCode::Tab => self.tab(true),
            KeyCode::BackTab => self.tab(false),
            KeyCode::Up => self.move_cursor(0, -1),
            KeyCode::Down => self.move_cursor(0, 1),
            KeyCode::Left => self.move_cursor(-1, 0),
            KeyCode::Right => self.move_cursor(1, 0),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end_of_field(),
            KeyCode::Backspace => self.edit(Edit::Backspace),
            KeyCode::Delete => self.edit(Edit::Delete),
            KeyCode::Insert => self.insert = !self.insert,
            KeyCode::Esc if self.stack.last().is_some_and(|e| e.popup) => self.attention(Some("CANCEL".into())),
            KeyCode::Char(c) if !ctrl_alt => self.edit(Edit::Type(c)),
            _ => {}
        }
    }

    fn key_action(&mut self, a: KeyAction) {
        match a {
            KeyAction::EraseEof => self.edit(Edit::EraseEof),
            KeyAction::EraseField => self.edit(Edit::EraseField),
            KeyAction::Reset => {
                self.insert = false;
                if let Some(e) = self.stack.last_mut() {
                    e.scr.clear_msg();
                }
            }
            KeyAction::Reshow => {}
            KeyAction::Newline => self.newline(),
            KeyAction::Insert => self.insert = !self.insert,
            KeyAction::Interrupt => {
                if self.jobs.running() == 0 {
                    self.set_top_msg(Message::of(
                        "ICL665I",
                        &[("TEXT", "No job is running; nothing to interrupt")],
                    ));
                }
            }
        }
    }

    fn current_view(&self) -> Option<View> {
        if self.stack.is_empty() {
            return None;
        }
        self.view_of(self.top()).map(|(_, v)| v)
    }

    fn move_cursor(&mut self, dx: i32, dy: i32) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        let x = (s.cursor.0 as i32 + dx).rem_euclid(v.w.max(1) as i32);
        let y = (s.cursor.1 as i32 + dy).rem_euclid(v.h.max(1) as i32);
        s.cursor = (x as u16, y as u16);
    }

    fn tab(&mut self, forward: bool) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        let (cx, cy) = s.cursor;
        let inputs: Vec<(u16, u16)> = v.inputs().map(|(_, f)| (f.x, f.y)).collect();
        if inputs.is_empty() {
            return;
        }
        let key = |p: &(u16, u16)| (p.1, p.0);
        let here = (cy, cx);
        let target = if forward {
            inputs.iter().find(|p| key(p) > here).or(inputs.first()).copied()
        } else {
            // Back-tab goes to the start of the current field first.
            match v
                .field_at(cx, cy)
                .filter(|i| v.fields[*i].is_input() && v.fields[*i].x < cx)
            {
                Some(i) => Some((v.fields[i].x, v.fields[i].y)),
                None => inputs.iter().rev().find(|p| key(p) < here).or(inputs.last()).copied(),
            }
        };
        if let Some(p) = target {
            s.cursor = p;
        }
    }

    fn home(&mut self) {
        let Some(v) = self.current_view() else { return };
        if let Some((_, f)) = v.inputs().next() {
            self.stack.last_mut().expect("stack").scr.cursor = (f.x, f.y);
        }
    }

    fn newline(&mut self) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        let y = s.cursor.1;
        if let Some((_, f)) = v.inputs().find(|(_, f)| f.y > y).or_else(|| v.inputs().next()) {
            s.cursor = (f.x, f.y);
        }
    }

    fn end_of_field(&mut self) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        if let Some(i) = v.field_at(s.cursor.0, s.cursor.1) {
            let f = &v.fields[i];
            let len = s.value(f).trim_end().chars().count() as u16;
            s.cursor.0 = f.x + len.min(f.w.saturating_sub(1));
        }
    }

    fn edit(&mut self, op: Edit) {
        let Some(v) = self.current_view() else { return };
        let insert = self.insert;
        let idx = self.top();
        let s = &mut self.stack[idx].scr;
        let (cx, cy) = s.cursor;
        let Some(i) = v.field_at(cx, cy).filter(|i| v.fields[*i].is_input()) else {
            if let Edit::Type(_) = op {
                s.set_msg(Message::of("ICL661I", &[]));
            } else if let Edit::Backspace = op {
                s.cursor.0 = cx.saturating_sub(1);
            }
            return;
        };
        let f = v.fields[i].clone();
        let off = (cx - f.x) as usize;
        let w = f.w as usize;
        let mut chars: Vec<char> = s.value(&f).chars().collect();
        chars.resize(w.max(chars.len()), ' ');
        chars.truncate(w);
        match op {
            Edit::Type(c) => {
                if f.attr.numeric && !c.is_ascii_digit() {
                    return;
                }
                if insert {
                    if chars.last().is_some_and(|l| *l != ' ') {
                        return;
                    }
                    chars.insert(off, c);
                    chars.truncate(w);
                } else {
                    chars[off] = c;
                }
                s.cursor.0 = cx + 1;
                if off + 1 >= w && f.attr.skip {
                    let next = v
                        .inputs()
                        .find(|(_, g)| (g.y, g.x) > (f.y, f.x))
                        .or_else(|| v.inputs().next());
                    if let Some((_, g)) = next {
                        s.cursor = (g.x, g.y);
                    }
                }
            }
            Edit::Backspace => {
                if off == 0 {
                    s.cursor.0 = cx.saturating_sub(1);
                    return;
                }
                chars.remove(off - 1);
                chars.push(' ');
                s.cursor.0 = cx - 1;
            }
            Edit::Delete => {
                chars.remove(off);
                chars.push(' ');
            }
            Edit::EraseEof => chars.truncate(off),
            Edit::EraseField => {
                chars.clear();
                s.cursor.0 = f.x;
            }
        }
        let val: String = chars.into_iter().collect::<String>().trim_end().to_string();
        s.set_value(&f.bind, val);
        if s.msg.as_ref().is_some_and(|m| m.id == "ICL661I") {
            s.clear_msg();
        }
    }

    // ----- attention keys and commands ------------------------------------

    /// Enter (None) or a PF key's command: the command line's contents are
    /// appended to the key's command, as ISPF does.
    pub fn attention(&mut self, pf: Option<String>) {
        let idx = self.top();
        self.ensure_init(idx);
        let view = self.current_view();
        let cmd_var = view
            .as_ref()
            .and_then(|v| v.cmd.map(|c| v.fields[c].var().unwrap_or("ZCMD").to_string()))
            .unwrap_or_else(|| "ZCMD".into());
        // Inputs are stored with CAPS applied (body fields default to CAPS ON).
        if let Some(v) = &view {
            self.store_inputs(idx, v);
        }
        // The scroll field must hold a valid amount before anything runs.
        if let Some(v) = &view
            && let Some(si) = v.scroll
        {
            let amt = self.stack[idx].scr.value(&v.fields[si]);
            if !amt.trim().is_empty() && Amount::parse(&amt).is_none() {
                let s = &mut self.stack[idx].scr;
                let field = v.fields[si].var().map(|n| CursorReq::Var(n.to_string()));
                s.set_msg(Message::of("ICL622E", &[("VALUE", amt.trim())]));
                s.error_field = field.clone();
                s.cursor_req = field;
                return;
            }
        }
        let typed = self.stack[idx].scr.vars.val(&cmd_var).trim().to_string();
        let from_key = pf.is_some();
        let text = match pf {
            Some(p) => {
                self.stack[idx].scr.vars.set(&cmd_var, "");
                if typed.is_empty() { p } else { format!("{p} {typed}") }
            }
            None => {
                if !typed.is_empty() {
                    self.remember(&typed);
                }
                typed
            }
        };
        let typed_back = text.clone();
        if command::verb(&text).0 != "RETRIEVE" {
            self.retrieve_at = 0;
        }
        // The command line is cleared once taken; a command that fails
        // comes back to it, as in ISPF, so it can be corrected.
        self.stack[idx].scr.vars.set(&cmd_var, "");
        let depth = self.stack.len();
        self.command(&text);
        if !from_key
            && self.stack.len() == depth
            && let Some(e) = self.stack.get_mut(idx)
            && e.scr.msg.as_ref().is_some_and(|m| m.severity() >= crate::Severity::E)
            && e.scr.vars.val(&cmd_var).is_empty()
        {
            e.scr.vars.set(&cmd_var, typed_back);
        }
    }

    fn store_inputs(&mut self, idx: usize, v: &View) {
        let s = &mut self.stack[idx].scr;
        for f in v.fields.iter().filter(|f| f.is_input()) {
            let caps = f.attr.caps.unwrap_or(matches!(f.bind, Bind::Var(_)));
            let val = s.value(f);
            let mut nv = val.trim_end().to_string();
            if caps {
                nv = nv.to_uppercase();
            }
            if f.attr.just == Some(super::panel::Just::Right) {
                nv = nv.trim_start().to_string();
            }
            if nv != val {
                s.set_value(&f.bind, nv);
            }
        }
    }

    fn remember(&mut self, cmd: &str) {
        if self.history.front().is_some_and(|h| h == cmd) {
            return;
        }
        self.history.push_front(cmd.to_string());
        self.history.truncate(HISTORY);
    }

    /// Execute command text (stacked commands after `;` are queued).
    pub fn command(&mut self, text: &str) {
        let parts = command::split_stack(text);
        if parts.len() > 1 {
            let (v0, _) = command::verb(&parts[0]);
            if matches!(v0.as_str(), "HELP" | "RETRIEVE") {
                self.set_top_msg(Message::of("ICL634E", &[("VALUE", &v0)]));
                return;
            }
            for p in parts[1..].iter().rev() {
                if !p.is_empty() {
                    self.queue.push_front(p.clone());
                }
            }
        }
        self.execute(&parts[0]);
    }

    fn execute(&mut self, cmd: &str) {
        if self.stack.is_empty() {
            return;
        }
        let idx = self.top();
        // A new interaction replaces the last message (HELP shows it instead).
        let (verb, rest) = command::verb(cmd);
        if verb != "HELP" {
            self.stack[idx].scr.clear_msg();
            self.stack[idx].scr.attrs_once.clear();
        }
        self.stack[idx].scr.cursor_req = Some(CursorReq::Initial);
        if cmd.starts_with('=') {
            return self.jump(cmd);
        }
        match verb.as_str() {
            "" => self.enter(idx, String::new(), ""),
            "HELP" => self.help(),
            "END" | "EXIT" => self.end(),
            "CANCEL" => self.cancel(),
            "RETURN" => self.return_to_primary(),
            "UP" => self.scroll(Dir::Up, &rest),
            "DOWN" => self.scroll(Dir::Down, &rest),
            "LEFT" => self.scroll(Dir::Left, &rest),
            "RIGHT" => self.scroll(Dir::Right, &rest),
            "TOP" => self.scroll(Dir::Up, "MAX"),
            "BOTTOM" | "BOT" => self.scroll(Dir::Down, "MAX"),
            "RFIND" => self.find(None),
            "RETRIEVE" | "RETP" | "CRETRIEV" => self.retrieve(),
            "PANELID" => {
                let on = on_off(&rest).unwrap_or(!self.settings.panelid);
                self.apply_changes(vec![Change::PanelId(on)]);
            }
            "PFSHOW" | "FKA" => {
                let on = on_off(&rest).unwrap_or(!self.settings.pfshow);
                self.apply_changes(vec![Change::Pfshow(on)]);
            }
            "RESHOW" => {}
            "SPLIT" | "SWAP" | "KEYS" | "ACTIONS" | "START" => {
                let what = format!("The {verb} command");
                self.set_top_msg(Message::of("ICL623I", &[("WHAT", &what)]));
            }
            _ => {
                let flow = self.call(idx, |d, s, cx| d.command(s, cx, &verb, &rest));
                if let Some(f) = flow {
                    return self.flow(idx, f);
                }
                match verb.as_str() {
                    "FIND" | "F" => match command::find_spec(&rest) {
                        Some(spec) => self.find(Some(spec)),
                        None => self.set_top_msg(Message::of("ICL636E", &[])),
                    },
                    "REFRESH" => {
                        let f = self.call(idx, |d, s, cx| d.refresh(s, cx));
                        if let Some(e) = self.stack.get_mut(idx)
                            && e.scr.msg.is_none()
                        {
                            e.scr.set_msg(Message::of("ICL649I", &[]));
                        }
                        self.flow(idx, f);
                    }
                    "SORT" if self.stack[idx].scr.table.is_some() => self.sort(&rest),
                    "LOCATE" | "LOC" | "L" if self.stack[idx].scr.table.is_some() => self.locate(&rest),
                    "RESET" | "RES" if self.stack[idx].scr.table.is_some() => {
                        let e = &mut self.stack[idx];
                        e.pending.clear();
                        if let Some(t) = &mut e.scr.table {
                            t.clear_inputs();
                        }
                    }
                    _ => self.enter(idx, cmd.to_string(), ""),
                }
            }
        }
    }

    /// Enter with this primary command text: )PROC for the selected rows
    /// (or once), then the rows' line commands and the dialog's enter.
    fn enter(&mut self, idx: usize, cmd: String, pfkey: &str) {
        self.stack[idx].scr.vars.set("ZCMD", cmd);
        // The data row under the cursor (1-based), for point-and-shoot.
        let (_, cy) = self.stack[idx].scr.cursor;
        let csr = self
            .view_of(idx)
            .and_then(|(_, v)| v.row_at(cy))
            .map(|(_, r)| (r + 1).to_string())
            .unwrap_or_default();
        self.stack[idx].scr.vars.set("ZCSRROW", csr);
        let selected = self.stack[idx]
            .scr
            .table
            .as_ref()
            .map(|t| t.selected())
            .unwrap_or_default();
        let mut pending: VecDeque<Pending> = VecDeque::new();
        let total = selected.len();
        let mut failed: Option<(Controls, Option<(usize, String)>)> = None;
        if selected.is_empty() {
            self.stack[idx].scr.vars.set("ZTDSELS", "0000");
            let c = self.run_section(idx, Section::Proc, pfkey);
            // The rest of a nested option (ISPF's ZTRAIL) for menus.
            self.stack[idx].scr.vars.set("ZTRAIL", c.trail.clone());
            if c.msg.is_some() {
                failed = Some((c, None));
            }
        } else {
            for (k, (row, var, val)) in selected.into_iter().enumerate() {
                let s = &mut self.stack[idx].scr;
                s.load_row_vars(row);
                s.vars.set(&var, val.trim().to_uppercase());
                s.vars.set("ZTDSELS", format!("{:04}", total - k));
                let c = self.run_section(idx, Section::Proc, pfkey);
                if c.msg.is_some() {
                    failed = Some((c, Some((row, var))));
                    break;
                }
                pending.push_back(Pending::Line(row, var, val.trim().to_uppercase()));
            }
        }
        if let Some((c, row)) = failed {
            let m = c.msg.as_ref().map(|m| self.make_msg(idx, m));
            let s = &mut self.stack[idx].scr;
            let target = match (row, c.cursor) {
                (Some((r, v)), cur) => CursorReq::Row(r, cur.unwrap_or(v)),
                (None, Some(cur)) => CursorReq::Var(cur),
                (None, None) => CursorReq::Initial,
            };
            s.error_field = Some(target.clone());
            s.cursor_req = Some(target);
            s.attrs_once = c.attrs;
            if let Some(m) = m {
                s.set_msg(m);
            }
            self.queue.clear();
            self.reinit(idx);
            return;
        }
        pending.push_back(Pending::Enter);
        self.stack[idx].pending = pending;
        self.run_pending(idx);
        if idx == self.top() && idx < self.stack.len() {
            self.reinit(idx);
        }
        if self.message().is_some_and(|m| m.severity() >= crate::Severity::E) {
            self.queue.clear();
        }
    }

    fn end(&mut self) {
        let idx = self.top();
        let c = self.run_section(idx, Section::Proc, "PF03");
        if c.msg.is_some() && c.resp.as_deref() == Some("ENTER") {
            let m = c.msg.as_ref().map(|m| self.make_msg(idx, m));
            let s = &mut self.stack[idx].scr;
            if let Some(cur) = c.cursor {
                s.error_field = Some(CursorReq::Var(cur.clone()));
                s.cursor_req = Some(CursorReq::Var(cur));
            }
            if let Some(m) = m {
                s.set_msg(m);
            }
            return;
        }
        let flow = self.call(idx, |d, s, cx| d.end(s, cx));
        self.flow(idx, flow);
    }

    fn cancel(&mut self) {
        self.pop(None);
    }

    fn return_to_primary(&mut self) {
        while self.stack.len() > 1 {
            self.stack.pop();
        }
        if let Some(e) = self.stack.first_mut() {
            e.pending.clear();
            e.scr.cursor_req = Some(CursorReq::Initial);
        }
    }

    fn jump(&mut self, cmd: &str) {
        let Some(parts) = command::jump(cmd) else {
            self.set_top_msg(Message::of("ICL624E", &[("VALUE", cmd)]));
            return;
        };
        self.return_to_primary();
        self.enter(0, parts.join("."), "");
    }

    fn help(&mut self) {
        let idx = self.top();
        if let Some(m) = self.stack[idx].scr.msg.clone() {
            if !self.stack[idx].scr.long_shown {
                self.stack[idx].scr.long_shown = true;
            } else {
                self.push(Box::new(dialogs::help::MessageHelp::new(m)), true);
            }
            return;
        }
        let Some((p, v)) = self.view_of(idx) else { return };
        let (cx, cy) = self.stack[idx].scr.cursor;
        let field_help = v
            .field_at(cx, cy)
            .and_then(|i| v.fields[i].var().map(str::to_string))
            .and_then(|var| p.help.iter().find(|(f, _)| *f == var).map(|(_, h)| h.clone()));
        let target = field_help.or_else(|| self.stack[idx].scr.ctl.help.clone());
        match target {
            Some(h) => match self.lib.get(&h) {
                Ok(_) => self.push(Box::new(dialogs::help::HelpDialog::new(&h)), false),
                Err(e) => {
                    let text = e.to_string();
                    self.set_top_msg(Message::of("ICL603E", &[("PANEL", &h), ("TEXT", &text)]));
                }
            },
            None => {
                let name = p.name.clone();
                self.set_top_msg(Message::of("ICL626I", &[("PANEL", &name)]));
            }
        }
    }

    fn retrieve(&mut self) {
        let idx = self.top();
        let Some(cmd) = self.history.get(self.retrieve_at).cloned() else {
            self.set_top_msg(Message::of("ICL627I", &[]));
            return;
        };
        self.retrieve_at = (self.retrieve_at + 1) % self.history.len().max(1);
        let Some(v) = self.current_view() else { return };
        if let Some(c) = v.cmd {
            let f = &v.fields[c];
            let s = &mut self.stack[idx].scr;
            s.set_value(&f.bind, cmd.clone());
            s.cursor = (f.x + (cmd.chars().count() as u16).min(f.w.saturating_sub(1)), f.y);
            s.cursor_req = None;
        }
    }

    fn scroll(&mut self, dir: Dir, rest: &str) {
        let idx = self.top();
        let Some(v) = self.current_view() else { return };
        let field_amt = v
            .scroll
            .map(|i| self.stack[idx].scr.value(&v.fields[i]))
            .unwrap_or_default();
        let text = if !rest.trim().is_empty() {
            rest.trim().to_string()
        } else if !field_amt.trim().is_empty() {
            field_amt.trim().to_string()
        } else {
            "PAGE".into()
        };
        let Some(amount) = Amount::parse(&text) else {
            let s = &mut self.stack[idx].scr;
            s.set_msg(Message::of("ICL622E", &[("VALUE", &text)]));
            if let Some(i) = v.scroll {
                s.error_field = v.fields[i].var().map(|n| CursorReq::Var(n.to_string()));
                s.cursor_req = s.error_field.clone();
            }
            return;
        };
        let (cx, cy) = self.stack[idx].scr.cursor;
        // CSR uses the cursor's line within the data.
        let cursor_line = if let Some(a) = &v.area {
            (cy >= a.y && cy < a.y + a.h).then(|| (cy - a.y) as usize)
        } else {
            v.row_at(cy).map(|(i, _)| i)
        };
        let _ = cx;
        let e = &mut self.stack[idx];
        if e.dialog.scroll(&mut e.scr, dir, amount, &v, cursor_line).is_some() {
            return;
        }
        let Some(t) = &mut e.scr.table else { return };
        let page = v.rows_fit.max(1);
        match dir {
            Dir::Up => {
                let n = amount.lines(page, cursor_line, false);
                t.set_top(t.top.saturating_sub(n));
            }
            Dir::Down => {
                if amount == Amount::Max {
                    t.set_top(t.len().saturating_sub(page.saturating_sub(1)));
                } else {
                    let n = amount.lines(page, cursor_line, true);
                    t.set_top(t.top.saturating_add(n));
                }
            }
            Dir::Left | Dir::Right => {}
        }
    }

    fn sort(&mut self, rest: &str) {
        let idx = self.top();
        let w = command::words(rest);
        let s = &mut self.stack[idx].scr;
        let Some(t) = &mut s.table else { return };
        let valid = t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(" ");
        let Some(col) = w.first() else {
            s.set_msg(Message::of("ICL632E", &[("VALUE", ""), ("VALID", &valid)]));
            return;
        };
        let desc = w.get(1).is_some_and(|d| d.eq_ignore_ascii_case("D"));
        if t.sort_by(col, desc).is_none() {
            let c = col.to_ascii_uppercase();
            s.set_msg(Message::of("ICL632E", &[("VALUE", &c), ("VALID", &valid)]));
        }
    }

    fn locate(&mut self, rest: &str) {
        let idx = self.top();
        let s = &mut self.stack[idx].scr;
        let Some(t) = &mut s.table else { return };
        let w = command::words(rest);
        match w.first() {
            Some(v) => {
                let pos = t.locate(v);
                t.set_top(pos);
            }
            None => s.set_msg(Message::of("ICL633E", &[])),
        }
    }

    /// FIND (Some) or RFIND (None).
    fn find(&mut self, spec: Option<FindSpec>) {
        let idx = self.top();
        let repeat = spec.is_none();
        let spec = match spec.or_else(|| self.last_find.clone()) {
            Some(s) => s,
            None => {
                self.set_top_msg(Message::of("ICL628E", &[]));
                return;
            }
        };
        self.last_find = Some(FindSpec {
            dir: match spec.dir {
                FindDir::First => FindDir::Next,
                FindDir::Last => FindDir::Prev,
                d => d,
            },
            ..spec.clone()
        });
        let Some(v) = self.current_view() else { return };
        let e = &mut self.stack[idx];
        if let Some(m) = e.dialog.find(&mut e.scr, &spec, repeat, &v) {
            e.scr.set_msg(m);
            return;
        }
        let (_, cy) = e.scr.cursor;
        let cursor_row = v.row_at(cy).map(|(_, r)| r);
        let s = &mut e.scr;
        let Some(t) = &mut s.table else {
            let c = format!("FIND {}", spec.text);
            s.set_msg(Message::of("ICL621E", &[("VALUE", &c)]));
            return;
        };
        let back = spec.dir == FindDir::Prev || spec.dir == FindDir::Last;
        let cur = cursor_row.and_then(|r| t.pos_of(r));
        let start = match spec.dir {
            FindDir::First => 0,
            FindDir::Last => t.len().saturating_sub(1),
            FindDir::Next if repeat && t.find_wrapped => 0,
            FindDir::Next => cur.map_or(t.top, |c| c + 1),
            FindDir::Prev => cur.map_or(t.top, |c| c.saturating_sub(1)),
        };
        let text = spec.text.clone();
        let found = if !back && start >= t.len() {
            None
        } else {
            t.find(&text, start, back)
        };
        match found {
            Some(pos) => {
                t.find_wrapped = false;
                t.set_top(pos);
                let row = t.at(pos).unwrap_or(0);
                let var = v
                    .fields
                    .iter()
                    .find_map(|f| match &f.bind {
                        Bind::Row(_, n) if f.is_input() => Some(n.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| "LCMD".into());
                s.cursor_req = Some(CursorReq::Row(row, var));
                let wh = format!("row {}", pos + 1);
                s.set_msg(Message::of("ICL629I", &[("STRING", &text), ("WHERE", &wh)]));
            }
            None => {
                let anywhere = t.find(&text, 0, false).is_some();
                if anywhere && !back {
                    t.find_wrapped = true;
                    s.set_msg(Message::of("ICL631I", &[("STRING", &text)]));
                } else {
                    s.set_msg(Message::of("ICL630I", &[("STRING", &text)]));
                }
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
        for (job, rc) in self.jobs.drain() {
            let t = format!("Job {job} ended, RC={rc}");
            self.set_top_msg(Message::of("ICL665I", &[("TEXT", &t)]));
            changed = true;
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

    /// Loads outstanding anywhere on the stack.
    pub fn busy(&self) -> bool {
        self.stack.iter().any(|e| e.scr.loading > 0)
    }

    /// Wait until every load has arrived and queued commands ran (tests,
    /// benchmarks). False on timeout.
    pub fn wait_idle(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            self.tick();
            if !self.busy() && self.queue.is_empty() {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            if let Some((id, data)) = self.loader.wait(left.min(Duration::from_millis(50))) {
                self.deliver(id, data);
            }
        }
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

    /// Type text at the cursor (tests and the tmux helper use keys; this is
    /// a shortcut for them).
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// Cursor position of the top screen (panel coordinates).
    pub fn cursor(&self) -> (u16, u16) {
        self.stack.last().map_or((0, 0), |e| e.scr.cursor)
    }
}

#[derive(Debug, Clone, Copy)]
enum Edit {
    Type(char),
    Backspace,
    Delete,
    EraseEof,
    EraseField,
}

fn yn(b: bool) -> String {
    if b { "Y" } else { "N" }.into()
}

fn on_off(s: &str) -> Option<bool> {
    match s.trim().to_ascii_uppercase().as_str() {
        "ON" => Some(true),
        "OFF" => Some(false),
        _ => None,
    }
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
