//! Parser for DBRC command streams (DSPURX00 SYSIN).
//!
//! Rules, following IBM's TSO-style command syntax that DBRC uses:
//! - a command is `VERB.MODIFIER` followed by keywords, separated by blanks
//!   or commas; it starts on a new record, in any column;
//! - a `-` or `+` as the last non-blank character continues the command on
//!   the next record (`+` also joins a value: leading blanks of the next
//!   record are dropped and no separator is inserted);
//! - `/* ... */` comments may stand wherever a blank may;
//! - keywords are bare (`NONRECOV`) or take values in parentheses
//!   (`DBD(CUSTDB)`, `VOLLIST(VOL001,VOL002)`), values may be quoted
//!   (`'it''s'`), hex (`X'FFFF'`) or nested in parentheses;
//! - unquoted text is folded to upper case (DBRC accepts lower case).
//! - our tolerances (not confirmed for DBRC): a `*` in column 1 makes the
//!   record a comment; on records longer than 72 characters, columns 73-80
//!   are ignored when they hold only digits and blanks (card sequence numbers).

use crate::icl;
use crate::msg::{IclError, Result};
use serde::{Deserialize, Serialize};

/// A keyword value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Unquoted text, upper-cased.
    Word(String),
    /// `'quoted text'`, as written.
    Quoted(String),
    /// `X'C1C2'`.
    Hex(Vec<u8>),
    /// A parenthesised sub-list.
    List(Vec<Value>),
}

impl Value {
    /// The text of a word or quoted string.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Word(s) | Value::Quoted(s) => Some(s),
            _ => None,
        }
    }

    /// How the value is written in a command.
    pub fn render(&self) -> String {
        match self {
            Value::Word(s) => s.clone(),
            Value::Quoted(s) => format!("'{}'", s.replace('\'', "''")),
            Value::Hex(b) => format!("X'{}'", crate::ims::recon::time::hex(b)),
            Value::List(v) => format!("({})", v.iter().map(Value::render).collect::<Vec<_>>().join(",")),
        }
    }
}

/// `KEYWORD` or `KEYWORD(values)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub keyword: String,
    /// Empty for a bare keyword.
    pub values: Vec<Value>,
    /// Written with parentheses (even if empty).
    pub has_parens: bool,
}

/// One DBRC command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    pub verb: String,
    pub modifier: String,
    pub params: Vec<Param>,
    /// Record number of the command's first record in the input.
    pub line: usize,
    /// The command text as joined from its records (comments removed).
    pub text: String,
}

impl Command {
    /// `VERB.MODIFIER`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.verb, self.modifier)
    }

    pub fn param(&self, kw: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.keyword == kw)
    }

    /// Canonical text: `VERB.MOD KW(V) KW2`.
    pub fn render(&self) -> String {
        let mut s = self.name();
        for p in &self.params {
            s.push(' ');
            s.push_str(&p.keyword);
            if p.has_parens {
                s.push_str(&format!(
                    "({})",
                    p.values.iter().map(Value::render).collect::<Vec<_>>().join(",")
                ));
            }
        }
        s
    }
}

/// A parsed record group: a command, or the error that kept it from parsing.
pub type Statement = std::result::Result<Command, IclError>;

/// Parse a command stream; records are numbered from 1.
pub fn parse(text: &str) -> Vec<Statement> {
    parse_lines(text.lines().enumerate().map(|(i, l)| (i + 1, l)))
}

/// Parse numbered records (e.g. SYSIN records with their JCL record numbers).
pub fn parse_lines<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let mut in_comment = false;
    let mut join_value = false;
    for (no, raw) in lines {
        if cur.is_none() && raw.starts_with('*') {
            continue;
        }
        // A JCL end-of-data delimiter handed over with the data ends the input.
        if cur.is_none() && !in_comment && raw.trim_end() == "/*" {
            break;
        }
        let rec = strip_sequence(raw);
        let (body, still_in_comment) = strip_comments(rec, in_comment);
        in_comment = still_in_comment;
        let trimmed = body.trim_end();
        let (content, cont) = match trimmed.chars().last() {
            Some('-') => (&trimmed[..trimmed.len() - 1], Some('-')),
            Some('+') => (&trimmed[..trimmed.len() - 1], Some('+')),
            _ => (trimmed, None),
        };
        match cur.as_mut() {
            Some((_, acc)) => {
                if join_value {
                    acc.push_str(content.trim_start());
                } else {
                    acc.push(' ');
                    acc.push_str(content);
                }
            }
            None => {
                if content.trim().is_empty() && cont.is_none() {
                    continue;
                }
                cur = Some((no, content.to_string()));
            }
        }
        join_value = cont == Some('+');
        if cont.is_none()
            && !in_comment
            && let Some((first, text)) = cur.take()
            && !text.trim().is_empty()
        {
            out.push(parse_command(&text, first));
        }
    }
    if let Some((first, text)) = cur
        && !text.trim().is_empty()
    {
        out.push(Err(icl!(
            "ICL375E",
            "record {first}: command continued past the end of the input"
        )));
    }
    if in_comment {
        out.push(Err(icl!(
            "ICL375E",
            "comment not closed with */ at the end of the input"
        )));
    }
    out
}

fn strip_sequence(raw: &str) -> &str {
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    if chars.len() > 72 {
        let (cut, _) = chars[72];
        let tail = &raw[cut..];
        if tail.chars().all(|c| c.is_ascii_digit() || c == ' ') {
            return &raw[..cut];
        }
    }
    raw
}

/// Remove `/* */` comments outside quotes; returns the text and whether a
/// comment is still open at the end of the record.
fn strip_comments(rec: &str, mut in_comment: bool) -> (String, bool) {
    let mut out = String::new();
    let mut in_quote = false;
    let mut it = rec.chars().peekable();
    while let Some(c) = it.next() {
        if in_comment {
            if c == '*' && it.peek() == Some(&'/') {
                it.next();
                in_comment = false;
                out.push(' ');
            }
            continue;
        }
        if c == '\'' {
            in_quote = !in_quote;
        }
        if !in_quote && c == '/' && it.peek() == Some(&'*') {
            it.next();
            in_comment = true;
            continue;
        }
        out.push(c);
    }
    (out, in_comment)
}

struct Lexer<'a> {
    s: &'a [char],
    pos: usize,
    line: usize,
}

impl Lexer<'_> {
    fn err(&self, why: impl std::fmt::Display) -> IclError {
        icl!(
            "ICL375E",
            "record {}: {why} at column {} of the command",
            self.line,
            self.pos + 1
        )
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn skip_seps(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace() || c == ',') {
            self.pos += 1;
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if !c.is_whitespace() && !",()'".contains(c)) {
            self.pos += 1;
        }
        self.s[start..self.pos].iter().collect::<String>().to_ascii_uppercase()
    }

    fn quoted(&mut self) -> Result<String> {
        // at the opening quote
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err("quoted string not closed")),
                Some('\'') if self.s.get(self.pos + 1) == Some(&'\'') => {
                    out.push('\'');
                    self.pos += 2;
                }
                Some('\'') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// Values up to the matching `)`; positioned after `(`.
    fn values(&mut self, depth: usize) -> Result<Vec<Value>> {
        if depth > 8 {
            return Err(self.err("parentheses nested too deeply"));
        }
        let mut v = Vec::new();
        loop {
            self.skip_seps();
            match self.peek() {
                None => return Err(self.err("missing )")),
                Some(')') => {
                    self.pos += 1;
                    return Ok(v);
                }
                Some('(') => {
                    self.pos += 1;
                    v.push(Value::List(self.values(depth + 1)?));
                }
                Some('\'') => v.push(Value::Quoted(self.quoted()?)),
                Some(_) => {
                    let w = self.word();
                    if (w == "X") && self.peek() == Some('\'') {
                        let h = self.quoted()?;
                        v.push(Value::Hex(parse_hex(&h).map_err(|e| self.err(e))?));
                    } else if w.is_empty() {
                        return Err(self.err("unexpected character"));
                    } else {
                        v.push(Value::Word(w));
                    }
                }
            }
        }
    }
}

fn parse_hex(h: &str) -> std::result::Result<Vec<u8>, String> {
    let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    if h.is_empty() || !h.len().is_multiple_of(2) || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("X'{h}' is not an even number of hex digits"));
    }
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).map_err(|e| e.to_string()))
        .collect()
}

/// Parse the joined text of one command.
pub fn parse_command(text: &str, line: usize) -> Statement {
    let chars: Vec<char> = text.chars().collect();
    let mut lx = Lexer {
        s: &chars,
        pos: 0,
        line,
    };
    lx.skip_blanks();
    let head = lx.word();
    let Some((verb, modifier)) = head.split_once('.') else {
        return Err(lx.err(format!("'{head}' is not a VERB.MODIFIER command name")));
    };
    if verb.is_empty() || modifier.is_empty() || !head.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        return Err(lx.err(format!("'{head}' is not a VERB.MODIFIER command name")));
    }
    let mut params: Vec<Param> = Vec::new();
    loop {
        lx.skip_seps();
        let Some(c) = lx.peek() else { break };
        if c == '(' || c == ')' || c == '\'' {
            return Err(lx.err(format!("'{c}' where a keyword was expected")));
        }
        let kw = lx.word();
        if kw.is_empty() || !kw.chars().all(|c| c.is_ascii_alphanumeric() || "#$@".contains(c)) {
            return Err(lx.err(format!("'{kw}' is not a keyword")));
        }
        lx.skip_blanks();
        let (values, has_parens) = if lx.peek() == Some('(') {
            lx.pos += 1;
            (lx.values(0)?, true)
        } else {
            (Vec::new(), false)
        };
        if params.iter().any(|p| p.keyword == kw) {
            return Err(icl!("ICL379E", "record {line}: keyword {kw} is given more than once"));
        }
        params.push(Param {
            keyword: kw,
            values,
            has_parens,
        });
    }
    Ok(Command {
        verb: verb.to_string(),
        modifier: modifier.to_string(),
        params,
        line,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

/// In-stream SYSIN data of the DSPURX00 steps of a JCL member, with JCL
/// record numbers. A small helper for tests and discovery, not a JCL parser:
/// it knows EXEC PGM=, `//SYSIN DD *|DATA`, the `/*` delimiter and the null
/// statement that ends the job.
pub fn dbrc_sysin(jcl: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_dbrc_step = false;
    let mut in_data = false;
    for (i, line) in jcl.lines().enumerate() {
        let no = i + 1;
        if in_data {
            if line.starts_with("/*") || (line.starts_with("//") && !line.starts_with("//*")) {
                in_data = false;
            } else {
                out.push((no, line.to_string()));
                continue;
            }
            if line.starts_with("/*") {
                continue;
            }
        }
        if !line.starts_with("//") || line.starts_with("//*") {
            continue;
        }
        let fields: Vec<&str> = line[2..].split_whitespace().collect();
        if fields.is_empty() {
            break; // null statement: end of job
        }
        let (name, op, operand) = if line[2..].starts_with(' ') {
            (
                "",
                fields.first().copied().unwrap_or(""),
                fields.get(1).copied().unwrap_or(""),
            )
        } else {
            (
                fields[0],
                fields.get(1).copied().unwrap_or(""),
                fields.get(2).copied().unwrap_or(""),
            )
        };
        if op == "EXEC" {
            in_dbrc_step = operand.split(',').any(|p| p == "PGM=DSPURX00");
        } else if op == "DD" && name == "SYSIN" && in_dbrc_step {
            let first = operand.split(',').next().unwrap_or("");
            in_data = first == "*" || first == "DATA";
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(s: &str) -> Command {
        match parse(s).into_iter().next() {
            Some(Ok(c)) => c,
            other => panic!("no command: {other:?}"),
        }
    }

    #[test]
    fn basics() {
        let c = one(" init.dbds  DBD(CUSTOMER) DDN(CUSTOMER) -\n   DSN(IMS1510.DEMO.CUSTOMER.DB) GENMAX(2)");
        assert_eq!(c.name(), "INIT.DBDS");
        assert_eq!(c.line, 1);
        assert_eq!(
            c.param("DSN").unwrap().values,
            vec![Value::Word("IMS1510.DEMO.CUSTOMER.DB".into())]
        );
        assert_eq!(
            c.render(),
            "INIT.DBDS DBD(CUSTOMER) DDN(CUSTOMER) DSN(IMS1510.DEMO.CUSTOMER.DB) GENMAX(2)"
        );
    }

    #[test]
    fn values_and_comments() {
        let c = one(
            "INIT.PART DBD(ACCTHDB) /* high key */ PART(ACCTP3) KEYSTRNG(X'FFff') -\n VOLLIST(A,B) NOTE('it''s') BLOCKSZE(4096 8192) NONRECOV",
        );
        assert_eq!(c.param("KEYSTRNG").unwrap().values, vec![Value::Hex(vec![0xFF, 0xFF])]);
        assert_eq!(c.param("VOLLIST").unwrap().values.len(), 2);
        assert_eq!(c.param("NOTE").unwrap().values, vec![Value::Quoted("it's".into())]);
        assert_eq!(c.param("BLOCKSZE").unwrap().values.len(), 2);
        assert!(c.param("NONRECOV").unwrap().values.is_empty());
    }

    #[test]
    fn plus_joins_a_value() {
        let c = one("CHANGE.DBDS DBD(A) DDN(B) DSN(IMSP.VERY+\n     LONG.NAME)");
        assert_eq!(c.param("DSN").unwrap().values[0].text(), Some("IMSP.VERYLONG.NAME"));
    }

    #[test]
    fn comment_records_and_sequence_numbers() {
        let s = format!(
            "* a comment\n{:<72}00010000\n/* whole\n   comment */\nLIST.DB",
            "LIST.RECON"
        );
        let v: Vec<Command> = parse(&s).into_iter().map(|x| x.unwrap()).collect();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].name(), "LIST.RECON");
        assert_eq!(v[1].line, 5);
        let v = parse("LIST.RECON\n/*\nLIST.DB");
        assert_eq!(v.len(), 1, "the /* delimiter ends the SYSIN data");
    }

    #[test]
    fn errors() {
        let first_err = |s: &str| parse(s).into_iter().find_map(|x| x.err()).map(|e| e.id);
        assert_eq!(first_err("INIT.DB DBD(A"), Some("ICL375E"));
        assert_eq!(first_err("INITDB DBD(A)"), Some("ICL375E"));
        assert_eq!(first_err("INIT.DB DBD(A) -"), Some("ICL375E"));
        assert_eq!(first_err("INIT.DB KEY('abc)"), Some("ICL375E"));
        assert_eq!(first_err("INIT.DB KEY(X'ABC')"), Some("ICL375E"));
        assert_eq!(first_err("INIT.DB DBD(A) DBD(B)"), Some("ICL379E"));
        assert_eq!(first_err("LIST.DB /* open"), Some("ICL375E"));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s);
        }

        #[test]
        fn never_panics_dbrcish(s in "[A-Z. ()',X*/+\\-\n0-9]{0,120}") {
            let _ = parse(&s);
            let _ = dbrc_sysin(&s);
        }

        #[test]
        fn render_reparses(dbd in "[A-Z][A-Z0-9]{0,7}", n in 0u16..999, vols in proptest::collection::vec("[A-Z0-9]{1,6}", 1..4)) {
            let text = format!("NOTIFY.IC DBD({dbd}) GENMAX({n}) VOLLIST({}) CIC", vols.join(","));
            let c = one(&text);
            prop_assert_eq!(one(&c.render()), Command { line: 1, text: c.render(), ..c.clone() });
        }
    }
}
