//! REFI-QDA project import (`.qdpx`, from `NVivo`, ATLAS.ti, MAXQDA, `QualCoder`, qc or Margin).
//!
//! Two stages, as everywhere in `import`: first the archive is opened and checked (entry names,
//! counts and sizes, see `archive`), `project.qde` (or ATLAS.ti's `<name>.qde`) is parsed into a
//! small tree under limits (`dom`: no DTDs or entities); then the tree is turned into a new
//! [`Project`] (`build`), each source's selection offsets converted from whatever convention
//! its exporter used to Margin's characters (`offsets`).
//!
//! What Margin has no place for (pictures, audio, video, sets, links, graphs, selections with no
//! code) is counted in the [`Report`], never dropped silently.

mod archive;
mod build;
pub(crate) mod codebook;
mod dom;
mod error;
mod offsets;
mod stage;

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};

pub use error::QdpxError;
pub use offsets::{Convention, Unit};
pub use stage::{StageError, Staging, absent_or_empty};

use crate::model::{Edit, EditError, Project};
use crate::store::{ProjectDir, StoreError};

/// Bounds on what an import reads, against hostile or broken archives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the archive.
    pub max_entries: usize,
    /// Bytes `project.qde` may unpack to.
    pub max_qde_bytes: u64,
    /// Bytes one source may unpack to.
    pub max_source_bytes: u64,
    /// Bytes all entries read may unpack to together.
    pub max_total_bytes: u64,
    /// Nesting depth of the XML.
    pub max_depth: usize,
    /// Elements in the XML.
    pub max_elements: usize,
}

impl Default for Limits {
    /// Far above any real project, far below what would exhaust a laptop.
    fn default() -> Self {
        Self {
            max_entries: 20_000,
            max_qde_bytes: 256 * 1024 * 1024,
            max_source_bytes: crate::import::MAX_IMPORT_BYTES,
            max_total_bytes: 1024 * 1024 * 1024,
            max_depth: 256,
            max_elements: 5_000_000,
        }
    }
}

/// What an import brought in, and what it could not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The exporting program, as the file names it.
    pub origin: Option<String>,
    /// Documents imported.
    pub documents: usize,
    /// Codes imported.
    pub codes: usize,
    /// Codings imported.
    pub codings: usize,
    /// Cases imported.
    pub cases: usize,
    /// Attributes (variables) imported.
    pub attributes: usize,
    /// Coders (users) imported.
    pub coders: usize,
    /// Memos (notes) imported.
    pub memos: usize,
    /// Sources whose offsets were not counted as the standard says, and how they were.
    pub conventions: Vec<(String, Convention)>,
    /// What was changed to fit Margin, one line each.
    pub adjusted: Vec<String>,
    /// What could not be imported, one line each.
    pub skipped: Vec<String>,
}

impl Report {
    /// One line: what came from which program.
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "from {}: {} document(s), {} code(s), {} coding(s), {} case(s), {} attribute(s), {} coder(s), {} memo(s)",
            self.origin.as_deref().unwrap_or("an unnamed program"),
            self.documents,
            self.codes,
            self.codings,
            self.cases,
            self.attributes,
            self.coders,
            self.memos
        )
    }

    /// How offsets were read where the file did not follow the standard, one line each.
    #[must_use]
    pub fn offset_notes(&self) -> Vec<String> {
        self.conventions
            .iter()
            .map(|(source, convention)| {
                format!("offsets in {source:?} were counted in {convention}")
            })
            .collect()
    }
}

/// A project read from a `.qdpx`.
#[derive(Debug)]
pub struct QdpxImport {
    /// The new project (not yet saved anywhere).
    pub project: Project,
    /// What was imported and what was not.
    pub report: Report,
}

/// Why a `.qdpx` did not become a project folder.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// The file was refused or could not be read.
    #[error(transparent)]
    Read(#[from] QdpxError),
    /// The project could not be named.
    #[error("naming the project: {0}")]
    Name(#[from] EditError),
    /// The target folder is not empty, or the project could not be moved into it.
    #[error(transparent)]
    Stage(#[from] StageError),
    /// The project folder could not be written.
    #[error("creating {}: {source}", path.display())]
    Store {
        /// The project folder.
        path: PathBuf,
        /// What went wrong.
        source: StoreError,
    },
}

/// Read the `.qdpx` at `file` as a new project named `name` (else as the file names it).
pub fn read_named(file: &Path, name: Option<&str>) -> Result<QdpxImport, CreateError> {
    let mut import = read(file)?;
    if let Some(name) = name {
        let mut manifest = import.project.manifest().clone();
        name.clone_into(&mut manifest.name);
        import.project.apply(Edit::SetManifest(manifest))?;
    }
    Ok(import)
}

/// Import the `.qdpx` at `file` as a new project folder `dir` (absent or empty), named `name`
/// (else as the file names it); returns what was imported and what was not. The project is
/// written in a staging folder beside `dir` and renamed into place ([`Staging`]): a killed
/// import leaves `dir` as it was.
pub fn create_project(file: &Path, dir: &Path, name: Option<&str>) -> Result<Report, CreateError> {
    if !absent_or_empty(dir)? {
        return Err(StageError::NotEmpty(dir.to_path_buf()).into());
    }
    let QdpxImport {
        mut project,
        report,
    } = read_named(file, name)?;
    Staging::remove_stale(dir)?;
    let staging = Staging::new(dir)?;
    // The store's lock on the staging folder is released (the value dropped) before the rename.
    drop(
        ProjectDir::create(&staging.dir, &mut project).map_err(|source| CreateError::Store {
            path: dir.to_path_buf(),
            source,
        })?,
    );
    staging.place(dir)?;
    Ok(report)
}

/// Import the `.qdpx` at `path` with the default limits.
pub fn read(path: &Path) -> Result<QdpxImport, QdpxError> {
    read_with(path, &Limits::default())
}

/// Import the `.qdpx` at `path` within `limits`.
pub fn read_with(path: &Path, limits: &Limits) -> Result<QdpxImport, QdpxError> {
    let io = |error| QdpxError::Io {
        path: path.to_path_buf(),
        error,
    };
    let not_a_file = |what| QdpxError::NotAFile {
        path: path.to_path_buf(),
        what,
    };
    // A named pipe would block the open until some program writes to it: refused unopened.
    if let Some(what) =
        crate::import::not_regular(&std::fs::metadata(path).map_err(io)?.file_type())
    {
        return Err(not_a_file(what));
    }
    let file = File::open(path).map_err(io)?;
    if let Some(what) = crate::import::not_regular(&file.metadata().map_err(io)?.file_type()) {
        return Err(not_a_file(what));
    }
    read_from(BufReader::new(file), path, limits)
}

/// Import a `.qdpx` from `reader`; `path` names it in messages and gives the project its
/// default name.
pub fn read_from<R: Read + Seek>(
    reader: R,
    path: &Path,
    limits: &Limits,
) -> Result<QdpxImport, QdpxError> {
    let mut archive = archive::Archive::open(reader, path, limits)?;
    let qde_index = find_qde(&archive)?;
    let qde_name = archive.names()[qde_index].clone();
    let bytes = archive.read(qde_index, limits.max_qde_bytes)?;
    let text = decode_xml(&bytes).map_err(|message| QdpxError::Entry {
        path: path.to_path_buf(),
        entry: qde_name.clone(),
        message,
    })?;
    let root = dom::parse(
        &text,
        dom::DomLimits {
            max_depth: limits.max_depth,
            max_elements: limits.max_elements,
        },
    )
    .map_err(|e| {
        let (line, column) = dom::line_col(&text, e.pos);
        QdpxError::Xml {
            path: path.to_path_buf(),
            entry: qde_name.clone(),
            line,
            column,
            message: e.message,
        }
    })?;
    build::build(&root, &text, &qde_name, &mut archive, limits)
}

/// The project file: `project.qde` at the root, else the one `.qde` at the root (ATLAS.ti
/// names it after the project).
fn find_qde<R: Read + Seek>(archive: &archive::Archive<R>) -> Result<usize, QdpxError> {
    if let Some(i) = archive.find("project.qde") {
        return Ok(i);
    }
    let qdes: Vec<usize> = archive
        .names()
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            let n = n.replace('\\', "/");
            !n.contains('/') && n.to_lowercase().ends_with(".qde")
        })
        .map(|(i, _)| i)
        .collect();
    match qdes.as_slice() {
        [one] => Ok(*one),
        [] => {
            let mut shown: Vec<&str> = archive
                .names()
                .iter()
                .map(String::as_str)
                .take(10)
                .collect();
            if archive.names().len() > 10 {
                shown.push("…");
            }
            Err(QdpxError::NoProject {
                path: archive.path().to_path_buf(),
                entries: if shown.is_empty() {
                    "nothing".into()
                } else {
                    shown.join(", ")
                },
            })
        }
        many => Err(QdpxError::AmbiguousProject {
            path: archive.path().to_path_buf(),
            names: many
                .iter()
                .map(|&i| archive.names()[i].as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The XML's text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn decode_xml(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        return if enc == encoding_rs::UTF_8 {
            String::from_utf8(body.to_vec()).map_err(|e| {
                format!(
                    "not valid UTF-8 at byte {}",
                    e.utf8_error().valid_up_to() + bom
                )
            })
        } else {
            enc.decode_without_bom_handling_and_without_replacement(body)
                .map(std::borrow::Cow::into_owned)
                .ok_or_else(|| format!("not valid {}", enc.name()))
        };
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|e| format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}
