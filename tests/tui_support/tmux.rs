//! The real binary in a detached tmux session, driven by send-keys and read
//! with capture-pane, as a user at a terminal. A private tmux server per
//! test, killed when the test ends (even on failure). Needs tmux: without
//! it the tests fail (they do not skip).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::NOW;

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Start `imsclone --farm FARM` in a `w`x`h` session in the package
    /// root (where the sample jobs' relative paths point), with its config
    /// and log under `home`. The shell stays a minute after imsclone ends,
    /// printing `IMSCLONE-RC=n`, so the screen can still be read.
    pub fn start(name: &str, home: &Path, farm: &Path, w: u16, h: u16) -> Tmux {
        let v = Command::new("tmux").arg("-V").output();
        assert!(
            v.as_ref().is_ok_and(|o| o.status.success()),
            "tmux is not installed: the end-to-end panel tests need it (apt-get install tmux)"
        );
        let t = Tmux {
            socket: format!("imsclone-{name}-{}", std::process::id()),
        };
        let cmd = format!(
            "env -u NO_COLOR IMSCLONE_CONFIG={cfg} IMSCLONE_LOG={log} IMSCLONE_NOW={NOW} IMSCLONE_USER=TESTER {bin} --farm {farm}; echo IMSCLONE-RC=$?; sleep 60",
            cfg = home.join("config").display(),
            log = home.join("imsclone.log").display(),
            bin = env!("CARGO_BIN_EXE_imsclone"),
            farm = farm.display(),
        );
        let (w, h) = (w.to_string(), h.to_string());
        let root = env!("CARGO_MANIFEST_DIR");
        let o = t.run(&["new-session", "-d", "-s", "t", "-c", root, "-x", &w, "-y", &h, &cmd]);
        assert!(
            o.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // A short escape time keeps F-keys snappy.
        t.run(&["set-option", "-s", "escape-time", "10"]);
        t
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux is required for this test and could not be run: {e}"))
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "t"];
        a.extend_from_slice(keys);
        let o = self.run(&a);
        assert!(
            o.status.success(),
            "send-keys {keys:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    pub fn text(&self, s: &str) {
        self.keys(&["-l", s]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Poll the screen until `pred` holds (no fixed sleeps).
    pub fn wait(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "timed out after {secs}s waiting for {what}; the screen is:\n{s}"
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
