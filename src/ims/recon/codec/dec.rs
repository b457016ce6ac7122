//! Records -> Recon, validating every byte: bad input gives an ICL error.

use super::enc::FORMAT_VERSION;
use super::fields::FieldReader;
use super::key::{KEY_LEN, Key, RecType};
use super::tags::*;
use crate::ims::recon::cagrp::{Ca, CaGroup, CaMember};
use crate::ims::recon::db::{AccessIntent, ActiveSet, Db, DbAuth, DbKind, HaldbMaster, KeyString, Partition};
use crate::ims::recon::dbds::{Ads, Alloc, AreaInfo, DbOrg, Dbds, DsOrg, IcDataSet, IcKind, Image, Recov, Reorg};
use crate::ims::recon::header::{CmdAuth, Header, LogDsnCheck, ReconDs, ReconStatus};
use crate::ims::recon::logs::{Log, LogCopy, LogDsn, LogKind, Olds, OldsEntry, OldsStatus};
use crate::ims::recon::store::Recon;
use crate::ims::recon::subsys::{Backout, SsType, Subsys, SubsysAuth, Uor};
use crate::ims::recon::time::hex;
use crate::msg::Result;
use crate::{icl, icl_bail};
use std::collections::{BTreeMap, HashSet};

/// Decode the records of a RECON data set (any order) into a canonical `Recon`.
pub fn decode(records: &[Vec<u8>]) -> Result<Recon> {
    // Key order is the canonical order; children attach in that order.
    let mut recs: Vec<&Vec<u8>> = records.iter().collect();
    recs.sort_by(|a, b| a.get(..KEY_LEN).cmp(&b.get(..KEY_LEN)));
    let mut seen = HashSet::new();
    let mut header: Option<Header> = None;
    let mut dbs: BTreeMap<String, Db> = BTreeMap::new();
    let mut children: Vec<(Key, FieldReader, String)> = Vec::new();
    let mut recon_parts = Parts::default();

    for (i, rec) in recs.iter().enumerate() {
        if rec.len() < KEY_LEN + 2 {
            icl_bail!(
                "ICL355E",
                "RECON record {} has {} bytes, fewer than key and record prefix ({})",
                i + 1,
                rec.len(),
                KEY_LEN + 2
            );
        }
        let kb = &rec[..KEY_LEN];
        let key = Key::parse(kb)?;
        if !seen.insert(kb.to_vec()) {
            if key.rtype == RecType::Header {
                icl_bail!("ICL358E", "RECON has more than one header record");
            }
            icl_bail!("ICL358E", "duplicate RECON key X'{}'", hex(kb));
        }
        if rec[KEY_LEN] != key.rtype as u8 {
            icl_bail!(
                "ICL359E",
                "record type X'{:02X}' in the body differs from X'{:02X}' in key X'{}'",
                rec[KEY_LEN],
                key.rtype as u8,
                hex(kb)
            );
        }
        if rec[KEY_LEN + 1] != FORMAT_VERSION {
            icl_bail!(
                "ICL359E",
                "record format version {} of key X'{}' is not supported (this imsclone reads {FORMAT_VERSION})",
                rec[KEY_LEN + 1],
                hex(kb)
            );
        }
        let ctx = describe(&key);
        let r = FieldReader::parse(&rec[KEY_LEN + 2..], &ctx)?;
        match key.rtype {
            RecType::Header => {
                if header.is_some() {
                    icl_bail!("ICL358E", "RECON has more than one header record");
                }
                header = Some(dec_header(r)?);
            }
            RecType::Db => {
                let db = dec_db(&key, r)?;
                dbs.insert(db.name.clone(), db);
            }
            RecType::Cagrp => recon_parts.cagrp(&key, r)?,
            RecType::Ca => recon_parts.ca(&key, r)?,
            RecType::Priold | RecType::Secold => recon_parts.olds(&key, r)?,
            RecType::Prilog | RecType::Seclog | RecType::Prisld | RecType::Secsld => recon_parts.log(&key, r)?,
            RecType::Ssys => recon_parts.ssys(&key, r)?,
            RecType::Backout => recon_parts.backout(&key, r)?,
            _ => children.push((key, r, ctx)),
        }
    }
    let Some(header) = header else {
        icl_bail!(
            "ICL370E",
            "RECON has no header record (empty or not initialised by INIT.RECON)"
        );
    };
    for (key, r, ctx) in children {
        attach(&mut dbs, key, r, &ctx)?;
    }
    Ok(Recon {
        header,
        dbs,
        ca_groups: recon_parts.ca_groups,
        olds: recon_parts.olds,
        logs: recon_parts.logs,
        subsystems: recon_parts.subsystems,
        backouts: recon_parts.backouts,
    })
}

fn describe(k: &Key) -> String {
    match k.rtype {
        RecType::Header => "RECON header".into(),
        t if t.is_database() => format!("{t:?} record {} {}", k.name1, k.name2).trim_end().to_string(),
        t => format!("{t:?} record {}", k.name2),
    }
}

fn dec_header(mut r: FieldReader) -> Result<Header> {
    let mut recons = Vec::new();
    for mut g in r.groups(hdr::RECON_DS, "RECON data set")? {
        recons.push(ReconDs {
            ddn: g.req_name(hdr::RDS_DDN, "RECON DD name", 8)?,
            status: g.req_kw(hdr::RDS_STATUS, "RECON status", ReconStatus::from_kw)?,
            dsn: g.dsn(hdr::RDS_DSN, "RECON DSN", 44)?,
            extra: g.finish(),
        });
    }
    Ok(Header {
        ssid: r.name(hdr::SSID, "SSID", 8)?,
        dmb_counter: r.num(hdr::DMB_COUNTER)?,
        force_reg: r.flag(hdr::FORCER)?,
        log_dsn_check: r.req_kw(hdr::LOG_CHECK, "log DSN check", LogDsnCheck::from_kw)?,
        startnew: r.flag(hdr::STARTNEW)?,
        tape_unit: r.chr(hdr::TAPE_UNIT)?.unwrap_or_default(),
        dasd_unit: r.chr(hdr::DASD_UNIT)?.unwrap_or_default(),
        minvers: r.chr(hdr::MINVERS)?.unwrap_or_default(),
        cmdauth: r.req_kw(hdr::CMDAUTH, "CMDAUTH", CmdAuth::from_kw)?,
        cmdauth_hlq: r.chr(hdr::CMDAUTH_HLQ)?,
        imsplex: r.name(hdr::IMSPLEX, "IMSPLEX", 8)?,
        init_token: r.req_time(hdr::INIT_TOKEN, "INIT TOKEN")?,
        recons,
        extra: r.finish(),
    })
}

fn dec_db(key: &Key, mut r: FieldReader) -> Result<Db> {
    let kind_word = r.req_chr(db::KIND, "DB TYPE")?;
    let mut auth = Vec::new();
    for mut g in r.groups(db::AUTH, "authorization")? {
        auth.push(DbAuth {
            ssid: g.req_name(db::AUTH_SSID, "SSID", 8)?,
            intent: g.req_kw(db::AUTH_INTENT, "access intent", AccessIntent::from_kw)?,
            state: g.num(db::AUTH_STATE)?,
            extra: g.finish(),
        });
    }
    let kind = match kind_word.as_str() {
        "IMS" => DbKind::Ims,
        "FP" => DbKind::Fp,
        "HALDB" => DbKind::Haldb(HaldbMaster {
            partsel: r.name(db::PARTSEL, "PARTSEL", 8)?,
            last_part_id: r.num(db::LAST_PART_ID)?,
            olr_capable: r.flag(db::OLR_CAPABLE)?,
            osam8g: r.flag(db::OSAM8G)?,
            dsg_count: r.num(db::DSG_COUNT)?,
            dborg: r.req_kw(db::HALDB_DBORG, "HALDB DBORG", DbOrg::from_kw)?,
            dsorg: r.req_kw(db::HALDB_DSORG, "HALDB DSORG", DsOrg::from_kw)?,
        }),
        "PART" => {
            let bytes = r.bytes(db::KEY_STRING)?;
            let hex = r.flag(db::KEY_HEX)?;
            DbKind::Part(Partition {
                master: r.req_name(db::MASTER, "master DBD", 8)?,
                id: r.num(db::PART_ID)?,
                dsn_prefix: r.req_dsn(db::DSN_PREFIX, "DSN prefix", 37)?,
                key_string: bytes.map(|bytes| KeyString { bytes, hex }),
                block_sizes: r.nums(db::BLOCK_SIZE)?,
                fbff: r.num(db::FBFF)?,
                fspf: r.num(db::FSPF)?,
                genmax: r.num(db::GENMAX)?,
                recovpd: r.num(db::RECOVPD)?,
                reuse: r.flag(db::REUSE)?,
                reorg: r.num(db::REORG)?,
                active_set: r.req_kw(db::ACTIVE_SET, "active set", ActiveSet::from_kw)?,
                pinit: r.flag(db::PINIT)?,
                prev: r.name(db::PREV, "previous partition", 8)?,
                next: r.name(db::NEXT, "next partition", 8)?,
                change_count: r.num(db::CHANGE_COUNT)?,
            })
        }
        other => icl_bail!("ICL368E", "DB record {}: TYPE '{other}' is unknown", key.name1),
    };
    Ok(Db {
        name: key.name1.clone(),
        kind,
        dmb: r.num(db::DMB)?,
        share_level: r.num(db::SHARELVL)?,
        recoverable: r.flag(db::RECOVERABLE)?,
        backout_needed: r.flag(db::BACKOUT_NEEDED)?,
        read_only: r.flag(db::READ_ONLY)?,
        prohibit_auth: r.flag(db::PROHIBIT_AUTH)?,
        usid: r.num(db::USID)?,
        auth,
        dbds: Vec::new(),
        extra: r.finish(),
    })
}

/// Hang a DBDS/AREA/ADS/ALLOC/IMAGE/REORG/RECOV record on its parent.
fn attach(dbs: &mut BTreeMap<String, Db>, key: Key, mut r: FieldReader, ctx: &str) -> Result<()> {
    let orphan = || icl!("ICL369E", "{ctx}: its DB or DBDS record is missing");
    let db = dbs.get_mut(&key.name1).ok_or_else(orphan)?;
    if matches!(key.rtype, RecType::Dbds | RecType::Area) {
        if db.dbds(&key.name2).is_some() {
            icl_bail!("ICL358E", "{ctx}: DD name recorded twice");
        }
        let d = dec_dbds(&key, r)?;
        db.dbds.push(d);
        return Ok(());
    }
    let d = db.dbds_mut(&key.name2).ok_or_else(orphan)?;
    match key.rtype {
        RecType::Ads => {
            let addn = key.qualifier_name("ADDN")?;
            let Some(area) = d.area.as_mut() else {
                icl_bail!("ICL369E", "{ctx}: ADS {addn} belongs to a DBDS that is not a DEDB area");
            };
            area.ads.push(Ads {
                addn,
                adsn: r.req_dsn(ads::ADSN, "ADSN", 44)?,
                avail: r.flag(ads::AVAIL)?,
                extra: r.finish(),
            });
        }
        RecType::Alloc => d.allocs.push(Alloc {
            time: key.time()?,
            dssn: r.num(alloc::DSSN)?,
            usid: r.num(alloc::USID)?,
            log_start: r.time(alloc::LOG_START)?,
            dealloc: r.time(alloc::DEALLOC)?,
            extra: r.finish(),
        }),
        RecType::Image => {
            let ic1 = match r.group(image::IC1, "IC1")? {
                Some(g) => dec_ic(g)?,
                None => icl_bail!("ICL367E", "{ctx}: required field IC1 is missing"),
            };
            let ic2 = match r.group(image::IC2, "IC2")? {
                Some(g) => Some(dec_ic(g)?),
                None => None,
            };
            d.images.push(Image {
                run: key.time()?,
                kind: r.req_kw(image::KIND, "image copy type", IcKind::from_kw)?,
                usid: r.num(image::USID)?,
                record_count: r.num(image::RECORD_COUNT)?,
                ic1,
                ic2,
                extra: r.finish(),
            });
        }
        RecType::Reorg => d.reorgs.push(Reorg {
            run: key.time()?,
            usid: r.num(reorg::USID)?,
            online: r.flag(reorg::ONLINE)?,
            extra: r.finish(),
        }),
        RecType::Recov => d.recovs.push(Recov {
            run: key.time()?,
            end: r.time(recov::END)?,
            extra: r.finish(),
        }),
        _ => icl_bail!("ICL357E", "{ctx}: record type is not a database record"),
    }
    Ok(())
}

fn dec_dbds(key: &Key, mut r: FieldReader) -> Result<Dbds> {
    let is_area = key.rtype == RecType::Area;
    let dsn = if is_area {
        r.dsn(dbds::DSN, "DSN", 44)?.unwrap_or_default()
    } else {
        r.req_dsn(dbds::DSN, "DSN", 44)?
    };
    let mut d = Dbds::new(&key.name2, &dsn, r.num(dbds::DSID)?);
    d.dborg = r.req_kw(dbds::DBORG, "DBORG", DbOrg::from_kw)?;
    d.dsorg = r.req_kw(dbds::DSORG, "DSORG", DsOrg::from_kw)?;
    d.cagrp = r.name(dbds::CAGRP, "CAGRP", 8)?;
    d.genmax = r.num(dbds::GENMAX)?;
    d.recovpd = r.num(dbds::RECOVPD)?;
    d.reuse = r.flag(dbds::REUSE)?;
    d.ic_needed = r.flag(dbds::IC_NEEDED)?;
    d.ic_recommended = r.flag(dbds::IC_RECOMMENDED)?;
    d.recov_needed = r.flag(dbds::RECOV_NEEDED)?;
    d.receive_needed = r.flag(dbds::RECEIVE_NEEDED)?;
    d.dssn = r.num(dbds::DSSN)?;
    d.icjcl = r.name(dbds::ICJCL, "ICJCL", 8)?.unwrap_or_default();
    d.oicjcl = r.name(dbds::OICJCL, "OICJCL", 8)?.unwrap_or_default();
    d.recovjcl = r.name(dbds::RECOVJCL, "RECOVJCL", 8)?.unwrap_or_default();
    let preopen = r.flag(dbds::PREOPEN)?;
    let vso = r.flag(dbds::VSO)?;
    if is_area {
        d.area = Some(AreaInfo {
            preopen,
            vso,
            ads: Vec::new(),
        });
    }
    d.extra = r.finish();
    Ok(d)
}

fn dec_ic(mut g: FieldReader) -> Result<IcDataSet> {
    Ok(IcDataSet {
        dsn: g.req_dsn(image::IC_DSN, "IC DSN", 44)?,
        unit: g.chr(image::IC_UNIT)?.unwrap_or_default(),
        file_seq: g.num(image::IC_FILESEQ)?,
        volsers: g.chr_all(image::IC_VOLSER),
        extra: g.finish(),
    })
}

/// Records that no database owns, collected in key order.
#[derive(Default)]
struct Parts {
    ca_groups: BTreeMap<String, CaGroup>,
    olds: Vec<Olds>,
    logs: Vec<Log>,
    subsystems: BTreeMap<String, Subsys>,
    backouts: BTreeMap<String, Backout>,
}

impl Parts {
    fn cagrp(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        let mut members = Vec::new();
        for mut g in r.groups(cagrp::MEMBER, "member")? {
            members.push(CaMember {
                dbd: g.req_name(cagrp::M_DBD, "DBD", 8)?,
                ddn: g.req_name(cagrp::M_DDN, "DDN", 8)?,
                extra: g.finish(),
            });
        }
        let g = CaGroup {
            name: key.name2.clone(),
            grpmax: r.num(cagrp::GRPMAX)?,
            reuse: r.flag(cagrp::REUSE)?,
            cajcl: r.chr(cagrp::CAJCL)?.unwrap_or_default(),
            members,
            cas: Vec::new(),
            extra: r.finish(),
        };
        self.ca_groups.insert(g.name.clone(), g);
        Ok(())
    }

    fn ca(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        // CAGRP sorts before its CA records (same class, lower type code).
        let Some(g) = self.ca_groups.get_mut(&key.name2) else {
            icl_bail!(
                "ICL369E",
                "CA record of group {}: its CAGRP record is missing",
                key.name2
            );
        };
        g.cas.push(Ca {
            run: key.time()?,
            stop: r.time(ca::STOP)?,
            dsn: r.req_dsn(ca::DSN, "CA DSN", 44)?,
            unit: r.chr(ca::UNIT)?.unwrap_or_default(),
            file_seq: r.num(ca::FILESEQ)?,
            volsers: r.chr_all(ca::VOLSER),
            extra: r.finish(),
        });
        Ok(())
    }

    fn olds(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        let mut entries = Vec::new();
        for mut g in r.groups(olds::ENTRY, "OLDS entry")? {
            entries.push(OldsEntry {
                ddn: g.req_name(olds::E_DDN, "OLDS DD name", 8)?,
                dsn: g.req_dsn(olds::E_DSN, "OLDS DSN", 44)?,
                status: g.req_kw(olds::E_STATUS, "OLDS status", OldsStatus::from_kw)?,
                start: g.time(olds::E_START)?,
                stop: g.time(olds::E_STOP)?,
                extra: g.finish(),
            });
        }
        let copy = if key.rtype == RecType::Priold {
            LogCopy::Primary
        } else {
            LogCopy::Secondary
        };
        self.olds.push(Olds {
            copy,
            ssid: key.name2.clone(),
            entries,
            extra: r.finish(),
        });
        Ok(())
    }

    fn log(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        let (kind, copy) = match key.rtype {
            RecType::Prilog => (LogKind::Rlds, LogCopy::Primary),
            RecType::Seclog => (LogKind::Rlds, LogCopy::Secondary),
            RecType::Prisld => (LogKind::Slds, LogCopy::Primary),
            _ => (LogKind::Slds, LogCopy::Secondary),
        };
        let mut dsns = Vec::new();
        for mut g in r.groups(log::DSN_ENTRY, "log data set")? {
            dsns.push(LogDsn {
                dsn: g.req_dsn(log::D_DSN, "log DSN", 44)?,
                unit: g.chr(log::D_UNIT)?.unwrap_or_default(),
                volsers: g.chr_all(log::D_VOLSER),
                start: g.req_time(log::D_START, "log data set START")?,
                stop: g.time(log::D_STOP)?,
                extra: g.finish(),
            });
        }
        self.logs.push(Log {
            kind,
            copy,
            ssid: key.name2.clone(),
            start: key.time()?,
            stop: r.time(log::STOP)?,
            version: r.chr(log::VERSION)?.unwrap_or_default(),
            dsns,
            extra: r.finish(),
        });
        Ok(())
    }

    fn ssys(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        let mut auth = Vec::new();
        for mut g in r.groups(ssys::AUTH, "authorized database")? {
            auth.push(SubsysAuth {
                dbd: g.req_name(ssys::A_DBD, "DBD", 8)?,
                area: g.name(ssys::A_AREA, "area", 8)?,
                intent: g.req_kw(ssys::A_INTENT, "access intent", AccessIntent::from_kw)?,
                extra: g.finish(),
            });
        }
        let s = Subsys {
            ssid: key.name2.clone(),
            sstype: r.req_kw(ssys::SSTYPE, "SSTYPE", SsType::from_kw)?,
            irlmid: r.name(ssys::IRLMID, "IRLMID", 8)?,
            abnormal_term: r.flag(ssys::ABNORMAL_TERM)?,
            recovery_started: r.flag(ssys::RECOVERY_STARTED)?,
            log_start: r.time(ssys::LOG_START)?,
            auth,
            extra: r.finish(),
        };
        self.subsystems.insert(s.ssid.clone(), s);
        Ok(())
    }

    fn backout(&mut self, key: &Key, mut r: FieldReader) -> Result<()> {
        let mut uors = Vec::new();
        for mut g in r.groups(bkout::UOR, "unit of recovery")? {
            uors.push(Uor {
                time: g.req_time(bkout::U_TIME, "UOR time")?,
                psb: g.req_name(bkout::U_PSB, "PSB", 8)?,
                dbs: g.names(bkout::U_DB, "DBD", 8)?,
                extra: g.finish(),
            });
        }
        self.backouts.insert(
            key.name2.clone(),
            Backout {
                ssid: key.name2.clone(),
                uors,
                extra: r.finish(),
            },
        );
        Ok(())
    }
}
