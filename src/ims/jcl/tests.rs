use super::rewrite::{RewriteRules, replace_qualifier, tokens};
use super::*;

/// Split a long line at column 71: (first 71 columns, the rest).
fn fill71(line: &str) -> (String, String) {
    assert!(line.len() > 71);
    (line[..71].to_string(), line[71..].to_string())
}

fn jcl(text: &str) -> Jcl {
    let lines: Vec<&str> = text.lines().collect();
    Jcl::parse(&lines).unwrap()
}

fn ids(j: &Jcl) -> Vec<&'static str> {
    j.findings.iter().map(|f| f.id).collect()
}

const DLIBATCH_JOB: &str = "//IMSPRPT1 JOB (ACCT),'CUST REPORT',CLASS=A,MSGCLASS=X
//         JCLLIB ORDER=IMSP.PROCLIB
//         SET HLQ=IMSP
//RPT      EXEC DLIBATCH,MBR=CUSRPT01,PSB=CUSRPTP,IMSID=IMSP,
//             DBRC=Y,IRLM=Y,IRLMNM=IRLP
//G.IMS      DD DSN=IMSP.PSBLIB,DISP=SHR
//           DD DSN=IMSP.DBDLIB,DISP=SHR
//G.IMSDALIB DD DSN=&HLQ..MDALIB,DISP=SHR
//G.DFSVSAMP DD DSN=IMSP.PROCLIB(DFSVSM00),DISP=SHR
//G.IEFRDER  DD DSN=IMSP.BATCHLOG.RPT1,DISP=(NEW,CATLG),UNIT=SYSDA,
//            SPACE=(CYL,(10,5)),DCB=(RECFM=VB,LRECL=4092,BLKSIZE=4096)
//G.CUSTDD1  DD DSN=IMSP.CUSTDB.CUSTDD1,DISP=SHR,VOL=SER=IMPD01
";

#[test]
fn procedure_call_with_overrides() {
    let j = jcl(DLIBATCH_JOB);
    let job = j.job().unwrap();
    assert_eq!(job.name.as_deref(), Some("IMSPRPT1"));
    assert_eq!(job.jcllib, vec!["IMSP.PROCLIB"]);
    assert_eq!(job.set, vec![("HLQ".to_string(), "IMSP".to_string())]);
    let st = &job.steps[0];
    assert_eq!(st.proc_name.as_deref(), Some("DLIBATCH"));
    assert_eq!(st.keyword("IRLMNM"), Some("IRLP"));
    assert_eq!(st.dds.len(), 5);
    let ims = st.dd("G.IMS").unwrap();
    assert_eq!((ims.procstep.as_deref(), ims.ddname.as_str()), (Some("G"), "IMS"));
    assert_eq!(ims.dsns(), vec!["IMSP.PSBLIB", "IMSP.DBDLIB"]);
    assert_eq!(
        st.dd("G.IEFRDER").unwrap().entries[0].disp.as_deref(),
        Some("(NEW,CATLG)")
    );
    assert_eq!(st.dd("G.CUSTDD1").unwrap().volsers(), vec!["IMPD01"]);
    assert!(j.findings.is_empty(), "{:?}", j.findings);
}

#[test]
fn expansion_with_instream_proc() {
    let text = "//J JOB
//         SET HLQ=IMSX
//MYPROC   PROC HLQ=IMSP,IMSID=,RGN=0M
//G        EXEC PGM=DFSRRC00,REGION=&RGN,
//             PARM=(DLI,&MBR,&PSB,,,,,,,,,&IMSID)
//STEPLIB  DD DSN=&HLQ..SDFSRESL,DISP=SHR
//IMS      DD DSN=&HLQ..PSBLIB,DISP=SHR
//         DD DSN=&HLQ..DBDLIB,DISP=SHR
//         PEND
//RUN      EXEC MYPROC,MBR=PGM1,PSB=PSB1,IMSID=IMSQ,REGION.G=8M
//G.IMS    DD DSN=OTHER.PSBLIB,DISP=SHR
//G.NEWDD  DD DUMMY
";
    let j = jcl(text);
    let job = j.job().unwrap();
    assert_eq!(job.procs.len(), 1);
    assert!(job.procs[0].instream);
    let (steps, findings) = job.expand(&|_| None);
    assert!(findings.is_empty());
    assert_eq!(steps.len(), 1);
    let s = &steps[0].step;
    assert_eq!(s.parm.as_deref(), Some("(DLI,PGM1,PSB1,,,,,,,,,IMSQ)"));
    assert_eq!(s.keyword("REGION"), Some("8M"));
    // PROC default wins over SET; the override replaces the first entry.
    assert_eq!(s.dd("STEPLIB").unwrap().dsns(), vec!["IMSP.SDFSRESL"]);
    assert_eq!(s.dd("IMS").unwrap().dsns(), vec!["OTHER.PSBLIB", "IMSP.DBDLIB"]);
    assert!(s.dd("NEWDD").unwrap().is_dummy());
    let r = s.ims_region().unwrap();
    assert_eq!(
        (r.region_type.as_str(), r.program.as_deref(), r.imsid.as_deref()),
        ("DLI", Some("PGM1"), Some("IMSQ"))
    );
    // A cataloged procedure that is not supplied is reported.
    let j2 = jcl("//J JOB\n//S EXEC NOSUCH\n");
    let (_, f) = j2.job().unwrap().expand(&|_| None);
    assert_eq!(f[0].id, "ICL341W");
}

#[test]
fn instream_data_endings() {
    let text = "//J JOB
//S EXEC PGM=X
//A DD *
DATA1
DATA2
/*
//B DD DATA,DLM=@@
//NOT A STATEMENT
/*
@@
//C DD *
C1
//D DD *
D1";
    let j = jcl(text);
    let st = &j.job().unwrap().steps[0];
    let n = |d: &str| st.dd(d).unwrap().instream_records();
    assert_eq!((n("A"), n("B"), n("C"), n("D")), (Some(2), Some(2), Some(1), Some(1)));
    let b = st.dd("B").unwrap().entries[0].instream.clone().unwrap();
    assert!(b.data);
    assert_eq!(b.dlm.as_deref(), Some("@@"));
    assert_eq!(b.lines, vec!["//NOT A STATEMENT", "/*"]);
    assert!(ids(&j).contains(&"ICL337I"));
}

#[test]
fn null_statement_ends_the_job() {
    let text = "//J JOB\n//S1 EXEC PGM=A\n//\n//S2 EXEC PGM=B\n//DD1 DD DSN=X.Y,DISP=SHR\n DBRC COMMAND\n//J2 JOB\n//S3 EXEC PGM=C\n";
    let j = jcl(text);
    assert_eq!(j.jobs.len(), 2);
    let job = &j.jobs[0];
    assert_eq!(job.null_statement, Some(3));
    assert_eq!(job.records_after_null, 3);
    assert_eq!(job.steps.len(), 1);
    assert_eq!(job.not_executed[0].name.as_deref(), Some("S2"));
    assert_eq!(j.jobs[1].steps[0].pgm.as_deref(), Some("C"));
    assert!(!j.all_dsns().contains(&"X.Y".to_string()));
    assert!(ids(&j).contains(&"ICL338I"));
    assert!(!ids(&j).contains(&"ICL335W"));
}

#[test]
fn continuation_with_comment_quotes_and_junk_columns() {
    let (a, b) = fill71("//S EXEC PGM=IEFBR14,PARM='THIS IS A LONG PARM THAT GOES ON TO THE END OF COLUMN 71");
    let second = format!("//{:13}{b} AND BEYOND',REGION=0M    COMMENT", "");
    let text = format!(
        "//J JOB 'A B',CLASS=A\n{a} 00010000\n{second:<72}00020000\n//A1 DD DSN=A.B,\n//*  VOL=SER=LP0204,\n{}\n",
        "//    DISP=SHR                                                         //*",
    );
    let j = jcl(&text);
    let st = &j.job().unwrap().steps[0];
    assert_eq!(
        st.parm.as_deref(),
        Some("'THIS IS A LONG PARM THAT GOES ON TO THE END OF COLUMN 71 AND BEYOND'")
    );
    assert_eq!(st.keyword("REGION"), Some("0M"));
    let a1 = &st.dds[0].entries[0];
    assert_eq!(a1.disp.as_deref(), Some("SHR"));
    assert!(a1.volsers.is_empty());
    assert_eq!(j.lexed.statements[2].comment_records, vec![4]);
    assert!(j.findings.is_empty(), "{:?}", j.findings);
}

#[test]
fn odd_statements_are_findings() {
    let text = "//J JOB\n//         DD DSN=A,DISP=SHR\n//S EXEC PGM=X,\n//NEXT DD DUMMY\n//TOOLONGNAME DD DUMMY\n//X FOO BAR\n// PEND\n//  IF (RC < 8) THEN\n//  ENDIF\nJUNK\n";
    let j = jcl(text);
    let got = ids(&j);
    for id in ["ICL339W", "ICL336W", "ICL346W", "ICL340W", "ICL335W"] {
        assert!(got.contains(&id), "{id} in {got:?}");
    }
    assert_eq!(
        j.lexed.statements.iter().find(|s| s.is("IF")).unwrap().operand_text,
        "(RC < 8) THEN"
    );
    assert_eq!(Jcl::parse(&["NOT JCL AT ALL"]).unwrap_err().id, "ICL343E");
    assert!(Jcl::parse::<&str>(&[]).unwrap().jobs.is_empty());
}

#[test]
fn render_is_lossless() {
    let j = jcl(DLIBATCH_JOB);
    assert_eq!(j.render(), DLIBATCH_JOB.lines().map(str::to_string).collect::<Vec<_>>());
}

#[test]
fn token_helpers() {
    assert_eq!(
        replace_qualifier("IMSP.RECON1", "IMSP", "IMST").as_deref(),
        Some("IMST.RECON1")
    );
    assert_eq!(replace_qualifier("IMSPROC.X", "IMSP", "IMST"), None);
    assert_eq!(replace_qualifier("XIMSP.X", "IMSP", "IMST"), None);
    let t = "'DRC,IMSP,IMSPROC,&IMSID'";
    let toks: Vec<&str> = tokens(t).into_iter().map(|r| &t[r]).collect();
    assert_eq!(toks, vec!["DRC", "IMSP", "IMSPROC", "&IMSID"]);
}

fn imsp_to_imst(d: &str) -> Option<String> {
    replace_qualifier(d, "IMSP", "IMST")
}

#[test]
fn rewrite_dsns_volsers_and_keywords() {
    let j = jcl(DLIBATCH_JOB);
    let vol = |v: &str| v.strip_prefix("IMPD").map(|n| format!("IMTD{n}"));
    let kw = |op: &str, k: &str, v: &str| {
        (op == "EXEC" && (k == "IMSID" || k == "IRLMNM")).then(|| v.replace("IMSP", "IMST").replace("IRLP", "IRLT"))
    };
    let rules = RewriteRules {
        dsn: Some(&imsp_to_imst),
        volser: Some(&vol),
        keyword: Some(&kw),
        ..RewriteRules::default()
    };
    let rw = j.rewrite(&rules).unwrap();
    let again = Jcl::parse(&rw.records).unwrap();
    let st = &again.job().unwrap().steps[0];
    assert_eq!(st.keyword("IMSID"), Some("IMST"));
    assert_eq!(st.keyword("IRLMNM"), Some("IRLT"));
    assert_eq!(st.dd("G.DFSVSAMP").unwrap().dsns(), vec!["IMST.PROCLIB(DFSVSM00)"]);
    assert_eq!(st.dd("G.IMSDALIB").unwrap().dsns(), vec!["&HLQ..MDALIB"]);
    assert_eq!(st.dd("G.CUSTDD1").unwrap().volsers(), vec!["IMTD01"]);
    assert_eq!(again.job().unwrap().jcllib, vec!["IMST.PROCLIB"]);
    // Untouched records stay byte-identical.
    let before: Vec<&str> = DLIBATCH_JOB.lines().collect();
    assert_eq!(rw.records[0], before[0]);
    assert_eq!(rw.records[2], before[2]);
    assert_eq!(rw.records[10], before[10]);
    assert_eq!(rw.records[5], "//G.IMS      DD DSN=IMST.PSBLIB,DISP=SHR");
    let kinds: Vec<&ChangeKind> = rw.changes.iter().map(|c| &c.kind).collect();
    assert!(kinds.contains(&&ChangeKind::Volser) && kinds.contains(&&ChangeKind::Keyword("IMSID".into())));
    let c = rw.changes.iter().find(|c| c.old == "IMSP.PSBLIB").unwrap();
    assert_eq!((c.record, c.new.as_str()), (6, "IMST.PSBLIB"));
}

#[test]
fn rewrite_grows_onto_a_continuation_and_keeps_columns_73_80() {
    let line = format!(
        "{:<72}{}",
        "//STEPLIB  DD DSN=IMSP.SDFSRESL,DISP=SHR,UNIT=3390   SYSTEM LIBRARY", "00470000"
    );
    let text = format!("//J JOB\n//S EXEC PGM=X\n{line}\n//SYSIN DD *\nDATA\n");
    let j = jcl(&text);
    let long = |d: &str| (d == "IMSP.SDFSRESL").then(|| "IMSTESTA.LONGER.QUALIFS.FOR.THE.SDFSRESL.XYZ".to_string());
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&long),
            ..RewriteRules::default()
        })
        .unwrap();
    assert!(rw.records.len() > 5);
    assert!(rw.records[2].ends_with("00470000"), "{:?}", rw.records[2]);
    assert!(rw.records.iter().all(|r| r.chars().take(71).count() <= 71));
    let again = Jcl::parse(&rw.records).unwrap();
    let dd = &again.job().unwrap().steps[0].dds[0];
    assert_eq!(dd.dsns(), vec!["IMSTESTA.LONGER.QUALIFS.FOR.THE.SDFSRESL.XYZ"]);
    assert_eq!(
        rw.records[3],
        format!("{:<80}", "//             DISP=SHR,UNIT=3390 SYSTEM LIBRARY")
    );
    assert_eq!(dd.entries[0].disp.as_deref(), Some("SHR"));
    assert_eq!(again.lexed.statements[2].comment, "SYSTEM LIBRARY");
    assert_eq!(
        again.job().unwrap().steps[0].dd("SYSIN").unwrap().instream_records(),
        Some(1)
    );
}

#[test]
fn rewrite_parm_tokens_whole_only() {
    let j = jcl("//J JOB\n//S EXEC PGM=DFSMVRC0,PARM='DRC,IMSP,IMSPROC,XIMSP'\n");
    let f = |t: &str| (t == "IMSP").then(|| "IMST".to_string());
    let rw = j
        .rewrite(&RewriteRules {
            parm_token: Some(&f),
            ..RewriteRules::default()
        })
        .unwrap();
    assert_eq!(rw.records[1], "//S EXEC PGM=DFSMVRC0,PARM='DRC,IMST,IMSPROC,XIMSP'");
    assert_eq!(rw.changes.len(), 1);
}

#[test]
fn rewrite_quoted_string_across_records() {
    let (a, b) = fill71("//S EXEC PGM=X,PARM='IMSP IS THE SUBSYSTEM AND THE PARM IS LONG ENOUGH TO REACH");
    let text = format!("//J JOB\n{a}\n//{:13}{b} THE NEXT RECORD, IMSP AGAIN'\n", "");
    let j = jcl(&text);
    assert!(j.findings.is_empty(), "{:?}", j.findings);
    let f = |t: &str| (t == "IMSP").then(|| "IMSTEST".to_string());
    let rw = j
        .rewrite(&RewriteRules {
            parm_token: Some(&f),
            ..RewriteRules::default()
        })
        .unwrap();
    let again = Jcl::parse(&rw.records).unwrap();
    assert_eq!(
        again.job().unwrap().steps[0].parm.as_deref(),
        Some("'IMSTEST IS THE SUBSYSTEM AND THE PARM IS LONG ENOUGH TO REACH THE NEXT RECORD, IMSTEST AGAIN'")
    );
    assert_eq!(rw.changes.len(), 2);
}

#[test]
fn rewrite_leaves_text_after_null_alone_unless_asked() {
    let text = "//J JOB\n//S EXEC PGM=X\n//A DD DSN=IMSP.A,DISP=SHR\n//\n//B DD DSN=IMSP.B,DISP=SHR\n";
    let j = jcl(text);
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&imsp_to_imst),
            ..RewriteRules::default()
        })
        .unwrap();
    assert_eq!(rw.changes.len(), 1);
    assert_eq!(rw.records[4], "//B DD DSN=IMSP.B,DISP=SHR");
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&imsp_to_imst),
            after_null: true,
            ..RewriteRules::default()
        })
        .unwrap();
    assert_eq!(rw.changes.len(), 2);
}

#[test]
fn rewrite_rejects_invalid_values() {
    let j = jcl("//J JOB\n//S EXEC PGM=X\n//A DD DSN=IMSP.A,DISP=SHR,VOL=SER=IMSP01\n");
    let bad = |_: &str| Some("TOO.LONGQUALIFIER".to_string());
    assert_eq!(
        j.rewrite(&RewriteRules {
            dsn: Some(&bad),
            ..RewriteRules::default()
        })
        .unwrap_err()
        .id,
        "ICL348E"
    );
    let blank = |_: &str| Some("A B".to_string());
    assert_eq!(
        j.rewrite(&RewriteRules {
            dsn: Some(&blank),
            ..RewriteRules::default()
        })
        .unwrap_err()
        .id,
        "ICL348E"
    );
    let vol = |_: &str| Some("TOOLONG7".to_string());
    assert_eq!(
        j.rewrite(&RewriteRules {
            volser: Some(&vol),
            ..RewriteRules::default()
        })
        .unwrap_err()
        .id,
        "ICL348E"
    );
}

#[test]
fn rewrite_mda_in_instream_data() {
    let text = "//J JOB\n//ASM EXEC PGM=ASMA90\n//SYSIN DD *\n         DFSMDA TYPE=INITIAL\n         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMSP.RECON1\n         DFSMDA TYPE=FINAL\n/*\n";
    let j = jcl(text);
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&imsp_to_imst),
            ..RewriteRules::default()
        })
        .unwrap();
    assert_eq!(
        rw.records[4],
        "         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMST.RECON1"
    );
    assert_eq!(rw.changes[0].kind, ChangeKind::InstreamDsn);
    assert_eq!(rw.changes[0].record, 5);
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&imsp_to_imst),
            skip_mda: true,
            ..RewriteRules::default()
        })
        .unwrap();
    assert!(rw.changes.is_empty());
}

#[test]
fn rewrite_bytes_keeps_encoding() {
    let mut bytes = Vec::new();
    for l in ["//J JOB", "//S EXEC PGM=X", "//A DD DSN=IMSP.A,DISP=SHR"] {
        let mut r = crate::dasd::ebcdic::encode(l);
        r.resize(80, 0x40);
        bytes.extend(r);
    }
    let (out, rw) = Jcl::rewrite_bytes(
        &bytes,
        &RewriteRules {
            dsn: Some(&imsp_to_imst),
            ..RewriteRules::default()
        },
    )
    .unwrap();
    assert_eq!(out.len(), 240);
    assert_eq!(rw.changes.len(), 1);
    assert_eq!(&out[..160], &bytes[..160]);
    let j = Jcl::from_bytes(&out).unwrap();
    assert_eq!(j.all_dsns(), vec!["IMST.A"]);
}

#[test]
fn edits_on_separate_records_leave_the_records_between_alone() {
    let text = "//J JOB\n//S EXEC PGM=X\n//A DD DSN=IMSP.A,\n//      DISP=SHR,   KEEP THIS\n//      VOL=SER=IMSP01\n";
    let j = jcl(text);
    let v = |x: &str| Some(x.replace("IMSP", "IMST"));
    let rw = j
        .rewrite(&RewriteRules {
            dsn: Some(&imsp_to_imst),
            volser: Some(&v),
            ..RewriteRules::default()
        })
        .unwrap();
    let before: Vec<&str> = text.lines().collect();
    assert_eq!(rw.records[2], "//A DD DSN=IMST.A,");
    assert_eq!(rw.records[3], before[3]);
    assert_eq!(rw.records[4], "//      VOL=SER=IMST01");
}

#[test]
fn include_members_and_imsids() {
    let text = "//J JOB\n//  SET IMSID=IMSA\n//  INCLUDE MEMBER=LIBS\n//S EXEC PGM=DFSMVRC0,PARM='DRC,IMSB'\n//T EXEC DLIBATCH,IMSID=IMSC\n//U EXEC PGM=DFSRRC00,PARM='DLI,P,S,,,,,,,,,&IMSID'\n";
    let j = jcl(text);
    assert_eq!(j.job().unwrap().includes, vec!["LIBS"]);
    assert_eq!(j.imsids(), vec!["IMSA", "IMSB", "IMSC"]);
}
