//! The database-refresh job file the refresh profile panel saves. The
//! refresh engine is written in parallel and does not exist yet: this file
//! holds the shape agreed so far, in one place, so it is easy to adapt
//! (or to replace by the engine's own request type once it lands).
//!
//! ```toml
//! [job]
//! type = "db-refresh"
//! name = "REFRT"
//! [refresh]
//! source = "IMSP"
//! target = "IMST"
//! databases = ["CUSTDB", "ACCTHDB"]
//! [[refresh.rename]]
//! from = "IMSP.**"
//! to = "IMST.**"
//! [refresh.options]
//! fuzzy_copy = false
//! copy_if_different_haldb = false
//! data_mover = "ADRDSSU"          # or "NONE"
//! fastreplication = "PREFERRED"
//! ```

use serde::{Deserialize, Serialize};

use crate::engine::movers::FastReplication;
use crate::engine::request::{JobHeader, RenamePair};
use crate::{Result, icl};

/// The job type word.
pub const KIND: &str = "db-refresh";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshJobFile {
    pub job: JobHeader,
    pub refresh: Refresh,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refresh {
    pub source: String,
    pub target: String,
    pub databases: Vec<String>,
    #[serde(default)]
    pub rename: Vec<RenamePair>,
    #[serde(default)]
    pub options: RefreshOptions,
}

/// ADRDSSU (DFSMSdss-like copy) or NONE (the data sets are already there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DataMover {
    #[default]
    Adrdssu,
    None,
}

impl DataMover {
    pub fn word(self) -> &'static str {
        match self {
            DataMover::Adrdssu => "ADRDSSU",
            DataMover::None => "NONE",
        }
    }

    pub fn parse(s: &str) -> Option<DataMover> {
        match s.trim().to_ascii_uppercase().as_str() {
            "ADRDSSU" => Some(DataMover::Adrdssu),
            "NONE" => Some(DataMover::None),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshOptions {
    #[serde(default)]
    pub fuzzy_copy: bool,
    #[serde(default)]
    pub copy_if_different_haldb: bool,
    #[serde(default)]
    pub data_mover: DataMover,
    #[serde(default)]
    pub fastreplication: FastReplication,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            fuzzy_copy: false,
            copy_if_different_haldb: false,
            data_mover: DataMover::Adrdssu,
            fastreplication: FastReplication::Preferred,
        }
    }
}

impl RefreshJobFile {
    /// Parse a refresh job file (ICL400E syntax, ICL401E content, as the
    /// engine's job files).
    pub fn parse(text: &str, origin: &str) -> Result<RefreshJobFile> {
        let jf: RefreshJobFile =
            toml::from_str(text).map_err(|e| icl!("ICL400E", "{origin}: {}", e.to_string().trim()))?;
        if jf.job.kind != KIND {
            return Err(icl!("ICL401E", "{origin}: job type '{}' is not {KIND}", jf.job.kind));
        }
        if !crate::dasd::names::valid_member(&jf.job.name) {
            return Err(icl!(
                "ICL401E",
                "{origin}: job name '{}' must be 1-8 characters A-Z 0-9 $ # @",
                jf.job.name
            ));
        }
        Ok(jf)
    }

    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(self).map_err(|e| icl!("ICL400E", "cannot write the job file: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[job]
type = "db-refresh"
name = "REFRT"
[refresh]
source = "IMSP"
target = "IMST"
databases = ["CUSTDB", "ACCTHDB"]
[[refresh.rename]]
from = "IMSP.**"
to = "IMST.**"
[refresh.options]
fuzzy_copy = false
copy_if_different_haldb = true
data_mover = "NONE"
fastreplication = "PREFERRED"
"#;

    #[test]
    fn the_agreed_shape_reads_and_writes_back() {
        let j = RefreshJobFile::parse(SAMPLE, "t").unwrap();
        assert_eq!(j.refresh.databases, ["CUSTDB", "ACCTHDB"]);
        assert_eq!(j.refresh.options.data_mover, DataMover::None);
        assert!(j.refresh.options.copy_if_different_haldb);
        let again = RefreshJobFile::parse(&j.to_toml().unwrap(), "t2").unwrap();
        assert_eq!(again, j);
    }

    #[test]
    fn bad_files_have_ids() {
        assert_eq!(RefreshJobFile::parse("[job", "t").unwrap_err().id, "ICL400E");
        let other = SAMPLE.replace("db-refresh", "system-clone");
        assert_eq!(RefreshJobFile::parse(&other, "t").unwrap_err().id, "ICL401E");
        let unknown = SAMPLE.replace("fuzzy_copy", "fuzzy");
        assert_eq!(RefreshJobFile::parse(&unknown, "t").unwrap_err().id, "ICL400E");
    }
}
