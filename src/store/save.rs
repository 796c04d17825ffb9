//! Saving: render the files of the entities that changed, skip those whose bytes are already on
//! disk, and write each atomically (temp file in the same folder, fsync, rename). Files are
//! written in dependency order (what is referred to before what refers to it) and removed in the
//! reverse order, so that a crash between two files still leaves a project that loads.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{CodeId, CoderId, CodingRecord, DocumentId, EntityKey, Project};

use super::error::{StoreError, io};
use super::format::{CaseEntry, CasesFile, CodedDocuments, CodingsFile, DocumentMeta, to_ron};
use super::paths::{coded_documents_of, files_of};

/// One file to write (`Some`) or remove (`None`), relative to the project folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileWrite {
    /// The file.
    pub path: PathBuf,
    /// Its new content, or `None` to remove it.
    pub content: Option<Vec<u8>>,
}

/// Render the files of `keys` from `project`, in the order they must be written.
///
/// At every moment between two writes, what the files refer to must exist and every recorded
/// text hash must describe offsets that fit it:
/// 1. new or changed referents (manifest, cases, coders, codes parents first, new documents,
///    and the texts of documents already on disk);
/// 2. removed memos (they may refer to codings about to go), and documents unlisted from their
///    coders' lists of coded documents;
/// 3. codings files (adding and removing codings);
/// 4. then the lists of coded documents, complete again; and the metadata of documents already
///    on disk (a text's new hash, its turns and messages) only now, after the codings that fit
///    that text: a crash before it leaves the old hash, so the next load re-anchors from the
///    anchors and finds everything where it now is;
/// 5. new or changed memos;
/// 6. removed codes (deepest first), documents, coders.
#[must_use]
pub fn render(project: &Project, keys: &BTreeSet<EntityKey>, root: &Path) -> Vec<FileWrite> {
    let mut writes: Vec<((u8, usize), FileWrite)> = Vec::new();
    // The coders whose lists of coded documents may change, with the documents touched.
    let mut coders: std::collections::BTreeMap<CoderId, BTreeSet<DocumentId>> =
        std::collections::BTreeMap::new();
    for &key in keys {
        let paths = files_of(key);
        match key {
            EntityKey::Codings(coder, document) => {
                coders.entry(coder).or_default().insert(document);
            }
            EntityKey::Coder(coder) => {
                coders.entry(coder).or_default();
            }
            _ => {}
        }
        match render_key(project, key) {
            Some(contents) => {
                let rank = put_rank(project, key);
                for (i, (path, content)) in paths.into_iter().zip(contents).enumerate() {
                    // A document's metadata goes after the codings on its text, unless the
                    // document is new (then the codings refer to it).
                    let rank = if matches!(key, EntityKey::Document(_))
                        && i == 1
                        && root.join(&path).exists()
                    {
                        (4, 1)
                    } else {
                        rank
                    };
                    writes.push((
                        rank,
                        FileWrite {
                            path,
                            content: Some(content),
                        },
                    ));
                }
            }
            None => {
                let rank = remove_rank(key, root);
                for path in paths.into_iter().rev() {
                    writes.push((
                        rank,
                        FileWrite {
                            path,
                            content: None,
                        },
                    ));
                }
            }
        }
    }
    for (coder, touched) in coders {
        let (before, after) = coded_documents_writes(project, coder, &touched, root);
        writes.push(((2, 1), before));
        writes.push(((4, 0), after));
    }
    writes.sort_by_key(|(rank, _)| *rank);
    writes.into_iter().map(|(_, w)| w).collect()
}

/// The two writes of a coder's list of coded documents around the codings files: before them,
/// the list without the documents about to lose their file; after them, the new list (removed
/// when the coder has no codings left). Only the `touched` documents can have changed since the
/// list on disk was written, so only they are looked at (a save stays proportional to the edit).
fn coded_documents_writes(
    project: &Project,
    coder: CoderId,
    touched: &BTreeSet<DocumentId>,
    root: &Path,
) -> (FileWrite, FileWrite) {
    let path = coded_documents_of(coder);
    let on_disk: BTreeSet<DocumentId> = fs::read_to_string(root.join(&path))
        .ok()
        .and_then(|t| ron::from_str::<CodedDocuments>(&t).ok())
        .map(|list| list.documents.into_iter().collect())
        .unwrap_or_default();
    let now: BTreeSet<DocumentId> = if project.coders.contains_key(&coder) {
        let mut now = on_disk.clone();
        for &document in touched {
            if project.codings_of(document).any(|c| c.coder == coder) {
                now.insert(document);
            } else {
                now.remove(&document);
            }
        }
        now
    } else {
        BTreeSet::new()
    };
    let render = |documents: BTreeSet<DocumentId>| {
        to_ron(
            &CodedDocuments {
                coder,
                documents: documents.into_iter().collect(),
            },
            2,
        )
        .into_bytes()
    };
    let kept: BTreeSet<DocumentId> = on_disk.intersection(&now).copied().collect();
    let before = FileWrite {
        path: path.clone(),
        content: (!on_disk.is_empty()).then(|| render(kept)),
    };
    let after = FileWrite {
        path,
        content: (!now.is_empty()).then(|| render(now)),
    };
    (before, after)
}

/// The contents of `key`'s files, or `None` when the entity no longer exists.
fn render_key(project: &Project, key: EntityKey) -> Option<Vec<Vec<u8>>> {
    let one = |s: String| Some(vec![s.into_bytes()]);
    match key {
        EntityKey::Manifest => one(to_ron(&project.manifest, 3)),
        EntityKey::Cases => {
            let mut file = CasesFile {
                attributes: project.attributes_sorted().into_iter().cloned().collect(),
                cases: project.cases.values().map(CaseEntry::from).collect(),
            };
            file.cases
                .sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
            one(to_ron(&file, 2))
        }
        EntityKey::Document(id) => {
            let doc = project.documents.get(&id)?;
            Some(vec![
                doc.text.as_str().as_bytes().to_vec(),
                to_ron(&DocumentMeta::of(doc), 2).into_bytes(),
            ])
        }
        EntityKey::Code(id) => one(to_ron(project.codes.get(&id)?, 2)),
        EntityKey::Coder(id) => one(to_ron(project.coders.get(&id)?, 2)),
        EntityKey::Memo(id) => one(to_ron(project.memos.get(&id)?, 2)),
        EntityKey::Codings(coder, document) => {
            let mut codings: Vec<CodingRecord> = project
                .codings_of(document)
                .filter(|c| c.coder == coder)
                .map(CodingRecord::of)
                .collect();
            if codings.is_empty() {
                return None;
            }
            codings.sort_by(|a, b| {
                (a.start, a.end, a.code, a.id).cmp(&(b.start, b.end, b.code, b.id))
            });
            one(to_ron(
                &CodingsFile {
                    coder,
                    document,
                    codings,
                },
                2,
            ))
        }
    }
}

/// Where a put goes in the write order (see [`render`]).
fn put_rank(project: &Project, key: EntityKey) -> (u8, usize) {
    match key {
        EntityKey::Manifest => (1, 0),
        EntityKey::Cases => (1, 1),
        EntityKey::Coder(_) => (1, 2),
        EntityKey::Document(_) => (1, 3),
        EntityKey::Code(id) => (1, 10 + code_depth(project, id)),
        EntityKey::Codings(..) => (3, 0),
        EntityKey::Memo(_) => (5, 0),
    }
}

/// Where a removal goes in the write order (see [`render`]).
fn remove_rank(key: EntityKey, root: &Path) -> (u8, usize) {
    match key {
        EntityKey::Memo(_) => (2, 0),
        EntityKey::Codings(..) => (3, 0),
        // Deeper codes first; the depth is read from the files still on disk.
        EntityKey::Code(id) => (6, 1000 - on_disk_code_depth(root, id)),
        EntityKey::Document(_) => (6, 1001),
        EntityKey::Coder(_) => (6, 1002),
        EntityKey::Cases => (6, 1003),
        EntityKey::Manifest => (6, 1004),
    }
}

fn code_depth(project: &Project, id: CodeId) -> usize {
    let mut depth = 0;
    let mut next = project.codes.get(&id).and_then(|c| c.parent);
    while let Some(p) = next {
        depth += 1;
        if depth > project.codes.len() {
            break;
        }
        next = project.codes.get(&p).and_then(|c| c.parent);
    }
    depth
}

fn on_disk_code_depth(root: &Path, id: CodeId) -> usize {
    let mut depth = 0;
    let mut next = Some(id);
    while let Some(c) = next {
        let path = root.join(&files_of(EntityKey::Code(c))[0]);
        let parent = fs::read_to_string(&path)
            .ok()
            .and_then(|t| ron::from_str::<crate::model::Code>(&t).ok())
            .and_then(|code| code.parent);
        match parent {
            Some(p) if depth < 64 => {
                depth += 1;
                next = Some(p);
            }
            _ => next = None,
        }
    }
    depth
}

/// Counts write steps down to a simulated crash (for tests of interrupted saves).
#[derive(Debug)]
pub(crate) struct CrashAfter(pub Option<usize>);

impl CrashAfter {
    fn step(&mut self) -> std::io::Result<()> {
        match &mut self.0 {
            Some(0) => Err(std::io::Error::other("simulated crash")),
            Some(n) => {
                *n -= 1;
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// Apply `writes` under `root`, skipping files whose content is already there. Returns the
/// files actually written or removed.
pub(crate) fn commit(
    root: &Path,
    writes: &[FileWrite],
    crash: &mut CrashAfter,
) -> Result<Vec<PathBuf>, StoreError> {
    let mut done = Vec::new();
    for w in writes {
        let full = root.join(&w.path);
        match &w.content {
            Some(bytes) => {
                if fs::read(&full).is_ok_and(|old| old == *bytes) {
                    continue;
                }
                write_atomic(&full, bytes, crash).map_err(io(&full))?;
            }
            None => {
                if !full.exists() {
                    continue;
                }
                crash.step().map_err(io(&full))?;
                fs::remove_file(&full).map_err(io(&full))?;
                if let Some(dir) = full.parent() {
                    // Drop a coder's codings folder once it is empty; ignore if it is not.
                    if dir
                        .parent()
                        .is_some_and(|p| p.ends_with(super::paths::CODINGS_DIR))
                    {
                        let _ = fs::remove_dir(dir);
                    }
                }
            }
        }
        done.push(w.path.clone());
    }
    Ok(done)
}

/// Write `bytes` to `path` atomically: a crash leaves the old file or the new one.
fn write_atomic(path: &Path, bytes: &[u8], crash: &mut CrashAfter) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(temp_name(&name));
    let mut file = fs::File::create(&tmp)?;
    crash.step()?;
    let half = bytes.len() / 2;
    file.write_all(&bytes[..half])?;
    crash.step()?;
    file.write_all(&bytes[half..])?;
    file.sync_all()?;
    drop(file);
    crash.step()?;
    fs::rename(&tmp, path)?;
    sync_dir(dir);
    Ok(())
}

/// A temporary name for a new version of `name`, unique to this process and this write, so that
/// no two writers (nor two saves of one process) ever share one. Hidden, and ignored by git.
fn temp_name(name: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id())
}

/// How the names of temporary files end.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Remove the temporary files that writes cut short (by a crash or a kill) left in the project's
/// folders. Only the holder of the lock calls this, so no write of another process is under way.
pub(crate) fn remove_leftover_temps(root: &Path) {
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir()
                && !name.starts_with('.')
                && dir.components().count() < root.components().count() + 2
            {
                dirs.push(entry.path());
            } else if kind.is_file() && name.starts_with('.') && name.ends_with(TEMP_SUFFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Make a rename durable (on Unix a directory can be fsynced; elsewhere this is a no-op).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
