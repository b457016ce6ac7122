use super::*;

/// Test sources: a line ending in `+` continues (padded to column 71 and
/// marked with X in column 72).
fn dbd(text: &str, member: Option<&str>) -> Dbd {
    let mut out = String::new();
    for l in text.lines() {
        let (body, cont) = match l.strip_suffix('+') {
            Some(b) => (b.trim_end(), true),
            None => (l, false),
        };
        assert!(body.len() <= 71, "test line longer than 71 columns: {l}");
        if cont {
            out.push_str(&format!("{body:<71}X\n"));
        } else {
            out.push_str(body);
            out.push('\n');
        }
    }
    Dbd::from_bytes(out.as_bytes(), member).unwrap()
}

const CUSTDB: &str = "
         DBD    NAME=CUSTDB,ACCESS=(HDAM,OSAM), +
               RMNAME=(DFSHDC40,5,2000,800)
DSG1     DATASET DD1=CUSTDD1,DEVICE=3390,SIZE=(4096),SCAN=3
         SEGM   NAME=CUSTOMER,PARENT=0,BYTES=200,POINTER=(TWINBWD)
         FIELD  NAME=(CUSTNO,SEQ,U),BYTES=10,START=1,TYPE=C
         FIELD  NAME=CUSTNAME,BYTES=40,START=11,TYPE=C
         FIELD  NAME=TAXID,BYTES=9,START=51,TYPE=C
         LCHILD NAME=(CSXSEG,CUSTSX),POINTER=INDX
         XDFLD  NAME=XTAXID,SRCH=TAXID
         SEGM   NAME=ADDRESS,PARENT=((CUSTOMER,SNGL)),BYTES=120
         FIELD  NAME=(ADDRTYPE,SEQ,U),BYTES=2,START=1,TYPE=C
         SEGM   NAME=ACCOUNT,PARENT=((CUSTOMER,DBLE)),BYTES=80
         FIELD  NAME=(ACCTNO,SEQ,M),BYTES=12,START=1,TYPE=C
         DBDGEN
         FINISH
         END
";

#[test]
fn hdam_with_secondary_index() {
    let d = dbd(CUSTDB, Some("CUSTDB"));
    assert_eq!(d.name, "CUSTDB");
    assert_eq!(d.organisation, Some(Organisation::Hdam));
    assert_eq!(d.access_method, Some(AccessMethod::Osam));
    let rm = d.rmname.as_ref().unwrap();
    assert_eq!(
        (rm.module.as_str(), rm.anchors, rm.rbn, rm.bytes),
        ("DFSHDC40", Some(5), Some(2000), Some(800))
    );
    assert_eq!(d.datasets[0].label.as_deref(), Some("DSG1"));
    assert_eq!(d.dd_names(), vec!["CUSTDD1"]);
    assert_eq!(d.segments.len(), 3);
    assert_eq!(d.segments[1].parent.as_deref(), Some("CUSTOMER"));
    assert_eq!(d.segments[1].parent_pointer.as_deref(), Some("SNGL"));
    assert_eq!(d.segments[2].level, 2);
    assert_eq!(d.segments[2].key_field().unwrap().seq, Some(SeqKind::Multiple));
    assert_eq!(d.root_key_field().unwrap().name.as_deref(), Some("CUSTNO"));
    assert!(d.primary_index().is_none());
    let sx = d.secondary_indexes();
    assert_eq!(sx.len(), 1);
    assert_eq!(sx[0].lchild.target_dbd.as_deref(), Some("CUSTSX"));
    assert_eq!(sx[0].xdfld.srch, vec!["TAXID"]);
    assert_eq!(d.referenced_dbds(), vec!["CUSTSX"]);
    assert_eq!(d.field_count(), 5);
    assert!(d.findings.is_empty(), "{:?}", d.findings);
}

#[test]
fn hidam_with_two_groups_and_primary_index() {
    let src = "
         DBD    NAME=ORDDB,ACCESS=(HIDAM,VSAM)
DSG1     DATASET DD1=ORDDD1,DEVICE=3390,SIZE=(8192),FRSPC=(10,20)
         SEGM   NAME=ORDER,PARENT=0,BYTES=150,POINTER=(TWINBWD)
         FIELD  NAME=(ORDNO,SEQ,U),BYTES=10,START=1,TYPE=C
         LCHILD NAME=(ORDXSEG,ORDIX),POINTER=INDX
         SEGM   NAME=ORDLINE,PARENT=((ORDER,DBLE)),BYTES=60
DSG2     DATASET DD1=ORDDD2,DEVICE=3390,SIZE=(4096)
         SEGM   NAME=ORDNOTE,PARENT=((ORDER,SNGL)),BYTES=500
         DBDGEN
         FINISH
         END
";
    let d = dbd(src, None);
    assert_eq!(d.primary_index_dbd(), Some("ORDIX"));
    assert_eq!(d.dd_names(), vec!["ORDDD1", "ORDDD2"]);
    assert_eq!(d.segments[1].dataset_group, Some(0));
    assert_eq!(d.segments[2].dataset_group, Some(1));
    assert_eq!(d.datasets[0].frspc.as_deref(), Some("(10,20)"));
}

#[test]
fn index_dbd_points_back() {
    let src = "
         DBD    NAME=ORDIX,ACCESS=(INDEX,VSAM,PROT)
         DATASET DD1=ORDIXD,DEVICE=3390
         SEGM   NAME=ORDXSEG,PARENT=0,BYTES=10
         FIELD  NAME=(ORDXKEY,SEQ,U),BYTES=10,START=1
         LCHILD NAME=(ORDER,ORDDB),INDEX=ORDNO
         DBDGEN
         END
";
    let d = dbd(src, None);
    assert!(d.is_index());
    assert_eq!(d.access_other, vec!["PROT"]);
    let t = d.indexed_target().unwrap();
    assert_eq!(
        (
            t.target_segment.as_str(),
            t.target_dbd.as_deref(),
            t.index_field.as_deref()
        ),
        ("ORDER", Some("ORDDB"), Some("ORDNO"))
    );
}

#[test]
fn phdam_and_dedb() {
    let src = "
         DBD   NAME=ACCTHDB,ACCESS=(PHDAM,OSAM), +
               RMNAME=(DFSHDC40,3,5000,1000)
         DATASET DD1=ACCTDS1,DEVICE=3390
         SEGM   NAME=ACCTROOT,PARENT=0,BYTES=100,POINTER=(TWINBWD)
         DBDGEN
         END
";
    let d = dbd(src, None);
    assert!(d.is_haldb());
    let src = "
         DBD    NAME=PAYDEDB,ACCESS=DEDB,RMNAME=DBFHDC44
         AREA  DD1=PAYAR01,SIZE=4096,UOW=(20,4),ROOT=(100,10)
         AREA  DD1=PAYAR02,SIZE=4096,UOW=(20,4),ROOT=(100,10)
         SEGM   NAME=PAYROOT,PARENT=0,BYTES=(300,40)
         FIELD  NAME=(EMPNO,SEQ,U),BYTES=8,START=3,TYPE=C
         SEGM   NAME=PAYHIST,PARENT=PAYROOT,BYTES=(120,40),TYPE=SEQ
         DBDGEN
         END
";
    let d = dbd(src, None);
    assert_eq!(d.organisation, Some(Organisation::Dedb));
    assert_eq!(d.access_method, None);
    assert_eq!(d.rmname.as_ref().unwrap().module, "DBFHDC44");
    assert_eq!(d.areas.len(), 2);
    assert_eq!(d.areas[1].uow.as_deref(), Some("(20,4)"));
    assert_eq!(d.dd_names(), vec!["PAYAR01", "PAYAR02"]);
    assert_eq!(
        (d.segments[0].bytes_max, d.segments[0].bytes_min),
        (Some(300), Some(40))
    );
    assert_eq!(d.segments[1].parent.as_deref(), Some("PAYROOT"));
    assert_eq!(d.segments[1].segment_type.as_deref(), Some("SEQ"));
    assert!(d.findings.is_empty(), "{:?}", d.findings);
}

#[test]
fn findings_for_oddities() {
    let src = "
         DBD    NAME=REALNAME,ACCESS=(HDAM,OSAM)
         DATASET DD1=X
         SEGM   NAME=A,PARENT=0
         SEGM   NAME=A,PARENT=0
         SEGM   NAME=B,PARENT=((NOSUCH,SNGL)),BYTES=ABC
         BOGUS  X=1
         END
         SEGM   NAME=AFTER
";
    let d = dbd(src, Some("MEMBER"));
    let ids: Vec<&str> = d.findings.iter().map(|f| f.id).collect();
    for id in ["ICL313W", "ICL316W", "ICL315W", "ICL320W", "ICL319I", "ICL321W"] {
        assert!(ids.contains(&id), "{id} missing in {ids:?}");
    }
    assert_eq!(d.segments.len(), 3);
}

#[test]
fn not_a_dbd_and_no_segments() {
    assert_eq!(
        Dbd::from_bytes(b"         PSBGEN LANG=COBOL\n", None).unwrap_err().id,
        "ICL312E"
    );
    assert_eq!(Dbd::from_bytes(b"", None).unwrap_err().id, "ICL312E");
    let d = dbd(
        "         DBD NAME=X,ACCESS=(HISAM,VSAM)\n         DBDGEN\n         END\n",
        None,
    );
    assert!(d.findings.iter().any(|f| f.id == "ICL314W"));
    let d = dbd(
        "         DBD NAME=G,ACCESS=(GSAM,BSAM)\n         DATASET DD1=IN,DD2=OUT,RECFM=F\n         DBDGEN\n         END\n",
        None,
    );
    assert!(d.findings.is_empty(), "{:?}", d.findings);
    assert_eq!(d.dd_names(), vec!["IN", "OUT"]);
}

#[test]
fn logical_parent_and_orphans() {
    let src = "
         DBD    NAME=X,ACCESS=(HIDAM,OSAM)
         FIELD  NAME=EARLY
         DATASET DD1=X
         SEGM   NAME=R,PARENT=0
         XDFLD  NAME=NOLC,SRCH=K
         SEGM   NAME=C,PARENT=((R,SNGL),(LP,PHYSICAL,OTHERDB))
         DBDGEN
         END
";
    let d = dbd(src, None);
    assert_eq!(
        d.segments[1].logical_parent,
        Some(("LP".to_string(), Some("OTHERDB".to_string())))
    );
    assert_eq!(d.findings.iter().filter(|f| f.id == "ICL317W").count(), 2);
}
