//! Validation of the z/OS names that RECON records carry.
//!
//! DBRC rejects bad names at command time; our decoder rejects them in
//! records, so a damaged RECON never turns into strange LIST output.

use crate::icl_bail;
use crate::msg::Result;

fn first_ok(c: char) -> bool {
    c.is_ascii_uppercase() || "$#@".contains(c)
}

fn rest_ok(c: char) -> bool {
    first_ok(c) || c.is_ascii_digit()
}

/// A 1-`max` character name (DBD, DD, SSID, PSB, group): first char A-Z $ # @,
/// then A-Z 0-9 $ # @.
pub fn check_name(what: &str, s: &str, max: usize) -> Result<()> {
    let mut chars = s.chars();
    let ok = match chars.next() {
        Some(c) => first_ok(c) && chars.all(rest_ok) && s.len() <= max,
        None => false,
    };
    if !ok {
        icl_bail!("ICL353E", "{what} '{s}' is not a valid name of 1-{max} characters");
    }
    Ok(())
}

/// A data set name: 1-44 characters, qualifiers of 1-8 characters
/// (first A-Z $ # @, then also 0-9 and `-`), separated by periods.
pub fn check_dsn(what: &str, s: &str, max: usize) -> Result<()> {
    let quals_ok = s.split('.').all(|q| {
        let mut ch = q.chars();
        match ch.next() {
            Some(c) => first_ok(c) && ch.all(|c| rest_ok(c) || c == '-') && q.len() <= 8,
            None => false,
        }
    });
    if s.is_empty() || s.len() > max || !quals_ok {
        icl_bail!(
            "ICL354E",
            "{what} '{s}' is not a valid data set name of at most {max} characters"
        );
    }
    Ok(())
}

/// A VOLSER: 1-6 characters A-Z 0-9 $ # @ (DBRC also accepts a leading digit).
pub fn check_volser(s: &str) -> Result<()> {
    if s.is_empty() || s.len() > 6 || !s.chars().all(rest_ok) {
        icl_bail!("ICL353E", "VOLSER '{s}' is not 1-6 characters A-Z 0-9 $ # @");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(check_name("DBD", "CUSTDB", 8).is_ok());
        assert!(check_name("DBD", "$ABC#@1", 8).is_ok());
        assert!(check_name("DBD", "1ABC", 8).is_err());
        assert!(check_name("DBD", "", 8).is_err());
        assert!(check_name("DBD", "TOOLONGNA", 8).is_err());
        assert!(check_name("DBD", "ab", 8).is_err());
        assert_eq!(check_name("DBD", "A B", 8).unwrap_err().id, "ICL353E");
    }

    #[test]
    fn dsns() {
        assert!(check_dsn("DSN", "IMSP.ACCTHDB.P1", 37).is_ok());
        assert!(check_dsn("DSN", "IMSP.A-B", 44).is_ok());
        assert!(check_dsn("DSN", "IMSP..X", 44).is_err());
        assert!(check_dsn("DSN", "IMSP.1X", 44).is_err());
        assert!(check_dsn("DSN", "IMSP.ABCDEFGHI", 44).is_err());
        assert!(check_dsn("DSN", &"A.".repeat(22), 44).is_err());
        assert!(check_volser("IMSP01").is_ok());
        assert!(check_volser("IMSP012").is_err());
    }
}
