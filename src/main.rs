//! The `margin` binary: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use margin::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run(command, &mut std::io::stdout().lock()),
        None => Err(anyhow::anyhow!(
            "the window is not built yet; use a subcommand (see margin --help)"
        )),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("margin: {e:#}");
            ExitCode::from(2)
        }
    }
}
