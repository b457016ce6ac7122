//! Round trips, corruption and determinism of database data sets.

use super::*;
use crate::dasd::ebcdic;
use proptest::prelude::*;

fn t0() -> ReconTime {
    ReconTime::new(2025, 140, 6, 0, 0, 0).unwrap_or_else(|_| ReconTime::from_tenths(0))
}

fn spec(kind: DsKind) -> GenSpec {
    GenSpec {
        dbd: "ACCTHDB".into(),
        ddn: "ACCTP3A".into(),
        kind,
        dsid: 1,
        partition_id: 4,
        reorg: 1,
        block_size: 4096,
        seed: 42,
        count: 500,
        created: t0(),
        area: None,
    }
}

#[test]
fn haldb_bitmap_block_starts_with_id_and_reorg() {
    let bytes = generate(&spec(DsKind::Osam)).unwrap();
    assert_eq!(&bytes[0..4], &[0x00, 0x04, 0x00, 0x01]);
    assert_eq!(bytes.len() % 4096, 0);
    let ds = read(&bytes).unwrap();
    assert_eq!(ds.records.len(), 500);
    assert_eq!(ds.header.ddn, "ACCTP3A");
    assert_eq!(ds.records[0].code, 1);
    // Roots are in key order.
    let roots: Vec<&Vec<u8>> = ds.records.iter().filter(|r| r.code == 1).map(|r| &r.key).collect();
    assert!(roots.windows(2).all(|w| w[0] < w[1]));
    // The data looks like customers: EBCDIC name with a comma.
    assert!(ebcdic::decode(&ds.records[0].data[..30]).contains(", "));
}

#[test]
fn deterministic_and_seed_dependent() {
    let a = generate(&spec(DsKind::Osam)).unwrap();
    assert_eq!(a, generate(&spec(DsKind::Osam)).unwrap());
    let mut s = spec(DsKind::Osam);
    s.seed = 43;
    assert_ne!(a, generate(&s).unwrap());
    let mut s = spec(DsKind::Osam);
    s.ddn = "ACCTP3B".into();
    assert_ne!(a[4096..], generate(&s).unwrap()[4096..]);
}

#[test]
fn rewrite_partition_id() {
    let mut bytes = generate(&spec(DsKind::Osam)).unwrap();
    set_partition(&mut bytes, 7, 3).unwrap();
    let h = read(&bytes).unwrap().header;
    assert_eq!((h.partition_id, h.reorg), (7, 3));
    let mut foreign = vec![0u8; 4096];
    assert_eq!(set_partition(&mut foreign, 1, 1).unwrap_err().id, "ICL392E");
    assert!(foreign.iter().all(|&b| b == 0), "a foreign file is never touched");
}

#[test]
fn other_organisations() {
    let mut s = spec(DsKind::DedbArea);
    s.partition_id = 0;
    s.reorg = 0;
    s.area = Some(AreaGeometry {
        ci_size: 4096,
        uow_cis: 20,
        uow_overflow: 4,
        root_uows: 100,
        root_overflow: 10,
    });
    let ds = read(&generate(&s).unwrap()).unwrap();
    assert_eq!(ds.header.area.map(|a| a.uow_cis), Some(20));
    assert_eq!(
        &ds.records[0].data[0..2],
        &(ds.records[0].data.len() as u16 + 8).to_be_bytes()
    );
    s.area = None;
    assert_eq!(generate(&s).unwrap_err().id, "ICL390E");

    let ds = read(&generate(&spec(DsKind::Index)).unwrap()).unwrap();
    assert!(ds.records.iter().all(|r| r.pointer().is_some() && r.key.len() == 10));
    let ds = read(&generate(&spec(DsKind::Ilds)).unwrap()).unwrap();
    assert_eq!(
        &ds.records[0].key[4..8],
        &[0, 4, 0, 1],
        "ILK carries partition ID and reorg#"
    );
}

#[test]
fn corruption_is_reported() {
    let good = generate(&spec(DsKind::Esds)).unwrap();
    let id = |b: &[u8]| read(b).err().map(|e| e.id);
    assert_eq!(id(&good[..10]), Some("ICL391E"));
    assert_eq!(id(&good[..good.len() - 1]), Some("ICL391E"));
    let mut b = good.clone();
    b[5] ^= 0xFF;
    assert_eq!(id(&b), Some("ICL392E"));
    let mut b = good.clone();
    b[0] = 9; // partition ID changed without the checksum
    assert_eq!(id(&b), Some("ICL393E"));
    let mut b = good.clone();
    b[4096] = 0xFF; // used length of block 1
    assert_eq!(id(&b), Some("ICL394E"));
    let mut b = good.clone();
    b[4096 + 5] = 0x41; // delete byte of the first record
    assert_eq!(id(&b), Some("ICL394E"));
    let mut s = spec(DsKind::Osam);
    s.block_size = 100;
    assert_eq!(generate(&s).unwrap_err().id, "ICL390E");
    s.block_size = 4096;
    s.dbd = "bad name".into();
    assert_eq!(generate(&s).unwrap_err().id, "ICL390E");
}

fn any_header() -> impl Strategy<Value = DsHeader> {
    (
        any::<u16>(),
        any::<u16>(),
        0usize..4,
        any::<u16>(),
        "[A-Z][A-Z0-9]{0,7}",
        "[A-Z][A-Z0-9]{0,7}",
        512u32..8192,
        any::<u64>(),
    )
        .prop_map(|(p, r, k, dsid, dbd, ddn, bs, seed)| DsHeader {
            partition_id: p,
            reorg: r,
            kind: [DsKind::Osam, DsKind::Esds, DsKind::Index, DsKind::Ilds][k],
            dsid,
            dbd,
            ddn,
            created: ReconTime::from_tenths(seed % 60_000_000_000),
            record_count: 0,
            block_size: bs,
            block_count: 0,
            seed,
            area: None,
        })
}

fn any_record() -> impl Strategy<Value = Record> {
    (
        1u8..=255,
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::collection::vec(any::<u8>(), 0..200),
    )
        .prop_map(|(code, deleted, key, data)| Record {
            code,
            deleted,
            key,
            data,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn build_read_round_trip(h in any_header(), recs in proptest::collection::vec(any_record(), 0..60)) {
        let bytes = build(&h, &recs).unwrap();
        let ds = read(&bytes).unwrap();
        prop_assert_eq!(ds.records, recs);
        prop_assert_eq!(ds.header.partition_id, h.partition_id);
        prop_assert_eq!(ds.header.dbd, h.dbd);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read(&b);
        let mut c = b.clone();
        let _ = set_partition(&mut c, 1, 1);
    }

    #[test]
    fn damaged_data_sets_never_panic(pos in any::<usize>(), byte in any::<u8>(), seed in any::<u64>()) {
        let mut s = spec(DsKind::Osam);
        s.seed = seed;
        s.count = 40;
        s.block_size = 512;
        let mut b = generate(&s).unwrap();
        let p = pos % b.len();
        b[p] = byte;
        let _ = read(&b);
    }
}
