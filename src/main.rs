//! The `margin` binary: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run(command, &mut std::io::stdout().lock()),
        None => margin::ui::run(cli.project).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("margin: {e:#}");
            ExitCode::from(2)
        }
    }
}
