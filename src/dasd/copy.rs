//! Data-set-level copy, track by track (what DFSMSdss does for a data set):
//! every used relative track of the source is written to the same relative
//! track of the target, records unchanged but for their addresses, so TTRs
//! (PDS directories, DS1LSTAR) stay valid. The target gets the source's
//! DCB, DS1LSTAR, DS1TRBAL and DS1NOBDB.

use super::dscb::Dscb;
use super::geometry::Cchh;
use super::track::Track;
use super::volume::Volume;
use crate::{Result, icl};

/// Copy data set `from` on `src` over the existing data set `to` on `dst`;
/// the bytes of the records copied.
pub fn copy_dataset(src: &Volume, from: &str, dst: &mut Volume, to: &str) -> Result<u64> {
    let sf1 = src.format1(from)?.clone();
    let slayout = src.layout(from)?;
    // Tracks in use: up to the one holding DS1LSTAR (all of them when unset).
    let used = if sf1.lstar.tt == 0 && sf1.lstar.r == 0 {
        slayout.total_tracks()
    } else {
        sf1.lstar.tt as u32 + 1
    };
    let slot = dst.slot(to)?;
    let mut dlayout = dst.layout(to)?;
    while dlayout.total_tracks() < used {
        dlayout.extents = dst.extend(slot)?;
    }
    let mut bytes = 0u64;
    for tt in 0..used {
        let s = slayout
            .abs(tt)
            .ok_or_else(|| icl!("ICL116E", "{from}: relative track {tt} is off its extents"))?;
        let d = dlayout
            .abs(tt)
            .ok_or_else(|| icl!("ICL116E", "{to}: relative track {tt} is off its extents"))?;
        let mut t: Track = src.peek_track(s)?.into_owned();
        bytes += t
            .records
            .iter()
            .map(|r| (r.key.len() + r.data.len()) as u64)
            .sum::<u64>();
        t.cchh = Cchh::from_track(d);
        dst.put_track(t)?;
    }
    let mut f1 = dst
        .vtoc
        .f1(slot)
        .cloned()
        .ok_or_else(|| icl!("ICL110E", "slot {slot} is not a Format-1"))?;
    f1.dsorg = sf1.dsorg;
    f1.recfm = sf1.recfm;
    f1.lrecl = sf1.lrecl;
    f1.blkl = sf1.blkl;
    f1.keyl = sf1.keyl;
    f1.lstar = sf1.lstar;
    f1.trbal = sf1.trbal;
    f1.nobdb = sf1.nobdb;
    dst.put_dscb(slot, Dscb::F1(Box::new(f1)))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dasd::{Dcb, Space};

    #[test]
    fn pds_copies_with_members_readable() {
        let d = tempfile::tempdir().unwrap();
        let mut a = Volume::create(&d.path().join("a.3390"), "SRC001", 5, 1).unwrap();
        a.create_dataset("X.PDS", Dcb::po_fb(80, 3120), Space::trk(3, 2).with_dir(3))
            .unwrap();
        for i in 0..20 {
            let lines: Vec<String> = (0..100).map(|n| format!("M{i} LINE {n}")).collect();
            a.write_member_text("X.PDS", &format!("M{i:03}"), &lines, None).unwrap();
        }
        a.sync().unwrap();
        let mut b = Volume::create(&d.path().join("b.3390"), "DST001", 5, 1).unwrap();
        // Allocate the target elsewhere on its volume so addresses differ.
        b.create_dataset("PAD.X", Dcb::ps_fb(80, 800), Space::trk(7, 0))
            .unwrap();
        b.create_dataset("Y.PDS", Dcb::po_fb(80, 3120), Space::trk(1, 1).with_dir(1))
            .unwrap();
        copy_dataset(&a, "X.PDS", &mut b, "Y.PDS").unwrap();
        b.sync().unwrap();
        assert_eq!(b.members("Y.PDS").unwrap().len(), 20);
        assert_eq!(
            b.read_member_text("Y.PDS", "M013").unwrap(),
            a.read_member_text("X.PDS", "M013").unwrap()
        );
    }
}
