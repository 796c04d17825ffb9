//! Reading a `.qdpx` zip defensively, through the importers' shared [`ZipReader`]: every entry
//! name is checked before anything is read (no absolute paths, no `..`, no drive letters), the
//! number of entries is capped, and every read is bounded by the entry's limit and by a budget
//! for the whole archive, counted on the bytes actually unpacked (a zip's declared sizes may
//! lie). Declared sizes are not checked up front: a project may carry large media Margin never
//! unpacks. Nothing is ever written to disk. This module adds lookup by name regardless of case
//! and separator style, and words the reader's faults as [`QdpxError`]s naming the archive.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::Limits;
use super::error::QdpxError;
use crate::import::zipsafe::{Excess, ZipFault, ZipLimits, ZipReader};

/// An open archive with its entry names checked.
pub(super) struct Archive<R: Read + Seek> {
    path: PathBuf,
    zip: ZipReader<R>,
    /// Lowercased names (folder separators as `/`) to entry index.
    by_name: HashMap<String, usize>,
}

/// The lookup key of an entry name: lowercased, `/` as separator, no leading `./`.
fn key(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches("./")
        .to_lowercase()
}

/// Word a reader fault as a [`QdpxError`] about the archive at `path`.
fn qdpx_error(path: &Path, fault: ZipFault) -> QdpxError {
    let path = path.to_path_buf();
    match fault {
        ZipFault::NotAZip(e) => QdpxError::NotAnArchive {
            path,
            message: e.to_string(),
        },
        ZipFault::UnreadableEntry { index, .. } | ZipFault::UnreadableName { index, .. } => {
            QdpxError::NotAnArchive {
                path,
                message: format!("entry {index} has an unreadable name"),
            }
        }
        ZipFault::TooManyEntries { count, limit } => {
            QdpxError::TooManyEntries { path, count, limit }
        }
        ZipFault::UnsafeName { entry } => QdpxError::UnsafePath { path, entry },
        ZipFault::DeclaredTotal { limit, .. }
        | ZipFault::TooLarge {
            excess: Excess::Total { limit },
            ..
        } => QdpxError::ArchiveTooLarge { path, limit },
        ZipFault::TooLarge {
            entry,
            excess: Excess::Entry { limit },
            ..
        } => QdpxError::EntryTooLarge { path, entry, limit },
        ZipFault::TooLarge {
            entry,
            declared,
            excess: Excess::Ratio { compressed },
            ..
        } => QdpxError::Entry {
            path,
            entry,
            message: format!(
                "refused: it would expand from {compressed} to {declared} bytes (a zip bomb)"
            ),
        },
        ZipFault::Open { entry, source } => QdpxError::Entry {
            path,
            entry,
            message: source.to_string(),
        },
        ZipFault::Unpack { entry, source } => QdpxError::Entry {
            path,
            entry,
            message: format!("cannot unpack: {source}"),
        },
        ZipFault::Mismatch {
            entry,
            declared,
            unpacked,
        } => QdpxError::Entry {
            path,
            entry,
            message: format!(
                "refused: it unpacks to {unpacked} bytes, not the {declared} it declares"
            ),
        },
    }
}

impl<R: Read + Seek> Archive<R> {
    /// Open the archive and check every entry name and the entry count.
    pub(super) fn open(reader: R, path: &Path, limits: &Limits) -> Result<Self, QdpxError> {
        let zip_limits = ZipLimits {
            max_entries: limits.max_entries,
            max_entry_bytes: limits.max_qde_bytes.max(limits.max_source_bytes),
            max_total_bytes: limits.max_total_bytes,
            // Off: plain text sources of one repeated letter are legitimate and compress past
            // any useful ratio; the per-entry limits and the budget bound what is unpacked.
            max_ratio: u64::MAX,
        };
        let zip = ZipReader::open(reader, zip_limits).map_err(|f| qdpx_error(path, f))?;
        let mut by_name = HashMap::with_capacity(zip.names().len());
        for (i, name) in zip.names().iter().enumerate() {
            by_name.entry(key(name)).or_insert(i);
        }
        Ok(Self {
            path: path.to_path_buf(),
            zip,
            by_name,
        })
    }

    /// The archive's path (for messages).
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Entry names as stored.
    pub(super) fn names(&self) -> &[String] {
        self.zip.names()
    }

    /// The index of the entry named `name`, ignoring case and separator style.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&key(name)).copied()
    }

    /// Unpack entry `index`, refusing more than `limit` bytes (and more than the archive's
    /// remaining budget).
    pub(super) fn read(&mut self, index: usize, limit: u64) -> Result<Vec<u8>, QdpxError> {
        self.zip
            .read(index, limit)
            .map_err(|f| qdpx_error(&self.path, f))
    }
}
