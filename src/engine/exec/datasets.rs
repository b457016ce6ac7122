//! Data-set-level work shared by the refresh and the skeleton clone:
//! allocate a target like its source (a VSAM-like cluster or a non-VSAM
//! data set) and copy its contents track by track.

use crate::catalog::vsam::{self, ClusterDef};
use crate::catalog::{Entry, VsamOrg};
use crate::dasd::{Space, Volume};
use crate::{Result, icl};

/// The component (or data set) that holds a data set's blocks.
pub fn data_part(dsn: &str, vsam: bool) -> String {
    if vsam { format!("{dsn}.DATA") } else { dsn.to_string() }
}

/// Allocate `to` on `dst` with the attributes and size of `from` on `src`,
/// unless it is there already. The catalog entries of what was allocated
/// (`None`: nothing was). A cluster found half defined (a run killed
/// between its components) is deleted and defined again.
pub fn allocate_like(src: &Volume, from: &str, dst: &mut Volume, to: &str, vsam: bool) -> Result<Option<Vec<Entry>>> {
    if !vsam {
        if dst.contains(to) {
            return Ok(None);
        }
        let dcb = src.dcb(from)?;
        // A PDS's directory comes with its tracks: the copy brings it.
        dst.create_dataset(to, dcb, Space::trk(src.allocated_tracks(from)?, 5))?;
        return Ok(Some(vec![Entry::nonvsam(to, &[&dst.volser()])]));
    }
    let (data, index) = (format!("{from}.DATA"), format!("{from}.INDEX"));
    let (tdata, tindex) = (format!("{to}.DATA"), format!("{to}.INDEX"));
    let ksds = src.contains(&index);
    if dst.contains(&tdata) && (!ksds || dst.contains(&tindex)) {
        return Ok(None);
    }
    if dst.contains(&tdata) || dst.contains(&tindex) {
        vsam::delete_cluster(dst, to)?;
    }
    let d = src.dcb(&data)?;
    let def = ClusterDef {
        name: to.to_string(),
        org: if ksds { VsamOrg::Ksds } else { VsamOrg::Esds },
        ci_size: d.blksize,
        max_record: d.lrecl.saturating_sub(4),
        key_len: d.keylen,
        key_offset: 0,
        space: Space::trk(src.allocated_tracks(&data)?, 5),
    };
    vsam::define_cluster(dst, &def).map(Some)
}

/// Copy the contents of `from` over the allocated `to` (both components of
/// a cluster); the bytes copied.
pub fn copy_contents(src: &Volume, from: &str, dst: &mut Volume, to: &str, vsam: bool) -> Result<u64> {
    if !vsam {
        return crate::dasd::copy::copy_dataset(src, from, dst, to);
    }
    let mut bytes = crate::dasd::copy::copy_dataset(src, &format!("{from}.DATA"), dst, &format!("{to}.DATA"))?;
    let (index, tindex) = (format!("{from}.INDEX"), format!("{to}.INDEX"));
    if src.contains(&index) {
        if !dst.contains(&tindex) {
            return Err(icl!("ICL458E", "{to} has no index component to copy {index} into"));
        }
        bytes += crate::dasd::copy::copy_dataset(src, &index, dst, &tindex)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dasd::Dcb;

    #[test]
    fn allocates_once_and_mends_a_half_defined_cluster() {
        let d = tempfile::tempdir().unwrap();
        let mut a = Volume::create(&d.path().join("a.3390"), "SRC001", 5, 1).unwrap();
        let def = ClusterDef {
            name: "A.KSDS".into(),
            org: VsamOrg::Ksds,
            ci_size: 4096,
            max_record: 200,
            key_len: 8,
            key_offset: 0,
            space: Space::trk(3, 1),
        };
        vsam::define_cluster(&mut a, &def).unwrap();
        a.create_dataset("A.PS", Dcb::ps_fb(80, 800), Space::trk(2, 0)).unwrap();
        let mut b = Volume::create(&d.path().join("b.3390"), "DST001", 5, 1).unwrap();
        assert!(allocate_like(&a, "A.PS", &mut b, "B.PS", false).unwrap().is_some());
        assert!(allocate_like(&a, "A.PS", &mut b, "B.PS", false).unwrap().is_none());
        let e = allocate_like(&a, "A.KSDS", &mut b, "B.KSDS", true).unwrap().unwrap();
        assert_eq!(e.len(), 3, "cluster, data and index entries");
        // A run killed between the components leaves the data alone: the
        // next allocation defines the cluster again, whole.
        b.scratch("B.KSDS.INDEX").unwrap();
        assert!(allocate_like(&a, "A.KSDS", &mut b, "B.KSDS", true).unwrap().is_some());
        assert!(b.contains("B.KSDS.DATA") && b.contains("B.KSDS.INDEX"));
        assert_eq!(
            b.allocated_tracks("B.KSDS.DATA").unwrap(),
            a.allocated_tracks("A.KSDS.DATA").unwrap()
        );
        copy_contents(&a, "A.KSDS", &mut b, "B.KSDS", true).unwrap();
    }
}
