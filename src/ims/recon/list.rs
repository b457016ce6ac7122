//! LIST output in the layout of DBRC's LIST commands (IMS-REFERENCE §3.2).
//!
//! Field names are IBM's; the column layout is approximated. Output depends
//! only on the records, so equal RECONs list identically.

use super::cagrp::CaGroup;
use super::db::{Db, DbKind, KeyString};
use super::dbds::Dbds;
use super::header::Header;
use super::logs::{Log, Olds};
use super::store::Recon;
use super::subsys::{Backout, Subsys};
use super::time::{ReconTime, hex};
use crate::dasd::ebcdic;

/// The separator DBRC prints between records.
pub const SEPARATOR: &str = "------------------------------------------------------------------------";

/// LIST output and the number of records it shows (for DSP0180I).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub lines: Vec<String>,
    pub records: usize,
}

impl Listing {
    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn sep(&mut self) {
        self.line(SEPARATOR);
    }

    /// Count one record and print its separator first.
    fn record(&mut self) {
        self.records += 1;
        self.sep();
    }

    pub fn text(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

fn null(s: Option<&str>) -> &str {
    s.unwrap_or("**NULL**")
}

fn onoff(b: bool) -> &'static str {
    if b { "ON" } else { "OFF" }
}

fn yesno(b: bool) -> &'static str {
    if b { "YES" } else { "NO" }
}

fn t(o: Option<ReconTime>) -> String {
    o.map_or_else(|| "00.000 00:00:00.0".to_string(), |x| x.to_string())
}

/// LIST.RECON: the header, then every record in key order.
pub fn list_recon(r: &Recon) -> Listing {
    let mut l = Listing::default();
    header(&mut l, &r.header);
    for db in r.dbs.values() {
        db_record(&mut l, r, db);
        for d in &db.dbds {
            dbds_record(&mut l, db, d);
        }
    }
    for g in r.ca_groups.values() {
        cagrp(&mut l, g);
    }
    log_records(&mut l, r);
    for s in r.subsystems.values() {
        subsys(&mut l, s);
    }
    for b in r.backouts.values() {
        backout(&mut l, b);
    }
    l
}

/// LIST.RECON STATUS: the header only.
pub fn list_recon_status(r: &Recon) -> Listing {
    let mut l = Listing::default();
    header(&mut l, &r.header);
    l
}

fn header(l: &mut Listing, h: &Header) {
    l.records += 1;
    l.line("RECON");
    l.line(format!(
        "  RECOVERY CONTROL DATA SET, IMS V{}",
        h.minvers.replace('.', "R")
    ));
    l.line(format!(
        "  DMB#={:<30}INIT TOKEN={}",
        h.dmb_counter,
        hex(&h.init_token.to_packed())
    ));
    l.line(format!(
        "  {}  LOG DSN CHECK={:<9}STARTNEW={}",
        if h.force_reg { "FORCER  " } else { "NOFORCER" },
        h.log_dsn_check,
        yesno(h.startnew)
    ));
    l.line(format!(
        "  TAPE UNIT={:<8}  DASD UNIT={:<8} TRACEOFF   SSID={}",
        h.tape_unit,
        h.dasd_unit,
        null(h.ssid.as_deref())
    ));
    l.line(format!(
        "  MINIMUM VERSION = {:<16}COMMAND AUTH={}  HLQ={}",
        h.minvers,
        h.cmdauth,
        null(h.cmdauth_hlq.as_deref())
    ));
    l.line(format!(
        "  IMSPLEX = {}   GROUP ID = ** NONE **",
        h.imsplex.as_deref().unwrap_or("** NONE **")
    ));
    l.line("  -DDNAME-     -STATUS-     -DATA SET NAME-");
    for rd in &h.recons {
        l.line(format!(
            "  {:<12} {:<12} {}",
            rd.ddn,
            rd.status.as_str(),
            rd.dsn.as_deref().unwrap_or("** NOT ALLOCATED **")
        ));
    }
}

/// LIST.DB [DBD(name)] [DBDS]: one DB (a HALDB master with its partitions)
/// or, with `dbd` None, every DB. `None` when the DBD is not registered.
pub fn list_db(r: &Recon, dbd: Option<&str>, with_dbds: bool) -> Option<Listing> {
    let mut l = Listing::default();
    let mut dbs: Vec<&Db> = Vec::new();
    match dbd {
        Some(name) => {
            let db = r.db(name)?;
            dbs.push(db);
            if db.master().is_some() {
                dbs.extend(r.partitions(name));
            }
        }
        None => dbs.extend(r.dbs.values()),
    }
    for db in dbs {
        db_record(&mut l, r, db);
        if with_dbds {
            for d in &db.dbds {
                dbds_record(&mut l, db, d);
            }
        }
    }
    Some(l)
}

/// LIST.DBDS DBD(name) [DDN(ddn)|AREA(area)]: DBDS records with history.
pub fn list_dbds(r: &Recon, dbd: &str, ddn: Option<&str>) -> Option<Listing> {
    let db = r.db(dbd)?;
    let mut l = Listing::default();
    let mut any = false;
    for d in db.dbds.iter().filter(|d| ddn.is_none_or(|n| n == d.ddn)) {
        dbds_record(&mut l, db, d);
        any = true;
    }
    (any || ddn.is_none()).then_some(l)
}

fn db_record(l: &mut Listing, r: &Recon, db: &Db) {
    l.record();
    l.line("DB");
    match &db.kind {
        DbKind::Part(p) => {
            l.line(format!(
                "  DBD={:<10} MASTER DB={:<9} CHANGE#={:<8}TYPE=PART",
                db.name, p.master, p.change_count
            ));
            l.line(format!(
                "  PARTITION ID={:05}   PREVIOUS PARTITION={}   NEXT PARTITION={}",
                p.id,
                null(p.prev.as_deref()),
                null(p.next.as_deref())
            ));
            l.line(format!(
                "  DSN PREFIX={:<20} ACTIVE DBDS={}    REORG#={:05}",
                p.dsn_prefix, p.active_set, p.reorg
            ));
            l.line(format!(
                "  FREE SPACE: FREE BLOCK FREQ FACTOR={}   FREE SPACE PERCENTAGE={}",
                p.fbff, p.fspf
            ));
            match &p.key_string {
                Some(k) => l.line(key_line(k)),
                None => l.line("  PARTITION HIGH KEY/STRING: **NULL**"),
            }
            if !p.block_sizes.is_empty() {
                let sizes: Vec<String> = p
                    .block_sizes
                    .iter()
                    .enumerate()
                    .map(|(i, b)| format!("{} = {b}", super::store::dsg_letter(i)))
                    .collect();
                l.line(format!("  OSAM BLOCK SIZE:  {}", sizes.join("   ")));
            }
            l.line(format!(
                "  GENMAX={}   RECOVPD={}   {}",
                p.genmax,
                p.recovpd,
                if p.reuse { "REUSE" } else { "NOREUSE" }
            ));
            l.line(format!(
                "  FLAGS: PARTITION INIT NEEDED={}   IMAGE COPY NEEDED COUNT={}",
                yesno(p.pinit),
                db.ic_needed_count()
            ));
        }
        DbKind::Haldb(m) => {
            l.line(format!("  DBD={:<40}DMB#={:<9}TYPE=HALDB", db.name, db.dmb));
            l.line(format!(
                "  SHARE LEVEL={}   PARTITION SELECTION ROUTINE={}",
                db.share_level,
                null(m.partsel.as_deref())
            ));
            let parts = r.partitions(&db.name);
            l.line(format!(
                "  NUMBER OF PARTITIONS={:<6}DATA SET GROUP MEMBERS={}   LAST PARTITION ID={:05}",
                parts.len(),
                m.dsg_count,
                m.last_part_id
            ));
            l.line(format!(
                "  RECOVERABLE={}   ONLINE REORG CAPABLE={}   OSAM8G={}",
                yesno(db.recoverable),
                yesno(m.olr_capable),
                yesno(m.osam8g)
            ));
            if !parts.is_empty() {
                let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
                l.line(format!("  PARTITIONS: {}", names.join(" ")));
            }
            flags(l, db);
        }
        DbKind::Ims | DbKind::Fp => {
            l.line(format!(
                "  DBD={:<40}DMB#={:<9}TYPE={}",
                db.name,
                db.dmb,
                db.kind.type_word()
            ));
            l.line(format!(
                "  SHARE LEVEL={:<7}GSGNAME=**NULL**   USID={:010}",
                db.share_level, db.usid
            ));
            flags(l, db);
        }
    }
}

fn key_line(k: &KeyString) -> String {
    let printable = k.bytes.iter().all(|&b| {
        let c = ebcdic::e2c(b);
        c.is_ascii_graphic() || c == ' '
    });
    if k.hex || !printable {
        format!("  PARTITION HIGH KEY/STRING (HEX): {}", hex(&k.bytes))
    } else {
        format!("  PARTITION HIGH KEY/STRING (CHAR): {}", ebcdic::decode(&k.bytes))
    }
}

fn flags(l: &mut Listing, db: &Db) {
    l.line("  FLAGS:                               COUNTERS:");
    l.line(format!(
        "    BACKOUT NEEDED        ={:<3}          RECOVERY NEEDED COUNT   ={}",
        onoff(db.backout_needed),
        db.recov_needed_count()
    ));
    l.line(format!(
        "    READ ONLY             ={:<3}          IMAGE COPY NEEDED COUNT ={}",
        onoff(db.read_only),
        db.ic_needed_count()
    ));
    l.line(format!(
        "    PROHIBIT AUTHORIZATION={:<3}          AUTHORIZED SUBSYSTEMS   ={}",
        onoff(db.prohibit_auth),
        db.auth.len()
    ));
    l.line(format!(
        "    RECOVERABLE           ={:<3}          EEQE COUNT              =0",
        yesno(db.recoverable)
    ));
    if !db.auth.is_empty() {
        l.line("  ASSOCIATED SUBSYSTEM INFORMATION:");
        l.line("    -SSID-   -ACCESS INTENT-  -STATE-");
        for a in &db.auth {
            l.line(format!("    {:<8} {:<16} {}", a.ssid, a.intent, a.state));
        }
    }
}

fn dbds_record(l: &mut Listing, db: &Db, d: &Dbds) {
    l.record();
    l.line("DBDS");
    let ty = db.kind.type_word();
    match &d.area {
        Some(_) => l.line(format!("  DBD={:<8} AREA={:<8} TYPE={}", db.name, d.ddn, ty)),
        None => {
            l.line(format!("  DSN={:<48}TYPE={ty}", d.dsn));
            l.line(format!(
                "  DBD={:<8} DDN={:<8} DSID={:03}  DBORG={:<6} DSORG={}",
                db.name, d.ddn, d.dsid, d.dborg, d.dsorg
            ));
        }
    }
    l.line(format!(
        "  CAGRP={:<9} GENMAX={:<4} IC AVAIL=0   IC USED={}   DSSN={:08}",
        null(d.cagrp.as_deref()),
        d.genmax,
        d.images.len(),
        d.dssn
    ));
    l.line(format!(
        "  {}   RECOVPD={}   ICJCL={}  OICJCL={}  RECOVJCL={}",
        if d.reuse { "REUSE" } else { "NOREUSE" },
        d.recovpd,
        d.icjcl,
        d.oicjcl,
        d.recovjcl
    ));
    if let Some(a) = &d.area {
        l.line(format!(
            "  {}   {}",
            if a.preopen { "PREOPEN" } else { "NOPREO" },
            if a.vso { "VSO" } else { "NOVSO" }
        ));
    }
    l.line("  FLAGS:                               COUNTERS:");
    l.line(format!("    IC NEEDED      ={}", onoff(d.ic_needed)));
    l.line(format!("    IC RECOMMENDED ={}", onoff(d.ic_recommended)));
    l.line(format!("    RECOV NEEDED   ={}", onoff(d.recov_needed)));
    l.line(format!(
        "    RECEIVE NEEDED ={:<3}                  EEQE COUNT              =0",
        onoff(d.receive_needed)
    ));
    if let Some(a) = &d.area {
        l.line("  ADS LIST:");
        l.line("                                        -CREATE-");
        l.line("    -ADS DDN- -ADS DSN-                 -RUNNING-   -STATUS-");
        for ads in &a.ads {
            l.line(format!(
                "    {:<9} {:<38}{}",
                ads.addn,
                ads.adsn,
                if ads.avail { "AVAIL" } else { "UNAVAIL" }
            ));
        }
    }
    for a in &d.allocs {
        l.line("  ALLOC");
        l.line(format!(
            "    ALLOC ={} *   DSSN={:010}   USID={:010}",
            a.time, a.dssn, a.usid
        ));
        l.line(format!("    START ={}", t(a.log_start)));
        if let Some(x) = a.dealloc {
            l.line(format!("    DEALLOC ={x}"));
        }
    }
    for i in &d.images {
        l.line("  IMAGE");
        l.line(format!("    RUN   ={} *   RECORD COUNT ={}", i.run, i.record_count));
        l.line(format!("    {:<9} USID={:010}", i.kind, i.usid));
        for (n, ic) in std::iter::once(("IC1", &i.ic1)).chain(i.ic2.iter().map(|x| ("IC2", x))) {
            l.line(format!(
                "    {n}  DSN={:<40} FILE SEQ={:04}   UNIT={}   VOLSER={}",
                ic.dsn,
                ic.file_seq,
                ic.unit,
                ic.volsers.join(",")
            ));
        }
    }
    for r in &d.reorgs {
        l.line("  REORG");
        l.line(format!(
            "    RUN   ={} *   USID={:010}   {}",
            r.run,
            r.usid,
            if r.online { "ONLINE" } else { "BATCH" }
        ));
    }
    for r in &d.recovs {
        l.line("  RECOV");
        l.line(format!("    RUN   ={} *   RUN USID=0000000000", r.run));
        if let Some(e) = r.end {
            l.line(format!("    RCVTIME={e}"));
        }
    }
}

fn cagrp(l: &mut Listing, g: &CaGroup) {
    l.record();
    l.line("CAGRP");
    l.line(format!(
        "  GRPNAME={:<9} GRPMAX={:<4} CA AVAIL=0   CA USED={}   {}   CAJCL={}",
        g.name,
        g.grpmax,
        g.cas.len(),
        if g.reuse { "REUSE" } else { "NOREUSE" },
        g.cajcl
    ));
    l.line(format!("  #MEMBERS={}   -DBD-    -DDN-", g.members.len()));
    for m in &g.members {
        l.line(format!("               {:<8} {}", m.dbd, m.ddn));
    }
    for c in &g.cas {
        l.record();
        l.line("CA");
        l.line(format!("  DSN={:<44}   FILE SEQ={:04}", c.dsn, c.file_seq));
        l.line(format!(
            "  CAGRP={:<9} UNIT={:<8} VOLSER={}",
            g.name,
            c.unit,
            c.volsers.join(",")
        ));
        l.line(format!("  RUN   = {} *   STOP = {}", c.run, t(c.stop)));
    }
}

/// LIST.LOG: PRIOLD/SECOLD then PRILOG/SECLOG/PRISLD/SECSLD records.
pub fn list_log(r: &Recon, ssid: Option<&str>) -> Listing {
    let mut l = Listing::default();
    let sel = |s: &str| ssid.is_none_or(|x| x == s);
    for o in r.olds.iter().filter(|o| sel(&o.ssid)) {
        olds(&mut l, o);
    }
    for g in r.logs.iter().filter(|g| sel(&g.ssid)) {
        log(&mut l, g);
    }
    l
}

fn log_records(l: &mut Listing, r: &Recon) {
    for o in &r.olds {
        olds(l, o);
    }
    for g in &r.logs {
        log(l, g);
    }
}

fn olds(l: &mut Listing, o: &Olds) {
    l.record();
    l.line(o.record_name());
    l.line(format!("  SSID={:<8} # DD ENTRIES={}", o.ssid, o.entries.len()));
    for e in &o.entries {
        l.line(format!(
            "  DDNAME={:<10} DSN={:<28} START={}  STOP={}  STATUS={}",
            e.ddn,
            e.dsn,
            t(e.start),
            t(e.stop),
            e.status
        ));
    }
}

fn log(l: &mut Listing, g: &Log) {
    l.record();
    l.line(g.record_name());
    l.line(format!(
        "  START={} *  SSID={:<8} VERSION={}   #DSN={}",
        g.start,
        g.ssid,
        g.version,
        g.dsns.len()
    ));
    l.line(format!("  STOP ={}", t(g.stop)));
    for d in &g.dsns {
        l.line(format!(
            "  DSN={:<36} UNIT={:<8} VOLSER={}",
            d.dsn,
            d.unit,
            d.volsers.join(",")
        ));
        l.line(format!("    START={}   STOP={}", d.start, t(d.stop)));
    }
}

/// LIST.SUBSYS [SSID(name)]: subsystem records.
pub fn list_subsys(r: &Recon, ssid: Option<&str>) -> Listing {
    let mut l = Listing::default();
    for s in r.subsystems.values().filter(|s| ssid.is_none_or(|x| x == s.ssid)) {
        subsys(&mut l, s);
    }
    l
}

fn subsys(l: &mut Listing, s: &Subsys) {
    l.record();
    l.line("SSYS");
    l.line(format!(
        "  SSID={:<8} SSTYPE={:<7} ABNORMAL TERM={:<4} RECOVERY STARTED={}",
        s.ssid,
        s.sstype,
        onoff(s.abnormal_term),
        yesno(s.recovery_started)
    ));
    l.line(format!(
        "  IRLMID={:<8} IRLM STATUS={}   AUTHORIZED DATA BASES/AREAS={}",
        null(s.irlmid.as_deref()),
        if s.irlmid.is_some() { "NORMAL" } else { "**NULL**" },
        s.auth.len()
    ));
    l.line(format!("  LOG START={}", t(s.log_start)));
    if !s.auth.is_empty() {
        l.line("    -DBD-    -AREA-   -ACCESS INTENT-");
        for a in &s.auth {
            l.line(format!("    {:<8} {:<8} {}", a.dbd, null(a.area.as_deref()), a.intent));
        }
    }
}

fn backout(l: &mut Listing, b: &Backout) {
    l.record();
    l.line("BACKOUT");
    l.line(format!("  SSID={:<8} #UORS={}", b.ssid, b.uors.len()));
    for u in &b.uors {
        l.line(format!(
            "  UOR TIME={}   PSB={:<8} DBS={}",
            u.time,
            u.psb,
            u.dbs.join(",")
        ));
    }
}
