//! The content of sample data sets: members from files, text, pseudo load
//! modules, RECONs built by DBRC commands, database data sets and filler
//! records. Everything is deterministic: the same sample gives the same bytes.

use std::collections::BTreeMap;

use super::imsdata;
use super::source::SampleSource;
use super::spec::SampleDataset;
use crate::catalog::vsam;
use crate::dasd::{IspfStats, Volume, dates, ebcdic};
use crate::ims::dbdata::prng::SplitMix64;
use crate::{Result, icl_bail};

/// Which pass fills a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    System,
    Databases,
}

pub fn pass_of(ds: &SampleDataset) -> Pass {
    if ds.dbdata.is_some() {
        Pass::Databases
    } else {
        Pass::System
    }
}

/// State carried between data sets while a sample is built.
pub struct Context {
    pub clock: u64,
    /// RECONs built so far, by cluster name.
    pub recons: BTreeMap<String, crate::ims::recon::Recon>,
    /// RECON command file -> the DSNs of its COPY1, COPY2 and SPARE.
    pub recon_sets: BTreeMap<String, Vec<String>>,
    /// DBD facts for DBRC (from the sample's DBD sources), by HLQ.
    pub dbdlibs: BTreeMap<String, crate::ims::dbrc::MemDbdLib>,
    /// Parsed DBD sources, by HLQ and DBD name.
    pub dbd_sources: BTreeMap<String, BTreeMap<String, crate::ims::dbd::Dbd>>,
}

impl Context {
    pub fn new(clock: u64) -> Context {
        Context {
            clock,
            recons: BTreeMap::new(),
            recon_sets: BTreeMap::new(),
            dbdlibs: BTreeMap::new(),
            dbd_sources: BTreeMap::new(),
        }
    }
}

/// Text lines of a sample file (LF or CRLF; tabs refused).
pub fn text_lines(bytes: &[u8], origin: &str) -> Result<Vec<String>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        icl_bail!("ICL265E", "{origin} is not UTF-8 text");
    };
    let mut out = Vec::new();
    for (n, l) in text.lines().enumerate() {
        let l = l.strip_suffix('\r').unwrap_or(l);
        if l.contains('\t') || l.chars().count() > 80 {
            icl_bail!("ICL265E", "{origin} line {}: tabs or more than 80 columns", n + 1);
        }
        out.push(l.to_string());
    }
    Ok(out)
}

/// ISPF statistics as of the sample clock.
fn stats_at(clock: u64, lines: usize) -> IspfStats {
    let s = dates::stamp_of(clock);
    IspfStats {
        version: 1,
        modlevel: 0,
        created: s.date.iso(),
        changed: format!("{} {:02}:{:02}:{:02}", s.date.iso(), s.hour, s.minute, s.second),
        lines: lines.min(u16::MAX as usize) as u16,
        init_lines: lines.min(u16::MAX as usize) as u16,
        mod_lines: 0,
        userid: "IMSADM".into(),
    }
}

/// A pseudo load module: an ESD-like header naming the module, then
/// deterministic bytes, in blocks of at most `blksize`.
pub fn load_module(name: &str, blksize: usize) -> Vec<Vec<u8>> {
    let mut rng = SplitMix64::for_parts(&[name.as_bytes()], 0);
    let size = 1024 + rng.below(6144) as usize;
    let mut bytes = vec![0x20, 0x00, 0x00, 0x10];
    bytes.extend(ebcdic::encode_padded(name, 8));
    bytes.extend(ebcdic::encode_padded("IMSCLONE SAMPLE LOAD MODULE", 32));
    while bytes.len() < size {
        bytes.extend_from_slice(&rng.next_u64().to_be_bytes());
    }
    bytes.truncate(size);
    bytes.chunks(blksize.max(256)).map(<[u8]>::to_vec).collect()
}

/// Filler records for log and work data sets.
fn filler(dsn: &str, n: u32, seed: u64, lrecl: usize, fixed: bool) -> Vec<Vec<u8>> {
    let mut rng = SplitMix64::for_parts(&[dsn.as_bytes()], seed);
    (0..n)
        .map(|i| {
            let len = if fixed {
                lrecl
            } else {
                40 + rng.below((lrecl.saturating_sub(44)).max(1) as u64) as usize
            };
            let mut r = ebcdic::encode(&format!("{dsn:<44} REC {i:08} "));
            while r.len() < len {
                r.push((rng.next_u64() & 0xFF) as u8);
            }
            r.truncate(len);
            r
        })
        .collect()
}

/// Fill one data set.
pub fn fill(ctx: &mut Context, vol: &mut Volume, ds: &SampleDataset, src: &dyn SampleSource) -> Result<()> {
    let kinds = [
        ds.members.is_some(),
        ds.text.is_some(),
        ds.load_modules.is_some(),
        ds.recon.is_some(),
        ds.dbdata.is_some(),
        ds.fill.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() > 1 {
        icl_bail!(
            "ICL263E",
            "{}: give at most one of members, text, load_modules, recon, dbdata, fill",
            ds.dsn
        );
    }
    let is_vsam = ds.dsorg.eq_ignore_ascii_case("VSAM");
    if let Some(dir) = &ds.members {
        let mut batch = Vec::new();
        for (name, bytes) in src.list(dir)? {
            let member = name.split('.').next().unwrap_or(&name).to_ascii_uppercase();
            let lines = text_lines(&bytes, &format!("{dir}/{name}"))?;
            let stats = stats_at(ctx.clock, lines.len());
            batch.push(crate::dasd::NewMember {
                name: member,
                records: lines.iter().map(|l| ebcdic::encode(l)).collect(),
                stats: Some(stats),
            });
        }
        vol.write_members(&ds.dsn, &batch, &[])?;
    } else if let Some(f) = &ds.text {
        let lines = text_lines(&src.read(f)?, f)?;
        vol.write_text(&ds.dsn, &lines)?;
    } else if let Some(mods) = &ds.load_modules {
        let blk = vol.dcb(&ds.dsn)?.blksize as usize;
        for m in mods {
            vol.write_member(&ds.dsn, m, &load_module(m, blk), None)?;
        }
    } else if let Some(f) = &ds.recon {
        let text = String::from_utf8_lossy(&src.read(f)?).into_owned();
        let hlq = ds.dsn.split('.').next().unwrap_or_default();
        let lib = ctx.dbdlibs.get(hlq).map(|l| l as &dyn crate::ims::dbrc::DbdLib);
        let mut recon = imsdata::build_recon(&text, f, ctx.clock, lib)?;
        if let Some(set) = ctx.recon_sets.get(f) {
            for (r, dsn) in recon.header.recons.iter_mut().zip(set) {
                r.dsn = Some(dsn.clone());
            }
        }
        imsdata::store_recon(vol, &ds.dsn, &recon)?;
        ctx.recons.insert(ds.dsn.clone(), recon);
    } else if let Some(db) = &ds.dbdata {
        let recon = ctx.recons.get(&db.recon).ok_or_else(|| {
            crate::icl!(
                "ICL266E",
                "{}: RECON {} is not built before its database data sets",
                ds.dsn,
                db.recon
            )
        })?;
        imsdata::fill_database(
            vol,
            &imsdata::DbFill {
                dsn: &ds.dsn,
                vsam: is_vsam,
                recon,
                roots: db.roots,
                seed: db.seed,
                clock: ctx.clock,
                dbds: ctx.dbd_sources.get(ds.dsn.split('.').next().unwrap_or_default()),
            },
        )?;
    } else if let Some(fl) = &ds.fill {
        if is_vsam {
            let data = format!("{}.DATA", ds.dsn);
            let lrecl = vol.dcb(&data)?.lrecl as usize - 4;
            let recs = filler(&ds.dsn, fl.records, fl.seed, lrecl, false);
            vsam::write_records(vol, &data, None, &recs)?;
        } else {
            let dcb = vol.dcb(&ds.dsn)?;
            let fixed = dcb.recfm & 0xC0 == crate::dasd::dscb::recfm::F;
            let lrecl = if fixed {
                dcb.lrecl as usize
            } else {
                dcb.lrecl as usize - 4
            };
            vol.write_records(&ds.dsn, &filler(&ds.dsn, fl.records, fl.seed, lrecl, fixed))?;
        }
    }
    Ok(())
}
