//! Panel + size + variables + table → [`View`]: every field placed at its
//! screen position (relative to the panel's origin), model sets repeated
//! for the visible rows only, EXPAND applied, `&VAR` substituted in text.
//! Rendering and key handling both work from the same View.

use super::panel::{Attr, FieldKind, Panel, parse::MIN_SCREEN_WIDTH};
use super::table::Table;
use super::vars::substitute;

/// What a placed field shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// Text, already substituted and fitted.
    Text(String),
    /// A variable of the dialog.
    Var(String),
    /// A model field of a data row: a table column, a row input (line
    /// command), or else the dialog variable.
    Row(usize, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VField {
    pub x: u16,
    pub y: u16,
    pub w: u16,
    pub attr: Attr,
    pub bind: Bind,
}

impl VField {
    pub fn is_input(&self) -> bool {
        self.attr.kind == FieldKind::Input
    }

    pub fn contains(&self, x: u16, y: u16) -> bool {
        y == self.y && x >= self.x && x < self.x + self.w
    }

    /// The variable the field stands for.
    pub fn var(&self) -> Option<&str> {
        match &self.bind {
            Bind::Var(v) | Bind::Row(_, v) => Some(v),
            Bind::Text(_) => None,
        }
    }
}

/// A dynamic area's rectangle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRect {
    pub name: String,
    pub x: u16,
    pub y: u16,
    pub w: u16,
    pub h: u16,
}

/// A laid-out panel.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub w: u16,
    pub h: u16,
    /// Text of the attribute columns is blank; fields hold everything else.
    pub fields: Vec<VField>,
    /// First line of the scrollable part and lines per model set.
    pub model_top: u16,
    pub model_lines: u16,
    /// Model sets that fit on the screen.
    pub rows_fit: usize,
    /// Visible rows: (first line, data row).
    pub rows: Vec<(u16, usize)>,
    /// Line of the bottom-of-data marker, when it shows.
    pub marker: Option<u16>,
    pub area: Option<AreaRect>,
    /// Index into `fields` of the command and scroll fields.
    pub cmd: Option<usize>,
    pub scroll: Option<usize>,
    /// Line of the long message.
    pub lmsg_y: u16,
}

impl View {
    pub fn field_at(&self, x: u16, y: u16) -> Option<usize> {
        self.fields.iter().position(|f| f.contains(x, y))
    }

    pub fn inputs(&self) -> impl Iterator<Item = (usize, &VField)> {
        self.fields.iter().enumerate().filter(|(_, f)| f.is_input())
    }

    /// First input field bound to this variable (body fields first).
    pub fn find_var(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| matches!(&f.bind, Bind::Var(v) if v == name) && f.is_input())
            .or_else(|| {
                self.fields
                    .iter()
                    .position(|f| matches!(&f.bind, Bind::Var(v) if v == name))
            })
    }

    /// Input field of a data row bound to a variable.
    pub fn find_row(&self, row: usize, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| matches!(&f.bind, Bind::Row(r, v) if *r == row && v == name) && f.is_input())
    }

    /// The data row whose model set covers screen line y.
    pub fn row_at(&self, y: u16) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .find(|(_, (ry, _))| y >= *ry && y < ry + self.model_lines)
            .map(|(i, (_, r))| (i, *r))
    }
}

/// Width a panel occupies on a screen (or window) `w` wide.
pub fn panel_width(p: &Panel, w: u16) -> u16 {
    let o = &p.body.opts;
    match (o.window, o.width, o.screen_width) {
        (Some((ww, _)), _, _) => ww,
        (None, _, true) => w,
        (None, Some(pw), false) => pw.min(w),
        (None, None, false) => MIN_SCREEN_WIDTH.min(w),
    }
}

/// Apply EXPAND(xy): each `x c y` becomes c repeated so the line fills `width`.
pub fn expand_line(text: &str, width: usize, exp: Option<(char, char)>) -> String {
    let Some((x, y)) = exp else { return text.to_string() };
    let cs: Vec<char> = text.chars().collect();
    let mut parts: Vec<Result<String, char>> = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == x && i + 2 < cs.len() && cs[i + 2] == y {
            parts.push(Ok(std::mem::take(&mut cur)));
            parts.push(Err(cs[i + 1]));
            i += 3;
            continue;
        }
        cur.push(cs[i]);
        i += 1;
    }
    parts.push(Ok(cur));
    let fixed: usize = parts.iter().map(|p| p.as_ref().map_or(0, |s| s.chars().count())).sum();
    let n = parts.iter().filter(|p| p.is_err()).count();
    if n == 0 {
        return text.to_string();
    }
    let grow = width.saturating_sub(fixed).max(n);
    let (each, mut extra) = (grow / n, grow % n);
    let mut out = String::with_capacity(width);
    for p in parts {
        match p {
            Ok(s) => out.push_str(&s),
            Err(c) => {
                let k = each + usize::from(extra > 0);
                extra = extra.saturating_sub(1);
                out.extend(std::iter::repeat_n(c, k));
            }
        }
    }
    out
}

/// Inputs of a layout.
pub struct LayoutIn<'a> {
    pub panel: &'a Panel,
    pub w: u16,
    pub h: u16,
    pub zvars: &'a [String],
    pub get: &'a dyn Fn(&str) -> String,
    pub table: Option<&'a Table>,
}

/// Where a segmented line goes and what it collects.
struct Seg<'a> {
    y: u16,
    pw: u16,
    /// Data row of a model line.
    row: Option<usize>,
    /// Z placeholders consumed so far.
    zi: &'a mut usize,
    out: &'a mut Vec<VField>,
    area: &'a mut Option<AreaRect>,
}

/// Segment one coded line (already expanded) into fields.
fn segment(inp: &LayoutIn, text: &str, sg: Seg) {
    let Seg {
        y,
        pw,
        row,
        zi,
        out,
        area,
    } = sg;
    let p = inp.panel;
    let cs: Vec<char> = text.chars().take(pw as usize).collect();
    let starts: Vec<usize> = cs
        .iter()
        .enumerate()
        .filter(|(_, c)| p.attrs.contains_key(c))
        .map(|(i, _)| i)
        .collect();
    // Text before the first attribute character: ISPF text, high intensity.
    let first = starts.first().copied().unwrap_or(cs.len());
    if first > 0 {
        let t: String = cs[..first].iter().collect();
        if !t.trim().is_empty() {
            let text = if row.is_some() { t } else { substitute(&t, inp.get) };
            out.push(VField {
                x: 0,
                y,
                w: first as u16,
                attr: Attr::basic(FieldKind::Text, true),
                bind: Bind::Text(fit(&text, first)),
            });
        }
    }
    for (k, &s) in starts.iter().enumerate() {
        let a = &p.attrs[&cs[s]];
        let end = match starts.get(k + 1) {
            Some(e) => *e,
            // The last field of a line runs to the panel's edge (text that
            // grows by substitution has room, as in ISPF).
            None if a.kind != FieldKind::Area => pw as usize,
            None => cs.len(),
        };
        let x = s + 1;
        if end <= x {
            continue;
        }
        let w = (end - x) as u16;
        let content: String = cs[x..end.min(cs.len())].iter().collect();
        match a.kind {
            FieldKind::Text => {
                let text = if row.is_some() {
                    content.clone()
                } else {
                    substitute(&content, inp.get)
                };
                out.push(VField {
                    x: x as u16,
                    y,
                    w,
                    attr: a.clone(),
                    bind: Bind::Text(fit(&text, w as usize)),
                });
            }
            FieldKind::Area => {
                let name: String = content.chars().take_while(|c| super::panel::is_name_char(*c)).collect();
                if !name.is_empty() && area.is_none() {
                    let h = if a.extend { inp.h.saturating_sub(y) } else { 1 };
                    *area = Some(AreaRect {
                        name: name.to_ascii_uppercase(),
                        x: s as u16,
                        y,
                        w: pw.saturating_sub(s as u16),
                        h,
                    });
                }
            }
            FieldKind::Input | FieldKind::Output => {
                let mut name: String = content
                    .chars()
                    .take_while(|c| super::panel::is_name_char(*c))
                    .collect::<String>()
                    .to_ascii_uppercase();
                if name == "Z" {
                    name = inp.zvars.get(*zi).cloned().unwrap_or_else(|| "Z".into());
                    *zi += 1;
                }
                let bind = match row {
                    Some(r) => Bind::Row(r, name),
                    None => Bind::Var(name),
                };
                out.push(VField {
                    x: x as u16,
                    y,
                    w,
                    attr: a.clone(),
                    bind,
                });
            }
        }
    }
}

/// Pad or cut text to exactly `w` characters.
pub fn fit(s: &str, w: usize) -> String {
    let mut out: String = s.chars().take(w).collect();
    let n = out.chars().count();
    out.extend(std::iter::repeat_n(' ', w - n));
    out
}

/// Lay a panel out.
pub fn layout(inp: &LayoutIn) -> View {
    let p = inp.panel;
    let pw = panel_width(p, inp.w);
    let exp = p.body.opts.expand;
    let mut v = View {
        w: pw,
        h: inp.h,
        ..Default::default()
    };
    let mut zi = 0;
    let mut area = None;
    for (y, l) in p.body.lines.iter().enumerate() {
        if y as u16 >= inp.h {
            break;
        }
        let text = expand_line(&l.text, pw as usize, exp);
        segment(
            inp,
            &text,
            Seg {
                y: y as u16,
                pw,
                row: None,
                zi: &mut zi,
                out: &mut v.fields,
                area: &mut area,
            },
        );
    }
    v.area = area;
    let body_zi = zi;
    if let Some(m) = &p.model {
        v.model_top = p.body.lines.len() as u16;
        v.model_lines = m.lines.len() as u16;
        let room = inp.h.saturating_sub(v.model_top) as usize;
        v.rows_fit = room / m.lines.len();
        let lines: Vec<String> = m.lines.iter().map(|l| expand_line(&l.text, pw as usize, exp)).collect();
        let mut y = v.model_top;
        if let Some(t) = inp.table {
            let mut pos = t.top;
            while (y + v.model_lines) <= inp.h {
                let Some(row) = t.at(pos) else { break };
                v.rows.push((y, row));
                for (k, text) in lines.iter().enumerate() {
                    let mut z = body_zi;
                    segment(
                        inp,
                        text,
                        Seg {
                            y: y + k as u16,
                            pw,
                            row: Some(row),
                            zi: &mut z,
                            out: &mut v.fields,
                            area: &mut None,
                        },
                    );
                }
                y += v.model_lines;
                pos += 1;
            }
            if t.at(pos).is_none() && y < inp.h {
                v.marker = Some(y);
            }
        } else if y < inp.h {
            v.marker = Some(y);
        }
    }
    // Command field: CMD(name), else the first input field; CMD() = none.
    v.cmd = match p.body.opts.cmd.as_deref() {
        Some("") => None,
        Some(name) => v
            .fields
            .iter()
            .position(|f| f.is_input() && matches!(&f.bind, Bind::Var(n) if n == name)),
        None => v
            .fields
            .iter()
            .position(|f| f.is_input() && matches!(f.bind, Bind::Var(_))),
    };
    // Scroll field: the next input field, if exactly four wide.
    if let Some(c) = v.cmd {
        v.scroll = v
            .fields
            .iter()
            .enumerate()
            .skip(c + 1)
            .find(|(_, f)| f.is_input() && matches!(f.bind, Bind::Var(_)))
            .filter(|(_, f)| f.w == 4 && f.y == v.fields[c].y)
            .map(|(i, _)| i);
    }
    v.lmsg_y = match (&p.body.opts.lmsg, v.cmd) {
        (Some(f), _) => v.find_var(f).map_or(1, |i| v.fields[i].y),
        (None, Some(c)) if v.fields[c].y <= 2 => v.fields[c].y + 1,
        (None, Some(c)) => v.fields[c].y.saturating_sub(1),
        (None, None) => inp.h.saturating_sub(1),
    };
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::panel::parse_panel;
    use crate::tui::table::Column;

    #[test]
    fn expand_fills_width() {
        assert_eq!(expand_line("a/-/b/ /c", 10, Some(('/', '/'))), "a----b   c");
        assert_eq!(expand_line("a/-/b", 2, Some(('/', '/'))), "a-b");
        assert_eq!(expand_line("abc", 10, Some(('/', '/'))), "abc");
    }

    #[test]
    fn fields_model_and_command() {
        let p = parse_panel(
            "T",
            "T.pnl",
            ")ATTR\n | TYPE(LEF)\n ? TYPE(LI)\n)BODY WIDTH(&ZSCREENW) EXPAND(//)\n%Title &NAME/ /\n%Command ===>_ZCMD/ /+Scroll ===>_ZSCR+\n)MODEL\n|Z?COL1    ?COL2\n)END\n",
        )
        .unwrap();
        let mut t = Table::new(vec![Column::text("COL1"), Column::text("COL2")]);
        t.set_rows((0..50).map(|i| vec![format!("R{i}"), "x".into()]).collect());
        let zv = vec!["LCMD".to_string()];
        let get = |n: &str| {
            if n == "NAME" {
                "Hello".to_string()
            } else {
                String::new()
            }
        };
        let v = layout(&LayoutIn {
            panel: &p,
            w: 100,
            h: 10,
            zvars: &zv,
            get: &get,
            table: Some(&t),
        });
        assert_eq!(v.w, 100);
        assert!(matches!(&v.fields[0].bind, Bind::Text(s) if s.starts_with("Title Hello")));
        let c = &v.fields[v.cmd.unwrap()];
        assert_eq!((c.y, c.bind.clone()), (1, Bind::Var("ZCMD".into())));
        let s = &v.fields[v.scroll.unwrap()];
        assert_eq!((s.w, s.x + s.w), (4, 99));
        assert_eq!(v.rows_fit, 8);
        assert_eq!(v.rows.len(), 8);
        assert_eq!(v.lmsg_y, 2);
        assert!(v.marker.is_none());
        let lc = v.find_row(0, "LCMD").unwrap();
        assert_eq!((v.fields[lc].x, v.fields[lc].y, v.fields[lc].w), (1, 2, 1));
        t.set_top(45);
        let v = layout(&LayoutIn {
            panel: &p,
            w: 100,
            h: 10,
            zvars: &zv,
            get: &get,
            table: Some(&t),
        });
        assert_eq!(v.rows.len(), 5);
        assert_eq!(v.marker, Some(7));
    }
}
