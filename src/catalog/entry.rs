//! Catalog entries and their record format on disk (one VB record per
//! entry; see docs/formats.md, "Catalogs").

use serde::Serialize;

use crate::dasd::ebcdic;
use crate::{Result, icl_bail};

/// Organisation of a VSAM-like cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VsamOrg {
    /// Key-sequenced (data + index components).
    Ksds,
    /// Entry-sequenced (data component only).
    Esds,
}

impl VsamOrg {
    fn code(self) -> u8 {
        match self {
            VsamOrg::Ksds => b'K',
            VsamOrg::Esds => b'E',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            VsamOrg::Ksds => "KSDS",
            VsamOrg::Esds => "ESDS",
        }
    }
}

/// What kind of entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum EntryKind {
    /// A non-VSAM data set.
    NonVsam,
    /// A VSAM-like cluster and its component names.
    Cluster {
        org: VsamOrg,
        data: String,
        index: Option<String>,
    },
    /// The data component of a cluster.
    Data { cluster: String },
    /// The index component of a KSDS.
    Index { cluster: String },
    /// An alias: HLQ -> user catalog (master catalog only).
    Alias { ucat: String },
    /// A user catalog connector (master catalog only).
    UserCatalog,
}

impl EntryKind {
    /// IDCAMS LISTCAT's word for the entry type.
    pub fn type_name(&self) -> &'static str {
        match self {
            EntryKind::NonVsam => "NONVSAM",
            EntryKind::Cluster { .. } => "CLUSTER",
            EntryKind::Data { .. } => "DATA",
            EntryKind::Index { .. } => "INDEX",
            EntryKind::Alias { .. } => "ALIAS",
            EntryKind::UserCatalog => "USERCATALOG",
        }
    }
}

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub name: String,
    pub kind: EntryKind,
    /// Volumes holding the data set (empty for aliases and clusters, whose
    /// components carry the volumes).
    pub volumes: Vec<String>,
    /// Device type, `3390`.
    pub devtype: String,
}

impl Entry {
    pub fn nonvsam(name: &str, volumes: &[&str]) -> Entry {
        Entry {
            name: name.to_string(),
            kind: EntryKind::NonVsam,
            volumes: volumes.iter().map(|v| v.to_string()).collect(),
            devtype: "3390".into(),
        }
    }
}

/// Record type codes.
const T_NONVSAM: u8 = b'A';
const T_CLUSTER: u8 = b'C';
const T_DATA: u8 = b'D';
const T_INDEX: u8 = b'I';
const T_ALIAS: u8 = b'X';
const T_UCAT: u8 = b'U';

/// The 4-byte UCB device type of a 3390.
const DEVTYPE_3390: [u8; 4] = [0x30, 0x10, 0x20, 0x0F];

/// Encode an entry as one record:
/// type(1, EBCDIC letter) name(44) related(44) org(1) devtype(4)
/// nvol(1) volsers(6 each) [index name(44) for a KSDS cluster].
pub fn encode(e: &Entry) -> Vec<u8> {
    let (t, related, org, extra) = match &e.kind {
        EntryKind::NonVsam => (T_NONVSAM, "", b' ', None),
        EntryKind::Cluster { org, data, index } => (T_CLUSTER, data.as_str(), org.code(), index.as_deref()),
        EntryKind::Data { cluster } => (T_DATA, cluster.as_str(), b' ', None),
        EntryKind::Index { cluster } => (T_INDEX, cluster.as_str(), b' ', None),
        EntryKind::Alias { ucat } => (T_ALIAS, ucat.as_str(), b' ', None),
        EntryKind::UserCatalog => (T_UCAT, "", b' ', None),
    };
    let mut r = Vec::with_capacity(96 + 6 * e.volumes.len());
    r.extend(ebcdic::encode(&(t as char).to_string()));
    r.extend(ebcdic::encode_padded(&e.name, 44));
    r.extend(ebcdic::encode_padded(related, 44));
    r.extend(ebcdic::encode(&(org as char).to_string()));
    r.extend_from_slice(&DEVTYPE_3390);
    r.push(e.volumes.len() as u8);
    for v in &e.volumes {
        r.extend(ebcdic::encode_padded(v, 6));
    }
    if let Some(ix) = extra {
        r.extend(ebcdic::encode_padded(ix, 44));
    }
    r
}

/// Decode one record; `ICL203E` when it is damaged.
pub fn decode(r: &[u8]) -> Result<Entry> {
    if r.len() < 95 {
        icl_bail!(
            "ICL203E",
            "catalog record of {} bytes is too short (at least 95)",
            r.len()
        );
    }
    let t = ebcdic::e2c(r[0]) as u8;
    let name = ebcdic::decode_trim(&r[1..45]);
    let related = ebcdic::decode_trim(&r[45..89]);
    let org = ebcdic::e2c(r[89]) as u8;
    let nvol = r[94] as usize;
    let volend = 95 + 6 * nvol;
    if r.len() < volend {
        icl_bail!("ICL203E", "catalog record for {name} is truncated in its volume list");
    }
    let volumes = r[95..volend].chunks(6).map(ebcdic::decode_trim).collect();
    if crate::dasd::names::dsn_problem(&name).is_some() {
        icl_bail!("ICL203E", "catalog record holds an invalid name '{name}'");
    }
    let kind = match t {
        T_NONVSAM => EntryKind::NonVsam,
        T_CLUSTER => {
            let org = match org {
                b'K' => VsamOrg::Ksds,
                b'E' => VsamOrg::Esds,
                _ => icl_bail!("ICL203E", "cluster {name} has an unknown organisation code"),
            };
            let index = if org == VsamOrg::Ksds {
                if r.len() < volend + 44 {
                    icl_bail!("ICL203E", "KSDS cluster {name} lacks its index component name");
                }
                Some(ebcdic::decode_trim(&r[volend..volend + 44]))
            } else {
                None
            };
            EntryKind::Cluster {
                org,
                data: related,
                index,
            }
        }
        T_DATA => EntryKind::Data { cluster: related },
        T_INDEX => EntryKind::Index { cluster: related },
        T_ALIAS => EntryKind::Alias { ucat: related },
        T_UCAT => EntryKind::UserCatalog,
        _ => icl_bail!(
            "ICL203E",
            "catalog record for {name} has an unknown type code {:02X}",
            r[0]
        ),
    };
    Ok(Entry {
        name,
        kind,
        volumes,
        devtype: "3390".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let es = [
            Entry::nonvsam("IMSP.PROCLIB", &["IMSP01"]),
            Entry {
                name: "IMSP.RECON1".into(),
                kind: EntryKind::Cluster {
                    org: VsamOrg::Ksds,
                    data: "IMSP.RECON1.DATA".into(),
                    index: Some("IMSP.RECON1.INDEX".into()),
                },
                volumes: vec![],
                devtype: "3390".into(),
            },
            Entry {
                name: "IMSP".into(),
                kind: EntryKind::Alias {
                    ucat: "UCAT.IMSP".into(),
                },
                volumes: vec![],
                devtype: "3390".into(),
            },
        ];
        for e in es {
            assert_eq!(decode(&encode(&e)).unwrap(), e);
        }
        assert_eq!(decode(&[0x40; 10]).unwrap_err().id, "ICL203E");
    }
}
