//! Findings: what planning, checks and verification report, each with a
//! message ID, the object it is about, a text and a help text.

use serde::{Deserialize, Serialize};

use crate::msg::{IclError, Severity};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub severity: Severity,
    /// What it is about: a DSN, VOLSER, member, RECON record ...
    pub object: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
}

impl Finding {
    pub fn new(id: &'static str, object: impl Into<String>, text: impl Into<String>) -> Finding {
        Finding {
            id: id.to_string(),
            severity: Severity::of_id(id),
            object: object.into(),
            text: text.into(),
            help: super::help::help_for(id).to_string(),
        }
    }

    pub fn from_error(object: impl Into<String>, e: &IclError) -> Finding {
        Finding::new(e.id, object, e.text.clone())
    }

    /// Does this finding stop execution (E or S)?
    pub fn blocks(&self) -> bool {
        self.severity >= Severity::E
    }

    /// `ICL401E IMSP01: text`
    pub fn line(&self) -> String {
        if self.object.is_empty() {
            format!("{} {}", self.id, self.text)
        } else {
            format!("{} {}: {}", self.id, self.object, self.text)
        }
    }
}

/// The z/OS return code of a list of findings: 0, 4, 8 or 12.
pub fn rc(findings: &[Finding]) -> i32 {
    findings.iter().map(|f| f.severity.rc()).max().unwrap_or(0)
}

/// Does any finding block execution?
pub fn blocked(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::blocks)
}
