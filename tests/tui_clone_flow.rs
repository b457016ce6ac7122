//! Key-driven flows of the clone: profile, simulate, review, run, progress,
//! job list, rerun and rollback, against a default farm of the test's own.

mod tui_support;

use std::time::Duration;

use tui_support::{Harness, OwnFarm};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-systems/default/jobs/system-clone.toml"
);

#[test]
fn clone_through_the_panels() {
    let f = OwnFarm::new();
    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("6");
    println!("{}", h.text());
    h.press(crossterm::event::KeyCode::Tab);
    h.press(crossterm::event::KeyCode::Tab);
    h.typ(SAMPLE);
    h.enter();
    println!("{}", h.text());
    assert_eq!(h.top(), "ICLCLN");
    h.enter();
    println!("{}", h.text());
    assert_eq!(h.top(), "ICLREV");
    h.cmd("RUN");
    println!("{}", h.text());
    h.enter();
    assert!(h.app.wait_jobs(Duration::from_secs(60)));
    h.draw();
    println!("{}", h.text());
}
