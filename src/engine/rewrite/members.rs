//! Rewriting PROCLIB, JOBS, user JCL and MDA members for a clone, through
//! the JCL, DFSPBxxx and DFSMDA tokenizers of `ims` (never a blind string
//! replace): DSNs through the rename masks, VOLSERs through the VOLSER map,
//! IMS names (IMSID=, DBRCNM=, IRLMNM=, RGSUF=, IMSPLEX= ...) through the
//! name map, and DBRC commands in in-stream SYSIN data.

use serde::{Deserialize, Serialize};

use super::dbrc_text;
use crate::engine::names::{NameMap, RenameMap, VolserMap};
use crate::ims::dfspb::Dfspb;
use crate::ims::jcl::Jcl;
use crate::ims::jcl::rewrite::{InstreamContext, JclChange, RewriteRules};
use crate::ims::text::Rewritten;
use crate::{Result, icl};

/// The maps of a clone.
#[derive(Clone, Copy)]
pub struct Maps<'a> {
    pub rename: &'a RenameMap,
    pub names: &'a NameMap,
    pub volsers: &'a VolserMap,
}

impl Maps<'_> {
    /// A DSN (possibly with GENJCL `%` symbols or a GDG suffix).
    pub fn dsn(&self, d: &str) -> Option<String> {
        self.rename.rename_loose(&d.to_ascii_uppercase())
    }
}

/// Keywords whose values are IMS names (mapped with the prefix rule).
pub const IMS_NAME_KEYWORDS: &[&str] = &[
    "IMSID", "SSID", "DBRCNM", "DLINM", "IRLMNM", "IRLMN", "IRLMID", "IRLMGRP", "RGSUF", "IMSPLEX", "DFSDF", "APPLID1",
    "APPLID2", "APPLID3", "ALTID", "IMSGROUP", "GRNAME", "CQSSSN", "CSLG", "LOCKTAB", "GROUP",
];

/// How a member was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberKind {
    Jcl,
    Keywords,
    Mda,
    /// Not JCL, parameters or MDA source (DBD/PSB source, text): left alone.
    Other,
}

/// One changed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineChange {
    /// 1-based record in the source member.
    pub record: usize,
    pub old: String,
    pub new: String,
}

/// The result of rewriting one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRewrite {
    pub member: String,
    /// The member's new name, when it is renamed.
    pub new_member: Option<String>,
    pub kind: MemberKind,
    pub lines: Vec<String>,
    pub changes: Vec<LineChange>,
}

impl MemberRewrite {
    pub fn changed(&self) -> bool {
        !self.changes.is_empty() || self.new_member.is_some()
    }
}

/// Decide how to read a member.
pub fn classify(lines: &[String]) -> MemberKind {
    let stmts: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.is_empty() && !l.starts_with('*') && !l.starts_with(".*") && !l.starts_with('<'))
        .collect();
    if stmts.is_empty() {
        return MemberKind::Other;
    }
    if stmts.iter().any(|l| l.starts_with("//")) {
        return MemberKind::Jcl;
    }
    if stmts.iter().any(|l| l.split_whitespace().any(|w| w == "DFSMDA")) {
        return MemberKind::Mda;
    }
    // DFSPBxxx-style: every statement is KEYWORD=value[,...].
    let kv = stmts.iter().all(|l| {
        let first = l.split(['=', ' ']).next().unwrap_or("");
        l.contains('=') && !first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || "$#@_".contains(c))
    });
    if kv { MemberKind::Keywords } else { MemberKind::Other }
}

fn line_changes(old: &[String], rw_records: &[String], origin: &[Option<usize>]) -> Vec<LineChange> {
    let mut out = Vec::new();
    for (i, new) in rw_records.iter().enumerate() {
        match origin.get(i).copied().flatten() {
            Some(o) if old.get(o) == Some(new) => {}
            Some(o) => out.push(LineChange {
                record: o + 1,
                old: old.get(o).cloned().unwrap_or_default(),
                new: new.clone(),
            }),
            None => out.push(LineChange {
                record: i + 1,
                old: String::new(),
                new: new.clone(),
            }),
        }
    }
    out
}

fn finish<C>(member: &str, kind: MemberKind, old: &[String], rw: Rewritten<C>, maps: &Maps<'_>) -> MemberRewrite {
    let changes = line_changes(old, &rw.records, &rw.origin);
    MemberRewrite {
        member: member.to_string(),
        new_member: maps.names.member(member),
        kind,
        lines: rw.records,
        changes,
    }
}

/// Rewrite one member.
pub fn rewrite_member(member: &str, lines: &[String], maps: &Maps<'_>) -> Result<MemberRewrite> {
    let kind = classify(lines);
    let ctx = |e: crate::IclError| e.context(format!("member {member}"));
    match kind {
        MemberKind::Jcl => {
            let jcl = Jcl::parse(lines).map_err(ctx)?;
            let dsn = |d: &str| maps.dsn(d);
            let vol = |v: &str| maps.volsers.get(v);
            let kw = |_op: &str, k: &str, v: &str| {
                if IMS_NAME_KEYWORDS.contains(&k.to_ascii_uppercase().as_str()) {
                    maps.names.value(v)
                } else {
                    maps.names.exact(v)
                }
            };
            let parm = |t: &str| maps.names.exact(t);
            let instream = |_c: &InstreamContext, data: &[String]| -> Option<Rewritten<JclChange>> {
                dbrc_text::rewrite_lines(data, maps)
            };
            let rules = RewriteRules {
                dsn: Some(&dsn),
                volser: Some(&vol),
                keyword: Some(&kw),
                parm_token: Some(&parm),
                instream: Some(&instream),
                skip_mda: false,
                after_null: false,
            };
            let rw = jcl.rewrite(&rules).map_err(ctx)?;
            Ok(finish(member, kind, lines, rw, maps))
        }
        MemberKind::Keywords => {
            let pb = Dfspb::parse(lines).map_err(ctx)?;
            let f = |k: &str, v: &str| -> Option<String> {
                if IMS_NAME_KEYWORDS.contains(&k.to_ascii_uppercase().as_str()) {
                    maps.names.value(v)
                } else if v.contains('.') {
                    maps.dsn(v).or_else(|| maps.names.exact(v))
                } else {
                    maps.names.exact(v)
                }
            };
            let rw = pb.rewrite(&f).map_err(ctx)?;
            Ok(finish(member, kind, lines, rw, maps))
        }
        MemberKind::Mda => {
            let src = crate::ims::asm::AsmSource::parse(lines);
            let rw = crate::ims::mda::rewrite_dsnames(&src, &|d| maps.dsn(d)).map_err(ctx)?;
            Ok(finish(member, kind, lines, rw, maps))
        }
        MemberKind::Other => Ok(MemberRewrite {
            member: member.to_string(),
            new_member: None,
            kind,
            lines: lines.to_vec(),
            changes: Vec::new(),
        }),
    }
}

/// Rewrite DSNs in a sequential text (RECON dumps, control cards) the same
/// way: only for callers that know the text is DBRC commands.
pub fn rewrite_dbrc(lines: &[String], maps: &Maps<'_>) -> Result<Vec<String>> {
    Ok(dbrc_text::rewrite_lines(lines, maps)
        .map(|r| r.records)
        .unwrap_or_else(|| lines.to_vec()))
}

/// Check a new member name.
pub fn check_new_member(old: &str, new: &str) -> Result<()> {
    if !crate::dasd::names::valid_member(new) {
        return Err(icl!(
            "ICL404E",
            "member {old} would be renamed to '{new}', which is not a valid member name"
        ));
    }
    Ok(())
}
