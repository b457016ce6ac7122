//! Helpers shared by the integration tests: running the Hercules tools
//! (the external judge) and small volume builders.
#![allow(dead_code)]

pub mod cli;
pub mod farms;

use std::path::Path;
use std::process::Command;

/// Run a Hercules utility with exact ISO-8859-1 <-> 037 translation, in `cwd`.
/// Panics with a clear message when the tool is missing: the oracle tests
/// must never pass without their oracle (CI installs the `hercules` package).
pub fn herc(tool: &str, args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(tool)
        .args(args)
        .current_dir(cwd)
        .env("HERCULES_CP", "819/037")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (install the Debian package 'hercules'): {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Data set names `dasdls` lists for an image.
pub fn dasdls_names(image: &Path) -> Vec<String> {
    let dir = image.parent().unwrap();
    let (_, out, err) = herc("dasdls", &[image.to_str().unwrap()], dir);
    assert!(
        !out.contains("not found") && !err.contains("HHCDU"),
        "dasdls failed on {}: {out}{err}",
        image.display()
    );
    out.lines()
        .skip(1)
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// VOLSER line of `dasdls`.
pub fn dasdls_volser(image: &Path) -> String {
    let dir = image.parent().unwrap();
    let (_, out, _) = herc("dasdls", &[image.to_str().unwrap()], dir);
    let first = out.lines().next().unwrap_or_default();
    first.split("VOLSER=").nth(1).unwrap_or_default().trim().to_string()
}

/// A PS FB data set printed by `dasdseq -ascii`, as lines.
pub fn dasdseq_ascii(image: &Path, dsn: &str) -> Vec<String> {
    let work = tempfile::tempdir().unwrap();
    let (rc, out, err) = herc("dasdseq", &["-ascii", image.to_str().unwrap(), dsn], work.path());
    assert_eq!(rc, 0, "dasdseq {dsn} failed: {out}{err}");
    let text = std::fs::read(work.path().join(dsn)).unwrap();
    String::from_utf8_lossy(&text).lines().map(str::to_string).collect()
}

/// A PDS member printed by `dasdcat` as cards (columns 1-80 with `:cs`).
pub fn dasdcat_member(image: &Path, dsn: &str, member: &str) -> Vec<String> {
    let dir = image.parent().unwrap();
    let spec = format!("{dsn}/{member}:cs");
    let (_, out, err) = herc("dasdcat", &["-i", image.to_str().unwrap(), &spec], dir);
    assert!(
        !err.contains("not found") && !out.contains("HHCDT"),
        "dasdcat {spec}: {out}{err}"
    );
    out.lines().map(str::to_string).collect()
}

/// Member names `dasdcat -i IMG DSN/?` lists (upper-cased).
pub fn dasdcat_members(image: &Path, dsn: &str) -> Vec<String> {
    let dir = image.parent().unwrap();
    let spec = format!("{dsn}/?");
    let (_, out, _) = herc("dasdcat", &["-i", image.to_str().unwrap(), &spec], dir);
    out.lines()
        .map(|l| l.trim().to_ascii_uppercase())
        .filter(|l| !l.is_empty())
        .collect()
}
