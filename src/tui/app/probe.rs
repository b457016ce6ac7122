//! What tests, benchmarks and tools read from the app and how they drive
//! it without a terminal: the top panel's variables, rows and fields, the
//! job board, and waiting for loads and jobs to finish.

use std::time::{Duration, Instant};

use crossbeam_channel::Sender;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::tui::events::{JobBoard, JobMsg};
use crate::tui::layout::Bind;

impl App {
    /// The job board (tests and the job panels read it).
    pub fn jobs(&self) -> &JobBoard {
        &self.jobs
    }

    /// The job board, to register jobs started elsewhere (tests).
    pub fn jobs_mut(&mut self) -> &mut JobBoard {
        &mut self.jobs
    }

    /// Where job events go (tests inject events through it).
    pub fn job_sender(&self) -> Sender<JobMsg> {
        self.jobs.sender()
    }

    /// Wait until no job of the session runs and what followed (a new view
    /// of the farm, loads) arrived (tests). False on timeout.
    pub fn wait_jobs(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while self.jobs.running() > 0 {
            self.tick();
            if Instant::now() >= end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.tick();
        self.wait_idle(end.saturating_duration_since(Instant::now()))
    }

    /// Wait until every load has arrived and queued commands ran (tests,
    /// benchmarks). False on timeout.
    pub fn wait_idle(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            self.tick();
            if !self.busy() && self.queue.is_empty() {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            if let Some((id, data)) = self.loader.wait(left.min(Duration::from_millis(50))) {
                self.deliver(id, data);
            }
        }
    }

    /// Type text at the cursor (tests and the tmux helper use keys; this is
    /// a shortcut for them).
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// Where the first input field of the k-th data row on the screen is
    /// (panel coordinates): tests put line commands there.
    pub fn row_input(&self, k: usize) -> Option<(u16, u16)> {
        let v = self.current_view()?;
        let (y, row) = *v.rows.get(k)?;
        v.inputs()
            .find(|(_, f)| f.y >= y && matches!(&f.bind, Bind::Row(r, _) if *r == row))
            .map(|(_, f)| (f.x, f.y))
    }

    /// The variable of the input field under the cursor (tests move to a
    /// field by tabbing until it is there).
    pub fn field_at_cursor(&self) -> Option<String> {
        let v = self.current_view()?;
        let (x, y) = self.cursor();
        let i = v.field_at(x, y)?;
        v.fields[i].is_input().then(|| v.fields[i].var().map(str::to_string))?
    }

    /// A column of the k-th data row on the screen (tests find rows by it).
    pub fn row_value(&self, k: usize, column: &str) -> Option<String> {
        let v = self.current_view()?;
        let (_, row) = *v.rows.get(k)?;
        let t = self.stack.last()?.scr.table.as_ref()?;
        t.value(row, column).map(str::to_string)
    }

    /// Cursor position of the top screen (panel coordinates).
    pub fn cursor(&self) -> (u16, u16) {
        self.stack.last().map_or((0, 0), |e| e.scr.cursor)
    }
}
