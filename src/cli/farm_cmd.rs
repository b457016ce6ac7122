//! `imsclone farm init|generate|check`, the default farm and the summary.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::farm::sample::{self, source};
use crate::farm::{Farm, generate};
use crate::{Result, icl};

#[derive(Debug, Subcommand)]
pub enum FarmAction {
    /// Materialize a sample farm into --farm DIR (an empty or new directory).
    Init {
        /// Which sample system (see sample-systems/).
        #[arg(long, default_value = "default")]
        sample: String,
        /// Build from a sample folder on disk instead of an embedded sample.
        #[arg(long, value_name = "DIR")]
        sample_dir: Option<PathBuf>,
    },
    /// Build a large deterministic synthetic farm for scale work.
    Generate {
        #[arg(long, default_value_t = 64)]
        volumes: u32,
        #[arg(long, default_value_t = 20_000)]
        datasets: u32,
        #[arg(long, default_value_t = 2_000)]
        members: u32,
    },
}

/// The user data directory (`directories`), where the default farm lives.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "imsclone", "imsclone").map(|p| p.data_dir().to_path_buf())
}

/// The farm to use: `--farm DIR`, else the default farm in the user data
/// directory, built from the default sample the first time.
pub fn resolve_farm(farm: Option<&Path>) -> Result<PathBuf> {
    if let Some(f) = farm {
        return Ok(f.to_path_buf());
    }
    let dir = data_dir()
        .ok_or_else(|| icl!("ICL004E", "no user data directory (is HOME set?); give --farm DIR"))?
        .join("farm");
    if !dir.join(crate::farm::FARM_TOML).exists() {
        eprintln!("ICL005I building the default farm in {}", dir.display());
        init(&dir, "default", None)?;
    }
    Ok(dir)
}

fn init(dir: &Path, name: &str, sample_dir: Option<&Path>) -> Result<Farm> {
    let (spec, farm) = match sample_dir {
        Some(d) => {
            let src = source::Folder { root: d.to_path_buf() };
            let text = String::from_utf8_lossy(&source::SampleSource::read(&src, "sample.toml")?).into_owned();
            let spec = sample::spec::SampleSpec::parse(&text, &d.join("sample.toml").display().to_string())?;
            let farm = sample::materialize(&spec, &src, dir)?;
            (spec, farm)
        }
        None => {
            let src = source::Embedded::named(name)?;
            let text = String::from_utf8_lossy(&source::SampleSource::read(&src, "sample.toml")?).into_owned();
            let spec = sample::spec::SampleSpec::parse(&text, &format!("sample {name}"))?;
            let farm = sample::materialize(&spec, &src, dir)?;
            (spec, farm)
        }
    };
    tracing::info!(sample = %spec.sample.name, farm = %farm.root().display(), "farm initialized");
    Ok(farm)
}

pub fn run(action: FarmAction, farm: Option<&Path>) -> Result<i32> {
    match action {
        FarmAction::Init { sample, sample_dir } => {
            let dir = farm.ok_or_else(|| icl!("ICL006E", "farm init needs --farm DIR"))?;
            let t = std::time::Instant::now();
            let f = init(dir, &sample, sample_dir.as_deref())?;
            crate::outln!(
                "ICL007I farm {} built from sample {} in {:.2}s: {} devices, {} subsystems",
                f.root().display(),
                f.config.farm.name,
                t.elapsed().as_secs_f64(),
                f.config.devices.len(),
                f.config.subsystems.len()
            );
            Ok(0)
        }
        FarmAction::Generate {
            volumes,
            datasets,
            members,
        } => {
            let dir = farm.ok_or_else(|| icl!("ICL006E", "farm generate needs --farm DIR"))?;
            let t = std::time::Instant::now();
            let f = generate::generate(
                dir,
                &generate::GenerateSpec {
                    volumes,
                    datasets,
                    members,
                },
            )?;
            crate::outln!(
                "ICL008I synthetic farm {} generated in {:.2}s: {volumes} volumes, {datasets} data sets, {members} members",
                f.root().display(),
                t.elapsed().as_secs_f64()
            );
            Ok(0)
        }
    }
}

/// Without a command (until the panels open here): a short farm summary.
pub fn summary(farm: Option<&Path>) -> Result<i32> {
    let dir = resolve_farm(farm)?;
    let f = Farm::open(&dir)?;
    crate::outln!("Farm {} ({})", f.config.farm.name, f.root().display());
    for sys in f.config.systems() {
        let members: Vec<String> = f.config.members_of(&sys).iter().map(|s| s.imsid.clone()).collect();
        crate::outln!("  IMS system {sys}: members {}", members.join(", "));
    }
    let mut t = super::output::Table::new(&["device", "volser", "status", "storage_group", "datasets", "pct_used"])
        .numeric(&["datasets", "pct_used"]);
    for v in f.volumes() {
        t.push(vec![
            v.devnum,
            v.volser,
            v.status,
            v.storage_group,
            v.datasets.to_string(),
            v.pct_used.to_string(),
        ]);
    }
    t.print(super::output::Format::Table)?;
    Ok(0)
}
