//! Reading zip archives safely, for every importer that opens one (docx, odt and xlsx here, and
//! REFI-QDA's `.qdpx` through `qdpx::archive`). Nothing is ever written to disk. [`ZipReader`]
//! does the checking: a bounded number of entries, no entry name that would escape a folder
//! (`..`, absolute paths, drive letters, NUL), and every entry read through a cap (its limit,
//! its compression ratio and what is left of the archive's budget) counted on the bytes actually
//! unpacked, so that a file that lies about its size (a "zip bomb") is stopped once it passes a
//! limit. Its faults name the entry but not the file; each importer maps them to its own error
//! type, which names the file. [`SafeZip`] is that mapping for the office formats, which also
//! check every declared size before any entry is used.

use std::io::{Cursor, Read, Seek};
use std::path::{Component, Path};

use zip::ZipArchive;
use zip::result::ZipError;

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
    /// ordinary XML compresses 5 to 20 times; bombs do a thousand times or more). Entries of up
    /// to 1024 compressed bytes count as 1024. `u64::MAX` turns the check off.
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

/// True when an entry name stays inside the folder it would be extracted to: not empty, no NUL,
/// not absolute (`/`, `\`, a drive letter), and only plain names or `.` between separators of
/// either style.
#[must_use]
pub fn name_is_safe(name: &str) -> bool {
    if name.is_empty() || name.contains('\0') || name.starts_with(['/', '\\']) {
        return false;
    }
    if name.as_bytes().get(1) == Some(&b':') {
        return false;
    }
    Path::new(&name.replace('\\', "/"))
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Which limit an entry passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Excess {
    /// The entry's own limit (the smaller of the caller's and [`ZipLimits::max_entry_bytes`]).
    Entry {
        /// The limit in bytes.
        limit: u64,
    },
    /// The compression ratio ([`ZipLimits::max_ratio`]).
    Ratio {
        /// The entry's compressed size.
        compressed: u64,
    },
    /// What is left of the archive's budget ([`ZipLimits::max_total_bytes`]).
    Total {
        /// The archive's budget in bytes.
        limit: u64,
    },
}

/// Why [`ZipReader`] refused an archive or an entry. Callers add the file's path.
#[derive(Debug)]
pub(crate) enum ZipFault {
    /// Not a zip archive, or a damaged one.
    NotAZip(ZipError),
    /// More entries than [`ZipLimits::max_entries`].
    TooManyEntries {
        /// Entries found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry's header could not be read.
    UnreadableEntry {
        /// The entry's index.
        index: usize,
        /// What the zip reader said.
        source: ZipError,
    },
    /// An entry's name could not be read.
    UnreadableName {
        /// The entry's index.
        index: usize,
        /// What the zip reader said, if anything.
        source: Option<ZipError>,
    },
    /// An entry's name would escape its folder (see [`name_is_safe`]).
    UnsafeName {
        /// The name as stored.
        entry: String,
    },
    /// The declared sizes of all entries add up to more than [`ZipLimits::max_total_bytes`].
    DeclaredTotal {
        /// Their sum.
        total: u64,
        /// The limit.
        limit: u64,
    },
    /// An entry declares, or unpacks to, more than a limit allows.
    TooLarge {
        /// The entry.
        entry: String,
        /// Its declared uncompressed size.
        declared: u64,
        /// Bytes unpacked when it was stopped; `None` when refused on its declared size.
        unpacked: Option<u64>,
        /// The limit it passes.
        excess: Excess,
    },
    /// An entry could not be opened (or there is none of that name).
    Open {
        /// The entry.
        entry: String,
        /// What the zip reader said.
        source: ZipError,
    },
    /// An entry could not be unpacked.
    Unpack {
        /// The entry.
        entry: String,
        /// What the decompressor said.
        source: std::io::Error,
    },
    /// An entry unpacked to other than the size it declares.
    Mismatch {
        /// The entry.
        entry: String,
        /// Its declared size.
        declared: u64,
        /// Bytes unpacked.
        unpacked: u64,
    },
}

/// The largest size `compressed` bytes may expand to under `limits`.
fn ratio_cap(limits: &ZipLimits, compressed: u64) -> u64 {
    compressed.max(1024).saturating_mul(limits.max_ratio)
}

/// The first limit `size` passes: the entry's (`limit`, capped by the archive's), the ratio,
/// then the budget `remaining`.
fn excess(
    limits: &ZipLimits,
    size: u64,
    compressed: u64,
    limit: u64,
    remaining: u64,
) -> Option<Excess> {
    let limit = limit.min(limits.max_entry_bytes);
    if size > limit {
        Some(Excess::Entry { limit })
    } else if size > ratio_cap(limits, compressed) {
        Some(Excess::Ratio { compressed })
    } else if size > remaining {
        Some(Excess::Total {
            limit: limits.max_total_bytes,
        })
    } else {
        None
    }
}

/// A zip archive whose entry count and entry names have been checked, read only through limits.
pub(crate) struct ZipReader<R: Read + Seek> {
    zip: ZipArchive<R>,
    /// Entry names, as stored, by index.
    names: Vec<String>,
    limits: ZipLimits,
    /// Bytes unpacked so far.
    unpacked: u64,
}

impl<R: Read + Seek> ZipReader<R> {
    /// Open an archive and check its entry count and every entry name.
    pub(crate) fn open(reader: R, limits: ZipLimits) -> Result<Self, ZipFault> {
        let zip = ZipArchive::new(reader).map_err(ZipFault::NotAZip)?;
        if zip.len() > limits.max_entries {
            return Err(ZipFault::TooManyEntries {
                count: zip.len(),
                limit: limits.max_entries,
            });
        }
        let mut names = Vec::with_capacity(zip.len());
        for index in 0..zip.len() {
            let name = match zip.name_for_index(index) {
                Some(Ok(name)) => name.into_owned(),
                Some(Err(e)) => {
                    return Err(ZipFault::UnreadableName {
                        index,
                        source: Some(e),
                    });
                }
                None => {
                    return Err(ZipFault::UnreadableName {
                        index,
                        source: None,
                    });
                }
            };
            if !name_is_safe(&name) {
                return Err(ZipFault::UnsafeName { entry: name });
            }
            names.push(name);
        }
        Ok(Self {
            zip,
            names,
            limits,
            unpacked: 0,
        })
    }

    /// Check every entry's declared size against the entry limit and the ratio, and their sum
    /// against the total, before anything is unpacked (for formats that need the whole archive).
    pub(crate) fn check_declared(&mut self) -> Result<(), ZipFault> {
        let limits = self.limits;
        let mut total = 0u64;
        for index in 0..self.zip.len() {
            let entry = self
                .zip
                .by_index_raw(index)
                .map_err(|source| ZipFault::UnreadableEntry { index, source })?;
            let declared = entry.size();
            if let Some(excess) = excess(
                &limits,
                declared,
                entry.compressed_size(),
                u64::MAX,
                u64::MAX,
            ) {
                return Err(ZipFault::TooLarge {
                    entry: self.names[index].clone(),
                    declared,
                    unpacked: None,
                    excess,
                });
            }
            total = total.saturating_add(declared);
        }
        if total > limits.max_total_bytes {
            return Err(ZipFault::DeclaredTotal {
                total,
                limit: limits.max_total_bytes,
            });
        }
        Ok(())
    }

    /// Entry names as stored, by index.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the entry named exactly `name`.
    pub(crate) fn index_for_name(&self, name: &str) -> Option<usize> {
        self.zip.index_for_name(name)
    }

    /// Unpack entry `index`, refusing more than `limit` bytes (and more than
    /// [`ZipLimits::max_entry_bytes`], the ratio allows, or the archive's budget has left),
    /// whatever its header declares, and refusing an entry that unpacks to other than it
    /// declares. What is unpacked counts against the budget.
    pub(crate) fn read(&mut self, index: usize, limit: u64) -> Result<Vec<u8>, ZipFault> {
        let entry = self.names.get(index).cloned().unwrap_or_default();
        let limits = self.limits;
        let remaining = limits.max_total_bytes.saturating_sub(self.unpacked);
        let file = match self.zip.by_index(index) {
            Ok(file) => file,
            Err(source) => return Err(ZipFault::Open { entry, source }),
        };
        let declared = file.size();
        let compressed = file.compressed_size();
        if let Some(excess) = excess(&limits, declared, compressed, limit, remaining) {
            return Err(ZipFault::TooLarge {
                entry,
                declared,
                unpacked: None,
                excess,
            });
        }
        let cap = limit
            .min(limits.max_entry_bytes)
            .min(ratio_cap(&limits, compressed))
            .min(remaining);
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        // The declared size may lie: stop one byte past the cap whatever it says.
        if let Err(source) = file.take(cap + 1).read_to_end(&mut bytes) {
            return Err(ZipFault::Unpack { entry, source });
        }
        let unpacked = bytes.len() as u64;
        if let Some(excess) = excess(&limits, unpacked, compressed, limit, remaining) {
            return Err(ZipFault::TooLarge {
                entry,
                declared,
                unpacked: Some(unpacked),
                excess,
            });
        }
        if unpacked != declared {
            return Err(ZipFault::Mismatch {
                entry,
                declared,
                unpacked,
            });
        }
        self.unpacked += unpacked;
        Ok(bytes)
    }
}

/// A checked zip archive held in memory, its faults reported as [`ImportError`]s naming the file.
pub struct SafeZip<'a> {
    reader: ZipReader<Cursor<&'a [u8]>>,
    path: &'a Path,
}

impl std::fmt::Debug for SafeZip<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SafeZip")
            .field("path", &self.path)
            .field("entries", &self.reader.names().len())
            .finish_non_exhaustive()
    }
}

fn unsupported(path: &Path, message: String) -> ImportError {
    ImportError::Unsupported {
        path: path.to_path_buf(),
        message,
    }
}

/// The message for a fault, as the office importers word it.
fn fault_message(fault: ZipFault) -> String {
    match fault {
        ZipFault::NotAZip(e) => format!("not a readable zip archive ({e})"),
        ZipFault::TooManyEntries { count, limit } => {
            format!("the archive holds {count} entries, more than the {limit} Margin reads")
        }
        ZipFault::UnreadableEntry { index, source } => {
            format!("zip entry {index} is unreadable ({source})")
        }
        ZipFault::UnreadableName { index, source } => match source {
            Some(e) => format!("zip entry {index} has an unreadable name ({e})"),
            None => format!("zip entry {index} has an unreadable name"),
        },
        ZipFault::UnsafeName { entry } => {
            format!("zip entry {entry:?} would escape its folder; the file is refused")
        }
        ZipFault::DeclaredTotal { total, limit } => format!(
            "the archive declares {total} bytes uncompressed, more than the limit of {limit}"
        ),
        ZipFault::TooLarge {
            entry,
            declared,
            unpacked: None,
            excess,
        } => match excess {
            Excess::Entry { limit } => format!(
                "zip entry {entry:?} declares {declared} bytes uncompressed, more than the limit of {limit}"
            ),
            Excess::Ratio { compressed } => format!(
                "zip entry {entry:?} would expand from {compressed} to {declared} bytes; the file looks like a zip bomb"
            ),
            Excess::Total { limit } => format!(
                "zip entry {entry:?} would take the archive past {limit} bytes unpacked; the file is refused"
            ),
        },
        ZipFault::TooLarge {
            entry, declared, ..
        }
        | ZipFault::Mismatch {
            entry, declared, ..
        } => format!(
            "zip entry {entry:?} expands to more bytes than it declares ({declared}); the file is refused"
        ),
        ZipFault::Open { entry, source } => {
            format!("cannot read {entry} from the archive ({source})")
        }
        ZipFault::Unpack { entry, source } => {
            format!("cannot read {entry} from the archive ({source})")
        }
    }
}

impl<'a> SafeZip<'a> {
    /// Open and check an archive (entry count, names, and every declared size); `path` names it
    /// in errors.
    pub fn open(bytes: &'a [u8], path: &'a Path, limits: ZipLimits) -> Result<Self, ImportError> {
        let fail = |fault| unsupported(path, fault_message(fault));
        let mut reader = ZipReader::open(Cursor::new(bytes), limits).map_err(fail)?;
        reader.check_declared().map_err(fail)?;
        Ok(Self { reader, path })
    }

    /// True when the archive has an entry of that name.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.reader.index_for_name(name).is_some()
    }

    /// The names of all entries.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.reader.names().to_vec()
    }

    /// Read one entry, stopping at the limits whatever its header declares.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        let fault = match self.reader.index_for_name(name) {
            Some(index) => match self.reader.read(index, u64::MAX) {
                Ok(bytes) => return Ok(bytes),
                Err(fault) => fault,
            },
            None => ZipFault::Open {
                entry: name.to_owned(),
                source: ZipError::FileNotFound,
            },
        };
        Err(unsupported(self.path, fault_message(fault)))
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
        for bad in [
            "../evil.xml",
            "word/../../evil.xml",
            "/etc/passwd",
            "\\windows\\x",
            "C:\\x.xml",
            "C:/x.txt",
            "word\\..\\x",
            "sources\\..\\..\\x",
            "a\0b",
            "",
        ] {
            assert!(!name_is_safe(bad), "{bad:?}");
        }
        for good in [
            "word/document.xml",
            "project.qde",
            "sources/a.txt",
            "./sources/b.txt",
            "Sources/C.TXT",
        ] {
            assert!(name_is_safe(good), "{good:?}");
        }
    }

    fn two_entries() -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for name in ["a.txt", "b.txt"] {
            w.start_file(name, options).unwrap();
            let text: String = (0..100u8).map(|i| char::from(b'a' + i % 26)).collect();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_are_bounded_by_the_callers_limit_and_the_budget() {
        let bytes = two_entries();
        let limits = ZipLimits {
            max_total_bytes: 150,
            ..ZipLimits::default()
        };
        let mut zip = ZipReader::open(Cursor::new(&bytes[..]), limits).unwrap();
        assert_eq!(zip.names(), ["a.txt", "b.txt"]);
        match zip.read(0, 50) {
            Err(ZipFault::TooLarge {
                entry,
                declared: 100,
                unpacked: None,
                excess: Excess::Entry { limit: 50 },
            }) => assert_eq!(entry, "a.txt"),
            other => panic!("{other:?}"),
        }
        assert_eq!(zip.read(0, 100).unwrap().len(), 100);
        match zip.read(1, 100) {
            Err(ZipFault::TooLarge {
                entry,
                declared: 100,
                unpacked: None,
                excess: Excess::Total { limit: 150 },
            }) => assert_eq!(entry, "b.txt"),
            other => panic!("{other:?}"),
        }
    }
}
