//! One IMS system as discovery finds it (read on the loader thread): its
//! members with their procedures, the RECONs with their status, the
//! libraries, the logs and the volumes, one row each, plus discovery's
//! notes. DB and RECON go on to the system's databases and RECON listing.

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::databases::DatabasesDialog;
use super::dslist::DslistDialog;
use super::members::MemberListDialog;
use super::recon::ReconDialog;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::ims::discovery::ImsSystem;
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::table::{Column, Table};

const CODES: [&str; 3] = ["S", "B", "/"];

/// Columns: what the row is, its name, the member it belongs to, what the
/// user reads, and the data set line commands work on (not shown).
const COLS: [&str; 5] = ["KIND", "NAME", "OWNER", "DETAIL", "DSN"];

pub struct SystemDetail {
    name: String,
    sys: Option<ImsSystem>,
}

impl SystemDetail {
    pub fn new(name: &str) -> SystemDetail {
        SystemDetail {
            name: name.to_ascii_uppercase(),
            sys: None,
        }
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

/// The rows of a discovered system, in the order a system programmer
/// reads them: members, RECONs, libraries, logs, volumes, notes.
pub fn rows(s: &ImsSystem) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut push = |k: &str, n: &str, o: &str, d: String, dsn: &str| {
        out.push(vec![k.into(), n.into(), o.into(), d, dsn.into()]);
    };
    for m in &s.members {
        // The DFSPB member is what B browses; the procedures fit 80 columns.
        let d = format!(
            "CTL={} DBRC={} DLI={} IRLM={}",
            opt(&m.ctl_proc),
            opt(&m.dbrc_proc),
            opt(&m.dli_proc),
            opt(&m.irlm),
        );
        push("MEMBER", &m.imsid, &m.imsid, d, &s.proclib);
    }
    for r in &s.recons {
        push("RECON", &r.ddn, "", format!("{:<8} {}", r.status, r.dsn), &r.dsn);
    }
    push("LIBRARY", "PROCLIB", "", s.proclib.clone(), &s.proclib);
    if let Some(m) = &s.mdalib {
        push("LIBRARY", "IMSDALIB", "", m.clone(), m);
    }
    // Libraries of the control regions, once each (members share most).
    let mut seen = std::collections::BTreeSet::new();
    seen.insert(("PROCLIB".to_string(), s.proclib.clone()));
    for m in &s.members {
        for (dd, dsn) in &m.dds {
            if dd == "IMSDALIB" || !seen.insert((dd.clone(), dsn.clone())) {
                continue;
            }
            push("LIBRARY", dd, "", dsn.clone(), dsn);
        }
    }
    for m in &s.members {
        for (dd, dsn) in m.olds.iter().chain(&m.wads) {
            let kind = if dd.starts_with("DFSWADS") { "WADS" } else { "OLDS" };
            push(kind, dd, &m.imsid, dsn.clone(), dsn);
        }
    }
    for v in &s.volumes {
        let n = s.datasets.iter().filter(|d| d.volumes.contains(v)).count();
        push("VOLUME", v, "", format!("{n} data sets of the system"), "");
    }
    for n in &s.notes {
        push("NOTE", n.id, "", n.text.clone(), "");
    }
    out
}

impl Dialog for SystemDetail {
    fn panel(&self) -> String {
        "ICLSYSD".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        s.vars.set("SYSNAME", self.name.clone());
        let members = cx.farm.config.members_of(&self.name);
        s.vars.set(
            "STYPE",
            if members.len() > 1 {
                "Data-sharing group"
            } else {
                "Stand-alone IMS"
            },
        );
        if s.table.is_none() {
            s.table = Some(Table::new(COLS.iter().map(|c| Column::text(c)).collect()));
        }
        cx.load(Request::System {
            name: self.name.clone(),
        });
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::System(sys) => {
                let v = &mut s.vars;
                v.set("SYSNAME", sys.name.clone());
                v.set("PROCLIB", sys.proclib.clone());
                v.set("MDALIB", sys.mdalib.clone().unwrap_or_else(|| "-".into()));
                v.set("RSSID", sys.recon_ssid.clone().unwrap_or_else(|| "-".into()));
                v.set("HLQS", sys.hlqs.join(" "));
                v.set("NMEMB", sys.members.len().to_string());
                v.set("NDB", sys.databases.len().to_string());
                v.set("NDS", sys.datasets.len().to_string());
                v.set("NVOL", sys.volumes.len().to_string());
                v.set("NNOTE", sys.notes.len().to_string());
                if let Some(t) = &mut s.table {
                    t.set_rows(rows(&sys));
                }
                self.sys = Some(*sys);
            }
            Loaded::Failed(e) => s.set_msg(Message::from_error(&e)),
            _ => {}
        }
        Flow::Stay
    }

    fn command(&mut self, _s: &mut Screen, _cx: &mut Cx, verb: &str, _rest: &str) -> Option<Flow> {
        match verb {
            "DB" | "DATABASES" => Some(Flow::Push(Box::new(DatabasesDialog::new(Some(&self.name))))),
            "RECON" => Some(Flow::Push(Box::new(ReconDialog::new(Some(&self.name))))),
            _ => None,
        }
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(r) = s.table.as_ref().and_then(|t| t.row(row)).map(<[String]>::to_vec) else {
            return Flow::Stay;
        };
        let (kind, name, dsn) = (r[0].as_str(), r[1].as_str(), r[4].as_str());
        let member = self
            .sys
            .as_ref()
            .and_then(|x| x.members.iter().find(|m| m.imsid == name));
        match (cmd, kind) {
            ("S", "MEMBER") => match member.and_then(|m| m.ctl_proc.clone()) {
                Some(p) => Flow::Push(Box::new(BrowseDialog::new(dsn, None, Some(&p)))),
                None => Flow::Stay,
            },
            ("B", "MEMBER") => match member {
                Some(m) => Flow::Push(Box::new(BrowseDialog::new(dsn, None, Some(&m.dfspb)))),
                None => Flow::Stay,
            },
            ("S" | "B", "RECON") => Flow::Push(Box::new(ReconDialog::new(Some(&self.name)))),
            ("S" | "B", "LIBRARY") => Flow::Push(Box::new(MemberListDialog::new(dsn, None))),
            ("S" | "B", "OLDS" | "WADS") => Flow::Push(Box::new(DslistDialog::new(dsn, None))),
            ("S" | "B", "VOLUME") => Flow::Push(Box::new(DslistDialog::new("**", Some(name)))),
            ("S" | "B", _) => {
                let t = format!("a {kind} row has nothing more to show");
                s.set_msg(Message::of("ICL665I", &[("TEXT", &t)]));
                Flow::Stay
            }
            ("/", _) => {
                let acts: &[(&str, &str)] = match kind {
                    "MEMBER" => &[
                        ("S", "Browse the control region procedure"),
                        ("B", "Browse the DFSPB member"),
                    ],
                    "RECON" => &[("S", "The RECON listing (LIST.RECON)")],
                    "LIBRARY" => &[("S", "The library's members")],
                    "OLDS" | "WADS" => &[("S", "The log data set in a data set list")],
                    "VOLUME" => &[("S", "The data sets on the volume")],
                    _ => &[],
                };
                Flow::Popup(Box::new(ActionsDialog::new(row, &format!("{kind} {name}"), acts)))
            }
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}
