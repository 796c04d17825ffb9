//! `margin retrieve`: every excerpt of a code, filtered and combined with other codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::analysis_args::{
    EXCERPT_COLUMNS, FilterArgs, OutputFormat, excerpt_cells, location, one_line, write_csv,
    write_json,
};
use crate::analysis::error::AnalysisError;
use crate::analysis::names;
use crate::analysis::query::parse_query;
use crate::analysis::retrieve::{CodeSelection, Combination, Proximity, RetrievalQuery, retrieve};
use crate::analysis::table::{Cell, Table};
use crate::session::Action;
use crate::store::ProjectDir;

/// What `--within` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Unit {
    /// Characters between the two codings.
    #[default]
    #[value(alias = "characters")]
    Chars,
    /// Speaker turns or chat messages apart (0: the same one; also `messages`).
    #[value(
        name = "turns",
        alias = "messages",
        alias = "segment",
        alias = "segments"
    )]
    Segment,
}

/// Arguments of `margin retrieve`.
#[derive(Debug, Args)]
pub struct RetrieveArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The code to retrieve (name or full path); without it, codings of every code.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["query", "saved"])]
    pub code: Option<String>,
    /// A code query instead of --code, --and, --not and --near:
    /// 'Identity* AND (Hope OR NOT Stigma) AND NEAR 50 Fear' (NEAR n TURNS: turns or messages;
    /// a * takes the sub-codes; quote names holding a keyword).
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["and", "not", "near", "saved"])]
    pub query: Option<String>,
    /// Run the query saved under this name (see --save).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["and", "not", "near"])]
    pub saved: Option<String>,
    /// Save --query under this name in the project (for the team, and the retrieval tab).
    #[arg(long, value_name = "NAME", requires = "query")]
    pub save: Option<String>,
    /// Include the codings of sub-codes (for --code, --and, --not and --near).
    #[arg(long)]
    pub with_subcodes: bool,
    /// Only passages of cases with this attribute value: NAME=VALUE, NAME=V1,V2 or
    /// NAME=MIN..MAX (repeatable; all must hold).
    #[arg(long = "attribute", visible_alias = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Which codings count.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only codings whose passage is coded with this code: sharing a character with a coding of
    /// it (repeatable).
    #[arg(long = "and", value_name = "CODE")]
    pub and: Vec<String>,
    /// Only codings whose passage is not coded with this code: sharing no character with any
    /// coding of it, so never a coding of it (repeatable).
    #[arg(long = "not", value_name = "CODE")]
    pub not: Vec<String>,
    /// Only codings near a coding of this code (repeatable; see --within).
    #[arg(long = "near", value_name = "CODE", requires = "within")]
    pub near: Vec<String>,
    /// How near --near codes must be.
    #[arg(long, value_name = "N")]
    pub within: Option<usize>,
    /// What --within counts.
    #[arg(long, value_enum, default_value_t)]
    pub unit: Unit,
    /// Take --and, --not and --near partners from any coder selected (default: the same coder
    /// as the retrieved coding).
    #[arg(long)]
    pub pool_coders: bool,
    /// Take --and, --not and --near partners from every case, attribute value and date (default:
    /// the same cases, attributes and dates as the retrieved code; the coders always).
    #[arg(long)]
    pub partners_anywhere: bool,
    /// Characters of context either side (default: the project's setting).
    #[arg(long)]
    pub context: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// Retrieve coded excerpts.
pub fn run(args: &RetrieveArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let written = match (&args.query, &args.saved) {
        (Some(q), _) => Some(q.clone()),
        (None, Some(name)) => Some(
            project
                .manifest()
                .queries
                .iter()
                .find(|q| q.name == *name)
                .map(|q| q.query.clone())
                .ok_or_else(|| AnalysisError::UnknownQuery(name.clone()))?,
        ),
        (None, None) => None,
    };
    let select = |name: &String| -> anyhow::Result<CodeSelection> {
        Ok(CodeSelection {
            code: names::code(project, name)?,
            with_subcodes: args.with_subcodes,
        })
    };
    let mut combinations = Vec::new();
    for name in &args.and {
        combinations.push(Combination::Overlapping(select(name)?));
    }
    for name in &args.not {
        combinations.push(Combination::NotOverlapping(select(name)?));
    }
    for name in &args.near {
        let n = args.within.unwrap_or(0);
        combinations.push(Combination::Near {
            code: select(name)?,
            within: match args.unit {
                Unit::Chars => Proximity::Characters(n),
                Unit::Segment => Proximity::Segments(n),
            },
        });
    }
    let mut query = RetrievalQuery {
        code: args.code.as_ref().map(select).transpose()?,
        filter: args.filter.to_filter(project, &args.conditions)?,
        combinations,
        context: args
            .context
            .unwrap_or(project.manifest().settings.excerpt_context),
        options: args.filter.options(args.pool_coders),
        partners_anywhere: args.partners_anywhere,
        ..RetrievalQuery::default()
    };
    if let Some(text) = &written {
        query = parse_query(project, text, query)?;
    }
    let results = retrieve(project, &query)?;
    if let (Some(name), Some(text)) = (&args.save, &args.query) {
        drop(opened);
        let mut session = super::open_for_writing(&args.project, "save the query")?;
        session.execute(Action::SaveQuery {
            name: name.clone(),
            query: text.clone(),
        })?;
        session.save()?;
        writeln!(std::io::stderr(), "saved the query as {name:?}")?;
    }
    match args.format {
        OutputFormat::Json => write_json(out, &results)?,
        OutputFormat::Csv => {
            let mut columns = vec!["coding".to_owned(), "code".to_owned()];
            columns.extend(["coder", "case"].map(str::to_owned));
            columns.extend(EXCERPT_COLUMNS.iter().map(|s| (*s).to_owned()));
            columns.push("memo".to_owned());
            let rows = results
                .iter()
                .map(|r| {
                    let mut row = vec![
                        Cell::Text(r.coding.to_string()),
                        Cell::Text(r.code_path.clone()),
                        Cell::Text(r.coder_name.clone()),
                        Cell::Text(r.case_name.clone().unwrap_or_default()),
                    ];
                    row.extend(excerpt_cells(&r.excerpt));
                    row.push(Cell::Text(r.memo.clone().unwrap_or_default()));
                    row
                })
                .collect();
            write_csv(out, &Table { columns, rows })?;
        }
        OutputFormat::Table => {
            for r in &results {
                let case = match (&r.case_name, &r.excerpt.speaker) {
                    (Some(case), Some(speaker)) if case == speaker => String::new(),
                    (Some(case), _) => format!(" · case {case}"),
                    (None, _) => String::new(),
                };
                writeln!(
                    out,
                    "{}{case} · {} · {}\n    {}",
                    location(&r.excerpt),
                    r.code_path,
                    r.coder_name,
                    one_line(&r.excerpt)
                )?;
            }
            writeln!(out, "{} excerpt(s)", results.len())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
