//! Procedure expansion: what a job actually runs.
//!
//! For each job step that calls a procedure (in-stream, or cataloged and
//! supplied by the caller), the procedure's steps are resolved with the
//! symbol precedence of z/OS: EXEC overrides first, then PROC defaults,
//! then SET values. Override DDs (`//G.IMS DD ...`, or unqualified ones for
//! the first procedure step) replace the procedure DD's statements one by
//! one (a longer override concatenation adds entries) or add a DD. EXEC
//! parameters qualified by a procedure step (`PARM.G=`) replace that step's
//! value; an unqualified PARM= applies to the first step.
//!
//! Simplification (documented): an override DD statement replaces the
//! whole corresponding DD statement rather than merging keyword by keyword.

use std::collections::BTreeMap;

use super::model::{Job, Proc, Step};
use super::symbols::resolve_map;
use crate::ims::text::Finding;

/// One step as it runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExpandedStep {
    /// Name of the job's EXEC statement.
    pub job_step: Option<String>,
    /// Procedure called, if any.
    pub proc_name: Option<String>,
    /// Name of the procedure's EXEC statement, if any.
    pub proc_step: Option<String>,
    /// The step with symbols substituted and overrides applied.
    pub step: Step,
    /// Symbols that had no value (left as written).
    pub undefined: Vec<String>,
}

impl Job {
    /// Expand the job's steps. `catalog` supplies cataloged procedures by
    /// name (return `None` when unknown; such steps are kept unexpanded with
    /// a finding).
    pub fn expand(&self, catalog: &dyn Fn(&str) -> Option<Proc>) -> (Vec<ExpandedStep>, Vec<Finding>) {
        let set = self.set_symbols();
        let mut out = Vec::new();
        let mut findings = Vec::new();
        for step in &self.steps {
            let Some(pname) = step.proc_name.as_deref().filter(|_| step.pgm.is_none()) else {
                let (s, undefined) = step.resolved(&set);
                out.push(ExpandedStep {
                    job_step: step.name.clone(),
                    proc_name: None,
                    proc_step: None,
                    step: s,
                    undefined,
                });
                continue;
            };
            let Some(proc) = self.proc(pname).cloned().or_else(|| catalog(pname)) else {
                findings.push(Finding::at(
                    "ICL341W",
                    step.record.saturating_sub(1),
                    format!("procedure {pname} is neither in-stream nor supplied; step kept unexpanded"),
                ));
                let (s, undefined) = step.resolved(&set);
                out.push(ExpandedStep {
                    job_step: step.name.clone(),
                    proc_name: Some(pname.to_string()),
                    proc_step: None,
                    step: s,
                    undefined,
                });
                continue;
            };
            let mut symbols: BTreeMap<String, String> = set.clone();
            for (k, v) in proc.symbols(&step.symbol_overrides()) {
                symbols.insert(k, v);
            }
            for (k, ps) in proc.steps.iter().enumerate() {
                let (mut rs, mut undefined) = ps.resolved(&symbols);
                apply_exec_overrides(step, ps, k, &symbols, &mut rs);
                for ov in &step.dds {
                    let applies = match &ov.procstep {
                        Some(p) => ps.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(p)),
                        None => k == 0,
                    };
                    if !applies {
                        continue;
                    }
                    let (ovs, u) = Step {
                        dds: vec![ov.clone()],
                        ..Step::default()
                    }
                    .resolved(&symbols);
                    undefined.extend(u);
                    let mut ov = ovs.dds.into_iter().next().unwrap_or_default();
                    ov.name = ov.ddname.clone();
                    ov.procstep = None;
                    match rs.dds.iter_mut().find(|d| d.ddname.eq_ignore_ascii_case(&ov.ddname)) {
                        Some(d) => {
                            for (i, e) in ov.entries.into_iter().enumerate() {
                                match d.entries.get_mut(i) {
                                    Some(slot) => *slot = e,
                                    None => d.entries.push(e),
                                }
                            }
                        }
                        None => rs.dds.push(ov),
                    }
                }
                undefined.sort();
                undefined.dedup();
                out.push(ExpandedStep {
                    job_step: step.name.clone(),
                    proc_name: Some(pname.to_string()),
                    proc_step: ps.name.clone(),
                    step: rs,
                    undefined,
                });
            }
        }
        (out, findings)
    }
}

/// `PARM.G=`/`REGION.G=` style keywords of the calling EXEC.
fn apply_exec_overrides(call: &Step, ps: &Step, index: usize, symbols: &BTreeMap<String, String>, rs: &mut Step) {
    if let Some(p) = call.parm.as_deref().filter(|_| index == 0) {
        rs.parm = Some(resolve_map(p, symbols).text);
    }
    for (k, v) in &call.keywords {
        let (kw, target) = match k.split_once('.') {
            Some((kw, t)) => (kw, Some(t)),
            None => (k.as_str(), None),
        };
        let hits = match target {
            Some(t) => ps.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(t)),
            // Unqualified PARM applies to the first step only; other
            // unqualified EXEC parameters (REGION, TIME...) to every step.
            None => !kw.eq_ignore_ascii_case("PARM") || index == 0,
        };
        let is_exec = super::model::EXEC_KEYWORDS.iter().any(|e| e.eq_ignore_ascii_case(kw));
        if !hits || !is_exec {
            continue;
        }
        let value = resolve_map(v, symbols).text;
        if kw.eq_ignore_ascii_case("PARM") {
            rs.parm = Some(value);
        } else if let Some(slot) = rs.keywords.iter_mut().find(|(k2, _)| k2.eq_ignore_ascii_case(kw)) {
            slot.1 = value;
        } else {
            rs.keywords.push((kw.to_ascii_uppercase(), value));
        }
    }
}
