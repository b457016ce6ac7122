//! Option 2: the DASD volumes of the farm, one row per device, read in
//! the background (every image is opened to read its VOL1 and VTOC).

use super::actions::ActionsDialog;
use super::dslist::DslistDialog;
use super::info::VolInfoDialog;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::farm::VolumeStatus;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 3] = ["S", "I", "/"];

#[derive(Default)]
pub struct VolumesDialog {
    vols: Vec<VolumeStatus>,
}

impl VolumesDialog {
    pub fn new() -> VolumesDialog {
        VolumesDialog::default()
    }
}

impl Dialog for VolumesDialog {
    fn panel(&self) -> String {
        "ICLVOL".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if s.table.is_none() {
            s.table = Some(Table::new(vec![
                Column::text("VOLSER"),
                Column::text("DEVNUM"),
                Column::text("DEVTYPE"),
                Column::text("SG"),
                Column::text("STATUS"),
                Column::num("PCTUSED"),
                Column::num("DSETS"),
                Column::num("TRACKS"),
                Column::num("FREE"),
            ]));
        }
        cx.load(Request::Volumes);
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Volumes(v) => {
                let rows = v
                    .iter()
                    .map(|x| {
                        vec![
                            x.volser.clone(),
                            x.devnum.clone(),
                            x.devtype.clone(),
                            x.storage_group.clone(),
                            x.status.clone(),
                            x.pct_used.to_string(),
                            x.datasets.to_string(),
                            x.tracks.to_string(),
                            x.free_tracks.to_string(),
                        ]
                    })
                    .collect();
                if let Some(t) = &mut s.table {
                    t.set_rows(rows);
                }
                s.vars.set("NVOL", v.len().to_string());
                self.vols = v;
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(v) = self.vols.get(row).cloned() else {
            return Flow::Stay;
        };
        match cmd {
            "S" => {
                if v.volser.is_empty() {
                    let t = format!("device {} has no readable volume", v.devnum);
                    s.set_msg(Message::of("ICL666E", &[("TEXT", &t)]));
                    return Flow::Stay;
                }
                Flow::Push(Box::new(DslistDialog::new("**", Some(&v.volser))))
            }
            "I" => Flow::Push(Box::new(VolInfoDialog::new(v))),
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("Volume {} on device {}", v.volser, v.devnum),
                &[("S", "List the data sets on the volume"), ("I", "Volume information")],
            ))),
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}
