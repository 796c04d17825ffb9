//! `margin check`: load a project with every check and report each problem.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::store::{ProjectDir, StoreError};

/// Arguments of `margin check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project folder.
    pub project: PathBuf,
}

/// Check a project; exit 1 listing each problem.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match ProjectDir::open_read_only(&args.project) {
        Ok(opened) => {
            let p = &opened.project;
            let report = &opened.report;
            if report.changed_texts.is_empty() {
                writeln!(
                    out,
                    "ok: {} documents, {} codes, {} codings by {} coders, {} cases, {} memos",
                    p.documents().len(),
                    p.codes().len(),
                    p.codings().len(),
                    p.coders().len(),
                    p.cases().len(),
                    p.memos().len()
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            for name in &report.changed_texts {
                let moved = report.moved.iter().filter(|m| &m.document == name).count();
                writeln!(
                    out,
                    "{}: document {name:?}: its text no longer matches its recorded hash; {moved} coding(s) would be re-anchored when the project is next opened",
                    args.project.display()
                )?;
            }
            for m in &report.moved {
                writeln!(
                    out,
                    "  {}: coding {} moves from {}..{} to {}..{}",
                    m.document, m.coding, m.from.start, m.from.end, m.to.start, m.to.end
                )?;
            }
            Ok(ExitCode::FAILURE)
        }
        Err(StoreError::Invalid(problems)) => {
            for p in &problems {
                writeln!(out, "{}", p_with_root(&args.project, p))?;
            }
            writeln!(out, "{} problem(s) found", problems.len())?;
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

fn p_with_root(root: &std::path::Path, p: &crate::store::Problem) -> String {
    let mut p = p.clone();
    p.path = root.join(&p.path);
    p.to_string()
}
