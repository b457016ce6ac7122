//! Job folders: `jobs/<ID>/` in the farm holds the plan, the journal, the
//! report, the catalog backups and the target snapshots of one run.

use std::path::{Path, PathBuf};

use super::plan::Plan;
use crate::farm::Farm;
use crate::msg::io_err;
use crate::{Result, icl, icl_bail};

pub const PLAN: &str = "plan.json";
pub const REPORT: &str = "report.txt";

/// A new job ID: NAME-yyyymmdd-hhmmss, with a suffix when taken.
pub fn new_id(farm: &Farm, name: &str, clock: u64) -> Result<String> {
    let s = crate::dasd::dates::stamp_of(clock);
    let (m, d) = {
        let iso = s.date.iso();
        (iso[5..7].to_string(), iso[8..10].to_string())
    };
    let base = format!(
        "{name}-{:04}{m}{d}-{:02}{:02}{:02}",
        s.date.year, s.hour, s.minute, s.second
    );
    for n in 0..1000 {
        let id = if n == 0 { base.clone() } else { format!("{base}-{n}") };
        if !farm.path(&format!("jobs/{id}"))?.exists() {
            return Ok(id);
        }
    }
    icl_bail!("ICL452E", "cannot find a free job ID for {name}")
}

/// The folder of a job (confined to the farm).
pub fn dir(farm: &Farm, id: &str) -> Result<PathBuf> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        icl_bail!("ICL453E", "'{id}' is not a job ID");
    }
    farm.path(&format!("jobs/{id}"))
}

/// Create a job folder and store the plan and its report.
pub fn create(farm: &Farm, id: &str, plan: &Plan) -> Result<PathBuf> {
    let d = dir(farm, id)?;
    std::fs::create_dir_all(&d).map_err(|e| io_err("ICL452E", format!("cannot create {}", d.display()), e))?;
    let json = serde_json::to_string_pretty(plan).map_err(|e| icl!("ICL452E", "cannot store the plan: {e}"))?;
    write_sync(&d.join(PLAN), json.as_bytes())?;
    write_sync(&d.join(REPORT), super::report::render(plan).as_bytes())?;
    Ok(d)
}

/// Load the plan of an existing job.
pub fn load(farm: &Farm, id: &str) -> Result<(PathBuf, Plan)> {
    let d = dir(farm, id)?;
    let text = std::fs::read_to_string(d.join(PLAN))
        .map_err(|e| io_err("ICL453E", format!("job {id} has no readable plan"), e))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| icl!("ICL453E", "job {id}: the plan is damaged: {e}"))?;
    Ok((d, plan))
}

/// Write a file and fsync it.
pub fn write_sync(p: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(p).map_err(|e| io_err("ICL452E", format!("cannot create {}", p.display()), e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| io_err("ICL452E", format!("cannot write {}", p.display()), e))
}
