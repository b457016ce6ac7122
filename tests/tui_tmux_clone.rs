//! End to end: the real binary in a detached 132x43 tmux session on a fresh
//! default farm, driven by keys alone: option 6, LOAD the sample clone job
//! into the clone profile, Enter to simulate, the review, RUN, confirm,
//! watch the progress panel to the end; then option 7, a new refresh
//! profile, S in its Databases field, LOCATE CUSTDB in the source's list,
//! S on it, back, Enter to plan, the review and its data sets, RUN,
//! confirm, watch the refresh to its end, leave. `imsclone verify IMSQ`
//! and `imsclone verify IMST` must end with RC 0. The screen is polled
//! (capture-pane) with timeouts, never read after fixed sleeps. Needs tmux:
//! without it the test fails.

mod tui_support;

use std::process::Command;

use tui_support::tmux::Tmux;
use tui_support::{SAMPLE_JOB, init_default_farm};

#[test]
fn clone_then_refresh_through_the_panels() {
    let home = tempfile::tempdir().unwrap();
    let farm = home.path().join("farm");
    init_default_farm(&farm);
    let bin = env!("CARGO_BIN_EXE_imsclone");
    let t = Tmux::start("clone", home.path(), &farm, 132, 43);

    t.wait("the primary menu", 15, |s| s.starts_with("ICLPRIM"));
    t.text("6");
    t.keys(&["Enter"]);
    t.wait("the clone profiles", 15, |s| s.starts_with("ICLPRF"));
    t.text(&format!("load {SAMPLE_JOB}"));
    t.keys(&["Enter"]);
    let s = t.wait("the clone profile", 15, |s| s.starts_with("ICLCLN"));
    assert!(s.contains("Clone Profile CLONEQ") && s.contains("SGIMSQ"), "{s}");

    // Enter simulates: the plan is made in the background, then the review.
    t.keys(&["Enter"]);
    let s = t.wait("the review", 30, |s| s.starts_with("ICLREV"));
    assert!(s.contains("Ready: RUN executes the plan"), "{s}");
    t.text("2");
    t.keys(&["Enter"]);
    let s = t.wait("the rename map", 15, |s| s.starts_with("ICLRVR"));
    assert!(s.contains("IMSQ.IMQ1.OLP00"), "{s}");
    t.keys(&["F3"]);
    t.wait("the review again", 15, |s| s.starts_with("ICLREV"));

    t.text("run");
    t.keys(&["Enter"]);
    t.wait("the confirmation", 15, |s| s.contains("Run job CLONEQ now?"));
    t.keys(&["Enter"]);
    t.wait("the progress panel", 15, |s| s.starts_with("ICLPRG"));
    let s = t.wait("the job to end", 180, |s| {
        s.contains("State : ENDED") || s.contains("FAILED")
    });
    assert!(s.contains("State : ENDED") && s.contains("RC: 00"), "{s}");
    assert!(s.contains("37 of 37 steps") && s.contains("Verify IMSQ"), "{s}");

    t.keys(&["F3"]);
    t.wait("the review after the run", 15, |s| s.starts_with("ICLREV"));

    // Refresh CUSTDB into IMST: a new refresh profile, the database picked
    // from IMSP's list (the cursor starts in the Databases list field;
    // Shift+Tab reaches the S field before it).
    t.text("=7");
    t.keys(&["Enter"]);
    t.wait("the refresh profiles", 15, |s| {
        s.starts_with("ICLPRF") && s.contains("Refresh Profiles")
    });
    t.text("new refcust");
    t.keys(&["Enter"]);
    let s = t.wait("the refresh profile", 15, |s| s.starts_with("ICLRFP"));
    assert!(
        s.contains("Source system IMSP") && s.contains("Target system IMST"),
        "{s}"
    );
    t.keys(&["BTab"]);
    t.text("s");
    t.keys(&["Enter"]);
    t.wait("IMSP's databases", 15, |s| {
        s.starts_with("ICLRFD") && s.contains("PAYDEDB")
    });
    t.text("locate custdb");
    t.keys(&["Enter"]);
    t.wait("CUSTDB on top", 15, |s| {
        s.starts_with("ICLRFD") && s.contains("Row 2 to")
    });
    t.keys(&["Tab", "Tab"]);
    t.text("s");
    t.keys(&["Enter"]);
    t.wait("CUSTDB picked", 15, |s| s.contains("Picked : 1"));
    t.keys(&["F3"]);
    let s = t.wait("the profile with CUSTDB", 15, |s| s.starts_with("ICLRFP"));
    assert!(s.contains("    CUSTDB"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait("the refresh review", 30, |s| s.starts_with("ICLREVD"));
    assert!(s.contains("Ready: RUN executes the plan"), "{s}");
    assert!(s.contains("Databases: CUSTDB, CUSTSX"), "the index follows: {s}");
    t.text("2");
    t.keys(&["Enter"]);
    let s = t.wait("the data sets", 15, |s| s.starts_with("ICLRVD"));
    assert!(
        s.contains("IMST.CUSTDB.CUSTDD1") && s.contains("IMST.CUSTSX.CUSTSXD"),
        "{s}"
    );
    t.keys(&["F3"]);
    t.wait("the refresh review again", 15, |s| s.starts_with("ICLREVD"));
    t.text("run");
    t.keys(&["Enter"]);
    t.wait("the refresh confirmation", 15, |s| s.contains("Run job REFCUST now?"));
    t.keys(&["Enter"]);
    t.wait("the refresh progress", 15, |s| s.starts_with("ICLPRG"));
    let s = t.wait("the refresh to end", 180, |s| {
        s.contains("State : ENDED") || s.contains("FAILED")
    });
    assert!(s.contains("State : ENDED") && s.contains("RC: 00"), "{s}");
    assert!(s.contains("Refresh job REFCUST-") && s.contains("Verify IMST"), "{s}");

    t.keys(&["F3"]);
    t.wait("the refresh review after the run", 15, |s| s.starts_with("ICLREVD"));
    t.text("=x");
    t.keys(&["Enter"]);
    let after = t.wait("imsclone to end", 15, |s| s.contains("IMSCLONE-RC="));
    assert!(after.contains("IMSCLONE-RC=0"), "imsclone ended with RC 0:\n{after}");

    for system in ["IMSQ", "IMST"] {
        let v = Command::new(bin)
            .args(["verify", system, "--farm"])
            .arg(&farm)
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&v.stdout);
        assert!(
            v.status.success(),
            "imsclone verify {system}: {out}{}",
            String::from_utf8_lossy(&v.stderr)
        );
        assert!(out.contains("RC=00"), "{out}");
    }
}
