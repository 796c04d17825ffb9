//! The project's rules for turning an [`Action`] into a model [`Edit`]: a selection is trimmed
//! of whitespace; an in-vivo code is reused for the same words; a shortcut key belongs to one
//! code; a moved code goes where it is dropped and never under its own sub-code; a code is not
//! merged into itself or its sub-code. Nothing here changes the project: [`plan`] says what the
//! action would do, and the session applies it.

use chrono::Utc;

use super::action::Action;
use super::error::{Gone, SessionError};
use crate::merge::MergeReport;
use crate::model::{
    Anchor, CharRange, Code, CodeId, CoderId, Coding, CodingId, Document, DocumentId, Edit, LogOp,
    Memo, MemoTarget, Project, SavedQuery, SortKey, TextChange, TextEdit, Translation,
};
use crate::store::ProjectDir;

/// What an action would do.
#[derive(Debug)]
pub struct Plan {
    /// The edit (one undo step).
    pub edit: Edit,
    /// A coding it creates (the window selects it).
    pub created_coding: Option<CodingId>,
    /// A code it creates.
    pub created_code: Option<CodeId>,
    /// What merging another copy brings.
    pub merged: Option<MergeReport>,
    /// The documents it adds.
    pub created_documents: Vec<DocumentId>,
    /// Codings it removes because their whole text is deleted.
    pub removed_codings: usize,
    /// Replacements it makes (find and replace, a name).
    pub replaced: usize,
}

impl Plan {
    pub(super) fn edit(edit: Edit) -> Self {
        Self {
            edit,
            created_coding: None,
            created_code: None,
            merged: None,
            created_documents: Vec::new(),
            removed_codings: 0,
            replaced: 0,
        }
    }

    fn replacement(plan: crate::analysis::replace::ReplacePlan) -> Option<Self> {
        (plan.total() > 0).then(|| Self {
            removed_codings: plan.removed_codings,
            replaced: plan.total(),
            ..Self::edit(plan.edit)
        })
    }

    fn coding(coding: Coding) -> Self {
        let id = coding.id;
        Self {
            created_coding: Some(id),
            ..Self::edit(Edit::PutCoding(Box::new(coding)))
        }
    }
}

/// What `action` would do to `project`, coded by `coder`. `Ok(None)` when it would change
/// nothing (the code already has that name, the coding that range, ...).
#[allow(clippy::too_many_lines)] // one arm per action: the rules read best side by side
pub fn plan(
    project: &Project,
    coder: Option<CoderId>,
    action: Action,
) -> Result<Option<Plan>, SessionError> {
    let edit = |e: Edit| Ok(Some(Plan::edit(e)));
    let coder = || coder.ok_or(SessionError::NoCoder);
    match action {
        Action::ApplyCode {
            document,
            range,
            code,
        } => {
            let coder = coder()?;
            let doc = document_of(project, document)?;
            code_of(project, code)?;
            let range = trim_range(doc, range).ok_or(SessionError::EmptySelection)?;
            Ok(Some(Plan::coding(Coding::new(
                document, &doc.text, range, code, coder,
            ))))
        }
        Action::Autocode { hits, code, scope } => {
            let coder = coder()?;
            code_of(project, code)?;
            let plan = crate::analysis::search::autocode(project, hits, code, coder, scope)?;
            edit(plan.edit)
        }
        Action::InVivo { document, range } => {
            let coder = coder()?;
            let doc = document_of(project, document)?;
            let range = trim_range(doc, range).ok_or(SessionError::EmptySelection)?;
            let name = in_vivo_name(doc.text.slice(range));
            // The same words coded again reuse their in-vivo code.
            if let Some(existing) = project
                .codes()
                .values()
                .find(|c| c.in_vivo && c.name == name)
            {
                return Ok(Some(Plan::coding(Coding::new(
                    document,
                    &doc.text,
                    range,
                    existing.id,
                    coder,
                ))));
            }
            let mut code = project.new_code(&name, None);
            code.in_vivo = true;
            let coding = Coding::new(document, &doc.text, range, code.id, coder);
            Ok(Some(Plan {
                created_coding: Some(coding.id),
                created_code: Some(code.id),
                ..Plan::edit(Edit::Batch(vec![
                    Edit::PutCode(code),
                    Edit::PutCoding(Box::new(coding)),
                ]))
            }))
        }
        Action::RemoveCoding(id) => {
            coding_of(project, id)?;
            edit(Edit::remove_coding(project, id))
        }
        Action::ChangeCodingCode { coding, code } => {
            code_of(project, code)?;
            let mut c = coding_of(project, coding)?.clone();
            if c.code == code {
                return Ok(None);
            }
            c.code = code;
            edit(Edit::PutCoding(Box::new(c)))
        }
        Action::SetCodingRange { coding, range } => {
            let mut c = coding_of(project, coding)?.clone();
            let doc = document_of(project, c.document)?;
            let range = trim_range(doc, range).ok_or(SessionError::EmptySelection)?;
            if c.range == range {
                return Ok(None);
            }
            c.range = range;
            c.anchor = Anchor::capture(&doc.text, range);
            edit(Edit::PutCoding(Box::new(c)))
        }
        Action::SetCodingMemo { coding, memo } => {
            let mut c = coding_of(project, coding)?.clone();
            let memo = (!memo.trim().is_empty()).then_some(memo);
            if c.memo == memo {
                return Ok(None);
            }
            c.memo = memo;
            edit(Edit::PutCoding(Box::new(c)))
        }
        Action::SetExemplar { coding, exemplar } => {
            let mut c = coding_of(project, coding)?.clone();
            if c.exemplar == exemplar {
                return Ok(None);
            }
            c.exemplar = exemplar;
            edit(Edit::PutCoding(Box::new(c)))
        }
        Action::SetTranslation {
            coding,
            translation,
        } => {
            let mut c = coding_of(project, coding)?.clone();
            let translation = translation
                .map(|t| Translation {
                    text: t.text.trim().to_owned(),
                    note: t.note.trim().to_owned(),
                })
                .filter(|t| !t.text.is_empty());
            if c.translation == translation {
                return Ok(None);
            }
            c.translation = translation;
            edit(Edit::PutCoding(Box::new(c)))
        }
        Action::SaveQuery { name, query } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(SessionError::EmptyName);
            }
            let mut manifest = project.manifest().clone();
            let at = manifest.queries.iter().position(|q| q.name == name);
            let query = query.trim();
            match (at, query.is_empty()) {
                (None, true) => return Ok(None),
                (Some(i), true) => {
                    manifest.queries.remove(i);
                }
                (Some(i), false) if manifest.queries[i].query == query => return Ok(None),
                (Some(i), false) => query.clone_into(&mut manifest.queries[i].query),
                (None, false) => manifest.queries.push(SavedQuery {
                    name: name.to_owned(),
                    query: query.to_owned(),
                }),
            }
            edit(Edit::SetManifest(manifest))
        }
        Action::CreateCode { name, parent } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(SessionError::EmptyName);
            }
            if let Some(p) = parent {
                code_of(project, p)?;
            }
            let code = project.new_code(name, parent);
            Ok(Some(Plan {
                created_code: Some(code.id),
                ..Plan::edit(Edit::PutCode(code))
            }))
        }
        Action::RenameCode { code, name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(SessionError::EmptyName);
            }
            let mut c = code_of(project, code)?.clone();
            if c.name == name {
                return Ok(None);
            }
            name.clone_into(&mut c.name);
            edit(Edit::PutCode(c))
        }
        Action::RecolorCode { code, color } => {
            let mut c = code_of(project, code)?.clone();
            if c.color == color {
                return Ok(None);
            }
            c.color = color;
            edit(Edit::PutCode(c))
        }
        Action::DescribeCode { code, description } => {
            let mut c = code_of(project, code)?.clone();
            if c.description == *description {
                return Ok(None);
            }
            c.description = description;
            edit(Edit::PutCode(c))
        }
        Action::SetCodeShortcut { code, key } => {
            let mut c = code_of(project, code)?.clone();
            if c.shortcut == key {
                return Ok(None);
            }
            let mut edits = Vec::new();
            if let Some(k) = key {
                // A key belongs to one code: take it from any other.
                for other in project.codes().values() {
                    if other.id != code && other.shortcut == Some(k) {
                        let mut o = other.clone();
                        o.shortcut = None;
                        edits.push(Edit::PutCode(o));
                    }
                }
            }
            c.shortcut = key;
            edits.push(Edit::PutCode(c));
            edit(Edit::Batch(edits))
        }
        Action::MoveCode {
            code,
            parent,
            before,
        } => move_code(project, code, parent, before),
        Action::MergeCodes { from, into } => {
            if from == into {
                return Err(SessionError::MergeIntoItself);
            }
            let from_code = code_of(project, from)?;
            code_of(project, into)?;
            if project.code_and_descendants(from).contains(&into) {
                return Err(SessionError::MergeIntoSubcode(from_code.name.clone()));
            }
            edit(Edit::merge_codes(project, from, into))
        }
        Action::DeleteCode(code) => {
            code_of(project, code)?;
            edit(Edit::delete_code(project, code))
        }
        Action::SetMemo { target, text } => {
            // A summary cell holds one summary per coder: each edits their own, so two
            // coders' summaries of a cell merge side by side.
            let own = |m: &&Memo| {
                !matches!(target, MemoTarget::Summary { .. }) || m.author == coder().ok()
            };
            let existing = project.memos_on(target).into_iter().find(own).cloned();
            match existing {
                Some(m) if text.trim().is_empty() => edit(Edit::RemoveMemo(m.id)),
                Some(mut m) => {
                    if m.text == text {
                        return Ok(None);
                    }
                    m.text = text;
                    m.modified = Utc::now();
                    edit(Edit::PutMemo(m))
                }
                None if text.trim().is_empty() => Ok(None),
                None => edit(Edit::PutMemo(Memo::new(target, text.clone(), coder().ok()))),
            }
        }
        Action::AddDocuments(documents) => Ok(Some(Plan {
            created_documents: documents.iter().map(|d| d.id).collect(),
            ..Plan::edit(Edit::Batch(
                documents
                    .into_iter()
                    .map(|d| Edit::PutDocument(Box::new(d)))
                    .collect(),
            ))
        })),
        Action::MergeCopy(path) => {
            let theirs = ProjectDir::open_read_only(&path)
                .map_err(|source| SessionError::OtherCopy { path, source })?;
            let (merged, report) = crate::merge::merge(project, &theirs.project);
            if report.is_empty() {
                return Ok(None);
            }
            Ok(Some(Plan {
                merged: Some(report),
                ..Plan::edit(merged)
            }))
        }
        Action::Prepared { edit: e, .. }
        | Action::TakeIncoming(e)
        | Action::ImportAttributeTable { edit: e, .. } => edit(e),
        Action::RenameDocument { document, name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(SessionError::EmptyName);
            }
            let mut d = document_of(project, document)?.clone();
            if d.name == name {
                return Ok(None);
            }
            name.clone_into(&mut d.name);
            edit(Edit::PutDocument(Box::new(d)))
        }
        Action::DeleteDocument(document) => {
            document_of(project, document)?;
            edit(Edit::delete_document(project, document))
        }
        Action::SetDocumentKind { document, kind } => {
            let mut d = document_of(project, document)?.clone();
            if d.kind == kind {
                return Ok(None);
            }
            d.kind = kind;
            edit(Edit::PutDocument(Box::new(d)))
        }
        Action::SetDocumentCase { document, case } => {
            // A case that is gone is refused by the model (`Edit::PutDocument`).
            let mut d = document_of(project, document)?.clone();
            if d.case == case {
                return Ok(None);
            }
            d.case = case;
            edit(Edit::PutDocument(Box::new(d)))
        }
        Action::SetDocumentMedia { document, media } => {
            let mut d = document_of(project, document)?.clone();
            if d.media == media {
                return Ok(None);
            }
            d.media = media;
            edit(Edit::PutDocument(Box::new(d)))
        }
        Action::SetTranscript { document, text } => {
            let d = document_of(project, document)?;
            let codings_on_it = project
                .codings()
                .values()
                .filter(|c| c.document == document)
                .count();
            if codings_on_it > 0 {
                return Err(SessionError::Edit {
                    action: "Transcribe".into(),
                    source: crate::model::EditError::InUse(
                        format!("document {:?}", d.name),
                        format!(
                            "{codings_on_it} coding(s) on its text; a coded text is not transcribed again"
                        ),
                    ),
                });
            }
            let text = text.replace("\r\n", "\n");
            if d.text.as_str() == text {
                return Ok(None);
            }
            let mut d = d.clone();
            d.segments = crate::import::detect_turns(&text);
            d.text = text.into();
            if !d.segments.is_empty() && d.kind == crate::model::DocumentKind::Notes {
                d.kind = crate::model::DocumentKind::Interview;
            }
            edit(Edit::PutDocument(Box::new(d)))
        }
        Action::ImportCodebook(incoming) => {
            edit(crate::import::codebook::merge_codebook(project, &incoming).edit)
        }
        Action::Import { edit: e, .. } => {
            let created_documents = documents_in(&e);
            Ok(Some(Plan {
                created_documents,
                ..Plan::edit(e)
            }))
        }
        Action::EditText {
            document,
            range,
            text,
        } => {
            let coder = coder()?;
            let who = project.coder(coder).map_or("", |c| c.name.as_str());
            let doc = document_of(project, document)?;
            if range.end > doc.text.char_len() || range.start > range.end {
                return Err(SessionError::Edit {
                    action: "Edit text".into(),
                    source: crate::model::EditError::OutOfRange {
                        start: range.start,
                        end: range.end,
                        len: doc.text.char_len(),
                    },
                });
            }
            if doc.text.slice(range) == text {
                return Ok(None);
            }
            let log = text_log(doc, who, range.len(), text.chars().count());
            let (e, removed) = Edit::edit_text(
                project,
                TextEdit {
                    log,
                    ..TextEdit::new(document, range, text)
                },
            );
            Ok(Some(Plan {
                removed_codings: removed,
                ..Plan::edit(e)
            }))
        }
        Action::ReplaceAll { query, with } => {
            let who = coder()
                .ok()
                .and_then(|c| project.coder(c))
                .map(|c| c.name.as_str());
            Ok(Plan::replacement(crate::analysis::replace::plan_replace(
                project, &query, &with, who,
            )?))
        }
        Action::ReplaceName { forms, with } => {
            let who = coder()
                .ok()
                .and_then(|c| project.coder(c))
                .map(|c| c.name.as_str());
            Ok(Plan::replacement(
                crate::analysis::replace::plan_replace_name(project, &forms, &with, who)?,
            ))
        }
        Action::AddCase(_)
        | Action::RenameCase { .. }
        | Action::DeleteCase(_)
        | Action::AddAttribute { .. }
        | Action::RenameAttribute { .. }
        | Action::DeleteAttribute(_)
        | Action::SetAttributeValue { .. } => super::cases::plan(project, action),
    }
}

/// Minutes within which a coder's edits of one text count as one entry of its history.
const EDIT_RUN_MINUTES: i64 = 10;

/// What a text edit by `who` notes in the document's history: a new entry, or the last one
/// grown when the same coder edited the text moments ago (a run of typing is one entry).
fn text_log(doc: &Document, who: &str, removed: usize, inserted: usize) -> LogOp {
    let now = Utc::now();
    match doc.edits.last() {
        Some(last)
            if last.who == who && now - last.at < chrono::Duration::minutes(EDIT_RUN_MINUTES) =>
        {
            LogOp::SetLast(TextChange {
                who: who.to_owned(),
                at: now,
                removed: last.removed + removed,
                inserted: last.inserted + inserted,
            })
        }
        _ => LogOp::Push(TextChange {
            who: who.to_owned(),
            at: now,
            removed,
            inserted,
        }),
    }
}

/// The documents an edit puts, in order.
#[must_use]
pub fn documents_in(e: &Edit) -> Vec<DocumentId> {
    match e {
        Edit::PutDocument(d) => vec![d.id],
        Edit::Batch(edits) => edits.iter().flat_map(documents_in).collect(),
        _ => Vec::new(),
    }
}

/// Move `code` under `parent`, before `before` (or last); `Ok(None)` when it is there already.
fn move_code(
    project: &Project,
    code: CodeId,
    parent: Option<CodeId>,
    before: Option<CodeId>,
) -> Result<Option<Plan>, SessionError> {
    let mut c = code_of(project, code)?.clone();
    if before == Some(code) {
        return Ok(None);
    }
    if let Some(p) = parent
        && project.code_and_descendants(code).contains(&p)
    {
        return Err(SessionError::UnderOwnSubcode(c.name));
    }
    let siblings: Vec<&Code> = project
        .child_codes(parent)
        .into_iter()
        .filter(|s| s.id != code)
        .collect();
    let at = before
        .and_then(|b| siblings.iter().position(|s| s.id == b))
        .unwrap_or(siblings.len());
    let prev = at.checked_sub(1).map(|i| &siblings[i].sort_key);
    let next = siblings.get(at).map(|s| &s.sort_key);
    // Already in place?
    let now_prev = project
        .child_codes(c.parent)
        .into_iter()
        .take_while(|s| s.id != code)
        .last()
        .map(|s| s.id);
    if c.parent == parent && now_prev == at.checked_sub(1).map(|i| siblings[i].id) {
        return Ok(None);
    }
    c.sort_key = SortKey::between(prev, next);
    c.parent = parent;
    Ok(Some(Plan::edit(Edit::PutCode(c))))
}

fn document_of(project: &Project, id: DocumentId) -> Result<&Document, SessionError> {
    project
        .document(id)
        .ok_or(SessionError::Gone(Gone::Document))
}

fn code_of(project: &Project, id: CodeId) -> Result<&Code, SessionError> {
    project.code(id).ok_or(SessionError::Gone(Gone::Code))
}

fn coding_of(project: &Project, id: CodingId) -> Result<&Coding, SessionError> {
    project.coding(id).ok_or(SessionError::Gone(Gone::Coding))
}

/// A sort key after the last child of `parent`.
/// `range` without leading and trailing whitespace; `None` when nothing is left.
#[must_use]
pub fn trim_range(doc: &Document, range: CharRange) -> Option<CharRange> {
    let len = doc.text.char_len();
    let range = CharRange::new(range.start.min(len), range.end.min(len));
    let s = doc.text.slice(range);
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    let r = CharRange::new(range.start + lead, range.end.saturating_sub(trail));
    (!r.is_empty()).then_some(r)
}

/// The name of an in-vivo code made from `text`: whitespace collapsed, at most 40 characters.
#[must_use]
pub fn in_vivo_name(text: &str) -> String {
    const MAX: usize = 40;
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = collapsed.trim_matches(|c: char| "\"“”'‘’「」『』".contains(c));
    if collapsed.chars().count() <= MAX {
        collapsed.to_owned()
    } else {
        let mut s: String = collapsed.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}
