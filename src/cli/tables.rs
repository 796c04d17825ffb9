//! `margin cooccurrence`, `margin crosstab`, `margin timeline`: the analysis tables, printed
//! aligned, or written as CSV or JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::analysis_args::{
    FilterArgs, OutputFormat, codes_named, indent_codes, indented, write_csv, write_json,
};
use crate::analysis::cooccurrence::{CooccurrenceQuery, CooccurrenceUnit, cooccurrence};
use crate::analysis::crosstab::{CrosstabColumns, CrosstabQuery, Measure, crosstab};
use crate::analysis::names;
use crate::analysis::table::{Cell, Table};
use crate::analysis::timeline::{Period, TimelineQuery, timeline};
use crate::export::chart;
use crate::store::ProjectDir;

/// Options every table takes: which codes, and output format.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// Only this code (repeatable; name or full path); default every code.
    #[arg(long = "code", value_name = "NAME")]
    pub codes: Vec<String>,
    /// Count each code's sub-codes' codings as its own.
    #[arg(long)]
    pub with_subcodes: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Also draw the table as a heatmap chart in this file (.svg or .png), for a paper.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
}

/// What meets in `margin cooccurrence`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum By {
    /// The coded text overlaps.
    #[default]
    Overlap,
    /// Both codes are in the same speaker turn or chat message.
    #[value(alias = "turn", alias = "message")]
    Segment,
}

/// Arguments of `margin cooccurrence`.
#[derive(Debug, Args)]
pub struct CooccurrenceArgs {
    /// The project folder.
    pub project: PathBuf,
    /// What counts as two codes meeting.
    #[arg(long, value_enum, default_value_t)]
    pub by: By,
    /// Pair codes over all selected coders' codings together (default: within each coder's own
    /// codings, summed over coders).
    #[arg(long)]
    pub pool_coders: bool,
    /// Only passages of cases with this attribute value: NAME=VALUE, NAME=V1,V2 or
    /// NAME=MIN..MAX (repeatable).
    #[arg(long = "attribute", visible_alias = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Which codings count.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Codes and output.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Print a table: aligned, CSV or JSON (`json` is the typed result); with `--chart`, draw it
/// too (`title`; `skip_diagonal` for a code with itself).
fn emit<T: serde::Serialize>(
    out: &mut dyn Write,
    args: &TableArgs,
    (title, skip_diagonal): (&str, bool),
    result: &T,
    table: Table,
    text: impl FnOnce(Table) -> Table,
) -> anyhow::Result<()> {
    if let Some(path) = &args.chart {
        let chart = chart::Chart {
            title,
            table: &table,
            skip_diagonal,
            bars: None,
        };
        chart::write(&chart, path)?;
    }
    match args.format {
        OutputFormat::Json => write_json(out, result),
        OutputFormat::Csv => write_csv(out, &table),
        OutputFormat::Table => {
            write!(out, "{}", text(table).to_text())?;
            Ok(())
        }
    }
}

/// Print the co-occurrence table.
pub fn run_cooccurrence(args: &CooccurrenceArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let query = CooccurrenceQuery {
        by: match args.by {
            By::Overlap => CooccurrenceUnit::Overlap,
            By::Segment => CooccurrenceUnit::Segment,
        },
        codes: codes_named(project, &args.table.codes)?,
        with_subcodes: args.table.with_subcodes,
        filter: args.filter.to_filter(project, &args.conditions)?,
        options: args.filter.options(args.pool_coders),
    };
    let result = cooccurrence(project, &query)?;
    emit(
        out,
        &args.table,
        ("Codes meeting codes", true),
        &result,
        result.to_table(),
        |mut t| {
            // Columns by number, rows "n name", so a wide codebook fits a terminal.
            indent_codes(&mut t, &result.codes, 0);
            for (i, row) in t.rows.iter_mut().enumerate() {
                if let Some(Cell::Text(label)) = row.first_mut() {
                    *label = format!("{:>2} {label}", i + 1);
                }
            }
            for (i, c) in t.columns.iter_mut().skip(1).enumerate() {
                *c = (i + 1).to_string();
            }
            t
        },
    )?;
    if args.table.format == OutputFormat::Table {
        writeln!(
            out,
            "({})",
            if result.pooled {
                "all selected coders' codings pooled: one coder's code meeting another's counts too"
            } else {
                "codes meet within each coder's own codings; counts are summed over coders"
            }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `margin crosstab` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum MeasureArg {
    /// Number of codings.
    #[default]
    Count,
    /// Percentage of the column's text the code covers.
    Coverage,
    /// Number of cases with the code.
    Cases,
}

/// Arguments of `margin crosstab`.
#[derive(Debug, Args)]
pub struct CrosstabArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Columns by this attribute's values (default: one column per case).
    #[arg(long, value_name = "NAME")]
    pub attribute: Option<String>,
    /// Group a number attribute into bands this wide (e.g. --bin 10 for age 40–49).
    #[arg(long, value_name = "WIDTH", requires = "attribute")]
    pub bin: Option<f64>,
    /// What each cell shows.
    #[arg(long, value_enum, default_value_t)]
    pub measure: MeasureArg,
    /// Only passages of cases with this attribute value: NAME=VALUE, NAME=V1,V2 or
    /// NAME=MIN..MAX (repeatable).
    #[arg(long = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Which codings count.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Codes and output.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Print a code × case/attribute table.
pub fn run_crosstab(args: &CrosstabArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let columns = match &args.attribute {
        None => CrosstabColumns::Cases,
        Some(name) => CrosstabColumns::Attribute {
            attribute: names::attribute(project, name)?.id,
            bin: args.bin,
        },
    };
    let query = CrosstabQuery {
        columns,
        codes: codes_named(project, &args.table.codes)?,
        with_subcodes: args.table.with_subcodes,
        filter: args.filter.to_filter(project, &args.conditions)?,
        options: args.filter.options(false),
    };
    let result = crosstab(project, &query)?;
    let measure = match args.measure {
        MeasureArg::Count => Measure::Count,
        MeasureArg::Coverage => Measure::Coverage,
        MeasureArg::Cases => Measure::Cases,
    };
    emit(
        out,
        &args.table,
        ("Codes by case", false),
        &result,
        result.to_table(measure),
        |mut t| {
            indent_codes(&mut t, &result.codes, 0);
            t
        },
    )?;
    let unattributed = result.unattributed_codings;
    if args.table.format == OutputFormat::Table && unattributed > 0 {
        writeln!(
            out,
            "({unattributed} coding(s) share no text with a case's text, e.g. in interviewer turns or messages by non-participants, and are not counted)"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `margin timeline` counts per.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Per {
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    #[default]
    Month,
}

/// Arguments of `margin timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Count per week or per month.
    #[arg(long, value_enum, default_value_t)]
    pub per: Per,
    /// Only passages of cases with this attribute value: NAME=VALUE, NAME=V1,V2 or
    /// NAME=MIN..MAX (repeatable).
    #[arg(long = "attribute", visible_alias = "where", value_name = "CONDITION")]
    pub conditions: Vec<String>,
    /// Which codings count.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Codes and output.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Print code frequency over time.
pub fn run_timeline(args: &TimelineArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let project = &opened.project;
    let query = TimelineQuery {
        per: match args.per {
            Per::Week => Period::Week,
            Per::Month => Period::Month,
        },
        codes: codes_named(project, &args.table.codes)?,
        with_subcodes: args.table.with_subcodes,
        filter: args.filter.to_filter(project, &args.conditions)?,
        options: args.filter.options(false),
    };
    let result = timeline(project, &query)?;
    if result.periods.is_empty() {
        anyhow::bail!(
            "no timed chat messages in the documents asked about (the timeline counts codings by the time of their chat message)"
        );
    }
    if args.table.format == OutputFormat::Table {
        // Codes by number (listed first), so that many codes fit across a terminal.
        for (i, h) in result.codes.iter().enumerate() {
            writeln!(out, "{:>3}  {}", i + 1, indented(h, &result.codes))?;
        }
        writeln!(out)?;
    }
    emit(
        out,
        &args.table,
        ("Codes over time", false),
        &result,
        result.to_table(),
        |mut t| {
            for (i, c) in t.columns.iter_mut().skip(4).enumerate() {
                *c = (i + 1).to_string();
            }
            t
        },
    )?;
    if args.table.format == OutputFormat::Table && result.untimed > 0 {
        writeln!(
            out,
            "({} coding(s) lie outside timed chat messages, e.g. in interviews, and are not counted)",
            result.untimed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
