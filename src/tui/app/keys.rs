//! Keys: bindings first (PF keys are commands), then the 3270 editing
//! keys on the field under the cursor.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{App, View};
use crate::tui::command;
use crate::tui::keys::{Binding, KeyAction};
use crate::tui::messages::Message;

impl App {
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
        if let Some(Binding::Command(c)) = binding {
            return self.attention(Some(c));
        }
        // An editor area takes every other key while it has the focus (the
        // cursor moved into it gives it the focus).
        if let Some(v) = self.current_view() {
            let e = self.stack.last_mut().expect("stack");
            let (x, y) = e.scr.cursor;
            let in_area = v
                .area
                .as_ref()
                .is_some_and(|a| x >= a.x && x < a.x + a.w && y >= a.y && y < a.y + a.h);
            if e.dialog.area_editable()
                && !e.dialog.focused()
                && in_area
                && !matches!(ev.code, KeyCode::Tab | KeyCode::BackTab)
            {
                e.dialog.set_focus(&mut e.scr, true);
            }
            if e.dialog.focused() && e.dialog.edit_key(&mut e.scr, &ev, &v) {
                return;
            }
        }
        if let Some(Binding::Action(a)) = binding {
            return self.key_action(a);
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

    pub(super) fn key_action(&mut self, a: KeyAction) {
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
            // PA1: the progress panel on top stops its job; elsewhere the
            // latest running job's panel comes up with the question.
            KeyAction::Interrupt => {
                let idx = self.top();
                let f = self.call(idx, |d, s, cx| d.command(s, cx, "STOP", ""));
                if let Some(f) = f {
                    return self.flow(idx, f);
                }
                match self.jobs.latest_running() {
                    Some(key) => {
                        self.push_dialog(Box::new(crate::tui::dialogs::progress::ProgressDialog::stopping(key)))
                    }
                    None => self.set_top_msg(Message::of(
                        "ICL665I",
                        &[("TEXT", "No job is running; nothing to interrupt")],
                    )),
                }
            }
        }
    }

    pub(super) fn current_view(&self) -> Option<View> {
        if self.stack.is_empty() {
            return None;
        }
        self.view_of(self.top()).map(|(_, v)| v)
    }

    pub(super) fn move_cursor(&mut self, dx: i32, dy: i32) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        let x = (s.cursor.0 as i32 + dx).rem_euclid(v.w.max(1) as i32);
        let y = (s.cursor.1 as i32 + dy).rem_euclid(v.h.max(1) as i32);
        s.cursor = (x as u16, y as u16);
    }

    pub(super) fn tab(&mut self, forward: bool) {
        let Some(v) = self.current_view() else { return };
        let e = self.stack.last_mut().expect("stack");
        // An editor area is a tab stop, at its top left corner.
        let editor = v.area.as_ref().filter(|_| e.dialog.area_editable()).map(|a| (a.x, a.y));
        // Leaving the editor: Tab goes on from the area (to the field after
        // it, else round to the command line), not from where the field
        // cursor was before the editor had the keyboard.
        if e.dialog.focused() {
            e.dialog.set_focus(&mut e.scr, false);
            if let Some(p) = editor {
                e.scr.cursor = p;
            }
        }
        let s = &mut e.scr;
        let (cx, cy) = s.cursor;
        let mut inputs: Vec<(u16, u16)> = v.inputs().map(|(_, f)| (f.x, f.y)).collect();
        if let Some(p) = editor {
            inputs.push(p);
            inputs.sort_by_key(|p| (p.1, p.0));
        }
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
            if Some(p) == editor {
                e.dialog.set_focus(&mut e.scr, true);
            }
        }
    }

    pub(super) fn home(&mut self) {
        let Some(v) = self.current_view() else { return };
        if let Some((_, f)) = v.inputs().next() {
            self.stack.last_mut().expect("stack").scr.cursor = (f.x, f.y);
        }
    }

    pub(super) fn newline(&mut self) {
        let Some(v) = self.current_view() else { return };
        let s = &mut self.stack.last_mut().expect("stack").scr;
        let y = s.cursor.1;
        if let Some((_, f)) = v.inputs().find(|(_, f)| f.y > y).or_else(|| v.inputs().next()) {
            s.cursor = (f.x, f.y);
        }
    }

    pub(super) fn end_of_field(&mut self) {
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
}

#[derive(Debug, Clone, Copy)]
enum Edit {
    Type(char),
    Backspace,
    Delete,
    EraseEof,
    EraseField,
}
