//! `margin replace`: find and replace in the documents' texts (issue 16), as the window's Edit ›
//! Find and replace does: the same plan (`analysis::replace`), codings, turns and messages
//! following the text, codings whose whole text is deleted removed; `--dry-run` only says what
//! it would change.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::analysis::names;
use crate::analysis::replace::plan_replace;
use crate::analysis::search::{MatchMode, SearchQuery};
use crate::session::Action;
use crate::store::ProjectDir;

/// Arguments of `margin replace`.
#[derive(Debug, Args)]
pub struct ReplaceArgs {
    /// The project folder.
    pub project: PathBuf,
    /// What to find.
    #[arg(long)]
    pub find: String,
    /// What replaces it (empty to delete); with --regex, `$1`, `${name}` put back what a group
    /// matched (`$$` is a dollar sign).
    #[arg(long = "with", value_name = "TEXT")]
    pub with: String,
    /// Treat --find as a regular expression.
    #[arg(long, conflicts_with = "whole_word")]
    pub regex: bool,
    /// Match whole words only (Chinese matches anywhere; Latin words need word boundaries).
    #[arg(long)]
    pub whole_word: bool,
    /// Only in this document (repeatable; default: all).
    #[arg(long = "document", value_name = "NAME")]
    pub documents: Vec<String>,
    /// Who makes the change (noted in each document's history of edits).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// Say what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Replace text in a project.
pub fn run(args: &ReplaceArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut session = if args.dry_run {
        None
    } else {
        Some(super::open_for_writing(&args.project, "replace")?)
    };
    let read_only;
    let project = match &session {
        Some(s) => s.project(),
        None => {
            read_only = ProjectDir::open_read_only(&args.project)?.project;
            &read_only
        }
    };
    let query = SearchQuery {
        pattern: args.find.clone(),
        mode: MatchMode::from_switches(args.regex, args.whole_word),
        documents: args
            .documents
            .iter()
            .map(|n| names::document(project, n))
            .collect::<Result<_, _>>()?,
        ..SearchQuery::default()
    };
    let plan = plan_replace(project, &query, &args.with, None)?;
    for (_, name, n) in &plan.places {
        writeln!(out, "{name}: {n}")?;
    }
    let verb = if args.dry_run {
        "would replace"
    } else {
        "replaced"
    };
    writeln!(
        out,
        "{verb} {} match(es) in {} document(s); {} left alone (they cross a turn or message or its label); {} coding(s) {} with their whole text",
        plan.total(),
        plan.places.len(),
        plan.skipped,
        plan.removed_codings,
        if args.dry_run { "would go" } else { "removed" },
    )?;
    if let Some(session) = session.as_mut()
        && plan.total() > 0
    {
        if let Some(coder) = &args.coder {
            session.set_coder(coder)?;
        }
        session.execute(Action::ReplaceAll {
            query,
            with: args.with.clone(),
        })?;
        session
            .save()
            .with_context(|| format!("saving {}", args.project.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
