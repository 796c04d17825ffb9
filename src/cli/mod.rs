//! The command line: one subcommand per task a pipeline needs. Each writes its report to the
//! given output and returns the process exit code; errors carry their file and line up to `main`.

mod agreement;
mod analysis_args;
mod check;
mod dist;
mod export;
mod import;
mod import_qdpx;
mod merge;
mod new;
mod replace;
mod report;
mod retrieve;
mod sample;
mod search;
mod stats;
#[cfg(feature = "sync")]
mod sync;
mod tables;

pub use agreement::{AgreementArgs, ReportFormat, UnitArg};
pub use check::CheckArgs;
pub use dist::DistArgs;
pub use import::ImportArgs;
pub use merge::MergeArgs;
pub use new::{GenerateArgs, NewArgs};
pub use report::ReportArgs;
pub use retrieve::RetrieveArgs;
pub use sample::{SampleArgs, working_copy as sample_working_copy};
pub use search::SearchArgs;
pub use stats::{Stats, StatsArgs};
pub use tables::{CooccurrenceArgs, CrosstabArgs, TimelineArgs};

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::session::{Session, SessionError};

/// Margin: hand-coding of qualitative data.
#[derive(Debug, Parser)]
#[command(
    name = "margin",
    version = crate::install::VERSION_LINE,
    about,
    long_about = None,
    after_help = "The window follows the system's language; switch it to Chinese (中文) or back in View ▸ Language.\n\
                  Without a PROJECT the window opens the last project, else your own copy of the sample study that travels inside Margin (`margin --sample` opens it, `margin sample` prints where it is)."
)]
pub struct Cli {
    /// The project folder to open in the window (the last project, else the bundled sample).
    pub project: Option<PathBuf>,
    /// Open your working copy of the sample study in the window (made on first use).
    #[arg(long, conflicts_with = "project")]
    pub sample: bool,
    /// A subcommand; without one, Margin opens its window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty project folder.
    New(new::NewArgs),
    /// Import files into a project as documents.
    Import(import::ImportArgs),
    /// Check a project: every coding inside its document, every reference valid, every text
    /// unchanged. Exits 1 listing each problem.
    Check(check::CheckArgs),
    /// Statistics of a project: documents by kind, codes, codings per coder, cases.
    Stats(stats::StatsArgs),
    /// Write a synthetic project of any size (for benchmarks).
    Generate(new::GenerateArgs),
    /// Inter-coder agreement per code and document (percent, Cohen's κ, Krippendorff's α and
    /// u-α), or the list of disagreements.
    Agreement(agreement::AgreementArgs),
    /// Bring another copy of the project into this one: coders, codings, codes, documents,
    /// cases and memos, losing nothing and doubling nothing.
    Merge(merge::MergeArgs),
    /// Search the text of all documents (plain, whole word, regex); optionally code every hit.
    Search(search::SearchArgs),
    /// Find and replace in the documents' texts (plain, whole word, regex): codings, turns and
    /// messages follow the text; --dry-run says what would change.
    Replace(replace::ReplaceArgs),
    /// Retrieve the coded excerpts of a code, filtered by documents, cases, attributes, coders
    /// and dates, and combined with other codes (--and, --not, --near).
    Retrieve(retrieve::RetrieveArgs),
    /// Code co-occurrence table: where codes overlap, or share a turn/message.
    Cooccurrence(tables::CooccurrenceArgs),
    /// Code × case or code × attribute table (counts, coverage, cases).
    Crosstab(tables::CrosstabArgs),
    /// Code frequency over time in chat logs, per week or month.
    Timeline(tables::TimelineArgs),
    /// Export coded excerpts (CSV, XLSX, HTML, Markdown, DOCX), the codebook (REFI-QDA .qdc,
    /// CSV, Markdown) or the whole project (REFI-QDA .qdpx).
    Export(export::ExportArgs),
    /// The paper report: methods, codebook with definitions and counts, exemplar quotes with
    /// translations, the summary grid, the code × case table and the agreement (Word, HTML).
    Report(report::ReportArgs),
    /// Create a new project from a REFI-QDA project file (.qdpx) that another QDA program
    /// (or Margin) exported.
    ImportQdpx(import_qdpx::ImportQdpxArgs),
    /// Share the project with the team through git: commit your changes, bring in the team's
    /// (nothing lost, no conflict markers), push. --setup URL the first time, --clone URL to
    /// join.
    #[cfg(feature = "sync")]
    Sync(sync::SyncArgs),
    /// Print the path of your working copy of the sample study carried inside Margin, making it
    /// on first use: `margin stats "$(margin sample)"`.
    Sample(sample::SampleArgs),
    /// Write the man pages and shell completions (for packagers).
    #[command(hide = true)]
    DistFiles(dist::DistArgs),
}

/// Output formats for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Aligned text for people.
    #[default]
    Table,
    /// JSON for programs.
    Json,
}

/// Open a project to change it. Refused while another Margin holds it, and while texts changed on
/// disk: their re-anchored codings, turns and messages are saved only when the user says so
/// (`margin check --repair`, or the window's question), never on the way by another command.
fn open_for_writing(project: &std::path::Path, doing: &str) -> anyhow::Result<Session> {
    let session = match Session::open_writable(project) {
        Err(SessionError::Store(crate::store::StoreError::ReadOnly(holder))) => {
            anyhow::bail!("cannot {doing}: the project is open elsewhere, {holder}")
        }
        other => other?,
    };
    let report = session.report();
    if report.needs_consent() {
        anyhow::bail!(
            "cannot {doing}: the text of {} changed outside Margin, and {} coding(s) and {} turn(s) or message(s) would move with it; `margin check {}` lists what moves, and `margin check --repair {}` saves it",
            report.changed_texts.join(", "),
            report.moved.len(),
            report.moved_segments.len(),
            project.display(),
            project.display()
        );
    }
    Ok(session)
}

/// Run a subcommand, writing its report to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match command {
        Command::New(args) => new::run(&args, out),
        Command::Import(args) => import::run(&args, out),
        Command::Check(args) => check::run(&args, out),
        Command::Stats(args) => stats::run(&args, out),
        Command::Generate(args) => new::generate(&args, out),
        Command::Agreement(args) => agreement::run(&args, out),
        Command::Merge(args) => merge::run(&args, out),
        #[cfg(feature = "sync")]
        Command::Sync(args) => sync::run(&args, out),
        Command::Search(args) => search::run(&args, out),
        Command::Replace(args) => replace::run(&args, out),
        Command::Retrieve(args) => retrieve::run(&args, out),
        Command::Cooccurrence(args) => tables::run_cooccurrence(&args, out),
        Command::Crosstab(args) => tables::run_crosstab(&args, out),
        Command::Timeline(args) => tables::run_timeline(&args, out),
        Command::Export(args) => export::run(&args, out),
        Command::Report(args) => report::run(&args, out),
        Command::ImportQdpx(args) => import_qdpx::run(&args, out),
        Command::Sample(args) => sample::run(&args, out),
        Command::DistFiles(args) => dist::run(&args, out),
    }
}
