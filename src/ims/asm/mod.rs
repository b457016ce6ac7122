//! Assembler-statement tokenizer for DBD, PSB and DFSMDA source.
//!
//! Layout rules (HLASM, as used by DBDGEN/PSBGEN/DFSMDA macros):
//! - `*` in column 1 or `.*` in columns 1-2 is a comment line;
//! - a non-blank column 1 starts a label; the opcode is the next word,
//!   anywhere after it;
//! - the statement field is columns 1-71; a non-blank column 72 continues
//!   the statement, whose text resumes in column 16 of the next record;
//!   columns 73-80 are ignored (sequence numbers or junk);
//! - the operand field ends at the first blank outside quotes; what follows
//!   is remarks. On a continued record, a blank after a comma ends only that
//!   record's part (the alternate macro format); a record filled to column
//!   71 continues mid-token.
//!
//! [`AsmSource`] keeps the records untouched, so rendering is lossless, and
//! maps every operand back to its record columns so [`rewrite`] can change
//! one value and lay the statement out again.

pub mod operands;
pub mod rewrite;

use std::collections::BTreeMap;

pub use operands::{Item, Operands, Value, ValueKind};
pub use rewrite::{AsmChange, Edit};

use crate::ims::text::layout::{CONT_COL, FIELD_END, Piece};
use crate::ims::text::{Finding, SourceText, has_template};

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum LineKind {
    Blank,
    Comment,
    /// First record of statement n.
    Statement(usize),
    /// A continuation record of statement n.
    Continuation(usize),
}

/// One assembler statement, possibly spanning several records.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    /// Position in [`AsmSource::statements`].
    pub index: usize,
    /// 0-based index of the first and last record.
    pub first: usize,
    pub last: usize,
    pub label: Option<String>,
    /// The opcode as written (compare with [`Statement::is`]).
    pub opcode: String,
    /// The logical operand field, continuations glued together.
    pub operand_text: String,
    pub operands: Operands,
    /// Remarks of all records, each trimmed, joined by one blank.
    pub remarks: String,
    /// Where the operand text sits on the records.
    pub pieces: Vec<Piece>,
    /// The first continuation character used (column 72), if any.
    pub cont_char: Option<char>,
}

impl Statement {
    /// Case-insensitive opcode test.
    pub fn is(&self, opcode: &str) -> bool {
        self.opcode.eq_ignore_ascii_case(opcode)
    }

    /// 1-based number of the first record.
    pub fn record_number(&self) -> usize {
        self.first + 1
    }

    /// Value of a keyword operand.
    pub fn get(&self, keyword: &str) -> Option<&Value> {
        self.operands.get(keyword)
    }

    /// Raw text of a keyword operand's value.
    pub fn raw(&self, keyword: &str) -> Option<&str> {
        self.operands.raw(keyword)
    }

    /// 0-based record index where a logical operand offset sits.
    pub fn record_of(&self, offset: usize) -> usize {
        self.pieces
            .iter()
            .find(|p| offset >= p.at && offset < p.end())
            .or(self.pieces.last())
            .map_or(self.first, |p| p.record)
    }
}

/// A parsed assembler source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AsmSource {
    /// The records exactly as given.
    pub records: Vec<String>,
    pub kinds: Vec<LineKind>,
    pub statements: Vec<Statement>,
    pub findings: Vec<Finding>,
}

fn is_blank(c: char) -> bool {
    c == ' '
}

fn continued(rec: &[char]) -> bool {
    rec.len() > FIELD_END && !is_blank(rec[FIELD_END])
}

fn field_len(rec: &[char]) -> usize {
    rec.len().min(FIELD_END)
}

fn is_comment(rec: &[char]) -> bool {
    rec.first() == Some(&'*') || (rec.first() == Some(&'.') && rec.get(1) == Some(&'*'))
}

impl AsmSource {
    /// Scan decoded records.
    pub fn parse<S: AsRef<str>>(records: &[S]) -> AsmSource {
        let records: Vec<String> = records.iter().map(|r| r.as_ref().to_string()).collect();
        let chars: Vec<Vec<char>> = records.iter().map(|r| r.chars().collect()).collect();
        let mut src = AsmSource {
            kinds: Vec::with_capacity(records.len()),
            records,
            statements: Vec::new(),
            findings: Vec::new(),
        };
        let mut i = 0;
        while i < chars.len() {
            let rec = &chars[i];
            if rec.iter().all(|&c| is_blank(c)) {
                src.kinds.push(LineKind::Blank);
                i += 1;
            } else if is_comment(rec) {
                src.kinds.push(LineKind::Comment);
                i += 1;
            } else {
                let index = src.statements.len();
                let st = scan_statement(&chars, i, index, &mut src.findings);
                src.kinds.push(LineKind::Statement(index));
                for _ in st.first + 1..=st.last {
                    src.kinds.push(LineKind::Continuation(index));
                }
                i = st.last + 1;
                src.statements.push(st);
            }
        }
        if let Some(r) = src.records.iter().position(|r| has_template(r)) {
            src.findings.push(Finding::at(
                "ICL309W",
                r,
                "template placeholders (${...} or {{...}}) found: this is a template, not real source",
            ));
        }
        src
    }

    /// Scan a decoded source text (its decoder findings are carried over).
    pub fn from_text(text: &SourceText) -> AsmSource {
        let mut src = AsmSource::parse(&text.lines());
        let mut f = text.findings.clone();
        f.append(&mut src.findings);
        src.findings = f;
        src
    }

    /// The records, unchanged: rendering is lossless by construction.
    pub fn render(&self) -> Vec<String> {
        self.records.clone()
    }

    /// Statements with a given opcode (case-insensitive).
    pub fn by_opcode<'a>(&'a self, opcode: &'a str) -> impl Iterator<Item = &'a Statement> + 'a {
        self.statements.iter().filter(move |s| s.is(opcode))
    }

    /// Histogram of opcodes (upper case).
    pub fn opcode_counts(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for s in &self.statements {
            *m.entry(s.opcode.to_ascii_uppercase()).or_insert(0) += 1;
        }
        m
    }
}

/// Scan one statement starting at record `start`.
fn scan_statement(recs: &[Vec<char>], start: usize, index: usize, findings: &mut Vec<Finding>) -> Statement {
    let rec = &recs[start];
    let f = field_len(rec);
    let mut col = 0;
    let mut label = None;
    if !is_blank(rec[0]) {
        while col < f && !is_blank(rec[col]) {
            col += 1;
        }
        label = Some(rec[..col].iter().collect::<String>());
    }
    while col < f && is_blank(rec[col]) {
        col += 1;
    }
    let op_start = col;
    while col < f && !is_blank(rec[col]) {
        col += 1;
    }
    let opcode: String = rec[op_start..col].iter().collect();
    if opcode.is_empty() {
        findings.push(Finding::at("ICL308W", start, "statement has a label but no opcode"));
    }
    while col < f && is_blank(rec[col]) {
        col += 1;
    }
    let mut sc = Scan {
        recs,
        cur: start,
        pieces: Vec::new(),
        text: String::new(),
        text_len: 0,
        remarks: Vec::new(),
        cont_char: None,
    };
    if col >= f {
        // Nothing after the opcode on this record: operands (if any) start
        // on the continuation record.
        if continued(rec) && sc.next_record(findings) {
            sc.operands(CONT_COL, findings);
        }
    } else {
        sc.operands(col, findings);
    }
    let (operands, problems) = Operands::parse(&sc.text);
    let mut st = Statement {
        index,
        first: start,
        last: sc.cur,
        label,
        opcode,
        operand_text: sc.text,
        operands,
        remarks: sc.remarks.join(" "),
        pieces: sc.pieces,
        cont_char: sc.cont_char,
    };
    for p in problems {
        let r = st.record_of(p.at);
        findings.push(Finding::at(
            p.id,
            r,
            format!("{} {}: {}", st.opcode, p.text, st.operand_text),
        ));
    }
    st.remarks = st.remarks.trim().to_string();
    st
}

struct Scan<'a> {
    recs: &'a [Vec<char>],
    cur: usize,
    pieces: Vec<Piece>,
    text: String,
    /// Characters in `text` (kept to avoid recounting).
    text_len: usize,
    remarks: Vec<String>,
    cont_char: Option<char>,
}

impl Scan<'_> {
    /// Move to the next record as a continuation; false at end of input.
    fn next_record(&mut self, findings: &mut Vec<Finding>) -> bool {
        let here = &self.recs[self.cur];
        if self.cont_char.is_none() {
            self.cont_char = here.get(FIELD_END).copied();
        }
        if self.cur + 1 >= self.recs.len() {
            findings.push(Finding::at(
                "ICL305W",
                self.cur,
                "column 72 asks for a continuation but the source ends",
            ));
            return false;
        }
        self.cur += 1;
        let next = &self.recs[self.cur];
        if next.iter().take(CONT_COL).any(|&c| !is_blank(c)) {
            findings.push(Finding::at(
                "ICL305W",
                self.cur,
                "continuation record does not start in column 16 (columns 1-15 are not blank)",
            ));
        }
        true
    }

    /// Scan operand text from `col` of the current record, following
    /// continuations.
    fn operands(&mut self, mut col: usize, findings: &mut Vec<Finding>) {
        let mut in_quote = false;
        loop {
            let rec = &self.recs[self.cur];
            let f = field_len(rec);
            let start = col.min(f);
            col = start;
            while col < f {
                let c = rec[col];
                if in_quote {
                    if c == '\'' {
                        if col + 1 < f && rec[col + 1] == '\'' {
                            col += 2;
                            continue;
                        }
                        in_quote = false;
                    }
                } else if is_blank(c) {
                    break;
                } else if c == '\'' {
                    in_quote = true;
                }
                col += 1;
            }
            self.pieces.push(Piece {
                record: self.cur,
                col: start,
                len: col - start,
                at: self.text_len,
            });
            self.text.extend(&rec[start..col]);
            self.text_len += col - start;
            let hit_blank = col < f;
            if hit_blank {
                let rem: String = rec[col..f].iter().collect();
                self.remarks.push(rem.trim().to_string());
            }
            let more = continued(rec);
            let go_on = if hit_blank {
                self.text.ends_with(',') && more
            } else {
                more
            };
            if !go_on {
                if in_quote {
                    findings.push(Finding::at(
                        "ICL307W",
                        self.cur,
                        "quoted string is not closed at the end of the statement",
                    ));
                }
                self.remarks_only(findings);
                return;
            }
            if !self.next_record(findings) {
                return;
            }
            col = CONT_COL;
            // A continuation whose column 16 is blank (outside quotes) holds
            // no operand text: the operand field has ended.
            let next = &self.recs[self.cur];
            if !in_quote && next.get(CONT_COL).is_none_or(|&c| is_blank(c)) {
                let rem: String = next.iter().take(field_len(next)).skip(CONT_COL).collect();
                self.remarks.push(rem.trim().to_string());
                self.pieces.push(Piece {
                    record: self.cur,
                    col: CONT_COL,
                    len: 0,
                    at: self.text_len,
                });
                if continued(next) {
                    self.remarks_only(findings);
                }
                return;
            }
        }
    }

    /// After the operand field ended on a continued record, the following
    /// continuation records hold remarks only.
    fn remarks_only(&mut self, findings: &mut Vec<Finding>) {
        while continued(&self.recs[self.cur]) {
            if !self.next_record(findings) {
                return;
            }
            let next = &self.recs[self.cur];
            let rem: String = next.iter().take(field_len(next)).skip(CONT_COL).collect();
            self.remarks.push(rem.trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests;
