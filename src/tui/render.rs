//! App → screen buffer. The topmost full-screen dialog is drawn, then the
//! pop-ups above it in their frames, then the function key area. Only
//! laid-out fields are touched, so a table costs its visible rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use super::app::{App, MIN_H, MIN_W, Pending};
use super::layout::{Bind, VField, fit};
use super::panel::{CuaType, FieldKind, Just};
use super::screen::{CursorReq, Screen};

/// Draw everything; returns the cursor position on the screen.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let bg = app.theme.background();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
                c.set_style(bg);
            }
        }
    }
    if app.too_small() {
        too_small(app, area, buf);
        return None;
    }
    if app.stack.is_empty() {
        return None;
    }
    let fka = app.fka_lines();
    let screen = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(fka));
    let base = app.stack.iter().rposition(|e| !e.popup).unwrap_or(0);
    let top = app.stack.len() - 1;
    let mut top_rect = screen;
    draw_entry(app, base, screen, buf);
    for idx in base + 1..app.stack.len() {
        let Ok(p) = app.panel_of(idx) else { continue };
        let (w, h) = app.area_of(&p, true);
        let (w, h) = (
            w.min(screen.width.saturating_sub(2)),
            h.min(screen.height.saturating_sub(2)),
        );
        let fx = screen.x + (screen.width - (w + 2)) / 2;
        let fy = screen.y + (screen.height - (h + 2)) / 2;
        let frame = Rect::new(fx, fy, w + 2, h + 2);
        Clear.render(frame, buf);
        let style = if idx == top {
            app.theme.role("frame_active")
        } else {
            app.theme.role("frame_inactive")
        };
        let mut title = app.lookup(idx, "ZWINTTL");
        if title.trim().is_empty() {
            title = p.name.clone();
        }
        Block::bordered()
            .border_type(BorderType::Plain)
            .border_style(style)
            .style(bg)
            .title(format!(" {} ", title.trim()))
            .render(frame, buf);
        let inner = Rect::new(fx + 1, fy + 1, w, h);
        draw_entry(app, idx, inner, buf);
        if idx == top {
            top_rect = inner;
        }
    }
    draw_fka(app, Rect::new(area.x, area.y + screen.height, area.width, fka), buf);
    let e = &app.stack[top];
    // A focused editor shows its own cursor.
    let editor = if e.dialog.focused() {
        app.view_of(top)
            .and_then(|(_, v)| v.area)
            .and_then(|a| e.dialog.area_cursor(&e.scr, &a))
    } else {
        None
    };
    let (cx, cy) = editor.unwrap_or(e.scr.cursor);
    Some((
        top_rect.x + cx.min(top_rect.width.saturating_sub(1)),
        top_rect.y + cy.min(top_rect.height.saturating_sub(1)),
    ))
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let m = super::messages::Message::of("ICL660W", &[("SIZE", &format!("{}x{}", area.width, area.height))]);
    let text = format!("{}\n\nEnlarge the window to at least {MIN_W}x{MIN_H}.", m.line());
    let h = 4.min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    Paragraph::new(text)
        .style(app.theme.role("too_small"))
        .wrap(Wrap { trim: true })
        .centered()
        .render(Rect::new(area.x, y, area.width, h), buf);
}

fn draw_fka(app: &App, r: Rect, buf: &mut Buffer) {
    if r.height == 0 {
        return;
    }
    let entries = app.keys.fka();
    let per = (r.width as usize / 13).max(1);
    let style = app.theme.role("fkey");
    for (i, chunk) in entries.chunks(per).enumerate() {
        if i as u16 >= r.height {
            break;
        }
        let line: String = chunk.iter().map(|e| format!(" {}", fit(e, 12))).collect();
        buf.set_stringn(r.x, r.y + i as u16, line.trim_end(), r.width as usize, style);
    }
}

/// Apply `.ATTR(field) = 'TYPE(x) COLOR(x) HILITE(x) INTENS(x)'`; unknown
/// keywords and values are ignored (the panel parser cannot see the value,
/// which is often built at run time).
fn override_attr(a: &mut super::panel::Attr, spec: &str) {
    use super::panel::{Color3270, Hilite, Look};
    for part in spec.split(')') {
        let Some((k, v)) = part.split_once('(') else { continue };
        let (k, v) = (k.trim().to_ascii_uppercase(), v.trim().to_ascii_uppercase());
        let (mut high, mut color, mut hilite) = match a.look {
            Look::Basic { high, color, hilite } => (high, color, hilite),
            Look::Cua(_) => (true, None, None),
        };
        match k.as_str() {
            "TYPE" => {
                if let Some(t) = CuaType::from_keyword(&v) {
                    a.look = Look::Cua(t);
                }
                continue;
            }
            "COLOR" | "COLOUR" => color = Color3270::from_name(&v).or(color),
            "INTENS" => high = v != "LOW",
            "HILITE" => {
                hilite = match v.as_str() {
                    "REVERSE" => Some(Hilite::Reverse),
                    "USCORE" => Some(Hilite::Uscore),
                    "BLINK" => Some(Hilite::Blink),
                    _ => hilite,
                }
            }
            _ => continue,
        }
        a.look = Look::Basic { high, color, hilite };
    }
}

/// Is this field the one a failed check points at?
fn is_error(s: &Screen, f: &VField) -> bool {
    match (&s.error_field, &f.bind) {
        (Some(CursorReq::Var(n)), Bind::Var(v)) => n == v,
        (Some(CursorReq::Row(r, n)), Bind::Row(fr, v)) => r == fr && n == v,
        _ => false,
    }
}

/// What a field shows, fitted to its width. `lookup` finds variables
/// in the function, shared and profile pools.
fn field_text(s: &Screen, f: &VField, lookup: &dyn Fn(&str) -> String) -> String {
    let w = f.w as usize;
    match &f.bind {
        Bind::Text(t) => t.clone(),
        _ => {
            let v = match &f.bind {
                Bind::Var(n) => lookup(n),
                _ => s.value(f),
            };
            if f.attr.hidden {
                return " ".repeat(w);
            }
            let blank = v.trim().is_empty();
            let pad = match (f.attr.pad, f.attr.padc) {
                (Some(p), _) => p,
                (None, Some(p)) if blank => p,
                _ => ' ',
            };
            let mut out: String = if f.attr.just == Some(Just::Right) && f.attr.kind != FieldKind::Input {
                let t: String = v.trim().chars().take(w).collect();
                let n = t.chars().count();
                std::iter::repeat_n(' ', w - n).chain(t.chars()).collect()
            } else {
                let t: String = v.chars().take(w).collect();
                let n = t.chars().count();
                t.chars().chain(std::iter::repeat_n(pad, w - n)).collect()
            };
            if f.attr.kind == FieldKind::Input && pad != ' ' {
                // Trailing blanks inside an input field show the pad too.
                let keep = v.trim_end().chars().count().min(w);
                out = out
                    .chars()
                    .take(keep)
                    .chain(std::iter::repeat_n(pad, w - keep))
                    .collect();
            }
            out
        }
    }
}

fn draw_entry(app: &App, idx: usize, r: Rect, buf: &mut Buffer) {
    let e = &app.stack[idx];
    let s = &e.scr;
    let theme = &app.theme;
    let (p, v) = match app.panel_of(idx) {
        Ok(_) => match app.view_of(idx) {
            Some(x) => x,
            None => return,
        },
        Err(err) => {
            Paragraph::new(format!("{}", err))
                .style(theme.message(crate::Severity::E))
                .wrap(Wrap { trim: false })
                .render(r, buf);
            return;
        }
    };
    let put = |buf: &mut Buffer, x: u16, y: u16, w: u16, text: &str, st: Style| {
        if y >= v.h || y >= r.height || x >= r.width {
            return;
        }
        let w = w.min(r.width - x);
        buf.set_stringn(r.x + x, r.y + y, text, w as usize, st);
    };
    for f in &v.fields {
        let overrides = f
            .var()
            .map(|n| {
                s.ctl
                    .attrs
                    .iter()
                    .chain(&s.attrs_once)
                    .filter(|(k, _)| k == n)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let explicit = !overrides.is_empty();
        let mut st = if overrides.is_empty() {
            theme.field(&f.attr)
        } else {
            let mut a = f.attr.clone();
            for (_, spec) in overrides {
                override_attr(&mut a, spec);
            }
            theme.field(&a)
        };
        if is_error(s, f) && !explicit {
            // Error emphasis unless the panel chose its own (.ATTR).
            st = theme.cua(CuaType::Ee);
        } else if let Bind::Row(row, var) = &f.bind
            && f.is_input()
            && e.pending
                .iter()
                .any(|p| matches!(p, Pending::Line(pr, pv, _) if pr == row && pv == var))
        {
            st = theme.role("pending_lcmd");
        }
        put(buf, f.x, f.y, f.w, &field_text(s, f, &|n| app.lookup(idx, n)), st);
    }
    if let Some(a) = &v.area {
        let lines = e.dialog.area(s, a, theme);
        for (i, line) in lines.iter().enumerate().take(a.h as usize) {
            let mut x = a.x;
            for (text, st) in line {
                let room = (a.x + a.w).saturating_sub(x);
                if room == 0 {
                    break;
                }
                put(buf, x, a.y + i as u16, room, text, *st);
                x += text.chars().count().min(room as usize) as u16;
            }
        }
    }
    // While the rows are still being read, say so instead of showing an
    // empty list that looks final.
    let marker = if s.loading > 0 { None } else { v.marker };
    if let Some(y) = marker {
        let label = " Bottom of data ";
        let w = v.w as usize;
        let stars = w.saturating_sub(label.len());
        let line = format!("{}{label}{}", "*".repeat(stars / 2), "*".repeat(stars - stars / 2));
        put(buf, 0, y, v.w, &line, theme.role("bottom_marker"));
    }
    // Title line: panel ID at the left, short message or row indicator at the right.
    if app.settings.panelid && !e.popup {
        put(buf, 0, 0, 8, &p.name, theme.role("panel_id"));
    }
    let right = match &s.msg {
        Some(m) => Some((m.short.clone(), theme.message(m.severity()))),
        None if s.loading > 0 => Some((
            s.busy.clone().unwrap_or_else(|| "Loading...".into()),
            theme.cua(CuaType::Si),
        )),
        None => e
            .dialog
            .indicator(s, &v)
            .or_else(|| s.table.as_ref().map(|t| t.indicator(v.rows.len())))
            .map(|t| (t, theme.cua(CuaType::Si))),
    };
    if let Some((text, st)) = right {
        let n = text.chars().count() as u16;
        let x = v.w.saturating_sub(n);
        put(buf, x.saturating_sub(1), 0, n + 1, &format!(" {text}"), st);
    }
    if let Some(m) = &s.msg
        && s.long_shown
    {
        let line = m.line();
        let st = theme.message(m.severity());
        if line.chars().count() <= v.w as usize {
            put(buf, 0, v.lmsg_y, v.w, &fit(&line, v.w as usize), st);
        } else {
            // Too long for the message line: a pop-up at the bottom, as ISPF does.
            let w = v.w.min(r.width).saturating_sub(4).max(20);
            let lines = (line.chars().count() as u16).div_ceil(w.saturating_sub(2).max(1)) + 2;
            let h = lines.min(r.height);
            let rect = Rect::new(r.x + 2, r.y + r.height.saturating_sub(h), w, h);
            Clear.render(rect, buf);
            Paragraph::new(line)
                .style(st)
                .wrap(Wrap { trim: true })
                .block(
                    Block::bordered()
                        .border_style(theme.role("frame_active"))
                        .style(theme.background()),
                )
                .render(rect, buf);
        }
    }
}
