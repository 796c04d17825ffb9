//! Attribute tables: a CSV or XLSX sheet with one row per case (like the participants table of a
//! study: case, age, region, time in the group) becomes cases and typed attributes.
//!
//! The case column is the one headed `case` (or `name`, `participant`, `id`, `pseudonym`,
//! `案例`, `编号`, `参与者`, `代号`), else the first. Every other column is an attribute. A column
//! the project already has keeps its type, and its values must fit it; a new column's type is
//! read from its values: all numbers make a number, all dates (`2024-05-03`, `2024/5/3`, or
//! spreadsheet dates) a date, values that repeat (at most 20 distinct) a category, anything else
//! text. Existing cases are updated (an empty cell leaves the value as it was); new cases are
//! created. Nothing is applied: the result is one [`Edit`] for the caller to apply (and undo).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

use crate::model::{AttributeDef, AttributeId, AttributeKind, Case, Edit, Project, SortKey, Value};

use super::error::ImportError;
use super::text::{MAX_IMPORT_BYTES, decode, read_limited};
use super::zipsafe::{SafeZip, ZipLimits};

/// Header names that mark the case column (compared without case).
const CASE_COLUMNS: [&str; 9] = [
    "case",
    "name",
    "participant",
    "id",
    "pseudonym",
    "案例",
    "编号",
    "参与者",
    "代号",
];

/// Most distinct values a column may have to be read as a category.
const MAX_CATEGORIES: usize = 20;

/// A cell of an attribute table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text (every CSV cell; string cells of a spreadsheet).
    Text(String),
    /// A number cell of a spreadsheet.
    Number(f64),
    /// A date cell of a spreadsheet.
    Date(NaiveDate),
}

impl Cell {
    fn as_text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(s) => s.trim().to_owned(),
            Self::Number(n) => Value::Number(*n).to_string(),
            Self::Date(d) => d.to_string(),
        }
    }

    fn as_number(&self) -> Option<f64> {
        match self {
            Self::Number(n) => Some(*n),
            Self::Text(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        }
    }

    fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Self::Date(d) => Some(*d),
            Self::Text(s) => parse_date(s.trim()),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// Why a typed value could not be read from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// The attribute holds numbers.
    #[error("not a number")]
    NotNumber,
    /// The attribute holds dates.
    #[error("not a date like 2024-05-03")]
    NotDate,
}

/// The value of an attribute of `kind` written as `text`, read as the attribute tables are
/// (numbers, dates as 2024-05-03, 2024/5/3 or 3.5.2024); `None` for empty text.
pub fn parse_value(kind: &AttributeKind, text: &str) -> Result<Option<Value>, ValueError> {
    let cell = Cell::Text(text.to_owned());
    if cell.is_empty() {
        return Ok(None);
    }
    Ok(Some(match kind {
        AttributeKind::Number => Value::Number(cell.as_number().ok_or(ValueError::NotNumber)?),
        AttributeKind::Date => Value::Date(cell.as_date().ok_or(ValueError::NotDate)?),
        AttributeKind::Text => Value::Text(cell.as_text()),
        AttributeKind::Category(_) => Value::Category(cell.as_text()),
    }))
}

/// A table: its header and its rows, each with its line (CSV) or row number (XLSX).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column headers.
    pub header: Vec<String>,
    /// `(line, cells)`.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Read a CSV or XLSX table (the first sheet of a workbook).
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let bytes = read_limited(path, MAX_IMPORT_BYTES)?;
    table_from_bytes(&bytes, path)
}

/// A CSV or XLSX table from a file's `bytes`; `path` names it in messages and gives its
/// extension.
pub fn table_from_bytes(bytes: &[u8], path: &Path) -> Result<Table, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "xlsx" || bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, path)
    } else if matches!(ext.as_str(), "xls" | "ods") {
        Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            message: "save the table as .xlsx or .csv and import that".into(),
        })
    } else {
        read_csv(bytes, path)
    }
}

/// A reader of the CSV `text`, its separator guessed from the first line: commas, or tabs or
/// semicolons (as European spreadsheets save them); rows may differ in length.
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn read_csv(bytes: &[u8], path: &Path) -> Result<Table, ImportError> {
    let text = decode(bytes, path)?.text;
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = csv_reader(&text);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| malformed(1, format!("the header row cannot be read ({e})")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            malformed(line, format!("not a well-formed CSV row ({e})"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if super::has_extra_cells(&record, header.len()) {
            return Err(malformed(
                line,
                format!(
                    "the row has {} cells but the header names only {} columns",
                    record.len(),
                    header.len()
                ),
            ));
        }
        rows.push((
            line,
            record.iter().map(|c| Cell::Text(c.to_owned())).collect(),
        ));
    }
    Ok(Table { header, rows })
}

fn excel_date(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(Duration::days(serial.floor() as i64))
}

fn read_xlsx(bytes: &[u8], path: &Path) -> Result<Table, ImportError> {
    let mut zip = SafeZip::open(bytes, path, ZipLimits::default())?;
    zip.verify_all()?;
    let unreadable = |e: &dyn std::fmt::Display| ImportError::Unsupported {
        path: path.to_path_buf(),
        message: format!("not a readable XLSX workbook ({e})"),
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable(&"it has no sheet"))?
        .map_err(|e| unreadable(&e))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = range.rows().enumerate();
    let Some((_, head)) = rows.next() else {
        return Err(ImportError::Malformed {
            path: path.to_path_buf(),
            line: 1,
            message: "the sheet is empty".into(),
        });
    };
    let header = head.iter().map(|c| Cell::from_data(c).as_text()).collect();
    let rows = rows
        .map(|(i, r)| (first_row + i + 1, r.iter().map(Cell::from_data).collect()))
        .collect();
    Ok(Table { header, rows })
}

impl Cell {
    fn from_data(d: &Data) -> Self {
        match d {
            Data::Empty | Data::Error(_) => Self::Empty,
            Data::Int(i) => Self::Number(*i as f64),
            Data::Float(f) => Self::Number(*f),
            Data::String(s) | Data::DurationIso(s) => Self::Text(s.clone()),
            Data::Bool(b) => Self::Text(b.to_string()),
            Data::DateTime(dt) if dt.is_datetime() => {
                excel_date(dt.as_f64()).map_or(Self::Empty, Self::Date)
            }
            Data::DateTime(dt) => Self::Number(dt.as_f64()),
            Data::DateTimeIso(s) => parse_date(s.get(..10).unwrap_or(s))
                .map_or_else(|| Self::Text(s.clone()), Self::Date),
        }
    }
}

/// What importing an attribute table would do.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributeImport {
    /// The edit that makes the changes (a batch: attributes first, then cases).
    pub edit: Edit,
    /// Cases the table creates, in table order.
    pub created: Vec<String>,
    /// Existing cases it updates, in table order.
    pub updated: Vec<String>,
    /// Each attribute column: its name, its type, and whether it is new to the project.
    pub attributes: Vec<(String, AttributeKind, bool)>,
}

/// The type a new column's values call for.
fn infer_kind(values: &[&Cell]) -> AttributeKind {
    if values.is_empty() {
        return AttributeKind::Text;
    }
    if values.iter().all(|c| c.as_number().is_some()) {
        return AttributeKind::Number;
    }
    if values.iter().all(|c| c.as_date().is_some()) {
        return AttributeKind::Date;
    }
    let distinct: BTreeSet<String> = values.iter().map(|c| c.as_text()).collect();
    if distinct.len() < values.len() && distinct.len() <= MAX_CATEGORIES {
        AttributeKind::Category(distinct.into_iter().collect())
    } else {
        AttributeKind::Text
    }
}

/// Read an attribute table and work out the edit that brings its cases and values into
/// `project`.
pub fn import_attributes(path: &Path, project: &Project) -> Result<AttributeImport, ImportError> {
    let table = read_table(path)?;
    attributes_from_table(&table, path, project)
}

fn bad_cell(path: &Path, line: usize, column: &str, message: String) -> ImportError {
    ImportError::BadCell {
        path: path.to_path_buf(),
        line,
        column: column.to_owned(),
        message,
    }
}

/// The edit for an already read table (`path` names it in errors).
#[allow(clippy::too_many_lines)] // columns, then cases: one pass each
pub fn attributes_from_table(
    table: &Table,
    path: &Path,
    project: &Project,
) -> Result<AttributeImport, ImportError> {
    if table.header.iter().all(String::is_empty) {
        return Err(ImportError::Malformed {
            path: path.to_path_buf(),
            line: 1,
            message: "the header row is empty; the first row must name the columns".into(),
        });
    }
    let case_col = CASE_COLUMNS
        .iter()
        .find_map(|want| {
            table
                .header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(want))
        })
        .unwrap_or(0);
    let mut seen_headers: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, h) in table.header.iter().enumerate() {
        if i == case_col {
            continue;
        }
        if h.is_empty() {
            return Err(ImportError::Malformed {
                path: path.to_path_buf(),
                line: 1,
                message: format!("column {} has no header", i + 1),
            });
        }
        if let Some(j) = seen_headers.insert(h.as_str(), i) {
            return Err(ImportError::Malformed {
                path: path.to_path_buf(),
                line: 1,
                message: format!("columns {} and {} are both named {h:?}", j + 1, i + 1),
            });
        }
    }
    let case_header = table.header[case_col].clone();
    // Rows with a case, and duplicate cases refused.
    let mut rows: Vec<(usize, String, &Vec<Cell>)> = Vec::new();
    let mut lines_of: BTreeMap<String, usize> = BTreeMap::new();
    for (line, cells) in &table.rows {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let name = cells.get(case_col).map(Cell::as_text).unwrap_or_default();
        if name.is_empty() {
            return Err(bad_cell(
                path,
                *line,
                &case_header,
                "the row has no case name".into(),
            ));
        }
        if let Some(first) = lines_of.insert(name.clone(), *line) {
            return Err(bad_cell(
                path,
                *line,
                &case_header,
                format!("case {name:?} appears twice (lines {first} and {line})"),
            ));
        }
        rows.push((*line, name, cells));
    }
    // Attribute definitions.
    let mut defs: Vec<(usize, AttributeDef, bool)> = Vec::new();
    let mut edits = Vec::new();
    let mut last_key = project
        .attributes_sorted()
        .last()
        .map(|a| a.sort_key.clone());
    for (col, header) in table.header.iter().enumerate() {
        if col == case_col {
            continue;
        }
        let values: Vec<&Cell> = rows
            .iter()
            .filter_map(|(_, _, cells)| cells.get(col))
            .filter(|c| !c.is_empty())
            .collect();
        let existing = project
            .attributes()
            .values()
            .find(|a| a.name == *header)
            .cloned();
        let (mut def, new) = if let Some(a) = existing {
            (a, false)
        } else {
            let key = SortKey::after(last_key.as_ref());
            last_key = Some(key.clone());
            (
                AttributeDef {
                    id: AttributeId::new(),
                    name: header.clone(),
                    kind: infer_kind(&values),
                    sort_key: key,
                },
                true,
            )
        };
        let before = def.clone();
        if let AttributeKind::Category(list) = &mut def.kind {
            for v in &values {
                let t = v.as_text();
                if !list.contains(&t) {
                    list.push(t);
                }
            }
        }
        if new || def != before {
            edits.push(Edit::PutAttribute(def.clone()));
        }
        defs.push((col, def, new));
    }
    // Cases.
    let mut created = Vec::new();
    let mut updated = Vec::new();
    for (line, name, cells) in &rows {
        let (mut case, is_new) = match project.case_named(name) {
            Some(c) => (c.clone(), false),
            None => (Case::new(name.clone()), true),
        };
        let before = case.clone();
        for (col, def, _) in &defs {
            let Some(cell) = cells.get(*col).filter(|c| !c.is_empty()) else {
                continue;
            };
            let value = match &def.kind {
                AttributeKind::Number => Value::Number(cell.as_number().ok_or_else(|| {
                    bad_cell(
                        path,
                        *line,
                        &def.name,
                        format!("{:?} is not a number", cell.as_text()),
                    )
                })?),
                AttributeKind::Date => Value::Date(cell.as_date().ok_or_else(|| {
                    bad_cell(
                        path,
                        *line,
                        &def.name,
                        format!("{:?} is not a date like 2024-05-03", cell.as_text()),
                    )
                })?),
                AttributeKind::Text => Value::Text(cell.as_text()),
                AttributeKind::Category(_) => Value::Category(cell.as_text()),
            };
            case.values.insert(def.id, value);
        }
        if is_new {
            created.push(name.clone());
            edits.push(Edit::PutCase(case));
        } else if case != before {
            updated.push(name.clone());
            edits.push(Edit::PutCase(case));
        }
    }
    Ok(AttributeImport {
        edit: Edit::Batch(edits),
        created,
        updated,
        attributes: defs
            .into_iter()
            .map(|(_, d, new)| (d.name, d.kind, new))
            .collect(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_by_their_attribute_type() {
        assert_eq!(
            parse_value(&AttributeKind::Number, " 50 "),
            Ok(Some(Value::Number(50.0)))
        );
        assert_eq!(
            parse_value(&AttributeKind::Number, "fifty"),
            Err(ValueError::NotNumber)
        );
        assert_eq!(
            parse_value(&AttributeKind::Date, "2024/6/1"),
            Ok(Some(Value::Date(
                NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
            )))
        );
        assert_eq!(
            parse_value(&AttributeKind::Date, "June"),
            Err(ValueError::NotDate)
        );
        assert_eq!(
            parse_value(&AttributeKind::Category(vec![]), "山东"),
            Ok(Some(Value::Category("山东".into())))
        );
        assert_eq!(parse_value(&AttributeKind::Text, "  "), Ok(None));
    }

    #[test]
    fn kinds_are_inferred() {
        let t = |v: &[&str]| {
            let cells: Vec<Cell> = v.iter().map(|s| Cell::Text((*s).into())).collect();
            infer_kind(&cells.iter().collect::<Vec<_>>())
        };
        assert_eq!(t(&["28", "32.5"]), AttributeKind::Number);
        assert_eq!(t(&["2024-05-03", "2024/6/1"]), AttributeKind::Date);
        assert_eq!(
            t(&["Beijing", "Shandong", "Beijing"]),
            AttributeKind::Category(vec!["Beijing".into(), "Shandong".into()])
        );
        assert_eq!(t(&["likes tea", "walks"]), AttributeKind::Text);
    }
}
