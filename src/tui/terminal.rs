//! The real terminal: raw mode and the alternate screen, restored on every
//! way out (normal exit, error, panic: a panic hook restores first so the
//! message is readable), and the frame loop: draw when something changed,
//! wait for a key at most one tick, drain loads and engine events.

use std::io::{Stdout, stdout};
use std::time::Duration;

use crossterm::event::{self, Event};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use crate::{Result, icl};

/// How long the loop waits for a key before looking at the channels.
pub const TICK: Duration = Duration::from_millis(50);

/// Put the terminal back as we found it. Safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
}

/// Restores the terminal when dropped (error returns included).
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Install a panic hook that restores the terminal before the default hook
/// prints, and logs the panic with its message ID. Only a panic of the UI
/// thread ends the session: a worker's panic (caught where the worker runs,
/// reported as a message) must not pull the terminal from under the panels.
fn install_panic_hook() {
    let ui = std::thread::current().id();
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui {
            tracing::error!(panic = %info, "worker thread panicked");
            return;
        }
        restore();
        tracing::error!(panic = %info, "ICL663S imsclone ended abnormally");
        eprintln!("ICL663S imsclone ended abnormally; the terminal was restored.");
        prev(info);
    }));
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    let term_err = |e: std::io::Error| icl!("ICL662E", "the terminal cannot be used for panels: {e}");
    enable_raw_mode().map_err(term_err)?;
    execute!(stdout(), EnterAlternateScreen).map_err(term_err)?;
    Terminal::new(CrosstermBackend::new(stdout())).map_err(term_err)
}

/// Run the app on the terminal until the user leaves.
pub fn run(mut app: App) -> Result<()> {
    install_panic_hook();
    let _guard = Guard;
    let mut term = setup()?;
    let io = |e: std::io::Error| icl!("ICL662E", "terminal error: {e}");
    let mut dirty = true;
    while !app.should_exit() {
        dirty |= app.tick();
        if dirty {
            term.draw(|f| app.draw(f)).map_err(io)?;
            dirty = false;
        }
        if app.should_exit() {
            break;
        }
        if event::poll(TICK).map_err(io)? {
            // Take everything that is waiting before the next draw, so a
            // burst of keys (paste, key repeat) costs one frame.
            loop {
                match event::read().map_err(io)? {
                    Event::Key(k) => app.key(k),
                    Event::Resize(w, h) => {
                        app.resize(w, h);
                        term.autoresize().map_err(io)?;
                    }
                    Event::Paste(s) => app.type_text(&s),
                    _ => {}
                }
                dirty = true;
                if app.should_exit() || !event::poll(Duration::ZERO).map_err(io)? {
                    break;
                }
            }
        }
    }
    Ok(())
}
