//! Property tests: EBCDIC, DSCB and VOL1 round trips, and robustness of the
//! readers against corrupt images (errors with IDs, never panics).

use imsclone::dasd::dscb::{DSCB_LEN, Dscb};
use imsclone::dasd::geometry::{Cchh, TRACK_IMAGE_LEN};
use imsclone::dasd::track::Track;
use imsclone::dasd::vol1::Vol1;
use imsclone::dasd::{Access, Dcb, Space, Volume, ebcdic};
use proptest::prelude::*;

proptest! {
    #[test]
    fn ebcdic_round_trip(s in "[\\x20-\\x7E\\u{A0}-\\u{FF}]{0,200}") {
        prop_assert_eq!(ebcdic::decode(&ebcdic::encode(&s)), s);
    }

    #[test]
    fn ebcdic_bytes_round_trip(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(ebcdic::encode(&ebcdic::decode(&b)), b);
    }

    #[test]
    fn dscb_decode_encode_is_identity(mut b in proptest::collection::vec(any::<u8>(), DSCB_LEN), id in prop::sample::select(vec![0xF1u8, 0xF3, 0xF4, 0xF5, 0x00, 0x37])) {
        b[44] = id;
        let d = Dscb::decode(&b[..44], &b[44..]).unwrap();
        prop_assert_eq!(d.encode().to_vec(), b);
    }

    #[test]
    fn vol1_round_trip(mut b in proptest::collection::vec(any::<u8>(), 80), vs in "[A-Z#$@][A-Z0-9#$@]{0,5}") {
        b[0..4].copy_from_slice(&[0xE5, 0xD6, 0xD3, 0xF1]);
        let mut v = Vol1::decode(&b).unwrap();
        prop_assert_eq!(v.encode().to_vec(), b.clone());
        v.set_volser(&vs).unwrap();
        prop_assert_eq!(v.volser(), vs);
        prop_assert_eq!(Vol1::decode(&v.encode()).unwrap(), v);
    }

    #[test]
    fn track_parse_never_panics(b in proptest::collection::vec(any::<u8>(), 0..2000), c in 0u16..3, h in 0u16..15) {
        let mut buf = b.clone();
        if buf.len() > 5 { buf[0] = 0; buf[1..5].copy_from_slice(&Cchh::new(c, h).to_bytes()); }
        let _ = Track::parse(&buf, Cchh::new(c, h));
    }
}

fn sample_volume(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("v.3390");
    let mut v = Volume::create(&p, "PROP01", 3, 1).unwrap();
    v.create_dataset("P.PS", Dcb::ps_fb(80, 800), Space::trk(2, 1)).unwrap();
    v.write_text("P.PS", &(0..40).map(|i| format!("REC {i}")).collect::<Vec<_>>())
        .unwrap();
    v.create_dataset("P.PDS", Dcb::po_fb(80, 3120), Space::trk(3, 1).with_dir(2))
        .unwrap();
    v.write_member_text("P.PDS", "M1", &["A".to_string(), "B".to_string()], None)
        .unwrap();
    v.sync().unwrap();
    p
}

/// Read everything a listing or a browse would read.
fn read_all(p: &std::path::Path) {
    if let Ok(v) = Volume::open(p, Access::Read) {
        let _ = v.datasets();
        for n in v.dataset_names() {
            let _ = v.read_records(&n);
            if let Ok(ms) = v.members(&n) {
                for m in ms {
                    let _ = v.read_member(&n, &m.name);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn corrupt_images_give_errors_not_panics(flips in proptest::collection::vec((0usize..3 * TRACK_IMAGE_LEN, any::<u8>()), 1..40)) {
        let d = tempfile::tempdir().unwrap();
        let p = sample_volume(d.path());
        let mut bytes = std::fs::read(&p).unwrap();
        for (off, val) in flips {
            // Aim at the header, track 0 and the VTOC track, where damage matters.
            let o = 512usize.saturating_sub(200) + off % (2 * TRACK_IMAGE_LEN);
            if o < bytes.len() { bytes[o] = val; }
        }
        std::fs::write(&p, &bytes).unwrap();
        read_all(&p);
    }
}

#[test]
fn truncated_and_pointer_off_volume() {
    let d = tempfile::tempdir().unwrap();
    let p = sample_volume(d.path());
    let bytes = std::fs::read(&p).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() - 1000]).unwrap();
    assert_eq!(Volume::open(&p, Access::Read).unwrap_err().id, "ICL103E");
    // VTOC pointer in VOL1 pointing at cylinder 0x7FFF.
    let mut b = bytes.clone();
    let vol1 = 512 + 225; // VOL1 data in track 0
    b[vol1 + 11..vol1 + 16].copy_from_slice(&[0x7F, 0xFF, 0, 1, 1]);
    std::fs::write(&p, &b).unwrap();
    assert_eq!(Volume::open(&p, Access::Read).unwrap_err().id, "ICL113E");
    // A hole where the VTOC track should be.
    let mut b = bytes.clone();
    b[512 + TRACK_IMAGE_LEN..512 + 2 * TRACK_IMAGE_LEN].fill(0);
    std::fs::write(&p, &b).unwrap();
    assert_eq!(Volume::open(&p, Access::Read).unwrap_err().id, "ICL105E");
}

#[test]
fn source_volume_opened_read_only_cannot_be_written() {
    let d = tempfile::tempdir().unwrap();
    let p = sample_volume(d.path());
    let before = std::fs::read(&p).unwrap();
    let mut v = Volume::open(&p, Access::Read).unwrap();
    assert_eq!(v.relabel("NEW001").unwrap_err().id, "ICL109S");
    assert_eq!(v.write_text("P.PS", &["X".into()]).unwrap_err().id, "ICL109S");
    assert_eq!(v.scratch("P.PS").unwrap_err().id, "ICL109S");
    drop(v);
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn multi_file_volume_over_2519_cylinders() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("big.3390");
    let mut v = Volume::create(&p, "BIG001", 2600, 1).unwrap();
    // A data set placed beyond the first file.
    v.create_dataset("BIG.FIRST", Dcb::ps_fb(80, 27920), Space::cyl(2519, 0))
        .unwrap();
    v.create_dataset("BIG.SECOND", Dcb::ps_fb(80, 27920), Space::cyl(10, 0))
        .unwrap();
    v.write_text("BIG.SECOND", &["BEYOND FILE ONE".into()]).unwrap();
    v.sync().unwrap();
    drop(v);
    assert!(!p.exists());
    let f1 = d.path().join("big_1.3390");
    let f2 = d.path().join("big_2.3390");
    assert_eq!(std::fs::metadata(&f1).unwrap().len(), 2_147_397_632);
    assert_eq!(std::fs::metadata(&f2).unwrap().len(), 512 + 81 * 852_480);
    let h1 = std::fs::read(&f1).unwrap()[16..20].to_vec();
    assert_eq!(h1, vec![0x90, 0x01, 0xD6, 0x09]);
    let v = Volume::open(&p, Access::Read).unwrap();
    assert_eq!(v.cyls(), 2600);
    assert!(v.layout("BIG.SECOND").unwrap().extents[0].begin.cyl >= 2519);
    assert_eq!(v.read_text("BIG.SECOND").unwrap()[0].trim_end(), "BEYOND FILE ONE");
    // dasdls reads the file set too.
    let (_, out, _) = common::herc("dasdls", &[f1.to_str().unwrap()], d.path());
    assert!(out.contains("BIG.SECOND"), "{out}");
}

mod common;
