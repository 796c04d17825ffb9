//! Codebook import: the code tree of a REFI-QDA codebook (`.qdc`) or a CSV table (one row per
//! code) merged into a project. Two stages as everywhere in `import`: [`read_codebook`] reads and
//! checks the file into [`IncomingCode`]s; [`merge_codebook`] says what they would change — the
//! codes it adds, the existing codes it completes — as one [`Edit`], so the window can show a
//! preview and the session apply it as one undo step.
//!
//! A code is matched by its path (`Parent / Child`, names compared exactly after trimming):
//! an existing code keeps its name, colour and place, and takes the file's description only
//! when it has none; a new code goes under its parent (existing, or new from the same file),
//! after its siblings, with the file's colour or the next of the palette.
//!
//! A CSV has a header row; the code's name is in the column `name` (or `code`, `名称`, `编码`),
//! its parent's path in `parent_path` (or `parent`, `上级`), or the whole path in `path`
//! (`路径`); `description` (`描述`, `说明`) and `color` (`colour`, `颜色`) are optional. Margin's
//! own codebook CSV (`margin export --what codebook --format csv`) reads back as it was written.

use std::collections::HashMap;
use std::path::Path;

use crate::model::{Code, CodeId, Color, Edit, Project, SortKey};

use super::error::ImportError;
use super::qdpx::codebook::{qdc_codes, qdc_text};
use super::text::{MAX_IMPORT_BYTES, decode, read_limited};

/// A code as a codebook file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingCode {
    /// Its path from the top of the tree: the names of its ancestors, then its own.
    pub path: Vec<String>,
    /// Its colour, when the file gives one.
    pub color: Option<Color>,
    /// What it means (empty when the file says nothing).
    pub description: String,
}

/// What merging a codebook would do.
#[derive(Clone, Debug, PartialEq)]
pub struct CodebookMerge {
    /// The edit (empty when the project has every code already).
    pub edit: Edit,
    /// The paths of the codes it adds, in the file's order.
    pub added: Vec<String>,
    /// The paths of existing codes that take the file's description.
    pub described: Vec<String>,
    /// Codes of the file the project has already, as they are.
    pub unchanged: usize,
}

/// Read the codebook at `path`: REFI-QDA `.qdc` (by its extension or an XML start), else CSV.
pub fn read_codebook(path: &Path) -> Result<Vec<IncomingCode>, ImportError> {
    let bytes = read_limited(path, MAX_IMPORT_BYTES)?;
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let looks_xml = bytes
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        == Some(b'<');
    let codes = if by_name.as_deref() == Some("qdc") || looks_xml {
        qdc_codes(&qdc_text(&bytes, path)?, path)?
    } else {
        csv_codes(&decode(&bytes, path)?.text, path)?
    };
    if codes.is_empty() {
        return Err(ImportError::Malformed {
            path: path.to_path_buf(),
            line: 1,
            message: "the codebook holds no codes".into(),
        });
    }
    Ok(codes)
}

/// The separator of a code path, as `Project::code_path` writes it.
const SEPARATOR: &str = " / ";

fn split_path(s: &str) -> Vec<String> {
    s.split(SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The codes of a CSV codebook.
fn csv_codes(text: &str, path: &Path) -> Result<Vec<IncomingCode>, ImportError> {
    let malformed = |line: usize, message: String| ImportError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = super::attributes::csv_reader(text);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| malformed(1, format!("the header row cannot be read ({e})")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let name = column(&["name", "code", "名称", "编码", "代码"]);
    let parent = column(&["parent_path", "parent", "上级", "父编码"]);
    let whole = column(&["path", "路径"]);
    let description = column(&["description", "描述", "说明", "定义"]);
    let color = column(&["color", "colour", "颜色"]);
    if name.is_none() && whole.is_none() {
        return Err(malformed(
            1,
            format!(
                "no column names the codes: expected one headed \"name\" (or \"code\") or \"path\"; the header is {}",
                header.join(", ")
            ),
        ));
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record =
            record.map_err(|e| malformed(line, format!("the row cannot be read ({e})")))?;
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let path = match name {
            Some(_) if !cell(name).is_empty() => {
                let mut p = split_path(cell(parent));
                p.push(cell(name).to_owned());
                p
            }
            _ => split_path(cell(whole)),
        };
        if path.is_empty() {
            return Err(malformed(line, "the row names no code".into()));
        }
        let hex = cell(color);
        out.push(IncomingCode {
            path,
            color: if hex.is_empty() {
                None
            } else {
                Some(Color::from_hex(hex.trim_start_matches('#')).ok_or_else(|| {
                    malformed(line, format!("{hex:?} is not a colour like #4c72b0"))
                })?)
            },
            description: cell(description).to_owned(),
        });
    }
    Ok(out)
}

/// What merging `incoming` into `project` would do (nothing is applied).
#[must_use]
pub fn merge_codebook(project: &Project, incoming: &[IncomingCode]) -> CodebookMerge {
    // Every existing code by its path.
    let mut by_path: HashMap<Vec<String>, CodeId> = project
        .codes()
        .keys()
        .map(|&id| {
            let mut path = Vec::new();
            let mut at = Some(id);
            while let Some(c) = at.and_then(|a| project.code(a)) {
                path.push(c.name.clone());
                at = c.parent;
            }
            path.reverse();
            (path, id)
        })
        .collect();
    // The last sort key under each parent, as new codes are added after their siblings.
    let mut last_key: HashMap<Option<CodeId>, Option<SortKey>> = HashMap::new();
    let mut edits = Vec::new();
    let mut added = Vec::new();
    let mut described = Vec::new();
    let mut unchanged = 0;
    let mut new_codes = 0;
    for code in incoming {
        // Each ancestor the file names only through a child's path is made too.
        for depth in 1..=code.path.len() {
            let path = &code.path[..depth];
            let own = depth == code.path.len();
            if let Some(&id) = by_path.get(path) {
                if !own {
                    continue;
                }
                match project.code(id) {
                    Some(existing)
                        if existing.description.is_empty() && !code.description.is_empty() =>
                    {
                        let mut c = existing.clone();
                        c.description.clone_from(&code.description);
                        edits.push(Edit::PutCode(c));
                        described.push(path.join(SEPARATOR));
                    }
                    // A code this file adds, named twice: the first row decides.
                    Some(_) | None => unchanged += 1,
                }
                continue;
            }
            let parent = if depth > 1 {
                by_path.get(&code.path[..depth - 1]).copied()
            } else {
                None
            };
            let key = last_key.entry(parent).or_insert_with(|| {
                project
                    .child_codes(parent)
                    .last()
                    .map(|c| c.sort_key.clone())
            });
            let sort_key = SortKey::after(key.as_ref());
            *key = Some(sort_key.clone());
            let color = code
                .color
                .filter(|_| own)
                .unwrap_or_else(|| Color::palette(project.codes().len() + new_codes));
            let mut c = Code::new(path[depth - 1].clone(), color, sort_key);
            c.parent = parent;
            if own {
                c.description.clone_from(&code.description);
            }
            new_codes += 1;
            by_path.insert(path.to_vec(), c.id);
            added.push(path.join(SEPARATOR));
            edits.push(Edit::PutCode(c));
        }
    }
    CodebookMerge {
        edit: Edit::Batch(edits),
        added,
        described,
        unchanged,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::Manifest;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn a_qdc_and_a_csv_give_the_same_tree() {
        let dir = tempfile::tempdir().unwrap();
        let qdc = write(
            dir.path(),
            "book.qdc",
            r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
<Code guid="a8e5c4f0-0000-4000-8000-000000000001" name="身份建构" isCodable="true" color="#4c72b0"><Description>How members see themselves</Description>
<Code guid="a8e5c4f0-0000-4000-8000-000000000002" name="留级" isCodable="true"/></Code>
</Codes></CodeBook>"##,
        );
        let csv = write(
            dir.path(),
            "book.csv",
            "name,parent_path,color,description\n身份建构,,#4c72b0,How members see themselves\n留级,身份建构,,\n",
        );
        let a = read_codebook(&qdc).unwrap();
        let b = read_codebook(&csv).unwrap();
        assert_eq!(a, b);
        assert_eq!(a[1].path, ["身份建构", "留级"]);
        assert_eq!(a[0].color, Color::from_hex("4c72b0"));
    }

    #[test]
    fn a_bad_file_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "x.csv", "label,notes\nA,b\n");
        let e = read_codebook(&p).unwrap_err().to_string();
        assert!(e.contains("x.csv:1:") && e.contains("label, notes"), "{e}");
        let p = write(dir.path(), "y.csv", "name,color\nA,#zz\n");
        let e = read_codebook(&p).unwrap_err().to_string();
        assert!(e.contains("y.csv:2:") && e.contains("#zz"), "{e}");
        let p = write(dir.path(), "z.qdc", "<CodeBook><Codes><Code name=\"A\">");
        let e = read_codebook(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:", p.display())), "{e}");
    }

    #[test]
    fn merging_adds_new_codes_under_their_parents_and_completes_descriptions() {
        let mut project = Project::new(Manifest::new("p"));
        let top = Code::new("Identity", Color::palette(0), SortKey::after(None));
        project.apply(Edit::PutCode(top.clone())).unwrap();
        let incoming = vec![
            IncomingCode {
                path: vec!["Identity".into()],
                color: Some(Color::palette(5)),
                description: "who they are".into(),
            },
            IncomingCode {
                path: vec!["Identity".into(), "Graduation".into()],
                color: None,
                description: String::new(),
            },
            IncomingCode {
                path: vec!["Emotion".into(), "Solidarity".into()],
                color: None,
                description: "standing together".into(),
            },
        ];
        let merge = merge_codebook(&project, &incoming);
        assert_eq!(
            merge.added,
            ["Identity / Graduation", "Emotion", "Emotion / Solidarity"]
        );
        assert_eq!(merge.described, ["Identity"]);
        assert_eq!(merge.unchanged, 0);
        project.apply(merge.edit).unwrap();
        let identity = project.code(top.id).unwrap();
        assert_eq!(identity.description, "who they are");
        assert_eq!(
            identity.color, top.color,
            "an existing code keeps its colour"
        );
        let solidarity = project.code_named("Solidarity").unwrap();
        assert_eq!(project.code_path(solidarity.id), "Emotion / Solidarity");
        // The same file again changes nothing.
        let again = merge_codebook(&project, &incoming);
        assert!(again.edit.is_empty() && again.added.is_empty());
        assert_eq!(again.unchanged, 3);
    }
}
