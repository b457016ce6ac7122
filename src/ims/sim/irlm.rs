//! The group's IRLM: a lock that orders database updates against status
//! changes.
//!
//! The workload (playing the IMS online regions) holds it while it checks
//! that a database may be updated and writes the update; saving the
//! simulated IMS state holds it while the new status is published. So once
//! a /DBR has been saved, no update is in flight and none can start: the
//! data sets are at a consistency point, as after a real /DBR. The farm
//! lock is not enough for this: it serialises imsclone runs, and the
//! workload runs beside them.

use std::fs::{File, OpenOptions};
use std::time::{Duration, Instant};

use crate::Result;
use crate::farm::Farm;
use crate::icl_bail;
use crate::msg::io_err;

/// How long to wait for the lock before giving up: an update holds it for
/// milliseconds, so a long wait means a stuck process.
pub const WAIT: Duration = Duration::from_secs(30);

/// The held lock; released on drop.
#[derive(Debug)]
pub struct IrlmLock {
    file: File,
}

impl IrlmLock {
    /// Take the group's lock, waiting up to [`WAIT`].
    pub fn acquire(farm: &Farm, group: &str) -> Result<IrlmLock> {
        let rel = format!("state/{group}.irlm");
        let path = farm.path(&rel)?;
        let dir = farm.path("state")?;
        std::fs::create_dir_all(&dir).map_err(|e| io_err("ICL524E", "cannot create state/", e))?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_err("ICL524E", format!("cannot open {rel}"), e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(IrlmLock { file }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(std::fs::TryLockError::WouldBlock) => icl_bail!(
                    "ICL524E",
                    "{rel} has been held for {}s by another process; is a workload stuck?",
                    WAIT.as_secs()
                ),
                Err(std::fs::TryLockError::Error(e)) => return Err(io_err("ICL524E", format!("cannot lock {rel}"), e)),
            }
        }
    }
}

impl Drop for IrlmLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
