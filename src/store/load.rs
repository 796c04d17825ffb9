//! Loading a project folder: read every file, migrate old formats, parse, and check every
//! reference. All problems are collected and reported together, each with file, line and column;
//! a project with problems is not opened, so nothing of it can be overwritten.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::{
    Code, Coder, Coding, Document, DocumentId, EntityKey, Manifest, Memo, MemoTarget, Placement,
    Project, Text,
};

use super::error::{Problem, StoreError, io};
use super::format::{CasesFile, CodingsFile, DocumentMeta, from_ron};
use super::migrate::{RawFiles, migrate};
use super::paths::{
    CASES, CODEBOOK_DIR, CODERS_DIR, CODINGS_DIR, DOCUMENTS_DIR, MANIFEST, MEMOS_DIR,
};

/// A coding that re-anchoring moved, because its document's text changed on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// The document.
    pub document: String,
    /// The coding.
    pub coding: crate::model::CodingId,
    /// Where it was.
    pub from: crate::model::CharRange,
    /// Where it is now.
    pub to: crate::model::CharRange,
}

/// What loading noticed that is not an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// The format version the folder was written with, when older than this build's.
    pub migrated_from: Option<u32>,
    /// Documents whose text changed on disk, and the codings re-anchored in them.
    pub changed_texts: Vec<String>,
    /// Codings re-anchored onto the changed texts.
    pub moved: Vec<Moved>,
}

/// Read and check the project at `root`.
pub fn load(root: &Path) -> Result<(Project, LoadReport), StoreError> {
    let manifest_path = root.join(MANIFEST);
    if !manifest_path.is_file() {
        return Err(StoreError::NotAProject(root.to_path_buf()));
    }
    let mut files = read_ron_files(root)?;
    let mut problems = Vec::new();
    let manifest_text = files.get(Path::new(MANIFEST)).cloned().unwrap_or_default();
    let version = from_ron::<VersionOnly>(&manifest_text, Path::new(MANIFEST))
        .map_err(|p| StoreError::Invalid(vec![p]))?
        .format_version;
    let migrated = migrate(root, version, &mut files)?;
    let mut report = LoadReport {
        migrated_from: migrated.then_some(version),
        ..LoadReport::default()
    };

    let manifest: Option<Manifest> =
        parse_into(&mut problems, files.get(Path::new(MANIFEST)), MANIFEST);
    let Some(mut manifest) = manifest else {
        return Err(StoreError::Invalid(problems));
    };
    manifest.format_version = crate::model::FORMAT_VERSION;
    let mut project = Project::new(manifest);

    // Cases and attributes.
    if let Some(text) = files.get(Path::new(CASES))
        && let Some(cases) = parse_into::<CasesFile>(&mut problems, Some(text), CASES)
    {
        {
            for attr in cases.attributes {
                project.attributes.insert(attr.id, attr);
            }
            for entry in cases.cases {
                for (attr, value) in &entry.values {
                    match project.attributes.get(attr) {
                        None => problems.push(Problem::new(
                            CASES,
                            format!("case {:?}: unknown attribute id {attr}", entry.name),
                        )),
                        Some(def) if !value.fits(&def.kind) => problems.push(Problem::new(
                            CASES,
                            format!(
                                "case {:?}: value {value} of attribute {:?} is not a {}",
                                entry.name,
                                def.name,
                                def.kind.as_str()
                            ),
                        )),
                        Some(_) => {}
                    }
                }
                project.cases.insert(entry.id, entry.into());
            }
        }
    }

    for (path, text) in files_in(&files, CODERS_DIR) {
        if let Some(coder) = parse_into::<Coder>(&mut problems, Some(text), path) {
            check_stem(&mut problems, path, &coder.id.to_string());
            project.coders.insert(coder.id, coder);
        }
    }

    for (path, text) in files_in(&files, CODEBOOK_DIR) {
        if let Some(code) = parse_into::<Code>(&mut problems, Some(text), path) {
            check_stem(&mut problems, path, &code.id.to_string());
            project.codes.insert(code.id, code);
        }
    }
    check_codebook(&project, &mut problems);

    // Parsing the codings files and reading the texts are the slow parts: do them side by side.
    let (changed, parsed_codings) = std::thread::scope(|scope| {
        let codings = scope.spawn(|| {
            files_in(&files, CODINGS_DIR)
                .map(|(path, text)| (path, from_ron::<CodingsFile>(text, path)))
                .collect::<Vec<_>>()
        });
        let changed = load_documents(root, &files, &mut project, &mut problems);
        let codings = codings
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (changed, codings)
    });
    for id in &changed {
        project.touched.insert(EntityKey::Document(*id));
        report
            .changed_texts
            .push(project.documents[id].name.clone());
    }
    report.changed_texts.sort();
    for (path, parsed) in parsed_codings {
        let file = match parsed {
            Ok(file) => file,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        check_stem(&mut problems, path, &file.document.to_string());
        let folder = path
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if folder != file.coder.to_string() {
            problems.push(Problem::new(
                path,
                format!("coder {} does not match its folder {folder}", file.coder),
            ));
        }
        if !project.coders.contains_key(&file.coder) {
            problems.push(Problem::new(
                path,
                format!("unknown coder id {}", file.coder),
            ));
        }
        let Some(doc) = project.documents.get(&file.document) else {
            problems.push(Problem::new(
                path,
                format!("unknown document id {}", file.document),
            ));
            continue;
        };
        let (doc_name, doc_text) = (doc.name.clone(), doc.text.clone());
        let text_changed = changed.contains(&file.document);
        for record in file.codings {
            let mut coding: Coding = record.into_coding(file.document, file.coder);
            if !project.codes.contains_key(&coding.code) {
                problems.push(Problem::new(
                    path,
                    format!("coding {}: unknown code id {}", coding.id, coding.code),
                ));
            }
            if text_changed {
                match coding.anchor.place(&doc_text, coding.range) {
                    Placement::Unchanged => {}
                    Placement::Moved(to) => {
                        report.moved.push(Moved {
                            document: doc_name.clone(),
                            coding: coding.id,
                            from: coding.range,
                            to,
                        });
                        coding.range = to;
                        project.touched.insert(EntityKey::Codings(coding.coder, coding.document));
                    }
                    Placement::Lost => problems.push(Problem::new(
                        path,
                        format!(
                            "coding {} ({}..{}) could not be found again in the changed text of {:?}: its passage {:?} is gone",
                            coding.id, coding.range.start, coding.range.end, doc_name, coding.anchor.head
                        ),
                    )),
                }
            } else if coding.range.is_empty() || coding.range.end > doc_text.char_len() {
                problems.push(Problem::new(
                    path,
                    format!(
                        "coding {}: range {}..{} is outside the document {:?} ({} characters)",
                        coding.id,
                        coding.range.start,
                        coding.range.end,
                        doc_name,
                        doc_text.char_len()
                    ),
                ));
            }
            if project.codings.contains_key(&coding.id) {
                problems.push(Problem::new(
                    path,
                    format!("coding {} appears twice", coding.id),
                ));
            }
            project.load_coding(coding);
        }
    }

    for (path, text) in files_in(&files, MEMOS_DIR) {
        if let Some(memo) = parse_into::<Memo>(&mut problems, Some(text), path) {
            check_stem(&mut problems, path, &memo.id.to_string());
            let target_ok = match memo.target {
                MemoTarget::Project => true,
                MemoTarget::Document(d) => project.documents.contains_key(&d),
                MemoTarget::Code(c) => project.codes.contains_key(&c),
                MemoTarget::Coding(c) => project.codings.contains_key(&c),
            };
            if !target_ok {
                problems.push(Problem::new(
                    path,
                    format!("memo on {:?}, which does not exist", memo.target),
                ));
            }
            if let Some(author) = memo.author.filter(|a| !project.coders.contains_key(a)) {
                problems.push(Problem::new(
                    path,
                    format!("unknown author coder id {author}"),
                ));
            }
            project.memos.insert(memo.id, memo);
        }
    }

    if problems.is_empty() {
        if report.migrated_from.is_some() {
            // Rewrite every file in the current format at the next save.
            project.touch_all();
        }
        Ok((project, report))
    } else {
        Err(StoreError::Invalid(problems))
    }
}

#[derive(serde::Deserialize)]
struct VersionOnly {
    format_version: u32,
}

fn parse_into<T: serde::de::DeserializeOwned>(
    problems: &mut Vec<Problem>,
    text: Option<&String>,
    path: impl AsRef<Path>,
) -> Option<T> {
    let text = text?;
    match from_ron(text, path.as_ref()) {
        Ok(v) => Some(v),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

fn check_stem(problems: &mut Vec<Problem>, path: &Path, id: &str) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if stem != id {
        problems.push(Problem::new(
            path,
            format!("holds id {id}, which does not match its file name"),
        ));
    }
}

/// The `.ron` files under `dir` (one level, or two for codings), in path order.
fn files_in<'a>(
    files: &'a RawFiles,
    dir: &'a str,
) -> impl Iterator<Item = (&'a PathBuf, &'a String)> + 'a {
    files
        .iter()
        .filter(move |(p, _)| p.starts_with(dir) && p.extension().is_some_and(|e| e == "ron"))
}

/// Read every `.ron` file of the project (not hidden files, not temp files).
fn read_ron_files(root: &Path) -> Result<RawFiles, StoreError> {
    let mut files = RawFiles::new();
    let mut read = |rel: PathBuf| -> Result<(), StoreError> {
        let full = root.join(&rel);
        let bytes = std::fs::read(&full).map_err(io(&full))?;
        match String::from_utf8(bytes) {
            Ok(text) => {
                files.insert(rel, text);
                Ok(())
            }
            Err(e) => Err(StoreError::Invalid(vec![Problem::new(
                rel,
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )])),
        }
    };
    read(PathBuf::from(MANIFEST))?;
    if root.join(CASES).is_file() {
        read(PathBuf::from(CASES))?;
    }
    for dir in [CODERS_DIR, CODEBOOK_DIR, DOCUMENTS_DIR, MEMOS_DIR] {
        for rel in list(root, Path::new(dir))? {
            read(rel)?;
        }
    }
    for coder_dir in list_dirs(root, Path::new(CODINGS_DIR))? {
        for rel in list(root, &coder_dir)? {
            read(rel)?;
        }
    }
    Ok(files)
}

/// The visible `.ron` files directly in `dir`, sorted.
fn list(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&full).map_err(io(&full))? {
        let entry = entry.map_err(io(&full))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.')
            && Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            && entry.path().is_file()
        {
            out.push(dir.join(name));
        }
    }
    out.sort();
    Ok(out)
}

fn list_dirs(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&full).map_err(io(&full))? {
        let entry = entry.map_err(io(&full))?;
        if entry.path().is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
            out.push(dir.join(entry.file_name()));
        }
    }
    out.sort();
    Ok(out)
}

fn load_documents(
    root: &Path,
    files: &RawFiles,
    project: &mut Project,
    problems: &mut Vec<Problem>,
) -> BTreeSet<DocumentId> {
    let mut changed_texts = BTreeSet::new();
    let metas: Vec<(PathBuf, DocumentMeta)> = files_in(files, DOCUMENTS_DIR)
        .filter_map(|(p, t)| parse_into(problems, Some(t), p).map(|m| (p.clone(), m)))
        .collect();
    let txt_paths: Vec<PathBuf> = metas.iter().map(|(p, _)| p.with_extension("txt")).collect();
    let texts = read_texts(root, &txt_paths);
    for ((path, meta), text) in metas.into_iter().zip(texts) {
        check_stem(problems, &path, &meta.id.to_string());
        let txt_path = path.with_extension("txt");
        let (text, hash) = match text {
            Ok(t) => t,
            Err(message) => {
                problems.push(Problem::new(txt_path, message));
                continue;
            }
        };
        if let Some(case) = meta.case.filter(|c| !project.cases.contains_key(c)) {
            problems.push(Problem::new(&path, format!("unknown case id {case}")));
        }
        let len = text.char_len();
        let changed = hash != meta.text_hash;
        if changed {
            changed_texts.insert(meta.id);
        }
        let segments: Vec<_> = if changed {
            meta.segments
                .into_iter()
                .filter(|s| s.range.end <= len)
                .collect()
        } else {
            if let Some(s) = meta
                .segments
                .iter()
                .find(|s| s.range.end > len || s.range.start > s.range.end)
            {
                problems.push(Problem::new(
                    &path,
                    format!(
                        "segment {}..{} is outside the text ({len} characters)",
                        s.range.start, s.range.end
                    ),
                ));
            }
            meta.segments
        };
        project.documents.insert(
            meta.id,
            Document {
                id: meta.id,
                name: meta.name,
                kind: meta.kind,
                case: meta.case,
                origin: meta.origin,
                segments,
                text,
            },
        );
    }
    changed_texts
}

/// Read, index and hash the texts, two at a time.
fn read_texts(root: &Path, paths: &[PathBuf]) -> Vec<Result<(Text, String), String>> {
    let read = |rel: &PathBuf| -> Result<(Text, String), String> {
        let bytes =
            std::fs::read(root.join(rel)).map_err(|e| format!("cannot read the text: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "the text is not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        let text = Text::new(text);
        let hash = text.hash();
        Ok((text, hash))
    };
    let half = paths.len() / 2;
    std::thread::scope(|s| {
        let first = s.spawn(|| paths[..half].iter().map(read).collect::<Vec<_>>());
        let mut second: Vec<_> = paths[half..].iter().map(read).collect();
        let mut out = first
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        out.append(&mut second);
        out
    })
}

fn check_codebook(project: &Project, problems: &mut Vec<Problem>) {
    for code in project.codes.values() {
        let path = PathBuf::from(CODEBOOK_DIR).join(format!("{}.ron", code.id));
        if let Some(parent) = code.parent {
            if !project.codes.contains_key(&parent) {
                problems.push(Problem::new(
                    &path,
                    format!("unknown parent code id {parent}"),
                ));
                continue;
            }
            let mut seen = BTreeSet::from([code.id]);
            let mut next = Some(parent);
            while let Some(p) = next {
                if !seen.insert(p) {
                    problems.push(Problem::new(
                        &path,
                        "the code is its own ancestor".to_owned(),
                    ));
                    break;
                }
                next = project.codes.get(&p).and_then(|c| c.parent);
            }
        }
    }
}
