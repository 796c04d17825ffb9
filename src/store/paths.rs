//! Where each entity lives in the project folder.

use std::path::PathBuf;

use crate::model::EntityKey;

/// The manifest.
pub const MANIFEST: &str = "margin.ron";
/// Cases and attributes.
pub const CASES: &str = "cases.ron";
/// One file per code.
pub const CODEBOOK_DIR: &str = "codebook";
/// One file per coder.
pub const CODERS_DIR: &str = "coders";
/// Texts and their metadata.
pub const DOCUMENTS_DIR: &str = "documents";
/// One folder per coder, one file per coded document.
pub const CODINGS_DIR: &str = "codings";
/// One file per memo.
pub const MEMOS_DIR: &str = "memos";

/// The list of documents a coder has codings on (see [`super::format::CodedDocuments`]).
#[must_use]
pub fn coded_documents_of(coder: crate::model::CoderId) -> PathBuf {
    PathBuf::from(CODINGS_DIR).join(format!("{coder}.ron"))
}

/// The files (relative to the project folder) that hold `key`.
#[must_use]
pub fn files_of(key: EntityKey) -> Vec<PathBuf> {
    match key {
        EntityKey::Manifest => vec![PathBuf::from(MANIFEST)],
        EntityKey::Cases => vec![PathBuf::from(CASES)],
        EntityKey::Document(id) => vec![
            PathBuf::from(DOCUMENTS_DIR).join(format!("{id}.txt")),
            PathBuf::from(DOCUMENTS_DIR).join(format!("{id}.ron")),
        ],
        EntityKey::Code(id) => vec![PathBuf::from(CODEBOOK_DIR).join(format!("{id}.ron"))],
        EntityKey::Coder(id) => vec![PathBuf::from(CODERS_DIR).join(format!("{id}.ron"))],
        EntityKey::Codings(coder, doc) => vec![
            PathBuf::from(CODINGS_DIR)
                .join(coder.to_string())
                .join(format!("{doc}.ron")),
        ],
        EntityKey::Memo(id) => vec![PathBuf::from(MEMOS_DIR).join(format!("{id}.ron"))],
    }
}
