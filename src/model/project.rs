//! The project: everything a study holds, kept consistent. Read it freely; change it only through
//! [`Project::apply`] (see `edit.rs`), which validates, records what changed for the store, and
//! returns the inverse edit for undo.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::{AttributeDef, Case};
use super::code::Code;
use super::coder::Coder;
use super::coding::Coding;
use super::document::Document;
use super::ids::{AttributeId, CaseId, CodeId, CoderId, CodingId, DocumentId, MemoId};
use super::memo::{Memo, MemoTarget};

/// The project format version this build writes.
pub const FORMAT_VERSION: u32 = 2;

/// Project-wide settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Characters of context shown around an excerpt in retrievals and exports.
    pub excerpt_context: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            excerpt_context: 80,
        }
    }
}

/// The manifest (`margin.ron`): format version, name, description, settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The project format version the folder was written with.
    pub format_version: u32,
    /// The project's name.
    pub name: String,
    /// What the study is.
    #[serde(default)]
    pub description: String,
    /// When the project was created.
    pub created: DateTime<Utc>,
    /// Settings.
    #[serde(default)]
    pub settings: Settings,
    /// Code queries saved with a name, to run again (`analysis::query`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queries: Vec<SavedQuery>,
}

/// A code query saved with a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuery {
    /// Its name.
    pub name: String,
    /// The query, as written (`Identity AND (Hope OR NOT Stigma)`).
    pub query: String,
}

impl Manifest {
    /// A manifest for a new project.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            description: String::new(),
            created: Utc::now(),
            settings: Settings::default(),
            queries: Vec::new(),
        }
    }
}

/// A unit of storage that an edit changed; the store maps each to its file(s).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKey {
    /// `margin.ron`.
    Manifest,
    /// `documents/<id>.txt` and `.ron`.
    Document(DocumentId),
    /// `codebook/<id>.ron`.
    Code(CodeId),
    /// `cases.ron`.
    Cases,
    /// `coders/<id>.ron`.
    Coder(CoderId),
    /// `codings/<coder>/<document>.ron`.
    Codings(CoderId, DocumentId),
    /// `memos/<id>.ron`.
    Memo(MemoId),
}

/// A whole project in memory.
#[derive(Clone, Debug)]
pub struct Project {
    pub(crate) manifest: Manifest,
    pub(crate) documents: BTreeMap<DocumentId, Document>,
    pub(crate) codes: BTreeMap<CodeId, Code>,
    pub(crate) codings: BTreeMap<CodingId, Coding>,
    pub(crate) attributes: BTreeMap<AttributeId, AttributeDef>,
    pub(crate) cases: BTreeMap<CaseId, Case>,
    pub(crate) coders: BTreeMap<CoderId, Coder>,
    pub(crate) memos: BTreeMap<MemoId, Memo>,
    /// Codings of each document, for fast per-document access.
    pub(crate) by_document: HashMap<DocumentId, BTreeSet<CodingId>>,
    /// What changed since the store last saved.
    pub(crate) touched: BTreeSet<EntityKey>,
}

impl Project {
    /// An empty project.
    #[must_use]
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest,
            documents: BTreeMap::new(),
            codes: BTreeMap::new(),
            codings: BTreeMap::new(),
            attributes: BTreeMap::new(),
            cases: BTreeMap::new(),
            coders: BTreeMap::new(),
            memos: BTreeMap::new(),
            by_document: HashMap::new(),
            touched: BTreeSet::new(),
        }
    }

    /// The manifest.
    #[must_use]
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Documents by id.
    #[must_use]
    pub fn documents(&self) -> &BTreeMap<DocumentId, Document> {
        &self.documents
    }

    /// One document.
    #[must_use]
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(&id)
    }

    /// Codes by id.
    #[must_use]
    pub fn codes(&self) -> &BTreeMap<CodeId, Code> {
        &self.codes
    }

    /// One code.
    #[must_use]
    pub fn code(&self, id: CodeId) -> Option<&Code> {
        self.codes.get(&id)
    }

    /// All codings by id.
    #[must_use]
    pub fn codings(&self) -> &BTreeMap<CodingId, Coding> {
        &self.codings
    }

    /// One coding.
    #[must_use]
    pub fn coding(&self, id: CodingId) -> Option<&Coding> {
        self.codings.get(&id)
    }

    /// The codings of one document, in id order.
    pub fn codings_of(&self, document: DocumentId) -> impl Iterator<Item = &Coding> + '_ {
        self.by_document
            .get(&document)
            .into_iter()
            .flatten()
            .filter_map(|id| self.codings.get(id))
    }

    /// Attribute definitions by id.
    #[must_use]
    pub fn attributes(&self) -> &BTreeMap<AttributeId, AttributeDef> {
        &self.attributes
    }

    /// Attribute definitions in column order.
    #[must_use]
    pub fn attributes_sorted(&self) -> Vec<&AttributeDef> {
        let mut v: Vec<_> = self.attributes.values().collect();
        v.sort_by(|a, b| (&a.sort_key, &a.name).cmp(&(&b.sort_key, &b.name)));
        v
    }

    /// Cases by id.
    #[must_use]
    pub fn cases(&self) -> &BTreeMap<CaseId, Case> {
        &self.cases
    }

    /// One case.
    #[must_use]
    pub fn case(&self, id: CaseId) -> Option<&Case> {
        self.cases.get(&id)
    }

    /// Coders by id.
    #[must_use]
    pub fn coders(&self) -> &BTreeMap<CoderId, Coder> {
        &self.coders
    }

    /// One coder.
    #[must_use]
    pub fn coder(&self, id: CoderId) -> Option<&Coder> {
        self.coders.get(&id)
    }

    /// Memos by id.
    #[must_use]
    pub fn memos(&self) -> &BTreeMap<MemoId, Memo> {
        &self.memos
    }

    /// The memos on `target`, oldest first.
    #[must_use]
    pub fn memos_on(&self, target: MemoTarget) -> Vec<&Memo> {
        let mut v: Vec<_> = self.memos.values().filter(|m| m.target == target).collect();
        v.sort_by_key(|m| (m.created, m.id));
        v
    }

    /// The children of `parent` (top-level codes for `None`), in codebook order.
    #[must_use]
    pub fn child_codes(&self, parent: Option<CodeId>) -> Vec<&Code> {
        let mut v: Vec<_> = self.codes.values().filter(|c| c.parent == parent).collect();
        v.sort_by(|a, b| (&a.sort_key, &a.name, a.id).cmp(&(&b.sort_key, &b.name, b.id)));
        v
    }

    /// The codebook in tree order, each code with its depth.
    #[must_use]
    pub fn code_tree(&self) -> Vec<(usize, &Code)> {
        fn walk<'a>(
            p: &'a Project,
            parent: Option<CodeId>,
            depth: usize,
            out: &mut Vec<(usize, &'a Code)>,
        ) {
            for c in p.child_codes(parent) {
                out.push((depth, c));
                walk(p, Some(c.id), depth + 1, out);
            }
        }
        let mut out = Vec::with_capacity(self.codes.len());
        walk(self, None, 0, &mut out);
        out
    }

    /// `code` and all codes below it.
    #[must_use]
    pub fn code_and_descendants(&self, code: CodeId) -> BTreeSet<CodeId> {
        let mut out = BTreeSet::from([code]);
        let mut frontier = vec![code];
        while let Some(c) = frontier.pop() {
            for child in self.codes.values().filter(|x| x.parent == Some(c)) {
                if out.insert(child.id) {
                    frontier.push(child.id);
                }
            }
        }
        out
    }

    /// The full path of a code, e.g. `Emotional resonance / Emotional arousal`.
    #[must_use]
    pub fn code_path(&self, code: CodeId) -> String {
        let mut names = Vec::new();
        let mut next = Some(code);
        while let Some(id) = next {
            let Some(c) = self.codes.get(&id) else { break };
            names.push(c.name.as_str());
            next = c.parent;
            if names.len() > self.codes.len() {
                break;
            }
        }
        names.reverse();
        names.join(" / ")
    }

    /// A new code named `name` under `parent`, placed last among its siblings, with the next
    /// colour of the palette (not yet in the project).
    #[must_use]
    pub fn new_code(&self, name: &str, parent: Option<CodeId>) -> Code {
        let siblings = self.child_codes(parent);
        let key = super::sort_key::SortKey::after(siblings.last().map(|c| &c.sort_key));
        let mut code = Code::new(name, super::code::Color::palette(self.codes.len()), key);
        code.parent = parent;
        code
    }

    /// Find a case by name.
    #[must_use]
    pub fn case_named(&self, name: &str) -> Option<&Case> {
        self.cases.values().find(|c| c.name == name)
    }

    /// Find a coder by name.
    #[must_use]
    pub fn coder_named(&self, name: &str) -> Option<&Coder> {
        self.coders.values().find(|c| c.name == name)
    }

    /// Find a code by name (first in tree order).
    #[must_use]
    pub fn code_named(&self, name: &str) -> Option<&Code> {
        self.code_tree()
            .into_iter()
            .map(|(_, c)| c)
            .find(|c| c.name == name)
    }

    /// What changed since the last save.
    #[must_use]
    pub fn touched(&self) -> &BTreeSet<EntityKey> {
        &self.touched
    }

    /// Take the set of changed entities (the store calls this when it saves).
    pub fn take_touched(&mut self) -> BTreeSet<EntityKey> {
        std::mem::take(&mut self.touched)
    }

    /// Put back entities whose save failed, so the next save tries them again.
    pub fn retouch(&mut self, keys: impl IntoIterator<Item = EntityKey>) {
        self.touched.extend(keys);
    }

    /// Mark everything as changed (used when a project is first written to a folder).
    pub fn touch_all(&mut self) {
        let keys: Vec<EntityKey> = std::iter::once(EntityKey::Manifest)
            .chain(std::iter::once(EntityKey::Cases))
            .chain(self.documents.keys().map(|&d| EntityKey::Document(d)))
            .chain(self.codes.keys().map(|&c| EntityKey::Code(c)))
            .chain(self.coders.keys().map(|&c| EntityKey::Coder(c)))
            .chain(self.memos.keys().map(|&m| EntityKey::Memo(m)))
            .chain(
                self.codings
                    .values()
                    .map(|c| EntityKey::Codings(c.coder, c.document)),
            )
            .collect();
        self.touched.extend(keys);
    }
}
