//! Building test farms.

use std::path::Path;

use imsclone::farm::Farm;
use imsclone::farm::sample::{self, source};

/// The default sample farm, materialized at `dir`.
pub fn default_farm(dir: &Path) -> Farm {
    let src = source::Embedded::named("default").unwrap();
    let text = String::from_utf8(source::SampleSource::read(&src, "sample.toml").unwrap()).unwrap();
    let spec = sample::spec::SampleSpec::parse(&text, "default").unwrap();
    sample::materialize(&spec, &src, dir).unwrap()
}

/// SHA-256 of every file that makes up the farm's state (volume images and
/// farm.toml), by relative path; job folders and the lock are not state.
pub fn checksums(root: &Path) -> std::collections::BTreeMap<String, String> {
    use sha2::{Digest, Sha256};
    let mut out = std::collections::BTreeMap::new();
    let mut files = vec![root.join("farm.toml")];
    for e in std::fs::read_dir(root.join("volumes")).unwrap().flatten() {
        files.push(e.path());
    }
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let h = Sha256::digest(&bytes);
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        out.insert(rel, h.iter().map(|b| format!("{b:02x}")).collect());
    }
    out
}

/// Checksums of some devices only.
pub fn device_sums(root: &Path, devices: &[&str]) -> std::collections::BTreeMap<String, String> {
    checksums(root)
        .into_iter()
        .filter(|(k, _)| devices.iter().any(|d| k.contains(d)))
        .collect()
}

/// A RECON cluster of a farm, decoded.
pub fn recon_of(f: &Path, cluster: &str) -> imsclone::ims::recon::Recon {
    let farm = Farm::open(f).unwrap();
    let r = imsclone::farm::reader::FarmReader::new(&farm).unwrap();
    imsclone::ims::recon::volume_io::load(&r.volume_of(cluster).unwrap(), cluster).unwrap()
}

/// The blocks of a cataloged data set (of its data component for a cluster).
pub fn blocks(f: &Path, dsn: &str) -> Vec<Vec<u8>> {
    let farm = Farm::open(f).unwrap();
    let r = imsclone::farm::reader::FarmReader::new(&farm).unwrap();
    let v = r.volume_of(dsn).unwrap();
    let name = if v.contains(dsn) {
        dsn.to_string()
    } else {
        format!("{dsn}.DATA")
    };
    v.read_blocks(&name).unwrap().into_iter().map(|b| b.data).collect()
}
