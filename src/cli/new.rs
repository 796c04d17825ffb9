//! `margin new` and `margin generate`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

use crate::model::{DocumentKind, Manifest, Project};
use crate::store::ProjectDir;
use crate::synth::{SynthOptions, generate as synthesize};

/// Arguments of `margin new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create (absent or empty).
    pub dir: PathBuf,
    /// The project's name (default: the folder's name).
    #[arg(long)]
    pub name: Option<String>,
}

/// Create an empty project.
pub fn run(args: &NewArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let name = args.name.clone().unwrap_or_else(|| {
        args.dir.file_name().map_or_else(
            || "New project".into(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let mut project = Project::new(Manifest::new(name));
    ProjectDir::create(&args.dir, &mut project)?;
    writeln!(out, "created {}", args.dir.display())?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `margin generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to create (absent or empty).
    pub dir: PathBuf,
    /// Number of documents.
    #[arg(long, default_value_t = 100)]
    pub documents: usize,
    /// Total text in megabytes (of UTF-8).
    #[arg(long, default_value_t = 10.0)]
    pub megabytes: f64,
    /// Share of Chinese sentences, 0 to 1.
    #[arg(long, default_value_t = 0.5)]
    pub chinese: f64,
    /// Total codings over all coders.
    #[arg(long, default_value_t = 50_000)]
    pub codings: usize,
    /// Number of coders.
    #[arg(long, default_value_t = 2)]
    pub coders: usize,
    /// Document kinds, comma-separated: chat, interview.
    #[arg(long, value_delimiter = ',', default_value = "chat,interview")]
    pub kinds: Vec<DocumentKind>,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Write a synthetic project.
pub fn generate(args: &GenerateArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.chinese),
        "--chinese must be between 0 and 1"
    );
    anyhow::ensure!(!args.kinds.is_empty(), "--kinds needs at least one kind");
    let started = Instant::now();
    let mut project = synthesize(&SynthOptions {
        documents: args.documents,
        bytes: (args.megabytes * 1_000_000.0) as usize,
        chinese: args.chinese,
        codings: args.codings,
        coders: args.coders,
        kinds: args.kinds.clone(),
        seed: args.seed,
    });
    ProjectDir::create(&args.dir, &mut project)
        .with_context(|| format!("writing {}", args.dir.display()))?;
    let text: usize = project
        .documents()
        .values()
        .map(|d| d.text.as_str().len())
        .sum();
    writeln!(
        out,
        "wrote {}: {} documents, {:.1} MB of text, {} codings by {} coders ({:.1} s)",
        args.dir.display(),
        project.documents().len(),
        text as f64 / 1e6,
        project.codings().len(),
        project.coders().len(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}
