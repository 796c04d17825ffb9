//! Every change to a project is an [`Edit`], applied in one place ([`Project::apply`]), which
//! checks it against the project's rules and returns the edit that undoes it.
//!
//! Edits are small "put or remove one entity" steps; compound operations (delete a code with its
//! codings, merge two codes) are built as [`Edit::Batch`]es by the constructors below, so undo and
//! redo of any operation are exact by construction.

use thiserror::Error;

use super::case::{AttributeDef, Case};
use super::code::Code;
use super::coder::Coder;
use super::coding::Coding;
use super::document::Document;
use super::ids::{AttributeId, CaseId, CodeId, CoderId, CodingId, DocumentId, MemoId};
use super::memo::{Memo, MemoTarget};
use super::project::{EntityKey, Manifest, Project};
use super::text_edit::TextEdit;

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace the manifest.
    SetManifest(Manifest),
    /// Insert or replace a document.
    PutDocument(Box<Document>),
    /// Remove a document (it must have no codings left).
    RemoveDocument(DocumentId),
    /// Insert or replace a code.
    PutCode(Code),
    /// Remove a code (it must have no codings and no child codes left).
    RemoveCode(CodeId),
    /// Insert or replace a coding.
    PutCoding(Box<Coding>),
    /// Remove a coding.
    RemoveCoding(CodingId),
    /// Insert or replace an attribute definition.
    PutAttribute(AttributeDef),
    /// Remove an attribute definition (and its values).
    RemoveAttribute(AttributeId),
    /// Insert or replace a case.
    PutCase(Case),
    /// Remove a case (no document may still belong to it).
    RemoveCase(CaseId),
    /// Insert or replace a coder.
    PutCoder(Coder),
    /// Remove a coder (who must have no codings left).
    RemoveCoder(CoderId),
    /// Insert or replace a memo.
    PutMemo(Memo),
    /// Remove a memo.
    RemoveMemo(MemoId),
    /// Replace characters of a document's text; its codings, turns and messages move with the
    /// text (`text_edit.rs`).
    EditText(Box<TextEdit>),
    /// Several edits applied together, undone together.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The project is unchanged when an edit is refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The edit names something the project does not have.
    #[error("{0} does not exist")]
    Missing(String),
    /// A coding range lies outside its document.
    #[error("coding range {start}..{end} is outside its document ({len} characters)")]
    OutOfRange {
        /// Start of the range.
        start: usize,
        /// End of the range.
        end: usize,
        /// Document length in characters.
        len: usize,
    },
    /// Removing this would leave things that refer to it.
    #[error("{0} is still in use: {1}")]
    InUse(String, String),
    /// A code cannot be its own ancestor.
    #[error("code {0} cannot be placed under its own descendant")]
    Cycle(CodeId),
    /// A text edit was refused: it would cross a turn or message, break a label, or delete a
    /// coding's whole text.
    #[error("editing the text of {document:?}: {reason}")]
    TextEdit {
        /// The document's name.
        document: String,
        /// Why.
        reason: String,
    },
    /// An attribute value does not have its attribute's type.
    #[error("case {case}: value of attribute {attribute} is not a {kind}")]
    WrongType {
        /// The case.
        case: String,
        /// The attribute.
        attribute: String,
        /// The type it should have.
        kind: &'static str,
    },
}

impl Project {
    /// Apply `edit`, returning the edit that undoes it. On error nothing changes.
    // Whole: one arm per kind of edit, each with its checks and its inverse side by side; the
    // single place every change of a project passes through.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Batch(edits) => {
                let mut undo = Vec::with_capacity(edits.len());
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => undo.push(inv),
                        Err(err) => {
                            for inv in undo.into_iter().rev() {
                                // Inverses of edits just applied always apply.
                                let _ = self.apply(inv);
                            }
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Batch(undo))
            }
            Edit::SetManifest(m) => {
                self.touched.insert(EntityKey::Manifest);
                Ok(Edit::SetManifest(std::mem::replace(&mut self.manifest, m)))
            }
            Edit::PutDocument(doc) => {
                if let Some(case) = doc.case {
                    self.require_case(case)?;
                }
                let len = doc.text.char_len();
                if let Some(c) = self.codings_of(doc.id).find(|c| c.range.end > len) {
                    return Err(EditError::OutOfRange {
                        start: c.range.start,
                        end: c.range.end,
                        len,
                    });
                }
                self.touched.insert(EntityKey::Document(doc.id));
                let id = doc.id;
                Ok(match self.documents.insert(id, *doc) {
                    Some(old) => Edit::PutDocument(Box::new(old)),
                    None => Edit::RemoveDocument(id),
                })
            }
            Edit::RemoveDocument(id) => {
                if self.codings_of(id).next().is_some() {
                    return Err(EditError::InUse(
                        format!("document {id}"),
                        "it has codings".into(),
                    ));
                }
                if self
                    .memos
                    .values()
                    .any(|m| m.target == MemoTarget::Document(id))
                {
                    return Err(EditError::InUse(
                        format!("document {id}"),
                        "it has memos".into(),
                    ));
                }
                let old = self
                    .documents
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("document {id}")))?;
                self.by_document.remove(&id);
                self.touched.insert(EntityKey::Document(id));
                Ok(Edit::PutDocument(Box::new(old)))
            }
            Edit::PutCode(code) => {
                if let Some(parent) = code.parent {
                    if !self.codes.contains_key(&parent) {
                        return Err(EditError::Missing(format!("parent code {parent}")));
                    }
                    if self.code_and_descendants(code.id).contains(&parent) {
                        return Err(EditError::Cycle(code.id));
                    }
                }
                self.touched.insert(EntityKey::Code(code.id));
                let id = code.id;
                Ok(match self.codes.insert(id, code) {
                    Some(old) => Edit::PutCode(old),
                    None => Edit::RemoveCode(id),
                })
            }
            Edit::RemoveCode(id) => {
                let name = self
                    .codes
                    .get(&id)
                    .map_or_else(|| id.to_string(), |c| c.name.clone());
                if self.codings.values().any(|c| c.code == id) {
                    return Err(EditError::InUse(
                        format!("code {name:?}"),
                        "it has codings".into(),
                    ));
                }
                if self.codes.values().any(|c| c.parent == Some(id)) {
                    return Err(EditError::InUse(
                        format!("code {name:?}"),
                        "it has sub-codes".into(),
                    ));
                }
                if self.memos.values().any(|m| m.target.refers_to_code(id)) {
                    return Err(EditError::InUse(
                        format!("code {name:?}"),
                        "it has memos".into(),
                    ));
                }
                let old = self
                    .codes
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("code {id}")))?;
                self.touched.insert(EntityKey::Code(id));
                Ok(Edit::PutCode(old))
            }
            Edit::PutCoding(coding) => {
                let doc = self
                    .documents
                    .get(&coding.document)
                    .ok_or_else(|| EditError::Missing(format!("document {}", coding.document)))?;
                let len = doc.text.char_len();
                if coding.range.is_empty() || coding.range.end > len {
                    return Err(EditError::OutOfRange {
                        start: coding.range.start,
                        end: coding.range.end,
                        len,
                    });
                }
                if !self.codes.contains_key(&coding.code) {
                    return Err(EditError::Missing(format!("code {}", coding.code)));
                }
                if !self.coders.contains_key(&coding.coder) {
                    return Err(EditError::Missing(format!("coder {}", coding.coder)));
                }
                let id = coding.id;
                let inverse = match self.codings.remove(&id) {
                    Some(old) => {
                        self.unindex(&old);
                        Edit::PutCoding(Box::new(old))
                    }
                    None => Edit::RemoveCoding(id),
                };
                self.index(&coding);
                self.codings.insert(id, *coding);
                Ok(inverse)
            }
            Edit::RemoveCoding(id) => {
                if self
                    .memos
                    .values()
                    .any(|m| m.target == MemoTarget::Coding(id))
                {
                    return Err(EditError::InUse(
                        format!("coding {id}"),
                        "it has memos".into(),
                    ));
                }
                let old = self
                    .codings
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("coding {id}")))?;
                self.unindex(&old);
                Ok(Edit::PutCoding(Box::new(old)))
            }
            Edit::PutAttribute(attr) => {
                for case in self.cases.values() {
                    if let Some(v) = case.values.get(&attr.id)
                        && !v.fits(&attr.kind)
                    {
                        return Err(EditError::WrongType {
                            case: case.name.clone(),
                            attribute: attr.name.clone(),
                            kind: attr.kind.as_str(),
                        });
                    }
                }
                self.touched.insert(EntityKey::Cases);
                let id = attr.id;
                Ok(match self.attributes.insert(id, attr) {
                    Some(old) => Edit::PutAttribute(old),
                    None => Edit::RemoveAttribute(id),
                })
            }
            Edit::RemoveAttribute(id) => {
                if self.cases.values().any(|c| c.values.contains_key(&id)) {
                    return Err(EditError::InUse(
                        format!("attribute {id}"),
                        "cases have values for it".into(),
                    ));
                }
                let old = self
                    .attributes
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("attribute {id}")))?;
                self.touched.insert(EntityKey::Cases);
                Ok(Edit::PutAttribute(old))
            }
            Edit::PutCase(case) => {
                for (attr, value) in &case.values {
                    let def = self
                        .attributes
                        .get(attr)
                        .ok_or_else(|| EditError::Missing(format!("attribute {attr}")))?;
                    if !value.fits(&def.kind) {
                        return Err(EditError::WrongType {
                            case: case.name.clone(),
                            attribute: def.name.clone(),
                            kind: def.kind.as_str(),
                        });
                    }
                }
                self.touched.insert(EntityKey::Cases);
                let id = case.id;
                Ok(match self.cases.insert(id, case) {
                    Some(old) => Edit::PutCase(old),
                    None => Edit::RemoveCase(id),
                })
            }
            Edit::RemoveCase(id) => {
                if self.documents.values().any(|d| d.case == Some(id)) {
                    return Err(EditError::InUse(
                        format!("case {id}"),
                        "documents belong to it".into(),
                    ));
                }
                if self.memos.values().any(|m| m.target.refers_to_case(id)) {
                    return Err(EditError::InUse(
                        format!("case {id}"),
                        "it has summaries".into(),
                    ));
                }
                let old = self
                    .cases
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("case {id}")))?;
                self.touched.insert(EntityKey::Cases);
                Ok(Edit::PutCase(old))
            }
            Edit::PutCoder(coder) => {
                self.touched.insert(EntityKey::Coder(coder.id));
                let id = coder.id;
                Ok(match self.coders.insert(id, coder) {
                    Some(old) => Edit::PutCoder(old),
                    None => Edit::RemoveCoder(id),
                })
            }
            Edit::RemoveCoder(id) => {
                if self.codings.values().any(|c| c.coder == id) {
                    return Err(EditError::InUse(
                        format!("coder {id}"),
                        "they have codings".into(),
                    ));
                }
                let old = self
                    .coders
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("coder {id}")))?;
                self.touched.insert(EntityKey::Coder(id));
                Ok(Edit::PutCoder(old))
            }
            Edit::PutMemo(memo) => {
                self.require_target(memo.target)?;
                if let Some(author) = memo.author
                    && !self.coders.contains_key(&author)
                {
                    return Err(EditError::Missing(format!("coder {author}")));
                }
                self.touched.insert(EntityKey::Memo(memo.id));
                let id = memo.id;
                Ok(match self.memos.insert(id, memo) {
                    Some(old) => Edit::PutMemo(old),
                    None => Edit::RemoveMemo(id),
                })
            }
            Edit::EditText(e) => self.edit_text(*e),
            Edit::RemoveMemo(id) => {
                let old = self
                    .memos
                    .remove(&id)
                    .ok_or_else(|| EditError::Missing(format!("memo {id}")))?;
                self.touched.insert(EntityKey::Memo(id));
                Ok(Edit::PutMemo(old))
            }
        }
    }

    fn require_case(&self, id: CaseId) -> Result<(), EditError> {
        if self.cases.contains_key(&id) {
            Ok(())
        } else {
            Err(EditError::Missing(format!("case {id}")))
        }
    }

    fn require_target(&self, target: MemoTarget) -> Result<(), EditError> {
        let ok = match target {
            MemoTarget::Project => true,
            MemoTarget::Document(d) => self.documents.contains_key(&d),
            MemoTarget::Code(c) => self.codes.contains_key(&c),
            MemoTarget::Coding(c) => self.codings.contains_key(&c),
            MemoTarget::Summary { case, code } => {
                self.cases.contains_key(&case) && self.codes.contains_key(&code)
            }
        };
        if ok {
            Ok(())
        } else {
            Err(EditError::Missing(format!("memo target {target:?}")))
        }
    }

    fn index(&mut self, c: &Coding) {
        self.by_document.entry(c.document).or_default().insert(c.id);
        self.touched.insert(EntityKey::Codings(c.coder, c.document));
    }

    fn unindex(&mut self, c: &Coding) {
        if let Some(set) = self.by_document.get_mut(&c.document) {
            set.remove(&c.id);
        }
        self.touched.insert(EntityKey::Codings(c.coder, c.document));
    }

    /// Insert entities as loaded from disk, without marking anything changed.
    pub(crate) fn load_coding(&mut self, c: Coding) {
        self.by_document.entry(c.document).or_default().insert(c.id);
        self.codings.insert(c.id, c);
    }
}

impl Edit {
    /// Remove the memos on `target` (for cascading removals).
    fn remove_memos_on(project: &Project, target: MemoTarget) -> impl Iterator<Item = Edit> + '_ {
        project
            .memos_on(target)
            .into_iter()
            .map(|m| Edit::RemoveMemo(m.id))
    }

    /// Remove the memos on a code, a case or a cell of either, as `refers` picks them.
    #[must_use]
    pub fn remove_memos_where(project: &Project, refers: impl Fn(MemoTarget) -> bool) -> Vec<Edit> {
        project
            .memos()
            .values()
            .filter(|m| refers(m.target))
            .map(|m| Edit::RemoveMemo(m.id))
            .collect()
    }

    /// Remove a coding with the comments (memos) on it.
    #[must_use]
    pub fn remove_coding(project: &Project, id: CodingId) -> Edit {
        let mut edits: Vec<Edit> = Self::remove_memos_on(project, MemoTarget::Coding(id)).collect();
        edits.push(Edit::RemoveCoding(id));
        Edit::Batch(edits)
    }

    /// Delete a code, its sub-codes, all their codings and memos (undoable as one step).
    #[must_use]
    pub fn delete_code(project: &Project, code: CodeId) -> Edit {
        let doomed = project.code_and_descendants(code);
        let mut edits = Vec::new();
        for c in project
            .codings
            .values()
            .filter(|c| doomed.contains(&c.code))
        {
            edits.push(Self::remove_coding(project, c.id));
        }
        // Children before parents.
        let mut order: Vec<(usize, CodeId)> = doomed
            .iter()
            .map(|&id| (project.code_path(id).matches(" / ").count(), id))
            .collect();
        order.sort_by(|a, b| b.cmp(a));
        for (_, id) in order {
            edits.extend(Self::remove_memos_where(project, |t| t.refers_to_code(id)));
            edits.push(Edit::RemoveCode(id));
        }
        Edit::Batch(edits)
    }

    /// Merge code `from` into `into`: its codings and sub-codes move to `into`, then it is removed.
    /// A coding that would duplicate one `into` already has (same coder, document and range) is
    /// dropped instead of moved.
    #[must_use]
    pub fn merge_codes(project: &Project, from: CodeId, into: CodeId) -> Edit {
        let mut edits = Vec::new();
        let existing: std::collections::HashSet<_> = project
            .codings
            .values()
            .filter(|c| c.code == into)
            .map(|c| (c.coder, c.document, c.range))
            .collect();
        for c in project.codings.values().filter(|c| c.code == from) {
            if existing.contains(&(c.coder, c.document, c.range)) {
                edits.push(Self::remove_coding(project, c.id));
            } else {
                let mut moved = c.clone();
                moved.code = into;
                edits.push(Edit::PutCoding(Box::new(moved)));
            }
        }
        for child in project.codes.values().filter(|c| c.parent == Some(from)) {
            let mut moved = child.clone();
            moved.parent = Some(into);
            edits.push(Edit::PutCode(moved));
        }
        for memo in project.memos().values() {
            let target = match memo.target {
                MemoTarget::Code(c) if c == from => MemoTarget::Code(into),
                MemoTarget::Summary { case, code } if code == from => {
                    MemoTarget::Summary { case, code: into }
                }
                _ => continue,
            };
            let mut moved = memo.clone();
            moved.target = target;
            edits.push(Edit::PutMemo(moved));
        }
        edits.push(Edit::RemoveCode(from));
        Edit::Batch(edits)
    }

    /// Remove a document with its codings and memos.
    #[must_use]
    pub fn delete_document(project: &Project, doc: DocumentId) -> Edit {
        let mut edits: Vec<Edit> = project
            .codings_of(doc)
            .map(|c| Self::remove_coding(project, c.id))
            .collect();
        edits.extend(Self::remove_memos_on(project, MemoTarget::Document(doc)));
        edits.push(Edit::RemoveDocument(doc));
        Edit::Batch(edits)
    }

    /// True for an edit that changes nothing (an empty batch).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(v) if v.iter().all(Edit::is_empty))
    }
}
