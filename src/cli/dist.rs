//! `margin dist-files DIR` (hidden): the files a package installs beside the binary that come
//! from the command line's own definition, so they cannot drift from it: man pages
//! (`man/margin.1` and one per subcommand, by clap_mangen) and shell completions
//! (`completions/` for bash, zsh, fish, PowerShell and Elvish, by clap_complete).
//! `scripts/package.sh` runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Arguments of `margin dist-files`.
#[derive(Debug, Args)]
pub struct DistArgs {
    /// The folder to write `man/` and `completions/` into (made if missing).
    pub dir: PathBuf,
}

/// Write the man pages and completions.
pub fn run(args: &DistArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut command = super::Cli::command();
    command.build(); // gives every subcommand its full name for its usage line
    let man = args.dir.join("man");
    create(&man)?;
    let mut pages = 0;
    write_man(&command, &man, &mut pages)?;
    let completions = args.dir.join("completions");
    create(&completions)?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let path = clap_complete::generate_to(shell, &mut command.clone(), "margin", &completions)
            .with_context(|| format!("{}: completions for {shell}", completions.display()))?;
        writeln!(out, "{}", path.display())?;
    }
    writeln!(out, "{pages} man pages in {}", man.display())?;
    Ok(ExitCode::SUCCESS)
}

fn create(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))
}

/// The page of `command` (`margin.1`, `margin-stats.1`, …) and of each visible subcommand.
fn write_man(command: &clap::Command, dir: &Path, pages: &mut usize) -> anyhow::Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_owned();
    let command = command.clone().display_name(&name);
    let path = dir.join(format!("{name}.1"));
    let mut buffer = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut buffer)
        .with_context(|| format!("{}", path.display()))?;
    std::fs::write(&path, buffer).with_context(|| format!("{}", path.display()))?;
    *pages += 1;
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let sub = sub
            .clone()
            .display_name(format!("{name}-{}", sub.get_name()));
        write_man(&sub, dir, pages)?;
    }
    Ok(())
}
