//! LIST.RECON, LIST.DB, LIST.DBDS, LIST.LOG and LIST.SUBSYS.

use super::args::Args;
use super::exec::{Dbrc, Lines};
use super::parse::Command;
use crate::icl_bail;
use crate::ims::recon::list::{self, Listing};
use crate::msg::Result;

fn out(l: Listing) -> Lines {
    let mut v = l.lines;
    v.push(format!("DSP0180I NUMBER OF RECORDS LISTED IS {:>8}", l.records));
    v
}

/// LIST.RECON [STATUS]
pub fn list_recon(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["STATUS"])?;
    let r = d.recon_ref()?;
    Ok(out(if a.flag("STATUS")? {
        list::list_recon_status(r)
    } else {
        list::list_recon(r)
    }))
}

/// LIST.DB [DBD()|ALL] [DBDS]
pub fn list_db(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "ALL", "DBDS"])?;
    a.exclusive(&["DBD", "ALL"])?;
    let dbd = a.name("DBD", 8)?;
    let with = a.flag("DBDS")?;
    let r = d.recon_ref()?;
    match list::list_db(r, dbd.as_deref(), with) {
        Some(l) => Ok(out(l)),
        None => icl_bail!("ICL361E", "DB {} is not registered in RECON", dbd.unwrap_or_default()),
    }
}

/// LIST.DBDS DBD() [DDN()|AREA()]
pub fn list_dbds(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "DDN", "AREA"])?;
    a.exclusive(&["DDN", "AREA"])?;
    let dbd = a.req_name("DBD", 8)?;
    let ddn = match a.name("DDN", 8)? {
        Some(n) => Some(n),
        None => a.name("AREA", 8)?,
    };
    let r = d.recon_ref()?;
    if r.db(&dbd).is_none() {
        icl_bail!("ICL361E", "DB {dbd} is not registered in RECON");
    }
    match list::list_dbds(r, &dbd, ddn.as_deref()) {
        Some(l) => Ok(out(l)),
        None => icl_bail!(
            "ICL363E",
            "DBDS {dbd} {} is not registered in RECON",
            ddn.unwrap_or_default()
        ),
    }
}

/// LIST.LOG [SSID()|ALL]
pub fn list_log(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["SSID", "ALL"])?;
    a.exclusive(&["SSID", "ALL"])?;
    let ssid = a.name("SSID", 8)?;
    Ok(out(list::list_log(d.recon_ref()?, ssid.as_deref())))
}

/// LIST.SUBSYS [SSID()|ALL]
pub fn list_subsys(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["SSID", "ALL"])?;
    a.exclusive(&["SSID", "ALL"])?;
    let ssid = a.name("SSID", 8)?;
    Ok(out(list::list_subsys(d.recon_ref()?, ssid.as_deref())))
}
