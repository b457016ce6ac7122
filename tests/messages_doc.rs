//! Every message ID the code uses is documented in docs/messages.md (the
//! panels and findings take their help text from there).

use std::path::Path;

fn ids_in(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            ids_in(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let src = std::fs::read_to_string(&p).unwrap();
            for (i, _) in src.match_indices("\"ICL") {
                let id = &src[i + 1..(i + 8).min(src.len())];
                let b = id.as_bytes();
                if b.len() == 7 && b[3..6].iter().all(u8::is_ascii_digit) && b"IWES".contains(&b[6]) {
                    out.push((id.to_string(), p.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_id_in_the_code_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/messages.md")).unwrap();
    let mut ids = Vec::new();
    ids_in(&root.join("src"), &mut ids);
    assert!(ids.len() > 100, "found only {} IDs: is the scan broken?", ids.len());
    let missing: Vec<_> = ids
        .iter()
        .filter(|(id, _)| !doc.contains(&format!("| {id} |")))
        .collect();
    assert!(missing.is_empty(), "undocumented message IDs: {missing:?}");
}
