//! DATA-MOVER(NONE): the job streams for an external copy (PRECOPY /
//! POSTCOPY in the IBM tool): a data set list with the control parameters,
//! z/OS JCL for DFSMSdss (ADRDSSU COPY DATASET ... RENAMEUNCONDITIONAL ...
//! FASTREPLICATION ...), the DBRC command stream (DSPURX00) and the IMS
//! commands to issue, in order.

use std::fmt::Write as _;

use super::{RefreshPreview, dbrc::sysin};
use crate::engine::movers::FastReplication;

fn fastrep(f: FastReplication) -> &'static str {
    match f {
        FastReplication::Required => "REQUIRED",
        FastReplication::Preferred => "PREFERRED",
        FastReplication::None => "NONE",
    }
}

/// Continue a long ADRDSSU statement at column 71 with `-`.
fn dss_lines(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::from("  ");
    for w in words {
        if line.len() + w.len() + 3 > 70 {
            line.push_str(" -");
            out.push(std::mem::take(&mut line));
            line = String::from("       ");
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    out.push(line);
    out
}

/// The data set list: one line per data set with its control parameters.
pub fn dataset_list(p: &RefreshPreview, job: &str) -> String {
    let mut s = format!("* IMSCLONE REFRESH {job}: {} -> {}\n", p.source, p.target);
    s.push_str("* DATABASE RECORD   DDNAME   SOURCE-DSN                                   SOURCE-VOL TARGET-DSN                                   TARGET-VOL TYPE  ALLOC PART\n");
    for c in &p.copies {
        let _ = writeln!(
            s,
            "{:<8} {:<8} {:<8} {:<44} {:<6}     {:<44} {:<6}     {:<5} {:<5} {}",
            c.database,
            c.record,
            c.ddn,
            c.source,
            c.source_volser,
            c.target,
            c.target_volser,
            if c.vsam { "VSAM" } else { "OSAM" },
            if c.create { "NEW" } else { "OLD" },
            c.partition.as_deref().unwrap_or("-")
        );
    }
    s
}

fn job_card(name: &str, what: &str) -> String {
    format!("//{name:<8} JOB (ACCT),'{what}',CLASS=A,MSGCLASS=X,\n//             MSGLEVEL=(1,1)\n")
}

/// ADRDSSU COPY of every data set with its target name.
pub fn adrdssu(p: &RefreshPreview, fr: FastReplication, resl: &str) -> String {
    let mut s = job_card("ICLCOPY", "IMSCLONE REFRESH COPY");
    let _ = writeln!(
        s,
        "//*  COPY THE {} DATA SETS OF {} TO {}",
        p.copies.len(),
        p.source,
        p.target
    );
    let _ = writeln!(s, "//*  RUN AFTER THE PRECOPY IMS COMMANDS (ICLIMS1), BEFORE ICLDBRC");
    s.push_str("//DSSCOPY  EXEC PGM=ADRDSSU,REGION=0M\n");
    let _ = writeln!(s, "//STEPLIB  DD DSN={resl},DISP=SHR");
    s.push_str("//SYSPRINT DD SYSOUT=*\n//SYSIN    DD *\n");
    for c in &p.copies {
        let words: Vec<String> = vec![
            "COPY".into(),
            format!("DATASET(INCLUDE({}))", c.source),
            format!("RENAMEUNCONDITIONAL(({},{}))", c.source, c.target),
            if c.create {
                format!("OUTDYNAM(({}))", c.target_volser)
            } else {
                "REPLACEUNCONDITIONAL".into()
            },
            format!("FASTREPLICATION({})", fastrep(fr)),
            "TOLERATE(ENQFAILURE)".into(),
            "ALLDATA(*)".into(),
            "ADMINISTRATOR".into(),
        ];
        for l in dss_lines(&words) {
            s.push_str(&l);
            s.push('\n');
        }
    }
    s.push_str("/*\n");
    s
}

/// The DBRC command stream as a DSPURX00 job against the target RECONs.
pub fn dspurx00(p: &RefreshPreview, recons: &[String], resl: &str, dbdlib: &str) -> String {
    let mut s = job_card("ICLDBRC", "IMSCLONE REFRESH DBRC");
    let _ = writeln!(s, "//*  REDEFINE THE REFRESHED DATABASES IN THE {} RECON", p.target);
    s.push_str("//DBRC     EXEC PGM=DSPURX00,REGION=0M\n");
    let _ = writeln!(s, "//STEPLIB  DD DSN={resl},DISP=SHR");
    let _ = writeln!(s, "//IMS      DD DSN={dbdlib},DISP=SHR");
    for (i, r) in recons.iter().enumerate().take(3) {
        let _ = writeln!(s, "//RECON{}   DD DSN={r},DISP=SHR", i + 1);
    }
    s.push_str("//SYSPRINT DD SYSOUT=*\n//SYSIN    DD *\n");
    for l in sysin(&p.dbrc) {
        s.push_str(&l);
        s.push('\n');
    }
    s.push_str("/*\n");
    s
}

/// The IMS commands, in order, with where they go.
pub fn ims_commands(p: &RefreshPreview) -> String {
    let mut s = String::from("* IMS COMMANDS OF THE REFRESH, IN ORDER\n");
    let _ = writeln!(s, "* BEFORE THE COPY (PRECOPY):");
    let mut post = false;
    for (sys, c) in &p.ims {
        if c.starts_with("/STA") && !post {
            let _ = writeln!(s, "* AFTER THE COPY (POSTCOPY), THEN RUN ICLDBRC BEFORE THE LAST /STA:");
            post = true;
        }
        let _ = writeln!(s, "{sys:<8} {c}");
    }
    s
}
