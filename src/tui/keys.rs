//! The key map: which key enters which command. The default is
//! `src/tui/keys.toml` (built in, and the documentation of the format);
//! `keys.toml` in the config directory overrides it key by key. A bad
//! file or key is reported (ICL612E) and the default kept for it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::{IclError, icl};

/// The built-in key map (also the documented format).
pub const DEFAULT_KEYS: &str = include_str!("keys.toml");

/// What a key does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A command, entered with the command line's contents appended.
    Command(String),
    /// A keyboard action.
    Action(KeyAction),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    EraseEof,
    EraseField,
    Reset,
    Reshow,
    Newline,
    Insert,
    Interrupt,
}

impl KeyAction {
    fn parse(s: &str) -> Option<KeyAction> {
        Some(match s {
            ":erase-eof" => KeyAction::EraseEof,
            ":erase-field" => KeyAction::EraseField,
            ":reset" => KeyAction::Reset,
            ":reshow" => KeyAction::Reshow,
            ":newline" => KeyAction::Newline,
            ":insert" => KeyAction::Insert,
            ":interrupt" => KeyAction::Interrupt,
            _ => return None,
        })
    }
}

/// A key with its modifiers, normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn of(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        let mut code = ev.code;
        // Shift is in the character itself for printable keys.
        if let KeyCode::Char(c) = code {
            if mods.contains(KeyModifiers::CONTROL) || mods.contains(KeyModifiers::ALT) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// Parse `Shift+F3`, `Alt+1`, `Ctrl+r`, `PageUp` ...
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, n) = if lower.starts_with("shift+") {
                (KeyModifiers::SHIFT, 6)
            } else if lower.starts_with("ctrl+") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt+") {
                (KeyModifiers::ALT, 4)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[n..];
        }
        let l = rest.to_ascii_lowercase();
        let code = match l.as_str() {
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "insert" | "ins" => KeyCode::Insert,
            "esc" | "escape" => KeyCode::Esc,
            "end" => KeyCode::End,
            "home" => KeyCode::Home,
            _ => {
                if let Some(n) = l.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=24).contains(&n) {
                        return None;
                    }
                    // F13-F24 arrive as Shift+F1-F12 on most terminals.
                    if n > 12 {
                        mods |= KeyModifiers::SHIFT;
                        KeyCode::F(n - 12)
                    } else {
                        KeyCode::F(n)
                    }
                } else {
                    let mut cs = rest.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) if c.is_ascii_graphic() && !mods.is_empty() => {
                            KeyCode::Char(c.to_ascii_lowercase())
                        }
                        _ => return None,
                    }
                }
            }
        };
        if matches!(code, KeyCode::Char(_)) && mods == KeyModifiers::SHIFT {
            return None;
        }
        Some(Key { code, mods })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    #[serde(default)]
    keys: BTreeMap<String, String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

/// The key map of a session.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<Key, Binding>,
    /// FKA labels by PF number 1-12.
    pub labels: BTreeMap<u8, String>,
}

impl Keymap {
    /// The built-in default.
    pub fn default_map() -> Keymap {
        let mut k = Keymap {
            map: HashMap::new(),
            labels: BTreeMap::new(),
        };
        // The built-in file is tested; errors cannot happen here.
        let _ = k.merge("built-in keys.toml", DEFAULT_KEYS);
        k
    }

    /// The default with the user's file merged over it. Errors are
    /// returned for display; what could be read is used.
    pub fn load(path: Option<&Path>) -> (Keymap, Vec<IclError>) {
        let mut k = Keymap::default_map();
        let Some(path) = path else { return (k, Vec::new()) };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (k, Vec::new()),
            Err(e) => return (k, vec![icl!("ICL612E", "{}: cannot be read: {e}", path.display())]),
        };
        let errs = k.merge(&path.display().to_string(), &text);
        (k, errs)
    }

    /// Merge a key file over this map.
    pub fn merge(&mut self, file: &str, text: &str) -> Vec<IclError> {
        let raw: RawKeys = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let at = e
                    .span()
                    .map(|s| format!(" (line {})", text[..s.start.min(text.len())].lines().count().max(1)))
                    .unwrap_or_default();
                return vec![icl!("ICL612E", "{file}{at}: {}; using the default keys", e.message())];
            }
        };
        let mut errs = Vec::new();
        for (name, cmd) in &raw.keys {
            let Some(key) = Key::parse(name) else {
                errs.push(icl!(
                    "ICL612E",
                    "{file}: keys.\"{name}\": not a key name (F1-F24, Shift+F1, Alt+1, Ctrl+r, PageUp ...)"
                ));
                continue;
            };
            if cmd.trim().is_empty() {
                self.map.remove(&key);
                continue;
            }
            let b = if cmd.starts_with(':') {
                match KeyAction::parse(cmd.trim()) {
                    Some(a) => Binding::Action(a),
                    None => {
                        errs.push(icl!("ICL612E", "{file}: keys.\"{name}\": unknown action {cmd}"));
                        continue;
                    }
                }
            } else {
                Binding::Command(cmd.trim().to_ascii_uppercase())
            };
            self.map.insert(key, b);
        }
        for (name, label) in &raw.labels {
            match Key::parse(name) {
                Some(Key {
                    code: KeyCode::F(n),
                    mods,
                }) if mods.is_empty() => {
                    if label.is_empty() {
                        self.labels.remove(&n);
                    } else {
                        self.labels.insert(n, label.chars().take(10).collect());
                    }
                }
                _ => errs.push(icl!("ICL612E", "{file}: labels.\"{name}\": labels are for F1-F12")),
            }
        }
        errs
    }

    pub fn lookup(&self, ev: &KeyEvent) -> Option<&Binding> {
        self.map.get(&Key::of(ev))
    }

    /// Command of PF key n (1-12) without modifiers.
    pub fn pf(&self, n: u8) -> Option<&str> {
        match self.map.get(&Key {
            code: KeyCode::F(n),
            mods: KeyModifiers::NONE,
        }) {
            Some(Binding::Command(c)) => Some(c),
            _ => None,
        }
    }

    /// The function key area entries: `F3=Exit` for every labelled, bound key.
    pub fn fka(&self) -> Vec<String> {
        self.labels
            .iter()
            .filter(|(n, _)| self.pf(**n).is_some())
            .map(|(n, l)| format!("F{n}={l}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn default_map_is_valid_and_cua() {
        let mut k = Keymap {
            map: HashMap::new(),
            labels: BTreeMap::new(),
        };
        assert!(k.merge("d", DEFAULT_KEYS).is_empty());
        let k = Keymap::default_map();
        let cmd = |c, m| match k.lookup(&ev(c, m)) {
            Some(Binding::Command(s)) => s.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(cmd(KeyCode::F(3), KeyModifiers::NONE), "END");
        assert_eq!(cmd(KeyCode::F(12), KeyModifiers::NONE), "CANCEL");
        assert_eq!(cmd(KeyCode::F(12), KeyModifiers::SHIFT), "RETRIEVE");
        assert_eq!(cmd(KeyCode::Char('8'), KeyModifiers::ALT), "DOWN");
        assert_eq!(cmd(KeyCode::PageDown, KeyModifiers::NONE), "DOWN");
        assert_eq!(
            k.lookup(&ev(KeyCode::Char('K'), KeyModifiers::CONTROL | KeyModifiers::SHIFT)),
            Some(&Binding::Action(KeyAction::EraseEof))
        );
        assert!(k.lookup(&ev(KeyCode::F(2), KeyModifiers::NONE)).is_none());
        assert_eq!(k.fka()[1], "F3=Exit");
    }

    #[test]
    fn user_file_overrides_and_reports() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("keys.toml");
        std::fs::write(
            &p,
            "[keys]\nF3 = \"RETURN\"\nF2 = \"=3.4\"\nF99 = \"X\"\n\"Alt+x\" = \":nope\"\n[labels]\nF2 = \"DSList\"\n",
        )
        .unwrap();
        let (k, errs) = Keymap::load(Some(&p));
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().all(|e| e.id == "ICL612E"));
        assert!(errs.iter().any(|e| e.text.contains("keys.\"F99\"")), "{errs:?}");
        assert!(errs.iter().any(|e| e.text.contains(":nope")), "{errs:?}");
        assert_eq!(k.pf(3), Some("RETURN"));
        assert_eq!(k.pf(2), Some("=3.4"));
        assert_eq!(k.pf(8), Some("DOWN"));
        assert!(k.fka().contains(&"F2=DSList".to_string()));
        std::fs::write(&p, "[keys\n").unwrap();
        let (k, errs) = Keymap::load(Some(&p));
        assert_eq!(errs.len(), 1);
        assert_eq!(k.pf(3), Some("END"));
    }

    #[test]
    fn key_names() {
        assert_eq!(Key::parse("F13"), Key::parse("Shift+F1"));
        assert!(Key::parse("F25").is_none());
        assert!(Key::parse("Shift+a").is_none());
        assert!(Key::parse("q").is_none());
        assert_eq!(Key::parse("alt+-").unwrap().code, KeyCode::Char('-'));
    }
}
