//! Hercules oracle tests for the dasd layer: what imsclone writes, dasdls,
//! dasdseq, dasdcat and dasdpdsu read; what dasdload writes, imsclone reads;
//! a dasdcopy of an imsclone volume still reads.

mod common;

use common::*;
use imsclone::dasd::{Access, Dcb, Space, Volume, ebcdic};

fn lines(n: usize, tag: &str) -> Vec<String> {
    (1..=n).map(|i| format!("{tag} LINE {i:04} $#@. [abc] ^|")).collect()
}

#[test]
fn imsclone_volume_reads_in_hercules_tools() {
    let d = tempfile::tempdir().unwrap();
    let img = d.path().join("test01.3390");
    let mut v = Volume::create(&img, "TEST01", 10, 2).unwrap();
    v.create_dataset("DEMO.TEXT.FB", Dcb::ps_fb(80, 800), Space::trk(2, 1))
        .unwrap();
    v.write_text("DEMO.TEXT.FB", &lines(100, "FB")).unwrap();
    v.create_dataset("DEMO.TEXT.VB", Dcb::ps_vb(255, 1000), Space::trk(1, 1))
        .unwrap();
    v.write_text("DEMO.TEXT.VB", &["SHORT".into(), "A LONGER RECORD".into()])
        .unwrap();
    v.create_dataset("DEMO.EMPTY", Dcb::ps_fb(80, 3120), Space::trk(1, 0))
        .unwrap();
    v.create_dataset("DEMO.PDS", Dcb::po_fb(80, 3120), Space::trk(5, 5).with_dir(5))
        .unwrap();
    v.write_member_text("DEMO.PDS", "ALPHA", &lines(3, "ALPHA"), None)
        .unwrap();
    v.write_member_text("DEMO.PDS", "BETA", &lines(50, "BETA"), None)
        .unwrap();
    v.create_dataset("DEMO.BIG", Dcb::ps_fb(80, 27920), Space::trk(1, 1))
        .unwrap();
    v.write_text("DEMO.BIG", &lines(3000, "BIG")).unwrap(); // forces secondary extents
    v.sync().unwrap();
    drop(v);

    let names = dasdls_names(&img);
    assert_eq!(
        names,
        vec!["DEMO.TEXT.FB", "DEMO.TEXT.VB", "DEMO.EMPTY", "DEMO.PDS", "DEMO.BIG"]
    );
    assert_eq!(dasdls_volser(&img), "TEST01");

    let v = Volume::open(&img, Access::Read).unwrap();
    assert!(
        v.layout("DEMO.BIG").unwrap().extents.len() > 3,
        "BIG should need F3 extents"
    );
    for dsn in ["DEMO.TEXT.FB", "DEMO.BIG", "DEMO.EMPTY"] {
        let ours: Vec<String> = v
            .read_text(dsn)
            .unwrap()
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        let theirs: Vec<String> = dasdseq_ascii(&img, dsn)
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        assert_eq!(ours, theirs, "{dsn}");
    }
    assert_eq!(dasdcat_members(&img, "DEMO.PDS"), vec!["ALPHA", "BETA"]);
    for m in ["ALPHA", "BETA"] {
        let ours: Vec<String> = v
            .read_member_text("DEMO.PDS", m)
            .unwrap()
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        let theirs: Vec<String> = dasdcat_member(&img, "DEMO.PDS", m)
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        assert_eq!(ours, theirs, "{m}");
    }
    // dasdpdsu unloads every member.
    let work = tempfile::tempdir().unwrap();
    let (rc, out, err) = herc("dasdpdsu", &[img.to_str().unwrap(), "DEMO.PDS", "ascii"], work.path());
    assert_eq!(rc, 0, "{out}{err}");
    let beta = std::fs::read_to_string(work.path().join("beta.mac")).unwrap();
    assert_eq!(beta.lines().count(), 50);
    assert_eq!(beta.lines().next().unwrap(), "BETA LINE 0001 $#@. [abc] ^|");
}

#[test]
fn dasdload_volume_reads_in_imsclone() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("hello.txt"), lines(100, "HELLO").join("\n")).unwrap();
    std::fs::write(dir.join("vb.txt"), "SHORT\nA SOMEWHAT LONGER RECORD FOR VB\nEND\n").unwrap();
    // A PDS from an IEBCOPY unload ("VS"), built like CKD-FORMAT.md section 6.
    let members = [("ALPHA", lines(3, "A")), ("BETA", lines(50, "B"))];
    std::fs::write(dir.join("pds.vs"), iebcopy_unload(&members)).unwrap();
    std::fs::write(
        dir.join("demo.ctl"),
        "DEMO01 3390 10\nSYSVTOC VTOC TRK 2\nDEMO.TEXT.FB TEXT hello.txt TRK 2 1 0 PS FB 80 800\n\
         DEMO.TEXT.VB TEXT vb.txt TRK 1 1 0 PS VB 255 1000\nDEMO.NEWPDS EMPTY CYL 1 1 5 PO FB 80 3120\n\
         DEMO.PDS VS pds.vs TRK 5 1\n",
    )
    .unwrap();
    let (rc, out, err) = herc("dasdload", &["demo.ctl", "demo.3390", "0"], dir);
    assert_eq!(rc, 0, "dasdload: {out}{err}");
    let v = Volume::open(&dir.join("demo.3390"), Access::Read).unwrap();
    assert_eq!(v.volser(), "DEMO01");
    assert_eq!(
        v.dataset_names(),
        vec!["DEMO.TEXT.FB", "DEMO.TEXT.VB", "DEMO.NEWPDS", "DEMO.PDS"]
    );
    let fb = v.read_text("DEMO.TEXT.FB").unwrap();
    assert_eq!(fb.len(), 100);
    assert_eq!(fb[0].trim_end(), "HELLO LINE 0001 $#@. [abc] ^|");
    let vb = v.read_text("DEMO.TEXT.VB").unwrap();
    assert_eq!(vb, vec!["SHORT", "A SOMEWHAT LONGER RECORD FOR VB", "END"]);
    assert!(v.directory("DEMO.NEWPDS").unwrap().is_empty());
    let m: Vec<String> = v.members("DEMO.PDS").unwrap().into_iter().map(|m| m.name).collect();
    assert_eq!(m, vec!["ALPHA", "BETA"]);
    let beta = v.read_member_text("DEMO.PDS", "BETA").unwrap();
    assert_eq!(beta.len(), 50);
    assert_eq!(beta[49].trim_end(), "B LINE 0050 $#@. [abc] ^|");
    let info = v.info("DEMO.NEWPDS").unwrap();
    assert_eq!(
        (info.dsorg.as_str(), info.recfm.as_str(), info.tracks),
        ("PO", "FB", 15)
    );
}

#[test]
fn dasdcopy_of_imsclone_volume_still_reads() {
    let d = tempfile::tempdir().unwrap();
    let img = d.path().join("src.3390");
    let mut v = Volume::create(&img, "SRC001", 5, 1).unwrap();
    v.create_dataset("COPY.TEST.PDS", Dcb::po_fb(80, 3120), Space::trk(3, 1).with_dir(2))
        .unwrap();
    v.write_member_text("COPY.TEST.PDS", "MEM1", &lines(10, "M"), None)
        .unwrap();
    v.sync().unwrap();
    drop(v);
    let (rc, out, err) = herc("dasdcopy", &["-q", "-o", "CKD", "src.3390", "dst.3390"], d.path());
    assert_eq!(rc, 0, "dasdcopy: {out}{err}");
    let c = Volume::open(&d.path().join("dst.3390"), Access::Read).unwrap();
    assert_eq!(c.volser(), "SRC001");
    assert_eq!(c.read_member_text("COPY.TEST.PDS", "MEM1").unwrap().len(), 10);
}

/// An unwrapped IEBCOPY unload of FB 80/3120 members (one directory block),
/// the input dasdload's VS method takes.
fn iebcopy_unload(members: &[(&str, Vec<String>)]) -> Vec<u8> {
    let blk = |cc: u16, hh: u16, r: u8, key: &[u8], data: &[u8]| -> Vec<u8> {
        let mut b = vec![0u8; 4];
        b.extend_from_slice(&cc.to_be_bytes());
        b.extend_from_slice(&hh.to_be_bytes());
        b.push(r);
        b.push(key.len() as u8);
        b.extend_from_slice(&(data.len() as u16).to_be_bytes());
        b.extend_from_slice(key);
        b.extend_from_slice(data);
        b
    };
    let mut r1 = vec![0x00, 0xCA, 0x6D, 0x0F];
    for v in [0x0200u16, 3120, 80] {
        r1.extend_from_slice(&v.to_be_bytes());
    }
    r1.extend_from_slice(&[0x90, 0, 0, 0]);
    r1.extend_from_slice(&32760u16.to_be_bytes());
    r1.extend_from_slice(&[0x30, 0x10, 0x20, 0x0F]);
    r1.extend_from_slice(&56664u32.to_be_bytes());
    for v in [1113u16, 15, 58786] {
        r1.extend_from_slice(&v.to_be_bytes());
    }
    r1.extend_from_slice(&[0, 0, 0x30, 0]);
    r1.extend_from_slice(&0u16.to_be_bytes());
    r1.extend_from_slice(&[0; 20]);
    assert_eq!(r1.len(), 56);
    let mut r2 = vec![1u8];
    r2.extend_from_slice(&[0; 21]);
    for v in [0u16, 0, 0, 14, 15] {
        r2.extend_from_slice(&v.to_be_bytes());
    }
    r2.extend_from_slice(&[0; 244]);
    let mut out = r1;
    out.extend_from_slice(&r2);
    let mut ents = Vec::new();
    for (i, (n, _)) in members.iter().enumerate() {
        ents.extend_from_slice(&ebcdic::encode_padded(n, 8));
        ents.extend_from_slice(&(i as u16 + 1).to_be_bytes());
        ents.extend_from_slice(&[1, 0]);
    }
    ents.extend_from_slice(&[0xFF; 8]);
    ents.extend_from_slice(&[0; 4]);
    let mut dirdata = ((2 + ents.len()) as u16).to_be_bytes().to_vec();
    dirdata.extend_from_slice(&ents);
    dirdata.resize(256, 0);
    out.extend_from_slice(&blk(0, 0, 1, &[0xFF; 8], &dirdata));
    out.extend_from_slice(&[0; 12]);
    for (i, (_, ls)) in members.iter().enumerate() {
        let recs: Vec<u8> = ls.iter().flat_map(|l| ebcdic::encode_padded(l, 80)).collect();
        let mut blocks: Vec<&[u8]> = recs.chunks(3120).collect();
        blocks.push(&[]);
        for (r, b) in blocks.iter().enumerate() {
            out.extend_from_slice(&blk(0, i as u16 + 1, r as u8 + 1, &[], b));
        }
    }
    out
}
