use super::*;

/// Build a record: statement text padded to 71, continuation char, 73-80.
fn rec(text: &str, cont: char, seq: &str) -> String {
    let mut s: String = format!("{text:<71}");
    s.push(cont);
    s.push_str(seq);
    s
}

fn parse(lines: &[String]) -> AsmSource {
    AsmSource::parse(lines)
}

#[test]
fn dbd_statement_with_continuations_and_empty_value() {
    let lines = vec![
        "* comment".to_string(),
        rec("       DBD     NAME=DBPAUTP0,ACCESS=(HIDAM,VSAM),PASSWD=NO,", 'C', ""),
        rec("               EXIT=(*,KEY,DATA,NOPATH,(NOCASCADE),LOG),", 'C', ""),
        "               VERSION=".to_string(),
        "DSG001 DATASET DD1=DDPAUTP0,SIZE=(4096),SCAN=3".to_string(),
    ];
    let src = parse(&lines);
    assert_eq!(src.statements.len(), 2);
    let dbd = &src.statements[0];
    assert_eq!(dbd.opcode, "DBD");
    assert_eq!((dbd.first, dbd.last), (1, 3));
    assert_eq!(
        dbd.operand_text,
        "NAME=DBPAUTP0,ACCESS=(HIDAM,VSAM),PASSWD=NO,EXIT=(*,KEY,DATA,NOPATH,(NOCASCADE),LOG),VERSION="
    );
    assert_eq!(dbd.raw("VERSION"), Some(""));
    assert_eq!(dbd.cont_char, Some('C'));
    let ds = &src.statements[1];
    assert_eq!(ds.label.as_deref(), Some("DSG001"));
    assert_eq!(ds.raw("DD1"), Some("DDPAUTP0"));
    assert_eq!(src.kinds[0], LineKind::Comment);
    assert_eq!(src.kinds[2], LineKind::Continuation(0));
    assert!(src.findings.is_empty(), "{:?}", src.findings);
}

#[test]
fn remarks_after_operand_field() {
    let lines = vec!["       DBD     NAME=PADFLDBD,VERSION=        DATE 08/22/21 TIME 05.35".to_string()];
    let src = parse(&lines);
    let st = &src.statements[0];
    assert_eq!(st.raw("VERSION"), Some(""));
    assert_eq!(st.remarks, "DATE 08/22/21 TIME 05.35");
    assert_eq!(st.operands.items.len(), 2);
}

#[test]
fn mid_token_continuation_and_sequence_numbers() {
    // DSNAME split mid-word at column 71; columns 73-80 hold numbers.
    let first = "         DFSMDA TYPE=DATASET,DDNAME=CUSTDD1,DSNAME=IMSP.CUSTOMER.DATABA";
    assert_eq!(first.len(), 71);
    let lines = vec![
        rec(first, 'X', "00010000"),
        rec("               SE.DD1", ' ', "00020000"),
    ];
    let src = parse(&lines);
    let st = &src.statements[0];
    assert_eq!(st.raw("DSNAME"), Some("IMSP.CUSTOMER.DATABASE.DD1"));
    assert_eq!(st.pieces.len(), 2);
}

#[test]
fn quoted_string_with_blanks_and_doubled_quotes() {
    let lines = vec![
        rec("      DFSMARSH INTERNALTYPECONVERTER=CHAR,", 'C', ""),
        "               PATTERN='yyyy-MM-dd HH:mm:ss.SSS',X='IT''S A B'   remark".to_string(),
    ];
    let st = &parse(&lines).statements[0];
    assert_eq!(st.get("PATTERN").unwrap().unquoted(), "yyyy-MM-dd HH:mm:ss.SSS");
    assert_eq!(st.get("X").unwrap().unquoted(), "IT'S A B");
    assert_eq!(st.remarks, "remark");
}

#[test]
fn quoted_string_continued_across_records() {
    let first = "         TITLE 'A TITLE THAT IS LONG ENOUGH TO REACH THE END OF THE FIE";
    assert_eq!(first.len(), 71);
    let lines = vec![rec(first, 'X', ""), "               LD AND GO ON'".to_string()];
    let st = &parse(&lines).statements[0];
    assert_eq!(
        st.operands.positional()[0].unquoted(),
        "A TITLE THAT IS LONG ENOUGH TO REACH THE END OF THE FIELD AND GO ON"
    );
}

#[test]
fn positional_empty_then_continuation() {
    let lines = vec![
        rec("         DFSMARSH ,", 'X', ""),
        rec("               INTERNALTYPECONVERTER=ZONEDDECIMAL,", 'X', ""),
        "               ISSIGNED=N".to_string(),
    ];
    let st = &parse(&lines).statements[0];
    assert_eq!(st.operands.items.len(), 3);
    assert_eq!(st.operands.positional()[0].raw, "");
    assert_eq!(st.raw("ISSIGNED"), Some("N"));
}

#[test]
fn opcode_only_and_blank_lines() {
    let lines = vec![
        "".to_string(),
        "       DBDGEN".to_string(),
        "   ".to_string(),
        ".* macro comment".to_string(),
        "       END".to_string(),
    ];
    let src = parse(&lines);
    assert_eq!(src.statements.len(), 2);
    assert_eq!(src.kinds[0], LineKind::Blank);
    assert_eq!(src.kinds[3], LineKind::Comment);
    assert!(src.statements[0].operands.is_empty());
    assert_eq!(src.opcode_counts().get("END"), Some(&1));
}

#[test]
fn continuation_at_end_of_file_is_a_finding() {
    let lines = vec![rec("         DBD   NAME=X,", 'X', "")];
    let src = parse(&lines);
    assert!(src.findings.iter().any(|f| f.id == "ICL305W"));
}

#[test]
fn unclosed_quote_and_parens_are_findings() {
    let lines = vec![
        "         TITLE 'OOPS".to_string(),
        "         DBD   NAME=(X,ACCESS=Y".to_string(),
    ];
    let src = parse(&lines);
    assert!(src.findings.iter().any(|f| f.id == "ICL307W"));
    assert!(src.findings.iter().any(|f| f.id == "ICL306W"));
}

#[test]
fn rewrite_in_place_keeps_everything_else() {
    let lines = vec![
        "* header".to_string(),
        rec(
            "         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMSP.RECON1",
            ' ',
            "00010000",
        ),
        "         DFSMDA TYPE=FINAL".to_string(),
    ];
    let src = parse(&lines);
    let out = src.set_keyword(0, "DSNAME", "IMST.RECON1").unwrap();
    assert_eq!(out.records[0], lines[0]);
    assert_eq!(
        out.records[1],
        rec(
            "         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMST.RECON1",
            ' ',
            "00010000"
        )
    );
    assert_eq!(out.records[2], lines[2]);
    assert_eq!(out.changes.len(), 1);
    assert_eq!(out.changes[0].record, 2);
    assert_eq!(out.changes[0].old, "IMSP.RECON1");
    assert_eq!(out.changes[0].keyword.as_deref(), Some("DSNAME"));
}

#[test]
fn rewrite_that_grows_adds_a_continuation() {
    let lines = vec![
        "         DFSMDA TYPE=DATASET,DDNAME=CUSTDD1,DSNAME=IMSP.CUSTDB.CUSTDD1".to_string(),
        "         DFSMDA TYPE=FINAL".to_string(),
    ];
    let src = parse(&lines);
    let long = "IMSTEST.VERY.LONG.QUALIFIERS.CUSTDB.CUSTDD1";
    let out = src.set_keyword(0, "DSNAME", long).unwrap();
    assert_eq!(out.records.len(), 3);
    let again = AsmSource::parse(&out.records);
    assert_eq!(again.statements[0].raw("DSNAME"), Some(long));
    assert_eq!(again.statements[0].raw("DDNAME"), Some("CUSTDD1"));
    assert_eq!(again.statements.len(), 2);
    assert!(out.records[0].len() == 72 && out.records[0].ends_with('X'));
    assert!(out.records[1].starts_with("               DSNAME="));
    assert_eq!(out.origin, vec![Some(0), None, Some(1)]);
}

#[test]
fn rewrite_inside_continued_statement_keeps_cont_char_and_remarks() {
    let lines = vec![
        rec("         DFSMDA TYPE=DATASET,DDNAME=HISTORY,", 'X', ""),
        rec(
            "               DSNAME=IMS1510.DEMO.HISTORY.DB,DISP=SHR   MY REMARK",
            ' ',
            "SEQ00002",
        ),
    ];
    let src = parse(&lines);
    let out = src.set_keyword(0, "DSNAME", "IMSQ.DEMO.HISTORY.DB").unwrap();
    assert_eq!(out.records[0], lines[0]);
    assert_eq!(
        out.records[1],
        rec(
            "               DSNAME=IMSQ.DEMO.HISTORY.DB,DISP=SHR      MY REMARK",
            ' ',
            "SEQ00002"
        )
    );
    // Grow it so that the remark no longer fits in place.
    let long = "IMSQ.A2345678.B2345678.C2345678.D2345678";
    let out = src.set_keyword(0, "DSNAME", long).unwrap();
    let again = AsmSource::parse(&out.records);
    assert_eq!(again.statements[0].raw("DSNAME"), Some(long));
    assert_eq!(again.statements[0].raw("DISP"), Some("SHR"));
    assert!(out.records.contains(&"* MY REMARK".to_string()));
    assert_eq!(out.findings[0].id, "ICL311W");
}

#[test]
fn rewrite_of_split_token_takes_the_whole_token() {
    let first = "         DFSMDA TYPE=DATASET,DDNAME=CUSTDD1,DSNAME=IMSP.CUSTOMER.DATABA";
    let lines = vec![
        rec(first, 'X', "00010000"),
        rec("               SE.DD1,DISP=SHR", ' ', "00020000"),
    ];
    let src = parse(&lines);
    let out = src.set_keyword(0, "DSNAME", "IMST.CUST.DD1").unwrap();
    let again = AsmSource::parse(&out.records);
    assert_eq!(again.statements[0].raw("DSNAME"), Some("IMST.CUST.DD1"));
    assert_eq!(again.statements[0].raw("DISP"), Some("SHR"));
}

#[test]
fn rewrite_rejects_bad_values() {
    let lines = vec!["         DFSMDA TYPE=RECON,DDNAME=RECON1,DSNAME=IMSP.RECON1".to_string()];
    let src = parse(&lines);
    for bad in ["A B", "'X", "(A", "A\u{1}"] {
        assert_eq!(src.set_keyword(0, "DSNAME", bad).unwrap_err().id, "ICL310E");
    }
    assert_eq!(src.set_keyword(0, "NOPE", "X").unwrap_err().id, "ICL310E");
    assert_eq!(src.set_keyword(5, "DSNAME", "X").unwrap_err().id, "ICL310E");
}

#[test]
fn rewrite_empty_value_and_several_edits() {
    let lines = vec![
        rec("       DBD     NAME=X,ACCESS=(HIDAM,VSAM),PASSWD=NO,", 'C', ""),
        "               VERSION=".to_string(),
    ];
    let src = parse(&lines);
    let st = &src.statements[0];
    let e1 = Edit {
        statement: 0,
        span: st.get("NAME").unwrap().span.clone(),
        new_text: "NEWNAME".into(),
    };
    let e2 = Edit {
        statement: 0,
        span: st.get("VERSION").unwrap().span.clone(),
        new_text: "V2".into(),
    };
    let out = src.rewrite(&[e1, e2]).unwrap();
    let again = AsmSource::parse(&out.records);
    assert_eq!(again.statements[0].raw("NAME"), Some("NEWNAME"));
    assert_eq!(again.statements[0].raw("VERSION"), Some("V2"));
    assert_eq!(out.changes.len(), 2);
}
