//! Lossless rewriting of assembler operand values.
//!
//! An edit replaces a span of a statement's logical operand text (normally
//! one value found through the operand tree). Only the records holding the
//! edited part are laid out again: the label and opcode columns, the other
//! records, remarks (where they still fit) and columns 73-80 stay as they
//! were. When the statement grows past column 71 the operand text is split
//! after a comma, or mid-token at column 71, onto new continuation records
//! starting in column 16, with the statement's own continuation character
//! in column 72. Every rewrite is checked by scanning the result again: the
//! statement must read back as the old operand text with the edits applied.

use std::ops::Range;

use super::{AsmSource, Statement};
use crate::icl;
use crate::ims::text::layout::{
    CONT_COL, FIELD_END, SplitRules, TextEdit, apply_edits, cluster_edits, covering, inside_quotes, split,
};
use crate::ims::text::{Finding, Rewritten};
use crate::msg::Result;

/// Replace `span` of statement `statement`'s operand text with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub statement: usize,
    pub span: Range<usize>,
    pub new_text: String,
}

/// One change made by a rewrite.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AsmChange {
    /// 1-based record number (in the original source) where the old value
    /// started.
    pub record: usize,
    /// Index of the statement.
    pub statement: usize,
    /// The keyword whose value changed, when the span is a keyword's value.
    pub keyword: Option<String>,
    pub old: String,
    pub new: String,
}

/// The records that replace `r0..=r1`, plus comment lines to put before the
/// statement when remarks no longer fit.
struct Region {
    stmt_first: usize,
    r0: usize,
    r1: usize,
    lines: Vec<String>,
    pre_comments: Vec<String>,
}

/// A replacement value must keep the operand field one field: no blanks
/// outside quotes, balanced quotes and parentheses, printable characters.
pub fn check_value(text: &str) -> Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let inside = inside_quotes(&chars);
    if inside.last().copied().unwrap_or(false) {
        return Err(icl!("ICL310E", "new value {text:?} has an unclosed quote"));
    }
    let mut depth = 0i64;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_control() {
            return Err(icl!("ICL310E", "new value {text:?} holds a control character"));
        }
        if inside[i] || c == '\'' {
            continue;
        }
        match c {
            ' ' => {
                return Err(icl!("ICL310E", "new value {text:?} holds a blank outside quotes"));
            }
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            break;
        }
    }
    if depth != 0 {
        return Err(icl!("ICL310E", "new value {text:?} has unbalanced parentheses"));
    }
    Ok(())
}

impl AsmSource {
    /// Replace the value of keyword `keyword` in statement `statement`.
    pub fn set_keyword(&self, statement: usize, keyword: &str, new_value: &str) -> Result<Rewritten<AsmChange>> {
        let st = self
            .statements
            .get(statement)
            .ok_or_else(|| icl!("ICL310E", "there is no statement {statement}"))?;
        let v = st.get(keyword).ok_or_else(|| {
            icl!(
                "ICL310E",
                "{} statement at record {} has no {keyword}=",
                st.opcode,
                st.record_number()
            )
        })?;
        self.rewrite(&[Edit {
            statement,
            span: v.span.clone(),
            new_text: new_value.to_string(),
        }])
    }

    /// Apply edits (any number, any statements, non-overlapping) and return
    /// the new records with their origins and the list of changes.
    pub fn rewrite(&self, edits: &[Edit]) -> Result<Rewritten<AsmChange>> {
        let mut by_stmt: Vec<(usize, Vec<TextEdit>)> = Vec::new();
        let mut changes = Vec::new();
        for e in edits {
            let st = self
                .statements
                .get(e.statement)
                .ok_or_else(|| icl!("ICL310E", "there is no statement {}", e.statement))?;
            let len = st.operand_text.chars().count();
            if e.span.start > e.span.end || e.span.end > len {
                return Err(icl!(
                    "ICL310E",
                    "span {:?} is outside the operand field of record {}",
                    e.span,
                    st.record_number()
                ));
            }
            check_value(&e.new_text)?;
            let old: String = st.operand_text.chars().skip(e.span.start).take(e.span.len()).collect();
            if old == e.new_text {
                continue;
            }
            changes.push(AsmChange {
                record: st.record_of(e.span.start) + 1,
                statement: e.statement,
                keyword: st
                    .operands
                    .items
                    .iter()
                    .find(|i| i.value.span == e.span)
                    .and_then(|i| i.keyword.clone()),
                old,
                new: e.new_text.clone(),
            });
            match by_stmt.iter_mut().find(|(s, _)| *s == e.statement) {
                Some((_, v)) => v.push((e.span.clone(), e.new_text.clone())),
                None => by_stmt.push((e.statement, vec![(e.span.clone(), e.new_text.clone())])),
            }
        }
        let mut findings = Vec::new();
        let mut regions = Vec::new();
        for (s, list) in &by_stmt {
            check_overlap(list)?;
            let st = &self.statements[*s];
            let text: Vec<char> = st.operand_text.chars().collect();
            let inside = inside_quotes(&text);
            let extend = |p1: usize| extend_piece(st, &text, &inside, p1);
            for group in cluster_edits(&st.pieces, list, &extend) {
                regions.push(relayout(self, st, &group, &mut findings)?);
            }
        }
        regions.sort_by_key(|r| r.r0);
        let (records, origin) = assemble(&self.records, &regions);
        // Read the result back: each edited statement must now hold exactly
        // the edited operand text, and nothing else may have moved.
        let again = AsmSource::parse(&records);
        if again.statements.len() != self.statements.len() {
            return Err(icl!(
                "ICL310E",
                "rewrite would change the number of statements; nothing changed"
            ));
        }
        for (a, b) in again.statements.iter().zip(&self.statements) {
            let want = match by_stmt.iter().find(|(s, _)| *s == b.index) {
                Some((_, list)) => apply_edits(&b.operand_text, list),
                None => b.operand_text.clone(),
            };
            if a.operand_text != want || a.opcode != b.opcode || a.label != b.label {
                return Err(icl!(
                    "ICL310E",
                    "rewrite of record {} would not read back as {want:?}; nothing changed",
                    b.record_number()
                ));
            }
        }
        changes.sort_by_key(|c| (c.record, c.statement));
        Ok(Rewritten {
            records,
            origin,
            changes,
            findings,
        })
    }
}

fn check_overlap(list: &[(Range<usize>, String)]) -> Result<()> {
    let mut spans: Vec<&Range<usize>> = list.iter().map(|(r, _)| r).collect();
    spans.sort_by_key(|r| r.start);
    for w in spans.windows(2) {
        if w[0].end > w[1].start {
            return Err(icl!("ICL310E", "edits {:?} and {:?} overlap", w[0], w[1]));
        }
    }
    Ok(())
}

/// A piece that ends mid-token (filled to column 71) must keep being
/// followed by the rest of its token: widen the range to the next piece.
fn extend_piece(st: &Statement, text: &[char], inside: &[bool], mut p1: usize) -> usize {
    while p1 + 1 < st.pieces.len() {
        let e = st.pieces[p1].end();
        let soft = !inside[e] && e > 0 && text[e - 1] == ',';
        if soft || st.pieces[p1 + 1].len == 0 {
            break;
        }
        p1 += 1;
    }
    p1
}

/// Lay out the part of `st` touched by `edits` again.
fn relayout(
    src: &AsmSource,
    st: &Statement,
    edits: &[(Range<usize>, String)],
    findings: &mut Vec<Finding>,
) -> Result<Region> {
    let text: Vec<char> = st.operand_text.chars().collect();
    let inside = inside_quotes(&text);
    let lo = edits.iter().map(|(r, _)| r.start).min().unwrap_or(0);
    let hi = edits.iter().map(|(r, _)| r.end).max().unwrap_or(lo);
    let (p0, mut p1) = covering(&st.pieces, lo, hi).ok_or_else(|| {
        icl!(
            "ICL310E",
            "statement at record {} has no operand field to edit",
            st.record_number()
        )
    })?;
    // A piece that ends mid-token (filled to column 71) must keep being
    // followed by the rest of its token: take the next piece in too.
    while p1 + 1 < st.pieces.len() {
        let e = st.pieces[p1].end();
        let soft = !inside[e] && e > 0 && text[e - 1] == ',';
        if soft || st.pieces[p1 + 1].len == 0 {
            break;
        }
        p1 += 1;
    }
    let (a, b) = (st.pieces[p0].at, st.pieces[p1].end());
    let shifted: Vec<(Range<usize>, String)> = edits.iter().map(|(r, t)| (r.start - a..r.end - a, t.clone())).collect();
    let region_text: String = text[a..b].iter().collect();
    let new_seg: Vec<char> = apply_edits(&region_text, &shifted).chars().collect();

    let r0 = st.pieces[p0].record;
    let r1 = st.pieces[p1].record;
    let rec0: Vec<char> = src.records[r0].chars().collect();
    let rec1: Vec<char> = src.records[r1].chars().collect();
    let prefix = &rec0[..st.pieces[p0].col.min(rec0.len())];
    if prefix.len() >= FIELD_END {
        return Err(icl!("ICL310E", "no room for operands on record {}", r0 + 1));
    }
    // Remarks of the records in the region: the first keeps its column.
    let mut remarks: Vec<(Option<usize>, String)> = Vec::new();
    for p in &st.pieces[p0..=p1] {
        let rec: Vec<char> = src.records[p.record].chars().collect();
        let from = p.col + p.len;
        let field = rec.len().min(FIELD_END);
        if from < field {
            let rest: String = rec[from..field].iter().collect();
            let lead = rest.len() - rest.trim_start().len();
            let t = rest.trim().to_string();
            if !t.is_empty() {
                let col = (p.record == r0).then_some(from + lead);
                remarks.push((col, t));
            }
        }
    }
    let col72_last = rec1.get(FIELD_END).copied().unwrap_or(' ');
    let seq0: String = rec0.iter().skip(FIELD_END + 1).collect();
    let seq1: String = rec1.iter().skip(FIELD_END + 1).collect();
    let cont = st.cont_char.unwrap_or('X');
    let rules = SplitRules {
        first_width: FIELD_END - prefix.len(),
        comma_width: FIELD_END - CONT_COL,
        hard_width: FIELD_END - CONT_COL,
        hard_outside_quotes: true,
    };
    let chunks = split(&new_seg, rules).ok_or_else(|| {
        icl!(
            "ICL310E",
            "cannot lay out the operands of record {}",
            st.record_number()
        )
    })?;
    let padded80 = rec0.len() >= 80;
    let mut lines = Vec::new();
    let n = chunks.len();
    for (k, ch) in chunks.iter().enumerate() {
        let last = k + 1 == n;
        let mut line: Vec<char> = if k == 0 { prefix.to_vec() } else { vec![' '; CONT_COL] };
        line.extend(&new_seg[ch.range.clone()]);
        if !ch.hard {
            place_remarks(&mut line, &mut remarks, k == 0);
        }
        let needs72 = !last || col72_last != ' ';
        let seq = if k == 0 {
            seq0.clone()
        } else if last && r1 != r0 {
            seq1.clone()
        } else {
            String::new()
        };
        if needs72 || !seq.is_empty() || (k > 0 && padded80) || (k == 0 && rec0.len() > FIELD_END) {
            line.resize(FIELD_END, ' ');
            line.push(if last { col72_last } else { cont });
            line.extend(seq.chars());
            if padded80 && line.len() < 80 {
                line.resize(80, ' ');
            }
        } else if k == 0 && line.len() < rec0.len() {
            // Keep the record's original padding within the field.
            line.resize(rec0.len(), ' ');
        }
        lines.push(line.into_iter().collect::<String>());
    }
    let mut pre_comments = Vec::new();
    for (_, t) in remarks {
        findings.push(Finding::at(
            "ICL311W",
            st.first,
            format!(
                "remarks {t:?} no longer fit on the {} statement; moved to a comment line before it",
                st.opcode
            ),
        ));
        pre_comments.push(format!("* {t}"));
    }
    Ok(Region {
        stmt_first: st.first,
        r0,
        r1,
        lines,
        pre_comments,
    })
}

/// Put remarks after the operand text on a line when they fit, the first
/// one at its original column when possible.
fn place_remarks(line: &mut Vec<char>, remarks: &mut Vec<(Option<usize>, String)>, first_line: bool) {
    while let Some((col, t)) = remarks.first().cloned() {
        let len = t.chars().count();
        let at = match col {
            Some(c) if first_line && c > line.len() && c + len <= FIELD_END => c,
            _ if line.len() + 1 + len <= FIELD_END => line.len() + 1,
            _ => return,
        };
        line.resize(at, ' ');
        line.extend(t.chars());
        remarks.remove(0);
    }
}

/// Splice regions into the record list.
fn assemble(records: &[String], regions: &[Region]) -> (Vec<String>, Vec<Option<usize>>) {
    let mut out = Vec::with_capacity(records.len() + 4);
    let mut origin = Vec::with_capacity(records.len() + 4);
    let mut r = 0;
    for reg in regions {
        let copy_to = |out: &mut Vec<String>, origin: &mut Vec<Option<usize>>, from: usize, to: usize| {
            for (i, rec) in records.iter().enumerate().take(to).skip(from) {
                out.push(rec.clone());
                origin.push(Some(i));
            }
        };
        copy_to(&mut out, &mut origin, r, reg.stmt_first.max(r));
        for c in &reg.pre_comments {
            out.push(c.clone());
            origin.push(None);
        }
        copy_to(&mut out, &mut origin, reg.stmt_first.max(r), reg.r0);
        for (k, line) in reg.lines.iter().enumerate() {
            out.push(line.clone());
            origin.push((reg.r0 + k <= reg.r1).then_some(reg.r0 + k));
        }
        r = reg.r1 + 1;
    }
    for (i, rec) in records.iter().enumerate().skip(r) {
        out.push(rec.clone());
        origin.push(Some(i));
    }
    (out, origin)
}
