//! Property tests of what users type into a job: rename masks and job files.
//! Whatever they type, the engine answers with a message ID or a plan whose
//! names are valid, distinct and clear of the source's names; it never panics.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use imsclone::dasd::names::dsn_problem;
use imsclone::engine::names::{RenameMap, Renamed};
use imsclone::engine::request::{JobFile, RenamePair};
use imsclone::farm::Farm;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../sample-systems/default/jobs/system-clone.toml");

/// One default farm for every planning case: planning writes nothing.
fn farm() -> &'static Farm {
    static FARM: OnceLock<(tempfile::TempDir, Farm)> = OnceLock::new();
    &FARM
        .get_or_init(|| {
            let d = tempfile::tempdir().unwrap();
            let f = common::farms::default_farm(&d.path().join("farm"));
            (d, f)
        })
        .1
}

/// A qualifier of a mask: literal, `%` run, `*`, or `**`.
fn mask_qualifier() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z#@$][A-Z0-9#@$]{0,8}",
        "%{1,3}",
        "[A-Z]{1,3}%{1,2}",
        Just("*".to_string()),
        Just("**".to_string()),
    ]
}

/// A source mask under IMSP and a target mask with the same wildcards (so
/// most pairs are accepted) under a random HLQ, literals changed at random.
fn mask_pair() -> impl Strategy<Value = (String, String)> {
    (
        prop::collection::vec((mask_qualifier(), "[A-Z][A-Z0-9]{0,7}", any::<bool>()), 0..4),
        "[A-Z][A-Z0-9]{0,7}",
    )
        .prop_map(|(qs, hlq)| {
            let mut from = vec!["IMSP".to_string()];
            let mut to = vec![hlq];
            for (q, lit, change) in qs {
                let wild = q.contains(['*', '%']);
                to.push(if wild || !change { q.clone() } else { lit });
                from.push(q);
            }
            (from.join("."), to.join("."))
        })
}

fn dsn() -> impl Strategy<Value = String> {
    "[A-Z#@$][A-Z0-9#@$]{0,7}(\\.[A-Z#@$][A-Z0-9#@$]{0,7}){0,6}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any pair of strings: a map or ICL402E; any name through a map: no
    /// match, a valid name, or a reason why not.
    #[test]
    fn masks_parse_or_say_why(
        from in "[A-Z0-9%*.#@$ a-z-]{0,30}",
        to in "[A-Z0-9%*.#@$ a-z-]{0,30}",
        names in prop::collection::vec(dsn(), 1..8),
    ) {
        match RenameMap::new(&[(from, to)]) {
            Err(e) => prop_assert_eq!(e.id, "ICL402E"),
            Ok(map) => {
                for n in names {
                    match map.rename(&n) {
                        Renamed::To(t) => prop_assert!(dsn_problem(&t).is_none(), "{n} -> {t}"),
                        Renamed::Invalid { why, .. } => prop_assert!(!why.is_empty()),
                        Renamed::NoMatch => {}
                    }
                }
            }
        }
    }

    /// `OLD.**` -> `NEW.**` changes the first qualifier and keeps the rest,
    /// or says the result is too long.
    #[test]
    fn hlq_mask_keeps_the_low_level_qualifiers(
        old in "[A-Z][A-Z0-9]{0,7}",
        new in "[A-Z][A-Z0-9]{0,7}",
        rest in "[A-Z][A-Z0-9]{0,7}(\\.[A-Z][A-Z0-9]{0,7}){0,4}",
    ) {
        let map = RenameMap::new(&[(format!("{old}.**"), format!("{new}.**"))]).unwrap();
        let want = format!("{new}.{rest}");
        match map.rename(&format!("{old}.{rest}")) {
            Renamed::To(t) => prop_assert_eq!(t, want),
            Renamed::Invalid { .. } => prop_assert!(want.len() > 44, "{want}"),
            Renamed::NoMatch => prop_assert!(false, "{old}.** must match {old}.{rest}"),
        }
    }

    /// A job file with a random edit: parsed, or ICL400E/ICL401E.
    #[test]
    fn edited_job_files_parse_or_say_why(
        at in 0usize..SAMPLE.len(),
        cut in 0usize..40,
        insert in "[\\x00-\\x7F\u{A0}-\u{FF}]{0,6}",
    ) {
        let mut at = at;
        while !SAMPLE.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(SAMPLE.len());
        while !SAMPLE.is_char_boundary(end) {
            end -= 1;
        }
        let text = format!("{}{}{}", &SAMPLE[..at], insert, &SAMPLE[end..]);
        if let Err(e) = JobFile::parse(&text, "edited") {
            prop_assert!(e.id == "ICL400E" || e.id == "ICL401E", "{}: {}", e.id, e.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The sample clone with a random rename mask put first: planning gives
    /// a message ID or a plan; a plan that may run renames every data set to a
    /// valid name, no two alike, none of them a source name.
    #[test]
    fn plans_with_random_masks_rename_safely((from, to) in mask_pair()) {
        let mut job = JobFile::parse(SAMPLE, "sample").unwrap();
        let clone = job.clone.as_mut().unwrap();
        clone.rename.insert(0, RenamePair { from: from.clone(), to: to.clone() });
        let plan = match imsclone::engine::plan_job(farm(), &job, 0) {
            Err(e) => {
                prop_assert!(e.id.starts_with("ICL"), "{}", e.id);
                return Ok(());
            }
            Ok(p) => p,
        };
        if plan.blocked() {
            prop_assert!(plan.findings.iter().any(|f| f.id.starts_with("ICL")));
            return Ok(());
        }
        let map = plan.preview.rename_map();
        let sources: BTreeSet<&String> = map.keys().collect();
        let mut seen = BTreeSet::new();
        for (old, new) in &map {
            prop_assert!(dsn_problem(new).is_none(), "{from} -> {to}: {old} -> {new}");
            prop_assert!(seen.insert(new.clone()), "{from} -> {to}: two data sets become {new}");
            prop_assert!(!sources.contains(new), "{from} -> {to}: {old} -> {new}, a source name");
        }
    }
}
