//! Saving: render the files of the entities that changed, skip those whose bytes are already on
//! disk, and write each atomically (temp file in the same folder, fsync, rename). Files are
//! written in dependency order (what is referred to before what refers to it) and removed in the
//! reverse order, so that a crash between two files still leaves a project that loads.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{CodeId, CodingRecord, EntityKey, Project};

use super::error::{StoreError, io};
use super::format::{CaseEntry, CasesFile, CodingsFile, DocumentMeta, to_ron};
use super::paths::files_of;

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
/// At every moment between two writes, what the files refer to must exist:
/// 1. new or changed referents (manifest, cases, coders, documents, codes parents first);
/// 2. removed memos (they may refer to codings about to go);
/// 3. codings files (adding and removing codings);
/// 4. new or changed memos;
/// 5. removed codes (deepest first), documents, coders.
#[must_use]
pub fn render(project: &Project, keys: &BTreeSet<EntityKey>, root: &Path) -> Vec<FileWrite> {
    let mut writes: Vec<((u8, usize), FileWrite)> = Vec::new();
    for &key in keys {
        let paths = files_of(key);
        match render_key(project, key) {
            Some(contents) => {
                let rank = put_rank(project, key);
                for (path, content) in paths.into_iter().zip(contents) {
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
    writes.sort_by_key(|(rank, _)| *rank);
    writes.into_iter().map(|(_, w)| w).collect()
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
        EntityKey::Memo(_) => (4, 0),
    }
}

/// Where a removal goes in the write order (see [`render`]).
fn remove_rank(key: EntityKey, root: &Path) -> (u8, usize) {
    match key {
        EntityKey::Memo(_) => (2, 0),
        EntityKey::Codings(..) => (3, 0),
        // Deeper codes first; the depth is read from the files still on disk.
        EntityKey::Code(id) => (5, 1000 - on_disk_code_depth(root, id)),
        EntityKey::Document(_) => (5, 1001),
        EntityKey::Coder(_) => (5, 1002),
        EntityKey::Cases => (5, 1003),
        EntityKey::Manifest => (5, 1004),
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
    let tmp = dir.join(format!(".{name}.tmp"));
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

/// Make a rename durable (on Unix a directory can be fsynced; elsewhere this is a no-op).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
