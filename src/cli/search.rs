//! `margin search`: find text across documents, optionally coding every hit (autocode).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::analysis_args::{
    EXCERPT_COLUMNS, OutputFormat, excerpt_cells, location, one_line, write_csv, write_json,
};
use crate::analysis::names;
use crate::analysis::search::{AutocodeScope, MatchMode, SearchQuery, autocode, search};
use crate::analysis::table::Table;
use crate::model::{CharRange, DocumentId};
use crate::session::Action;
use crate::store::ProjectDir;

/// What `--autocode` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Extend {
    /// The hit itself.
    #[default]
    Hit,
    /// The whole speaker turn or chat message holding the hit.
    #[value(alias = "turn", alias = "message")]
    Segment,
}

/// Arguments of `margin search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The project folder.
    pub project: PathBuf,
    /// What to look for.
    pub pattern: String,
    /// Treat the pattern as a regular expression.
    #[arg(long, conflicts_with = "word")]
    pub regex: bool,
    /// Match whole words only (Chinese matches anywhere; Latin words need word boundaries).
    #[arg(long)]
    pub word: bool,
    /// Ignore case.
    #[arg(long, short = 'i')]
    pub ignore_case: bool,
    /// Search only this document (repeatable).
    #[arg(long = "document", value_name = "NAME")]
    pub documents: Vec<String>,
    /// Characters of context either side (default: the project's setting).
    #[arg(long)]
    pub context: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Code every hit with this code and save the project (one undoable step in the window).
    #[arg(long, value_name = "CODE", requires = "coder")]
    pub autocode: Option<String>,
    /// The coder the autocoded codings belong to.
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// What --autocode codes: the hit, or its whole turn/message.
    #[arg(long, value_enum, default_value_t)]
    pub extend: Extend,
}

/// Search a project.
pub fn run(args: &SearchArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut session = match args.autocode {
        Some(_) => Some(super::open_for_writing(&args.project, "autocode")?),
        None => None,
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
        pattern: args.pattern.clone(),
        mode: MatchMode::from_switches(args.regex, args.word),
        ignore_case: args.ignore_case,
        documents: args
            .documents
            .iter()
            .map(|n| names::document(project, n))
            .collect::<Result<_, _>>()?,
        context: args
            .context
            .unwrap_or(project.manifest().settings.excerpt_context),
    };
    let hits = search(project, &query)?;
    match args.format {
        OutputFormat::Json => write_json(out, &hits)?,
        OutputFormat::Csv => {
            let table = Table {
                columns: EXCERPT_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
                rows: hits.iter().map(excerpt_cells).collect(),
            };
            write_csv(out, &table)?;
        }
        OutputFormat::Table => {
            for h in &hits {
                writeln!(out, "{}\n    {}", location(h), one_line(h))?;
            }
            let docs: BTreeSet<_> = hits.iter().map(|h| h.document).collect();
            writeln!(out, "{} hit(s) in {} document(s)", hits.len(), docs.len())?;
        }
    }
    let hits: Vec<(DocumentId, CharRange)> = hits.iter().map(|h| (h.document, h.range)).collect();
    if let (Some(code_name), Some(coder_name), Some(session)) =
        (&args.autocode, &args.coder, session.as_mut())
    {
        let project = session.project();
        let code = names::code(project, code_name)?;
        let coder = names::coder(project, coder_name)?;
        let scope = match args.extend {
            Extend::Hit => AutocodeScope::Hit,
            Extend::Segment => AutocodeScope::Segment,
        };
        let plan = autocode(project, hits, code, coder, scope)?;
        // Keep stdout machine-readable for csv and json.
        let note = format!(
            "coded {} passage(s) with {:?} as {coder_name} ({} already coded)",
            plan.added.len(),
            project.code_path(code),
            plan.already_coded
        );
        session.execute(Action::Prepared {
            label: "Autocode".into(),
            edit: plan.edit,
        })?;
        session
            .save()
            .with_context(|| format!("saving {}", args.project.display()))?;
        if args.format == OutputFormat::Table {
            writeln!(out, "{note}")?;
        } else {
            eprintln!("{note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
