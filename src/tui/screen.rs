//! The state of one displayed dialog: its function pool, its table, the
//! message, the cursor, and what the last )INIT/)PROC left in control
//! variables. Field values are read and written through [`Bind`]s so body
//! fields (variables) and model fields (per-row inputs) edit alike.

use super::interp::Controls;
use super::layout::{Bind, VField};
use super::messages::Message;
use super::table::Table;
use super::vars::Vars;

/// Where the cursor should go at the next display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorReq {
    /// The input field of a variable (`.CURSOR`).
    Var(String),
    /// A model input field of a data row.
    Row(usize, String),
    /// The panel's initial position (ISPF's rules).
    Initial,
    /// A position (browse puts the cursor on the string FIND found).
    At(u16, u16),
}

#[derive(Debug, Default)]
pub struct Screen {
    pub vars: Vars,
    pub table: Option<Table>,
    pub msg: Option<Message>,
    /// The long message is on the screen (else only the short one).
    pub long_shown: bool,
    /// Cursor, relative to the panel's origin.
    pub cursor: (u16, u16),
    pub cursor_req: Option<CursorReq>,
    /// Control variables kept between displays (.HELP, .ZVARS, .ATTR).
    pub ctl: Controls,
    /// The panel whose )INIT ran last: a dialog that switches panels (the
    /// data set list views) runs the new panel's )INIT before showing it.
    pub initialized: Option<String>,
    /// Requests sent and not answered.
    pub loading: usize,
    /// What the title line says while they are outstanding (default
    /// `Loading...`; planning says `Planning...`).
    pub busy: Option<String>,
    /// .ATTR(field) overrides from )PROC or )REINIT: one redisplay only
    /// (those from )INIT are in `ctl.attrs` and last).
    pub attrs_once: Vec<(String, String)>,
    /// The field a failed verification points at: shown with EE emphasis.
    pub error_field: Option<CursorReq>,
}

impl Screen {
    pub fn new() -> Screen {
        Screen {
            cursor_req: Some(CursorReq::Initial),
            ..Default::default()
        }
    }

    /// Show a message. Warnings and errors show their long text at once;
    /// information shows the short text, HELP shows the long one.
    pub fn set_msg(&mut self, m: Message) {
        self.long_shown = m.severity() != crate::Severity::I;
        self.msg = Some(m);
    }

    pub fn clear_msg(&mut self) {
        self.msg = None;
        self.long_shown = false;
        self.error_field = None;
    }

    /// A field's current value (unpadded).
    pub fn value(&self, f: &VField) -> String {
        self.bind_value(&f.bind, f.is_input())
    }

    pub fn bind_value(&self, b: &Bind, input: bool) -> String {
        match b {
            Bind::Text(t) => t.clone(),
            Bind::Var(v) => self.vars.val(v).to_string(),
            Bind::Row(r, v) => match &self.table {
                Some(t) if input => t.input(*r, v).to_string(),
                Some(t) => t
                    .value(*r, v)
                    .map_or_else(|| self.vars.val(v).to_string(), str::to_string),
                None => String::new(),
            },
        }
    }

    pub fn set_value(&mut self, b: &Bind, v: String) {
        match b {
            Bind::Text(_) => {}
            Bind::Var(n) => self.vars.set(n, v),
            Bind::Row(r, n) => {
                if let Some(t) = &mut self.table {
                    t.set_input(*r, n, v);
                }
            }
        }
    }

    /// Put the row's column values into the function pool, as TBDISPL
    /// does for the current row before )PROC runs.
    pub fn load_row_vars(&mut self, row: usize) {
        let Some(t) = &self.table else { return };
        let Some(cells) = t.row(row) else { return };
        let pairs: Vec<(String, String)> = t
            .columns
            .iter()
            .zip(cells)
            .map(|(c, v)| (c.name.clone(), v.clone()))
            .collect();
        for (k, v) in pairs {
            self.vars.set(&k, v);
        }
    }
}
