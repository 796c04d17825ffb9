//! `margin export`: coded excerpts, the codebook, or the whole project (REFI-QDA `.qdpx`) to a
//! file (written beside its final name and renamed into place, see `export::write_file`) or to
//! standard output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::crosstab::CrosstabColumns;
use crate::export::{ExcerptFilter, ExportError, Quotes, codebook, excerpts, qdpx, write_file};
use crate::model::Project;
use crate::store::ProjectDir;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    /// Coded excerpts, with their attribution, document, coder and memo.
    Excerpts,
    /// The codebook: the code tree with descriptions.
    Codebook,
    /// The whole project as REFI-QDA project exchange, for other QDA programs.
    Qdpx,
    /// Codes × the values of a case attribute (--by), each cell its quotes, exemplars first.
    QuoteMatrix,
    /// One document (--document) with its codings highlighted and their codes in the margin.
    Document,
    /// Cases × codes with the researchers' summaries and the codings behind each cell; the
    /// cases grouped by --by if given.
    SummaryGrid,
}

/// File formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// CSV, RFC 4180 (excerpts, codebook).
    Csv,
    /// CSV for Excel: with a byte-order mark, formulas guarded (excerpts).
    CsvExcel,
    /// Excel workbook (excerpts).
    Xlsx,
    /// Self-contained HTML report grouped by code (excerpts).
    Html,
    /// Markdown (excerpts, codebook).
    Md,
    /// Word document (excerpts).
    Docx,
    /// REFI-QDA codebook (codebook).
    Qdc,
    /// REFI-QDA project (qdpx).
    Qdpx,
}

/// Which text of a translated quote to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuotesArg {
    /// The original only.
    Original,
    /// The translation where there is one.
    Translation,
    /// The original, then its translation.
    Both,
}

/// Arguments of `margin export`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  margin export study --what excerpts --format html --out excerpts.html
  margin export study --code 'Emotional resonance' --with-subcodes --attribute region=Shandong --out shandong.docx
  margin export study --what codebook --format qdc --out codebook.qdc
  margin export study --what qdpx --out study.qdpx
  margin export study --what quote-matrix --by region --quotes both --out quotes.html
  margin export study --what document --document 'Interview G8' --out G8-coded.html
  margin export study --what summary-grid --by age --bin 10 --out grid.docx

Filters apply to excerpts; each may be repeated. Values of one filter are alternatives, different
filters must all hold. An excerpt's case is the case named like its speaker, else its document's.")]
pub struct ExportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// What to export.
    #[arg(long, value_enum, default_value_t = What::Excerpts)]
    pub what: What,
    /// The format; by default taken from the --out extension (csv, xlsx, html, md, docx, qdc,
    /// qdpx), else CSV for excerpts and the codebook.
    #[arg(long, value_enum)]
    pub format: Option<FileFormat>,
    /// The file to write; `-` writes to standard output.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Only excerpts of this code (a name, or a path `Parent / Child`).
    #[arg(long = "code", value_name = "NAME")]
    pub codes: Vec<String>,
    /// With --code: also the codes below it.
    #[arg(long)]
    pub with_subcodes: bool,
    /// Only excerpts by this coder.
    #[arg(long = "coder", value_name = "NAME")]
    pub coders: Vec<String>,
    /// Only excerpts from this document.
    #[arg(long = "document", value_name = "NAME")]
    pub documents: Vec<String>,
    /// Only excerpts of this case.
    #[arg(long = "case", value_name = "NAME")]
    pub cases: Vec<String>,
    /// Only excerpts whose case has this attribute value.
    #[arg(long = "attribute", value_name = "NAME=VALUE")]
    pub attributes: Vec<String>,
    /// Quotes with a translation: show the original, the translation, or both (excerpts).
    #[arg(long, value_enum, default_value_t = QuotesArg::Both)]
    pub quotes: QuotesArg,
    /// Quote matrix: columns by this case attribute's values (default: one column per case);
    /// summary grid: the cases grouped by them.
    #[arg(long, value_name = "ATTRIBUTE")]
    pub by: Option<String>,
    /// Quote matrix and summary grid: group a number attribute into bands this wide (--bin 10:
    /// ages 40–49).
    #[arg(long, value_name = "WIDTH", requires = "by")]
    pub bin: Option<f64>,
    /// Quote matrix: at most this many quotes a cell (the rest are counted).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub per_cell: usize,
}

impl ExportArgs {
    fn has_filter(&self) -> bool {
        !(self.codes.is_empty()
            && self.coders.is_empty()
            && self.documents.is_empty()
            && self.cases.is_empty()
            && self.attributes.is_empty())
            || self.with_subcodes
    }
}

fn format_from_extension(path: &Path) -> Option<FileFormat> {
    if let Some(format) = excerpts::Format::from_extension(path) {
        return Some(match format {
            excerpts::Format::Csv => FileFormat::Csv,
            excerpts::Format::CsvExcel => FileFormat::CsvExcel,
            excerpts::Format::Xlsx => FileFormat::Xlsx,
            excerpts::Format::Html => FileFormat::Html,
            excerpts::Format::Markdown => FileFormat::Md,
            excerpts::Format::Docx => FileFormat::Docx,
        });
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "qdc" => FileFormat::Qdc,
        "qdpx" => FileFormat::Qdpx,
        _ => return None,
    })
}

fn filter(args: &ExportArgs, project: &Project) -> anyhow::Result<ExcerptFilter> {
    let mut filter = ExcerptFilter::all();
    for c in &args.codes {
        filter.code_named(project, c)?;
    }
    filter.with_subcodes = args.with_subcodes;
    filter.quotes = match args.quotes {
        QuotesArg::Original => Quotes::Original,
        QuotesArg::Translation => Quotes::Translation,
        QuotesArg::Both => Quotes::Both,
    };
    for c in &args.coders {
        filter.coder_named(project, c)?;
    }
    for d in &args.documents {
        filter.document_named(project, d)?;
    }
    for c in &args.cases {
        filter.case_named(project, c)?;
    }
    for a in &args.attributes {
        filter.attribute_pair(project, a)?;
    }
    Ok(filter)
}

fn name_of(v: &impl ValueEnum) -> String {
    v.to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

/// The format to write: as asked, else from the extension, else the default for `what`.
fn choose_format(args: &ExportArgs) -> anyhow::Result<FileFormat> {
    let format = args
        .format
        .or_else(|| format_from_extension(&args.out))
        .unwrap_or(match args.what {
            What::Qdpx => FileFormat::Qdpx,
            What::Codebook | What::Excerpts => FileFormat::Csv,
            What::QuoteMatrix => FileFormat::Md,
            What::Document => FileFormat::Html,
            What::SummaryGrid => FileFormat::Docx,
        });
    let allowed: &[FileFormat] = match args.what {
        What::Excerpts => &[
            FileFormat::Csv,
            FileFormat::CsvExcel,
            FileFormat::Xlsx,
            FileFormat::Html,
            FileFormat::Md,
            FileFormat::Docx,
        ],
        What::Codebook => &[FileFormat::Qdc, FileFormat::Csv, FileFormat::Md],
        What::Qdpx => &[FileFormat::Qdpx],
        What::QuoteMatrix => &[FileFormat::Md, FileFormat::Html, FileFormat::Docx],
        What::Document => &[FileFormat::Html, FileFormat::Docx],
        What::SummaryGrid => &[
            FileFormat::Docx,
            FileFormat::Xlsx,
            FileFormat::Html,
            FileFormat::Md,
        ],
    };
    if !allowed.contains(&format) {
        let names: Vec<String> = allowed.iter().map(name_of).collect();
        anyhow::bail!(
            "--what {} is written as {}, not {}",
            name_of(&args.what),
            names.join(", "),
            name_of(&format)
        );
    }
    Ok(format)
}

/// Export.
pub fn run(args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let format = choose_format(args)?;
    let document = match (args.what, args.documents.as_slice()) {
        (What::Document, [one]) => Some(one),
        (What::Document, _) => {
            anyhow::bail!("--what document exports one document: name it with --document NAME")
        }
        _ => None,
    };
    if !matches!(
        args.what,
        What::Excerpts | What::QuoteMatrix | What::Document | What::SummaryGrid
    ) && args.has_filter()
    {
        anyhow::bail!(
            "filters (--code, --coder, --document, --case, --attribute) apply to excerpts, the quote matrix and the summary grid only"
        );
    }
    if !matches!(args.what, What::QuoteMatrix | What::SummaryGrid) && args.by.is_some() {
        anyhow::bail!("--by and --bin apply to --what quote-matrix and summary-grid only");
    }
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let filter = filter(args, project)?;
    let by = match &args.by {
        None => CrosstabColumns::Cases,
        Some(name) => CrosstabColumns::Attribute {
            attribute: crate::analysis::names::attribute(project, name)?.id,
            bin: args.bin,
        },
    };
    let export = |w: &mut dyn Write| -> Result<Vec<String>, ExportError> {
        match args.what {
            What::Excerpts => {
                let f = match format {
                    FileFormat::CsvExcel => excerpts::Format::CsvExcel,
                    FileFormat::Xlsx => excerpts::Format::Xlsx,
                    FileFormat::Html => excerpts::Format::Html,
                    FileFormat::Md => excerpts::Format::Markdown,
                    FileFormat::Docx => excerpts::Format::Docx,
                    _ => excerpts::Format::Csv,
                };
                excerpts::write(project, &filter, f, w)
                    .map(|n| vec![format!("wrote {n} excerpt(s)")])
            }
            What::Codebook => {
                let f = match format {
                    FileFormat::Qdc => codebook::Format::Qdc,
                    FileFormat::Md => codebook::Format::Markdown,
                    _ => codebook::Format::Csv,
                };
                codebook::write(project, f, w).map(|n| vec![format!("wrote {n} code(s)")])
            }
            What::QuoteMatrix => {
                let f = match format {
                    FileFormat::Html => excerpts::Format::Html,
                    FileFormat::Docx => excerpts::Format::Docx,
                    _ => excerpts::Format::Markdown,
                };
                let matrix = excerpts::quote_matrix(project, &filter, by)?;
                excerpts::write_matrix(project, &matrix, args.per_cell, filter.quotes, f, w)?;
                Ok(vec![format!(
                    "wrote the quotes of {} code(s) by {} ({} column(s))",
                    matrix.rows.len(),
                    matrix.by,
                    matrix.columns.len()
                )])
            }
            What::SummaryGrid => {
                let f = match format {
                    FileFormat::Xlsx => excerpts::Format::Xlsx,
                    FileFormat::Html => excerpts::Format::Html,
                    FileFormat::Md => excerpts::Format::Markdown,
                    _ => excerpts::Format::Docx,
                };
                let grid = excerpts::summary_grid(project, &filter, by)?;
                excerpts::write_summary_grid(project, &grid, f, w)?;
                let summaries: usize = grid
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .map(|c| c.summaries.len())
                    .sum();
                Ok(vec![format!(
                    "wrote the summary grid: {} case(s) × {} code(s), {summaries} summary(ies)",
                    grid.rows.len(),
                    grid.codes.len()
                )])
            }
            What::Document => {
                let f = match format {
                    FileFormat::Docx => excerpts::Format::Docx,
                    _ => excerpts::Format::Html,
                };
                let id = document
                    .and_then(|name| {
                        project
                            .documents()
                            .values()
                            .find(|d| &d.name == name)
                            .map(|d| d.id)
                    })
                    .ok_or_else(|| {
                        ExportError::Unsupported(format!(
                            "the project has no document named {:?}",
                            document.map_or("", String::as_str)
                        ))
                    })?;
                excerpts::write_document(project, id, f, w)
                    .map(|n| vec![format!("wrote the document with its {n} coding(s)")])
            }
            What::Qdpx => qdpx::write(project, w).map(|s| {
                let mut lines = vec![format!(
                    "wrote {} document(s), {} code(s), {} coding(s), {} case(s), {} memo(s)",
                    s.documents, s.codes, s.codings, s.cases, s.memos
                )];
                if !s.not_carried.is_empty() {
                    lines.push("REFI-QDA has no place for:".into());
                    lines.extend(s.not_carried.iter().map(|l| format!("  {l}")));
                }
                lines
            }),
        }
    };
    let to_stdout = args.out.as_os_str() == "-";
    let mut stdout_buf: Vec<u8> = Vec::new();
    let lines = if to_stdout {
        export(&mut stdout_buf)?
    } else {
        write_file(&args.out, export)?
    };
    if to_stdout {
        out.write_all(&stdout_buf)?;
    } else {
        let mut lines = lines.into_iter();
        if let Some(first) = lines.next() {
            writeln!(out, "{first} to {}", args.out.display())?;
        }
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
