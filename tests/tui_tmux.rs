//! End to end: the real binary in a detached tmux session of 80x24, driven
//! by send-keys and read with capture-pane, as a user at a terminal. Needs
//! tmux; without it this test fails (it does not skip).

mod tui_support;

use tui_support::farm;
use tui_support::tmux::Tmux;

#[test]
fn panels_in_a_real_terminal() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start("test", home.path(), farm(), 80, 24);

    let s = t.wait("the primary menu", 15, |s| s.contains("Primary Option Menu"));
    assert!(s.starts_with("ICLPRIM"), "{s}");
    assert!(s.contains("Option ===>") && s.contains("User ID . : TESTER"), "{s}");
    assert!(s.contains("F3=Exit"), "{s}");
    assert_eq!(s.lines().count(), 24, "{s}");

    t.text("2");
    t.keys(&["Enter"]);
    let s = t.wait("the volume list", 15, |s| {
        s.starts_with("ICLVOL") && s.contains("Row 1 to")
    });
    assert!(s.contains("SYN000") && s.contains("ONLINE"), "{s}");

    t.keys(&["F3"]);
    t.wait("the primary menu again", 15, |s| s.starts_with("ICLPRIM"));

    // A stacked command and a jump, typed as a user would.
    t.text("3");
    t.keys(&["Enter"]);
    t.wait("the data set list prompt", 15, |s| s.starts_with("ICLDSLP"));
    t.keys(&["C-k"]);
    t.text("synp.user.jcl");
    t.keys(&["Enter"]);
    t.wait("the data set list", 15, |s| {
        s.starts_with("ICLDSL ") && s.contains("Row 1 to 1 of 1")
    });
    t.text("=x");
    t.keys(&["Enter"]);
    // tmux marks the pane dead a moment before it records the status.
    // The shell prints the return code once imsclone has ended and then
    // sleeps: a dead pane (remain-on-exit) loses its screen now and then.
    let after = t.wait("imsclone to end", 15, |s| s.contains("IMSCLONE-RC="));
    assert!(
        after.contains("IMSCLONE-RC=0"),
        "imsclone ended with return code 0:\n{after}"
    );
    assert!(
        !after.contains("ICLDSL"),
        "the alternate screen was left; the panels are gone:\n{after}"
    );
}
