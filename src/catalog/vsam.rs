//! VSAM-like clusters on volumes. A cluster `C` has a data component
//! (`C.DATA`) and, for a KSDS, an index component (`C.INDEX`); each
//! component is a data set with DSORG=VS in the VTOC, as on z/OS. The data
//! component holds control intervals of CI-size bytes laid out like VB
//! blocks (a 4-byte CI header with the used length, then records each with
//! a 4-byte record header); the index component holds one entry per data CI
//! (high key, CI number). Every volume holding components has a VVDS,
//! `SYS1.VVDS.Vvolser`, listing them. See docs/formats.md.

use super::entry::{Entry, EntryKind, VsamOrg};
use crate::dasd::dscb::{dsorg, recfm};
use crate::dasd::{Dcb, Space, Volume, ebcdic, seq};
use crate::{Result, icl, icl_bail};

/// Definition of a cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterDef {
    pub name: String,
    pub org: VsamOrg,
    /// Control interval size of the data component.
    pub ci_size: u16,
    /// Largest record.
    pub max_record: u16,
    /// KSDS key length and offset.
    pub key_len: u8,
    pub key_offset: u16,
    pub space: Space,
}

impl ClusterDef {
    pub fn data_name(&self) -> String {
        format!("{}.DATA", self.name)
    }

    pub fn index_name(&self) -> Option<String> {
        (self.org == VsamOrg::Ksds).then(|| format!("{}.INDEX", self.name))
    }
}

/// The VVDS name of a volume.
pub fn vvds_name(volser: &str) -> String {
    format!("SYS1.VVDS.V{volser}")
}

fn component_dcb(ci: u16, maxrec: u16, keylen: u8) -> Dcb {
    Dcb {
        dsorg: dsorg::VSAM,
        recfm: recfm::V | recfm::B,
        lrecl: maxrec.saturating_add(4),
        blksize: ci,
        keylen,
    }
}

/// Define a cluster's components on a volume (empty), register them in the
/// volume's VVDS, and return the catalog entries to define.
pub fn define_cluster(vol: &mut Volume, def: &ClusterDef) -> Result<Vec<Entry>> {
    if def.org == VsamOrg::Ksds && def.key_len == 0 {
        icl_bail!("ICL206E", "KSDS {} needs a key length", def.name);
    }
    if def.ci_size < 512 {
        icl_bail!("ICL206E", "{}: CI size {} is below 512", def.name, def.ci_size);
    }
    // A record longer than a CI would need spanning, which this layout does
    // not do: the component's LRECL is capped at what one CI holds.
    let max_record = def.max_record.min(def.ci_size - 8);
    let volser = vol.volser();
    let data = def.data_name();
    vol.create_dataset(&data, component_dcb(def.ci_size, max_record, def.key_len), def.space)?;
    let mut entries = vec![
        Entry {
            name: def.name.clone(),
            kind: EntryKind::Cluster {
                org: def.org,
                data: data.clone(),
                index: def.index_name(),
            },
            volumes: vec![],
            devtype: "3390".into(),
        },
        Entry {
            name: data.clone(),
            kind: EntryKind::Data {
                cluster: def.name.clone(),
            },
            volumes: vec![volser.clone()],
            devtype: "3390".into(),
        },
    ];
    let mut vvds = vec![(data, def.name.clone(), 'D')];
    if let Some(ix) = def.index_name() {
        let ix_ci = 2048u16.max(def.key_len as u16 + 16);
        vol.create_dataset(
            &ix,
            component_dcb(ix_ci, def.key_len as u16 + 8, def.key_len),
            Space::trk(1, 1),
        )?;
        entries.push(Entry {
            name: ix.clone(),
            kind: EntryKind::Index {
                cluster: def.name.clone(),
            },
            volumes: vec![volser],
            devtype: "3390".into(),
        });
        vvds.push((ix, def.name.clone(), 'I'));
    }
    vvds_add(vol, &vvds)?;
    Ok(entries)
}

/// VVDS records: component(44) cluster(44) type(1).
pub fn vvds_entries(vol: &Volume) -> Result<Vec<(String, String, char)>> {
    let name = vvds_name(&vol.volser());
    if !vol.contains(&name) {
        return Ok(Vec::new());
    }
    vol.read_records(&name)?
        .iter()
        .map(|r| {
            if r.len() < 89 {
                icl_bail!("ICL207E", "VVDS {name}: record of {} bytes is too short", r.len());
            }
            Ok((
                ebcdic::decode_trim(&r[0..44]),
                ebcdic::decode_trim(&r[44..88]),
                ebcdic::e2c(r[88]),
            ))
        })
        .collect()
}

fn vvds_write(vol: &mut Volume, entries: &[(String, String, char)]) -> Result<()> {
    let name = vvds_name(&vol.volser());
    if !vol.contains(&name) {
        vol.create_dataset(&name, Dcb::ps_vb(255, 4096), Space::trk(1, 1))?;
    }
    let recs: Vec<Vec<u8>> = entries
        .iter()
        .map(|(c, k, t)| {
            let mut r = ebcdic::encode_padded(c, 44);
            r.extend(ebcdic::encode_padded(k, 44));
            r.extend(ebcdic::encode(&t.to_string()));
            r
        })
        .collect();
    vol.write_records(&name, &recs)
}

fn vvds_add(vol: &mut Volume, add: &[(String, String, char)]) -> Result<()> {
    let mut all = vvds_entries(vol)?;
    all.retain(|(c, _, _)| !add.iter().any(|(a, _, _)| a == c));
    all.extend_from_slice(add);
    vvds_write(vol, &all)
}

/// Rewrite the VVDS after components were renamed (old -> new names).
pub fn vvds_rename(vol: &mut Volume, map: &dyn Fn(&str) -> Option<String>) -> Result<usize> {
    let mut all = vvds_entries(vol)?;
    let mut n = 0;
    for (c, k, _) in all.iter_mut() {
        if let Some(nc) = map(c) {
            *c = nc;
            n += 1;
        }
        if let Some(nk) = map(k) {
            *k = nk;
        }
    }
    if n > 0 {
        vvds_write(vol, &all)?;
    }
    Ok(n)
}

/// Delete a cluster's components from a volume and its VVDS.
pub fn delete_cluster(vol: &mut Volume, cluster: &str) -> Result<()> {
    let mut all = vvds_entries(vol)?;
    let comps: Vec<String> = all
        .iter()
        .filter(|(_, k, _)| k == cluster)
        .map(|(c, _, _)| c.clone())
        .collect();
    if comps.is_empty() {
        icl_bail!(
            "ICL208E",
            "cluster {cluster} has no components on volume {}",
            vol.volser()
        );
    }
    // A component already gone (a delete or define cut short) is skipped.
    for c in &comps {
        if vol.contains(c) {
            vol.scratch(c)?;
        }
    }
    all.retain(|(_, k, _)| k != cluster);
    vvds_write(vol, &all)
}

/// Read every record of a cluster's data component (in stored order).
pub fn read_records(vol: &Volume, data_component: &str) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for b in vol.read_blocks(data_component)? {
        out.extend(seq::deblock_variable(&b.data).map_err(|e| e.context(data_component))?);
    }
    Ok(out)
}

/// Replace the records of a cluster. A KSDS's records are stored in key
/// order (duplicate keys are refused) and its index component rewritten.
pub fn write_records(vol: &mut Volume, def_data: &str, def_index: Option<&str>, records: &[Vec<u8>]) -> Result<()> {
    let dcb = vol.dcb(def_data)?;
    let ci = dcb.blksize as usize;
    let (klen, koff) = (dcb.keylen as usize, 0usize);
    let mut recs: Vec<Vec<u8>> = records.to_vec();
    if def_index.is_some() {
        if let Some(r) = recs.iter().find(|r| r.len() < koff + klen) {
            icl_bail!(
                "ICL209E",
                "{def_data}: a record of {} bytes is shorter than the key",
                r.len()
            );
        }
        recs.sort_by(|a, b| a[koff..koff + klen].cmp(&b[koff..koff + klen]));
        if let Some(w) = recs
            .windows(2)
            .find(|w| w[0][koff..koff + klen] == w[1][koff..koff + klen])
        {
            icl_bail!("ICL209E", "{def_data}: duplicate key {:02X?}", &w[0][koff..koff + klen]);
        }
    }
    let blocks = seq::block_variable(&recs, dcb.lrecl as usize, ci, true)?;
    vol.write_all_blocks(def_data, &blocks)?;
    if let Some(ix) = def_index {
        // One index entry per CI: the CI's highest key and its number.
        let mut entries = Vec::new();
        let mut n = 0usize;
        for (i, b) in blocks.iter().enumerate() {
            let rs = seq::deblock_variable(b)?;
            n += rs.len();
            if let Some(last) = rs.last() {
                let mut e = last[koff..koff + klen].to_vec();
                e.extend_from_slice(&(i as u32).to_be_bytes());
                entries.push(e);
            }
        }
        let ixdcb = vol.dcb(ix)?;
        let ixblocks = seq::block_variable(&entries, ixdcb.lrecl as usize, ixdcb.blksize as usize, true)?;
        vol.write_all_blocks(ix, &ixblocks)?;
        if n != recs.len() {
            return Err(icl!("ICL209E", "{def_data}: index count mismatch"));
        }
    }
    Ok(())
}

/// Relabel a volume the way ICKDSF REFORMAT VOLID does with VSAM on it: the
/// VOL1 label, DS1DSSN of every data set, and the VVDS name (which embeds
/// the VOLSER).
pub fn relabel_volume(vol: &mut Volume, new_volser: &str) -> Result<()> {
    vol.relabel(new_volser)?;
    // Any VVDS name left from an earlier label (also after an interrupted
    // relabel) follows the new one.
    let new = vvds_name(new_volser);
    let old: Vec<String> = vol
        .dataset_names()
        .into_iter()
        .filter(|n| n.starts_with("SYS1.VVDS.V") && *n != new)
        .collect();
    for o in old {
        if !vol.contains(&new) {
            vol.rename(&o, &new)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ksds_define_write_read() {
        let d = tempfile::tempdir().unwrap();
        let mut v = Volume::create(&d.path().join("v.3390"), "IMSP02", 5, 1).unwrap();
        let def = ClusterDef {
            name: "IMSP.RECON1".into(),
            org: VsamOrg::Ksds,
            ci_size: 4096,
            max_record: 2000,
            key_len: 8,
            key_offset: 0,
            space: Space::trk(5, 5),
        };
        let ents = define_cluster(&mut v, &def).unwrap();
        assert_eq!(ents.len(), 3);
        let recs: Vec<Vec<u8>> = (0..500u32)
            .rev()
            .map(|i| format!("K{i:07}-payload-{i}").into_bytes())
            .collect();
        write_records(&mut v, "IMSP.RECON1.DATA", Some("IMSP.RECON1.INDEX"), &recs).unwrap();
        v.sync().unwrap();
        let back = read_records(&v, "IMSP.RECON1.DATA").unwrap();
        assert_eq!(back.len(), 500);
        assert!(back[0].starts_with(b"K0000000"));
        assert_eq!(vvds_entries(&v).unwrap().len(), 2);
        assert_eq!(v.info("IMSP.RECON1.DATA").unwrap().dsorg, "VS");
        let dup = vec![b"AAAAAAAA1".to_vec(), b"AAAAAAAA2".to_vec()];
        assert_eq!(
            write_records(&mut v, "IMSP.RECON1.DATA", Some("IMSP.RECON1.INDEX"), &dup)
                .unwrap_err()
                .id,
            "ICL209E"
        );
        delete_cluster(&mut v, "IMSP.RECON1").unwrap();
        assert!(!v.contains("IMSP.RECON1.DATA"));
    }
}
