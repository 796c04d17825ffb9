//! `margin import-qdpx`: a REFI-QDA project (`.qdpx` from `NVivo`, ATLAS.ti, MAXQDA, `QualCoder`
//! or Margin) becomes a new Margin project folder. Prints what was imported, how offsets were
//! read, and everything that could not be imported.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::import::qdpx;
use crate::model::Edit;
use crate::store::ProjectDir;

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
    let qdpx::QdpxImport {
        mut project,
        report,
    } = qdpx::read(&args.file)?;
    if let Some(name) = &args.name {
        let mut manifest = project.manifest().clone();
        manifest.name.clone_from(name);
        project.apply(Edit::SetManifest(manifest))?;
    }
    ProjectDir::create(&args.dir, &mut project)
        .with_context(|| format!("creating {}", args.dir.display()))?;
    writeln!(
        out,
        "imported {} from {}: {} document(s), {} code(s), {} coding(s), {} case(s), {} attribute(s), {} coder(s), {} memo(s)",
        args.file.display(),
        report.origin.as_deref().unwrap_or("an unnamed program"),
        report.documents,
        report.codes,
        report.codings,
        report.cases,
        report.attributes,
        report.coders,
        report.memos
    )?;
    writeln!(out, "created {}", args.dir.display())?;
    for (source, convention) in &report.conventions {
        writeln!(out, "  offsets in {source:?} were counted in {convention}")?;
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
