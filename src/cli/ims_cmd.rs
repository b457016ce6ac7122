//! `imsclone ims SYSTEM 'COMMAND'`, `imsclone dbrc SYSTEM 'COMMANDS'` and
//! `imsclone workload SYSTEM --db DB`: the simulated IMS, DBRC and a
//! database workload from the command line.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::farm_cmd::resolve_farm;
use crate::farm::Farm;
use crate::ims::dbrc::{Dbrc, parse as dbrc_parse};
use crate::ims::discovery::discover;
use crate::ims::recon::ReconTime;
use crate::ims::sim::parse::{Action, Cmd, Verb};
use crate::ims::sim::workload::{Step, Workload};
use crate::ims::sim::{ImsSim, recon_io};
use crate::msg::io_err;
use crate::{Result, icl};

#[derive(Debug, clap::Args)]
pub struct ImsArgs {
    /// System (data-sharing group: every member takes the command) or IMSID.
    pub system: String,
    /// The command: `/DBR DB CUSTDB GLOBAL`, `/DIS DB ALL`,
    /// `UPDATE DB NAME(CUSTDB) STOP(ACCESS)`, `QUERY DB NAME(*) SHOW(ALL)` ...
    pub command: String,
}

#[derive(Debug, clap::Args)]
pub struct DbrcArgs {
    /// System (data-sharing group) or IMSID whose RECON to use.
    pub system: String,
    /// DBRC commands as DSPURX00 reads them from SYSIN (`-` at the end of
    /// a line continues it); `-` alone reads them from standard input.
    pub commands: String,
}

#[derive(Debug, clap::Args)]
pub struct WorkloadArgs {
    /// System (data-sharing group) or IMSID.
    pub system: String,
    /// The database to update (its indexes are kept in step).
    #[arg(long)]
    pub db: String,
    /// Number of updates (default 1; with --loop-ms: until stopped).
    #[arg(long)]
    pub updates: Option<u64>,
    /// Seed of the record choice and amounts.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep updating every MS milliseconds until interrupted (SIGINT or
    /// SIGTERM end it after the update in flight); refusals are counted,
    /// not fatal.
    #[arg(long, value_name = "MS")]
    pub loop_ms: Option<u64>,
}

/// Does the command only look (no lock needed)?
fn display_only(text: &str) -> bool {
    match crate::ims::sim::parse::parse(text) {
        Ok(Cmd::T1(t)) => t.verb == Verb::Dis,
        Ok(Cmd::T2(t)) => t.action == Action::Query,
        Err(_) => true,
    }
}

/// `imsclone ims`: print the reply; RC 0, 4 or 8.
pub fn ims(a: ImsArgs, farm: Option<&Path>) -> Result<i32> {
    let root = resolve_farm(farm)?;
    let look = display_only(&a.command);
    let farm = if look {
        Farm::open(&root)?
    } else {
        Farm::open_locked(&root)?
    };
    let mut sim = ImsSim::load(&farm, &a.system)?;
    let reply = sim.command(&a.command)?;
    crate::out!("{}", reply.text());
    if !look && reply.changed {
        for dsn in sim.save(&farm)? {
            crate::outln!("ICL526I RECON {dsn} updated");
        }
    }
    Ok(reply.rc)
}

/// The DBRC clock: now, as a RECON time stamp.
fn recon_now() -> Result<ReconTime> {
    let s = crate::dasd::dates::now();
    ReconTime::new(s.date.year, s.date.day, s.hour, s.minute, s.second, 0)
}

/// z/OS return code of a DBRC condition code.
pub fn rc_of_cc(cc: u8) -> i32 {
    match cc {
        0 => 0,
        1..=4 => 4,
        5..=8 => 8,
        _ => 12,
    }
}

/// `imsclone dbrc`: run the stream against the system's RECON; write every
/// non-empty copy when it changed.
pub fn dbrc(a: DbrcArgs, farm: Option<&Path>) -> Result<i32> {
    let text = if a.commands.trim() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| io_err("ICL530E", "cannot read DBRC commands from standard input", e))?;
        s
    } else {
        a.commands.clone()
    };
    // LIST commands only look: no lock, so they work while a run holds it.
    let look = dbrc_parse(&text)
        .iter()
        .all(|st| st.as_ref().map_or(true, |c| c.name().starts_with("LIST.")));
    let root = resolve_farm(farm)?;
    let farm = if look {
        Farm::open(&root)?
    } else {
        Farm::open_locked(&root)?
    };
    let sys = discover(&farm, &crate::ims::sim::group_of(&farm, &a.system)?)?;
    let loaded = recon_io::load_opt(&farm, &sys)?;
    let before = loaded.as_ref().map(|x| x.1.clone());
    let lib = recon_io::dbdlib(&farm, &sys)?;
    let mut d = Dbrc::new(before.clone(), recon_now()?).with_dbdlib(&lib);
    let rep = d.run(&text);
    crate::out!("{}", rep.text());
    if !look && d.recon != before {
        let written = match (&before, &d.recon) {
            (Some(_), Some(r)) => recon_io::store_all(&farm, &sys, r)?,
            (None, Some(r)) => recon_io::store_new(&farm, &sys, r)?,
            _ => Vec::new(),
        };
        for dsn in written {
            crate::outln!("ICL531I RECON {dsn} updated");
        }
    }
    Ok(rc_of_cc(rep.highest_cc))
}

/// Set by SIGINT/SIGTERM during `--loop-ms`.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: nothing else is async-signal-safe here.
    STOP.store(true, Ordering::SeqCst);
}

/// `imsclone workload`.
pub fn workload(a: WorkloadArgs, farm: Option<&Path>) -> Result<i32> {
    let root = resolve_farm(farm)?;
    // No farm lock: the workload plays IMS, which runs beside imsclone.
    let farm = Farm::open(&root)?;
    let mut w = Workload::new(&farm, &a.system, &a.db, a.seed)?;
    match a.loop_ms {
        None => {
            let n = a.updates.unwrap_or(1);
            for _ in 0..n {
                match w.update_once()? {
                    Step::Updated { seq, dsn, key } => crate::outln!("ICL539I update {seq}: {dsn} record X'{key}'"),
                    Step::Refused(e) => return Err(e),
                }
            }
            crate::outln!("ICL539I {n} updates of {} done", w.database());
            Ok(0)
        }
        Some(ms) => {
            // SAFETY: the handler only stores to an atomic.
            unsafe {
                libc::signal(libc::SIGINT, on_signal as *const () as libc::sighandler_t);
                libc::signal(libc::SIGTERM, on_signal as *const () as libc::sighandler_t);
            }
            let s = w.run_until(&STOP, Duration::from_millis(ms), a.updates)?;
            crate::outln!(
                "ICL539I {} updates of {} done, {} refused, last update sequence {}",
                s.updates,
                w.database(),
                s.refusals,
                s.last_seq
            );
            if s.updates == 0 && s.refusals > 0 {
                return Err(icl!("ICL535E", "{} refused every update", w.database()));
            }
            Ok(0)
        }
    }
}
