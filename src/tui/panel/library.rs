//! Where panels come from: `<config>/panels/NAME.pnl` first (a user or
//! site override), then the copy built into the binary from `panels/`.
//! Parsed panels are cached; a bad file is reported with its ID, file,
//! line and column every time it is asked for (the caller shows it).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use include_dir::{Dir, include_dir};

use super::{Panel, PanelError, parse_panel};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/panels");

/// The panel library of one session.
#[derive(Debug)]
pub struct PanelLibrary {
    user_dir: Option<PathBuf>,
    cache: RefCell<HashMap<String, Rc<Panel>>>,
}

impl PanelLibrary {
    /// `user_dir` is `<config>/panels` (None: built-in panels only, as in tests).
    pub fn new(user_dir: Option<PathBuf>) -> PanelLibrary {
        PanelLibrary {
            user_dir,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The panel NAME (cached after the first successful parse).
    pub fn get(&self, name: &str) -> Result<Rc<Panel>, PanelError> {
        let name = name.to_ascii_uppercase();
        if let Some(p) = self.cache.borrow().get(&name) {
            return Ok(p.clone());
        }
        let (file, text) = self.source(&name)?;
        let p = Rc::new(parse_panel(&name, &file, &text)?);
        self.cache.borrow_mut().insert(name, p.clone());
        Ok(p)
    }

    /// The text of panel NAME and where it came from.
    pub fn source(&self, name: &str) -> Result<(String, String), PanelError> {
        let fname = format!("{name}.pnl");
        if let Some(d) = &self.user_dir {
            let path = d.join(&fname);
            if path.is_file() {
                return match std::fs::read(&path) {
                    Ok(b) => match String::from_utf8(b) {
                        Ok(t) => Ok((path.display().to_string(), t)),
                        Err(_) => Err(not_readable(&path.display().to_string(), "it is not UTF-8 text")),
                    },
                    Err(e) => Err(not_readable(&path.display().to_string(), &e.to_string())),
                };
            }
        }
        match BUILT_IN.get_file(&fname).and_then(|f| f.contents_utf8()) {
            Some(t) => Ok((format!("panels/{fname}"), t.to_string())),
            None => Err(PanelError {
                id: "ICL600E",
                file: fname,
                line: 0,
                col: 0,
                text: format!("panel {name} not found"),
            }),
        }
    }

    /// Use the built-in copy of NAME from now on (when the user's override
    /// of a panel the session cannot do without is broken).
    pub fn pin_built_in(&self, name: &str) -> Result<Rc<Panel>, PanelError> {
        let name = name.to_ascii_uppercase();
        let fname = format!("{name}.pnl");
        let text = BUILT_IN
            .get_file(&fname)
            .and_then(|f| f.contents_utf8())
            .ok_or_else(|| PanelError {
                id: "ICL600E",
                file: fname.clone(),
                line: 0,
                col: 0,
                text: format!("panel {name} not found"),
            })?;
        let p = Rc::new(parse_panel(&name, &format!("panels/{fname}"), text)?);
        self.cache.borrow_mut().insert(name, p.clone());
        Ok(p)
    }

    /// Names of the built-in panels, sorted.
    pub fn built_in_names() -> Vec<String> {
        let mut v: Vec<String> = BUILT_IN
            .files()
            .filter_map(|f| f.path().to_str())
            .filter_map(|p| p.strip_suffix(".pnl"))
            .map(str::to_string)
            .collect();
        v.sort();
        v
    }

    /// Forget parsed panels (after the user edits an override).
    pub fn clear(&self) {
        self.cache.borrow_mut().clear();
    }
}

fn not_readable(file: &str, why: &str) -> PanelError {
    PanelError {
        id: "ICL600E",
        file: file.to_string(),
        line: 0,
        col: 0,
        text: format!("panel file cannot be read: {why}"),
    }
}
