//! Charset and framing detection.
//!
//! The decision is made by content, never by file name: published IMS
//! samples come as `.dbd`, `.asm`, `.jcl` or with no extension at all, in
//! ASCII or EBCDIC. ASCII text is full of 0x20 blanks and letters in
//! 0x41-0x7A; EBCDIC text is full of 0x40 blanks and letters in 0x81-0xE9.
//! Counting both families tells them apart even for short sources.

use std::sync::OnceLock;

use super::{Charset, Ending, Finding, Framing, Record, SourceText};
use crate::dasd::ebcdic::{CodePage, decode_cp};

/// EBCDIC new line.
const NL: u8 = 0x15;

/// Latin-1 code point -> IBM-1047 byte (inverse of the dasd decode table).
pub(super) fn latin1_to_1047(b: u8) -> u8 {
    static TABLE: OnceLock<[u8; 256]> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut inv = [0u8; 256];
        for e in 0..=255u8 {
            let s = decode_cp(&[e], CodePage::Cp1047);
            if let Some(c) = s.chars().next()
                && let Ok(l) = u8::try_from(u32::from(c))
            {
                inv[usize::from(l)] = e;
            }
        }
        inv
    });
    t[usize::from(b)]
}

fn is_ascii_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_ebcdic_alnum(b: u8) -> bool {
    matches!(b, 0x81..=0x89 | 0x91..=0x99 | 0xA2..=0xA9 | 0xC1..=0xC9 | 0xD1..=0xD9 | 0xE2..=0xE9 | 0xF0..=0xF9)
}

/// True when the bytes look like EBCDIC text rather than ASCII text.
pub(super) fn looks_ebcdic(bytes: &[u8]) -> bool {
    let mut ascii = 0usize;
    let mut ebcdic = 0usize;
    for &b in bytes {
        if b == b' ' || b == b'\n' || is_ascii_alnum(b) {
            ascii += 1;
        }
        if b == 0x40 || b == NL || is_ebcdic_alnum(b) {
            ebcdic += 1;
        }
    }
    ebcdic > ascii
}

pub(super) fn decode(input: &[u8]) -> SourceText {
    let mut findings = Vec::new();
    let (bom, bytes) = match input.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    if bytes.is_empty() {
        findings.push(Finding::general("ICL301I", "the source is empty"));
        return SourceText {
            charset: Charset::Utf8,
            framing: Framing::Lines,
            bom,
            short_last: false,
            records: Vec::new(),
            findings,
        };
    }
    let ebcdic = !bom && looks_ebcdic(bytes);
    let (charset, framing, raw, short_last) = if ebcdic {
        split_ebcdic(bytes)
    } else {
        split_ascii(bytes)
    };
    let records: Vec<Record> = raw
        .iter()
        .map(|(b, ending)| Record {
            text: decode_record(b, charset),
            ending: *ending,
        })
        .collect();
    if short_last {
        findings.push(Finding::at(
            "ICL303W",
            records.len().saturating_sub(1),
            format!(
                "{} bytes are not a multiple of 80: the file looks truncated, its last record is short",
                bytes.len()
            ),
        ));
    }
    check_records(&records, charset, &raw, &mut findings);
    SourceText {
        charset,
        framing,
        bom,
        short_last,
        records,
        findings,
    }
}

type RawRecords<'a> = Vec<(&'a [u8], Ending)>;

fn split_ebcdic(bytes: &[u8]) -> (Charset, Framing, RawRecords<'_>, bool) {
    if bytes.contains(&NL) {
        let lines = split_on(bytes, NL, Ending::Nl);
        // A fixed-80 file whose data happens to hold 0x15 would split into
        // long pieces; real NL-separated sources have short lines.
        let long = lines.iter().any(|(l, _)| l.len() > 80);
        if !long || !bytes.len().is_multiple_of(80) {
            return (Charset::Ebcdic1047, Framing::Lines, lines, false);
        }
    }
    let (recs, short) = chunk80(bytes);
    (Charset::Ebcdic1047, Framing::Fixed80, recs, short)
}

fn split_ascii(bytes: &[u8]) -> (Charset, Framing, RawRecords<'_>, bool) {
    let charset = if std::str::from_utf8(bytes).is_ok() {
        Charset::Utf8
    } else {
        Charset::Latin1
    };
    if !bytes.contains(&b'\n') && bytes.len() > 80 && bytes.len().is_multiple_of(80) {
        // Fixed records transferred in binary mode after conversion.
        let (recs, short) = chunk80(bytes);
        return (charset, Framing::Fixed80, recs, short);
    }
    let mut lines = split_on(bytes, b'\n', Ending::Lf);
    for (line, ending) in &mut lines {
        if *ending == Ending::Lf && line.last() == Some(&b'\r') {
            *line = &line[..line.len() - 1];
            *ending = Ending::CrLf;
        }
    }
    (charset, Framing::Lines, lines, false)
}

/// Split on a separator byte; the last piece has no ending (and is dropped
/// when empty, i.e. when the file ends with a separator).
fn split_on(bytes: &[u8], sep: u8, ending: Ending) -> RawRecords<'_> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == sep {
            out.push((&bytes[start..i], ending));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((&bytes[start..], Ending::None));
    }
    out
}

fn chunk80(bytes: &[u8]) -> (RawRecords<'_>, bool) {
    let recs = bytes.chunks(80).map(|c| (c, Ending::None)).collect();
    (recs, !bytes.len().is_multiple_of(80))
}

fn decode_record(bytes: &[u8], charset: Charset) -> String {
    match charset {
        Charset::Ebcdic1047 => decode_cp(bytes, CodePage::Cp1047),
        Charset::Utf8 | Charset::Decoded => String::from_utf8_lossy(bytes).into_owned(),
        Charset::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Findings about the decoded records: binary bytes and over-long records.
fn check_records(records: &[Record], charset: Charset, raw: &RawRecords<'_>, findings: &mut Vec<Finding>) {
    let control = |b: u8| match charset {
        Charset::Ebcdic1047 => b < 0x40 || b == 0xFF,
        _ => (b < 0x20 && b != b'\t' && b != b'\r') || b == 0x7F,
    };
    let mut binary = 0usize;
    let mut first_binary = None;
    let mut long = 0usize;
    let mut first_long = None;
    for (i, (bytes, _)) in raw.iter().enumerate() {
        let n = bytes.iter().filter(|&&b| control(b)).count();
        if n > 0 {
            binary += n;
            first_binary.get_or_insert(i);
        }
        if records[i].text.chars().count() > 80 {
            long += 1;
            first_long.get_or_insert(i);
        }
    }
    if let Some(i) = first_binary {
        findings.push(Finding::at(
            "ICL302W",
            i,
            format!("{binary} bytes are control characters, not text (binary data?); they are kept unchanged"),
        ));
    }
    if let Some(i) = first_long {
        findings.push(Finding::at(
            "ICL304W",
            i,
            format!("{long} records are longer than 80 columns; text past column 80 is ignored by the parsers"),
        ));
    }
}
