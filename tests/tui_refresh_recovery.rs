//! A refresh that fails after it stopped the databases of both systems
//! (/DBR), through the panels: the job list offers ROLLBACK, whose steps
//! (the engine's rollback outline) start the databases again (/STA) and
//! put the target volumes, catalogs, farm.toml and IMS states back; the
//! farm is byte for byte as before. The engine's test hook
//! IMSCLONE_FAIL_STEP is read from the environment, so this binary holds
//! this one test only.

mod tui_support;

use tui_support::{Harness, OwnFarm, SAMPLE_REFRESH, checksums, verify_clean};

#[test]
fn failed_refresh_is_rolled_back_and_its_databases_started() {
    // Step 12 copies a partition of ACCTHDB: after both /DBR (steps 7, 8).
    // SAFETY: the only test of this binary sets it before any thread of
    // its own starts.
    unsafe { std::env::set_var("IMSCLONE_FAIL_STEP", "12") };
    let f = OwnFarm::new();
    let pristine = checksums(&f.root());
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("7");
    h.set_field("PRFFILE", SAMPLE_REFRESH);
    h.enter();
    assert_eq!(h.top(), "ICLRFP", "{}", h.text());
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
    h.cmd("RUN");
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "FAILED", "{}", h.text());
    assert!(h.text().contains("ICL458E"), "{}", h.text());
    // SAFETY: no job runs now; the loader waits on its channel.
    unsafe { std::env::remove_var("IMSCLONE_FAIL_STEP") };

    h.cmd("=8");
    assert_eq!(h.msg_id().as_deref(), Some("ICL691W"), "{}", h.text());
    let k = h.row_of("STATE", "FAILED");
    assert_eq!(h.app.row_value(k, "TYPE").as_deref(), Some("REFRESH"));
    h.line(k, "u");
    h.enter();
    assert_eq!(h.top(), "ICLCNF", "{}", h.text());
    h.enter();
    assert_eq!(h.top(), "ICLPRG");
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    assert_eq!(h.app.var("PKIND"), "ROLLBACK");
    // The engine's outline: two restarts, two devices, the catalogs.
    let titles: Vec<String> = {
        let j = h.app.jobs().all().last().expect("the rollback job");
        j.steps.iter().map(|s| s.title.clone()).collect()
    };
    assert_eq!(
        titles,
        [
            "IMST: /STA DB CUSTDB,ACCTHDB,PAYDEDB,CUSTSX GLOBAL",
            "IMSP: /STA DB CUSTDB,ACCTHDB,PAYDEDB,CUSTSX GLOBAL",
            "Restore device 0B00",
            "Restore device 0B10",
            "Restore the master catalog, farm.toml and the IMS states",
        ]
    );
    assert!(h.text().contains("5 of 5 steps"), "{}", h.text());
    assert_eq!(checksums(&f.root()), pristine, "the farm is as before the refresh");
    verify_clean(&f.root(), "IMST");
    h.cmd("=8");
    let k = h.row_of("TYPE", "REFRESH");
    assert_eq!(h.app.row_value(k, "STATE").as_deref(), Some("ROLLED BACK"));
}
