//! Database refresh on the real binary: IMSP -> IMST (HDAM with its
//! secondary index, the PHDAM HALDB whose partition IDs 1, 2, 4 must survive,
//! the DEDB), HIDAM with its primary index into a clone, the deliberately
//! incompatible IMST ORDDB refused, kill at every journal step then RERUN,
//! ROLLBACK, sources unchanged, and DATA-MOVER(NONE) job streams that parse.

mod common;

use common::cli::{ims, init, job_id, kill_rerun_rollback, sample};
use common::farms::{blocks, checksums, device_sums, recon_of};
use imsclone::dasd::Access;
use imsclone::farm::Farm;

const SOURCES: &[&str] = &["0A80", "0A81", "0A82", "0A83", "0A90", "0A91"];
#[test]
fn refresh_imsp_into_imst() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let before = device_sums(&f, SOURCES);
    let o = ims(
        &[
            "run",
            sample("db-refresh.toml").to_str().unwrap(),
            "--farm",
            f.to_str().unwrap(),
        ],
        &[],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(device_sums(&f, SOURCES), before, "a source volume changed");
    let v = ims(&["verify", "IMST", "--farm", f.to_str().unwrap()], &[]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
    // HALDB: the source's partition IDs with their gap, in RECON and data.
    let t = recon_of(&f, "IMST.RECON1");
    assert_eq!(t.partition_ids("ACCTHDB"), vec![1, 2, 4]);
    assert_eq!(recon_of(&f, "IMST.RECON2").partition_ids("ACCTHDB"), vec![1, 2, 4]);
    let b = blocks(&f, "IMST.ACCTHDB.P3.A00004");
    assert_eq!(imsclone::ims::dbdata::read_header(&b[0]).unwrap().partition_id, 4);
    let ilds = blocks(&f, "IMST.ACCTHDB.P3.L00004");
    assert_eq!(
        imsclone::ims::dbdata::read_header(&ilds[0]).unwrap().partition_id,
        4,
        "the ILDS is copied, not rebuilt"
    );
    // The old partition 3 data sets are gone.
    let farm = Farm::open(&f).unwrap();
    let cats = farm.catalogs().unwrap();
    assert!(cats.locate("IMST.ACCTHDB.P3.A00003").is_none());
    assert!(
        !farm
            .open_volser("IMTD01", Access::Read)
            .unwrap()
            .contains("IMST.ACCTHDB.P3.A00003")
    );
    // HDAM, its secondary index and the DEDB: the same bytes as the source.
    for (s, t) in [
        ("IMSP.CUSTDB.CUSTDD1", "IMST.CUSTDB.CUSTDD1"),
        ("IMSP.CUSTSX.CUSTSXD", "IMST.CUSTSX.CUSTSXD"),
        ("IMSP.PAYDEDB.PAYAR01", "IMST.PAYDEDB.PAYAR01"),
        ("IMSP.ACCTHDB.P1.A00001", "IMST.ACCTHDB.P1.A00001"),
    ] {
        assert_eq!(blocks(&f, s), blocks(&f, t), "{t}");
    }
    // Image copy recommended on every refreshed database and index.
    for db in ["CUSTDB", "CUSTSX", "PAYDEDB"] {
        assert!(t.db(db).unwrap().dbds.iter().all(|x| x.ic_recommended), "{db}");
    }
    // ORDDB was not touched.
    assert_ne!(blocks(&f, "IMSP.ORDDB.ORDDD1"), blocks(&f, "IMST.ORDDB.ORDDD1"));
}

#[test]
fn incompatible_and_undefined_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let refused = |edit: &dyn Fn(String) -> String, id: &str| {
        let j = d.path().join(format!("{id}.toml"));
        std::fs::write(&j, edit(std::fs::read_to_string(sample("db-refresh.toml")).unwrap())).unwrap();
        let before = checksums(&f);
        let o = ims(&["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(8), "{id}: {all}");
        assert!(all.contains(id), "{id}: {all}");
        assert_eq!(checksums(&f), before, "{id}: the farm changed");
    };
    // IMST's ORDDB has another block size.
    refused(
        &|t| {
            t.replace(
                "databases = [\"CUSTDB\", \"ACCTHDB\", \"PAYDEDB\"]",
                "databases = [\"ORDDB\"]",
            )
        },
        "ICL567E",
    );
    // IMST's ACCTHDB partitions differ and the option is off.
    refused(
        &|t| t.replace("copy_if_different_haldb = true", "copy_if_different_haldb = false"),
        "ICL570E",
    );
    // A name that matches nothing.
    refused(&|t| t.replace("\"PAYDEDB\"]", "\"NOSUCH*\"]"), "ICL575E");
}

#[test]
fn hidam_with_primary_index_into_a_clone() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let o = ims(
        &[
            "run",
            sample("system-clone.toml").to_str().unwrap(),
            "--farm",
            f.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    // Change the clone's ORDDB so the refresh has something to do.
    {
        let farm = Farm::open_locked(&f).unwrap();
        let mut v = farm.open_volser("IMQD01", Access::Write).unwrap();
        let mut b: Vec<Vec<u8>> = v
            .read_blocks("IMSQ.ORDDB.ORDDD1.DATA")
            .unwrap()
            .into_iter()
            .map(|b| b.data)
            .collect();
        b.truncate(1);
        v.write_all_blocks("IMSQ.ORDDB.ORDDD1.DATA", &b).unwrap();
        v.sync().unwrap();
    }
    let j = d.path().join("ord.toml");
    std::fs::write(
        &j,
        std::fs::read_to_string(sample("db-refresh.toml"))
            .unwrap()
            .replace("target = \"IMST\"", "target = \"IMSQ\"")
            .replace(
                "databases = [\"CUSTDB\", \"ACCTHDB\", \"PAYDEDB\"]",
                "databases = [\"ORDDB\"]",
            )
            .replace("to = \"IMST.**\"", "to = \"IMSQ.**\""),
    )
    .unwrap();
    let o = ims(&["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("ICL573I ORDIX"), "the primary index comes with it: {out}");
    assert_eq!(blocks(&f, "IMSP.ORDDB.ORDDD1"), blocks(&f, "IMSQ.ORDDB.ORDDD1"));
    assert_eq!(blocks(&f, "IMSP.ORDIX.ORDIXD"), blocks(&f, "IMSQ.ORDIX.ORDIXD"));
    let v = ims(&["verify", "IMSQ", "--farm", f.to_str().unwrap()], &[]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn kill_at_every_journal_step_then_rerun_and_rollback() {
    let d = tempfile::tempdir().unwrap();
    kill_rerun_rollback(&sample("db-refresh.toml"), d.path(), &|_, _| true);
}

#[test]
fn external_data_mover_writes_job_streams_that_parse() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let j = d.path().join("none.toml");
    std::fs::write(
        &j,
        std::fs::read_to_string(sample("db-refresh.toml"))
            .unwrap()
            .replace("data_mover = \"ADRDSSU\"", "data_mover = \"NONE\""),
    )
    .unwrap();
    let before = checksums(&f);
    let o = ims(&["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    // Nothing was copied: only farm.toml may be rewritten identically.
    assert_eq!(checksums(&f), before);
    let jd = f.join("jobs").join(job_id(&f));
    let list = std::fs::read_to_string(jd.join("datasets.txt")).unwrap();
    assert!(list.contains("IMSP.ACCTHDB.P3.A00004") && list.contains("IMST.ACCTHDB.P3.A00004"));
    for name in ["ADRDSSU.jcl", "DSPURX00.jcl"] {
        let text = std::fs::read_to_string(jd.join(name)).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let jcl = imsclone::ims::jcl::Jcl::parse(&lines).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        assert!(jcl.job().is_some(), "{name} has a JOB statement");
        // Every DD names the target system's data sets (or its libraries).
        for step in jcl.steps() {
            for dd in &step.dds {
                for dsn in dd.dsns() {
                    assert!(dsn.starts_with("IMST."), "{name}: DD {} names {dsn}", dd.name);
                }
                // In-stream control statements: output positions are targets.
                for e in &dd.entries {
                    let Some(inst) = &e.instream else { continue };
                    let body = inst.lines.join(" ");
                    for part in body.split("RENAMEUNCONDITIONAL((").skip(1) {
                        let pair = part.split("))").next().unwrap();
                        let (s, t) = pair.split_once(',').unwrap();
                        assert!(s.starts_with("IMSP."), "source {s}");
                        assert!(t.starts_with("IMST."), "{name}: output {t} is not a target DSN");
                    }
                    for kw in ["DSN(", "ADSN(", "DSNPREFX("] {
                        for part in body.split(kw).skip(1) {
                            let v = part.split(')').next().unwrap();
                            assert!(v.starts_with("IMST."), "{name}: {kw}{v}) is not a target DSN");
                        }
                    }
                }
            }
        }
    }
    let cmds = std::fs::read_to_string(jd.join("IMSCMDS.txt")).unwrap();
    assert!(cmds.contains("IMST     /DBR DB") && cmds.contains("IMSP     /STA DB"));
}

/// The refresh's /DBR of the source is the consistency point: a workload
/// updating CUSTDB and its index CUSTSX while the refresh runs is refused
/// from the /DBR to the /STA, so the copies (data and index) carry one
/// update sequence. FUZZY-COPY does not stop it and says so.
#[test]
fn a_running_workload_is_stopped_for_a_consistent_copy() {
    use imsclone::ims::sim::workload;
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let job = |fuzzy: bool| {
        let j = d.path().join(format!("custdb-{fuzzy}.toml"));
        let t = std::fs::read_to_string(sample("db-refresh.toml"))
            .unwrap()
            .replace(
                "databases = [\"CUSTDB\", \"ACCTHDB\", \"PAYDEDB\"]",
                "databases = [\"CUSTDB\"]",
            )
            .replace("fuzzy_copy = false", &format!("fuzzy_copy = {fuzzy}"));
        std::fs::write(&j, t).unwrap();
        j
    };
    let run = workload::spawn(f.clone(), "IMSP", "CUSTDB", 7, std::time::Duration::from_millis(1)).unwrap();
    let ro = Farm::open(&f).unwrap();
    let t0 = std::time::Instant::now();
    while workload::markers(&ro, "IMSP", "CUSTDB").unwrap()[0].1 < 3 {
        assert!(t0.elapsed().as_secs() < 60, "the workload does not update");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let o = ims(
        &["run", job(false).to_str().unwrap(), "--farm", f.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let copied = workload::markers(&ro, "IMST", "CUSTDB").unwrap();
    assert_eq!(copied.len(), 2, "CUSTDD1 and the index CUSTSXD: {copied:?}");
    assert!(
        workload::consistent(&copied),
        "data and index copied at different points: {copied:?}"
    );
    assert!(copied[0].1 >= 3, "{copied:?}");
    // The source went on after its /STA.
    let t0 = std::time::Instant::now();
    while workload::markers(&ro, "IMSP", "CUSTDB").unwrap()[0].1 <= copied[0].1 {
        assert!(
            t0.elapsed().as_secs() < 60,
            "the workload did not resume after the refresh"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let o = ims(
        &["run", job(true).to_str().unwrap(), "--farm", f.to_str().unwrap()],
        &[],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(4), "{out}");
    assert!(out.contains("ICL581W") && !out.contains("IMSP: /DBR"), "{out}");
    let s = run.stop().unwrap();
    assert!(
        s.refusals > 0,
        "the consistent refresh never refused the workload: {s:?}"
    );
}
