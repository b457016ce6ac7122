//! Statements of )INIT, )REINIT and )PROC: a tokenizer that keeps line and
//! column of every token, logical lines (a statement continues while a
//! parenthesis is open), and blocks by indentation as ISPF does (lines
//! indented under an IF belong to it; ELSE sits in the IF's column).

use super::parse::{Ctx, strip_comment};
use super::{CmpOp, Cond, Expr, PanelError, Pos, Stmt, Target, TruncBy, Ver, VerKind, valid_var_name};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Var(String),
    Ctl(String),
    Word(String),
    Str(String),
    LParen,
    RParen,
    Comma,
    Op(CmpOp),
    /// `=`: assignment or equality.
    Eq,
    And,
    Or,
    Colon,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: Pos,
}

/// A statement's tokens (one or more physical lines).
struct Logical {
    toks: Vec<Token>,
    col: usize,
}

fn word_char(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(
            c,
            '(' | ')' | ',' | '=' | '<' | '>' | '¬' | '^' | '&' | '|' | '\'' | ':'
        )
}

fn tokenize(cx: &Ctx, lines: &[(usize, &str)]) -> Result<Vec<Logical>, PanelError> {
    let mut out: Vec<Logical> = Vec::new();
    let mut depth: i32 = 0;
    for (line, raw) in lines {
        let text = strip_comment(raw);
        let cs: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut line_toks: Vec<Token> = Vec::new();
        while i < cs.len() {
            let c = cs[i];
            let pos = Pos {
                line: *line,
                col: i + 1,
            };
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let (tok, len) = match c {
                '(' => {
                    depth += 1;
                    (Tok::LParen, 1)
                }
                ')' => {
                    depth -= 1;
                    if depth < 0 {
                        return Err(cx.err(*line, i + 1, "')' without '('"));
                    }
                    (Tok::RParen, 1)
                }
                ',' => (Tok::Comma, 1),
                ':' => (Tok::Colon, 1),
                '|' => (Tok::Or, 1),
                '=' => (Tok::Eq, 1),
                '¬' | '^' | '!' if cs.get(i + 1) == Some(&'=') => (Tok::Op(CmpOp::Ne), 2),
                '¬' | '^' if cs.get(i + 1) == Some(&'>') => (Tok::Op(CmpOp::Le), 2),
                '¬' | '^' if cs.get(i + 1) == Some(&'<') => (Tok::Op(CmpOp::Ge), 2),
                '>' if cs.get(i + 1) == Some(&'=') => (Tok::Op(CmpOp::Ge), 2),
                '<' if cs.get(i + 1) == Some(&'=') => (Tok::Op(CmpOp::Le), 2),
                '>' => (Tok::Op(CmpOp::Gt), 1),
                '<' => (Tok::Op(CmpOp::Lt), 1),
                '&' => {
                    let n = cs[i + 1..].iter().take_while(|c| super::is_name_char(**c)).count();
                    if n == 0 {
                        (Tok::And, 1)
                    } else {
                        let name: String = cs[i + 1..i + 1 + n].iter().collect::<String>().to_ascii_uppercase();
                        (Tok::Var(name), n + 1)
                    }
                }
                '\'' => {
                    let mut s = String::new();
                    let mut j = i + 1;
                    loop {
                        if j >= cs.len() {
                            return Err(cx.err(*line, i + 1, "unterminated quoted literal"));
                        }
                        if cs[j] == '\'' {
                            if cs.get(j + 1) == Some(&'\'') {
                                s.push('\'');
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        s.push(cs[j]);
                        j += 1;
                    }
                    (Tok::Str(s), j + 1 - i)
                }
                '.' if cs.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                    let n = cs[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                    let name: String = cs[i + 1..i + 1 + n].iter().collect::<String>().to_ascii_uppercase();
                    (Tok::Ctl(name), n + 1)
                }
                _ if word_char(c) => {
                    let n = cs[i..].iter().take_while(|c| word_char(**c)).count();
                    (Tok::Word(cs[i..i + n].iter().collect()), n)
                }
                _ => return Err(cx.err(*line, i + 1, format!("unexpected character '{c}'"))),
            };
            line_toks.push(Token { tok, pos });
            i += len;
        }
        if line_toks.is_empty() {
            continue;
        }
        // A line that starts while a parenthesis is still open continues
        // the previous statement (multi-line TRANS).
        let continues = out.last().is_some_and(|l| paren_balance(&l.toks) > 0);
        if continues {
            if let Some(l) = out.last_mut() {
                l.toks.extend(line_toks);
            }
        } else {
            let col = line_toks[0].pos.col;
            out.push(Logical { toks: line_toks, col });
        }
    }
    if depth > 0
        && let Some(l) = out.last()
    {
        let p = l.toks[0].pos;
        return Err(cx.err(p.line, p.col, "missing ')'"));
    }
    Ok(out)
}

fn paren_balance(t: &[Token]) -> i32 {
    t.iter().fold(0, |d, t| match t.tok {
        Tok::LParen => d + 1,
        Tok::RParen => d - 1,
        _ => d,
    })
}

/// Parse the statements of one section.
pub(crate) fn parse_statements(cx: &Ctx, lines: &[(usize, &str)]) -> Result<Vec<Stmt>, PanelError> {
    let logical = tokenize(cx, lines)?;
    let mut i = 0;
    let out = block(cx, &logical, &mut i, None)?;
    if i < logical.len() {
        let p = logical[i].toks[0].pos;
        return Err(cx.err(p.line, p.col, "statement is indented less than its block"));
    }
    Ok(out)
}

fn is_word(t: &Token, w: &str) -> bool {
    matches!(&t.tok, Tok::Word(x) if x.eq_ignore_ascii_case(w))
}

fn block(cx: &Ctx, lines: &[Logical], i: &mut usize, parent: Option<usize>) -> Result<Vec<Stmt>, PanelError> {
    let mut out = Vec::new();
    let mut col: Option<usize> = None;
    while *i < lines.len() {
        let l = &lines[*i];
        if parent.is_some_and(|pc| l.col <= pc) {
            break;
        }
        match col {
            None => col = Some(l.col),
            Some(c) if l.col != c && parent.is_some() => {
                let p = l.toks[0].pos;
                return Err(cx.err(
                    p.line,
                    p.col,
                    "statement is not aligned with the statements of its block",
                ));
            }
            _ => {}
        }
        let first = &l.toks[0];
        if is_word(first, "ELSE") {
            return Err(cx.err(first.pos.line, first.pos.col, "ELSE without IF in the same column"));
        }
        if is_word(first, "IF") {
            let mut p = Parser { cx, t: &l.toks, k: 1 };
            p.expect(Tok::LParen, "'(' after IF")?;
            let cond = p.cond()?;
            p.expect(Tok::RParen, "')' to close the IF condition")?;
            let rest = &l.toks[p.k..];
            *i += 1;
            let then = if rest.is_empty() {
                block(cx, lines, i, Some(l.col))?
            } else {
                vec![simple(cx, rest)?]
            };
            if then.is_empty() {
                return Err(cx.err(first.pos.line, first.pos.col, "IF has no statements indented under it"));
            }
            let mut els = Vec::new();
            if *i < lines.len() && lines[*i].col == l.col && is_word(&lines[*i].toks[0], "ELSE") {
                let e = &lines[*i];
                *i += 1;
                els = if e.toks.len() > 1 {
                    vec![simple(cx, &e.toks[1..])?]
                } else {
                    block(cx, lines, i, Some(l.col))?
                };
                if els.is_empty() {
                    return Err(cx.err(e.toks[0].pos.line, e.toks[0].pos.col, "ELSE has no statements"));
                }
            }
            out.push(Stmt::If {
                cond,
                then,
                els,
                pos: first.pos,
            });
            continue;
        }
        out.push(simple(cx, &l.toks)?);
        *i += 1;
    }
    Ok(out)
}

/// A statement that is not IF.
fn simple(cx: &Ctx, toks: &[Token]) -> Result<Stmt, PanelError> {
    let mut p = Parser { cx, t: toks, k: 0 };
    let first = &toks[0];
    let pos = first.pos;
    let st = match &first.tok {
        Tok::Var(name) => {
            p.k = 1;
            p.expect(Tok::Eq, "'=' after the variable")?;
            let value = p.expr()?;
            Stmt::Assign {
                target: Target::Var(name.clone()),
                value,
                pos,
            }
        }
        Tok::Ctl(name) => {
            p.k = 1;
            let target = if name == "ATTR" {
                p.expect(Tok::LParen, "'(' after .ATTR")?;
                let f = p.name("a field name in .ATTR(...)")?;
                p.expect(Tok::RParen, "')' after the field name")?;
                Target::Attr(f)
            } else {
                const KNOWN: [&str; 7] = ["CURSOR", "MSG", "HELP", "RESP", "ZVARS", "ALARM", "TRAIL"];
                if !KNOWN.contains(&name.as_str()) {
                    return Err(cx.err(pos.line, pos.col, format!("control variable .{name} is not supported")));
                }
                Target::Control(name.clone())
            };
            p.expect(Tok::Eq, "'=' after the control variable")?;
            let value = p.expr()?;
            Stmt::Assign { target, value, pos }
        }
        Tok::Word(w) => match w.to_ascii_uppercase().as_str() {
            "VER" => {
                p.k = 1;
                p.expect(Tok::LParen, "'(' after VER")?;
                let v = p.ver(pos)?;
                p.expect(Tok::RParen, "')' to close VER")?;
                Stmt::Ver(v)
            }
            "VGET" | "VPUT" => {
                p.k = 1;
                let names = p.name_list()?;
                let mut profile = false;
                if let Some(t) = p.peek() {
                    match &t.tok {
                        Tok::Word(w) if ["PROFILE", "SHARED", "ASIS"].iter().any(|k| w.eq_ignore_ascii_case(k)) => {
                            profile = w.eq_ignore_ascii_case("PROFILE") || w.eq_ignore_ascii_case("ASIS");
                            p.k += 1;
                        }
                        _ => {}
                    }
                }
                if w.eq_ignore_ascii_case("VGET") {
                    Stmt::Vget { names, pos }
                } else {
                    Stmt::Vput { names, profile, pos }
                }
            }
            "REFRESH" => {
                p.k = 1;
                if p.peek().is_some_and(|t| t.tok == Tok::LParen) {
                    p.k += 1;
                    while p.peek().is_some_and(|t| t.tok != Tok::RParen) {
                        p.k += 1;
                    }
                    p.expect(Tok::RParen, "')' to close REFRESH")?;
                } else {
                    p.name_list()?;
                }
                Stmt::Refresh
            }
            "EXIT" => {
                p.k = 1;
                Stmt::Exit
            }
            "GOTO" => return Err(cx.err(pos.line, pos.col, "GOTO is not in the imsclone panel subset")),
            other => {
                if toks.get(1).is_some_and(|t| t.tok == Tok::Colon) {
                    return Err(cx.err(pos.line, pos.col, "labels are not in the imsclone panel subset"));
                }
                return Err(cx.err(pos.line, pos.col, format!("unknown statement '{other}'")));
            }
        },
        _ => {
            return Err(cx.err(
                pos.line,
                pos.col,
                "a statement starts with &VAR, .CONTROL, IF, VER, VGET, VPUT, REFRESH or EXIT",
            ));
        }
    };
    if let Some(t) = p.peek() {
        return Err(cx.err(t.pos.line, t.pos.col, "unexpected text after the statement"));
    }
    Ok(st)
}

struct Parser<'a> {
    cx: &'a Ctx<'a>,
    t: &'a [Token],
    k: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.t.get(self.k)
    }

    fn here(&self) -> Pos {
        self.peek()
            .map(|t| t.pos)
            .or_else(|| {
                self.t.last().map(|t| Pos {
                    line: t.pos.line,
                    col: t.pos.col + 1,
                })
            })
            .unwrap_or_default()
    }

    fn err(&self, what: impl Into<String>) -> PanelError {
        let p = self.here();
        self.cx.err(p.line, p.col, what)
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), PanelError> {
        match self.peek() {
            Some(t) if t.tok == tok => {
                self.k += 1;
                Ok(())
            }
            _ => Err(self.err(format!("expected {what}"))),
        }
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        if self.peek().is_some_and(|t| &t.tok == tok) {
            self.k += 1;
            true
        } else {
            false
        }
    }

    /// A field/variable name, with or without `&`.
    fn name(&mut self, what: &str) -> Result<String, PanelError> {
        let n = match self.peek().map(|t| &t.tok) {
            Some(Tok::Var(n)) => n.clone(),
            Some(Tok::Word(w)) => w.to_ascii_uppercase(),
            _ => return Err(self.err(format!("expected {what}"))),
        };
        if !valid_var_name(&n) {
            return Err(self.err(format!("'{n}' is not a valid name")));
        }
        self.k += 1;
        Ok(n)
    }

    /// `(A B C)` or a single name.
    fn name_list(&mut self) -> Result<Vec<String>, PanelError> {
        let mut out = Vec::new();
        if self.eat(&Tok::LParen) {
            while !self.eat(&Tok::RParen) {
                if self.eat(&Tok::Comma) {
                    continue;
                }
                out.push(self.name("a variable name")?);
            }
        } else {
            out.push(self.name("a variable name")?);
        }
        if out.is_empty() {
            return Err(self.err("expected at least one variable name"));
        }
        Ok(out)
    }

    fn expr(&mut self) -> Result<Expr, PanelError> {
        let Some(t) = self.peek() else {
            return Err(self.err("expected a value"));
        };
        let e = match &t.tok {
            Tok::Var(n) => {
                self.k += 1;
                Expr::Var(n.clone())
            }
            Tok::Ctl(n) => {
                self.k += 1;
                Expr::Control(n.clone())
            }
            Tok::Str(s) => {
                self.k += 1;
                Expr::Lit(s.clone())
            }
            Tok::Word(w) => {
                let up = w.to_ascii_uppercase();
                let is_call = self.t.get(self.k + 1).is_some_and(|t| t.tok == Tok::LParen);
                if is_call && ["TRANS", "TRUNC", "UPPER", "LENGTH"].contains(&up.as_str()) {
                    self.k += 2;
                    let e = match up.as_str() {
                        "TRANS" => self.trans()?,
                        "TRUNC" => {
                            let value = Box::new(self.expr()?);
                            self.expect(Tok::Comma, "',' in TRUNC(value,n)")?;
                            let by = match self.peek().map(|t| &t.tok) {
                                Some(Tok::Word(n)) if n.parse::<usize>().is_ok() => {
                                    TruncBy::Len(n.parse().unwrap_or(0))
                                }
                                Some(Tok::Str(s)) if s.chars().count() == 1 => {
                                    TruncBy::Char(s.chars().next().unwrap_or('.'))
                                }
                                _ => return Err(self.err("TRUNC needs a length or a quoted character")),
                            };
                            self.k += 1;
                            Expr::Trunc { value, by }
                        }
                        "UPPER" => Expr::Upper(Box::new(self.expr()?)),
                        _ => Expr::Length(Box::new(self.expr()?)),
                    };
                    self.expect(Tok::RParen, &format!("')' to close {up}"))?;
                    e
                } else {
                    self.k += 1;
                    Expr::Lit(w.clone())
                }
            }
            _ => return Err(self.err("expected a value")),
        };
        Ok(e)
    }

    /// After `TRANS(`: value, then `match,result` pairs, optional MSG=id.
    fn trans(&mut self) -> Result<Expr, PanelError> {
        let value = Box::new(self.expr()?);
        let mut pairs = Vec::new();
        let mut msg = None;
        loop {
            match self.peek().map(|t| &t.tok) {
                Some(Tok::RParen) => break,
                Some(Tok::Word(w))
                    if w.eq_ignore_ascii_case("MSG") && self.t.get(self.k + 1).is_some_and(|t| t.tok == Tok::Eq) =>
                {
                    self.k += 2;
                    msg = Some(self.msg_id()?);
                }
                Some(Tok::Word(w)) | Some(Tok::Str(w)) => {
                    let m = w.clone();
                    self.k += 1;
                    self.expect(Tok::Comma, "',' between a TRANS value and its result")?;
                    let r = self.expr()?;
                    pairs.push((m, r));
                }
                Some(Tok::Var(_)) => return Err(self.err("TRANS match values are literals")),
                _ => return Err(self.err("expected a TRANS value,result pair or ')'")),
            }
        }
        Ok(Expr::Trans { value, pairs, msg })
    }

    fn msg_id(&mut self) -> Result<String, PanelError> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Word(w)) if crate::tui::messages::valid_id(w) => {
                self.k += 1;
                Ok(w.to_ascii_uppercase())
            }
            _ => Err(self.err("MSG= needs a message ID like ICL650E")),
        }
    }

    fn cond(&mut self) -> Result<Cond, PanelError> {
        let mut c = self.and_cond()?;
        while self.peek().is_some_and(|t| t.tok == Tok::Or || is_word(t, "OR")) {
            self.k += 1;
            let r = self.and_cond()?;
            c = Cond::Or(Box::new(c), Box::new(r));
        }
        Ok(c)
    }

    fn and_cond(&mut self) -> Result<Cond, PanelError> {
        let mut c = self.prim_cond()?;
        while self.peek().is_some_and(|t| t.tok == Tok::And || is_word(t, "AND")) {
            self.k += 1;
            let r = self.prim_cond()?;
            c = Cond::And(Box::new(c), Box::new(r));
        }
        Ok(c)
    }

    fn prim_cond(&mut self) -> Result<Cond, PanelError> {
        if let Some(t) = self.peek()
            && is_word(t, "VER")
            && self.t.get(self.k + 1).is_some_and(|t| t.tok == Tok::LParen)
        {
            let pos = t.pos;
            self.k += 2;
            let v = self.ver(pos)?;
            self.expect(Tok::RParen, "')' to close VER")?;
            return Ok(Cond::Ver(Box::new(v)));
        }
        let lhs = self.expr()?;
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Eq) => CmpOp::Eq,
            Some(Tok::Op(o)) => *o,
            Some(Tok::Word(w)) => match w.to_ascii_uppercase().as_str() {
                "EQ" => CmpOp::Eq,
                "NE" => CmpOp::Ne,
                "GT" => CmpOp::Gt,
                "LT" => CmpOp::Lt,
                "GE" | "NL" => CmpOp::Ge,
                "LE" | "NG" => CmpOp::Le,
                _ => return Err(self.err("expected a comparison (= NE GT LT GE LE NG NL)")),
            },
            _ => return Err(self.err("expected a comparison (= NE GT LT GE LE NG NL)")),
        };
        self.k += 1;
        let mut rhs = vec![self.expr()?];
        while self.eat(&Tok::Comma) {
            rhs.push(self.expr()?);
        }
        Ok(Cond::Cmp { lhs, op, rhs })
    }

    /// Inside `VER(`: &VAR[,NB][,kind[,args]][,MSG=id].
    fn ver(&mut self, pos: Pos) -> Result<Ver, PanelError> {
        let var = match self.peek().map(|t| &t.tok) {
            Some(Tok::Var(n)) => n.clone(),
            _ => return Err(self.err("VER needs a variable (&NAME) first")),
        };
        self.k += 1;
        let mut nb = false;
        let mut kind = None;
        let mut args = Vec::new();
        let mut msg = None;
        while self.eat(&Tok::Comma) {
            let Some(t) = self.peek() else { break };
            if let Tok::Word(w) = &t.tok {
                let up = w.to_ascii_uppercase();
                if up == "MSG" && self.t.get(self.k + 1).is_some_and(|t| t.tok == Tok::Eq) {
                    self.k += 2;
                    msg = Some(self.msg_id()?);
                    continue;
                }
                if kind.is_none() {
                    if up == "NB" || up == "NONBLANK" {
                        if nb {
                            return Err(self.err("NB given twice"));
                        }
                        nb = true;
                        self.k += 1;
                        continue;
                    }
                    match VerKind::from_keyword(&up) {
                        Some(k) => {
                            kind = Some(k);
                            self.k += 1;
                            continue;
                        }
                        None => return Err(self.err(format!("VER kind {up} is not supported"))),
                    }
                }
            }
            if kind.is_none() {
                return Err(self.err("expected a VER kind (NB, LIST, NUM, RANGE, NAME, DSNAME, LEN ...)"));
            }
            args.push(self.expr()?);
        }
        let kind = match kind {
            Some(k) => k,
            None if nb => VerKind::NonBlank,
            None => return Err(self.cx.err(pos.line, pos.col, "VER needs NB or a kind")),
        };
        let need = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(self.cx.err(pos.line, pos.col, what.to_string()))
            }
        };
        match kind {
            VerKind::List | VerKind::ListX => need(!args.is_empty(), "VER LIST needs at least one value")?,
            VerKind::Range => need(args.len() == 2, "VER RANGE needs a low and a high value")?,
            VerKind::Len => {
                need(args.len() == 2, "VER LEN needs an operator and a length (LEN,LE,8)")?;
                need(
                    matches!(&args[0], Expr::Lit(o) if ["EQ","NE","GT","LT","GE","LE","NG","NL","=","<",">"].contains(&o.to_ascii_uppercase().as_str())),
                    "VER LEN operator must be EQ NE GT LT GE LE NG NL",
                )?
            }
            VerKind::Pict => need(args.len() == 1, "VER PICT needs one picture string")?,
            _ => need(args.is_empty(), "this VER kind takes no values")?,
        }
        Ok(Ver {
            var,
            nb,
            kind,
            args,
            msg,
            pos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Vec<Stmt>, PanelError> {
        let cx = Ctx { file: "T.pnl" };
        let lines: Vec<(usize, &str)> = src.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        parse_statements(&cx, &lines)
    }

    #[test]
    fn menu_trans_over_lines() {
        let s =
            parse(" &ZSEL = TRANS(TRUNC(&ZCMD,'.')\n     1,'PGM(A)'\n     X,EXIT\n   ' ',' '\n     *,'?')\n").unwrap();
        let Stmt::Assign {
            value: Expr::Trans { pairs, .. },
            ..
        } = &s[0]
        else {
            panic!("{s:?}")
        };
        assert_eq!(pairs.len(), 4);
        assert_eq!(pairs[2].0, " ");
    }

    #[test]
    fn if_else_blocks_by_indentation() {
        let s = parse(" IF (&A = 1,2)\n   &B = X\n   &C = Y\n ELSE\n   &B = Z\n &D = W\n").unwrap();
        assert_eq!(s.len(), 2);
        let Stmt::If { then, els, .. } = &s[0] else { panic!() };
        assert_eq!((then.len(), els.len()), (2, 1));
    }

    #[test]
    fn ver_forms() {
        let s = parse(" VER (&A,NB,LIST,Y,N,MSG=ICL651E)\n VER(&B,RANGE,1,99)\n VER (&C,NB)\n").unwrap();
        let Stmt::Ver(v) = &s[0] else { panic!() };
        assert!(v.nb && v.kind == VerKind::List && v.args.len() == 2 && v.msg.as_deref() == Some("ICL651E"));
        let Stmt::Ver(v) = &s[2] else { panic!() };
        assert_eq!(v.kind, VerKind::NonBlank);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse(" &A = 1\n   FOO BAR\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 4));
        let e = parse(" VER (&A,BOGUS)\n").unwrap_err();
        assert_eq!((e.line, e.col), (1, 10));
        let e = parse(" IF (&A = 1\n &B = 2\n").unwrap_err();
        assert!(e.text.contains("')'"), "{e}");
        let e = parse(" ELSE\n").unwrap_err();
        assert_eq!(e.col, 2);
        let e = parse(" .FOO = 1\n").unwrap_err();
        assert!(e.text.contains(".FOO"));
    }

    #[test]
    fn conditions() {
        let s = parse(" IF (.MSG NE &Z AND &A = 1 | VER(&B,NUM))\n   .RESP = ENTER\n").unwrap();
        let Stmt::If {
            cond: Cond::Or(a, b), ..
        } = &s[0]
        else {
            panic!("{s:?}")
        };
        assert!(matches!(**a, Cond::And(..)));
        assert!(matches!(**b, Cond::Ver(..)));
    }
}
