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
