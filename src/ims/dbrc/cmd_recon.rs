//! INIT.RECON and CHANGE.RECON.

use super::args::Args;
use super::exec::{Dbrc, Lines};
use super::parse::Command;
use crate::icl_bail;
use crate::ims::recon::{CmdAuth, Header, LogDsnCheck, Recon, ReconStatus, ReconTime};
use crate::msg::Result;

const COMMON: &[&str] = &[
    "SSID", "NOCHECK", "CHECK17", "CHECK44", "FORCER", "NOFORCER", "STARTNEW", "NONEW", "DASDUNIT", "TAPEUNIT",
    "IMSPLEX", "MINVERS", "CMDAUTH",
];

/// Apply the options INIT.RECON and CHANGE.RECON share.
fn apply_common(h: &mut Header, a: &Args) -> Result<()> {
    if let Some(s) = a.name("SSID", 8)? {
        h.ssid = Some(s);
    }
    match a.choice(&["NOCHECK", "CHECK17", "CHECK44"])? {
        Some("NOCHECK") => h.log_dsn_check = LogDsnCheck::NoCheck,
        Some("CHECK17") => h.log_dsn_check = LogDsnCheck::Check17,
        Some("CHECK44") => h.log_dsn_check = LogDsnCheck::Check44,
        _ => {}
    }
    if let Some(k) = a.choice(&["FORCER", "NOFORCER"])? {
        h.force_reg = k == "FORCER";
    }
    if let Some(k) = a.choice(&["STARTNEW", "NONEW"])? {
        h.startnew = k == "STARTNEW";
    }
    if let Some(u) = a.text("DASDUNIT")? {
        h.dasd_unit = u;
    }
    if let Some(u) = a.text("TAPEUNIT")? {
        h.tape_unit = u;
    }
    if let Some(p) = a.name("IMSPLEX", 5)? {
        h.imsplex = Some(p);
    }
    if let Some(v) = a.text("MINVERS")? {
        let ok = matches!(
            v.as_str(),
            "9.1" | "10.1" | "11.1" | "12.1" | "13.1" | "14.1" | "15.1" | "15.2" | "15.3" | "15.4" | "15.5"
        );
        if !ok {
            icl_bail!("ICL377E", "MINVERS('{v}') is not an IMS version DBRC knows");
        }
        h.minvers = v;
    }
    let auth = a.words("CMDAUTH")?;
    if let Some(mode) = auth.first() {
        let Some(m) = CmdAuth::from_kw(mode) else {
            icl_bail!("ICL377E", "CMDAUTH({mode}) is not NONE, SAF, EXIT or BOTH");
        };
        h.cmdauth = m;
        h.cmdauth_hlq = auth.get(1).cloned();
    }
    Ok(())
}

/// INIT.RECON: initialise empty RECON data sets.
pub fn init_recon(d: &mut Dbrc, cmd: &Command, now: ReconTime) -> Result<Lines> {
    let a = Args::new(cmd, COMMON)?;
    if d.recon.is_some() {
        icl_bail!(
            "ICL387E",
            "the RECON is already initialised; INIT.RECON needs empty data sets"
        );
    }
    let mut r = Recon::new(now);
    apply_common(&mut r.header, &a)?;
    d.recon = Some(r);
    Ok(Vec::new())
}

/// CHANGE.RECON: change header options; REPLACE(RECONn) swaps the spare in.
pub fn change_recon(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let mut allowed = COMMON.to_vec();
    allowed.extend(["REPLACE", "NOPLEX", "DUAL", "UPGRADE"]);
    let a = Args::new(cmd, &allowed)?;
    a.exclusive(&["IMSPLEX", "NOPLEX"])?;
    let h = &mut d.recon_mut()?.header;
    apply_common(h, &a)?;
    if a.flag("NOPLEX")? {
        h.imsplex = None;
    }
    if let Some(ddn) = a.name("REPLACE", 8)? {
        let Some(i) = h.recons.iter().position(|r| r.ddn == ddn) else {
            icl_bail!("ICL381E", "REPLACE({ddn}): no such RECON data set");
        };
        let Some(s) = h.recons.iter().position(|r| r.status == ReconStatus::Spare) else {
            icl_bail!("ICL383E", "REPLACE({ddn}): no SPARE RECON is available");
        };
        let role = h.recons[i].status;
        if !matches!(role, ReconStatus::Copy1 | ReconStatus::Copy2) {
            icl_bail!("ICL377E", "REPLACE({ddn}): {ddn} is {role}, not an active copy");
        }
        h.recons[s].status = role;
        h.recons[i].status = ReconStatus::Discarded;
    }
    Ok(Vec::new())
}
