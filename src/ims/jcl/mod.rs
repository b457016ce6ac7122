//! JCL: tokenizer, job/procedure model, symbol resolution, IMS extraction
//! and lossless value rewriting.
//!
//! - [`lex`] turns records into statements (continuations, comments in the
//!   middle of a continued statement, quoted strings across records),
//!   null statements, delimiters and in-stream data;
//! - [`model`] and [`build`]: jobs, in-stream and cataloged procedures, steps and
//!   DDs (with concatenations, procstep overrides, in-stream lines), and
//!   keeps what follows a null statement apart (it never runs);
//! - [`symbols`] substitutes `&SYM` with PROC defaults, EXEC overrides and
//!   SET values; [`expand`] applies a procedure call;
//! - [`ims`] reads IMS facts: region type, program, PSB/DBD, IMSID;
//! - [`rewrite`] maps DSNs, volsers, keyword values and PARM tokens through
//!   caller functions and re-flows only the statements that change.
//!
//! The records themselves are never altered by parsing: [`Jcl::render`]
//! returns them unchanged.

pub mod build;
pub mod expand;
pub mod ims;
pub mod lex;
pub mod model;
pub mod rewrite;
pub mod symbols;

pub use lex::{Entry, JclStatement, Lexed};
pub use model::{Dd, DdEntry, Instream, Job, Proc, Step};
pub use rewrite::{ChangeKind, JclChange, RewriteRules};

use crate::icl;
use crate::ims::text::{Finding, SourceText};
use crate::msg::Result;

/// A parsed JCL source: the lexical view and the job/procedure model.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Jcl {
    pub lexed: Lexed,
    pub jobs: Vec<Job>,
    /// Procedures outside any job (a PROCLIB member).
    pub procs: Vec<Proc>,
    pub findings: Vec<Finding>,
}

pub(crate) fn asm_unquote(s: &str) -> String {
    crate::ims::asm::operands::unquote(s)
}

impl Jcl {
    /// Parse decoded records. Fails (ICL343E) only when the source holds
    /// text but not a single JCL statement.
    pub fn parse<S: AsRef<str>>(records: &[S]) -> Result<Jcl> {
        let lexed = Lexed::lex(records);
        if lexed.statements.is_empty() && lexed.records.iter().any(|r| !r.trim().is_empty()) {
            return Err(icl!(
                "ICL343E",
                "no JCL statement in {} records: not a JCL source",
                lexed.records.len()
            ));
        }
        let m = build::build(&lexed);
        let mut findings = lexed.findings.clone();
        findings.extend(m.findings);
        findings.sort_by_key(|f| f.record);
        Ok(Jcl {
            lexed,
            jobs: m.jobs,
            procs: m.procs,
            findings,
        })
    }

    /// Decode and parse raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Jcl> {
        let t = SourceText::from_bytes(bytes);
        let mut j = Jcl::parse(&t.lines())?;
        let mut f = t.findings;
        f.append(&mut j.findings);
        j.findings = f;
        Ok(j)
    }

    /// The records, unchanged.
    pub fn render(&self) -> Vec<String> {
        self.lexed.records.clone()
    }

    pub fn records(&self) -> &[String] {
        &self.lexed.records
    }

    /// The first job (most members hold one).
    pub fn job(&self) -> Option<&Job> {
        self.jobs.first()
    }

    /// The first cataloged procedure (a PROCLIB member).
    pub fn proc(&self) -> Option<&Proc> {
        self.procs.first()
    }

    /// 1-based record of the first null statement in the source.
    pub fn null_statement(&self) -> Option<usize> {
        self.lexed.entries.iter().find_map(|e| match e {
            Entry::Null { record } => Some(record + 1),
            _ => None,
        })
    }

    /// Every step that runs: job steps and cataloged-procedure steps (not
    /// in-stream procedure definitions, not steps after a null statement).
    pub fn steps(&self) -> Vec<&Step> {
        self.jobs
            .iter()
            .flat_map(|j| j.steps.iter())
            .chain(self.procs.iter().flat_map(|p| p.steps.iter()))
            .collect()
    }

    /// Every IMSID value the source sets, sorted, unique: IMSID= on EXEC
    /// statements and SET, IMSID defaults of procedures, and the IMSID
    /// position of DFSRRC00/DFSMVRC0 PARMs (resolved with SET values or
    /// PROC defaults). Values still holding symbols are left out.
    pub fn imsids(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let mut add = |s: Option<&str>| {
            if let Some(s) = s.map(str::trim).filter(|s| !s.is_empty() && !s.contains('&')) {
                v.push(s.to_string());
            }
        };
        for job in &self.jobs {
            let set = job.set_symbols();
            add(set.get("IMSID").map(String::as_str));
            for step in &job.steps {
                let (r, _) = step.resolved(&set);
                add(r.keyword("IMSID"));
                add(r.ims_region().and_then(|x| x.imsid).as_deref());
            }
            for p in &job.procs {
                add(p.default_value("IMSID"));
            }
        }
        for p in &self.procs {
            add(p.default_value("IMSID"));
            for step in &p.steps {
                let (r, _) = step.resolved(&p.symbols(&[]));
                add(r.ims_region().and_then(|x| x.imsid).as_deref());
            }
        }
        v.sort();
        v.dedup();
        v
    }

    /// Every DSN written in DD statements that run (job steps, job-level
    /// DDs, in-stream and cataloged procedure steps), sorted, unique.
    pub fn all_dsns(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let dds = self.jobs.iter().flat_map(|j| {
            j.dds.iter().chain(
                j.steps
                    .iter()
                    .chain(j.procs.iter().flat_map(|p| p.steps.iter()))
                    .flat_map(|s| s.dds.iter()),
            )
        });
        let proc_dds = self
            .procs
            .iter()
            .flat_map(|p| p.steps.iter())
            .flat_map(|s| s.dds.iter());
        for dd in dds.chain(proc_dds) {
            v.extend(dd.dsns().into_iter().map(str::to_string));
        }
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests;
