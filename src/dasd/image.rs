//! The Hercules `CKD_P370` image file (or file set, for volumes over 2519
//! cylinders): the 512-byte device header and fixed-length track slots.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::geometry::{
    CYL_IMAGE_LEN, Cchh, DEVTYPE_3390, HEADER_LEN, HEADS, MAX_CYLS, MAX_CYLS_PER_FILE, TRACK_IMAGE_LEN,
};
use super::track::Track;
use crate::msg::io_err;
use crate::{Result, icl, icl_bail};

const MAGIC: &[u8; 8] = b"CKD_P370";
const MAGIC_COMPRESSED: &[u8; 8] = b"CKD_C370";

/// How an image is opened. Source volumes are only ever opened `Read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

#[derive(Debug)]
struct Part {
    file: File,
    path: PathBuf,
    first_track: u32,
    tracks: u32,
}

/// An open CKD image (one file, or the `_1`, `_2` ... set of a large volume).
#[derive(Debug)]
pub struct CkdImage {
    path: PathBuf,
    parts: Vec<Part>,
    cyls: u32,
    access: Access,
}

/// File name of part `k` (1-based) of a multi-file volume: `_k` goes before
/// the first `.` of the file name (`vol.3390` -> `vol_1.3390`), `_A`.. from 10.
pub fn part_path(base: &Path, k: usize) -> PathBuf {
    let suffix = if k < 10 {
        format!("_{k}")
    } else {
        format!("_{}", (b'A' + (k - 10) as u8) as char)
    };
    let name = base
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let new = match name.find('.') {
        Some(p) => format!("{}{}{}", &name[..p], suffix, &name[p..]),
        None => format!("{name}{suffix}"),
    };
    base.with_file_name(new)
}

/// Every file that makes up the volume at `path` (one, or the whole set).
pub fn image_files(path: &Path) -> Result<Vec<PathBuf>> {
    Ok(CkdImage::open(path, Access::Read)?
        .parts
        .iter()
        .map(|p| p.path.clone())
        .collect())
}

/// Bytes used by the track image in `buf` (through the end marker), or
/// `None` when the marker is not within `buf`.
fn used_len(buf: &[u8]) -> Option<usize> {
    let mut p = super::geometry::TRACK_PREFIX;
    loop {
        let count = buf.get(p..p + 8)?;
        if count == super::geometry::EOT {
            return Some(p + 8);
        }
        p += 8 + count[5] as usize + u16::from_be_bytes([count[6], count[7]]) as usize;
    }
}

fn header(fileseq: u8, highcyl: u16) -> [u8; HEADER_LEN as usize] {
    let mut h = [0u8; HEADER_LEN as usize];
    h[0..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&HEADS.to_le_bytes());
    h[12..16].copy_from_slice(&(TRACK_IMAGE_LEN as u32).to_le_bytes());
    h[16] = DEVTYPE_3390;
    h[17] = fileseq;
    h[18..20].copy_from_slice(&highcyl.to_le_bytes());
    h
}

impl CkdImage {
    /// Create a new volume image of `cyls` cylinders with every track
    /// formatted (HA, R0, end marker). The files are sparse: only the track
    /// prefixes are written. Fails if the file exists.
    pub fn create(path: &Path, cyls: u32) -> Result<CkdImage> {
        if cyls == 0 || cyls > MAX_CYLS {
            icl_bail!(
                "ICL107E",
                "{}: cylinder count {cyls} is outside 1..{MAX_CYLS}",
                path.display()
            );
        }
        let nfiles = cyls.div_ceil(MAX_CYLS_PER_FILE) as usize;
        let mut parts = Vec::with_capacity(nfiles);
        for k in 0..nfiles {
            let first_cyl = k as u32 * MAX_CYLS_PER_FILE;
            let part_cyls = (cyls - first_cyl).min(MAX_CYLS_PER_FILE);
            let (p, fileseq, highcyl) = if nfiles == 1 {
                (path.to_path_buf(), 0u8, 0u16)
            } else if k + 1 == nfiles {
                (part_path(path, k + 1), (k + 1) as u8, 0)
            } else {
                (
                    part_path(path, k + 1),
                    (k + 1) as u8,
                    (first_cyl + part_cyls - 1) as u16,
                )
            };
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&p)
                .map_err(|e| io_err("ICL100E", format!("cannot create {}", p.display()), e))?;
            file.write_all_at(&header(fileseq, highcyl), 0)
                .and_then(|_| file.set_len(HEADER_LEN + part_cyls as u64 * CYL_IMAGE_LEN))
                .map_err(|e| io_err("ICL100E", format!("cannot write {}", p.display()), e))?;
            parts.push(Part {
                file,
                path: p,
                first_track: first_cyl * HEADS,
                tracks: part_cyls * HEADS,
            });
        }
        let img = CkdImage {
            path: path.to_path_buf(),
            parts,
            cyls,
            access: Access::Write,
        };
        for t in 0..img.tracks() {
            img.write_raw(t, &Track::empty(Cchh::from_track(t)).serialize())?;
        }
        Ok(img)
    }

    /// Open an existing image, checking the header the way Hercules does.
    pub fn open(path: &Path, access: Access) -> Result<CkdImage> {
        let first = if !path.exists() && part_path(path, 1).exists() {
            part_path(path, 1)
        } else {
            path.to_path_buf()
        };
        let mut parts = Vec::new();
        let mut next_cyl = 0u32;
        let mut k = 1usize;
        let mut p = first;
        loop {
            let (file, fileseq, highcyl, part_cyls) = Self::open_part(&p, access)?;
            let expected_seq = if parts.is_empty() && fileseq == 0 { 0 } else { k as u8 };
            if fileseq != expected_seq {
                icl_bail!(
                    "ICL103E",
                    "{}: file sequence {fileseq} where {expected_seq} was expected",
                    p.display()
                );
            }
            parts.push(Part {
                file,
                path: p.clone(),
                first_track: next_cyl * HEADS,
                tracks: part_cyls * HEADS,
            });
            next_cyl += part_cyls;
            if fileseq == 0 || highcyl == 0 {
                break;
            }
            if highcyl as u32 + 1 != next_cyl {
                icl_bail!(
                    "ICL103E",
                    "{}: high cylinder {highcyl} does not match the file's {part_cyls} cylinders",
                    p.display()
                );
            }
            k += 1;
            if k > 27 {
                icl_bail!("ICL103E", "{}: more than 27 files in the volume", path.display());
            }
            p = part_path(path, k);
        }
        Ok(CkdImage {
            path: path.to_path_buf(),
            parts,
            cyls: next_cyl,
            access,
        })
    }

    fn open_part(p: &Path, access: Access) -> Result<(File, u8, u16, u32)> {
        let file = OpenOptions::new()
            .read(true)
            .write(access == Access::Write)
            .open(p)
            .map_err(|e| io_err("ICL100E", format!("cannot open volume image {}", p.display()), e))?;
        let mut h = [0u8; HEADER_LEN as usize];
        let size = file
            .metadata()
            .map_err(|e| io_err("ICL100E", format!("cannot stat {}", p.display()), e))?
            .len();
        if size < HEADER_LEN {
            icl_bail!("ICL101E", "{}: not a CKD image (only {size} bytes)", p.display());
        }
        file.read_exact_at(&mut h, 0)
            .map_err(|e| io_err("ICL100E", format!("cannot read {}", p.display()), e))?;
        if &h[0..8] == MAGIC_COMPRESSED {
            icl_bail!(
                "ICL101E",
                "{}: compressed CKD_C370 images are not supported (convert with dasdcopy -o CKD)",
                p.display()
            );
        }
        if &h[0..8] != MAGIC {
            icl_bail!("ICL101E", "{}: not a CKD_P370 image (bad magic)", p.display());
        }
        let heads = u32::from_le_bytes([h[8], h[9], h[10], h[11]]);
        let trksz = u32::from_le_bytes([h[12], h[13], h[14], h[15]]);
        if heads != HEADS || trksz as usize != TRACK_IMAGE_LEN || h[16] != DEVTYPE_3390 {
            icl_bail!(
                "ICL102E",
                "{}: not a 3390 image (heads {heads}, track size {trksz}, device type {:02X})",
                p.display(),
                h[16]
            );
        }
        let body = size - HEADER_LEN;
        if body == 0 || !body.is_multiple_of(CYL_IMAGE_LEN) {
            icl_bail!(
                "ICL103E",
                "{}: size {size} is not 512 + a whole number of 3390 cylinders (truncated image?)",
                p.display()
            );
        }
        let fileseq = h[17];
        let highcyl = u16::from_le_bytes([h[18], h[19]]);
        Ok((file, fileseq, highcyl, (body / CYL_IMAGE_LEN) as u32))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn cyls(&self) -> u32 {
        self.cyls
    }

    pub fn tracks(&self) -> u32 {
        self.cyls * HEADS
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// The files of this volume.
    pub fn files(&self) -> Vec<PathBuf> {
        self.parts.iter().map(|p| p.path.clone()).collect()
    }

    fn locate(&self, t: u32) -> Result<(&Part, u64)> {
        let part = self
            .parts
            .iter()
            .find(|p| t >= p.first_track && t < p.first_track + p.tracks)
            .ok_or_else(|| {
                icl!(
                    "ICL108E",
                    "{}: track {t} is beyond the volume's {} tracks",
                    self.path.display(),
                    self.tracks()
                )
            })?;
        Ok((
            part,
            HEADER_LEN + (t - part.first_track) as u64 * TRACK_IMAGE_LEN as u64,
        ))
    }

    /// Read the whole 56832-byte slot of absolute track `t`.
    pub fn read_raw(&self, t: u32) -> Result<Vec<u8>> {
        let (part, off) = self.locate(t)?;
        let mut buf = vec![0u8; TRACK_IMAGE_LEN];
        part.file.read_exact_at(&mut buf, off).map_err(|e| {
            io_err(
                "ICL100E",
                format!("cannot read track {t} of {}", part.path.display()),
                e,
            )
        })?;
        Ok(buf)
    }

    /// Read the used part of track `t` (up to and including the end
    /// marker). Tracks are mostly short and the rest of the slot is a hole,
    /// so this reads 4 KiB first and more only when the records need it.
    pub fn read_used(&self, t: u32) -> Result<Vec<u8>> {
        let (part, off) = self.locate(t)?;
        let mut len = 4096usize;
        loop {
            let mut buf = vec![0u8; len];
            part.file.read_exact_at(&mut buf, off).map_err(|e| {
                io_err(
                    "ICL100E",
                    format!("cannot read track {t} of {}", part.path.display()),
                    e,
                )
            })?;
            if let Some(n) = used_len(&buf) {
                buf.truncate(n);
                return Ok(buf);
            }
            if len == TRACK_IMAGE_LEN {
                return Ok(buf);
            }
            len = (len * 4).min(TRACK_IMAGE_LEN);
        }
    }

    /// Read and parse absolute track `t`.
    pub fn read_track(&self, t: u32) -> Result<Track> {
        Track::parse(&self.read_used(t)?, Cchh::from_track(t)).map_err(|e| e.context(self.path.display()))
    }

    /// Write bytes at the start of track slot `t`.
    pub fn write_raw(&self, t: u32, bytes: &[u8]) -> Result<()> {
        if self.access != Access::Write {
            icl_bail!(
                "ICL109S",
                "{}: volume is open read-only; refusing to write track {t}",
                self.path.display()
            );
        }
        if bytes.len() > TRACK_IMAGE_LEN {
            icl_bail!("ICL106E", "track {t}: {} bytes do not fit a track slot", bytes.len());
        }
        let (part, off) = self.locate(t)?;
        part.file.write_all_at(bytes, off).map_err(|e| {
            io_err(
                "ICL100E",
                format!("cannot write track {t} of {}", part.path.display()),
                e,
            )
        })
    }

    /// Write a track, zeroing what an earlier, longer content left behind.
    pub fn write_track(&self, track: &Track, old_len: usize) -> Result<()> {
        let mut bytes = track.serialize();
        if bytes.len() < old_len {
            bytes.resize(old_len.min(TRACK_IMAGE_LEN), 0);
        }
        self.write_raw(track.cchh.track(), &bytes)
    }

    /// Flush the files to stable storage.
    pub fn sync(&self) -> Result<()> {
        for p in &self.parts {
            p.file
                .sync_all()
                .map_err(|e| io_err("ICL100E", format!("cannot sync {}", p.path.display()), e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_follow_hercules() {
        assert_eq!(part_path(Path::new("/f/vol.3390"), 1), Path::new("/f/vol_1.3390"));
        assert_eq!(part_path(Path::new("/f/vol"), 2), Path::new("/f/vol_2"));
        assert_eq!(part_path(Path::new("/f/a.b.c"), 10), Path::new("/f/a_A.b.c"));
    }

    #[test]
    fn create_and_reopen() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("v.3390");
        let img = CkdImage::create(&p, 3).unwrap();
        assert_eq!(img.tracks(), 45);
        drop(img);
        assert_eq!(std::fs::metadata(&p).unwrap().len(), 512 + 3 * 852480);
        let img = CkdImage::open(&p, Access::Read).unwrap();
        assert_eq!(img.cyls(), 3);
        let t = img.read_track(44).unwrap();
        assert!(t.records.is_empty());
        assert_eq!(img.write_raw(1, &[0]).unwrap_err().id, "ICL109S");
    }

    #[test]
    fn bad_images() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("v.3390");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(CkdImage::open(&p, Access::Read).unwrap_err().id, "ICL101E");
        let mut h = header(0, 0).to_vec();
        h.resize(512 + 852480 - 1, 0);
        std::fs::write(&p, &h).unwrap();
        assert_eq!(CkdImage::open(&p, Access::Read).unwrap_err().id, "ICL103E");
        let mut c = h.clone();
        c[0..8].copy_from_slice(MAGIC_COMPRESSED);
        std::fs::write(&p, &c).unwrap();
        assert_eq!(CkdImage::open(&p, Access::Read).unwrap_err().id, "ICL101E");
        assert_eq!(
            CkdImage::open(&d.path().join("none"), Access::Read).unwrap_err().id,
            "ICL100E"
        );
    }
}
