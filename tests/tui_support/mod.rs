//! Shared by the tui_* tests: a temporary farm, an app on a TestBackend
//! driven by keys, and the screen as text and as a compact colour map.
#![allow(dead_code)]

pub mod tmux;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imsclone::tui::theme::ColorMode;
use imsclone::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

/// Temporary folders whose paths show on panels: `text()` writes them as
/// `<TMP>` so snapshots do not depend on them.
fn temp_paths() -> &'static std::sync::Mutex<Vec<String>> {
    static P: OnceLock<std::sync::Mutex<Vec<String>>> = OnceLock::new();
    P.get_or_init(Default::default)
}

fn remember_temp(p: &Path) {
    let mut v = temp_paths().lock().unwrap();
    v.push(p.display().to_string());
    // Longest first, so a folder inside another is replaced whole.
    v.sort_by_key(|x| std::cmp::Reverse(x.len()));
}

/// The clock of every test (2026-11-27T00:00:00Z): the farm's creation
/// dates and the panels' ZDATE/ZTIME.
pub const NOW: u64 = 1_795_737_600;

/// A synthetic farm (3 volumes, 50 data sets, 10 members), built once per
/// test binary. It is built by the real binary (`farm generate`, which
/// calls `farm::generate::generate`) so SOURCE_DATE_EPOCH can fix the VTOC
/// dates without touching this process's environment.
pub fn farm() -> &'static Path {
    static FARM: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &FARM
        .get_or_init(|| {
            let d = tempfile::tempdir().expect("tempdir");
            let root = d.path().join("farm");
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_imsclone"))
                .arg("--farm")
                .arg(&root)
                .args([
                    "farm",
                    "generate",
                    "--volumes",
                    "3",
                    "--datasets",
                    "50",
                    "--members",
                    "10",
                ])
                .env("SOURCE_DATE_EPOCH", NOW.to_string())
                .env("IMSCLONE_LOG", d.path().join("gen.log"))
                .output()
                .expect("run imsclone farm generate");
            assert!(
                out.status.success(),
                "farm generate failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            (d, root)
        })
        .1
}

/// Build the default sample farm (IMSP, IMST, spare volumes) in `root` with
/// the real binary, its dates fixed by SOURCE_DATE_EPOCH.
pub fn init_default_farm(root: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_imsclone"))
        .arg("--farm")
        .arg(root)
        .args(["farm", "init"])
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env("IMSCLONE_LOG", root.with_extension("log"))
        .output()
        .expect("run imsclone farm init");
    assert!(
        out.status.success(),
        "farm init failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The default sample farm, built once per test binary: for panels that
/// only read it. Its config directory holds two clone profiles (the sample
/// job, CLONEQ, and CLONEW, which plans with findings), the sample
/// skeleton (SKELQ), the sample refresh (REFRESHT) and a refresh profile
/// REFRT, all dated NOW.
pub fn default_farm() -> &'static Path {
    static FARM: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &FARM
        .get_or_init(|| {
            let d = tempfile::tempdir().expect("tempdir");
            remember_temp(d.path());
            let root = d.path().join("farm");
            init_default_farm(&root);
            let prof = d.path().join("config/profiles");
            std::fs::create_dir_all(&prof).expect("profiles");
            let sample = std::fs::read_to_string(SAMPLE_JOB).expect("sample job");
            let warned = sample
                .replace("name = \"CLONEQ\"", "name = \"CLONEW\"")
                .replace(
                    "description = \"Clone IMSP to IMSQ\"",
                    "description = \"With findings\"",
                )
                .replace(
                    "storage_groups = [\"SGIMSPS\", \"SGIMSPD\"]",
                    "storage_groups = [\"SGIMSPS\", \"SGIMSPD\"]\nmasks = [\"NOSUCH*\"]",
                )
                .replace("IRP2 = \"IRQ2\"", "");
            let skeleton = std::fs::read_to_string(SKELETON_JOB).expect("sample skeleton");
            let refresh = std::fs::read_to_string(SAMPLE_REFRESH).expect("sample refresh");
            for (name, text) in [
                ("CLONEQ", sample.as_str()),
                ("CLONEW", warned.as_str()),
                ("SKELQ", skeleton.as_str()),
                ("REFRESHT", refresh.as_str()),
                ("REFRT", REFRESH_JOB),
            ] {
                let f = prof.join(format!("{name}.toml"));
                std::fs::write(&f, text).expect("profile");
                let t = std::time::UNIX_EPOCH + Duration::from_secs(NOW);
                std::fs::File::options()
                    .write(true)
                    .open(&f)
                    .and_then(|x| x.set_modified(t))
                    .expect("mtime");
            }
            (d, root)
        })
        .1
}

// The sample jobs, relative to the package root, which cargo makes the
// working directory of integration tests. Relative because tests type them
// into 62- and 66-column panel fields, and a CI checkout path can be long.

/// The sample clone job of the default farm.
pub const SAMPLE_JOB: &str = "sample-systems/default/jobs/system-clone.toml";

/// The sample skeleton clone (IMSP -> IMSQ, databases empty).
pub const SKELETON_JOB: &str = "sample-systems/default/jobs/skeleton.toml";

/// The sample refresh (CUSTDB, ACCTHDB, PAYDEDB from IMSP into IMST).
pub const SAMPLE_REFRESH: &str = "sample-systems/default/jobs/db-refresh.toml";

/// A refresh profile written by hand: CUSTDB and ACCTHDB without
/// COPY-IF-DIFFERENT-HALDB (ACCTHDB's partitions differ in IMST).
pub const REFRESH_JOB: &str = r#"[job]
type = "db-refresh"
name = "REFRT"
description = "Refresh CUSTDB and ACCTHDB into IMST"

[refresh]
source = "IMSP"
target = "IMST"
databases = ["CUSTDB", "ACCTHDB"]

[[refresh.rename]]
from = "IMSP.**"
to = "IMST.**"

[refresh.options]
fuzzy_copy = false
copy_if_different_haldb = false
data_mover = "ADRDSSU"
fastreplication = "PREFERRED"
"#;

/// A default farm on which the command line ran the sample clone (with
/// SOURCE_DATE_EPOCH, so the job's ID and dates are fixed): the job list.
pub fn ran_farm() -> &'static Path {
    static FARM: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &FARM
        .get_or_init(|| {
            let d = tempfile::tempdir().expect("tempdir");
            remember_temp(d.path());
            let root = d.path().join("farm");
            init_default_farm(&root);
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_imsclone"))
                .arg("--farm")
                .arg(&root)
                .args(["run", SAMPLE_JOB])
                .env("SOURCE_DATE_EPOCH", NOW.to_string())
                .env("IMSCLONE_LOG", d.path().join("run.log"))
                .output()
                .expect("run imsclone run");
            assert!(
                out.status.success(),
                "run failed: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            (d, root)
        })
        .1
}

/// A default farm of its own (tests that run jobs change it), with a
/// config directory next to it.
pub struct OwnFarm {
    pub dir: tempfile::TempDir,
}

impl OwnFarm {
    pub fn new() -> OwnFarm {
        let dir = tempfile::tempdir().expect("tempdir");
        remember_temp(dir.path());
        init_default_farm(&dir.path().join("farm"));
        let prof = dir.path().join("config/profiles");
        std::fs::create_dir_all(&prof).expect("config dir");
        let f = prof.join("CLONEQ.toml");
        std::fs::copy(SAMPLE_JOB, &f).expect("profile");
        let t = std::time::UNIX_EPOCH + Duration::from_secs(NOW);
        std::fs::File::options()
            .write(true)
            .open(&f)
            .and_then(|x| x.set_modified(t))
            .expect("mtime");
        OwnFarm { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("farm")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Options for an app on this farm with its config directory.
    pub fn options(&self, theme: &str) -> Options {
        let mut o = options(theme, Some(&self.config()));
        o.farm = self.root();
        o
    }
}

/// Options for the shared default farm, with its config directory.
pub fn default_options(theme: &str) -> Options {
    let root = default_farm();
    let mut o = options(theme, Some(&root.with_file_name("config")));
    o.farm = root.to_path_buf();
    o
}

/// Where a panel's snapshot is taken: panels of IMS systems, profiles and
/// reviews on the default farm, the job list on a farm with a job, the
/// progress panel on a farm of its own (it runs the clone), the rest on
/// the synthetic farm.
pub enum Where {
    Synthetic,
    Default,
    Ran,
    Own(OwnFarm),
}

pub fn where_for(panel: &str) -> Where {
    match panel {
        "ICLPRG" | "ICLH0810" => Where::Own(OwnFarm::new()),
        "ICLJOB" | "ICLH0800" => Where::Ran,
        "ICLSYSD" | "ICLDB" | "ICLDBD" | "ICLRCN" | "ICLPRF" | "ICLCLN" | "ICLEDT" | "ICLREV" | "ICLRVF" | "ICLRVR"
        | "ICLRVM" | "ICLRVP" | "ICLTXT" | "ICLCNF" | "ICLRFP" | "ICLRFD" | "ICLREVD" | "ICLRVD" | "ICLREVK"
        | "ICLRVS" => Where::Default,
        p if p.starts_with("ICLH04")
            || p.starts_with("ICLH05")
            || p.starts_with("ICLH06")
            || p.starts_with("ICLH07") =>
        {
            Where::Default
        }
        _ => Where::Synthetic,
    }
}

/// A harness for reaching `panel` (the own farm must live as long).
pub fn harness_for(w: u16, h: u16, theme: &str, at: &Where) -> Harness {
    let o = match at {
        Where::Synthetic => options(theme, None),
        Where::Default => default_options(theme),
        Where::Ran => {
            let mut o = options(theme, None);
            o.farm = ran_farm().to_path_buf();
            o
        }
        Where::Own(f) => f.options(theme),
    };
    Harness::with(w, h, o)
}

pub fn options(theme: &str, config: Option<&Path>) -> Options {
    let mut o = Options::new(farm().to_path_buf());
    o.theme = Some(theme.to_string());
    o.config_dir = config.map(Path::to_path_buf);
    o.color_mode = Some(ColorMode::Ansi16);
    o.user = "IBMUSER".into();
    o.now = Some(NOW);
    o
}

/// An app on a test terminal.
pub struct Harness {
    pub app: App,
    pub term: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(w: u16, h: u16, theme: &str) -> Harness {
        Harness::with(w, h, options(theme, None))
    }

    pub fn with(w: u16, h: u16, opts: Options) -> Harness {
        let mut app = App::new(opts).expect("app starts");
        app.resize(w, h);
        let term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let mut x = Harness { app, term };
        x.draw();
        x
    }

    pub fn draw(&mut self) {
        let app = &mut self.app;
        self.term.draw(|f| app.draw(f)).expect("draw");
    }

    /// Let loads arrive and queued commands run, then draw.
    pub fn settle(&mut self) {
        assert!(self.app.wait_idle(Duration::from_secs(20)), "loads did not arrive");
        self.draw();
    }

    pub fn key(&mut self, code: KeyCode, m: KeyModifiers) {
        self.app.key(KeyEvent::new(code, m));
        self.settle();
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    pub fn pf(&mut self, n: u8) {
        self.press(KeyCode::F(n));
    }

    pub fn enter(&mut self) {
        self.press(KeyCode::Enter);
    }

    pub fn typ(&mut self, s: &str) {
        self.app.type_text(s);
        self.draw();
    }

    /// Home (the command line), type, Enter.
    pub fn cmd(&mut self, s: &str) {
        self.press(KeyCode::Home);
        self.key(KeyCode::Char('k'), KeyModifiers::CONTROL);
        self.typ(s);
        self.enter();
    }

    /// Type a line command on data row `k` of the list (counted from the
    /// top of the screen): Home, Tab past the command and scroll fields.
    pub fn line(&mut self, k: usize, cmd: &str) {
        self.press(KeyCode::Home);
        let want = self
            .app
            .row_input(k)
            .unwrap_or_else(|| panic!("no data row {k}:\n{}", self.text()));
        for _ in 0..200 {
            if self.app.cursor() == want {
                break;
            }
            self.press(KeyCode::Tab);
        }
        assert_eq!(self.app.cursor(), want, "Tab does not reach row {k}");
        self.typ(cmd);
    }

    /// Tab to the input field of a variable and replace its contents.
    pub fn set_field(&mut self, var: &str, value: &str) {
        self.press(KeyCode::Home);
        for _ in 0..100 {
            if self.app.field_at_cursor().as_deref() == Some(var) {
                break;
            }
            self.press(KeyCode::Tab);
        }
        assert_eq!(
            self.app.field_at_cursor().as_deref(),
            Some(var),
            "no field {var}:\n{}",
            self.text()
        );
        self.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
        self.typ(value);
    }

    /// Wait for the session's jobs to end, then draw.
    pub fn wait_jobs(&mut self) {
        assert!(
            self.app.wait_jobs(Duration::from_secs(180)),
            "jobs did not end:\n{}",
            self.text()
        );
        self.draw();
    }

    /// Find the data row whose column has this value (within the screen).
    pub fn row_of(&self, column: &str, value: &str) -> usize {
        (0..60)
            .find(|k| self.app.row_value(*k, column).as_deref() == Some(value))
            .unwrap_or_else(|| panic!("no row with {column}={value}:\n{}", self.text()))
    }

    pub fn top(&self) -> String {
        self.app.top_panel()
    }

    pub fn msg_id(&self) -> Option<String> {
        self.app.message().map(|m| m.id.clone())
    }

    /// The screen as text, one line per row, trailing blanks removed.
    pub fn text(&self) -> String {
        let buf = self.term.backend().buffer();
        let a = buf.area;
        let mut out = String::new();
        for y in 0..a.height {
            let mut line = String::new();
            for x in 0..a.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for p in temp_paths().lock().unwrap().iter() {
            out = out.replace(p.as_str(), "<TMP>");
        }
        out
    }

    /// The colours as one letter per cell (b r p g t y w for the 3270
    /// colours, d for the terminal default, '?' for anything else; upper
    /// case when bold; blank cells blank), then underline (u), reverse (r)
    /// and background (k=colour) runs.
    pub fn colours(&self) -> String {
        let buf = self.term.backend().buffer();
        let theme = self.app.theme();
        let bg0 = theme.background().bg;
        let a = buf.area;
        let letter = |c: Color| -> char {
            if c == Color::Reset {
                return 'd';
            }
            match theme.colour_name(c) {
                Some(k) => match k {
                    imsclone::tui::panel::Color3270::Blue => 'b',
                    imsclone::tui::panel::Color3270::Red => 'r',
                    imsclone::tui::panel::Color3270::Pink => 'p',
                    imsclone::tui::panel::Color3270::Green => 'g',
                    imsclone::tui::panel::Color3270::Turq => 't',
                    imsclone::tui::panel::Color3270::Yellow => 'y',
                    imsclone::tui::panel::Color3270::White => 'w',
                },
                None => '?',
            }
        };
        let mut out = String::new();
        for y in 0..a.height {
            let mut fg = String::new();
            let mut runs: Vec<(char, u16, u16, char)> = Vec::new();
            for x in 0..a.width {
                let c = &buf[(x, y)];
                let blank = c.symbol() == " ";
                let mut l = if blank && !c.modifier.intersects(Modifier::UNDERLINED | Modifier::REVERSED) {
                    ' '
                } else {
                    letter(c.fg)
                };
                if c.modifier.contains(Modifier::BOLD) {
                    l = l.to_ascii_uppercase();
                }
                fg.push(l);
                let mut mark = |k: char, on: bool, v: char| {
                    if !on {
                        return;
                    }
                    match runs.last_mut() {
                        Some((rk, _, end, rv)) if *rk == k && *end + 1 == x && *rv == v => *end = x,
                        _ => runs.push((k, x, x, v)),
                    }
                };
                mark('u', c.modifier.contains(Modifier::UNDERLINED), ' ');
                mark('r', c.modifier.contains(Modifier::REVERSED), ' ');
                if Some(c.bg) != bg0 && c.bg != Color::Reset {
                    mark('k', true, letter(c.bg));
                }
            }
            out.push_str(fg.trim_end());
            if !runs.is_empty() {
                out.push_str("  |");
                for (k, s, e, v) in runs {
                    let v = if v == ' ' { String::new() } else { format!("={v}") };
                    out.push_str(&format!(" {k}{s}-{e}{v}"));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// Drive the app from the primary menu to a panel. Returns false when the
/// panel cannot be reached at this width (the 132-column total view).
pub fn reach(h: &mut Harness, panel: &str) -> bool {
    let dsl = |h: &mut Harness, level: &str| {
        h.cmd("3");
        h.key(KeyCode::Char('k'), KeyModifiers::CONTROL);
        h.typ(level);
        h.enter();
    };
    let dsl_view = |h: &mut Harness, view: &str| -> bool {
        for _ in 0..4 {
            if h.top() == view {
                return true;
            }
            h.pf(11);
        }
        h.top() == view
    };
    let members = |h: &mut Harness| {
        dsl(h, "SYNP.USER.JCL");
        h.line(0, "s");
        h.enter();
    };
    let help = panel.starts_with("ICLH")
        && !matches!(
            panel,
            "ICLH0000" | "ICLH0100" | "ICLH0200" | "ICLH0300" | "ICLH0310" | "ICLH0320" | "ICLH0900"
        );
    match panel {
        "ICLPRIM" => {}
        "ICLSYS" => h.cmd("1"),
        "ICLSYSD" => {
            h.cmd("1");
            h.line(0, "s");
            h.enter();
        }
        "ICLVOL" => h.cmd("2"),
        "ICLVOLI" => {
            h.cmd("2");
            h.line(0, "i");
            h.enter();
        }
        "ICLDSLP" => h.cmd("3"),
        "ICLDSL" | "ICLDSLS" | "ICLDSLA" | "ICLDSLT" => {
            dsl(h, "SYNP");
            if !dsl_view(h, panel) {
                return false;
            }
        }
        "ICLDSI" => {
            dsl(h, "SYNP.USER.JCL");
            h.line(0, "i");
            h.enter();
        }
        "ICLMEM" => members(h),
        "ICLMEMI" => {
            members(h);
            h.line(1, "i");
            h.enter();
        }
        "ICLBRO" => {
            members(h);
            h.line(0, "b");
            h.enter();
        }
        "ICLACT" => {
            members(h);
            h.line(2, "/");
            h.enter();
        }
        "ICLSET" => h.cmd("0"),
        "ICLMSGH" => {
            h.cmd("9");
            h.pf(1);
        }
        "ICLH0000" => h.pf(1),
        "ICLH0100" => {
            h.cmd("1");
            h.pf(1);
        }
        "ICLH0200" => {
            h.cmd("2");
            h.pf(1);
        }
        "ICLH0300" => {
            h.cmd("3");
            h.pf(1);
        }
        "ICLH0310" => {
            members(h);
            h.pf(1);
        }
        "ICLH0320" => {
            members(h);
            h.line(0, "b");
            h.enter();
            h.pf(1);
        }
        "ICLH0900" => {
            h.cmd("0");
            h.pf(1);
        }
        "ICLDB" | "ICLH0400" => h.cmd("4"),
        "ICLDBD" | "ICLH0410" => {
            h.cmd("4");
            h.line(0, "s");
            h.enter();
        }
        "ICLRCN" | "ICLH0500" => h.cmd("5"),
        "ICLPRF" | "ICLH0600" => h.cmd("6"),
        "ICLCLN" | "ICLH0610" => profile(h, "CLONEQ"),
        "ICLEDT" | "ICLH0615" => {
            profile(h, "CLONEQ");
            h.cmd("RENAMES");
        }
        "ICLREV" | "ICLH0620" => review(h, "CLONEQ"),
        "ICLRVF" | "ICLH0630" => {
            review(h, "CLONEW");
            h.cmd("1");
        }
        "ICLRVR" => {
            review(h, "CLONEQ");
            h.cmd("2");
        }
        "ICLRVM" => {
            review(h, "CLONEQ");
            h.cmd("3");
        }
        "ICLRVP" => {
            review(h, "CLONEQ");
            h.cmd("5");
        }
        "ICLTXT" => {
            review(h, "CLONEQ");
            h.cmd("7");
        }
        "ICLCNF" | "ICLH0640" => {
            review(h, "CLONEQ");
            h.cmd("RUN");
        }
        "ICLRFP" | "ICLH0700" => refresh_profile(h, "REFRESHT"),
        "ICLRFD" => {
            refresh_profile(h, "REFRESHT");
            h.cmd("PICK");
        }
        "ICLREVD" | "ICLH0710" => refresh_review(h, "REFRESHT"),
        "ICLRVD" | "ICLH0720" => {
            refresh_review(h, "REFRESHT");
            h.cmd("2");
        }
        "ICLREVK" | "ICLH0650" => skeleton_review(h, "SKELQ"),
        "ICLRVS" | "ICLH0660" => {
            skeleton_review(h, "SKELQ");
            h.cmd("2");
        }
        "ICLJOB" | "ICLH0800" => h.cmd("8"),
        "ICLPRG" | "ICLH0810" => {
            review(h, "CLONEQ");
            h.cmd("RUN");
            h.enter();
            assert!(h.app.wait_jobs(Duration::from_secs(120)), "the clone did not end");
            h.draw();
        }
        other => panic!("no way to {other} in the test"),
    }
    if help {
        // Clear a message first (F1 would explain it instead).
        h.key(KeyCode::Char('r'), KeyModifiers::CONTROL);
        h.pf(1);
    }
    assert_eq!(h.top(), panel, "did not reach {panel}:\n{}", h.text());
    true
}

/// Open a saved profile of the default farm's config directory (option 6,
/// S on its row).
pub fn profile(h: &mut Harness, name: &str) {
    open_profile(h, "6", name, "ICLCLN");
}

/// Open a saved refresh profile (option 7, S on its row).
pub fn refresh_profile(h: &mut Harness, name: &str) {
    open_profile(h, "7", name, "ICLRFP");
}

/// S on a profile's row of option `option`'s list: its panel opens.
fn open_profile(h: &mut Harness, option: &str, name: &str, panel: &str) {
    h.cmd(option);
    let k = (0..10)
        .find(|k| h.app.row_value(*k, "NAME").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("profile {name} not listed in option {option}:\n{}", h.text()));
    h.line(k, "s");
    h.enter();
    assert_eq!(h.top(), panel, "{}", h.text());
}

/// Plan a saved refresh profile and show its review.
pub fn refresh_review(h: &mut Harness, name: &str) {
    refresh_profile(h, name);
    h.enter();
    assert_eq!(h.top(), "ICLREVD", "{}", h.text());
}

/// Plan a saved skeleton profile and show its review.
pub fn skeleton_review(h: &mut Harness, name: &str) {
    profile(h, name);
    assert_eq!(h.app.var("PTYPE"), "SKELETON");
    h.enter();
    assert_eq!(h.top(), "ICLREVK", "{}", h.text());
}

/// SHA-256 of the files that make up a farm's state (farm.toml and every
/// volume image), by relative path, as the engine's tests compare them.
pub fn checksums(root: &Path) -> std::collections::BTreeMap<String, String> {
    use sha2::{Digest, Sha256};
    let mut files = vec![root.join("farm.toml")];
    for e in std::fs::read_dir(root.join("volumes")).expect("volumes").flatten() {
        files.push(e.path());
    }
    files
        .into_iter()
        .map(|f| {
            let h = Sha256::digest(std::fs::read(&f).expect("read farm file"));
            let rel = f.strip_prefix(root).unwrap().display().to_string();
            (rel, h.iter().map(|b| format!("{b:02x}")).collect())
        })
        .collect()
}

/// The blocks of a cataloged data set (of its data component for a cluster).
pub fn blocks(root: &Path, dsn: &str) -> Vec<Vec<u8>> {
    let farm = imsclone::farm::Farm::open(root).expect("farm");
    let r = imsclone::farm::reader::FarmReader::new(&farm).expect("reader");
    let v = r.volume_of(dsn).unwrap_or_else(|e| panic!("{dsn}: {e}"));
    let name = if v.contains(dsn) {
        dsn.to_string()
    } else {
        format!("{dsn}.DATA")
    };
    v.read_blocks(&name)
        .unwrap_or_else(|e| panic!("{dsn}: {e}"))
        .into_iter()
        .map(|b| b.data)
        .collect()
}

/// Verify a system: nothing of severity E or S.
pub fn verify_clean(root: &Path, system: &str) {
    let farm = imsclone::farm::Farm::open(root).expect("farm");
    let findings = imsclone::engine::verify::verify(&farm, system).expect("verify runs");
    let bad: Vec<_> = findings.iter().filter(|f| f.blocks()).collect();
    assert!(bad.is_empty(), "verify {system}: {bad:?}");
}

/// Plan a saved profile and show its review.
pub fn review(h: &mut Harness, name: &str) {
    profile(h, name);
    h.enter();
    assert_eq!(h.top(), "ICLREV", "{}", h.text());
}
