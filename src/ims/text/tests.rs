use super::*;
use crate::dasd::ebcdic::encode;

#[test]
fn ascii_lf_with_final_newline() {
    let b = b"LINE1\nLINE2\n";
    let s = SourceText::from_bytes(b);
    assert_eq!(s.charset, Charset::Utf8);
    assert_eq!(s.framing, Framing::Lines);
    assert_eq!(s.lines(), vec!["LINE1", "LINE2"]);
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn ascii_crlf_without_final_newline() {
    let b = b"A\r\nB\r\nC";
    let s = SourceText::from_bytes(b);
    assert_eq!(s.lines(), vec!["A", "B", "C"]);
    assert_eq!(s.records[0].ending, Ending::CrLf);
    assert_eq!(s.records[2].ending, Ending::None);
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn mixed_endings_and_blank_lines_round_trip() {
    let b = b"A\n\r\n\nB\r\n\n";
    let s = SourceText::from_bytes(b);
    assert_eq!(s.lines(), vec!["A", "", "", "B", ""]);
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn latin1_bytes_survive() {
    let b = b"ABC \xA2\xAC DEF\n";
    let s = SourceText::from_bytes(b);
    assert_eq!(s.charset, Charset::Latin1);
    assert_eq!(s.to_bytes().unwrap(), b);
}

fn ebcdic(s: &str) -> Vec<u8> {
    // The test strings hold no characters where 037 and 1047 differ.
    encode(s)
}

#[test]
fn ebcdic_nl_separated() {
    let mut b = ebcdic("         DBD   NAME=X");
    b.push(0x15);
    b.extend(ebcdic("         END"));
    b.push(0x15);
    let s = SourceText::from_bytes(&b);
    assert_eq!(s.charset, Charset::Ebcdic1047);
    assert_eq!(s.framing, Framing::Lines);
    assert_eq!(s.lines(), vec!["         DBD   NAME=X", "         END"]);
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn ebcdic_fixed_80() {
    let mut b = Vec::new();
    for line in ["         DBD   NAME=X", "         DBDGEN", "         END"] {
        let mut r = ebcdic(line);
        r.resize(80, 0x40);
        b.extend(r);
    }
    let s = SourceText::from_bytes(&b);
    assert_eq!(s.framing, Framing::Fixed80);
    assert_eq!(s.len(), 3);
    assert_eq!(s.lines()[1].trim_end(), "         DBDGEN");
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn ebcdic_truncated_fixed_file() {
    let mut b = ebcdic("         DBD   NAME=X");
    b.resize(80, 0x40);
    b.extend(ebcdic("         END"));
    let s = SourceText::from_bytes(&b);
    assert_eq!(s.framing, Framing::Fixed80);
    assert!(s.findings.iter().any(|f| f.id == "ICL303W"));
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn brackets_use_1047_positions() {
    let b = [0xAD, 0xBD, 0x40, 0xC1, 0xC2, 0xC3, 0x15];
    let s = SourceText::from_bytes(&b);
    assert_eq!(s.lines(), vec!["[] ABC"]);
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn empty_and_binary_input() {
    let s = SourceText::from_bytes(b"");
    assert!(s.is_empty());
    assert_eq!(s.findings[0].id, "ICL301I");
    let junk: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    let s = SourceText::from_bytes(&junk);
    assert!(s.findings.iter().any(|f| f.id == "ICL302W"));
    assert_eq!(s.to_bytes().unwrap(), junk);
}

#[test]
fn long_line_is_reported() {
    let mut b = vec![b'A'; 10_000];
    b.push(b'\n');
    let s = SourceText::from_bytes(&b);
    assert!(s.findings.iter().any(|f| f.id == "ICL304W"));
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn with_records_keeps_endings_and_missing_final_newline() {
    let s = SourceText::from_bytes(b"A\r\nB\r\nC");
    let new = vec!["A".to_string(), "B2".into(), "B3".into(), "C".into()];
    let t = s.with_records(&new, &[Some(0), Some(1), None, Some(2)]);
    assert_eq!(t.to_bytes().unwrap(), b"A\r\nB2\r\nB3\r\nC");
    // Growing the last record: the old last gets a line end, the new last none.
    let new = vec!["A".to_string(), "B".into(), "C".into(), "D".into()];
    let t = s.with_records(&new, &[Some(0), Some(1), Some(2), None]);
    assert_eq!(t.to_bytes().unwrap(), b"A\r\nB\r\nC\r\nD");
}

#[test]
fn fixed_records_pad_inserted_records() {
    let mut b = ebcdic("A");
    b.resize(80, 0x40);
    b.extend(b.clone());
    let s = SourceText::from_bytes(&b);
    let t = s.with_records(&["A".to_string(), "B".into(), "A".into()], &[Some(0), None, Some(1)]);
    let out = t.to_bytes().unwrap();
    assert_eq!(out.len(), 240);
}

#[test]
fn unencodable_character_is_an_error() {
    let s = SourceText::from_bytes(b"\xC1\xC2\xC3\x40\xC1\xC2\x15");
    let t = s.with_records(&["\u{263A}".to_string()], &[Some(0)]);
    assert_eq!(t.to_bytes().unwrap_err().id, "ICL300E");
}

#[test]
fn decoded_members() {
    let s = SourceText::from_records(vec!["//A JOB", "//S EXEC PGM=X"]);
    assert_eq!(s.charset, Charset::Decoded);
    assert_eq!(s.lines().len(), 2);
}
