//! Key-driven flows of database refreshes and skeleton clones through the
//! panels, on default farms: refresh profile -> pick databases -> review
//! (findings, data sets, IMS and DBRC commands) -> RUN -> progress -> done,
//! then IMST verifies and the copies hold the source's bytes; an
//! incompatible database (IMST's ORDDB) is refused; a skeleton profile ->
//! review -> RUN -> IMSQ verifies; a refresh and a skeleton are rolled
//! back from the job list and the farm is as before.

mod tui_support;

use tui_support::{
    Harness, OwnFarm, SAMPLE_JOB, SAMPLE_REFRESH, SKELETON_JOB, blocks, checksums, default_options, verify_clean,
};

/// Option 7, a job file read through the Job file field.
fn load_refresh(h: &mut Harness, path: &str) {
    h.cmd("7");
    assert_eq!(h.top(), "ICLPRF");
    h.set_field("PRFFILE", path);
    h.enter();
    assert_eq!(h.top(), "ICLRFP", "{}", h.text());
}

#[test]
fn refresh_profile_review_run_progress_verify() {
    let f = OwnFarm::new();
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("7");
    assert_eq!(h.top(), "ICLPRF");
    assert_eq!(h.app.var("PRFWHAT"), "Refresh");
    h.cmd("NEW REFQ");
    assert_eq!(h.top(), "ICLRFP");
    assert_eq!(
        (h.app.var("RSRC").as_str(), h.app.var("RTGT").as_str()),
        ("IMSP", "IMST")
    );
    assert!(!h.text().contains("not available"), "{}", h.text());
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL689E"), "no databases yet");
    h.set_field("RDBS", "BAD-NAME");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL654E"), "{}", h.text());
    h.set_field("RDBS", "");

    // The databases, picked from the source system's list.
    h.cmd("PICK");
    assert_eq!(h.top(), "ICLRFD");
    for db in ["CUSTDB", "ACCTHDB", "PAYDEDB"] {
        let k = h.row_of("DBD", db);
        h.line(k, "s");
    }
    h.enter();
    assert_eq!(h.app.var("NPICK"), "3", "{}", h.text());
    h.pf(3);
    assert_eq!(h.top(), "ICLRFP");
    assert_eq!(h.app.var("RDBS"), "ACCTHDB CUSTDB PAYDEDB");

    // ACCTHDB's partitions differ in IMST: an error until the option is on.
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    assert!(h.text().contains("BLOCKED"), "{}", h.text());
    h.cmd("RUN");
    assert_eq!(h.msg_id().as_deref(), Some("ICL671E"));
    h.cmd("1");
    assert_eq!(h.top(), "ICLRVF");
    let k = h.row_of("MSGID", "ICL570E");
    h.line(k, "s");
    h.enter();
    assert_eq!(h.top(), "ICLMSGH", "F1/S explains the finding");
    h.pf(3);
    h.pf(3);
    h.pf(3);
    assert_eq!(h.top(), "ICLRFP");
    h.set_field("RHALDB", "Y");
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    let t = h.text();
    assert!(t.contains("Ready: RUN executes"), "{t}");
    assert!(t.contains("ACCTHDB, CUSTDB, PAYDEDB, CUSTSX"), "the index follows: {t}");

    // The views: data sets (NEW for the redefined partition), commands.
    h.cmd("2");
    assert_eq!(h.top(), "ICLRVD");
    assert_eq!(
        (
            h.app.var("NCOPY").as_str(),
            h.app.var("NNEW").as_str(),
            h.app.var("NSCR").as_str()
        ),
        ("10", "2", "2")
    );
    let k = h.row_of("SOURCE", "IMSP.CUSTDB.CUSTDD1");
    assert_eq!(h.app.row_value(k, "TARGET").as_deref(), Some("IMST.CUSTDB.CUSTDD1"));
    assert_eq!(h.app.row_value(k, "ACTION").as_deref(), Some("COPY"));
    h.cmd("FIND A00004");
    assert!(h.text().contains("NEW"), "{}", h.text());
    h.cmd("SORT ACTION D");
    assert_eq!(h.app.row_value(0, "ACTION").as_deref(), Some("SCRATCH"));
    h.pf(3);
    h.cmd("3");
    assert_eq!(h.top(), "ICLTXT");
    let t = h.text();
    assert!(
        t.contains("IMST     /DBR DB ACCTHDB,CUSTDB,PAYDEDB,CUSTSX GLOBAL"),
        "{t}"
    );
    assert!(
        t.contains("IMSP     /STA DB ACCTHDB,CUSTDB,PAYDEDB,CUSTSX GLOBAL"),
        "{t}"
    );
    h.pf(3);
    h.cmd("4");
    assert!(h.text().contains("DELETE.DB DBD(CUSTDB)"), "{}", h.text());
    h.cmd("FIND 'IMAGE COPY RECOMMENDED'");
    assert_eq!(h.msg_id().as_deref(), Some("ICL629I"), "{}", h.text());
    h.pf(3);

    // RUN, confirmed; the progress panel follows the refresh to its end.
    h.cmd("RUN");
    assert_eq!(h.top(), "ICLCNF");
    assert!(h.text().contains("Run job REFQ now?"), "{}", h.text());
    h.enter();
    assert_eq!(h.top(), "ICLPRG");
    h.wait_jobs();
    let t = h.text();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{t}");
    assert_eq!(h.app.var("PRC"), "00", "{t}");
    assert!(t.contains("Refresh job REFQ-20261127-000000"), "{t}");
    assert!(t.contains("25 of 25 steps"), "{t}");

    // The target verifies; the copies are the source's bytes.
    verify_clean(&f.root(), "IMST");
    for (src, tgt) in [
        ("IMSP.CUSTDB.CUSTDD1", "IMST.CUSTDB.CUSTDD1"),
        ("IMSP.CUSTSX.CUSTSXD", "IMST.CUSTSX.CUSTSXD"),
        ("IMSP.PAYDEDB.PAYAR01", "IMST.PAYDEDB.PAYAR01"),
    ] {
        let (a, b) = (blocks(&f.root(), src), blocks(&f.root(), tgt));
        assert!(a.len() > 1, "{src} has data");
        assert_eq!(a, b, "{tgt} holds {src}'s bytes");
    }

    // The job list has it, typed; S shows its report.
    h.cmd("=8");
    let k = h.row_of("JOBID", "REFQ-20261127-000000");
    assert_eq!(h.app.row_value(k, "TYPE").as_deref(), Some("REFRESH"));
    assert_eq!(h.app.row_value(k, "STATE").as_deref(), Some("ENDED"));
    h.line(k, "s");
    h.enter();
    assert_eq!(h.top(), "ICLTXT");
    assert!(h.text().contains("JOB REFQ (db-refresh)"), "{}", h.text());
}

#[test]
fn profile_saved_is_the_engine_job_file() {
    let f = OwnFarm::new();
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    load_refresh(&mut h, SAMPLE_REFRESH);
    assert_eq!(h.app.var("RNAME"), "REFRESHT");
    assert_eq!(h.app.var("RHALDB"), "Y");
    assert_eq!(h.app.var("RNOTGT"), "N");
    h.set_field("RFUZZY", "Y");
    h.set_field("RMOVER", "COPY");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL651E"), "the panel's checks");
    h.set_field("RMOVER", "NONE");
    h.set_field("RNOTGT", "Y");
    h.cmd("SAVE");
    assert_eq!(h.msg_id().as_deref(), Some("ICL678I"), "{}", h.text());
    let text = std::fs::read_to_string(f.config().join("profiles/REFRESHT.toml")).unwrap();
    let j = imsclone::engine::request::JobFile::parse(&text, "saved").expect("the engine reads it");
    let r = j.refresh.expect("a refresh");
    assert_eq!(r.databases, ["CUSTDB", "ACCTHDB", "PAYDEDB"]);
    let o = r.options;
    assert!(o.fuzzy_copy && o.copy_if_no_target_db && o.copy_if_different_haldb);
    assert_eq!(o.data_mover, imsclone::engine::request::DataMover::None);
    // A target the farm does not have: planning says so, with its ID.
    h.set_field("RTGT", "NOSYS");
    h.enter();
    assert_eq!(h.top(), "ICLRFP", "{}", h.text());
    let m = h.app.message().expect("a message").clone();
    assert!(m.id.starts_with("ICL") && m.id.ends_with('E'), "{m:?}");
    assert!(m.long.contains("NOSYS"), "{m:?}");
    h.set_field("RTGT", "IMSP");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL685E"), "the target must differ");
    h.set_field("RTGT", "IMST");
    // A clone job read on the refresh panel is refused with its ID.
    h.cmd(&format!("LOAD {SAMPLE_JOB}"));
    assert_eq!(h.msg_id().as_deref(), Some("ICL694E"), "{}", h.text());
    // FUZZY-COPY: a warning, the source keeps running.
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    assert!(h.text().contains("FUZZY"), "{}", h.text());
    h.cmd("3");
    let t = h.text();
    assert!(!t.contains("IMSP     /DBR"), "no /DBR of the source: {t}");
    assert!(t.contains("FUZZY-COPY"), "{t}");
}

#[test]
fn incompatible_database_is_refused() {
    let mut h = Harness::with(80, 24, default_options("ispf-classic"));
    h.cmd("7");
    h.cmd("NEW REFO");
    h.cmd("PICK");
    let k = h.row_of("DBD", "ORDDB");
    h.line(k, "s");
    h.enter();
    h.pf(3);
    assert_eq!(h.app.var("RDBS"), "ORDDB");
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    assert!(h.text().contains("BLOCKED"), "{}", h.text());
    assert_eq!(h.app.var("RVNERR"), "1");
    h.cmd("1");
    let k = h.row_of("MSGID", "ICL567E");
    assert_eq!(h.app.row_value(k, "OBJECT").as_deref(), Some("ORDDB"));
    assert_eq!(h.app.row_value(k, "SEV").as_deref(), Some("E"));
    h.pf(3);
    h.cmd("RUN");
    assert_eq!(h.msg_id().as_deref(), Some("ICL671E"), "{}", h.text());
    assert_eq!(h.top(), "ICLREVD", "RUN is refused");
    assert_eq!(h.app.jobs().all().count(), 0, "no job started");
}

#[test]
fn skeleton_profile_review_run_verify_rollback() {
    let f = OwnFarm::new();
    let pristine = checksums(&f.root());
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    // The sample skeleton reads as a skeleton profile.
    h.cmd("6");
    h.set_field("PRFFILE", SKELETON_JOB);
    h.enter();
    assert_eq!(h.top(), "ICLCLN", "{}", h.text());
    assert_eq!(h.app.var("PTYPE"), "SKELETON");
    h.pf(12);

    // The sample clone made a skeleton: TYPE SKELETON, the volumes ignored.
    h.set_field("PRFFILE", SAMPLE_JOB);
    h.enter();
    assert_eq!(h.app.var("PTYPE"), "SYSTEM");
    h.set_field("PTYPE", "SKEL");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL651E"), "SYSTEM or SKELETON");
    h.set_field("PTYPE", "SKELETON");
    h.set_field("PTSG", "");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL697E"), "{}", h.text());
    assert_eq!(h.app.field_at_cursor().as_deref(), Some("PTSG"));
    h.set_field("PTSG", "SGIMSQ");
    h.enter();
    assert_eq!(h.top(), "ICLREVK", "{}", h.text());
    let t = h.text();
    assert!(t.contains("Ready: RUN executes"), "{t}");
    assert!(t.contains("skeleton-clone"), "{t}");
    assert!(!t.contains("ICL492W"), "{t}");

    h.cmd("2");
    assert_eq!(h.top(), "ICLRVS");
    assert_eq!(h.app.var("RVSTTL"), "System Data Sets Copied");
    h.cmd("SORT SOURCE");
    h.cmd("LOCATE IMSP.PROCLIB");
    let k = h.row_of("SOURCE", "IMSP.PROCLIB");
    assert_eq!(h.app.row_value(k, "TARGET").as_deref(), Some("IMSQ.PROCLIB"));
    h.pf(3);
    h.cmd("3");
    assert_eq!(h.app.var("RVSTTL"), "Database Data Sets Allocated Empty");
    h.cmd("LOCATE IMSP.CUSTDB");
    let k = h.row_of("SOURCE", "IMSP.CUSTDB.CUSTDD1");
    assert!(h.app.row_value(k, "ROLES").is_some_and(|r| r.contains("RECON:DBDS")));
    h.pf(3);
    h.cmd("4");
    assert_eq!(h.top(), "ICLTXT");
    assert!(
        h.text().contains("left out") || h.text().contains("Left out"),
        "{}",
        h.text()
    );
    h.pf(3);
    h.cmd("5");
    assert_eq!(h.top(), "ICLRVR");
    h.pf(3);
    h.cmd("6");
    assert_eq!(h.top(), "ICLRVM");
    h.pf(3);

    h.cmd("RUN");
    assert_eq!(h.top(), "ICLCNF");
    assert!(h.text().contains("allocated empty"), "{}", h.text());
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    assert_eq!(h.app.var("PRC"), "00", "{}", h.text());
    assert!(h.text().contains("Skeleton job CLONEQ-"), "{}", h.text());
    verify_clean(&f.root(), "IMSQ");
    // The databases are there, empty: their first block only.
    assert_eq!(blocks(&f.root(), "IMSQ.CUSTDB.CUSTDD1").len(), 1);
    h.cmd("=8");
    let k = h.row_of("TYPE", "SKELETON");
    assert_eq!(h.app.row_value(k, "STATE").as_deref(), Some("ENDED"));

    // U undoes the skeleton too: IMSQ is gone, the farm as before.
    h.line(k, "u");
    h.enter();
    assert_eq!(h.top(), "ICLCNF", "{}", h.text());
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    assert!(h.text().contains("Skeleton job CLONEQ-"), "{}", h.text());
    assert_eq!(checksums(&f.root()), pristine, "the farm is as before the skeleton");
    let farm = imsclone::farm::Farm::open(&f.root()).unwrap();
    assert!(farm.config.members_of("IMSQ").is_empty(), "IMSQ is gone from farm.toml");
}

#[test]
fn refresh_is_rolled_back_from_the_job_list() {
    let f = OwnFarm::new();
    let pristine = checksums(&f.root());
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    load_refresh(&mut h, SAMPLE_REFRESH);
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    h.cmd("RUN");
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    let refreshed = checksums(&f.root());
    assert_ne!(refreshed, pristine, "the refresh wrote the target");

    h.cmd("=8");
    let k = h.row_of("TYPE", "REFRESH");
    h.line(k, "/");
    h.enter();
    assert_eq!(h.top(), "ICLACT");
    let t = h.text();
    assert!(
        t.contains("ROLLBACK") && !t.contains("RERUN"),
        "an ended job is undone, not rerun: {t}"
    );
    h.pf(12);
    h.line(k, "u");
    h.enter();
    assert_eq!(h.top(), "ICLCNF");
    assert!(h.text().contains("Roll job REFRESHT-"), "{}", h.text());
    h.enter();
    assert_eq!(h.top(), "ICLPRG");
    h.wait_jobs();
    assert_eq!(h.app.var("PKIND"), "ROLLBACK");
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    let t = h.text();
    assert!(t.contains("Refresh job REFRESHT-"), "{t}");
    assert!(t.contains("3 of 3 steps"), "two devices and the catalogs: {t}");
    assert_eq!(checksums(&f.root()), pristine, "the farm is as before the refresh");
    h.cmd("=8");
    let k = h.row_of("TYPE", "REFRESH");
    assert_eq!(h.app.row_value(k, "STATE").as_deref(), Some("ROLLED BACK"));
    h.line(k, "u");
    h.enter();
    assert_eq!(
        h.msg_id().as_deref(),
        Some("ICL677E"),
        "a rolled back job is not rolled back again"
    );
}
