//! Every message ID the IMS source parsers use is documented in
//! `docs/messages.md` with its severity, and every documented
//! ID is used.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ids_in(text: &str) -> BTreeSet<String> {
    let b = text.as_bytes();
    let mut out = BTreeSet::new();
    for i in 0..b.len().saturating_sub(6) {
        if &b[i..i + 4] == b"ICL3"
            && b[i + 4].is_ascii_digit()
            && b[i + 5].is_ascii_digit()
            && b"IWES".contains(&b[i + 6])
        {
            out.insert(String::from_utf8_lossy(&b[i..i + 7]).into_owned());
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn parser_message_ids_are_documented() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let ims = root.join("src/ims");
    let mut files = Vec::new();
    for d in ["text", "asm", "dbd", "jcl"] {
        rust_files(&ims.join(d), &mut files);
    }
    for f in ["psb.rs", "mda.rs", "dfspb.rs"] {
        files.push(ims.join(f));
    }
    let mut used = BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // Only IDs within the parsers' range (ICL300-349).
        used.extend(
            ids_in(&text)
                .into_iter()
                .filter(|id| id[3..6].parse::<u32>().is_ok_and(|n| n < 350)),
        );
    }
    let doc = std::fs::read_to_string(root.join("docs/messages.md")).unwrap();
    let table: BTreeSet<String> = doc
        .lines()
        .filter(|l| l.starts_with("| ICL3") && l[6..8].parse::<u32>().is_ok_and(|n| n < 50))
        .flat_map(|l| ids_in(l).into_iter().take(1))
        .collect();
    // Explained: the third cell (the explanation) is not empty.
    let explained: BTreeSet<String> = doc
        .lines()
        .filter(|l| {
            l.starts_with("| ICL3")
                && l[6..8].parse::<u32>().is_ok_and(|n| n < 50)
                && l.split(" | ")
                    .nth(2)
                    .is_some_and(|c| c.trim_end_matches('|').trim().len() > 10)
        })
        .flat_map(|l| ids_in(l).into_iter().take(1))
        .collect();
    assert_eq!(used, table, "IDs used in src/ims vs. the table in docs/messages.md");
    assert_eq!(table, explained, "every ID in the table has an explanation paragraph");
    let numbers: Vec<&str> = table.iter().map(|id| &id[..6]).collect();
    let unique: BTreeSet<&str> = numbers.iter().copied().collect();
    assert_eq!(numbers.len(), unique.len(), "one severity per message number");
}
