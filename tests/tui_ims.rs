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
    assert_eq!(h.top(), "ICLSYSD");
    let t = h.text();
    assert!(t.contains("Data-sharing group") && t.contains("IMSP.MDALIB"), "{t}");
    assert!(
        t.contains("COPY1    IMSP.RECON1") && t.contains("SPARE    IMSP.RECON3"),
        "{t}"
    );
    // A RECON row shows the listing, a library its members, a member its
    // control region procedure.
    h.line(h.row_of("NAME", "RECON1"), "s");
    h.enter();
    assert_eq!(h.top(), "ICLRCN");
    h.pf(3);
    h.line(h.row_of("NAME", "STEPLIB"), "s");
    h.enter();
    assert_eq!(h.top(), "ICLMEM");
    h.pf(3);
    h.line(h.row_of("NAME", "IMP1"), "s");
    h.enter();
    assert_eq!(h.top(), "ICLBRO");
    assert!(h.text().contains("IMSP.PROCLIB(IMP1CTL)"), "{}", h.text());
    h.pf(3);
    // Logs and volumes are further down the list.
    h.cmd("FIND OLDS");
    assert_eq!(h.msg_id().as_deref(), Some("ICL629I"), "{}", h.text());
    h.cmd("LOCATE VOLUME");
    h.cmd("SORT KIND");
    h.cmd("LOCATE VOLUME");
    assert_eq!(h.app.row_value(0, "KIND").as_deref(), Some("VOLUME"));
    h.line(0, "s");
    h.enter();
    assert_eq!(h.top(), "ICLDSL");
}

#[test]
fn databases_and_their_data_sets() {
    let mut h = h80();
    h.cmd("4");
    assert_eq!(h.top(), "ICLDB");
    let k = h.row_of("DBD", "ACCTHDB");
    assert_eq!(
        h.app.row_value(k, "PARTS").as_deref(),
        Some("ACCTP1(1) ACCTP2(2) ACCTP3(4)")
    );
    assert_eq!(h.app.row_value(k, "DBORG").as_deref(), Some("PHDAM"));
    h.line(k, "s");
    h.enter();
    assert_eq!(h.top(), "ICLDBD");
    let t = h.text();
    assert!(
        t.contains("IMSP.ACCTHDB.P3.A00004") && t.contains("IMSP.DBDSRC(ACCTHDB)"),
        "{t}"
    );
    assert_eq!(h.app.row_value(4, "PARTID").as_deref(), Some("4"));
    h.pf(3);
    h.line(h.row_of("DBD", "CUSTDB"), "b");
    h.enter();
    assert_eq!(h.top(), "ICLBRO", "B browses the DBD source");
    h.pf(3);
    // Another system by its field; an unknown one is a message, not a panic.
    h.set_field("DBSYS", "IMST");
    h.enter();
    assert!(h.text().contains("IMS Databases of IMST"), "{}", h.text());
    assert!(h.text().contains("CUSTDB"), "{}", h.text());
    h.set_field("DBSYS", "NOSUCH");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL372E"), "{}", h.text());
}

#[test]
fn recon_listing_is_browsed() {
    let mut h = h80();
    h.cmd("5");
    assert_eq!(h.top(), "ICLRCN");
    assert!(h.text().contains("RECOVERY CONTROL DATA SET"), "{}", h.text());
    h.cmd("FIND DBD=CUSTDB");
    assert_eq!(h.msg_id().as_deref(), Some("ICL629I"));
    assert!(h.text().contains("DBD=CUSTDB"), "{}", h.text());
    h.pf(5);
    h.cmd("BOTTOM");
    assert!(h.text().contains("Bottom of Data"), "{}", h.text());
    h.cmd("LOCATE 1");
    h.cmd("COLS");
    assert!(h.text().contains("----+----1"), "{}", h.text());
    h.set_field("RCNSYS", "IMST");
    h.enter();
    assert!(h.text().contains("IMST.RECON1"), "{}", h.text());
}
