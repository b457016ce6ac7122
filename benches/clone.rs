//! Benchmarks of the system clone, as ratios against the tools people use,
//! in one run on the same images:
//! - whole-volume copy by imsclone's data movers vs `cp --sparse=always`
//!   and Hercules `dasdcopy -o CKD`;
//! - the metadata phase (relabel + rename + recatalog + RECON + members) of
//!   a clone of a `farm generate` farm of 64 volumes, 20,000 data sets and
//!   2,000 members;
//! - a whole clone of the default farm;
//! - a database refresh of one database with its index (CUSTDB and CUSTSX)
//!   vs `cp` of the volume that holds them, the sample refresh, and a
//!   skeleton clone, on a fresh default farm.
//!
//! Run: `cargo bench --bench clone`. Set IMSCLONE_BENCH_DIR to a directory
//! on XFS or btrfs to measure reflink too (the default temp directory is
//! usually ext4 or tmpfs, where PREFERRED falls back to a kernel copy).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use imsclone::dasd::{Dcb, Space, Volume};
use imsclone::engine::movers::{FastReplication, copy_file};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn time<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut t = Vec::new();
    for _ in 0..reps {
        let s = Instant::now();
        f();
        t.push(s.elapsed().as_secs_f64());
    }
    median(t)
}

fn sh(cmd: &str, args: &[&str]) {
    let o = Command::new(cmd)
        .args(args)
        .env("HERCULES_CP", "819/037")
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A volume whose tracks are mostly full: 300 cylinders, ~240 MB of data.
fn dense_volume(dir: &Path) -> PathBuf {
    let p = dir.join("dense.3390");
    let mut v = Volume::create(&p, "DENSE1", 300, 1).unwrap();
    v.create_dataset("BENCH.DENSE.DATA", Dcb::ps_fb(80, 27920), Space::cyl(290, 0))
        .unwrap();
    let recs: Vec<Vec<u8>> = (0..2_900_000u32).map(|i| format!("{i:080}").into_bytes()).collect();
    v.write_records("BENCH.DENSE.DATA", &recs).unwrap();
    v.sync().unwrap();
    p
}

/// Flush everything so a phase does not pay for the dirty pages of the
/// phase before it.
fn settle() {
    // SAFETY: sync(2) has no arguments and no memory effects.
    unsafe { libc::sync() };
}

fn copy_bench(label: &str, src: &Path, work: &Path, reps: usize) {
    settle();
    let dst = work.join("dst.3390");
    let clean = || {
        let _ = std::fs::remove_file(&dst);
    };
    let mut ours = Vec::new();
    for mode in [FastReplication::Preferred, FastReplication::None] {
        let mut mover = String::new();
        let t = time(reps, || {
            clean();
            let r = copy_file(src, &dst, mode, &mut |_, _| {}).unwrap();
            mover = r.mover.name().to_string();
        });
        ours.push((format!("{mode:?}"), mover, t));
    }
    let cp = time(reps, || {
        clean();
        sh("cp", &["--sparse=always", src.to_str().unwrap(), dst.to_str().unwrap()]);
    });
    let dc = time(reps.min(3), || {
        clean();
        sh(
            "dasdcopy",
            &["-q", "-o", "CKD", src.to_str().unwrap(), dst.to_str().unwrap()],
        );
    });
    clean();
    let size = std::fs::metadata(src).unwrap().len() as f64 / 1048576.0;
    println!("{label}: {size:.0} MiB image");
    println!("  {:<34} {:>9.4} s", "cp --sparse=always", cp);
    println!("  {:<34} {:>9.4} s", "dasdcopy -o CKD", dc);
    for (mode, mover, t) in ours {
        println!(
            "  {:<34} {:>9.4} s   {:>6.2}x cp   {:>7.3}x dasdcopy",
            format!("imsclone {mode} ({mover})"),
            t,
            t / cp,
            t / dc
        );
    }
}

fn main() {
    let base = std::env::var_os("IMSCLONE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let d = tempfile::tempdir_in(&base).unwrap();
    println!("imsclone clone benchmarks in {}", d.path().display());

    // 1. Whole-volume copies.
    let farm_dir = d.path().join("default");
    let t = Instant::now();
    let farm = default_farm(&farm_dir);
    println!("\nfarm init (default sample): {:.3} s", t.elapsed().as_secs_f64());
    drop(farm);
    copy_bench(
        "\nIMSP01 (sample system volume, sparse)",
        &farm_dir.join("volumes/0A80.3390"),
        d.path(),
        9,
    );
    let dense = dense_volume(d.path());
    copy_bench("\nDENSE1 (300 cylinders, tracks full)", &dense, d.path(), 5);

    std::fs::remove_file(&dense).unwrap();
    // 2. A whole clone of the default farm.
    settle();
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-systems/default/jobs/system-clone.toml");
    let jf = imsclone::engine::request::JobFile::parse(&std::fs::read_to_string(&job).unwrap(), "job").unwrap();
    let (total, phases) = run_clone(&farm_dir, &jf);
    println!("\ndefault farm clone IMSP -> IMSQ: {total:.3} s (plan + run + verify)");
    print_phases(&phases);

    // 3. Database refresh and skeleton on a fresh default farm.
    settle();
    refresh_bench(d.path());

    // 4. The metadata phase at scale.
    let gen_dir = d.path().join("synthetic");
    let t = Instant::now();
    imsclone::farm::generate::generate(
        &gen_dir,
        &imsclone::farm::generate::GenerateSpec {
            volumes: 64,
            datasets: 20_000,
            members: 2_000,
        },
    )
    .unwrap();
    println!(
        "\nfarm generate 64 volumes / 20,000 data sets / 2,000 members: {:.3} s",
        t.elapsed().as_secs_f64()
    );
    settle();
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/synthetic-clone.toml");
    let jf = imsclone::engine::request::JobFile::parse(&std::fs::read_to_string(&job).unwrap(), "job").unwrap();
    let (total, phases) = run_clone(&gen_dir, &jf);
    println!("synthetic clone SYNP -> SYNQ: {total:.3} s (plan + run + verify)");
    print_phases(&phases);
}

/// The default sample farm, materialized at `dir`.
fn default_farm(dir: &Path) -> imsclone::farm::Farm {
    use imsclone::farm::sample::{self, source};
    let src = source::Embedded::named("default").unwrap();
    let text = String::from_utf8(source::SampleSource::read(&src, "sample.toml").unwrap()).unwrap();
    sample::materialize(&sample::spec::SampleSpec::parse(&text, "default").unwrap(), &src, dir).unwrap()
}

fn sample_job(name: &str, edit: &dyn Fn(String) -> String) -> imsclone::engine::request::JobFile {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-systems/default/jobs")
        .join(name);
    imsclone::engine::request::JobFile::parse(&edit(std::fs::read_to_string(p).unwrap()), name).unwrap()
}

/// Refresh of one database with its index, repeated on one farm (a
/// refresh can run again any time), against `cp` of the volume holding
/// both; then the whole sample refresh and a skeleton clone.
fn refresh_bench(base: &Path) {
    let root = base.join("refresh");
    drop(default_farm(&root));
    let one = sample_job("db-refresh.toml", &|t| {
        t.replace(
            "databases = [\"CUSTDB\", \"ACCTHDB\", \"PAYDEDB\"]",
            "databases = [\"CUSTDB\"]",
        )
    });
    let mut runs = Vec::new();
    let mut last = Vec::new();
    for _ in 0..5 {
        let (total, phases) = run_clone(&root, &one);
        runs.push(total);
        last = phases;
    }
    let refresh = median(runs);
    let img = root.join("volumes/0A90.3390");
    let dst = base.join("cp-target.3390");
    let cp = time(5, || {
        let _ = std::fs::remove_file(&dst);
        sh("cp", &["--sparse=always", img.to_str().unwrap(), dst.to_str().unwrap()]);
    });
    let _ = std::fs::remove_file(&dst);
    println!("\nrefresh CUSTDB with its index CUSTSX IMSP -> IMST: {refresh:.3} s (plan + run + verify, median of 5)");
    println!(
        "  cp --sparse=always of IMPD01, the volume holding them: {cp:.3} s (ratio {:.2}x)",
        refresh / cp
    );
    print_phases(&last);
    let (total, phases) = run_clone(&root, &sample_job("db-refresh.toml", &|t| t));
    println!("\nsample refresh CUSTDB+CUSTSX, ACCTHDB (HALDB redefined), PAYDEDB: {total:.3} s");
    print_phases(&phases);
    let sk = base.join("skeleton");
    drop(default_farm(&sk));
    let (total, phases) = run_clone(&sk, &sample_job("skeleton.toml", &|t| t));
    println!("\nskeleton clone IMSP -> IMSQ: {total:.3} s (plan + run + verify)");
    print_phases(&phases);
}

/// Plan and run a job; total seconds and seconds per step kind.
fn run_clone(root: &Path, jf: &imsclone::engine::request::JobFile) -> (f64, Vec<(String, f64)>) {
    let t = Instant::now();
    let farm = imsclone::farm::Farm::open_locked(root).unwrap();
    let plan = imsclone::engine::plan_job(&farm, jf, imsclone::dasd::dates::epoch_seconds()).unwrap();
    assert!(!plan.blocked(), "{:?}", plan.findings);
    let plan_s = t.elapsed().as_secs_f64();
    let id = imsclone::engine::jobs::new_id(&farm, &jf.job.name, plan.clock).unwrap();
    let dir = imsclone::engine::jobs::create(&farm, &id, &plan).unwrap();
    let kinds: std::collections::BTreeMap<usize, String> = plan
        .steps
        .iter()
        .map(|s| {
            (
                s.id,
                format!("{:?}", s.kind)
                    .split([' ', '{'])
                    .next()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    let h = imsclone::engine::exec::start(farm, id, dir.clone(), plan, false).unwrap();
    for _ in h.events.iter() {}
    let rc = h.wait().unwrap();
    assert!(rc <= 4, "clone RC {rc}");
    let total = t.elapsed().as_secs_f64();
    let mut by: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
    by.insert("Plan (incl. SIMULATE preview)".into(), plan_s);
    for r in imsclone::engine::journal::read(&dir.join("journal.jsonl")).unwrap() {
        if let imsclone::engine::journal::Entry::StepEnd { step, micros } = r.entry {
            *by.entry(kinds[&step].clone()).or_default() += micros as f64 / 1e6;
        }
    }
    (total, by.into_iter().collect())
}

fn print_phases(p: &[(String, f64)]) {
    let meta: f64 = p
        .iter()
        .filter(|(k, _)| ["Relabel", "RenameVolume", "Recatalog", "UpdateRecon", "UpdateMembers"].contains(&k.as_str()))
        .map(|(_, v)| v)
        .sum();
    for (k, v) in p {
        println!("  {k:<32} {v:>8.3} s");
    }
    if meta > 0.0 {
        println!(
            "  {:<32} {meta:>8.3} s",
            "metadata phase (relabel+rename+recatalog+RECON+members)"
        );
    }
}
