//! A job that fails half-way, through the panels: the job list offers
//! RERUN and ROLLBACK; RERUN finishes the clone, ROLLBACK undoes it. The
//! engine's test hook IMSCLONE_FAIL_STEP makes a step fail; it is read from
//! the environment, so this binary holds this one test only.

mod tui_support;

use imsclone::farm::Farm;
use tui_support::{Harness, OwnFarm, SAMPLE_JOB};

#[test]
fn failed_job_is_offered_rerun_and_rollback() {
    // SAFETY: the only test of this binary sets it before any thread of
    // its own starts.
    unsafe { std::env::set_var("IMSCLONE_FAIL_STEP", "5") };
    let f = OwnFarm::new();
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("6");
    h.set_field("PRFFILE", SAMPLE_JOB);
    h.enter();
    h.enter();
    assert_eq!(h.top(), "ICLREV", "{}", h.text());
    h.cmd("RUN");
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "FAILED", "{}", h.text());
    assert!(h.text().contains("ICL458E"), "{}", h.text());

    // The job list says so and offers RERUN and ROLLBACK.
    h.cmd("=8");
    assert_eq!(h.msg_id().as_deref(), Some("ICL691W"), "{}", h.text());
    let k = h.row_of("STATE", "FAILED");
    h.line(k, "/");
    h.enter();
    assert_eq!(h.top(), "ICLACT");
    assert!(
        h.text().contains("RERUN") && h.text().contains("ROLLBACK"),
        "{}",
        h.text()
    );
    h.pf(12);

    // SAFETY: no job runs now; the loader waits on its channel.
    unsafe { std::env::remove_var("IMSCLONE_FAIL_STEP") };
    let k = h.row_of("STATE", "FAILED");
    h.line(k, "r");
    h.enter();
    assert_eq!(h.top(), "ICLCNF");
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    assert!(
        h.text().contains("SKIPPED") || h.text().contains("DONE"),
        "{}",
        h.text()
    );
    let farm = Farm::open(&f.root()).unwrap();
    let findings = imsclone::engine::verify::verify(&farm, "IMSQ").unwrap();
    assert!(!findings.iter().any(|x| x.blocks()), "{findings:?}");

    // ROLLBACK puts everything back.
    h.cmd("=8");
    let k = h.row_of("STATE", "ENDED");
    h.line(k, "u");
    h.enter();
    assert_eq!(h.top(), "ICLCNF");
    h.enter();
    h.wait_jobs();
    assert_eq!(h.app.var("PKIND"), "ROLLBACK");
    assert_eq!(h.app.var("PSTATE"), "ENDED", "{}", h.text());
    h.cmd("=8");
    assert!(h.text().contains("ROLLED BACK"), "{}", h.text());
    let farm = Farm::open(&f.root()).unwrap();
    assert!(farm.config.members_of("IMSQ").is_empty(), "IMSQ is gone from farm.toml");
    h.cmd("=1");
    assert!(!h.text().contains("IMQ1"), "{}", h.text());
    h.cmd("=8");
    let k = h.row_of("STATE", "ROLLED BACK");
    h.line(k, "r");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL677E"), "a rolled back job is not rerun");
}
