//! Which process runs a job: its PID and the time it started, written in
//! the journal when a run or rollback begins. A journal without its last
//! record is then either a run that was killed (its process is gone) or a
//! run still going in another process: the job list tells them apart, and
//! never offers RERUN or ROLLBACK for a run that is still going.
//!
//! The start time (clock ticks since boot, field 22 of `/proc/PID/stat`)
//! makes the pair unique: a PID the kernel reuses for another process does
//! not pass for the run's.

use serde::{Deserialize, Serialize};

/// A process, as the journal records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub pid: u32,
    /// Clock ticks after boot at which the process started.
    pub started: u64,
}

impl Owner {
    /// This process (None where `/proc` cannot tell: then runs are never
    /// reported as going on elsewhere).
    pub fn me() -> Option<Owner> {
        Owner::of(std::process::id())
    }

    /// The process with this PID, if it exists.
    pub fn of(pid: u32) -> Option<Owner> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        Some(Owner {
            pid,
            started: start_ticks(&stat)?,
        })
    }

    /// Is this process still running (not a zombie)?
    pub fn alive(&self) -> bool {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)) else {
            return false;
        };
        start_ticks(&stat) == Some(self.started) && state(&stat).is_some_and(|s| s != 'Z' && s != 'X')
    }
}

/// The fields after the command name, which is in parentheses and may hold
/// blanks and parentheses itself: split after the last `)`.
fn fields(stat: &str) -> impl Iterator<Item = &str> {
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    rest.split_ascii_whitespace()
}

/// Field 3, the state (R, S, D, Z ...).
fn state(stat: &str) -> Option<char> {
    fields(stat).next()?.chars().next()
}

/// Field 22, starttime.
fn start_ticks(stat: &str) -> Option<u64> {
    fields(stat).nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive() {
        let me = Owner::me().expect("/proc on Linux");
        assert!(me.alive());
        let other = Owner {
            started: me.started + 1,
            ..me
        };
        assert!(!other.alive(), "same PID, another start: another process");
    }

    #[test]
    fn a_child_is_alive_until_it_ends() {
        let mut c = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let o = Owner::of(c.id()).expect("the child");
        assert!(o.alive());
        c.kill().unwrap();
        c.wait().unwrap();
        assert!(!o.alive(), "a reaped child is gone");
        assert!(Owner::of(c.id()).is_none_or(|n| n.started != o.started));
    }

    #[test]
    fn command_names_with_blanks_and_parentheses() {
        let stat = "42 (a b) c)) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 1 1";
        assert_eq!(state(stat), Some('S'));
        assert_eq!(start_ticks(stat), Some(777));
        assert_eq!(start_ticks("garbage"), None);
    }
}
