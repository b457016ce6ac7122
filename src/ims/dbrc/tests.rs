//! DBRC processor tests: the sample IMSP RECON, HALDB partition IDs, error
//! replies, the corpus job RECON.jcl, LIST snapshots and robustness.

use super::haldb_ids::{PartDef, partition_defs, partition_id_commands, recreate_partition_ids};
use super::*;
use crate::ims::recon::{Db, DbKind, LogCopy, OldsStatus, Recon, ReconTime, decode, encode};
use proptest::prelude::*;

const IMSP: &str = include_str!("testdata/imsp.sysin");

fn clock() -> ReconTime {
    ReconTime::new(2025, 140, 9, 0, 0, 0).unwrap_or_else(|_| ReconTime::from_tenths(0))
}

/// The sample RECON, built by running the sample command stream.
fn imsp() -> Recon {
    let (r, rep) = run_stream(None, clock(), IMSP);
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    r.unwrap_or_else(|| Recon::new(clock()))
}

fn run_on(r: Recon, text: &str) -> (Recon, StreamReport) {
    let (r2, rep) = run_stream(Some(r), clock(), text);
    (r2.unwrap_or_else(|| Recon::new(clock())), rep)
}

fn ids(r: &Recon, master: &str) -> Vec<(String, u16)> {
    r.partitions(master)
        .iter()
        .filter_map(|d| Some((d.name.clone(), d.partition()?.id)))
        .collect()
}

#[test]
fn sample_recon_content() {
    let r = imsp();
    assert_eq!(r.header.ssid.as_deref(), Some("IMP1"));
    assert_eq!(r.header.imsplex.as_deref(), Some("PLEXP"));
    let custdd1 = r.dbds("CUSTDB", "CUSTDD1").unwrap();
    assert_eq!(custdd1.images.len(), 2);
    assert_eq!(custdd1.cagrp.as_deref(), Some("CUSTCAG"));
    assert_eq!(r.db("CUSTDB").map(|d| d.share_level), Some(3));
    // HALDB: the documented history gives IDs 1, 2, 4.
    assert_eq!(
        ids(&r, "ACCTHDB"),
        vec![("ACCTP1".into(), 1), ("ACCTP2".into(), 2), ("ACCTP3".into(), 4)]
    );
    let p1 = r.db("ACCTP1").and_then(Db::partition).unwrap();
    assert_eq!(p1.reorg, 2);
    assert_eq!(p1.next.as_deref(), Some("ACCTP2"));
    assert_eq!(
        r.dbds("ACCTP3", "ACCTP3A").map(|d| d.dsn.as_str()),
        Some("IMSP.ACCTHDB.P3.A00004")
    );
    assert_eq!(
        r.dbds("ACCTP3", "ACCTP3L").map(|d| d.dsn.as_str()),
        Some("IMSP.ACCTHDB.P3.L00004")
    );
    assert!(r.dbds("ACCTP1", "ACCTP1A").unwrap().ic_needed, "reorg sets IC NEEDED");
    assert_eq!(
        r.area("PAYDEDB", "PAYAR01")
            .and_then(|a| a.area.as_ref())
            .map(|a| a.ads.len()),
        Some(2)
    );
    // Archiving the OLDS completed its archive status.
    let prim = r.olds.iter().find(|o| o.copy == LogCopy::Primary).unwrap();
    assert_eq!(prim.entries[0].status, OldsStatus::ArcComplt);
    assert_eq!(prim.entries[1].status, OldsStatus::Active);
    assert_eq!(r.logs.len(), 2);
    assert!(r.subsystems["IMP2"].abnormal_term);
    assert!(r.db("CUSTDB").unwrap().backout_needed);
    // And the whole thing survives the record format.
    assert_eq!(decode(&encode(&r)).ok(), Some(r.normalized()));
}

#[test]
fn partition_ids_are_never_reused() {
    let (r, rep) = run_on(
        imsp(),
        "DELETE.PART DBD(ACCTHDB) PART(ACCTP2)\n\
         INIT.PART DBD(ACCTHDB) PART(ACCTP2) DSNPREFX(IMSP.ACCTHDB.P2) KEYSTRNG('6999999999')",
    );
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    assert_eq!(
        ids(&r, "ACCTHDB"),
        vec![("ACCTP1".into(), 1), ("ACCTP3".into(), 4), ("ACCTP2".into(), 5)]
    );
    assert!(
        rep.text()
            .contains("DSP0405I PARTITION ACCTP2 OF ACCTHDB DEFINED WITH PARTITION ID 00005")
    );
    // Deleting the master takes every partition along.
    let (r, rep) = run_on(r, "DELETE.DB DBD(ACCTHDB)");
    assert_eq!(rep.highest_cc, 0);
    assert!(r.db("ACCTP1").is_none() && r.db("ACCTP3").is_none());
}

#[test]
fn recreate_ids_with_gaps_in_a_target() {
    let source = imsp();
    let mut defs = partition_defs(&source, "ACCTHDB");
    for d in &mut defs {
        d.spec.dsn_prefix = d.spec.dsn_prefix.replacen("IMSP", "IMST", 1);
    }
    defs.push(PartDef {
        name: "ACCTP9".into(),
        id: 9,
        spec: defs[2].spec.clone(),
    });
    defs[3].spec.key_string = None;
    // Target: an IMST RECON whose master is freshly defined.
    let (target, _) = run_stream(
        None,
        clock(),
        "INIT.RECON SSID(IMST)\nINIT.DB DBD(ACCTHDB) TYPHALDB PARTSEL(DFSPSEL)",
    );
    let target = target.unwrap_or_else(|| Recon::new(clock()));
    let cmds = partition_id_commands(&target, "ACCTHDB", &defs, clock()).unwrap();
    assert_eq!(cmds.iter().filter(|c| c.starts_with("DELETE.PART")).count(), 1 + 4);
    let mut d = Dbrc::new(Some(target), clock());
    let again = recreate_partition_ids(&mut d, "ACCTHDB", &defs).unwrap();
    assert_eq!(again, cmds);
    let r = d.recon.unwrap_or_else(|| Recon::new(clock()));
    let got: Vec<u16> = ids(&r, "ACCTHDB").iter().map(|x| x.1).collect();
    assert_eq!(got, vec![1, 2, 4, 9]);
    assert_eq!(
        r.dbds("ACCTP3", "ACCTP3A").map(|x| x.dsn.as_str()),
        Some("IMST.ACCTHDB.P3.A00004")
    );
    // The emitted commands are a valid SYSIN stream that gives the same result.
    let (target2, _) = run_stream(
        None,
        clock(),
        "INIT.RECON SSID(IMST)\nINIT.DB DBD(ACCTHDB) TYPHALDB PARTSEL(DFSPSEL)",
    );
    let (r2, rep) = run_stream(target2, clock(), &cmds.join("\n"));
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    assert_eq!(r2.map(|r| ids(&r, "ACCTHDB")), Some(ids(&r, "ACCTHDB")));
    // A master that has used the IDs already cannot go back: all or nothing.
    let mut d = Dbrc::new(Some(r.clone()), clock());
    let e = recreate_partition_ids(&mut d, "ACCTHDB", &defs).unwrap_err();
    assert_eq!(e.id, "ICL388E");
    assert_eq!(d.recon.as_ref(), Some(&r));
}

#[test]
fn error_replies() {
    let (_, rep) = run_on(
        imsp(),
        "INIT.DB DBD(CUSTDB)\nLIST.DB DBD(NOPE)\nINIT.DB DBD(X) BOGUS\nFOO.BAR\nINIT.DB DBD(\n",
    );
    let t = rep.text();
    assert!(
        t.contains("DSP0144E RECORD ALREADY EXISTS IN RECON\nICL360E DB CUSTDB"),
        "{t}"
    );
    assert!(t.contains("DSP0145E RECORD NOT FOUND IN RECON\nICL361E DB NOPE"), "{t}");
    assert!(
        t.contains("DSP0029E INVALID KEYWORD OR VALUE\nICL377E keyword BOGUS"),
        "{t}"
    );
    assert!(
        t.contains("DSP0011E INVALID COMMAND VERB OR MODIFIER\nICL376E FOO.BAR"),
        "{t}"
    );
    assert!(t.contains("DSP0012E COMMAND SYNTAX ERROR\nICL375E"), "{t}");
    assert_eq!(rep.highest_cc, 12);
    assert_eq!(rep.outcomes.len(), 5);
    assert!(t.ends_with("DSP0211I COMMAND PROCESSING COMPLETE\nDSP0211I HIGHEST CONDITION CODE = 12\n"));
    // Without a RECON nothing but INIT.RECON can run: processing stops.
    let (_, rep) = run_stream(None, clock(), "LIST.RECON\nINIT.RECON");
    assert!(rep.terminated);
    assert_eq!(rep.outcomes.len(), 1);
    assert!(
        rep.text()
            .contains("DSP0209I PROCESSING TERMINATED WITH CONDITION CODE = 12")
    );
}

#[test]
fn authorization_blocks_delete_and_delete_subsys_clears_it() {
    let mut r = imsp();
    r.authorize("IMP1", "CUSTDB", None, crate::ims::recon::AccessIntent::Update)
        .unwrap();
    assert_eq!(
        r.authorize("NOSS", "CUSTDB", None, crate::ims::recon::AccessIntent::Read)
            .unwrap_err()
            .id,
        "ICL381E"
    );
    assert_eq!(r.set_ic_recommended("ACCTHDB").unwrap(), 3);
    let (r, rep) = run_on(
        r,
        "DELETE.DB DBD(CUSTDB)\nDELETE.SUBSYS SSID(IMP1)\nDELETE.DB DBD(CUSTDB)",
    );
    assert_eq!(rep.outcomes.iter().map(|o| o.cc).collect::<Vec<_>>(), vec![12, 0, 0]);
    assert!(rep.text().contains("DSP0154E RECORD IN USE"));
    assert!(r.db("CUSTDB").is_none());
    assert!(
        r.ca_groups["CUSTCAG"].members.is_empty(),
        "DELETE.DB leaves no CA membership behind"
    );
}

#[test]
fn command_semantics() {
    let (r, rep) = run_on(
        imsp(),
        "CHANGE.DB DBD(CUSTDB) NOAUTH READON\n\
         CHANGE.DBDS DBD(CUSTDB) DDN(CUSTDD1) RECOV DSN(IMSQ.CUSTDB.CUSTDD1) GENMAX(5)\n\
         CHANGE.PART DBD(ACCTHDB) PART(ACCTP1) DSNPREFX(IMSQ.ACCTHDB.P1)\n\
         CHANGE.ADS DBD(PAYDEDB) AREA(PAYAR01) ADDN(PAYAR01B) ADSN(IMSQ.PAYDEDB.PAYAR01B) UNAVAIL\n\
         CHANGE.DB DBD(ACCTHDB) ICON\n\
         CHANGE.RECON SSID(IMSQ) REPLACE(RECON2)\n\
         DELETE.SUBSYS SSID(IMP2)\n\
         DELETE.BKOUT SSID(IMP2)\n\
         DELETE.ADS DBD(PAYDEDB) AREA(PAYAR02) ADDN(PAYAR02)",
    );
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    let db = r.db("CUSTDB").unwrap();
    assert!(db.prohibit_auth && db.read_only && !db.backout_needed);
    let x = r.dbds("CUSTDB", "CUSTDD1").unwrap();
    assert!(x.recov_needed);
    assert_eq!((x.dsn.as_str(), x.genmax), ("IMSQ.CUSTDB.CUSTDD1", 5));
    assert_eq!(
        r.dbds("ACCTP1", "ACCTP1L").map(|x| x.dsn.as_str()),
        Some("IMSQ.ACCTHDB.P1.L00001")
    );
    assert!(r.dbds("ACCTP2", "ACCTP2A").unwrap().ic_needed);
    assert!(
        !r.dbds("ACCTP2", "ACCTP2L").unwrap().ic_needed,
        "ILDS cannot be image copied"
    );
    assert_eq!(r.header.ssid.as_deref(), Some("IMSQ"));
    assert_eq!(r.header.recons[1].status, crate::ims::recon::ReconStatus::Discarded);
    assert_eq!(r.header.recons[2].status, crate::ims::recon::ReconStatus::Copy2);
    assert!(!r.subsystems.contains_key("IMP2"));
    // NOTIFY.IC clears IC NEEDED and respects GENMAX.
    let (r, rep) = run_on(
        r,
        "NOTIFY.IC DBD(ACCTP2) DDN(ACCTP2A) ICDSN(IMSP.IC.A1) RUNTIME('251410000000')\n\
         NOTIFY.IC DBD(ACCTP2) DDN(ACCTP2A) ICDSN(IMSP.IC.A2) RUNTIME('251420000000')\n\
         NOTIFY.IC DBD(ACCTP2) DDN(ACCTP2A) ICDSN(IMSP.IC.A3) RUNTIME('251430000000')\n\
         NOTIFY.IC DBD(ACCTP2) DDN(ACCTP2A) ICDSN(IMSP.IC.A4) RUNTIME('251440000000')\n\
         NOTIFY.IC DBD(ACCTP2) DDN(ACCTP2L) ICDSN(IMSP.IC.L1) RUNTIME('251440000000')",
    );
    assert_eq!(
        rep.outcomes.iter().map(|o| o.cc).collect::<Vec<_>>(),
        vec![0, 0, 0, 0, 12]
    );
    let x = r.dbds("ACCTP2", "ACCTP2A").unwrap();
    assert!(!x.ic_needed);
    assert_eq!(
        x.images.iter().map(|i| i.ic1.dsn.as_str()).collect::<Vec<_>>(),
        vec!["IMSP.IC.A2", "IMSP.IC.A3", "IMSP.IC.A4"]
    );
    // A DEDB can't have a DDN, a full-function DB can't have an AREA.
    let (_, rep) = run_on(
        r,
        "INIT.DBDS DBD(PAYDEDB) DDN(X) DSN(A.B)\nINIT.DBDS DBD(CUSTDB) AREA(X)\nINIT.ADS DBD(CUSTDB) AREA(CUSTDD1) ADDN(A) ADSN(A.B)",
    );
    assert!(rep.outcomes.iter().all(|o| o.cc == 12), "{}", rep.text());
}

#[test]
fn dbdlib_supplies_dsids_and_organisations() {
    use crate::ims::recon::{DbOrg, DsOrg};
    let mut lib = MemDbdLib::default();
    lib.0.insert(
        "ORDDB".into(),
        DbdFacts {
            dborg: DbOrg::Hidam,
            dsorg: DsOrg::Vsam,
            ddnames: vec!["ORDDD1".into(), "ORDDD2".into()],
            areas: vec![],
        },
    );
    let mut d = Dbrc::new(None, clock()).with_dbdlib(&lib);
    let rep = d.run(
        "INIT.RECON\nINIT.DB DBD(ORDDB)\nINIT.DBDS DBD(ORDDB) DDN(ORDDD2) DSN(IMSP.ORDDB.ORDDD2)\n\
         INIT.DBDS DBD(ORDDB) DDN(ORDDD9) DSN(IMSP.ORDDB.ORDDD9)\nINIT.DB DBD(NODBD)\nINIT.DB DBD(ORDDB) TYPEFP",
    );
    assert_eq!(
        rep.outcomes.iter().map(|o| o.cc).collect::<Vec<_>>(),
        vec![0, 0, 0, 12, 12, 12]
    );
    let x = d
        .recon
        .as_ref()
        .and_then(|r| r.dbds("ORDDB", "ORDDD2"))
        .cloned()
        .unwrap();
    assert_eq!((x.dsid, x.dborg, x.dsorg), (2, DbOrg::Hidam, DsOrg::Vsam));
    assert!(rep.text().contains("DSP0153E DBD NOT FOUND IN DBDLIB"));
}

#[test]
fn list_snapshots() {
    let r = imsp();
    let (_, rep) = run_on(r.clone(), "LIST.RECON");
    insta::assert_snapshot!("list_recon", rep.text());
    let (_, rep) = run_on(r.clone(), "LIST.DB DBD(ACCTHDB) DBDS");
    insta::assert_snapshot!("list_db_haldb", rep.text());
    let (_, rep) = run_on(
        r.clone(),
        "LIST.DBDS DBD(CUSTDB) DDN(CUSTDD1)\nLIST.LOG\nLIST.SUBSYS SSID(IMP1)",
    );
    insta::assert_snapshot!("list_dbds_log_subsys", rep.text());
    // Deterministic: the same input lists the same.
    let (_, again) = run_on(imsp(), "LIST.RECON");
    let (_, first) = run_on(r, "LIST.RECON");
    assert_eq!(again.text(), first.text());
}

fn corpus_dir() -> std::path::PathBuf {
    match std::env::var_os("IMSCLONE_CORPUS") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ims-corpus"),
    }
}

/// `params` of a command as the facts file writes them: keyword -> value text.
fn params_map(c: &Command) -> serde_json::Map<String, serde_json::Value> {
    c.params
        .iter()
        .map(|p| {
            let v: Vec<String> = p
                .values
                .iter()
                .map(|v| v.text().map_or_else(|| v.render(), str::to_string))
                .collect();
            (p.keyword.clone(), serde_json::Value::String(v.join(",")))
        })
        .collect()
}

fn check_commands(cmds: &[Command], facts: &serde_json::Value) {
    let want = facts.as_array().cloned().unwrap_or_default();
    assert_eq!(cmds.len(), want.len());
    for (c, f) in cmds.iter().zip(&want) {
        assert_eq!(Some(c.name().as_str()), f["command"].as_str());
        assert_eq!(Some(c.line as u64), f["line"].as_u64());
        assert_eq!(Some(&params_map(c)), f["params"].as_object(), "record {}", c.line);
    }
}

#[test]
fn corpus_recon_jcl_facts() {
    let dir = corpus_dir();
    let jcl = std::fs::read_to_string(dir.join("dbrc/RECON.jcl"))
        .unwrap_or_else(|e| panic!("corpus {} not readable ({e}); set IMSCLONE_CORPUS", dir.display()));
    let facts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("facts.json")).unwrap_or_default()).unwrap_or_default();
    let entry = facts
        .as_array()
        .and_then(|a| a.iter().find(|e| e["file"] == "dbrc/RECON.jcl"))
        .map(|e| e["facts"].clone())
        .unwrap_or_default();
    assert_eq!(entry["utility"], "DSPURX00");

    // SYSIN of the DSPURX00 step: records 21-25, four commands.
    let sysin = dbrc_sysin(&jcl);
    let first_last = (sysin.first().map(|x| x.0 as u64), sysin.last().map(|x| x.0 as u64));
    assert_eq!(
        first_last,
        (entry["sysin_records"][0].as_u64(), entry["sysin_records"][1].as_u64())
    );
    let stmts = parse_lines(sysin.iter().map(|(n, l)| (*n, l.as_str())));
    let cmds: Vec<Command> = stmts.into_iter().map(|s| s.unwrap()).collect();
    assert_eq!(Some(cmds.len() as u64), entry["command_count"].as_u64());
    check_commands(&cmds, &entry["commands"]);

    // The trap: records after the null statement are not part of the job...
    let null_line = entry["null_statement_line"].as_u64().unwrap_or(0) as usize;
    assert_eq!(jcl.lines().nth(null_line - 1).map(str::trim_end), Some("//"));
    assert!(sysin.iter().all(|(n, _)| *n < null_line));
    // ...but they are DBRC commands our parser reads correctly.
    let rest = &entry["not_executed_after_null_statement"];
    let tail: Vec<Command> = parse_lines(jcl.lines().enumerate().skip(null_line).map(|(i, l)| (i + 1, l)))
        .into_iter()
        .map(|s| s.unwrap())
        .collect();
    assert_eq!(Some(tail.len() as u64), rest["command_count"].as_u64());
    for (name, n) in rest["counts_by_command"].as_object().cloned().unwrap_or_default() {
        assert_eq!(
            Some(tail.iter().filter(|c| c.name() == name).count() as u64),
            n.as_u64(),
            "{name}"
        );
    }
    check_commands(&tail, &rest["commands"]);

    // Run the job against a fresh RECON: the DELETEs fail (nothing to
    // delete yet, CC 12), the INITs work. A rerun is clean: that is why the
    // job deletes first.
    let (r, rep) = run_stream(None, clock(), "INIT.RECON");
    assert_eq!(rep.highest_cc, 0);
    let mut d = Dbrc::new(r, clock());
    let rep = d.run_statements(parse_lines(sysin.iter().map(|(n, l)| (*n, l.as_str()))));
    assert_eq!(
        rep.outcomes.iter().map(|o| o.cc).collect::<Vec<_>>(),
        vec![12, 12, 0, 0]
    );
    let rep = d.run_statements(parse_lines(sysin.iter().map(|(n, l)| (*n, l.as_str()))));
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    let r = d.recon.unwrap_or_else(|| Recon::new(clock()));
    let x = r.dbds("CUSTOMER", "CUSTOMER").unwrap();
    assert_eq!((x.dsn.as_str(), x.genmax), ("IMS1510.DEMO.CUSTOMER.DB", 2));
    assert_eq!(
        r.db("CUSTOMER").map(|d| (d.share_level, &d.kind)),
        Some((0, &DbKind::Ims))
    );
    assert_eq!(r.dbs.len(), 1, "only the job's own commands ran");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any command stream, however wrong, gives replies and never panics;
    /// the RECON stays encodable.
    #[test]
    fn executor_never_panics(cmds in proptest::collection::vec(
        ("(INIT|CHANGE|DELETE|NOTIFY|LIST)\\.(RECON|DB|DBDS|PART|ADS|IC|REORG|PRILOG|SUBSYS|CA|CAGRP|BKOUT|LOG)",
         proptest::collection::vec("(DBD|DDN|AREA|PART|DSN|SSID|GENMAX|KEYSTRNG|RUNTIME|STARTIME|OLDS|ADDN|ADSN|DSNPREFX|ICDSN|ICON|RECOV|TYPHALDB|TYPEFP|SLDS)(\\((CUSTDB|ACCTHDB|ACCTP1|PAYDEDB|PAYAR01|X'FF'|'251400600021'|A\\.B|3|IMP1|DFSOLP00)\\))?", 0..5)),
        0..8)) {
        let text: Vec<String> = cmds.iter().map(|(c, ps)| format!("{c} {}", ps.join(" "))).collect();
        let (r, rep) = run_on(imsp(), &text.join("\n"));
        prop_assert!(rep.highest_cc == 0 || rep.highest_cc == 12);
        prop_assert!(decode(&encode(&r)).is_ok());
    }
}
