//! FASTREPLICATION on a filesystem with FICLONE (XFS or btrfs): `.ci/run`
//! mounts a small XFS image and names it in IMSCLONE_REFLINK_DIR. Without
//! it these tests say so and check only what ext4/tmpfs can show.

mod common;

use std::path::PathBuf;
use std::process::Command;

use imsclone::dasd::Volume;
use imsclone::engine::movers::{FastReplication, Mover, copy_file, same_content};

fn reflink_dir() -> Option<PathBuf> {
    let d = std::env::var_os("IMSCLONE_REFLINK_DIR").map(PathBuf::from)?;
    if std::env::var_os("CI").is_some() {
        assert!(d.is_dir(), "IMSCLONE_REFLINK_DIR {} is not a directory", d.display());
    }
    d.is_dir().then_some(d)
}

#[test]
fn required_reflinks_on_xfs_and_refuses_elsewhere() {
    let Some(base) = reflink_dir() else {
        eprintln!("reflink test: IMSCLONE_REFLINK_DIR is not set; checking the refusal only");
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("a.3390");
        Volume::create(&src, "RFL001", 5, 1).unwrap();
        let e = copy_file(
            &src,
            &d.path().join("b.3390"),
            FastReplication::Required,
            &mut |_, _| {},
        );
        if let Err(e) = e {
            assert_eq!(e.id, "ICL421E");
        }
        return;
    };
    let d = tempfile::tempdir_in(&base).unwrap();
    let src = d.path().join("a.3390");
    Volume::create(&src, "RFL001", 50, 1).unwrap();
    let dst = d.path().join("b.3390");
    let r = copy_file(&src, &dst, FastReplication::Required, &mut |_, _| {}).unwrap();
    assert_eq!(r.mover, Mover::Reflink);
    assert!(same_content(&src, &dst).unwrap());
    let r = copy_file(&src, &dst, FastReplication::Preferred, &mut |_, _| {}).unwrap();
    assert_eq!(r.mover, Mover::Reflink);
}

#[test]
fn system_clone_with_fastreplication_required() {
    let Some(base) = reflink_dir() else {
        eprintln!("reflink clone test: IMSCLONE_REFLINK_DIR is not set; not run");
        return;
    };
    let d = tempfile::tempdir_in(&base).unwrap();
    let f = d.path().join("farm");
    let bin = env!("CARGO_BIN_EXE_imsclone");
    assert!(
        Command::new(bin)
            .args(["farm", "init", "--farm", f.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let job = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-systems/default/jobs/system-clone.toml"),
    )
    .unwrap()
    .replace("fastreplication = \"PREFERRED\"", "fastreplication = \"REQUIRED\"");
    let j = d.path().join("job.toml");
    std::fs::write(&j, job).unwrap();
    let o = Command::new(bin)
        .args(["run", j.to_str().unwrap(), "--farm", f.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("by reflink (FICLONE)"), "{out}");
    let v = Command::new(bin)
        .args(["verify", "IMSQ", "--farm", f.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(v.success());
}
