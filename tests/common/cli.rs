//! Running the real binary on test farms.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Fixed clock: plans (and so job IDs, member statistics, DSCB dates,
/// RECON times) are the same in every run.
pub const CLOCK: &str = "1795766400";

/// A sample job of the default sample system.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-systems/default/jobs")
        .join(name)
}

/// Run `imsclone` with the fixed clock and extra environment.
pub fn ims(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_imsclone"));
    c.args(args)
        .env("SOURCE_DATE_EPOCH", CLOCK)
        .env("IMSCLONE_LOG", std::env::temp_dir().join("imsclone-test.log"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Materialize the default farm at `dir`.
pub fn init(dir: &Path) {
    let o = ims(&["farm", "init", "--farm", dir.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The newest job folder's ID.
pub fn job_id(farm: &Path) -> String {
    let mut ids: Vec<String> = std::fs::read_dir(farm.join("jobs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids.pop().expect("no job folder")
}

/// Lines of the job's journal.
pub fn journal_records(farm: &Path) -> usize {
    std::fs::read_to_string(farm.join("jobs").join(job_id(farm)).join("journal.jsonl"))
        .unwrap()
        .lines()
        .count()
}

/// The crash property of a job: on a fresh default farm, kill the run
/// right after journal record N (for each N `pick` keeps, of the records an
/// uninterrupted run writes), then RERUN must give the farm of the
/// uninterrupted run, byte for byte, and ROLLBACK (every fifth kill, and
/// after the complete run) the farm as before. `work` holds the farms.
pub fn kill_rerun_rollback(job: &Path, work: &Path, pick: &dyn Fn(usize, usize) -> bool) {
    use super::farms::checksums;
    let text = |o: &Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    let run = |f: &Path, env: &[(&str, &str)]| ims(&["run", job.to_str().unwrap(), "--farm", f.to_str().unwrap()], env);
    let clean = work.join("clean");
    init(&clean);
    let pristine = checksums(&clean);
    let o = run(&clean, &[]);
    assert!(o.status.code().is_some_and(|c| c <= 4), "{}", text(&o));
    let want = checksums(&clean);
    let records = journal_records(&clean);
    let r = ims(&["rollback", &job_id(&clean), "--farm", clean.to_str().unwrap()], &[]);
    assert!(r.status.success(), "{}", text(&r));
    assert_eq!(checksums(&clean), pristine, "rollback of a complete run");
    for n in (1..records).filter(|&n| pick(n, records)) {
        let f = work.join(format!("k{n}"));
        init(&f);
        let o = run(&f, &[("IMSCLONE_KILL_AT", &n.to_string())]);
        assert!(!o.status.success(), "kill at record {n} did not stop the run");
        let id = job_id(&f);
        if n % 5 == 1 {
            let r = ims(&["rollback", &id, "--farm", f.to_str().unwrap()], &[]);
            assert!(r.status.success(), "{}", text(&r));
            assert_eq!(checksums(&f), pristine, "rollback after a kill at record {n}");
        } else {
            let r = ims(&["rerun", &id, "--farm", f.to_str().unwrap()], &[]);
            assert!(
                r.status.code().is_some_and(|c| c <= 4),
                "rerun after kill at {n}: {}",
                text(&r)
            );
            assert_eq!(
                checksums(&f),
                want,
                "rerun after a kill at record {n} differs from an uninterrupted run"
            );
        }
        std::fs::remove_dir_all(&f).unwrap();
    }
}
