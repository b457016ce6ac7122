//! INIT/CHANGE/DELETE of DB, DBDS (and DEDB AREA) and ADS records.

use super::args::Args;
use super::exec::{Dbrc, Lines};
use super::parse::Command;
use crate::icl_bail;
use crate::ims::recon::{Ads, AreaInfo, CaMember, Db, DbKind, DbOrg, Dbds, DsOrg, Extra, HaldbMaster, Recon};
use crate::msg::Result;

/// INIT.DB DBD() [SHARELVL()] [TYPEIMS|TYPEFP|TYPHALDB] [RECOVABL|NONRECOV]
/// [PARTSEL()] [OLRCAP|OLRNOCAP] [OSAM8G|NOOSAM8G]
pub fn init_db(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "DBD", "SHARELVL", "TYPEIMS", "TYPEFP", "TYPHALDB", "RECOVABL", "NONRECOV", "PARTSEL", "OLRCAP",
            "OLRNOCAP", "OSAM8G", "NOOSAM8G",
        ],
    )?;
    let name = a.req_name("DBD", 8)?;
    let share: u8 = a.num("SHARELVL", 0, 3)?.unwrap_or(0);
    let ty = a.choice(&["TYPEIMS", "TYPEFP", "TYPHALDB"])?.unwrap_or("TYPEIMS");
    let recov = a.choice(&["RECOVABL", "NONRECOV"])? != Some("NONRECOV");
    let olr = a.choice(&["OLRCAP", "OLRNOCAP"])? == Some("OLRCAP");
    let osam8g = a.choice(&["OSAM8G", "NOOSAM8G"])? == Some("OSAM8G");
    let partsel = a.name("PARTSEL", 8)?;
    if ty != "TYPHALDB" && (partsel.is_some() || olr || osam8g) {
        icl_bail!("ICL379E", "PARTSEL, OLRCAP and OSAM8G need TYPHALDB");
    }
    let facts = match d.dbdlib {
        Some(lib) => match lib.dbd(&name) {
            Some(f) => Some(f),
            None => icl_bail!("ICL384E", "DBD {name} is not in the DBDLIB"),
        },
        None => None,
    };
    let kind = match ty {
        "TYPEFP" => DbKind::Fp,
        "TYPHALDB" => {
            let (dborg, dsorg, groups) = match &facts {
                Some(f) => (f.dborg, f.dsorg, f.ddnames.len().clamp(1, 10) as u8),
                None => (DbOrg::Phdam, DsOrg::Osam, 1),
            };
            if !matches!(dborg, DbOrg::Phdam | DbOrg::Phidam | DbOrg::Psindex) {
                icl_bail!("ICL382E", "DBD {name} is {dborg}, not a HALDB (PHDAM, PHIDAM, PSINDEX)");
            }
            DbKind::Haldb(HaldbMaster {
                partsel,
                last_part_id: 0,
                olr_capable: olr,
                osam8g,
                dsg_count: groups,
                dborg,
                dsorg,
            })
        }
        _ => DbKind::Ims,
    };
    if let Some(f) = &facts {
        let fits = match kind {
            DbKind::Fp => f.dborg == DbOrg::Dedb,
            DbKind::Ims => !matches!(f.dborg, DbOrg::Dedb | DbOrg::Phdam | DbOrg::Phidam | DbOrg::Psindex),
            _ => true,
        };
        if !fits {
            icl_bail!("ICL382E", "DBD {name} is {} and cannot be registered as {ty}", f.dborg);
        }
    }
    let r = d.recon_mut()?;
    if r.db(&name).is_some() {
        icl_bail!("ICL360E", "DB {name} is already registered in RECON");
    }
    let dmb = r.next_dmb();
    let mut db = Db::new(&name, kind, dmb);
    db.share_level = share;
    db.recoverable = recov;
    r.add_db(db)?;
    Ok(Vec::new())
}

/// The DB named by DBD(), or ICL361E.
fn db_mut<'r>(r: &'r mut Recon, name: &str) -> Result<&'r mut Db> {
    match r.db_mut(name) {
        Some(db) => Ok(db),
        None => icl_bail!("ICL361E", "DB {name} is not registered in RECON"),
    }
}

/// INIT.DBDS: full function `DBD() DDN() DSN()` or DEDB `DBD() AREA()`,
/// with GENMAX, RECOVPD, REUSE|NOREUSE, CAGRP, ICJCL, OICJCL, RECOVJCL,
/// and for areas PREOPEN|NOPREO, VSO|NOVSO.
pub fn init_dbds(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "DBD", "DDN", "AREA", "DSN", "GENMAX", "RECOVPD", "REUSE", "NOREUSE", "CAGRP", "ICJCL", "OICJCL",
            "RECOVJCL", "PREOPEN", "NOPREO", "VSO", "NOVSO",
        ],
    )?;
    a.exclusive(&["DDN", "AREA"])?;
    let dbd = a.req_name("DBD", 8)?;
    let area = a.name("AREA", 8)?;
    let facts = d.dbdlib.and_then(|lib| lib.dbd(&dbd));
    let r = d.recon_mut()?;
    let db = db_mut(r, &dbd)?;
    let dsid = db.dbds.iter().map(|x| x.dsid).max().unwrap_or(0) + 1;
    let mut new = match (&db.kind, area) {
        (DbKind::Fp, Some(area)) => {
            if a.has("DSN") {
                icl_bail!("ICL379E", "an AREA has no DSN; its data sets are defined with INIT.ADS");
            }
            if let Some(f) = &facts
                && !f.areas.contains(&area)
            {
                icl_bail!("ICL384E", "area {area} is not in DBD {dbd}");
            }
            let mut x = Dbds::new(&area, "", dsid);
            x.dborg = DbOrg::Dedb;
            x.dsorg = DsOrg::Vsam;
            x.area = Some(AreaInfo {
                preopen: a.choice(&["PREOPEN", "NOPREO"])? == Some("PREOPEN"),
                vso: a.choice(&["VSO", "NOVSO"])? == Some("VSO"),
                ads: Vec::new(),
            });
            x
        }
        (DbKind::Ims, None) => {
            if a.has("PREOPEN") || a.has("NOPREO") || a.has("VSO") || a.has("NOVSO") {
                icl_bail!("ICL379E", "PREOPEN/NOPREO/VSO/NOVSO apply to DEDB areas only");
            }
            let ddn = a.req_name("DDN", 8)?;
            let dsn = a.req_dsn("DSN", 44)?;
            let (dsid, dborg, dsorg) = match &facts {
                Some(f) => match f.ddnames.iter().position(|n| *n == ddn) {
                    Some(i) => ((i + 1) as u16, f.dborg, f.dsorg),
                    None => icl_bail!("ICL384E", "DD name {ddn} is not in DBD {dbd}"),
                },
                None => (dsid, DbOrg::Unknown, DsOrg::Unknown),
            };
            let mut x = Dbds::new(&ddn, &dsn, dsid);
            x.dborg = dborg;
            x.dsorg = dsorg;
            x
        }
        (DbKind::Fp, None) => icl_bail!("ICL378E", "DB {dbd} is a DEDB: INIT.DBDS needs AREA()"),
        (DbKind::Ims, Some(_)) => {
            icl_bail!("ICL382E", "DB {dbd} is not a DEDB: AREA() is not valid")
        }
        (DbKind::Haldb(_) | DbKind::Part(_), _) => {
            icl_bail!("ICL382E", "{dbd} is a HALDB: its data sets are defined by INIT.PART")
        }
    };
    apply_dbds_opts(&a, &mut new)?;
    let (ddn, cagrp) = (new.ddn.clone(), new.cagrp.clone());
    if db.dbds(&ddn).is_some() {
        icl_bail!("ICL362E", "DBDS {dbd} {ddn} is already registered in RECON");
    }
    db.dbds.push(new);
    db.dbds.sort_by_key(|x| crate::dasd::ebcdic::encode(&x.ddn));
    if let Some(g) = cagrp {
        join_cagrp(r, &g, &dbd, &ddn)?;
    }
    Ok(Vec::new())
}

/// Options INIT.DBDS and CHANGE.DBDS share.
fn apply_dbds_opts(a: &Args, x: &mut Dbds) -> Result<()> {
    if let Some(g) = a.num("GENMAX", 2, 255)? {
        x.genmax = g;
    }
    if let Some(p) = a.num("RECOVPD", 0, 999)? {
        x.recovpd = p;
    }
    if let Some(k) = a.choice(&["REUSE", "NOREUSE"])? {
        x.reuse = k == "REUSE";
    }
    if let Some(g) = a.name("CAGRP", 8)? {
        x.cagrp = Some(g);
    }
    for (kw, slot) in [
        ("ICJCL", &mut x.icjcl),
        ("OICJCL", &mut x.oicjcl),
        ("RECOVJCL", &mut x.recovjcl),
    ] {
        if let Some(m) = a.name(kw, 8)? {
            *slot = m;
        }
    }
    Ok(())
}

/// Add a DBDS to a CA group (which must exist).
fn join_cagrp(r: &mut Recon, g: &str, dbd: &str, ddn: &str) -> Result<()> {
    let Some(grp) = r.ca_groups.get_mut(g) else {
        icl_bail!("ICL381E", "CA group {g} is not registered in RECON");
    };
    if !grp.members.iter().any(|m| m.dbd == dbd && m.ddn == ddn) {
        grp.members.push(CaMember {
            dbd: dbd.to_string(),
            ddn: ddn.to_string(),
            extra: Extra::default(),
        });
    }
    Ok(())
}

/// INIT.ADS DBD() AREA() ADDN() ADSN() [AVAIL|UNAVAIL]: at most 7 per area.
pub fn init_ads(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "AREA", "ADDN", "ADSN", "AVAIL", "UNAVAIL"])?;
    let dbd = a.req_name("DBD", 8)?;
    let area = a.req_name("AREA", 8)?;
    let addn = a.req_name("ADDN", 8)?;
    let adsn = a.req_dsn("ADSN", 44)?;
    let avail = a.choice(&["AVAIL", "UNAVAIL"])? != Some("UNAVAIL");
    let r = d.recon_mut()?;
    let info = area_mut(r, &dbd, &area)?;
    if info.ads.iter().any(|x| x.addn == addn) {
        icl_bail!("ICL380E", "ADS {addn} of area {dbd} {area} is already registered");
    }
    if info.ads.len() >= 7 {
        icl_bail!("ICL383E", "area {dbd} {area} already has 7 area data sets");
    }
    info.ads.push(Ads {
        addn,
        adsn,
        avail,
        extra: Extra::default(),
    });
    info.ads.sort_by_key(|x| crate::dasd::ebcdic::encode(&x.addn));
    Ok(Vec::new())
}

fn area_mut<'r>(r: &'r mut Recon, dbd: &str, area: &str) -> Result<&'r mut AreaInfo> {
    let db = db_mut(r, dbd)?;
    match db.dbds_mut(area) {
        Some(x) => match x.area.as_mut() {
            Some(info) => Ok(info),
            None => icl_bail!("ICL382E", "{dbd} {area} is a DBDS, not a DEDB area"),
        },
        None => icl_bail!("ICL363E", "area {dbd} {area} is not registered in RECON"),
    }
}

/// CHANGE.ADS DBD() AREA() ADDN() [ADSN(new)] [AVAIL|UNAVAIL]
/// (IBM's keyword set is unconfirmed; this is the one the clone engine needs).
pub fn change_ads(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "AREA", "ADDN", "ADSN", "AVAIL", "UNAVAIL"])?;
    let dbd = a.req_name("DBD", 8)?;
    let area = a.req_name("AREA", 8)?;
    let addn = a.req_name("ADDN", 8)?;
    let adsn = a.dsn("ADSN", 44)?;
    let avail = a.choice(&["AVAIL", "UNAVAIL"])?;
    let info = area_mut(d.recon_mut()?, &dbd, &area)?;
    let Some(x) = info.ads.iter_mut().find(|x| x.addn == addn) else {
        icl_bail!("ICL363E", "ADS {addn} of area {dbd} {area} is not registered");
    };
    if let Some(n) = adsn {
        x.adsn = n;
    }
    if let Some(k) = avail {
        x.avail = k == "AVAIL";
    }
    Ok(Vec::new())
}

/// DELETE.ADS DBD() AREA() ADDN()
pub fn delete_ads(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "AREA", "ADDN"])?;
    let dbd = a.req_name("DBD", 8)?;
    let area = a.req_name("AREA", 8)?;
    let addn = a.req_name("ADDN", 8)?;
    let info = area_mut(d.recon_mut()?, &dbd, &area)?;
    let before = info.ads.len();
    info.ads.retain(|x| x.addn != addn);
    if info.ads.len() == before {
        icl_bail!("ICL363E", "ADS {addn} of area {dbd} {area} is not registered");
    }
    Ok(Vec::new())
}

/// CHANGE.DB DBD()|ALL [AUTH|NOAUTH] [READON|READOFF] [RECOVABL|NONRECOV]
/// [SHARELVL()] [PARTSEL()] [ICON|ICOFF]. ICON/ICOFF set IC NEEDED on every
/// DBDS of the DB (for a HALDB master: of every partition, except ILDS and
/// PHIDAM index, which cannot be image copied).
pub fn change_db(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "DBD", "ALL", "AUTH", "NOAUTH", "READON", "READOFF", "RECOVABL", "NONRECOV", "SHARELVL", "PARTSEL", "ICON",
            "ICOFF",
        ],
    )?;
    a.exclusive(&["DBD", "ALL"])?;
    let auth = a.choice(&["AUTH", "NOAUTH"])?;
    let read = a.choice(&["READON", "READOFF"])?;
    let recov = a.choice(&["RECOVABL", "NONRECOV"])?;
    let share: Option<u8> = a.num("SHARELVL", 0, 3)?;
    let partsel = a.name("PARTSEL", 8)?;
    let ic = a.choice(&["ICON", "ICOFF"])?;
    let all = a.flag("ALL")?;
    let dbd = if all { None } else { Some(a.req_name("DBD", 8)?) };
    let r = d.recon_mut()?;
    let names: Vec<String> = match &dbd {
        Some(n) => {
            let db = db_mut(r, n)?;
            let mut v = vec![db.name.clone()];
            if db.master().is_some() {
                v.extend(r.partitions(n).iter().map(|p| p.name.clone()));
            }
            v
        }
        None => r.dbs.keys().cloned().collect(),
    };
    if partsel.is_some() {
        match dbd.as_deref().and_then(|n| r.db(n)).and_then(Db::master) {
            Some(_) => {}
            None => icl_bail!("ICL382E", "PARTSEL is valid only for a HALDB master"),
        }
    }
    for n in &names {
        let is_named = dbd.as_deref() == Some(n.as_str()) || all;
        let Some(db) = r.db_mut(n) else { continue };
        if is_named {
            if let Some(k) = auth {
                db.prohibit_auth = k == "NOAUTH";
            }
            if let Some(k) = read {
                db.read_only = k == "READON";
            }
            if let Some(k) = recov {
                db.recoverable = k == "RECOVABL";
            }
            if let Some(s) = share {
                db.share_level = s;
            }
            if let (Some(p), DbKind::Haldb(m)) = (&partsel, &mut db.kind) {
                m.partsel = Some(p.clone());
            }
        }
        if let Some(k) = ic {
            for x in db.dbds.iter_mut().filter(|x| !is_ilds_or_index(x)) {
                x.ic_needed = k == "ICON";
            }
        }
    }
    if let Some(m) = dbd.as_deref().filter(|_| partsel.is_some()) {
        r.relink_partitions(m);
    }
    Ok(Vec::new())
}

/// ILDS (L) and PHIDAM primary index (X) data sets are rebuilt, never copied.
pub(crate) fn is_ilds_or_index(x: &Dbds) -> bool {
    // Partition data sets get DSIDs 1-10 for A-J, 11 for X and 12 for L.
    matches!(x.dborg, DbOrg::Phdam | DbOrg::Phidam) && x.dsid > 10
}

/// CHANGE.DBDS DBD() DDN()|AREA() [ICON|ICOFF] [RECOV|NORECOV] [DSN()]
/// [GENMAX()] [REUSE|NOREUSE] [RECOVPD()] [CAGRP()] [ICJCL() ...]
pub fn change_dbds(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(
        cmd,
        &[
            "DBD", "DDN", "AREA", "ICON", "ICOFF", "RECOV", "NORECOV", "DSN", "GENMAX", "REUSE", "NOREUSE", "RECOVPD",
            "CAGRP", "ICJCL", "OICJCL", "RECOVJCL", "PREOPEN", "NOPREO", "VSO", "NOVSO",
        ],
    )?;
    a.exclusive(&["DDN", "AREA"])?;
    let dbd = a.req_name("DBD", 8)?;
    let ddn = match a.name("DDN", 8)? {
        Some(n) => n,
        None => a.req_name("AREA", 8)?,
    };
    let ic = a.choice(&["ICON", "ICOFF"])?;
    let rc = a.choice(&["RECOV", "NORECOV"])?;
    let dsn = a.dsn("DSN", 44)?;
    let preopen = a.choice(&["PREOPEN", "NOPREO"])?;
    let vso = a.choice(&["VSO", "NOVSO"])?;
    let r = d.recon_mut()?;
    let db = db_mut(r, &dbd)?;
    let is_part = db.partition().is_some();
    let Some(x) = db.dbds_mut(&ddn) else {
        icl_bail!("ICL363E", "DBDS {dbd} {ddn} is not registered in RECON");
    };
    if let Some(n) = dsn {
        if x.is_area() || is_part {
            icl_bail!(
                "ICL382E",
                "DSN() cannot change {dbd} {ddn}: use CHANGE.ADS or CHANGE.PART DSNPREFX"
            );
        }
        x.dsn = n;
    }
    if let Some(k) = ic {
        x.ic_needed = k == "ICON";
    }
    if let Some(k) = rc {
        x.recov_needed = k == "RECOV";
    }
    if preopen.is_some() || vso.is_some() {
        let Some(info) = x.area.as_mut() else {
            icl_bail!("ICL382E", "PREOPEN/VSO apply to DEDB areas only");
        };
        if let Some(k) = preopen {
            info.preopen = k == "PREOPEN";
        }
        if let Some(k) = vso {
            info.vso = k == "VSO";
        }
    }
    let old_grp = x.cagrp.clone();
    apply_dbds_opts(&a, x)?;
    let new_grp = x.cagrp.clone();
    if new_grp != old_grp {
        if let Some(g) = &new_grp {
            join_cagrp(r, g, &dbd, &ddn)?;
        }
        if let Some(g) = old_grp.and_then(|g| r.ca_groups.get_mut(&g)) {
            g.members.retain(|m| !(m.dbd == dbd && m.ddn == ddn));
        }
    }
    Ok(Vec::new())
}

/// DELETE.DB DBD(): the DB and all its DBDS/history; a HALDB master takes
/// its partitions along. Refused while subsystems hold authorisation.
pub fn delete_db(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD"])?;
    let dbd = a.req_name("DBD", 8)?;
    let r = d.recon_mut()?;
    let Some(db) = r.db(&dbd) else {
        icl_bail!("ICL361E", "DB {dbd} is not registered in RECON");
    };
    if !db.auth.is_empty() {
        let who: Vec<&str> = db.auth.iter().map(|x| x.ssid.as_str()).collect();
        icl_bail!("ICL385E", "DB {dbd} is authorized to {}", who.join(", "));
    }
    r.remove_db(&dbd)?;
    Ok(Vec::new())
}

/// DELETE.DBDS DBD() DDN()|AREA()
pub fn delete_dbds(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "DDN", "AREA"])?;
    a.exclusive(&["DDN", "AREA"])?;
    let dbd = a.req_name("DBD", 8)?;
    let ddn = match a.name("DDN", 8)? {
        Some(n) => n,
        None => a.req_name("AREA", 8)?,
    };
    let r = d.recon_mut()?;
    if r.db(&dbd).and_then(Db::partition).is_some() {
        icl_bail!(
            "ICL382E",
            "{dbd} is a HALDB partition: its data sets go with DELETE.PART"
        );
    }
    r.remove_dbds(&dbd, &ddn)?;
    Ok(Vec::new())
}
