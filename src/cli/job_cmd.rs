//! `imsclone simulate|run|rerun|rollback|verify`.

use std::path::Path;

use super::farm_cmd::resolve_farm;
use crate::engine::request::JobFile;
use crate::farm::Farm;
use crate::msg::io_err;
use crate::{Result, icl};

/// Read and parse a job file.
pub fn read_job(path: &Path) -> Result<JobFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| io_err("ICL400E", format!("cannot read job file {}", path.display()), e))?;
    JobFile::parse(&text, &path.display().to_string())
}

/// SIMULATE: plan and show; writes nothing.
pub fn simulate(job: &Path, farm: Option<&Path>) -> Result<i32> {
    let jf = read_job(job)?;
    let farm = Farm::open(&resolve_farm(farm)?)?;
    let plan = match jf.job.kind.as_str() {
        "system-clone" => crate::engine::clone::plan(&farm, &jf, crate::dasd::dates::epoch_seconds())?,
        k => return Err(icl!("ICL401E", "job type {k} cannot be simulated")),
    };
    print!("{}", crate::engine::report::render(&plan));
    Ok(plan.rc())
}
