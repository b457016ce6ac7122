//! Help texts of message IDs, taken from `docs/messages.md` at build time so
//! the documentation and the program can never disagree.

use std::collections::HashMap;
use std::sync::OnceLock;

static DOC: &str = include_str!("../../docs/messages.md");

fn table() -> &'static HashMap<String, String> {
    static T: OnceLock<HashMap<String, String>> = OnceLock::new();
    T.get_or_init(|| parse(DOC))
}

/// Parse the table rows `| ICLnnnX | text | explanation |`: the last
/// cell is the help.
fn parse(doc: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in doc.lines() {
        let Some(rest) = line.strip_prefix("| ICL") else {
            continue;
        };
        let cells: Vec<&str> = rest.split(" | ").collect();
        let id = format!("ICL{}", cells[0].trim());
        if id.len() == 7 && cells.len() >= 2 {
            let help = cells[cells.len() - 1].trim().trim_end_matches('|').trim();
            out.insert(id, help.to_string());
        }
    }
    out
}

/// The help text of a message ID ("" when the ID is not documented).
pub fn help_for(id: &str) -> &'static str {
    table().get(id).map(String::as_str).unwrap_or("")
}

/// Every documented ID.
pub fn documented_ids() -> Vec<&'static str> {
    let mut v: Vec<&str> = table().keys().map(String::as_str).collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn help_comes_from_the_docs() {
        assert!(super::help_for("ICL258E").contains("z/OS rule"));
        assert_eq!(super::help_for(concat!("ICL", "999E")), "");
    }
}
