//! z/OS name rules: data set names, qualifiers and member names.

use crate::{Result, icl_bail};

fn national_or_alpha(b: u8) -> bool {
    b.is_ascii_uppercase() || matches!(b, b'$' | b'#' | b'@')
}

/// A qualifier: 1-8 characters, first A-Z $ # @, then also 0-9 and `-`.
pub fn valid_qualifier(q: &str) -> bool {
    let b = q.as_bytes();
    !b.is_empty()
        && b.len() <= 8
        && national_or_alpha(b[0])
        && b[1..]
            .iter()
            .all(|&c| national_or_alpha(c) || c.is_ascii_digit() || c == b'-')
}

/// Why a data set name is invalid, or `None` when it is fine.
pub fn dsn_problem(dsn: &str) -> Option<String> {
    if dsn.is_empty() {
        return Some("the name is empty".into());
    }
    if dsn.len() > 44 {
        return Some(format!("{} characters (at most 44)", dsn.len()));
    }
    for q in dsn.split('.') {
        if !valid_qualifier(q) {
            return Some(format!(
                "qualifier '{q}' is not 1-8 characters A-Z 0-9 $ # @ - starting with a letter or $ # @"
            ));
        }
    }
    None
}

/// Check a data set name (`ICL114E` when invalid).
pub fn check_dsn(dsn: &str) -> Result<()> {
    if let Some(p) = dsn_problem(dsn) {
        icl_bail!("ICL114E", "data set name '{dsn}' is invalid: {p}");
    }
    Ok(())
}

/// A member name: 1-8 characters, first A-Z $ # @, then also 0-9.
pub fn valid_member(m: &str) -> bool {
    let b = m.as_bytes();
    !b.is_empty()
        && b.len() <= 8
        && national_or_alpha(b[0])
        && b[1..].iter().all(|&c| national_or_alpha(c) || c.is_ascii_digit())
}

/// Check a member name (`ICL115E` when invalid).
pub fn check_member(m: &str) -> Result<()> {
    if !valid_member(m) {
        icl_bail!(
            "ICL115E",
            "member name '{m}' is invalid (1-8 characters A-Z 0-9 $ # @, not starting with a digit)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(dsn_problem("IMSP.ACCTHDB.P1.A00001").is_none());
        assert!(dsn_problem("SYS1.VVDS.VIMSP01").is_none());
        assert!(dsn_problem("-AB.C").is_some());
        assert!(dsn_problem("IMSP..X").is_some());
        assert!(dsn_problem("IMSP.1ABC").is_some());
        assert!(dsn_problem("IMSP.ABCDEFGHI").is_some());
        assert!(dsn_problem(&"A.".repeat(22)).is_some());
        assert!(dsn_problem("imsp.x").is_some());
        assert!(valid_member("DFSPBIP1"));
        assert!(!valid_member("1ABC"));
        assert!(!valid_member("ABCDEFGHI"));
    }
}
