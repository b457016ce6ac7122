//! JCL symbol substitution (`&SYM`, `&SYM.`, `&SYM..X`, `&&TEMP`).
//!
//! A symbol is `&` followed by 1-8 letters, digits or national characters
//! (not starting with a digit). A period right after the name ends it and is
//! dropped, so `&NODE1..&SYS2.PGMLIB` with NODE1=IMS and SYS2 empty reads
//! `IMS.PGMLIB`. `&&NAME` is a temporary data set name, never a symbol.
//! Undefined symbols stay as written (single-`&` temporary names such as
//! `DSN=&TEMPPDS` are common) and are reported to the caller.

use std::collections::BTreeMap;

/// Result of a substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub text: String,
    /// Symbols that had no value (upper case, without `&`).
    pub undefined: Vec<String>,
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '#' | '$')
}

/// Substitute symbols in `text` using `lookup` (called with the upper-case
/// name). Values are inserted as they are (no rescanning).
pub fn resolve(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Resolved {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut undefined = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '&' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'&') {
            // &&TEMP: copy the ampersands and the name unchanged.
            out.push_str("&&");
            i += 2;
            while i < chars.len() && name_char(chars[i]) {
                out.push(chars[i]);
                i += 1;
            }
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < chars.len() && end - start < 8 && name_char(chars[end]) {
            end += 1;
        }
        let name: String = chars[start..end].iter().collect::<String>().to_ascii_uppercase();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('&');
            i += 1;
            continue;
        }
        let dot = chars.get(end) == Some(&'.');
        match lookup(&name) {
            Some(v) => {
                out.push_str(&v);
                i = if dot { end + 1 } else { end };
            }
            None => {
                if !undefined.contains(&name) {
                    undefined.push(name);
                }
                out.extend(&chars[i..end]);
                i = end;
            }
        }
    }
    Resolved { text: out, undefined }
}

/// Substitute from a map (keys upper case).
pub fn resolve_map(text: &str, symbols: &BTreeMap<String, String>) -> Resolved {
    resolve(text, &|n| symbols.get(n).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn periods_and_empty_values() {
        let m = map(&[("NODE1", "IMS"), ("SYS2", "")]);
        assert_eq!(resolve_map("&NODE1..&SYS2.PGMLIB.PDSE", &m).text, "IMS.PGMLIB.PDSE");
        assert_eq!(resolve_map("&NODE1.", &m).text, "IMS");
        assert_eq!(resolve_map("A&NODE1.B", &m).text, "AIMSB");
        assert_eq!(resolve_map("(MSG,&NODE1&SYS2,'&NODE1')", &m).text, "(MSG,IMS,'IMS')");
    }

    #[test]
    fn temporaries_undefined_and_odd_ampersands() {
        let m = map(&[("CDS", "NO")]);
        assert_eq!(resolve_map("&&CDS", &m).text, "&&CDS");
        let r = resolve_map("&TEMPPDS(LNKCTL)", &m);
        assert_eq!(r.text, "&TEMPPDS(LNKCTL)");
        assert_eq!(r.undefined, vec!["TEMPPDS"]);
        assert_eq!(resolve_map("A & B &1 &", &m).text, "A & B &1 &");
        assert_eq!(resolve_map("&SYSUID.", &m).text, "&SYSUID.");
        assert_eq!(resolve_map("&ABCDEFGHIJ", &map(&[("ABCDEFGH", "X")])).text, "XIJ");
    }
}
