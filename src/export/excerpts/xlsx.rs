//! Excerpts as an Excel workbook: one sheet with the CSV columns, a bold frozen header row with
//! an autofilter, wrapped text. Every cell is written as a string or number, never a formula.

use std::fmt::Write as _;
use std::io::Write;

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::Excerpt;
use super::csv::HEADER;
use crate::export::{ExcerptFilter, ExportError};
use crate::model::Project;

/// The longest string an Excel cell holds.
const MAX_CELL: usize = 32_767;

/// Excel's row limit, less the header.
const MAX_ROWS: usize = 1_048_575;

/// `s` cut to what an Excel cell holds.
pub(super) fn cell(s: &str) -> String {
    if s.len() <= MAX_CELL || s.chars().count() <= MAX_CELL {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(MAX_CELL - 1).collect();
    t.push('…');
    t
}

/// The workbook's properties: its title, and the project's creation time as the workbook's
/// (a fixed time keeps the same export byte-identical).
pub(super) fn properties(project: &Project, title: &str) -> Result<DocProperties, XlsxError> {
    let created = project.manifest().created;
    let when = ExcelDateTime::from_ymd(
        created.year().clamp(1900, 9999) as u16,
        created.month() as u8,
        created.day() as u8,
    )
    .and_then(|d| {
        d.and_hms(
            created.hour() as u16,
            created.minute() as u8,
            created.second(),
        )
    })?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_creation_datetime(&when))
}

pub(super) fn write(
    project: &Project,
    filter: &ExcerptFilter,
    excerpts: &[Excerpt<'_>],
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    if excerpts.len() > MAX_ROWS {
        return Err(ExportError::Unsupported(format!(
            "{} excerpts do not fit in one Excel sheet ({MAX_ROWS} rows at most); export CSV or filter",
            excerpts.len()
        )));
    }
    let mut workbook = Workbook::new();
    let mut title = format!("{}: coded excerpts", project.manifest().name);
    if !filter.is_empty() {
        let _ = write!(title, " ({})", filter.describe(project));
    }
    workbook.set_properties(&properties(project, &title)?);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Excerpts")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (col, name) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    let widths: [f64; 18] = [
        20.0, 30.0, 18.0, 8.0, 10.0, 10.0, 10.0, 7.0, 7.0, 60.0, 30.0, 30.0, 30.0, 20.0, 36.0, 9.0,
        60.0, 20.0,
    ];
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    for (i, e) in excerpts.iter().enumerate() {
        let row = (i + 1) as u32;
        let texts: [(u16, &str); 7] = [
            (0, &e.code.name),
            (1, &e.code_path),
            (2, &e.document.name),
            (3, e.case_name()),
            (4, e.speaker.unwrap_or("")),
            (5, e.attribution().unwrap_or("")),
            (6, e.coder_name()),
        ];
        for (col, s) in texts {
            if !s.is_empty() {
                sheet.write_string(row, col, cell(s))?;
            }
        }
        sheet.write_number(row, 7, e.coding.range.start as f64)?;
        sheet.write_number(row, 8, e.coding.range.end as f64)?;
        sheet.write_string_with_format(row, 9, cell(e.text), &wrap)?;
        for (col, s) in [(10u16, e.before), (11, e.after)] {
            if !s.is_empty() {
                sheet.write_string_with_format(row, col, cell(s), &wrap)?;
            }
        }
        let memo = e.memo_text();
        if !memo.is_empty() {
            sheet.write_string_with_format(row, 12, cell(&memo), &wrap)?;
        }
        sheet.write_string(row, 13, e.created())?;
        sheet.write_string(row, 14, e.coding.id.to_string())?;
        if e.coding.exemplar {
            sheet.write_string(row, 15, "yes")?;
        }
        if let Some(t) = &e.coding.translation {
            sheet.write_string_with_format(row, 16, cell(&t.text), &wrap)?;
            if !t.note.is_empty() {
                sheet.write_string(row, 17, cell(&t.note))?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, excerpts.len() as u32, (HEADER.len() - 1) as u16)?;
    let bytes = workbook.save_to_buffer().map_err(|e: XlsxError| e)?;
    out.write_all(&bytes)?;
    Ok(())
}
