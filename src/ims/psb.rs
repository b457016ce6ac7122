//! PSB source (PSBGEN input): PCBs with their sensitive segments.
//!
//! A clone needs to know which databases a program view touches (DB and
//! GSAM PCBs name DBDs) and the PSB's name and language. The parser reuses
//! the assembler tokenizer; PCB/SENSEG/SENFLD/PSBGEN are modelled, other
//! opcodes (PRINT, TITLE, END...) are counted.

use std::collections::BTreeMap;

use crate::icl;
use crate::ims::asm::{AsmSource, Statement, Value};
use crate::ims::text::{Finding, SourceText};
use crate::msg::Result;

/// PCB TYPE=.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum PcbType {
    Db,
    Gsam,
    Tp,
    Other(String),
}

impl PcbType {
    fn from_name(s: &str) -> PcbType {
        match s.to_ascii_uppercase().as_str() {
            "DB" => PcbType::Db,
            "GSAM" => PcbType::Gsam,
            "TP" => PcbType::Tp,
            other => PcbType::Other(other.to_string()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            PcbType::Db => "DB",
            PcbType::Gsam => "GSAM",
            PcbType::Tp => "TP",
            PcbType::Other(s) => s,
        }
    }
}

/// A SENSEG statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Senseg {
    pub name: String,
    /// `None` for a root (PARENT=0 or omitted).
    pub parent: Option<String>,
    pub procopt: Option<String>,
    /// SENFLD names under this segment.
    pub senflds: Vec<String>,
    pub record: usize,
}

/// A PCB statement with its sensitive segments.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pcb {
    pub label: Option<String>,
    pub pcb_type: PcbType,
    /// DBDNAME= (or NAME= in the older DB/GSAM form).
    pub dbdname: Option<String>,
    /// TP PCB destination (NAME= or LTERM=).
    pub destination: Option<String>,
    pub procopt: Option<String>,
    pub keylen: Option<String>,
    pub pcbname: Option<String>,
    pub pos: Option<String>,
    pub sensegs: Vec<Senseg>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

/// A parsed PSB.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Psb {
    /// PSBNAME= of PSBGEN (empty when PSBGEN is missing).
    pub name: String,
    pub lang: Option<String>,
    pub cmpat: Option<String>,
    /// Every PSBGEN operand, raw.
    pub psbgen: Vec<(String, String)>,
    pub pcbs: Vec<Pcb>,
    pub statement_counts: BTreeMap<String, usize>,
    pub findings: Vec<Finding>,
}

fn keywords(st: &Statement) -> Vec<(String, String)> {
    st.operands
        .keywords()
        .into_iter()
        .map(|(k, v)| (k.to_ascii_uppercase(), v.raw.clone()))
        .collect()
}

fn first(st: &Statement, kw: &str) -> Option<String> {
    st.get(kw)
        .and_then(Value::first_scalar)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

impl Psb {
    /// Decode, scan and parse raw bytes.
    pub fn from_bytes(bytes: &[u8], member: Option<&str>) -> Result<Psb> {
        Psb::parse(&AsmSource::from_text(&SourceText::from_bytes(bytes)), member)
    }

    /// Parse an assembler source; `member` is compared with PSBNAME.
    pub fn parse(src: &AsmSource, member: Option<&str>) -> Result<Psb> {
        let mut psb = Psb {
            findings: src.findings.clone(),
            ..Psb::default()
        };
        let mut seen_psbgen = false;
        for st in &src.statements {
            let op = st.opcode.to_ascii_uppercase();
            *psb.statement_counts.entry(op.clone()).or_insert(0) += 1;
            match op.as_str() {
                "PCB" => psb.pcb(st),
                "SENSEG" => psb.senseg(st),
                "SENFLD" => {
                    let name = first(st, "NAME").unwrap_or_default();
                    match psb.pcbs.last_mut().and_then(|p| p.sensegs.last_mut()) {
                        Some(s) => s.senflds.push(name),
                        None => {
                            psb.findings
                                .push(Finding::at("ICL324W", st.first, "SENFLD before any SENSEG; ignored"))
                        }
                    }
                }
                "PSBGEN" => {
                    seen_psbgen = true;
                    psb.name = first(st, "PSBNAME").unwrap_or_default();
                    psb.lang = first(st, "LANG");
                    psb.cmpat = first(st, "CMPAT");
                    psb.psbgen = keywords(st);
                }
                _ => {}
            }
        }
        if psb.pcbs.is_empty() && !seen_psbgen {
            return Err(icl!(
                "ICL323E",
                "no PCB or PSBGEN statement in {} records: not a PSB source",
                src.records.len()
            ));
        }
        if !seen_psbgen {
            psb.findings
                .push(Finding::general("ICL325W", "no PSBGEN statement: the PSB has no name"));
        } else if let Some(m) = member.map(str::trim).filter(|m| !m.is_empty())
            && !psb.name.is_empty()
            && !m.eq_ignore_ascii_case(&psb.name)
        {
            psb.findings.push(Finding::general(
                "ICL325W",
                format!("member {m} holds PSB {}: the names differ", psb.name),
            ));
        }
        Ok(psb)
    }

    fn pcb(&mut self, st: &Statement) {
        let pcb_type = first(st, "TYPE").map_or(PcbType::Other(String::new()), |t| PcbType::from_name(&t));
        let name = first(st, "NAME");
        let (dbdname, destination) = match pcb_type {
            PcbType::Tp => (None, name.or_else(|| first(st, "LTERM"))),
            _ => (first(st, "DBDNAME").or(name), None),
        };
        if let PcbType::Other(t) = &pcb_type {
            self.findings.push(Finding::at(
                "ICL326W",
                st.first,
                format!("PCB TYPE={t:?} is not DB, GSAM or TP"),
            ));
        }
        if matches!(pcb_type, PcbType::Db | PcbType::Gsam) && dbdname.is_none() {
            self.findings
                .push(Finding::at("ICL326W", st.first, "DB/GSAM PCB without DBDNAME="));
        }
        self.pcbs.push(Pcb {
            label: st.label.clone(),
            pcb_type,
            dbdname,
            destination,
            procopt: first(st, "PROCOPT"),
            keylen: first(st, "KEYLEN"),
            pcbname: first(st, "PCBNAME"),
            pos: first(st, "POS"),
            sensegs: Vec::new(),
            keywords: keywords(st),
            record: st.first + 1,
        });
    }

    fn senseg(&mut self, st: &Statement) {
        let name = first(st, "NAME").unwrap_or_default();
        let parent = first(st, "PARENT").filter(|p| p != "0");
        let Some(pcb) = self.pcbs.last_mut() else {
            self.findings.push(Finding::at(
                "ICL324W",
                st.first,
                format!("SENSEG {name} before any PCB; ignored"),
            ));
            return;
        };
        if pcb.pcb_type != PcbType::Db {
            self.findings.push(Finding::at(
                "ICL324W",
                st.first,
                format!("SENSEG {name} under a {} PCB", pcb.pcb_type.name()),
            ));
        }
        if let Some(p) = &parent
            && !pcb.sensegs.iter().any(|s| s.name.eq_ignore_ascii_case(p))
        {
            self.findings.push(Finding::at(
                "ICL324W",
                st.first,
                format!("SENSEG {name}: parent {p} is not an earlier SENSEG"),
            ));
        }
        pcb.sensegs.push(Senseg {
            name,
            parent,
            procopt: first(st, "PROCOPT"),
            senflds: Vec::new(),
            record: st.first + 1,
        });
    }

    /// DBDs named by DB and GSAM PCBs, sorted, without duplicates.
    pub fn dbds_referenced(&self) -> Vec<String> {
        let mut v: Vec<String> = self.pcbs.iter().filter_map(|p| p.dbdname.clone()).collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "
PAUTBPCB PCB   TYPE=DB,DBDNAME=DBPAUTP0,PROCOPT=GOTP,KEYLEN=14
         SENSEG  NAME=PAUTSUM0,PARENT=0
         SENSEG  NAME=PAUTDTL1,PARENT=PAUTSUM0
         SENFLD  NAME=F1,START=1
         PCB   TYPE=GSAM,DBDNAME=PASFLDBD,PROCOPT=LS
         PCB   TYPE=TP,NAME=DEST1
         PCB   TYPE=DB,NAME=OLDSTYLE,PROCOPT=G,KEYLEN=8
         PSBGEN  LANG=COBOL,PSBNAME=DLIGSAMP,CMPAT=YES
         END
";

    #[test]
    fn pcbs_and_sensegs() {
        let p = Psb::from_bytes(SRC.as_bytes(), Some("DLIGSAMP")).unwrap();
        assert_eq!(p.name, "DLIGSAMP");
        assert_eq!(p.lang.as_deref(), Some("COBOL"));
        assert_eq!(p.pcbs.len(), 4);
        let db = &p.pcbs[0];
        assert_eq!(db.label.as_deref(), Some("PAUTBPCB"));
        assert_eq!(db.keylen.as_deref(), Some("14"));
        assert_eq!(db.sensegs[1].parent.as_deref(), Some("PAUTSUM0"));
        assert_eq!(db.sensegs[1].senflds, vec!["F1"]);
        assert_eq!(p.pcbs[1].pcb_type, PcbType::Gsam);
        assert_eq!(p.pcbs[2].destination.as_deref(), Some("DEST1"));
        assert_eq!(p.pcbs[3].dbdname.as_deref(), Some("OLDSTYLE"));
        assert_eq!(p.dbds_referenced(), vec!["DBPAUTP0", "OLDSTYLE", "PASFLDBD"]);
        assert!(p.findings.is_empty(), "{:?}", p.findings);
    }

    #[test]
    fn findings_and_errors() {
        let p = Psb::from_bytes(
            b"         SENSEG NAME=X\n         PCB TYPE=DB\n         SENSEG NAME=Y,PARENT=Z\n",
            Some("M"),
        )
        .unwrap();
        let ids: Vec<&str> = p.findings.iter().map(|f| f.id).collect();
        assert_eq!(ids, vec!["ICL324W", "ICL326W", "ICL324W", "ICL325W"]);
        assert_eq!(
            Psb::from_bytes(b"         DBD NAME=X\n", None).unwrap_err().id,
            "ICL323E"
        );
        let p = Psb::from_bytes(
            b"         PCB TYPE=DB,DBDNAME=A\n         PSBGEN PSBNAME=OTHER\n",
            Some("MEMBER"),
        )
        .unwrap();
        assert_eq!(p.findings[0].id, "ICL325W");
    }
}
