//! A plain table of cells: what every analysis table (co-occurrence, crosstab, timeline)
//! converts to, so that the window can draw it, `csv` can write it (RFC 4180) and the command
//! line can print it aligned (Chinese characters count two columns).

use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// One cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// A label.
    Text(String),
    /// A count.
    Count(usize),
    /// A percentage, 0 to 100.
    Percent(f64),
}

impl Cell {
    /// The cell as shown in a text table (`12.5%` for percentages).
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(s) => s.clone(),
            Self::Count(n) => n.to_string(),
            Self::Percent(p) => format!("{p:.1}%"),
        }
    }

    /// The cell as written to CSV (percentages as plain numbers with two decimals).
    #[must_use]
    pub fn csv(&self) -> String {
        match self {
            Self::Percent(p) => format!("{p:.2}"),
            other => other.display(),
        }
    }

    /// True for numbers (right-aligned in text).
    #[must_use]
    pub fn is_number(&self) -> bool {
        matches!(self, Self::Count(_) | Self::Percent(_))
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

/// A table: a header row and rows of cells (the first column holds the row labels).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Table {
    /// Column headings, the row-label column's first.
    pub columns: Vec<String>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Write the table as CSV (header, then rows).
    pub fn write_csv<W: io::Write>(&self, w: W) -> csv::Result<()> {
        let mut writer = csv::Writer::from_writer(w);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::csv))?;
        }
        writer.flush()?;
        Ok(())
    }

    /// The table as CSV text.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut buf = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_csv(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// The table as aligned text, one line per row, columns two spaces apart.
    #[must_use]
    pub fn to_text(&self) -> String {
        let lines: Vec<Vec<String>> = std::iter::once(self.columns.clone())
            .chain(
                self.rows
                    .iter()
                    .map(|row| row.iter().map(Cell::display).collect()),
            )
            .collect();
        let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                lines
                    .iter()
                    .filter_map(|l| l.get(i))
                    .map(|s| s.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // A column of numbers is right-aligned, its heading too.
        let right: Vec<bool> = (0..columns)
            .map(|i| {
                self.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(Cell::is_number))
            })
            .collect();
        let mut out = String::new();
        for line in &lines {
            let mut text = String::new();
            for (i, s) in line.iter().enumerate() {
                let pad = " ".repeat(widths[i].saturating_sub(s.width()));
                if i > 0 {
                    text.push_str("  ");
                }
                if right[i] {
                    let _ = write!(text, "{pad}{s}");
                } else {
                    let _ = write!(text, "{s}{pad}");
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}
