//! Discovery on the default farm: from an IMSID or group to procedures,
//! RECONs, libraries, logs, databases, partitions and volumes.

mod common;

use imsclone::ims::discovery::discover;

#[test]
fn imsp_data_sharing_group() {
    let d = tempfile::tempdir().unwrap();
    let farm = common::farms::default_farm(&d.path().join("f"));
    let s = discover(&farm, "IMSP").unwrap();
    assert_eq!(s.imsids(), vec!["IMP1", "IMP2"]);
    assert!(s.notes.is_empty(), "{:?}", s.notes);
    let m1 = &s.members[0];
    assert_eq!(m1.ctl_proc.as_deref(), Some("IMP1CTL"));
    assert_eq!(m1.dbrc_proc.as_deref(), Some("IMP1DRC"));
    assert_eq!(m1.irlm.as_deref(), Some("IRP1"));
    assert_eq!(m1.olds.len(), 3);
    assert_eq!(m1.wads.len(), 2);
    assert!(m1.olds.iter().all(|(_, d)| d.starts_with("IMSP.IMP1.")));
    assert_eq!(s.members[1].ctl_proc.as_deref(), Some("IMP2CTL"));
    assert_eq!(s.recon_ssid.as_deref(), Some("IMSP"));
    let recons: Vec<(&str, &str)> = s.recons.iter().map(|r| (r.dsn.as_str(), r.status.as_str())).collect();
    assert_eq!(
        recons,
        vec![
            ("IMSP.RECON1", "COPY1"),
            ("IMSP.RECON2", "COPY2"),
            ("IMSP.RECON3", "SPARE")
        ]
    );
    assert_eq!(s.mdalib.as_deref(), Some("IMSP.MDALIB"));
    let names: Vec<&str> = s.databases.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec!["ACCTHDB", "CUSTDB", "CUSTSX", "ORDDB", "ORDIX", "PAYDEDB"]);
    let orgs: Vec<&str> = s.databases.iter().map(|d| d.org.as_str()).collect();
    assert_eq!(orgs, vec!["PHDAM", "HDAM", "INDEX", "HIDAM", "INDEX", "DEDB"]);
    let hdb = s.database("ACCTHDB").unwrap();
    assert_eq!(hdb.partitions.iter().map(|p| p.id).collect::<Vec<_>>(), vec![1, 2, 4]);
    assert!(
        hdb.datasets
            .iter()
            .any(|d| d.dsn == "IMSP.ACCTHDB.P3.L00004" && d.partition_id == Some(4))
    );
    assert_eq!(s.database("CUSTDB").unwrap().indexes, vec!["CUSTSX"]);
    assert_eq!(s.database("ORDDB").unwrap().indexes, vec!["ORDIX"]);
    assert_eq!(s.database("PAYDEDB").unwrap().datasets.len(), 2);
    assert_eq!(
        s.volumes,
        vec!["IMPD01", "IMPD02", "IMSL01", "IMSL02", "IMSP01", "IMSP02"]
    );
    for dsn in [
        "IMSP.SDFSRESL",
        "IMSP.ACBLIBB",
        "IMSP.IMP2.WADS1",
        "IMSP.IMP1.SLDSP.D26330.T060002",
        "IMSP.IC.CUSTDB.CUSTDD1.G0001V00",
        "IMSP.USER.JCL",
    ] {
        let r = s.dataset(dsn).unwrap_or_else(|| panic!("{dsn} not discovered"));
        assert!(!r.volumes.is_empty(), "{dsn} has no volume");
    }
    assert!(s.dataset("IMSPROC.TOOLS.LOAD").is_none(), "IMSPROC is not IMSP");
    // A member IMSID finds its group.
    assert_eq!(discover(&farm, "IMP2").unwrap().name, "IMSP");
}

#[test]
fn imst_and_unknown_systems() {
    let d = tempfile::tempdir().unwrap();
    let farm = common::farms::default_farm(&d.path().join("f"));
    let t = discover(&farm, "IMST").unwrap();
    assert_eq!(t.imsids(), vec!["IMST"]);
    assert_eq!(
        t.database("ACCTHDB")
            .unwrap()
            .partitions
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(t.volumes, vec!["IMST01", "IMTD01"]);
    assert_eq!(discover(&farm, "IMSX").unwrap_err().id, "ICL372E");
}
