//! The summary grid (a framework matrix): cases × codes, each cell holding the codings behind
//! it and the researchers' own written summaries of them (memos on the cell,
//! `MemoTarget::Summary`, one per coder, so two coders' summaries merge without conflict).
//! Rows can be grouped by a case attribute (region, age in bands), as the quote matrix's
//! columns are. A coding counts for the case the excerpt exports name (its speaker's case, else
//! its document's). Written as Markdown, HTML, Word or an Excel workbook.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;
use std::sync::Arc;

use rust_xlsxwriter::{Format as CellFormat, Workbook};

use super::{Excerpt, Format, collect, docx, html, markdown};
use crate::analysis::crosstab::CrosstabColumns;
use crate::export::{ExcerptFilter, ExportError};
use crate::model::{Case, CaseId, CodeId, Memo, MemoTarget, Project};

/// The summary grid of a project.
#[derive(Debug)]
pub struct SummaryGrid<'p> {
    /// What the rows are grouped by (an attribute's name), if anything.
    pub grouped_by: Option<String>,
    /// The codes, in codebook order: those with codings in scope or with summaries.
    pub codes: Vec<GridCode>,
    /// The cases, by group then name.
    pub rows: Vec<GridRow<'p>>,
}

/// A column of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridCode {
    /// The code.
    pub code: CodeId,
    /// Its full path.
    pub path: Arc<str>,
}

/// A row of the grid: one case.
#[derive(Debug)]
pub struct GridRow<'p> {
    /// The case.
    pub case: &'p Case,
    /// Its group's label when the rows are grouped (the attribute's value or band).
    pub group: Option<String>,
    /// One cell per code of the grid.
    pub cells: Vec<GridCell<'p>>,
}

/// One cell: what a case says about a code.
#[derive(Debug, Default)]
pub struct GridCell<'p> {
    /// The codings behind it, exemplars first, then in text order.
    pub excerpts: Vec<Excerpt<'p>>,
    /// The summaries written on it, oldest first.
    pub summaries: Vec<&'p Memo>,
}

impl GridCell<'_> {
    /// True when the cell has neither codings nor a summary.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.excerpts.is_empty() && self.summaries.is_empty()
    }
}

impl SummaryGrid<'_> {
    /// Only the summarised cells, in the cases and codes that have any (what a reader of the
    /// paper is shown): a cell without a summary is emptied.
    #[must_use]
    pub fn summarised(mut self) -> Self {
        let keep: Vec<bool> = (0..self.codes.len())
            .map(|i| self.rows.iter().any(|r| !r.cells[i].summaries.is_empty()))
            .collect();
        let mut i = 0;
        self.codes.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for row in &mut self.rows {
            let mut i = 0;
            row.cells.retain(|_| {
                i += 1;
                keep[i - 1]
            });
            for cell in &mut row.cells {
                if cell.summaries.is_empty() {
                    cell.excerpts.clear();
                }
            }
        }
        self.rows
            .retain(|r| r.cells.iter().any(|c| !c.summaries.is_empty()));
        self
    }

    /// The cell of `case` and `code`, if both are in the grid.
    #[must_use]
    pub fn cell(&self, case: CaseId, code: CodeId) -> Option<&GridCell<'_>> {
        let column = self.codes.iter().position(|c| c.code == code)?;
        let row = self.rows.iter().find(|r| r.case.id == case)?;
        row.cells.get(column)
    }
}

/// The summary grid of the codings `filter` selects, rows grouped as `by` says
/// (`CrosstabColumns::Cases`: not grouped).
pub fn summary_grid<'p>(
    project: &'p Project,
    filter: &ExcerptFilter,
    by: CrosstabColumns,
) -> Result<SummaryGrid<'p>, ExportError> {
    let (groups, grouped_by) = super::groups_of(project, by)?;
    let mut cells: HashMap<(CaseId, CodeId), GridCell<'p>> = HashMap::new();
    for e in collect(project, filter) {
        if let Some(case) = e.case {
            cells
                .entry((case.id, e.code.id))
                .or_default()
                .excerpts
                .push(e);
        }
    }
    // The filters hold for summaries as for codings: their code, case and author.
    let scope = filter.code_scope(project);
    let admits = |m: &Memo| match m.target {
        MemoTarget::Summary { case, code } => {
            scope.as_ref().is_none_or(|s| s.contains(&code))
                && filter.admits_case(project.case(case))
                && (filter.coders.is_empty()
                    || m.author.is_some_and(|a| filter.coders.contains(&a)))
        }
        _ => false,
    };
    let mut summaries: Vec<&Memo> = project.memos().values().filter(|m| admits(m)).collect();
    summaries.sort_by_key(|m| (m.created, m.id));
    for m in summaries {
        if let MemoTarget::Summary { case, code } = m.target {
            cells.entry((case, code)).or_default().summaries.push(m);
        }
    }
    let used: BTreeSet<CodeId> = cells.keys().map(|&(_, code)| code).collect();
    let codes: Vec<GridCode> = project
        .code_tree()
        .into_iter()
        .filter(|(_, c)| used.contains(&c.id))
        .map(|(_, c)| GridCode {
            code: c.id,
            path: project.code_path(c.id).into(),
        })
        .collect();
    let mut rows = Vec::new();
    for group in groups {
        for id in group.cases {
            let Some(case) = project.case(id).filter(|c| filter.admits_case(Some(c))) else {
                continue;
            };
            let cells = codes
                .iter()
                .map(|c| cells.remove(&(id, c.code)).unwrap_or_default())
                .collect();
            rows.push(GridRow {
                case,
                group: grouped_by.as_ref().map(|_| group.label.clone()),
                cells,
            });
        }
    }
    Ok(SummaryGrid {
        grouped_by,
        codes,
        rows,
    })
}

/// A cell's summaries as one text: each on its own paragraph, signed with its author's name
/// when the cell has more than one.
#[must_use]
pub fn summary_text(project: &Project, cell: &GridCell<'_>) -> String {
    let signed = cell.summaries.len() > 1;
    cell.summaries
        .iter()
        .map(|m| {
            let author = m.author.and_then(|a| project.coder(a)).map(|c| &c.name);
            match author {
                Some(name) if signed => format!("{} ({name})", m.text.trim()),
                _ => m.text.trim().to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// "3 codings" under a cell (English: the exports speak English).
fn count(n: usize) -> String {
    if n == 1 {
        "1 coding".to_owned()
    } else {
        format!("{n} codings")
    }
}

/// Write `grid` in `format` (Markdown, HTML, Word or Excel): per case and code, the summary and
/// how many codings are behind it.
pub fn write_summary_grid(
    project: &Project,
    grid: &SummaryGrid<'_>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let title = match &grid.grouped_by {
        Some(by) => format!("{}: summary grid by {by}", project.manifest().name),
        None => format!("{}: summary grid", project.manifest().name),
    };
    match format {
        Format::Markdown => out.write_all(markdown_grid(project, grid, &title).as_bytes())?,
        Format::Html => {
            let mut s = String::new();
            html::page_start(&mut s, &title, GRID_STYLE, "matrix");
            html_table(&mut s, project, grid);
            s.push_str("</body>\n</html>\n");
            out.write_all(s.as_bytes())?;
        }
        Format::Docx => {
            let mut body = String::new();
            let mut runs = String::new();
            docx::run(&mut runs, "", &title);
            docx::paragraph(&mut body, "Title", &runs);
            docx_body(&mut body, project, grid, 1);
            docx::write_package(project, &title, &body, out)?;
        }
        Format::Xlsx => write_xlsx(project, grid, &title, out)?,
        Format::Csv | Format::CsvExcel => {
            return Err(ExportError::Unsupported(
                "the summary grid is written as Markdown, HTML, Word or Excel (md, html, docx, xlsx)"
                    .into(),
            ));
        }
    }
    Ok(())
}

fn markdown_grid(project: &Project, grid: &SummaryGrid<'_>, title: &str) -> String {
    let mut s = String::new();
    s.push_str("# ");
    markdown::escape(&mut s, title);
    s.push_str("\n\n");
    let mut group: Option<&str> = None;
    for row in &grid.rows {
        if let (Some(by), Some(label)) = (&grid.grouped_by, &row.group)
            && group != Some(label.as_str())
        {
            s.push_str("## ");
            markdown::escape(&mut s, &format!("{by}: {label}"));
            s.push_str("\n\n");
            group = Some(label);
        }
        s.push_str(if grid.grouped_by.is_some() {
            "### "
        } else {
            "## "
        });
        markdown::escape(&mut s, &row.case.name);
        s.push_str("\n\n");
        for (code, cell) in grid.codes.iter().zip(&row.cells) {
            if cell.is_empty() {
                continue;
            }
            s.push_str("**");
            markdown::escape(&mut s, &code.path);
            s.push_str("**");
            if !cell.excerpts.is_empty() {
                let _ = write!(s, " ({})", count(cell.excerpts.len()));
            }
            s.push_str("\n\n");
            let text = summary_text(project, cell);
            for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                markdown::escape(&mut s, para.trim());
                s.push_str("\n\n");
            }
        }
    }
    s
}

/// The grid as an HTML table (also used by the paper report).
pub(crate) fn html_table(s: &mut String, project: &Project, grid: &SummaryGrid<'_>) {
    s.push_str("<table class=\"grid\">\n<tr><th></th>");
    for code in &grid.codes {
        s.push_str("<th>");
        html::esc(s, &code.path);
        s.push_str("</th>");
    }
    s.push_str("</tr>\n");
    let mut group: Option<&str> = None;
    for row in &grid.rows {
        if let (Some(by), Some(label)) = (&grid.grouped_by, &row.group)
            && group != Some(label.as_str())
        {
            let _ = write!(
                s,
                "<tr><th class=\"group\" colspan=\"{}\">",
                grid.codes.len() + 1
            );
            html::esc(s, &format!("{by}: {label}"));
            s.push_str("</th></tr>\n");
            group = Some(label);
        }
        s.push_str("<tr><th>");
        html::esc(s, &row.case.name);
        s.push_str("</th>");
        for cell in &row.cells {
            s.push_str("<td>");
            for para in summary_text(project, cell)
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
            {
                s.push_str("<p>");
                html::esc(s, para.trim());
                s.push_str("</p>");
            }
            if !cell.excerpts.is_empty() {
                s.push_str("<p class=\"more\">");
                html::esc(s, &count(cell.excerpts.len()));
                s.push_str("</p>");
            }
            s.push_str("</td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n");
}

/// The grid in Word: a heading per case (under its group's), each code with a summary or
/// codings in bold with its count, and the summary below. The headings start at `level` (1:
/// `Heading1`).
pub(crate) fn docx_body(body: &mut String, project: &Project, grid: &SummaryGrid<'_>, level: u8) {
    let mut group: Option<&str> = None;
    let group_style = format!("Heading{level}");
    let case_style = if grid.grouped_by.is_some() {
        format!("Heading{}", level + 1)
    } else {
        group_style.clone()
    };
    for row in &grid.rows {
        if let (Some(by), Some(label)) = (&grid.grouped_by, &row.group)
            && group != Some(label.as_str())
        {
            let mut runs = String::new();
            docx::run(&mut runs, "", &format!("{by}: {label}"));
            docx::paragraph(body, &group_style, &runs);
            group = Some(label);
        }
        let mut runs = String::new();
        docx::run(&mut runs, "", &row.case.name);
        docx::paragraph(body, &case_style, &runs);
        for (code, cell) in grid.codes.iter().zip(&row.cells) {
            if cell.is_empty() {
                continue;
            }
            let mut runs = String::new();
            docx::run(&mut runs, "<w:b/>", &code.path);
            if !cell.excerpts.is_empty() {
                docx::run(&mut runs, "", &format!(" ({})", count(cell.excerpts.len())));
            }
            docx::paragraph(body, "Normal", &runs);
            for para in summary_text(project, cell)
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
            {
                let mut runs = String::new();
                docx::run(&mut runs, "", para.trim());
                docx::paragraph(body, "Normal", &runs);
            }
        }
    }
}

/// The grid as a workbook: sheet "Summaries" (a row per case, a column per code, the summary
/// in each cell) and sheet "Codings" (how many codings are behind each cell).
fn write_xlsx(
    project: &Project,
    grid: &SummaryGrid<'_>,
    title: &str,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&super::xlsx::properties(project, title)?);
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let lead = usize::from(grid.grouped_by.is_some());
    for summaries in [true, false] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(if summaries { "Summaries" } else { "Codings" })?;
        sheet.write_string_with_format(0, 0, "Case", &bold)?;
        if let Some(by) = &grid.grouped_by {
            sheet.write_string_with_format(0, 1, by, &bold)?;
        }
        for (i, code) in grid.codes.iter().enumerate() {
            let col = u16::try_from(1 + lead + i).map_err(|_| too_wide())?;
            sheet.write_string_with_format(0, col, &*code.path, &bold)?;
            sheet.set_column_width(col, if summaries { 40 } else { 12 })?;
        }
        for (r, row) in grid.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| too_wide())?;
            sheet.write_string(r, 0, &row.case.name)?;
            if let Some(label) = &row.group {
                sheet.write_string(r, 1, label)?;
            }
            for (i, cell) in row.cells.iter().enumerate() {
                let col = u16::try_from(1 + lead + i).map_err(|_| too_wide())?;
                if summaries {
                    let text = summary_text(project, cell);
                    if !text.is_empty() {
                        sheet.write_string_with_format(r, col, super::xlsx::cell(&text), &wrap)?;
                    }
                } else if !cell.excerpts.is_empty() {
                    sheet.write_number(r, col, cell.excerpts.len() as f64)?;
                }
            }
        }
        sheet.set_freeze_panes(1, u16::try_from(1 + lead).unwrap_or(1))?;
    }
    let bytes = workbook.save_to_buffer()?;
    out.write_all(&bytes)?;
    Ok(())
}

fn too_wide() -> ExportError {
    ExportError::Unsupported("the summary grid has more codes than a sheet has columns".into())
}

/// The grid is a table as wide as the page.
const GRID_STYLE: &str = "
body.matrix{max-width:none}
table.grid{border-collapse:collapse;width:100%}
table.grid th,table.grid td{border:1px solid #ddd;vertical-align:top;padding:.4rem .5rem;text-align:left}
table.grid th{background:#f4f4f4}
table.grid th.group{background:#e8eef6}
table.grid p{margin:.2rem 0}
.more{color:#666;font-style:italic;margin:.2rem 0}
";
