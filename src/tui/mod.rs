//! The ISPF-style panel application (DESIGN.md section 5, ISPF-PANELS.md).
//!
//! | module      | holds |
//! |-------------|-------|
//! | `panel/`    | the panel language: AST, parser, library (built-in + config dir) |
//! | `interp`    | )INIT/)REINIT/)PROC statements: assignments, IF, VER, TRANS, TRUNC, VGET/VPUT |
//! | `vars`      | function, shared and profile variable pools; `&VAR` substitution |
//! | `layout`    | panel + size + variables + table → placed fields (EXPAND, )MODEL rows) |
//! | `render`    | placed fields + theme → screen buffer; pop-ups; function key area |
//! | `app`       | the dialog stack, display cycle, commands, scrolling, FIND/SORT/LOCATE |
//! | `dialogs/`  | the Rust behind each panel (menu, systems, volumes, data sets, members, browse, settings, help) |
//! | `table`     | rows behind a )MODEL: sort order, top row, line-command inputs |
//! | `command`   | command text: `;` stacking, `=n.m` jumps, scroll amounts, FIND operands |
//! | `keys`      | the key map (PF keys as commands), default in `keys.toml` |
//! | `theme`     | themes as data (`themes/*.toml`) |
//! | `messages`  | the ICL6xx message catalog |
//! | `profile`   | clone and refresh profiles as job files; their line lists, checked as the engine checks |
//! | `loader`    | farm reads on a worker thread (`fetch`: discovery, RECON, plans, jobs, profile files) |
//! | `jobs`      | runs, reruns and rollbacks on worker threads, their events tagged for the board |
//! | `events`    | engine events drained each frame into the job board |
//! | `terminal`  | raw mode, alternate screen, panic-safe restore, the frame loop |

pub mod app;
pub mod command;
pub mod dialogs;
pub mod events;
pub mod fetch;
pub mod interp;
pub mod jobs;
pub mod keys;
pub mod layout;
pub mod loader;
pub mod messages;
pub mod panel;
pub mod profile;
pub mod render;
pub mod screen;
pub mod table;
pub mod terminal;
pub mod theme;
pub mod vars;

use std::path::{Path, PathBuf};

pub use app::{App, Options};

/// The config directory: `IMSCLONE_CONFIG`, else the platform's (for
/// example `~/.config/imsclone`). Holds `panels/`, `themes/`, `keys.toml`
/// and `profile.toml`.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("IMSCLONE_CONFIG").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("org", "imsclone", "imsclone").map(|p| p.config_dir().to_path_buf())
}

/// The user ID shown as ZUSER: `IMSCLONE_USER`, `USER` or `LOGNAME`, upper
/// case, at most 8 characters.
pub fn user_id() -> String {
    ["IMSCLONE_USER", "USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|u| u.to_ascii_uppercase().chars().take(8).collect())
        .unwrap_or_else(|| "IBMUSER".into())
}

/// `IMSCLONE_NOW` (seconds since the epoch or `YYYY-MM-DDTHH:MM:SSZ`)
/// fixes the clock of ZDATE/ZTIME for reproducible screens.
pub fn fixed_now() -> Option<u64> {
    let v = std::env::var("IMSCLONE_NOW").ok()?;
    parse_time(&v)
}

/// Seconds since the epoch from `1700000000` or `2024-01-01T00:00:00Z`.
pub fn parse_time(v: &str) -> Option<u64> {
    let v = v.trim();
    if let Ok(n) = v.parse::<u64>() {
        return Some(n);
    }
    let b = v.strip_suffix('Z').unwrap_or(v);
    let (d, t) = b.split_once('T')?;
    let mut dp = d.split('-').map(|x| x.parse::<i64>());
    let (y, m, day) = (dp.next()?.ok()?, dp.next()?.ok()?, dp.next()?.ok()?);
    let mut tp = t.split(':').map(|x| x.parse::<i64>());
    let (hh, mm, ss) = (tp.next()?.ok()?, tp.next()?.ok()?, tp.next()?.ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from 1970-01-01 (H. Hinnant's civil-from-days inverse).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

/// Open the panels on a farm (what `imsclone` with no command does).
pub fn open(farm: &Path, theme: Option<String>) -> crate::Result<i32> {
    let opts = Options {
        farm: farm.to_path_buf(),
        theme,
        config_dir: config_dir(),
        color_mode: None,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        user: user_id(),
        now: fixed_now(),
    };
    let app = App::new(opts)?;
    terminal::run(app)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn time_parsing() {
        assert_eq!(super::parse_time("2024-01-01T00:00:00Z"), Some(1_704_067_200));
        assert_eq!(super::parse_time("1970-01-02T00:00:01Z"), Some(86_401));
        assert_eq!(super::parse_time("12345"), Some(12_345));
        assert_eq!(super::parse_time("2024-13-01T00:00:00Z"), None);
        assert_eq!(super::parse_time("yesterday"), None);
    }
}
