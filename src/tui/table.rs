//! A table behind a )MODEL: rows of named columns, a display order (SORT),
//! the top row, and what the user typed in model input fields (line
//! commands), kept per data row so it survives scrolling and sorting.
//! Only the visible rows are ever rendered, so 20,000 rows cost nothing
//! per frame; SORT, LOCATE and FIND are linear or n·log n once.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A column: its variable name (as in the model line) and how it sorts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub numeric: bool,
}

impl Column {
    pub fn text(name: &str) -> Column {
        Column {
            name: name.into(),
            numeric: false,
        }
    }

    pub fn num(name: &str) -> Column {
        Column {
            name: name.into(),
            numeric: true,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    /// Display position → data row.
    order: Vec<usize>,
    /// Display position of the top row.
    pub top: usize,
    /// Sort column index and descending flag.
    pub sort: Option<(usize, bool)>,
    /// (data row, variable) → typed value.
    inputs: BTreeMap<(usize, String), String>,
    /// Where the last FIND stopped (display position), and whether it
    /// reached the end (the next RFIND starts over).
    pub find_pos: Option<usize>,
    pub find_wrapped: bool,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            ..Default::default()
        }
    }

    /// Replace the rows (each as long as `columns`), keeping the sort order.
    pub fn set_rows(&mut self, mut rows: Vec<Vec<String>>) {
        // Every row has a cell per column, whatever the caller gave.
        let n = self.columns.len();
        for r in &mut rows {
            r.resize(n, String::new());
        }
        self.rows = rows;
        self.order = (0..self.rows.len()).collect();
        self.inputs.clear();
        self.find_pos = None;
        if let Some((c, d)) = self.sort {
            self.apply_sort(c, d);
        }
        self.top = self.top.min(self.rows.len().saturating_sub(1));
    }

    /// Change one cell (a mark column) without touching the rest.
    pub fn set_value(&mut self, row: usize, name: &str, v: String) {
        if let Some(c) = self.col_index(name)
            && let Some(cell) = self.rows.get_mut(row).and_then(|r| r.get_mut(c))
        {
            *cell = v;
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Data row at a display position.
    pub fn at(&self, pos: usize) -> Option<usize> {
        self.order.get(pos).copied()
    }

    /// Display position of a data row.
    pub fn pos_of(&self, row: usize) -> Option<usize> {
        self.order.iter().position(|r| *r == row)
    }

    pub fn row(&self, row: usize) -> Option<&[String]> {
        self.rows.get(row).map(Vec::as_slice)
    }

    pub fn col_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// A cell by data row and column name.
    pub fn value(&self, row: usize, name: &str) -> Option<&str> {
        let c = self.col_index(name)?;
        self.rows.get(row)?.get(c).map(String::as_str)
    }

    fn cmp_rows(&self, a: usize, b: usize, c: usize, numeric: bool) -> Ordering {
        let (x, y) = (&self.rows[a][c], &self.rows[b][c]);
        if numeric {
            let nx = x.trim().parse::<f64>().ok();
            let ny = y.trim().parse::<f64>().ok();
            match (nx, ny) {
                (Some(p), Some(q)) => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => x.cmp(y),
            }
        } else {
            x.cmp(y)
        }
    }

    fn apply_sort(&mut self, c: usize, desc: bool) {
        let numeric = self.columns[c].numeric;
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        // Stable: equal keys keep their previous (data) order.
        order.sort_by(|&a, &b| {
            let o = self.cmp_rows(a, b, c, numeric);
            if desc { o.reverse() } else { o }
        });
        self.order = order;
    }

    /// SORT by a column name; `None` when there is no such column.
    pub fn sort_by(&mut self, name: &str, desc: bool) -> Option<()> {
        let c = self.col_index(name)?;
        self.sort = Some((c, desc));
        self.apply_sort(c, desc);
        self.top = 0;
        self.find_pos = None;
        Some(())
    }

    /// LOCATE: the first display position whose sort-column value is at
    /// least `v` (at most, for a descending sort). Without a sort, the first
    /// column in data order.
    pub fn locate(&self, v: &str) -> usize {
        let (c, desc) = self.sort.unwrap_or((0, false));
        if self.rows.is_empty() || c >= self.columns.len() {
            return 0;
        }
        let numeric = self.columns[c].numeric;
        let target = v.trim().to_ascii_uppercase();
        let key = |r: usize| -> Ordering {
            let cell = &self.rows[r][c];
            let o = if numeric {
                match (cell.trim().parse::<f64>(), target.parse::<f64>()) {
                    (Ok(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
                    _ => cell.to_ascii_uppercase().as_str().cmp(target.as_str()),
                }
            } else {
                cell.to_ascii_uppercase().as_str().cmp(target.as_str())
            };
            if desc { o.reverse() } else { o }
        };
        if self.sort.is_some() {
            // Sorted: binary search for the first row not below the value.
            self.order.partition_point(|&r| key(r) == Ordering::Less)
        } else {
            // Unsorted: the first row that starts with the value, else the
            // first one not below it.
            self.order
                .iter()
                .position(|&r| self.rows[r][c].to_ascii_uppercase().starts_with(&target))
                .or_else(|| self.order.iter().position(|&r| key(r) != Ordering::Less))
                .unwrap_or(self.rows.len().saturating_sub(1))
        }
        .min(self.rows.len().saturating_sub(1))
    }

    /// Does a row contain the text (case-insensitive; `upper` is upper case)?
    fn row_has(&self, row: usize, upper: &str) -> bool {
        self.rows[row].iter().any(|c| c.to_ascii_uppercase().contains(upper))
    }

    /// FIND forward from display position `from` (inclusive) to the end;
    /// `backward` searches from `from` down to 0.
    pub fn find(&self, text: &str, from: usize, backward: bool) -> Option<usize> {
        let up = text.to_ascii_uppercase();
        if backward {
            (0..=from.min(self.order.len().saturating_sub(1)))
                .rev()
                .find(|&p| self.row_has(self.order[p], &up))
        } else {
            (from..self.order.len()).find(|&p| self.row_has(self.order[p], &up))
        }
    }

    /// Scroll so `pos` is the top row.
    pub fn set_top(&mut self, pos: usize) {
        self.top = pos.min(self.rows.len().saturating_sub(1));
    }

    pub fn input(&self, row: usize, var: &str) -> &str {
        self.inputs.get(&(row, var.to_string())).map_or("", String::as_str)
    }

    pub fn set_input(&mut self, row: usize, var: &str, v: String) {
        if v.trim().is_empty() {
            self.inputs.remove(&(row, var.to_string()));
        } else {
            self.inputs.insert((row, var.to_string()), v);
        }
    }

    pub fn clear_inputs(&mut self) {
        self.inputs.clear();
    }

    /// Rows where the user typed something, in display order:
    /// (data row, variable, value).
    pub fn selected(&self) -> Vec<(usize, String, String)> {
        let mut v: Vec<(usize, usize, String, String)> = self
            .inputs
            .iter()
            .map(|((r, n), val)| (self.pos_of(*r).unwrap_or(usize::MAX), *r, n.clone(), val.clone()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, r, n, val)| (r, n, val)).collect()
    }

    /// The top-row indicator: `Row 1 to 14 of 40`.
    pub fn indicator(&self, shown: usize) -> String {
        if self.rows.is_empty() {
            return "Row 0 of 0".into();
        }
        let last = (self.top + shown).min(self.rows.len());
        format!(
            "Row {} to {} of {}",
            self.top + 1,
            last.max(self.top + 1),
            self.rows.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Table {
        let mut t = Table::new(vec![Column::text("NAME"), Column::num("SIZE")]);
        t.set_rows(vec![
            vec!["DELTA".into(), "10".into()],
            vec!["ALPHA".into(), "200".into()],
            vec!["CHARLIE".into(), "3".into()],
            vec!["BRAVO".into(), "".into()],
        ]);
        t
    }

    #[test]
    fn sort_text_and_numeric() {
        let mut t = t();
        t.sort_by("name", false).unwrap();
        let names: Vec<&str> = (0..4).map(|p| t.value(t.at(p).unwrap(), "NAME").unwrap()).collect();
        assert_eq!(names, ["ALPHA", "BRAVO", "CHARLIE", "DELTA"]);
        t.sort_by("SIZE", true).unwrap();
        let sizes: Vec<&str> = (0..4).map(|p| t.value(t.at(p).unwrap(), "SIZE").unwrap()).collect();
        assert_eq!(sizes, ["", "200", "10", "3"]);
        assert!(t.sort_by("NOPE", false).is_none());
    }

    #[test]
    fn locate_uses_sort_column() {
        let mut t = t();
        t.sort_by("NAME", false).unwrap();
        assert_eq!(t.locate("c"), 2);
        assert_eq!(t.locate("ZULU"), 3);
        t.sort_by("SIZE", false).unwrap();
        assert_eq!(t.value(t.at(t.locate("11")).unwrap(), "SIZE"), Some("200"));
    }

    #[test]
    fn find_and_inputs() {
        let mut t = t();
        assert_eq!(t.find("arl", 0, false), Some(2));
        assert_eq!(t.find("arl", 3, false), None);
        assert_eq!(t.find("delta", 3, true), Some(0));
        t.set_input(2, "LCMD", "S".into());
        t.set_input(0, "LCMD", "B".into());
        t.set_input(1, "LCMD", " ".into());
        assert_eq!(t.selected().iter().map(|s| s.0).collect::<Vec<_>>(), vec![0, 2]);
        t.sort_by("NAME", true).unwrap();
        assert_eq!(t.selected().iter().map(|s| s.0).collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(t.indicator(2), "Row 1 to 2 of 4");
    }
}
