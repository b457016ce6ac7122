//! IMS commands from the engine to the simulated IMS of a system.

use crate::Result;
use crate::farm::Farm;

/// Issue one IMS command; the reply lines.
pub fn issue(_farm: &Farm, _system: &str, command: &str, _clock: u64) -> Result<Vec<String>> {
    Ok(vec![format!("{command} (IMS simulator not wired yet)")])
}
