//! The clone profile (ICLCLN): a system-clone or skeleton-clone job file
//! as panel fields. Source and target systems, the clone type (SYSTEM
//! copies whole volumes; SKELETON copies the system's data sets onto a
//! target storage group and allocates the databases empty), the source
//! volumes (VOLSERs, VOLSER masks, storage groups; a skeleton does not use
//! them), the targets (a storage group or explicit pairs, new VOLSER
//! masks), the catalog, the rename masks and IMS names (edited as lines in
//! ICLEDT), the options. Enter checks the fields and plans the clone on
//! the loader thread ("Planning..."), then shows the review; SAVE (and
//! END) writes the job file to the config directory.

use super::editor::EditorDialog;
use super::{Cx, Dialog, Flow, Reply, profile_io};
use crate::engine::movers::FastReplication;
use crate::engine::request::{
    CatalogOptions, CloneOptions, JobFile, JobHeader, NotRenamed, RenameError, RenamePair, SystemClone,
    TargetSelection, VolumePair, VolumeSelection,
};
use crate::tui::loader::Loaded;
use crate::tui::profile::{self, ListKind, ProfileDoc, SKELETON_CLONE, SYSTEM_CLONE};
use crate::tui::screen::Screen;
use crate::{IclError, icl};

/// What the profile holds besides its fields.
pub struct CloneProfileDialog {
    start: Option<JobFile>,
    renames: Vec<RenamePair>,
    names: std::collections::BTreeMap<String, String>,
    pairs: Vec<VolumePair>,
    /// END is waiting for the save to finish.
    closing: bool,
}

fn yn(b: bool) -> &'static str {
    if b { "Y" } else { "N" }
}

fn fast_word(f: FastReplication) -> &'static str {
    match f {
        FastReplication::Required => "REQUIRED",
        FastReplication::Preferred => "PREFERRED",
        FastReplication::None => "NONE",
    }
}

impl CloneProfileDialog {
    /// Edit a job file (None: an empty profile).
    pub fn new(job: Option<JobFile>) -> CloneProfileDialog {
        CloneProfileDialog {
            start: job,
            renames: Vec::new(),
            names: Default::default(),
            pairs: Vec::new(),
            closing: false,
        }
    }

    /// A new profile named `name`, its source the first registered system.
    pub fn blank(name: &str, cx: &Cx) -> CloneProfileDialog {
        let source = cx.farm.config.systems().into_iter().next().unwrap_or_default();
        let job = JobFile {
            job: JobHeader {
                kind: SYSTEM_CLONE.into(),
                name: name.to_string(),
                description: String::new(),
            },
            clone: Some(SystemClone {
                source,
                target: String::new(),
                volumes: VolumeSelection::default(),
                targets: TargetSelection::default(),
                rename: Vec::new(),
                names: Default::default(),
                catalog: CatalogOptions::default(),
                options: CloneOptions::default(),
            }),
            refresh: None,
            skeleton: None,
        };
        CloneProfileDialog::new(Some(job))
    }

    /// Put a job file into the fields.
    fn fill(&mut self, s: &mut Screen, j: &JobFile) {
        let v = &mut s.vars;
        v.set("PNAME", j.job.name.clone());
        v.set("PDESC", j.job.description.clone());
        let (c, kind) = match (&j.clone, &j.skeleton) {
            (Some(c), _) => (c, "SYSTEM"),
            (None, Some(c)) => (c, "SKELETON"),
            (None, None) => return,
        };
        v.set("PTYPE", kind);
        v.set("PSRC", c.source.clone());
        v.set("PTGT", c.target.clone());
        v.set("PVOLS", c.volumes.volsers.join(" "));
        v.set("PVMASK", c.volumes.masks.join(" "));
        v.set("PSGS", c.volumes.storage_groups.join(" "));
        v.set("PTSG", c.targets.storage_group.clone().unwrap_or_default());
        v.set("PTVMASK", profile::volser_masks_field(&c.targets.volser_masks));
        v.set("PUCAT", c.catalog.user_catalog.clone().unwrap_or_default());
        v.set("PALIAS", c.catalog.aliases.join(" "));
        let o = &c.options;
        v.set("OFAST", fast_word(o.fastreplication));
        v.set("OREPL", yn(o.replace));
        v.set(
            "ORENERR",
            match o.rename_error {
                RenameError::Abort => "ABORT",
                RenameError::Continue => "CONTINUE",
            },
        );
        v.set(
            "ONOTREN",
            match o.notrenamed {
                NotRenamed::Keep => "KEEP",
                NotRenamed::Delete => "DELETE",
            },
        );
        v.set("OIC", yn(o.update_ic));
        v.set("OCA", yn(o.update_ca));
        v.set("OSLDS", yn(o.update_slds));
        v.set("ORLDS", yn(o.update_rlds));
        self.renames = c.rename.clone();
        self.names = c.names.clone();
        self.pairs = c.targets.pairs.clone();
        self.counts(s);
    }

    fn counts(&self, s: &mut Screen) {
        s.vars.set("NREN", self.renames.len().to_string());
        s.vars.set("NNAMES", self.names.len().to_string());
        s.vars.set("NPAIRS", self.pairs.len().to_string());
    }

    /// The job file the fields describe; the error names the field.
    fn job(&self, s: &Screen) -> Result<JobFile, (String, IclError)> {
        let v = |n: &str| s.vars.val(n).trim().to_string();
        let list = |n: &str| profile::list_field(s.vars.val(n));
        fn at(f: &'static str) -> impl Fn(IclError) -> (String, IclError) {
            move |e| (f.to_string(), e)
        }
        let volsers = list("PVOLS");
        profile::check_volsers(&volsers, false).map_err(at("PVOLS"))?;
        let masks = list("PVMASK");
        profile::check_volsers(&masks, true).map_err(at("PVMASK"))?;
        let sgs = list("PSGS");
        let tsg = v("PTSG").to_ascii_uppercase();
        for (f, names) in [("PSGS", sgs.clone()), ("PTSG", vec![tsg.clone()])] {
            if let Some(bad) = names
                .iter()
                .find(|n| !n.is_empty() && !crate::dasd::names::valid_member(n))
            {
                return Err((
                    f.into(),
                    icl!(
                        "ICL685E",
                        "{bad} is not a storage group name (1-8 characters A-Z 0-9 $ # @)"
                    ),
                ));
            }
        }
        let vmasks = profile::volser_masks_of(s.vars.val("PTVMASK")).map_err(at("PTVMASK"))?;
        let ucat = v("PUCAT").to_ascii_uppercase();
        if !ucat.is_empty() {
            crate::dasd::names::check_dsn(&ucat).map_err(at("PUCAT"))?;
        }
        let aliases = list("PALIAS");
        if let Some(bad) = aliases.iter().find(|a| !crate::dasd::names::valid_qualifier(a)) {
            return Err((
                "PALIAS".into(),
                icl!("ICL685E", "alias {bad} is not a valid high-level qualifier"),
            ));
        }
        let fast = match v("OFAST").as_str() {
            "REQUIRED" => FastReplication::Required,
            "NONE" => FastReplication::None,
            _ => FastReplication::Preferred,
        };
        let y = |n: &str| v(n) != "N";
        let skeleton = v("PTYPE").eq_ignore_ascii_case("SKELETON");
        if skeleton && tsg.is_empty() {
            return Err((
                "PTSG".into(),
                icl!(
                    "ICL697E",
                    "a skeleton needs a target storage group for the system's data sets"
                ),
            ));
        }
        let volumes = if skeleton {
            // A skeleton takes the system's own data sets wherever they are.
            VolumeSelection::default()
        } else {
            VolumeSelection {
                volsers,
                masks,
                storage_groups: sgs,
            }
        };
        let body = SystemClone {
            source: v("PSRC").to_ascii_uppercase(),
            target: v("PTGT").to_ascii_uppercase(),
            volumes,
            // A skeleton keeps its target volumes' VOLSERs and places the
            // data sets itself: no pairs, no VOLSER masks (ICL492W).
            targets: TargetSelection {
                pairs: if skeleton { Vec::new() } else { self.pairs.clone() },
                storage_group: (!tsg.is_empty()).then_some(tsg),
                volser_masks: if skeleton { Vec::new() } else { vmasks },
            },
            rename: self.renames.clone(),
            names: self.names.clone(),
            catalog: CatalogOptions {
                user_catalog: (!ucat.is_empty()).then_some(ucat),
                aliases,
            },
            options: CloneOptions {
                fastreplication: fast,
                replace: v("OREPL") == "Y",
                rename_error: if v("ORENERR") == "CONTINUE" {
                    RenameError::Continue
                } else {
                    RenameError::Abort
                },
                notrenamed: if v("ONOTREN") == "DELETE" {
                    NotRenamed::Delete
                } else {
                    NotRenamed::Keep
                },
                update_ic: y("OIC"),
                update_ca: y("OCA"),
                update_slds: y("OSLDS"),
                update_rlds: y("ORLDS"),
            },
        };
        let (kind, clone, skel) = if skeleton {
            (SKELETON_CLONE, None, Some(body))
        } else {
            (SYSTEM_CLONE, Some(body), None)
        };
        Ok(JobFile {
            job: JobHeader {
                kind: kind.into(),
                name: v("PNAME").to_ascii_uppercase(),
                description: s.vars.val("PDESC").trim().to_string(),
            },
            clone,
            refresh: None,
            skeleton: skel,
        })
    }

    /// The job, or the message on the field in error.
    fn checked(&self, s: &mut Screen) -> Option<JobFile> {
        let built = self.job(s);
        profile_io::checked(s, built)
    }

    fn editor(&self, kind: ListKind) -> Flow {
        let (title, hint, lines) = match kind {
            ListKind::Renames => (
                "Rename Masks",
                "FROM-MASK TO-MASK per line, in order: the first that matches a name decides",
                profile::rename_lines(&self.renames),
            ),
            ListKind::Names => (
                "IMS Names",
                "SOURCE TARGET per line: IMSIDs, SSID, IRLM names and group, IMSplex",
                profile::name_lines(&self.names),
            ),
            _ => (
                "Volume Pairs",
                "SOURCE-VOLSER TARGET-DEVICE [NEW-VOLSER] per line (else the storage group)",
                profile::pair_lines(&self.pairs),
            ),
        };
        Flow::Push(Box::new(EditorDialog::new(kind, title, hint, lines)))
    }

    fn save(&self, s: &mut Screen, cx: &mut Cx, job: JobFile) -> bool {
        profile_io::save(s, cx, ProfileDoc::Clone(Box::new(job)))
    }
}

impl Dialog for CloneProfileDialog {
    fn panel(&self) -> String {
        "ICLCLN".into()
    }

    fn open(&mut self, s: &mut Screen, _cx: &mut Cx) -> Flow {
        if let Some(j) = self.start.take() {
            self.fill(s, &j);
        }
        self.counts(s);
        if s.vars.val("PTYPE").is_empty() {
            s.vars.set("PTYPE", "SYSTEM");
        }
        if s.vars.val("OSIM").is_empty() {
            s.vars.set("OSIM", "N");
        }
        Flow::Stay
    }

    /// Enter, or SIM/RUN/SAVE typed: they come here so the panel's checks
    /// ()PROC) have run on the fields first.
    fn enter(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let verb = crate::tui::command::verb(s.vars.val("ZCMD")).0;
        match verb.as_str() {
            "" | "SIM" | "SIMULATE" | "RUN" => {}
            "SAVE" => {
                if let Some(j) = self.checked(s) {
                    self.save(s, cx, j);
                }
                return Flow::Stay;
            }
            _ => return super::unknown_command(s),
        }
        // A list marked for editing opens its editor.
        for (var, kind) in [
            ("ERN", ListKind::Renames),
            ("ENM", ListKind::Names),
            ("EPR", ListKind::Pairs),
        ] {
            if !s.vars.val(var).trim().is_empty() {
                s.vars.set(var, "");
                return self.editor(kind);
            }
        }
        match self.checked(s) {
            Some(job) => profile_io::plan(s, cx, job),
            None => Flow::Stay,
        }
    }

    fn command(&mut self, s: &mut Screen, cx: &mut Cx, verb: &str, rest: &str) -> Option<Flow> {
        Some(match verb {
            "RENAMES" | "RENAME" => self.editor(ListKind::Renames),
            "NAMES" => self.editor(ListKind::Names),
            "PAIRS" => self.editor(ListKind::Pairs),
            "LOAD" => profile_io::load_command(s, cx, rest),
            _ => return None,
        })
    }

    fn loaded(&mut self, s: &mut Screen, _cx: &mut Cx, data: Loaded) -> Flow {
        match profile_io::loaded(s, &mut self.closing, data, "PNAME") {
            profile_io::Reply::Flow(f) => f,
            profile_io::Reply::Read(ProfileDoc::Clone(j), path) => {
                self.fill(s, &j);
                profile_io::filled(s, &path)
            }
            profile_io::Reply::Read(other, _) => profile_io::wrong_type(s, &other),
        }
    }

    fn resume(&mut self, s: &mut Screen, _cx: &mut Cx, reply: Option<Reply>) -> Flow {
        if let Some(Reply::Lines { tag, lines }) = reply {
            match tag.as_str() {
                "RENAMES" => self.renames = profile::renames_of(&lines),
                "NAMES" => self.names = profile::names_of(&lines),
                "PAIRS" => self.pairs = profile::pairs_of(&lines),
                _ => {}
            }
            self.counts(s);
        }
        Flow::Stay
    }

    /// END saves the profile (when there is a config directory) and leaves
    /// once the file is written.
    fn end(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        let mut closing = self.closing;
        let flow = profile_io::end(s, cx, &mut closing, |s| {
            self.checked(s).map(|j| ProfileDoc::Clone(Box::new(j)))
        });
        self.closing = closing;
        flow
    }
}
