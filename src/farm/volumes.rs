//! Status of every device for the volume list.

use serde::Serialize;

use super::Farm;
use crate::dasd::Access;

/// One row of the volume list.
#[derive(Debug, Clone, Serialize)]
pub struct VolumeStatus {
    pub devnum: String,
    pub volser: String,
    pub devtype: String,
    pub status: String,
    pub storage_group: String,
    pub cyls: u32,
    pub tracks: u32,
    pub free_tracks: u32,
    pub pct_used: u32,
    pub datasets: usize,
    /// Why the volume could not be read, when it could not.
    pub error: Option<String>,
}

impl Farm {
    /// The status of every device, in device-number order.
    pub fn volumes(&self) -> Vec<VolumeStatus> {
        let mut devs: Vec<_> = self.config.devices.iter().collect();
        devs.sort_by(|a, b| a.devnum.cmp(&b.devnum));
        devs.into_iter()
            .map(|d| {
                let mut s = VolumeStatus {
                    devnum: d.devnum.clone(),
                    volser: String::new(),
                    devtype: d.devtype.clone(),
                    status: if d.online { "ONLINE" } else { "OFFLINE" }.into(),
                    storage_group: d.storage_group.clone().unwrap_or_default(),
                    cyls: 0,
                    tracks: 0,
                    free_tracks: 0,
                    pct_used: 0,
                    datasets: 0,
                    error: None,
                };
                match self.open_device(&d.devnum, Access::Read) {
                    Ok(v) => {
                        s.volser = v.volser();
                        s.cyls = v.cyls();
                        s.tracks = v.tracks();
                        s.free_tracks = v.free_tracks();
                        s.pct_used = ((s.tracks - s.free_tracks) as u64 * 100 / s.tracks.max(1) as u64) as u32;
                        s.datasets = v.dataset_names().len();
                    }
                    Err(e) => {
                        s.status = "ERROR".into();
                        s.error = Some(e.to_string());
                    }
                }
                s
            })
            .collect()
    }
}
