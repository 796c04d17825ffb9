//! The paper report: one document that says what a reader of the study needs — a methods
//! paragraph stating what was done (documents, cases, coders, units and coefficients), the
//! codebook with its definitions and how many codings and cases each code has, the exemplar
//! quotes of each code with their translations, the summary grid's summarised cells, the code ×
//! case table with its chart (a heatmap and the codings per code; SVG in HTML, PNG in Word)
//! and the agreement of the coders, per code.
//! Written as HTML or Word, in English (the paper's language). Built only from what the other
//! exports compute (`excerpts`, `summary_grid`, `crosstab`, `agreement`).

use std::fmt::Write as _;
use std::io::Write;

use super::excerpts::{self, Excerpt, Format, collect, docx, html};
use super::{ExcerptFilter, Quotes};
use super::{ExportError, chart};
use crate::analysis::agreement::{self, AgreementOptions, AgreementReport, consensus_coder};
use crate::analysis::crosstab::{Crosstab, CrosstabColumns, CrosstabQuery, crosstab};
use crate::analysis::table::{Cell, Table};
use crate::model::{DocumentKind, Project};

/// What a report holds, counted (what the command line and the window tell the user).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// Codes described.
    pub codes: usize,
    /// Exemplar quotes shown.
    pub exemplars: usize,
    /// Summaries in the summary grid.
    pub summaries: usize,
    /// Whether the agreement of two or more coders is reported.
    pub agreement: bool,
}

/// Everything the report says, computed once for either format.
struct Contents<'p> {
    title: String,
    methods: Vec<String>,
    codes: Vec<CodeRow>,
    exemplars: Vec<Excerpt<'p>>,
    grid: excerpts::SummaryGrid<'p>,
    table: Option<Crosstab>,
    agreement: Option<AgreementReport>,
}

/// A code of the codebook section.
struct CodeRow {
    depth: usize,
    name: String,
    description: String,
    codings: usize,
    cases: usize,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

fn coefficient(v: Option<f64>) -> String {
    // A coefficient that rounds to zero from below reads 0.00, not -0.00.
    v.map_or_else(
        || "n/a".to_owned(),
        |v| format!("{:.2}", if v.abs() < 0.005 { 0.0 } else { v }),
    )
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// The methods paragraph: what was coded, by whom, and how well the coders agreed.
fn methods(project: &Project, agreement: Option<&AgreementReport>) -> Vec<String> {
    let docs = project.documents().values();
    let (mut interviews, mut chat_logs, mut notes, mut characters) = (0, 0, 0, 0);
    for d in docs {
        characters += d.text.char_len();
        match d.kind {
            DocumentKind::Interview => interviews += 1,
            DocumentKind::Chat => chat_logs += 1,
            DocumentKind::Notes => notes += 1,
        }
    }
    let mut kinds = Vec::new();
    for (n, one, many) in [
        (interviews, "interview transcript", "interview transcripts"),
        (chat_logs, "chat log", "chat logs"),
        (notes, "other document", "other documents"),
    ] {
        if n > 0 {
            kinds.push(plural(n, one, many));
        }
    }
    let consensus = consensus_coder(project).map(|c| c.id);
    let mut coders: Vec<String> = project
        .coders()
        .values()
        .filter(|c| Some(c.id) != consensus && project.codings().values().any(|x| x.coder == c.id))
        .map(|c| c.name.clone())
        .collect();
    coders.sort();
    let mut out = vec![format!(
        "The material comprised {} ({} characters) from {}. {} coded it with a codebook of {}, \
         applying {} in Margin; each coding is a passage of the text (its characters), and a \
         coding counts for the case whose turn or message it lies in.",
        list(&kinds),
        characters,
        plural(project.cases().len(), "case", "cases"),
        if coders.is_empty() {
            "No one".to_owned()
        } else {
            list(&coders)
        },
        plural(project.codes().len(), "code", "codes"),
        plural(project.codings().len(), "coding", "codings"),
    )];
    if let Some(a) = agreement {
        let names: Vec<String> = a.coders.iter().map(|c| c.name.clone()).collect();
        let unit = match a.unit {
            agreement::Unit::Character => "character",
            agreement::Unit::Segment => "speaker turn or chat message",
        };
        let mut s = format!(
            "{} each coded the same {} independently. Their agreement, with the {unit} as the \
             unit, was {} (percent agreement), Cohen's κ = {}, Krippendorff's α = {}, and over \
             characters u-α = {}.",
            list(&names),
            plural(a.documents.len(), "document", "documents"),
            percent(a.overall.percent),
            coefficient(a.overall.kappa),
            coefficient(a.overall.alpha),
            coefficient(a.overall.u_alpha.value),
        );
        if consensus.is_some() {
            s.push_str(" Disagreements were settled by consensus, recorded as the Consensus coder's codings.");
        }
        out.push(s);
    }
    let exemplars = project.codings().values().filter(|c| c.exemplar).count();
    let translated = project
        .codings()
        .values()
        .filter(|c| c.translation.is_some())
        .count();
    if exemplars + translated > 0 {
        out.push(format!(
            "{} were chosen as exemplars of their codes; {} carry a translation.",
            plural(exemplars, "quote", "quotes"),
            plural(translated, "quote", "quotes")
        ));
    }
    out
}

fn contents(project: &Project) -> Result<Contents<'_>, ExportError> {
    let unsupported = |e: &dyn std::fmt::Display| ExportError::Unsupported(e.to_string());
    let agreement = agreement::agreement(project, &AgreementOptions::default()).ok();
    let table = crosstab(
        project,
        &CrosstabQuery {
            columns: CrosstabColumns::Cases,
            ..CrosstabQuery::default()
        },
    )
    .ok()
    .filter(|t| !t.columns.is_empty());
    let all = collect(project, &ExcerptFilter::all());
    let mut codes = Vec::new();
    for (depth, code) in project.code_tree() {
        let mine: Vec<&Excerpt<'_>> = all.iter().filter(|e| e.code.id == code.id).collect();
        let mut cases: Vec<_> = mine.iter().filter_map(|e| e.case.map(|c| c.id)).collect();
        cases.sort();
        cases.dedup();
        codes.push(CodeRow {
            depth,
            name: code.name.clone(),
            description: code.description.trim().to_owned(),
            codings: mine.len(),
            cases: cases.len(),
        });
    }
    let exemplars = all.into_iter().filter(|e| e.coding.exemplar).collect();
    let grid = excerpts::summary_grid(project, &ExcerptFilter::all(), CrosstabColumns::Cases)
        .map_err(|e| unsupported(&e))?
        .summarised();
    Ok(Contents {
        title: format!("{}: report", project.manifest().name),
        methods: methods(project, agreement.as_ref()),
        codes,
        exemplars,
        grid,
        table,
        agreement,
    })
}

/// Write the paper report of `project` in `format` (HTML or Word).
pub fn write_report(
    project: &Project,
    format: Format,
    out: &mut dyn Write,
) -> Result<ReportSummary, ExportError> {
    let c = contents(project)?;
    let summary = ReportSummary {
        codes: c.codes.len(),
        exemplars: c.exemplars.len(),
        summaries: c
            .grid
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|cell| cell.summaries.len())
            .sum(),
        agreement: c.agreement.is_some(),
    };
    match format {
        Format::Html => out.write_all(html_report(project, &c).as_bytes())?,
        Format::Docx => {
            let (body, pictures) = docx_report(project, &c);
            docx::write_package_with(project, &c.title, &body, &pictures, out)?;
        }
        _ => {
            return Err(ExportError::Unsupported(
                "the report is written as HTML or Word (html, docx)".into(),
            ));
        }
    }
    Ok(summary)
}

/// The rows of the agreement table: each code (its name, at its depth) with its coefficients.
fn agreement_rows(project: &Project, a: &AgreementReport) -> (Vec<Vec<String>>, Vec<usize>) {
    let depths = a
        .codes
        .iter()
        .map(|c| c.name.matches(" / ").count())
        .chain([0])
        .collect();
    let mut rows: Vec<Vec<String>> = a
        .codes
        .iter()
        .map(|c| {
            vec![
                project
                    .code(c.code)
                    .map_or_else(|| c.name.clone(), |code| code.name.clone()),
                percent(c.measures.percent),
                coefficient(c.measures.kappa),
                coefficient(c.measures.alpha),
                coefficient(c.measures.u_alpha.value),
            ]
        })
        .collect();
    rows.push(vec![
        "All codes".into(),
        percent(a.overall.percent),
        coefficient(a.overall.kappa),
        coefficient(a.overall.alpha),
        coefficient(a.overall.u_alpha.value),
    ]);
    (rows, depths)
}

const AGREEMENT_HEADER: [&str; 5] = ["Code", "Agreement", "Cohen's κ", "Krippendorff's α", "u-α"];

/// The code × case table's rows: each code's codings per case, then its total; with the
/// codes' depths.
fn table_rows(t: &Crosstab) -> (Vec<String>, Vec<Vec<String>>, Vec<usize>) {
    let mut header = vec!["Code".to_owned()];
    header.extend(t.columns.iter().map(|c| c.label.clone()));
    header.push("Total".into());
    let rows = t
        .codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let mut row = vec![code.name.clone()];
            row.extend(t.counts[i].iter().map(ToString::to_string));
            row.push(t.totals[i].to_string());
            row
        })
        .collect();
    (header, rows, t.codes.iter().map(|c| c.depth).collect())
}

/// The code × case table as a chart: its heatmap, and the codings per code as bars.
fn table_chart(t: &Crosstab) -> String {
    let (header, rows, depths) = table_rows(t);
    let table = Table {
        columns: header,
        rows: rows
            .into_iter()
            .zip(depths)
            .map(|(row, depth)| {
                let mut cells = row.into_iter();
                let label = cells.next().unwrap_or_default();
                std::iter::once(Cell::Text(format!("{}{label}", "  ".repeat(depth))))
                    .chain(cells.map(|n| n.parse().map_or(Cell::Empty, Cell::Count)))
                    .collect()
            })
            .collect(),
    };
    let bars: Vec<(String, f64)> = t
        .codes
        .iter()
        .zip(&t.totals)
        .map(|(c, n)| (c.path.clone(), *n as f64))
        .collect();
    chart::svg(&chart::Chart {
        title: "Codings by code and case",
        table: &table,
        skip_diagonal: false,
        bars: Some(("Codings per code", &bars)),
    })
}

/// An HTML table: the header, then the rows, each row's first cell indented by its depth.
fn html_table(s: &mut String, header: &[String], rows: &[Vec<String>], depths: &[usize]) {
    s.push_str("<table class=\"grid\">\n<tr>");
    for h in header {
        s.push_str("<th>");
        html::esc(s, h);
        s.push_str("</th>");
    }
    s.push_str("</tr>\n");
    for (r, row) in rows.iter().enumerate() {
        s.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            match (i, depths.get(r)) {
                (0, Some(&d)) if d > 0 => {
                    let _ = write!(s, "<th style=\"padding-left:{}rem\">", 0.5 + d as f32 * 1.2);
                }
                (0, _) => s.push_str("<th>"),
                _ => s.push_str("<td>"),
            }
            html::esc(s, cell);
            s.push_str(if i == 0 { "</th>" } else { "</td>" });
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n");
}

fn html_report(project: &Project, c: &Contents<'_>) -> String {
    let mut s = String::new();
    html::page_start(&mut s, &c.title, REPORT_STYLE, "");
    s.push_str("<h2>Methods</h2>\n");
    for p in &c.methods {
        s.push_str("<p>");
        html::esc(&mut s, p);
        s.push_str("</p>\n");
    }
    s.push_str("<h2>Codebook</h2>\n<table class=\"grid\">\n<tr><th>Code</th><th>Definition</th><th>Codings</th><th>Cases</th></tr>\n");
    for code in &c.codes {
        let _ = write!(
            s,
            "<tr><th style=\"padding-left:{}rem\">",
            0.5 + code.depth as f32 * 1.2
        );
        html::esc(&mut s, &code.name);
        s.push_str("</th><td>");
        html::esc(&mut s, &code.description);
        let _ = writeln!(
            s,
            "</td><td>{}</td><td>{}</td></tr>",
            code.codings, code.cases
        );
    }
    s.push_str("</table>\n<h2>Exemplar quotes</h2>\n");
    if c.exemplars.is_empty() {
        s.push_str("<p class=\"meta\">No quote has been chosen as an exemplar yet.</p>\n");
    }
    let mut code = None;
    for e in &c.exemplars {
        if code != Some(e.code.id) {
            s.push_str("<h3>");
            html::esc(&mut s, &e.code_path);
            s.push_str("</h3>\n");
            code = Some(e.code.id);
        }
        html::excerpt(&mut s, e, Quotes::Both);
    }
    s.push_str("<h2>Summary grid</h2>\n");
    if c.grid.rows.is_empty() {
        s.push_str("<p class=\"meta\">No cell of the summary grid has a summary yet.</p>\n");
    } else {
        excerpts::summary_html_table(&mut s, project, &c.grid);
    }
    if let Some(t) = &c.table {
        s.push_str("<h2>Codings per code and case</h2>\n");
        s.push_str(&table_chart(t));
        let (header, rows, depths) = table_rows(t);
        html_table(&mut s, &header, &rows, &depths);
    }
    if let Some(a) = &c.agreement {
        s.push_str("<h2>Agreement</h2>\n");
        let header: Vec<String> = AGREEMENT_HEADER.iter().map(|h| (*h).to_owned()).collect();
        let (rows, depths) = agreement_rows(project, a);
        html_table(&mut s, &header, &rows, &depths);
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// The width of a Word page's text, in twentieths of a point (A4 less margins).
const PAGE_TEXT: u32 = 9000;

/// A Word table: a header row in bold, then the rows; the first column `first` wide (in
/// twentieths of a point), the second `second` (if given), the others sharing the rest.
/// `indent` gives each row's first cell an indentation (a code's depth).
fn docx_table(
    body: &mut String,
    header: &[String],
    rows: &[Vec<String>],
    widths: (u32, Option<u32>),
    indent: &[usize],
) {
    let n = u32::try_from(header.len()).unwrap_or(1).max(1);
    let fixed = widths.0 + widths.1.unwrap_or(0);
    let others = n - 1 - u32::from(widths.1.is_some());
    let rest = PAGE_TEXT.saturating_sub(fixed) / others.max(1);
    let width = |i: usize| match (i, widths.1) {
        (0, _) => widths.0,
        (1, Some(w)) => w,
        _ => rest,
    };
    let _ = write!(
        body,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{PAGE_TEXT}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>"
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            body,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"BBBBBB\"/>"
        );
    }
    body.push_str("</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for i in 0..header.len() {
        let _ = write!(body, "<w:gridCol w:w=\"{}\"/>", width(i));
    }
    body.push_str("</w:tblGrid>\n");
    for (r, row) in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        // The header row repeats on every page the table runs over.
        body.push_str(if r == 0 {
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for (i, cell) in row.iter().enumerate() {
            let mut runs = String::new();
            docx::run(&mut runs, if r == 0 { "<w:b/>" } else { "" }, cell);
            let left = match (i, r.checked_sub(1).and_then(|r| indent.get(r))) {
                (0, Some(depth)) => depth * 240,
                _ => 0,
            };
            let _ = write!(
                body,
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:after=\"0\"/><w:ind w:left=\"{left}\"/></w:pPr>{runs}</w:p></w:tc>",
                width(i)
            );
        }
        body.push_str("</w:tr>\n");
    }
    body.push_str("</w:tbl>\n");
}

fn docx_heading(body: &mut String, style: &str, text: &str) {
    let mut runs = String::new();
    docx::run(&mut runs, "", text);
    docx::paragraph(body, style, &runs);
}

/// The report's Word body, and the pictures it shows.
fn docx_report(project: &Project, c: &Contents<'_>) -> (String, Vec<Vec<u8>>) {
    let mut body = String::new();
    let mut pictures = Vec::new();
    docx_heading(&mut body, "Title", &c.title);
    docx_heading(&mut body, "Heading1", "Methods");
    for p in &c.methods {
        docx_heading(&mut body, "Normal", p);
    }
    docx_heading(&mut body, "Heading1", "Codebook");
    let header: Vec<String> = ["Code", "Definition", "Codings", "Cases"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let rows: Vec<Vec<String>> = c
        .codes
        .iter()
        .map(|code| {
            vec![
                code.name.clone(),
                code.description.clone(),
                code.codings.to_string(),
                code.cases.to_string(),
            ]
        })
        .collect();
    let depths: Vec<usize> = c.codes.iter().map(|code| code.depth).collect();
    docx_table(&mut body, &header, &rows, (2400, Some(4400)), &depths);
    docx_heading(&mut body, "Heading1", "Exemplar quotes");
    if c.exemplars.is_empty() {
        docx_heading(
            &mut body,
            "Normal",
            "No quote has been chosen as an exemplar yet.",
        );
    }
    let mut code = None;
    for e in &c.exemplars {
        if code != Some(e.code.id) {
            docx_heading(&mut body, "Heading2", &e.code_path);
            code = Some(e.code.id);
        }
        docx::excerpt(&mut body, e, Quotes::Both);
    }
    docx_heading(&mut body, "Heading1", "Summary grid");
    if c.grid.rows.is_empty() {
        docx_heading(
            &mut body,
            "Normal",
            "No cell of the summary grid has a summary yet.",
        );
    }
    excerpts::summary_docx_body(&mut body, project, &c.grid, 2);
    if let Some(t) = &c.table {
        docx_heading(&mut body, "Heading1", "Codings per code and case");
        if let Ok(png) = chart::png(&table_chart(t), 2.0) {
            docx::picture_paragraph(&mut body, pictures.len() + 1, &png);
            pictures.push(png);
        }
        let (header, rows, depths) = table_rows(t);
        docx_table(&mut body, &header, &rows, (2600, None), &depths);
    }
    if let Some(a) = &c.agreement {
        docx_heading(&mut body, "Heading1", "Agreement");
        let header: Vec<String> = AGREEMENT_HEADER.iter().map(|h| (*h).to_owned()).collect();
        let (rows, depths) = agreement_rows(project, a);
        docx_table(&mut body, &header, &rows, (3800, None), &depths);
    }
    (body, pictures)
}

/// Tables as wide as the page; the chart scales down on a narrow screen.
const REPORT_STYLE: &str = "
body{max-width:64rem}
table.grid{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem}
table.grid th,table.grid td{border:1px solid #ddd;vertical-align:top;padding:.3rem .5rem;text-align:left}
table.grid th{background:#f4f4f4;font-weight:600}
table.grid p{margin:.2rem 0}
.more{color:#666;font-style:italic;margin:.2rem 0}
h3{font-size:1.05rem;margin-top:1.4rem}
svg{max-width:100%;height:auto}
";
