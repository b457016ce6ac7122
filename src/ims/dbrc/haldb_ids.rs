//! Re-create a HALDB partition ID sequence, gaps included, in a target RECON.
//!
//! DBRC gives each new partition the master's last assigned ID + 1 and never
//! reuses an ID (IMS-REFERENCE §5). A refreshed HALDB must keep the source's
//! IDs, because the IDs are written in the data (bitmap block) and in every
//! extended pointer. So, on a freshly (re)defined master, define the
//! partitions in ascending ID order and, for every missing ID, define and
//! delete a throw-away partition to advance the counter. This is our design,
//! not an IBM procedure; it relies on a re-INITed master starting at ID 1.

use super::exec::Dbrc;
use super::parse::{Value, parse_command};
use crate::dasd::ebcdic;
use crate::ims::recon::time::hex;
use crate::ims::recon::{Db, KeyString, PartitionSpec, Recon, ReconTime};
use crate::msg::Result;
use crate::{icl, icl_bail};

/// One partition to define with a given ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartDef {
    pub name: String,
    pub id: u16,
    pub spec: PartitionSpec,
}

/// The partitions of `master` in `recon` as definitions (source side of a refresh).
pub fn partition_defs(recon: &Recon, master: &str) -> Vec<PartDef> {
    recon
        .partitions(master)
        .into_iter()
        .filter_map(|db| {
            let p = db.partition()?;
            Some(PartDef {
                name: db.name.clone(),
                id: p.id,
                spec: PartitionSpec {
                    dsn_prefix: p.dsn_prefix.clone(),
                    key_string: p.key_string.clone(),
                    block_sizes: p.block_sizes.clone(),
                    fbff: p.fbff,
                    fspf: p.fspf,
                    genmax: Some(p.genmax),
                    recovpd: p.recovpd,
                    reuse: p.reuse,
                },
            })
        })
        .collect()
}

fn key_operand(k: &KeyString) -> String {
    let text = ebcdic::decode(&k.bytes);
    let printable = text.chars().all(|c| c.is_ascii_graphic() || c == ' ');
    if k.hex || !printable || text.is_empty() {
        format!("X'{}'", hex(&k.bytes))
    } else {
        Value::Quoted(text).render()
    }
}

/// The INIT.PART command text for one partition.
pub fn init_part_command(master: &str, name: &str, s: &PartitionSpec) -> String {
    let mut c = format!("INIT.PART DBD({master}) PART({name}) DSNPREFX({})", s.dsn_prefix);
    if let Some(k) = &s.key_string {
        c.push_str(&format!(" KEYSTRNG({})", key_operand(k)));
    }
    if !s.block_sizes.is_empty() {
        let v: Vec<String> = s.block_sizes.iter().map(u32::to_string).collect();
        c.push_str(&format!(" BLOCKSZE({})", v.join(",")));
    }
    if s.fbff != 0 {
        c.push_str(&format!(" FBFF({})", s.fbff));
    }
    if s.fspf != 0 {
        c.push_str(&format!(" FSPF({})", s.fspf));
    }
    if let Some(g) = s.genmax {
        c.push_str(&format!(" GENMAX({g})"));
    }
    if s.recovpd != 0 {
        c.push_str(&format!(" RECOVPD({})", s.recovpd));
    }
    c.push_str(if s.reuse { " REUSE" } else { " NOREUSE" });
    c
}

/// A partition name no DB or partition in `r` uses (7 chars, starts with #).
fn throwaway_name(r: &Recon, id: u16) -> Result<String> {
    for c in 'G'..='Z' {
        let n = format!("#{c}{id:05}");
        if r.db(&n).is_none() {
            return Ok(n);
        }
    }
    icl_bail!("ICL388E", "no free name for a throw-away partition with ID {id}")
}

/// A key no partition of `master` uses.
fn throwaway_key(r: &Recon, master: &str, id: u16) -> KeyString {
    let used: Vec<Vec<u8>> = r
        .partitions(master)
        .iter()
        .filter_map(|d| d.partition()?.key_string.as_ref().map(|k| k.bytes.clone()))
        .collect();
    let mut bytes = vec![0x00, 0x00];
    bytes.extend_from_slice(&id.to_be_bytes());
    while used.contains(&bytes) {
        bytes.push(0x00);
    }
    KeyString { bytes, hex: true }
}

fn run(d: &mut Dbrc, text: String, out: &mut Vec<String>) -> Result<()> {
    let cmd = parse_command(&text, out.len() + 1)?;
    let o = d.exec(&cmd);
    if let Some(e) = o.error {
        return Err(icl!("ICL388E", "{} failed: {e}", cmd.name()));
    }
    out.push(text);
    Ok(())
}

/// Define `parts` under `master` in `d`'s RECON so that each gets its `id`,
/// advancing over gaps with throw-away partitions. Returns the commands run
/// (ready to be written as SYSIN of a DSPURX00 job). All or nothing: on an
/// error the RECON is unchanged.
pub fn recreate_partition_ids(d: &mut Dbrc, master: &str, parts: &[PartDef]) -> Result<Vec<String>> {
    let saved = d.recon.clone();
    let res = apply(d, master, parts);
    if res.is_err() {
        d.recon = saved;
    }
    res
}

fn apply(d: &mut Dbrc, master: &str, parts: &[PartDef]) -> Result<Vec<String>> {
    let mut wanted: Vec<&PartDef> = parts.iter().collect();
    wanted.sort_by_key(|p| p.id);
    let mut out = Vec::new();
    for p in wanted {
        let last = match d.recon_ref()?.db(master).and_then(Db::master) {
            Some(m) => m.last_part_id,
            None => icl_bail!(
                "ICL388E",
                "{master} is not a HALDB master registered in the target RECON"
            ),
        };
        if p.id <= last {
            icl_bail!(
                "ICL388E",
                "partition {} needs ID {} but HALDB {master} has already assigned IDs up to {last}; \
                 DELETE.DB and INIT.DB the master first",
                p.name,
                p.id
            );
        }
        for gap in last + 1..p.id {
            let r = d.recon_ref()?;
            let name = throwaway_name(r, gap)?;
            let spec = PartitionSpec {
                dsn_prefix: p.spec.dsn_prefix.clone(),
                key_string: Some(throwaway_key(r, master, gap)),
                ..PartitionSpec::default()
            };
            run(d, init_part_command(master, &name, &spec), &mut out)?;
            run(d, format!("DELETE.PART DBD({master}) PART({name})"), &mut out)?;
        }
        run(d, init_part_command(master, &p.name, &p.spec), &mut out)?;
        let got = d.recon_ref()?.db(&p.name).and_then(Db::partition).map(|x| x.id);
        if got != Some(p.id) {
            icl_bail!("ICL388E", "partition {} got ID {:?} instead of {}", p.name, got, p.id);
        }
    }
    Ok(out)
}

/// The commands `recreate_partition_ids` would run, without changing `recon`.
pub fn partition_id_commands(recon: &Recon, master: &str, parts: &[PartDef], clock: ReconTime) -> Result<Vec<String>> {
    let mut d = Dbrc::new(Some(recon.clone()), clock);
    recreate_partition_ids(&mut d, master, parts)
}
