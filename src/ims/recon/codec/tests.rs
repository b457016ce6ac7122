//! Round trips and robustness of the RECON record format.

use super::super::testgen;
use super::*;
use crate::ims::recon::*;
use proptest::prelude::*;

fn sample() -> Recon {
    let t = ReconTime::new(2025, 140, 6, 0, 2, 1).unwrap_or_else(|_| ReconTime::from_tenths(0));
    let mut r = Recon::new(t);
    let dmb = r.next_dmb();
    r.add_db(Db::new("CUSTDB", DbKind::Ims, dmb)).unwrap();
    r.add_dbds("CUSTDB", Dbds::new("CUSTDD1", "IMSP.CUSTDB.CUSTDD1", 1))
        .unwrap();
    r
}

#[test]
fn sample_round_trip() {
    let r = sample();
    let recs = encode(&r);
    assert_eq!(recs.len(), 3);
    assert_eq!(decode(&recs).unwrap(), r);
    // Records are in key order: header, DB, DBDS.
    assert_eq!(recs[0][16], RecType::Header as u8);
    assert_eq!(recs[1][16], RecType::Db as u8);
    assert_eq!(recs[2][16], RecType::Dbds as u8);
}

#[test]
fn errors_have_ids() {
    let recs = encode(&sample());
    let id = |v: &[Vec<u8>]| decode(v).err().map(|e| e.id);
    assert_eq!(id(&[]), Some("ICL370E"));
    assert_eq!(id(&[recs[1].clone()]), Some("ICL370E"));
    assert_eq!(id(&[vec![0; 10]]), Some("ICL355E"));
    // duplicate singleton header
    let mut dup = recs.clone();
    dup.push(recs[0].clone());
    assert_eq!(id(&dup), Some("ICL358E"));
    // a second header with another sequence number is still a second header
    let mut h2 = recs[0].clone();
    h2[28] = 1;
    assert_eq!(id(&[recs[0].clone(), h2]), Some("ICL358E"));
    // unknown record type
    let mut bad = recs.clone();
    bad[1][16] = 0x77;
    assert_eq!(id(&bad), Some("ICL357E"));
    // bad EBCDIC in a name (lower-case letters)
    let mut bad = recs.clone();
    bad[1][0] = 0x81;
    assert_eq!(id(&bad), Some("ICL353E"));
    // bad field length
    let mut bad = recs.clone();
    let n = bad[1].len();
    bad[1][36] = 0xFF;
    bad[1].truncate(n - 1);
    assert_eq!(id(&bad), Some("ICL356E"));
    // version
    let mut bad = recs.clone();
    bad[1][33] = 9;
    assert_eq!(id(&bad), Some("ICL359E"));
    // orphan DBDS
    assert_eq!(id(&[recs[0].clone(), recs[2].clone()]), Some("ICL369E"));
}

#[test]
fn unknown_tags_survive() {
    let mut recs = encode(&sample());
    // A newer imsclone added field 0x5F01 to the DBDS record.
    recs[2].extend_from_slice(&[0x5F, 0x01, 0x00, 0x02, 0xAB, 0xCD]);
    let mut r = decode(&recs).unwrap();
    // Modify something else, write back: the unknown field is still there.
    if let Some(d) = r.dbds_mut("CUSTDB", "CUSTDD1") {
        d.genmax = 5;
    }
    let again = encode(&r);
    assert!(again[2].windows(6).any(|w| w == [0x5F, 0x01, 0x00, 0x02, 0xAB, 0xCD]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn round_trip(r in testgen::recon()) {
        let recs = encode(&r);
        let back = decode(&recs);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.unwrap_or_else(|_| r.clone());
        prop_assert_eq!(&back, &r.normalized());
        prop_assert_eq!(encode(&back), recs);
    }

    #[test]
    fn serde_json_round_trip(r in testgen::recon()) {
        let json = serde_json::to_string(&r).unwrap_or_default();
        let back: Option<Recon> = serde_json::from_str(&json).ok();
        prop_assert_eq!(back, Some(r));
    }

    #[test]
    fn any_order_decodes_the_same(r in testgen::recon(), seed in any::<u64>()) {
        let mut recs = encode(&r);
        // A deterministic shuffle.
        let n = recs.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) >> 33) as usize % (i + 1);
            recs.swap(i, j);
        }
        prop_assert_eq!(decode(&recs).ok(), Some(r.normalized()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(recs in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..6)) {
        let _ = decode(&recs);
    }

    #[test]
    fn damaged_records_never_panic(r in testgen::recon(), which in any::<usize>(), pos in any::<usize>(), byte in any::<u8>(), cut in any::<bool>()) {
        let mut recs = encode(&r);
        let i = which % recs.len();
        let rec = &mut recs[i];
        let p = pos % rec.len();
        if cut { rec.truncate(p); } else { rec[p] = byte; }
        let _ = decode(&recs);
    }
}
