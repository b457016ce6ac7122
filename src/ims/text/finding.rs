//! Findings: what a parser noticed about its input without failing.
//!
//! Parsers of real-world sources must keep going past oddities (a member
//! name that differs from the DBD NAME, a stray `/*`, an unclosed quote) and
//! tell the caller about each one. A finding carries a message ID from the
//! `ims` source-parser range (ICL300-ICL349) and, when it is tied to a place
//! in the source, the 1-based record number.

use std::fmt;

use crate::msg::{IclError, Severity};

/// One observation about a source, with its message ID.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Message ID such as `ICL313W`; the last letter is the severity.
    pub id: &'static str,
    /// 1-based record number the finding points at, if any.
    pub record: Option<usize>,
    /// Human-readable text (without the ID).
    pub text: String,
}

impl Finding {
    /// A finding tied to a 0-based record index (stored 1-based).
    pub fn at(id: &'static str, record_index: usize, text: impl Into<String>) -> Self {
        Finding {
            id,
            record: Some(record_index + 1),
            text: text.into(),
        }
    }

    /// A finding about the source as a whole.
    pub fn general(id: &'static str, text: impl Into<String>) -> Self {
        Finding {
            id,
            record: None,
            text: text.into(),
        }
    }

    pub fn severity(&self) -> Severity {
        Severity::of_id(self.id)
    }

    /// The same finding as an error value (for callers that escalate).
    pub fn to_error(&self) -> IclError {
        IclError::new(self.id, self.to_string_without_id())
    }

    fn to_string_without_id(&self) -> String {
        match self.record {
            Some(r) => format!("record {r}: {}", self.text),
            None => self.text.clone(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id, self.to_string_without_id())
    }
}

/// The highest severity among findings (I when there are none).
pub fn max_severity(findings: &[Finding]) -> Severity {
    findings.iter().map(Finding::severity).max().unwrap_or(Severity::I)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_severity() {
        let f = Finding::at("ICL313W", 4, "DBD NAME X differs from member Y");
        assert_eq!(f.to_string(), "ICL313W record 5: DBD NAME X differs from member Y");
        assert_eq!(f.severity(), Severity::W);
        assert_eq!(
            max_severity(&[f.clone(), Finding::general("ICL301I", "x")]),
            Severity::W
        );
        assert_eq!(f.to_error().id, "ICL313W");
    }
}
