//! Property tests for the IMS source parsers: generated JCL and assembler
//! statements parse to what was generated, render losslessly, and read back
//! with the new values after a rewrite; arbitrary bytes never panic.

use proptest::prelude::*;

use imsclone::ims::asm::AsmSource;
use imsclone::ims::dbd::Dbd;
use imsclone::ims::dfspb::Dfspb;
use imsclone::ims::jcl::{Jcl, RewriteRules};
use imsclone::ims::mda::{Mda, rewrite_dsnames};
use imsclone::ims::psb::Psb;
use imsclone::ims::text::SourceText;

fn name() -> impl Strategy<Value = String> {
    "[A-Z@#$][A-Z0-9@#$]{0,7}"
}

fn dsn() -> impl Strategy<Value = String> {
    prop::collection::vec(name(), 1..6)
        .prop_map(|q| q.join("."))
        .prop_filter("44 max", |d| d.len() <= 44)
}

fn volser() -> impl Strategy<Value = String> {
    "[A-Z0-9]{1,6}"
}

/// Lay operand items out as JCL records: each item goes on the current
/// line if it fits and the coin says so, otherwise on a continuation record
/// indented to a column between 4 and 16; comments, `//*` lines and
/// sequence numbers are sprinkled in.
fn jcl_layout(head: &str, items: &[String], coins: &[u8]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = head.to_string();
    let mut first_on_line = true;
    for (i, item) in items.iter().enumerate() {
        let coin = coins.get(i).copied().unwrap_or(0);
        let last = i + 1 == items.len();
        let text = if last { item.clone() } else { format!("{item},") };
        let fits = line.len() + text.len() <= 71;
        if !first_on_line && (!fits || coin % 3 == 0) {
            if coin % 5 == 1 && line.len() + 10 <= 71 {
                line.push_str("  REMARK");
            }
            if coin % 7 == 2 {
                line = format!("{line:<72}{:08}", i);
            }
            lines.push(line);
            if coin % 11 == 3 {
                lines.push("//* A COMMENT BETWEEN CONTINUATIONS".to_string());
            }
            let indent = 1 + usize::from(coin % 13);
            line = format!("//{}", " ".repeat(indent));
        }
        line.push_str(&text);
        first_on_line = false;
    }
    lines.push(line);
    lines
}

/// Lay assembler operands out: alternate format (break after a comma) or
/// standard format (fill to column 71 and continue mid-token in column 16).
fn asm_layout(head: &str, operands: &str, cont: char, coins: &[u8]) -> Vec<String> {
    let chars: Vec<char> = operands.chars().collect();
    let mut lines = Vec::new();
    let mut line: Vec<char> = head.chars().collect();
    let mut i = 0;
    let mut k = 0;
    while i < chars.len() {
        let room = 71 - line.len();
        let rest = chars.len() - i;
        if rest <= room {
            line.extend(&chars[i..]);
            break;
        }
        let coin = coins.get(k).copied().unwrap_or(0);
        k += 1;
        // Alternate format: break after the last comma that fits.
        let comma = (i..i + room).rev().find(|&j| chars[j] == ',');
        let cut = match comma {
            Some(c) if coin % 2 == 0 => c + 1,
            _ => i + room,
        };
        line.extend(&chars[i..cut]);
        let mut l: String = line.iter().collect();
        l = format!("{l:<71}{cont}");
        if coin % 3 == 0 {
            l.push_str(&format!("{:08}", k));
        }
        lines.push(l);
        line = vec![' '; 15];
        i = cut;
    }
    lines.push(line.into_iter().collect());
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn jcl_dd_statements_parse_render_and_rewrite(
        dd in name(),
        d in dsn(),
        member in prop::option::of(name()),
        vols in prop::collection::vec(volser(), 0..4),
        disp in prop::sample::select(vec!["SHR", "OLD", "(NEW,CATLG)", "(,CATLG,DELETE)", "(MOD,PASS)"]),
        coins in prop::collection::vec(any::<u8>(), 8),
        new_dsn in dsn(),
        new_vol in volser(),
    ) {
        let full = match &member { Some(m) => format!("{d}({m})"), None => d.clone() };
        let mut items = vec![format!("DSN={full}"), format!("DISP={disp}")];
        if !vols.is_empty() {
            items.push(format!("VOL=SER=({})", vols.join(",")));
        }
        items.push("UNIT=SYSDA".into());
        items.push("SPACE=(CYL,(10,5))".into());
        let mut records = vec!["//J JOB (ACCT),'A NAME'".to_string(), "//S EXEC PGM=IEFBR14,PARM='X Y'".to_string()];
        records.extend(jcl_layout(&format!("//{dd} DD "), &items, &coins));
        records.push("//OTHER DD DUMMY".into());
        let jcl = Jcl::parse(&records).unwrap();
        prop_assert_eq!(jcl.render(), records.clone());
        let st = &jcl.jobs[0].steps[0];
        let got = st.dd(&dd).unwrap();
        prop_assert_eq!(got.dsns(), vec![full.as_str()]);
        prop_assert_eq!(got.entries[0].disp.as_deref(), Some(disp));
        prop_assert_eq!(got.volsers(), vols.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert!(jcl.findings.is_empty(), "{:?}", jcl.findings);

        let nd = |x: &str| (x == d).then(|| new_dsn.clone());
        let nv = |_: &str| Some(new_vol.clone());
        let rules = RewriteRules { dsn: Some(&nd), volser: Some(&nv), ..RewriteRules::default() };
        let rw = jcl.rewrite(&rules).unwrap();
        let again = Jcl::parse(&rw.records).unwrap();
        let st2 = &again.jobs[0].steps[0];
        let got2 = st2.dd(&dd).unwrap();
        let want = match &member { Some(m) => format!("{new_dsn}({m})"), None => new_dsn.clone() };
        prop_assert_eq!(got2.dsns(), vec![want.as_str()]);
        prop_assert_eq!(got2.entries[0].disp.as_deref(), Some(disp));
        prop_assert!(got2.volsers().iter().all(|v| *v == new_vol));
        prop_assert_eq!(got2.volsers().len(), vols.len());
        // Records outside the statement, and records of the statement
        // holding neither the DSN nor the volsers, are untouched.
        prop_assert_eq!(&rw.records[..2], &records[..2]);
        for r in &records {
            if !r.contains("DSN=") && !r.contains("VOL=") {
                prop_assert!(rw.records.contains(r), "{r:?} lost in {:?}", rw.records);
            }
        }
        prop_assert_eq!(rw.records.last(), records.last());
        prop_assert!(rw.records.iter().all(|r| r.chars().count() <= 80));
        // Mapping everything to itself changes nothing.
        let same = |x: &str| Some(x.to_string());
        let rw = jcl.rewrite(&RewriteRules { dsn: Some(&same), volser: Some(&same), ..RewriteRules::default() }).unwrap();
        prop_assert_eq!(rw.records, records);
        prop_assert!(rw.changes.is_empty());
    }

    #[test]
    fn asm_statements_parse_render_and_rewrite(
        label in prop::option::of(name()),
        dd in name(),
        d in dsn(),
        extra in prop::collection::vec((name(), prop::sample::select(vec!["X", "(A,B)", "'Q S'", "", "((P,),Q)"])), 0..5),
        cont in prop::sample::select(vec!['X', 'C', '*', '1', '+']),
        coins in prop::collection::vec(any::<u8>(), 12),
        new_dsn in dsn(),
    ) {
        let mut ops = format!("TYPE=DATASET,DDNAME={dd},DSNAME={d}");
        for (k, v) in &extra {
            ops.push_str(&format!(",{k}={v}"));
        }
        let head = format!("{:<9}DFSMDA ", label.clone().unwrap_or_default());
        let mut records = vec!["         DFSMDA TYPE=DATABASE,DBNAME=DB1".to_string()];
        records.extend(asm_layout(&head, &ops, cont, &coins));
        records.push("         DFSMDA TYPE=FINAL".into());
        let src = AsmSource::parse(&records);
        prop_assert_eq!(src.render(), records.clone());
        prop_assert_eq!(src.statements.len(), 3);
        prop_assert_eq!(&src.statements[1].operand_text, &ops);
        prop_assert!(src.findings.is_empty(), "{:?}", src.findings);
        let m = Mda::parse(&src, 0).unwrap();
        prop_assert_eq!(m.entries[1].dsname.as_deref(), Some(d.as_str()));

        let rw = rewrite_dsnames(&src, &|x| (x == d).then(|| new_dsn.clone())).unwrap();
        let again = AsmSource::parse(&rw.records);
        prop_assert_eq!(again.statements.len(), 3);
        let want = ops.replacen(&format!("DSNAME={d}"), &format!("DSNAME={new_dsn}"), 1);
        prop_assert_eq!(&again.statements[1].operand_text, &want);
        prop_assert_eq!(&rw.records[0], &records[0]);
        prop_assert_eq!(rw.records.last(), records.last());
        prop_assert!(rw.records.iter().all(|r| r.chars().count() <= 80));
    }

    #[test]
    fn dfspb_set_reads_back(
        values in prop::collection::vec((name(), name()), 1..12),
        per_line in 1usize..4,
        pick in any::<prop::sample::Index>(),
        new in "[A-Z0-9]{1,40}",
    ) {
        // Unique keywords, several per line, trailing commas.
        let mut seen = std::collections::BTreeSet::new();
        let entries: Vec<(String, String)> = values.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect();
        let items: Vec<String> = entries.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut records = vec!["* GENERATED".to_string()];
        for (i, chunk) in items.chunks(per_line).enumerate() {
            let last = (i + 1) * per_line >= items.len();
            records.push(format!("{}{}", chunk.join(","), if last { "" } else { "," }));
        }
        let pb = Dfspb::parse(&records).unwrap();
        prop_assert_eq!(pb.entries.len(), entries.len());
        let (k, _) = &entries[pick.index(entries.len())];
        let rw = pb.set(k, &new).unwrap();
        let again = Dfspb::parse(&rw.records).unwrap();
        prop_assert_eq!(again.get(k), Some(new.as_str()));
        for (k2, v2) in &entries {
            if k2 != k {
                prop_assert_eq!(again.get(k2), Some(v2.as_str()));
            }
        }
    }

    /// Arbitrary bytes: every parser returns a value or an error, the text
    /// layer re-encodes the same bytes.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let text = SourceText::from_bytes(&bytes);
        prop_assert_eq!(text.to_bytes().unwrap(), bytes.clone());
        let _ = AsmSource::from_text(&text);
        let _ = Dbd::from_bytes(&bytes, Some("MEMBER"));
        let _ = Psb::from_bytes(&bytes, Some("MEMBER"));
        let _ = Mda::from_bytes(&bytes);
        let _ = Dfspb::from_bytes(&bytes);
        if let Ok(j) = Jcl::from_bytes(&bytes) {
            let f = |x: &str| Some(format!("{x}Q"));
            let _ = j.rewrite(&RewriteRules { dsn: Some(&f), parm_token: Some(&f), ..RewriteRules::default() });
        }
    }

    /// Text made of the characters that matter to the scanners, in lines
    /// of any length: parsing and rewriting never panic, and a successful
    /// rewrite reads back.
    #[test]
    fn syntax_soup_never_panics(
        lines in prop::collection::vec("(//|/\\*|\\*| {1,15}|[A-Z]{1,8} )?[A-Z0-9 ,()'=.&*/]{0,120}", 0..40),
    ) {
        let text = lines.join("\n");
        let bytes = text.as_bytes();
        let _ = Dbd::from_bytes(bytes, None);
        let _ = Psb::from_bytes(bytes, None);
        let _ = Dfspb::from_bytes(bytes);
        let _ = Mda::from_bytes(bytes);
        let src = AsmSource::parse(&lines);
        let _ = rewrite_dsnames(&src, &|x| Some(format!("{x}.NEW")));
        if let Ok(j) = Jcl::parse(&lines) {
            prop_assert_eq!(j.render(), lines.clone());
            let f = |x: &str| Some(format!("{}Z", &x[..x.len().min(7)]));
            let kw = |_: &str, _: &str, v: &str| Some(format!("{v}1"));
            let rules = RewriteRules { dsn: Some(&f), volser: Some(&f), parm_token: Some(&f), keyword: Some(&kw), ..RewriteRules::default() };
            if let Ok(rw) = j.rewrite(&rules) {
                let again = Jcl::parse(&rw.records);
                prop_assert!(again.is_ok());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Assembler-like soup with column-72 marks: replacing any scalar value
    /// of any statement either succeeds and reads back, or is refused with
    /// ICL310E; it never panics.
    #[test]
    fn asm_soup_value_rewrites(
        lines in prop::collection::vec("([A-Z]{1,8})? {1,9}[A-Z]{1,8} [A-Z0-9 ,()'=.]{0,70}[ X]?[0-9]{0,8}", 1..20),
        new in "[A-Z0-9.]{0,60}",
        pick in any::<prop::sample::Index>(),
    ) {
        let src = AsmSource::parse(&lines);
        prop_assert_eq!(src.render(), lines.clone());
        let targets: Vec<(usize, std::ops::Range<usize>)> = src
            .statements
            .iter()
            .flat_map(|st| st.operands.items.iter().flat_map(|i| i.value.scalars()).map(|v| (st.index, v.span.clone())).collect::<Vec<_>>())
            .collect();
        if targets.is_empty() {
            return Ok(());
        }
        let (stmt, span) = targets[pick.index(targets.len())].clone();
        let edit = imsclone::ims::asm::Edit { statement: stmt, span: span.clone(), new_text: new.clone() };
        match src.rewrite(&[edit]) {
            Ok(rw) => {
                let again = AsmSource::parse(&rw.records);
                let old = &src.statements[stmt].operand_text;
                let chars: Vec<char> = old.chars().collect();
                let want: String = chars[..span.start].iter().chain(new.chars().collect::<Vec<_>>().iter()).chain(chars[span.end..].iter()).collect();
                prop_assert_eq!(&again.statements[stmt].operand_text, &want);
            }
            Err(e) => prop_assert_eq!(e.id, "ICL310E"),
        }
    }
}

#[test]
fn pathological_inputs() {
    let long = "A".repeat(10_000);
    let junk: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 256) as u8).collect();
    for b in [
        long.as_bytes().to_vec(),
        format!("//S EXEC PGM=X,PARM='{long}").into_bytes(),
        format!("         DBD NAME=({long}").into_bytes(),
        "(".repeat(10_000).into_bytes(),
        format!("{}X\n{}", " ".repeat(71), " ".repeat(71)).into_bytes(),
        format!("//A DD DSN=X,\n{}", "//* C\n".repeat(1000)).into_bytes(),
        junk,
    ] {
        let _ = Dbd::from_bytes(&b, None);
        let _ = Psb::from_bytes(&b, None);
        let _ = Mda::from_bytes(&b);
        let _ = Dfspb::from_bytes(&b);
        let _ = Jcl::from_bytes(&b);
    }
}
