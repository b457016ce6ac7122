//! The system clone end to end on the real binary: IMSP -> IMSQ on the
//! default farm; sources untouched; targets relabelled and renamed;
//! verify; kill at every journal step then RERUN gives the same farm as an
//! uninterrupted run; ROLLBACK gives the farm as before; bad jobs are
//! refused with findings and write nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::cli::{ims, init, job_id, kill_rerun_rollback, sample};
use common::farms::{checksums, device_sums};
use common::*;

const SOURCES: &[&str] = &["0A80", "0A81", "0A82", "0A83", "0A90", "0A91", "0B00", "0B10"];
const TARGETS: &[&str] = &["0C80", "0C81", "0C82", "0C83", "0C84", "0C85"];
fn job() -> PathBuf {
    sample("system-clone.toml")
}

fn run_clone(farm: &Path, env: &[(&str, &str)]) -> Output {
    ims(&["run", job().to_str().unwrap(), "--farm", farm.to_str().unwrap()], env)
}

#[test]
fn clone_imsp_to_imsq_end_to_end() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let before = device_sums(&f, SOURCES);
    let o = run_clone(&f, &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("ICL484I job ended, RC=00"));
    assert_eq!(device_sums(&f, SOURCES), before, "a source volume changed");
    let fs = f.to_str().unwrap();
    let v = ims(&["verify", "IMSQ", "--farm", fs], &[]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
    let v = ims(&["verify", "IMSP", "--farm", fs], &[]);
    assert_eq!(
        v.status.code(),
        Some(0),
        "the source must still verify: {}",
        String::from_utf8_lossy(&v.stdout)
    );
    // Every target: new VOLSER, only renamed names (dasdls is the judge).
    let want = ["IMQD01", "IMQD02", "IMQL01", "IMQL02", "IMSQ01", "IMSQ02"];
    for (dev, vs) in TARGETS.iter().zip(want) {
        let img = f.join(format!("volumes/{dev}.3390"));
        assert_eq!(dasdls_volser(&img), vs);
        let names = dasdls_names(&img);
        assert!(!names.is_empty());
        for n in &names {
            assert!(
                n.starts_with("IMSQ.") || n == "UCAT.IMSQ" || n == &format!("SYS1.VVDS.V{vs}"),
                "{dev}: {n} is not renamed"
            );
            assert!(!n.contains("IMP1") && !n.contains("IMP2"), "{n} keeps a source IMSID");
        }
    }
    // The clone's RECON, members and catalog (the library reads them back).
    let farm = imsclone::farm::Farm::open(&f).unwrap();
    let s = imsclone::ims::discovery::discover(&farm, "IMSQ").unwrap();
    assert_eq!(s.imsids(), vec!["IMQ1", "IMQ2"]);
    assert_eq!(s.recon_ssid.as_deref(), Some("IMSQ"));
    assert_eq!(s.members[0].ctl_proc.as_deref(), Some("IMQ1CTL"));
    assert_eq!(s.members[0].irlm.as_deref(), Some("IRQ1"));
    assert_eq!(
        s.database("ACCTHDB")
            .unwrap()
            .partitions
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        vec![1, 2, 4]
    );
    let reader = imsclone::farm::reader::FarmReader::new(&farm).unwrap();
    let rpt = reader.member_text("IMSQ.USER.JCL", "RPTCUST").unwrap().join("\n");
    assert!(rpt.contains("IMSID=IMQ1") && rpt.contains("DSN=IMSQ.CUSTDB.CUSTDD1"));
    assert!(
        rpt.contains("DSN=IMSPROC.TOOLS.LOAD"),
        "IMSPROC is not IMSP and must stay"
    );
    let pb = reader.member_text("IMSQ.PROCLIB", "DFSPBMQ1").unwrap().join("\n");
    assert!(pb.contains("IMSID=IMQ1,") && pb.contains("DBRCNM=IMQ1DRC,") && pb.contains("IRLMNM=IRQ1,"));
    assert!(
        reader
            .member_names("IMSQ.PROCLIB")
            .unwrap()
            .iter()
            .all(|m| !m.starts_with("IMP"))
    );
    // Copy reported which mover ran.
    assert!(
        out.contains("ICL460I") && (out.contains("reflink") || out.contains("kernel copy") || out.contains("buffered"))
    );
}

#[test]
fn kill_at_every_journal_step_then_rerun_equals_uninterrupted_and_rollback_restores() {
    let d = tempfile::tempdir().unwrap();
    kill_rerun_rollback(&job(), d.path(), &|_, records| {
        assert!(records > 60, "journal has {records} records");
        true
    });
}

#[test]
fn failed_run_leaves_sources_alone_and_reruns() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let before = device_sums(&f, SOURCES);
    let o = run_clone(&f, &[("IMSCLONE_FAIL_STEP", "20")]);
    assert_eq!(o.status.code(), Some(8));
    assert!(String::from_utf8_lossy(&o.stdout).contains("ICL458E"));
    assert_eq!(device_sums(&f, SOURCES), before);
    let r = ims(&["rerun", &job_id(&f), "--farm", f.to_str().unwrap()], &[]);
    let out = String::from_utf8_lossy(&r.stdout);
    assert_eq!(r.status.code(), Some(0), "{out}");
    assert!(out.contains("ICL483I step 19/"), "finished steps are skipped: {out}");
    assert_eq!(device_sums(&f, SOURCES), before);
}

/// Write a variant of the sample job and run it; nothing may be written.
fn refused(f: &Path, edit: &dyn Fn(String) -> String, id: &str) {
    let text = edit(std::fs::read_to_string(job()).unwrap());
    let j = f.parent().unwrap().join(format!("job-{id}.toml"));
    std::fs::write(&j, text).unwrap();
    let before = checksums(f);
    let o = ims(&["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.code().unwrap_or(0) >= 8, "{id}: {all}");
    assert!(all.contains(id), "expected {id}: {all}");
    assert_eq!(checksums(f), before, "{id}: the farm changed");
    assert!(
        !f.join("jobs").exists() || std::fs::read_dir(f.join("jobs")).unwrap().next().is_none(),
        "{id}: a job folder was made"
    );
    let s = ims(&["simulate", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
    assert!(
        String::from_utf8_lossy(&s.stdout).contains(id),
        "{id}: SIMULATE shows it"
    );
}

#[test]
fn bad_jobs_are_refused_and_write_nothing() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    // Not TOML / unknown key.
    let j = d.path().join("bad.toml");
    std::fs::write(&j, "[job]\ntype = 'system-clone'\nname = 'X'\nbogus = 1\n").unwrap();
    let o = ims(&["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()], &[]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ICL400E"));
    // A mask whose result is longer than 44 characters.
    refused(
        &f,
        &|t| t.replace("to = \"IMSQ.**\"", "to = \"ABCDEFGH.ABCDEFGH.ABCDEFGH.**\""),
        "ICL432E",
    );
    // Masks that make two data sets collide.
    refused(
        &f,
        &|t| {
            t.replace("to = \"IMSQ.IMQ1.**\"", "to = \"IMSQ.**\"")
                .replace("to = \"IMSQ.IMQ2.**\"", "to = \"IMSQ.**\"")
        },
        "ICL435E",
    );
    // A target that is a source.
    refused(
        &f,
        &|t| {
            t.replace(
                "storage_group = \"SGIMSQ\"",
                "pairs = [{ source = \"IMSP01\", device = \"0A81\" }]\nstorage_group = \"SGIMSQ\"",
            )
        },
        "ICL415E",
    );
    // A target online with data (no REPLACE).
    refused(
        &f,
        &|t| {
            t.replace(
                "storage_group = \"SGIMSQ\"",
                "pairs = [{ source = \"IMSP01\", device = \"0B10\" }]\nstorage_group = \"SGIMSQ\"",
            )
        },
        "ICL417E",
    );
    // A mask that renames onto the source.
    refused(&f, &|t| t.replace("to = \"IMSQ.**\"", "to = \"IMSP.**\""), "ICL434E");
    // Missing IMSID mapping.
    refused(&f, &|t| t.replace("IMP2 = \"IMQ2\"", ""), "ICL405E");
    // Target name that exists.
    refused(&f, &|t| t.replace("IMP1 = \"IMQ1\"", "IMP1 = \"IMST\""), "ICL407E");
}

#[test]
fn a_full_target_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    // Shrink the spares: a 10-cylinder volume cannot take a 30-cylinder one.
    {
        let farm = imsclone::farm::Farm::open_locked(&f).unwrap();
        for dev in TARGETS {
            let p = f.join(format!("volumes/{dev}.3390"));
            std::fs::remove_file(&p).unwrap();
            imsclone::dasd::Volume::create(&p, &format!("TINY{}", &dev[2..]), 10, 1).unwrap();
        }
        farm.save().unwrap();
    }
    let before = checksums(&f);
    let o = run_clone(&f, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(8));
    assert!(err.contains("ICL418E"), "{err}");
    assert_eq!(checksums(&f), before);
}

#[test]
fn cancelled_run_leaves_sources_alone_and_reruns() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let before = device_sums(&f, SOURCES);
    let jf = imsclone::engine::request::JobFile::parse(&std::fs::read_to_string(job()).unwrap(), "job").unwrap();
    let farm = imsclone::farm::Farm::open_locked(&f).unwrap();
    let plan = imsclone::engine::clone::plan(&farm, &jf, 1_795_766_400).unwrap();
    let id = imsclone::engine::jobs::new_id(&farm, "CLONEQ", plan.clock).unwrap();
    let dir = imsclone::engine::jobs::create(&farm, &id, &plan).unwrap();
    let h = imsclone::engine::exec::start(farm, id.clone(), dir.clone(), plan, false).unwrap();
    // Cancel as soon as the first step starts.
    for ev in h.events.iter() {
        if matches!(ev, imsclone::engine::events::Event::StepStarted { .. }) {
            h.request_cancel();
            break;
        }
    }
    let rc = h.wait().unwrap();
    assert_eq!(rc, 8);
    let journal = std::fs::read_to_string(dir.join("journal.jsonl")).unwrap();
    assert!(journal.contains("\"event\":\"cancelled\""), "{journal}");
    assert_eq!(device_sums(&f, SOURCES), before);
    let r = ims(&["rerun", &id, "--farm", f.to_str().unwrap()], &[]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stdout));
    assert_eq!(device_sums(&f, SOURCES), before);
}
