//! The panel language parser on good and bad files: every error has its
//! message ID, file, line and column; no input makes it panic.

use imsclone::tui::panel::{PanelLibrary, parse_panel};
use proptest::prelude::*;

/// (what, panel text, message ID, line, column, a word the text must hold)
const BAD: &[(&str, &str, &str, usize, usize, &str)] = &[
    (
        "unknown section",
        ")BODY\n%x\n)FOO\n)END\n",
        "ICL601E",
        3,
        1,
        "unknown section",
    ),
    (
        "section outside the subset",
        ")BODY\n%x\n)PNTS\n)END\n",
        "ICL601E",
        3,
        1,
        "subset",
    ),
    ("no )END", ")BODY\n%x\n", "ICL601E", 2, 1, ")END"),
    ("no )BODY", ")ATTR\n # TYPE(PT)\n)END\n", "ICL601E", 1, 1, ")BODY"),
    ("order", ")BODY\n%x\n)ATTR\n)END\n", "ICL601E", 3, 1, "before"),
    ("twice", ")BODY\n%x\n)INIT\n)INIT\n)END\n", "ICL601E", 4, 1, "twice"),
    (
        "text before sections",
        "hello\n)BODY\n%x\n)END\n",
        "ICL601E",
        1,
        1,
        "first section",
    ),
    (
        "letter as attribute",
        ")ATTR\n A TYPE(TEXT)\n)BODY\n%x\n)END\n",
        "ICL601E",
        2,
        2,
        "attribute character",
    ),
    (
        "unknown TYPE",
        ")ATTR\n # TYPE(FANCY)\n)BODY\n#x\n)END\n",
        "ICL601E",
        2,
        4,
        "unknown TYPE",
    ),
    (
        "unknown attribute keyword",
        ")ATTR\n # TYPE(PT) SPARKLE(ON)\n)BODY\n#x\n)END\n",
        "ICL601E",
        2,
        13,
        "SPARKLE",
    ),
    (
        "CUA type with a colour",
        ")ATTR\n # TYPE(NEF) COLOR(RED)\n)BODY\n#x\n)END\n",
        "ICL601E",
        2,
        2,
        "theme",
    ),
    (
        "bad colour",
        ")ATTR\n # TYPE(TEXT) COLOR(MAUVE)\n)BODY\n#x\n)END\n",
        "ICL601E",
        2,
        15,
        "COLOR",
    ),
    (
        "unclosed keyword",
        ")ATTR\n # TYPE(PT\n)BODY\n#x\n)END\n",
        "ICL601E",
        2,
        4,
        "missing ')'",
    ),
    (
        "unknown body keyword",
        ")BODY SHINY(1)\n%x\n)END\n",
        "ICL601E",
        1,
        7,
        "SHINY",
    ),
    (
        "bad window",
        ")BODY WINDOW(200,3)\n%x\n)END\n",
        "ICL601E",
        1,
        7,
        "WINDOW",
    ),
    ("bad width", ")BODY WIDTH(40)\n%x\n)END\n", "ICL601E", 1, 7, "WIDTH"),
    (
        "line too wide",
        ")BODY\n%12345678901234567890123456789012345678901234567890123456789012345678901234567890\n)END\n",
        "ICL601E",
        2,
        81,
        "wider",
    ),
    (
        "field without a name",
        ")BODY\n%Name:_ +\n)END\n",
        "ICL601E",
        2,
        8,
        "variable name",
    ),
    (
        "CMD names no field",
        ")BODY CMD(ZCMD)\n%x_OTHER\n)END\n",
        "ICL601E",
        1,
        7,
        "CMD(ZCMD)",
    ),
    (
        "broken EXPAND",
        ")BODY EXPAND(//) WIDTH(&ZSCREENW)\n%a/b\n)END\n",
        "ICL601E",
        2,
        3,
        "EXPAND",
    ),
    (
        "table without command line",
        ")BODY CMD()\n%x\n)MODEL\n_Z\n)END\n",
        "ICL601E",
        1,
        7,
        "command field",
    ),
    (
        "model too long",
        ")BODY\n%x_ZCMD\n)MODEL\n%1\n%2\n%3\n%4\n%5\n%6\n%7\n%8\n%9\n)END\n",
        "ICL601E",
        3,
        1,
        "1 to 8",
    ),
    (
        "two areas",
        ")ATTR\n @ AREA(DYNAMIC)\n)BODY\n@A\n@B\n)END\n",
        "ICL601E",
        5,
        1,
        "one dynamic area",
    ),
    (
        "area in model",
        ")ATTR\n @ AREA(DYNAMIC)\n)BODY\n%x_ZCMD\n)MODEL\n@A\n)END\n",
        "ICL601E",
        6,
        1,
        "cannot be in )MODEL",
    ),
    (
        "unknown statement",
        ")BODY\n%x\n)INIT\n &A = 1\n FROB &A\n)END\n",
        "ICL601E",
        5,
        2,
        "unknown statement",
    ),
    (
        "bad VER kind",
        ")BODY\n%x\n)PROC\n VER (&A,NB,SHOUTY)\n)END\n",
        "ICL601E",
        4,
        13,
        "SHOUTY",
    ),
    (
        "VER without variable",
        ")BODY\n%x\n)PROC\n VER (A,NB)\n)END\n",
        "ICL601E",
        4,
        7,
        "&NAME",
    ),
    (
        "VER RANGE needs two",
        ")BODY\n%x\n)PROC\n VER (&A,RANGE,1)\n)END\n",
        "ICL601E",
        4,
        2,
        "RANGE",
    ),
    (
        "bad message ID",
        ")BODY\n%x\n)PROC\n VER (&A,NB,MSG=OOPS)\n)END\n",
        "ICL601E",
        4,
        17,
        "message ID",
    ),
    (
        "unclosed IF",
        ")BODY\n%x\n)PROC\n IF (&A = 1\n   &B = 2\n)END\n",
        "ICL601E",
        4,
        2,
        "')'",
    ),
    (
        "ELSE alone",
        ")BODY\n%x\n)PROC\n ELSE\n   &B = 2\n)END\n",
        "ICL601E",
        4,
        2,
        "ELSE",
    ),
    (
        "IF without body",
        ")BODY\n%x\n)PROC\n IF (&A = 1)\n &B = 2\n)END\n",
        "ICL601E",
        4,
        2,
        "no statements",
    ),
    (
        "misaligned block",
        ")BODY\n%x\n)PROC\n IF (&A = 1)\n    &B = 2\n   &C = 3\n)END\n",
        "ICL601E",
        6,
        4,
        "aligned",
    ),
    (
        "unknown control variable",
        ")BODY\n%x\n)INIT\n .SPARKLE = 1\n)END\n",
        "ICL601E",
        4,
        2,
        ".SPARKLE",
    ),
    ("GOTO", ")BODY\n%x\n)PROC\n GOTO X\n)END\n", "ICL601E", 4, 2, "GOTO"),
    (
        "label",
        ")BODY\n%x\n)PROC\n X: &A = 1\n)END\n",
        "ICL601E",
        4,
        2,
        "labels",
    ),
    (
        "open quote",
        ")BODY\n%x\n)INIT\n &A = 'abc\n)END\n",
        "ICL601E",
        4,
        7,
        "unterminated",
    ),
    (
        "TRANS with a variable to match",
        ")BODY\n%x\n)PROC\n &A = TRANS(&B &C,1)\n)END\n",
        "ICL601E",
        4,
        16,
        "literals",
    ),
    (
        "text after a statement",
        ")BODY\n%x\n)INIT\n &A = 1 2\n)END\n",
        "ICL601E",
        4,
        9,
        "unexpected",
    ),
    (
        "stray parenthesis",
        ")BODY\n%x\n)INIT\n &A = 1)\n)END\n",
        "ICL601E",
        4,
        8,
        "')'",
    ),
    (
        "bad )HELP line",
        ")BODY\n%x\n)HELP\n FIELD(A)\n)END\n",
        "ICL601E",
        4,
        2,
        "FIELD(name) PANEL(name)",
    ),
    (
        "bad )MODEL option",
        ")BODY\n%x_ZCMD\n)MODEL ROWS(SOME)\n%a\n)END\n",
        "ICL601E",
        3,
        8,
        "ROWS",
    ),
];

#[test]
fn bad_panels_name_file_line_and_column() {
    let mut wrong = Vec::new();
    for (what, text, id, line, col, _) in BAD {
        match parse_panel("BAD", "panels/BAD.pnl", text) {
            Ok(_) => wrong.push(format!("{what}: accepted")),
            Err(e) if (e.id, e.line, e.col) != (*id, *line, *col) => wrong.push(format!("{what}: {e}")),
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for (what, text, _, line, col, word) in BAD {
        let e = parse_panel("BAD", "panels/BAD.pnl", text).unwrap_err();
        assert_eq!(e.file, "panels/BAD.pnl");
        assert!(e.text.contains(word), "{what}: '{}' lacks '{word}'", e.text);
        let icl: imsclone::IclError = e.into();
        assert!(
            icl.text
                .starts_with(&format!("panels/BAD.pnl line {line} column {col}: ")),
            "{icl}"
        );
    }
}

#[test]
fn every_built_in_panel_parses() {
    let lib = PanelLibrary::new(None);
    let names = PanelLibrary::built_in_names();
    assert!(names.len() >= 20, "{names:?}");
    for n in &names {
        let p = lib.get(n).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&p.name, n);
        // Every panel but pop-ups and the message window has help.
        let has_help = p.init.iter().any(|s| format!("{s:?}").contains("\"HELP\""));
        assert!(has_help || n == "ICLMSGH" || n.starts_with("ICLH"), "{n} sets no .HELP");
    }
}

#[test]
fn user_panels_override_and_report() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ICLPRIM.pnl"), ")BODY\n%My menu_ZCMD\n)END\n").unwrap();
    std::fs::write(d.path().join("ICLSYS.pnl"), [0xffu8, 0xfe, 0x00]).unwrap();
    let lib = PanelLibrary::new(Some(d.path().to_path_buf()));
    assert_eq!(lib.get("ICLPRIM").unwrap().body.lines.len(), 1);
    let e = lib.get("ICLSYS").unwrap_err();
    assert_eq!(e.id, "ICL600E");
    assert!(e.text.contains("UTF-8"), "{e}");
    let e = lib.get("NOSUCH").unwrap_err();
    assert_eq!(e.id, "ICL600E");
    assert_eq!(
        lib.get("ICLVOL").unwrap().origin,
        "panels/ICLVOL.pnl",
        "built-in when no override"
    );
}

#[test]
fn parsed_panel_structure() {
    let (_, text) = PanelLibrary::new(None).source("ICLSYS").unwrap();
    let p = parse_panel("ICLSYS", "ICLSYS.pnl", &text).unwrap();
    insta::assert_debug_snapshot!(
        "ICLSYS_ast",
        (p.cua, &p.keylist, &p.body.opts, &p.model, &p.init, &p.proc_)
    );
}

/// Every prefix of every built-in panel parses or fails cleanly.
#[test]
fn truncated_panels_never_panic() {
    let lib = PanelLibrary::new(None);
    for n in PanelLibrary::built_in_names() {
        let (_, text) = lib.source(&n).unwrap();
        let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        ends.push(text.len());
        for end in ends {
            let _ = parse_panel(&n, "t.pnl", &text[..end]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Random edits of real panels never panic, and errors point inside the file.
    #[test]
    fn mutated_panels_never_panic(
        which in 0usize..64,
        at in 0usize..4000,
        junk in "[ -~()&'.|%_+#]{0,6}",
        cut in 0usize..8,
    ) {
        let names = PanelLibrary::built_in_names();
        let n = &names[which % names.len()];
        let (_, text) = PanelLibrary::new(None).source(n).unwrap();
        let mut chars: Vec<char> = text.chars().collect();
        let at = at % (chars.len() + 1);
        let cut_to = (at + cut).min(chars.len());
        chars.splice(at..cut_to, junk.chars());
        let mutated: String = chars.into_iter().collect();
        if let Err(e) = parse_panel(n, "m.pnl", &mutated) {
            prop_assert!(e.line <= mutated.lines().count().max(1), "{e}");
        }
    }

    /// Arbitrary text never panics the parser.
    #[test]
    fn arbitrary_text_never_panics(text in "(\\)(BODY|ATTR|INIT|PROC|MODEL|END|HELP)?[ -~\n]{0,80}){0,8}") {
        let _ = parse_panel("X", "x.pnl", &text);
    }
}
