//! Random keyboard sessions on a farm of their own: PF keys, cursor keys,
//! line commands, primary commands, jumps, resizes, in any order. The app
//! never panics, always shows a panel with its ID, and every job it started
//! ends. A session ends where the user leaves the app.

mod tui_support;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::{Harness, OwnFarm};

/// What a user may do next.
#[derive(Debug, Clone)]
enum Act {
    Key(KeyCode, KeyModifiers),
    /// Text typed where the cursor is.
    Type(&'static str),
    /// Home, clear the command line, type, Enter.
    Command(&'static str),
    Resize(u16, u16),
}

const COMMANDS: &[&str] = &[
    "=1",
    "=2",
    "=3",
    "=4",
    "=5",
    "=6",
    "=7",
    "=8",
    "=9",
    "=0",
    "=3.1",
    "=4.2",
    "=X",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "SORT DSN",
    "SORT VOLSER D",
    "SORT NOSUCH",
    "FIND IMSP",
    "F CUST",
    "RFIND",
    "L IMSP",
    "LOCATE Z",
    "UP 5",
    "DOWN MAX",
    "RETRIEVE",
    "RETURN",
    "END",
    "CANCEL",
    "HELP",
    "RUN",
    "SIMULATE",
    "SAVE",
    "NEW TESTP",
    "LOAD nosuch.toml",
    "LOAD sample-systems/default/jobs/db-refresh.toml",
    "LOAD sample-systems/default/jobs/skeleton.toml",
    "PICK",
    "RENAMES",
    "STOP",
    "YES",
    "REPORT",
    "RERUN",
    "ROLLBACK",
    "=6;LOAD sample-systems/default/jobs/system-clone.toml",
    "KEYS",
    "THEME mono",
    "/DIS DB ALL",
    ";;;",
    "=99",
    "SORT",
    "F",
    "L",
];

const TYPED: &[&str] = &[
    "S", "B", "I", "/", "D", "Y", "N", "E", "1", "X", "IMSP", "IMST", "*", "'", " ", "%%",
];

fn act() -> impl Strategy<Value = Act> {
    let keys = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Esc,
    ]);
    prop_oneof![
        3 => keys.prop_map(|k| Act::Key(k, KeyModifiers::NONE)),
        3 => (1u8..=12).prop_map(|n| Act::Key(KeyCode::F(n), KeyModifiers::NONE)),
        1 => (1u8..=12).prop_map(|n| Act::Key(KeyCode::F(n), KeyModifiers::SHIFT)),
        1 => prop::sample::select(vec!['u', 'k', 'a', 'e', 'c'])
            .prop_map(|c| Act::Key(KeyCode::Char(c), KeyModifiers::CONTROL)),
        3 => prop::sample::select(TYPED).prop_map(Act::Type),
        3 => prop::sample::select(COMMANDS).prop_map(Act::Command),
        1 => (1u16..200, 1u16..70).prop_map(|(w, h)| Act::Resize(w, h)),
    ]
}

fn play(h: &mut Harness, a: &Act) {
    match a {
        Act::Key(k, m) => h.key(*k, *m),
        Act::Type(s) => h.typ(s),
        Act::Command(s) => h.cmd(s),
        Act::Resize(w, ht) => {
            h.app.resize(*w, *ht);
            h.term = Terminal::new(TestBackend::new(*w, *ht)).expect("terminal");
            h.draw();
        }
    }
}

/// 24 sessions from a fixed seed, so CI sees the same sessions every time;
/// `MONKEY_CASES=300 MONKEY_SEED=N` explores more (300 random sessions
/// passed when this test was written).
fn config() -> ProptestConfig {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    ProptestConfig {
        cases: env("MONKEY_CASES").map_or(24, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("MONKEY_SEED").unwrap_or(0x1C1_0042)),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_sessions_never_panic(acts in prop::collection::vec(act(), 1..80)) {
        let f = OwnFarm::new();
        let mut h = Harness::with(80, 24, f.options("ispf-classic"));
        for a in &acts {
            if h.app.should_exit() {
                break; // =X or F3 on the primary menu: the session is over
            }
            play(&mut h, a);
            let (w, ht) = (h.term.backend().buffer().area.width, h.term.backend().buffer().area.height);
            if w >= 80 && ht >= 24 {
                // A screen big enough for a panel shows its ID top left.
                let t = h.text();
                prop_assert!(t.starts_with("ICL"), "after {a:?}:\n{t}");
            }
        }
        prop_assert!(h.app.wait_jobs(Duration::from_secs(180)), "a job did not end:\n{}", h.text());
    }
}
