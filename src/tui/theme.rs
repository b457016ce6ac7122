//! Themes are data: `themes/NAME.toml` maps roles (the CUA attribute
//! types and a few elements of our own) to colours and highlights.
//! Lookup: `<config>/themes/NAME.toml`, then the built-in copy. A theme may
//! extend another and list only the differences. Unknown keys, roles and
//! colours are errors naming the file and the key (ICL610E).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::panel::{Attr, Color3270, CuaType, FieldKind, Hilite, Look};
use crate::{IclError, Result, icl};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The default theme.
pub const DEFAULT_THEME: &str = "ispf-classic";
/// The theme used when NO_COLOR is set.
pub const NO_COLOR_THEME: &str = "mono";

/// Roles beyond the CUA types.
pub const EXTRA_ROLES: [&str; 10] = [
    "ab_selected",
    "pulldown",
    "fkey",
    "panel_id",
    "msg_notify",
    "msg_warning",
    "msg_action",
    "msg_critical",
    "frame_active",
    "frame_inactive",
];

/// Elements of the `[ui]` table.
pub const UI_ROLES: [&str; 13] = [
    "pending_lcmd",
    "bottom_marker",
    "browse_data",
    "browse_marker",
    "ruler",
    "too_small",
    "diff_old",
    "diff_new",
    "gauge_done",
    "gauge_todo",
    "step_active",
    "step_failed",
    "edit_error",
];

const BASIC_KEYS: [&str; 4] = ["text_high", "text_low", "input_high", "input_low"];

/// How the palette reaches the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// `#rrggbb` from `palette` (COLORTERM=truecolor).
    TrueColor,
    /// ANSI names from `palette16`.
    Ansi16,
}

impl ColorMode {
    pub fn detect() -> ColorMode {
        match std::env::var("COLORTERM") {
            Ok(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => ColorMode::TrueColor,
            _ => ColorMode::Ansi16,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HighMode {
    Bright,
    Bold,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<String>,
    #[serde(default)]
    extends: String,
    high_intensity: Option<String>,
    #[serde(default)]
    palette: BTreeMap<String, String>,
    #[serde(default)]
    palette16: BTreeMap<String, String>,
    #[serde(default)]
    basic: BTreeMap<String, RawBasic>,
    #[serde(default)]
    roles: BTreeMap<String, RawStyle>,
    #[serde(default)]
    ui: BTreeMap<String, RawStyle>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawBasic {
    Color(String),
    Style(RawStyle),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    underline: Option<bool>,
    reverse: Option<bool>,
    /// High intensity (ISPF INTENS(HIGH)); shown per `high_intensity`.
    high: Option<bool>,
}

/// A colour reference: a 3270 colour (through the palette) or a terminal colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CRef {
    C3270(Color3270),
    Term(Color),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct RoleStyle {
    fg: Option<CRef>,
    bg: Option<CRef>,
    bold: bool,
    underline: bool,
    reverse: bool,
    high: bool,
}

/// A loaded theme.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    mode: ColorMode,
    high: HighMode,
    palette: HashMap<Color3270, Color>,
    palette16: HashMap<Color3270, Color>,
    background: Option<Color>,
    background16: Option<Color>,
    basic: HashMap<&'static str, RoleStyle>,
    roles: HashMap<String, RoleStyle>,
}

impl Theme {
    /// A theme with no colours at all (the fallback of the fallback).
    pub fn plain() -> Theme {
        Theme {
            name: "plain".into(),
            mode: ColorMode::Ansi16,
            high: HighMode::Bold,
            palette: HashMap::new(),
            palette16: HashMap::new(),
            background: None,
            background16: None,
            basic: HashMap::new(),
            roles: HashMap::new(),
        }
    }

    pub fn with_mode(mut self, mode: ColorMode) -> Theme {
        self.mode = mode;
        self
    }

    pub fn mode(&self) -> ColorMode {
        self.mode
    }

    /// The screen background.
    pub fn background(&self) -> Style {
        let bg = match self.mode {
            ColorMode::TrueColor => self.background,
            ColorMode::Ansi16 => self.background16,
        };
        match bg {
            Some(c) => Style::default().bg(c),
            None => Style::default(),
        }
    }

    fn color(&self, c: CRef) -> Color {
        match c {
            CRef::Term(t) => t,
            CRef::C3270(k) => {
                let p = match self.mode {
                    ColorMode::TrueColor => &self.palette,
                    ColorMode::Ansi16 => &self.palette16,
                };
                p.get(&k).copied().unwrap_or_else(|| default16(k))
            }
        }
    }

    /// A complete style: every attribute is set, so drawing over a cell
    /// never keeps the colour or bold of what was there before.
    fn resolve(&self, r: &RoleStyle) -> Style {
        let mut s = self.background();
        if s.bg.is_none() {
            s = s.bg(Color::Reset);
        }
        s = s.fg(r.fg.map_or(Color::Reset, |c| self.color(c)));
        if let Some(c) = r.bg {
            s = s.bg(self.color(c));
        }
        let mut m = Modifier::empty();
        if r.bold || (r.high && self.high == HighMode::Bold) {
            m |= Modifier::BOLD;
        }
        if r.underline {
            m |= Modifier::UNDERLINED;
        }
        if r.reverse {
            m |= Modifier::REVERSED;
        }
        s.remove_modifier(Modifier::all()).add_modifier(m)
    }

    /// Style of a named role (CUA type in lower case, or an extra/ui role).
    pub fn role(&self, name: &str) -> Style {
        self.resolve(&self.roles.get(name).copied().unwrap_or_default())
    }

    pub fn cua(&self, t: CuaType) -> Style {
        self.role(&t.keyword().to_ascii_lowercase())
    }

    /// Style of a field with this attribute.
    pub fn field(&self, a: &Attr) -> Style {
        match a.look {
            Look::Cua(t) => self.cua(t),
            Look::Basic { high, color, hilite } => {
                let key = match (a.kind, high) {
                    (FieldKind::Input, true) => "input_high",
                    (FieldKind::Input, false) => "input_low",
                    (FieldKind::Area, _) => return self.role("browse_data"),
                    (_, true) => "text_high",
                    (_, false) => "text_low",
                };
                let mut r = self.basic.get(key).copied().unwrap_or_default();
                if let Some(c) = color {
                    // An explicit COLOR wins where the theme has colours.
                    if r.fg.is_some() || !self.palette16.is_empty() {
                        r.fg = Some(CRef::C3270(c));
                    }
                }
                r.high = r.high || high;
                match hilite {
                    Some(Hilite::Uscore) => r.underline = true,
                    Some(Hilite::Reverse) => r.reverse = true,
                    Some(Hilite::Blink) | None => {}
                }
                self.resolve(&r)
            }
        }
    }

    /// Message style by severity letter.
    pub fn message(&self, sev: crate::Severity) -> Style {
        self.role(match sev {
            crate::Severity::I => "msg_notify",
            crate::Severity::W => "msg_warning",
            crate::Severity::E => "msg_action",
            crate::Severity::S => "msg_critical",
        })
    }

    /// The 3270 colour a terminal colour stands for (for test colour maps).
    pub fn colour_name(&self, c: Color) -> Option<Color3270> {
        Color3270::ALL.into_iter().find(|k| self.color(CRef::C3270(*k)) == c)
    }
}

fn default16(c: Color3270) -> Color {
    match c {
        Color3270::Blue => Color::LightBlue,
        Color3270::Red => Color::LightRed,
        Color3270::Pink => Color::LightMagenta,
        Color3270::Green => Color::LightGreen,
        Color3270::Turq => Color::LightCyan,
        Color3270::Yellow => Color::LightYellow,
        Color3270::White => Color::White,
    }
}

/// Parse an ANSI colour name or `#rrggbb`.
fn term_color(s: &str) -> Option<Color> {
    let l = s.trim().to_ascii_lowercase().replace(['-', '_'], "");
    if let Some(hex) = l.strip_prefix('#') {
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        return None;
    }
    Some(match l.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" | "brightred" => Color::LightRed,
        "lightgreen" | "brightgreen" => Color::LightGreen,
        "lightyellow" | "brightyellow" => Color::LightYellow,
        "lightblue" | "brightblue" => Color::LightBlue,
        "lightmagenta" | "brightmagenta" => Color::LightMagenta,
        "lightcyan" | "brightcyan" => Color::LightCyan,
        "white" | "brightwhite" => Color::White,
        "default" | "reset" => Color::Reset,
        _ => return None,
    })
}

/// A role colour: a 3270 name first (through the palette), else a terminal colour.
fn cref(s: &str) -> Option<CRef> {
    match Color3270::from_name(s) {
        Some(c) => Some(CRef::C3270(c)),
        None => term_color(s).map(CRef::Term),
    }
}

/// Where themes are found.
#[derive(Debug, Clone, Default)]
pub struct ThemeSet {
    pub user_dir: Option<PathBuf>,
    pub mode: Option<ColorMode>,
}

impl ThemeSet {
    pub fn new(user_dir: Option<PathBuf>, mode: ColorMode) -> ThemeSet {
        ThemeSet {
            user_dir,
            mode: Some(mode),
        }
    }

    /// Every theme name (built-in and user), sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = BUILT_IN
            .files()
            .filter_map(|f| f.path().to_str()?.strip_suffix(".toml").map(str::to_string))
            .collect();
        if let Some(d) = &self.user_dir
            && let Ok(rd) = std::fs::read_dir(d)
        {
            for e in rd.flatten() {
                if let Some(n) = e.file_name().to_str().and_then(|n| n.strip_suffix(".toml"))
                    && !v.iter().any(|x| x == n)
                {
                    v.push(n.to_string());
                }
            }
        }
        v.sort();
        v
    }

    fn source(&self, name: &str) -> Result<(String, String)> {
        let fname = format!("{name}.toml");
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') || name.is_empty() {
            return Err(icl!(
                "ICL611E",
                "theme name '{name}' is invalid (letters, digits, - and _)"
            ));
        }
        if let Some(d) = &self.user_dir {
            let p = d.join(&fname);
            if p.is_file() {
                return std::fs::read_to_string(&p)
                    .map(|t| (p.display().to_string(), t))
                    .map_err(|e| icl!("ICL610E", "{}: cannot be read: {e}", p.display()));
            }
        }
        match BUILT_IN.get_file(&fname).and_then(|f| f.contents_utf8()) {
            Some(t) => Ok((format!("themes/{fname}"), t.to_string())),
            None => Err(icl!(
                "ICL611E",
                "theme {name} not found; known themes: {}",
                self.names().join(", ")
            )),
        }
    }

    /// Load theme NAME (with its parents).
    pub fn load(&self, name: &str) -> Result<Theme> {
        self.load_depth(name, 0)
            .map(|t| t.with_mode(self.mode.unwrap_or_else(ColorMode::detect)))
    }

    fn load_depth(&self, name: &str, depth: usize) -> Result<Theme> {
        if depth > 4 {
            return Err(icl!("ICL610E", "theme {name}: 'extends' nests too deep (a loop?)"));
        }
        let (file, text) = self.source(name)?;
        parse_theme(&file, &text, &|parent: &str| self.load_depth(parent, depth + 1))
    }
}

/// Parse theme text; `parent` loads a theme named by `extends`.
pub fn parse_theme(file: &str, text: &str, parent: &dyn Fn(&str) -> Result<Theme>) -> Result<Theme> {
    let err = |key: &str, what: String| -> IclError { icl!("ICL610E", "{file}: {key}: {what}") };
    let raw: RawTheme = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].lines().count().max(1);
                format!(" (line {line})")
            })
            .unwrap_or_default();
        icl!("ICL610E", "{file}{at}: {}", e.message())
    })?;
    let mut t = if raw.extends.is_empty() {
        Theme::plain()
    } else {
        parent(&raw.extends).map_err(|e| e.context(format!("{file}: extends")))?
    };
    t.name = raw.name.clone().unwrap_or_else(|| {
        Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("theme")
            .to_string()
    });
    if let Some(h) = &raw.high_intensity {
        t.high = match h.as_str() {
            "bright" => HighMode::Bright,
            "bold" => HighMode::Bold,
            "none" => HighMode::None,
            _ => return Err(err("high_intensity", format!("'{h}' is not bright, bold or none"))),
        };
    }
    for (table, key_name, target) in [(&raw.palette, "palette", 0), (&raw.palette16, "palette16", 1)] {
        for (k, v) in table {
            let c = term_color(v).ok_or_else(|| err(&format!("{key_name}.{k}"), format!("'{v}' is not a colour")))?;
            if k == "background" {
                if target == 0 {
                    t.background = Some(c)
                } else {
                    t.background16 = Some(c)
                }
                continue;
            }
            let k3 = Color3270::from_name(k).ok_or_else(|| {
                err(
                    &format!("{key_name}.{k}"),
                    "not a palette entry (background, blue, red, pink, green, turq, yellow, white)".into(),
                )
            })?;
            if target == 0 {
                t.palette.insert(k3, c);
            } else {
                t.palette16.insert(k3, c);
            }
        }
    }
    let style = |key: &str, r: &RawStyle, base: RoleStyle| -> Result<RoleStyle> {
        let mut s = base;
        if let Some(f) = &r.fg {
            s.fg = if f == "none" {
                None
            } else {
                Some(cref(f).ok_or_else(|| err(&format!("{key}.fg"), format!("'{f}' is not a colour")))?)
            };
        }
        if let Some(b) = &r.bg {
            s.bg = if b == "none" {
                None
            } else {
                Some(cref(b).ok_or_else(|| err(&format!("{key}.bg"), format!("'{b}' is not a colour")))?)
            };
        }
        if let Some(v) = r.bold {
            s.bold = v;
        }
        if let Some(v) = r.underline {
            s.underline = v;
        }
        if let Some(v) = r.reverse {
            s.reverse = v;
        }
        if let Some(v) = r.high {
            s.high = v;
        }
        Ok(s)
    };
    for (k, v) in &raw.basic {
        let key = BASIC_KEYS.iter().find(|b| *b == k).ok_or_else(|| {
            err(
                &format!("basic.{k}"),
                "not one of text_high, text_low, input_high, input_low".into(),
            )
        })?;
        let s = match v {
            RawBasic::Color(c) => RoleStyle {
                fg: Some(cref(c).ok_or_else(|| err(&format!("basic.{k}"), format!("'{c}' is not a colour")))?),
                ..Default::default()
            },
            RawBasic::Style(r) => style(&format!("basic.{k}"), r, RoleStyle::default())?,
        };
        t.basic.insert(key, s);
    }
    for (k, v) in &raw.roles {
        let known =
            CuaType::ALL.iter().any(|c| c.keyword().eq_ignore_ascii_case(k)) || EXTRA_ROLES.contains(&k.as_str());
        if !known || k.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(err(
                &format!("roles.{k}"),
                "unknown role (see docs/panels.md, Themes)".into(),
            ));
        }
        // A child theme lists differences: start from the parent's entry.
        let base = if v.fg.is_some() || raw.extends.is_empty() {
            RoleStyle::default()
        } else {
            t.roles.get(k).copied().unwrap_or_default()
        };
        let s = style(&format!("roles.{k}"), v, base)?;
        t.roles.insert(k.clone(), s);
    }
    for (k, v) in &raw.ui {
        if !UI_ROLES.contains(&k.as_str()) {
            return Err(err(
                &format!("ui.{k}"),
                "unknown element (see docs/panels.md, Themes)".into(),
            ));
        }
        let base = if v.fg.is_some() || raw.extends.is_empty() {
            RoleStyle::default()
        } else {
            t.roles.get(k).copied().unwrap_or_default()
        };
        let s = style(&format!("ui.{k}"), v, base)?;
        t.roles.insert(k.clone(), s);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> ThemeSet {
        ThemeSet::new(None, ColorMode::Ansi16)
    }

    #[test]
    fn built_ins_load_and_cover_every_role() {
        let s = set();
        assert_eq!(s.names(), vec!["high-contrast", "ispf-classic", "mono"]);
        let classic = s.load("ispf-classic").unwrap();
        for t in CuaType::ALL {
            let k = t.keyword().to_ascii_lowercase();
            assert!(classic.roles.contains_key(&k), "ispf-classic lacks {k}");
        }
        for k in EXTRA_ROLES.iter().chain(UI_ROLES.iter()) {
            assert!(classic.roles.contains_key(*k), "ispf-classic lacks {k}");
        }
        assert_eq!(classic.cua(CuaType::Pt).fg, Some(Color::LightBlue));
        assert_eq!(classic.cua(CuaType::Nef).fg, Some(Color::LightCyan));
        assert!(classic.cua(CuaType::Nef).add_modifier.contains(Modifier::UNDERLINED));
        let hc = s.load("high-contrast").unwrap();
        assert_eq!(hc.cua(CuaType::Pt).fg, Some(Color::White));
        assert!(hc.cua(CuaType::Pt).add_modifier.contains(Modifier::BOLD));
        // Not overridden: inherited from ispf-classic.
        assert_eq!(hc.cua(CuaType::Wt).fg, Some(Color::LightRed));
        let mono = s.load("mono").unwrap();
        assert_eq!(mono.cua(CuaType::Pt).fg, Some(Color::Reset));
        assert!(mono.cua(CuaType::Ee).add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn truecolor_uses_the_palette() {
        let t = ThemeSet::new(None, ColorMode::TrueColor).load("ispf-classic").unwrap();
        assert_eq!(t.cua(CuaType::Pt).fg, Some(Color::Rgb(0x1E, 0x90, 0xFF)));
        assert_eq!(t.background().bg, Some(Color::Rgb(0x10, 0x10, 0x10)));
    }

    #[test]
    fn bad_themes_name_file_and_key() {
        let none = |_: &str| -> Result<Theme> { Err(icl!("ICL611E", "no parent")) };
        let e = parse_theme("x.toml", "[roles]\nbogus = { fg = \"red\" }\n", &none).unwrap_err();
        assert_eq!(e.id, "ICL610E");
        assert!(e.text.contains("x.toml") && e.text.contains("roles.bogus"), "{e}");
        let e = parse_theme("x.toml", "[roles]\npt = { fg = \"mauve\" }\n", &none).unwrap_err();
        assert!(e.text.contains("roles.pt.fg"), "{e}");
        let e = parse_theme("x.toml", "[roles\n", &none).unwrap_err();
        assert!(e.text.contains("line 1"), "{e}");
        let e = parse_theme("x.toml", "colour = 1\n", &none).unwrap_err();
        assert_eq!(e.id, "ICL610E");
        let e = parse_theme("x.toml", "extends = \"nope\"\n", &none).unwrap_err();
        assert!(e.text.contains("extends"), "{e}");
        assert_eq!(set().load("nope").unwrap_err().id, "ICL611E");
        assert_eq!(set().load("../etc").unwrap_err().id, "ICL611E");
    }

    #[test]
    fn user_theme_overrides_and_extends() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("mine.toml"),
            "extends = \"ispf-classic\"\n[roles]\npt = { fg = \"pink\" }\n",
        )
        .unwrap();
        let s = ThemeSet::new(Some(d.path().to_path_buf()), ColorMode::Ansi16);
        assert!(s.names().contains(&"mine".to_string()));
        let t = s.load("mine").unwrap();
        assert_eq!(t.cua(CuaType::Pt).fg, Some(Color::LightMagenta));
        assert_eq!(t.cua(CuaType::Ch).fg, Some(Color::LightBlue));
    }
}
