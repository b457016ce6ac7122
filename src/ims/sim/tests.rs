//! Unit tests of the simulator on a hand-built system (no farm).

use super::*;
use crate::dasd::dates::{JulianDate, Stamp};
use crate::ims::discovery::{Database, DbDataset, ImsMember, PartitionRef};

fn db(name: &str, dbrc_type: &str, org: &str) -> Database {
    Database {
        name: name.into(),
        dbrc_type: dbrc_type.into(),
        org: org.into(),
        access: "OSAM".into(),
        dbd_source: None,
        partitions: Vec::new(),
        datasets: Vec::new(),
        indexes: Vec::new(),
        flags: Vec::new(),
    }
}

fn system() -> ImsSystem {
    let mut hal = db("ACCTHDB", "HALDB", "PHDAM");
    for (i, p) in ["ACCTP1", "ACCTP2"].iter().enumerate() {
        hal.partitions.push(PartitionRef {
            name: (*p).into(),
            id: i as u16 + 1,
            dsn_prefix: format!("X.{p}"),
            reorg: 1,
        });
    }
    let mut dedb = db("PAYDEDB", "FP", "DEDB");
    for a in ["PAYAR01", "PAYAR02"] {
        dedb.datasets.push(DbDataset {
            ddn: a.into(),
            dsn: format!("X.{a}"),
            partition: None,
            partition_id: None,
            area: Some(a.into()),
        });
    }
    let mut cust = db("CUSTDB", "IMS", "HDAM");
    cust.indexes = vec!["CUSTSX".into()];
    let member = |id: &str| ImsMember {
        imsid: id.into(),
        ..Default::default()
    };
    ImsSystem {
        name: "IMSP".into(),
        members: vec![member("IMP1"), member("IMP2")],
        proclib: "IMSP.PROCLIB".into(),
        hlqs: vec!["IMSP".into()],
        recon_ssid: Some("IMSP".into()),
        recons: Vec::new(),
        mdalib: None,
        databases: vec![cust, db("CUSTSX", "IMS", "INDEX"), hal, dedb],
        datasets: Vec::new(),
        volumes: Vec::new(),
        notes: Vec::new(),
    }
}

fn sim() -> ImsSim {
    let mut s = ImsSim::new(&system(), None, None);
    s.clock = Some(Stamp {
        date: JulianDate { year: 2026, day: 330 },
        hour: 15,
        minute: 0,
        second: 1,
        tenth: 0,
    });
    s
}

fn run(s: &mut ImsSim, text: &str) -> Reply {
    s.command(text).unwrap()
}

#[test]
fn fresh_system_is_started_everywhere() {
    let s = sim();
    assert!(s.is_dirty(), "no state file yet");
    for name in ["CUSTDB", "ACCTHDB", "ACCTP1", "PAYDEDB"] {
        let st = s.status(name).unwrap();
        assert_eq!(st.on.len(), 2, "{name}");
        assert!(st.on.values().all(|l| *l == Local::fresh(true)), "{name}");
    }
    assert_eq!(s.status("ACCTHDB").unwrap().partitions, vec!["ACCTP1", "ACCTP2"]);
    assert_eq!(s.status("PAYDEDB").unwrap().areas, vec!["PAYAR01", "PAYAR02"]);
    assert_eq!(s.allows_update("CUSTDB").unwrap(), "IMP1");
    assert_eq!(s.status("NOPE").unwrap_err().id, "ICL503E");
}

#[test]
fn display_table() {
    let mut s = sim();
    s.enter_at("IMP1").unwrap();
    run(&mut s, "/DBR DB CUSTDB");
    let r = run(&mut s, "/dis db custdb accthdb");
    assert_eq!(r.rc, 0);
    let want = [
        " DFS4444I DISPLAY FROM ID=IMP1",
        "     DATABASE   TYPE   TOTAL UNUSED  TOTAL UNUSED  ACC  CONDITIONS",
        "     CUSTDB     DL/I                               UP   STOPPED, NOTOPEN",
        "     ACCTHDB    PHDAM                              UP   NOTOPEN",
        "       ACCTP1   PART                               UP   NOTOPEN",
        "       ACCTP2   PART                               UP   NOTOPEN",
        " *26330/150001*",
    ];
    assert_eq!(r.lines, want);
    assert!(!r.changed);
}

#[test]
fn local_dbr_stops_one_member_global_all() {
    let mut s = sim();
    s.enter_at("IMP1").unwrap();
    let r = run(&mut s, "/DBR DB CUSTDB");
    assert_eq!(r.lines[0], "DFS058I 15:00:01 DBRECOVERY COMMAND COMPLETED  IMP1");
    assert_eq!(r.lines[1], "DFS0488I DBR COMMAND COMPLETED. DBN= CUSTDB RC= 00");
    assert!(r.changed && r.rc == 0);
    let st = s.status("CUSTDB").unwrap();
    assert_eq!(st.on["IMP1"].status, Status::StoAcc);
    assert_eq!(st.on["IMP2"].status, Status::Started);
    assert!(!s.is_stopped("CUSTDB"));
    // Data sharing: IMP2 can still update.
    assert_eq!(s.allows_update("CUSTDB").unwrap(), "IMP2");
    assert_eq!(
        s.recon_ops(),
        [ReconOp::Deauthorize {
            db: "CUSTDB".into(),
            ssid: "IMP1".into()
        }]
    );
    let r = run(&mut s, "/DBRECOVERY DATABASE CUSTDB GLOBAL NOFEOV.  comment");
    assert!(r.changed);
    assert!(s.is_stopped("CUSTDB"));
    assert_eq!(s.allows_update("CUSTDB").unwrap_err().id, "ICL535E");
    assert!(s.recon_ops().contains(&ReconOp::ProhibitAuth {
        db: "CUSTDB".into(),
        on: true
    }));
    // Again: nothing changes, and the reply says so.
    let n = s.recon_ops().len();
    let r = run(&mut s, "/dbr db custdb global");
    assert!(!r.changed && r.rc == 0);
    assert!(
        r.lines
            .iter()
            .any(|l| l.starts_with("ICL501I CUSTDB is already stopped by /DBR"))
    );
    assert_eq!(s.recon_ops().len(), n);
    // /STA GLOBAL undoes it all.
    let r = s.start(&["CUSTDB"]).unwrap();
    assert!(r.changed);
    assert!(s.recon_ops().contains(&ReconOp::ProhibitAuth {
        db: "CUSTDB".into(),
        on: false
    }));
    assert!(s.status("CUSTDB").unwrap().on.values().all(|l| l.updatable()));
    assert!(!s.start(&["CUSTDB"]).unwrap().changed);
}

#[test]
fn haldb_and_dedb_cascade() {
    let mut s = sim();
    s.dbr(&["ACCTHDB"], true).unwrap();
    assert!(s.is_stopped("ACCTHDB") && s.is_stopped("ACCTP2"));
    s.start(&["ACCTHDB"]).unwrap();
    s.dbr(&["ACCTP1"], true).unwrap();
    assert!(!s.is_stopped("ACCTHDB") && s.is_stopped("ACCTP1"));
    let e = s.allows_update("ACCTHDB").unwrap_err();
    assert!(e.text.contains("ACCTP1 STOPPED (/DBR)"), "{e}");

    let r = run(&mut s, "/DBR AREA PAYAR02");
    assert_eq!(r.lines[1], "DFS0488I DBR COMMAND COMPLETED. AREA= PAYAR02 RC= 00");
    assert!(s.allows_update("PAYDEDB").unwrap_err().text.contains("area PAYAR02"));
    run(&mut s, "/STA AREA PAYAR02");
    assert!(s.allows_update("PAYDEDB").is_ok());
    let r = run(&mut s, "/DIS AREA ALL");
    assert!(
        r.lines.iter().any(|l| l.contains("PAYAR02   PAYDEDB   NOTOPEN")),
        "{r:?}"
    );
}

#[test]
fn type2_commands() {
    let mut s = sim();
    let r = run(&mut s, "update db name(CUSTDB,NOPE) stop(access) option(feov)");
    assert_eq!(r.rc, 8);
    assert_eq!(
        r.lines[0],
        "Response for: UPDATE DB NAME(CUSTDB,NOPE) STOP(ACCESS) OPTION(FEOV)"
    );
    assert!(
        r.lines
            .iter()
            .any(|l| l.starts_with("NOPE      IMP1      10 NO RESOURCES FOUND"))
    );
    assert!(s.is_stopped("CUSTDB"), "the known name is still processed");
    // No PFA from type-2.
    assert!(!s.recon_ops().iter().any(|o| matches!(o, ReconOp::ProhibitAuth { .. })));
    run(&mut s, "UPD DB NAME(CUST*) START(ACCESS) SET(ACCTYPE(READ))");
    assert_eq!(s.status("CUSTDB").unwrap().on["IMP1"].access, Acc::RD);
    assert!(s.allows_update("CUSTDB").unwrap_err().text.contains("ACC=RD"));
    run(&mut s, "UPDATE DB NAME(CUSTDB) START(ACCESS) SET(ACCTYPE(UPD))");
    run(&mut s, "UPDATE DB NAME(CUSTDB) STOP(UPDATES)");
    assert!(s.allows_update("CUSTDB").unwrap_err().text.contains("INQONLY"));
    let r = run(&mut s, "QRY DB NAME(CUSTDB) SHOW(ALL)");
    assert!(
        r.lines
            .iter()
            .any(|l| l.contains("IMP2") && l.ends_with("STOUPDS,NOTOPEN")),
        "{r:?}"
    );
    let r = run(&mut s, "QUERY DB NAME(*) STATUS(STOUPDS) SHOW(ALL)");
    assert_eq!(r.lines.len(), 2 + 2, "{r:?}");
}

#[test]
fn prohibit_auth_and_exclusive() {
    let mut s = sim();
    s.dbr(&["CUSTDB"], true).unwrap();
    s.enter_at("IMP1").unwrap();
    let r = run(&mut s, "/STA DB CUSTDB");
    assert_eq!(r.rc, 4);
    assert!(r.lines.iter().any(|l| l.starts_with("ICL510W")));
    assert!(!s.status("CUSTDB").unwrap().on["IMP1"].authorized);
    s.start(&["CUSTDB"]).unwrap();
    let r = run(&mut s, "/STA DB CUSTDB ACCESS=EX OPEN");
    assert_eq!(r.lines[1], "DFS0488I STA COMMAND COMPLETED. DBN= CUSTDB RC= 01");
    assert!(r.lines.iter().any(|l| l.starts_with("ICL512W")));
    // OPEN records the authorization in the RECON.
    s.enter_at("IMP2").unwrap();
    run(&mut s, "/STA DB CUSTSX OPEN");
    assert!(
        s.recon_ops()
            .iter()
            .any(|o| matches!(o, ReconOp::Authorize { db, ssid, .. } if db == "CUSTSX" && ssid == "IMP2"))
    );
}

#[test]
fn members_go_down_and_up() {
    let mut s = sim();
    let r = s.set_active("IMP2", false).unwrap();
    assert!(r.changed);
    s.enter_at("IMP2").unwrap();
    let r = run(&mut s, "/DIS DB CUSTDB");
    assert_eq!(r.rc, 8);
    assert_eq!(r.error.unwrap().id, "ICL509E");
    assert_eq!(s.allows_update("CUSTDB").unwrap(), "IMP1");
    s.set_active("IMP1", false).unwrap();
    assert!(
        s.allows_update("CUSTDB")
            .unwrap_err()
            .text
            .contains("IMP1 is not active")
    );
    s.set_active("IMP1", true).unwrap();
    assert!(!s.set_active("IMP1", true).unwrap().changed);
    assert_eq!(s.allows_update("CUSTDB").unwrap(), "IMP1");
}

#[test]
fn bad_commands_have_ids_and_rc_8() {
    let mut s = sim();
    for (text, id) in [
        ("", "ICL505E"),
        ("/FOO DB X", "ICL505E"),
        ("DELETE DB NAME(X)", "ICL505E"),
        ("/DBR", "ICL507E"),
        ("/DBR DB", "ICL507E"),
        ("/DBR DB CUSTDB GLOBAL LOCAL", "ICL508E"),
        ("/DBR DB ALL CUSTDB", "ICL508E"),
        ("/STA DB CUSTDB ACCESS=ZZ", "ICL506E"),
        ("/STA DB CUSTDB NOPFA", "ICL506E"),
        ("/STA AREA PAYAR01 ACCESS=UP", "ICL506E"),
        ("/DBD AREA PAYAR01", "ICL506E"),
        ("/DIS TRAN ALL", "ICL511E"),
        ("/CHE", "ICL511E"),
        ("UPDATE DB NAME(X)", "ICL507E"),
        ("UPDATE DB STOP(ACCESS)", "ICL507E"),
        ("UPDATE DB NAME(X) STOP(ACCESS) START(ACCESS)", "ICL508E"),
        ("UPDATE DB NAME(X STOP(ACCESS)", "ICL506E"),
        ("UPDATE DB NAME(X) STOP(ACCESS) SET(ACCTYPE(UPD))", "ICL508E"),
        ("UPDATE DB NAME(X) STOP(ACCESS) OPTION(PFA)", "ICL506E"),
        ("UPDATE TRAN NAME(X) STOP(Q)", "ICL511E"),
        ("QUERY DB NAME(X) SHOW(NONSENSE)", "ICL506E"),
        ("/DBR DB CÜSTDB", "ICL506E"),
        ("/DBR DB NOPE", "ICL503E"),
    ] {
        let r = run(&mut s, text);
        assert_eq!(r.rc, 8, "{text}: {r:?}");
        assert_eq!(r.error.as_ref().map(|e| e.id), Some(id), "{text}: {r:?}");
        assert!(r.lines.iter().any(|l| l.starts_with(id)), "{text}: {r:?}");
    }
    let r = run(&mut s, "/DBR DB NOPE CUSTDB");
    assert!(r.lines[0].ends_with("COMPLETED EXCEPT DB NOPE  IMP1"), "{r:?}");
    assert!(s.status("CUSTDB").unwrap().on["IMP1"].status == Status::StoAcc);
    assert!(s.dbr(&["NOPE"], true).is_err());
}

#[test]
fn state_round_trip_and_reconcile() {
    let mut s = sim();
    s.dbr(&["CUSTDB"], true).unwrap();
    let text = s.state.to_toml().unwrap();
    let back = SimState::from_toml(&text, "t").unwrap();
    assert_eq!(back, s.state);
    // A database gone from the RECON keeps its status; a new one starts.
    let mut sys = system();
    sys.databases.retain(|d| d.name != "CUSTDB");
    sys.databases.push(db("NEWDB", "IMS", "HDAM"));
    let again = ImsSim::new(&sys, Some(back), None);
    assert!(again.is_stopped("CUSTDB"));
    assert!(again.allows_update("NEWDB").is_ok());
    assert!(again.is_dirty());
    assert_eq!(
        SimState::from_toml(&text.replace("version = 1", "version = 9"), "t")
            .unwrap_err()
            .id,
        "ICL520E"
    );
    assert_eq!(
        SimState::from_toml(&format!("{text}\nbogus = 1\n"), "t")
            .unwrap_err()
            .id,
        "ICL520E"
    );
}

#[test]
fn recon_ops_apply() {
    use crate::ims::dbrc::run_stream;
    use crate::ims::recon::{AccessIntent, ReconTime};
    let t = ReconTime::new(2026, 330, 15, 0, 0, 0).unwrap();
    let (r, rep) = run_stream(
        None,
        t,
        "INIT.RECON SSID(IMSP)\nINIT.DB DBD(CUSTDB) SHARELVL(3) TYPEIMS\nNOTIFY.SUBSYS SSID(IMP1) ONLINE NORMAL STARTIME(263300600021)",
    );
    assert_eq!(rep.highest_cc, 0, "{}", rep.text());
    let mut r = r.unwrap();
    let auth = ReconOp::Authorize {
        db: "CUSTDB".into(),
        area: None,
        ssid: "IMP1".into(),
        intent: AccessIntent::Update,
    };
    assert!(auth.apply(&mut r));
    assert!(!auth.apply(&mut r), "idempotent");
    assert_eq!(r.db("CUSTDB").unwrap().auth.len(), 1);
    assert_eq!(r.subsystems["IMP1"].auth.len(), 1);
    let ops = [
        ReconOp::Deauthorize {
            db: "CUSTDB".into(),
            ssid: "IMP1".into(),
        },
        ReconOp::ProhibitAuth {
            db: "CUSTDB".into(),
            on: true,
        },
        ReconOp::ProhibitAuth {
            db: "NOTREG".into(),
            on: true,
        },
    ];
    assert_eq!(recon_io::apply_all(&mut r, &ops), 2);
    let d = r.db("CUSTDB").unwrap();
    assert!(d.auth.is_empty() && d.prohibit_auth);
    assert!(r.subsystems["IMP1"].auth.is_empty());
}
