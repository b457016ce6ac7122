//! IMS commands from the engine to the simulated IMS of a system
//! (`ims::sim`): the command is entered, its RECON side applied and the
//! state saved before the step ends, so a /DBR is in force (no workload
//! update can start) the moment its step is journaled.

use crate::farm::Farm;
use crate::ims::sim::ImsSim;
use crate::{Result, icl};

/// Issue one IMS command at the plan's clock; the reply lines. A command
/// IMS refuses (RC 8) fails the step with its first error.
pub fn issue(farm: &Farm, system: &str, command: &str, clock: u64) -> Result<Vec<String>> {
    let mut sim = ImsSim::load(farm, system)?;
    sim.clock = Some(crate::dasd::dates::stamp_of(clock));
    let reply = sim.command(command)?;
    if reply.rc >= 8 {
        let why = reply
            .error
            .as_ref()
            .map(|e| e.to_string())
            .unwrap_or_else(|| reply.lines.join(" / "));
        return Err(icl!("ICL582E", "{system}: {command} was refused: {why}"));
    }
    let written = sim.save(farm)?;
    let mut lines = reply.lines;
    if !written.is_empty() {
        lines.push(format!("RECON {} updated", written.join(", ")));
    }
    Ok(lines)
}
