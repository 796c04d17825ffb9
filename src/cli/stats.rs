//! `margin stats`: what a project holds.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::Format;
use crate::analysis::definitions::{is_message, is_notice};
use crate::model::{DocumentKind, Project};
use crate::store::ProjectDir;

/// Arguments of `margin stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// A project's statistics.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// The project's name.
    pub name: String,
    /// Documents by kind.
    pub documents: BTreeMap<String, usize>,
    /// Characters of text.
    pub characters: usize,
    /// Speaker turns, chat messages and notices together.
    pub segments: usize,
    /// Speaker turns (interviews).
    pub turns: usize,
    /// Chat messages, as the timeline counts them (notices are not messages).
    pub messages: usize,
    /// System notices and recalled-message notices in chats.
    pub notices: usize,
    /// Codes, and how many are in-vivo.
    pub codes: usize,
    /// In-vivo codes.
    pub in_vivo_codes: usize,
    /// Codings by coder name.
    pub codings_per_coder: BTreeMap<String, usize>,
    /// All codings.
    pub codings: usize,
    /// Cases.
    pub cases: usize,
    /// Attribute names.
    pub attributes: Vec<String>,
    /// Memos.
    pub memos: usize,
}

impl Stats {
    /// Count what `project` holds.
    #[must_use]
    pub fn of(project: &Project) -> Self {
        let mut documents = BTreeMap::new();
        for kind in DocumentKind::ALL {
            documents.insert(kind.as_str().to_owned(), 0);
        }
        for d in project.documents().values() {
            *documents.entry(d.kind.as_str().to_owned()).or_default() += 1;
        }
        let mut codings_per_coder: BTreeMap<String, usize> = project
            .coders()
            .values()
            .map(|c| (c.name.clone(), 0))
            .collect();
        for c in project.codings().values() {
            if let Some(coder) = project.coder(c.coder) {
                *codings_per_coder.entry(coder.name.clone()).or_default() += 1;
            }
        }
        let segments = || project.documents().values().flat_map(|d| &d.segments);
        let messages = segments().filter(|s| is_message(s)).count();
        let notices = segments().filter(|s| is_notice(s)).count();
        let all = segments().count();
        Self {
            name: project.manifest().name.clone(),
            documents,
            characters: project
                .documents()
                .values()
                .map(|d| d.text.char_len())
                .sum(),
            segments: all,
            turns: all - messages - notices,
            messages,
            notices,
            codes: project.codes().len(),
            in_vivo_codes: project.codes().values().filter(|c| c.in_vivo).count(),
            codings_per_coder,
            codings: project.codings().len(),
            cases: project.cases().len(),
            attributes: project
                .attributes_sorted()
                .iter()
                .map(|a| a.name.clone())
                .collect(),
            memos: project.memos().len(),
        }
    }
}

/// Print a project's statistics.
pub fn run(args: &StatsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open_read_only(&args.project)?;
    let stats = Stats::of(&opened.project);
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &stats)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{}", stats.name)?;
            let docs: usize = stats.documents.values().sum();
            let kinds: Vec<String> = stats
                .documents
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            writeln!(out, "  documents   {docs:>8}   ({})", kinds.join(", "))?;
            writeln!(out, "  characters  {:>8}", stats.characters)?;
            writeln!(out, "  turns       {:>8}", stats.turns)?;
            writeln!(
                out,
                "  messages    {:>8}   (chat messages, as the timeline counts them; {} notices apart)",
                stats.messages, stats.notices
            )?;
            writeln!(
                out,
                "  codes       {:>8}   ({} in-vivo)",
                stats.codes, stats.in_vivo_codes
            )?;
            writeln!(out, "  codings     {:>8}", stats.codings)?;
            for (coder, n) in &stats.codings_per_coder {
                writeln!(out, "    {coder:<20} {n:>8}")?;
            }
            writeln!(
                out,
                "  cases       {:>8}   (attributes: {})",
                stats.cases,
                stats.attributes.join(", ")
            )?;
            writeln!(out, "  memos       {:>8}", stats.memos)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
