//! Builds the bundled sample project (`sample_projects/support-group/`) from its source material
//! (`sample_projects/source/`): the participants table, the codebook, ten interview transcripts,
//! the WeChat export with its pseudonym mapping, and two coders' codings given as quotes.
//!
//! Everything goes through Margin's own importers, and ids and times are derived from names, so
//! building twice gives byte-identical folders (a test holds the committed sample to that).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::import::{ImportError, ImportOptions, Pseudonyms, import_file, read_text};
use crate::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CaseId, CharRange, Code, CodeId, Coder,
    CoderId, Coding, CodingId, Color, DocumentId, DocumentKind, Edit, EditError, Manifest, Memo,
    MemoId, MemoTarget, Project, SortKey, Translation, Value,
};

/// Why the sample could not be built.
#[derive(Debug, Error)]
pub enum SampleError {
    /// A source file could not be read or imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A source table is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Source {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The built project breaks a rule of the model.
    #[error("the sample is inconsistent: {0}")]
    Edit(#[from] EditError),
}

/// Namespace of the sample's derived ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x6d61_7267_696e_2d73_616d_706c_6500_0001);

fn id(kind: &str, name: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{name}").as_bytes())
}

fn at(day: u32, minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 9, day, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

/// Rows of a CSV file with a header, as maps from column name to value, with their line numbers.
/// A table row: its line number and its fields by column name.
type Row = (usize, BTreeMap<String, String>);

fn read_table(path: &Path) -> Result<Vec<Row>, SampleError> {
    let text = read_text(path)?.text;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| SampleError::Source {
            path: path.to_path_buf(),
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SampleError::Source {
            path: path.to_path_buf(),
            line: e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        rows.push((
            line,
            headers
                .iter()
                .map(str::to_owned)
                .zip(record.iter().map(str::to_owned))
                .collect(),
        ));
    }
    Ok(rows)
}

fn field<'a>(
    row: &'a BTreeMap<String, String>,
    name: &str,
    path: &Path,
    line: usize,
) -> Result<&'a str, SampleError> {
    row.get(name)
        .map(String::as_str)
        .ok_or_else(|| SampleError::Source {
            path: path.to_path_buf(),
            line,
            message: format!("missing column {name:?}"),
        })
}

/// Build the sample project from `source` (the `sample_projects/source` folder).
// Whole: it reads like the study's own description, table by table, in the order the ids
// depend on each other.
pub fn build(source: &Path) -> Result<Project, SampleError> {
    let mut project = Project::new(Manifest {
        format_version: crate::model::FORMAT_VERSION,
        name: "Support group (sample)".into(),
        description: "A fictional study of a WeChat support group of cervical cancer patients, May–August 2024: \
the group chat and ten interviews (G1–G10), coded for identity construction and emotional resonance by two coders."
            .into(),
        created: at(1, 0),
        settings: crate::model::Settings::default(),
        // Two code queries the team runs again as coding goes on (`margin retrieve --saved`).
        queries: vec![
            crate::model::SavedQuery {
                name: "Identity with emotion nearby".into(),
                query: "Identity construction* AND (NEAR 1 TURNS Emotional arousal OR NEAR 1 \
                        TURNS Emotional solidarity)"
                    .into(),
            },
            crate::model::SavedQuery {
                name: "Role disorder outside the group".into(),
                query: "Role disorder and loneliness AND NOT Huddling for warmth".into(),
            },
        ],
    });
    let mut edits = Vec::new();

    let coders: BTreeMap<&str, CoderId> = [
        ("lin", "Lin Yue", Color::rgb(0x4c, 0x72, 0xb0)),
        ("zhou", "Zhou Ming", Color::rgb(0xdd, 0x84, 0x52)),
    ]
    .into_iter()
    .map(|(key, name, color)| {
        let coder = Coder {
            id: CoderId(id("coder", key)),
            name: name.into(),
            color,
        };
        let cid = coder.id;
        edits.push(Edit::PutCoder(coder));
        (key, cid)
    })
    .collect();

    // The codebook, in file order; parents come before their children in the file.
    let path = source.join("codebook.csv");
    let mut code_ids: BTreeMap<String, CodeId> = BTreeMap::new();
    let mut last_key: BTreeMap<Option<CodeId>, SortKey> = BTreeMap::new();
    for (line, row) in read_table(&path)? {
        let slug = field(&row, "slug", &path, line)?.to_owned();
        let parent_slug = field(&row, "parent", &path, line)?;
        let parent = if parent_slug.is_empty() {
            None
        } else {
            Some(
                *code_ids
                    .get(parent_slug)
                    .ok_or_else(|| SampleError::Source {
                        path: path.clone(),
                        line,
                        message: format!("parent {parent_slug:?} is not defined above"),
                    })?,
            )
        };
        let color = Color::from_hex(field(&row, "colour", &path, line)?).ok_or_else(|| {
            SampleError::Source {
                path: path.clone(),
                line,
                message: "colour is not #rrggbb".into(),
            }
        })?;
        let sort_key = SortKey::after(last_key.get(&parent));
        last_key.insert(parent, sort_key.clone());
        let code = Code {
            id: CodeId(id("code", &slug)),
            name: field(&row, "name", &path, line)?.to_owned(),
            parent,
            color,
            description: field(&row, "description", &path, line)?.to_owned(),
            sort_key,
            in_vivo: field(&row, "in_vivo", &path, line)? == "true",
            shortcut: None,
        };
        code_ids.insert(slug, code.id);
        edits.push(Edit::PutCode(code));
    }

    // Cases and their attributes.
    let path = source.join("participants.csv");
    let rows = read_table(&path)?;
    let mut regions: Vec<String> = Vec::new();
    for (line, row) in &rows {
        let r = field(row, "region", &path, *line)?.to_owned();
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    let attr = |name: &str, kind: AttributeKind, key: &str| AttributeDef {
        id: AttributeId(id("attribute", name)),
        name: name.into(),
        kind,
        sort_key: SortKey(key.into()),
    };
    let attributes = [
        attr("age", AttributeKind::Number, "a"),
        attr("region", AttributeKind::Category(regions), "b"),
        attr("time in group", AttributeKind::Text, "c"),
        attr("months in group", AttributeKind::Number, "d"),
        attr("joined", AttributeKind::Date, "e"),
    ];
    edits.extend(attributes.iter().cloned().map(Edit::PutAttribute));
    let mut cases: BTreeMap<String, CaseId> = BTreeMap::new();
    for (line, row) in &rows {
        let line = *line;
        let name = field(row, "case", &path, line)?.to_owned();
        let number = |col: &str| -> Result<Value, SampleError> {
            field(row, col, &path, line)?
                .parse::<f64>()
                .map(Value::Number)
                .map_err(|e| SampleError::Source {
                    path: path.clone(),
                    line,
                    message: format!("{col}: {e}"),
                })
        };
        let joined = NaiveDate::parse_from_str(
            &format!("{}-01", field(row, "joined", &path, line)?),
            "%Y-%m-%d",
        )
        .map_err(|e| SampleError::Source {
            path: path.clone(),
            line,
            message: format!("joined: {e}"),
        })?;
        let case = Case {
            id: CaseId(id("case", &name)),
            name: name.clone(),
            description: String::new(),
            values: BTreeMap::from([
                (attributes[0].id, number("age")?),
                (
                    attributes[1].id,
                    Value::Category(field(row, "region", &path, line)?.to_owned()),
                ),
                (
                    attributes[2].id,
                    Value::Text(field(row, "time_in_group", &path, line)?.to_owned()),
                ),
                (attributes[3].id, number("months_in_group")?),
                (attributes[4].id, Value::Date(joined)),
            ]),
        };
        cases.insert(name, case.id);
        edits.push(Edit::PutCase(case));
    }

    // Documents: the interviews, then the chat, through the importers.
    let mut documents: BTreeMap<String, crate::model::Document> = BTreeMap::new();
    for (name, case) in &cases {
        let file = source.join("interviews").join(format!("{name}.txt"));
        let mut doc = import_file(
            &file,
            &ImportOptions {
                kind: Some(DocumentKind::Interview),
                name: Some(format!("Interview {name}")),
                pseudonyms: None,
                ..ImportOptions::default()
            },
        )?
        .document;
        doc.id = DocumentId(id("document", name));
        doc.case = Some(*case);
        documents.insert(name.clone(), doc);
    }
    let pseudonyms = Pseudonyms::read(&source.join("chat/pseudonyms.csv"))?;
    let chat_file = source.join("chat/wechat-export.txt");
    let mut chat = import_file(
        &chat_file,
        &ImportOptions {
            kind: Some(DocumentKind::Chat),
            name: Some("WeChat group chat, May–August 2024".into()),
            pseudonyms: Some(pseudonyms.clone()),
            ..ImportOptions::default()
        },
    )?
    .document;
    chat.id = DocumentId(id("document", "chat"));
    documents.insert("chat".into(), chat);
    for doc in documents.values_mut() {
        if let Some(origin) = &mut doc.origin {
            origin.imported = at(1, 0);
        }
    }
    edits.extend(
        documents
            .values()
            .cloned()
            .map(|d| Edit::PutDocument(Box::new(d))),
    );

    // Codings, located by their quotes.
    let mut codings: Vec<(String, String, String, Coding)> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(source.join("codings"))
        .map_err(|e| ImportError::Io {
            path: source.join("codings"),
            error: e,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    for path in files {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (n, (line, row)) in read_table(&path)?.into_iter().enumerate() {
            let doc_name = field(&row, "document", &path, line)?;
            let err = |message: String| SampleError::Source {
                path: path.clone(),
                line,
                message,
            };
            let doc = documents
                .get(doc_name)
                .ok_or_else(|| err(format!("unknown document {doc_name:?}")))?;
            let coder_key = field(&row, "coder", &path, line)?;
            let coder = *coders
                .get(coder_key)
                .ok_or_else(|| err(format!("unknown coder {coder_key:?}")))?;
            let slug = field(&row, "code", &path, line)?;
            let code = *code_ids
                .get(slug)
                .ok_or_else(|| err(format!("unknown code {slug:?}")))?;
            let raw = field(&row, "quote", &path, line)?;
            let quote = if doc_name == "chat" {
                pseudonyms.apply(raw).0
            } else {
                raw.to_owned()
            };
            let text = doc.text.as_str();
            let mut found = text.match_indices(quote.as_str());
            let Some((byte, _)) = found.next() else {
                return Err(err(format!("the quote is not in {doc_name}: {quote:?}")));
            };
            if found.next().is_some() {
                return Err(err(format!(
                    "the quote occurs more than once in {doc_name}: {quote:?}"
                )));
            }
            let start = doc.text.char_of(byte);
            let range = CharRange::new(start, start + quote.chars().count());
            let mut coding = Coding::new(doc.id, &doc.text, range, code, coder);
            coding.id = CodingId(id("coding", &format!("{stem}:{n}")));
            coding.created = at(
                if coder_key == "lin" { 2 } else { 9 },
                i64::try_from(n).unwrap_or(i64::MAX) * 3,
            );
            let memo = field(&row, "memo", &path, line)?.trim();
            coding.memo = (!memo.is_empty()).then(|| memo.to_owned());
            codings.push((
                doc_name.to_owned(),
                coder_key.to_owned(),
                slug.to_owned(),
                coding,
            ));
        }
    }

    // Exemplars and translations of quotes for the paper, each found by its document, coder,
    // code and a piece of its text.
    let path = source.join("quotes.csv");
    for (line, row) in read_table(&path)? {
        let key = |name: &str| field(&row, name, &path, line);
        let (doc_name, coder_key, slug, piece) = (
            key("document")?,
            key("coder")?,
            key("code")?,
            key("contains")?,
        );
        let doc = documents.get(doc_name);
        let mut matching = codings.iter_mut().filter(|(d, c, k, coding)| {
            d == doc_name
                && c == coder_key
                && k == slug
                && doc.is_some_and(|doc| doc.text.slice(coding.range).contains(piece))
        });
        let (Some((_, _, _, coding)), None) = (matching.next(), matching.next()) else {
            return Err(SampleError::Source {
                path: path.clone(),
                line,
                message: format!(
                    "no single coding of {slug} by {coder_key} in {doc_name} holds {piece:?}"
                ),
            });
        };
        coding.exemplar = key("exemplar")? == "yes";
        let text = key("translation")?.trim();
        coding.translation = (!text.is_empty()).then(|| Translation {
            text: text.to_owned(),
            note: key("note").map_or("", str::trim).to_owned(),
        });
    }
    edits.extend(
        codings
            .into_iter()
            .map(|(_, _, _, coding)| Edit::PutCoding(Box::new(coding))),
    );

    // The researchers' summaries of cells of the summary grid (a case × a code).
    let path = source.join("summaries.csv");
    for (line, row) in read_table(&path)? {
        let key = |name: &str| field(&row, name, &path, line);
        let bad = |message: String| SampleError::Source {
            path: path.clone(),
            line,
            message,
        };
        let (case_name, slug, coder_key) = (key("case")?, key("code")?, key("coder")?);
        let case = *cases
            .get(case_name)
            .ok_or_else(|| bad(format!("no case {case_name:?}")))?;
        let code = *code_ids
            .get(slug)
            .ok_or_else(|| bad(format!("no code {slug:?}")))?;
        let coder = *coders
            .get(coder_key)
            .ok_or_else(|| bad(format!("no coder {coder_key:?}")))?;
        let when = at(20, i64::try_from(line).unwrap_or(0));
        edits.push(Edit::PutMemo(Memo {
            id: MemoId(id("summary", &format!("{case_name}:{slug}:{coder_key}"))),
            target: MemoTarget::Summary { case, code },
            title: String::new(),
            text: key("summary")?.trim().to_owned(),
            author: Some(coder),
            created: when,
            modified: when,
        }));
    }

    let memo = Memo {
        id: MemoId(id("memo", "project")),
        target: MemoTarget::Project,
        title: "About this sample".into(),
        text: "Everything in this project is fictional and was written for Margin. Participants appear only as G1–G10; \
people, hospitals and cities in the chat were pseudonymised at import (sample_projects/source/chat/pseudonyms.csv). \
Lin Yue coded first; Zhou Ming coded the same material independently as second coder."
            .into(),
        author: Some(coders["lin"]),
        created: at(1, 0),
        modified: at(1, 0),
    };
    edits.push(Edit::PutMemo(memo));
    project.apply(Edit::Batch(edits))?;
    Ok(project)
}
