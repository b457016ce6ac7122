//! A clone that another process is running shows on the job list as
//! ACTIVE, with no RERUN or ROLLBACK offered; once that process ends, the
//! job shows ENDED. The run is held half-way by the engine's test hook
//! IMSCLONE_STOP_AT (SIGSTOP after a journal record) and let go by SIGCONT.

mod tui_support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tui_support::{Harness, NOW, OwnFarm, SAMPLE_JOB};

/// The state letter of a process (`T` when stopped), None once it is gone.
fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.split_whitespace().next()?.chars().next()
}

#[test]
fn a_run_of_another_process_is_active_not_killed() {
    let f = OwnFarm::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_imsclone"))
        .arg("--farm")
        .arg(f.root())
        .args(["run", SAMPLE_JOB])
        .env("IMSCLONE_STOP_AT", "4")
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env("IMSCLONE_LOG", f.dir.path().join("run.log"))
        .stdout(Stdio::null())
        .spawn()
        .expect("imsclone run");
    let pid = child.id();
    let end = Instant::now() + Duration::from_secs(60);
    while proc_state(pid) != Some('T') {
        assert!(Instant::now() < end, "the run did not stop at journal record 4");
        std::thread::sleep(Duration::from_millis(10));
    }

    let mut h = Harness::with(80, 24, f.options("ispf-classic"));
    h.cmd("=8");
    let k = h.row_of("STATE", "ACTIVE");
    assert_ne!(h.msg_id().as_deref(), Some("ICL691W"), "nothing to rerun: {}", h.text());
    h.line(k, "r");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL677E"), "{}", h.text());
    let k = h.row_of("STATE", "ACTIVE");
    h.line(k, "u");
    h.enter();
    assert_eq!(h.msg_id().as_deref(), Some("ICL677E"), "{}", h.text());
    let k = h.row_of("STATE", "ACTIVE");
    h.line(k, "/");
    h.enter();
    assert_eq!(h.top(), "ICLACT");
    let t = h.text();
    assert!(!t.contains("RERUN") && !t.contains("ROLLBACK"), "{t}");
    h.pf(12);

    // SAFETY: a signal to our own child, which has not been reaped yet.
    let ok = unsafe { libc::kill(pid as libc::pid_t, libc::SIGCONT) };
    assert_eq!(ok, 0, "SIGCONT");
    let st = child.wait().expect("wait");
    assert_eq!(st.code(), Some(0), "the run ends RC 0 after SIGCONT");
    h.cmd("=8");
    let k = h.row_of("STATE", "ENDED");
    assert_eq!(k, 0, "the one job of the farm: {}", h.text());
}
