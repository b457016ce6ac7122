//! A scrollable text view, as ISPF BROWSE shows data: Top and Bottom of
//! Data markers, UP/DOWN/LEFT/RIGHT by the scroll amount, FIND/RFIND,
//! LOCATE line, COLS (a column ruler) and RESET. BROWSE, the RECON view,
//! job reports and the review's diffs are all this view over other lines.
//! Lines may carry a theme role each (diff lines in their colours).

use ratatui::style::Style;

use super::{AreaLine, Dir, Flow};
use crate::tui::command::{self, Amount, FindDir, FindSpec};
use crate::tui::layout::{AreaRect, View};
use crate::tui::messages::Message;
use crate::tui::screen::{CursorReq, Screen};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct TextView {
    lines: Vec<String>,
    /// A theme role per line (None: browse_data).
    roles: Vec<Option<&'static str>>,
    /// Virtual line at the top: 0 is Top of Data, n is data line n.
    pub top: usize,
    /// First data column shown (0-based).
    pub col: usize,
    ruler: bool,
    /// Where the last FIND stopped (line, column), 0-based.
    found: Option<(usize, usize)>,
    wrapped: bool,
    /// Width of the longest line, for RIGHT MAX.
    widest: usize,
}

/// Non-displayable characters show as '.', as in ISPF browse.
pub fn displayable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '.' } else { c }).collect()
}

/// The COLS ruler from column `from` (1-based) for `w` columns.
pub fn ruler(from: usize, w: usize) -> String {
    (from..from + w)
        .map(|c| match c % 10 {
            0 => char::from_digit(((c / 10) % 10) as u32, 10).unwrap_or('0'),
            5 => '+',
            _ => '-',
        })
        .collect()
}

fn marker(label: &str, w: usize) -> String {
    let stars = w.saturating_sub(label.len());
    format!("{}{label}{}", "*".repeat(stars / 2), "*".repeat(stars - stars / 2))
}

impl TextView {
    pub fn new() -> TextView {
        TextView::default()
    }

    /// Replace the lines (styled as data), keeping the position if it fits.
    pub fn set_lines(&mut self, lines: Vec<String>) {
        let n = lines.len();
        self.set_styled(lines, vec![None; n]);
    }

    /// Replace the lines with a role per line.
    pub fn set_styled(&mut self, lines: Vec<String>, roles: Vec<Option<&'static str>>) {
        self.lines = lines.iter().map(|l| displayable(l.trim_end())).collect();
        self.roles = roles;
        self.widest = self.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        self.top = self.top.min(self.lines.len() + 1);
        self.found = None;
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Start over at Top of Data.
    pub fn home(&mut self) {
        self.top = 0;
        self.col = 0;
        self.found = None;
    }

    /// Lines of data the area shows.
    fn page(&self, view: &View) -> usize {
        view.area
            .as_ref()
            .map_or(1, |a| (a.h as usize).saturating_sub(usize::from(self.ruler)))
            .max(1)
    }

    fn width(view: &View) -> usize {
        view.area.as_ref().map_or(80, |a| a.w as usize).max(1)
    }

    /// LOCATE line, COLS, RESET; None for other commands.
    pub fn command(&mut self, s: &mut Screen, verb: &str, rest: &str) -> Option<Flow> {
        match verb {
            "LOCATE" | "LOC" | "L" => {
                let w = command::words(rest);
                match w.first().map(|x| x.parse::<usize>()) {
                    None => s.set_msg(Message::of("ICL633E", &[])),
                    Some(Ok(n)) if n <= self.lines.len() => self.top = n,
                    Some(_) => s.set_msg(Message::of("ICL637E", &[("VALUE", &w[0])])),
                }
                Some(Flow::Stay)
            }
            "COLS" => {
                self.ruler = !self.ruler;
                Some(Flow::Stay)
            }
            "RESET" | "RES" => {
                self.ruler = false;
                Some(Flow::Stay)
            }
            _ => None,
        }
    }

    pub fn scroll(&mut self, dir: Dir, amount: Amount, view: &View, cursor: Option<usize>) -> Option<()> {
        let n = self.lines.len();
        match dir {
            Dir::Up | Dir::Down => {
                let page = self.page(view);
                let cursor = cursor.map(|c| c.saturating_sub(usize::from(self.ruler)));
                if dir == Dir::Up {
                    let k = amount.lines(page, cursor, false);
                    self.top = self.top.saturating_sub(k);
                } else if amount == Amount::Max {
                    self.top = (n + 2).saturating_sub(page);
                } else {
                    let k = amount.lines(page, cursor, true);
                    self.top = self.top.saturating_add(k).min(n + 1);
                }
            }
            Dir::Left | Dir::Right => {
                let w = Self::width(view);
                let k = match amount {
                    Amount::Max => usize::MAX,
                    a => a.lines(w, None, true),
                };
                if dir == Dir::Left {
                    self.col = self.col.saturating_sub(k);
                } else {
                    let last = self.widest.saturating_sub(w);
                    self.col = self.col.saturating_add(k).min(last.max(self.col));
                }
            }
        }
        Some(())
    }

    pub fn find(&mut self, s: &mut Screen, spec: &FindSpec, repeat: bool, view: &View) -> Option<Message> {
        let needle = spec.text.to_uppercase();
        let hay: Vec<String> = self.lines.iter().map(|l| l.to_uppercase()).collect();
        let n = hay.len();
        let at = |li: usize, from: usize| hay[li].get(from..).and_then(|t| t.find(&needle)).map(|p| p + from);
        let last_at =
            |li: usize, before: usize| hay[li].get(..before.min(hay[li].len())).and_then(|t| t.rfind(&needle));
        // Start after the last hit, else at the top line shown.
        let here = self.found.unwrap_or((self.top.saturating_sub(1), 0));
        let hit = match spec.dir {
            FindDir::First => (0..n).find_map(|l| at(l, 0).map(|c| (l, c))),
            FindDir::Last => (0..n).rev().find_map(|l| last_at(l, usize::MAX).map(|c| (l, c))),
            FindDir::Next => {
                let (l0, c0) = if repeat && self.wrapped {
                    (0, 0)
                } else if self.found.is_some() {
                    (here.0, here.1 + 1)
                } else {
                    (here.0, 0)
                };
                (l0..n).find_map(|l| at(l, if l == l0 { c0 } else { 0 }).map(|c| (l, c)))
            }
            FindDir::Prev => (0..=here.0.min(n.saturating_sub(1))).rev().find_map(|l| {
                last_at(
                    l,
                    if l == here.0 && self.found.is_some() {
                        here.1
                    } else {
                        usize::MAX
                    },
                )
                .map(|c| (l, c))
            }),
        };
        let text = spec.text.clone();
        match hit {
            Some((l, b)) => {
                self.wrapped = false;
                self.found = Some((l, b));
                // Byte offset → column (data may hold non-ASCII characters).
                let c = hay[l].get(..b).map_or(b, |t| t.chars().count());
                self.top = l + 1;
                let w = Self::width(view);
                if c < self.col || c >= self.col + w {
                    self.col = c.saturating_sub(w / 4);
                }
                if let Some(a) = &view.area {
                    let x = a.x + (c - self.col) as u16;
                    s.cursor_req = Some(CursorReq::At(x, a.y + u16::from(self.ruler)));
                }
                let wh = format!("line {}", l + 1);
                Some(Message::of("ICL629I", &[("STRING", &text), ("WHERE", &wh)]))
            }
            None if n > 0 && hay.iter().any(|h| h.contains(&needle)) && spec.dir == FindDir::Next => {
                self.wrapped = true;
                Some(Message::of("ICL631I", &[("STRING", &text)]))
            }
            None => Some(Message::of("ICL630I", &[("STRING", &text)])),
        }
    }

    pub fn area(&self, rect: &AreaRect, theme: &Theme) -> Vec<AreaLine> {
        let w = rect.w as usize;
        let data = theme.role("browse_data");
        let mark = theme.role("browse_marker");
        let mut out: Vec<AreaLine> = Vec::with_capacity(rect.h as usize);
        if self.ruler {
            out.push(vec![(ruler(self.col + 1, w), theme.role("ruler"))]);
        }
        let n = self.lines.len();
        for k in 0..(rect.h as usize).saturating_sub(out.len()) {
            let v = self.top + k;
            let line: (String, Style) = if v == 0 {
                (marker(" Top of Data ", w), mark)
            } else if v <= n {
                let st = self.roles.get(v - 1).copied().flatten().map_or(data, |r| theme.role(r));
                (self.lines[v - 1].chars().skip(self.col).take(w).collect(), st)
            } else if v == n + 1 {
                (marker(" Bottom of Data ", w), mark)
            } else {
                break;
            };
            out.push(vec![line]);
        }
        out
    }

    pub fn indicator(&self, view: &View) -> Option<String> {
        let w = Self::width(view);
        Some(format!(
            "Line {:08} Col {:03} {:03}",
            self.top.min(self.lines.len()),
            self.col + 1,
            self.col + w
        ))
    }
}

/// The [`super::Dialog`] methods of a panel whose dynamic area is the
/// [`TextView`] in field `$view`: primary commands, scrolling, FIND, the
/// area's lines and the title-line indicator all go to the view.
macro_rules! text_view_dialog {
    ($view:ident) => {
        fn command(
            &mut self,
            s: &mut $crate::tui::screen::Screen,
            _cx: &mut $crate::tui::dialogs::Cx,
            verb: &str,
            rest: &str,
        ) -> Option<$crate::tui::dialogs::Flow> {
            self.$view.command(s, verb, rest)
        }

        fn scroll(
            &mut self,
            _s: &mut $crate::tui::screen::Screen,
            dir: $crate::tui::dialogs::Dir,
            amount: $crate::tui::command::Amount,
            view: &$crate::tui::layout::View,
            cursor: Option<usize>,
        ) -> Option<()> {
            self.$view.scroll(dir, amount, view, cursor)
        }

        fn find(
            &mut self,
            s: &mut $crate::tui::screen::Screen,
            spec: &$crate::tui::command::FindSpec,
            repeat: bool,
            view: &$crate::tui::layout::View,
        ) -> Option<$crate::tui::messages::Message> {
            self.$view.find(s, spec, repeat, view)
        }

        fn area(
            &self,
            _s: &$crate::tui::screen::Screen,
            rect: &$crate::tui::layout::AreaRect,
            theme: &$crate::tui::theme::Theme,
        ) -> Vec<$crate::tui::dialogs::AreaLine> {
            self.$view.area(rect, theme)
        }

        fn indicator(&self, _s: &$crate::tui::screen::Screen, view: &$crate::tui::layout::View) -> Option<String> {
            self.$view.indicator(view)
        }
    };
}
pub(crate) use text_view_dialog;

#[cfg(test)]
mod tests {
    #[test]
    fn ruler_marks_every_fifth_and_tenth() {
        assert_eq!(super::ruler(1, 20), "----+----1----+----2");
        assert_eq!(super::ruler(8, 5), "--1--");
    }
}
