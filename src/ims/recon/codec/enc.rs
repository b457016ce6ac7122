//! Recon -> records.

use super::fields::FieldWriter;
use super::key::{Key, RecType};
use super::tags::*;
use crate::dasd::ebcdic;
use crate::ims::recon::cagrp::CaGroup;
use crate::ims::recon::db::{Db, DbKind};
use crate::ims::recon::dbds::{Dbds, IcDataSet};
use crate::ims::recon::header::Header;
use crate::ims::recon::logs::{Log, LogCopy, LogKind, Olds};
use crate::ims::recon::store::Recon;
use crate::ims::recon::subsys::{Backout, Subsys};
use std::collections::HashMap;

/// Current record format version (body byte 1).
pub const FORMAT_VERSION: u8 = 1;

/// Collects (key, fields) pairs, then sorts them into data set order.
#[derive(Default)]
struct Out {
    recs: Vec<(Key, FieldWriter)>,
}

impl Out {
    fn push(&mut self, k: Key, w: FieldWriter) {
        self.recs.push((k, w));
    }

    fn finish(self) -> Vec<Vec<u8>> {
        let mut keyed: Vec<([u8; 32], FieldWriter, RecType)> = Vec::new();
        let mut seen: HashMap<[u8; 25], u32> = HashMap::new();
        for (mut k, w) in self.recs {
            // Equal keys (two copies at the same time stamp) get sequence
            // numbers in model order so every VSAM key stays unique.
            let base = k.to_bytes();
            let mut prefix = [0u8; 25];
            prefix.copy_from_slice(&base[..25]);
            let n = seen.entry(prefix).or_insert(0);
            k.seq = *n;
            *n = n.saturating_add(1);
            keyed.push((k.to_bytes(), w, k.rtype));
        }
        keyed.sort_by_key(|a| a.0);
        keyed
            .into_iter()
            .map(|(kb, w, t)| {
                let mut r = Vec::with_capacity(34 + w.buf.len());
                r.extend_from_slice(&kb);
                r.push(t as u8);
                r.push(FORMAT_VERSION);
                r.extend_from_slice(&w.buf);
                r
            })
            .collect()
    }
}

/// Encode every record of `recon` as `key + type + version + fields`, in key order.
pub fn encode(recon: &Recon) -> Vec<Vec<u8>> {
    let mut out = Out::default();
    out.push(Key::new(RecType::Header, "", "", [0; 8]), header(&recon.header));
    for db in recon.dbs.values() {
        out.push(Key::new(RecType::Db, &db.name, "", [0; 8]), db_fields(db));
        for d in &db.dbds {
            dbds(&mut out, &db.name, d);
        }
    }
    for g in recon.ca_groups.values() {
        cagrp(&mut out, g);
    }
    for o in &recon.olds {
        out.push(olds_key(o), olds(o));
    }
    for l in &recon.logs {
        out.push(log_key(l), log(l));
    }
    for s in recon.subsystems.values() {
        out.push(Key::new(RecType::Ssys, "", &s.ssid, [0; 8]), ssys(s));
    }
    for b in recon.backouts.values() {
        out.push(Key::new(RecType::Backout, "", &b.ssid, [0; 8]), backout(b));
    }
    out.finish()
}

fn header(h: &Header) -> FieldWriter {
    let mut w = FieldWriter::new();
    w.opt_chr(hdr::SSID, h.ssid.as_deref());
    w.uint(hdr::DMB_COUNTER, u64::from(h.dmb_counter));
    w.flag(hdr::FORCER, h.force_reg);
    w.chr(hdr::LOG_CHECK, h.log_dsn_check.as_str());
    w.flag(hdr::STARTNEW, h.startnew);
    w.chr(hdr::TAPE_UNIT, &h.tape_unit);
    w.chr(hdr::DASD_UNIT, &h.dasd_unit);
    w.chr(hdr::MINVERS, &h.minvers);
    w.chr(hdr::CMDAUTH, h.cmdauth.as_str());
    w.opt_chr(hdr::CMDAUTH_HLQ, h.cmdauth_hlq.as_deref());
    w.opt_chr(hdr::IMSPLEX, h.imsplex.as_deref());
    w.time(hdr::INIT_TOKEN, h.init_token);
    for r in &h.recons {
        let mut g = FieldWriter::new();
        g.chr(hdr::RDS_DDN, &r.ddn);
        g.chr(hdr::RDS_STATUS, r.status.as_str());
        g.opt_chr(hdr::RDS_DSN, r.dsn.as_deref());
        g.extra(&r.extra);
        w.group(hdr::RECON_DS, g);
    }
    w.extra(&h.extra);
    w
}

fn db_fields(d: &Db) -> FieldWriter {
    let mut w = FieldWriter::new();
    w.chr(db::KIND, d.kind.type_word());
    w.uint(db::DMB, u64::from(d.dmb));
    w.uint(db::SHARELVL, u64::from(d.share_level));
    w.flag(db::RECOVERABLE, d.recoverable);
    w.flag(db::BACKOUT_NEEDED, d.backout_needed);
    w.flag(db::READ_ONLY, d.read_only);
    w.flag(db::PROHIBIT_AUTH, d.prohibit_auth);
    w.uint(db::USID, u64::from(d.usid));
    for a in &d.auth {
        let mut g = FieldWriter::new();
        g.chr(db::AUTH_SSID, &a.ssid);
        g.chr(db::AUTH_INTENT, a.intent.as_str());
        g.uint(db::AUTH_STATE, u64::from(a.state));
        g.extra(&a.extra);
        w.group(db::AUTH, g);
    }
    match &d.kind {
        DbKind::Ims | DbKind::Fp => {}
        DbKind::Haldb(m) => {
            w.opt_chr(db::PARTSEL, m.partsel.as_deref());
            w.uint(db::LAST_PART_ID, u64::from(m.last_part_id));
            w.flag(db::OLR_CAPABLE, m.olr_capable);
            w.flag(db::OSAM8G, m.osam8g);
            w.uint(db::DSG_COUNT, u64::from(m.dsg_count));
            w.chr(db::HALDB_DBORG, m.dborg.as_str());
            w.chr(db::HALDB_DSORG, m.dsorg.as_str());
        }
        DbKind::Part(p) => {
            w.chr(db::MASTER, &p.master);
            w.uint(db::PART_ID, u64::from(p.id));
            w.chr(db::DSN_PREFIX, &p.dsn_prefix);
            if let Some(k) = &p.key_string {
                w.bytes(db::KEY_STRING, &k.bytes);
                w.flag(db::KEY_HEX, k.hex);
            }
            for b in &p.block_sizes {
                w.uint(db::BLOCK_SIZE, u64::from(*b));
            }
            w.uint(db::FBFF, u64::from(p.fbff));
            w.uint(db::FSPF, u64::from(p.fspf));
            w.uint(db::GENMAX, u64::from(p.genmax));
            w.uint(db::RECOVPD, u64::from(p.recovpd));
            w.flag(db::REUSE, p.reuse);
            w.uint(db::REORG, u64::from(p.reorg));
            w.chr(db::ACTIVE_SET, p.active_set.as_str());
            w.flag(db::PINIT, p.pinit);
            w.opt_chr(db::PREV, p.prev.as_deref());
            w.opt_chr(db::NEXT, p.next.as_deref());
            w.uint(db::CHANGE_COUNT, u64::from(p.change_count));
        }
    }
    w.extra(&d.extra);
    w
}

fn dbds(out: &mut Out, dbd: &str, d: &Dbds) {
    let mut w = FieldWriter::new();
    if !d.dsn.is_empty() {
        w.chr(dbds::DSN, &d.dsn);
    }
    w.uint(dbds::DSID, u64::from(d.dsid));
    w.chr(dbds::DBORG, d.dborg.as_str());
    w.chr(dbds::DSORG, d.dsorg.as_str());
    w.opt_chr(dbds::CAGRP, d.cagrp.as_deref());
    w.uint(dbds::GENMAX, u64::from(d.genmax));
    w.uint(dbds::RECOVPD, u64::from(d.recovpd));
    w.flag(dbds::REUSE, d.reuse);
    w.flag(dbds::IC_NEEDED, d.ic_needed);
    w.flag(dbds::IC_RECOMMENDED, d.ic_recommended);
    w.flag(dbds::RECOV_NEEDED, d.recov_needed);
    w.flag(dbds::RECEIVE_NEEDED, d.receive_needed);
    w.uint(dbds::DSSN, u64::from(d.dssn));
    // Skeleton names are optional; an empty one is simply not written.
    for (n, v) in [
        (dbds::ICJCL, &d.icjcl),
        (dbds::OICJCL, &d.oicjcl),
        (dbds::RECOVJCL, &d.recovjcl),
    ] {
        if !v.is_empty() {
            w.chr(n, v);
        }
    }
    let rtype = match &d.area {
        Some(a) => {
            w.flag(dbds::PREOPEN, a.preopen);
            w.flag(dbds::VSO, a.vso);
            RecType::Area
        }
        None => RecType::Dbds,
    };
    w.extra(&d.extra);
    out.push(Key::new(rtype, dbd, &d.ddn, [0; 8]), w);

    if let Some(a) = &d.area {
        for ads in &a.ads {
            let mut w = FieldWriter::new();
            w.chr(ads::ADSN, &ads.adsn);
            w.flag(ads::AVAIL, ads.avail);
            w.extra(&ads.extra);
            let mut q = [0u8; 8];
            q.copy_from_slice(&ebcdic::encode_padded(&ads.addn, 8));
            out.push(Key::new(RecType::Ads, dbd, &d.ddn, q), w);
        }
    }
    for a in &d.allocs {
        let mut w = FieldWriter::new();
        w.uint(alloc::DSSN, u64::from(a.dssn));
        w.uint(alloc::USID, u64::from(a.usid));
        w.opt_time(alloc::LOG_START, a.log_start);
        w.opt_time(alloc::DEALLOC, a.dealloc);
        w.extra(&a.extra);
        out.push(Key::timed(RecType::Alloc, dbd, &d.ddn, a.time), w);
    }
    for i in &d.images {
        let mut w = FieldWriter::new();
        w.chr(image::KIND, i.kind.as_str());
        w.uint(image::USID, u64::from(i.usid));
        w.uint(image::RECORD_COUNT, i.record_count);
        w.group(image::IC1, ic_ds(&i.ic1));
        if let Some(ic2) = &i.ic2 {
            w.group(image::IC2, ic_ds(ic2));
        }
        w.extra(&i.extra);
        out.push(Key::timed(RecType::Image, dbd, &d.ddn, i.run), w);
    }
    for r in &d.reorgs {
        let mut w = FieldWriter::new();
        w.uint(reorg::USID, u64::from(r.usid));
        w.flag(reorg::ONLINE, r.online);
        w.extra(&r.extra);
        out.push(Key::timed(RecType::Reorg, dbd, &d.ddn, r.run), w);
    }
    for r in &d.recovs {
        let mut w = FieldWriter::new();
        w.opt_time(recov::END, r.end);
        w.extra(&r.extra);
        out.push(Key::timed(RecType::Recov, dbd, &d.ddn, r.run), w);
    }
}

fn ic_ds(ic: &IcDataSet) -> FieldWriter {
    let mut g = FieldWriter::new();
    g.chr(image::IC_DSN, &ic.dsn);
    g.chr(image::IC_UNIT, &ic.unit);
    g.uint(image::IC_FILESEQ, u64::from(ic.file_seq));
    for v in &ic.volsers {
        g.chr(image::IC_VOLSER, v);
    }
    g.extra(&ic.extra);
    g
}

fn cagrp(out: &mut Out, g: &CaGroup) {
    let mut w = FieldWriter::new();
    w.uint(cagrp::GRPMAX, u64::from(g.grpmax));
    w.flag(cagrp::REUSE, g.reuse);
    w.chr(cagrp::CAJCL, &g.cajcl);
    for m in &g.members {
        let mut mg = FieldWriter::new();
        mg.chr(cagrp::M_DBD, &m.dbd);
        mg.chr(cagrp::M_DDN, &m.ddn);
        mg.extra(&m.extra);
        w.group(cagrp::MEMBER, mg);
    }
    w.extra(&g.extra);
    out.push(Key::new(RecType::Cagrp, "", &g.name, [0; 8]), w);
    for c in &g.cas {
        let mut w = FieldWriter::new();
        w.opt_time(ca::STOP, c.stop);
        w.chr(ca::DSN, &c.dsn);
        w.chr(ca::UNIT, &c.unit);
        w.uint(ca::FILESEQ, u64::from(c.file_seq));
        for v in &c.volsers {
            w.chr(ca::VOLSER, v);
        }
        w.extra(&c.extra);
        out.push(Key::timed(RecType::Ca, "", &g.name, c.run), w);
    }
}

fn olds_key(o: &Olds) -> Key {
    let t = match o.copy {
        LogCopy::Primary => RecType::Priold,
        LogCopy::Secondary => RecType::Secold,
    };
    Key::new(t, "", &o.ssid, [0; 8])
}

fn olds(o: &Olds) -> FieldWriter {
    let mut w = FieldWriter::new();
    for e in &o.entries {
        let mut g = FieldWriter::new();
        g.chr(olds::E_DDN, &e.ddn);
        g.chr(olds::E_DSN, &e.dsn);
        g.chr(olds::E_STATUS, e.status.as_str());
        g.opt_time(olds::E_START, e.start);
        g.opt_time(olds::E_STOP, e.stop);
        g.extra(&e.extra);
        w.group(olds::ENTRY, g);
    }
    w.extra(&o.extra);
    w
}

/// Record type of a log record.
pub fn log_type(kind: LogKind, copy: LogCopy) -> RecType {
    match (kind, copy) {
        (LogKind::Rlds, LogCopy::Primary) => RecType::Prilog,
        (LogKind::Rlds, LogCopy::Secondary) => RecType::Seclog,
        (LogKind::Slds, LogCopy::Primary) => RecType::Prisld,
        (LogKind::Slds, LogCopy::Secondary) => RecType::Secsld,
    }
}

fn log_key(l: &Log) -> Key {
    Key::timed(log_type(l.kind, l.copy), "", &l.ssid, l.start)
}

fn log(l: &Log) -> FieldWriter {
    let mut w = FieldWriter::new();
    w.opt_time(log::STOP, l.stop);
    w.chr(log::VERSION, &l.version);
    for d in &l.dsns {
        let mut g = FieldWriter::new();
        g.chr(log::D_DSN, &d.dsn);
        g.chr(log::D_UNIT, &d.unit);
        for v in &d.volsers {
            g.chr(log::D_VOLSER, v);
        }
        g.time(log::D_START, d.start);
        g.opt_time(log::D_STOP, d.stop);
        g.extra(&d.extra);
        w.group(log::DSN_ENTRY, g);
    }
    w.extra(&l.extra);
    w
}

fn ssys(s: &Subsys) -> FieldWriter {
    let mut w = FieldWriter::new();
    w.chr(ssys::SSTYPE, s.sstype.as_str());
    w.opt_chr(ssys::IRLMID, s.irlmid.as_deref());
    w.flag(ssys::ABNORMAL_TERM, s.abnormal_term);
    w.flag(ssys::RECOVERY_STARTED, s.recovery_started);
    w.opt_time(ssys::LOG_START, s.log_start);
    for a in &s.auth {
        let mut g = FieldWriter::new();
        g.chr(ssys::A_DBD, &a.dbd);
        g.opt_chr(ssys::A_AREA, a.area.as_deref());
        g.chr(ssys::A_INTENT, a.intent.as_str());
        g.extra(&a.extra);
        w.group(ssys::AUTH, g);
    }
    w.extra(&s.extra);
    w
}

fn backout(b: &Backout) -> FieldWriter {
    let mut w = FieldWriter::new();
    for u in &b.uors {
        let mut g = FieldWriter::new();
        g.time(bkout::U_TIME, u.time);
        g.chr(bkout::U_PSB, &u.psb);
        for d in &u.dbs {
            g.chr(bkout::U_DB, d);
        }
        g.extra(&u.extra);
        w.group(bkout::UOR, g);
    }
    w.extra(&b.extra);
    w
}
