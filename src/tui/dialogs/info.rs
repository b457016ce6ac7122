//! Information panels: a volume, a data set (from the VTOC and the
//! catalogs), a member's ISPF statistics.

use super::{Cx, Dialog, Flow};
use crate::dasd::MemberInfo;
use crate::farm::VolumeStatus;
use crate::tui::loader::DsRow;
use crate::tui::screen::Screen;

pub struct VolInfoDialog {
    v: VolumeStatus,
}

impl VolInfoDialog {
    pub fn new(v: VolumeStatus) -> VolInfoDialog {
        VolInfoDialog { v }
    }
}

impl Dialog for VolInfoDialog {
    fn panel(&self) -> String {
        "ICLVOLI".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let v = &self.v;
        let used = v.tracks.saturating_sub(v.free_tracks);
        for (k, val) in [
            ("VOLSER", v.volser.clone()),
            ("DEVNUM", v.devnum.clone()),
            ("DEVTYPE", v.devtype.clone()),
            ("STATUS", v.status.clone()),
            (
                "SG",
                if v.storage_group.is_empty() {
                    "(none)".into()
                } else {
                    v.storage_group.clone()
                },
            ),
            ("CYLS", v.cyls.to_string()),
            ("TRACKS", v.tracks.to_string()),
            ("USEDTRK", used.to_string()),
            ("FREE", v.free_tracks.to_string()),
            ("PCTUSED", v.pct_used.to_string()),
            ("DSETS", v.datasets.to_string()),
            ("VERROR", v.error.clone().unwrap_or_else(|| "none".into())),
        ] {
            s.vars.set(k, val);
        }
        let image = cx
            .farm
            .config
            .device(&v.devnum)
            .map(|d| d.image.clone())
            .unwrap_or_default();
        s.vars.set("IMAGE", image);
        Flow::Stay
    }
}

pub struct DsInfoDialog {
    r: DsRow,
}

impl DsInfoDialog {
    pub fn new(r: DsRow) -> DsInfoDialog {
        DsInfoDialog { r }
    }
}

impl Dialog for DsInfoDialog {
    fn panel(&self) -> String {
        "ICLDSI".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let i = &self.r.info;
        let pct = (i.used_tracks * 100).checked_div(i.tracks).unwrap_or(0);
        for (k, val) in [
            ("DSN", i.dsn.clone()),
            ("VOLSER", i.volser.clone()),
            // Every device of a farm is a 3390.
            ("DEVT", "3390".to_string()),
            ("DSORG", i.dsorg.clone()),
            ("RECFM", i.recfm.clone()),
            ("LRECL", i.lrecl.to_string()),
            ("BLKSIZE", i.blksize.to_string()),
            ("KEYLEN", i.keylen.to_string()),
            ("TRACKS", i.tracks.to_string()),
            ("USEDTRK", i.used_tracks.to_string()),
            ("PCTUSED", pct.to_string()),
            ("EXTENTS", i.extents.to_string()),
            ("CREATED", i.created.clone().unwrap_or_default()),
            (
                "CATALOG",
                if self.r.catalog.is_empty() {
                    "(not cataloged)".into()
                } else {
                    self.r.catalog.clone()
                },
            ),
        ] {
            s.vars.set(k, val);
        }
        Flow::Stay
    }
}

pub struct MemberInfoDialog {
    dsn: String,
    m: MemberInfo,
}

impl MemberInfoDialog {
    pub fn new(dsn: &str, m: MemberInfo) -> MemberInfoDialog {
        MemberInfoDialog {
            dsn: dsn.to_string(),
            m,
        }
    }
}

impl Dialog for MemberInfoDialog {
    fn panel(&self) -> String {
        "ICLMEMI".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        s.vars.set("ZWINTTL", "Member Information");
        s.vars.set("DSN", self.dsn.clone());
        s.vars.set("MEMBER", self.m.name.clone());
        s.vars.set("TTR", self.m.ttr.clone());
        s.vars.set(
            "ALIASOF",
            self.m.alias_of.clone().unwrap_or_else(|| "(not an alias)".into()),
        );
        let st = self.m.stats.as_ref();
        let none = || "(no ISPF statistics)".to_string();
        s.vars.set(
            "VVMM",
            st.map_or_else(none, |x| format!("{:02}.{:02}", x.version, x.modlevel)),
        );
        s.vars.set("CREATED", st.map(|x| x.created.clone()).unwrap_or_default());
        s.vars.set("CHANGED", st.map(|x| x.changed.clone()).unwrap_or_default());
        s.vars.set("SIZE", st.map(|x| x.lines.to_string()).unwrap_or_default());
        s.vars
            .set("INIT", st.map(|x| x.init_lines.to_string()).unwrap_or_default());
        s.vars
            .set("MOD", st.map(|x| x.mod_lines.to_string()).unwrap_or_default());
        s.vars.set("USERID", st.map(|x| x.userid.clone()).unwrap_or_default());
        Flow::Stay
    }

    fn enter(&mut self, _s: &mut Screen, _cx: &mut Cx) -> Flow {
        Flow::End(None)
    }
}
