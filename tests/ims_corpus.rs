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
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let v: J =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
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
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
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
        assert_eq!(
            text.to_bytes().unwrap(),
            b,
            "{file}: re-encoding is not byte-identical"
        );
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
        // The assembler view renders losslessly too.
        assert_eq!(AsmSource::from_text(&text).render(), text.lines(), "{file}");
    }
}

#[test]
fn dbd_facts() {
    for e in entries("dbd") {
        let file = e["file"].as_str().unwrap();
        let f = &e["facts"];
        let d = Dbd::from_bytes(&bytes(file), Some(&member(file)))
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        let ctx = |what: &str| format!("{file}: {what}");
        assert_eq!(d.name, f["dbd_name"].as_str().unwrap(), "{}", ctx("name"));
        assert_eq!(
            d.name_raw,
            f["dbd_name_raw"].as_str().unwrap(),
            "{}",
            ctx("raw name")
        );
        let acc = &f["access"];
        assert_eq!(
            d.access_raw.as_deref(),
            acc["raw"].as_str(),
            "{}",
            ctx("ACCESS raw")
        );
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
        assert_eq!(
            d.access_other,
            strs(&acc["other"]),
            "{}",
            ctx("ACCESS other")
        );
        match &f["rmname"] {
            J::Null => assert!(d.rmname.is_none(), "{}", ctx("no RMNAME")),
            rm => {
                let r = d
                    .rmname
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}", ctx("RMNAME missing")));
                assert_eq!(r.raw, rm["raw"].as_str().unwrap(), "{}", ctx("RMNAME raw"));
                assert_eq!(
                    r.module,
                    rm["module"].as_str().unwrap(),
                    "{}",
                    ctx("RMNAME module")
                );
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
            assert_eq!(
                seg.name,
                want["name"].as_str().unwrap(),
                "{}",
                ctx("segment name")
            );
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
            assert_eq!(
                d.datasets[0].record_size,
                s(&rec["RECORD"]),
                "{}",
                ctx("RECORD")
            );
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
            assert_eq!(
                lc.target_dbd,
                s(&want["target_dbd"]),
                "{}",
                ctx("LCHILD dbd")
            );
            assert_eq!(lc.pointer, s(&want["pointer"]), "{}", ctx("LCHILD POINTER"));
            assert_eq!(
                lc.index_field,
                s(&want["index_field"]),
                "{}",
                ctx("LCHILD INDEX")
            );
            assert_eq!(lc.rules, s(&want["rules"]), "{}", ctx("LCHILD RULES"));
        }
        let xs: Vec<_> = d.xdflds().collect();
        assert_eq!(
            xs.len(),
            f["xdfld"].as_array().unwrap().len(),
            "{}",
            ctx("XDFLD count")
        );
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
            d.findings
                .iter()
                .all(|x| x.severity() <= imsclone::Severity::W),
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
        let p = Psb::from_bytes(&bytes(file), Some(&member(file)))
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        assert_eq!(p.name, f["psb_name"].as_str().unwrap(), "{file}: PSB name");
        assert_eq!(p.lang.as_deref(), f["lang"].as_str(), "{file}: LANG");
        let psbgen: BTreeMap<String, String> = p.psbgen.iter().cloned().collect();
        for (k, v) in f["psbgen"].as_object().unwrap() {
            assert_eq!(
                psbgen.get(k).map(String::as_str),
                v.as_str(),
                "{file}: PSBGEN {k}"
            );
        }
        assert_eq!(
            p.pcbs.len() as u64,
            f["pcb_count"].as_u64().unwrap(),
            "{file}: PCB count"
        );
        for (pcb, want) in p.pcbs.iter().zip(f["pcbs"].as_array().unwrap()) {
            assert_eq!(pcb.label, s(&want["label"]), "{file}: PCB label");
            assert_eq!(
                pcb.pcb_type.name(),
                want["type"].as_str().unwrap(),
                "{file}: PCB type"
            );
            assert_eq!(pcb.dbdname, s(&want["dbdname"]), "{file}: DBDNAME");
            assert_eq!(pcb.procopt, s(&want["procopt"]), "{file}: PROCOPT");
            assert_eq!(pcb.keylen, s(&want["keylen"]), "{file}: KEYLEN");
            assert_eq!(pcb.pcbname, s(&want["pcbname"]), "{file}: PCBNAME");
            assert_eq!(pcb.pos, s(&want["pos"]), "{file}: POS");
            let got: Vec<(String, Option<String>)> = pcb
                .sensegs
                .iter()
                .map(|x| (x.name.clone(), x.parent.clone()))
                .collect();
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
