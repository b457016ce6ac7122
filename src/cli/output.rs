//! Report output: aligned columns for people, TSV and JSON for scripts.

use std::io::Write;

use crate::msg::io_err;
use crate::{Result, icl_bail};

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns.
    #[default]
    Table,
    /// Tab-separated values with a header row.
    Tsv,
    /// A JSON array of objects.
    Json,
}

/// A report: a header row and rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers).
    pub numeric: Vec<bool>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            numeric: vec![false; headers.len()],
        }
    }

    /// Mark columns (by header name) as numeric.
    pub fn numeric(mut self, cols: &[&str]) -> Table {
        for (i, h) in self.headers.iter().enumerate() {
            if cols.contains(&h.as_str()) {
                self.numeric[i] = true;
            }
        }
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    pub fn render(&self, f: Format) -> Result<String> {
        if let Some(r) = self.rows.iter().find(|r| r.len() != self.headers.len()) {
            icl_bail!(
                "ICL002S",
                "report row has {} cells for {} columns",
                r.len(),
                self.headers.len()
            );
        }
        Ok(match f {
            Format::Table => self.aligned(),
            Format::Tsv => {
                let clean = |s: &str| s.replace(['\t', '\n'], " ");
                let mut out = self.headers.join("\t");
                out.push('\n');
                for r in &self.rows {
                    out.push_str(&r.iter().map(|c| clean(c)).collect::<Vec<_>>().join("\t"));
                    out.push('\n');
                }
                out
            }
            Format::Json => {
                let arr: Vec<serde_json::Value> = self
                    .rows
                    .iter()
                    .map(|r| {
                        let mut m = serde_json::Map::new();
                        for (i, (h, c)) in self.headers.iter().zip(r).enumerate() {
                            let v = if self.numeric[i] {
                                c.parse::<i64>()
                                    .map(serde_json::Value::from)
                                    .unwrap_or_else(|_| c.clone().into())
                            } else {
                                c.clone().into()
                            };
                            m.insert(h.clone(), v);
                        }
                        serde_json::Value::Object(m)
                    })
                    .collect();
                let mut s = serde_json::to_string_pretty(&arr).unwrap_or_else(|_| "[]".into());
                s.push('\n');
                s
            }
        })
    }

    fn aligned(&self) -> String {
        let mut w: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                w[i] = w[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String], head: bool| -> String {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    s.push_str("  ");
                }
                let pad = w[i] - c.chars().count();
                let last = i + 1 == cells.len();
                if self.numeric[i] && !head {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    if !last {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            s.trim_end().to_string()
        };
        let heads: Vec<String> = self.headers.iter().map(|h| h.to_ascii_uppercase()).collect();
        let mut out = line(&heads, true);
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r, false));
            out.push('\n');
        }
        out
    }

    /// Print to standard output.
    pub fn print(&self, f: Format) -> Result<()> {
        let s = self.render(f)?;
        let mut o = std::io::stdout().lock();
        match o.write_all(s.as_bytes()) {
            // A closed pipe (`| head`) is not an error for a report.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map_err(|e| io_err("ICL003E", "cannot write the report", e)),
        }
    }
}

/// Write to stdout, ignoring a closed pipe: `imsclone list recon IMSP |
/// head` ends quietly instead of panicking as `println!` does, and a run
/// whose output reader went away keeps running to its end.
pub fn emit(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_fmt(args);
    if newline {
        let _ = o.write_all(b"\n");
    }
}

/// `println!` that never panics on a closed stdout (see [`emit`]).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::emit(format_args!($($arg)*), true) };
}

/// `print!` that never panics on a closed stdout (see [`emit`]).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::emit(format_args!($($arg)*), false) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let mut t = Table::new(&["dsn", "tracks"]).numeric(&["tracks"]);
        t.push(vec!["IMSP.PROCLIB".into(), "15".into()]);
        t.push(vec!["A".into(), "2".into()]);
        assert_eq!(
            t.render(Format::Table).unwrap(),
            "DSN           TRACKS\nIMSP.PROCLIB      15\nA                  2\n"
        );
        assert_eq!(t.render(Format::Tsv).unwrap(), "dsn\ttracks\nIMSP.PROCLIB\t15\nA\t2\n");
        let j: serde_json::Value = serde_json::from_str(&t.render(Format::Json).unwrap()).unwrap();
        assert_eq!(j[0]["tracks"], 15);
    }
}
