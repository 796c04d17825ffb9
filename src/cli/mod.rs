//! The command line: one subcommand per task a pipeline needs. Each writes its report to the
//! given output and returns the process exit code; errors carry their file and line up to `main`.

mod check;
mod import;
mod new;
mod stats;

pub use check::CheckArgs;
pub use import::ImportArgs;
pub use new::{GenerateArgs, NewArgs};
pub use stats::{Stats, StatsArgs};

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Margin: hand-coding of qualitative data.
#[derive(Debug, Parser)]
#[command(name = "margin", version, about, long_about = None)]
pub struct Cli {
    /// The project folder to open in the window (the last project, else the bundled sample).
    pub project: Option<PathBuf>,
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

/// Run a subcommand, writing its report to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match command {
        Command::New(args) => new::run(&args, out),
        Command::Import(args) => import::run(&args, out),
        Command::Check(args) => check::run(&args, out),
        Command::Stats(args) => stats::run(&args, out),
        Command::Generate(args) => new::generate(&args, out),
    }
}
