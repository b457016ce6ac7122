//! The line editor of the profile panels (ICLEDT): rename masks, IMS
//! names, volume pairs, database names, one per line, in a tui-textarea.
//! Every line is checked as it is typed with the check the engine makes
//! (Mask::parse, RenameMap::new, NameMap::new ...): a bad line is shown
//! with error emphasis and its message ID at its end, and the message of
//! the line under the cursor is on the message line. END hands the lines
//! back (only when they are all valid), CANCEL forgets the changes.
//!
//! The editor has the keyboard while its cursor is in the area: Enter
//! splits the line, the arrows move in the text, PF keys stay commands
//! (F3 END, F12 CANCEL, F7/F8 scroll); Tab goes to the command line and
//! back.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use tui_textarea::{CursorMove, TextArea};

use super::{AreaLine, Cx, Dialog, Dir, Flow, Reply};
use crate::IclError;
use crate::tui::command::Amount;
use crate::tui::layout::{AreaRect, View};
use crate::tui::messages::Message;
use crate::tui::profile::{ListKind, meaningful};
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

/// Width of the message ID mark at the end of a bad line.
const MARK_W: usize = 10;

pub struct EditorDialog {
    kind: ListKind,
    title: String,
    hint: String,
    ta: TextArea<'static>,
    /// Each line's problem.
    errors: Vec<Option<IclError>>,
    devices: Vec<String>,
    focus: bool,
    /// First line and column shown.
    top: usize,
    left: usize,
}

impl EditorDialog {
    pub fn new(kind: ListKind, title: &str, hint: &str, lines: Vec<String>) -> EditorDialog {
        let lines = if lines.is_empty() { vec![String::new()] } else { lines };
        EditorDialog {
            kind,
            title: title.to_string(),
            hint: hint.to_string(),
            ta: TextArea::new(lines),
            errors: Vec::new(),
            devices: Vec::new(),
            focus: true,
            top: 0,
            left: 0,
        }
    }

    /// The lines as they are now.
    pub fn lines(&self) -> &[String] {
        self.ta.lines()
    }

    fn check(&mut self) {
        let devs = &self.devices;
        self.errors = self.ta.lines().iter().map(|l| self.kind.check(l, devs).err()).collect();
    }

    fn bad(&self) -> Vec<usize> {
        self.errors
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// The message line follows the cursor: the error of its line, else a
    /// count of the bad lines elsewhere, else nothing.
    fn show(&self, s: &mut Screen) {
        let (row, _) = self.ta.cursor();
        let bad = self.bad();
        s.clear_msg();
        if let Some(Some(e)) = self.errors.get(row) {
            s.set_msg(Message::from_error(e));
        } else if let Some(first) = bad.first() {
            let (n, l) = (bad.len().to_string(), (first + 1).to_string());
            s.set_msg(Message::of("ICL687W", &[("N", &n), ("LINE", &l)]));
        }
    }

    /// Keep the cursor inside the area.
    fn follow(&mut self, rect: &AreaRect) {
        let (row, col) = self.ta.cursor();
        let h = rect.h.max(1) as usize;
        let w = (rect.w as usize).saturating_sub(MARK_W).max(8);
        if row < self.top {
            self.top = row;
        } else if row >= self.top + h {
            self.top = row + 1 - h;
        }
        if col < self.left {
            self.left = col;
        } else if col >= self.left + w {
            self.left = col + 1 - w;
        }
    }

    fn set_vars(&self, s: &mut Screen) {
        let n = self.ta.lines().iter().filter(|l| meaningful(l)).count();
        s.vars.set("EDNLINES", n.to_string());
        s.vars.set("EDNBAD", self.bad().len().to_string());
    }
}

impl Dialog for EditorDialog {
    fn panel(&self) -> String {
        "ICLEDT".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.devices = cx.farm.config.devices.iter().map(|d| d.devnum.clone()).collect();
        s.vars.set("EDTITLE", self.title.clone());
        s.vars.set("EDHINT", self.hint.clone());
        self.check();
        self.set_vars(s);
        self.show(s);
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let c = s.vars.val("ZCMD").trim().to_string();
        if !c.is_empty() {
            return super::unknown_command(s);
        }
        // Enter on the command line: back into the text.
        self.focus = true;
        self.show(s);
        Flow::Stay
    }

    fn end(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        self.check();
        if let Some(first) = self.bad().first() {
            self.ta.move_cursor(CursorMove::Jump(*first as u16, 0));
            self.focus = true;
            let (n, l) = (self.bad().len().to_string(), (first + 1).to_string());
            s.set_msg(Message::of("ICL696E", &[("N", &n), ("LINE", &l)]));
            return Flow::Stay;
        }
        let lines = self
            .ta
            .lines()
            .iter()
            .map(|l| l.trim_end().to_string())
            .filter(|l| meaningful(l))
            .collect();
        Flow::End(Some(Reply::Lines {
            tag: self.kind.tag().into(),
            lines,
        }))
    }

    fn area_editable(&self) -> bool {
        true
    }

    fn focused(&self) -> bool {
        self.focus
    }

    fn set_focus(&mut self, _s: &mut Screen, on: bool) {
        self.focus = on;
    }

    fn edit_key(&mut self, s: &mut Screen, ev: &KeyEvent, view: &View) -> bool {
        // Tab and Back-tab leave the text for the fields; Esc is the app's.
        if matches!(ev.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc) {
            return false;
        }
        let changed = self.ta.input(*ev);
        if changed {
            self.check();
        }
        if let Some(a) = &view.area {
            self.follow(a);
        }
        self.set_vars(s);
        self.show(s);
        true
    }

    fn scroll(&mut self, s: &mut Screen, dir: Dir, amount: Amount, view: &View, _cursor: Option<usize>) -> Option<()> {
        let page = view.area.as_ref().map_or(10, |a| a.h as usize).max(1);
        let n = amount.lines(page, None, matches!(dir, Dir::Down));
        let (row, col) = self.ta.cursor();
        let last = self.ta.lines().len().saturating_sub(1);
        let to = match dir {
            Dir::Up => row.saturating_sub(n),
            Dir::Down => row.saturating_add(n).min(last),
            Dir::Left | Dir::Right => return Some(()),
        };
        self.ta.move_cursor(CursorMove::Jump(to as u16, col as u16));
        if let Some(a) = &view.area {
            self.follow(a);
        }
        self.show(s);
        Some(())
    }

    fn area(&self, _s: &Screen, rect: &AreaRect, theme: &Theme) -> Vec<AreaLine> {
        let w = rect.w as usize;
        let text_w = w.saturating_sub(MARK_W);
        let data = theme.role("browse_data");
        let bad = theme.role("edit_error");
        let mark = theme.message(crate::Severity::E);
        let mut out = Vec::new();
        for (i, l) in self.ta.lines().iter().enumerate().skip(self.top).take(rect.h as usize) {
            let shown: String = l.chars().skip(self.left).take(text_w).collect();
            match self.errors.get(i).and_then(Option::as_ref) {
                Some(e) => {
                    let pad = text_w.saturating_sub(shown.chars().count());
                    out.push(vec![
                        (shown, bad),
                        (" ".repeat(pad), Style::default()),
                        (format!(" <{}", e.id), mark),
                    ]);
                }
                None => out.push(vec![(shown, data)]),
            }
        }
        out
    }

    fn area_cursor(&self, _s: &Screen, rect: &AreaRect) -> Option<(u16, u16)> {
        let (row, col) = self.ta.cursor();
        let y = row.checked_sub(self.top)?;
        let x = col.checked_sub(self.left)?;
        (y < rect.h as usize && x < rect.w as usize).then(|| (rect.x + x as u16, rect.y + y as u16))
    }

    fn indicator(&self, _s: &Screen, _view: &View) -> Option<String> {
        let (row, col) = self.ta.cursor();
        Some(format!("Line {:05} Col {:03}", row + 1, col + 1))
    }
}
