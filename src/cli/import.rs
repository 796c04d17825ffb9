//! `margin import`: add files to a project as documents.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use crate::import::{ImportOptions, Pseudonyms, import_file};
use crate::model::{Case, DocumentKind, Edit, History};
use crate::store::ProjectDir;

/// Arguments of `margin import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The files to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The kind of document (interview, chat, notes); detected from the content if not given.
    #[arg(long)]
    pub kind: Option<DocumentKind>,
    /// The case the documents belong to (created if the project has none of that name).
    #[arg(long)]
    pub case: Option<String>,
    /// A pseudonym mapping (CSV: real,pseudonym[,kind]) applied before anything is stored.
    #[arg(long)]
    pub pseudonyms: Option<PathBuf>,
}

/// Import files. All are read first; if any fails, nothing is added.
pub fn run(args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let opened = ProjectDir::open(&args.project)?;
    if let Some(reason) = opened.dir.read_only_reason() {
        anyhow::bail!("cannot import: {reason}");
    }
    let mut project = opened.project;
    let pseudonyms = args
        .pseudonyms
        .as_deref()
        .map(Pseudonyms::read)
        .transpose()?;
    let options = ImportOptions {
        kind: args.kind,
        name: None,
        pseudonyms,
    };
    let mut imported = Vec::new();
    for file in &args.files {
        imported.push(import_file(file, &options)?);
    }
    let mut edits = Vec::new();
    let case_id = args
        .case
        .as_ref()
        .map(|name| match project.case_named(name) {
            Some(c) => c.id,
            None => {
                let case = Case::new(name.clone());
                let id = case.id;
                edits.push(Edit::PutCase(case));
                id
            }
        });
    for item in &imported {
        let mut doc = item.document.clone();
        doc.case = case_id;
        writeln!(
            out,
            "imported {:?} as {} ({}, {} characters, {} {})",
            doc.origin.as_ref().map_or("", |o| o.file.as_str()),
            doc.kind.as_str(),
            doc.origin.as_ref().map_or("", |o| o.encoding.as_str()),
            doc.text.char_len(),
            doc.segments.len(),
            if doc.kind == DocumentKind::Chat {
                "messages"
            } else {
                "turns"
            },
        )?;
        for (real, pseudo, n) in &item.replacements.counts {
            writeln!(out, "  replaced {real:?} → {pseudo:?} {n} time(s)")?;
        }
        edits.push(Edit::PutDocument(Box::new(doc)));
    }
    History::new().apply(&mut project, "Import", Edit::Batch(edits))?;
    opened
        .dir
        .save(&mut project)
        .with_context(|| format!("saving {}", args.project.display()))?;
    Ok(ExitCode::SUCCESS)
}
