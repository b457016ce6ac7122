//! JCL records to statements, comments, delimiters and in-stream data.
//!
//! Rules followed (z/OS MVS JCL Reference):
//! - `//*` in columns 1-3 is a comment statement; `//` followed by blanks
//!   only is the null statement; `/*` followed by a blank (or nothing) is a
//!   delimiter, `/*` followed by a word a JES2 control statement;
//! - `//name operation operands comments`: the operand field ends at the
//!   first blank outside apostrophes; columns 72-80 are not part of the
//!   statement (sequence numbers or junk);
//! - an operand field that ends with a comma continues on the next `//`
//!   record whose column 3 is blank, operands starting in columns 4-16;
//!   `//*` comments may sit between continuation records; a quoted string
//!   reaching column 71 continues in column 16;
//! - `DD *` data ends at `/*`, at the next `//` record, or at end of file;
//!   `DD DATA` data ends only at `/*`; with `DLM=xx` only `xx` ends it;
//! - records that are not JCL where a statement is expected are in-stream
//!   data for an implied `//SYSIN DD *` (JES does the same).

use crate::ims::asm::Operands;
use crate::ims::text::layout::{CONT_COL, FIELD_END, Piece};
use crate::ims::text::{Finding, has_template};

/// Known JCL operations; anything else gets a finding.
const OPERATIONS: &[&str] = &[
    "JOB", "EXEC", "DD", "PROC", "PEND", "SET", "JCLLIB", "INCLUDE", "IF", "THEN", "ELSE", "ENDIF", "OUTPUT", "CNTL",
    "ENDCNTL", "XMIT", "COMMAND", "EXPORT", "SCHEDULE", "NOTIFY",
];

/// One JCL statement, possibly continued over several records.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JclStatement {
    pub index: usize,
    /// 0-based first and last record (comment records in between included).
    pub first: usize,
    pub last: usize,
    /// Name field (`STEPLIB`, `G.IMS`), if any.
    pub name: Option<String>,
    /// Operation as written.
    pub op: String,
    /// Logical operand field, continuations glued together.
    pub operand_text: String,
    pub operands: Operands,
    /// Comments field text of all records, joined by one blank.
    pub comment: String,
    pub pieces: Vec<Piece>,
    /// `//*` records that sit between this statement's records.
    pub comment_records: Vec<usize>,
}

impl JclStatement {
    /// Case-insensitive operation test.
    pub fn is(&self, op: &str) -> bool {
        self.op.eq_ignore_ascii_case(op)
    }

    pub fn record_number(&self) -> usize {
        self.first + 1
    }

    /// 0-based record where a logical operand offset sits.
    pub fn record_of(&self, offset: usize) -> usize {
        self.pieces
            .iter()
            .find(|p| offset >= p.at && offset < p.end())
            .or(self.pieces.last())
            .map_or(self.first, |p| p.record)
    }

    /// `DD *` or `DD DATA`: in-stream data follows.
    pub fn starts_instream(&self) -> bool {
        self.is("DD")
            && self
                .operands
                .positional()
                .first()
                .is_some_and(|v| v.raw == "*" || v.raw.eq_ignore_ascii_case("DATA"))
    }
}

/// What a record (or run of records) is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Entry {
    /// A JCL statement (index into [`Lexed::statements`]).
    Statement(usize),
    /// `//*` comment statement outside any statement.
    Comment { record: usize },
    /// `//` null statement.
    Null { record: usize },
    /// `/*` (or the DLM string) ending in-stream data, or a stray `/*`.
    Delimiter { record: usize },
    /// `/*JOBPARM` and other JES2 control statements.
    JesControl { record: usize },
    /// In-stream data records `first..=last`, owned by a DD statement (or
    /// `None` for data JES would give an implied `//SYSIN DD *`).
    Data {
        first: usize,
        last: usize,
        owner: Option<usize>,
        delimiter: Option<usize>,
    },
}

/// A lexed JCL source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Lexed {
    pub records: Vec<String>,
    pub statements: Vec<JclStatement>,
    pub entries: Vec<Entry>,
    pub findings: Vec<Finding>,
}

fn starts(rec: &[char], s: &str) -> bool {
    let mut it = rec.iter();
    s.chars().all(|c| it.next() == Some(&c))
}

fn field(rec: &[char]) -> usize {
    rec.len().min(FIELD_END)
}

fn blank_from(rec: &[char], from: usize) -> bool {
    rec.iter().take(field(rec)).skip(from).all(|&c| c == ' ')
}

/// `//` with only blanks up to column 71.
pub(crate) fn is_null(rec: &[char]) -> bool {
    starts(rec, "//") && blank_from(rec, 2)
}

fn is_comment(rec: &[char]) -> bool {
    starts(rec, "//*")
}

/// `/*` followed by a blank or nothing.
fn is_delimiter(rec: &[char]) -> bool {
    starts(rec, "/*") && rec.get(2).is_none_or(|&c| c == ' ')
}

impl Lexed {
    pub fn lex<S: AsRef<str>>(records: &[S]) -> Lexed {
        let records: Vec<String> = records.iter().map(|r| r.as_ref().to_string()).collect();
        let chars: Vec<Vec<char>> = records.iter().map(|r| r.chars().collect()).collect();
        let mut lx = Lexed {
            records,
            statements: Vec::new(),
            entries: Vec::new(),
            findings: Vec::new(),
        };
        let mut after_null = false;
        let mut implied_reported = false;
        let mut i = 0;
        while i < chars.len() {
            let rec = &chars[i];
            if is_comment(rec) {
                lx.entries.push(Entry::Comment { record: i });
                i += 1;
            } else if is_null(rec) {
                lx.entries.push(Entry::Null { record: i });
                after_null = true;
                i += 1;
            } else if starts(rec, "//") {
                let index = lx.statements.len();
                let st = scan_statement(&chars, i, index, &mut lx.findings);
                if st.is("JOB") {
                    after_null = false;
                }
                let next = st.last + 1;
                let instream = st.starts_instream();
                let dlm = st.operands.get("DLM").map(|v| v.unquoted());
                let data_kw = st
                    .operands
                    .positional()
                    .first()
                    .is_some_and(|v| v.raw.eq_ignore_ascii_case("DATA"));
                lx.statements.push(st);
                lx.entries.push(Entry::Statement(index));
                i = next;
                if instream {
                    i = lx.data(&chars, i, Some(index), dlm.as_deref(), data_kw);
                }
            } else if is_delimiter(rec) {
                if !after_null {
                    lx.findings.push(Finding::at(
                        "ICL342I",
                        i,
                        "delimiter /* without in-stream data before it; ignored",
                    ));
                }
                lx.entries.push(Entry::Delimiter { record: i });
                i += 1;
            } else if starts(rec, "/*") {
                lx.entries.push(Entry::JesControl { record: i });
                i += 1;
            } else {
                if !after_null && !implied_reported {
                    implied_reported = true;
                    lx.findings.push(Finding::at(
                        "ICL335W",
                        i,
                        "record is not JCL: treated as in-stream data of an implied //SYSIN DD *",
                    ));
                }
                i = lx.data(&chars, i, None, None, false);
            }
        }
        if let Some(r) = lx.records.iter().position(|r| has_template(r)) {
            lx.findings.push(Finding::at(
                "ICL309W",
                r,
                "template placeholders (${...} or {{...}}) found: this is a template, not real JCL",
            ));
        }
        lx
    }

    /// Collect in-stream data from record `i`; returns the next record to lex.
    fn data(&mut self, chars: &[Vec<char>], i: usize, owner: Option<usize>, dlm: Option<&str>, data_kw: bool) -> usize {
        let dlm = dlm.filter(|d| !d.is_empty());
        let mut j = i;
        let mut delimiter = None;
        while j < chars.len() {
            let r = &chars[j];
            let (ends, consumed) = match dlm {
                Some(d) => (starts(r, d), true),
                None => (starts(r, "/*") || (!data_kw && starts(r, "//")), is_delimiter(r)),
            };
            if ends {
                if consumed {
                    delimiter = Some(j);
                }
                break;
            }
            j += 1;
        }
        if j > i {
            self.entries.push(Entry::Data {
                first: i,
                last: j - 1,
                owner,
                delimiter,
            });
        }
        if j >= chars.len() && owner.is_some() {
            self.findings.push(Finding::at(
                "ICL337I",
                chars.len().saturating_sub(1),
                "in-stream data ends at end of file",
            ));
        }
        match delimiter {
            Some(d) => {
                self.entries.push(Entry::Delimiter { record: d });
                d + 1
            }
            None => j,
        }
    }

    /// The statement at an index.
    pub fn statement(&self, index: usize) -> Option<&JclStatement> {
        self.statements.get(index)
    }
}

/// Scan one statement starting at record `start` (which begins with `//`).
fn scan_statement(recs: &[Vec<char>], start: usize, index: usize, findings: &mut Vec<Finding>) -> JclStatement {
    let rec = &recs[start];
    let f = field(rec);
    let mut col = 2;
    let mut name = None;
    if col < f && rec[col] != ' ' {
        while col < f && rec[col] != ' ' {
            col += 1;
        }
        name = Some(rec[2..col].iter().collect::<String>());
    }
    while col < f && rec[col] == ' ' {
        col += 1;
    }
    let op_start = col;
    while col < f && rec[col] != ' ' {
        col += 1;
    }
    let op: String = rec[op_start..col].iter().collect();
    while col < f && rec[col] == ' ' {
        col += 1;
    }
    check_name(name.as_deref(), &op, start, findings);
    if op.is_empty() {
        findings.push(Finding::at("ICL340W", start, "JCL statement without an operation"));
    } else if !OPERATIONS.iter().any(|o| o.eq_ignore_ascii_case(&op)) {
        findings.push(Finding::at("ICL340W", start, format!("unknown JCL operation {op}")));
    }
    let mut sc = Scan {
        recs,
        cur: start,
        pieces: Vec::new(),
        text: String::new(),
        len: 0,
        comments: Vec::new(),
        comment_records: Vec::new(),
    };
    if op.eq_ignore_ascii_case("IF") {
        sc.if_statement(col);
    } else if col < f {
        sc.operands(col, findings);
    }
    let (operands, problems) = if op.eq_ignore_ascii_case("IF") {
        (Operands::default(), Vec::new())
    } else {
        Operands::parse(&sc.text)
    };
    let st = JclStatement {
        index,
        first: start,
        last: sc.cur,
        name,
        op,
        operand_text: sc.text,
        operands,
        comment: sc
            .comments
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
        pieces: sc.pieces,
        comment_records: sc.comment_records,
    };
    for p in problems {
        findings.push(Finding::at(
            p.id,
            st.record_of(p.at),
            format!("{} {}: {}", st.op, p.text, st.operand_text),
        ));
    }
    st
}

fn check_name(name: Option<&str>, op: &str, rec: usize, findings: &mut Vec<Finding>) {
    let Some(name) = name else { return };
    // DD names may be qualified by a procedure step (G.IMS).
    let parts: Vec<&str> = if op.eq_ignore_ascii_case("DD") {
        name.split('.').collect()
    } else {
        vec![name]
    };
    let ok = parts.len() <= 2
        && parts.iter().all(|p| {
            let mut cs = p.chars();
            cs.next()
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '@' | '#' | '$'))
                && p.chars().count() <= 8
                && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$'))
        });
    if !ok {
        findings.push(Finding::at(
            "ICL346W",
            rec,
            format!("name field {name:?} is not a valid JCL name"),
        ));
    }
}

struct Scan<'a> {
    recs: &'a [Vec<char>],
    cur: usize,
    pieces: Vec<Piece>,
    text: String,
    len: usize,
    comments: Vec<String>,
    comment_records: Vec<usize>,
}

impl Scan<'_> {
    fn push_piece(&mut self, from: usize, to: usize) {
        let rec = &self.recs[self.cur];
        self.pieces.push(Piece {
            record: self.cur,
            col: from,
            len: to - from,
            at: self.len,
        });
        self.text.extend(&rec[from..to]);
        self.len += to - from;
    }

    /// Operand field from `col`, following continuations.
    fn operands(&mut self, mut col: usize, findings: &mut Vec<Finding>) {
        let mut in_quote = false;
        loop {
            let rec = &self.recs[self.cur];
            let f = field(rec);
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
                } else if c == ' ' {
                    break;
                } else if c == '\'' {
                    in_quote = true;
                }
                col += 1;
            }
            self.push_piece(start, col);
            if col < f {
                let rest: String = rec[col..f].iter().collect();
                self.comments.push(rest.trim().to_string());
            }
            let quoted_cont = in_quote && col >= f;
            if !quoted_cont && !self.text.ends_with(',') {
                if in_quote {
                    findings.push(Finding::at(
                        "ICL307W",
                        self.cur,
                        "quoted string is not closed at the end of the statement",
                    ));
                }
                return;
            }
            // Find the continuation record, skipping //* comments.
            let mut j = self.cur + 1;
            while j < self.recs.len() && is_comment(&self.recs[j]) {
                j += 1;
            }
            let Some(next) = self.recs.get(j) else {
                findings.push(Finding::at(
                    "ICL336W",
                    self.cur,
                    "the statement asks for a continuation but the source ends",
                ));
                return;
            };
            if !starts(next, "//") || next.get(2).is_none_or(|&c| c != ' ') || is_null(next) {
                findings.push(Finding::at(
                    "ICL336W",
                    self.cur,
                    format!(
                        "the statement ends with a comma but record {} is not a continuation",
                        j + 1
                    ),
                ));
                return;
            }
            self.comment_records.extend(self.cur + 1..j);
            self.cur = j;
            let nf = field(next);
            col = if quoted_cont {
                if next.iter().take(CONT_COL).skip(2).all(|&c| c == ' ') {
                    CONT_COL
                } else {
                    3
                }
            } else {
                (2..nf).find(|&k| next[k] != ' ').unwrap_or(nf)
            };
            if col > CONT_COL && !quoted_cont {
                findings.push(Finding::at(
                    "ICL336W",
                    j,
                    "continued operands should start in columns 4-16",
                ));
            }
        }
    }

    /// `// IF (RC < 8) THEN`: the condition may hold blanks; it ends at THEN.
    fn if_statement(&mut self, col: usize) {
        let rec = &self.recs[self.cur];
        let f = field(rec);
        let end = (col..f).rev().find(|&k| rec[k] != ' ').map_or(col, |k| k + 1);
        self.push_piece(col.min(end), end);
        let mut guard = 0;
        while !self.text.to_ascii_uppercase().ends_with("THEN") && guard < 10 {
            let j = self.cur + 1;
            let Some(next) = self.recs.get(j) else { return };
            if !starts(next, "// ") || is_null(next) {
                return;
            }
            self.cur = j;
            let nf = field(next);
            let s = (2..nf).find(|&k| next[k] != ' ').unwrap_or(nf);
            let e = (s..nf).rev().find(|&k| next[k] != ' ').map_or(s, |k| k + 1);
            self.text.push(' ');
            self.len += 1;
            self.push_piece(s, e);
            guard += 1;
        }
    }
}
