//! The IMS panels on the default sample farm: a system as discovery finds
//! it, databases and their data sets, the RECON listing.

mod tui_support;

use tui_support::{Harness, default_options};

fn h80() -> Harness {
    Harness::with(80, 24, default_options("ispf-classic"))
}

#[test]
fn system_detail_from_discovery() {
    let mut h = h80();
    h.cmd("1");
    h.line(0, "s");
    h.enter();
    println!("{}", h.text());
    assert_eq!(h.top(), "ICLSYSD");
}

#[test]
fn databases_and_recon() {
    let mut h = h80();
    h.cmd("4");
    println!("{}", h.text());
    h.line(0, "s");
    h.enter();
    println!("{}", h.text());
    h.pf(3);
    h.pf(3);
    h.cmd("5");
    println!("{}", h.text());
    h.cmd("f partition");
    println!("{}", h.text());
    h.pf(3);
    h.pf(3);
}
