//! End to end: the real binary in a detached tmux session of 80x24, driven
//! by send-keys and read with capture-pane, as a user at a terminal. Needs
//! tmux; without it this test fails (it does not skip).

mod tui_support;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tui_support::{NOW, farm};

/// A private tmux server, killed when the test ends (even on failure).
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux is required for this test and could not be run: {e}"))
    }

    fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "t"];
        a.extend_from_slice(keys);
        let o = self.run(&a);
        assert!(
            o.status.success(),
            "send-keys {keys:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    fn text(&self, s: &str) {
        self.keys(&["-l", s]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Poll the screen until `pred` holds (no fixed sleeps).
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; the screen is:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn panels_in_a_real_terminal() {
    let v = Command::new("tmux").arg("-V").output();
    assert!(
        v.as_ref().is_ok_and(|o| o.status.success()),
        "tmux is not installed: the end-to-end panel test needs it (apt-get install tmux)"
    );
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_imsclone");
    let t = Tmux {
        socket: format!("imsclone-test-{}", std::process::id()),
    };
    let cmd = format!(
        "env -u NO_COLOR IMSCLONE_CONFIG={cfg} IMSCLONE_LOG={log} IMSCLONE_NOW={NOW} IMSCLONE_USER=TESTER {bin} --farm {farm}; echo IMSCLONE-RC=$?; sleep 60",
        cfg = home.path().join("config").display(),
        log = home.path().join("imsclone.log").display(),
        farm = farm().display(),
    );
    let o = t.run(&["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", &cmd]);
    assert!(
        o.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The shell stays a while after imsclone ends (see below), so the
    // screen can be read; a short escape time keeps F-keys snappy.
    t.run(&["set-option", "-s", "escape-time", "10"]);

    let s = t.wait("the primary menu", |s| s.contains("Primary Option Menu"));
    assert!(s.starts_with("ICLPRIM"), "{s}");
    assert!(s.contains("Option ===>") && s.contains("User ID . : TESTER"), "{s}");
    assert!(s.contains("F3=Exit"), "{s}");
    assert_eq!(s.lines().count(), 24, "{s}");

    t.text("2");
    t.keys(&["Enter"]);
    let s = t.wait("the volume list", |s| s.starts_with("ICLVOL") && s.contains("Row 1 to"));
    assert!(s.contains("SYN000") && s.contains("ONLINE"), "{s}");

    t.keys(&["F3"]);
    t.wait("the primary menu again", |s| s.starts_with("ICLPRIM"));

    // A stacked command and a jump, typed as a user would.
    t.text("3");
    t.keys(&["Enter"]);
    t.wait("the data set list prompt", |s| s.starts_with("ICLDSLP"));
    t.keys(&["C-k"]);
    t.text("synp.user.jcl");
    t.keys(&["Enter"]);
    t.wait("the data set list", |s| {
        s.starts_with("ICLDSL ") && s.contains("Row 1 to 1 of 1")
    });
    t.text("=x");
    t.keys(&["Enter"]);
    // tmux marks the pane dead a moment before it records the status.
    // The shell prints the return code once imsclone has ended and then
    // sleeps: a dead pane (remain-on-exit) loses its screen now and then.
    let after = t.wait("imsclone to end", |s| s.contains("IMSCLONE-RC="));
    assert!(
        after.contains("IMSCLONE-RC=0"),
        "imsclone ended with return code 0:\n{after}"
    );
    assert!(
        !after.contains("ICLDSL"),
        "the alternate screen was left; the panels are gone:\n{after}"
    );
}
