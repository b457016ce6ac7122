//! Option 4: the databases of an IMS system, from its RECON and DBD
//! source (discovery on the loader thread): DBD, DBRC type, organisation
//! and access, HALDB partitions with their IDs, data sets, DBRC flags.
//! S shows a database's data sets.

use std::collections::BTreeMap;

use super::actions::ActionsDialog;
use super::browse::BrowseDialog;
use super::dslist::DslistDialog;
use super::{Cx, Dialog, Flow, bad_line_command};
use crate::ims::discovery::{Database, ImsSystem};
use crate::tui::loader::{Loaded, Request};
use crate::tui::messages::Message;
use crate::tui::screen::{CursorReq, Screen};
use crate::tui::table::{Column, Table};

const CODES: [&str; 3] = ["S", "B", "/"];

/// The system a list starts on: the one asked for, else the variable's
/// value (VGET from the profile in the panel's )INIT), else the first
/// registered system.
pub fn start_system(s: &mut Screen, cx: &Cx, given: Option<&str>, var: &str) -> String {
    let name = given
        .map(str::to_string)
        .filter(|n| !n.is_empty())
        .or_else(|| Some(s.vars.val(var).trim().to_string()).filter(|n| !n.is_empty()))
        .or_else(|| cx.farm.config.systems().into_iter().next())
        .unwrap_or_default()
        .to_ascii_uppercase();
    s.vars.set(var, name.clone());
    name
}

/// Partitions with their IDs: `ACCTP1(1) ACCTP2(2)`.
pub fn partitions(db: &Database) -> String {
    db.partitions
        .iter()
        .map(|p| format!("{}({})", p.name, p.id))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Table rows of the databases: DBD, type, org, access, partitions, data sets, flags.
pub fn db_rows(sys: &ImsSystem) -> Vec<Vec<String>> {
    sys.databases
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                d.dbrc_type.clone(),
                d.org.clone(),
                d.access.clone(),
                d.partitions.len().to_string(),
                partitions(d),
                d.datasets.len().to_string(),
                if d.flags.is_empty() {
                    "-".into()
                } else {
                    d.flags.join(",")
                },
            ]
        })
        .collect()
}

pub fn db_columns() -> Vec<Column> {
    vec![
        Column::text("DBD"),
        Column::text("DBTYP"),
        Column::text("DBORG"),
        Column::text("ACC"),
        Column::num("NPART"),
        Column::text("PARTS"),
        Column::num("NDSN"),
        Column::text("FLAGS"),
    ]
}

pub struct DatabasesDialog {
    given: Option<String>,
    /// The system loaded (or being loaded).
    system: String,
    sys: Option<ImsSystem>,
}

impl DatabasesDialog {
    pub fn new(system: Option<&str>) -> DatabasesDialog {
        DatabasesDialog {
            given: system.map(str::to_string),
            system: String::new(),
            sys: None,
        }
    }

    fn load(&mut self, s: &mut Screen, cx: &mut Cx) {
        self.sys = None;
        if let Some(t) = &mut s.table {
            t.set_rows(Vec::new());
        }
        cx.load(Request::System {
            name: self.system.clone(),
        });
    }

    fn db(&self, s: &Screen, row: usize) -> Option<Database> {
        let name = s.table.as_ref()?.value(row, "DBD")?.to_string();
        self.sys.as_ref()?.database(&name).cloned()
    }
}

impl Dialog for DatabasesDialog {
    fn panel(&self) -> String {
        "ICLDB".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.system = start_system(s, cx, self.given.as_deref(), "DBSYS");
        if s.table.is_none() {
            s.table = Some(Table::new(db_columns()));
        }
        self.load(s, cx);
        Flow::Stay
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match data {
            Loaded::System(sys) => {
                if let Some(t) = &mut s.table {
                    t.set_rows(db_rows(&sys));
                }
                s.vars.set("NDB", sys.databases.len().to_string());
                self.sys = Some(*sys);
            }
            Loaded::Failed(e) => {
                s.set_msg(Message::from_error(&e));
                s.cursor_req = Some(CursorReq::Var("DBSYS".into()));
            }
            _ => {}
        }
        Flow::Stay
    }

    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        if !s.vars.val("ZCMD").trim().is_empty() {
            return super::unknown_command(s);
        }
        let want = s.vars.val("DBSYS").trim().to_ascii_uppercase();
        if !want.is_empty() && want != self.system {
            self.system = want;
            self.load(s, cx);
        }
        Flow::Stay
    }

    fn refresh(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.load(s, cx);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(db) = self.db(s, row) else {
            return Flow::Stay;
        };
        match cmd {
            "S" => {
                let vols: BTreeMap<String, String> = self
                    .sys
                    .as_ref()
                    .map(|x| {
                        x.datasets
                            .iter()
                            .map(|d| (d.dsn.clone(), d.volumes.join(",")))
                            .collect()
                    })
                    .unwrap_or_default();
                Flow::Push(Box::new(DbDatasetsDialog::new(&self.system, db, vols)))
            }
            "B" => match db.dbd_source.as_deref().and_then(split_member) {
                Some((dsn, m)) => Flow::Push(Box::new(BrowseDialog::new(&dsn, None, Some(&m)))),
                None => {
                    let t = format!("no DBD source was found for {}", db.name);
                    s.set_msg(Message::of("ICL665I", &[("TEXT", &t)]));
                    Flow::Stay
                }
            },
            "/" => Flow::Popup(Box::new(ActionsDialog::new(
                row,
                &format!("Database {} ({})", db.name, db.org),
                &[("S", "The database's data sets"), ("B", "Browse the DBD source")],
            ))),
            _ => bad_line_command(s, cmd, &CODES),
        }
    }
}

/// `DSN(MEMBER)` into its parts.
fn split_member(s: &str) -> Option<(String, String)> {
    let (d, m) = s.split_once('(')?;
    Some((d.to_string(), m.trim_end_matches(')').to_string()))
}

/// The data sets of one database (ICLDBD).
pub struct DbDatasetsDialog {
    system: String,
    db: Database,
    vols: BTreeMap<String, String>,
}

impl DbDatasetsDialog {
    pub fn new(system: &str, db: Database, vols: BTreeMap<String, String>) -> DbDatasetsDialog {
        DbDatasetsDialog {
            system: system.to_string(),
            db,
            vols,
        }
    }
}

impl Dialog for DbDatasetsDialog {
    fn panel(&self) -> String {
        "ICLDBD".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        let d = &self.db;
        let v = &mut s.vars;
        v.set("DBSYS", self.system.clone());
        v.set("DBD", d.name.clone());
        v.set("DBTYPE", d.dbrc_type.clone());
        v.set("DBORG", format!("{} {}", d.org, d.access).trim().to_string());
        v.set("DBSRC", d.dbd_source.clone().unwrap_or_else(|| "-".into()));
        v.set(
            "DBFLAGS",
            if d.flags.is_empty() {
                "none".into()
            } else {
                d.flags.join(", ")
            },
        );
        v.set(
            "DBIX",
            if d.indexes.is_empty() {
                "-".into()
            } else {
                d.indexes.join(" ")
            },
        );
        let mut t = Table::new(vec![
            Column::text("DDN"),
            Column::text("PART"),
            Column::num("PARTID"),
            Column::text("AREA"),
            Column::text("DSN"),
            Column::text("VOLSER"),
        ]);
        t.set_rows(
            d.datasets
                .iter()
                .map(|x| {
                    vec![
                        x.ddn.clone(),
                        x.partition.clone().unwrap_or_default(),
                        x.partition_id.map(|i| i.to_string()).unwrap_or_default(),
                        x.area.clone().unwrap_or_default(),
                        x.dsn.clone(),
                        self.vols.get(&x.dsn).cloned().unwrap_or_default(),
                    ]
                })
                .collect(),
        );
        s.table = Some(t);
        Flow::Stay
    }

    fn line_command(&mut self, s: &mut Screen, _cx: &mut Cx, row: usize, cmd: &str) -> Flow {
        let Some(dsn) = s.table.as_ref().and_then(|t| t.value(row, "DSN")).map(str::to_string) else {
            return Flow::Stay;
        };
        match cmd {
            // The data set and its VSAM components, as the VTOC has them.
            "S" => Flow::Push(Box::new(DslistDialog::new(&format!("{dsn}.**"), None))),
            _ => bad_line_command(s, cmd, &["S"]),
        }
    }
}
