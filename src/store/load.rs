//! Loading a project folder: read every file, migrate old formats, parse, and check every
//! reference. All problems are collected and reported together, each with file, line and column;
//! a project with problems is not opened, so nothing of it can be overwritten.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use crate::model::{
    CharRange, Code, Coder, Coding, Document, DocumentId, EntityKey, Held, Manifest, Memo,
    MemoTarget, Placement, Project, SegmentAnchor, Text, reanchor,
};

use super::error::{Problem, StoreError, io};
use super::format::{
    CasesFile, CodedDocuments, CodingsFile, DocumentMeta, SegmentRecord, from_ron,
};
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

/// A speaker turn or chat message that re-anchoring moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedSegment {
    /// The document.
    pub document: String,
    /// Its speaker, if it has one.
    pub speaker: Option<String>,
    /// Where it was.
    pub from: CharRange,
    /// Where it is now.
    pub to: CharRange,
}

/// What loading noticed that is not an error.
///
/// When texts changed on disk, the project in memory holds their re-anchored codings, turns and
/// messages, but nothing of that is saved until the user agrees: [`LoadReport::accept`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// The format version the folder was written with, when older than this build's.
    pub migrated_from: Option<u32>,
    /// Documents whose text changed on disk.
    pub changed_texts: Vec<String>,
    /// Codings re-anchored onto the changed texts.
    pub moved: Vec<Moved>,
    /// Turns and messages re-anchored onto the changed texts.
    pub moved_segments: Vec<MovedSegment>,
    /// What saving the re-anchored positions would write.
    pending: BTreeSet<EntityKey>,
}

impl LoadReport {
    /// True when texts changed on disk and their re-anchored positions wait for the user's
    /// consent before anything of the project is saved.
    #[must_use]
    pub fn needs_consent(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Agree to the re-anchored positions: they are saved with the next save.
    pub fn accept(&mut self, project: &mut Project) {
        project.retouch(self.take_pending());
    }

    /// What saving the re-anchored positions writes, for a caller that marks it itself (the
    /// window's saver keeps its own copy of the project); no longer pending here.
    pub fn take_pending(&mut self) -> BTreeSet<EntityKey> {
        std::mem::take(&mut self.pending)
    }
}

/// How many times a load reads the project again when its files changed while it read them.
const READS: usize = 5;

/// Read and check the project at `root`. Another Margin may be saving meanwhile (a reader does
/// not take the lock): it writes what is referred to before what refers to it, file by file,
/// so a reader that overlaps a save can see one file new and another old. The load is
/// repeated until the project's files stayed the same while it read them.
pub fn load(root: &Path) -> Result<(Project, LoadReport), StoreError> {
    let mut before = fingerprint(root);
    for _ in 1..READS {
        let loaded = load_once(root);
        let after = fingerprint(root);
        if after == before {
            return loaded;
        }
        before = after;
    }
    load_once(root)
}

/// Every visible file of the project (not `.git`, the lock or temporary files) with its size
/// and time of change: what tells that a save happened.
fn fingerprint(root: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// One read of the project at `root`.
// Whole: the steps run in the order references resolve (referents before what names them),
// and every problem is gathered before the verdict, which a split would scatter.
fn load_once(root: &Path) -> Result<(Project, LoadReport), StoreError> {
    let manifest_path = root.join(MANIFEST);
    if !manifest_path.is_file() {
        return Err(StoreError::NotAProject(root.to_path_buf()));
    }
    let mut files = read_ron_files(root)?;
    let mut problems = Vec::new();
    let manifest_text = files.get(Path::new(MANIFEST)).cloned().unwrap_or_default();
    if manifest_text.trim().is_empty() {
        return Err(StoreError::Invalid(vec![Problem::new(
            MANIFEST,
            "the file is empty; it should hold the project's name and format version (restore it from a backup or from git)",
        )]));
    }
    let version = from_ron::<VersionOnly>(&manifest_text, Path::new(MANIFEST))
        .map_err(|mut p| {
            p.message = format!(
                "cannot read the project's format version ({}); the file should start with `(` and hold `format_version: {}`",
                p.message,
                crate::model::FORMAT_VERSION
            );
            StoreError::Invalid(vec![p])
        })?
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
                .filter(|(path, _)| is_codings_file(path))
                .map(|(path, text)| (path, from_ron::<CodingsFile>(text, path)))
                .collect::<Vec<_>>()
        });
        let changed = load_documents(root, &files, &mut project, &mut problems);
        let codings = codings
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (changed, codings)
    });
    for id in changed.keys() {
        report.pending.insert(EntityKey::Document(*id));
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
        let (doc_name, doc_len) = (doc.name.clone(), doc.text.char_len());
        let text_changed = changed.contains_key(&file.document);
        for record in file.codings {
            let coding: Coding = record.into_coding(file.document, file.coder);
            if !project.codes.contains_key(&coding.code) {
                problems.push(Problem::new(
                    path,
                    format!("coding {}: unknown code id {}", coding.id, coding.code),
                ));
            }
            // A coding on a changed text is placed again below, with everything else on it.
            if !text_changed && (coding.range.is_empty() || coding.range.end > doc_len) {
                problems.push(Problem::new(
                    path,
                    format!(
                        "coding {}: range {}..{} is outside the document {:?} ({} characters)",
                        coding.id, coding.range.start, coding.range.end, doc_name, doc_len
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

    for (id, segments) in changed {
        reanchor_document(&mut project, id, &segments, &mut report, &mut problems);
    }
    check_coded_documents(&files, &project, &mut problems);

    for (path, text) in files_in(&files, MEMOS_DIR) {
        if let Some(memo) = parse_into::<Memo>(&mut problems, Some(text), path) {
            check_stem(&mut problems, path, &memo.id.to_string());
            let target_ok = match memo.target {
                MemoTarget::Project => true,
                MemoTarget::Document(d) => project.documents.contains_key(&d),
                MemoTarget::Code(c) => project.codes.contains_key(&c),
                MemoTarget::Coding(c) => project.codings.contains_key(&c),
                MemoTarget::Summary { case, code } => {
                    project.cases.contains_key(&case) && project.codes.contains_key(&code)
                }
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
            // Rewrite every file in the current format at the next save; with the user's consent
            // when that would also save re-anchored positions.
            project.touch_all();
            if report.needs_consent() {
                report.pending.extend(project.take_touched());
            }
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

/// True for `codings/<coder-id>/<document-id>.ron` (not a coder's list, `codings/<coder-id>.ron`).
fn is_codings_file(path: &Path) -> bool {
    path.components().count() == 3
}

/// Every document a coder's list names must still have that coder's codings file: a file that
/// went missing is reported, not taken for codings that were never made.
fn check_coded_documents(files: &RawFiles, project: &Project, problems: &mut Vec<Problem>) {
    for (path, text) in files_in(files, CODINGS_DIR).filter(|(p, _)| !is_codings_file(p)) {
        let Some(list) = parse_into::<CodedDocuments>(problems, Some(text), path) else {
            continue;
        };
        check_stem(problems, path, &list.coder.to_string());
        let Some(coder) = project.coders.get(&list.coder) else {
            problems.push(Problem::new(
                path,
                format!("unknown coder id {}", list.coder),
            ));
            continue;
        };
        for document in list.documents {
            let file = PathBuf::from(CODINGS_DIR)
                .join(list.coder.to_string())
                .join(format!("{document}.ron"));
            if !files.contains_key(&file) {
                let name = project
                    .documents
                    .get(&document)
                    .map_or_else(|| document.to_string(), |d| format!("{:?}", d.name));
                problems.push(Problem::new(
                    &file,
                    format!(
                        "is missing: {} records that {:?} coded document {name}, but its codings file is gone (restore it from a backup or from git)",
                        path.display(),
                        coder.name
                    ),
                ));
            }
        }
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
                // A byte-order mark (added by some editors) is not part of the RON.
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_owned(),
                    None => text,
                };
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
    for rel in list(root, Path::new(CODINGS_DIR))? {
        read(rel)?;
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
        let raw = entry.file_name();
        let Some(name) = raw.to_str().map(str::to_owned) else {
            return Err(StoreError::Invalid(vec![Problem::new(
                dir,
                format!(
                    "holds a file whose name is not valid UTF-8 (\"{}\"); Margin names its files by id, so this one is not Margin's: move it out of the project folder",
                    raw.as_encoded_bytes().escape_ascii()
                ),
            )]));
        };
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

/// Place the turns, messages and codings of a document whose text changed on disk again (see
/// [`crate::model::reanchor`]), and report what moved and what is gone.
fn reanchor_document(
    project: &mut Project,
    id: DocumentId,
    segments: &[(CharRange, SegmentAnchor)],
    report: &mut LoadReport,
    problems: &mut Vec<Problem>,
) {
    let path = PathBuf::from(DOCUMENTS_DIR).join(format!("{id}.ron"));
    let doc = &project.documents[&id];
    let codings: Vec<&Coding> = project.codings_of(id).collect();
    let held: Vec<Held<'_>> = codings
        .iter()
        .map(|c| Held {
            range: c.range,
            anchor: &c.anchor,
        })
        .collect();
    let old: Vec<(CharRange, &SegmentAnchor)> = segments.iter().map(|(r, a)| (*r, a)).collect();
    let placed = reanchor(&doc.text, &old, &held);
    let mut moved_codings = Vec::new();
    for (c, placement) in codings.iter().zip(&placed.codings) {
        match placement {
            Placement::Unchanged => {}
            Placement::Moved(to) => moved_codings.push((c.id, c.coder, c.range, *to)),
            Placement::Lost => problems.push(Problem::new(
                PathBuf::from(CODINGS_DIR)
                    .join(c.coder.to_string())
                    .join(format!("{id}.ron")),
                format!(
                    "coding {} ({}..{}) could not be found again in the changed text of {:?}: its passage {:?} is gone",
                    c.id, c.range.start, c.range.end, doc.name, c.anchor.head
                ),
            )),
        }
    }
    let name = doc.name.clone();
    let Some(doc) = project.documents.get_mut(&id) else {
        return;
    };
    for (i, to) in placed.segments.iter().enumerate() {
        let segment = &mut doc.segments[i];
        match to {
            Some(to) if *to == segment.range => {}
            Some(to) => {
                report.moved_segments.push(MovedSegment {
                    document: name.clone(),
                    speaker: segment.speaker.clone(),
                    from: segment.range,
                    to: *to,
                });
                segment.range = *to;
            }
            None => problems.push(Problem::new(
                &path,
                format!(
                    "turn or message {} ({}, {}..{}) could not be found again in the changed text of {name:?}: its label and text {:?} are gone",
                    i + 1,
                    segment.speaker.as_deref().unwrap_or("no speaker"),
                    segment.range.start,
                    segment.range.end,
                    segments[i].1.anchor.head
                ),
            )),
        }
    }
    for (coding, coder, from, to) in moved_codings {
        report.moved.push(Moved {
            document: name.clone(),
            coding,
            from,
            to,
        });
        report.pending.insert(EntityKey::Codings(coder, id));
        if let Some(c) = project.codings.get_mut(&coding) {
            c.range = to;
        }
    }
}

/// Problems with a document's turns and messages: each in order and, when the text is the one they
/// were recorded on, inside it and starting after its label.
fn check_segments(
    path: &Path,
    text: Option<&Text>,
    segments: &[crate::model::Segment],
    problems: &mut Vec<Problem>,
) {
    let mut previous_end = 0;
    for (i, s) in segments.iter().enumerate() {
        let n = i + 1;
        let fault = if s.range.start > s.range.end {
            Some(format!(
                "turn or message {n}: its range {}..{} ends before it starts",
                s.range.start, s.range.end
            ))
        } else if s.range.start < previous_end {
            Some(format!(
                "turn or message {n}: it starts at {}, inside the one before it (which ends at {previous_end})",
                s.range.start
            ))
        } else if let Some(text) = text {
            let len = text.char_len();
            if s.range.end > len {
                Some(format!(
                    "turn or message {n}: segment {}..{} is outside the text ({len} characters)",
                    s.range.start, s.range.end
                ))
            } else if !after_label(text, s.range.start) {
                let before = text.slice(CharRange::new(
                    s.range.start.saturating_sub(24),
                    s.range.start,
                ));
                Some(format!(
                    "turn or message {n} ({}) does not start after its label: the text before it ends {before:?}",
                    s.speaker.as_deref().unwrap_or("no speaker")
                ))
            } else {
                None
            }
        } else {
            None
        };
        if let Some(message) = fault {
            problems.push(Problem::new(path, message));
            return;
        }
        previous_end = s.range.end;
    }
}

/// True when a turn or message may start at `start`: at the start of the text, or after the end
/// of its label (a line break, a space, a colon or a closing bracket). A segment left at old
/// offsets after the text moved starts mid-word instead.
fn after_label(text: &Text, start: usize) -> bool {
    start == 0
        || text
            .slice(CharRange::new(start - 1, start))
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || matches!(c, ':' | '：' | ']' | ')' | '）' | '】'))
}

/// Read the documents; returns those whose text changed on disk, with their turns' and
/// messages' recorded ranges and anchors (for re-anchoring).
fn load_documents(
    root: &Path,
    files: &RawFiles,
    project: &mut Project,
    problems: &mut Vec<Problem>,
) -> BTreeMap<DocumentId, Vec<(CharRange, SegmentAnchor)>> {
    let mut changed_texts = BTreeMap::new();
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
        let changed = hash != meta.text_hash;
        let (segments, anchors): (Vec<_>, Vec<_>) = meta
            .segments
            .into_iter()
            .map(SegmentRecord::into_parts)
            .unzip();
        check_segments(&path, (!changed).then_some(&text), &segments, problems);
        if changed {
            changed_texts.insert(
                meta.id,
                segments.iter().map(|s| s.range).zip(anchors).collect(),
            );
        }
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
                media: meta.media,
                edits: meta.edits,
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
