//! `margin check`: load a project with every check and report each problem.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::session::Session;
use crate::store::{ProjectDir, StoreError};

/// Arguments of `margin check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project folder.
    pub project: PathBuf,
    /// When texts changed outside Margin: save their codings, turns and messages where
    /// re-anchoring found them (the list `margin check` prints), so the project checks clean.
    #[arg(long)]
    pub repair: bool,
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
            for m in &report.moved_segments {
                writeln!(
                    out,
                    "  {}: the turn or message of {} moves from {}..{} to {}..{}",
                    m.document,
                    m.speaker.as_deref().unwrap_or("no speaker"),
                    m.from.start,
                    m.from.end,
                    m.to.start,
                    m.to.end
                )?;
            }
            if args.repair {
                return repair(args, out);
            }
            writeln!(
                out,
                "nothing was changed; `margin check --repair {}` saves these positions",
                args.project.display()
            )?;
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

/// Save the re-anchored positions (with the lock, as any change is saved).
fn repair(args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut session = Session::open(&args.project)?;
    if let Some(reason) = session.read_only() {
        anyhow::bail!("cannot repair: {reason}");
    }
    let report = session.report();
    let (codings, segments, texts) = (
        report.moved.len(),
        report.moved_segments.len(),
        report.changed_texts.join(", "),
    );
    session.accept_reanchoring();
    session.save()?;
    writeln!(
        out,
        "repaired: {codings} coding(s) and {segments} turn(s) or message(s) saved where they now are in {texts}"
    )?;
    Ok(ExitCode::SUCCESS)
}

fn p_with_root(root: &std::path::Path, p: &crate::store::Problem) -> String {
    let mut p = p.clone();
    p.path = root.join(&p.path);
    p.to_string()
}
