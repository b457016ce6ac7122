//! Hercules oracle tests on the default sample farm: every volume listed by
//! dasdls shows exactly the data sets imsclone reports; every PS FB data set
//! printed by dasdseq and every PDS FB member printed by dasdcat equals
//! imsclone's own reading; the farm is deterministic and builds fast.

mod common;

use std::path::Path;

use common::*;
use imsclone::dasd::dscb::recfm;
use imsclone::dasd::{Access, Volume};
use imsclone::farm::Farm;

fn build_default(dir: &Path) -> Farm {
    common::farms::default_farm(dir)
}

fn trimmed(v: Vec<String>) -> Vec<String> {
    v.into_iter().map(|l| l.trim_end().to_string()).collect()
}

#[test]
fn every_volume_data_set_and_member_reads_the_same_in_hercules() {
    let d = tempfile::tempdir().unwrap();
    let farm = build_default(&d.path().join("farm"));
    let mut checked_ps = 0;
    let mut checked_members = 0;
    for dev in &farm.config.devices {
        let img = farm.image_path(dev).unwrap();
        let vol = Volume::open(&img, Access::Read).unwrap();
        assert_eq!(dasdls_volser(&img), vol.volser());
        let mut ours = vol.dataset_names();
        let mut theirs = dasdls_names(&img);
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs, "device {}", dev.devnum);
        for ds in vol.datasets().unwrap() {
            let dcb = vol.dcb(&ds.dsn).unwrap();
            let fixed = dcb.recfm & 0xC0 == recfm::F;
            if ds.dsorg == "PS" && fixed {
                let mine = trimmed(vol.read_text(&ds.dsn).unwrap());
                // dasdseq -ascii translates every byte; compare printable text data sets only.
                if mine.iter().all(|l| l.chars().all(|c| (' '..='~').contains(&c))) {
                    assert_eq!(mine, trimmed(dasdseq_ascii(&img, &ds.dsn)), "{}", ds.dsn);
                    checked_ps += 1;
                }
            }
            if ds.dsorg == "PO" && fixed && dcb.lrecl == 80 {
                let members: Vec<String> = vol.members(&ds.dsn).unwrap().into_iter().map(|m| m.name).collect();
                assert_eq!(members, dasdcat_members(&img, &ds.dsn), "{}", ds.dsn);
                for m in &members {
                    let mine = trimmed(vol.read_member_text(&ds.dsn, m).unwrap());
                    assert_eq!(mine, trimmed(dasdcat_member(&img, &ds.dsn, m)), "{}({m})", ds.dsn);
                    checked_members += 1;
                }
            }
        }
    }
    assert!(checked_ps >= 1, "no PS data set was compared");
    assert!(checked_members >= 50, "only {checked_members} members compared");
}

#[test]
fn default_farm_is_deterministic() {
    let d = tempfile::tempdir().unwrap();
    let a = build_default(&d.path().join("a"));
    let b = build_default(&d.path().join("b"));
    for dev in &a.config.devices {
        let pa = a.image_path(dev).unwrap();
        let pb = b.image_path(dev).unwrap();
        assert!(
            imsclone::engine::movers::same_content(&pa, &pb).unwrap(),
            "device {} differs",
            dev.devnum
        );
    }
}

#[test]
fn default_farm_has_the_promised_systems() {
    let d = tempfile::tempdir().unwrap();
    let farm = build_default(&d.path().join("farm"));
    assert_eq!(farm.config.systems(), vec!["IMSP", "IMST"]);
    let imsp: Vec<&str> = farm
        .config
        .members_of("IMSP")
        .iter()
        .map(|s| s.imsid.as_str())
        .collect();
    assert_eq!(imsp, vec!["IMP1", "IMP2"]);
    let sgs: Vec<&str> = farm.config.storage_groups.iter().map(|s| s.name.as_str()).collect();
    assert!(sgs.contains(&"SGIMSPS") && sgs.contains(&"SGIMSPD"));
    let cats = farm.catalogs().unwrap();
    assert_eq!(cats.master.alias_target("IMSP"), Some("UCAT.IMSP"));
    assert!(cats.locate("IMSP.PROCLIB").is_some());
    assert!(
        cats.locate("IMSP.ACCTHDB.P3.A00004").is_some(),
        "HALDB partition 3 carries ID 4"
    );
    // The RECON holds the gap.
    let vs = cats.volumes_of("IMSP.RECON1");
    let vol = farm.open_volser(&vs[0], Access::Read).unwrap();
    let recon = imsclone::ims::recon::volume_io::load(&vol, "IMSP.RECON1").unwrap();
    assert_eq!(recon.partition_ids("ACCTHDB"), vec![1, 2, 4]);
    assert_eq!(recon.header.recons[2].dsn.as_deref(), Some("IMSP.RECON3"));
}
