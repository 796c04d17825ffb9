//! `margin merge`: bring another copy of a project (its coders, codings, codes, documents,
//! cases and memos) into this one, losing nothing and doubling nothing (see `crate::merge`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::Format;
use crate::merge::merge;
use crate::session::Action;
use crate::store::ProjectDir;

/// Arguments of `margin merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The project folder to merge into.
    pub project: PathBuf,
    /// The other copy, read only.
    pub other: PathBuf,
    /// Report what would be merged without changing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Merge `other` into `project` and save.
pub fn run(args: &MergeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let report = if args.dry_run {
        let project = ProjectDir::open_read_only(&args.project)?.project;
        let other = ProjectDir::open_read_only(&args.other)
            .with_context(|| format!("reading {}", args.other.display()))?;
        merge(&project, &other.project).1
    } else {
        let mut session = super::open_for_writing(&args.project, "merge")?;
        let applied = session
            .execute(Action::MergeCopy(args.other.clone()))
            .with_context(|| format!("merging {}", args.other.display()))?;
        session
            .save()
            .with_context(|| format!("saving {}", args.project.display()))?;
        applied.and_then(|a| a.merged).unwrap_or_default()
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        Format::Table => {
            let verb = if args.dry_run { "would add" } else { "added" };
            if report.is_empty() {
                writeln!(out, "nothing to merge: this project has all of it")?;
            }
            let lines = [
                ("coder(s)", report.coders_added),
                ("code(s)", report.codes_added),
                ("attribute(s)", report.attributes_added),
                ("case(s)", report.cases_added),
                ("document(s)", report.documents_added),
                ("coding(s)", report.codings_added),
                ("memo(s) and comment(s)", report.memos_added),
            ];
            for (what, n) in lines.into_iter().filter(|&(_, n)| n > 0) {
                writeln!(out, "{verb} {n} {what}")?;
            }
            let more = [
                (
                    "cases completed with attribute values",
                    report.cases_completed,
                ),
                (
                    "documents matched by their text",
                    report.documents_matched_by_text,
                ),
                (
                    "documents whose other text came in as a copy",
                    report.documents_copied,
                ),
                ("codings both copies had", report.codings_present),
                (
                    "codings changed in both: both versions kept",
                    report.codings_kept_both,
                ),
                (
                    "codings whose notes were joined",
                    report.codings_notes_joined,
                ),
                (
                    "codings re-anchored onto this project's text",
                    report.codings_reanchored,
                ),
                (
                    "memos changed in both: both versions kept",
                    report.memos_kept_both,
                ),
            ];
            for (what, n) in more.into_iter().filter(|&(_, n)| n > 0) {
                writeln!(out, "{n} {what}")?;
            }
            for note in &report.notes {
                writeln!(out, "note: {note}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
