//! Jobs, procedures, steps and DDs built from lexed statements.

use std::collections::BTreeMap;

use super::lex::{Entry, JclStatement, Lexed};
use super::symbols::{Resolved, resolve_map};
use crate::ims::asm::{Operands, Value};
use crate::ims::text::Finding;

/// EXEC keywords that are parameters of the step itself; any other keyword
/// on an EXEC that calls a procedure assigns a symbolic parameter.
pub const EXEC_KEYWORDS: &[&str] = &[
    "PGM", "PROC", "PARM", "PARMDD", "ACCT", "ADDRSPC", "CCSID", "COND", "DPRTY", "DYNAMNBR",
    "MEMLIMIT", "PERFORM", "RD", "REGION", "REGIONX", "RLSTMOUT", "TIME", "TVSMSG", "TVSAMCOM",
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
        self.entries
            .iter()
            .filter_map(|e| e.dsn.as_deref())
            .collect()
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
        self.steps.iter().find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    pub fn proc(&self, name: &str) -> Option<&Proc> {
        self.procs.iter().find(|p| {
            p.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// SET symbols as a map.
    pub fn set_symbols(&self) -> BTreeMap<String, String> {
        self.set
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v.clone()))
            .collect()
    }
}

/// Raw keyword operands, keyword upper case.
fn keywords(ops: &Operands) -> Vec<(String, String)> {
    ops.keywords()
        .into_iter()
        .map(|(k, v)| (k.to_ascii_uppercase(), v.raw.clone()))
        .collect()
}

fn raw(ops: &Operands, kw: &str) -> Option<String> {
    ops.raw(kw).map(str::to_string)
}

/// Volume serials of VOL=SER=x, VOL=SER=(a,b), VOL=(,,,2,SER=(a,b)).
fn volsers(ops: &Operands) -> Vec<String> {
    let vol = ops.get("VOL").or_else(|| ops.get("VOLUME"));
    vol.and_then(|v| v.get("SER"))
        .map(|s| {
            s.elements()
                .iter()
                .filter_map(|e| e.as_scalar())
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn dd_entry(st: &JclStatement) -> DdEntry {
    let ops = &st.operands;
    let dsn = raw(ops, "DSN").or_else(|| raw(ops, "DSNAME"));
    let first_pos = ops.positional().first().map(|v| v.raw.to_ascii_uppercase());
    let dummy = first_pos.as_deref() == Some("DUMMY")
        || dsn
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case("NULLFILE"));
    let instream = st.starts_instream().then(|| Instream {
        first: st.last + 1,
        data: first_pos.as_deref() == Some("DATA"),
        dlm: ops.get("DLM").map(Value::unquoted),
        ..Instream::default()
    });
    DdEntry {
        statement: Some(st.index),
        record: st.first + 1,
        dsn,
        disp: raw(ops, "DISP"),
        volsers: volsers(ops),
        sysout: raw(ops, "SYSOUT"),
        dummy,
        instream,
        keywords: keywords(ops),
    }
}

fn step_of(st: &JclStatement) -> Step {
    let ops = &st.operands;
    let proc_name = raw(ops, "PROC").or_else(|| {
        ops.positional()
            .first()
            .map(|v| v.raw.clone())
            .filter(|s| !s.is_empty())
    });
    Step {
        name: st.name.clone(),
        statement: st.index,
        record: st.first + 1,
        pgm: raw(ops, "PGM"),
        proc_name: if raw(ops, "PGM").is_some() {
            None
        } else {
            proc_name
        },
        parm: raw(ops, "PARM"),
        keywords: keywords(ops)
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "PGM" | "PROC" | "PARM"))
            .collect(),
        dds: Vec::new(),
    }
}

/// Where statements are going while building.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Job,
    Proc,
    Dead,
}

/// The model of a whole source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Model {
    pub jobs: Vec<Job>,
    /// Procedures outside any job (a cataloged procedure member).
    pub procs: Vec<Proc>,
    pub findings: Vec<Finding>,
}

struct Builder<'a> {
    lx: &'a Lexed,
    m: Model,
    /// Index of the open in-stream or cataloged proc.
    proc: Option<(bool, usize)>,
    target: Target,
    /// Last DD entry (for concatenation and in-stream data), by position.
    last_dd: bool,
}

impl Builder<'_> {
    fn job(&mut self) -> &mut Job {
        if self.m.jobs.is_empty() {
            self.m.jobs.push(Job::default());
        }
        let n = self.m.jobs.len() - 1;
        &mut self.m.jobs[n]
    }

    /// The step list statements currently go to.
    fn steps(&mut self) -> &mut Vec<Step> {
        match (self.target, self.proc) {
            (Target::Proc, Some((true, i))) => &mut self.job().procs[i].steps,
            (Target::Proc, Some((false, i))) => &mut self.m.procs[i].steps,
            (Target::Dead, _) => &mut self.job().not_executed,
            _ => &mut self.job().steps,
        }
    }

    fn finding(&mut self, id: &'static str, rec: usize, text: String) {
        self.m.findings.push(Finding::at(id, rec, text));
    }

    fn statement(&mut self, st: &JclStatement) {
        let op = st.op.to_ascii_uppercase();
        match op.as_str() {
            "JOB" => {
                self.close_proc(st.first);
                self.m.jobs.push(Job {
                    name: st.name.clone(),
                    statement: Some(st.index),
                    record: st.first + 1,
                    keywords: keywords(&st.operands),
                    ..Job::default()
                });
                self.target = Target::Job;
                self.last_dd = false;
            }
            "PROC" => self.open_proc(st),
            "PEND" => {
                match self.proc {
                    Some((true, i)) => {
                        self.job().procs[i].pend = Some(st.first + 1);
                    }
                    Some((false, i)) => self.m.procs[i].pend = Some(st.first + 1),
                    None => self.finding("ICL339W", st.first, "PEND without PROC".into()),
                }
                self.proc = None;
                if self.target == Target::Proc {
                    self.target = Target::Job;
                }
                self.last_dd = false;
            }
            "EXEC" => {
                let s = step_of(st);
                self.steps().push(s);
                self.last_dd = false;
            }
            "DD" => self.dd(st),
            "SET" if self.target != Target::Dead => {
                let kws: Vec<(String, String)> = keywords(&st.operands)
                    .into_iter()
                    .map(|(k, v)| (k, super::asm_unquote(&v)))
                    .collect();
                self.job().set.extend(kws);
            }
            "INCLUDE" if self.target != Target::Dead => {
                if let Some(m) = st
                    .operands
                    .get("MEMBER")
                    .and_then(Value::first_scalar)
                    .map(str::to_string)
                {
                    self.job().includes.push(m);
                }
            }
            "JCLLIB" if self.target != Target::Dead => {
                let libs: Vec<String> = st
                    .operands
                    .get("ORDER")
                    .map(|v| v.elements().iter().map(|e| e.raw.clone()).collect())
                    .unwrap_or_default();
                self.job().jcllib.extend(libs);
            }
            _ => {}
        }
    }

    fn open_proc(&mut self, st: &JclStatement) {
        let defaults = keywords(&st.operands)
            .into_iter()
            .map(|(k, v)| (k, super::asm_unquote(&v)))
            .collect::<Vec<_>>();
        let in_job =
            self.m.jobs.iter().any(|j| j.statement.is_some()) && self.target != Target::Dead;
        if self.proc.is_some() {
            self.finding(
                "ICL339W",
                st.first,
                "PROC inside a PROC without PEND".into(),
            );
            self.close_proc(st.first);
        }
        let p = Proc {
            name: st.name.clone(),
            statement: st.index,
            record: st.first + 1,
            defaults,
            instream: in_job,
            ..Proc::default()
        };
        if in_job {
            let procs = &mut self.job().procs;
            procs.push(p);
            self.proc = Some((true, procs.len() - 1));
        } else {
            self.m.procs.push(p);
            self.proc = Some((false, self.m.procs.len() - 1));
        }
        self.target = Target::Proc;
        self.last_dd = false;
    }

    fn close_proc(&mut self, rec: usize) {
        if let Some((true, _)) = self.proc {
            self.finding("ICL339W", rec, "in-stream PROC without PEND".into());
        }
        self.proc = None;
    }

    fn dd(&mut self, st: &JclStatement) {
        let entry = dd_entry(st);
        match &st.name {
            Some(name) => {
                let (procstep, ddname) = match name.split_once('.') {
                    Some((p, d)) => (Some(p.to_string()), d.to_string()),
                    None => (None, name.clone()),
                };
                let dd = Dd {
                    name: name.clone(),
                    procstep,
                    ddname,
                    entries: vec![entry],
                };
                let no_step = self.steps().is_empty() && self.target != Target::Dead;
                if no_step {
                    if self.target == Target::Job {
                        self.job().dds.push(dd);
                    } else {
                        self.finding(
                            "ICL339W",
                            st.first,
                            format!("DD {name} before any EXEC in the procedure"),
                        );
                    }
                } else if let Some(step) = self.steps().last_mut() {
                    step.dds.push(dd);
                }
                self.last_dd = true;
            }
            None => {
                let chained = self.last_dd;
                let target = if self.steps().is_empty() {
                    self.job().dds.last_mut()
                } else {
                    self.steps().last_mut().and_then(|s| s.dds.last_mut())
                };
                match target {
                    Some(dd) if chained => dd.entries.push(entry),
                    _ => self.finding(
                        "ICL339W",
                        st.first,
                        "unnamed DD without a named DD before it".into(),
                    ),
                }
            }
        }
    }

    /// The DD entry that owns statement `owner`.
    fn entry_for(&mut self, owner: usize) -> Option<&mut DdEntry> {
        let job_dds = self.m.jobs.iter_mut().flat_map(|j| {
            j.dds.iter_mut().chain(
                j.steps
                    .iter_mut()
                    .chain(j.not_executed.iter_mut())
                    .chain(j.procs.iter_mut().flat_map(|p| p.steps.iter_mut()))
                    .flat_map(|s| s.dds.iter_mut()),
            )
        });
        let proc_dds = self
            .m
            .procs
            .iter_mut()
            .flat_map(|p| p.steps.iter_mut())
            .flat_map(|s| s.dds.iter_mut());
        job_dds
            .chain(proc_dds)
            .flat_map(|d| d.entries.iter_mut())
            .find(|e| e.statement == Some(owner))
    }

    fn data(&mut self, first: usize, last: usize, owner: Option<usize>, delimiter: Option<usize>) {
        let lines: Vec<String> = self.lx.records[first..=last].to_vec();
        match owner {
            Some(o) => {
                if let Some(e) = self.entry_for(o)
                    && let Some(is) = e.instream.as_mut()
                {
                    is.first = first;
                    is.lines = lines;
                    is.delimiter = delimiter;
                }
            }
            None if self.target != Target::Dead => {
                let entry = DdEntry {
                    record: first + 1,
                    instream: Some(Instream {
                        first,
                        lines,
                        delimiter,
                        implied: true,
                        ..Instream::default()
                    }),
                    ..DdEntry::default()
                };
                let dd = Dd {
                    name: "SYSIN".into(),
                    procstep: None,
                    ddname: "SYSIN".into(),
                    entries: vec![entry],
                };
                if let Some(step) = self.steps().last_mut() {
                    step.dds.push(dd);
                }
            }
            None => {}
        }
    }
}

/// Build the model from a lexed source.
pub fn build(lx: &Lexed) -> Model {
    let mut b = Builder {
        lx,
        m: Model::default(),
        proc: None,
        target: Target::Job,
        last_dd: false,
    };
    for e in &lx.entries {
        match e {
            Entry::Statement(i) => {
                let st = &lx.statements[*i];
                if b.target == Target::Dead && !st.is("JOB") {
                    // After a null statement: parse for reporting only.
                    if st.is("EXEC") {
                        let s = step_of(st);
                        b.job().not_executed.push(s);
                        b.last_dd = false;
                    } else if st.is("DD") {
                        b.dd(st);
                    }
                    continue;
                }
                b.statement(st);
            }
            Entry::Null { record } => {
                if b.target == Target::Dead {
                    continue;
                }
                b.close_proc(*record);
                let total = lx.records.len();
                let end = lx
                    .entries
                    .iter()
                    .filter_map(|x| match x {
                        Entry::Statement(i)
                            if lx.statements[*i].is("JOB") && lx.statements[*i].first > *record =>
                        {
                            Some(lx.statements[*i].first)
                        }
                        _ => None,
                    })
                    .next()
                    .unwrap_or(total);
                let job = b.job();
                job.null_statement = Some(record + 1);
                job.records_after_null = end - (record + 1);
                if job.records_after_null > 0 {
                    b.m.findings.push(Finding::at(
                        "ICL338I",
                        *record,
                        format!(
                            "null statement: the {} records after it are not part of the job",
                            end - (record + 1)
                        ),
                    ));
                }
                b.target = Target::Dead;
                b.last_dd = false;
            }
            Entry::Data {
                first,
                last,
                owner,
                delimiter,
            } => b.data(*first, *last, *owner, *delimiter),
            Entry::Comment { .. } | Entry::Delimiter { .. } | Entry::JesControl { .. } => {}
        }
    }
    if let Some((true, _)) = b.proc {
        let last = lx.records.len().saturating_sub(1);
        b.finding(
            "ICL339W",
            last,
            "in-stream PROC without PEND at end of file".into(),
        );
    }
    b.m
}
