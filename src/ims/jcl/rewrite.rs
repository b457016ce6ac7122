//! Lossless, token-wise rewriting of JCL values.
//!
//! The caller says how to map each kind of value: DSNs (the data set name
//! part only: `(MEMBER)` and `(+1)` suffixes stay; `&&TEMP`, referbacks
//! `*.STEP.DD` and `NULLFILE` are never offered), volume serials in
//! `VOL=SER=`, keyword values of EXEC/PROC/SET statements (IMSID=, RGSUF=,
//! symbolic defaults...) and the tokens of EXEC PARM values (`IMSP` in
//! `PARM='DRC,IMSP'`; a token is a run of letters, digits, national
//! characters, `&`, `_` and `-`, so replacing `IMSP` never touches
//! `IMSPROC` or `XIMSP`). Every value is replaced as a whole token.
//!
//! Only the statements that change are laid out again: the name and
//! operation columns, the other records, comments (when they still fit) and
//! columns 72-80 stay byte-identical. A statement that passes column 71 is
//! continued after a comma on a new `//` record (quoted strings at column
//! 71, continuing in column 16). Text after a null statement never runs
//! and is left alone unless the rules ask for it. In-stream data holding
//! DFSMDA macros has its DSNAME= values mapped through the DSN function;
//! other in-stream data can be handled by a caller hook.
//!
//! Every rewrite is read back: the statements must be the same ones, with
//! exactly the new values.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Jcl;
use super::lex::{Entry, JclStatement, Lexed};
use crate::icl;
use crate::ims::asm::Value;
use crate::ims::asm::rewrite::check_value;
use crate::ims::text::layout::{
    CONT_COL, FIELD_END, SplitRules, apply_edits, cluster_edits, covering, inside_quotes, split,
};
use crate::ims::text::{Finding, Rewritten, SourceText};
use crate::msg::Result;

/// What kind of value changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum ChangeKind {
    Dsn,
    Volser,
    /// A keyword value; the keyword upper case.
    Keyword(String),
    /// A token of an EXEC PARM value.
    Parm,
    /// A DSNAME= inside in-stream DFSMDA source.
    InstreamDsn,
    /// A change made by the caller's in-stream hook.
    Instream,
}

/// One change: 1-based record (in the original source), old and new text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JclChange {
    pub record: usize,
    pub kind: ChangeKind,
    pub old: String,
    pub new: String,
}

/// What the in-stream hook is told about a block of data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstreamContext {
    /// DD name field (`SYSIN`, `ASSEM.SYSIN`).
    pub dd: Option<String>,
    /// 0-based record of the first data line.
    pub first_record: usize,
}

/// A value mapping function: `Some(new)` replaces the value.
pub type MapFn<'a> = &'a dyn Fn(&str) -> Option<String>;
/// Keyword mapping: (operation, keyword, value) -> new value.
pub type KeywordFn<'a> = &'a dyn Fn(&str, &str, &str) -> Option<String>;
/// In-stream hook: new data lines (and changes with 1-based record numbers
/// relative to the first data line), or `None` to leave the block alone.
pub type InstreamFn<'a> = &'a dyn Fn(&InstreamContext, &[String]) -> Option<Rewritten<JclChange>>;

/// How to rewrite: any subset of the mappings.
#[derive(Clone, Copy, Default)]
pub struct RewriteRules<'a> {
    pub dsn: Option<MapFn<'a>>,
    pub volser: Option<MapFn<'a>>,
    pub keyword: Option<KeywordFn<'a>>,
    pub parm_token: Option<MapFn<'a>>,
    pub instream: Option<InstreamFn<'a>>,
    /// Leave in-stream DFSMDA source alone.
    pub skip_mda: bool,
    /// Also rewrite text after a null statement (it never runs).
    pub after_null: bool,
}

/// An addressable value in a statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ValueRef {
    pub statement: usize,
    /// Span in the statement's logical operand text.
    pub span: Range<usize>,
    pub kind: ChangeKind,
    pub text: String,
}

/// Replace a whole DSN qualifier: `replace_qualifier("IMSP.RECON1", "IMSP",
/// "IMST")` is `Some("IMST.RECON1")`; `IMSPROC.X` is left alone (`None`).
pub fn replace_qualifier(dsn: &str, from: &str, to: &str) -> Option<String> {
    let parts: Vec<&str> = dsn.split('.').collect();
    if !parts.iter().any(|p| p.eq_ignore_ascii_case(from)) {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| if p.eq_ignore_ascii_case(from) { to } else { p })
            .collect::<Vec<_>>()
            .join("."),
    )
}

fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$' | '&' | '_' | '-')
}

/// Character ranges of the tokens in a text.
pub fn tokens(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if token_char(chars[i]) {
            let s = i;
            while i < chars.len() && token_char(chars[i]) {
                i += 1;
            }
            out.push(s..i);
        } else {
            i += 1;
        }
    }
    out
}

/// The data set name part of a DSN value (quotes and member suffix off),
/// or `None` for temporaries, referbacks and NULLFILE.
fn dsn_span(v: &Value) -> Option<(Range<usize>, String)> {
    if !v.is_scalar() || v.raw.is_empty() {
        return None;
    }
    let chars: Vec<char> = v.raw.chars().collect();
    let (mut s, mut e) = (0, chars.len());
    if chars.len() >= 2 && chars[0] == '\'' && chars[e - 1] == '\'' {
        s += 1;
        e -= 1;
    }
    let body: String = chars[s..e].iter().collect();
    if body.starts_with("&&") || body.starts_with("*.") || body.eq_ignore_ascii_case("NULLFILE") {
        return None;
    }
    if body.ends_with(')')
        && let Some(p) = body.find('(')
    {
        e = s + body[..p].chars().count();
    }
    let name: String = chars[s..e].iter().collect();
    (!name.is_empty()).then(|| (v.span.start + s..v.span.start + e, name))
}

/// Statement indices after a null statement (until the next JOB).
fn dead_statements(lx: &Lexed) -> Vec<bool> {
    let mut dead = vec![false; lx.statements.len()];
    let mut after = false;
    for e in &lx.entries {
        match e {
            Entry::Null { .. } => after = true,
            Entry::Statement(i) => {
                if lx.statements[*i].is("JOB") {
                    after = false;
                }
                dead[*i] = after;
            }
            _ => {}
        }
    }
    dead
}

impl Jcl {
    /// Every value the rewriter can address.
    pub fn value_refs(&self, after_null: bool) -> Vec<ValueRef> {
        let dead = dead_statements(&self.lexed);
        let mut out = Vec::new();
        for st in &self.lexed.statements {
            if dead[st.index] && !after_null {
                continue;
            }
            let mut push = |span: Range<usize>, kind: ChangeKind, text: String| {
                out.push(ValueRef {
                    statement: st.index,
                    span,
                    kind,
                    text,
                });
            };
            let op = st.op.to_ascii_uppercase();
            for item in &st.operands.items {
                let Some(kw) = item.keyword.as_deref().map(str::to_ascii_uppercase) else {
                    continue;
                };
                let v = &item.value;
                match (op.as_str(), kw.as_str()) {
                    ("DD", "DSN" | "DSNAME") => {
                        if let Some((span, text)) = dsn_span(v) {
                            push(span, ChangeKind::Dsn, text);
                        }
                    }
                    ("DD", "VOL" | "VOLUME") => {
                        if let Some(ser) = v.get("SER") {
                            for s in ser.elements() {
                                if s.is_scalar() && !s.raw.is_empty() {
                                    push(s.span.clone(), ChangeKind::Volser, s.raw.clone());
                                }
                            }
                        }
                        if let Some((span, text)) = v.get("REF").and_then(dsn_span) {
                            push(span, ChangeKind::Dsn, text);
                        }
                    }
                    ("JCLLIB", "ORDER") => {
                        for e in v.elements() {
                            if let Some((span, text)) = dsn_span(e) {
                                push(span, ChangeKind::Dsn, text);
                            }
                        }
                    }
                    ("EXEC", k) if k == "PARM" || k.starts_with("PARM.") => {
                        let chars: Vec<char> = v.raw.chars().collect();
                        for t in tokens(&v.raw) {
                            let text: String = chars[t.clone()].iter().collect();
                            push(v.span.start + t.start..v.span.start + t.end, ChangeKind::Parm, text);
                        }
                    }
                    ("EXEC" | "PROC" | "SET", _) => {
                        push(v.span.clone(), ChangeKind::Keyword(kw.clone()), v.raw.clone());
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Rewrite values through the rules; returns the new records, their
    /// origins and the changes. Nothing changes when an error is returned.
    pub fn rewrite(&self, rules: &RewriteRules<'_>) -> Result<Rewritten<JclChange>> {
        let lx = &self.lexed;
        let mut edits: BTreeMap<usize, Vec<(Range<usize>, String)>> = BTreeMap::new();
        let mut changes = Vec::new();
        for r in self.value_refs(rules.after_null) {
            let st = &lx.statements[r.statement];
            let new = match &r.kind {
                ChangeKind::Dsn => rules.dsn.and_then(|f| f(&r.text)),
                ChangeKind::Volser => rules.volser.and_then(|f| f(&r.text)),
                ChangeKind::Keyword(k) => rules.keyword.and_then(|f| f(&st.op.to_ascii_uppercase(), k, &r.text)),
                ChangeKind::Parm => rules.parm_token.and_then(|f| f(&r.text)),
                _ => None,
            };
            let Some(new) = new.filter(|n| *n != r.text) else {
                continue;
            };
            check_new(&r, &new).map_err(|e| e.context(format!("record {}", st.record_of(r.span.start) + 1)))?;
            changes.push(JclChange {
                record: st.record_of(r.span.start) + 1,
                kind: r.kind.clone(),
                old: r.text.clone(),
                new: new.clone(),
            });
            edits.entry(r.statement).or_default().push((r.span.clone(), new));
        }
        let mut findings = Vec::new();
        let mut splices = Vec::new();
        for (s, list) in &edits {
            let st = &lx.statements[*s];
            let text: Vec<char> = st.operand_text.chars().collect();
            let inside = inside_quotes(&text);
            let extend = |mut p1: usize| {
                while p1 + 1 < st.pieces.len() && inside[st.pieces[p1].end()] {
                    p1 += 1;
                }
                p1
            };
            for group in cluster_edits(&st.pieces, list, &extend) {
                splices.push(relayout(lx, st, &group, &mut findings)?);
            }
        }
        self.instream_splices(rules, &mut splices, &mut changes)?;
        splices.sort_by_key(|s| s.r0);
        let (records, origin) = assemble(&lx.records, &splices);
        // Read back.
        let again = Lexed::lex(&records);
        if again.statements.len() != lx.statements.len() {
            return Err(icl!(
                "ICL344E",
                "rewrite would change the number of JCL statements; nothing changed"
            ));
        }
        for (a, b) in again.statements.iter().zip(&lx.statements) {
            let want = match edits.get(&b.index) {
                Some(list) => apply_edits(&b.operand_text, list),
                None => b.operand_text.clone(),
            };
            if a.operand_text != want || !a.op.eq_ignore_ascii_case(&b.op) || a.name != b.name {
                return Err(icl!(
                    "ICL344E",
                    "rewrite of the statement at record {} would not read back as intended; nothing changed",
                    b.record_number()
                ));
            }
        }
        changes.sort_by_key(|c| c.record);
        Ok(Rewritten {
            records,
            origin,
            changes,
            findings,
        })
    }

    fn instream_splices(
        &self,
        rules: &RewriteRules<'_>,
        splices: &mut Vec<Splice>,
        changes: &mut Vec<JclChange>,
    ) -> Result<()> {
        let lx = &self.lexed;
        let dead = dead_statements(lx);
        let mut after_null = false;
        for e in &lx.entries {
            let (first, last, owner) = match e {
                Entry::Null { .. } => {
                    after_null = true;
                    continue;
                }
                Entry::Statement(i) if lx.statements[*i].is("JOB") => {
                    after_null = false;
                    continue;
                }
                Entry::Data { first, last, owner, .. } => (*first, *last, *owner),
                _ => continue,
            };
            let is_dead = owner.map_or(after_null, |o| dead[o]);
            if is_dead && !rules.after_null {
                continue;
            }
            let lines = &lx.records[first..=last];
            let ctx = InstreamContext {
                dd: owner.and_then(|o| lx.statements[o].name.clone()),
                first_record: first,
            };
            let done = match rules.instream.and_then(|h| h(&ctx, lines)) {
                Some(rw) => Some((rw.records, rw.origin, rw.changes)),
                None if !rules.skip_mda => match rules.dsn {
                    Some(f) => crate::ims::mda::rewrite_instream(lines, f)?.map(|rw| {
                        let ch = rw
                            .changes
                            .into_iter()
                            .map(|c| JclChange {
                                record: c.record,
                                kind: ChangeKind::InstreamDsn,
                                old: c.old,
                                new: c.new,
                            })
                            .collect();
                        (rw.records, rw.origin, ch)
                    }),
                    None => None,
                },
                None => None,
            };
            if let Some((recs, origin, ch)) = done {
                changes.extend(ch.into_iter().map(|c| JclChange {
                    record: c.record + first,
                    ..c
                }));
                let origin = origin.into_iter().map(|o| o.map(|x| x + first)).collect();
                splices.push(Splice {
                    r0: first,
                    r1: last,
                    lines: recs,
                    origin,
                });
            }
        }
        Ok(())
    }

    /// Decode, parse, rewrite and encode again in the original encoding.
    pub fn rewrite_bytes(bytes: &[u8], rules: &RewriteRules<'_>) -> Result<(Vec<u8>, Rewritten<JclChange>)> {
        let text = SourceText::from_bytes(bytes);
        let jcl = Jcl::parse(&text.lines())?;
        let rw = jcl.rewrite(rules)?;
        let out = text.apply(&rw).to_bytes()?;
        Ok((out, rw))
    }
}

/// New values must keep the statement well-formed; DSNs and volsers must
/// look like them.
fn check_new(r: &ValueRef, new: &str) -> Result<()> {
    check_value(new).map_err(|e| icl!("ICL348E", "{}", e.text))?;
    let bad = |what: &str| Err(icl!("ICL348E", "{what} {new:?} (for {}) is not valid", r.text));
    let dsn_ok = || {
        !new.is_empty()
            && new.chars().count() <= 44
            && new.split('.').all(|q| !q.is_empty() && q.chars().count() <= 8)
            && !new.contains([',', '(', ')', '\'', '='])
    };
    let volser_ok = || {
        !new.is_empty()
            && new.chars().count() <= 6
            && new.chars().all(|c| c.is_ascii_alphanumeric() || "@#$&.-".contains(c))
    };
    match r.kind {
        ChangeKind::Dsn if !dsn_ok() => bad("data set name"),
        ChangeKind::Volser if !volser_ok() => bad("volume serial"),
        ChangeKind::Parm if new.contains([',', '(', ')', '\'', '=']) => bad("PARM token"),
        _ => Ok(()),
    }
}

/// Records `r0..=r1` replaced by `lines`.
#[derive(Debug)]
struct Splice {
    r0: usize,
    r1: usize,
    lines: Vec<String>,
    origin: Vec<Option<usize>>,
}

fn assemble(records: &[String], splices: &[Splice]) -> (Vec<String>, Vec<Option<usize>>) {
    let mut out = Vec::with_capacity(records.len() + 4);
    let mut origin = Vec::with_capacity(records.len() + 4);
    let mut r = 0;
    for s in splices {
        for (i, rec) in records.iter().enumerate().take(s.r0).skip(r) {
            out.push(rec.clone());
            origin.push(Some(i));
        }
        out.extend(s.lines.iter().cloned());
        origin.extend(s.origin.iter().copied());
        r = s.r1 + 1;
    }
    for (i, rec) in records.iter().enumerate().skip(r) {
        out.push(rec.clone());
        origin.push(Some(i));
    }
    (out, origin)
}

/// Lay out the part of a statement touched by edits again.
fn relayout(
    lx: &Lexed,
    st: &JclStatement,
    edits: &[(Range<usize>, String)],
    findings: &mut Vec<Finding>,
) -> Result<Splice> {
    let text: Vec<char> = st.operand_text.chars().collect();
    let inside = inside_quotes(&text);
    let lo = edits.iter().map(|(r, _)| r.start).min().unwrap_or(0);
    let hi = edits.iter().map(|(r, _)| r.end).max().unwrap_or(lo);
    let (p0, mut p1) = covering(&st.pieces, lo, hi).ok_or_else(|| {
        icl!(
            "ICL344E",
            "statement at record {} has no operand to edit",
            st.record_number()
        )
    })?;
    // A quoted string continued in column 16 must stay in one piece of work.
    while p1 + 1 < st.pieces.len() && inside[st.pieces[p1].end()] {
        p1 += 1;
    }
    let (a, b) = (st.pieces[p0].at, st.pieces[p1].end());
    let shifted: Vec<(Range<usize>, String)> = edits.iter().map(|(r, t)| (r.start - a..r.end - a, t.clone())).collect();
    let region: String = text[a..b].iter().collect();
    let new: Vec<char> = apply_edits(&region, &shifted).chars().collect();
    let r0 = st.pieces[p0].record;
    let r1 = st.pieces[p1].record;
    let rec0: Vec<char> = lx.records[r0].chars().collect();
    let rec1: Vec<char> = lx.records[r1].chars().collect();
    let prefix = &rec0[..st.pieces[p0].col.min(rec0.len())];
    if prefix.len() >= FIELD_END {
        return Err(icl!("ICL344E", "no room for operands on record {}", r0 + 1));
    }
    let indent = st
        .pieces
        .iter()
        .skip(1)
        .map(|p| p.col)
        .find(|c| (3..=CONT_COL).contains(c))
        .unwrap_or(CONT_COL);
    let mut comments: Vec<(Option<usize>, String)> = Vec::new();
    for p in &st.pieces[p0..=p1] {
        let rec: Vec<char> = lx.records[p.record].chars().collect();
        let from = p.col + p.len;
        let f = rec.len().min(FIELD_END);
        if from < f {
            let rest: String = rec[from..f].iter().collect();
            let lead = rest.len() - rest.trim_start().len();
            let t = rest.trim().to_string();
            if !t.is_empty() {
                comments.push(((p.record == r0).then_some(from + lead), t));
            }
        }
    }
    let tail0: String = rec0.iter().skip(FIELD_END).collect();
    let tail1: String = rec1.iter().skip(FIELD_END).collect();
    let rules = SplitRules {
        first_width: FIELD_END - prefix.len(),
        comma_width: FIELD_END - indent,
        hard_width: FIELD_END - CONT_COL,
        hard_outside_quotes: false,
    };
    let chunks = split(&new, rules).ok_or_else(|| {
        icl!(
            "ICL344E",
            "a value is too long to continue the statement at record {} within column 71",
            st.record_number()
        )
    })?;
    let n = chunks.len();
    let mut lines = Vec::new();
    let mut prev_hard = false;
    for (k, ch) in chunks.iter().enumerate() {
        let last = k + 1 == n;
        let mut line: Vec<char> = if k == 0 {
            prefix.to_vec()
        } else {
            let mut l = vec!['/', '/'];
            l.resize(if prev_hard { CONT_COL } else { indent }, ' ');
            l
        };
        line.extend(&new[ch.range.clone()]);
        if !ch.hard {
            place_comments(&mut line, &mut comments, k == 0);
        }
        let tail = if k == 0 {
            tail0.clone()
        } else if last && r1 != r0 {
            tail1.clone()
        } else {
            String::new()
        };
        if !tail.is_empty() {
            line.resize(FIELD_END, ' ');
            line.extend(tail.chars());
        } else if k == 0 && line.len() < rec0.len() {
            line.resize(rec0.len(), ' ');
        } else if k > 0 && rec0.len() >= 80 {
            line.resize(80, ' ');
        }
        prev_hard = ch.hard;
        lines.push(line.into_iter().collect::<String>());
    }
    let mut origin: Vec<Option<usize>> = (0..lines.len()).map(|k| (r0 + k <= r1).then_some(r0 + k)).collect();
    for (_, c) in comments {
        findings.push(Finding::at(
            "ICL311W",
            r0,
            format!("comment {c:?} no longer fits on the statement; moved to a //* line"),
        ));
        lines.push(format!("//* {c}"));
        origin.push(None);
    }
    // //* records that sat between the rewritten records stay after them.
    for &c in st.comment_records.iter().filter(|&&c| c > r0 && c < r1) {
        lines.push(lx.records[c].clone());
        origin.push(Some(c));
    }
    Ok(Splice { r0, r1, lines, origin })
}

fn place_comments(line: &mut Vec<char>, comments: &mut Vec<(Option<usize>, String)>, first_line: bool) {
    while let Some((col, t)) = comments.first().cloned() {
        let len = t.chars().count();
        let at = match col {
            Some(c) if first_line && c > line.len() && c + len <= FIELD_END => c,
            _ if line.len() + 1 + len <= FIELD_END => line.len() + 1,
            _ => return,
        };
        line.resize(at, ' ');
        line.extend(t.chars());
        comments.remove(0);
    }
}
