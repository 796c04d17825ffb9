//! The `margin` binary: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run(command, &mut std::io::stdout().lock()),
        None => {
            let _log = start_log();
            let project = if cli.sample {
                margin::cli::sample_working_copy().map(Some)
            } else {
                Ok(cli.project)
            };
            project.and_then(window)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("margin: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each said once: many errors already name their cause
/// in their own message, and printing the cause again would repeat the OS's words.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Start the log file in the data folder (see `margin::logging`). A log that cannot be written
/// is said on stderr and the window opens all the same.
fn start_log() -> Option<flexi_logger::LoggerHandle> {
    let dir = margin::install::log_dir()?;
    match margin::logging::start(&dir) {
        Ok(handle) => Some(handle),
        Err(e) => {
            eprintln!("margin: no log file in {}: {e}", dir.display());
            None
        }
    }
}

/// Open the window on a project (or the last one, else the sample).
#[cfg(feature = "window")]
fn window(project: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    margin::ui::run(project).map(|()| ExitCode::SUCCESS)
}

/// This build has no window.
#[cfg(not(feature = "window"))]
fn window(_project: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this build of Margin has no window (built without the feature \"window\"); run a subcommand, see margin --help"
    )
}
