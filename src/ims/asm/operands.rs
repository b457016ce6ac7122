//! Operand trees for macro-style operand fields, shared by the assembler
//! (DBD, PSB, DFSMDA) and JCL scanners.
//!
//! The input is the logical operand text of one statement (continuations
//! already glued, no unquoted blanks). Grammar, loosely:
//!
//! ```text
//! operands := item (',' item)*
//! item     := [keyword '='] value
//! value    := '(' operands ')' | keyword '=' value | scalar
//! scalar   := (quoted | attached '(' ... ')' | other char)*      (may be empty)
//! ```
//!
//! so `NAME=(CUSTNO,SEQ,U)`, `PARENT=((PAUTSUM0,))`, `VERSION=`,
//! `VOL=SER=IMSP01`, `VOL=(,,,2,SER=(A,B))`, `DATATYPE=DECIMAL(2,0)` and
//! `DSN=X(MEMBER)` all parse. Every value remembers its raw text and its
//! span in the logical text, which is what the rewriters address.

use std::ops::Range;

/// Deepest parenthesis nesting accepted; deeper input is kept as text (real
/// sources nest three or four levels; the limit bounds recursion).
const MAX_DEPTH: usize = 32;

/// What a value is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum ValueKind {
    /// A token, possibly empty, possibly quoted (`'A B'`), possibly with an
    /// attached parenthesised suffix (`LIB(MEMBER)`).
    Scalar,
    /// A parenthesised list.
    List(Vec<Item>),
    /// A keyword value whose value is itself `keyword=value` (`VOL=SER=X`).
    Keyed(Box<Item>),
}

/// A value with its raw text and span in the logical operand text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Value {
    pub kind: ValueKind,
    /// The text as written (quotes and parentheses included).
    pub raw: String,
    /// Character range in the logical operand text.
    pub span: Range<usize>,
}

/// One operand or list element: an optional keyword and a value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub keyword: Option<String>,
    pub value: Value,
    /// Character range of the whole item (keyword included).
    pub span: Range<usize>,
}

/// A problem found while parsing an operand field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: &'static str,
    /// Offset in the logical operand text.
    pub at: usize,
    pub text: String,
}

/// The parsed operand field of one statement.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Operands {
    pub items: Vec<Item>,
}

impl Value {
    pub fn is_scalar(&self) -> bool {
        matches!(self.kind, ValueKind::Scalar)
    }

    /// The raw text of a scalar (`None` for lists and keyed values).
    pub fn as_scalar(&self) -> Option<&str> {
        self.is_scalar().then_some(self.raw.as_str())
    }

    /// The elements of a list (empty for other values).
    pub fn items(&self) -> &[Item] {
        match &self.kind {
            ValueKind::List(items) => items,
            _ => &[],
        }
    }

    /// List elements' values, or the value itself when it is not a list, so
    /// `NAME=(X)` and `NAME=X` read alike.
    pub fn elements(&self) -> Vec<&Value> {
        match &self.kind {
            ValueKind::List(items) => items.iter().map(|i| &i.value).collect(),
            _ => vec![self],
        }
    }

    /// The n-th element (see [`Value::elements`]) as a scalar string.
    pub fn element_str(&self, n: usize) -> Option<&str> {
        self.elements().get(n).and_then(|v| v.as_scalar())
    }

    /// The first scalar found by descending into first elements:
    /// `((PAUTSUM0,))` gives `PAUTSUM0`.
    pub fn first_scalar(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Scalar => Some(&self.raw),
            ValueKind::List(items) => items.first().and_then(|i| i.value.first_scalar()),
            ValueKind::Keyed(_) => None,
        }
    }

    /// A keyword element inside a list or keyed value (`SER` in
    /// `VOL=(,,,2,SER=(A,B))` or in `VOL=SER=A`), case-insensitive.
    pub fn get(&self, keyword: &str) -> Option<&Value> {
        match &self.kind {
            ValueKind::Keyed(item) if item.keyword_is(keyword) => Some(&item.value),
            ValueKind::List(items) => items.iter().find(|i| i.keyword_is(keyword)).map(|i| &i.value),
            _ => None,
        }
    }

    /// Every scalar leaf, depth first.
    pub fn scalars(&self) -> Vec<&Value> {
        let mut out = Vec::new();
        self.collect_scalars(&mut out);
        out
    }

    fn collect_scalars<'a>(&'a self, out: &mut Vec<&'a Value>) {
        match &self.kind {
            ValueKind::Scalar => out.push(self),
            ValueKind::List(items) => items.iter().for_each(|i| i.value.collect_scalars(out)),
            ValueKind::Keyed(item) => item.value.collect_scalars(out),
        }
    }

    /// The raw text without surrounding apostrophes, doubled ones undoubled.
    pub fn unquoted(&self) -> String {
        unquote(&self.raw)
    }
}

impl Item {
    pub fn keyword_is(&self, keyword: &str) -> bool {
        self.keyword.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(keyword))
    }
}

/// `'A''B'` -> `A'B`; text that is not fully quoted comes back unchanged.
pub fn unquote(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    if chars.len() >= 2 && chars[0] == '\'' && chars[chars.len() - 1] == '\'' {
        chars[1..chars.len() - 1].iter().collect::<String>().replace("''", "'")
    } else {
        raw.to_string()
    }
}

impl Operands {
    /// Parse a logical operand text. Never fails: problems (unbalanced
    /// parentheses, unclosed quotes) are returned beside a best-effort tree.
    pub fn parse(text: &str) -> (Operands, Vec<Problem>) {
        let chars: Vec<char> = text.chars().collect();
        let mut p = Parser {
            chars: &chars,
            pos: 0,
            problems: Vec::new(),
        };
        let mut items = Vec::new();
        if !chars.is_empty() {
            loop {
                items.extend(p.items(0));
                // A stray ')' at top level: report it and go on after it.
                if p.peek() == Some(')') {
                    p.problem("ICL306W", "unbalanced parentheses: ')' without '('");
                    p.pos += 1;
                    if p.peek() == Some(',') {
                        p.pos += 1;
                    }
                    if p.pos < chars.len() {
                        continue;
                    }
                }
                break;
            }
        }
        (Operands { items }, p.problems)
    }

    /// The value of a keyword operand (first occurrence, case-insensitive).
    pub fn get(&self, keyword: &str) -> Option<&Value> {
        self.item(keyword).map(|i| &i.value)
    }

    pub fn item(&self, keyword: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.keyword_is(keyword))
    }

    /// The raw text of a keyword operand's value.
    pub fn raw(&self, keyword: &str) -> Option<&str> {
        self.get(keyword).map(|v| v.raw.as_str())
    }

    /// Positional operands in order.
    pub fn positional(&self) -> Vec<&Value> {
        self.items
            .iter()
            .filter(|i| i.keyword.is_none())
            .map(|i| &i.value)
            .collect()
    }

    /// Keyword operands in order.
    pub fn keywords(&self) -> Vec<(&str, &Value)> {
        self.items
            .iter()
            .filter_map(|i| i.keyword.as_deref().map(|k| (k, &i.value)))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn problem(&mut self, id: &'static str, text: &str) {
        self.problems.push(Problem {
            id,
            at: self.pos,
            text: text.to_string(),
        });
    }

    /// Items separated by commas, up to a ')' or the end (not consumed).
    fn items(&mut self, depth: usize) -> Vec<Item> {
        let mut out = Vec::new();
        loop {
            out.push(self.item(depth));
            match self.peek() {
                Some(',') => self.pos += 1,
                _ => return out,
            }
        }
    }

    fn item(&mut self, depth: usize) -> Item {
        let start = self.pos;
        let keyword = self.keyword_ahead().map(|len| {
            let k: String = self.chars[self.pos..self.pos + len].iter().collect();
            self.pos += len + 1;
            k
        });
        let value = self.value(depth);
        Item {
            keyword,
            value,
            span: start..self.pos,
        }
    }

    /// Length of a keyword at the current position when it is followed by
    /// '=' (letters, digits, national characters, '_' and '.' as in
    /// `PARM.STEP=`; the first character is not a digit).
    fn keyword_ahead(&self) -> Option<usize> {
        let rest = &self.chars[self.pos..];
        let first = *rest.first()?;
        if !(first.is_ascii_alphabetic() || matches!(first, '@' | '#' | '$')) {
            return None;
        }
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$' | '_' | '.'))
            .count();
        (rest.get(len) == Some(&'=')).then_some(len)
    }

    fn value(&mut self, depth: usize) -> Value {
        let start = self.pos;
        if self.peek() == Some('(') && depth < MAX_DEPTH {
            self.pos += 1;
            let items = self.items(depth + 1);
            if self.peek() == Some(')') {
                self.pos += 1;
            } else {
                self.problem("ICL306W", "unbalanced parentheses: '(' without ')'");
            }
            // Text glued after the list, as in `(A)B`, stays in the raw text.
            self.scalar_run();
            return self.make(ValueKind::List(items), start);
        }
        if self.keyword_ahead().is_some() && depth < MAX_DEPTH {
            let inner = self.item(depth + 1);
            return self.make(ValueKind::Keyed(Box::new(inner)), start);
        }
        if self.peek() == Some('(') {
            self.problem("ICL306W", "parentheses nested too deeply; kept as text");
        }
        self.scalar_run();
        self.make(ValueKind::Scalar, start)
    }

    /// Consume scalar characters up to a ',' or ')' at this level.
    fn scalar_run(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                ',' | ')' => return,
                '\'' => self.quoted(),
                '(' => self.attached_parens(),
                _ => self.pos += 1,
            }
        }
    }

    fn quoted(&mut self) {
        let open = self.pos;
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == '\'' {
                if self.peek() == Some('\'') {
                    self.pos += 1;
                    continue;
                }
                return;
            }
        }
        self.problems.push(Problem {
            id: "ICL307W",
            at: open,
            text: "quoted string is not closed".into(),
        });
    }

    /// `MEMBER` in `LIB(MEMBER)`, `2,0` in `DECIMAL(2,0)`: balanced, kept in
    /// the scalar's text.
    fn attached_parens(&mut self) {
        let open = self.pos;
        let mut level = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '\'' => {
                    self.quoted();
                    continue;
                }
                '(' => level += 1,
                ')' => {
                    level = level.saturating_sub(1);
                    if level == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.problems.push(Problem {
            id: "ICL306W",
            at: open,
            text: "unbalanced parentheses: '(' without ')'".into(),
        });
    }

    fn make(&self, kind: ValueKind, start: usize) -> Value {
        Value {
            kind,
            raw: self.chars[start..self.pos].iter().collect(),
            span: start..self.pos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Operands {
        let (o, p) = Operands::parse(text);
        assert!(p.is_empty(), "{text}: {p:?}");
        o
    }

    #[test]
    fn keywords_lists_and_empties() {
        let o = ok("NAME=DBPAUTP0,ACCESS=(HIDAM,VSAM),PASSWD=NO,EXIT=(*,KEY,DATA,NOPATH,(NOCASCADE),LOG),VERSION=");
        assert_eq!(o.raw("NAME"), Some("DBPAUTP0"));
        let acc = o.get("access").unwrap();
        assert_eq!(acc.element_str(0), Some("HIDAM"));
        assert_eq!(acc.element_str(1), Some("VSAM"));
        let exit = o.get("EXIT").unwrap();
        assert_eq!(exit.items().len(), 6);
        assert_eq!(exit.items()[4].value.first_scalar(), Some("NOCASCADE"));
        assert_eq!(o.raw("VERSION"), Some(""));
    }

    #[test]
    fn double_parens_with_empty_element() {
        let o = ok("NAME=PAUTDTL1,PARENT=((PAUTSUM0,)),BYTES=200");
        let p = o.get("PARENT").unwrap();
        assert_eq!(p.first_scalar(), Some("PAUTSUM0"));
        assert_eq!(p.items()[0].value.items()[1].value.raw, "");
    }

    #[test]
    fn quoted_and_attached() {
        let o = ok("PATTERN='yyyy-MM-dd HH:mm:ss.SSS',DATATYPE=DECIMAL(2,0),X='A''B,C'");
        assert_eq!(o.get("PATTERN").unwrap().unquoted(), "yyyy-MM-dd HH:mm:ss.SSS");
        assert_eq!(o.raw("DATATYPE"), Some("DECIMAL(2,0)"));
        assert_eq!(o.get("X").unwrap().unquoted(), "A'B,C");
    }

    #[test]
    fn jcl_shapes() {
        let o = ok("DSN=IMSP.PROCLIB(DFSVSM00),DISP=(NEW,CATLG),SPACE=(CYL,(10,5)),VOL=SER=IMSP01");
        assert_eq!(o.raw("DSN"), Some("IMSP.PROCLIB(DFSVSM00)"));
        assert_eq!(o.get("SPACE").unwrap().items()[1].value.items().len(), 2);
        assert_eq!(o.get("VOL").unwrap().get("SER").unwrap().raw, "IMSP01");
        let o = ok("VOL=(,,,2,SER=(A,B)),DCB=BLKSIZE=1600,DSN=*.ASSEM.SYSPUNCH");
        let ser = o.get("VOL").unwrap().get("ser").unwrap();
        assert_eq!(
            ser.elements().iter().map(|v| v.raw.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert_eq!(o.get("DCB").unwrap().get("BLKSIZE").unwrap().raw, "1600");
        assert_eq!(o.raw("DSN"), Some("*.ASSEM.SYSPUNCH"));
    }

    #[test]
    fn positional_and_spans() {
        let o = ok("DLIBATCH,MBR=X,,'A B'");
        let pos = o.positional();
        assert_eq!(pos.len(), 3);
        assert_eq!(pos[0].raw, "DLIBATCH");
        assert_eq!(pos[1].raw, "");
        assert_eq!(pos[2].span, 16..21);
    }

    #[test]
    fn problems_do_not_panic() {
        for t in [
            "(((", ")))", "A='B", "X=(A,'B)", "((A)", "A)B,C", "'", "(", ")", ",", "=", "A=", "A=B=", "X(Y",
        ] {
            let (_o, _p) = Operands::parse(t);
        }
        let (_, p) = Operands::parse("A=(B");
        assert_eq!(p[0].id, "ICL306W");
        let (_, p) = Operands::parse("A='B");
        assert_eq!(p[0].id, "ICL307W");
        let deep = "(".repeat(10_000) + &")".repeat(10_000);
        let (_, p) = Operands::parse(&deep);
        assert!(!p.is_empty());
        let keyed = "A=".repeat(10_000);
        let _ = Operands::parse(&keyed);
    }
}
