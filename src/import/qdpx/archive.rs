//! Reading a `.qdpx` zip defensively: every entry name is checked before anything is read (no
//! absolute paths, no `..`), the number of entries is capped, and every read is bounded by the
//! entry's limit and by a budget for the whole archive, counted on the bytes actually unpacked
//! (a zip's declared sizes may lie). Nothing is ever written to disk.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::{Component, Path, PathBuf};

use zip::ZipArchive;

use super::Limits;
use super::error::QdpxError;

/// An open archive with its entry names checked.
pub(super) struct Archive<R: Read + Seek> {
    path: PathBuf,
    zip: ZipArchive<R>,
    /// Entry names, as stored.
    names: Vec<String>,
    /// Lowercased names (folder separators as `/`) to entry index.
    by_name: HashMap<String, usize>,
    /// Bytes unpacked so far.
    unpacked: u64,
    total_limit: u64,
}

/// True when `name` stays inside the archive's folder.
fn safe_name(name: &str) -> bool {
    if name.is_empty() || name.contains('\0') || name.starts_with(['/', '\\']) {
        return false;
    }
    // Windows drive letters (`C:`) and `..` in either separator style.
    if name.len() >= 2 && name.as_bytes()[1] == b':' {
        return false;
    }
    let unified = name.replace('\\', "/");
    Path::new(&unified)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

impl<R: Read + Seek> Archive<R> {
    /// Open the archive and check every entry name and the entry count.
    pub(super) fn open(reader: R, path: &Path, limits: &Limits) -> Result<Self, QdpxError> {
        let zip = ZipArchive::new(reader).map_err(|e| QdpxError::NotAnArchive {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        if zip.len() > limits.max_entries {
            return Err(QdpxError::TooManyEntries {
                path: path.to_path_buf(),
                count: zip.len(),
                limit: limits.max_entries,
            });
        }
        let mut names = Vec::with_capacity(zip.len());
        let mut by_name = HashMap::with_capacity(zip.len());
        for i in 0..zip.len() {
            let name = match zip.name_for_index(i) {
                Some(Ok(n)) => n.into_owned(),
                _ => {
                    return Err(QdpxError::NotAnArchive {
                        path: path.to_path_buf(),
                        message: format!("entry {i} has an unreadable name"),
                    });
                }
            };
            if !safe_name(&name) {
                return Err(QdpxError::UnsafePath {
                    path: path.to_path_buf(),
                    entry: name,
                });
            }
            let key = name
                .replace('\\', "/")
                .trim_start_matches("./")
                .to_lowercase();
            by_name.entry(key).or_insert(i);
            names.push(name);
        }
        Ok(Self {
            path: path.to_path_buf(),
            zip,
            names,
            by_name,
            unpacked: 0,
            total_limit: limits.max_total_bytes,
        })
    }

    /// The archive's path (for messages).
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Entry names as stored.
    pub(super) fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the entry named `name`, ignoring case and separator style.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.by_name
            .get(
                &name
                    .replace('\\', "/")
                    .trim_start_matches("./")
                    .to_lowercase(),
            )
            .copied()
    }

    /// Unpack entry `index`, refusing more than `limit` bytes (and more than the archive's
    /// remaining budget).
    pub(super) fn read(&mut self, index: usize, limit: u64) -> Result<Vec<u8>, QdpxError> {
        let name = self.names.get(index).cloned().unwrap_or_default();
        let path = self.path.clone();
        let entry_err = |message: String| QdpxError::Entry {
            path: path.clone(),
            entry: name.clone(),
            message,
        };
        let total_limit = self.total_limit;
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| entry_err(e.to_string()))?;
        let budget = total_limit.saturating_sub(self.unpacked);
        let cap = limit.min(budget);
        let refuse = |size: u64| {
            if size > limit {
                QdpxError::EntryTooLarge {
                    path: path.clone(),
                    entry: name.clone(),
                    limit,
                }
            } else {
                QdpxError::ArchiveTooLarge {
                    path: path.clone(),
                    limit: total_limit,
                }
            }
        };
        if file.size() > cap {
            return Err(refuse(file.size()));
        }
        let mut bytes = Vec::with_capacity(file.size() as usize);
        // The declared size may lie: stop one byte past the cap whatever it says.
        (&mut file)
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| entry_err(format!("cannot unpack: {e}")))?;
        if bytes.len() as u64 > cap {
            return Err(refuse(bytes.len() as u64));
        }
        self.unpacked += bytes.len() as u64;
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn unsafe_names_are_recognised() {
        for bad in [
            "../x.txt",
            "sources/../../x.txt",
            "/etc/passwd",
            "\\windows\\x",
            "C:/x.txt",
            "sources\\..\\..\\x",
            "",
        ] {
            assert!(!safe_name(bad), "{bad:?}");
        }
        for good in [
            "project.qde",
            "sources/a.txt",
            "./sources/b.txt",
            "Sources/C.TXT",
        ] {
            assert!(safe_name(good), "{good:?}");
        }
    }
}
