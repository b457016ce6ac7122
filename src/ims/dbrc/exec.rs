//! The DBRC command processor: runs commands against a RECON.

use super::dbdlib::DbdLib;
use super::parse::{Command, Statement, parse};
use super::reply::{Outcome, StreamReport, dsp_for};
use super::{cmd_db, cmd_list, cmd_notify, cmd_part, cmd_recon};
use crate::ims::recon::{Recon, ReconTime};
use crate::msg::{IclError, Result};
use crate::{icl, icl_bail};

/// Condition code of a failed command.
pub const CC_ERROR: u8 = 12;

/// DSPURX00 in a box: a RECON (None = empty data sets, before INIT.RECON),
/// a clock and an optional DBDLIB.
pub struct Dbrc<'a> {
    pub recon: Option<Recon>,
    /// Time of the next command; advances by 0.1 s per command so every
    /// record gets its own time stamp and runs are reproducible.
    pub clock: ReconTime,
    pub dbdlib: Option<&'a dyn DbdLib>,
}

/// What a command handler returns: output lines.
pub(crate) type Lines = Vec<String>;

impl<'a> Dbrc<'a> {
    pub fn new(recon: Option<Recon>, clock: ReconTime) -> Self {
        Dbrc {
            recon,
            clock,
            dbdlib: None,
        }
    }

    pub fn with_dbdlib(mut self, lib: &'a dyn DbdLib) -> Self {
        self.dbdlib = Some(lib);
        self
    }

    /// The RECON, or ICL387E when it has not been initialised.
    pub(crate) fn recon_mut(&mut self) -> Result<&mut Recon> {
        match self.recon.as_mut() {
            Some(r) => Ok(r),
            None => icl_bail!("ICL387E", "the RECON is empty: run INIT.RECON first"),
        }
    }

    pub(crate) fn recon_ref(&self) -> Result<&Recon> {
        match self.recon.as_ref() {
            Some(r) => Ok(r),
            None => icl_bail!("ICL387E", "the RECON is empty: run INIT.RECON first"),
        }
    }

    /// Run a SYSIN command stream.
    pub fn run(&mut self, text: &str) -> StreamReport {
        self.run_statements(parse(text))
    }

    /// Run parsed statements (use `parse_lines` to keep JCL record numbers).
    pub fn run_statements(&mut self, stmts: Vec<Statement>) -> StreamReport {
        let mut rep = StreamReport::default();
        for st in stmts {
            let out = match &st {
                Ok(cmd) => {
                    rep.sysprint.push(String::new());
                    rep.sysprint.push(format!(" {}", cmd.text));
                    self.exec(cmd)
                }
                Err(e) => Outcome {
                    command: "?".into(),
                    line: 0,
                    cc: CC_ERROR,
                    error: Some(e.clone()),
                    output: vec![dsp_for(e).to_string(), e.to_string()],
                },
            };
            rep.sysprint.extend(out.output.iter().cloned());
            rep.sysprint
                .push(format!("DSP0203I COMMAND COMPLETED WITH CONDITION CODE {:02}", out.cc));
            rep.sysprint
                .push(format!("DSP0220I COMMAND COMPLETION TIME {}", self.clock));
            self.clock = self.clock.plus_tenths(1);
            rep.highest_cc = rep.highest_cc.max(out.cc);
            let fatal = out.error.as_ref().is_some_and(|e| e.id == "ICL387E");
            rep.outcomes.push(out);
            if fatal {
                // Nothing can work without a RECON: DBRC gives up here.
                rep.sysprint.push(format!(
                    "DSP0209I PROCESSING TERMINATED WITH CONDITION CODE = {CC_ERROR:02}"
                ));
                rep.terminated = true;
                break;
            }
        }
        rep.sysprint.push("DSP0211I COMMAND PROCESSING COMPLETE".into());
        rep.sysprint
            .push(format!("DSP0211I HIGHEST CONDITION CODE = {:02}", rep.highest_cc));
        rep
    }

    /// Execute one command. A failed command leaves the RECON unchanged.
    pub fn exec(&mut self, cmd: &Command) -> Outcome {
        let before = self.recon.clone();
        let res = self.dispatch(cmd);
        let (cc, error, output) = match res {
            Ok(lines) => (0, None, lines),
            Err(e) => {
                // Commands validate before they change anything, but restore
                // anyway so a half-done command can never leave a trace.
                self.recon = before;
                (CC_ERROR, Some(e.clone()), vec![dsp_for(&e).to_string(), e.to_string()])
            }
        };
        Outcome {
            command: cmd.name(),
            line: cmd.line,
            cc,
            error,
            output,
        }
    }

    fn dispatch(&mut self, cmd: &Command) -> Result<Lines> {
        let now = self.clock;
        match cmd.name().as_str() {
            "INIT.RECON" => cmd_recon::init_recon(self, cmd, now),
            "CHANGE.RECON" => cmd_recon::change_recon(self, cmd),
            "INIT.DB" => cmd_db::init_db(self, cmd),
            "INIT.DBDS" => cmd_db::init_dbds(self, cmd),
            "INIT.ADS" => cmd_db::init_ads(self, cmd),
            "CHANGE.DB" => cmd_db::change_db(self, cmd),
            "CHANGE.DBDS" => cmd_db::change_dbds(self, cmd),
            "CHANGE.ADS" => cmd_db::change_ads(self, cmd),
            "DELETE.DB" => cmd_db::delete_db(self, cmd),
            "DELETE.DBDS" => cmd_db::delete_dbds(self, cmd),
            "DELETE.ADS" => cmd_db::delete_ads(self, cmd),
            "INIT.PART" => cmd_part::init_part(self, cmd),
            "CHANGE.PART" => cmd_part::change_part(self, cmd),
            "DELETE.PART" => cmd_part::delete_part(self, cmd),
            "INIT.CAGRP" => cmd_notify::init_cagrp(self, cmd),
            "NOTIFY.CA" => cmd_notify::notify_ca(self, cmd),
            "NOTIFY.IC" => cmd_notify::notify_ic(self, cmd),
            "NOTIFY.REORG" => cmd_notify::notify_reorg(self, cmd, now),
            "NOTIFY.RECOV" => cmd_notify::notify_recov(self, cmd, now),
            "NOTIFY.PRILOG" => cmd_notify::notify_log(self, cmd, crate::ims::recon::LogCopy::Primary),
            "NOTIFY.SECLOG" => cmd_notify::notify_log(self, cmd, crate::ims::recon::LogCopy::Secondary),
            "NOTIFY.SUBSYS" => cmd_notify::notify_subsys(self, cmd),
            "DELETE.SUBSYS" => cmd_notify::delete_subsys(self, cmd),
            "NOTIFY.BKOUT" => cmd_notify::notify_bkout(self, cmd),
            "DELETE.BKOUT" => cmd_notify::delete_bkout(self, cmd),
            "LIST.RECON" => cmd_list::list_recon(self, cmd),
            "LIST.DB" => cmd_list::list_db(self, cmd),
            "LIST.DBDS" => cmd_list::list_dbds(self, cmd),
            "LIST.LOG" => cmd_list::list_log(self, cmd),
            "LIST.SUBSYS" => cmd_list::list_subsys(self, cmd),
            other => Err(icl!("ICL376E", "{other} is not a DBRC command this processor knows")),
        }
    }
}

/// Run a command stream against `recon` with the clock at `now`;
/// convenience for callers that do not keep a `Dbrc`.
pub fn run_stream(recon: Option<Recon>, now: ReconTime, text: &str) -> (Option<Recon>, StreamReport) {
    let mut d = Dbrc::new(recon, now);
    let rep = d.run(text);
    (d.recon, rep)
}

/// The first error of a report, for callers that want `Result`.
pub fn first_error(rep: &StreamReport) -> Option<&IclError> {
    rep.outcomes.iter().find_map(|o| o.error.as_ref())
}
