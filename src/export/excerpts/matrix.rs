//! The quote matrix: codes × the values of a case attribute (region, age in bands, time in the
//! group) or the cases themselves, each cell holding the quotes behind it, exemplars first, with
//! their translations and attribution, for the paper's comparison of groups. The columns are
//! the code × attribute table's (`analysis::crosstab`), so a cell of the matrix holds the
//! quotes behind the same cell of that table; an excerpt's case is the one the excerpt exports
//! name (its speaker's case, else its document's). Written as Markdown, HTML or Word.

use std::fmt::Write as _;
use std::io::Write;
use std::sync::Arc;

use super::{Excerpt, Format, collect, docx, html, markdown};
use crate::analysis::crosstab::{CrosstabColumn, CrosstabColumns};
use crate::export::{ExcerptFilter, ExportError, Quotes};
use crate::model::Project;

/// The quote matrix of a project.
#[derive(Debug)]
pub struct QuoteMatrix<'p> {
    /// What the columns are ("region", "cases").
    pub by: String,
    /// The columns.
    pub columns: Vec<CrosstabColumn>,
    /// The codes with quotes, in codebook order.
    pub rows: Vec<MatrixRow<'p>>,
}

/// One code of the matrix.
#[derive(Debug)]
pub struct MatrixRow<'p> {
    /// The code's path.
    pub code_path: Arc<str>,
    /// Per column, its quotes: exemplars first.
    pub cells: Vec<Vec<Excerpt<'p>>>,
}

/// The quote matrix of the excerpts `filter` selects, in the columns `by` names.
pub fn quote_matrix<'p>(
    project: &'p Project,
    filter: &ExcerptFilter,
    by: CrosstabColumns,
) -> Result<QuoteMatrix<'p>, ExportError> {
    let (columns, attribute) = super::groups_of(project, by)?;
    let by = match by {
        CrosstabColumns::Cases => "case".to_owned(),
        CrosstabColumns::Attribute { .. } => attribute.unwrap_or_else(|| "?".to_owned()),
    };
    let mut rows: Vec<MatrixRow<'p>> = Vec::new();
    for e in collect(project, filter) {
        let Some(column) = e
            .case
            .and_then(|case| columns.iter().position(|c| c.cases.contains(&case.id)))
        else {
            continue;
        };
        if rows.last().is_none_or(|r| r.code_path != e.code_path) {
            rows.push(MatrixRow {
                code_path: Arc::clone(&e.code_path),
                cells: vec![Vec::new(); columns.len()],
            });
        }
        if let Some(row) = rows.last_mut() {
            row.cells[column].push(e);
        }
    }
    Ok(QuoteMatrix { by, columns, rows })
}

/// Write `matrix` in `format` (Markdown, HTML or Word), at most `per_cell` quotes a cell (the
/// rest counted), each quote as `quotes` asks.
pub fn write_matrix(
    project: &Project,
    matrix: &QuoteMatrix<'_>,
    per_cell: usize,
    quotes: Quotes,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let title = format!("{}: quotes by {}", project.manifest().name, matrix.by);
    let more = |n: usize| format!("… and {n} more");
    match format {
        Format::Markdown => {
            let mut s = String::new();
            s.push_str("# ");
            markdown::escape(&mut s, &title);
            s.push_str("\n\n");
            for row in &matrix.rows {
                s.push_str("## ");
                markdown::escape(&mut s, &row.code_path);
                s.push_str("\n\n");
                for (column, cell) in matrix.columns.iter().zip(&row.cells) {
                    s.push_str("### ");
                    markdown::escape(&mut s, &column.label);
                    let _ = write!(s, " ({})\n\n", cell.len());
                    for e in cell.iter().take(per_cell) {
                        markdown::excerpt(&mut s, e, quotes);
                    }
                    if cell.len() > per_cell {
                        let _ = write!(s, "*{}*\n\n", more(cell.len() - per_cell));
                    }
                }
            }
            out.write_all(s.as_bytes())?;
        }
        Format::Html => {
            let mut s = String::new();
            html::page_start(&mut s, &title, MATRIX_STYLE, "matrix");
            s.push_str("<table>\n<tr><th></th>");
            for column in &matrix.columns {
                s.push_str("<th>");
                html::esc(&mut s, &column.label);
                s.push_str("</th>");
            }
            s.push_str("</tr>\n");
            for row in &matrix.rows {
                s.push_str("<tr><th>");
                html::esc(&mut s, &row.code_path);
                s.push_str("</th>");
                for cell in &row.cells {
                    s.push_str("<td>");
                    for e in cell.iter().take(per_cell) {
                        html::excerpt(&mut s, e, quotes);
                    }
                    if cell.len() > per_cell {
                        s.push_str("<p class=\"more\">");
                        html::esc(&mut s, &more(cell.len() - per_cell));
                        s.push_str("</p>");
                    }
                    s.push_str("</td>");
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</table>\n</body>\n</html>\n");
            out.write_all(s.as_bytes())?;
        }
        Format::Docx => {
            let mut body = String::new();
            let mut runs = String::new();
            docx::run(&mut runs, "", &title);
            docx::paragraph(&mut body, "Title", &runs);
            for row in &matrix.rows {
                let mut runs = String::new();
                docx::run(&mut runs, "", &row.code_path);
                docx::paragraph(&mut body, "Heading1", &runs);
                for (column, cell) in matrix.columns.iter().zip(&row.cells) {
                    let mut runs = String::new();
                    docx::run(
                        &mut runs,
                        "<w:b/>",
                        &format!("{} ({})", column.label, cell.len()),
                    );
                    docx::paragraph(&mut body, "Normal", &runs);
                    for e in cell.iter().take(per_cell) {
                        docx::excerpt(&mut body, e, quotes);
                    }
                    if cell.len() > per_cell {
                        let mut runs = String::new();
                        docx::run(&mut runs, "<w:i/>", &more(cell.len() - per_cell));
                        docx::paragraph(&mut body, "Attribution", &runs);
                    }
                }
            }
            docx::write_package(project, &title, &body, out)?;
        }
        Format::Csv | Format::CsvExcel | Format::Xlsx => {
            return Err(ExportError::Unsupported(
                "the quote matrix is written as Markdown, HTML or Word (md, html, docx)".into(),
            ));
        }
    }
    Ok(())
}

/// The matrix is a table as wide as the page.
const MATRIX_STYLE: &str = "
body.matrix{max-width:none}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;vertical-align:top;padding:.4rem .5rem;text-align:left}
th{background:#f4f4f4}
td .excerpt{margin:.3rem 0 .8rem}
.more{color:#666;font-style:italic;margin:.2rem 0}
";
