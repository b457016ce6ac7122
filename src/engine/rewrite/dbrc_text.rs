//! DBRC commands inside JCL in-stream data (DSPURX00 SYSIN): values of
//! DSN-like keywords go through the rename masks, SSID-like ones through
//! the name map, VOLSER lists through the VOLSER map. The rest of each line
//! is kept as it is.

use super::members::Maps;
use crate::ims::jcl::rewrite::{ChangeKind, JclChange};
use crate::ims::text::Rewritten;

const DSN_KEYWORDS: &[&str] = &["DSN", "ICDSN", "ICDSN2", "ADSN", "DSNPREFX", "CADSN", "OLDS", "NEWDSN"];
const NAME_KEYWORDS: &[&str] = &["SSID", "IRLMID", "IMSPLEX"];
const VOL_KEYWORDS: &[&str] = &["VOLLIST", "VOLSER", "NEWVOL", "OLDVOL", "VOLLIST2"];

/// Does this block look like DBRC commands?
fn is_dbrc(lines: &[String]) -> bool {
    lines.iter().any(|l| {
        let w = l.trim_start();
        ["INIT.", "CHANGE.", "DELETE.", "NOTIFY.", "LIST.", "GENJCL."]
            .iter()
            .any(|p| w.starts_with(p))
    })
}

/// Rewrite one line: `KW(value,...)` occurrences. Returns the new line and
/// the (old, new) value pairs.
fn rewrite_line(line: &str, maps: &Maps<'_>) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(line.len());
    let mut changes = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A keyword: letters/digits preceded by a non-word character.
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        if word_start && b[i].is_ascii_alphabetic() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            let kw = line[i..j].to_ascii_uppercase();
            if j < b.len()
                && b[j] == b'('
                && let Some(close) = line[j + 1..].find(')').map(|p| j + 1 + p)
            {
                {
                    let inner = &line[j + 1..close];
                    let mapped: Vec<String> = inner
                        .split(',')
                        .map(|v| {
                            let t = v.trim();
                            let new = if DSN_KEYWORDS.contains(&kw.as_str()) && t.contains('.') {
                                maps.dsn(t)
                            } else if NAME_KEYWORDS.contains(&kw.as_str()) {
                                maps.names.exact(t)
                            } else if VOL_KEYWORDS.contains(&kw.as_str()) {
                                maps.volsers.get(t)
                            } else {
                                None
                            };
                            match new {
                                Some(n) if n != t => {
                                    changes.push((t.to_string(), n.clone()));
                                    v.replacen(t, &n, 1)
                                }
                                _ => v.to_string(),
                            }
                        })
                        .collect();
                    out.push_str(&line[i..=j]);
                    out.push_str(&mapped.join(","));
                    out.push(')');
                    i = close + 1;
                    continue;
                }
            }
            out.push_str(&line[i..j]);
            i = j;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    (out, changes)
}

/// Rewrite a block of in-stream lines holding DBRC commands; `None` when it
/// holds none or nothing changes.
pub fn rewrite_lines(lines: &[String], maps: &Maps<'_>) -> Option<Rewritten<JclChange>> {
    if !is_dbrc(lines) {
        return None;
    }
    let mut records = Vec::with_capacity(lines.len());
    let mut changes = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let (new, ch) = rewrite_line(l, maps);
        for (o, w) in ch {
            changes.push(JclChange {
                record: n + 1,
                kind: ChangeKind::Instream,
                old: o,
                new: w,
            });
        }
        records.push(new);
    }
    if changes.is_empty() {
        return None;
    }
    let mut rw = Rewritten::unchanged(records);
    rw.changes = changes;
    Some(rw)
}
