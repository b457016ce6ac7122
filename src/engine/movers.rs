//! Data movers: how bytes get from a source image to a target image.
//!
//! FASTREPLICATION keeps its DFSMSdss meaning:
//! - `REQUIRED`: reflink (FICLONE, the FlashCopy of this world: instant and
//!   copy-on-write on XFS and btrfs) or fail;
//! - `PREFERRED` (the default): reflink where the filesystem can, else a
//!   kernel copy (`copy_file_range` over the data segments only, so holes
//!   stay holes);
//! - `NONE`: no fast replication: a buffered copy through user space, also
//!   hole-preserving.
//!
//! Every copy reports which mover ran.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::msg::io_err;
use crate::{Result, icl_bail};

/// FASTREPLICATION(REQUIRED|PREFERRED|NONE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum FastReplication {
    Required,
    #[default]
    Preferred,
    None,
}

/// The mover that actually ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mover {
    Reflink,
    KernelCopy,
    Buffered,
}

impl Mover {
    pub fn name(self) -> &'static str {
        match self {
            Mover::Reflink => "reflink (FICLONE)",
            Mover::KernelCopy => "kernel copy (copy_file_range)",
            Mover::Buffered => "buffered copy",
        }
    }
}

/// What a copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyReport {
    pub mover: Mover,
    /// Logical size of the file.
    pub bytes: u64,
    /// Bytes of data segments copied (holes excluded; all of it for reflink).
    pub data_bytes: u64,
    pub micros: u64,
}

/// Progress callback: bytes done of the total data bytes.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Copy `src` over `dst` (replaced if it exists) with the chosen mode. The
/// copy is not synced: the step that copies syncs once (see [`sync_file`]).
pub fn copy_file(src: &Path, dst: &Path, mode: FastReplication, progress: Progress<'_>) -> Result<CopyReport> {
    let t = Instant::now();
    let s = File::open(src).map_err(|e| io_err("ICL420E", format!("cannot open {}", src.display()), e))?;
    let len = s
        .metadata()
        .map_err(|e| io_err("ICL420E", format!("cannot stat {}", src.display()), e))?
        .len();
    let mut d = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(dst)
        .map_err(|e| io_err("ICL420E", format!("cannot create {}", dst.display()), e))?;
    if mode != FastReplication::None {
        // FICLONE on the open pair: no temporary file to create and remove
        // when the filesystem says no.
        match reflink_copy::reflink_file(&s, &d) {
            Ok(()) => {
                progress(len, len);
                return Ok(CopyReport {
                    mover: Mover::Reflink,
                    bytes: len,
                    data_bytes: len,
                    micros: elapsed(t),
                });
            }
            Err(e) if mode == FastReplication::Required => {
                icl_bail!(
                    "ICL421E",
                    "FASTREPLICATION(REQUIRED): {} cannot be reflinked to {} ({e}); the filesystem has no FICLONE (use XFS or btrfs, or PREFERRED)",
                    src.display(),
                    dst.display()
                );
            }
            Err(_) => {}
        }
    }
    d.set_len(len)
        .map_err(|e| io_err("ICL420E", format!("cannot size {}", dst.display()), e))?;
    let segments = data_segments_of(&s, len);
    let total: u64 = segments.iter().map(|(a, b)| b - a).sum();
    let mover = if mode == FastReplication::None {
        buffered(&s, &mut d, &segments, total, progress)?;
        Mover::Buffered
    } else {
        match kernel_copy(&s, &d, &segments, total, progress) {
            Ok(()) => Mover::KernelCopy,
            // Not every filesystem pair supports copy_file_range.
            Err(_) => {
                buffered(&s, &mut d, &segments, total, &mut |_, _| {})?;
                Mover::Buffered
            }
        }
    };
    Ok(CopyReport {
        mover,
        bytes: len,
        data_bytes: total,
        micros: elapsed(t),
    })
}

fn elapsed(t: Instant) -> u64 {
    t.elapsed().as_micros().min(u64::MAX as u128) as u64
}

/// Flush a copied file to stable storage. Copies do not sync by
/// themselves: a step syncs what it wrote once, before the journal records
/// the step as ended.
pub fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_err("ICL420E", format!("cannot sync {}", path.display()), e))
}

/// The data segments of a sparse file, found with SEEK_DATA / SEEK_HOLE.
pub fn data_segments(path: &Path, len: u64) -> Result<Vec<(u64, u64)>> {
    let f = File::open(path).map_err(|e| io_err("ICL420E", format!("cannot open {}", path.display()), e))?;
    Ok(data_segments_of(&f, len))
}

fn data_segments_of(f: &File, len: u64) -> Vec<(u64, u64)> {
    let fd = f.as_raw_fd();
    let mut out = Vec::new();
    let mut pos: i64 = 0;
    while (pos as u64) < len {
        // SAFETY: lseek on a valid open descriptor has no memory effects.
        let data = unsafe { libc::lseek(fd, pos, libc::SEEK_DATA) };
        if data < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::ENXIO) {
                break; // no more data
            }
            // SEEK_DATA unsupported: the whole file is one segment.
            return vec![(0, len)];
        }
        // SAFETY: as above.
        let hole = unsafe { libc::lseek(fd, data, libc::SEEK_HOLE) };
        let end = if hole < 0 { len as i64 } else { hole };
        out.push((data as u64, end as u64));
        pos = end;
    }
    out
}

fn kernel_copy(s: &File, d: &File, segs: &[(u64, u64)], total: u64, progress: Progress<'_>) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    let mut done = 0u64;
    let mut small = vec![0u8; 64 << 10];
    for &(a, b) in segs {
        // Small segments (a track's used prefix in a sparse image) cost
        // less through one pread/pwrite than through copy_file_range.
        if b - a <= small.len() as u64 {
            let n = (b - a) as usize;
            s.read_exact_at(&mut small[..n], a)?;
            d.write_all_at(&small[..n], a)?;
            done += n as u64;
            progress(done, total);
            continue;
        }
        let mut off_in = a as i64;
        let mut off_out = a as i64;
        let mut left = b - a;
        while left > 0 {
            let chunk = left.min(64 << 20) as usize;
            // SAFETY: both descriptors are open; the offsets are plain integers
            // the kernel updates.
            let n = unsafe { libc::copy_file_range(s.as_raw_fd(), &mut off_in, d.as_raw_fd(), &mut off_out, chunk, 0) };
            if n < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if n == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "copy_file_range returned 0",
                ));
            }
            left -= n as u64;
            done += n as u64;
            progress(done, total);
        }
    }
    Ok(())
}

fn buffered(s: &File, d: &mut File, segs: &[(u64, u64)], total: u64, progress: Progress<'_>) -> Result<()> {
    let mut s = s;
    let mut buf = vec![0u8; 1 << 20];
    let mut done = 0u64;
    for &(a, b) in segs {
        s.seek(SeekFrom::Start(a)).map_err(|e| io_err("ICL420E", "seek", e))?;
        let mut pos = a;
        while pos < b {
            let n = ((b - pos) as usize).min(buf.len());
            s.read_exact(&mut buf[..n]).map_err(|e| io_err("ICL420E", "read", e))?;
            // Zero blocks stay holes in the target.
            if buf[..n].iter().any(|&x| x != 0) {
                d.seek(SeekFrom::Start(pos)).map_err(|e| io_err("ICL420E", "seek", e))?;
                d.write_all(&buf[..n]).map_err(|e| io_err("ICL420E", "write", e))?;
            }
            pos += n as u64;
            done += n as u64;
            progress(done, total);
        }
    }
    Ok(())
}

/// Check that a copy is byte-identical to its source.
pub fn same_content(a: &Path, b: &Path) -> Result<bool> {
    let open = |p: &Path| File::open(p).map_err(|e| io_err("ICL420E", format!("cannot open {}", p.display()), e));
    let (mut fa, mut fb) = (open(a)?, open(b)?);
    let len = |f: &File, p: &Path| {
        f.metadata()
            .map(|m| m.len())
            .map_err(|e| io_err("ICL420E", format!("cannot stat {}", p.display()), e))
    };
    if len(&fa, a)? != len(&fb, b)? {
        return Ok(false);
    }
    let (mut x, mut y) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = read_full(&mut fa, &mut x).map_err(|e| io_err("ICL420E", "read", e))?;
        let m = read_full(&mut fb, &mut y).map_err(|e| io_err("ICL420E", "read", e))?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        let n = f.read(&mut buf[got..])?;
        if n == 0 {
            break;
        }
        got += n;
    }
    Ok(got)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sparse_file(p: &Path) {
        let mut f = File::create(p).unwrap();
        f.set_len(8 << 20).unwrap();
        f.write_all(b"head").unwrap();
        f.seek(SeekFrom::Start(5 << 20)).unwrap();
        f.write_all(&[7u8; 10000]).unwrap();
    }

    #[test]
    fn kernel_and_buffered_copies_keep_holes_and_bytes() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src.3390");
        sparse_file(&src);
        for (mode, want) in [
            (FastReplication::None, Mover::Buffered),
            (FastReplication::Preferred, Mover::KernelCopy),
        ] {
            let dst = d.path().join("dst.3390");
            std::fs::write(&dst, b"old content that must go").unwrap();
            let mut calls = 0;
            let r = copy_file(&src, &dst, mode, &mut |_, _| calls += 1).unwrap();
            // ext4/tmpfs in tests: no reflink, so PREFERRED falls back.
            if r.mover != Mover::Reflink {
                assert_eq!(r.mover, want);
                assert!(r.data_bytes < r.bytes, "holes must not be copied");
            }
            assert!(calls > 0);
            assert!(same_content(&src, &dst).unwrap());
            use std::os::unix::fs::MetadataExt;
            assert!(
                std::fs::metadata(&dst).unwrap().blocks() * 512 < (1 << 20),
                "target must stay sparse"
            );
        }
    }

    #[test]
    fn required_fails_without_reflink() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src.3390");
        sparse_file(&src);
        let dst = d.path().join("dst.3390");
        match copy_file(&src, &dst, FastReplication::Required, &mut |_, _| {}) {
            Ok(r) => assert_eq!(r.mover, Mover::Reflink),
            Err(e) => assert_eq!(e.id, "ICL421E"),
        }
    }
}
