//! Farm rules: duplicate VOLSERs never go online together, one writer at a
//! time, nothing outside the farm.

mod common;

use imsclone::dasd::Access;
use imsclone::farm::{Device, Farm};

#[test]
fn duplicate_volser_cannot_go_online() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("f");
    drop(common::farms::default_farm(&root));
    // A full-volume copy of IMSP01 on a new device, offline.
    std::fs::copy(root.join("volumes/0A80.3390"), root.join("volumes/0D00.3390")).unwrap();
    let mut farm = Farm::open_locked(&root).unwrap();
    farm.config.devices.push(Device {
        devnum: "0D00".into(),
        image: "volumes/0D00.3390".into(),
        devtype: "3390".into(),
        online: false,
        storage_group: None,
    });
    farm.save().unwrap();
    let e = farm.set_online("0D00", true).unwrap_err();
    assert_eq!(e.id, "ICL258E");
    assert!(e.text.contains("IMSP01"));
    // Relabelled, it may go online.
    let mut v = farm.open_device("0D00", Access::Write).unwrap();
    imsclone::catalog::vsam::relabel_volume(&mut v, "IMSQ01").unwrap();
    assert!(v.contains("SYS1.VVDS.VIMSQ01") && !v.contains("SYS1.VVDS.VIMSP01"));
    v.sync().unwrap();
    drop(v);
    farm.set_online("0D00", true).unwrap();
    assert_eq!(farm.device_of_volser("IMSQ01").unwrap().devnum, "0D00");
    drop(farm);
    let again = Farm::open(&root).unwrap();
    assert!(again.config.device("0D00").unwrap().online);
}

#[test]
fn one_writer_at_a_time_and_read_only_by_default() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("f");
    drop(common::farms::default_farm(&root));
    let a = Farm::open_locked(&root).unwrap();
    assert_eq!(Farm::open_locked(&root).unwrap_err().id, "ICL253E");
    // Readers are not blocked.
    let r = Farm::open(&root).unwrap();
    assert_eq!(r.open_device("0A80", Access::Write).unwrap_err().id, "ICL256S");
    drop(a);
    Farm::open_locked(&root).unwrap();
}

#[test]
fn images_outside_the_farm_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("f");
    drop(common::farms::default_farm(&root));
    let outside = d.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("volumes/link")).unwrap();
    let mut farm = Farm::open_locked(&root).unwrap();
    farm.config.devices.push(Device {
        devnum: "0D01".into(),
        image: "volumes/link/x.3390".into(),
        devtype: "3390".into(),
        online: false,
        storage_group: None,
    });
    let e = farm.open_device("0D01", Access::Read).unwrap_err();
    assert_eq!(e.id, "ICL252E");
    assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
}
