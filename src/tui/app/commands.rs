//! Attention keys and commands: the command line, `;` stacking, jumps,
//! the commands every panel knows, Enter with )PROC and line commands,
//! END/CANCEL/RETURN, HELP, RETRIEVE, scrolling, SORT, LOCATE, FIND.

use std::collections::VecDeque;

use super::{App, HISTORY, Pending, View};
use crate::tui::command::{self, Amount, FindDir, FindSpec};
use crate::tui::dialogs::{self, Change, Dir};
use crate::tui::interp::{Controls, Section};
use crate::tui::layout::Bind;
use crate::tui::messages::Message;
use crate::tui::screen::CursorReq;

impl App {
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

    pub(super) fn store_inputs(&mut self, idx: usize, v: &View) {
        let s = &mut self.stack[idx].scr;
        for f in v.fields.iter().filter(|f| f.is_input()) {
            let caps = f.attr.caps.unwrap_or(matches!(f.bind, Bind::Var(_)));
            let val = s.value(f);
            let mut nv = val.trim_end().to_string();
            if caps {
                nv = nv.to_uppercase();
            }
            if f.attr.just == Some(crate::tui::panel::Just::Right) {
                nv = nv.trim_start().to_string();
            }
            if nv != val {
                s.set_value(&f.bind, nv);
            }
        }
    }

    pub(super) fn remember(&mut self, cmd: &str) {
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

    pub(super) fn execute(&mut self, cmd: &str) {
        if self.stack.is_empty() {
            return;
        }
        let idx = self.top();
        // A new interaction replaces the last message (HELP shows it instead).
        let (verb, rest) = command::verb(cmd);
        // HELP keeps the cursor where it is: it names the field to explain,
        // and the user comes back to it.
        if verb != "HELP" {
            self.stack[idx].scr.clear_msg();
            self.stack[idx].scr.attrs_once.clear();
            self.stack[idx].scr.cursor_req = Some(CursorReq::Initial);
        }
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
    pub(super) fn enter(&mut self, idx: usize, cmd: String, pfkey: &str) {
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

    pub(super) fn end(&mut self) {
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

    pub(super) fn cancel(&mut self) {
        self.pop(None);
    }

    pub(super) fn return_to_primary(&mut self) {
        while self.stack.len() > 1 {
            self.stack.pop();
        }
        if let Some(e) = self.stack.first_mut() {
            e.pending.clear();
            e.scr.cursor_req = Some(CursorReq::Initial);
        }
    }

    pub(super) fn jump(&mut self, cmd: &str) {
        let Some(parts) = command::jump(cmd) else {
            self.set_top_msg(Message::of("ICL624E", &[("VALUE", cmd)]));
            return;
        };
        self.return_to_primary();
        self.enter(0, parts.join("."), "");
    }

    pub(super) fn help(&mut self) {
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
        // A row can explain itself (a finding's help).
        if let Some((_, row)) = v.row_at(cy) {
            let e = &self.stack[idx];
            if let Some(m) = e.dialog.row_help(&e.scr, row) {
                self.push(Box::new(dialogs::help::MessageHelp::new(m)), true);
                return;
            }
        }
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

    pub(super) fn retrieve(&mut self) {
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

    pub(super) fn scroll(&mut self, dir: Dir, rest: &str) {
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

    pub(super) fn sort(&mut self, rest: &str) {
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

    pub(super) fn locate(&mut self, rest: &str) {
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
    pub(super) fn find(&mut self, spec: Option<FindSpec>) {
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
}

fn on_off(s: &str) -> Option<bool> {
    match s.trim().to_ascii_uppercase().as_str() {
        "ON" => Some(true),
        "OFF" => Some(false),
        _ => None,
    }
}
