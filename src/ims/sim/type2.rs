//! Type-2 command syntax: `UPDATE DB NAME(A,B) STOP(ACCESS)`,
//! `QUERY DB NAME(*) SHOW(ALL)`: verb, resource, then `KEYWORD(value,...)`
//! groups (nested groups such as `SET(ACCTYPE(UPD))` kept as text).

use super::parse::{Action, Names, Res, Type2, resource};
use super::state::Acc;
use crate::msg::Result;
use crate::{icl, icl_bail};

/// A type-2 keyword and its values (nested groups kept as text).
struct Kw {
    word: String,
    values: Vec<String>,
}

/// Split `NAME(A,B) STOP(ACCESS) SET(ACCTYPE(UPD))` into keywords.
fn keywords(s: &str) -> Result<Vec<Kw>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b',' || b[i] == b'\t' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &s[start..i];
        if word.is_empty() {
            icl_bail!(
                "ICL506E",
                "unexpected '{}' where a keyword should start",
                &s[start..start + 1]
            );
        }
        if i >= b.len() || b[i] != b'(' {
            icl_bail!("ICL506E", "keyword {word} needs a value in parentheses");
        }
        let open = i;
        let mut depth = 0usize;
        let mut close = None;
        for (j, &c) in b.iter().enumerate().skip(open) {
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            icl_bail!("ICL506E", "{word}( has no closing parenthesis");
        };
        out.push(Kw {
            word: word.to_string(),
            values: split_top(&s[open + 1..close]),
        });
        i = close + 1;
    }
    Ok(out)
}

/// Split at commas outside parentheses, trimming blanks.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur.trim().to_string());
    out.retain(|v| !v.is_empty());
    out
}

fn one<'a>(kw: &'a Kw, allowed: &[&str]) -> Result<&'a str> {
    match kw.values.as_slice() {
        [v] if allowed.contains(&v.as_str()) => Ok(v),
        _ => Err(icl!(
            "ICL506E",
            "{}({}) is invalid: {}",
            kw.word,
            kw.values.join(","),
            allowed.join(", ")
        )),
    }
}

/// The first blank-delimited word and the rest, both trimmed.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find([' ', '\t']) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

pub(super) fn parse_type2(up: &str) -> Result<Type2> {
    let (vw, rest) = split_word(up);
    let query = match vw {
        "UPDATE" | "UPD" => false,
        "QUERY" | "QRY" => true,
        _ => icl_bail!(
            "ICL505E",
            "{vw} is not a command the simulator knows (type-1 commands start with '/'; type-2: UPDATE, QUERY)"
        ),
    };
    let (rw, rest) = split_word(rest);
    let Some(res) = resource(rw).filter(|_| matches!(rw, "DB" | "AREA")) else {
        icl_bail!("ICL511E", "{vw} {rw}: only the DB and AREA resources are simulated");
    };
    let kws = keywords(rest)?;
    let mut c = Type2 {
        text: up.to_string(),
        res,
        names: Names::List(Vec::new()),
        action: Action::Query,
        options: Vec::new(),
        status: Vec::new(),
        types: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let mut action: Option<Action> = None;
    let mut acctype: Option<Acc> = None;
    for k in &kws {
        if seen.contains(&k.word) {
            icl_bail!("ICL508E", "{} is given twice", k.word);
        }
        seen.push(k.word.clone());
        match (query, k.word.as_str()) {
            (_, "NAME") => {
                if k.values.is_empty() {
                    icl_bail!("ICL507E", "NAME() is empty");
                }
                c.names = if k.values.iter().any(|v| v == "*") {
                    Names::All
                } else {
                    Names::List(k.values.clone())
                };
            }
            (false, "STOP") => {
                let v = one(k, &["ACCESS", "UPDATES", "SCHD", "QUIESCE"])?;
                action = Some(match v {
                    "ACCESS" => Action::StopAccess,
                    "UPDATES" if res == Res::Db => Action::StopUpdates,
                    "SCHD" => Action::StopSchd,
                    "UPDATES" => icl_bail!("ICL506E", "STOP(UPDATES) applies to databases, not areas"),
                    _ => icl_bail!("ICL511E", "STOP(QUIESCE) is not simulated"),
                });
            }
            (false, "START") => match one(k, &["ACCESS", "QUIESCE"])? {
                "ACCESS" => action = Some(Action::StartAccess(None)),
                _ => icl_bail!("ICL511E", "START(QUIESCE) is not simulated"),
            },
            (false, "SET") => {
                let v = one(k, &["ACCTYPE(UPD)", "ACCTYPE(READ)", "ACCTYPE(BRWS)", "ACCTYPE(EXCL)"])?;
                let t = v.trim_start_matches("ACCTYPE(").trim_end_matches(')');
                acctype = Acc::from_acctype(t);
            }
            (false, "OPTION") => {
                const OPTS: [&str; 8] = [
                    "ALLRSP",
                    "FEOV",
                    "NOFEOV",
                    "OPEN",
                    "NOOPEN",
                    "DBALLOC",
                    "NODBALLOC",
                    "NOBACKOUT",
                ];
                for v in &k.values {
                    if !OPTS.contains(&v.as_str()) {
                        icl_bail!("ICL506E", "OPTION({v}) is invalid: {}", OPTS.join(", "));
                    }
                }
                c.options = k.values.clone();
            }
            (false, "SCOPE") => {
                one(k, &["ALL", "ACTIVE"])?;
            }
            (true, "SHOW") => {
                const SHOW: [&str; 10] = [
                    "ALL",
                    "ACCTYPE",
                    "DEFN",
                    "DEFNTYPE",
                    "GLOBAL",
                    "IMSID",
                    "LOCAL",
                    "MODEL",
                    "STATUS",
                    "TIMESTAMP",
                ];
                for v in &k.values {
                    if !SHOW.contains(&v.as_str()) {
                        icl_bail!("ICL506E", "SHOW({v}) is invalid: {}", SHOW.join(", "));
                    }
                }
            }
            (true, "STATUS") => {
                const ST: [&str; 8] = [
                    "NOTOPEN", "OPEN", "STOACC", "STOSCHD", "STOUPDS", "LOCK", "RECOV", "BACKOUT",
                ];
                for v in &k.values {
                    if !ST.contains(&v.as_str()) {
                        icl_bail!("ICL506E", "STATUS({v}) is invalid: {}", ST.join(", "));
                    }
                }
                c.status = k.values.clone();
            }
            (true, "TYPE") if res == Res::Db => {
                const TY: [&str; 8] = ["DEDB", "DL", "DLI", "MSDB", "PART", "PHDAM", "PHIDAM", "PSINDEX"];
                for v in &k.values {
                    if !TY.contains(&v.as_str()) {
                        icl_bail!("ICL506E", "TYPE({v}) is invalid: {}", TY.join(", "));
                    }
                }
                c.types = k.values.clone();
            }
            (_, w) => icl_bail!(
                "ICL506E",
                "{w}() is not a keyword of {} {}",
                if query { "QUERY" } else { "UPDATE" },
                res.word()
            ),
        }
    }
    if !seen.iter().any(|w| w == "NAME") {
        icl_bail!("ICL507E", "{vw} {} needs NAME(...)", res.word());
    }
    if !query {
        let both = seen.iter().any(|w| w == "START") && seen.iter().any(|w| w == "STOP");
        if both {
            icl_bail!("ICL508E", "START and STOP exclude each other");
        }
        c.action = match action {
            Some(Action::StartAccess(_)) => Action::StartAccess(acctype),
            Some(_) if acctype.is_some() => icl_bail!("ICL508E", "SET(ACCTYPE()) goes with START(ACCESS) only"),
            Some(a) => a,
            None => icl_bail!("ICL507E", "UPDATE {} needs START(ACCESS) or STOP(...)", res.word()),
        };
        if acctype.is_some() && res == Res::Area {
            icl_bail!("ICL506E", "SET(ACCTYPE()) applies to databases, not areas");
        }
    }
    Ok(c)
}
