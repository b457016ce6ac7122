//! NOTIFY commands (image copies, reorganisations, recoveries, change
//! accumulation, logs, subsystems, backout), INIT.CAGRP, DELETE.SUBSYS and
//! DELETE.BKOUT.

use super::args::Args;
use super::cmd_db::is_ilds_or_index;
use super::exec::{Dbrc, Lines};
use super::parse::Command;
use crate::icl_bail;
use crate::ims::recon::{
    Backout, Ca, CaGroup, CaMember, DbKind, Dbds, Extra, IcDataSet, IcKind, Image, Log, LogCopy, LogDsn, LogKind, Olds,
    OldsEntry, OldsStatus, Recon, ReconTime, Recov, Reorg, SsType, Subsys, Uor,
};
use crate::msg::Result;

/// The DBDS named by DBD() and DDN()|AREA().
fn target<'r>(r: &'r mut Recon, a: &Args) -> Result<(&'r mut crate::ims::recon::Db, String)> {
    a.exclusive(&["DDN", "AREA"])?;
    let dbd = a.req_name("DBD", 8)?;
    let ddn = match a.name("DDN", 8)? {
        Some(n) => n,
        None => a.req_name("AREA", 8)?,
    };
    let Some(db) = r.db_mut(&dbd) else {
        icl_bail!("ICL361E", "DB {dbd} is not registered in RECON");
    };
    if db.dbds(&ddn).is_none() {
        icl_bail!("ICL363E", "DBDS {dbd} {ddn} is not registered in RECON");
    }
    Ok((db, ddn))
}

fn dbds_of<'d>(db: &'d mut crate::ims::recon::Db, ddn: &str) -> Result<&'d mut Dbds> {
    let name = db.name.clone();
    match db.dbds_mut(ddn) {
        Some(x) => Ok(x),
        None => icl_bail!("ICL363E", "DBDS {name} {ddn} is not registered in RECON"),
    }
}

/// NOTIFY.IC DBD() DDN()|AREA() ICDSN() RUNTIME() [ICDSN2()] [VOLLIST()]
/// [VOLLIST2()] [UNIT()] [UNIT2()] [FILESEQ()] [FILESEQ2()] [CIC] [RECDCT()]
pub fn notify_ic(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "DBD", "DDN", "AREA", "ICDSN", "ICDSN2", "RUNTIME", "VOLLIST", "VOLLIST2", "UNIT", "UNIT2", "FILESEQ",
            "FILESEQ2", "CIC", "RECDCT",
        ],
    )?;
    let run = match a.time("RUNTIME")? {
        Some(t) => t,
        None => icl_bail!("ICL378E", "required keyword RUNTIME is missing from NOTIFY.IC"),
    };
    let ic1 = IcDataSet {
        dsn: a.req_dsn("ICDSN", 44)?,
        unit: a.text("UNIT")?.unwrap_or_else(|| "3390".into()),
        file_seq: a.num("FILESEQ", 1, 9999)?.unwrap_or(1),
        volsers: a.volsers("VOLLIST")?,
        extra: Extra::default(),
    };
    let ic2 = match a.dsn("ICDSN2", 44)? {
        Some(dsn) => Some(IcDataSet {
            dsn,
            unit: a.text("UNIT2")?.unwrap_or_else(|| "3390".into()),
            file_seq: a.num("FILESEQ2", 1, 9999)?.unwrap_or(1),
            volsers: a.volsers("VOLLIST2")?,
            extra: Extra::default(),
        }),
        None => None,
    };
    let kind = if a.flag("CIC")? { IcKind::Concur } else { IcKind::Batch };
    let count = a.num("RECDCT", 0, u64::MAX)?.unwrap_or(0);
    let r = d.recon_mut()?;
    let (db, ddn) = target(r, &a)?;
    let usid = db.usid;
    let x = dbds_of(db, &ddn)?;
    if is_ilds_or_index(x) {
        icl_bail!(
            "ICL382E",
            "{ddn} is an ILDS or PHIDAM index: image copies are not registered for it"
        );
    }
    if x.images.iter().any(|i| i.run == run) {
        icl_bail!(
            "ICL380E",
            "an image copy of {ddn} with RUNTIME {run} is already registered"
        );
    }
    x.add_image(Image {
        run,
        kind,
        usid,
        record_count: count,
        ic1,
        ic2,
        extra: Extra::default(),
    });
    Ok(Vec::new())
}

/// NOTIFY.REORG DBD() DDN()|AREA() [RUNTIME()] [ONLINE]: records the reorg,
/// sets IC NEEDED for a recoverable DB, bumps the USID; for a HALDB
/// partition the reorganisation number goes up once per run time.
pub fn notify_reorg(d: &mut Dbrc, cmd: &Command, now: ReconTime) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "DDN", "AREA", "RUNTIME", "ONLINE"])?;
    let run = a.time("RUNTIME")?.unwrap_or(now);
    let online = a.flag("ONLINE")?;
    let r = d.recon_mut()?;
    let (db, ddn) = target(r, &a)?;
    db.usid = db.usid.saturating_add(1);
    let usid = db.usid;
    let recoverable = db.recoverable;
    let first_of_run = !db.dbds.iter().any(|x| x.reorgs.iter().any(|g| g.run == run));
    if let (DbKind::Part(p), true) = (&mut db.kind, first_of_run) {
        p.reorg = p.reorg.saturating_add(1);
    }
    let x = dbds_of(db, &ddn)?;
    x.reorgs.push(Reorg {
        run,
        usid,
        online,
        extra: Extra::default(),
    });
    x.reorgs.sort_by_key(|g| g.run);
    if recoverable && !is_ilds_or_index(x) {
        x.ic_needed = true;
    }
    Ok(Vec::new())
}

/// NOTIFY.RECOV DBD() DDN()|AREA() [RUNTIME()] [RCVTIME()]: clears RECOV NEEDED.
pub fn notify_recov(d: &mut Dbrc, cmd: &Command, now: ReconTime) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "DDN", "AREA", "RUNTIME", "RCVTIME"])?;
    let run = a.time("RUNTIME")?.unwrap_or(now);
    let end = a.time("RCVTIME")?;
    let r = d.recon_mut()?;
    let (db, ddn) = target(r, &a)?;
    let x = dbds_of(db, &ddn)?;
    x.recovs.push(Recov {
        run,
        end,
        extra: Extra::default(),
    });
    x.recovs.sort_by_key(|g| g.run);
    x.recov_needed = false;
    Ok(Vec::new())
}

/// INIT.CAGRP GRPNAME() GRPMAX() MEMBERS((dbd,ddn),...) [REUSE|NOREUSE] [CAJCL()]
pub fn init_cagrp(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["GRPNAME", "GRPMAX", "MEMBERS", "REUSE", "NOREUSE", "CAJCL"])?;
    let name = a.req_name("GRPNAME", 8)?;
    let grpmax = match a.num("GRPMAX", 2, 1024)? {
        Some(g) => g,
        None => icl_bail!("ICL378E", "required keyword GRPMAX is missing from INIT.CAGRP"),
    };
    let reuse = a.choice(&["REUSE", "NOREUSE"])? == Some("REUSE");
    let cajcl = a.name("CAJCL", 8)?.unwrap_or_else(|| "CAJCL".into());
    let mut members = Vec::new();
    for m in a.pairs("MEMBERS")? {
        let [dbd, ddn] = m.as_slice() else {
            icl_bail!("ICL377E", "MEMBERS entries are (dbd,ddn) pairs");
        };
        members.push(CaMember {
            dbd: dbd.clone(),
            ddn: ddn.clone(),
            extra: Extra::default(),
        });
    }
    let r = d.recon_mut()?;
    if r.ca_groups.contains_key(&name) {
        icl_bail!("ICL380E", "CA group {name} is already registered in RECON");
    }
    for m in &members {
        let Some(x) = r.dbds_mut(&m.dbd, &m.ddn) else {
            icl_bail!("ICL363E", "DBDS {} {} is not registered in RECON", m.dbd, m.ddn);
        };
        if let Some(g) = &x.cagrp {
            icl_bail!("ICL385E", "DBDS {} {} already belongs to CA group {g}", m.dbd, m.ddn);
        }
        x.cagrp = Some(name.clone());
    }
    r.ca_groups.insert(
        name.clone(),
        CaGroup {
            name,
            grpmax,
            reuse,
            cajcl,
            members,
            cas: Vec::new(),
            extra: Extra::default(),
        },
    );
    Ok(Vec::new())
}

/// NOTIFY.CA GRPNAME() CADSN() RUNTIME() [STOPTIME()] [VOLLIST()] [UNIT()]
/// [FILESEQ()]; keeps at most GRPMAX CA records.
pub fn notify_ca(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &["GRPNAME", "CADSN", "RUNTIME", "STOPTIME", "VOLLIST", "UNIT", "FILESEQ"],
    )?;
    let name = a.req_name("GRPNAME", 8)?;
    let run = match a.time("RUNTIME")? {
        Some(t) => t,
        None => icl_bail!("ICL378E", "required keyword RUNTIME is missing from NOTIFY.CA"),
    };
    let ca = Ca {
        run,
        stop: a.time("STOPTIME")?,
        dsn: a.req_dsn("CADSN", 44)?,
        unit: a.text("UNIT")?.unwrap_or_else(|| "3390".into()),
        file_seq: a.num("FILESEQ", 1, 9999)?.unwrap_or(1),
        volsers: a.volsers("VOLLIST")?,
        extra: Extra::default(),
    };
    let r = d.recon_mut()?;
    let Some(g) = r.ca_groups.get_mut(&name) else {
        icl_bail!("ICL381E", "CA group {name} is not registered in RECON");
    };
    if g.cas.iter().any(|c| c.run == run) {
        icl_bail!(
            "ICL380E",
            "a CA of group {name} with RUNTIME {run} is already registered"
        );
    }
    g.cas.push(ca);
    g.cas.sort_by_key(|c| c.run);
    while g.cas.len() > usize::from(g.grpmax.max(1)) {
        g.cas.remove(0);
    }
    Ok(Vec::new())
}

/// NOTIFY.PRILOG / NOTIFY.SECLOG.
///
/// - `SSID() STARTIME() DSN() [RUNTIME()] [VOLLIST()|VOLSER()] [UNIT()] [RLDS|SLDS]`
///   adds a data set to the PRILOG/PRISLD record that starts at STARTIME
///   (creating it); RUNTIME is that data set's stop time and the record's.
///   Archiving marks the subsystem's OLDS in that time range ARC COMPLT.
/// - `SSID() OLDS(ddname) DSN() STARTIME() [RUNTIME()]` records an online log
///   data set in PRIOLD/SECOLD: ACTIVE while open, ARCHIVE NEEDED once it
///   has a RUNTIME (stop time).
pub fn notify_log(d: &mut Dbrc, cmd: &Command, copy: LogCopy) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "SSID", "STARTIME", "RUNTIME", "DSN", "VOLLIST", "VOLSER", "UNIT", "RLDS", "SLDS", "OLDS", "VERSION",
        ],
    )?;
    a.exclusive(&["OLDS", "RLDS", "SLDS"])?;
    a.exclusive(&["VOLLIST", "VOLSER"])?;
    let default_ssid = d.recon_ref()?.header.ssid.clone();
    let ssid = match a.name("SSID", 8)?.or(default_ssid) {
        Some(s) => s,
        None => icl_bail!("ICL378E", "SSID is required: the RECON header has no default SSID"),
    };
    let start = match a.time("STARTIME")? {
        Some(t) => t,
        None => icl_bail!("ICL378E", "required keyword STARTIME is missing from {}", cmd.name()),
    };
    let stop = a.time("RUNTIME")?;
    if stop.is_some_and(|s| s < start) {
        icl_bail!("ICL377E", "RUNTIME is earlier than STARTIME");
    }
    let dsn = a.req_dsn("DSN", 44)?;
    let r = d.recon_mut()?;
    if let Some(ddn) = a.name("OLDS", 8)? {
        let status = if stop.is_some() {
            OldsStatus::ArchiveNeeded
        } else {
            OldsStatus::Active
        };
        let entry = OldsEntry {
            ddn: ddn.clone(),
            dsn,
            status,
            start: Some(start),
            stop,
            extra: Extra::default(),
        };
        match r.olds.iter_mut().find(|o| o.copy == copy && o.ssid == ssid) {
            Some(o) => match o.entries.iter_mut().find(|e| e.ddn == ddn) {
                Some(e) => *e = entry,
                None => o.entries.push(entry),
            },
            None => r.olds.push(Olds {
                copy,
                ssid,
                entries: vec![entry],
                extra: Extra::default(),
            }),
        }
        r.normalize();
        return Ok(Vec::new());
    }
    let kind = if a.flag("SLDS")? { LogKind::Slds } else { LogKind::Rlds };
    let mut volsers = a.volsers("VOLLIST")?;
    volsers.extend(a.volsers("VOLSER")?);
    let version = a.text("VERSION")?.unwrap_or_else(|| r.header.minvers.clone());
    let entry = LogDsn {
        dsn,
        unit: a.text("UNIT")?.unwrap_or_else(|| "3390".into()),
        volsers,
        start: match r
            .logs
            .iter()
            .find(|l| l.kind == kind && l.copy == copy && l.ssid == ssid && l.start == start)
        {
            // A further data set of the same log starts where the last one stopped.
            Some(l) => l.dsns.last().and_then(|x| x.stop).unwrap_or(start),
            None => start,
        },
        stop,
        extra: Extra::default(),
    };
    match r
        .logs
        .iter_mut()
        .find(|l| l.kind == kind && l.copy == copy && l.ssid == ssid && l.start == start)
    {
        Some(l) => {
            if l.dsns.iter().any(|x| x.dsn == entry.dsn) {
                icl_bail!(
                    "ICL380E",
                    "log DSN {} is already registered for SSID {ssid} at {start}",
                    entry.dsn
                );
            }
            l.dsns.push(entry);
            if stop.is_some() {
                l.stop = stop;
            }
        }
        None => r.logs.push(Log {
            kind,
            copy,
            ssid: ssid.clone(),
            start,
            stop,
            version,
            dsns: vec![entry],
            extra: Extra::default(),
        }),
    }
    let until = stop.unwrap_or(start);
    for o in r.olds.iter_mut().filter(|o| o.ssid == ssid) {
        for e in &mut o.entries {
            let in_range = e.start.is_some_and(|s| s >= start && s <= until);
            if in_range && e.status == OldsStatus::ArchiveNeeded {
                e.status = OldsStatus::ArcComplt;
            }
        }
    }
    r.normalize();
    Ok(Vec::new())
}

/// NOTIFY.SUBSYS SSID() [IRLMID()] [ONLINE|BATCH] [NORMAL|ABNORMAL] [STARTIME()]
/// (ONLINE/BATCH is our spelling for the subsystem type).
pub fn notify_subsys(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &["SSID", "IRLMID", "ONLINE", "BATCH", "NORMAL", "ABNORMAL", "STARTIME"],
    )?;
    let ssid = a.req_name("SSID", 8)?;
    let irlmid = a.name("IRLMID", 8)?;
    let sstype = if a.choice(&["ONLINE", "BATCH"])? == Some("BATCH") {
        SsType::Batch
    } else {
        SsType::Online
    };
    let abnormal = a.choice(&["NORMAL", "ABNORMAL"])? == Some("ABNORMAL");
    let start = a.time("STARTIME")?;
    let r = d.recon_mut()?;
    if r.subsystems.contains_key(&ssid) {
        icl_bail!("ICL380E", "subsystem {ssid} is already registered in RECON");
    }
    r.subsystems.insert(
        ssid.clone(),
        Subsys {
            ssid,
            sstype,
            irlmid,
            abnormal_term: abnormal,
            recovery_started: false,
            log_start: start,
            auth: Vec::new(),
            extra: Extra::default(),
        },
    );
    Ok(Vec::new())
}

/// DELETE.SUBSYS SSID(): drops the SSYS record and the subsystem's entries
/// in every DB authorization list.
pub fn delete_subsys(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["SSID"])?;
    let ssid = a.req_name("SSID", 8)?;
    let r = d.recon_mut()?;
    if r.subsystems.remove(&ssid).is_none() {
        icl_bail!("ICL381E", "subsystem {ssid} is not registered in RECON");
    }
    for db in r.dbs.values_mut() {
        db.auth.retain(|x| x.ssid != ssid);
    }
    Ok(Vec::new())
}

/// NOTIFY.BKOUT SSID() UORTIME() PSB() DBD(db,...): one unit of recovery
/// needing backout (our simplified form of IBM's NOTIFY.BKOUT); sets
/// BACKOUT NEEDED on the DBs.
pub fn notify_bkout(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["SSID", "UORTIME", "PSB", "DBD"])?;
    let ssid = a.req_name("SSID", 8)?;
    let time = match a.time("UORTIME")? {
        Some(t) => t,
        None => icl_bail!("ICL378E", "required keyword UORTIME is missing from NOTIFY.BKOUT"),
    };
    let psb = a.req_name("PSB", 8)?;
    let dbs = a.words("DBD")?;
    if dbs.is_empty() {
        icl_bail!("ICL378E", "required keyword DBD is missing from NOTIFY.BKOUT");
    }
    for n in &dbs {
        crate::ims::recon::names::check_name("DBD", n, 8)?;
    }
    let r = d.recon_mut()?;
    for n in &dbs {
        match r.db_mut(n) {
            Some(db) => db.backout_needed = true,
            None => icl_bail!("ICL361E", "DB {n} is not registered in RECON"),
        }
    }
    let b = r.backouts.entry(ssid.clone()).or_insert_with(|| Backout {
        ssid,
        uors: Vec::new(),
        extra: Extra::default(),
    });
    if b.uors.iter().any(|u| u.time == time) {
        icl_bail!(
            "ICL380E",
            "a unit of recovery at {time} is already registered for backout"
        );
    }
    b.uors.push(Uor {
        time,
        psb,
        dbs,
        extra: Extra::default(),
    });
    b.uors.sort_by_key(|u| u.time);
    Ok(Vec::new())
}

/// DELETE.BKOUT SSID() [UORTIME()]: one unit of recovery, or the whole record.
/// DBs no other unit of recovery names lose BACKOUT NEEDED.
pub fn delete_bkout(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["SSID", "UORTIME"])?;
    let ssid = a.req_name("SSID", 8)?;
    let time = a.time("UORTIME")?;
    let r = d.recon_mut()?;
    let Some(b) = r.backouts.get_mut(&ssid) else {
        icl_bail!("ICL381E", "no backout record for subsystem {ssid}");
    };
    match time {
        Some(t) => {
            let n = b.uors.len();
            b.uors.retain(|u| u.time != t);
            if b.uors.len() == n {
                icl_bail!("ICL381E", "no unit of recovery at {t} for subsystem {ssid}");
            }
            if b.uors.is_empty() {
                r.backouts.remove(&ssid);
            }
        }
        None => {
            r.backouts.remove(&ssid);
        }
    }
    let still: std::collections::HashSet<String> = r
        .backouts
        .values()
        .flat_map(|b| b.uors.iter().flat_map(|u| u.dbs.iter().cloned()))
        .collect();
    for db in r.dbs.values_mut() {
        if !still.contains(&db.name) {
            db.backout_needed = false;
        }
    }
    Ok(Vec::new())
}
