//! `margin import-qdpx`: a REFI-QDA project (`.qdpx` from `NVivo`, ATLAS.ti, MAXQDA, `QualCoder`
//! or Margin) becomes a new Margin project folder. Prints what was imported, how offsets were
//! read, and everything that could not be imported.
//!
//! The project is staged beside the target and renamed into place (`import::qdpx::Staging`),
//! so a killed import leaves nothing half-made; the window creates projects the same way.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::import::qdpx;

/// Arguments of `margin import-qdpx`.
#[derive(Debug, Args)]
pub struct ImportQdpxArgs {
    /// The `.qdpx` file.
    pub file: PathBuf,
    /// The project folder to create (absent or empty).
    pub dir: PathBuf,
    /// The project's name (default: the name in the file).
    #[arg(long)]
    pub name: Option<String>,
}

/// Import a `.qdpx` as a new project.
pub fn run(args: &ImportQdpxArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let report = qdpx::create_project(&args.file, &args.dir, args.name.as_deref())?;
    writeln!(out, "imported {} {}", args.file.display(), report.summary())?;
    writeln!(out, "created {}", args.dir.display())?;
    for line in report.offset_notes() {
        writeln!(out, "  {line}")?;
    }
    if !report.adjusted.is_empty() {
        writeln!(out, "adjusted:")?;
        for l in &report.adjusted {
            writeln!(out, "  {l}")?;
        }
    }
    if !report.skipped.is_empty() {
        writeln!(out, "not imported:")?;
        for l in &report.skipped {
            writeln!(out, "  {l}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
