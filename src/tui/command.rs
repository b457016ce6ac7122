//! Command-line text: stacking (`;`), jumps (`=3.4`), verbs and operands
//! (quotes kept together), scroll amounts.

/// The command delimiter (ISPF ZDEL).
pub const DELIM: char = ';';

/// Split stacked commands, keeping quoted strings together.
pub fn split_stack(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q: Option<char> = None;
    for c in s.chars() {
        match (c, q) {
            ('\'' | '"', None) => {
                q = Some(c);
                cur.push(c);
            }
            (c2, Some(open)) if c2 == open => {
                q = None;
                cur.push(c);
            }
            (DELIM, None) => {
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// Words of a command; quoted strings (`'a b'`, `"a b"`) are one word,
/// returned without quotes. `''` inside quotes is one quote.
pub fn words(s: &str) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_whitespace() {
            i += 1;
            continue;
        }
        if cs[i] == '\'' || cs[i] == '"' {
            let q = cs[i];
            let mut w = String::new();
            i += 1;
            while i < cs.len() {
                if cs[i] == q {
                    if cs.get(i + 1) == Some(&q) {
                        w.push(q);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                w.push(cs[i]);
                i += 1;
            }
            out.push(w);
            continue;
        }
        let start = i;
        while i < cs.len() && !cs[i].is_whitespace() {
            i += 1;
        }
        out.push(cs[start..i].iter().collect());
    }
    out
}

/// Verb (upper case) and the rest of the command.
pub fn verb(s: &str) -> (String, String) {
    let t = s.trim();
    match t.split_once(char::is_whitespace) {
        Some((v, r)) => (v.to_ascii_uppercase(), r.trim().to_string()),
        None => (t.to_ascii_uppercase(), String::new()),
    }
}

/// A scroll amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Page,
    Half,
    Csr,
    Data,
    Max,
    Lines(usize),
}

impl Amount {
    /// PAGE, HALF, CSR, DATA, MAX, their first letters, or a number 1-9999.
    pub fn parse(s: &str) -> Option<Amount> {
        let u = s.trim().to_ascii_uppercase();
        Some(match u.as_str() {
            "P" | "PAGE" => Amount::Page,
            "H" | "HALF" => Amount::Half,
            "C" | "CSR" => Amount::Csr,
            "D" | "DATA" => Amount::Data,
            "M" | "MAX" => Amount::Max,
            _ => match u.parse::<usize>() {
                Ok(n) if (1..=9999).contains(&n) => Amount::Lines(n),
                _ => return None,
            },
        })
    }

    /// The scroll field's spelling.
    pub fn name(self) -> String {
        match self {
            Amount::Page => "PAGE".into(),
            Amount::Half => "HALF".into(),
            Amount::Csr => "CSR".into(),
            Amount::Data => "DATA".into(),
            Amount::Max => "MAX".into(),
            Amount::Lines(n) => n.to_string(),
        }
    }

    /// Lines to move for a page of `page` lines; `cursor` is the cursor's
    /// line within the page when it is in the data. MAX is `usize::MAX`.
    pub fn lines(self, page: usize, cursor: Option<usize>, down: bool) -> usize {
        let page = page.max(1);
        match self {
            Amount::Page => page,
            Amount::Half => (page / 2).max(1),
            Amount::Data => page.saturating_sub(1).max(1),
            Amount::Max => usize::MAX,
            Amount::Lines(n) => n,
            // CSR: the line at the cursor goes to the top (down) or the
            // bottom (up); a full page when the cursor is outside the data.
            Amount::Csr => match cursor {
                Some(c) if down && c > 0 => c,
                Some(c) if !down && c + 1 < page => page - 1 - c,
                _ => page,
            },
        }
    }
}

/// A jump: `=3.4` → ["3", "4"]; `=X` → ["X"].
pub fn jump(s: &str) -> Option<Vec<String>> {
    let rest = s.trim().strip_prefix('=')?;
    let parts: Vec<String> = rest.split('.').map(|p| p.trim().to_ascii_uppercase()).collect();
    if parts.is_empty() || parts.iter().any(|p| p.is_empty() || p.contains(char::is_whitespace)) {
        return None;
    }
    Some(parts)
}

/// FIND operands: the string and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindSpec {
    pub text: String,
    pub dir: FindDir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindDir {
    Next,
    Prev,
    First,
    Last,
}

/// `FIND string [NEXT|PREV|FIRST|LAST]` operands (the verb removed).
pub fn find_spec(rest: &str) -> Option<FindSpec> {
    let mut text = None;
    let mut dir = FindDir::Next;
    for w in words(rest) {
        match w.to_ascii_uppercase().as_str() {
            "NEXT" if text.is_some() => dir = FindDir::Next,
            "PREV" if text.is_some() => dir = FindDir::Prev,
            "FIRST" if text.is_some() => dir = FindDir::First,
            "LAST" if text.is_some() => dir = FindDir::Last,
            _ if text.is_none() => text = Some(w),
            _ => {}
        }
    }
    text.filter(|t| !t.is_empty()).map(|text| FindSpec { text, dir })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacking_respects_quotes() {
        assert_eq!(split_stack("3;SORT DSN ; f 'a;b'"), vec!["3", "SORT DSN", "f 'a;b'"]);
        assert_eq!(split_stack("x"), vec!["x"]);
    }

    #[test]
    fn words_and_verbs() {
        assert_eq!(words("find 'two words' prev"), vec!["find", "two words", "prev"]);
        assert_eq!(words("f 'it''s'"), vec!["f", "it's"]);
        assert_eq!(verb("  sort  volser d "), ("SORT".to_string(), "volser d".to_string()));
    }

    #[test]
    fn scroll_amounts() {
        assert_eq!(Amount::parse("p"), Some(Amount::Page));
        assert_eq!(Amount::parse("CSR"), Some(Amount::Csr));
        assert_eq!(Amount::parse("25"), Some(Amount::Lines(25)));
        assert_eq!(Amount::parse("0"), None);
        assert_eq!(Amount::parse("PAGES"), None);
        assert_eq!(Amount::Half.lines(20, None, true), 10);
        assert_eq!(Amount::Data.lines(20, None, true), 19);
        assert_eq!(Amount::Csr.lines(20, Some(5), true), 5);
        assert_eq!(Amount::Csr.lines(20, Some(5), false), 14);
        assert_eq!(Amount::Csr.lines(20, None, true), 20);
    }

    #[test]
    fn jumps_and_find() {
        assert_eq!(jump("=3.4"), Some(vec!["3".to_string(), "4".to_string()]));
        assert_eq!(jump("=x"), Some(vec!["X".to_string()]));
        assert_eq!(jump("=3."), None);
        assert_eq!(jump("3"), None);
        assert_eq!(
            find_spec("'IMSP.' prev"),
            Some(FindSpec {
                text: "IMSP.".into(),
                dir: FindDir::Prev
            })
        );
        assert_eq!(find_spec(""), None);
    }
}
