//! Shared pieces of the assembler and JCL scanners: where the logical
//! operand text of a continued statement sits on its records, and how to lay
//! a changed operand text out again over continuation records.
//!
//! Both languages split a long operand field over several 80-column records;
//! the scanners glue the pieces into one logical string (so `DSN=` values
//! and parenthesised lists parse the same whether continued or not) and keep
//! a [`Piece`] per record to map logical offsets back to columns. A rewrite
//! edits the logical text and lays the edited part out again with
//! [`split`]: after a comma when possible, otherwise by filling the line to
//! column 71 (always legal in assembler, and legal in JCL inside a quoted
//! string).

use std::ops::Range;

/// Last column of the statement field (1-based 71, so 71 chars).
pub const FIELD_END: usize = 71;
/// Column where continued text starts in assembler (and continued JCL
/// quoted strings): 1-based 16.
pub const CONT_COL: usize = 15;

/// Where a part of a statement's logical operand text sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    /// 0-based record index in the source.
    pub record: usize,
    /// 0-based column of the first character on that record.
    pub col: usize,
    /// Number of characters.
    pub len: usize,
    /// Offset of the first character in the logical operand text.
    pub at: usize,
}

impl Piece {
    pub fn end(&self) -> usize {
        self.at + self.len
    }
}

/// Indices of the first and last piece covering the logical range
/// `start..end`. An empty range at a boundary belongs to the earlier piece
/// (the one where the token before it ended).
pub fn covering(pieces: &[Piece], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = pieces
        .iter()
        .position(|p| start >= p.at && (start < p.end() || (start == p.end() && (p.len == 0 || end == start))))
        .or_else(|| pieces.iter().position(|p| start >= p.at && start <= p.end()))?;
    let last_end = end.max(start);
    let last = pieces
        .iter()
        .enumerate()
        .skip(first)
        .find(|(_, p)| last_end <= p.end())
        .map(|(i, _)| i)?;
    Some((first, last))
}

/// For each boundary position `0..=len`, whether it lies strictly inside a
/// quoted string (apostrophes, with `''` standing for one apostrophe).
pub fn inside_quotes(text: &[char]) -> Vec<bool> {
    let mut inside = vec![false; text.len() + 1];
    let mut state = false;
    let mut i = 0;
    while i < text.len() {
        inside[i] = state;
        if text[i] == '\'' {
            if state && text.get(i + 1) == Some(&'\'') {
                inside[i + 1] = true;
                i += 2;
                continue;
            }
            state = !state;
        }
        i += 1;
    }
    inside[text.len()] = state;
    inside
}

/// One line's share of a laid-out operand text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub range: Range<usize>,
    /// The next chunk continues mid-token (the line was filled to its
    /// width): the continuation must start in column 16.
    pub hard: bool,
}

/// How a text may be split over lines.
#[derive(Debug, Clone, Copy)]
pub struct SplitRules {
    /// Characters available on the first line.
    pub first_width: usize,
    /// Characters available on a continuation after a comma break.
    pub comma_width: usize,
    /// Characters available on a continuation after a hard (mid-token) break.
    pub hard_width: usize,
    /// Mid-token breaks are allowed outside quotes too (assembler).
    pub hard_outside_quotes: bool,
}

/// Split `text` into line chunks: break after the last comma (outside
/// quotes) that fits, else fill the line if the rules allow a mid-token
/// break there. `None` when the text cannot be laid out (a JCL token longer
/// than a line).
pub fn split(text: &[char], rules: SplitRules) -> Option<Vec<Chunk>> {
    let inside = inside_quotes(text);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut width = rules.first_width;
    while text.len() - pos > width {
        let window = pos..pos + width;
        let comma = window
            .clone()
            .rev()
            .find(|&i| text[i] == ',' && !inside[i])
            .map(|i| i + 1);
        match comma {
            Some(b) if b > pos => {
                out.push(Chunk {
                    range: pos..b,
                    hard: false,
                });
                pos = b;
                width = rules.comma_width;
            }
            _ => {
                let cut = pos + width;
                if width == 0 || !(rules.hard_outside_quotes || inside[cut]) {
                    return None;
                }
                out.push(Chunk {
                    range: pos..cut,
                    hard: true,
                });
                pos = cut;
                width = rules.hard_width;
            }
        }
    }
    out.push(Chunk {
        range: pos..text.len(),
        hard: false,
    });
    Some(out)
}

/// An edit of a logical operand text: range and replacement.
pub type TextEdit = (Range<usize>, String);

/// Group edits whose records must be laid out together: each edit covers
/// pieces `p0..=p1` (widened by `extend`, which keeps tokens split over
/// records whole); edits sharing a piece form one group. Edits on separate
/// records get separate groups, so a record between them stays untouched.
pub fn cluster_edits(pieces: &[Piece], edits: &[TextEdit], extend: &dyn Fn(usize) -> usize) -> Vec<Vec<TextEdit>> {
    let mut spans: Vec<(usize, usize, &TextEdit)> = edits
        .iter()
        .map(|e| match covering(pieces, e.0.start, e.0.end) {
            Some((a, b)) => (a, extend(b), e),
            None => (usize::MAX, usize::MAX, e),
        })
        .collect();
    spans.sort_by_key(|(a, _, e)| (*a, e.0.start));
    let mut out: Vec<(usize, Vec<TextEdit>)> = Vec::new();
    for (a, b, e) in spans {
        match out.last_mut() {
            Some((end, group)) if a != usize::MAX && a <= *end => {
                *end = (*end).max(b);
                group.push(e.clone());
            }
            _ => out.push((b, vec![e.clone()])),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// Apply replacements (logical ranges, sorted or not, non-overlapping) to a
/// text, returning the new text.
pub fn apply_edits(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut pos = 0;
    for (r, new) in sorted {
        let start = r.start.clamp(pos, chars.len());
        let end = r.end.clamp(start, chars.len());
        out.extend(&chars[pos..start]);
        out.push_str(new);
        pos = end;
    }
    out.extend(&chars[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn quotes_with_doubled_apostrophes() {
        let t = c("A='B''C',D");
        let q = inside_quotes(&t);
        assert!(!q[2]);
        assert!(q[3] && q[5] && q[7]);
        assert!(!q[9]);
    }

    #[test]
    fn split_prefers_commas() {
        let t = c("AAAA,BBBB,CCCC");
        let r = SplitRules {
            first_width: 10,
            comma_width: 10,
            hard_width: 10,
            hard_outside_quotes: false,
        };
        let chunks = split(&t, r).unwrap();
        assert_eq!(
            chunks.iter().map(|c| c.range.clone()).collect::<Vec<_>>(),
            vec![0..10, 10..14]
        );
    }

    #[test]
    fn split_hard_only_when_allowed() {
        let t = c("AAAAAAAAAAAAAAA");
        let mut r = SplitRules {
            first_width: 10,
            comma_width: 10,
            hard_width: 10,
            hard_outside_quotes: false,
        };
        assert!(split(&t, r).is_none());
        r.hard_outside_quotes = true;
        let chunks = split(&t, r).unwrap();
        assert_eq!(
            chunks[0],
            Chunk {
                range: 0..10,
                hard: true
            }
        );
        let q = c("P='AAAAAAAAAAAA'");
        r.hard_outside_quotes = false;
        assert_eq!(
            split(&q, r).unwrap()[0],
            Chunk {
                range: 0..10,
                hard: true
            }
        );
    }

    #[test]
    fn covering_pieces() {
        let p = [
            Piece {
                record: 0,
                col: 15,
                len: 5,
                at: 0,
            },
            Piece {
                record: 1,
                col: 15,
                len: 5,
                at: 5,
            },
        ];
        assert_eq!(covering(&p, 0, 2), Some((0, 0)));
        assert_eq!(covering(&p, 3, 7), Some((0, 1)));
        assert_eq!(covering(&p, 5, 5), Some((0, 0)));
        assert_eq!(covering(&p, 10, 10), Some((1, 1)));
        assert_eq!(covering(&p, 11, 12), None);
    }

    #[test]
    fn edits_apply() {
        assert_eq!(
            apply_edits("DSN=A.B,DISP=SHR", &[(4..7, "X.Y.Z".into())]),
            "DSN=X.Y.Z,DISP=SHR"
        );
    }
}
