//! Builds the fixed agreement cases of `tests/fixtures/agreement_cases.json` as projects. The
//! same file feeds `tests/agreement_reference.py`, which computes the expected values. The cases
//! of the cu-α family (`tests/fixtures/cu_alpha_cases.json`, computed by
//! `tests/cu_alpha_reference.py`) use the same format.

#![allow(dead_code)]
// A malformed fixture should stop the test at once.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use margin::model::{
    CharRange, Code, CodeId, Coder, CoderId, Coding, Color, Document, DocumentId, DocumentKind,
    Edit, Manifest, Project, Segment, SortKey,
};
use serde_json::Value;

const CASES: &str = include_str!("../fixtures/agreement_cases.json");

/// A fixed case as a project, with its names resolved.
pub struct Fixture {
    pub project: Project,
    pub coders: HashMap<String, CoderId>,
    pub codes: HashMap<String, CodeId>,
    pub documents: HashMap<String, DocumentId>,
}

impl Fixture {
    pub fn coder(&self, name: &str) -> CoderId {
        self.coders[name]
    }
    pub fn code(&self, name: &str) -> CodeId {
        self.codes[name]
    }
    pub fn document(&self, name: &str) -> DocumentId {
        self.documents[name]
    }
    pub fn coders_named(&self, names: &str) -> Vec<CoderId> {
        names.split('+').map(|n| self.coder(n)).collect()
    }
}

/// The case called `name`.
pub fn case(name: &str) -> Fixture {
    case_in(CASES, name)
}

/// The case called `name` in `cases`, a JSON file in the format of
/// `tests/fixtures/agreement_cases.json`.
pub fn case_in(cases: &str, name: &str) -> Fixture {
    let all: Value = serde_json::from_str(cases).unwrap();
    let case = all["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let mut project = Project::new(Manifest::new(name));
    let mut edits = Vec::new();
    let mut coders = HashMap::new();
    for (i, c) in case["coders"].as_array().unwrap().iter().enumerate() {
        let coder = Coder::new(c.as_str().unwrap(), Color::palette(i));
        coders.insert(coder.name.clone(), coder.id);
        edits.push(Edit::PutCoder(coder));
    }
    let mut code_ids = HashMap::new();
    for (i, c) in case["codes"].as_array().unwrap().iter().enumerate() {
        let name = c["name"].as_str().unwrap();
        let mut code = Code::new(name, Color::palette(i), SortKey(format!("{i:03}")));
        code.parent = c["parent"].as_str().map(|p| code_ids[p]);
        code_ids.insert(name.to_owned(), code.id);
        edits.push(Edit::PutCode(code));
    }
    let mut documents = HashMap::new();
    let mut texts = HashMap::new();
    for d in case["documents"].as_array().unwrap() {
        let text = match d["text"].as_str() {
            Some(t) => t.to_owned(),
            None => "x".repeat(d["length"].as_u64().unwrap() as usize),
        };
        let kind = d["kind"].as_str().unwrap().parse::<DocumentKind>().unwrap();
        let mut doc = Document::new(d["name"].as_str().unwrap(), kind, text);
        if let Some(segs) = d["segments"].as_array() {
            doc.segments = segs
                .iter()
                .map(|s| Segment {
                    range: CharRange::new(
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    ),
                    ..Segment::default()
                })
                .collect();
        }
        documents.insert(doc.name.clone(), doc.id);
        texts.insert(doc.id, doc.text.clone());
        edits.push(Edit::PutDocument(Box::new(doc)));
    }
    for c in case["codings"].as_array().unwrap() {
        let doc = documents[c[1].as_str().unwrap()];
        let range = CharRange::new(
            c[3].as_u64().unwrap() as usize,
            c[4].as_u64().unwrap() as usize,
        );
        let coding = Coding::new(
            doc,
            &texts[&doc],
            range,
            code_ids[c[2].as_str().unwrap()],
            coders[c[0].as_str().unwrap()],
        );
        edits.push(Edit::PutCoding(Box::new(coding)));
    }
    project.apply(Edit::Batch(edits)).unwrap();
    Fixture {
        project,
        coders,
        codes: code_ids,
        documents,
    }
}
