//! The progress of one job (ICLPRG), read from the job board every frame:
//! the step list with each step's state, a gauge for the current step and
//! one for the whole job, bytes, rate, elapsed time and ETA, the findings
//! as they come and a scrolling tail of the log. The job runs on its own
//! thread: END leaves the panel and the job goes on (option 8 brings the
//! panel back). STOP (or Ctrl+C, PA1) cancels after a confirmation; once
//! the job has ended, REPORT shows its report and a stopped job can be
//! resumed (RERUN) or undone (ROLLBACK) from here or from the job list.

use std::time::Duration;

use ratatui::style::Style;

use super::confirm::ConfirmDialog;
use super::text::TextDialog;
use super::{AreaLine, Cx, Dialog, Dir, Flow, Reply};
use crate::tui::command::Amount;
use crate::tui::events::{JobState, JobView, StepState, fraction};
use crate::tui::layout::{AreaRect, View};
use crate::tui::messages::Message;
use crate::tui::screen::Screen;
use crate::tui::theme::Theme;

pub struct ProgressDialog {
    key: u64,
    job: Option<JobView>,
    frozen: bool,
    /// Log lines scrolled back from the newest.
    back: usize,
    /// Ask to stop as soon as the panel opens (Ctrl+C elsewhere).
    stop_on_open: bool,
}

impl ProgressDialog {
    pub fn new(key: u64) -> ProgressDialog {
        ProgressDialog {
            key,
            job: None,
            frozen: false,
            back: 0,
            stop_on_open: false,
        }
    }

    /// The panel of a job, with the stop confirmation already open.
    pub fn stopping(key: u64) -> ProgressDialog {
        ProgressDialog {
            stop_on_open: true,
            ..ProgressDialog::new(key)
        }
    }

    fn follow(&mut self, s: &mut Screen, cx: &Cx) {
        self.frozen = cx.jobs.frozen;
        let Some(j) = cx.jobs.get(self.key) else { return };
        let v = &mut s.vars;
        let who = if j.id.is_empty() { j.name.clone() } else { j.id.clone() };
        let word = crate::tui::profile::type_word(&j.job_type);
        v.set(
            "PTITLE",
            if word.is_empty() {
                format!("Job {who}")
            } else {
                format!("{word} job {who}")
            },
        );
        v.set("PJID", who);
        v.set("PKIND", j.kind.clone());
        v.set("PSTATE", j.state_word());
        v.set("PRC", j.rc.map(|r| format!("{r:02}")).unwrap_or_else(|| "--".into()));
        let step = match (j.current, j.current_step()) {
            (Some(i), Some(st)) => format!("{}/{} {}", i + 1, j.steps.len(), st.title),
            _ if j.state == JobState::Starting => "waiting for the farm lock".into(),
            _ => "-".into(),
        };
        v.set("PSTEP", step);
        self.job = Some(j.clone());
    }

    fn stop(&self, s: &mut Screen) -> Flow {
        match &self.job {
            Some(j) if j.running() => Flow::Popup(Box::new(ConfirmDialog::new(
                "STOP",
                "Cancel the job",
                vec![
                    format!("Cancel job {} ?", if j.id.is_empty() { &j.name } else { &j.id }),
                    "It stops before its next step (the running step ends first).".into(),
                    "Its journal is kept: RERUN resumes it, ROLLBACK undoes it".into(),
                    "(option 8, Jobs, or the commands RERUN and ROLLBACK here).".into(),
                ],
            ))),
            _ => {
                s.set_msg(Message::of("ICL675E", &[]));
                Flow::Stay
            }
        }
    }
}

/// `hh:mm:ss`.
pub fn hms(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Bytes for people: `12.3 MiB`.
pub fn bytes(n: u64) -> String {
    const U: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < U.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", U[i])
    }
}

/// A gauge: `[#####.....]  50%`, the done part and the rest styled apart.
fn gauge(label: &str, f: f64, w: usize, theme: &Theme, tail: String) -> AreaLine {
    let bar = w.clamp(10, 50);
    let done = ((f * bar as f64).round() as usize).min(bar);
    let text = theme.role("browse_data");
    vec![
        (format!("{label:<9}["), text),
        ("#".repeat(done), theme.role("gauge_done")),
        (".".repeat(bar - done), theme.role("gauge_todo")),
        (format!("] {:>3}%  {tail}", (f * 100.0).floor() as u32), text),
    ]
}

impl Dialog for ProgressDialog {
    fn panel(&self) -> String {
        "ICLPRG".into()
    }

    fn open(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.follow(s, cx);
        if std::mem::take(&mut self.stop_on_open) {
            return self.stop(s);
        }
        Flow::Stay
    }

    fn tick(&mut self, s: &mut Screen, cx: &mut Cx) -> Flow {
        self.follow(s, cx);
        Flow::Stay
    }

    fn command(&mut self, s: &mut Screen, _cx: &mut Cx, verb: &str, _rest: &str) -> Option<Flow> {
        let j = self.job.as_ref()?;
        let id = j.id.clone();
        Some(match verb {
            "STOP" | "KILL" | "CANJOB" => self.stop(s),
            "REPORT" if !id.is_empty() && !j.running() => Flow::Push(Box::new(TextDialog::report(&id))),
            "RERUN" | "ROLLBACK" if j.running() || id.is_empty() => {
                s.set_msg(Message::of("ICL693E", &[("ID", &j.name)]));
                Flow::Stay
            }
            "RERUN" => super::joblist::confirm_rerun(&id),
            "ROLLBACK" => super::joblist::confirm_rollback(&id),
            _ => return None,
        })
    }

    fn resume(&mut self, s: &mut Screen, cx: &mut Cx, reply: Option<Reply>) -> Flow {
        match reply {
            Some(Reply::Confirm { tag, yes: true }) if tag == "STOP" => {
                if cx.jobs.cancel(self.key) {
                    s.set_msg(Message::of("ICL674I", &[]));
                } else {
                    s.set_msg(Message::of("ICL675E", &[]));
                }
                self.follow(s, cx);
                Flow::Stay
            }
            Some(Reply::Confirm { tag, yes: true }) => match super::joblist::confirmed(&tag) {
                Some(req) => Flow::Push(Box::new(ProgressDialog::new(cx.start_job(req)))),
                None => Flow::Stay,
            },
            _ => Flow::Stay,
        }
    }

    fn scroll(&mut self, _s: &mut Screen, dir: Dir, amount: Amount, view: &View, _c: Option<usize>) -> Option<()> {
        let n_log = self.job.as_ref().map_or(0, |j| j.log.len());
        let page = view.area.as_ref().map_or(5, |a| (a.h as usize / 2).max(1));
        let k = amount.lines(page, None, dir == Dir::Down);
        match dir {
            Dir::Up => self.back = self.back.saturating_add(k).min(n_log.saturating_sub(1)),
            Dir::Down => self.back = self.back.saturating_sub(k),
            _ => {}
        }
        Some(())
    }

    fn indicator(&self, _s: &Screen, _view: &View) -> Option<String> {
        self.job.as_ref().map(|j| match j.rc {
            Some(rc) => format!("{} RC={rc:02}", j.state_word()),
            None => j.state_word(),
        })
    }

    fn area(&self, _s: &Screen, rect: &AreaRect, theme: &Theme) -> Vec<AreaLine> {
        let Some(j) = &self.job else {
            return vec![vec![(
                "The job is not known in this session.".into(),
                theme.role("browse_data"),
            )]];
        };
        let w = rect.w as usize;
        let h = rect.h as usize;
        let text = theme.role("browse_data");
        let head = theme.cua(crate::tui::panel::CuaType::Ch);
        let mut out: Vec<AreaLine> = Vec::new();
        // Gauges: the current step by bytes, the job by steps.
        let (sf, stail) = match j.current_step() {
            Some(st) if st.total > 0 => (
                fraction(st.done, st.total),
                format!("{} of {}", bytes(st.done), bytes(st.total)),
            ),
            Some(st) if matches!(st.state, StepState::Done | StepState::Skipped) => (1.0, String::new()),
            _ => (0.0, String::new()),
        };
        out.push(gauge("Step", sf, w.saturating_sub(45), theme, stail));
        let finished = j
            .steps
            .iter()
            .filter(|s| matches!(s.state, StepState::Done | StepState::Skipped))
            .count();
        // A frozen clock (tests) shows no rate: it is the machine's, not the job's.
        let rate = if j.rate > 0.0 && !self.frozen {
            format!("  {}/s", bytes(j.rate as u64))
        } else {
            String::new()
        };
        out.push(gauge(
            "Overall",
            j.overall(),
            w.saturating_sub(45),
            theme,
            format!("{finished} of {} steps{rate}", j.steps.len()),
        ));
        let eta = j.eta(self.frozen).map_or_else(|| "--:--:--".into(), hms);
        out.push(vec![(
            format!(
                "Elapsed  {}   ETA {eta}   Moved {}",
                hms(j.elapsed(self.frozen)),
                bytes(j.bytes())
            ),
            text,
        )]);
        // What is left is shared: steps, findings, log.
        let left = h.saturating_sub(out.len());
        let n_find = j.findings.len().min(3);
        let find_lines = if n_find > 0 { n_find + 1 } else { 0 };
        let step_lines = (left.saturating_sub(find_lines) / 2).clamp(2, 8).min(j.steps.len() + 1);
        out.push(vec![(
            format!("Steps ({} of {} finished)", finished, j.steps.len()),
            head,
        )]);
        let cur = j.current.unwrap_or(0);
        let first = cur.saturating_sub(step_lines.saturating_sub(1) / 2);
        let first = first.min(j.steps.len().saturating_sub(step_lines.saturating_sub(1)));
        for (i, st) in j
            .steps
            .iter()
            .enumerate()
            .skip(first)
            .take(step_lines.saturating_sub(1))
        {
            let style = match st.state {
                StepState::Running => theme.role("step_active"),
                StepState::Failed => theme.role("step_failed"),
                _ => text,
            };
            let title: String = st.title.chars().take(w.saturating_sub(16)).collect();
            out.push(vec![(
                format!(
                    "{:>4}. {:<width$} {}",
                    i + 1,
                    title,
                    st.state.word(),
                    width = w.saturating_sub(16)
                ),
                style,
            )]);
        }
        if n_find > 0 {
            out.push(vec![(format!("Findings ({})", j.findings.len()), head)]);
            for f in j.findings.iter().rev().take(n_find).rev() {
                let style = if f.blocks() { theme.role("step_failed") } else { text };
                out.push(vec![(f.line(), style)]);
            }
        }
        if out.len() < h {
            let room = h - out.len() - 1;
            let end = j.log.len().saturating_sub(self.back);
            let start = end.saturating_sub(room);
            let more = if self.back > 0 {
                "  (scrolled back: DOWN for newer)"
            } else {
                ""
            };
            out.push(vec![(format!("Log ({} lines){more}", j.log.len()), head)]);
            for l in j.log.range(start..end) {
                let st = if l.len() > 7 && matches!(l.as_bytes()[6], b'E' | b'S') {
                    theme.role("step_failed")
                } else {
                    Style::default().patch(text)
                };
                out.push(vec![(l.clone(), st)]);
            }
        }
        out.truncate(h);
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats() {
        assert_eq!(super::bytes(512), "512 B");
        assert_eq!(super::bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
        assert_eq!(super::hms(std::time::Duration::from_secs(3723)), "01:02:03");
    }
}
