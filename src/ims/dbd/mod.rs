//! DBD source (DBDGEN input): model and parser.
//!
//! The model is what a clone or refresh engine asks of a database
//! definition: organisation and access method, randomizer, data set groups
//! and areas with their DD names, the segment hierarchy with key fields, and
//! the index relationships (a HIDAM's primary index DBD, secondary indexes
//! through LCHILD+XDFLD, and for an INDEX DBD the database it indexes).
//! Statements the model does not need (DFSMARSH, DFSMAP, DFSCASE, TITLE,
//! PRINT...) are counted and kept by name, never rejected.

mod parse;

use std::collections::BTreeMap;

use crate::ims::asm::AsmSource;
use crate::ims::text::{Finding, SourceText};
use crate::msg::Result;

/// Database organisation (first ACCESS= sub-operand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Organisation {
    Hsam,
    Shsam,
    Hisam,
    Shisam,
    Hdam,
    Hidam,
    Phdam,
    Phidam,
    Index,
    Psindex,
    Dedb,
    Gsam,
    Msdb,
    Logical,
}

impl Organisation {
    pub const ALL: [Organisation; 14] = [
        Organisation::Hsam,
        Organisation::Shsam,
        Organisation::Hisam,
        Organisation::Shisam,
        Organisation::Hdam,
        Organisation::Hidam,
        Organisation::Phdam,
        Organisation::Phidam,
        Organisation::Index,
        Organisation::Psindex,
        Organisation::Dedb,
        Organisation::Gsam,
        Organisation::Msdb,
        Organisation::Logical,
    ];

    /// The keyword as coded in ACCESS=.
    pub fn name(self) -> &'static str {
        match self {
            Organisation::Hsam => "HSAM",
            Organisation::Shsam => "SHSAM",
            Organisation::Hisam => "HISAM",
            Organisation::Shisam => "SHISAM",
            Organisation::Hdam => "HDAM",
            Organisation::Hidam => "HIDAM",
            Organisation::Phdam => "PHDAM",
            Organisation::Phidam => "PHIDAM",
            Organisation::Index => "INDEX",
            Organisation::Psindex => "PSINDEX",
            Organisation::Dedb => "DEDB",
            Organisation::Gsam => "GSAM",
            Organisation::Msdb => "MSDB",
            Organisation::Logical => "LOGICAL",
        }
    }

    /// Parse an ACCESS= organisation keyword (case-insensitive).
    pub fn from_name(s: &str) -> Option<Organisation> {
        Organisation::ALL.into_iter().find(|o| o.name().eq_ignore_ascii_case(s))
    }

    /// HALDB organisations (partitions live in RECON, not in the DBD).
    pub fn is_haldb(self) -> bool {
        matches!(self, Organisation::Phdam | Organisation::Phidam | Organisation::Psindex)
    }

    /// Index databases (primary or secondary, full-function or HALDB).
    pub fn is_index(self) -> bool {
        matches!(self, Organisation::Index | Organisation::Psindex)
    }

    /// Organisations that place roots through a randomizer (RMNAME=).
    pub fn uses_randomizer(self) -> bool {
        matches!(self, Organisation::Hdam | Organisation::Phdam | Organisation::Dedb)
    }
}

/// Access method (second ACCESS= sub-operand).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub enum AccessMethod {
    Osam,
    Vsam,
    Bsam,
    Qsam,
    Other(String),
}

impl AccessMethod {
    pub fn from_name(s: &str) -> AccessMethod {
        match s.to_ascii_uppercase().as_str() {
            "OSAM" => AccessMethod::Osam,
            "VSAM" => AccessMethod::Vsam,
            "BSAM" => AccessMethod::Bsam,
            "QSAM" => AccessMethod::Qsam,
            other => AccessMethod::Other(other.to_string()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            AccessMethod::Osam => "OSAM",
            AccessMethod::Vsam => "VSAM",
            AccessMethod::Bsam => "BSAM",
            AccessMethod::Qsam => "QSAM",
            AccessMethod::Other(s) => s,
        }
    }
}

/// RMNAME=: randomizing module and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Randomizer {
    pub module: String,
    /// Root anchor points per block.
    pub anchors: Option<u32>,
    /// Blocks (or CIs) in the root addressable area.
    pub rbn: Option<u32>,
    /// Maximum bytes of a record placed in the RAA.
    pub bytes: Option<u32>,
    /// The parameters after the module, as written.
    pub params: Vec<String>,
    pub raw: String,
}

/// A DATASET statement: one data set group.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Dataset {
    pub label: Option<String>,
    pub dd1: Option<String>,
    pub dd2: Option<String>,
    pub ovflw: Option<String>,
    pub device: Option<String>,
    /// Raw values as written (`(4096)`, `3`...).
    pub size: Option<String>,
    pub block: Option<String>,
    pub record_size: Option<String>,
    pub frspc: Option<String>,
    pub scan: Option<String>,
    pub recfm: Option<String>,
    /// Every operand, raw.
    pub keywords: Vec<(String, String)>,
    /// 1-based record number of the statement.
    pub record: usize,
}

/// An AREA statement (DEDB).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Area {
    pub dd1: Option<String>,
    pub device: Option<String>,
    pub size: Option<String>,
    pub uow: Option<String>,
    pub root: Option<String>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

/// Sequence field kind (`SEQ,U` or `SEQ,M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SeqKind {
    Unique,
    Multiple,
}

/// A FIELD statement.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// NAME= (absent for metadata-only fields with EXTERNALNAME=).
    pub name: Option<String>,
    pub seq: Option<SeqKind>,
    pub bytes: Option<u32>,
    pub start: Option<u32>,
    pub field_type: Option<String>,
    pub external_name: Option<String>,
    pub datatype: Option<String>,
    /// FIELD PARENT= (a struct/array field, not a segment).
    pub parent: Option<String>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

/// An LCHILD statement, under the segment it follows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LChild {
    /// Segment the LCHILD is coded under.
    pub on_segment: String,
    pub target_segment: String,
    pub target_dbd: Option<String>,
    pub pointer: Option<String>,
    /// INDEX= (in an index DBD: the indexed field or XDFLD name).
    pub index_field: Option<String>,
    pub rules: Option<String>,
    pub pair: Option<String>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

/// An XDFLD statement (secondary index search field).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Xdfld {
    pub name: String,
    /// Segment the XDFLD is coded under (the index target segment).
    pub on_segment: String,
    /// Index of the LCHILD (in the segment's list) it belongs to.
    pub lchild: Option<usize>,
    /// SEGMENT= source segment (defaults to the target).
    pub segment: Option<String>,
    pub srch: Vec<String>,
    pub subseq: Vec<String>,
    pub ddata: Vec<String>,
    pub nullval: Option<String>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

/// A SEGM statement with what is coded under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub name: String,
    /// Physical parent; `None` for a root.
    pub parent: Option<String>,
    /// PARENT= as written (`0`, `((PAUTSUM0,))`...).
    pub parent_raw: Option<String>,
    /// SNGL/DBLE in `PARENT=((parent,SNGL))`.
    pub parent_pointer: Option<String>,
    /// Logical parent segment and DBD (`PARENT=((p),(lp,PHYSICAL,dbd))`).
    pub logical_parent: Option<(String, Option<String>)>,
    pub bytes_max: Option<u32>,
    pub bytes_min: Option<u32>,
    pub pointer: Vec<String>,
    pub rules: Option<String>,
    pub comprtn: Option<String>,
    /// TYPE= (DEDB dependents: SEQ or DIR).
    pub segment_type: Option<String>,
    /// Index of the DATASET group the segment is stored in.
    pub dataset_group: Option<usize>,
    /// 1 for a root.
    pub level: usize,
    pub fields: Vec<Field>,
    pub lchildren: Vec<LChild>,
    pub xdflds: Vec<Xdfld>,
    pub keywords: Vec<(String, String)>,
    pub record: usize,
}

impl Segment {
    pub fn is_root(&self) -> bool {
        self.parent.is_none()
    }

    /// The sequence (key) field, if any.
    pub fn key_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.seq.is_some())
    }
}

/// A statement the model does not interpret (DFSMARSH, DFSMAP, DFSCASE...).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OtherStatement {
    pub opcode: String,
    /// NAME= operand, when coded.
    pub name: Option<String>,
    pub record: usize,
}

/// A secondary index relationship seen from the indexed database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SecondaryIndex<'a> {
    pub lchild: &'a LChild,
    pub xdfld: &'a Xdfld,
}

/// A parsed DBD.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Dbd {
    pub name: String,
    /// NAME= as written (`(INSURDX)`).
    pub name_raw: String,
    pub organisation: Option<Organisation>,
    pub access_method: Option<AccessMethod>,
    /// ACCESS= sub-operands after the access method (`PROT`).
    pub access_other: Vec<String>,
    pub access_raw: Option<String>,
    pub rmname: Option<Randomizer>,
    pub psname: Option<String>,
    pub version: Option<String>,
    /// Every DBD statement operand, raw.
    pub keywords: Vec<(String, String)>,
    pub datasets: Vec<Dataset>,
    pub areas: Vec<Area>,
    pub segments: Vec<Segment>,
    pub other_statements: Vec<OtherStatement>,
    /// Opcode histogram, upper case.
    pub statement_counts: BTreeMap<String, usize>,
    pub findings: Vec<Finding>,
}

impl Dbd {
    /// Parse an assembler source; `member` (the PDS member or file stem) is
    /// compared with the DBD NAME.
    pub fn parse(src: &AsmSource, member: Option<&str>) -> Result<Dbd> {
        parse::parse(src, member)
    }

    /// Decode, scan and parse raw bytes (ASCII or EBCDIC).
    pub fn from_bytes(bytes: &[u8], member: Option<&str>) -> Result<Dbd> {
        Dbd::parse(&AsmSource::from_text(&SourceText::from_bytes(bytes)), member)
    }

    pub fn is_haldb(&self) -> bool {
        self.organisation.is_some_and(Organisation::is_haldb)
    }

    pub fn is_index(&self) -> bool {
        self.organisation.is_some_and(Organisation::is_index)
    }

    pub fn segment(&self, name: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    pub fn root(&self) -> Option<&Segment> {
        self.segments.iter().find(|s| s.is_root())
    }

    /// The root's sequence field.
    pub fn root_key_field(&self) -> Option<&Field> {
        self.root().and_then(Segment::key_field)
    }

    /// All LCHILD statements in source order.
    pub fn lchildren(&self) -> impl Iterator<Item = &LChild> {
        self.segments.iter().flat_map(|s| s.lchildren.iter())
    }

    /// All XDFLD statements in source order.
    pub fn xdflds(&self) -> impl Iterator<Item = &Xdfld> {
        self.segments.iter().flat_map(|s| s.xdflds.iter())
    }

    pub fn field_count(&self) -> usize {
        self.segments.iter().map(|s| s.fields.len()).sum()
    }

    /// The LCHILD on the root that points at the primary index of a HIDAM
    /// database (POINTER=INDX with no XDFLD: an XDFLD makes it secondary).
    pub fn primary_index(&self) -> Option<&LChild> {
        if self.organisation != Some(Organisation::Hidam) {
            return None;
        }
        let root = self.root()?;
        root.lchildren.iter().enumerate().find_map(|(i, lc)| {
            let indx = lc.pointer.as_deref().is_some_and(|p| p.eq_ignore_ascii_case("INDX"));
            let has_xdfld = root.xdflds.iter().any(|x| x.lchild == Some(i));
            (indx && !has_xdfld).then_some(lc)
        })
    }

    /// Name of the primary index DBD of a HIDAM database.
    pub fn primary_index_dbd(&self) -> Option<&str> {
        self.primary_index().and_then(|l| l.target_dbd.as_deref())
    }

    /// Secondary indexes: each LCHILD with the XDFLD that defines its key.
    pub fn secondary_indexes(&self) -> Vec<SecondaryIndex<'_>> {
        let mut out = Vec::new();
        for s in &self.segments {
            for x in &s.xdflds {
                if let Some(lc) = x.lchild.and_then(|i| s.lchildren.get(i)) {
                    out.push(SecondaryIndex { lchild: lc, xdfld: x });
                }
            }
        }
        out
    }

    /// For an INDEX/PSINDEX DBD: the LCHILD that names the indexed segment
    /// and database (and in INDEX= the indexed field or XDFLD).
    pub fn indexed_target(&self) -> Option<&LChild> {
        if !self.is_index() {
            return None;
        }
        self.lchildren().next()
    }

    /// Every DBD named by an LCHILD (indexes, logically related DBDs),
    /// sorted, without duplicates.
    pub fn referenced_dbds(&self) -> Vec<String> {
        let mut v: Vec<String> = self.lchildren().filter_map(|l| l.target_dbd.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Every DD name the DBD defines (DD1, DD2, OVFLW of each data set
    /// group, DD1 of each area), in source order without duplicates.
    pub fn dd_names(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let all = self
            .datasets
            .iter()
            .flat_map(|d| [&d.dd1, &d.dd2, &d.ovflw])
            .chain(self.areas.iter().map(|a| &a.dd1))
            .flatten();
        for dd in all {
            if !v.contains(dd) {
                v.push(dd.clone());
            }
        }
        v
    }

    /// Count of statements with an opcode.
    pub fn statement_count(&self, opcode: &str) -> usize {
        self.statement_counts
            .get(&opcode.to_ascii_uppercase())
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
