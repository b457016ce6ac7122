//! The key map: the documented default, a user keys.toml that remaps
//! keys (and is used by the running app), and bad key files reported with
//! their message ID while the defaults keep working.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imsclone::tui::keys::{Binding, DEFAULT_KEYS, KeyAction, Keymap};
use tui_support::{Harness, options};

#[test]
fn default_is_the_cua_set() {
    let k = Keymap::default_map();
    let want = [
        (1, "HELP"),
        (3, "END"),
        (4, "RETURN"),
        (5, "RFIND"),
        (7, "UP"),
        (8, "DOWN"),
        (10, "LEFT"),
        (11, "RIGHT"),
        (12, "CANCEL"),
    ];
    for (n, cmd) in want {
        assert_eq!(k.pf(n), Some(cmd), "F{n}");
    }
    assert_eq!(k.pf(2), None);
    let ev = |c, m| KeyEvent::new(c, m);
    assert_eq!(
        k.lookup(&ev(KeyCode::Up, KeyModifiers::ALT)),
        Some(&Binding::Command("RETRIEVE".into()))
    );
    assert_eq!(
        k.lookup(&ev(KeyCode::Char('j'), KeyModifiers::CONTROL)),
        Some(&Binding::Action(KeyAction::Newline))
    );
    assert_eq!(k.fka().first().map(String::as_str), Some("F1=Help"));
    // The default file is the documentation: it names every action it uses.
    for a in [
        ":erase-eof",
        ":erase-field",
        ":reset",
        ":reshow",
        ":newline",
        ":insert",
        ":interrupt",
    ] {
        assert!(DEFAULT_KEYS.contains(a), "{a} undocumented");
    }
}

#[test]
fn user_keys_drive_the_app() {
    let cfg = tempfile::tempdir().unwrap();
    std::fs::write(
        cfg.path().join("keys.toml"),
        "[keys]\nF2 = \"=2\"\nF3 = \"RETURN\"\n\"Alt+q\" = \"=X\"\nF8 = \"\"\n\n[labels]\nF2 = \"Volumes\"\n",
    )
    .unwrap();
    let mut h = Harness::with(80, 24, options("ispf-classic", Some(cfg.path())));
    assert!(
        h.text().contains("F2=Volumes"),
        "the function key area shows user labels:\n{}",
        h.text()
    );
    assert!(!h.text().contains("F8=Forward"), "an unbound key leaves the area");
    h.pf(2);
    assert_eq!(h.top(), "ICLVOL");
    h.cmd("=3");
    h.pf(3);
    assert_eq!(h.top(), "ICLPRIM", "F3 is RETURN now");
    assert!(!h.app.should_exit());
    h.key(KeyCode::Char('q'), KeyModifiers::ALT);
    assert!(h.app.should_exit());
}

#[test]
fn pf_key_takes_the_command_line_as_operand() {
    let mut h = Harness::new(80, 24, "ispf-classic");
    h.cmd("3");
    h.typ("synp");
    h.enter();
    assert_eq!(h.top(), "ICLDSL");
    h.press(KeyCode::Home);
    h.typ("4");
    h.pf(8);
    assert!(
        h.text().lines().next().unwrap().contains("Row 5 to"),
        "4 then F8 is DOWN 4"
    );
}

#[test]
fn bad_key_files_are_reported_and_defaults_kept() {
    for (text, word) in [
        ("[keys]\nF99 = \"END\"\n", "F99"),
        ("[keys]\nF3 = \":explode\"\n", ":explode"),
        ("[keys\nF3 = \"END\"\n", "line 1"),
        ("[keyz]\nF3 = \"END\"\n", "keyz"),
        ("[labels]\n\"Alt+1\" = \"X\"\n", "labels"),
    ] {
        let cfg = tempfile::tempdir().unwrap();
        std::fs::write(cfg.path().join("keys.toml"), text).unwrap();
        let mut h = Harness::with(80, 24, options("ispf-classic", Some(cfg.path())));
        let m = h
            .app
            .message()
            .cloned()
            .unwrap_or_else(|| panic!("no message for {text}"));
        assert_eq!(m.id, "ICL612E", "{text}");
        assert!(
            m.long.contains(word) && m.long.contains("keys.toml"),
            "{text}: {}",
            m.long
        );
        h.cmd("2");
        h.pf(3);
        assert_eq!(h.top(), "ICLPRIM", "F3 still ends a panel after {text}");
    }
}
