//! Edits built from speakers and senders: code every turn of one speaker, link a speaker's turns
//! to a case, and make cases of a chat's senders. Each returns an [`Edit`] for the caller to
//! apply, so the window can put it on its undo history.

use std::collections::BTreeSet;

use crate::model::{
    Case, CaseId, CodeId, CoderId, Coding, Document, Edit, EditError, Project, SegmentKind,
};

/// The distinct speakers or senders of a document, in order of first appearance (system notices
/// have none).
#[must_use]
pub fn speakers(document: &Document) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for s in &document.segments {
        if s.kind == SegmentKind::System {
            continue;
        }
        if let Some(name) = &s.speaker
            && seen.insert(name.as_str())
        {
            out.push(name.clone());
        }
    }
    out
}

/// Code every turn or message of `speaker` in `document` with `code`, by `coder`. Segments
/// already coded with that code by that coder over the same range are skipped, so running it
/// twice adds nothing. The document, code and coder must exist in `project` when the edit is
/// applied (they may be added by the same batch).
pub fn autocode_speaker(
    project: &Project,
    document: &Document,
    speaker: &str,
    code: CodeId,
    coder: CoderId,
) -> Result<Edit, EditError> {
    if !document
        .segments
        .iter()
        .any(|s| s.speaker.as_deref() == Some(speaker))
    {
        return Err(EditError::Missing(format!(
            "speaker {speaker:?} in document {:?} (its speakers are: {})",
            document.name,
            speakers(document).join(", ")
        )));
    }
    let existing: BTreeSet<_> = project
        .codings_of(document.id)
        .filter(|c| c.code == code && c.coder == coder)
        .map(|c| c.range)
        .collect();
    let edits = document
        .segments
        .iter()
        .filter(|s| s.speaker.as_deref() == Some(speaker) && s.kind != SegmentKind::System)
        .filter(|s| !s.range.is_empty() && !existing.contains(&s.range))
        .map(|s| {
            Edit::PutCoding(Box::new(Coding::new(
                document.id,
                &document.text,
                s.range,
                code,
                coder,
            )))
        })
        .collect();
    Ok(Edit::Batch(edits))
}

/// Link the turns of `speaker` to a case: they are attributed to the case's name from then on
/// (a transcription service's "Speaker 2" becomes "G8"). Returns the edit that puts the changed
/// document.
pub fn link_speaker_to_case(
    project: &Project,
    document: &Document,
    speaker: &str,
    case: CaseId,
) -> Result<Edit, EditError> {
    let case = project
        .case(case)
        .ok_or_else(|| EditError::Missing(format!("case {case}")))?;
    let mut doc = document.clone();
    let mut changed = 0;
    for s in &mut doc.segments {
        if s.speaker.as_deref() == Some(speaker) {
            s.speaker = Some(case.name.clone());
            changed += 1;
        }
    }
    if changed == 0 {
        return Err(EditError::Missing(format!(
            "speaker {speaker:?} in document {:?} (its speakers are: {})",
            document.name,
            speakers(document).join(", ")
        )));
    }
    Ok(Edit::PutDocument(Box::new(doc)))
}

/// Cases for every sender or speaker of `documents` that `project` has no case of yet, in order
/// of first appearance. Returns the edits (one `PutCase` each) and the names.
#[must_use]
pub fn senders_as_cases(project: &Project, documents: &[&Document]) -> (Edit, Vec<String>) {
    let mut names = Vec::new();
    let mut seen = BTreeSet::new();
    for doc in documents {
        for name in speakers(doc) {
            if project.case_named(&name).is_none() && seen.insert(name.clone()) {
                names.push(name);
            }
        }
    }
    let edits = names
        .iter()
        .map(|n| Edit::PutCase(Case::new(n.clone())))
        .collect();
    (Edit::Batch(edits), names)
}
