//! An import from start to finish, as the command line and the window both run it: read every
//! file (pseudonymised on the way in, with progress and a way to stop between files), then plan
//! the one edit that adds the documents with what was asked around them — the case they belong
//! to, a case for every sender, every turn of a speaker coded with a code. Nothing here touches a
//! project: the caller hands the edit to the session as one undo step.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{
    ImportError, ImportOptions, Imported, Replacements, autocode_speaker, import_file,
    senders_as_cases, speakers,
};
use crate::model::{Case, CaseId, CodeId, CoderId, Document, DocumentId, Edit, Project};

/// How far reading has come, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files read (or refused) so far.
    pub files_done: usize,
    /// Of how many.
    pub files: usize,
    /// Bytes of the files read so far.
    pub bytes_done: u64,
    /// Bytes of all the files (as their sizes said when reading began).
    pub bytes: u64,
}

impl Progress {
    /// The share done, from 0 to 1 (by bytes when the files have any, else by files).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // a progress bar's fraction
    pub fn fraction(&self) -> f32 {
        if self.bytes > 0 {
            (self.bytes_done as f64 / self.bytes as f64) as f32
        } else if self.files > 0 {
            self.files_done as f32 / self.files as f32
        } else {
            1.0
        }
    }
}

/// What reading the files gave: each file's document or why it was refused, in the order given.
/// `cancelled` when asked to stop before the last file (the files not read are absent).
#[derive(Debug, Default)]
pub struct ReadFiles {
    /// Each file read, with its result.
    pub results: Vec<(PathBuf, Result<Imported, ImportError>)>,
    /// Reading stopped because it was asked to.
    pub cancelled: bool,
}

impl ReadFiles {
    /// The documents read.
    pub fn imported(&self) -> impl Iterator<Item = &Imported> {
        self.results.iter().filter_map(|(_, r)| r.as_ref().ok())
    }

    /// Every replacement the pseudonym mapping made, over all files.
    #[must_use]
    pub fn replacements(&self) -> Replacements {
        let mut total = Replacements::default();
        for i in self.imported() {
            total.merge(&i.replacements);
        }
        total
    }
}

/// Read `paths` with `options`, one after the other. `progress` hears after each file; `cancel`
/// is looked at before each file (a file being read is finished first).
pub fn read_files(
    paths: &[PathBuf],
    options: &ImportOptions,
    cancel: &AtomicBool,
    mut progress: impl FnMut(Progress),
) -> ReadFiles {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let sizes: Vec<u64> = paths.iter().map(|p| size(p)).collect();
    let mut now = Progress {
        files: paths.len(),
        bytes: sizes.iter().sum(),
        ..Progress::default()
    };
    progress(now);
    let mut out = ReadFiles::default();
    for (path, bytes) in paths.iter().zip(sizes) {
        if cancel.load(Ordering::Relaxed) {
            out.cancelled = true;
            break;
        }
        out.results.push((path.clone(), import_file(path, options)));
        now.files_done += 1;
        now.bytes_done += bytes;
        progress(now);
    }
    out
}

/// True when `inner` lies inside the folder `outer` (both must exist, or their parents): a
/// pseudonym map or its report, which hold real names, is kept out of the project folder.
#[must_use]
pub fn is_inside(inner: &Path, outer: &Path) -> bool {
    let canon = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let parent = p.parent()?;
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            Some(parent.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    match (canon(inner), canon(outer)) {
        (Some(i), Some(o)) => i.starts_with(o),
        _ => false,
    }
}

/// Code every turn or message of a speaker with a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerCode {
    /// The speaker or sender, as the documents name them (after pseudonymisation).
    pub speaker: String,
    /// The code's name (made if the codebook has none of that name).
    pub code: String,
    /// Who the codings belong to.
    pub coder: CoderId,
}

/// Where the imported documents go, beyond the documents themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// The case every document belongs to (made if the project has none of that name).
    pub case: Option<String>,
    /// A case for every sender or speaker that has none yet.
    pub senders_as_cases: bool,
    /// Code a speaker's turns.
    pub autocode: Option<SpeakerCode>,
}

/// The edit that brings imported documents in, and what it does.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// One batch: the case, the documents, the senders' cases, the code, the codings.
    pub edit: Edit,
    /// The documents added, in order.
    pub documents: Vec<DocumentId>,
    /// The cases it makes, by name, in order.
    pub new_cases: Vec<String>,
    /// The code it makes, if the named one is new.
    pub new_code: Option<String>,
    /// How many turns or messages it codes.
    pub coded: usize,
}

/// Why an import cannot be planned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    /// No document has the speaker to autocode.
    #[error("no imported document has the speaker {speaker:?} (speakers found: {found})")]
    NoSuchSpeaker {
        /// The speaker asked for.
        speaker: String,
        /// The speakers the documents have.
        found: String,
    },
    /// A name was asked for and left empty.
    #[error("the {0} name is empty")]
    EmptyName(&'static str),
}

/// The documents that have turns or messages of `speaker`; refused, naming the speakers found,
/// when none has.
pub fn with_speaker<'a>(
    documents: &'a [Document],
    speaker: &str,
) -> Result<Vec<&'a Document>, PlanError> {
    let with: Vec<&Document> = documents
        .iter()
        .filter(|d| {
            d.segments
                .iter()
                .any(|s| s.speaker.as_deref() == Some(speaker))
        })
        .collect();
    if with.is_empty() {
        let found: BTreeSet<String> = documents.iter().flat_map(speakers).collect();
        return Err(PlanError::NoSuchSpeaker {
            speaker: speaker.to_owned(),
            found: found.into_iter().collect::<Vec<_>>().join(", "),
        });
    }
    Ok(with)
}

/// Plan adding `documents` to `project` with `placement`: one edit, applied in order (case,
/// documents, senders' cases, code, codings), so undoing it takes everything back at once.
pub fn plan_import(
    project: &Project,
    documents: &[Document],
    placement: &Placement,
) -> Result<ImportPlan, PlanError> {
    let mut edits = Vec::new();
    let mut new_cases = Vec::new();
    let case: Option<CaseId> = match placement.case.as_deref().map(str::trim) {
        None => None,
        Some("") => return Err(PlanError::EmptyName("case")),
        Some(name) => Some(if let Some(c) = project.case_named(name) {
            c.id
        } else {
            let c = Case::new(name);
            let id = c.id;
            edits.push(Edit::PutCase(c));
            new_cases.push(name.to_owned());
            id
        }),
    };
    let documents: Vec<Document> = documents
        .iter()
        .cloned()
        .map(|mut d| {
            if case.is_some() {
                d.case = case;
            }
            d
        })
        .collect();
    edits.extend(
        documents
            .iter()
            .map(|d| Edit::PutDocument(Box::new(d.clone()))),
    );
    if placement.senders_as_cases {
        let refs: Vec<&Document> = documents.iter().collect();
        let (edit, names) = senders_as_cases(project, &refs);
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| !new_cases.contains(n))
            .collect();
        if let Edit::Batch(puts) = edit {
            edits.extend(puts.into_iter().filter(|e| match e {
                Edit::PutCase(c) => names.contains(&c.name),
                _ => true,
            }));
        }
        new_cases.extend(names);
    }
    let mut new_code = None;
    let mut coded = 0;
    if let Some(auto) = &placement.autocode {
        let speaker = auto.speaker.trim();
        let name = auto.code.trim();
        if speaker.is_empty() {
            return Err(PlanError::EmptyName("speaker"));
        }
        if name.is_empty() {
            return Err(PlanError::EmptyName("code"));
        }
        let with = with_speaker(&documents, speaker)?;
        let code: CodeId = if let Some(c) = project.code_named(name) {
            c.id
        } else {
            let c = project.new_code(name, None);
            let id = c.id;
            edits.push(Edit::PutCode(c));
            new_code = Some(name.to_owned());
            id
        };
        for doc in with {
            // A new document has no codings yet, so nothing is skipped as already coded and the
            // speaker is known to be there.
            if let Ok(Edit::Batch(codings)) =
                autocode_speaker(project, doc, speaker, code, auto.coder)
            {
                coded += codings.len();
                edits.extend(codings);
            }
        }
    }
    Ok(ImportPlan {
        edit: Edit::Batch(edits),
        documents: documents.iter().map(|d| d.id).collect(),
        new_cases,
        new_code,
        coded,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::{Pseudonyms, import_bytes};
    use crate::model::{Coder, Color, Manifest};

    fn chat(name: &str) -> Document {
        let text = "2024-05-01 08:00:00 李明\n今天复查，CR了！\n\n2024-05-01 08:01:00 王芳\n恭喜毕业\n\n2024-05-01 08:02:00 李明\n谢谢大家\n";
        let options = ImportOptions {
            pseudonyms: Some(
                Pseudonyms::new(vec![
                    ("李明".into(), "G3".into()),
                    ("王芳".into(), "G7".into()),
                ])
                .unwrap(),
            ),
            ..ImportOptions::default()
        };
        import_bytes(text.as_bytes(), Path::new(name), &options)
            .unwrap()
            .document
    }

    fn project() -> (Project, CoderId) {
        let mut p = Project::new(Manifest::new("t"));
        let coder = Coder::new("Lin", Color::palette(0));
        let id = coder.id;
        p.apply(Edit::PutCoder(coder)).unwrap();
        (p, id)
    }

    #[test]
    fn one_edit_brings_documents_cases_code_and_codings_and_undoes_them_together() {
        let (mut p, coder) = project();
        let docs = vec![chat("a.txt"), chat("b.txt")];
        let plan = plan_import(
            &p,
            &docs,
            &Placement {
                case: Some("Group".into()),
                senders_as_cases: true,
                autocode: Some(SpeakerCode {
                    speaker: "G3".into(),
                    code: "Self-transition".into(),
                    coder,
                }),
            },
        )
        .unwrap();
        assert_eq!(plan.new_cases, ["Group", "G3", "G7"]);
        assert_eq!(plan.new_code.as_deref(), Some("Self-transition"));
        assert_eq!(plan.coded, 4, "two messages of G3 in each of two chats");
        let undo = p.apply(plan.edit).unwrap();
        let group = p.case_named("Group").unwrap().id;
        assert!(p.documents().values().all(|d| d.case == Some(group)));
        assert_eq!(p.cases().len(), 3);
        assert_eq!(p.codings().len(), 4);
        p.apply(undo).unwrap();
        assert!(p.documents().is_empty() && p.cases().is_empty() && p.codes().is_empty());
    }

    #[test]
    fn a_missing_speaker_names_those_found() {
        let (p, coder) = project();
        let err = plan_import(
            &p,
            &[chat("a.txt")],
            &Placement {
                autocode: Some(SpeakerCode {
                    speaker: "李明".into(),
                    code: "x".into(),
                    coder,
                }),
                ..Placement::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no imported document has the speaker \"李明\" (speakers found: G3, G7)"
        );
    }

    #[test]
    fn reading_stops_when_asked_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..3)
            .map(|i| {
                let p = dir.path().join(format!("n{i}.txt"));
                std::fs::write(&p, "some notes").unwrap();
                p
            })
            .collect();
        let cancel = AtomicBool::new(false);
        let mut seen = Vec::new();
        let read = read_files(&paths, &ImportOptions::default(), &cancel, |p| {
            seen.push(p.files_done);
            if p.files_done == 1 {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        assert!(read.cancelled);
        assert_eq!(read.results.len(), 1);
        assert_eq!(seen, [0, 1]);
        cancel.store(false, Ordering::Relaxed);
        let read = read_files(&paths, &ImportOptions::default(), &cancel, |_| {});
        assert!(!read.cancelled);
        assert_eq!(read.imported().count(), 3);
    }
}
