//! Every memo of a project in one list — on the project, a document, a code or a coding (a
//! coding's own memo and the comments coders leave on it) — and that list written out as
//! Markdown or Word. The window's memo manager shows the same list ([`all_memos`]), so what it
//! lists and what an export holds cannot differ.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{DateTime, Utc};

use super::ExportError;
use super::excerpts::docx::{paragraph, run, write_package};
use super::excerpts::markdown_escape;
use crate::analysis::names::natural_cmp;
use crate::model::{MemoTarget, Project};

/// The formats memos are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Word document.
    Docx,
}

impl Format {
    /// The usual file extension.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Docx => "docx",
        }
    }
}

/// What kind of thing a memo is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemoKind {
    /// The project.
    Project,
    /// A document.
    Document,
    /// A code.
    Code,
    /// A coding (its memo, or a comment on it).
    Coding,
    /// A cell of the summary grid (a case × a code).
    Summary,
}

impl MemoKind {
    /// All kinds, in the order the list shows them.
    pub const ALL: [Self; 5] = [
        Self::Project,
        Self::Document,
        Self::Code,
        Self::Summary,
        Self::Coding,
    ];

    /// The English heading of the kind in an export.
    #[must_use]
    pub const fn heading(self) -> &'static str {
        match self {
            Self::Project => "Project",
            Self::Document => "Documents",
            Self::Code => "Codes",
            Self::Coding => "Codings",
            Self::Summary => "Summaries",
        }
    }
}

/// One memo, with what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoEntry {
    /// What kind of thing it is about.
    pub kind: MemoKind,
    /// What it is about (for a coding memo stored on the coding itself, the coding).
    pub target: MemoTarget,
    /// What it is about, in words: the document's name, the code's path, or for a coding its
    /// document, code and the start of its text.
    pub about: String,
    /// The memo.
    pub text: String,
    /// Who wrote it, when known.
    pub author: Option<String>,
    /// When it was last changed, when known (a coding's own memo has no date of its own).
    pub modified: Option<DateTime<Utc>>,
    /// A comment left on a coding (a memo of its own), not the coding's memo.
    pub comment: bool,
}

impl MemoEntry {
    /// True when `needle` (lower case) is in its text or in what it is about.
    #[must_use]
    pub fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || self.text.to_lowercase().contains(needle)
            || self.about.to_lowercase().contains(needle)
            || self
                .author
                .as_deref()
                .is_some_and(|a| a.to_lowercase().contains(needle))
    }
}

/// How many characters of a coding's text name it.
const QUOTE_CHARS: usize = 40;

/// What `target` is, in words (see [`MemoEntry::about`]); `None` when it is gone.
#[must_use]
pub fn describe_target(project: &Project, target: MemoTarget) -> Option<String> {
    Some(match target {
        MemoTarget::Project => project.manifest().name.clone(),
        MemoTarget::Document(d) => project.document(d)?.name.clone(),
        MemoTarget::Code(c) => {
            project.code(c)?;
            project.code_path(c)
        }
        MemoTarget::Summary { case, code } => {
            project.code(code)?;
            format!("{} × {}", project.case(case)?.name, project.code_path(code))
        }
        MemoTarget::Coding(c) => {
            let coding = project.coding(c)?;
            let doc = project.document(coding.document)?;
            let text: String = doc
                .text
                .slice(coding.range)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let mut quote: String = text.chars().take(QUOTE_CHARS).collect();
            if text.chars().count() > QUOTE_CHARS {
                quote.push('…');
            }
            format!(
                "{} · {} · “{quote}”",
                doc.name,
                project.code_path(coding.code)
            )
        }
    })
}

/// Every memo of `project`: the project's, then the documents' (by name), the codes' (in
/// codebook order), the codings' (by document name and position; a coding's own memo before
/// the comments on it, oldest first).
#[must_use]
pub fn all_memos(project: &Project) -> Vec<MemoEntry> {
    let author =
        |a: Option<crate::model::CoderId>| a.and_then(|a| project.coder(a)).map(|c| c.name.clone());
    // The memos by what they are about, oldest first (one pass over them).
    let mut on: BTreeMap<MemoTarget, Vec<&crate::model::Memo>> = BTreeMap::new();
    for m in project.memos().values() {
        on.entry(m.target).or_default().push(m);
    }
    for memos in on.values_mut() {
        memos.sort_by_key(|m| (m.created, m.id));
    }
    let mut out = Vec::new();
    let mut push = |kind: MemoKind, target: MemoTarget| {
        let own = match target {
            MemoTarget::Coding(c) => project
                .coding(c)
                .and_then(|c| c.memo.as_ref().map(|m| (c, m))),
            _ => None,
        };
        let memos = on.get(&target).map_or(&[][..], Vec::as_slice);
        if own.is_none() && memos.is_empty() {
            return;
        }
        let Some(about) = describe_target(project, target) else {
            return;
        };
        if let Some((coding, memo)) = own {
            out.push(MemoEntry {
                kind,
                target,
                about: about.clone(),
                text: memo.clone(),
                author: author(Some(coding.coder)),
                modified: None,
                comment: false,
            });
        }
        for m in memos {
            out.push(MemoEntry {
                kind,
                target,
                about: about.clone(),
                text: m.text.clone(),
                author: author(m.author),
                modified: Some(m.modified),
                comment: matches!(target, MemoTarget::Coding(_)),
            });
        }
    };
    push(MemoKind::Project, MemoTarget::Project);
    let mut docs: Vec<_> = project.documents().values().collect();
    docs.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    for d in &docs {
        push(MemoKind::Document, MemoTarget::Document(d.id));
    }
    let tree = project.code_tree();
    for (_, c) in &tree {
        push(MemoKind::Code, MemoTarget::Code(c.id));
    }
    let mut cases: Vec<_> = project.cases().values().collect();
    cases.sort_by(|a, b| natural_cmp(&a.name, &b.name).then(a.id.cmp(&b.id)));
    for case in cases {
        for (_, c) in &tree {
            push(
                MemoKind::Summary,
                MemoTarget::Summary {
                    case: case.id,
                    code: c.id,
                },
            );
        }
    }
    let mut codings: Vec<_> = project
        .codings()
        .values()
        .filter(|c| c.memo.is_some() || on.contains_key(&MemoTarget::Coding(c.id)))
        .collect();
    let name = |d| project.document(d).map_or("", |d| d.name.as_str());
    codings.sort_by(|a, b| {
        name(a.document)
            .cmp(name(b.document))
            .then(a.range.start.cmp(&b.range.start))
            .then(a.id.cmp(&b.id))
    });
    for c in codings {
        push(MemoKind::Coding, MemoTarget::Coding(c.id));
    }
    out
}

/// The line under a memo: who wrote it and when, and whether it is a comment.
fn byline(m: &MemoEntry) -> String {
    let mut parts = Vec::new();
    if m.comment {
        parts.push("comment".to_owned());
    }
    if let Some(a) = &m.author {
        parts.push(format!("by {a}"));
    }
    if let Some(t) = m.modified {
        parts.push(t.format("%Y-%m-%d %H:%M UTC").to_string());
    }
    parts.join(", ")
}

/// Write `memos` (from [`all_memos`], perhaps filtered) in `format`; returns how many.
pub fn write(
    project: &Project,
    memos: &[MemoEntry],
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let title = format!("{}: memos", project.manifest().name);
    match format {
        Format::Markdown => {
            let mut s = String::from("# ");
            markdown_escape(&mut s, &title);
            s.push_str("\n\n");
            let mut kind = None;
            for m in memos {
                if kind != Some(m.kind) {
                    kind = Some(m.kind);
                    s.push_str("## ");
                    s.push_str(m.kind.heading());
                    s.push_str("\n\n");
                }
                s.push_str("### ");
                markdown_escape(&mut s, &m.about);
                s.push_str("\n\n");
                for line in m.text.lines() {
                    markdown_escape(&mut s, line);
                    s.push_str("  \n");
                }
                let by = byline(m);
                if !by.is_empty() {
                    s.push_str("\n*");
                    markdown_escape(&mut s, &by);
                    s.push('*');
                }
                s.push_str("\n\n");
            }
            out.write_all(s.as_bytes())?;
        }
        Format::Docx => {
            let mut body = String::new();
            let mut runs = String::new();
            run(&mut runs, "", &title);
            paragraph(&mut body, "Title", &runs);
            let mut kind = None;
            for m in memos {
                if kind != Some(m.kind) {
                    kind = Some(m.kind);
                    runs.clear();
                    run(&mut runs, "", m.kind.heading());
                    paragraph(&mut body, "Heading1", &runs);
                }
                runs.clear();
                run(&mut runs, "<w:b/>", &m.about);
                paragraph(&mut body, "Normal", &runs);
                runs.clear();
                run(&mut runs, "", &m.text);
                paragraph(&mut body, "Quote", &runs);
                let by = byline(m);
                if !by.is_empty() {
                    runs.clear();
                    run(&mut runs, "", &by);
                    paragraph(&mut body, "Attribution", &runs);
                }
            }
            write_package(project, &title, &body, out)?;
        }
    }
    Ok(memos.len())
}
