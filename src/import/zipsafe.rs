//! Reading zip-based formats (docx, odt, xlsx) safely. Nothing is ever written to disk, and before
//! any entry is used the archive is checked: a bounded number of entries, no entry name that would
//! escape a folder (`..`, absolute paths, drive letters), declared sizes within limits, and every
//! entry read through a limit so that a file that lies about its size (a "zip bomb") is stopped
//! once it passes the limit.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use super::error::ImportError;

/// Limits for reading a zip archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZipLimits {
    /// Most entries an archive may hold.
    pub max_entries: usize,
    /// Largest uncompressed size of one entry, in bytes.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries together, in bytes.
    pub max_total_bytes: u64,
    /// Largest ratio of uncompressed to compressed size of one entry (a deflate stream of
    /// ordinary XML compresses 5 to 20 times; bombs do a thousand times or more).
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_entry_bytes: 256 * 1024 * 1024,
            max_total_bytes: 1024 * 1024 * 1024,
            max_ratio: 500,
        }
    }
}

/// A checked zip archive held in memory.
pub struct SafeZip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    path: &'a Path,
    limits: ZipLimits,
}

impl std::fmt::Debug for SafeZip<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("path", &self.path)
            .field("entries", &self.archive.len())
            .finish_non_exhaustive()
    }
}

fn unsupported(path: &Path, message: String) -> ImportError {
    ImportError::Unsupported {
        path: path.to_path_buf(),
        message,
    }
}

/// True when an entry name stays inside the folder it would be extracted to.
#[must_use]
pub fn name_is_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.starts_with('\\')
        && !name.contains('\0')
        && name.as_bytes().get(1).is_none_or(|&b| b != b':')
        && name.split(['/', '\\']).all(|part| part != "..")
}

impl<'a> SafeZip<'a> {
    /// Open and check an archive; `path` names it in errors.
    pub fn open(bytes: &'a [u8], path: &'a Path, limits: ZipLimits) -> Result<Self, ImportError> {
        let mut archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| unsupported(path, format!("not a readable zip archive ({e})")))?;
        if archive.len() > limits.max_entries {
            return Err(unsupported(
                path,
                format!(
                    "the archive holds {} entries, more than the {} Margin reads",
                    archive.len(),
                    limits.max_entries
                ),
            ));
        }
        let mut total = 0u64;
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| unsupported(path, format!("zip entry {i} is unreadable ({e})")))?;
            let name = entry
                .name()
                .map_err(|e| {
                    unsupported(path, format!("zip entry {i} has an unreadable name ({e})"))
                })?
                .into_owned();
            if !name_is_safe(&name) {
                return Err(unsupported(
                    path,
                    format!("zip entry {name:?} would escape its folder; the file is refused"),
                ));
            }
            if entry.size() > limits.max_entry_bytes {
                return Err(unsupported(
                    path,
                    format!(
                        "zip entry {name:?} declares {} bytes uncompressed, more than the limit of {}",
                        entry.size(),
                        limits.max_entry_bytes
                    ),
                ));
            }
            let ratio_cap = entry
                .compressed_size()
                .max(1024)
                .saturating_mul(limits.max_ratio);
            if entry.size() > ratio_cap {
                return Err(unsupported(
                    path,
                    format!(
                        "zip entry {name:?} would expand from {} to {} bytes; the file looks like a zip bomb",
                        entry.compressed_size(),
                        entry.size()
                    ),
                ));
            }
            total = total.saturating_add(entry.size());
        }
        if total > limits.max_total_bytes {
            return Err(unsupported(
                path,
                format!(
                    "the archive declares {total} bytes uncompressed, more than the limit of {}",
                    limits.max_total_bytes
                ),
            ));
        }
        Ok(Self {
            archive,
            path,
            limits,
        })
    }

    /// True when the archive has an entry of that name.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// The names of all entries.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(std::borrow::Cow::into_owned))
            .collect()
    }

    /// Read one entry, stopping at the limits whatever its header declares.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        let path = self.path;
        let limits = self.limits;
        let entry = self
            .archive
            .by_name(name)
            .map_err(|e| unsupported(path, format!("cannot read {name} from the archive ({e})")))?;
        let declared = entry.size();
        let compressed = entry.compressed_size();
        let cap = limits
            .max_entry_bytes
            .min(compressed.max(1024).saturating_mul(limits.max_ratio));
        let mut bytes = Vec::with_capacity(declared.min(cap) as usize);
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unsupported(path, format!("cannot read {name} from the archive ({e})")))?;
        if bytes.len() as u64 > cap || bytes.len() as u64 != declared {
            return Err(unsupported(
                path,
                format!(
                    "zip entry {name:?} expands to more bytes than it declares ({declared}); the file is refused"
                ),
            ));
        }
        Ok(bytes)
    }

    /// Read one entry as UTF-8 text (XML parts of office files).
    pub fn read_text(&mut self, name: &str) -> Result<String, ImportError> {
        let bytes = self.read(name)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec()).map_err(|e| {
            unsupported(
                self.path,
                format!(
                    "{name} in the archive is not UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    }

    /// Read every entry through the limits (for formats another crate then parses: this proves
    /// that no entry expands past what it declares before the crate sees the archive).
    pub fn verify_all(&mut self) -> Result<(), ImportError> {
        for name in self.names() {
            if !name.ends_with('/') {
                self.read(&name)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_are_spotted() {
        assert!(name_is_safe("word/document.xml"));
        assert!(!name_is_safe("../evil.xml"));
        assert!(!name_is_safe("word/../../evil.xml"));
        assert!(!name_is_safe("/etc/passwd"));
        assert!(!name_is_safe("C:\\x.xml"));
        assert!(!name_is_safe("word\\..\\x"));
        assert!(!name_is_safe(""));
    }
}
