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
        None => super::type2::parse_type2(&up).map(Cmd::T2),
    }
}

pub(super) fn resource(word: &str) -> Option<Res> {
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

/// Does a type-2 name (`CUST*`, `*`) match?
pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => pattern == name,
    }
}
