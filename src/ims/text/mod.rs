//! Raw source bytes to 80-column records, and back, losslessly.
//!
//! Sources reach imsclone in four shapes: ASCII with LF or CRLF line ends
//! (possibly without a final one), EBCDIC IBM-1047 with 0x15 NL line ends,
//! EBCDIC fixed 80-byte records with no separator at all, and records already
//! decoded from PDS members. [`SourceText`] detects the shape from the
//! content, decodes to one `String` per record and remembers everything
//! needed to write the same bytes back (charset, framing, each record's line
//! end, a byte order mark), so a rewrite that changes one DSN changes nothing
//! else in the file.
//!
//! Shared helpers for the assembler and JCL scanners live beside it:
//! [`finding`] (the finding type), [`layout`] (continuation re-flow) and
//! [`Rewritten`] (new records plus where each came from).

mod decode;
pub mod finding;
pub mod layout;

pub use finding::Finding;

use crate::icl_bail;
use crate::msg::Result;

/// How characters are encoded in the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Charset {
    /// ASCII family, valid UTF-8 (pure ASCII files land here).
    Utf8,
    /// ASCII family that is not valid UTF-8: one byte is one Latin-1 char.
    Latin1,
    /// EBCDIC code page 1047 (what published z/OS files use).
    Ebcdic1047,
    /// Records handed over already decoded (PDS members read through `dasd`).
    Decoded,
}

/// How records are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Framing {
    /// Records end with a line end (LF, CRLF or EBCDIC NL).
    Lines,
    /// Fixed 80-byte records without separators.
    Fixed80,
    /// A list of already-separated records.
    Records,
}

/// What ended one record in the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Ending {
    Lf,
    CrLf,
    /// EBCDIC new line 0x15.
    Nl,
    /// No separator: fixed records, or the last record of a file without a
    /// final line end.
    None,
}

/// One record: its decoded text and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    pub text: String,
    pub ending: Ending,
}

/// A decoded source: records plus what is needed to re-encode them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceText {
    pub charset: Charset,
    pub framing: Framing,
    /// The bytes started with a UTF-8 byte order mark.
    pub bom: bool,
    /// A fixed-80 file whose last record was short (a truncated file): the
    /// last record is written back short instead of padded.
    pub short_last: bool,
    pub records: Vec<Record>,
    /// What the decoder noticed (encoding guesses, short or long records).
    pub findings: Vec<Finding>,
}

/// New records produced by a rewriter, with the original record each one
/// comes from (`None` for inserted continuation records), the changes made
/// and anything noticed on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Rewritten<C> {
    pub records: Vec<String>,
    pub origin: Vec<Option<usize>>,
    pub changes: Vec<C>,
    pub findings: Vec<Finding>,
}

impl<C> Rewritten<C> {
    /// Records unchanged: every record maps to itself.
    pub fn unchanged(records: Vec<String>) -> Self {
        let origin = (0..records.len()).map(Some).collect();
        Rewritten {
            records,
            origin,
            changes: Vec::new(),
            findings: Vec::new(),
        }
    }
}

impl SourceText {
    /// Decode raw bytes, detecting charset and framing from the content.
    /// Never fails: odd input yields findings, and the bytes can always be
    /// written back unchanged with [`SourceText::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> SourceText {
        decode::decode(bytes)
    }

    /// Records that come already decoded (PDS member records, test data).
    pub fn from_records<S: Into<String>>(records: Vec<S>) -> SourceText {
        let records = records
            .into_iter()
            .map(|t| Record {
                text: t.into(),
                ending: Ending::None,
            })
            .collect();
        SourceText {
            charset: Charset::Decoded,
            framing: Framing::Records,
            bom: false,
            short_last: false,
            records,
            findings: Vec::new(),
        }
    }

    /// Convenience for text already in a Rust string: split on LF/CRLF.
    pub fn from_text(text: &str) -> SourceText {
        decode::decode(text.as_bytes())
    }

    /// The decoded record texts.
    pub fn lines(&self) -> Vec<String> {
        self.records.iter().map(|r| r.text.clone()).collect()
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The same encoding and framing with new record texts. `origin[i]` names
    /// the original record that new record `i` replaces (its line end is
    /// kept); inserted records get the file's usual line end. The last record
    /// keeps the original last record's ending, so a file without a final
    /// newline stays without one.
    pub fn with_records(&self, records: &[String], origin: &[Option<usize>]) -> SourceText {
        let usual = self.usual_ending();
        let last_ending = self.records.last().map_or(usual, |r| r.ending);
        let n = records.len();
        let new_records = records
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let from = origin.get(i).copied().flatten().and_then(|o| self.records.get(o));
                let mut ending = from.map_or(usual, |r| r.ending);
                if i + 1 == n {
                    ending = last_ending;
                } else if ending == Ending::None && self.framing == Framing::Lines {
                    ending = usual;
                }
                Record {
                    text: text.clone(),
                    ending,
                }
            })
            .collect();
        SourceText {
            records: new_records,
            findings: Vec::new(),
            ..self.clone()
        }
    }

    /// Apply a rewriter's result.
    pub fn apply<C>(&self, rewritten: &Rewritten<C>) -> SourceText {
        self.with_records(&rewritten.records, &rewritten.origin)
    }

    /// The most common line end among records that have one.
    fn usual_ending(&self) -> Ending {
        let count = |e: Ending| self.records.iter().filter(|r| r.ending == e).count();
        let candidates = [Ending::Lf, Ending::CrLf, Ending::Nl];
        let best = candidates
            .iter()
            .copied()
            .max_by_key(|&e| count(e))
            .unwrap_or(Ending::Lf);
        if count(best) > 0 {
            best
        } else {
            match self.charset {
                Charset::Ebcdic1047 if self.framing == Framing::Lines => Ending::Nl,
                _ if self.framing == Framing::Lines => Ending::Lf,
                _ => Ending::None,
            }
        }
    }

    /// Encode back to bytes. For an unmodified source this is byte-identical
    /// to the input of [`SourceText::from_bytes`]. Fails (ICL300E) only when
    /// a record holds a character the charset cannot encode, or a fixed
    /// record grew past 80 columns.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        if self.bom {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        let n = self.records.len();
        for (i, rec) in self.records.iter().enumerate() {
            let mut bytes = self.encode_text(&rec.text, i)?;
            if self.framing == Framing::Fixed80 {
                if bytes.len() > 80 {
                    icl_bail!(
                        "ICL300E",
                        "record {} is {} columns long; fixed records hold 80",
                        i + 1,
                        bytes.len()
                    );
                }
                // A short final record of a truncated file stays short;
                // any other record is padded to the fixed length.
                if i + 1 < n || !self.short_last {
                    let pad = self.blank();
                    bytes.resize(80, pad);
                }
            }
            out.extend_from_slice(&bytes);
            match rec.ending {
                Ending::Lf => out.push(b'\n'),
                Ending::CrLf => out.extend_from_slice(b"\r\n"),
                Ending::Nl => out.push(0x15),
                Ending::None => {}
            }
            if self.framing == Framing::Records && i + 1 < n {
                out.push(b'\n');
            }
        }
        Ok(out)
    }

    fn blank(&self) -> u8 {
        if self.charset == Charset::Ebcdic1047 {
            0x40
        } else {
            b' '
        }
    }

    fn encode_text(&self, text: &str, index: usize) -> Result<Vec<u8>> {
        match self.charset {
            Charset::Utf8 | Charset::Decoded => Ok(text.as_bytes().to_vec()),
            Charset::Latin1 | Charset::Ebcdic1047 => {
                let mut v = Vec::with_capacity(text.len());
                for c in text.chars() {
                    let Ok(b) = u8::try_from(u32::from(c)) else {
                        icl_bail!(
                            "ICL300E",
                            "record {}: character {c:?} cannot be encoded in {:?}",
                            index + 1,
                            self.charset
                        );
                    };
                    v.push(if self.charset == Charset::Ebcdic1047 {
                        decode::latin1_to_1047(b)
                    } else {
                        b
                    });
                }
                Ok(v)
            }
        }
    }
}

/// Characters of a record as a vector, for column arithmetic (columns are
/// characters, not bytes: EBCDIC text decodes to Latin-1 which may be
/// multi-byte in UTF-8).
pub fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// A column slice of a record, clamped to its length.
pub fn cols(chars: &[char], from: usize, to: usize) -> String {
    let to = to.min(chars.len());
    let from = from.min(to);
    chars[from..to].iter().collect()
}

/// True when the text contains template placeholders such as `${HLQ}` or
/// `{{ hlq }}` (published samples sometimes hold Ansible/Jinja templates).
pub fn has_template(s: &str) -> bool {
    s.contains("${") || s.contains("{{") || s.contains("{%")
}

#[cfg(test)]
mod tests;
