//! The engine: requests become pure plans (SIMULATE shows them), an
//! executor runs a plan's steps on a worker thread with a journal so a
//! killed run can be resumed or rolled back, and sends events back.

pub mod clone;
pub mod events;
pub mod exec;
pub mod finding;
pub mod help;
pub mod jobs;
pub mod journal;
pub mod movers;
pub mod names;
pub mod owner;
pub mod plan;
pub mod refresh;
pub mod report;
pub mod request;
pub mod rewrite;
pub mod skeleton;
pub mod verify;

/// Plan any job by its type.
pub fn plan_job(farm: &crate::farm::Farm, job: &request::JobFile, clock: u64) -> crate::Result<plan::Plan> {
    match job.job.kind.as_str() {
        "system-clone" => clone::plan(farm, job, clock),
        "db-refresh" => refresh::plan(farm, job, clock),
        "skeleton-clone" => skeleton::plan(farm, job, clock),
        k => Err(crate::icl!("ICL401E", "job type {k} cannot be planned")),
    }
}
