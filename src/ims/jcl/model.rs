//! Jobs, procedures, steps and DDs: the JCL model types (built by
//! [`super::build`]).

use std::collections::BTreeMap;

use super::symbols::{Resolved, resolve_map};

/// EXEC keywords that are parameters of the step itself; any other keyword
/// on an EXEC that calls a procedure assigns a symbolic parameter.
pub const EXEC_KEYWORDS: &[&str] = &[
    "PGM", "PROC", "PARM", "PARMDD", "ACCT", "ADDRSPC", "CCSID", "COND", "DPRTY", "DYNAMNBR", "MEMLIMIT", "PERFORM",
    "RD", "REGION", "REGIONX", "RLSTMOUT", "TIME", "TVSMSG", "TVSAMCOM",
];

/// In-stream data of a DD.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Instream {
    /// 0-based first data record (meaningless when `lines` is empty).
    pub first: usize,
    pub lines: Vec<String>,
    /// 0-based record of the delimiter that ended it, if any.
    pub delimiter: Option<usize>,
    /// `DD DATA` (not `DD *`).
    pub data: bool,
    /// DLM= value.
    pub dlm: Option<String>,
    /// Data JES would give an implied `//SYSIN DD *`.
    pub implied: bool,
}

/// One DD statement of a DD (the named one or a concatenated one).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DdEntry {
    /// Statement index (`None` for an implied SYSIN).
    pub statement: Option<usize>,
    /// 1-based record number.
    pub record: usize,
    /// DSN=/DSNAME= as written (`X.Y(MEMBER)`, `&&TEMP`, `*.STEP.DD`).
    pub dsn: Option<String>,
    pub disp: Option<String>,
    /// VOL=SER volume serials.
    pub volsers: Vec<String>,
    /// SYSOUT= as written.
    pub sysout: Option<String>,
    /// DUMMY, or DSN=NULLFILE.
    pub dummy: bool,
    pub instream: Option<Instream>,
    /// All keyword operands, raw.
    pub keywords: Vec<(String, String)>,
}

/// A DD: a named DD statement and the unnamed ones concatenated to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Dd {
    /// The name field as written (`STEPLIB`, `G.IMS`).
    pub name: String,
    pub procstep: Option<String>,
    pub ddname: String,
    pub entries: Vec<DdEntry>,
}

impl Dd {
    /// DSNs of the concatenation, in order.
    pub fn dsns(&self) -> Vec<&str> {
        self.entries.iter().filter_map(|e| e.dsn.as_deref()).collect()
    }

    pub fn sysout(&self) -> Option<&str> {
        self.entries.first().and_then(|e| e.sysout.as_deref())
    }

    pub fn is_dummy(&self) -> bool {
        self.entries.first().is_some_and(|e| e.dummy)
    }

    /// Number of in-stream records over the concatenation.
    pub fn instream_records(&self) -> Option<usize> {
        let v: Vec<usize> = self
            .entries
            .iter()
            .filter_map(|e| e.instream.as_ref().map(|i| i.lines.len()))
            .collect();
        (!v.is_empty()).then(|| v.iter().sum())
    }

    pub fn volsers(&self) -> Vec<&str> {
        self.entries
            .iter()
            .flat_map(|e| e.volsers.iter().map(String::as_str))
            .collect()
    }
}

/// An EXEC statement and its DDs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    pub name: Option<String>,
    pub statement: usize,
    pub record: usize,
    /// PGM= as written.
    pub pgm: Option<String>,
    /// Procedure called (PROC= or the first positional operand).
    pub proc_name: Option<String>,
    /// PARM= as written (quotes and parentheses kept).
    pub parm: Option<String>,
    /// EXEC keywords other than PGM/PROC/PARM, raw (`REGION=4M`,
    /// `COND=(7,LT,ASSEM)`); on a procedure call this includes the symbolic
    /// overrides (`IMSID=IMSP`).
    pub keywords: Vec<(String, String)>,
    pub dds: Vec<Dd>,
}

impl Step {
    pub fn dd(&self, name: &str) -> Option<&Dd> {
        self.dds.iter().find(|d| d.name.eq_ignore_ascii_case(name))
    }

    pub fn keyword(&self, kw: &str) -> Option<&str> {
        self.keywords
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(kw))
            .map(|(_, v)| v.as_str())
    }

    /// Keywords that assign symbolic parameters of the called procedure.
    pub fn symbol_overrides(&self) -> Vec<(String, String)> {
        self.keywords
            .iter()
            .filter(|(k, _)| {
                !EXEC_KEYWORDS
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(k.split('.').next().unwrap_or(k)))
            })
            .map(|(k, v)| (k.to_ascii_uppercase(), super::asm_unquote(v)))
            .collect()
    }

    /// A copy with every symbol substituted (PGM, PARM, keywords, DSNs,
    /// SYSOUT, volsers, DISP); undefined symbols are returned.
    pub fn resolved(&self, symbols: &BTreeMap<String, String>) -> (Step, Vec<String>) {
        let mut undefined = Vec::new();
        let mut r = |s: &str| -> String {
            let Resolved { text, undefined: u } = resolve_map(s, symbols);
            for n in u {
                if !undefined.contains(&n) {
                    undefined.push(n);
                }
            }
            text
        };
        let mut st = self.clone();
        st.pgm = st.pgm.as_deref().map(&mut r);
        st.proc_name = st.proc_name.as_deref().map(&mut r);
        st.parm = st.parm.as_deref().map(&mut r);
        st.keywords = st.keywords.iter().map(|(k, v)| (k.clone(), r(v))).collect();
        for dd in &mut st.dds {
            for e in &mut dd.entries {
                e.dsn = e.dsn.as_deref().map(&mut r);
                e.disp = e.disp.as_deref().map(&mut r);
                e.sysout = e.sysout.as_deref().map(&mut r);
                e.volsers = e.volsers.iter().map(|v| r(v)).collect();
                e.keywords = e.keywords.iter().map(|(k, v)| (k.clone(), r(v))).collect();
            }
        }
        (st, undefined)
    }
}

/// A procedure: cataloged (a PROCLIB member) or in-stream (PROC..PEND).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Proc {
    /// Name field (cataloged procedures may omit it).
    pub name: Option<String>,
    pub statement: usize,
    pub record: usize,
    /// Symbolic parameter defaults, apostrophes removed (`DPTY='(14,15)'`
    /// gives `(14,15)`), in order.
    pub defaults: Vec<(String, String)>,
    pub steps: Vec<Step>,
    pub instream: bool,
    /// 1-based record of the PEND statement.
    pub pend: Option<usize>,
}

impl Proc {
    pub fn default_value(&self, symbol: &str) -> Option<&str> {
        self.defaults
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(symbol))
            .map(|(_, v)| v.as_str())
    }

    /// Symbols for a call: the defaults, overridden by `overrides`.
    pub fn symbols(&self, overrides: &[(String, String)]) -> BTreeMap<String, String> {
        let mut m: BTreeMap<String, String> = self
            .defaults
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v.clone()))
            .collect();
        for (k, v) in overrides {
            m.insert(k.to_ascii_uppercase(), v.clone());
        }
        m
    }

    /// DSNs per DD of each step, resolved with the defaults only.
    pub fn resolved_dsns(&self) -> Vec<(String, Vec<String>)> {
        let m = self.symbols(&[]);
        let mut out = Vec::new();
        for s in &self.steps {
            let (r, _) = s.resolved(&m);
            for dd in &r.dds {
                let dsns: Vec<String> = dd.dsns().into_iter().map(str::to_string).collect();
                if !dsns.is_empty() {
                    out.push((dd.name.clone(), dsns));
                }
            }
        }
        out
    }
}

/// A job (or, for a source without JOB statement, the steps found).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Job {
    /// Job name (`None` for steps outside any JOB).
    pub name: Option<String>,
    pub statement: Option<usize>,
    pub record: usize,
    /// JOB statement operands, raw.
    pub keywords: Vec<(String, String)>,
    /// SET symbols, in order.
    pub set: Vec<(String, String)>,
    /// JCLLIB ORDER= libraries.
    pub jcllib: Vec<String>,
    /// INCLUDE MEMBER= names, in order.
    pub includes: Vec<String>,
    /// JOBLIB/JOBCAT and other DDs before the first step.
    pub dds: Vec<Dd>,
    pub procs: Vec<Proc>,
    pub steps: Vec<Step>,
    /// 1-based record of the first null statement (`//`): the job ends there.
    pub null_statement: Option<usize>,
    /// Records after the null statement up to the next JOB (never run).
    pub records_after_null: usize,
    /// Steps written after the null statement (parsed, never run).
    pub not_executed: Vec<Step>,
}

impl Job {
    pub fn step(&self, name: &str) -> Option<&Step> {
        self.steps
            .iter()
            .find(|s| s.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }

    pub fn proc(&self, name: &str) -> Option<&Proc> {
        self.procs
            .iter()
            .find(|p| p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }

    /// SET symbols as a map.
    pub fn set_symbols(&self) -> BTreeMap<String, String> {
        self.set
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v.clone()))
            .collect()
    }
}
