//! Executing operator commands: status transitions per member, the RECON
//! changes they imply, and the DFS replies.

use super::display;
use super::parse::{Action, Cmd, Names, Res, Type1, Type2, Verb, matches};
use super::recon_io::ReconOp;
use super::state::{Acc, Local, Status};
use super::{ImsSim, Reply};
use crate::icl;
use crate::msg::IclError;

/// The DFS line that answers a command IMS could not take. The numbers
/// are approximations (see docs/messages.md); the ICL line says why.
pub(super) fn syntax_reply(e: IclError) -> Reply {
    let dfs = match e.id {
        "ICL505E" => Some("DFS157I INVALID VERB"),
        "ICL507E" => Some("DFS165I PARAMETER MISSING"),
        "ICL511E" => None,
        _ => Some("DFS159I INVALID KEYWORD OR PARAMETER"),
    };
    let mut r = Reply::default();
    if let Some(d) = dfs {
        r.lines.push(d.to_string());
    }
    r.msg(e);
    r.rc = 8;
    r
}

/// What a database command does besides the verb.
#[derive(Debug, Clone, Copy)]
struct Opts {
    verb: Verb,
    global: bool,
    /// Set PROHIBIT AUTH (/DBR GLOBAL) or READ ONLY (/DBD GLOBAL).
    pfa: bool,
    access: Option<Acc>,
    open: Option<bool>,
}

/// Result of one command on one database (or area).
#[derive(Default)]
struct Outcome {
    changed: bool,
    /// DFS0488I return code.
    rc: u8,
    notes: Vec<IclError>,
}

pub(super) fn run(sim: &mut ImsSim, c: &Cmd) -> Reply {
    match c {
        Cmd::T1(t) => run_t1(sim, t),
        Cmd::T2(t) => run_t2(sim, t),
    }
}

fn active(sim: &ImsSim, m: &str) -> bool {
    sim.state.member.get(m).is_some_and(|s| s.active)
}

fn not_active(m: &str) -> IclError {
    icl!(
        "ICL509E",
        "{m} is not active: IMS must be started (/NRE) before it takes this command"
    )
}

fn run_t1(sim: &mut ImsSim, t: &Type1) -> Reply {
    let route = sim.route.clone();
    let mut out = Reply::default();
    match t.verb {
        Verb::Nre | Verb::Che => {
            for m in &route {
                out.merge(restart(sim, t, m));
            }
        }
        Verb::Dis => {
            for m in &route {
                if active(sim, m) {
                    out.merge(display::dis(sim, t, m));
                } else {
                    out.msg(not_active(m));
                }
            }
        }
        _ if t.global => {
            // A GLOBAL command is entered once and acts on every member.
            match route.iter().find(|m| active(sim, m)) {
                Some(m) => {
                    let all = sim.members.clone();
                    out.merge(db_section(sim, t, m, &all));
                }
                None => out.msg(not_active(&route.join(", "))),
            }
        }
        _ => {
            for m in &route {
                if active(sim, m) {
                    out.merge(db_section(sim, t, m, std::slice::from_ref(m)));
                } else {
                    out.msg(not_active(m));
                }
            }
        }
    }
    out
}

/// /NRE and /CHE FREEZE|DUMPQ|PURGE on one member.
fn restart(sim: &mut ImsSim, t: &Type1, m: &str) -> Reply {
    let mut r = Reply::default();
    let now = sim.now();
    let up = t.verb == Verb::Nre;
    let was = active(sim, m);
    r.lines.push(format!(
        "DFS058I {} {} COMMAND IN PROGRESS  {m}",
        display::hms(&now),
        t.verb.word()
    ));
    if was == up {
        r.msg(icl!(
            "ICL501I",
            "{m} is already {}; nothing changed",
            if up { "active" } else { "stopped" }
        ));
        return r;
    }
    if let Some(s) = sim.state.member.get_mut(m) {
        s.active = up;
    }
    // A shutdown closes the member's databases and areas and ends its
    // authorizations; a restart keeps every /DBR and /STO it had (IMS
    // restores database status from its log) and may authorize again.
    for (name, d) in sim.state.db.iter_mut() {
        if let Some(l) = d.on.get_mut(m) {
            l.open = false;
            l.authorized = up && l.status != Status::StoAcc && !sim.prohibit.contains(name);
        }
    }
    for a in sim.state.area.values_mut() {
        if let Some(l) = a.on.get_mut(m) {
            l.open = false;
        }
    }
    r.changed = true;
    let what = t.shutdown.as_deref().unwrap_or("SIMPLE");
    r.lines
        .push(format!("DFS994I *CHKPT {}**{what}**", display::julian(&now)));
    r.lines.push(if up {
        format!("DFS994I WARM START COMPLETED  {m}")
    } else {
        format!("DFS2091I IMS SHUTDOWN COMPLETE  {m}")
    });
    r
}

/// Every database that is not a HALDB partition (partitions follow their
/// master), or every area: what ALL names.
pub(super) fn all_of(sim: &ImsSim, res: Res) -> Vec<String> {
    match res {
        Res::Db => sim
            .state
            .db
            .iter()
            .filter(|(_, d)| d.master.is_none())
            .map(|(n, _)| n.clone())
            .collect(),
        Res::Area => sim.state.area.keys().cloned().collect(),
    }
}

/// Resolve names: (known, unknown); ALL is [`all_of`].
fn resolve(sim: &ImsSim, res: Res, names: &Names, patterns: bool) -> (Vec<String>, Vec<String>) {
    let pool = all_of(sim, res);
    match names {
        Names::All => (pool, Vec::new()),
        Names::List(v) => {
            let (mut ok, mut bad) = (Vec::new(), Vec::new());
            let known = |n: &str| match res {
                Res::Db => sim.state.db.contains_key(n),
                Res::Area => sim.state.area.contains_key(n),
            };
            for n in v {
                let hits: Vec<String> = if patterns && n.ends_with('*') {
                    pool.iter().filter(|p| matches(n, p)).cloned().collect()
                } else if known(n) {
                    vec![n.clone()]
                } else {
                    Vec::new()
                };
                if hits.is_empty() {
                    bad.push(n.clone());
                }
                for h in hits {
                    if !ok.contains(&h) {
                        ok.push(h);
                    }
                }
            }
            (ok, bad)
        }
    }
}

/// A type-1 database or area command entered on `entered`, acting on
/// the members `on`.
fn db_section(sim: &mut ImsSim, t: &Type1, entered: &str, on: &[String]) -> Reply {
    let res = t.res.unwrap_or(Res::Db);
    let mut r = Reply::default();
    let now = sim.now();
    if res == Res::Area && t.verb == Verb::Dbd {
        r.lines.push("DFS159I INVALID KEYWORD OR PARAMETER".into());
        r.msg(icl!("ICL506E", "/DBD applies to databases, not areas"));
        return r;
    }
    let (found, bad) = resolve(sim, res, &t.names, false);
    let opts = Opts {
        verb: t.verb,
        global: t.global,
        pfa: t.global && !t.nopfa,
        access: t.access,
        open: t.open,
    };
    let except = if bad.is_empty() {
        String::new()
    } else {
        format!(" EXCEPT {} {}", res.word(), bad.join(","))
    };
    r.lines.push(format!(
        "DFS058I {} {} COMMAND COMPLETED{except}  {entered}",
        display::hms(&now),
        t.verb.word()
    ));
    let mut notes = Vec::new();
    for name in &found {
        let o = match res {
            Res::Db => db_cmd(sim, opts, name, on),
            Res::Area => area_cmd(sim, opts, name, on),
        };
        r.changed |= o.changed;
        // With ALL, IMS reports only the resources in error.
        if t.names != Names::All || o.rc != 0 {
            r.lines.push(format!(
                "DFS0488I {} COMMAND COMPLETED. {}= {name} RC= {:02}",
                t.verb.short(),
                if res == Res::Db { "DBN" } else { "AREA" },
                o.rc
            ));
        }
        notes.extend(o.notes);
    }
    for n in notes {
        r.msg(n);
    }
    for b in &bad {
        r.msg(icl!(
            "ICL503E",
            "{b} is not {} of {}",
            if res == Res::Db { "a database" } else { "a DEDB area" },
            sim.group
        ));
    }
    r
}

fn state_words(l: &Local) -> &'static str {
    match l.status {
        Status::StoAcc => "stopped by /DBR",
        Status::StoUpds => "stopped for updates by /DBD",
        Status::StoSchd => "stopped by /STO",
        Status::Started => "started",
    }
}

/// One database command on a database (a HALDB master with its
/// partitions; a DEDB's areas close on /DBR).
fn db_cmd(sim: &mut ImsSim, o: Opts, name: &str, on: &[String]) -> Outcome {
    let mut out = Outcome::default();
    let mut family = vec![name.to_string()];
    family.extend(sim.state.partitions(name));
    let mut pfa_warned = false;
    for n in &family {
        let pfa_on = sim.prohibit.contains(n);
        for m in on {
            let Some(old) = sim.state.db.get(n).and_then(|d| d.on.get(m)).copied() else {
                continue;
            };
            let new = match o.verb {
                Verb::Dbr => Local {
                    status: Status::StoAcc,
                    open: false,
                    authorized: false,
                    ..old
                },
                Verb::Dbd if old.status != Status::StoAcc => Local {
                    status: Status::StoUpds,
                    ..old
                },
                Verb::Sto if old.status != Status::StoAcc => Local {
                    status: Status::StoSchd,
                    ..old
                },
                Verb::Sta => {
                    let access = o.access.unwrap_or(old.access);
                    let conflict = exclusive_conflict(sim, n, m, on, access);
                    let blocked = pfa_on && !o.global;
                    if blocked && !pfa_warned {
                        pfa_warned = true;
                        out.notes.push(icl!(
                            "ICL510W",
                            "{n}: PROHIBIT AUTHORIZATION is set in the RECON; the database is started but cannot be used until /STA DB {name} GLOBAL"
                        ));
                        out.rc = out.rc.max(4);
                    }
                    if let Some(other) = &conflict {
                        out.notes.push(icl!(
                            "ICL512W",
                            "{n} on {m}: ACCESS={} conflicts with the authorization held by {other}; not authorized",
                            access.name()
                        ));
                        out.rc = out.rc.max(1);
                    }
                    let authorized = !blocked && conflict.is_none();
                    Local {
                        status: Status::Started,
                        access,
                        open: authorized && o.open.unwrap_or(old.open),
                        authorized,
                    }
                }
                _ => old,
            };
            if new != old {
                out.changed = true;
                if let Some(l) = sim.state.db.get_mut(n).and_then(|d| d.on.get_mut(m)) {
                    *l = new;
                }
                if o.verb == Verb::Dbr {
                    sim.pending.push(ReconOp::Deauthorize {
                        db: n.clone(),
                        ssid: m.clone(),
                    });
                }
                if new.open && !old.open {
                    sim.pending.push(ReconOp::Authorize {
                        db: n.clone(),
                        area: None,
                        ssid: m.clone(),
                        intent: new.access.intent(),
                    });
                }
            }
        }
        // The RECON flags of a GLOBAL command.
        match o.verb {
            Verb::Dbr if o.pfa && sim.prohibit.insert(n.clone()) => {
                sim.pending.push(ReconOp::ProhibitAuth {
                    db: n.clone(),
                    on: true,
                });
                out.changed = true;
            }
            Verb::Dbd if o.pfa && sim.read_only.insert(n.clone()) => {
                sim.pending.push(ReconOp::ReadOnly {
                    db: n.clone(),
                    on: true,
                });
                out.changed = true;
            }
            Verb::Sta if o.global => {
                if sim.prohibit.remove(n) {
                    sim.pending.push(ReconOp::ProhibitAuth {
                        db: n.clone(),
                        on: false,
                    });
                    out.changed = true;
                }
                if sim.read_only.remove(n) {
                    sim.pending.push(ReconOp::ReadOnly {
                        db: n.clone(),
                        on: false,
                    });
                    out.changed = true;
                }
            }
            _ => {}
        }
    }
    // /DBR closes a DEDB's areas with it.
    if o.verb == Verb::Dbr {
        for a in sim.state.areas(name) {
            for m in on {
                if let Some(l) = sim.state.area.get_mut(&a).and_then(|x| x.on.get_mut(m))
                    && l.open
                {
                    l.open = false;
                    out.changed = true;
                }
            }
        }
    }
    if !out.changed && out.notes.is_empty() {
        let words = sim
            .state
            .db
            .get(name)
            .and_then(|d| on.first().and_then(|m| d.on.get(m)))
            .map(state_words)
            .unwrap_or("unchanged");
        out.notes.push(icl!(
            "ICL501I",
            "{name} is already {words} on {}; nothing changed",
            on.join(", ")
        ));
    }
    out
}

/// Another member holding the database in a way `access` on `m` cannot
/// share: EX excludes every other holder, and every access excludes an
/// EX holder.
fn exclusive_conflict(sim: &ImsSim, db: &str, m: &str, on: &[String], access: Acc) -> Option<String> {
    let d = sim.state.db.get(db)?;
    d.on.iter()
        .filter(|(k, _)| k.as_str() != m && !on.contains(k))
        .find(|(_, l)| l.authorized && l.status != Status::StoAcc && (access == Acc::EX || l.access == Acc::EX))
        .map(|(k, _)| k.clone())
}

fn area_cmd(sim: &mut ImsSim, o: Opts, name: &str, on: &[String]) -> Outcome {
    let mut out = Outcome::default();
    let mut last = None;
    for m in on {
        let Some(l) = sim.state.area.get_mut(name).and_then(|a| a.on.get_mut(m)) else {
            continue;
        };
        let old = *l;
        match o.verb {
            Verb::Dbr | Verb::Sto => {
                l.status = Status::StoAcc;
                l.open = false;
            }
            Verb::Sta => {
                l.status = Status::Started;
                l.open = o.open.unwrap_or(l.open);
            }
            _ => {}
        }
        if *l != old {
            out.changed = true;
        }
        last = Some(*l);
    }
    if !out.changed {
        let words = match last.map(|l| l.status) {
            Some(Status::Started) => "started",
            _ => "stopped",
        };
        out.notes.push(icl!(
            "ICL501I",
            "area {name} is already {words} on {}; nothing changed",
            on.join(", ")
        ));
    }
    out
}

fn run_t2(sim: &mut ImsSim, t: &Type2) -> Reply {
    if t.action == Action::Query {
        return display::query(sim, t);
    }
    let mut r = Reply::default();
    r.lines.push(format!("Response for: {}", t.text));
    let (found, bad) = resolve(sim, t.res, &t.names, true);
    let head = if t.res == Res::Db { "DBName" } else { "AreaName" };
    r.lines.push(format!("{head:<9} {:<8} {:>3} CCText", "MbrName", "CC"));
    let opts = |verb: Verb, access: Option<Acc>| Opts {
        verb,
        global: false,
        // UPDATE DB has no PFA option: type-2 stops leave the RECON flags alone.
        pfa: false,
        access,
        open: if t.options.iter().any(|o| o == "OPEN") {
            Some(true)
        } else if t.options.iter().any(|o| o == "NOOPEN") {
            Some(false)
        } else {
            None
        },
    };
    let o = match t.action {
        Action::StopAccess => opts(Verb::Dbr, None),
        Action::StopUpdates => opts(Verb::Dbd, None),
        Action::StopSchd => opts(Verb::Sto, None),
        Action::StartAccess(a) => opts(Verb::Sta, a),
        Action::Query => opts(Verb::Dis, None),
    };
    let route = sim.route.clone();
    let mut notes = Vec::new();
    for m in &route {
        if !active(sim, m) {
            r.lines.push(format!("{:<9} {m:<8} {:>3} IMS NOT ACTIVE", "", 8));
            notes.push(not_active(m));
            continue;
        }
        let on = std::slice::from_ref(m);
        for name in &found {
            let out = match t.res {
                Res::Db => db_cmd(sim, o, name, on),
                Res::Area => area_cmd(sim, o, name, on),
            };
            r.changed |= out.changed;
            let text = match out.rc {
                0 => "",
                1 => "AUTHORIZATION CONFLICT",
                _ => "NOT AUTHORIZED",
            };
            r.lines
                .push(format!("{name:<9} {m:<8} {:>3} {text}", out.rc).trim_end().to_string());
            notes.extend(out.notes);
        }
        for b in &bad {
            r.lines.push(format!("{b:<9} {m:<8} {:>3} NO RESOURCES FOUND", 10));
        }
    }
    for n in notes {
        r.msg(n);
    }
    for b in &bad {
        r.msg(icl!(
            "ICL503E",
            "{b} matches no {} of {}",
            if t.res == Res::Db { "database" } else { "DEDB area" },
            sim.group
        ));
    }
    r
}
