//! Building jobs, procedures, steps and DDs from lexed statements.

use super::lex::{Entry, JclStatement, Lexed};
use super::model::{Dd, DdEntry, Instream, Job, Proc, Step};
use crate::ims::asm::{Operands, Value};
use crate::ims::text::Finding;

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
    let dummy =
        first_pos.as_deref() == Some("DUMMY") || dsn.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("NULLFILE"));
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
        proc_name: if raw(ops, "PGM").is_some() { None } else { proc_name },
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
        let in_job = self.m.jobs.iter().any(|j| j.statement.is_some()) && self.target != Target::Dead;
        if self.proc.is_some() {
            self.finding("ICL339W", st.first, "PROC inside a PROC without PEND".into());
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
                    _ => self.finding("ICL339W", st.first, "unnamed DD without a named DD before it".into()),
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
                        Entry::Statement(i) if lx.statements[*i].is("JOB") && lx.statements[*i].first > *record => {
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
        b.finding("ICL339W", last, "in-stream PROC without PEND at end of file".into());
    }
    b.m
}
