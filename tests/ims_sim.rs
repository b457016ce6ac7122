//! The simulated IMS on the default farm: operator commands and their
//! RECON side, shared state of data-sharing members, the DBRC command
//! front end, and the workload that only updates started databases.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use imsclone::farm::Farm;
use imsclone::farm::reader::FarmReader;
use imsclone::ims::dbdata;
use imsclone::ims::recon::{Recon, volume_io};
use imsclone::ims::sim::workload::{self, Step, Workload};
use imsclone::ims::sim::{ImsSim, Status};
use proptest::prelude::*;

fn farm_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("farm");
    drop(common::farms::default_farm(&root));
    (d, root)
}

fn recon_copy(farm: &Farm, dsn: &str) -> Recon {
    let r = FarmReader::new(farm).unwrap();
    volume_io::load(&r.volume_of(dsn).unwrap(), dsn).unwrap()
}

fn both_copies(farm: &Farm) -> [Recon; 2] {
    [recon_copy(farm, "IMSP.RECON1"), recon_copy(farm, "IMSP.RECON2")]
}

fn cli(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imsclone"))
        .args(args)
        .args(["--farm", root.to_str().unwrap()])
        .env("IMSCLONE_LOG", std::env::temp_dir().join("imsclone-test.log"))
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The bytes of a cataloged database data set (its data component).
fn dataset_bytes(farm: &Farm, dsn: &str) -> Vec<u8> {
    let r = FarmReader::new(farm).unwrap();
    let vol = r.volume_of(dsn).unwrap();
    let comp = if vol.contains(dsn) {
        dsn.to_string()
    } else {
        format!("{dsn}.DATA")
    };
    vol.read_blocks(&comp)
        .unwrap()
        .into_iter()
        .flat_map(|b| b.data)
        .collect()
}

#[test]
fn dbr_global_stops_every_member_and_prohibits_authorization_in_both_recons() {
    let (_d, root) = farm_dir();
    let farm = Farm::open_locked(&root).unwrap();
    let original = both_copies(&farm);
    assert_eq!(original[0], original[1]);
    assert!(!original[0].db("CUSTDB").unwrap().prohibit_auth);

    let mut sim = ImsSim::load(&farm, "IMP1").unwrap();
    let r = sim.command("/DIS DB CUSTDB").unwrap();
    assert_eq!(r.rc, 0);
    assert_eq!(r.lines[0], " DFS4444I DISPLAY FROM ID=IMP1");
    assert!(r.lines[1].contains("DATABASE   TYPE") && r.lines[1].ends_with("ACC  CONDITIONS"));
    assert!(r.lines[2].starts_with("     CUSTDB     DL/I") && r.lines[2].ends_with("UP   NOTOPEN"));
    assert!(r.lines[3].starts_with(" *") && r.lines[3].ends_with('*'));

    let r = sim.command("/DBR DB CUSTDB GLOBAL").unwrap();
    assert_eq!(r.rc, 0, "{r:?}");
    assert!(r.lines[0].starts_with("DFS058I") && r.lines[0].contains("DBRECOVERY COMMAND COMPLETED"));
    let written = sim.save(&farm).unwrap();
    assert_eq!(written, ["IMSP.RECON1", "IMSP.RECON2"]);
    assert!(farm.path("state/IMSP.toml").unwrap().exists());
    for c in both_copies(&farm) {
        assert!(c.db("CUSTDB").unwrap().prohibit_auth);
    }

    // Data sharing: IMP2 sees the same state, after a reload too.
    let mut sim2 = ImsSim::load(&farm, "IMP2").unwrap();
    assert!(sim2.is_stopped("CUSTDB"));
    let r = sim2.command("/dis db custdb").unwrap();
    assert_eq!(r.lines[0], " DFS4444I DISPLAY FROM ID=IMP2");
    assert!(r.lines[2].ends_with("UP   STOPPED, NOTOPEN"), "{r:?}");
    let st = sim2.status("CUSTDB").unwrap();
    assert!(st.prohibit_auth);
    assert!(st.on.values().all(|l| l.status == Status::StoAcc));

    // /STA GLOBAL from the other member resets it: the RECON is as before.
    let r = sim2.command("/STA DB CUSTDB GLOBAL").unwrap();
    assert!(r.changed && r.rc == 0);
    sim2.save(&farm).unwrap();
    assert_eq!(both_copies(&farm), original);
    let sim3 = ImsSim::load(&farm, "IMSP").unwrap();
    assert!(sim3.allows_update("CUSTDB").is_ok());
    assert!(!sim3.is_dirty());
}

#[test]
fn local_dbr_is_per_member_and_idempotent() {
    let (_d, root) = farm_dir();
    let farm = Farm::open_locked(&root).unwrap();
    let mut sim = ImsSim::load(&farm, "IMP1").unwrap();
    assert!(sim.command("/DBR DB ORDDB").unwrap().changed);
    sim.save(&farm).unwrap();
    let sim = ImsSim::load(&farm, "IMSP").unwrap();
    let st = sim.status("ORDDB").unwrap();
    assert_eq!(st.on["IMP1"].status, Status::StoAcc);
    assert_eq!(st.on["IMP2"].status, Status::Started);
    assert!(!st.prohibit_auth, "LOCAL does not prohibit authorization");
    // A rerun of the step changes nothing.
    let mut sim = ImsSim::load(&farm, "IMP1").unwrap();
    let r = sim.dbr(&["ORDDB"], false).unwrap();
    assert!(!r.changed && r.lines.iter().any(|l| l.starts_with("ICL501I")));
    assert!(sim.recon_ops().is_empty());
}

#[test]
fn haldb_partitions_follow_their_master_in_the_recon() {
    let (_d, root) = farm_dir();
    let farm = Farm::open_locked(&root).unwrap();
    let mut sim = ImsSim::load(&farm, "IMSP").unwrap();
    sim.dbr(&["ACCTHDB"], true).unwrap();
    sim.save(&farm).unwrap();
    for c in both_copies(&farm) {
        for p in ["ACCTHDB", "ACCTP1", "ACCTP2", "ACCTP3"] {
            assert!(c.db(p).unwrap().prohibit_auth, "{p}");
        }
    }
    let mut sim = ImsSim::load(&farm, "IMSP").unwrap();
    assert!(sim.is_stopped("ACCTHDB") && sim.is_stopped("ACCTP3"));
    sim.start(&["ACCTHDB"]).unwrap();
    sim.save(&farm).unwrap();
    assert!(
        both_copies(&farm)
            .iter()
            .all(|c| !c.db("ACCTP2").unwrap().prohibit_auth)
    );
}

#[test]
fn cli_ims_and_dbrc() {
    let (_d, root) = farm_dir();
    let o = cli(&root, &["ims", "IMSP", "/DIS DB CUSTDB"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("DFS4444I DISPLAY FROM ID=IMP1") && out(&o).contains("DFS4444I DISPLAY FROM ID=IMP2"));
    assert!(!root.join("state/IMSP.toml").exists(), "a display writes nothing");

    let o = cli(&root, &["ims", "IMST", "/DBR DB ORDDB GLOBAL"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("ICL526I RECON IMST.RECON1 updated"), "{}", out(&o));
    let o = cli(&root, &["ims", "IMST", "/dis db orddb"]);
    assert!(out(&o).contains("STOPPED, NOTOPEN"), "{}", out(&o));

    for (cmd, id) in [
        ("/XYZ DB A", "ICL505E"),
        ("/DBR DB NOPE", "ICL503E"),
        ("UPDATE DB NAME(", "ICL506E"),
    ] {
        let o = cli(&root, &["ims", "IMSP", cmd]);
        assert_eq!(o.status.code(), Some(8), "{cmd}: {}", out(&o));
        assert!(out(&o).contains(id), "{cmd}: {}", out(&o));
    }
    let o = cli(&root, &["ims", "NOSYS", "/DIS DB ALL"]);
    assert_eq!(o.status.code(), Some(8));
    assert!(out(&o).contains("ICL372E"));

    let o = cli(&root, &["dbrc", "IMSP", "LIST.DB DBD(CUSTDB)"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("DBD=CUSTDB") && out(&o).contains("DSP0211I HIGHEST CONDITION CODE = 00"));
    assert!(!out(&o).contains("ICL531I"), "LIST writes nothing");

    let o = cli(
        &root,
        &["dbrc", "IMSP", "CHANGE.DBDS DBD(CUSTDB) -\n  DDN(CUSTDD1) ICON"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("ICL531I RECON IMSP.RECON1 updated"));
    let farm = Farm::open(&root).unwrap();
    for c in both_copies(&farm) {
        assert!(c.dbds("CUSTDB", "CUSTDD1").unwrap().ic_needed);
    }
    drop(farm);

    let o = cli(&root, &["dbrc", "IMSP", "CHANGE.DBDS DBD(NOPE) DDN(X) ICON"]);
    assert_eq!(o.status.code(), Some(12), "{}", out(&o));
    assert!(out(&o).contains("DSP0145E") && out(&o).contains("ICL361E"));
}

#[test]
fn workload_refuses_a_dbrd_database_and_updates_a_started_one() {
    let (_d, root) = farm_dir();
    let farm = Farm::open(&root).unwrap();
    let before = dataset_bytes(&farm, "IMSP.CUSTDB.CUSTDD1");
    let index_before = dataset_bytes(&farm, "IMSP.CUSTSX.CUSTSXD");
    let mut w = Workload::new(&farm, "IMSP", "CUSTDB", 7).unwrap();
    let dsns: Vec<&str> = w.targets().iter().map(|t| t.dsn.as_str()).collect();
    assert_eq!(dsns, ["IMSP.CUSTDB.CUSTDD1", "IMSP.CUSTSX.CUSTSXD"]);
    let s = w.run(3).unwrap();
    assert_eq!((s.updates, s.last_seq), (3, 3));
    let after = dataset_bytes(&farm, "IMSP.CUSTDB.CUSTDD1");
    assert_ne!(after, before);
    assert_eq!(after.len(), before.len());
    // Still a valid data set, with the same records but some data changed.
    let (a, b) = (dbdata::read(&after).unwrap(), dbdata::read(&before).unwrap());
    assert_eq!(a.records.len(), b.records.len());
    let changed = a.records.iter().zip(&b.records).filter(|(x, y)| x != y).count();
    assert!((1..=3).contains(&changed), "{changed}");
    assert!(a.records.iter().zip(&b.records).all(|(x, y)| x.key == y.key));
    // The external judge reads the updated data set as we do.
    let work = tempfile::tempdir().unwrap();
    let image = root.join("volumes/0A90.3390");
    let (rc, o, e) = common::herc(
        "dasdseq",
        &[image.to_str().unwrap(), "IMSP.CUSTDB.CUSTDD1"],
        work.path(),
    );
    assert_eq!(rc, 0, "{o}{e}");
    assert_eq!(std::fs::read(work.path().join("IMSP.CUSTDB.CUSTDD1")).unwrap(), after);
    // The index only carries the marker.
    let ix = dataset_bytes(&farm, "IMSP.CUSTSX.CUSTSXD");
    assert_eq!(
        dbdata::read(&ix).unwrap().records,
        dbdata::read(&index_before).unwrap().records
    );
    let m = workload::markers(&farm, "IMSP", "CUSTDB").unwrap();
    assert!(workload::consistent(&m) && m[0].1 == 3, "{m:?}");
    drop(w);
    drop(farm);

    // /DBR it: the workload refuses, library and command line alike.
    let farm = Farm::open_locked(&root).unwrap();
    let mut sim = ImsSim::load(&farm, "IMSP").unwrap();
    sim.dbr(&["CUSTDB"], true).unwrap();
    sim.save(&farm).unwrap();
    drop(farm);
    let farm = Farm::open(&root).unwrap();
    let mut w = Workload::new(&farm, "IMP2", "CUSTDB", 7).unwrap();
    match w.update_once().unwrap() {
        Step::Refused(e) => assert_eq!(e.id, "ICL535E"),
        s => panic!("updated a /DBR'd database: {s:?}"),
    }
    assert_eq!(dataset_bytes(&farm, "IMSP.CUSTDB.CUSTDD1"), after);
    let o = cli(&root, &["workload", "IMSP", "--db", "CUSTDB"]);
    assert_eq!(o.status.code(), Some(8));
    assert!(out(&o).contains("ICL535E"), "{}", out(&o));
    // The index being stopped is enough to refuse too.
    drop(farm);
    let farm = Farm::open_locked(&root).unwrap();
    let mut sim = ImsSim::load(&farm, "IMSP").unwrap();
    sim.start(&["CUSTDB"]).unwrap();
    sim.command("/DBR DB CUSTSX GLOBAL").unwrap();
    sim.save(&farm).unwrap();
    drop(farm);
    let o = cli(&root, &["workload", "IMSP", "--db", "CUSTDB"]);
    assert!(out(&o).contains("CUSTSX STOPPED"), "{}", out(&o));
    let o = cli(
        &root,
        &["workload", "IMSP", "--db", "PAYDEDB", "--updates", "2", "--seed", "3"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("ICL539I 2 updates of PAYDEDB done"));
}

#[test]
fn a_dbr_is_a_consistency_point_for_a_running_workload() {
    let (_d, root) = farm_dir();
    let run = workload::spawn(root.clone(), "IMSP", "ORDDB", 11, Duration::from_millis(1)).unwrap();
    let farm_ro = Farm::open(&root).unwrap();
    // Let it work.
    let t0 = std::time::Instant::now();
    while workload::markers(&farm_ro, "IMSP", "ORDDB").unwrap()[0].1 < 3 {
        assert!(t0.elapsed() < Duration::from_secs(60), "the workload does not update");
        std::thread::sleep(Duration::from_millis(5));
    }
    let farm = Farm::open_locked(&root).unwrap();
    let mut sim = ImsSim::load(&farm, "IMSP").unwrap();
    sim.dbr(&["ORDDB"], true).unwrap();
    sim.save(&farm).unwrap();
    // After the saved /DBR nothing moves and every data set agrees.
    let m1 = workload::markers(&farm, "IMSP", "ORDDB").unwrap();
    assert_eq!(m1.len(), 3, "ORDDD1, ORDDD2 and the index ORDIXD: {m1:?}");
    assert!(workload::consistent(&m1), "{m1:?}");
    let data = dataset_bytes(&farm, "IMSP.ORDDB.ORDDD1");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(workload::markers(&farm, "IMSP", "ORDDB").unwrap(), m1);
    assert_eq!(dataset_bytes(&farm, "IMSP.ORDDB.ORDDD1"), data);
    // /STA: it goes on.
    sim.start(&["ORDDB"]).unwrap();
    sim.save(&farm).unwrap();
    let t0 = std::time::Instant::now();
    while workload::markers(&farm, "IMSP", "ORDDB").unwrap()[0].1 == m1[0].1 {
        assert!(t0.elapsed() < Duration::from_secs(60), "the workload did not resume");
        std::thread::sleep(Duration::from_millis(5));
    }
    let s = run.stop().unwrap();
    assert!(s.updates > m1[0].1 && s.refusals > 0, "{s:?}");
    assert!(workload::consistent(
        &workload::markers(&farm, "IMSP", "ORDDB").unwrap()
    ));
}

fn shared_sim() -> ImsSim {
    static SIM: std::sync::OnceLock<ImsSim> = std::sync::OnceLock::new();
    SIM.get_or_init(|| {
        let (d, root) = farm_dir();
        let farm = Farm::open(&root).unwrap();
        let s = ImsSim::load(&farm, "IMSP").unwrap();
        drop(d);
        s
    })
    .clone()
}

fn command_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "/DBR",
        "/DBD",
        "/STA",
        "/STO",
        "/DIS",
        "/NRE",
        "/CHE",
        "/dbrecovery",
        "DB",
        "AREA",
        "ALL",
        "CUSTDB",
        "ACCTP1",
        "PAYAR01",
        "NOPE",
        "GLOBAL",
        "LOCAL",
        "NOFEOV",
        "NOPFA",
        "OPEN",
        "ACCESS=EX",
        "ACCESS=",
        "FREEZE",
        "UPDATE",
        "QUERY",
        "NAME(",
        "NAME(CUST*)",
        ")",
        "(",
        "STOP(ACCESS)",
        "START(ACCESS)",
        "SET(ACCTYPE(UPD))",
        "SHOW(ALL)",
        "OPTION(FEOV)",
        ",",
        ".",
        "=",
        "*",
        "\t",
    ]);
    prop_oneof![".{0,80}", prop::collection::vec(words, 0..8).prop_map(|v| v.join(" ")),]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text gets a reply with an RC, never a panic; a refusal names
    /// its message ID.
    #[test]
    fn arbitrary_commands_get_replies(text in command_text()) {
        let mut sim = shared_sim();
        let r = sim.command(&text).unwrap();
        prop_assert!([0, 4, 8].contains(&r.rc), "{:?}", r);
        if r.rc == 8 {
            prop_assert!(r.lines.iter().any(|l| l.starts_with("ICL5") || l.starts_with("ICL372")), "{:?}", r);
            prop_assert!(r.error.is_some());
        }
    }
}
