//! The skeleton clone (the whitepaper's Figure 3) on the real binary:
//! IMSP -> IMSQ with the system data sets copied and the databases
//! allocated empty; it verifies; a database refresh then fills chosen
//! databases and it still verifies; sources never change; kill and RERUN
//! equals an uninterrupted run, ROLLBACK restores; a storage group it may
//! not use is refused.

mod common;

use std::path::Path;

use common::cli::{ims, init, kill_rerun_rollback, sample};
use common::farms::{blocks, checksums, device_sums, recon_of};
use common::{dasdcat_member, dasdls_names};
use imsclone::ims::dbdata::read_header;

/// Every device of the sample's IMS systems (IMSP and IMST).
const SOURCES: &[&str] = &["0A80", "0A81", "0A82", "0A83", "0A90", "0A91", "0B00", "0B10"];

fn run(job: &Path, farm: &Path, env: &[(&str, &str)]) -> std::process::Output {
    ims(&["run", job.to_str().unwrap(), "--farm", farm.to_str().unwrap()], env)
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The sample refresh job aimed at the skeleton IMSQ instead of IMST.
fn refresh_into_imsq(dir: &Path) -> std::path::PathBuf {
    let j = dir.join("refresh-imsq.toml");
    let t = std::fs::read_to_string(sample("db-refresh.toml")).unwrap();
    std::fs::write(
        &j,
        t.replace("target = \"IMST\"", "target = \"IMSQ\"")
            .replace("to = \"IMST.**\"", "to = \"IMSQ.**\""),
    )
    .unwrap();
    j
}

#[test]
fn skeleton_then_refresh() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    let fs = f.to_str().unwrap();
    init(&f);
    let before = device_sums(&f, SOURCES);
    let o = run(&sample("skeleton.toml"), &f, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(device_sums(&f, SOURCES), before, "a source volume changed");
    let v = ims(&["verify", "IMSQ", "--farm", fs], &[]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v));
    let v = ims(&["verify", "IMSP", "--farm", fs], &[]);
    assert_eq!(v.status.code(), Some(0), "the source must still verify: {}", text(&v));

    // The skeleton's volumes keep their VOLSERs and hold only IMSQ names
    // (dasdls judges), its libraries read back with Hercules' dasdcat.
    let farm = imsclone::farm::Farm::open(&f).unwrap();
    let s = imsclone::ims::discovery::discover(&farm, "IMSQ").unwrap();
    assert_eq!(s.imsids(), vec!["IMQ1", "IMQ2"]);
    assert!(s.volumes.iter().all(|v| v.starts_with("SCR")), "{:?}", s.volumes);
    for dev in ["0C80", "0C81"] {
        let names = dasdls_names(&f.join(format!("volumes/{dev}.3390")));
        assert!(names.iter().any(|n| n.starts_with("IMSQ.")), "{dev}: {names:?}");
        for n in &names {
            assert!(
                n.starts_with("IMSQ.") || n == "UCAT.IMSQ" || n.starts_with("SYS1.VVDS."),
                "{dev}: {n}"
            );
        }
    }
    let proclib_vol = farm
        .device_of_volser(&s.dataset("IMSQ.PROCLIB").unwrap().volumes[0])
        .unwrap()
        .devnum
        .clone();
    let card = dasdcat_member(
        &f.join(format!("volumes/{proclib_vol}.3390")),
        "IMSQ.PROCLIB",
        "DFSPBMQ1",
    )
    .join("\n");
    assert!(card.contains("IMSID=IMQ1,"), "{card}");
    // No history: image copies and archived logs are neither copied nor in the RECON.
    let cats = farm.catalogs().unwrap();
    assert!(cats.locate("IMSQ.IC.CUSTDB.CUSTDD1.G0001V00").is_none());
    assert!(cats.locate("IMSQ.IMP1.SLDSP.D26330.T060002").is_none());
    let r = recon_of(&f, "IMSQ.RECON1");
    assert!(
        r.dbs
            .values()
            .flat_map(|d| &d.dbds)
            .all(|x| x.images.is_empty() && x.allocs.is_empty())
    );
    assert!(r.logs.is_empty());
    // Every definition: the same databases, the HALDB's IDs with their gap.
    let p = recon_of(&f, "IMSP.RECON1");
    assert_eq!(r.dbs.keys().collect::<Vec<_>>(), p.dbs.keys().collect::<Vec<_>>());
    assert_eq!(r.partition_ids("ACCTHDB"), vec![1, 2, 4]);
    assert_eq!(r.dbds("CUSTDB", "CUSTDD1").unwrap().dsn, "IMSQ.CUSTDB.CUSTDD1");
    // Empty databases: only the header block, with the partition's ID.
    let h = read_header(&blocks(&f, "IMSQ.ACCTHDB.P3.A00004")[0]).unwrap();
    assert_eq!((h.partition_id, h.record_count), (4, 0));
    assert_eq!(blocks(&f, "IMSQ.CUSTDB.CUSTDD1").len(), 1);
    assert!(read_header(&blocks(&f, "IMSP.CUSTDB.CUSTDD1")[0]).unwrap().record_count > 0);
    let area = read_header(&blocks(&f, "IMSQ.PAYDEDB.PAYAR01")[0]).unwrap();
    assert!(area.area.is_some(), "a DEDB area keeps its geometry");
    drop(farm);

    // Figure 3, steps 4-5: refresh chosen databases into the skeleton.
    let before = device_sums(&f, SOURCES);
    let o = run(&refresh_into_imsq(d.path()), &f, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(
        device_sums(&f, SOURCES),
        before,
        "a source volume changed during the refresh"
    );
    for (s, t) in [
        ("IMSP.CUSTDB.CUSTDD1", "IMSQ.CUSTDB.CUSTDD1"),
        ("IMSP.CUSTSX.CUSTSXD", "IMSQ.CUSTSX.CUSTSXD"),
        ("IMSP.PAYDEDB.PAYAR02", "IMSQ.PAYDEDB.PAYAR02"),
        ("IMSP.ACCTHDB.P3.A00004", "IMSQ.ACCTHDB.P3.A00004"),
    ] {
        assert_eq!(blocks(&f, s), blocks(&f, t), "{t}");
    }
    // ORDDB was not refreshed: still empty.
    assert_eq!(
        read_header(&blocks(&f, "IMSQ.ORDDB.ORDDD1")[0]).unwrap().record_count,
        0
    );
    let v = ims(&["verify", "IMSQ", "--farm", fs], &[]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v));
}

#[test]
fn kill_then_rerun_equals_uninterrupted_and_rollback_restores() {
    // Every third journal record (the steps are alike: 40 copies, 13
    // allocations), and the last twelve (catalog, RECONs, members, verify).
    let d = tempfile::tempdir().unwrap();
    kill_rerun_rollback(&sample("skeleton.toml"), d.path(), &|n, records| {
        n % 3 == 1 || n + 12 >= records
    });
}

#[test]
fn a_storage_group_of_another_system_or_none_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let pristine = checksums(&f);
    let base = std::fs::read_to_string(sample("skeleton.toml")).unwrap();
    let cases = [
        // IMST's volumes hold IMST's data sets: never mixed with a skeleton's.
        (
            base.replace("storage_group = \"SGIMSQ\"", "storage_group = \"SGIMST\""),
            "ICL491E",
        ),
        (
            base.replace("storage_group = \"SGIMSQ\"", "storage_group = \"SGNONE\""),
            "ICL491E",
        ),
        (
            base.replace("[skeleton.targets]\nstorage_group = \"SGIMSQ\"", "[skeleton.targets]"),
            "ICL491E",
        ),
        (base.replace("from = \"IMSP.**\"", "from = \"IMSX.**\""), "ICL493E"),
    ];
    for (i, (t, id)) in cases.iter().enumerate() {
        let j = d.path().join(format!("bad{i}.toml"));
        std::fs::write(&j, t).unwrap();
        let o = run(&j, &f, &[]);
        assert_eq!(o.status.code(), Some(8), "case {i}: {}", text(&o));
        assert!(text(&o).contains(id), "case {i} wants {id}: {}", text(&o));
        assert_eq!(checksums(&f), pristine, "case {i} wrote to the farm");
    }
}
