//! `margin import`: add files to a project as documents; read a participants table into cases
//! and attributes; make cases of senders; code or attribute the turns of a speaker; pseudonymise
//! on the way in. Everything is read and checked first; if anything fails, nothing is saved.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use crate::import::{
    Format, ImportOptions, Imported, Placement, Pseudonyms, Replacements, SpeakerCode,
    check_regular, encoding_for_name, import_attributes, is_inside, link_speaker_to_case,
    plan_import, read_files, with_speaker,
};
use crate::model::{Case, DocumentKind, Edit};
use crate::session::{Action, Session};

/// Arguments of `margin import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The files to import: documents (txt, md, html, docx, odt, pdf), transcripts (srt, vtt,
    /// txt) and chat exports (txt, csv).
    #[arg(required_unless_present = "attributes")]
    pub files: Vec<PathBuf>,
    /// The format, when the extension and content do not tell it: text, markdown, html, docx,
    /// odt, pdf, srt, vtt, otter, whatsapp, wechat-txt, chat-csv.
    #[arg(long)]
    pub format: Option<Format>,
    /// The encoding of text files (e.g. windows-1252, latin1, UTF-16LE, GB18030, Big5), when
    /// the one detected is wrong; the import report says which one each file was read in.
    #[arg(long, value_name = "NAME", value_parser = encoding_for_name)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The kind of document (interview, chat, notes); decided by the format or content if not
    /// given.
    #[arg(long)]
    pub kind: Option<DocumentKind>,
    /// The case the documents belong to (created if the project has none of that name).
    #[arg(long)]
    pub case: Option<String>,
    /// An attribute table (CSV or XLSX, one row per case) that creates or updates cases and
    /// their attributes.
    #[arg(long, value_name = "FILE")]
    pub attributes: Option<PathBuf>,
    /// Make a case of every sender or speaker of the imported documents that has none yet.
    #[arg(long)]
    pub senders_as_cases: bool,
    /// Code (with --code) or attribute to a case (with --speaker-case) every turn of this
    /// speaker in the imported documents.
    #[arg(long, value_name = "NAME")]
    pub autocode_speaker: Option<String>,
    /// The code for --autocode-speaker (created if the codebook has none of that name).
    #[arg(long, value_name = "CODE", requires = "autocode_speaker")]
    pub code: Option<String>,
    /// The case the turns of --autocode-speaker are attributed to (created if missing).
    #[arg(long, value_name = "CASE", requires = "autocode_speaker")]
    pub speaker_case: Option<String>,
    /// The coder the autocoded codings belong to (created if missing; default: the project's
    /// only coder).
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// A pseudonym mapping (CSV: `real,pseudonym[,kind]`) applied to texts, speakers, senders and
    /// document names before anything is stored.
    #[arg(long, value_name = "MAP.csv")]
    pub pseudonyms: Option<PathBuf>,
    /// Report every replacement the mapping made: to the output, or as CSV to FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub report: Option<PathBuf>,
    /// Allow the mapping or the report (which hold real names) to be inside the project folder.
    #[arg(long)]
    pub allow_names_in_project: bool,
    /// The recording the (one) imported transcript was made from: mp3, m4a/aac, wav, ogg
    /// (Vorbis), flac, or the audio of an mp4. It is linked, not copied: the project stores its
    /// path relative to the project folder where the two share a folder.
    #[arg(long, value_name = "FILE")]
    pub media: Option<PathBuf>,
}

/// Apply an edit a planner prepared, through the session (one step, saved with the rest).
fn apply(session: &mut Session, what: &str, edit: Edit) -> anyhow::Result<()> {
    session
        .execute(Action::Prepared {
            label: what.to_owned(),
            edit,
        })
        .map(drop)
        .with_context(|| format!("cannot {what}"))
}

/// The coder for autocoding: named (created if new), or the project's only one.
fn coder_for(session: &mut Session, name: Option<&str>) -> anyhow::Result<crate::model::CoderId> {
    if let Some(name) = name {
        return Ok(session.set_coder(name)?);
    }
    let coders: Vec<_> = session.project().coders().values().collect();
    match coders.as_slice() {
        [only] => Ok(only.id),
        [] => bail!("the project has no coder yet; name the one who autocodes with --coder NAME"),
        many => bail!(
            "the project has several coders ({}); name one with --coder NAME",
            many.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn case_for(session: &mut Session, name: &str) -> anyhow::Result<crate::model::CaseId> {
    if let Some(c) = session.project().case_named(name) {
        return Ok(c.id);
    }
    let case = Case::new(name);
    let id = case.id;
    apply(session, "add the case", Edit::PutCase(case))?;
    Ok(id)
}

fn write_report(
    args: &ImportArgs,
    imported: &[Imported],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(target) = &args.report else {
        return Ok(());
    };
    let file_of = |i: &Imported| {
        i.document
            .origin
            .as_ref()
            .map_or_else(|| i.document.name.clone(), |o| o.file.clone())
    };
    if target.as_os_str() == "-" {
        for item in imported {
            writeln!(out, "replacements in {:?}:", file_of(item))?;
            if item.replacements.counts.is_empty() {
                writeln!(out, "  none")?;
            }
            for (real, pseudo, n) in &item.replacements.counts {
                writeln!(out, "  {real:?} → {pseudo:?}: {n}")?;
            }
        }
        return Ok(());
    }
    if !args.allow_names_in_project && is_inside(target, &args.project) {
        bail!(
            "the report {} would be inside the project folder; it names real people, so write it elsewhere (or pass --allow-names-in-project)",
            target.display()
        );
    }
    let mut w = csv::Writer::from_path(target)
        .with_context(|| format!("writing the report {}", target.display()))?;
    w.write_record(["document", "real", "pseudonym", "count"])?;
    for item in imported {
        for (real, pseudo, n) in &item.replacements.counts {
            w.write_record([file_of(item).as_str(), real, pseudo, &n.to_string()])?;
        }
    }
    w.flush()
        .with_context(|| format!("writing the report {}", target.display()))?;
    writeln!(out, "wrote the replacement report to {}", target.display())?;
    Ok(())
}

/// Import files and tables. All are read first; if any fails, nothing is saved.
#[allow(clippy::too_many_lines)] // the steps in the order the help text gives them
pub fn run(args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if args.autocode_speaker.is_some() && args.code.is_none() && args.speaker_case.is_none() {
        bail!("--autocode-speaker needs --code CODE or --speaker-case CASE");
    }
    if args.report.is_some() && args.pseudonyms.is_none() {
        bail!(
            "--report lists what --pseudonyms replaced; give a mapping with --pseudonyms MAP.csv"
        );
    }
    // Every input is a regular file, checked before the project is locked: a named pipe would
    // otherwise hold the lock while it waits for a writer that may never come.
    for file in args
        .files
        .iter()
        .chain(&args.attributes)
        .chain(&args.pseudonyms)
    {
        check_regular(file)?;
    }
    if args.media.is_some() && args.files.len() != 1 {
        bail!(
            "--media links one recording to one transcript; {} files were given",
            args.files.len()
        );
    }
    let media = args
        .media
        .as_deref()
        .map(|file| crate::media::link_for(&args.project, file))
        .transpose()?;
    let mut session = super::open_for_writing(&args.project, "import")?;
    if let Some(map) = &args.pseudonyms
        && !args.allow_names_in_project
        && is_inside(map, &args.project)
    {
        bail!(
            "the pseudonym mapping {} is inside the project folder; it holds the real names, so keep it outside (or pass --allow-names-in-project)",
            map.display()
        );
    }
    let pseudonyms = args
        .pseudonyms
        .as_deref()
        .map(Pseudonyms::read)
        .transpose()?;
    let options = ImportOptions {
        kind: args.kind,
        format: args.format,
        name: None,
        pseudonyms,
        max_bytes: None,
        encoding: args.encoding,
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut imported = Vec::new();
    for (_, result) in read_files(&args.files, &options, &never, |_| {}).results {
        imported.push(result?);
    }

    if let Some(table) = &args.attributes {
        let result = import_attributes(table, session.project())?;
        apply(&mut session, "import the attribute table", result.edit)?;
        writeln!(
            out,
            "attributes from {}: {} case(s) created, {} updated",
            table.file_name().unwrap_or_default().display(),
            result.created.len(),
            result.updated.len()
        )?;
        for (name, kind, new) in &result.attributes {
            writeln!(
                out,
                "  {name}: {}{}",
                kind.as_str(),
                if *new { " (new)" } else { "" }
            )?;
        }
    }

    let mut documents: Vec<_> = imported.iter().map(|i| i.document.clone()).collect();
    if let (Some(link), [doc]) = (&media, documents.as_mut_slice()) {
        doc.media = Some(link.clone());
    }
    if let Some(speaker) = &args.autocode_speaker {
        // Before anything else is asked (the coder): the speaker must be there.
        with_speaker(&documents, speaker)?;
    }
    let autocode = match (&args.autocode_speaker, &args.code) {
        (Some(speaker), Some(code)) => Some(SpeakerCode {
            speaker: speaker.clone(),
            code: code.clone(),
            coder: coder_for(&mut session, args.coder.as_deref())?,
        }),
        _ => None,
    };
    let placement = Placement {
        case: args.case.clone(),
        senders_as_cases: args.senders_as_cases,
        autocode,
    };
    let plan = plan_import(session.project(), &documents, &placement)?;
    let mut total = Replacements::default();
    for item in &imported {
        let doc = &item.document;
        writeln!(
            out,
            "imported {:?} as {} ({}, {}, {} characters, {} {})",
            doc.origin.as_ref().map_or("", |o| o.file.as_str()),
            doc.kind.as_str(),
            item.format,
            doc.origin.as_ref().map_or("", |o| o.encoding.as_str()),
            doc.text.char_len(),
            doc.segments.len(),
            if doc.kind == DocumentKind::Chat {
                "messages"
            } else {
                "turns"
            },
        )?;
        total.merge(&item.replacements);
    }
    if let Some(link) = &media {
        writeln!(out, "linked the recording {}", link.path)?;
    }
    session
        .execute(Action::Import {
            files: documents.len(),
            edit: plan.edit,
        })
        .context("cannot add the documents")?;
    if options.pseudonyms.is_some() {
        writeln!(
            out,
            "pseudonymised: {} replacement(s) of {} name(s)",
            total.total(),
            total.counts.len()
        )?;
    }
    if args.senders_as_cases {
        let senders: Vec<&String> = plan
            .new_cases
            .iter()
            .filter(|n| args.case.as_ref() != Some(*n))
            .collect();
        writeln!(
            out,
            "{} case(s) created from senders: {}",
            senders.len(),
            senders
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if let (Some(speaker), Some(code)) = (&args.autocode_speaker, &args.code) {
        writeln!(
            out,
            "coded {} turn(s) of {speaker:?} with {code:?}",
            plan.coded
        )?;
    }
    if let (Some(speaker), Some(case)) = (&args.autocode_speaker, &args.speaker_case) {
        let case_id = case_for(&mut session, case)?;
        for id in &plan.documents {
            let Some(current) = session.project().documents().get(id).cloned() else {
                continue;
            };
            if !current
                .segments
                .iter()
                .any(|s| s.speaker.as_deref() == Some(speaker))
            {
                continue;
            }
            let edit = link_speaker_to_case(session.project(), &current, speaker, case_id)?;
            apply(&mut session, "link the speaker to the case", edit)?;
        }
        writeln!(
            out,
            "the turns of {speaker:?} are attributed to case {case:?}"
        )?;
    }

    write_report(args, &imported, out)?;
    session
        .save()
        .with_context(|| format!("saving {}", args.project.display()))?;
    Ok(ExitCode::SUCCESS)
}
