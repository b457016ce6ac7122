//! The farm: one directory holding `farm.toml`, the volume images, the
//! simulated IMS state and the job folders. Nothing outside it is written.

pub mod catalogs;
pub mod config;
pub mod generate;
pub mod lock;
pub mod paths;
pub mod reader;
pub mod sample;
mod volumes;

use std::path::{Path, PathBuf};

pub use catalogs::CatalogView;
pub use config::{Device, FarmConfig, StorageGroup, Subsystem};
pub use volumes::VolumeStatus;

use crate::dasd::{Access, Volume};
use crate::msg::io_err;
use crate::{Result, icl, icl_bail};

/// Name of the farm description file.
pub const FARM_TOML: &str = "farm.toml";

/// An open farm. Opened plain it is read-only; [`Farm::open_locked`] takes
/// the advisory lock that any writer needs.
#[derive(Debug)]
pub struct Farm {
    root: PathBuf,
    pub config: FarmConfig,
    lock: Option<lock::FarmLock>,
}

impl Farm {
    /// Open a farm for reading.
    pub fn open(root: &Path) -> Result<Farm> {
        let root = root
            .canonicalize()
            .map_err(|e| io_err("ICL254E", format!("farm {} cannot be opened", root.display()), e))?;
        let path = root.join(FARM_TOML);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            io_err(
                "ICL254E",
                format!("{} is not a farm (no readable {FARM_TOML})", root.display()),
                e,
            )
        })?;
        let config = FarmConfig::parse(&text, &path.display().to_string())?;
        Ok(Farm {
            root,
            config,
            lock: None,
        })
    }

    /// Open a farm for update: takes the farm lock.
    pub fn open_locked(root: &Path) -> Result<Farm> {
        let mut f = Farm::open(root)?;
        f.lock = Some(lock::FarmLock::acquire(&f.root)?);
        // Re-read under the lock: another run may have just changed it.
        let text = std::fs::read_to_string(f.root.join(FARM_TOML))
            .map_err(|e| io_err("ICL254E", "cannot re-read farm.toml", e))?;
        f.config = FarmConfig::parse(&text, FARM_TOML)?;
        Ok(f)
    }

    /// Create a new, empty farm directory with this configuration (locked).
    /// Refuses a directory that already holds a farm or other files.
    pub fn create(root: &Path, config: FarmConfig) -> Result<Farm> {
        std::fs::create_dir_all(root).map_err(|e| io_err("ICL254E", format!("cannot create {}", root.display()), e))?;
        let root = root
            .canonicalize()
            .map_err(|e| io_err("ICL254E", format!("cannot resolve {}", root.display()), e))?;
        let busy = std::fs::read_dir(&root)
            .map_err(|e| io_err("ICL254E", format!("cannot list {}", root.display()), e))?
            .flatten()
            .any(|e| e.file_name() != lock::LOCK_FILE);
        if busy {
            icl_bail!(
                "ICL255E",
                "{} is not empty; a new farm needs an empty directory",
                root.display()
            );
        }
        let lock = lock::FarmLock::acquire(&root)?;
        for d in ["volumes", "state", "jobs"] {
            std::fs::create_dir_all(root.join(d)).map_err(|e| io_err("ICL254E", format!("cannot create {d}/"), e))?;
        }
        config.validate("farm")?;
        let f = Farm {
            root,
            config,
            lock: Some(lock),
        };
        f.save()?;
        Ok(f)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    fn ensure_locked(&self) -> Result<()> {
        if self.lock.is_none() {
            icl_bail!(
                "ICL256S",
                "farm {} was opened read-only; writing needs the farm lock",
                self.root.display()
            );
        }
        Ok(())
    }

    /// Write farm.toml atomically (temporary file, fsync, rename).
    pub fn save(&self) -> Result<()> {
        self.ensure_locked()?;
        let text = self.config.to_toml()?;
        let tmp = paths::confine(&self.root, "farm.toml.new")?;
        let fin = paths::confine(&self.root, FARM_TOML)?;
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, &fin)
        };
        write().map_err(|e| io_err("ICL254E", "cannot write farm.toml", e))
    }

    /// A path inside the farm (confined).
    pub fn path(&self, rel: &str) -> Result<PathBuf> {
        paths::confine(&self.root, rel)
    }

    /// The image file of a device.
    pub fn image_path(&self, dev: &Device) -> Result<PathBuf> {
        self.path(&dev.image)
    }

    pub fn device(&self, devnum: &str) -> Result<&Device> {
        self.config
            .device(devnum)
            .ok_or_else(|| icl!("ICL257E", "device {devnum} is not defined in the farm"))
    }

    /// Open the volume on a device. Writing needs the farm lock.
    pub fn open_device(&self, devnum: &str, access: Access) -> Result<Volume> {
        if access == Access::Write {
            self.ensure_locked()?;
        }
        let dev = self.device(devnum)?;
        Volume::open(&self.image_path(dev)?, access).map_err(|e| e.context(format!("device {devnum}")))
    }

    /// The VOLSER in a device's VOL1 label (track 0 only: no VTOC read);
    /// `None` when the image cannot be read.
    fn label_of(&self, d: &Device) -> Option<String> {
        let img = crate::dasd::image::CkdImage::open(&self.image_path(d).ok()?, Access::Read).ok()?;
        let t0 = img.read_track(0).ok()?;
        t0.record(3)
            .and_then(|r| crate::dasd::vol1::Vol1::decode(&r.data).ok())
            .map(|v| v.volser())
    }

    /// The online device carrying a VOLSER.
    pub fn device_of_volser(&self, volser: &str) -> Result<&Device> {
        let mut found: Option<&Device> = None;
        for d in self.config.devices.iter().filter(|d| d.online) {
            if self.label_of(d).as_deref() == Some(volser) {
                if let Some(other) = found {
                    icl_bail!(
                        "ICL258E",
                        "VOLSER {volser} is online on two devices ({} and {}): duplicate VOLSER",
                        other.devnum,
                        d.devnum
                    );
                }
                found = Some(d);
            }
        }
        found.ok_or_else(|| icl!("ICL259E", "volume {volser} is not online in the farm"))
    }

    /// VOLSER -> device of every online device whose label reads (a
    /// duplicate VOLSER maps to neither: lookups then go the slow way and
    /// get the ICL258E error).
    pub fn online_volsers(&self) -> std::collections::HashMap<String, String> {
        let mut m = std::collections::HashMap::new();
        let mut dup = std::collections::HashSet::new();
        for d in self.config.devices.iter().filter(|d| d.online) {
            let Some(v) = self.label_of(d) else { continue };
            if m.insert(v.clone(), d.devnum.clone()).is_some() {
                dup.insert(v);
            }
        }
        for v in dup {
            m.remove(&v);
        }
        m
    }

    /// Open the online volume with this VOLSER.
    pub fn open_volser(&self, volser: &str, access: Access) -> Result<Volume> {
        let dev = self.device_of_volser(volser)?.devnum.clone();
        self.open_device(&dev, access)
    }

    /// Vary a device online or offline. Online is refused when another
    /// online device carries the same VOLSER (the z/OS rule).
    pub fn set_online(&mut self, devnum: &str, online: bool) -> Result<()> {
        self.ensure_locked()?;
        let dev = self.device(devnum)?.clone();
        if online {
            let v = self.open_device(devnum, Access::Read)?.volser();
            if let Ok(other) = self.device_of_volser(&v)
                && other.devnum != dev.devnum
            {
                icl_bail!(
                    "ICL258E",
                    "device {devnum} cannot go online: VOLSER {v} is already online on device {}",
                    other.devnum
                );
            }
        }
        if let Some(d) = self.config.device_mut(devnum) {
            d.online = online;
        }
        self.save()
    }

    /// Devices of an SMS storage group.
    pub fn storage_group_devices(&self, sg: &str) -> Vec<&Device> {
        self.config
            .devices
            .iter()
            .filter(|d| d.storage_group.as_deref() == Some(sg))
            .collect()
    }

    /// Catalogs of the farm, loaded.
    pub fn catalogs(&self) -> Result<CatalogView> {
        CatalogView::load(self)
    }
}
