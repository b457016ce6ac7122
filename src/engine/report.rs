//! The plan as a report: what SIMULATE prints and every run keeps.

use std::fmt::Write as _;

use super::plan::Plan;

/// A readable report of a plan.
pub fn render(plan: &Plan) -> String {
    let mut s = String::new();
    let p = &plan.preview;
    let _ = writeln!(
        s,
        "JOB {} ({}) {}",
        plan.job.job.name, plan.job.job.kind, plan.job.job.description
    );
    let _ = writeln!(s, "\nFINDINGS (RC={})", plan.rc());
    if plan.findings.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for f in &plan.findings {
        let _ = writeln!(s, "  {}", f.line());
    }
    if let Some(r) = &p.refresh {
        render_refresh(&mut s, r);
        render_steps(&mut s, plan);
        return s;
    }
    if let Some(k) = &p.skeleton {
        render_skeleton(&mut s, k);
    } else {
        render_pairs(&mut s, p);
    }
    render_metadata(&mut s, p);
    render_steps(&mut s, plan);
    s
}

fn render_pairs(s: &mut String, p: &super::plan::Preview) {
    let _ = writeln!(s, "\nVOLUME PAIRING");
    let _ = writeln!(
        s,
        "  {:<8} {:<6} {:>5}   {:<6} {:<8} {:>5}  {:<8}",
        "SOURCE", "DEV", "CYLS", "TARGET", "OLD", "CYLS", "NEW"
    );
    for x in &p.pairs {
        let _ = writeln!(
            s,
            "  {:<8} {:<6} {:>5}   {:<6} {:<8} {:>5}  {:<8}",
            x.source_volser,
            x.source_device,
            x.source_cyls,
            x.target_device,
            x.target_old_volser,
            x.target_cyls,
            x.new_volser
        );
    }
}

fn render_skeleton(s: &mut String, k: &super::skeleton::SkeletonPreview) {
    let _ = writeln!(s, "\nSKELETON {} -> {} on {}", k.source, k.target, k.volumes.join(", "));
    let row = |s: &mut String, d: &super::skeleton::SkeletonDs| {
        let _ = writeln!(
            s,
            "  {:<44} {:<6} -> {:<44} {:<6} {:>5} trk",
            d.source, d.source_volser, d.target, d.target_volser, d.tracks
        );
    };
    let _ = writeln!(s, "\nSYSTEM DATA SETS, COPIED ({})", k.copies.len());
    for d in &k.copies {
        row(s, d);
    }
    let _ = writeln!(s, "\nDATABASE DATA SETS, ALLOCATED EMPTY ({})", k.empty.len());
    for d in &k.empty {
        row(s, d);
    }
    let _ = writeln!(s, "\nLEFT OUT ({})", k.left_out.len());
    for (d, why) in &k.left_out {
        let _ = writeln!(s, "  {d:<44} {why}");
    }
}

fn render_metadata(s: &mut String, p: &super::plan::Preview) {
    let _ = writeln!(s, "\nNAMES");
    for (k, v) in &p.names {
        let _ = writeln!(s, "  {k:<16} -> {v}");
    }
    let _ = writeln!(
        s,
        "\nCATALOG  {} (from {}), aliases {}",
        p.user_catalog,
        p.source_user_catalog,
        p.aliases.join(", ")
    );
    let _ = writeln!(s, "\nRENAME MAP ({} data sets)", p.renames.len());
    for r in &p.renames {
        let _ = writeln!(
            s,
            "  {:<9} {:<6} {:<44} -> {}",
            r.kind,
            r.volser,
            r.old,
            r.new.as_deref().unwrap_or("(not renamed)")
        );
    }
    let _ = writeln!(s, "\nMEMBER CHANGES ({} members)", p.members.len());
    for m in &p.members {
        let renamed = m.new_member.as_deref().map(|n| format!(" -> {n}")).unwrap_or_default();
        let _ = writeln!(s, "  {}({}){}", m.dsn, m.member, renamed);
        for c in &m.changes {
            let _ = writeln!(s, "    {:>5} - {}", c.record, c.old.trim_end());
            let _ = writeln!(s, "    {:>5} + {}", "", c.new.trim_end());
        }
    }
    let _ = writeln!(s, "\nRECON CHANGES");
    for r in &p.recons {
        let _ = writeln!(s, "  {} ({} changes)", r.dsn, r.changes.len());
        for c in &r.changes {
            let _ = writeln!(s, "    {c}");
        }
    }
    let _ = writeln!(s, "\nSUBSYSTEMS TO REGISTER");
    for x in &p.subsystems {
        let _ = writeln!(
            s,
            "  IMSID {} group {} PROCLIB {} DFSPB {}",
            x.imsid,
            x.group.as_deref().unwrap_or("-"),
            x.proclib,
            x.dfspb
        );
    }
}

fn render_steps(s: &mut String, plan: &Plan) {
    let _ = writeln!(s, "\nSTEPS");
    for st in &plan.steps {
        let _ = writeln!(s, "  {:>3}. {}", st.id, st.title);
    }
}

fn render_refresh(s: &mut String, r: &super::refresh::RefreshPreview) {
    let _ = writeln!(
        s,
        "\nREFRESH {} -> {}{}",
        r.source,
        r.target,
        if r.fuzzy { " (FUZZY-COPY)" } else { "" }
    );
    let _ = writeln!(s, "  databases: {}", r.databases.join(", "));
    let _ = writeln!(s, "\nDATA SETS ({})", r.copies.len());
    for c in &r.copies {
        let _ = writeln!(
            s,
            "  {:<8} {:<8} {:<44} {:<6} -> {:<44} {:<6}{}",
            c.record,
            c.ddn,
            c.source,
            c.source_volser,
            c.target,
            c.target_volser,
            if c.create { " (new)" } else { "" }
        );
    }
    for (d, v) in &r.scratch {
        let _ = writeln!(s, "  scratch {d} on {v}");
    }
    let _ = writeln!(s, "\nIMS COMMANDS");
    for (sys, c) in &r.ims {
        let _ = writeln!(s, "  {sys:<8} {c}");
    }
    let _ = writeln!(s, "\nDBRC COMMANDS (target RECON)");
    for c in &r.dbrc {
        let _ = writeln!(s, "  {c}");
    }
    let _ = writeln!(s, "  + IMAGE COPY RECOMMENDED on {}", r.ic_recommended.join(", "));
}
