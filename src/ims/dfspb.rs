//! DFSPBxxx PROCLIB members: IMS control region execution parameters.
//!
//! Format: `*` in column 1 is a comment; parameters are `KEYWORD=value`
//! separated by commas, several per record if wanted, in columns 1-71
//! (72-80 are ignored); a blank outside quotes ends a record's parameters
//! (the rest is a comment); a record ending with a comma continues on the
//! next one. Values may be parenthesised or quoted and may continue after a
//! comma inside parentheses.
//!
//! The model looks keywords up (IMSID, DBRCNM, DLINM, IRLM, IRLMNM...) and
//! rewrites a keyword's value losslessly: only the record holding it
//! changes, and a value that grows past column 71 moves what follows it to a
//! new record.

use crate::icl;
use crate::ims::asm::Operands;
use crate::ims::text::layout::{FIELD_END, Piece, SplitRules, apply_edits, covering, split};
use crate::ims::text::{Finding, Rewritten, SourceText};
use crate::msg::Result;

/// One `KEYWORD=value` parameter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PbEntry {
    /// Keyword, upper case.
    pub keyword: String,
    /// Value as written (quotes and parentheses kept).
    pub value: String,
    /// 1-based record number where the value starts.
    pub record: usize,
    /// Index of the group (records joined by trailing commas).
    group: usize,
    span: std::ops::Range<usize>,
}

/// Records joined by trailing commas.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
struct Group {
    text: String,
    pieces: Vec<Piece>,
}

/// One change made by a rewrite.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PbChange {
    pub record: usize,
    pub keyword: String,
    pub old: String,
    pub new: String,
}

/// A parsed DFSPBxxx member.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dfspb {
    pub records: Vec<String>,
    pub entries: Vec<PbEntry>,
    groups: Vec<Group>,
    pub findings: Vec<Finding>,
}

fn field(rec: &[char]) -> &[char] {
    &rec[..rec.len().min(FIELD_END)]
}

/// A replacement of a span of a group's logical text.
type TextEdit = (std::ops::Range<usize>, String);

impl Dfspb {
    pub fn from_bytes(bytes: &[u8]) -> Result<Dfspb> {
        let t = SourceText::from_bytes(bytes);
        let mut pb = Dfspb::parse(&t.lines())?;
        let mut f = t.findings;
        f.append(&mut pb.findings);
        pb.findings = f;
        Ok(pb)
    }

    /// Parse decoded records. Fails (ICL331E) only when the member holds
    /// text but not a single `KEYWORD=value`.
    pub fn parse<S: AsRef<str>>(records: &[S]) -> Result<Dfspb> {
        let records: Vec<String> = records.iter().map(|r| r.as_ref().to_string()).collect();
        let chars: Vec<Vec<char>> = records.iter().map(|r| r.chars().collect()).collect();
        let mut pb = Dfspb {
            records,
            entries: Vec::new(),
            groups: Vec::new(),
            findings: Vec::new(),
        };
        let mut open: Option<Group> = None;
        let mut saw_text = false;
        for (i, rec) in chars.iter().enumerate() {
            let f = field(rec);
            if rec.first() == Some(&'*') || f.iter().all(|&c| c == ' ') {
                continue;
            }
            saw_text = true;
            let start = f.iter().position(|&c| c != ' ').unwrap_or(0);
            let end = operand_end(f, start);
            let g = open.get_or_insert_with(|| Group {
                text: String::new(),
                pieces: Vec::new(),
            });
            let at = g.text.chars().count();
            g.pieces.push(Piece {
                record: i,
                col: start,
                len: end - start,
                at,
            });
            g.text.extend(&f[start..end]);
            if !g.text.ends_with(',') {
                let done = open.take();
                pb.close(done);
            }
        }
        let done = open.take();
        pb.close(done);
        if saw_text && pb.entries.is_empty() {
            return Err(icl!(
                "ICL331E",
                "no KEYWORD=value parameter found: not a DFSPBxxx member"
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut dups = Vec::new();
        for e in &pb.entries {
            if seen.contains(&e.keyword.as_str()) {
                dups.push(Finding::at(
                    "ICL333W",
                    e.record - 1,
                    format!(
                        "{} is coded more than once; the last value ({}) is used",
                        e.keyword, e.value
                    ),
                ));
            }
            seen.push(&e.keyword);
        }
        pb.findings.extend(dups);
        Ok(pb)
    }

    fn close(&mut self, group: Option<Group>) {
        let Some(g) = group else { return };
        let gi = self.groups.len();
        let text = g.text.trim_end_matches(',');
        let (ops, problems) = Operands::parse(text);
        let record_of = |at: usize| g.pieces.iter().rev().find(|p| p.at <= at).map_or(0, |p| p.record);
        for p in problems {
            self.findings.push(Finding::at(
                "ICL332W",
                record_of(p.at),
                format!("{}: {}", p.text, g.text),
            ));
        }
        for item in &ops.items {
            match &item.keyword {
                Some(k) => self.entries.push(PbEntry {
                    keyword: k.to_ascii_uppercase(),
                    value: item.value.raw.clone(),
                    record: record_of(item.value.span.start) + 1,
                    group: gi,
                    span: item.value.span.clone(),
                }),
                None if item.value.raw.is_empty() => {}
                None => self.findings.push(Finding::at(
                    "ICL332W",
                    record_of(item.span.start),
                    format!("{:?} is not KEYWORD=value; ignored", item.value.raw),
                )),
            }
        }
        self.groups.push(g);
    }

    /// The value of a keyword (the last one when coded twice).
    pub fn get(&self, keyword: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.keyword.eq_ignore_ascii_case(keyword))
            .map(|e| e.value.as_str())
    }

    pub fn imsid(&self) -> Option<&str> {
        self.get("IMSID")
    }
    pub fn dbrcnm(&self) -> Option<&str> {
        self.get("DBRCNM")
    }
    pub fn dlinm(&self) -> Option<&str> {
        self.get("DLINM")
    }
    pub fn irlm(&self) -> Option<&str> {
        self.get("IRLM")
    }
    pub fn irlmnm(&self) -> Option<&str> {
        self.get("IRLMNM")
    }
    pub fn rgsuf(&self) -> Option<&str> {
        self.get("RGSUF")
    }

    /// Replace the value of every occurrence of `keyword`.
    pub fn set(&self, keyword: &str, value: &str) -> Result<Rewritten<PbChange>> {
        if !self.entries.iter().any(|e| e.keyword.eq_ignore_ascii_case(keyword)) {
            return Err(icl!("ICL334E", "{keyword}= is not coded in the member"));
        }
        let v = value.to_string();
        self.rewrite(&|k, _| k.eq_ignore_ascii_case(keyword).then(|| v.clone()))
    }

    /// Offer every parameter to `f(keyword, value)`; a `Some(new)` answer
    /// replaces the value. Returns the new records and the changes.
    pub fn rewrite(&self, f: &dyn Fn(&str, &str) -> Option<String>) -> Result<Rewritten<PbChange>> {
        let mut changes = Vec::new();
        let mut edits: Vec<Vec<(std::ops::Range<usize>, String)>> = vec![Vec::new(); self.groups.len()];
        let mut changed = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(new) = f(&e.keyword, &e.value).filter(|n| *n != e.value) {
                crate::ims::asm::rewrite::check_value(&new)
                    .map_err(|err| icl!("ICL334E", "{}: {}", e.keyword, err.text))?;
                changes.push(PbChange {
                    record: e.record,
                    keyword: e.keyword.clone(),
                    old: e.value.clone(),
                    new: new.clone(),
                });
                edits[e.group].push((e.span.clone(), new.clone()));
                changed.push((i, new));
            }
        }
        let mut out: Vec<(usize, usize, Vec<String>)> = Vec::new();
        let mut findings = Vec::new();
        for (gi, list) in edits.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            // Lay out again only the records the edits fall in, so a member
            // with one keyword a line keeps that shape.
            let g = &self.groups[gi];
            let mut sorted = list.clone();
            sorted.sort_by_key(|(r, _)| r.start);
            let mut clusters: Vec<((usize, usize), Vec<TextEdit>)> = Vec::new();
            for e in sorted {
                let span = covering(&g.pieces, e.0.start, e.0.end)
                    .ok_or_else(|| icl!("ICL334E", "value outside its record"))?;
                match clusters.last_mut() {
                    Some((s, v)) if span.0 <= s.1 => {
                        s.1 = s.1.max(span.1);
                        v.push(e);
                    }
                    _ => clusters.push((span, vec![e])),
                }
            }
            for (_, c) in clusters {
                out.push(self.relayout(g, &c, &mut findings)?);
            }
        }
        let mut records = Vec::new();
        let mut origin = Vec::new();
        let mut r = 0;
        for (r0, r1, lines) in out {
            for i in r..r0 {
                records.push(self.records[i].clone());
                origin.push(Some(i));
            }
            for (k, l) in lines.into_iter().enumerate() {
                records.push(l);
                origin.push((r0 + k <= r1).then_some(r0 + k));
            }
            r = r1 + 1;
        }
        for i in r..self.records.len() {
            records.push(self.records[i].clone());
            origin.push(Some(i));
        }
        // Read back: the same parameters, the changed ones with new values.
        let again = Dfspb::parse(&records)?;
        let same_shape = again.entries.len() == self.entries.len()
            && again
                .entries
                .iter()
                .zip(&self.entries)
                .all(|(x, y)| x.keyword == y.keyword);
        if !same_shape || changed.iter().any(|(i, new)| again.entries[*i].value != *new) {
            return Err(icl!(
                "ICL334E",
                "rewrite would not read back as intended; nothing changed"
            ));
        }
        Ok(Rewritten {
            records,
            origin,
            changes,
            findings,
        })
    }

    /// Lay out the records of a group touched by edits again.
    fn relayout(
        &self,
        g: &Group,
        edits: &[(std::ops::Range<usize>, String)],
        findings: &mut Vec<Finding>,
    ) -> Result<(usize, usize, Vec<String>)> {
        let lo = edits.iter().map(|(r, _)| r.start).min().unwrap_or(0);
        let hi = edits.iter().map(|(r, _)| r.end).max().unwrap_or(lo);
        let (p0, p1) = covering(&g.pieces, lo, hi).ok_or_else(|| icl!("ICL334E", "value outside its record"))?;
        let (a, b) = (g.pieces[p0].at, g.pieces[p1].end());
        let region: String = g.text.chars().skip(a).take(b - a).collect();
        let shifted: Vec<_> = edits.iter().map(|(r, t)| (r.start - a..r.end - a, t.clone())).collect();
        let new: Vec<char> = apply_edits(&region, &shifted).chars().collect();
        let (r0, r1) = (g.pieces[p0].record, g.pieces[p1].record);
        let rec0: Vec<char> = self.records[r0].chars().collect();
        let rec1: Vec<char> = self.records[r1].chars().collect();
        let indent = g.pieces[p0].col;
        let piece_end = g.pieces[p1].col + g.pieces[p1].len;
        // Comment text after the parameters, and columns 72-80, stay on the
        // first record when they still fit.
        let comment: String = rec1.iter().take(FIELD_END).skip(piece_end).collect::<String>();
        let comment = comment.trim().to_string();
        let tail: String = rec0.iter().skip(FIELD_END).collect();
        let width = FIELD_END - indent;
        let rules = SplitRules {
            first_width: width,
            comma_width: width,
            hard_width: width,
            hard_outside_quotes: false,
        };
        let chunks = split(&new, rules).ok_or_else(|| icl!("ICL334E", "a value is too long for one record"))?;
        let mut lines = Vec::new();
        let mut moved = None;
        for (k, ch) in chunks.iter().enumerate() {
            let mut line: Vec<char> = if k == 0 {
                rec0[..indent].to_vec()
            } else {
                vec![' '; indent]
            };
            line.extend(&new[ch.range.clone()]);
            if k + 1 == chunks.len() && !comment.is_empty() {
                let cc = comment.chars().count();
                let orig_col = rec1
                    .iter()
                    .take(FIELD_END)
                    .skip(piece_end)
                    .position(|&c| c != ' ')
                    .map(|p| p + piece_end);
                let at = match orig_col {
                    Some(c) if c > line.len() && c + cc <= FIELD_END => Some(c),
                    _ if line.len() + 1 + cc <= FIELD_END => Some(line.len() + 1),
                    _ => None,
                };
                match at {
                    Some(at) => {
                        line.resize(at, ' ');
                        line.extend(comment.chars());
                    }
                    None => moved = Some(format!("* {comment}")),
                }
            }
            if k == 0 && !tail.is_empty() {
                line.resize(FIELD_END, ' ');
                line.extend(tail.chars());
            } else if k == 0 && line.len() < rec0.len() {
                line.resize(rec0.len(), ' ');
            }
            lines.push(line.into_iter().collect());
        }
        if let Some(c) = moved {
            findings.push(Finding::at(
                "ICL311W",
                r1,
                format!("comment {c:?} no longer fits; moved to a comment line"),
            ));
            lines.push(c);
        }
        Ok((r0, r1, lines))
    }
}

/// End of the parameters on a record: the first blank outside quotes.
fn operand_end(f: &[char], start: usize) -> usize {
    let mut q = false;
    for (i, &c) in f.iter().enumerate().skip(start) {
        if c == '\'' {
            q = !q;
        } else if c == ' ' && !q {
            return i;
        }
    }
    f.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "*  DFSPBIMP  IMS CONTROL REGION PARAMETERS FOR IMSP
IMSID=IMSP,
SUF=I,
DBRCNM=IMSPDRC,DLINM=IMSPDLI,          DBRC AND DLI PROCS
IRLM=Y,
IRLMNM=IRLP,
CRC=#,
VSPEC=(00,
01),
APPLID1='IMSP APPL',
DFSDF=IMP";

    fn pb() -> Dfspb {
        Dfspb::from_bytes(SAMPLE.as_bytes()).unwrap()
    }

    #[test]
    fn lookup() {
        let p = pb();
        assert_eq!(p.imsid(), Some("IMSP"));
        assert_eq!(p.dbrcnm(), Some("IMSPDRC"));
        assert_eq!(p.dlinm(), Some("IMSPDLI"));
        assert_eq!(p.irlm(), Some("Y"));
        assert_eq!(p.irlmnm(), Some("IRLP"));
        assert_eq!(p.get("VSPEC"), Some("(00,01)"));
        assert_eq!(p.get("applid1"), Some("'IMSP APPL'"));
        assert_eq!(p.get("DFSDF"), Some("IMP"));
        assert_eq!(p.entries.len(), 10);
        assert_eq!(p.entries[3].record, 4);
        assert!(p.findings.is_empty(), "{:?}", p.findings);
    }

    #[test]
    fn set_in_place_and_growing() {
        let p = pb();
        let out = p.set("IMSID", "IMST").unwrap();
        let lines: Vec<&str> = SAMPLE.lines().collect();
        assert_eq!(out.records[1], "IMSID=IMST,");
        for (i, l) in lines.iter().enumerate().filter(|(i, _)| *i != 1) {
            assert_eq!(out.records[i], *l);
        }
        assert_eq!(
            out.changes[0],
            PbChange {
                record: 2,
                keyword: "IMSID".into(),
                old: "IMSP".into(),
                new: "IMST".into()
            }
        );
        // A longer value keeps the comment when it fits.
        let out = p.set("DBRCNM", "IMSTDRC").unwrap();
        assert_eq!(
            out.records[3],
            "DBRCNM=IMSTDRC,DLINM=IMSPDLI,          DBRC AND DLI PROCS"
        );
        // A value that pushes past column 71 moves the rest to a new record.
        let long = format!("'{}'", "X".repeat(50));
        let out = p.set("DBRCNM", &long).unwrap();
        let again = Dfspb::parse(&out.records).unwrap();
        assert_eq!(again.dbrcnm(), Some(long.as_str()));
        assert_eq!(again.dlinm(), Some("IMSPDLI"));
        assert_eq!(out.records.len(), lines.len() + 1);
    }

    #[test]
    fn rewrite_function_and_value_split_over_records() {
        let p = pb();
        let out = p
            .rewrite(&|k, v| (k == "VSPEC").then(|| v.replace("00", "10")))
            .unwrap();
        assert_eq!(Dfspb::parse(&out.records).unwrap().get("VSPEC"), Some("(10,01)"));
        assert!(p.set("NOPE", "X").is_err());
        assert_eq!(p.set("IMSID", "A B").unwrap_err().id, "ICL334E");
    }

    #[test]
    fn sequence_numbers_ignored_and_kept() {
        let recs = vec![
            format!("{:<71} 00010000", "IMSID=IMSP,"),
            format!("{:<71} 00020000", "IRLMNM=IRLP"),
        ];
        let p = Dfspb::parse(&recs).unwrap();
        assert_eq!(p.irlmnm(), Some("IRLP"));
        let out = p.set("IMSID", "IMSQ").unwrap();
        assert_eq!(out.records[0], format!("{:<71} 00010000", "IMSID=IMSQ,"));
    }

    #[test]
    fn bad_input() {
        assert_eq!(Dfspb::parse(&["THIS IS NOT A MEMBER"]).unwrap_err().id, "ICL331E");
        let p = Dfspb::parse(&["IMSID=IMSP,JUNK,X=(A", "IMSID=IMSQ"]).unwrap();
        let ids: Vec<&str> = p.findings.iter().map(|f| f.id).collect();
        assert!(ids.contains(&"ICL332W") && ids.contains(&"ICL333W"), "{ids:?}");
        assert_eq!(p.imsid(), Some("IMSQ"));
        assert!(Dfspb::parse(&["* only a comment"]).unwrap().entries.is_empty());
    }
}
