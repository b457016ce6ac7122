//! DBD statements to the [`Dbd`] model.

use super::*;
use crate::icl;
use crate::ims::asm::{Statement, Value};

/// Opcodes that carry no structure for the model but are normal in DBD
/// source (assembler directives and IMS catalog metadata macros).
const TOLERATED: &[&str] = &[
    "TITLE", "PRINT", "EJECT", "SPACE", "DFSMARSH", "DFSMAP", "DFSCASE", "FINISH", "DBDGEN", "END",
];

/// Raw keyword operands of a statement.
fn keywords(st: &Statement) -> Vec<(String, String)> {
    st.operands
        .keywords()
        .into_iter()
        .map(|(k, v)| (k.to_ascii_uppercase(), v.raw.clone()))
        .collect()
}

/// A scalar or the first element of a list (`NAME=(X)` reads as `X`).
fn first(st: &Statement, kw: &str) -> Option<String> {
    st.get(kw)
        .and_then(Value::first_scalar)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

fn raw(st: &Statement, kw: &str) -> Option<String> {
    st.raw(kw).map(str::to_string)
}

/// Scalar elements of a value (`SRCH=(A,B)` or `SRCH=A`).
fn list(st: &Statement, kw: &str) -> Vec<String> {
    st.get(kw)
        .map(|v| {
            v.elements()
                .iter()
                .filter_map(|e| e.as_scalar())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

struct Builder<'a> {
    dbd: Dbd,
    seen_dbd: bool,
    current_segment: Option<usize>,
    current_group: Option<usize>,
    ended_at: Option<usize>,
    reported_after_end: bool,
    src: &'a AsmSource,
}

impl Builder<'_> {
    fn finding(&mut self, id: &'static str, st: &Statement, text: String) {
        self.dbd.findings.push(Finding::at(id, st.first, text));
    }

    fn number(&mut self, st: &Statement, kw: &str, text: &str) -> Option<u32> {
        let t = text.trim_matches(|c| c == '(' || c == ')');
        if t.is_empty() {
            return None;
        }
        match t.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.finding("ICL320W", st, format!("{} {kw}={text} is not a number", st.opcode));
                None
            }
        }
    }

    fn check_name(&mut self, st: &Statement, what: &str, name: &str) {
        let ok = !name.is_empty()
            && name.chars().count() <= 8
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$'));
        if !ok {
            self.finding(
                "ICL322W",
                st,
                format!("{what} name {name:?} is not a valid 1-8 character name"),
            );
        }
    }

    fn statement(&mut self, st: &Statement) {
        let op = st.opcode.to_ascii_uppercase();
        *self.dbd.statement_counts.entry(op.clone()).or_insert(0) += 1;
        if let Some(end) = self.ended_at {
            if !self.reported_after_end {
                self.reported_after_end = true;
                self.dbd.findings.push(Finding::at(
                    "ICL321W",
                    st.first,
                    format!("statements after END (record {}) are ignored by the assembler", end + 1),
                ));
            }
            return;
        }
        match op.as_str() {
            "DBD" => self.dbd_statement(st),
            "DATASET" => self.dataset(st),
            "AREA" => self.area(st),
            "SEGM" => self.segm(st),
            "FIELD" => self.field(st),
            "LCHILD" => self.lchild(st),
            "XDFLD" => self.xdfld(st),
            "END" => self.ended_at = Some(st.first),
            _ => {
                if !TOLERATED.contains(&op.as_str()) {
                    self.finding(
                        "ICL319I",
                        st,
                        format!("opcode {} is not a DBD statement; counted and ignored", st.opcode),
                    );
                }
                if op != "TITLE" && op != "PRINT" {
                    let name = first(st, "NAME");
                    self.dbd.other_statements.push(OtherStatement {
                        opcode: op,
                        name,
                        record: st.first + 1,
                    });
                }
            }
        }
    }

    fn dbd_statement(&mut self, st: &Statement) {
        if self.seen_dbd {
            self.finding("ICL317W", st, "a second DBD statement; only the first is used".into());
            return;
        }
        self.seen_dbd = true;
        let d = &mut self.dbd;
        d.name_raw = raw(st, "NAME").unwrap_or_default();
        d.name = first(st, "NAME").unwrap_or_default();
        d.keywords = keywords(st);
        d.access_raw = raw(st, "ACCESS");
        if let Some(acc) = st.get("ACCESS") {
            let elems: Vec<String> = acc.elements().iter().map(|e| e.raw.clone()).collect();
            d.organisation = elems.first().and_then(|o| Organisation::from_name(o));
            d.access_method = elems
                .get(1)
                .filter(|s| !s.is_empty())
                .map(|s| AccessMethod::from_name(s));
            d.access_other = elems.iter().skip(2).filter(|s| !s.is_empty()).cloned().collect();
        }
        d.psname = first(st, "PSNAME");
        d.version = raw(st, "VERSION");
        if let Some(rm) = st.get("RMNAME") {
            let elems: Vec<String> = rm.elements().iter().map(|e| e.raw.clone()).collect();
            let params: Vec<String> = elems.iter().skip(1).cloned().collect();
            let num = |i: usize| params.get(i).and_then(|p| p.parse::<u32>().ok());
            d.rmname = Some(Randomizer {
                module: elems.first().cloned().unwrap_or_default(),
                anchors: num(0),
                rbn: num(1),
                bytes: num(2),
                params,
                raw: rm.raw.clone(),
            });
        }
        let name = self.dbd.name.clone();
        if name.is_empty() {
            self.finding("ICL318W", st, "DBD statement has no NAME=".into());
        } else {
            self.check_name(st, "DBD", &name);
        }
        match (&self.dbd.access_raw, self.dbd.organisation) {
            (None, _) => self.finding("ICL318W", st, "DBD statement has no ACCESS=".into()),
            (Some(a), None) => self.finding("ICL318W", st, format!("ACCESS={a}: unknown database organisation")),
            _ => {}
        }
        if let Some(org) = self.dbd.organisation
            && org.uses_randomizer()
            && self.dbd.rmname.is_none()
        {
            self.finding(
                "ICL320W",
                st,
                format!("a {} database needs RMNAME= (randomizer)", org.name()),
            );
        }
    }

    fn dataset(&mut self, st: &Statement) {
        let ds = Dataset {
            label: st.label.clone(),
            dd1: first(st, "DD1"),
            dd2: first(st, "DD2"),
            ovflw: first(st, "OVFLW"),
            device: raw(st, "DEVICE"),
            size: raw(st, "SIZE"),
            block: raw(st, "BLOCK"),
            record_size: raw(st, "RECORD"),
            frspc: raw(st, "FRSPC"),
            scan: raw(st, "SCAN"),
            recfm: raw(st, "RECFM"),
            keywords: keywords(st),
            record: st.first + 1,
        };
        self.dbd.datasets.push(ds);
        self.current_group = Some(self.dbd.datasets.len() - 1);
    }

    fn area(&mut self, st: &Statement) {
        if self.dbd.organisation.is_some_and(|o| o != Organisation::Dedb) {
            self.finding("ICL317W", st, "AREA statement in a database that is not a DEDB".into());
        }
        let a = Area {
            dd1: first(st, "DD1"),
            device: raw(st, "DEVICE"),
            size: raw(st, "SIZE"),
            uow: raw(st, "UOW"),
            root: raw(st, "ROOT"),
            keywords: keywords(st),
            record: st.first + 1,
        };
        self.dbd.areas.push(a);
    }

    fn segm(&mut self, st: &Statement) {
        let Some(name) = first(st, "NAME") else {
            self.finding("ICL317W", st, "SEGM statement without NAME=; ignored".into());
            self.current_segment = None;
            return;
        };
        self.check_name(st, "segment", &name);
        if self.dbd.segment(&name).is_some() {
            self.finding("ICL316W", st, format!("segment {name} is defined twice"));
        }
        let storage_needed = !matches!(
            self.dbd.organisation,
            Some(Organisation::Logical | Organisation::Dedb | Organisation::Gsam)
        );
        if storage_needed && self.current_group.is_none() && self.dbd.organisation.is_some() {
            self.finding(
                "ICL317W",
                st,
                format!("segment {name} comes before any DATASET statement"),
            );
        }
        let mut seg = Segment {
            name: name.clone(),
            parent_raw: raw(st, "PARENT"),
            dataset_group: self.current_group,
            keywords: keywords(st),
            record: st.first + 1,
            level: 1,
            ..Segment::default()
        };
        if let Some(p) = st.get("PARENT") {
            let phys = p.elements().first().map(|v| (*v).clone());
            if let Some(phys) = phys {
                let pname = phys.first_scalar().unwrap_or_default().to_string();
                if !pname.is_empty() && pname != "0" {
                    seg.parent = Some(pname);
                    seg.parent_pointer = phys
                        .element_str(1)
                        .filter(|s| !s.is_empty() && phys.items().len() > 1)
                        .map(str::to_string);
                }
            }
            // Second element of PARENT=((p,SNGL),(lparent,PHYSICAL,ldbd)).
            if p.items().len() > 1
                && let Some(lp) = p.items().get(1).map(|i| &i.value)
                && !lp.is_scalar()
            {
                let lname = lp.element_str(0).unwrap_or_default().to_string();
                let ldbd = lp.element_str(2).filter(|s| !s.is_empty()).map(str::to_string);
                if !lname.is_empty() {
                    seg.logical_parent = Some((lname, ldbd));
                }
            }
        }
        if let Some(parent) = seg.parent.clone() {
            match self.dbd.segment(&parent) {
                Some(ps) => seg.level = ps.level + 1,
                None => {
                    self.finding(
                        "ICL315W",
                        st,
                        format!("segment {name}: parent {parent} is not defined before it"),
                    );
                    seg.level = 2;
                }
            }
        }
        if let Some(b) = st.get("BYTES") {
            let elems: Vec<String> = b.elements().iter().map(|e| e.raw.clone()).collect();
            seg.bytes_max = elems.first().and_then(|t| self.number(st, "BYTES", t));
            seg.bytes_min = elems.get(1).and_then(|t| self.number(st, "BYTES", t));
        }
        seg.pointer = list(st, "POINTER").into_iter().filter(|s| !s.is_empty()).collect();
        seg.rules = raw(st, "RULES");
        seg.comprtn = raw(st, "COMPRTN");
        seg.segment_type = raw(st, "TYPE");
        self.dbd.segments.push(seg);
        self.current_segment = Some(self.dbd.segments.len() - 1);
    }

    /// The segment a FIELD/LCHILD/XDFLD belongs to, or a finding.
    fn owner(&mut self, st: &Statement) -> Option<usize> {
        if self.current_segment.is_none() {
            self.finding(
                "ICL317W",
                st,
                format!("{} statement before any SEGM; ignored", st.opcode),
            );
        }
        self.current_segment
    }

    fn field(&mut self, st: &Statement) {
        let Some(si) = self.owner(st) else { return };
        let mut f = Field {
            name: first(st, "NAME"),
            external_name: raw(st, "EXTERNALNAME"),
            datatype: raw(st, "DATATYPE"),
            field_type: raw(st, "TYPE"),
            parent: raw(st, "PARENT"),
            keywords: keywords(st),
            record: st.first + 1,
            ..Field::default()
        };
        if let Some(n) = st.get("NAME") {
            let e = n.elements();
            if e.get(1)
                .and_then(|v| v.as_scalar())
                .is_some_and(|s| s.eq_ignore_ascii_case("SEQ"))
            {
                let multiple = e
                    .get(2)
                    .and_then(|v| v.as_scalar())
                    .is_some_and(|s| s.eq_ignore_ascii_case("M"));
                f.seq = Some(if multiple { SeqKind::Multiple } else { SeqKind::Unique });
            }
        }
        if let Some(b) = st.raw("BYTES") {
            f.bytes = self.number(st, "BYTES", b);
        }
        if let Some(s) = st.raw("START") {
            f.start = self.number(st, "START", s);
        }
        self.dbd.segments[si].fields.push(f);
    }

    fn lchild(&mut self, st: &Statement) {
        let Some(si) = self.owner(st) else { return };
        let name = st.get("NAME");
        let target_segment = name.and_then(|v| v.element_str(0)).unwrap_or_default().to_string();
        let target_dbd = name
            .and_then(|v| v.element_str(1))
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if target_segment.is_empty() {
            self.finding("ICL317W", st, "LCHILD without NAME=(segment,dbd)".into());
        }
        let lc = LChild {
            on_segment: self.dbd.segments[si].name.clone(),
            target_segment,
            target_dbd,
            pointer: raw(st, "POINTER"),
            index_field: first(st, "INDEX"),
            rules: raw(st, "RULES"),
            pair: first(st, "PAIR"),
            keywords: keywords(st),
            record: st.first + 1,
        };
        self.dbd.segments[si].lchildren.push(lc);
    }

    fn xdfld(&mut self, st: &Statement) {
        let Some(si) = self.owner(st) else { return };
        let seg = &self.dbd.segments[si];
        let lchild = seg.lchildren.len().checked_sub(1);
        if lchild.is_none() {
            self.finding("ICL317W", st, "XDFLD without a preceding LCHILD in its segment".into());
        }
        let x = Xdfld {
            name: first(st, "NAME").unwrap_or_default(),
            on_segment: self.dbd.segments[si].name.clone(),
            lchild,
            segment: first(st, "SEGMENT"),
            srch: list(st, "SRCH"),
            subseq: list(st, "SUBSEQ"),
            ddata: list(st, "DDATA"),
            nullval: raw(st, "NULLVAL"),
            keywords: keywords(st),
            record: st.first + 1,
        };
        self.dbd.segments[si].xdflds.push(x);
    }
}

pub(super) fn parse(src: &AsmSource, member: Option<&str>) -> Result<Dbd> {
    let mut b = Builder {
        dbd: Dbd::default(),
        seen_dbd: false,
        current_segment: None,
        current_group: None,
        ended_at: None,
        reported_after_end: false,
        src,
    };
    b.dbd.findings = src.findings.clone();
    for st in &src.statements {
        b.statement(st);
    }
    if !b.seen_dbd {
        return Err(icl!(
            "ICL312E",
            "no DBD statement found in {} records: not a DBD source",
            b.src.records.len()
        ));
    }
    let dbd = &mut b.dbd;
    if let Some(m) = member.map(str::trim).filter(|m| !m.is_empty())
        && !dbd.name.is_empty()
        && !m.eq_ignore_ascii_case(&dbd.name)
    {
        dbd.findings.push(Finding::general(
            "ICL313W",
            format!(
                "member {m} holds DBD {}: the names differ (DBDGEN links the DBD under its NAME)",
                dbd.name
            ),
        ));
    }
    if dbd.segments.is_empty() && dbd.organisation != Some(Organisation::Gsam) {
        dbd.findings.push(Finding::general(
            "ICL314W",
            format!("DBD {} defines no SEGM statement", dbd.name),
        ));
    }
    let missing: Vec<&str> = ["DBDGEN", "END"]
        .into_iter()
        .filter(|op| dbd.statement_count(op) == 0)
        .collect();
    if !missing.is_empty() {
        dbd.findings.push(Finding::general(
            "ICL321W",
            format!(
                "DBD {} has no {} statement: the source looks truncated",
                dbd.name,
                missing.join("/")
            ),
        ));
    }
    Ok(b.dbd)
}
