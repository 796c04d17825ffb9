//! A whole project as a REFI-QDA project exchange file (`.qdpx`): a zip holding `project.qde`
//! (XML, valid against `Project-mrt2019.xsd`) and each document's text as
//! `sources/<document-id>.txt` (UTF-8, no byte-order mark, LF line ends, exactly the stored
//! text), so that offsets count code points from 0 as the standard says, and equal Margin's.
//!
//! What maps where:
//! - coders → `Users`; codes → the `CodeBook` tree with colours and descriptions;
//! - attributes → `Variables` (numbers as `Integer` when every value is whole, else `Float`;
//!   categories as `Text`, their list kept in the description as `One of: a | b`);
//! - cases → `Cases` with their values and a `SourceRef` to each of their documents;
//! - documents → `TextSource`s; each coding → a `PlainTextSelection` (the coding's note as its
//!   `Description`) holding one `Coding` with its coder (`creatingUser`) and time;
//! - memos → `Notes`, referenced from the project, document, code or coding they are about;
//! - a coding's translation and its exemplar mark → a note on the coding named
//!   [`TRANSLATION_NOTE`] (the translator's note after it) or [`EXEMPLAR_NOTE`]: other programs
//!   show them as notes, Margin reads them back as they were.
//!
//! The format has no place for speaker turns and chat messages (Margin's import finds them
//! again in the text), document kinds, in-vivo flags, shortcuts and coder colours; [`Summary`]
//! lists what was left out.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::ExportError;
use super::codebook::write_codes;
use super::xml::XmlWriter;
use crate::model::{
    AttributeDef, AttributeId, AttributeKind, CodeId, Coding, CodingId, Document, DocumentId, Memo,
    MemoTarget, Project, Value,
};

/// The prefix of a category attribute's description that carries its values.
pub const CATEGORY_PREFIX: &str = "One of: ";

/// The separator of those values.
pub const CATEGORY_SEPARATOR: &str = " | ";

/// The name of the note that carries a coding's translation (`… : the translator's note`).
pub const TRANSLATION_NOTE: &str = "Translation (Margin)";

/// The name of the note that marks a coding as an exemplar of its code.
pub const EXEMPLAR_NOTE: &str = "Exemplar (Margin)";

/// The start of the name of the project note that carries a summary of a summary grid's cell
/// (`Summary (Margin): G8 × Identity / Role disorder`): the standard gives cases no notes.
pub const SUMMARY_NOTE: &str = "Summary (Margin): ";

/// Mixed into a coding's id to name the notes that carry its translation and exemplar mark.
const TRANSLATION_SALT: u128 = 0x7a11_5a7e_0000_4000_8000_00c0_d10a_0002;
const EXEMPLAR_SALT: u128 = 0xe8e0_9a1a_0000_4000_8000_00c0_d10a_0003;

/// The largest internal file the standard allows (2 GiB less one byte).
const MAX_SOURCE_BYTES: usize = 2_147_483_647;

/// Mixed into a coding's id to name the selection that holds it.
const SELECTION_SALT: u128 = 0x5e1e_c710_0000_4000_8000_00c0_d10a_0001;

/// What an export wrote, and what the format could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents written.
    pub documents: usize,
    /// Codes written.
    pub codes: usize,
    /// Codings written.
    pub codings: usize,
    /// Cases written.
    pub cases: usize,
    /// Memos written as notes.
    pub memos: usize,
    /// What the format has no place for, one line each.
    pub not_carried: Vec<String>,
}

/// The guid of the selection holding `coding`.
#[must_use]
pub fn selection_guid(coding: CodingId) -> Uuid {
    Uuid::from_u128(coding.0.as_u128() ^ SELECTION_SALT)
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A selection's name: the start of its text on one line, as other programs show it.
fn preview(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::with_capacity(MAX + 4);
    let mut n = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if n >= MAX {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            n += 1;
            space = false;
        }
        out.push(c);
        n += 1;
    }
    out
}

/// How an attribute is typed in REFI-QDA, and its values as the schema writes them.
fn variable_type(project: &Project, def: &AttributeDef) -> &'static str {
    match def.kind {
        AttributeKind::Number => {
            let whole = project
                .cases()
                .values()
                .filter_map(|c| c.values.get(&def.id).and_then(Value::as_number))
                .all(|n| n.fract() == 0.0 && n.abs() < 1e15);
            if whole { "Integer" } else { "Float" }
        }
        AttributeKind::Date => "Date",
        AttributeKind::Text | AttributeKind::Category(_) => "Text",
    }
}

fn value_element(value: &Value, kind: &str) -> Option<(&'static str, String)> {
    match value {
        Value::Number(n) if !n.is_finite() => None,
        Value::Number(n) if kind == "Integer" => Some(("IntegerValue", format!("{}", *n as i64))),
        Value::Number(n) => Some(("FloatValue", format!("{n}"))),
        Value::Date(d) => Some(("DateValue", d.format("%Y-%m-%d").to_string())),
        Value::Text(s) | Value::Category(s) => Some(("TextValue", s.clone())),
    }
}

/// Memo ids by what they are about.
#[derive(Default)]
struct NoteRefs {
    project: Vec<String>,
    documents: HashMap<DocumentId, Vec<String>>,
    codes: HashMap<CodeId, Vec<String>>,
    codings: HashMap<CodingId, Vec<String>>,
}

fn note_refs(memos: &[&Memo]) -> NoteRefs {
    let mut refs = NoteRefs::default();
    for m in memos {
        let id = m.id.to_string();
        match m.target {
            // The standard gives a case no notes: a summary goes with the project's notes,
            // named after its cell (`summary_notes`).
            MemoTarget::Project | MemoTarget::Summary { .. } => refs.project.push(id),
            MemoTarget::Document(d) => refs.documents.entry(d).or_default().push(id),
            MemoTarget::Code(c) => refs.codes.entry(c).or_default().push(id),
            MemoTarget::Coding(c) => refs.codings.entry(c).or_default().push(id),
        }
    }
    refs
}

fn users(project: &Project, w: &mut XmlWriter) {
    let mut coders: Vec<_> = project.coders().values().collect();
    coders.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    if coders.is_empty() {
        return;
    }
    w.start("Users", &[]);
    for c in coders {
        w.empty("User", &[("guid", &c.id.to_string()), ("name", &c.name)]);
    }
    w.end();
}

fn variables(w: &mut XmlWriter, attributes: &[&AttributeDef], kinds: &HashMap<AttributeId, &str>) {
    if attributes.is_empty() {
        return;
    }
    w.start("Variables", &[]);
    for a in attributes {
        let id = a.id.to_string();
        let attrs = [
            ("guid", id.as_str()),
            ("name", a.name.as_str()),
            ("typeOfVariable", kinds[&a.id]),
        ];
        if let AttributeKind::Category(values) = &a.kind {
            w.start("Variable", &attrs);
            w.text_element(
                "Description",
                &[],
                &format!("{CATEGORY_PREFIX}{}", values.join(CATEGORY_SEPARATOR)),
            );
            w.end();
        } else {
            w.empty("Variable", &attrs);
        }
    }
    w.end();
}

fn cases(
    project: &Project,
    w: &mut XmlWriter,
    attributes: &[&AttributeDef],
    kinds: &HashMap<AttributeId, &str>,
    documents: &[&Document],
) {
    let mut cases: Vec<_> = project.cases().values().collect();
    cases.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    if cases.is_empty() {
        return;
    }
    w.start("Cases", &[]);
    for c in cases {
        w.start("Case", &[("guid", &c.id.to_string()), ("name", &c.name)]);
        if !c.description.is_empty() {
            w.text_element("Description", &[], &c.description);
        }
        for a in attributes {
            let Some((element, text)) = c
                .values
                .get(&a.id)
                .and_then(|v| value_element(v, kinds[&a.id]))
            else {
                continue;
            };
            w.start("VariableValue", &[]);
            w.empty("VariableRef", &[("targetGUID", &a.id.to_string())]);
            w.text_element(element, &[], &text);
            w.end();
        }
        for d in documents.iter().filter(|d| d.case == Some(c.id)) {
            w.empty("SourceRef", &[("targetGUID", &d.id.to_string())]);
        }
        w.end();
    }
    w.end();
}

fn selection(w: &mut XmlWriter, d: &Document, c: &Coding, refs: &NoteRefs) {
    let coder = c.coder.to_string();
    let created = time(c.created);
    let start = c.range.start.to_string();
    let end = c.range.end.to_string();
    w.start(
        "PlainTextSelection",
        &[
            ("guid", &selection_guid(c.id).to_string()),
            ("name", &preview(d.text.slice(c.range))),
            ("startPosition", &start),
            ("endPosition", &end),
            ("creatingUser", &coder),
            ("creationDateTime", &created),
        ],
    );
    if let Some(memo) = c.memo.as_deref().filter(|m| !m.is_empty()) {
        w.text_element("Description", &[], memo);
    }
    w.start(
        "Coding",
        &[
            ("guid", &c.id.to_string()),
            ("creatingUser", &coder),
            ("creationDateTime", &created),
        ],
    );
    w.empty("CodeRef", &[("targetGUID", &c.code.to_string())]);
    for n in refs.codings.get(&c.id).map_or(&[][..], Vec::as_slice) {
        w.empty("NoteRef", &[("targetGUID", n)]);
    }
    w.end();
    w.end();
}

fn sources(project: &Project, w: &mut XmlWriter, documents: &[&Document], refs: &NoteRefs) {
    if documents.is_empty() {
        return;
    }
    w.start("Sources", &[]);
    for d in documents {
        let id = d.id.to_string();
        let path = format!("internal://{id}.txt");
        let imported = d.origin.as_ref().map(|o| time(o.imported));
        let mut attrs = vec![
            ("guid", id.as_str()),
            ("name", d.name.as_str()),
            ("plainTextPath", path.as_str()),
        ];
        if let Some(t) = &imported {
            attrs.push(("creationDateTime", t.as_str()));
        }
        let mut codings: Vec<&Coding> = project.codings_of(d.id).collect();
        codings.sort_by_key(|c| (c.range, c.created, c.id));
        let notes = refs.documents.get(&d.id).map_or(&[][..], Vec::as_slice);
        if codings.is_empty() && notes.is_empty() {
            w.empty("TextSource", &attrs);
            continue;
        }
        w.start("TextSource", &attrs);
        for c in codings {
            selection(w, d, c, refs);
        }
        for n in notes {
            w.empty("NoteRef", &[("targetGUID", n)]);
        }
        w.end();
    }
    w.end();
}

fn notes(w: &mut XmlWriter, memos: &[&Memo]) {
    if memos.is_empty() {
        return;
    }
    w.start("Notes", &[]);
    for m in memos {
        let id = m.id.to_string();
        let author = m.author.map(|a| a.to_string());
        let created = time(m.created);
        let modified = time(m.modified);
        let mut attrs = vec![("guid", id.as_str())];
        if !m.title.is_empty() {
            attrs.push(("name", m.title.as_str()));
        }
        if let Some(a) = &author {
            attrs.push(("creatingUser", a.as_str()));
        }
        attrs.push(("creationDateTime", created.as_str()));
        attrs.push(("modifiedDateTime", modified.as_str()));
        w.start("Note", &attrs);
        w.text_element("PlainTextContent", &[], &m.text);
        w.end();
    }
    w.end();
}

/// The `project.qde` of `project`.
#[must_use]
pub fn project_qde(project: &Project) -> String {
    let manifest = project.manifest();
    let mut w = XmlWriter::new(true);
    let origin = super::origin();
    let created = time(manifest.created);
    w.start(
        "Project",
        &[
            ("xmlns", "urn:QDA-XML:project:1.0"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd",
            ),
            ("name", &manifest.name),
            ("origin", &origin),
            ("creationDateTime", &created),
        ],
    );
    let carried = coding_notes(project);
    let summaries = summary_notes(project);
    let mut memos: Vec<&Memo> = project
        .memos()
        .values()
        .filter(|m| !matches!(m.target, MemoTarget::Summary { .. }))
        .chain(&carried)
        .chain(&summaries)
        .collect();
    memos.sort_by_key(|m| (m.created, m.id));
    let refs = note_refs(&memos);
    users(project, &mut w);
    if !project.codes().is_empty() {
        w.start("CodeBook", &[]);
        write_codes(project, &mut w, &refs.codes);
        w.end();
    }
    let attributes = project.attributes_sorted();
    let kinds: HashMap<AttributeId, &str> = attributes
        .iter()
        .map(|a| (a.id, variable_type(project, a)))
        .collect();
    variables(&mut w, &attributes, &kinds);
    let mut documents: Vec<&Document> = project.documents().values().collect();
    documents.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    cases(project, &mut w, &attributes, &kinds, &documents);
    sources(project, &mut w, &documents, &refs);
    notes(&mut w, &memos);
    if !manifest.description.is_empty() {
        w.text_element("Description", &[], &manifest.description);
    }
    for n in &refs.project {
        w.empty("NoteRef", &[("targetGUID", n)]);
    }
    w.finish()
}

/// The summaries of the summary grid's cells, each named after its cell.
fn summary_notes(project: &Project) -> Vec<Memo> {
    project
        .memos()
        .values()
        .filter_map(|m| match m.target {
            MemoTarget::Summary { case, code } => Some(Memo {
                title: format!(
                    "{SUMMARY_NOTE}{} × {}",
                    project.case(case)?.name,
                    project.code_path(code)
                ),
                ..m.clone()
            }),
            _ => None,
        })
        .collect()
}

/// The notes that carry codings' translations and exemplar marks.
fn coding_notes(project: &Project) -> Vec<Memo> {
    let mut notes = Vec::new();
    for c in project.codings().values() {
        let note = |salt: u128, title: String, text: &str| Memo {
            id: crate::model::MemoId(Uuid::from_u128(c.id.0.as_u128() ^ salt)),
            target: MemoTarget::Coding(c.id),
            title,
            text: text.to_owned(),
            author: Some(c.coder),
            created: c.created,
            modified: c.created,
        };
        if let Some(t) = &c.translation {
            let title = if t.note.is_empty() {
                TRANSLATION_NOTE.to_owned()
            } else {
                format!("{TRANSLATION_NOTE}: {}", t.note)
            };
            notes.push(note(TRANSLATION_SALT, title, &t.text));
        }
        if c.exemplar {
            notes.push(note(
                EXEMPLAR_SALT,
                EXEMPLAR_NOTE.to_owned(),
                "Chosen as an exemplar of its code.",
            ));
        }
    }
    notes
}

/// What the format leaves out of `project`, one line each.
fn not_carried(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let segmented = project
        .documents()
        .values()
        .filter(|d| !d.segments.is_empty())
        .count();
    if segmented > 0 {
        out.push(format!(
            "speaker turns and chat messages of {segmented} document(s) (found again in the text on import)"
        ));
    }
    if !project.documents().is_empty() {
        out.push("document kinds (interview, chat, notes)".into());
    }
    let in_vivo = project.codes().values().filter(|c| c.in_vivo).count();
    if in_vivo > 0 {
        out.push(format!("the in-vivo flag of {in_vivo} code(s)"));
    }
    let shortcuts = project
        .codes()
        .values()
        .filter(|c| c.shortcut.is_some())
        .count();
    if shortcuts > 0 {
        out.push(format!("the keyboard shortcuts of {shortcuts} code(s)"));
    }
    if !project.coders().is_empty() {
        out.push("coder colours".into());
    }
    out
}

/// Write `project` as a `.qdpx` archive to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<Summary, ExportError> {
    for d in project.documents().values() {
        if d.text.as_str().len() > MAX_SOURCE_BYTES {
            return Err(ExportError::Unsupported(format!(
                "document {:?} is larger than the 2 GB a REFI-QDA source may hold",
                d.name
            )));
        }
    }
    let qde = project_qde(project);
    let text_bytes: usize = project
        .documents()
        .values()
        .map(|d| d.text.as_str().len())
        .sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(
        qde.len() / 4 + text_bytes / 2 + 1024,
    )));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    zip.start_file("project.qde", options)?;
    zip.write_all(qde.as_bytes())?;
    let mut documents: Vec<_> = project.documents().values().collect();
    documents.sort_by_key(|d| d.id);
    for d in documents {
        zip.start_file(format!("sources/{}.txt", d.id), options)?;
        zip.write_all(d.text.as_str().as_bytes())?;
    }
    let bytes = zip.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(Summary {
        documents: project.documents().len(),
        codes: project.codes().len(),
        codings: project.codings().len(),
        cases: project.cases().len(),
        memos: project.memos().len(),
        not_carried: not_carried(project),
    })
}
