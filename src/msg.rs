//! Message IDs and the one error type every layer returns.
//!
//! Every message a user can see carries an ID in mainframe style, `ICLnnnX`,
//! where X is the severity: I (information), W (warning), E (error),
//! S (severe). Each layer owns a range, so an ID tells where it came from;
//! `docs/messages.md` lists every ID with its explanation (a test keeps the two
//! in step).
//!
//! | range      | layer                           |
//! |------------|---------------------------------|
//! | ICL001-099 | command line, general           |
//! | ICL100-199 | dasd (CKD images, VTOC, PS, PDS) |
//! | ICL200-249 | catalog                         |
//! | ICL250-299 | farm                            |
//! | ICL300-349 | ims: source parsers (DBD, JCL, PROCLIB, MDA) |
//! | ICL350-399 | ims: RECON, DBRC, database data sets, discovery |
//! | ICL400-499 | engine                          |
//! | ICL500-549 | ims::sim: simulated IMS, workload |
//! | ICL550-599 | engine                          |
//! | ICL600-699 | tui                             |

use std::fmt;

/// Severity, the last letter of a message ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    I,
    W,
    E,
    S,
}

impl Severity {
    /// The z/OS-style return code of this severity.
    pub fn rc(self) -> i32 {
        match self {
            Severity::I => 0,
            Severity::W => 4,
            Severity::E => 8,
            Severity::S => 12,
        }
    }

    /// Severity from a message ID's last letter (unknown letters count as E).
    pub fn of_id(id: &str) -> Severity {
        match id.as_bytes().last() {
            Some(b'I') => Severity::I,
            Some(b'W') => Severity::W,
            Some(b'S') => Severity::S,
            _ => Severity::E,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = match self {
            Severity::I => 'I',
            Severity::W => 'W',
            Severity::E => 'E',
            Severity::S => 'S',
        };
        write!(f, "{c}")
    }
}

/// The error of every layer: a message ID and its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{id} {text}")]
pub struct IclError {
    pub id: &'static str,
    pub text: String,
}

impl IclError {
    pub fn new(id: &'static str, text: impl Into<String>) -> Self {
        IclError { id, text: text.into() }
    }

    pub fn severity(&self) -> Severity {
        Severity::of_id(self.id)
    }

    /// Prefix more context to the text, keeping the ID.
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.text = format!("{what}: {}", self.text);
        self
    }
}

/// Result with an [`IclError`].
pub type Result<T> = std::result::Result<T, IclError>;

/// Build an [`IclError`]: `icl!("ICL101E", "VOLSER {} is invalid", v)`.
#[macro_export]
macro_rules! icl {
    ($id:literal, $($arg:tt)*) => {
        $crate::msg::IclError::new($id, format!($($arg)*))
    };
}

/// Return early with an [`IclError`].
#[macro_export]
macro_rules! icl_bail {
    ($id:literal, $($arg:tt)*) => {
        return Err($crate::icl!($id, $($arg)*))
    };
}

/// Map an I/O error to a message, naming what was being done.
pub fn io_err(id: &'static str, what: impl fmt::Display, e: std::io::Error) -> IclError {
    IclError::new(id, format!("{what}: {e}"))
}
