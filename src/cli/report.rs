//! `margin report`: the paper report of a project (methods, codebook with definitions and
//! counts, exemplar quotes with their translations, the summary grid, the code × case table
//! and the coders' agreement) as Word or HTML.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::export::excerpts::Format;
use crate::export::{report, write_file};
use crate::store::ProjectDir;

/// The report's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// A Word document.
    Docx,
    /// A self-contained HTML page (with a bar chart as SVG).
    Html,
}

/// Arguments of `margin report`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  margin report sample_projects/support-group --out report.docx
  margin report study --out report.html")]
pub struct ReportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The file to write (.docx or .html).
    #[arg(long, short)]
    pub out: PathBuf,
    /// The format; by default taken from the --out extension, else Word.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,
}

/// Write the report.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        Some(ReportFormatArg::Html) => Format::Html,
        Some(ReportFormatArg::Docx) => Format::Docx,
        None => match Format::from_extension(&args.out) {
            Some(Format::Html) => Format::Html,
            Some(Format::Docx) | None => Format::Docx,
            Some(other) => anyhow::bail!(
                "{}: the report is written as Word or HTML (.docx, .html), not .{}",
                args.out.display(),
                other.extension()
            ),
        },
    };
    let opened = ProjectDir::open_read_only(&args.project)?;
    let s = write_file(&args.out, |w| {
        report::write_report(&opened.project, format, w)
    })?;
    writeln!(
        out,
        "wrote the report: {} code(s), {} exemplar quote(s), {} summary(ies){} to {}",
        s.codes,
        s.exemplars,
        s.summaries,
        if s.agreement {
            ", the coders' agreement"
        } else {
            ""
        },
        args.out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
