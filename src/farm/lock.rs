//! The farm's advisory lock: one run at a time may write a farm.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::msg::io_err;
use crate::{Result, icl_bail};

/// Name of the lock file in the farm root.
pub const LOCK_FILE: &str = ".imsclone.lock";

/// Held while a run may write the farm; released on drop.
#[derive(Debug)]
pub struct FarmLock {
    file: File,
}

impl FarmLock {
    /// Take the exclusive lock without waiting (`ICL253E` when it is held).
    pub fn acquire(root: &Path) -> Result<FarmLock> {
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_err("ICL253E", format!("cannot open lock file {}", path.display()), e))?;
        if file.try_lock().is_err() {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            icl_bail!(
                "ICL253E",
                "farm {} is in use by another run ({}); try again when it ends",
                root.display(),
                holder.trim()
            );
        }
        // Record who holds it, for the message another run will show.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = write!(file, "pid {}", std::process::id());
        Ok(FarmLock { file })
    }
}

impl Drop for FarmLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let a = FarmLock::acquire(d.path()).unwrap();
        let e = FarmLock::acquire(d.path()).unwrap_err();
        assert_eq!(e.id, "ICL253E");
        assert!(e.text.contains("pid"));
        drop(a);
        FarmLock::acquire(d.path()).unwrap();
    }
}
