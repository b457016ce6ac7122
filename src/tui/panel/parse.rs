//! `.pnl` file → [`Panel`]: sections, )ATTR, )BODY, )MODEL, )HELP.
//! Statements of )INIT/)REINIT/)PROC are handed to `stmt`. Every error
//! names the file, line and column; nothing here panics on bad input.

use std::collections::BTreeMap;

use super::stmt::parse_statements;
use super::{
    Attr, Body, BodyOpts, Color3270, CuaType, FieldKind, Hilite, Just, Look, Model, Panel, PanelError, SrcLine,
    valid_var_name,
};

/// The widest panel we accept (3270 model 5 is 132 columns).
pub const MAX_WIDTH: u16 = 160;
/// The width a panel coded for `WIDTH(&ZSCREENW)` must fit before expansion.
pub const MIN_SCREEN_WIDTH: u16 = 80;

/// Sections in their required order; )HELP may follow in any order.
const ORDER: [&str; 7] = ["PANEL", "ATTR", "BODY", "MODEL", "INIT", "REINIT", "PROC"];

pub(crate) struct Ctx<'a> {
    pub file: &'a str,
}

impl Ctx<'_> {
    pub fn err(&self, line: usize, col: usize, text: impl Into<String>) -> PanelError {
        PanelError {
            id: "ICL601E",
            file: self.file.to_string(),
            line,
            col,
            text: text.into(),
        }
    }
}

/// A section header and the lines under it.
struct Section<'a> {
    name: String,
    /// Text after the header keyword (options).
    opts: &'a str,
    opts_col: usize,
    line: usize,
    lines: Vec<(usize, &'a str)>,
}

/// Parse a panel file. `name` is the panel name, `file` names the source
/// in messages.
pub fn parse_panel(name: &str, file: &str, text: &str) -> Result<Panel, PanelError> {
    let cx = Ctx { file };
    let mut sections: Vec<Section> = Vec::new();
    let mut ended = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if let Some(head) = raw.strip_prefix(')') {
            let kw_len = head.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(head.len());
            let kw = head[..kw_len].to_ascii_uppercase();
            if kw == "END" {
                ended = true;
                break;
            }
            let known = ORDER.contains(&kw.as_str()) || kw == "HELP";
            if !known {
                let what = if matches!(kw.as_str(), "ABC" | "ABCINIT" | "ABCPROC" | "AREA" | "FIELD" | "PNTS") {
                    format!("section ){kw} is not in the imsclone panel subset (see docs/panels.md)")
                } else {
                    format!("unknown section ){kw}")
                };
                return Err(cx.err(line, 1, what));
            }
            if sections.iter().any(|s| s.name == kw) {
                return Err(cx.err(line, 1, format!("section ){kw} appears twice")));
            }
            if kw != "HELP"
                && let Some(prev) = sections.iter().rev().find(|s| s.name != "HELP")
            {
                let (a, b) = (rank(&prev.name), rank(&kw));
                if b < a {
                    return Err(cx.err(line, 1, format!("section ){kw} must come before ){}", prev.name)));
                }
            }
            if kw != "HELP" && sections.iter().any(|s| s.name == "HELP") {
                return Err(cx.err(line, 1, format!("section ){kw} must come before )HELP")));
            }
            sections.push(Section {
                name: kw,
                opts: &head[kw_len..],
                opts_col: kw_len + 2,
                line,
                lines: Vec::new(),
            });
        } else if let Some(s) = sections.last_mut() {
            s.lines.push((line, raw));
        } else if !raw.trim().is_empty() && !raw.trim_start().starts_with("/*") {
            return Err(cx.err(
                line,
                1,
                "text before the first section (a panel starts with )PANEL, )ATTR or )BODY)",
            ));
        }
    }
    if !ended {
        let last = text.lines().count().max(1);
        return Err(cx.err(last, 1, "missing )END"));
    }

    let mut panel = Panel {
        name: name.to_ascii_uppercase(),
        origin: file.to_string(),
        cua: false,
        keylist: None,
        attrs: default_attrs(['%', '+', '_']),
        body: Body {
            opts: BodyOpts::default(),
            lines: Vec::new(),
        },
        model: None,
        init: Vec::new(),
        reinit: Vec::new(),
        proc_: Vec::new(),
        help: Vec::new(),
    };
    let mut have_body = false;
    let mut attr_defaults = None;
    // Where )BODY CMD(...) was written, for errors about the command field.
    let mut cmd_pos = (1, 1);
    for s in &sections {
        match s.name.as_str() {
            "PANEL" => {
                panel.cua = true;
                for (k, v, col) in keywords(&cx, s.opts, s.line, s.opts_col)? {
                    match k.as_str() {
                        "KEYLIST" => panel.keylist = Some(v.split(',').next().unwrap_or("").trim().to_string()),
                        _ => return Err(cx.err(s.line, col, format!(")PANEL keyword {k} is not supported"))),
                    }
                }
                no_lines(&cx, s)?;
            }
            "ATTR" => {
                for (k, v, col) in keywords(&cx, s.opts, s.line, s.opts_col)? {
                    match k.as_str() {
                        "DEFAULT" => attr_defaults = Some(default_chars(&cx, &v, s.line, col)?),
                        _ => return Err(cx.err(s.line, col, format!(")ATTR keyword {k} is not supported"))),
                    }
                }
                if let Some(d) = attr_defaults {
                    panel.attrs = default_attrs(d);
                }
                for (line, raw) in &s.lines {
                    parse_attr_line(&cx, &mut panel.attrs, raw, *line)?;
                }
            }
            "BODY" => {
                have_body = true;
                let mut opts = BodyOpts::default();
                cmd_pos = (s.line, 1);
                for (k, v, col) in keywords(&cx, s.opts, s.line, s.opts_col)? {
                    if k == "CMD" {
                        cmd_pos = (s.line, col);
                    }
                    body_option(&cx, &mut opts, &mut panel.attrs, &k, &v, s.line, col)?;
                }
                panel.body = Body {
                    opts,
                    lines: s
                        .lines
                        .iter()
                        .map(|(l, t)| SrcLine {
                            text: t.trim_end().to_string(),
                            line: *l,
                        })
                        .collect(),
                };
            }
            "MODEL" => {
                let mut m = Model {
                    clear: Vec::new(),
                    rows_scan: false,
                    lines: Vec::new(),
                };
                for (k, v, col) in keywords(&cx, s.opts, s.line, s.opts_col)? {
                    match k.as_str() {
                        "CLEAR" => {
                            m.clear = v
                                .split([',', ' '])
                                .filter(|x| !x.is_empty())
                                .map(|x| x.to_ascii_uppercase())
                                .collect()
                        }
                        "ROWS" => match v.to_ascii_uppercase().as_str() {
                            "ALL" => m.rows_scan = false,
                            "SCAN" => m.rows_scan = true,
                            _ => return Err(cx.err(s.line, col, "ROWS must be ALL or SCAN")),
                        },
                        _ => return Err(cx.err(s.line, col, format!(")MODEL keyword {k} is not supported"))),
                    }
                }
                m.lines = s
                    .lines
                    .iter()
                    .filter(|(_, t)| !t.trim().is_empty())
                    .map(|(l, t)| SrcLine {
                        text: t.trim_end().to_string(),
                        line: *l,
                    })
                    .collect();
                if m.lines.is_empty() || m.lines.len() > 8 {
                    return Err(cx.err(s.line, 1, "a )MODEL section needs 1 to 8 model lines"));
                }
                panel.model = Some(m);
            }
            "INIT" | "REINIT" | "PROC" => {
                if !s.opts.trim().is_empty() {
                    return Err(cx.err(s.line, s.opts_col, format!("){} takes no options", s.name)));
                }
                let stmts = parse_statements(&cx, &s.lines)?;
                match s.name.as_str() {
                    "INIT" => panel.init = stmts,
                    "REINIT" => panel.reinit = stmts,
                    _ => panel.proc_ = stmts,
                }
            }
            "HELP" => {
                for (line, raw) in &s.lines {
                    let t = strip_comment(raw);
                    if t.trim().is_empty() {
                        continue;
                    }
                    let col0 = t.len() - t.trim_start().len() + 1;
                    let kws = keywords(&cx, t, *line, 1)?;
                    let field = kws.iter().find(|k| k.0 == "FIELD").map(|k| k.1.to_ascii_uppercase());
                    let help = kws.iter().find(|k| k.0 == "PANEL").map(|k| k.1.to_ascii_uppercase());
                    if let Some((k, _, c)) = kws.iter().find(|k| k.0 != "FIELD" && k.0 != "PANEL") {
                        return Err(cx.err(*line, *c, format!(")HELP keyword {k} is not supported")));
                    }
                    match (field, help) {
                        (Some(f), Some(p)) if valid_var_name(&f) && valid_var_name(&p) => panel.help.push((f, p)),
                        _ => return Err(cx.err(*line, col0, ")HELP lines are FIELD(name) PANEL(name)")),
                    }
                }
            }
            _ => {}
        }
    }
    if !have_body {
        return Err(cx.err(1, 1, "the panel has no )BODY section"));
    }
    check_body(&cx, &panel, cmd_pos)?;
    Ok(panel)
}

fn rank(name: &str) -> usize {
    ORDER.iter().position(|s| *s == name).unwrap_or(ORDER.len())
}

fn no_lines(cx: &Ctx, s: &Section) -> Result<(), crate::tui::panel::PanelError> {
    match s.lines.iter().find(|(_, t)| !strip_comment(t).trim().is_empty()) {
        Some((l, _)) => Err(cx.err(*l, 1, format!("unexpected line in ){}", s.name))),
        None => Ok(()),
    }
}

/// The default attribute characters: text high, text low, input high.
pub fn default_attrs(chars: [char; 3]) -> BTreeMap<char, Attr> {
    let mut m = BTreeMap::new();
    m.insert(chars[0], Attr::basic(FieldKind::Text, true));
    m.insert(chars[1], Attr::basic(FieldKind::Text, false));
    m.insert(chars[2], Attr::basic(FieldKind::Input, true));
    m
}

fn default_chars(cx: &Ctx, v: &str, line: usize, col: usize) -> Result<[char; 3], PanelError> {
    let cs: Vec<char> = v.chars().collect();
    if cs.len() != 3 || cs.iter().any(|c| !valid_attr_char(*c)) {
        return Err(cx.err(line, col, "DEFAULT needs three attribute characters"));
    }
    Ok([cs[0], cs[1], cs[2]])
}

/// Attribute characters: printable ASCII, not a letter, digit, blank or `&`.
pub fn valid_attr_char(c: char) -> bool {
    c.is_ascii_graphic() && !c.is_ascii_alphanumeric() && c != '&'
}

/// Remove a trailing `/* ... */` comment (outside quotes).
pub fn strip_comment(s: &str) -> &str {
    let mut in_q = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' => in_q = !in_q,
            b'/' if !in_q && b.get(i + 1) == Some(&b'*') => return &s[..i],
            _ => {}
        }
        i += 1;
    }
    s
}

/// Parse `KEY(value) KEY(value)` lists. Returns (upper-case key, value, column).
pub(crate) fn keywords(
    cx: &Ctx,
    text: &str,
    line: usize,
    col0: usize,
) -> Result<Vec<(String, String, usize)>, PanelError> {
    let text = strip_comment(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' || chars[i] == ',' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let col = col0 + start;
        if i == start {
            return Err(cx.err(line, col, format!("unexpected '{}'", chars[i])));
        }
        let key: String = chars[start..i].iter().collect::<String>().to_ascii_uppercase();
        if i >= chars.len() || chars[i] != '(' {
            // Keywords without a value (ASIS).
            out.push((key, String::new(), col));
            continue;
        }
        i += 1;
        let mut val = String::new();
        let mut depth = 0;
        let mut closed = false;
        while i < chars.len() {
            let c = chars[i];
            if c == '\'' {
                // Quoted value: '' is one quote.
                i += 1;
                loop {
                    if i >= chars.len() {
                        return Err(cx.err(line, col, format!("unterminated quote in {key}(...)")));
                    }
                    if chars[i] == '\'' {
                        if chars.get(i + 1) == Some(&'\'') {
                            val.push('\'');
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    val.push(chars[i]);
                    i += 1;
                }
                continue;
            }
            if c == '(' {
                depth += 1;
            } else if c == ')' {
                if depth == 0 {
                    closed = true;
                    i += 1;
                    break;
                }
                depth -= 1;
            }
            val.push(c);
            i += 1;
        }
        if !closed {
            return Err(cx.err(line, col, format!("missing ')' after {key}(")));
        }
        out.push((key, val, col));
    }
    Ok(out)
}

fn parse_attr_line(cx: &Ctx, attrs: &mut BTreeMap<char, Attr>, raw: &str, line: usize) -> Result<(), PanelError> {
    let t = strip_comment(raw);
    if t.trim().is_empty() {
        return Ok(());
    }
    let lead = t.len() - t.trim_start().len();
    let ch = t[lead..].chars().next().unwrap_or(' ');
    let col = lead + 1;
    if !valid_attr_char(ch) {
        return Err(cx.err(
            line,
            col,
            format!(
                "'{ch}' cannot be an attribute character (use printable ASCII other than letters, digits, & and blank)"
            ),
        ));
    }
    let rest = &t[lead + ch.len_utf8()..];
    let kws = keywords(cx, rest, line, col + 1)?;
    let mut a = Attr::basic(FieldKind::Input, true);
    let mut cua: Option<CuaType> = None;
    let mut intens: Option<bool> = None;
    let mut color = None;
    let mut hilite = None;
    for (k, v, kcol) in kws {
        let vu = v.trim().to_ascii_uppercase();
        let bad = |what: &str| cx.err(line, kcol, format!("{k}({v}) is invalid: {what}"));
        match k.as_str() {
            "TYPE" => match vu.as_str() {
                "TEXT" => a.kind = FieldKind::Text,
                "INPUT" => a.kind = FieldKind::Input,
                "OUTPUT" => a.kind = FieldKind::Output,
                "DATAOUT" | "DATAIN" | "CHAR" => a.kind = FieldKind::Output,
                other => match CuaType::from_keyword(other) {
                    Some(t) => {
                        cua = Some(t);
                        a.kind = t.kind();
                    }
                    None => return Err(bad("unknown TYPE")),
                },
            },
            "INTENS" => match vu.as_str() {
                "HIGH" => intens = Some(true),
                "LOW" => intens = Some(false),
                "NON" => a.hidden = true,
                _ => return Err(bad("INTENS is HIGH, LOW or NON")),
            },
            "COLOR" | "COLOUR" => {
                color = Some(
                    Color3270::from_name(&vu)
                        .ok_or_else(|| bad("COLOR is WHITE RED BLUE GREEN PINK YELLOW or TURQ"))?,
                )
            }
            "HILITE" => {
                hilite = Some(match vu.as_str() {
                    "USCORE" => Hilite::Uscore,
                    "BLINK" => Hilite::Blink,
                    "REVERSE" => Hilite::Reverse,
                    _ => return Err(bad("HILITE is USCORE, BLINK or REVERSE")),
                })
            }
            "CAPS" => a.caps = Some(on_off(&vu).ok_or_else(|| bad("CAPS is ON or OFF"))?),
            "JUST" => {
                a.just = Some(match vu.as_str() {
                    "LEFT" => Just::Left,
                    "RIGHT" => Just::Right,
                    "ASIS" => Just::Asis,
                    _ => return Err(bad("JUST is LEFT, RIGHT or ASIS")),
                })
            }
            "PAD" | "PADC" => {
                let c = match vu.as_str() {
                    "NULLS" | "USER" => ' ',
                    _ if v.chars().count() == 1 => v.chars().next().unwrap_or(' '),
                    _ => return Err(bad("a pad is one character, NULLS or USER")),
                };
                if k == "PAD" { a.pad = Some(c) } else { a.padc = Some(c) }
            }
            "SKIP" => a.skip = on_off(&vu).ok_or_else(|| bad("SKIP is ON or OFF"))?,
            "NUMERIC" => a.numeric = on_off(&vu).ok_or_else(|| bad("NUMERIC is ON or OFF"))?,
            "NOJUMP" | "PAS" => {
                on_off(&vu).ok_or_else(|| bad("the value is ON or OFF"))?;
            }
            "AREA" => match vu.as_str() {
                "DYNAMIC" => a.kind = FieldKind::Area,
                "SCRL" => {
                    return Err(bad(
                        "scrollable areas are not in the imsclone subset; use AREA(DYNAMIC)",
                    ));
                }
                _ => return Err(bad("AREA is DYNAMIC")),
            },
            "EXTEND" => a.extend = on_off(&vu).ok_or_else(|| bad("EXTEND is ON or OFF"))?,
            "SCROLL" | "USERMOD" | "DATAMOD" => {}
            _ => return Err(cx.err(line, kcol, format!("attribute keyword {k} is not supported"))),
        }
    }
    if let Some(t) = cua {
        if color.is_some() || intens.is_some() || hilite.is_some() {
            return Err(cx.err(
                line,
                col,
                format!(
                    "TYPE({}) takes its colour from the theme: drop COLOR, INTENS and HILITE",
                    t.keyword()
                ),
            ));
        }
        a.look = Look::Cua(t);
    } else {
        let high = intens.unwrap_or_else(|| color.is_none_or(Color3270::implies_high));
        a.look = Look::Basic { high, color, hilite };
    }
    if a.extend && a.kind != FieldKind::Area {
        return Err(cx.err(line, col, "EXTEND(ON) needs AREA(DYNAMIC)"));
    }
    attrs.insert(ch, a);
    Ok(())
}

fn on_off(v: &str) -> Option<bool> {
    match v {
        "ON" => Some(true),
        "OFF" => Some(false),
        _ => None,
    }
}

fn body_option(
    cx: &Ctx,
    o: &mut BodyOpts,
    attrs: &mut BTreeMap<char, Attr>,
    k: &str,
    v: &str,
    line: usize,
    col: usize,
) -> Result<(), PanelError> {
    let name = |v: &str| -> Result<String, PanelError> {
        let u = v.trim().to_ascii_uppercase();
        if u.is_empty() || valid_var_name(&u) {
            Ok(u)
        } else {
            Err(cx.err(line, col, format!("{k}({v}): '{v}' is not a field name")))
        }
    };
    match k {
        "CMD" => o.cmd = Some(name(v)?),
        "SMSG" => o.smsg = Some(name(v)?),
        "LMSG" => o.lmsg = Some(name(v)?),
        "ASIS" => o.asis = true,
        "WINDOW" => {
            let p: Vec<&str> = v.split([',', ' ']).filter(|x| !x.is_empty()).collect();
            let n = |s: &str| s.trim().parse::<u16>().ok();
            match (p.first().and_then(|s| n(s)), p.get(1).and_then(|s| n(s))) {
                (Some(w), Some(d))
                    if p.len() == 2 && (8..=MIN_SCREEN_WIDTH - 4).contains(&w) && (3..=20).contains(&d) =>
                {
                    o.window = Some((w, d))
                }
                _ => return Err(cx.err(line, col, format!("WINDOW({v}) needs width 8-76 and depth 3-20"))),
            }
        }
        "WIDTH" => {
            let t = v.trim();
            if t.eq_ignore_ascii_case("&ZSCREENW") {
                o.screen_width = true;
            } else {
                match t.parse::<u16>() {
                    Ok(w) if (MIN_SCREEN_WIDTH..=MAX_WIDTH).contains(&w) => o.width = Some(w),
                    _ => return Err(cx.err(line, col, format!("WIDTH({v}) must be 80-160 or &ZSCREENW"))),
                }
            }
        }
        "EXPAND" => {
            let cs: Vec<char> = v.chars().collect();
            match cs.as_slice() {
                [a] => o.expand = Some((*a, *a)),
                [a, b] => o.expand = Some((*a, *b)),
                _ => return Err(cx.err(line, col, "EXPAND needs one or two characters")),
            }
        }
        "DEFAULT" => {
            let d = default_chars(cx, v, line, col)?;
            // )BODY DEFAULT wins over )ATTR DEFAULT: replace the three
            // default characters, keep explicitly defined ones.
            let defs = default_attrs(d);
            for (c, a) in defs {
                attrs.entry(c).or_insert(a);
            }
        }
        _ => return Err(cx.err(line, col, format!(")BODY keyword {k} is not supported"))),
    }
    Ok(())
}

/// Static checks of body and model lines: widths, field names, the
/// command field, EXPAND pairs, at most one extendable area.
fn check_body(cx: &Ctx, p: &Panel, cmd_pos: (usize, usize)) -> Result<(), PanelError> {
    let o = &p.body.opts;
    let limit = match (o.window, o.width, o.screen_width) {
        (Some((w, _)), _, _) => w,
        (None, Some(w), _) => w,
        (None, None, _) => MIN_SCREEN_WIDTH,
    };
    if o.screen_width && o.expand.is_none() && o.window.is_none() {
        // Allowed, but without EXPAND the panel just stays 80 wide.
    }
    let mut areas = 0;
    let mut cmd_seen = false;
    let mut inputs = Vec::new();
    let model_lines = p.model.iter().flat_map(|m| m.lines.iter().map(|l| (l, true)));
    for (l, in_model) in p.body.lines.iter().map(|l| (l, false)).chain(model_lines) {
        let mut width = l.text.chars().count();
        if let Some((x, y)) = o.expand {
            let mut idx = 0;
            let cs: Vec<char> = l.text.chars().collect();
            let mut n = 0;
            while idx < cs.len() {
                if cs[idx] == x {
                    if idx + 2 < cs.len() && cs[idx + 2] == y {
                        n += 1;
                        idx += 3;
                        continue;
                    }
                    return Err(cx.err(
                        l.line,
                        idx + 1,
                        format!("EXPAND: '{x}' must be followed by one character and '{y}'"),
                    ));
                }
                idx += 1;
            }
            width -= n * 2;
        }
        if width > limit as usize {
            return Err(cx.err(
                l.line,
                limit as usize + 1,
                format!("line is {width} columns, wider than the panel ({limit})"),
            ));
        }
        for (col, ch, name) in field_starts(p, &l.text) {
            let a = &p.attrs[&ch];
            match a.kind {
                FieldKind::Text => {}
                FieldKind::Area => {
                    if in_model {
                        return Err(cx.err(l.line, col, "a dynamic area cannot be in )MODEL"));
                    }
                    if !name.is_empty() {
                        if !valid_var_name(&name) {
                            return Err(cx.err(l.line, col + 1, format!("'{name}' is not a valid area name")));
                        }
                        areas += 1;
                        if areas > 1 {
                            return Err(cx.err(l.line, col, "only one dynamic area per panel"));
                        }
                    }
                }
                FieldKind::Input | FieldKind::Output => {
                    if name.is_empty() || !valid_var_name(&name) {
                        return Err(cx.err(
                            l.line,
                            col + 1,
                            "a field needs a variable name (1-8 characters) after its attribute",
                        ));
                    }
                    if a.kind == FieldKind::Input && !in_model {
                        inputs.push(name.clone());
                        if o.cmd.as_deref() == Some(name.as_str()) {
                            cmd_seen = true;
                        }
                    }
                }
            }
        }
    }
    if let Some(c) = &o.cmd
        && !c.is_empty()
        && !cmd_seen
    {
        return Err(cx.err(
            cmd_pos.0,
            cmd_pos.1,
            format!("CMD({c}) names no input field of the body"),
        ));
    }
    if p.model.is_some() && o.cmd.as_deref() == Some("") {
        return Err(cx.err(
            cmd_pos.0,
            cmd_pos.1,
            "a table panel (with )MODEL) needs a command field",
        ));
    }
    Ok(())
}

/// (1-based column, attribute char, leading name) of every field start on a
/// coded line.
pub fn field_starts(p: &Panel, text: &str) -> Vec<(usize, char, String)> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        if p.attrs.contains_key(c) {
            let name: String = cs[i + 1..]
                .iter()
                .take_while(|c| super::is_name_char(**c) && !p.attrs.contains_key(c))
                .collect();
            out.push((i + 1, *c, name.to_ascii_uppercase()));
        }
    }
    out
}

/// True for panels the library treats as help (tutorial) panels.
pub fn is_help_panel(name: &str) -> bool {
    name.starts_with("ICLH")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Panel, PanelError> {
        parse_panel("T", "T.pnl", text)
    }

    #[test]
    fn minimal_panel() {
        let x = p(")BODY\n%Title\n+Command ===>_ZCMD\n)END\n").unwrap();
        assert_eq!(x.body.lines.len(), 2);
        assert!(!x.cua);
        assert!(x.attrs[&'_'].is_input());
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = p(")BODY\n%x\n)FOO\n)END\n").unwrap_err();
        assert_eq!((e.id, e.line, e.col), ("ICL601E", 3, 1));
        let e = p(")ATTR\n # TYPE(BOGUS)\n)BODY\n#x\n)END\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 4));
        let e = p(")BODY\n%x\n").unwrap_err();
        assert!(e.text.contains("missing )END"));
        let e = p(")BODY\n)ATTR\n)END\n").unwrap_err();
        assert!(e.text.contains("before"), "{e}");
    }

    #[test]
    fn cua_type_rejects_colour() {
        let e = p(")ATTR\n # TYPE(PT) COLOR(RED)\n)BODY\n#x\n)END\n").unwrap_err();
        assert!(e.text.contains("theme"));
    }

    #[test]
    fn too_wide_line() {
        let long = "%".to_string() + &"x".repeat(90);
        let e = p(&format!(")BODY\n{long}\n)END\n")).unwrap_err();
        assert_eq!((e.line, e.col), (2, 81));
    }

    #[test]
    fn expand_markers_do_not_count() {
        let line = format!("%/-/{}/ /", "x".repeat(76));
        p(&format!(")BODY EXPAND(//) WIDTH(&ZSCREENW)\n{line}\n)END\n")).unwrap();
    }
}
