//! The real binary: farm init/generate and the list reports, their formats,
//! and bad input giving message IDs and return codes, never a panic.

use std::path::Path;
use std::process::{Command, Output};

fn ims(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imsclone"))
        .args(args)
        .env("IMSCLONE_LOG", std::env::temp_dir().join("imsclone-test.log"))
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn init(dir: &Path) {
    let o = ims(&["farm", "init", "--farm", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text(&o).starts_with("ICL007I"));
}

#[test]
fn reports_in_all_formats() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let fs = f.to_str().unwrap();
    let o = ims(&["list", "volumes", "--farm", fs, "--format", "tsv"]);
    let out = text(&o);
    let header: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    for col in ["device", "volser", "devtype", "status", "storage_group", "datasets"] {
        assert!(header.contains(&col), "{col} missing in {header:?}");
    }
    assert!(
        out.lines()
            .any(|l| l.starts_with("0A80\tIMSP01\t3390\tONLINE\tSGIMSPS\t"))
    );

    let o = ims(&["list", "datasets", "--farm", fs, "--format", "tsv"]);
    let out = text(&o);
    let header: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    for col in ["dsn", "volser", "dsorg", "recfm", "lrecl", "blksize", "tracks"] {
        assert!(header.contains(&col), "{col} missing in {header:?}");
    }
    assert!(out.lines().any(|l| l.starts_with("IMSP.PROCLIB\tIMSP01\tPO\tFB\t80\t")));

    let o = ims(&["list", "datasets", "IMSP.ACCTHDB.**", "--farm", fs, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        6 + 3,
        "3 OSAM data sets and 3 ILDS clusters (DATA+INDEX)"
    );

    let o = ims(&["list", "members", "IMSP.PROCLIB", "--farm", fs]);
    let out = text(&o);
    assert!(out.lines().next().unwrap().starts_with("MEMBER"));
    assert!(out.contains("DFSPBMP1") && out.contains("IMSADM"));

    let o = ims(&["list", "systems", "--farm", fs, "--format", "tsv"]);
    let out = text(&o);
    assert!(out.contains("IMSP\tIMP1,IMP2\tIMSP\tIMSP.PROCLIB"));
    assert!(out.contains("IMST\tIMST\tIMST\tIMST.PROCLIB"));

    let o = ims(&["list", "databases", "IMSP", "--farm", fs, "--format", "tsv"]);
    assert!(text(&o).contains("ACCTHDB\tHALDB\tPHDAM\tOSAM\tACCTP3\t4\t\tACCTP3A\tIMSP.ACCTHDB.P3.A00004\tIMPD02"));

    let o = ims(&["list", "recon", "IMSP", "--farm", fs]);
    let out = text(&o);
    assert!(out.contains("PARTITION ID=00004") && out.contains("SSID=IMSP"));
}

#[test]
fn bad_input_gets_message_ids() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let fs = f.to_str().unwrap();
    // Building over an existing farm is refused.
    let o = ims(&["farm", "init", "--farm", fs]);
    assert_eq!(o.status.code(), Some(8));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ICL255E"));
    // Unknown sample.
    let o = ims(&[
        "farm",
        "init",
        "--farm",
        d.path().join("x").to_str().unwrap(),
        "--sample",
        "nope",
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ICL261E"));
    // A bad mask.
    let o = ims(&["list", "datasets", "IMSP..X", "--farm", fs]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ICL201E"));
    // A corrupt (truncated) volume shows as ERROR with its message, the rest still lists.
    let img = f.join("volumes/0A83.3390");
    let len = std::fs::metadata(&img).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&img)
        .unwrap()
        .set_len(len - 4096)
        .unwrap();
    let o = ims(&["list", "volumes", "--farm", fs, "--format", "tsv"]);
    assert!(o.status.success());
    assert!(text(&o).lines().any(|l| l.starts_with("0A83\t\t3390\tERROR")));
    // A bad farm.toml: message ID with line information, RC 8.
    std::fs::write(f.join("farm.toml"), "[farm]\nname = 'x'\n[[device]]\ndevnum = 'ZZZZ'\n").unwrap();
    let o = ims(&["list", "volumes", "--farm", fs]);
    assert_eq!(o.status.code(), Some(8));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("ICL250E"), "{err}");
    // Not a farm at all.
    let o = ims(&["list", "volumes", "--farm", d.path().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ICL254E"));
}

#[test]
fn generate_builds_a_synthetic_farm() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("syn");
    let o = ims(&[
        "farm",
        "generate",
        "--farm",
        f.to_str().unwrap(),
        "--volumes",
        "5",
        "--datasets",
        "400",
        "--members",
        "30",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = ims(&[
        "list",
        "datasets",
        "SYNP.**",
        "--farm",
        f.to_str().unwrap(),
        "--format",
        "tsv",
    ]);
    // 400 data sets, PROCLIB, USER.JCL, 2 RECON clusters (DATA + INDEX each).
    assert_eq!(text(&o).lines().count() - 1, 400 + 2 + 4);
    let o = ims(&[
        "list",
        "members",
        "SYNP.USER.JCL",
        "--farm",
        f.to_str().unwrap(),
        "--format",
        "tsv",
    ]);
    assert_eq!(text(&o).lines().count() - 1, 30);
    let o = ims(&[
        "list",
        "databases",
        "SYNP",
        "--farm",
        f.to_str().unwrap(),
        "--format",
        "tsv",
    ]);
    assert_eq!(text(&o).lines().count() - 1, 40);
}

/// `imsclone ... | head`: a reader that goes away ends the output quietly
/// (no panic, RC 0), for every kind of report.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("farm");
    init(&f);
    let fs = f.to_str().unwrap();
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-systems/default/jobs/system-clone.toml");
    for args in [
        vec!["list", "recon", "IMSP", "--farm", fs],
        vec!["list", "datasets", "--farm", fs],
        vec!["simulate", job.to_str().unwrap(), "--farm", fs],
        vec!["dbrc", "IMSP", "LIST.RECON", "--farm", fs],
    ] {
        let mut c = Command::new(env!("CARGO_BIN_EXE_imsclone"))
            .args(&args)
            .env("IMSCLONE_LOG", std::env::temp_dir().join("imsclone-test.log"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(c.stdout.take());
        let o = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            o.status.code().is_some_and(|c| c <= 4),
            "{args:?}: {:?} {err}",
            o.status
        );
    }
}
