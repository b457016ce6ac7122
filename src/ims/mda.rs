//! DFSMDA source: dynamic allocation members for RECONs, OLDS, WADS, SLDS,
//! databases and their data sets.
//!
//! `DFSMDA TYPE=INITIAL` opens the source, `TYPE=FINAL` closes it; each
//! `TYPE=RECON/OLDS/WADS/SLDS/DFSDCMON` entry becomes a member named after
//! its DDNAME, each `TYPE=DATABASE` a member named after its DBNAME holding
//! the `TYPE=DATASET` entries that follow it (DDNAME + DSNAME). The source
//! usually reaches the assembler as in-stream data of a JCL job, so the
//! parser finds it there too. DSNAME= values are rewritten losslessly
//! through the assembler layer.

use std::collections::BTreeMap;

use crate::icl;
use crate::ims::asm::{AsmChange, AsmSource, Edit, Statement};
use crate::ims::jcl::Jcl;
use crate::ims::text::{Finding, Rewritten, SourceText};
use crate::msg::Result;

/// TYPE= values known to DFSMDA.
const TYPES: &[&str] = &[
    "INITIAL", "FINAL", "RECON", "OLDS", "WADS", "SLDS", "DATABASE", "DATASET", "DFSDCMON", "TRACE", "CATDBDEF",
    "FPDEDB", "AREA",
];

/// Entry types that become a member named after their DDNAME.
const DD_MEMBERS: &[&str] = &["RECON", "OLDS", "WADS", "SLDS", "DFSDCMON", "TRACE"];

/// One DFSMDA statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MdaEntry {
    /// TYPE=, upper case.
    pub entry_type: String,
    pub ddname: Option<String>,
    pub dsname: Option<String>,
    pub dbname: Option<String>,
    pub disp: Option<String>,
    pub keywords: Vec<(String, String)>,
    /// 1-based record number (in the JCL when the source is in-stream).
    pub record: usize,
}

/// A data set of a database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MdaDataset {
    pub ddname: String,
    pub dsname: Option<String>,
    pub disp: Option<String>,
    pub record: usize,
}

/// A TYPE=DATABASE (or FPDEDB) entry with its data sets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MdaDatabase {
    pub dbname: String,
    pub datasets: Vec<MdaDataset>,
    pub record: usize,
}

/// A parsed DFSMDA source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Mda {
    pub entries: Vec<MdaEntry>,
    pub databases: Vec<MdaDatabase>,
    /// 1-based first and last record of the source (in a JCL: of the
    /// in-stream data holding it).
    pub source_records: Option<(usize, usize)>,
    pub findings: Vec<Finding>,
}

fn first(st: &Statement, kw: &str) -> Option<String> {
    st.get(kw)
        .and_then(|v| v.first_scalar())
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

impl Mda {
    /// Parse an assembler source. `offset` is added to record numbers (the
    /// 0-based record where the source starts inside a larger file).
    pub fn parse(src: &AsmSource, offset: usize) -> Result<Mda> {
        let mut m = Mda::default();
        for f in &src.findings {
            m.findings.push(Finding {
                record: f.record.map(|r| r + offset),
                ..f.clone()
            });
        }
        for st in src.by_opcode("DFSMDA") {
            let record = st.first + 1 + offset;
            let entry_type = first(st, "TYPE").map(|t| t.to_ascii_uppercase()).unwrap_or_default();
            let e = MdaEntry {
                entry_type: entry_type.clone(),
                ddname: first(st, "DDNAME"),
                dsname: first(st, "DSNAME"),
                dbname: first(st, "DBNAME"),
                disp: first(st, "DISP"),
                keywords: st
                    .operands
                    .keywords()
                    .into_iter()
                    .map(|(k, v)| (k.to_ascii_uppercase(), v.raw.clone()))
                    .collect(),
                record,
            };
            m.check(&e);
            match entry_type.as_str() {
                "DATABASE" | "FPDEDB" => m.databases.push(MdaDatabase {
                    dbname: e.dbname.clone().unwrap_or_default(),
                    datasets: Vec::new(),
                    record,
                }),
                "DATASET" | "AREA" => {
                    let ds = MdaDataset {
                        ddname: e.ddname.clone().unwrap_or_default(),
                        dsname: e.dsname.clone(),
                        disp: e.disp.clone(),
                        record,
                    };
                    match m.databases.last_mut() {
                        Some(db) => db.datasets.push(ds),
                        None => m.findings.push(Finding {
                            id: "ICL328W",
                            record: Some(record),
                            text: "TYPE=DATASET before any TYPE=DATABASE".into(),
                        }),
                    }
                }
                _ => {}
            }
            m.entries.push(e);
        }
        if m.entries.is_empty() {
            return Err(icl!(
                "ICL327E",
                "no DFSMDA statement in {} records: not a DFSMDA source",
                src.records.len()
            ));
        }
        for t in ["INITIAL", "FINAL"] {
            if !m.entries.iter().any(|e| e.entry_type == t) {
                m.findings
                    .push(Finding::general("ICL329W", format!("no DFSMDA TYPE={t} statement")));
            }
        }
        m.source_records = Some((offset + 1, offset + src.records.len()));
        Ok(m)
    }

    fn check(&mut self, e: &MdaEntry) {
        let mut bad = |id: &'static str, text: String| {
            self.findings.push(Finding {
                id,
                record: Some(e.record),
                text,
            })
        };
        if !TYPES.contains(&e.entry_type.as_str()) {
            bad(
                "ICL329W",
                format!("DFSMDA TYPE={:?} is not a known entry type", e.entry_type),
            );
        }
        let needs_dd = DD_MEMBERS.contains(&e.entry_type.as_str()) || e.entry_type == "DATASET";
        if needs_dd && (e.ddname.is_none() || e.dsname.is_none()) {
            bad("ICL328W", format!("TYPE={} needs DDNAME= and DSNAME=", e.entry_type));
        }
        if e.entry_type == "DATABASE" && e.dbname.is_none() {
            bad("ICL328W", "TYPE=DATABASE without DBNAME=".into());
        }
        if let Some(d) = &e.dsname {
            let ok = d.chars().count() <= 44 && d.split('.').all(|q| !q.is_empty() && q.chars().count() <= 8);
            if !ok {
                bad("ICL330W", format!("DSNAME={d} is not a valid data set name"));
            }
        }
    }

    /// Decode bytes: a JCL source (first statement starts with `//`) is
    /// searched for in-stream DFSMDA source; anything else is parsed as
    /// assembler source.
    pub fn from_bytes(bytes: &[u8]) -> Result<Mda> {
        let text = SourceText::from_bytes(bytes);
        let lines = text.lines();
        let jcl_like = lines
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.starts_with("//"));
        if jcl_like {
            return Mda::from_jcl(&Jcl::parse(&lines)?);
        }
        Mda::parse(&AsmSource::from_text(&text), 0)
    }

    /// DFSMDA source found in the in-stream data of a JCL source (the first
    /// in-stream block that holds DFSMDA statements, normally the
    /// assembler's SYSIN).
    pub fn from_jcl(jcl: &Jcl) -> Result<Mda> {
        for e in &jcl.lexed.entries {
            if let crate::ims::jcl::Entry::Data { first, last, .. } = e {
                let lines = &jcl.lexed.records[*first..=*last];
                let src = AsmSource::parse(lines);
                if src.by_opcode("DFSMDA").next().is_some() {
                    return Mda::parse(&src, *first);
                }
            }
        }
        Err(icl!("ICL327E", "no in-stream DFSMDA source in this JCL"))
    }

    /// Entry counts by TYPE.
    pub fn counts_by_type(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for e in &self.entries {
            *m.entry(e.entry_type.clone()).or_insert(0) += 1;
        }
        m
    }

    /// The load members the source generates: DDNAME of RECON/OLDS/WADS/...
    /// entries, DBNAME of DATABASE entries.
    pub fn members(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter_map(|e| match e.entry_type.as_str() {
                t if DD_MEMBERS.contains(&t) => e.ddname.clone(),
                "DATABASE" | "FPDEDB" => e.dbname.clone(),
                _ => None,
            })
            .collect()
    }

    /// (database, ddname, dsname) triples.
    pub fn database_datasets(&self) -> Vec<(String, String, Option<String>)> {
        self.databases
            .iter()
            .flat_map(|db| {
                db.datasets
                    .iter()
                    .map(|d| (db.dbname.clone(), d.ddname.clone(), d.dsname.clone()))
            })
            .collect()
    }

    /// Every DSNAME, in source order.
    pub fn dsnames(&self) -> Vec<&str> {
        self.entries.iter().filter_map(|e| e.dsname.as_deref()).collect()
    }
}

/// The load library a JCL link-edits its MDA members into: the SYSLMOD DD
/// of a step running the binder (IEWL, IEWBLINK, HEWL, HEWLH096).
pub fn target_library(jcl: &Jcl) -> Option<String> {
    let binders = ["IEWL", "IEWBLINK", "HEWL", "HEWLH096", "HEWLKED"];
    let steps = jcl
        .jobs
        .iter()
        .flat_map(|j| j.steps.iter().chain(j.procs.iter().flat_map(|p| p.steps.iter())))
        .chain(jcl.procs.iter().flat_map(|p| p.steps.iter()));
    for s in steps {
        if s.pgm
            .as_deref()
            .is_some_and(|p| binders.iter().any(|b| b.eq_ignore_ascii_case(p)))
            && let Some(d) = s.dd("SYSLMOD").and_then(|d| d.dsns().first().map(|x| x.to_string()))
        {
            return Some(d);
        }
    }
    None
}

/// Map every DSNAME= of the DFSMDA statements through `f`, losslessly.
pub fn rewrite_dsnames(src: &AsmSource, f: &dyn Fn(&str) -> Option<String>) -> Result<Rewritten<AsmChange>> {
    let mut edits = Vec::new();
    for st in src.by_opcode("DFSMDA") {
        if let Some(v) = st.get("DSNAME").filter(|v| v.is_scalar())
            && let Some(new) = f(&v.raw).filter(|n| *n != v.raw)
        {
            edits.push(Edit {
                statement: st.index,
                span: v.span.clone(),
                new_text: new,
            });
        }
    }
    src.rewrite(&edits)
}

/// For in-stream data: rewrite DSNAME= values when the lines hold DFSMDA
/// statements; `None` when they hold none or nothing changes.
pub fn rewrite_instream(lines: &[String], f: &dyn Fn(&str) -> Option<String>) -> Result<Option<Rewritten<AsmChange>>> {
    let src = AsmSource::parse(lines);
    if src.by_opcode("DFSMDA").next().is_none() {
        return Ok(None);
    }
    let rw = rewrite_dsnames(&src, f)?;
    Ok((!rw.changes.is_empty()).then_some(rw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str, cont: char) -> String {
        format!("{text:<71}{cont}")
    }

    fn sample() -> Vec<String> {
        vec![
            "         DFSMDA TYPE=INITIAL".into(),
            "         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMSP.RECON1".into(),
            "         DFSMDA TYPE=OLDS,DDNAME=DFSOLP00,DSNAME=IMSP.OLP00".into(),
            "         DFSMDA TYPE=WADS,DDNAME=DFSWADS0,DSNAME=IMSP.WADS0".into(),
            "         DFSMDA TYPE=DATABASE,DBNAME=CUSTDB".into(),
            rec("         DFSMDA TYPE=DATASET,DDNAME=CUSTDD1,", 'X'),
            "               DSNAME=IMSP.CUSTDB.CUSTDD1,DISP=SHR".into(),
            "         DFSMDA TYPE=FINAL".into(),
            "         END".into(),
        ]
    }

    #[test]
    fn entries_and_grouping() {
        let m = Mda::parse(&AsmSource::parse(&sample()), 0).unwrap();
        assert_eq!(m.entries.len(), 7);
        assert_eq!(m.counts_by_type().get("DATASET"), Some(&1));
        assert_eq!(m.members(), vec!["RECON1", "DFSOLP00", "DFSWADS0", "CUSTDB"]);
        assert_eq!(
            m.database_datasets(),
            vec![("CUSTDB".into(), "CUSTDD1".into(), Some("IMSP.CUSTDB.CUSTDD1".into()))]
        );
        assert_eq!(m.databases[0].datasets[0].disp.as_deref(), Some("SHR"));
        assert!(m.findings.is_empty(), "{:?}", m.findings);
    }

    #[test]
    fn rewrite_all_dsnames() {
        let src = AsmSource::parse(&sample());
        let rw = rewrite_dsnames(&src, &|d| {
            crate::ims::jcl::rewrite::replace_qualifier(d, "IMSP", "IMSTEST1")
        })
        .unwrap();
        assert_eq!(rw.changes.len(), 4);
        let m = Mda::parse(&AsmSource::parse(&rw.records), 0).unwrap();
        assert_eq!(
            m.dsnames(),
            vec![
                "IMSTEST1.RECON1",
                "IMSTEST1.OLP00",
                "IMSTEST1.WADS0",
                "IMSTEST1.CUSTDB.CUSTDD1"
            ]
        );
        assert_eq!(rw.records[0], sample()[0]);
        assert_eq!(rw.records.last(), sample().last());
    }

    #[test]
    fn findings() {
        let lines = vec![
            "         DFSMDA TYPE=DATASET,DDNAME=X,DSNAME=A.VERYLONGQUALIFIER".to_string(),
            "         DFSMDA TYPE=RECON,DDNAME=RECON1".into(),
            "         DFSMDA TYPE=WHATEVER".into(),
        ];
        let m = Mda::parse(&AsmSource::parse(&lines), 0).unwrap();
        let ids: Vec<&str> = m.findings.iter().map(|f| f.id).collect();
        for id in ["ICL328W", "ICL330W", "ICL329W"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        assert_eq!(
            Mda::parse(&AsmSource::parse(&["         DBD NAME=X"]), 0)
                .unwrap_err()
                .id,
            "ICL327E"
        );
    }
}
