//! INIT.PART, CHANGE.PART and DELETE.PART (HALDB partitions).

use super::args::Args;
use super::exec::{Dbrc, Lines};
use super::parse::Command;
use crate::icl_bail;
use crate::ims::recon::{Db, DbKind, PartitionSpec, Recon};
use crate::msg::Result;

const PART_OPTS: &[&str] = &[
    "DBD", "PART", "DSNPREFX", "KEYSTRNG", "BLOCKSZE", "FBFF", "FSPF", "GENMAX", "RECOVPD", "REUSE", "NOREUSE",
];

fn master_dsg_count(r: &Recon, master: &str) -> Result<(u8, bool)> {
    match r.db(master).and_then(Db::master) {
        Some(m) => Ok((m.dsg_count.max(1), m.partsel.is_some())),
        None => match r.db(master) {
            Some(_) => icl_bail!("ICL364E", "{master} is not a HALDB master"),
            None => icl_bail!("ICL361E", "DB {master} is not registered in RECON"),
        },
    }
}

fn block_sizes(a: &Args, groups: u8) -> Result<Vec<u32>> {
    let v: Vec<u32> = a.nums("BLOCKSZE", 512, 32_768)?;
    if v.len() > usize::from(groups) {
        icl_bail!(
            "ICL377E",
            "BLOCKSZE gives {} sizes for {groups} data set group(s)",
            v.len()
        );
    }
    if v.iter().any(|b| b % 2 != 0) {
        icl_bail!("ICL377E", "BLOCKSZE values must be even (OSAM block sizes)");
    }
    Ok(v)
}

/// INIT.PART DBD(master) PART(name) DSNPREFX() [KEYSTRNG()] [BLOCKSZE()]
/// [FBFF()] [FSPF()] [GENMAX()] [RECOVPD()] [REUSE|NOREUSE]. The partition
/// gets the master's last assigned ID + 1.
pub fn init_part(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, PART_OPTS)?;
    let master = a.req_name("DBD", 8)?;
    let part = a.req_name("PART", 7)?;
    let prefix = a.req_dsn("DSNPREFX", 37)?;
    let key = a.key_string("KEYSTRNG")?;
    let r = d.recon_mut()?;
    let (groups, by_exit) = master_dsg_count(r, &master)?;
    if key.is_none() && !by_exit {
        icl_bail!(
            "ICL378E",
            "KEYSTRNG is required: HALDB {master} selects partitions by high key"
        );
    }
    if let Some(k) = &key {
        let dup = r
            .partitions(&master)
            .into_iter()
            .find(|p| p.partition().and_then(|x| x.key_string.as_ref()) == Some(k));
        if let (Some(other), false) = (dup, by_exit) {
            icl_bail!(
                "ICL380E",
                "partition {} of {master} already has this high key",
                other.name
            );
        }
    }
    let spec = PartitionSpec {
        dsn_prefix: prefix,
        key_string: key,
        block_sizes: block_sizes(&a, groups)?,
        fbff: a.num("FBFF", 0, 100)?.unwrap_or(0),
        fspf: a.num("FSPF", 0, 99)?.unwrap_or(0),
        genmax: a.num("GENMAX", 2, 255)?,
        recovpd: a.num("RECOVPD", 0, 999)?.unwrap_or(0),
        reuse: a.choice(&["REUSE", "NOREUSE"])? == Some("REUSE"),
    };
    let id = r.add_partition(&master, &part, &spec)?;
    Ok(vec![format!(
        "DSP0405I PARTITION {part} OF {master} DEFINED WITH PARTITION ID {id:05}"
    )])
}

/// CHANGE.PART DBD(master) PART(name) [DSNPREFX()] [KEYSTRNG()] [BLOCKSZE()]
/// [FBFF()] [FSPF()] [GENMAX()] [RECOVPD()] [REUSE|NOREUSE] [PINIT|NOPINIT].
/// A new DSNPREFX renames the partition's DBDS DSNs.
pub fn change_part(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let mut allowed = PART_OPTS.to_vec();
    allowed.extend(["PINIT", "NOPINIT"]);
    let a = Args::new(cmd, &allowed)?;
    let master = a.req_name("DBD", 8)?;
    let part = a.req_name("PART", 7)?;
    let prefix = a.dsn("DSNPREFX", 37)?;
    let key = a.key_string("KEYSTRNG")?;
    let pinit = a.choice(&["PINIT", "NOPINIT"])?;
    let r = d.recon_mut()?;
    let (groups, _) = master_dsg_count(r, &master)?;
    let sizes = block_sizes(&a, groups)?;
    let fbff = a.num("FBFF", 0, 100)?;
    let fspf = a.num("FSPF", 0, 99)?;
    let genmax = a.num("GENMAX", 2, 255)?;
    let recovpd = a.num("RECOVPD", 0, 999)?;
    let reuse = a.choice(&["REUSE", "NOREUSE"])?;
    let Some(db) = r
        .db_mut(&part)
        .filter(|db| db.partition().is_some_and(|p| p.master == master))
    else {
        icl_bail!(
            "ICL366E",
            "partition {part} of HALDB {master} is not registered in RECON"
        );
    };
    let DbKind::Part(p) = &mut db.kind else {
        icl_bail!(
            "ICL366E",
            "partition {part} of HALDB {master} is not registered in RECON"
        );
    };
    if let Some(x) = prefix {
        p.dsn_prefix = x;
    }
    if key.is_some() {
        p.key_string = key;
    }
    if !sizes.is_empty() {
        p.block_sizes = sizes;
    }
    if let Some(x) = fbff {
        p.fbff = x;
    }
    if let Some(x) = fspf {
        p.fspf = x;
    }
    if let Some(x) = genmax {
        p.genmax = x;
    }
    if let Some(x) = recovpd {
        p.recovpd = x;
    }
    if let Some(k) = reuse {
        p.reuse = k == "REUSE";
    }
    if let Some(k) = pinit {
        p.pinit = k == "PINIT";
    }
    p.change_count = p.change_count.saturating_add(1);
    let p = p.clone();
    for x in &mut db.dbds {
        // DD name = partition name + letter; the DSN follows the prefix.
        if let Some(letter) = x.ddn.chars().last() {
            x.dsn = p.dsn(letter);
        }
        if genmax.is_some() {
            x.genmax = p.genmax;
        }
        if recovpd.is_some() {
            x.recovpd = p.recovpd;
        }
        if reuse.is_some() {
            x.reuse = p.reuse;
        }
    }
    r.relink_partitions(&master);
    Ok(Vec::new())
}

/// DELETE.PART DBD(master) PART(name): the ID is not given out again.
pub fn delete_part(d: &mut Dbrc, cmd: &Command) -> Result<Lines> {
    let a = Args::new(cmd, &["DBD", "PART"])?;
    let master = a.req_name("DBD", 8)?;
    let part = a.req_name("PART", 7)?;
    let r = d.recon_mut()?;
    master_dsg_count(r, &master)?;
    if let Some(db) = r.db(&part)
        && !db.auth.is_empty()
    {
        icl_bail!("ICL385E", "partition {part} is authorized to a subsystem");
    }
    r.remove_partition(&master, &part)?;
    Ok(Vec::new())
}
