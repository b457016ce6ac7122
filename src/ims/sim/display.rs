//! /DIS DB, /DIS AREA and QUERY DB output. The layouts follow IMS's
//! (IMS-REFERENCE §6) with the space columns left empty; they are
//! approximations, as docs/messages.md says.

use super::exec::all_of;
use super::parse::{Names, Res, Type1, Type2};
use super::state::{AreaLocal, Local, Status};
use super::{ImsSim, Reply};
use crate::dasd::dates::Stamp;
use crate::icl;

/// `hh:mm:ss` of DFS058I.
pub fn hms(s: &Stamp) -> String {
    format!("{:02}:{:02}:{:02}", s.hour, s.minute, s.second)
}

/// `yyddd/hhmmss` of the /DIS trailer and checkpoint messages.
pub fn julian(s: &Stamp) -> String {
    format!(
        "{:02}{:03}/{:02}{:02}{:02}",
        s.date.year % 100,
        s.date.day,
        s.hour,
        s.minute,
        s.second
    )
}

/// The CONDITIONS column of a database on a member.
pub fn conditions(l: &Local) -> String {
    let mut v: Vec<&str> = Vec::new();
    match l.status {
        Status::StoAcc | Status::StoSchd => v.push("STOPPED"),
        // The /DBD state: readers only (the word is our approximation).
        Status::StoUpds => v.push("INQONLY"),
        Status::Started => {}
    }
    if !l.open {
        v.push("NOTOPEN");
    }
    v.join(", ")
}

/// Why a database cannot be updated, in a word or two.
pub fn conditions_word(l: &Local) -> String {
    match l.status {
        Status::StoAcc => "STOPPED (/DBR)".into(),
        Status::StoSchd => "STOPPED (/STO)".into(),
        Status::StoUpds => "INQONLY (/DBD)".into(),
        Status::Started if !l.access.updates() => format!("ACC={}", l.access.name()),
        Status::Started => "NOT AUTHORIZED".into(),
    }
}

fn area_conditions(l: &AreaLocal) -> String {
    let mut v: Vec<&str> = Vec::new();
    if l.status != Status::Started {
        v.push("STOPPED");
    }
    if !l.open {
        v.push("NOTOPEN");
    }
    v.join(", ")
}

fn row(name: &str, kind: &str, acc: &str, cond: &str) -> String {
    format!("     {name:<10} {kind:<6} {:<13} {:<13} {acc:<4} {cond}", "", "")
        .trim_end()
        .to_string()
}

/// /DIS DB or /DIS AREA on member `m`.
pub fn dis(sim: &ImsSim, t: &Type1, m: &str) -> Reply {
    let mut r = Reply::default();
    let res = t.res.unwrap_or(Res::Db);
    let names: Vec<String> = match &t.names {
        Names::All => all_of(sim, res),
        Names::List(v) => v.clone(),
    };
    r.lines.push(format!(" DFS4444I DISPLAY FROM ID={m}"));
    let mut bad = Vec::new();
    match res {
        Res::Db => {
            r.lines.push(format!(
                "     {:<10} {:<6} {:<13} {:<13} {:<4} CONDITIONS",
                "DATABASE", "TYPE", "TOTAL UNUSED", "TOTAL UNUSED", "ACC"
            ));
            for n in &names {
                let Some(d) = sim.state.db.get(n) else {
                    bad.push(n.clone());
                    continue;
                };
                if let Some(l) = d.on.get(m) {
                    r.lines.push(row(n, &d.kind, l.access.name(), &conditions(l)));
                }
                for p in sim.state.partitions(n) {
                    if let Some(l) = sim.state.db.get(&p).and_then(|x| x.on.get(m)) {
                        r.lines
                            .push(row(&format!("  {p}"), "PART", l.access.name(), &conditions(l)));
                    }
                }
                for a in sim.state.areas(n) {
                    if let Some(l) = sim.state.area.get(&a).and_then(|x| x.on.get(m)) {
                        r.lines.push(row(&format!("  {a}"), "AREA", "", &area_conditions(l)));
                    }
                }
            }
        }
        Res::Area => {
            r.lines
                .push(format!("     {:<9} {:<9} CONDITIONS", "AREANAME", "DBNAME"));
            for n in &names {
                let Some(a) = sim.state.area.get(n) else {
                    bad.push(n.clone());
                    continue;
                };
                if let Some(l) = a.on.get(m) {
                    r.lines.push(
                        format!("     {n:<9} {:<9} {}", a.db, area_conditions(l))
                            .trim_end()
                            .to_string(),
                    );
                }
            }
        }
    }
    for b in &bad {
        r.lines.push(format!("     {b:<10} IS INVALID"));
    }
    r.lines.push(format!(" *{}*", julian(&sim.now())));
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

/// TYPE of QUERY DB.
fn qtype(kind: &str) -> &str {
    match kind {
        "DL/I" => "DLI",
        k => k,
    }
}

fn lclstat(status: Status, open: bool) -> String {
    let mut v = Vec::new();
    if status != Status::Started {
        v.push(status.name());
    }
    v.push(if open { "OPEN" } else { "NOTOPEN" });
    v.join(",")
}

/// QUERY DB / QUERY AREA: one row per resource and member.
pub fn query(sim: &ImsSim, t: &Type2) -> Reply {
    let mut r = Reply::default();
    r.lines.push(format!("Response for: {}", t.text));
    r.lines.push(format!(
        "{:<8} {:<8} {:<8} {:>3} {:<7} {:<7} LclStat",
        "DBName", "AreaName", "MbrName", "CC", "TYPE", "AccType"
    ));
    let pool = all_of(sim, t.res);
    let mut names: Vec<String> = Vec::new();
    let mut bad = Vec::new();
    match &t.names {
        Names::All => names = pool.clone(),
        Names::List(v) => {
            for p in v {
                let known = match t.res {
                    Res::Db => sim.state.db.contains_key(p),
                    Res::Area => sim.state.area.contains_key(p),
                };
                let hits: Vec<&String> = if p.ends_with('*') {
                    pool.iter().filter(|n| super::parse::matches(p, n)).collect()
                } else if known {
                    vec![p]
                } else {
                    Vec::new()
                };
                if hits.is_empty() {
                    bad.push(p.clone());
                }
                for h in hits {
                    if !names.contains(h) {
                        names.push(h.clone());
                    }
                }
            }
        }
    }
    let keep = |ty: &str, stat: &str| {
        let type_ok = t.types.is_empty() || t.types.iter().any(|x| x == ty || (x == "DL" && ty == "DLI"));
        let stat_ok = t.status.is_empty() || t.status.iter().any(|s| stat.split(',').any(|w| w == s));
        type_ok && stat_ok
    };
    for m in sim.route.clone() {
        let up = sim.state.member.get(&m).is_some_and(|s| s.active);
        if !up {
            r.lines
                .push(format!("{:<8} {:<8} {m:<8} {:>3} IMS NOT ACTIVE", "", "", 8));
            r.msg(icl!(
                "ICL509E",
                "{m} is not active: IMS must be started (/NRE) before it takes this command"
            ));
            continue;
        }
        for n in &names {
            let mut rows: Vec<(String, String, String, String, String)> = Vec::new();
            let mut add_db = |name: &str| {
                if let Some(d) = sim.state.db.get(name)
                    && let Some(l) = d.on.get(&m)
                {
                    rows.push((
                        name.to_string(),
                        String::new(),
                        qtype(&d.kind).to_string(),
                        l.access.acctype().to_string(),
                        lclstat(l.status, l.open),
                    ));
                }
            };
            match t.res {
                Res::Db => {
                    add_db(n);
                    for p in sim.state.partitions(n) {
                        add_db(&p);
                    }
                    for a in sim.state.areas(n) {
                        if let Some(l) = sim.state.area.get(&a).and_then(|x| x.on.get(&m)) {
                            rows.push((
                                n.clone(),
                                a.clone(),
                                "AREA".into(),
                                String::new(),
                                lclstat(l.status, l.open),
                            ));
                        }
                    }
                }
                Res::Area => {
                    if let Some(a) = sim.state.area.get(n)
                        && let Some(l) = a.on.get(&m)
                    {
                        rows.push((
                            a.db.clone(),
                            n.clone(),
                            "AREA".into(),
                            String::new(),
                            lclstat(l.status, l.open),
                        ));
                    }
                }
            }
            for (db, area, ty, acc, stat) in rows {
                if keep(&ty, &stat) {
                    r.lines
                        .push(format!("{db:<8} {area:<8} {m:<8} {:>3} {ty:<7} {acc:<7} {stat}", 0));
                }
            }
        }
        for b in &bad {
            r.lines
                .push(format!("{b:<8} {:<8} {m:<8} {:>3} NO RESOURCES FOUND", "", 10));
        }
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
