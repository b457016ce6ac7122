//! Operator command syntax: type-1 (`/DBR DB CUSTDB GLOBAL`) and type-2
//! (`UPDATE DB NAME(CUSTDB) STOP(ACCESS)`) commands, case-insensitive.
//!
//! Type-1: a verb (full or its three-letter abbreviation), a resource
//! keyword (DB, DATABASE, DATABASES, AREA, AREAS), names or ALL, then
//! keywords; blanks or commas separate; a period ends the command (what
//! follows is a comment, as on a terminal). Type-2: verb, resource, then
//! `KEYWORD(value,...)` groups.

use crate::msg::Result;
use crate::{icl, icl_bail};

use super::state::Acc;

/// Type-1 verbs the simulator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Dbr,
    Dbd,
    Sta,
    Sto,
    Dis,
    Nre,
    Che,
}

impl Verb {
    /// The full verb, as DFS058I names the command.
    pub fn word(self) -> &'static str {
        match self {
            Verb::Dbr => "DBRECOVERY",
            Verb::Dbd => "DBDUMP",
            Verb::Sta => "START",
            Verb::Sto => "STOP",
            Verb::Dis => "DISPLAY",
            Verb::Nre => "NRESTART",
            Verb::Che => "CHECKPOINT",
        }
    }

    /// The short form DFS0488I uses.
    pub fn short(self) -> &'static str {
        match self {
            Verb::Dbr => "DBR",
            Verb::Dbd => "DBD",
            Verb::Sta => "STA",
            Verb::Sto => "STO",
            Verb::Dis => "DIS",
            Verb::Nre => "NRE",
            Verb::Che => "CHE",
        }
    }

    fn of(word: &str) -> Option<Verb> {
        const ALL: [Verb; 7] = [
            Verb::Dbr,
            Verb::Dbd,
            Verb::Sta,
            Verb::Sto,
            Verb::Dis,
            Verb::Nre,
            Verb::Che,
        ];
        ALL.into_iter().find(|v| word == v.word() || word == v.short())
    }
}

/// What a command acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Res {
    Db,
    Area,
}

impl Res {
    pub fn word(self) -> &'static str {
        match self {
            Res::Db => "DB",
            Res::Area => "AREA",
        }
    }
}

/// Names of a command: ALL or a list (type-2 names may end in `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Names {
    All,
    List(Vec<String>),
}

/// A parsed type-1 command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type1 {
    pub verb: Verb,
    /// None for /NRE and /CHE.
    pub res: Option<Res>,
    pub names: Names,
    pub global: bool,
    pub nofeov: bool,
    pub nopfa: bool,
    pub access: Option<Acc>,
    /// OPEN (Some(true)) or NOOPEN (Some(false)) on /STA.
    pub open: Option<bool>,
    /// FREEZE, DUMPQ or PURGE on /CHE.
    pub shutdown: Option<String>,
}

/// What a type-2 command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    StopAccess,
    StopUpdates,
    StopSchd,
    StartAccess(Option<Acc>),
    Query,
}

/// A parsed type-2 command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type2 {
    /// The command as entered (upper case), echoed in the response.
    pub text: String,
    pub res: Res,
    pub names: Names,
    pub action: Action,
    /// OPTION(...) words.
    pub options: Vec<String>,
    /// STATUS(...) filter of QUERY.
    pub status: Vec<String>,
    /// TYPE(...) filter of QUERY.
    pub types: Vec<String>,
}

impl Type2 {
    pub fn verb(&self) -> &'static str {
        if self.action == Action::Query {
            "QUERY"
        } else {
            "UPDATE"
        }
    }
}

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    T1(Type1),
    T2(Type2),
}

/// Longest command text accepted (a terminal line is far shorter; this
/// only keeps a runaway input from turning into a runaway reply).
pub const MAX_TEXT: usize = 4096;

/// Parse one command.
pub fn parse(text: &str) -> Result<Cmd> {
    if text.len() > MAX_TEXT {
        icl_bail!(
            "ICL506E",
            "command is {} characters long; at most {MAX_TEXT}",
            text.len()
        );
    }
    let t = text.trim();
    if t.is_empty() {
        icl_bail!("ICL505E", "no command given");
    }
    if !t.is_ascii() {
        icl_bail!(
            "ICL506E",
            "command contains characters that have no place in an IMS command"
        );
    }
    let up = t.to_ascii_uppercase();
    match up.strip_prefix('/') {
        Some(rest) => parse_type1(rest).map(Cmd::T1),
        None => parse_type2(&up).map(Cmd::T2),
    }
}

fn resource(word: &str) -> Option<Res> {
    match word {
        "DB" | "DATABASE" | "DATABASES" => Some(Res::Db),
        "AREA" | "AREAS" => Some(Res::Area),
        _ => None,
    }
}

fn parse_type1(rest: &str) -> Result<Type1> {
    // A period ends the command; what follows is a comment.
    let body = rest.split('.').next().unwrap_or_default();
    let mut words = body.split([' ', ',', '\t']).filter(|w| !w.is_empty());
    let vw = words.next().unwrap_or_default();
    let Some(verb) = Verb::of(vw) else {
        icl_bail!(
            "ICL505E",
            "/{vw} is not an IMS command the simulator knows (/DBR, /DBD, /STA, /STO, /DIS, /NRE, /CHE)"
        );
    };
    let mut c = Type1 {
        verb,
        res: None,
        names: Names::List(Vec::new()),
        global: false,
        nofeov: false,
        nopfa: false,
        access: None,
        open: None,
        shutdown: None,
    };
    let rest: Vec<&str> = words.collect();
    match verb {
        Verb::Nre => return Ok(c), // restart options (CHKPT 0, FORMAT ...) do not change the simulation
        Verb::Che => {
            match rest.as_slice() {
                [w] if ["FREEZE", "DUMPQ", "PURGE"].contains(w) => c.shutdown = Some(w.to_string()),
                [] => icl_bail!(
                    "ICL511E",
                    "a simple /CHE checkpoint does not change the simulation; use /CHE FREEZE, DUMPQ or PURGE to stop IMS"
                ),
                _ => icl_bail!("ICL506E", "/CHE takes FREEZE, DUMPQ or PURGE, not {}", rest.join(" ")),
            }
            return Ok(c);
        }
        _ => {}
    }
    let Some((first, params)) = rest.split_first() else {
        icl_bail!("ICL507E", "/{} needs a resource: DB or AREA", verb.word());
    };
    let Some(res) = resource(first) else {
        icl_bail!(
            "ICL511E",
            "/{} {first}: only DB and AREA resources are simulated",
            verb.word()
        );
    };
    c.res = Some(res);
    let mut names = Vec::new();
    let mut all = false;
    let (mut global, mut local) = (false, false);
    for p in params {
        let kw_ok = |allowed: &[Verb]| -> Result<()> {
            if allowed.contains(&verb) {
                Ok(())
            } else {
                Err(icl!(
                    "ICL506E",
                    "{p} is not a keyword of /{} {}",
                    verb.word(),
                    res.word()
                ))
            }
        };
        match *p {
            "ALL" => all = true,
            "GLOBAL" => {
                kw_ok(&[Verb::Dbr, Verb::Dbd, Verb::Sta, Verb::Sto])?;
                global = true
            }
            "LOCAL" => {
                kw_ok(&[Verb::Dbr, Verb::Dbd, Verb::Sta, Verb::Sto])?;
                local = true
            }
            "NOFEOV" => {
                kw_ok(&[Verb::Dbr, Verb::Dbd])?;
                c.nofeov = true
            }
            "NOPFA" => {
                kw_ok(&[Verb::Dbr, Verb::Dbd])?;
                c.nopfa = true
            }
            "OPEN" | "NOOPEN" => {
                kw_ok(&[Verb::Sta])?;
                if c.open.is_some() {
                    icl_bail!("ICL508E", "OPEN and NOOPEN exclude each other");
                }
                c.open = Some(*p == "OPEN")
            }
            "DBALLOC" | "NODBALLOC" | "NOBACKOUT" => kw_ok(&[Verb::Sta])?,
            _ if p.starts_with("ACCESS=") => {
                kw_ok(&[Verb::Sta])?;
                if res == Res::Area {
                    icl_bail!("ICL506E", "ACCESS= applies to databases, not areas");
                }
                let v = p.split_once('=').map(|x| x.1).unwrap_or_default();
                let Some(a) = Acc::parse(v) else {
                    icl_bail!("ICL506E", "ACCESS={v} is invalid: UP, RD, RO or EX");
                };
                if c.access.is_some_and(|x| x != a) {
                    icl_bail!("ICL508E", "ACCESS is given twice");
                }
                c.access = Some(a)
            }
            _ if p.contains('=') || p.contains('(') || p.contains(')') => {
                icl_bail!("ICL506E", "{p} is not a keyword of /{} {}", verb.word(), res.word())
            }
            name => {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string())
                }
            }
        }
    }
    if global && local {
        icl_bail!("ICL508E", "GLOBAL and LOCAL exclude each other");
    }
    c.global = global;
    if all && !names.is_empty() {
        icl_bail!("ICL508E", "ALL and {} exclude each other", names.join(" "));
    }
    if !all && names.is_empty() {
        icl_bail!(
            "ICL507E",
            "/{} {} needs a {} name or ALL",
            verb.word(),
            res.word(),
            res.word()
        );
    }
    c.names = if all { Names::All } else { Names::List(names) };
    Ok(c)
}

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

fn parse_type2(up: &str) -> Result<Type2> {
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

/// Does a type-2 name (`CUST*`, `*`) match?
pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => pattern == name,
    }
}
