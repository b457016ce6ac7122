//! Proptest strategies for RECON records (tests only).

use super::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use std::collections::BTreeMap;

pub fn name() -> impl Strategy<Value = String> {
    "[A-Z$#@][A-Z0-9$#@]{0,6}"
}

pub fn dsn() -> impl Strategy<Value = String> {
    "[A-Z][A-Z0-9]{0,7}(\\.[A-Z#][A-Z0-9-]{0,7}){0,3}"
}

pub fn time() -> impl Strategy<Value = ReconTime> {
    (1990u16..2060, 1u16..366, 0u8..24, 0u8..60, 0u8..60, 0u8..10)
        .prop_map(|(y, d, h, m, s, t)| ReconTime::new(y, d, h, m, s, t).unwrap_or_else(|_| ReconTime::from_tenths(0)))
}

fn extra() -> impl Strategy<Value = Extra> {
    // Unknown tags use field numbers far above any we define.
    vec((0x0F00u16..0x0FFF, vec(any::<u8>(), 0..6)), 0..2).prop_map(|v| {
        Extra(
            v.into_iter()
                .map(|(n, value)| RawField { tag: 0x5000 | n, value })
                .collect(),
        )
    })
}

fn kw<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn header() -> impl Strategy<Value = Header> {
    (
        (
            option::of(name()),
            any::<u32>(),
            any::<bool>(),
            kw(LogDsnCheck::ALL),
            any::<bool>(),
        ),
        (
            "[A-Z0-9]{1,8}",
            "[A-Z0-9]{1,8}",
            "1[0-9]\\.[0-9]",
            kw(CmdAuth::ALL),
            option::of(name()),
        ),
        (
            option::of(name()),
            time(),
            vec((name(), kw(ReconStatus::ALL), option::of(dsn())), 0..4),
            extra(),
        ),
    )
        .prop_map(
            |((ssid, dmb, forcer, check, startnew), (tape, dasd, minvers, cmdauth, hlq), (plex, tok, rds, extra))| {
                Header {
                    ssid,
                    dmb_counter: dmb,
                    force_reg: forcer,
                    log_dsn_check: check,
                    startnew,
                    tape_unit: tape,
                    dasd_unit: dasd,
                    minvers,
                    cmdauth,
                    cmdauth_hlq: hlq,
                    imsplex: plex,
                    init_token: tok,
                    recons: rds
                        .into_iter()
                        .map(|(ddn, status, dsn)| ReconDs {
                            ddn,
                            status,
                            dsn,
                            extra: Extra::default(),
                        })
                        .collect(),
                    extra,
                }
            },
        )
}

fn ic_ds() -> impl Strategy<Value = IcDataSet> {
    (
        dsn(),
        "[A-Z0-9]{0,8}",
        any::<u16>(),
        vec("[A-Z0-9]{1,6}", 0..3),
        extra(),
    )
        .prop_map(|(dsn, unit, file_seq, volsers, extra)| IcDataSet {
            dsn,
            unit,
            file_seq,
            volsers,
            extra,
        })
}

fn dbds() -> impl Strategy<Value = Dbds> {
    (
        (
            name(),
            dsn(),
            any::<u16>(),
            kw(DbOrg::ALL),
            kw(DsOrg::ALL),
            option::of(name()),
        ),
        (any::<u16>(), any::<u16>(), any::<[bool; 5]>(), any::<u32>(), name()),
        option::of((
            any::<bool>(),
            any::<bool>(),
            vec((name(), dsn(), any::<bool>(), extra()), 0..3),
        )),
        vec(
            (
                time(),
                any::<u32>(),
                any::<u32>(),
                option::of(time()),
                option::of(time()),
            ),
            0..3,
        ),
        vec(
            (
                time(),
                kw(IcKind::ALL),
                any::<u32>(),
                any::<u64>(),
                ic_ds(),
                option::of(ic_ds()),
            ),
            0..3,
        ),
        vec((time(), any::<u32>(), any::<bool>()), 0..2),
        (vec((time(), option::of(time())), 0..2), extra()),
    )
        .prop_map(|(a, b, area, allocs, images, reorgs, (recovs, extra))| {
            let (ddn, dsn, dsid, dborg, dsorg, cagrp) = a;
            let (genmax, recovpd, f, dssn, icjcl) = b;
            let mut d = Dbds::new(&ddn, &dsn, dsid);
            d.dborg = dborg;
            d.dsorg = dsorg;
            d.cagrp = cagrp;
            d.genmax = genmax;
            d.recovpd = recovpd;
            [d.reuse, d.ic_needed, d.ic_recommended, d.recov_needed, d.receive_needed] = f;
            d.dssn = dssn;
            d.icjcl = icjcl;
            d.area = area.map(|(preopen, vso, ads)| AreaInfo {
                preopen,
                vso,
                ads: ads
                    .into_iter()
                    .map(|(addn, adsn, avail, extra)| Ads {
                        addn,
                        adsn,
                        avail,
                        extra,
                    })
                    .collect(),
            });
            d.allocs = allocs
                .into_iter()
                .map(|(time, dssn, usid, log_start, dealloc)| Alloc {
                    time,
                    dssn,
                    usid,
                    log_start,
                    dealloc,
                    extra: Extra::default(),
                })
                .collect();
            d.images = images
                .into_iter()
                .map(|(run, kind, usid, record_count, ic1, ic2)| Image {
                    run,
                    kind,
                    usid,
                    record_count,
                    ic1,
                    ic2,
                    extra: Extra::default(),
                })
                .collect();
            d.reorgs = reorgs
                .into_iter()
                .map(|(run, usid, online)| Reorg {
                    run,
                    usid,
                    online,
                    extra: Extra::default(),
                })
                .collect();
            d.recovs = recovs
                .into_iter()
                .map(|(run, end)| Recov {
                    run,
                    end,
                    extra: Extra::default(),
                })
                .collect();
            d.extra = extra;
            d
        })
}

fn kind() -> impl Strategy<Value = DbKind> {
    let master = (
        option::of(name()),
        any::<u16>(),
        any::<bool>(),
        any::<bool>(),
        any::<u8>(),
        kw(DbOrg::ALL),
        kw(DsOrg::ALL),
    )
        .prop_map(
            |(partsel, last_part_id, olr_capable, osam8g, dsg_count, dborg, dsorg)| {
                DbKind::Haldb(HaldbMaster {
                    partsel,
                    last_part_id,
                    olr_capable,
                    osam8g,
                    dsg_count,
                    dborg,
                    dsorg,
                })
            },
        );
    let part = (
        (
            name(),
            any::<u16>(),
            dsn(),
            option::of((vec(any::<u8>(), 0..12), any::<bool>())),
            vec(any::<u32>(), 0..3),
        ),
        (
            any::<u8>(),
            any::<u8>(),
            any::<u16>(),
            any::<u16>(),
            any::<bool>(),
            any::<u16>(),
            kw(ActiveSet::ALL),
        ),
        (any::<bool>(), option::of(name()), option::of(name()), any::<u32>()),
    )
        .prop_map(
            |(
                (master, id, dsn_prefix, ks, block_sizes),
                (fbff, fspf, genmax, recovpd, reuse, reorg, active_set),
                (pinit, prev, next, change_count),
            )| {
                DbKind::Part(Partition {
                    master,
                    id,
                    dsn_prefix,
                    key_string: ks.map(|(bytes, hex)| KeyString { bytes, hex }),
                    block_sizes,
                    fbff,
                    fspf,
                    genmax,
                    recovpd,
                    reuse,
                    reorg,
                    active_set,
                    pinit,
                    prev,
                    next,
                    change_count,
                })
            },
        );
    prop_oneof![Just(DbKind::Ims), Just(DbKind::Fp), master, part]
}

fn db() -> impl Strategy<Value = Db> {
    (
        (name(), kind(), any::<u32>(), 0u8..4, any::<[bool; 4]>(), any::<u32>()),
        vec((name(), kw(AccessIntent::ALL), any::<u8>(), extra()), 0..3),
        vec(dbds(), 0..3),
        extra(),
    )
        .prop_map(|((name, kind, dmb, share, f, usid), auth, dbds, extra)| {
            let mut db = Db::new(&name, kind, dmb);
            db.share_level = share;
            [db.recoverable, db.backout_needed, db.read_only, db.prohibit_auth] = f;
            db.usid = usid;
            db.auth = auth
                .into_iter()
                .map(|(ssid, intent, state, extra)| DbAuth {
                    ssid,
                    intent,
                    state,
                    extra,
                })
                .collect();
            // DD names are unique within a DB (they are part of the key).
            let mut seen = std::collections::HashSet::new();
            db.dbds = dbds.into_iter().filter(|d| seen.insert(d.ddn.clone())).collect();
            db.extra = extra;
            db
        })
}

fn log() -> impl Strategy<Value = Log> {
    (
        kw(LogKind::ALL),
        kw(LogCopy::ALL),
        name(),
        time(),
        option::of(time()),
        "1[0-9]\\.[0-9]",
        vec(
            (
                dsn(),
                "[A-Z0-9]{0,8}",
                vec("[A-Z0-9]{1,6}", 0..3),
                time(),
                option::of(time()),
                extra(),
            ),
            0..3,
        ),
    )
        .prop_map(|(kind, copy, ssid, start, stop, version, dsns)| Log {
            kind,
            copy,
            ssid,
            start,
            stop,
            version,
            dsns: dsns
                .into_iter()
                .map(|(dsn, unit, volsers, start, stop, extra)| LogDsn {
                    dsn,
                    unit,
                    volsers,
                    start,
                    stop,
                    extra,
                })
                .collect(),
            extra: Extra::default(),
        })
}

/// Any valid RECON (not necessarily consistent: records reference freely).
pub fn recon() -> impl Strategy<Value = Recon> {
    (
        header(),
        vec(db(), 0..4),
        vec(
            (
                name(),
                any::<u16>(),
                any::<bool>(),
                vec((name(), name()), 0..3),
                vec((time(), option::of(time()), dsn(), vec("[A-Z0-9]{1,6}", 0..2)), 0..2),
            ),
            0..2,
        ),
        vec(
            (
                kw(LogCopy::ALL),
                name(),
                vec(
                    (
                        name(),
                        dsn(),
                        kw(OldsStatus::ALL),
                        option::of(time()),
                        option::of(time()),
                    ),
                    0..3,
                ),
            ),
            0..3,
        ),
        vec(log(), 0..3),
        vec(
            (
                name(),
                kw(SsType::ALL),
                option::of(name()),
                any::<[bool; 2]>(),
                option::of(time()),
                vec((name(), option::of(name()), kw(AccessIntent::ALL)), 0..3),
            ),
            0..3,
        ),
        vec((name(), vec((time(), name(), vec(name(), 0..3)), 0..3)), 0..2),
    )
        .prop_map(|(header, dbs, groups, olds, logs, ssys, bk)| {
            let mut r = Recon {
                header,
                dbs: dbs.into_iter().map(|d| (d.name.clone(), d)).collect(),
                ca_groups: BTreeMap::new(),
                olds: Vec::new(),
                logs,
                subsystems: BTreeMap::new(),
                backouts: BTreeMap::new(),
            };
            for (name, grpmax, reuse, members, cas) in groups {
                let g = CaGroup {
                    name: name.clone(),
                    grpmax,
                    reuse,
                    cajcl: "CAJCL".into(),
                    members: members
                        .into_iter()
                        .map(|(dbd, ddn)| CaMember {
                            dbd,
                            ddn,
                            extra: Extra::default(),
                        })
                        .collect(),
                    cas: cas
                        .into_iter()
                        .map(|(run, stop, dsn, volsers)| Ca {
                            run,
                            stop,
                            dsn,
                            unit: "3390".into(),
                            file_seq: 1,
                            volsers,
                            extra: Extra::default(),
                        })
                        .collect(),
                    extra: Extra::default(),
                };
                r.ca_groups.insert(name, g);
            }
            let mut seen = std::collections::HashSet::new();
            for (copy, ssid, entries) in olds {
                if seen.insert((copy, ssid.clone())) {
                    r.olds.push(Olds {
                        copy,
                        ssid,
                        entries: entries
                            .into_iter()
                            .map(|(ddn, dsn, status, start, stop)| OldsEntry {
                                ddn,
                                dsn,
                                status,
                                start,
                                stop,
                                extra: Extra::default(),
                            })
                            .collect(),
                        extra: Extra::default(),
                    });
                }
            }
            for (ssid, sstype, irlmid, [abnormal_term, recovery_started], log_start, auth) in ssys {
                let auth = auth
                    .into_iter()
                    .map(|(dbd, area, intent)| SubsysAuth {
                        dbd,
                        area,
                        intent,
                        extra: Extra::default(),
                    })
                    .collect();
                r.subsystems.insert(
                    ssid.clone(),
                    Subsys {
                        ssid,
                        sstype,
                        irlmid,
                        abnormal_term,
                        recovery_started,
                        log_start,
                        auth,
                        extra: Extra::default(),
                    },
                );
            }
            for (ssid, uors) in bk {
                let uors = uors
                    .into_iter()
                    .map(|(time, psb, dbs)| Uor {
                        time,
                        psb,
                        dbs,
                        extra: Extra::default(),
                    })
                    .collect();
                r.backouts.insert(
                    ssid.clone(),
                    Backout {
                        ssid,
                        uors,
                        extra: Extra::default(),
                    },
                );
            }
            r
        })
}
