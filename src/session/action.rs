//! Every change a user can ask of a project, in the core's words. The window and the command
//! line both build an [`Action`] and hand it to [`super::Session::execute`]; what it does to the
//! project is decided in one place, [`super::rules`].

use std::path::PathBuf;

use crate::analysis::search::{AutocodeScope, SearchQuery};
use crate::import::codebook::IncomingCode;
use crate::model::{
    AttributeId, AttributeKind, CaseId, CharRange, CodeId, CodingId, Color, Document, DocumentId,
    DocumentKind, Edit, MediaLink, MemoTarget, Translation, Value,
};

/// A change to the project: one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Code `range` of `document` with `code`.
    ApplyCode {
        /// The document.
        document: DocumentId,
        /// The characters.
        range: CharRange,
        /// The code.
        code: CodeId,
    },
    /// Make a new code named after the text of `range`, and code the range with it (the same
    /// words coded again reuse their in-vivo code).
    InVivo {
        /// The document.
        document: DocumentId,
        /// The characters.
        range: CharRange,
    },
    /// Remove a coding.
    RemoveCoding(CodingId),
    /// Give a coding another code.
    ChangeCodingCode {
        /// The coding.
        coding: CodingId,
        /// Its new code.
        code: CodeId,
    },
    /// Move a coding's boundaries.
    SetCodingRange {
        /// The coding.
        coding: CodingId,
        /// Its new range.
        range: CharRange,
    },
    /// Set the memo of a coding (empty removes it).
    SetCodingMemo {
        /// The coding.
        coding: CodingId,
        /// The memo text.
        memo: String,
    },
    /// Create a code.
    CreateCode {
        /// Its name.
        name: String,
        /// Its parent, for a sub-code.
        parent: Option<CodeId>,
    },
    /// Rename a code.
    RenameCode {
        /// The code.
        code: CodeId,
        /// The new name.
        name: String,
    },
    /// Give a code another colour.
    RecolorCode {
        /// The code.
        code: CodeId,
        /// The new colour.
        color: Color,
    },
    /// Set what a code means.
    DescribeCode {
        /// The code.
        code: CodeId,
        /// The description.
        description: String,
    },
    /// Assign a key to a code (or clear it); a key belongs to one code.
    SetCodeShortcut {
        /// The code.
        code: CodeId,
        /// The key.
        key: Option<char>,
    },
    /// Move a code in the tree: under `parent`, just before `before` (or last).
    MoveCode {
        /// The code.
        code: CodeId,
        /// The new parent.
        parent: Option<CodeId>,
        /// The sibling it goes before; `None` for last.
        before: Option<CodeId>,
    },
    /// Merge code `from` into `into`.
    MergeCodes {
        /// The code that disappears.
        from: CodeId,
        /// The code that receives its codings.
        into: CodeId,
    },
    /// Delete a code with its sub-codes and codings.
    DeleteCode(CodeId),
    /// Set the memo on a document, a code or the project, or this coder's summary of a summary
    /// grid cell (empty removes it).
    SetMemo {
        /// What the memo is about.
        target: MemoTarget,
        /// The text.
        text: String,
    },
    /// Code every hit with `code`.
    Autocode {
        /// The hits: document and characters.
        hits: Vec<(DocumentId, CharRange)>,
        /// The code.
        code: CodeId,
        /// The hit itself or its whole turn/message.
        scope: AutocodeScope,
    },
    /// Add documents read by an importer.
    AddDocuments(Vec<Document>),
    /// Merge another copy of the project (in this folder) into this one.
    MergeCopy(PathBuf),
    /// An edit prepared by one of the core's planners: a team-review decision or comment
    /// (`analysis::agreement::consensus`), search hits to code (`analysis::search::autocode`),
    /// an attribute table or a speaker's turns (`import`).
    Prepared {
        /// What the undo history calls it.
        label: String,
        /// The edit.
        edit: Edit,
    },
    /// What a team sync brought in from the teammates (`crate::sync`), as one step.
    TakeIncoming(Edit),
    /// Mark a coding as an exemplar of its code, or unmark it.
    SetExemplar {
        /// The coding.
        coding: CodingId,
        /// Exemplar or not.
        exemplar: bool,
    },
    /// Save a code query under a name (replacing one of that name), or remove it (empty
    /// query).
    SaveQuery {
        /// Its name.
        name: String,
        /// The query as written (`analysis::query`); empty removes the saved query.
        query: String,
    },
    /// Give a coding's quote a translation (with a note), or remove it (`None`, or empty text).
    SetTranslation {
        /// The coding.
        coding: CodingId,
        /// The translation.
        translation: Option<Translation>,
    },
    /// Rename a document.
    RenameDocument {
        /// The document.
        document: DocumentId,
        /// Its new name.
        name: String,
    },
    /// Delete a document with its codings and the memos on it and on them.
    DeleteDocument(DocumentId),
    /// Say what kind of material a document is (interview, chat, notes).
    SetDocumentKind {
        /// The document.
        document: DocumentId,
        /// Its kind.
        kind: DocumentKind,
    },
    /// Give a document to a case (or to none).
    SetDocumentCase {
        /// The document.
        document: DocumentId,
        /// The case.
        case: Option<CaseId>,
    },
    /// Link a recording to a document (or unlink it, with `None`); see `crate::media::link_for`.
    SetDocumentMedia {
        /// The document.
        document: DocumentId,
        /// The link.
        media: Option<MediaLink>,
    },
    /// Replace the text of a document being transcribed (it must have no codings yet); its
    /// turns are read from the text as the importer reads a transcript (`[hh:mm:ss] Name: …`).
    SetTranscript {
        /// The document.
        document: DocumentId,
        /// Its new text.
        text: String,
    },
    /// Add documents with what an import was asked to do around them (their case, cases for
    /// the senders, a speaker's turns coded): the edit `import::plan_import` made.
    Import {
        /// How many files.
        files: usize,
        /// The edit.
        edit: Edit,
    },
    /// Make a case.
    AddCase(String),
    /// Rename a case.
    RenameCase {
        /// The case.
        case: CaseId,
        /// Its new name.
        name: String,
    },
    /// Delete a case: its documents belong to no case after.
    DeleteCase(CaseId),
    /// Make an attribute.
    AddAttribute {
        /// Its name.
        name: String,
        /// Its type.
        kind: AttributeKind,
    },
    /// Rename an attribute.
    RenameAttribute {
        /// The attribute.
        attribute: AttributeId,
        /// Its new name.
        name: String,
    },
    /// Delete an attribute with every case's value of it.
    DeleteAttribute(AttributeId),
    /// Set (or clear, with `None`) a case's value of an attribute; a category value not yet
    /// among the attribute's values is added to them.
    SetAttributeValue {
        /// The case.
        case: CaseId,
        /// The attribute.
        attribute: AttributeId,
        /// The value.
        value: Option<Value>,
    },
    /// Merge the codes of a codebook file into the codebook (see
    /// [`crate::import::codebook`]).
    ImportCodebook(Vec<IncomingCode>),
    /// Bring an attribute table's cases and values in: the edit `import::attributes_from_table`
    /// made.
    ImportAttributeTable {
        /// The table's file name.
        file: String,
        /// The edit.
        edit: Edit,
    },
    /// Replace characters of a document's text (typing, deleting, pasting): its codings,
    /// turns and messages follow; a coding whose whole text is deleted is removed.
    EditText {
        /// The document.
        document: DocumentId,
        /// The characters replaced (empty to insert).
        range: CharRange,
        /// What replaces them (empty to delete).
        text: String,
    },
    /// Replace every hit of a search in the texts (one document, some, or all).
    ReplaceAll {
        /// What to find, how, and where.
        query: SearchQuery,
        /// What replaces each hit.
        with: String,
    },
    /// Replace a person's name, in all its forms, everywhere (texts, names, speakers, memos,
    /// coding notes): late anonymisation.
    ReplaceName {
        /// The name's forms (the name itself, nicknames, the Latin spelling).
        forms: Vec<String>,
        /// What replaces them (a pseudonym).
        with: String,
    },
}

/// Which kind of action an undo step was, so the window can name it in its own language (the
/// step's label is the command line's English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionName {
    /// [`Action::ApplyCode`].
    ApplyCode,
    /// [`Action::InVivo`].
    InVivo,
    /// [`Action::RemoveCoding`].
    RemoveCoding,
    /// [`Action::ChangeCodingCode`].
    ChangeCodingCode,
    /// [`Action::SetCodingRange`].
    SetCodingRange,
    /// [`Action::SetCodingMemo`].
    SetCodingMemo,
    /// [`Action::CreateCode`].
    CreateCode,
    /// [`Action::RenameCode`].
    RenameCode,
    /// [`Action::RecolorCode`].
    RecolorCode,
    /// [`Action::DescribeCode`].
    DescribeCode,
    /// [`Action::SetCodeShortcut`].
    SetCodeShortcut,
    /// [`Action::MoveCode`].
    MoveCode,
    /// [`Action::MergeCodes`].
    MergeCodes,
    /// [`Action::DeleteCode`].
    DeleteCode,
    /// [`Action::SetMemo`].
    SetMemo,
    /// [`Action::Autocode`].
    Autocode,
    /// [`Action::AddDocuments`], with how many.
    AddDocuments(usize),
    /// [`Action::MergeCopy`].
    MergeCopy,
    /// [`Action::Prepared`]: its label says what it is.
    Prepared,
    /// [`Action::TakeIncoming`].
    TakeIncoming,
    /// [`Action::SetExemplar`].
    SetExemplar,
    /// [`Action::SetTranslation`].
    SetTranslation,
    /// [`Action::SaveQuery`].
    SaveQuery,
    /// [`Action::RenameDocument`].
    RenameDocument,
    /// [`Action::DeleteDocument`].
    DeleteDocument,
    /// [`Action::SetDocumentKind`].
    SetDocumentKind,
    /// [`Action::SetDocumentCase`].
    SetDocumentCase,
    /// [`Action::SetDocumentMedia`].
    SetDocumentMedia,
    /// [`Action::SetTranscript`].
    SetTranscript,
    /// [`Action::ImportCodebook`].
    ImportCodebook,
    /// [`Action::Import`], with how many files.
    Import(usize),
    /// [`Action::AddCase`].
    AddCase,
    /// [`Action::RenameCase`].
    RenameCase,
    /// [`Action::DeleteCase`].
    DeleteCase,
    /// [`Action::AddAttribute`].
    AddAttribute,
    /// [`Action::RenameAttribute`].
    RenameAttribute,
    /// [`Action::DeleteAttribute`].
    DeleteAttribute,
    /// [`Action::SetAttributeValue`].
    SetAttributeValue,
    /// [`Action::ImportAttributeTable`].
    ImportAttributeTable,
    /// [`Action::EditText`].
    EditText,
    /// [`Action::ReplaceAll`].
    ReplaceAll,
    /// [`Action::ReplaceName`].
    ReplaceName,
}

impl Action {
    /// Which kind of action this is.
    #[must_use]
    pub fn name(&self) -> ActionName {
        match self {
            Action::ApplyCode { .. } => ActionName::ApplyCode,
            Action::InVivo { .. } => ActionName::InVivo,
            Action::RemoveCoding(_) => ActionName::RemoveCoding,
            Action::ChangeCodingCode { .. } => ActionName::ChangeCodingCode,
            Action::SetCodingRange { .. } => ActionName::SetCodingRange,
            Action::SetCodingMemo { .. } => ActionName::SetCodingMemo,
            Action::CreateCode { .. } => ActionName::CreateCode,
            Action::RenameCode { .. } => ActionName::RenameCode,
            Action::RecolorCode { .. } => ActionName::RecolorCode,
            Action::DescribeCode { .. } => ActionName::DescribeCode,
            Action::SetCodeShortcut { .. } => ActionName::SetCodeShortcut,
            Action::MoveCode { .. } => ActionName::MoveCode,
            Action::MergeCodes { .. } => ActionName::MergeCodes,
            Action::DeleteCode(_) => ActionName::DeleteCode,
            Action::SetMemo { .. } => ActionName::SetMemo,
            Action::Autocode { .. } => ActionName::Autocode,
            Action::AddDocuments(docs) => ActionName::AddDocuments(docs.len()),
            Action::MergeCopy(_) => ActionName::MergeCopy,
            Action::Prepared { .. } => ActionName::Prepared,
            Action::TakeIncoming(_) => ActionName::TakeIncoming,
            Action::SetExemplar { .. } => ActionName::SetExemplar,
            Action::SetTranslation { .. } => ActionName::SetTranslation,
            Action::SaveQuery { .. } => ActionName::SaveQuery,
            Action::RenameDocument { .. } => ActionName::RenameDocument,
            Action::DeleteDocument(_) => ActionName::DeleteDocument,
            Action::SetDocumentKind { .. } => ActionName::SetDocumentKind,
            Action::SetDocumentCase { .. } => ActionName::SetDocumentCase,
            Action::SetDocumentMedia { .. } => ActionName::SetDocumentMedia,
            Action::SetTranscript { .. } => ActionName::SetTranscript,
            Action::ImportCodebook(_) => ActionName::ImportCodebook,
            Action::Import { files, .. } => ActionName::Import(*files),
            Action::AddCase(_) => ActionName::AddCase,
            Action::RenameCase { .. } => ActionName::RenameCase,
            Action::DeleteCase(_) => ActionName::DeleteCase,
            Action::AddAttribute { .. } => ActionName::AddAttribute,
            Action::RenameAttribute { .. } => ActionName::RenameAttribute,
            Action::DeleteAttribute(_) => ActionName::DeleteAttribute,
            Action::SetAttributeValue { .. } => ActionName::SetAttributeValue,
            Action::ImportAttributeTable { .. } => ActionName::ImportAttributeTable,
            Action::EditText { .. } => ActionName::EditText,
            Action::ReplaceAll { .. } => ActionName::ReplaceAll,
            Action::ReplaceName { .. } => ActionName::ReplaceName,
        }
    }

    /// What the undo history and messages call the action.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Action::ApplyCode { .. } => "Code selection".into(),
            Action::InVivo { .. } => "In-vivo code".into(),
            Action::RemoveCoding(_) => "Remove coding".into(),
            Action::ChangeCodingCode { .. } => "Change code of coding".into(),
            Action::SetCodingRange { .. } => "Adjust coding".into(),
            Action::SetCodingMemo { .. } => "Edit coding memo".into(),
            Action::CreateCode { .. } => "New code".into(),
            Action::RenameCode { .. } => "Rename code".into(),
            Action::RecolorCode { .. } => "Recolour code".into(),
            Action::DescribeCode { .. } => "Describe code".into(),
            Action::SetCodeShortcut { .. } => "Set code shortcut".into(),
            Action::MoveCode { .. } => "Move code".into(),
            Action::MergeCodes { .. } => "Merge codes".into(),
            Action::DeleteCode(_) => "Delete code".into(),
            Action::SetMemo { .. } => "Edit memo".into(),
            Action::Autocode { .. } => "Code all hits".into(),
            Action::AddDocuments(docs) => match docs.len() {
                1 => "Import a file".into(),
                n => format!("Import {n} files"),
            },
            Action::MergeCopy(path) => format!("Merge {}", path.display()),
            Action::Prepared { label, .. } => label.clone(),
            Action::TakeIncoming(_) => "Sync with the team".into(),
            Action::SetExemplar { exemplar: true, .. } => "Mark as exemplar".into(),
            Action::SetExemplar {
                exemplar: false, ..
            } => "Unmark exemplar".into(),
            Action::SetTranslation { .. } => "Edit translation".into(),
            Action::SaveQuery { name, .. } => format!("Save query {name}"),
            Action::RenameDocument { .. } => "Rename document".into(),
            Action::DeleteDocument(_) => "Delete document".into(),
            Action::SetDocumentKind { .. } => "Change document kind".into(),
            Action::SetDocumentCase { .. } => "Change document case".into(),
            Action::SetDocumentMedia { media: Some(_), .. } => "Link recording".into(),
            Action::SetDocumentMedia { media: None, .. } => "Unlink recording".into(),
            Action::SetTranscript { .. } => "Transcribe".into(),
            Action::ImportCodebook(_) => "Import codebook".into(),
            Action::Import { files, .. } => match files {
                1 => "Import a file".into(),
                n => format!("Import {n} files"),
            },
            Action::AddCase(_) => "New case".into(),
            Action::RenameCase { .. } => "Rename case".into(),
            Action::DeleteCase(_) => "Delete case".into(),
            Action::AddAttribute { .. } => "New attribute".into(),
            Action::RenameAttribute { .. } => "Rename attribute".into(),
            Action::DeleteAttribute(_) => "Delete attribute".into(),
            Action::SetAttributeValue { .. } => "Set attribute value".into(),
            Action::ImportAttributeTable { file, .. } => format!("Import attributes from {file}"),
            Action::EditText { .. } => "Edit text".into(),
            Action::ReplaceAll { .. } => "Replace all".into(),
            Action::ReplaceName { .. } => "Replace a name everywhere".into(),
        }
    }
}
