//! `margin sync`: share a project with a team through git without knowing git. Set a project up
//! to sync with a remote (a shared folder, GitHub, GitLab, Gitea), clone a teammate's project,
//! or sync: commit this coder's changes, bring in the team's, and push (see `crate::sync`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use crate::sync::{self, DEFAULT_REMOTE};

/// Arguments of `margin sync`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  margin sync study --setup git@github.com:our-team/study.git --coder 'Lin Yue'
  margin sync study --coder 'Lin Yue'
  margin sync copy --clone /mnt/shared/study.git

A remote is any git repository: a bare repository on a shared drive, or one on GitHub, GitLab
or Gitea (SSH keys from the SSH agent or ~/.ssh, HTTPS passwords from git's credential helper).
Changes both sides made to the same thing are kept both, never shown as conflict markers.")]
pub struct SyncArgs {
    /// The project folder (for --clone: the folder to create).
    pub project: PathBuf,
    /// Set the project up to sync with the remote at URL (a URL or a folder), then sync.
    #[arg(long, value_name = "URL")]
    pub setup: Option<String>,
    /// Make PROJECT a copy of the teammate's project at URL instead of syncing.
    #[arg(long, value_name = "URL", conflicts_with = "setup")]
    pub clone: Option<String>,
    /// The remote to sync with.
    #[arg(long, default_value = DEFAULT_REMOTE)]
    pub remote: String,
    /// Who is committing (default: the project's only coder).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
}

/// Set up, clone or sync.
pub fn run(args: &SyncArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if let Some(url) = &args.clone {
        sync::clone(url, &args.project)?;
        writeln!(
            out,
            "cloned {url} into {}; sync it with `margin sync {} --coder NAME`",
            args.project.display(),
            args.project.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(url) = &args.setup {
        sync::setup(&args.project, Some(url), &args.remote)?;
        writeln!(out, "set up to sync with {url} (as {})", args.remote)?;
    }
    let mut session = super::open_for_writing(&args.project, "sync")?;
    let author = match &args.coder {
        Some(name) => name.clone(),
        None => {
            let coders: Vec<&str> = session
                .project()
                .coders()
                .values()
                .map(|c| c.name.as_str())
                .collect();
            match coders.as_slice() {
                [only] => (*only).to_owned(),
                [] => bail!("name the coder whose changes these are with --coder NAME"),
                many => bail!(
                    "the project has several coders ({}); say which one you are with --coder NAME",
                    many.join(", ")
                ),
            }
        }
    };
    let report = sync::sync(&mut session, &args.remote, &author)?;
    match &report.committed {
        Some(message) => writeln!(out, "committed: {message}")?,
        None => writeln!(out, "no local changes to commit")?,
    }
    for arrival in &report.incoming {
        writeln!(out, "came in: {arrival}")?;
    }
    if !report.incoming_rest.is_empty() {
        writeln!(out, "came in: {}", report.incoming_rest.words())?;
    }
    for line in &report.kept_both {
        writeln!(out, "kept both: {line}")?;
    }
    for line in &report.restored {
        writeln!(out, "brought back (still used): {line}")?;
    }
    if report.pushed {
        writeln!(
            out,
            "pushed to {} ({} bytes); up to date",
            args.remote, report.bytes_pushed
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
