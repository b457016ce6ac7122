//! The command line: batch work and reports over the same engine the
//! panels use. Every error is printed with its message ID; the exit code
//! is the z/OS-style return code (0, 4, 8, 12).

pub mod farm_cmd;
pub mod ims_cmd;
pub mod job_cmd;
pub mod list;
pub mod output;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{IclError, Result};

/// imsclone: clone IBM IMS systems and refresh IMS databases on a
/// simulated DASD farm of Hercules CKD volumes.
#[derive(Debug, Parser)]
#[command(name = "imsclone", version, about, long_about = None)]
pub struct Cli {
    /// The farm directory (default: the farm in the user data directory,
    /// built from the default sample on first use).
    #[arg(long, global = true, value_name = "DIR")]
    pub farm: Option<PathBuf>,
    /// Panel theme (ispf-classic, high-contrast, mono, or themes/NAME.toml
    /// in the config directory).
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or inspect farms.
    Farm {
        #[command(subcommand)]
        action: farm_cmd::FarmAction,
    },
    /// Plan a job and show everything it would do; writes nothing.
    Simulate {
        /// The job file (TOML).
        job: PathBuf,
    },
    /// Plan and run a job (journaled; resumable and reversible).
    Run {
        /// The job file (TOML).
        job: PathBuf,
    },
    /// Resume a job from its journal after it was killed or failed.
    Rerun {
        /// The job ID (`imsclone run` prints it; see jobs/ in the farm).
        id: String,
    },
    /// Return a job's targets to their state before it ran.
    Rollback { id: String },
    /// Check that an IMS system could start.
    Verify {
        /// System (data-sharing group) or IMSID.
        system: String,
    },
    /// Reports: systems, volumes, data sets, members, databases, RECON.
    List {
        #[command(subcommand)]
        what: list::ListWhat,
    },
    /// Enter an operator command on a simulated IMS (/DBR, /STA, /DIS, UPDATE DB ...).
    Ims(ims_cmd::ImsArgs),
    /// Run DBRC commands against a system's RECON (every copy is updated).
    Dbrc(ims_cmd::DbrcArgs),
    /// Update a database as online programs do, while the simulated IMS lets them.
    Workload(ims_cmd::WorkloadArgs),
}

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 8 } else { 0 };
        }
    };
    init_logging(cli.farm.as_deref());
    match run(cli) {
        Ok(rc) => rc,
        Err(e) => {
            report(&e);
            e.severity().rc().max(8)
        }
    }
}

/// Print an error on standard error, message ID first.
pub fn report(e: &IclError) {
    eprintln!("{} {}", e.id, e.text);
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        None => crate::tui::open(&farm_cmd::resolve_farm(cli.farm.as_deref())?, cli.theme),
        Some(Command::Farm { action }) => farm_cmd::run(action, cli.farm.as_deref()),
        Some(Command::List { what }) => list::run(what, cli.farm.as_deref()),
        Some(Command::Simulate { job }) => job_cmd::simulate(&job, cli.farm.as_deref()),
        Some(Command::Run { job }) => job_cmd::run(&job, cli.farm.as_deref()),
        Some(Command::Rerun { id }) => job_cmd::rerun(&id, cli.farm.as_deref()),
        Some(Command::Rollback { id }) => job_cmd::rollback(&id, cli.farm.as_deref()),
        Some(Command::Verify { system }) => job_cmd::verify(&system, cli.farm.as_deref()),
        Some(Command::Ims(a)) => ims_cmd::ims(a, cli.farm.as_deref()),
        Some(Command::Dbrc(a)) => ims_cmd::dbrc(a, cli.farm.as_deref()),
        Some(Command::Workload(a)) => ims_cmd::workload(a, cli.farm.as_deref()),
    }
}

/// Log to a file (never to the terminal, which belongs to the panels):
/// `IMSCLONE_LOG` names the file, else `imsclone.log` in the user data
/// directory. Logging is best effort: no log is no error.
fn init_logging(_farm: Option<&std::path::Path>) {
    let path = match std::env::var_os("IMSCLONE_LOG") {
        Some(p) => PathBuf::from(p),
        None => match farm_cmd::data_dir() {
            Some(d) => d.join("imsclone.log"),
            None => return,
        },
    };
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(&path) else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("IMSCLONE_LOG_LEVEL")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}
