//! Option 3: data set lists, as ISPF 3.4 DSLIST does it: a prompt for a
//! DSN level or mask (and a volume), then the list in views (volume,
//! space, attributes; total on wide screens) switched with LEFT/RIGHT.
//! The rows come from the VTOCs of the online volumes, with the catalog
//! that has each data set.

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::info::DsInfoDialog;
use super::members::MemberListDialog;
use super::{Cx, Dialog, Dir, Flow, bad_line_command, unknown_command};
use crate::tui::command::Amount;
use crate::tui::layout::View;
use crate::tui::loader::{DsRow, Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 4] = ["S", "B", "I", "/"];

/// The prompt (ICLDSLP).
pub struct PromptDialog;

impl PromptDialog {
    pub fn new() -> PromptDialog {
        PromptDialog
    }
}

impl Default for PromptDialog {
    fn default() -> Self {
        Self::new()
    }
}

/// A DSN level becomes a mask: `IMSP` lists `IMSP.**`, as ISPF does;
/// masks with `*` or `%` are taken as they are.
pub fn level_to_mask(level: &str) -> String {
    let l = level.trim().trim_matches('\'').to_ascii_uppercase();
    if l.contains(['*', '%']) || l.len() > 41 {
        l
    } else {
        format!("{l}.**")
    }
}

impl Dialog for PromptDialog {
    fn panel(&self) -> String {
        "ICLDSLP".into()
    }

    fn enter(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return unknown_command(s);
        }
        let vol = s.vars.val("DSLVOL").trim().to_ascii_uppercase();
        if !vol.is_empty() && crate::dasd::vol1::check_volser(&vol).is_err() {
            s.set_msg(Message::of("ICL648E", &[("VALUE", &vol)]));
            s.cursor_req = Some(crate::tui::screen::CursorReq::Var("DSLVOL".into()));
            return Flow::Stay;
        }
        let mask = level_to_mask(s.vars.val("DSNLEVEL"));
        let vol = (!vol.is_empty()).then_some(vol);
        Flow::Push(Box::new(DslistDialog::new(&mask, vol.as_deref())))
    }
}

/// The views, narrowest first; the last needs 132 columns.
const VIEWS: [&str; 4] = ["ICLDSL", "ICLDSLS", "ICLDSLA", "ICLDSLT"];
const VIEW_NAMES: [&str; 4] = ["Volume", "Space", "Attrib", "Total"];

pub struct DslistDialog {
    mask: String,
    volser: Option<String>,
    rows: Vec<DsRow>,
    view: usize,
    /// The view was chosen for the screen width (not by LEFT/RIGHT yet).
    auto_view: bool,
}

impl DslistDialog {
    pub fn new(mask: &str, volser: Option<&str>) -> DslistDialog {
        DslistDialog {
            mask: mask.to_string(),
            volser: volser.map(str::to_string),
            rows: Vec::new(),
            view: 0,
            auto_view: true,
        }
    }

    fn views(&self, width: u16) -> usize {
        if width >= 132 { VIEWS.len() } else { VIEWS.len() - 1 }
    }

    fn row(&self, row: usize) -> Option<&DsRow> {
        self.rows.get(row)
    }
}

fn table_rows(rows: &[DsRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let i = &r.info;
            let pct = (i.used_tracks * 100).checked_div(i.tracks).unwrap_or(0);
            vec![
                i.dsn.clone(),
                i.volser.clone(),
                i.dsorg.clone(),
                i.recfm.clone(),
                i.lrecl.to_string(),
                i.blksize.to_string(),
                i.tracks.to_string(),
                pct.to_string(),
                i.extents.to_string(),
                i.used_tracks.to_string(),
                i.created.clone().unwrap_or_default(),
                r.catalog.clone(),
            ]
        })
        .collect()
}

impl Dialog for DslistDialog {
    fn panel(&self) -> String {
        VIEWS[self.view].into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if self.auto_view {
            self.view = if cx.screen.0 >= 132 { VIEWS.len() - 1 } else { 0 };
        }
        if s.table.is_none() {
            let mut t = Table::new(vec![
                Column::text("DSNAME"),
                Column::text("VOLSER"),
                Column::text("DSORG"),
                Column::text("RECFM"),
                Column::num("LRECL"),
                Column::num("BLKSZ"),
                Column::num("TRACKS"),
                Column::num("PCTUSED"),
                Column::num("EXTENTS"),
                Column::num("USEDTRK"),
                Column::text("CREATED"),
                Column::text("CATALOG"),
            ]);
            // Listed by name, as ISPF lists data sets and members.
            t.sort_by("DSNAME", false);
            s.table = Some(t);
        }
        s.vars.set("DSNLEVEL", self.mask.clone());
        s.vars.set(
            "DSLON",
            match &self.volser {
                Some(v) => format!("on volume {v}"),
                None => String::new(),
            },
        );
        s.vars.set("DSLVIEW", VIEW_NAMES[self.view]);
        cx.load(Request::Datasets {
            mask: self.mask.clone(),
            volser: self.volser.clone(),
        });
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::Datasets(rows) => {
                if let Some(t) = &mut s.table {
                    t.set_rows(table_rows(&rows));
                }
                if rows.is_empty() {
                    s.set_msg(Message::of("ICL641I", &[("MASK", &self.mask)]));
                }
                self.rows = rows;
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn scroll(&mut self, s: &mut Screen, dir: Dir, _amount: Amount, view: &View, _cursor: Option<usize>) -> Option<()> {
        // LEFT/RIGHT switch views, as in ISPF's data set list.
        let n = self.views(view.w);
        match dir {
            Dir::Right => self.view = (self.view + 1) % n,
            Dir::Left => self.view = (self.view + n - 1) % n,
            Dir::Up | Dir::Down => return None,
        }
        self.auto_view = false;
        s.vars.set("DSLVIEW", VIEW_NAMES[self.view]);
        Some(())
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = self.row(row).cloned() else {
            return Flow::Stay;
        };
        let i = &r.info;
        let browsable = |s: &mut Screen| {
            if i.dsorg == "PS" || i.dsorg == "PO" {
                true
            } else {
                s.set_msg(Message::of("ICL642E", &[("DSN", &i.dsn), ("DSORG", &i.dsorg)]));
                false
            }
        };
        match cmd {
            "S" | "B" | "E" | "V" => {
                if !browsable(s) {
                    return Flow::Stay;
                }
                if i.dsorg == "PO" {
                    Flow::Push(Box::new(MemberListDialog::new(&i.dsn, Some(&i.volser))))
                } else {
                    Flow::Push(Box::new(BrowseDialog::new(&i.dsn, Some(&i.volser), None)))
                }
            }
            "I" => Flow::Push(Box::new(DsInfoDialog::new(r.clone()))),
            "/" => {
                let mut acts = vec![];
                if i.dsorg == "PO" {
                    acts.push(("S", "Member list"));
                    acts.push(("B", "Browse members"));
                } else if i.dsorg == "PS" {
                    acts.push(("B", "Browse"));
                }
                acts.push(("I", "Data set information"));
                Flow::Popup(Box::new(ActionsDialog::new(row, &i.dsn, &acts)))
            }
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn levels_become_masks() {
        assert_eq!(super::level_to_mask("imsp"), "IMSP.**");
        assert_eq!(super::level_to_mask("'IMSP.PROCLIB'"), "IMSP.PROCLIB.**");
        assert_eq!(super::level_to_mask("IMS%.*"), "IMS%.*");
    }
}
