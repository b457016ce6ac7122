//! Every fact in `../shared/ims-corpus/facts.json`, checked against the
//! parsers on the real published files.
//!
//! The corpus lives outside the crate (`CARGO_MANIFEST_DIR/../shared/
//! ims-corpus`) and is never copied in. When it is missing these tests fail
//! loudly: a silent pass would hide that nothing was checked.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value as J;

use imsclone::ims::asm::AsmSource;
use imsclone::ims::dbd::Dbd;
use imsclone::ims::text::SourceText;

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/ims-corpus");
    assert!(
        dir.join("facts.json").is_file(),
        "IMS corpus not found at {} (expected facts.json there); the corpus tests cannot run",
        dir.display()
    );
    dir
}

fn facts() -> Vec<J> {
    let path = corpus_dir().join("facts.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let v: J = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    v.as_array()
        .cloned()
        .unwrap_or_else(|| panic!("facts.json is not an array"))
}

fn entries(kind: &str) -> Vec<J> {
    let all: Vec<J> = facts().into_iter().filter(|e| e["kind"] == kind).collect();
    assert!(!all.is_empty(), "facts.json lists no {kind} files");
    all
}

fn bytes(file: &str) -> Vec<u8> {
    let path = corpus_dir().join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The member name a file would have in a PDS: its stem.
fn member(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.split('.').next().unwrap_or(name).to_string()
}

fn s(v: &J) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn strs(v: &J) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn counts(v: &J) -> BTreeMap<String, usize> {
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0) as usize))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_file_round_trips_byte_identical() {
    for e in facts() {
        let file = e["file"].as_str().unwrap();
        let b = bytes(file);
        let text = SourceText::from_bytes(&b);
        assert_eq!(text.to_bytes().unwrap(), b, "{file}: re-encoding is not byte-identical");
        let fmt = &e["format"];
        assert_eq!(
            text.len() as u64,
            fmt["records"].as_u64().unwrap(),
            "{file}: record count"
        );
        let ebcdic = fmt["encoding"].as_str().unwrap_or("").starts_with("EBCDIC");
        assert_eq!(
            text.charset == imsclone::ims::text::Charset::Ebcdic1047,
            ebcdic,
            "{file}: charset"
        );
        assert_eq!(b.len() as u64, fmt["bytes"].as_u64().unwrap(), "{file}: size");
        let fixed = fmt["record_separator"].as_str().unwrap_or("").starts_with("none");
        assert_eq!(
            text.framing == imsclone::ims::text::Framing::Fixed80,
            fixed,
            "{file}: framing"
        );
        if let Some(final_sep) = fmt["final_separator"].as_bool() {
            let has = text
                .records
                .last()
                .is_some_and(|r| r.ending != imsclone::ims::text::Ending::None);
            assert_eq!(has, final_sep, "{file}: final separator");
        }
        let max = text.records.iter().map(|r| r.text.chars().count()).max().unwrap_or(0);
        assert_eq!(
            max as u64,
            fmt["max_record_length"].as_u64().unwrap(),
            "{file}: longest record"
        );
        let seq = text
            .records
            .iter()
            .filter(|r| {
                let s: String = r.text.chars().skip(72).collect();
                s.len() == 8 && s.chars().all(|c| c.is_ascii_digit())
            })
            .count();
        assert_eq!(
            seq as u64,
            fmt["records_with_sequence_numbers_73_80"].as_u64().unwrap(),
            "{file}: sequence numbers"
        );
        let templated = AsmSource::from_text(&text).findings.iter().any(|f| f.id == "ICL309W");
        assert_eq!(templated, fmt["templated"].as_bool().unwrap(), "{file}: template");
        // The assembler view renders losslessly too.
        assert_eq!(AsmSource::from_text(&text).render(), text.lines(), "{file}");
    }
}

#[test]
fn dbd_facts() {
    for e in entries("dbd") {
        let file = e["file"].as_str().unwrap();
        let f = &e["facts"];
        let d = Dbd::from_bytes(&bytes(file), Some(&member(file))).unwrap_or_else(|err| panic!("{file}: {err}"));
        let ctx = |what: &str| format!("{file}: {what}");
        assert_eq!(d.name, f["dbd_name"].as_str().unwrap(), "{}", ctx("name"));
        assert_eq!(d.name_raw, f["dbd_name_raw"].as_str().unwrap(), "{}", ctx("raw name"));
        let acc = &f["access"];
        assert_eq!(d.access_raw.as_deref(), acc["raw"].as_str(), "{}", ctx("ACCESS raw"));
        assert_eq!(
            d.organisation.map(|o| o.name()),
            acc["organisation"].as_str(),
            "{}",
            ctx("organisation")
        );
        assert_eq!(
            d.access_method.as_ref().map(|a| a.name().to_string()),
            s(&acc["access_method"]),
            "{}",
            ctx("access method")
        );
        assert_eq!(d.access_other, strs(&acc["other"]), "{}", ctx("ACCESS other"));
        match &f["rmname"] {
            J::Null => assert!(d.rmname.is_none(), "{}", ctx("no RMNAME")),
            rm => {
                let r = d.rmname.as_ref().unwrap_or_else(|| panic!("{}", ctx("RMNAME missing")));
                assert_eq!(r.raw, rm["raw"].as_str().unwrap(), "{}", ctx("RMNAME raw"));
                assert_eq!(r.module, rm["module"].as_str().unwrap(), "{}", ctx("RMNAME module"));
                assert_eq!(r.params, strs(&rm["params"]), "{}", ctx("RMNAME params"));
            }
        }
        assert_eq!(
            d.segments.len() as u64,
            f["segm_count"].as_u64().unwrap(),
            "{}",
            ctx("SEGM count")
        );
        for (seg, want) in d.segments.iter().zip(f["segments"].as_array().unwrap()) {
            assert_eq!(seg.name, want["name"].as_str().unwrap(), "{}", ctx("segment name"));
            assert_eq!(
                seg.parent,
                s(&want["parent"]),
                "{}",
                ctx(&format!("parent of {}", seg.name))
            );
            assert_eq!(
                seg.parent_raw,
                s(&want["parent_raw"]),
                "{}",
                ctx(&format!("raw parent of {}", seg.name))
            );
        }
        assert_eq!(
            d.datasets.len() as u64,
            f["dataset_count"].as_u64().unwrap(),
            "{}",
            ctx("DATASET count")
        );
        for (ds, want) in d.datasets.iter().zip(f["datasets"].as_array().unwrap()) {
            assert_eq!(ds.label, s(&want["label"]), "{}", ctx("DATASET label"));
            assert_eq!(ds.dd1, s(&want["DD1"]), "{}", ctx("DD1"));
            assert_eq!(ds.dd2, s(&want["DD2"]), "{}", ctx("DD2"));
        }
        if let Some(rec) = f.get("dataset_record") {
            assert_eq!(d.datasets[0].record_size, s(&rec["RECORD"]), "{}", ctx("RECORD"));
            assert_eq!(d.datasets[0].recfm, s(&rec["RECFM"]), "{}", ctx("RECFM"));
        }
        assert_eq!(
            d.areas.len() as u64,
            f["area_count"].as_u64().unwrap(),
            "{}",
            ctx("AREA count")
        );
        for (a, want) in d.areas.iter().zip(f["areas"].as_array().unwrap()) {
            assert_eq!(a.dd1, s(&want["DD1"]), "{}", ctx("AREA DD1"));
        }
        let lcs: Vec<_> = d.lchildren().collect();
        let want_lc = f["lchild"].as_array().unwrap();
        assert_eq!(lcs.len(), want_lc.len(), "{}", ctx("LCHILD count"));
        for (lc, want) in lcs.iter().zip(want_lc) {
            assert_eq!(
                lc.on_segment,
                want["on_segment"].as_str().unwrap(),
                "{}",
                ctx("LCHILD segment")
            );
            assert_eq!(
                lc.target_segment,
                want["target_segment"].as_str().unwrap(),
                "{}",
                ctx("LCHILD target")
            );
            assert_eq!(lc.target_dbd, s(&want["target_dbd"]), "{}", ctx("LCHILD dbd"));
            assert_eq!(lc.pointer, s(&want["pointer"]), "{}", ctx("LCHILD POINTER"));
            assert_eq!(lc.index_field, s(&want["index_field"]), "{}", ctx("LCHILD INDEX"));
            assert_eq!(lc.rules, s(&want["rules"]), "{}", ctx("LCHILD RULES"));
        }
        let xs: Vec<_> = d.xdflds().collect();
        assert_eq!(xs.len(), f["xdfld"].as_array().unwrap().len(), "{}", ctx("XDFLD count"));
        assert_eq!(
            d.referenced_dbds(),
            strs(&f["index_dbds_referenced"]),
            "{}",
            ctx("referenced DBDs")
        );
        assert_eq!(
            d.field_count() as u64,
            f["field_count"].as_u64().unwrap(),
            "{}",
            ctx("FIELD count")
        );
        assert_eq!(
            d.statement_counts,
            counts(&f["statement_counts"]),
            "{}",
            ctx("statement counts")
        );
        for (key, op) in [("dfsmap_names", "DFSMAP"), ("dfscase_names", "DFSCASE")] {
            if let Some(want) = f.get(key) {
                let got: Vec<String> = d
                    .other_statements
                    .iter()
                    .filter(|o| o.opcode == op)
                    .filter_map(|o| o.name.clone())
                    .collect();
                assert_eq!(got, strs(want), "{}", ctx(key));
            }
        }
        // Relationship helpers agree with the facts.
        let hidam_index = lcs
            .iter()
            .find(|l| l.pointer.as_deref() == Some("INDX"))
            .and_then(|l| l.target_dbd.clone());
        if d.organisation.map(|o| o.name()) == Some("HIDAM") {
            assert_eq!(
                d.primary_index_dbd().map(str::to_string),
                hidam_index,
                "{}",
                ctx("primary index")
            );
        }
        if d.is_index() {
            assert_eq!(
                d.indexed_target().map(|l| l.target_dbd.clone()),
                Some(lcs[0].target_dbd.clone())
            );
        }
        // No finding above W on real sources.
        assert!(
            d.findings.iter().all(|x| x.severity() <= imsclone::Severity::W),
            "{}: {:?}",
            file,
            d.findings
        );
    }
}

#[test]
fn psb_facts() {
    use imsclone::ims::psb::Psb;
    for e in entries("psb") {
        let file = e["file"].as_str().unwrap();
        let f = &e["facts"];
        let p = Psb::from_bytes(&bytes(file), Some(&member(file))).unwrap_or_else(|err| panic!("{file}: {err}"));
        assert_eq!(p.name, f["psb_name"].as_str().unwrap(), "{file}: PSB name");
        assert_eq!(p.lang.as_deref(), f["lang"].as_str(), "{file}: LANG");
        let psbgen: BTreeMap<String, String> = p.psbgen.iter().cloned().collect();
        for (k, v) in f["psbgen"].as_object().unwrap() {
            assert_eq!(psbgen.get(k).map(String::as_str), v.as_str(), "{file}: PSBGEN {k}");
        }
        assert_eq!(
            p.pcbs.len() as u64,
            f["pcb_count"].as_u64().unwrap(),
            "{file}: PCB count"
        );
        for (pcb, want) in p.pcbs.iter().zip(f["pcbs"].as_array().unwrap()) {
            assert_eq!(pcb.label, s(&want["label"]), "{file}: PCB label");
            assert_eq!(pcb.pcb_type.name(), want["type"].as_str().unwrap(), "{file}: PCB type");
            assert_eq!(pcb.dbdname, s(&want["dbdname"]), "{file}: DBDNAME");
            assert_eq!(pcb.procopt, s(&want["procopt"]), "{file}: PROCOPT");
            assert_eq!(pcb.keylen, s(&want["keylen"]), "{file}: KEYLEN");
            assert_eq!(pcb.pcbname, s(&want["pcbname"]), "{file}: PCBNAME");
            assert_eq!(pcb.pos, s(&want["pos"]), "{file}: POS");
            let got: Vec<(String, Option<String>)> =
                pcb.sensegs.iter().map(|x| (x.name.clone(), x.parent.clone())).collect();
            let exp: Vec<(String, Option<String>)> = want["sensegs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| (x["name"].as_str().unwrap().to_string(), s(&x["parent"])))
                .collect();
            assert_eq!(got, exp, "{file}: SENSEGs");
        }
        assert_eq!(
            p.dbds_referenced(),
            strs(&f["dbds_referenced"]),
            "{file}: DBDs referenced"
        );
        assert!(p.findings.is_empty(), "{file}: {:?}", p.findings);
    }
}

mod jcl_facts {
    use super::*;
    use imsclone::ims::jcl::{Jcl, Job, Step};

    fn kw_map(step: &Step) -> BTreeMap<String, String> {
        step.keywords.iter().cloned().collect()
    }

    /// Compare one step with its facts (name, PGM or PROC, PARM, EXEC
    /// keywords, DDs with DSNs, SYSOUT, DUMMY and in-stream record counts).
    pub fn check_step(file: &str, step: &Step, want: &J) {
        let name = want["name"].as_str().unwrap();
        let ctx = format!("{file}: step {name}");
        assert_eq!(step.name.as_deref(), Some(name), "{ctx}: name");
        assert_eq!(step.pgm, s(&want["pgm"]), "{ctx}: PGM");
        assert_eq!(step.proc_name, s(&want["proc"]), "{ctx}: PROC");
        assert_eq!(step.parm, s(&want["parm"]), "{ctx}: PARM");
        let want_kw: BTreeMap<String, String> = want
            .get("exec_keywords")
            .and_then(J::as_object)
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(kw_map(step), want_kw, "{ctx}: EXEC keywords");
        let dds = want["dds"].as_array().unwrap();
        let got: Vec<&str> = step.dds.iter().map(|d| d.name.as_str()).collect();
        let exp: Vec<&str> = dds.iter().map(|d| d["ddname"].as_str().unwrap()).collect();
        assert_eq!(got, exp, "{ctx}: DD names");
        for (dd, w) in step.dds.iter().zip(dds) {
            let c = format!("{ctx} DD {}", dd.name);
            assert_eq!(
                dd.dsns(),
                strs(&w["dsn"]).iter().map(String::as_str).collect::<Vec<_>>(),
                "{c}: DSNs"
            );
            assert_eq!(dd.sysout().map(str::to_string), s(&w["sysout"]), "{c}: SYSOUT");
            assert_eq!(dd.is_dummy(), w["dummy"].as_bool().unwrap_or(false), "{c}: DUMMY");
            assert_eq!(
                dd.instream_records().map(|n| n as u64),
                w["instream_records"].as_u64(),
                "{c}: in-stream records"
            );
        }
    }

    pub fn check_steps(file: &str, steps: &[Step], want: &J) {
        let want = want.as_array().unwrap();
        let got: Vec<Option<&str>> = steps.iter().map(|s| s.name.as_deref()).collect();
        let exp: Vec<Option<&str>> = want.iter().map(|w| w["name"].as_str()).collect();
        assert_eq!(got, exp, "{file}: step names");
        for (st, w) in steps.iter().zip(want) {
            check_step(file, st, w);
        }
    }

    fn defaults(p: &imsclone::ims::jcl::Proc) -> BTreeMap<String, String> {
        p.defaults.iter().cloned().collect()
    }

    fn json_map(v: &J) -> BTreeMap<String, String> {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect()
    }

    /// The job-level facts shared by jcl, mda and dbrc entries.
    pub fn check_job(file: &str, jcl: &Jcl, f: &J) -> Job {
        assert_eq!(jcl.jobs.len(), 1, "{file}: one job");
        let job = jcl.jobs[0].clone();
        assert_eq!(job.name.as_deref(), f["job_name"].as_str(), "{file}: job name");
        assert_eq!(
            job.null_statement.map(|n| n as u64),
            f["null_statement_line"].as_u64(),
            "{file}: null statement"
        );
        assert_eq!(
            jcl.null_statement().map(|n| n as u64),
            f["null_statement_line"].as_u64(),
            "{file}: null statement"
        );
        assert_eq!(
            job.records_after_null as u64,
            f["records_after_null_statement"].as_u64().unwrap(),
            "{file}: records after //"
        );
        check_steps(file, &job.steps, &f["steps"]);
        if let Some(procs) = f.get("instream_procs") {
            let procs = procs.as_array().unwrap();
            assert_eq!(job.procs.len(), procs.len(), "{file}: in-stream procs");
            for (p, w) in job.procs.iter().zip(procs) {
                assert_eq!(p.name.as_deref(), w["name"].as_str(), "{file}: proc name");
                assert!(p.instream && p.pend.is_some(), "{file}: in-stream proc with PEND");
                assert_eq!(defaults(p), json_map(&w["symbolic_defaults"]), "{file}: proc defaults");
                check_steps(file, &p.steps, &w["steps"]);
            }
        }
        if let Some(after) = f.get("steps_after_null_statement_not_executed") {
            let got: Vec<String> = job.not_executed.iter().filter_map(|s| s.name.clone()).collect();
            assert_eq!(got, strs(after), "{file}: steps after the null statement");
        }
        if let Some(all) = f.get("all_dsns") {
            assert_eq!(jcl.all_dsns(), strs(all), "{file}: all DSNs");
        }
        job
    }

    pub fn check_ims(file: &str, job: &Job, f: &J) {
        let Some(region) = f.get("ims_region_type") else {
            return;
        };
        let regions: Vec<_> = job.steps.iter().filter_map(|s| s.ims_region()).collect();
        assert_eq!(regions.len(), 1, "{file}: one IMS step");
        let r = &regions[0];
        assert_eq!(r.region_type, region.as_str().unwrap(), "{file}: region type");
        assert_eq!(r.program, s(&f["ims_program"]), "{file}: IMS program");
        let psb = f.get("psb").or_else(|| f.get("dbd_or_psb")).and_then(s);
        assert_eq!(r.psb_or_dbd, psb, "{file}: PSB or DBD");
    }

    pub fn check_recon_dds(file: &str, job: &Job, f: &J) {
        let Some(want) = f.get("recon_dds") else {
            return;
        };
        let mut got = BTreeMap::new();
        for st in &job.steps {
            for dd in &st.dds {
                if dd.ddname.starts_with("RECON") {
                    got.insert(
                        dd.ddname.clone(),
                        dd.dsns().first().map(|x| x.to_string()).unwrap_or_default(),
                    );
                }
            }
        }
        assert_eq!(got, json_map(want), "{file}: RECON DDs");
    }

    fn parse(file: &str) -> Jcl {
        let b = bytes(file);
        let jcl = Jcl::from_bytes(&b).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(jcl.render(), SourceText::from_bytes(&b).lines(), "{file}: lossless");
        assert!(
            jcl.findings.iter().all(|x| x.severity() <= imsclone::Severity::W),
            "{file}: {:?}",
            jcl.findings
        );
        jcl
    }

    #[test]
    fn jobs() {
        for e in entries("jcl") {
            let file = e["file"].as_str().unwrap();
            let f = &e["facts"];
            let jcl = parse(file);
            let job = check_job(file, &jcl, f);
            check_ims(file, &job, f);
            check_recon_dds(file, &job, f);
        }
    }

    #[test]
    fn proclib_members() {
        for e in entries("proclib") {
            let file = e["file"].as_str().unwrap();
            let f = &e["facts"];
            let jcl = parse(file);
            assert!(jcl.jobs.is_empty(), "{file}: a PROCLIB member holds no job");
            assert_eq!(jcl.procs.len(), 1, "{file}: one procedure");
            let p = &jcl.procs[0];
            assert!(!p.instream, "{file}: cataloged procedure");
            assert_eq!(p.name, s(&f["proc_name"]), "{file}: PROC name");
            assert_eq!(
                p.default_value("IMSID"),
                f["imsid_default"].as_str(),
                "{file}: IMSID default"
            );
            assert_eq!(
                defaults(p),
                json_map(&f["symbolic_defaults"]),
                "{file}: symbolic defaults"
            );
            check_steps(file, &p.steps, &f["steps"]);
            assert_eq!(jcl.all_dsns(), strs(&f["dsns_raw"]), "{file}: raw DSNs");
            let want: BTreeMap<String, Vec<String>> = f["dsns_resolved_with_defaults"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), strs(v)))
                .collect();
            let got: BTreeMap<String, Vec<String>> = p.resolved_dsns().into_iter().collect();
            assert_eq!(got, want, "{file}: DSNs resolved with defaults");
            // The MSG/JMP region and its empty IMSID default.
            let (resolved, _) = p.steps[0].resolved(&p.symbols(&[]));
            let r = resolved.ims_region().unwrap_or_else(|| panic!("{file}: IMS region"));
            assert!(
                r.region_type == "MSG" || r.region_type == "JMP",
                "{file}: {}",
                r.region_type
            );
            assert_eq!(r.imsid, None, "{file}: IMSID default is empty");
            let call = vec![("IMSID".to_string(), "IMSO".to_string())];
            let (with_id, _) = p.steps[0].resolved(&p.symbols(&call));
            assert_eq!(
                with_id.ims_region().unwrap().imsid.as_deref(),
                Some("IMSO"),
                "{file}: IMSID at its PARM position"
            );
        }
    }

    #[test]
    fn dbrc_job_structure() {
        for e in entries("dbrc") {
            let file = e["file"].as_str().unwrap();
            let f = &e["facts"];
            let jcl = parse(file);
            let job = check_job(file, &jcl, &f["jcl"]);
            check_recon_dds(file, &job, f);
            assert_eq!(job.steps[0].pgm, s(&f["utility"]), "{file}: utility");
            let sysin = job.steps[0].dd("SYSIN").unwrap().entries[0].instream.clone().unwrap();
            let range = strs(&J::Null);
            assert!(range.is_empty());
            let want: Vec<u64> = f["sysin_records"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(J::as_u64)
                .collect();
            assert_eq!(
                vec![sysin.first as u64 + 1, (sysin.first + sysin.lines.len()) as u64],
                want,
                "{file}: SYSIN records"
            );
            let dead = &f["not_executed_after_null_statement"]["records"];
            let want: Vec<u64> = dead.as_array().unwrap().iter().filter_map(J::as_u64).collect();
            let null = job.null_statement.unwrap();
            assert_eq!(
                vec![null as u64 + 1, (null + job.records_after_null) as u64],
                want,
                "{file}: dead records"
            );
        }
    }

    #[test]
    fn mda_in_jcl() {
        use imsclone::ims::mda::{Mda, target_library};
        for e in entries("mda") {
            let file = e["file"].as_str().unwrap();
            let f = &e["facts"];
            let jcl = parse(file);
            check_job(file, &jcl, &f["jcl"]);
            let m = Mda::from_bytes(&bytes(file)).unwrap_or_else(|err| panic!("{file}: {err}"));
            assert_eq!(
                m.entries.len() as u64,
                f["dfsmda_statement_count"].as_u64().unwrap(),
                "{file}: DFSMDA count"
            );
            for (en, w) in m.entries.iter().zip(f["dfsmda_statements"].as_array().unwrap()) {
                assert_eq!(en.entry_type, w["type"].as_str().unwrap(), "{file}: TYPE");
                assert_eq!(en.dbname, s(&w["dbname"]), "{file}: DBNAME");
                assert_eq!(en.ddname, s(&w["ddname"]), "{file}: DDNAME");
                assert_eq!(en.dsname, s(&w["dsname"]), "{file}: DSNAME");
                assert_eq!(en.disp, s(&w["disp"]), "{file}: DISP");
            }
            assert_eq!(
                m.counts_by_type(),
                counts(&f["counts_by_type"]),
                "{file}: counts by type"
            );
            let triples: Vec<(String, String, Option<String>)> = f["database_ddname_dsname"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| (t[0].as_str().unwrap().into(), t[1].as_str().unwrap().into(), s(&t[2])))
                .collect();
            assert_eq!(m.database_datasets(), triples, "{file}: DATABASE -> DDNAME -> DSNAME");
            let lines: Vec<u64> = f["mda_source_lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(J::as_u64)
                .collect();
            let (a, b) = m.source_records.unwrap();
            assert_eq!(vec![a as u64, b as u64], lines, "{file}: MDA source records");
            assert_eq!(target_library(&jcl), s(&f["target_library_syslmod"]), "{file}: SYSLMOD");
            assert!(m.findings.is_empty(), "{file}: {:?}", m.findings);
        }
    }
}

mod rewrites {
    use super::*;
    use imsclone::ims::jcl::{Jcl, RewriteRules};
    use imsclone::ims::mda::Mda;

    /// A rename that changes lengths: the first qualifier gets a `Q` in
    /// front (cut to 8 characters), so values grow and statements re-flow.
    fn rename(dsn: &str) -> Option<String> {
        if dsn.contains('&') {
            return None;
        }
        let (hlq, rest) = dsn.split_once('.').unwrap_or((dsn, ""));
        let new: String = format!("Q{hlq}").chars().take(8).collect();
        Some(if rest.is_empty() { new } else { format!("{new}.{rest}") })
    }

    fn renamed_all(dsns: &[String]) -> Vec<String> {
        let mut v: Vec<String> = dsns
            .iter()
            .map(|d| {
                if d.starts_with('&') || d.starts_with('*') {
                    return d.clone();
                }
                let (name, member) = match d.find('(') {
                    Some(p) => (&d[..p], &d[p..]),
                    None => (d.as_str(), ""),
                };
                format!("{}{member}", rename(name).unwrap_or_else(|| name.to_string()))
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_jcl_file_rewrites_and_reads_back() {
        for e in facts() {
            let kind = e["kind"].as_str().unwrap();
            if !matches!(kind, "jcl" | "proclib" | "mda" | "dbrc") {
                continue;
            }
            let file = e["file"].as_str().unwrap();
            let b = bytes(file);
            // Identity: byte-identical, no change reported.
            let same = |d: &str| Some(d.to_string());
            let (out, rw) = Jcl::rewrite_bytes(
                &b,
                &RewriteRules {
                    dsn: Some(&same),
                    ..RewriteRules::default()
                },
            )
            .unwrap();
            assert_eq!(out, b, "{file}: identity rewrite");
            assert!(rw.changes.is_empty(), "{file}");
            // Rename every DSN.
            let (out, rw) = Jcl::rewrite_bytes(
                &b,
                &RewriteRules {
                    dsn: Some(&rename),
                    ..RewriteRules::default()
                },
            )
            .unwrap_or_else(|err| panic!("{file}: {err}"));
            let before = Jcl::from_bytes(&b).unwrap();
            let after = Jcl::from_bytes(&out).unwrap();
            assert_eq!(
                after.all_dsns(),
                renamed_all(&before.all_dsns()),
                "{file}: renamed DSNs"
            );
            let renamable = before
                .all_dsns()
                .iter()
                .any(|d| !d.starts_with('&') && !d.starts_with('*') && !d.contains('&'));
            assert_eq!(!rw.changes.is_empty(), renamable, "{file}: changes reported");
            for c in &rw.changes {
                assert_eq!(rename(&c.old).as_deref(), Some(c.new.as_str()), "{file}: change {c:?}");
            }
            // Records that held no changed value are still there, unchanged
            // (the rest of the file is preserved byte for byte).
            let old_lines = SourceText::from_bytes(&b).lines();
            let new_lines = SourceText::from_bytes(&out).lines();
            let changed: Vec<usize> = rw.changes.iter().map(|c| c.record - 1).collect();
            for (i, l) in old_lines.iter().enumerate() {
                if !changed.contains(&i) {
                    assert!(new_lines.contains(l), "{file}: record {} lost: {l:?}", i + 1);
                }
            }
            // Text after a null statement is left alone.
            if let Some(n) = before.null_statement() {
                assert_eq!(
                    old_lines[n..],
                    new_lines[new_lines.len() - (old_lines.len() - n)..],
                    "{file}: after //"
                );
            }
            // In-stream DFSMDA source follows the rename.
            if kind == "mda" {
                let m0 = Mda::from_bytes(&b).unwrap();
                let m1 = Mda::from_bytes(&out).unwrap();
                let want: Vec<String> = m0.dsnames().iter().filter_map(|d| rename(d)).collect();
                assert_eq!(m1.dsnames(), want, "{file}: MDA DSNAMEs");
            }
        }
    }

    #[test]
    fn every_dbd_and_psb_rewrites_a_value_and_reads_back() {
        for e in facts() {
            let kind = e["kind"].as_str().unwrap();
            if !matches!(kind, "dbd" | "psb") {
                continue;
            }
            let file = e["file"].as_str().unwrap();
            let text = SourceText::from_bytes(&bytes(file));
            let src = AsmSource::from_text(&text);
            let (op, kw) = if kind == "dbd" {
                ("DBD", "NAME")
            } else {
                ("PSBGEN", "PSBNAME")
            };
            let st = src.by_opcode(op).next().unwrap();
            let rw = src.set_keyword(st.index, kw, "RENAMED1").unwrap();
            let out = text.apply(&rw).to_bytes().unwrap();
            if kind == "dbd" {
                assert_eq!(Dbd::from_bytes(&out, None).unwrap().name, "RENAMED1", "{file}");
            } else {
                assert_eq!(
                    imsclone::ims::psb::Psb::from_bytes(&out, None).unwrap().name,
                    "RENAMED1",
                    "{file}"
                );
            }
            // Same encoding and framing, nothing else changed.
            let again = SourceText::from_bytes(&out);
            assert_eq!((again.charset, again.framing), (text.charset, text.framing), "{file}");
            let diff = text.lines().iter().zip(again.lines()).filter(|(a, b)| *a != b).count();
            assert!(diff <= 1 && again.len() == text.len(), "{file}: {diff} records differ");
        }
    }

    #[test]
    fn proclib_symbol_defaults_rewrite() {
        for e in entries("proclib") {
            let file = e["file"].as_str().unwrap();
            let b = bytes(file);
            let kw = |op: &str, k: &str, v: &str| match (op, k) {
                ("PROC", "NODE1" | "NODE2") => Some(format!("{v}Q")),
                ("PROC", "IMSID") => Some("IMSO".to_string()),
                _ => None,
            };
            let (out, rw) = Jcl::rewrite_bytes(
                &b,
                &RewriteRules {
                    keyword: Some(&kw),
                    ..RewriteRules::default()
                },
            )
            .unwrap_or_else(|err| panic!("{file}: {err}"));
            assert_eq!(rw.changes.len(), 3, "{file}: {:?}", rw.changes);
            let after = Jcl::from_bytes(&out).unwrap();
            let p = after.proc().unwrap();
            assert_eq!(p.default_value("IMSID"), Some("IMSO"), "{file}");
            for (_, dsns) in p.resolved_dsns() {
                assert!(
                    dsns.iter().all(|d| d.starts_with("IMSQ.") || d.starts_with("D")),
                    "{file}: {dsns:?}"
                );
            }
            // Sequence numbers in columns 73-80 survive on every record.
            for l in SourceText::from_bytes(&out).lines() {
                let seq: String = l.chars().skip(72).collect();
                assert!(
                    seq.is_empty() || seq.chars().all(|c| c.is_ascii_digit()),
                    "{file}: {l:?}"
                );
            }
        }
    }
}
