//! The project folder on disk: round trips, incremental and atomic saves, merges under git,
//! interrupted saves, locks, migrations, and clear errors for every bad file.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CharRange, Code, Coder, Coding, Color,
    Document, DocumentKind, Edit, Manifest, MediaTime, Memo, MemoTarget, Origin, Project, Segment,
    SegmentKind, SortKey, Value,
};
use margin::store::{LOCK_FILE, ProjectDir, StoreError};

/// A project that sets every field of every entity.
fn full_project() -> Project {
    let mut p = Project::new(Manifest {
        description: "A study of a support group".into(),
        ..Manifest::new("Full")
    });
    let lin = Coder::new("Lin Yue", Color::rgb(1, 2, 3));
    let zhou = Coder::new("Zhou Ming", Color::rgb(4, 5, 6));
    let mut top = Code::new(
        "Identity construction",
        Color::rgb(0x4c, 0x72, 0xb0),
        SortKey::after(None),
    );
    top.description = "How members see themselves.\nSecond line, \"quoted\".".into();
    let mut child = Code::new(
        "毕业 graduate",
        Color::rgb(0x55, 0xa8, 0x68),
        SortKey("m".into()),
    );
    child.parent = Some(top.id);
    child.in_vivo = true;
    child.shortcut = Some('2');
    let age = AttributeDef {
        id: AttributeId::new(),
        name: "age".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    };
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "region".into(),
        kind: AttributeKind::Category(vec!["Beijing".into(), "Shandong".into()]),
        sort_key: SortKey("b".into()),
    };
    let joined = AttributeDef {
        id: AttributeId::new(),
        name: "joined".into(),
        kind: AttributeKind::Date,
        sort_key: SortKey("c".into()),
    };
    let note = AttributeDef {
        id: AttributeId::new(),
        name: "note".into(),
        kind: AttributeKind::Text,
        sort_key: SortKey("d".into()),
    };
    let mut g8 = Case::new("G8");
    g8.description = "veteran".into();
    g8.values = BTreeMap::from([
        (age.id, Value::Number(50.0)),
        (region.id, Value::Category("Shandong".into())),
        (
            joined.id,
            Value::Date(NaiveDate::from_ymd_opt(2021, 8, 1).unwrap()),
        ),
        (note.id, Value::Text("helps newcomers, 热心".into())),
    ]);
    let text =
        "Interview G8\n\n[00:00:05] 访谈者：您好😀\n[00:00:41] G8：我们叫它毕业🎓。e\u{301} ok\n";
    let mut doc = Document::new("G8 interview", DocumentKind::Interview, text);
    doc.case = Some(g8.id);
    doc.origin = Some(Origin {
        file: "G8.txt".into(),
        format: "text".into(),
        encoding: "GB18030".into(),
        imported: Utc.with_ymd_and_hms(2024, 9, 1, 8, 0, 0).unwrap(),
    });
    doc.segments = margin::import::detect_turns(text);
    assert_eq!(doc.segments.len(), 2);
    let mut chat = Document::new(
        "chat",
        DocumentKind::Chat,
        "2024-05-03 08:12:45 G8\n早上好🌞\n",
    );
    chat.segments = vec![Segment {
        range: CharRange::new(23, 27),
        speaker: Some("G8".into()),
        at: Some(
            NaiveDate::from_ymd_opt(2024, 5, 3)
                .unwrap()
                .and_hms_opt(8, 12, 45)
                .unwrap(),
        ),
        media: Some(MediaTime {
            start_ms: 5,
            end_ms: Some(9),
        }),
        kind: SegmentKind::Message,
    }];
    let mut coding = Coding::new(doc.id, &doc.text, CharRange::new(47, 57), child.id, lin.id);
    coding.memo = Some("in-vivo; see chat".into());
    let other = Coding::new(chat.id, &chat.text, CharRange::new(23, 27), top.id, zhou.id);
    let mut memo = Memo::new(MemoTarget::Coding(coding.id), "Do we agree?", Some(zhou.id));
    memo.title = "boundary".into();
    let memos = [
        memo,
        Memo::new(MemoTarget::Project, "Project memo", None),
        Memo::new(MemoTarget::Document(doc.id), "Document memo", Some(lin.id)),
        Memo::new(MemoTarget::Code(top.id), "Code memo", Some(lin.id)),
    ];
    let mut edits = vec![
        Edit::PutCoder(lin),
        Edit::PutCoder(zhou),
        Edit::PutCode(top),
        Edit::PutCode(child),
        Edit::PutAttribute(age),
        Edit::PutAttribute(region),
        Edit::PutAttribute(joined),
        Edit::PutAttribute(note),
        Edit::PutCase(g8),
        Edit::PutDocument(Box::new(doc)),
        Edit::PutDocument(Box::new(chat)),
        Edit::PutCoding(Box::new(coding)),
        Edit::PutCoding(Box::new(other)),
    ];
    edits.extend(memos.into_iter().map(Edit::PutMemo));
    p.apply(Edit::Batch(edits)).unwrap();
    p
}

fn assert_same(a: &Project, b: &Project) {
    assert_eq!(a.manifest(), b.manifest());
    assert_eq!(a.documents(), b.documents());
    assert_eq!(a.codes(), b.codes());
    assert_eq!(a.codings(), b.codings());
    assert_eq!(a.attributes(), b.attributes());
    assert_eq!(a.cases(), b.cases());
    assert_eq!(a.coders(), b.coders());
    assert_eq!(a.memos(), b.memos());
}

/// Every file of a folder (not hidden), by relative path.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if e.path().is_dir() {
                walk(root, &e.path(), out);
            } else {
                out.insert(
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn create(dir: &Path, mut p: Project) -> Project {
    drop(ProjectDir::create(dir, &mut p).unwrap());
    p
}

#[test]
fn save_then_load_round_trips_every_field() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    let p = create(&root, full_project());
    let opened = ProjectDir::open(&root).unwrap();
    assert_same(&p, &opened.project);
    assert_eq!(opened.report, margin::store::LoadReport::default());
}

#[test]
fn unchanged_projects_write_nothing_and_one_coding_writes_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    create(&root, full_project());
    let before = snapshot(&root);
    let opened = ProjectDir::open(&root).unwrap();
    let mut p = opened.project;
    assert!(opened.dir.save(&mut p).unwrap().files.is_empty());
    // Rendering everything again gives byte-identical files, so nothing is written.
    p.touch_all();
    assert!(opened.dir.save(&mut p).unwrap().files.is_empty());
    assert_eq!(snapshot(&root), before);

    let doc = p
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview)
        .unwrap()
        .clone();
    let code = p.code_tree()[0].1.id;
    // A coder who already has codings on this document.
    let coder = p.codings_of(doc.id).next().unwrap().coder;
    let c = Coding::new(doc.id, &doc.text, CharRange::new(14, 20), code, coder);
    p.apply(Edit::PutCoding(Box::new(c))).unwrap();
    let saved = opened.dir.save(&mut p).unwrap();
    assert_eq!(
        saved.files,
        vec![PathBuf::from(format!("codings/{coder}/{}.ron", doc.id))]
    );
    let after = snapshot(&root);
    let changed: Vec<_> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed.len(), 1);
    // The change is one added line.
    let old = String::from_utf8(before.get(changed[0]).cloned().unwrap_or_default()).unwrap();
    let new = String::from_utf8(after[changed[0]].clone()).unwrap();
    let added: Vec<_> = new
        .lines()
        .filter(|l| !old.lines().any(|o| o == *l))
        .collect();
    assert_eq!(added.len(), 1, "{new}");
}

#[test]
fn chinese_emoji_and_combining_marks_keep_exact_ranges() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    let p = create(&root, full_project());
    let loaded = ProjectDir::open(&root).unwrap().project;
    for c in loaded.codings().values() {
        let doc = loaded.document(c.document).unwrap();
        let before = p
            .document(c.document)
            .unwrap()
            .text
            .slice(p.coding(c.id).unwrap().range)
            .to_owned();
        assert_eq!(doc.text.slice(c.range), before);
    }
    let doc = loaded
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview)
        .unwrap();
    let coded = loaded.codings_of(doc.id).next().unwrap();
    assert_eq!(doc.text.slice(coded.range), "我们叫它毕业🎓。e\u{301}");
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// In a clone, a new coder adds a code and codes every document.
fn code_in_clone(dir: &Path, coder_name: &str) -> usize {
    let opened = ProjectDir::open(dir).unwrap();
    let mut p = opened.project;
    let coder = Coder::new(coder_name, Color::palette(5));
    let last = p.child_codes(None).last().map(|c| c.sort_key.clone());
    let code = Code::new(
        format!("{coder_name}'s code"),
        Color::palette(6),
        SortKey::after(last.as_ref()),
    );
    let mut edits = vec![Edit::PutCoder(coder.clone()), Edit::PutCode(code.clone())];
    let docs: Vec<_> = p.documents().values().cloned().collect();
    for d in &docs {
        for start in [0, 3] {
            edits.push(Edit::PutCoding(Box::new(Coding::new(
                d.id,
                &d.text,
                CharRange::new(start, start + 5),
                code.id,
                coder.id,
            ))));
        }
    }
    p.apply(Edit::Batch(edits)).unwrap();
    opened.dir.save(&mut p).unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", coder_name]);
    docs.len() * 2
}

#[test]
fn two_coders_on_git_clones_merge_without_conflicts() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let base = create(&a, full_project());
    git(&a, &["init", "-q", "-b", "main"]);
    git(&a, &["add", "-A"]);
    git(&a, &["commit", "-qm", "base"]);
    let b = tmp.path().join("b");
    git(
        tmp.path(),
        &["clone", "-q", a.to_str().unwrap(), b.to_str().unwrap()],
    );
    let added_a = code_in_clone(&a, "Coder A");
    let added_b = code_in_clone(&b, "Coder B");
    git(
        &a,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            b.to_str().unwrap(),
            "main",
        ],
    );
    let merged = ProjectDir::open_read_only(&a).unwrap();
    assert_eq!(
        merged.project.codings().len(),
        base.codings().len() + added_a + added_b
    );
    assert_eq!(merged.project.coders().len(), 4);
    let check = margin::cli::run(
        margin::cli::Command::Check(margin::cli::CheckArgs {
            project: a.clone(),
            repair: false,
        }),
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(check, std::process::ExitCode::SUCCESS);
}

#[test]
fn an_interrupted_save_leaves_old_or_new_files_that_load() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    let base = create(&template, full_project());
    let old = snapshot(&template);
    // The change: a new code, codings added, a code (with its codings and memos) deleted, the
    // manifest renamed.
    let doc = base
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview)
        .unwrap()
        .clone();
    let coder = *base.coders().keys().next().unwrap();
    let top = base.code_tree()[0].1.id;
    let mut edits = Vec::new();
    let new_code = Code::new("new", Color::palette(7), SortKey::after(None));
    edits.push(Edit::PutCode(new_code.clone()));
    edits.push(Edit::PutCoding(Box::new(Coding::new(
        doc.id,
        &doc.text,
        CharRange::new(1, 4),
        new_code.id,
        coder,
    ))));
    edits.push(Edit::delete_code(&base, top));
    edits.push(Edit::SetManifest(Manifest {
        name: "Renamed".into(),
        ..base.manifest().clone()
    }));
    let change = Edit::Batch(edits);

    let apply = |dir: &Path| {
        copy_dir(&template, dir);
        let opened = ProjectDir::open(dir).unwrap();
        let mut p = opened.project;
        p.apply(change.clone()).unwrap();
        (opened.dir, p)
    };
    let full = tmp.path().join("full");
    let (d, mut p) = apply(&full);
    d.save(&mut p).unwrap();
    drop(d);
    let new = snapshot(&full);
    assert_ne!(old, new);

    let mut crashed_at_least_once = false;
    for steps in 0.. {
        let dir = tmp.path().join(format!("crash{steps}"));
        let (d, mut p) = apply(&dir);
        let result = d.save_interrupted(&mut p, steps);
        drop(d);
        let now = snapshot(&dir);
        for (path, bytes) in &now {
            assert!(
                old.get(path) == Some(bytes)
                    || new.get(path) == Some(bytes)
                    || is_list_between(path, bytes, &old, &new),
                "step {steps}: {path:?} is torn"
            );
        }
        let loaded = ProjectDir::open_read_only(&dir);
        assert!(loaded.is_ok(), "step {steps}: {:?}", loaded.err());
        if result.is_ok() {
            assert_eq!(now, new);
            break;
        }
        crashed_at_least_once = true;
    }
    assert!(crashed_at_least_once);
}

/// A coder's list of coded documents may pass through the documents both versions list (those
/// about to lose their codings file are unlisted first).
fn is_list_between(
    path: &Path,
    bytes: &[u8],
    old: &BTreeMap<PathBuf, Vec<u8>>,
    new: &BTreeMap<PathBuf, Vec<u8>>,
) -> bool {
    let parse = |b: Option<&Vec<u8>>| {
        b.and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|t| ron::from_str::<margin::store::CodedDocuments>(t).ok())
            .map(|l| l.documents)
            .unwrap_or_default()
    };
    let Some(now) = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| ron::from_str::<margin::store::CodedDocuments>(t).ok())
    else {
        return false;
    };
    let (before, after) = (parse(old.get(path)), parse(new.get(path)));
    now.documents
        .iter()
        .all(|d| before.contains(d) && after.contains(d))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn problems_of(root: &Path) -> String {
    match ProjectDir::open(root) {
        Err(StoreError::Invalid(problems)) => problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn bad_files_give_clear_errors_and_nothing_is_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    let p = create(&template, full_project());
    let doc = p
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview)
        .unwrap();
    let coding = p.codings_of(doc.id).next().unwrap();
    let codings_file = PathBuf::from(format!("codings/{}/{}.ron", coding.coder, doc.id));
    let code_file = PathBuf::from(format!("codebook/{}.ron", p.code_tree()[0].1.id));

    let case = |name: &str, break_it: &dyn Fn(&Path)| -> (PathBuf, String) {
        let dir = tmp.path().join(name);
        copy_dir(&template, &dir);
        break_it(&dir);
        let before = snapshot(&dir);
        let msg = problems_of(&dir);
        assert_eq!(snapshot(&dir), before, "{name}: files changed");
        (dir, msg)
    };

    let (_, msg) = case("malformed", &|d| {
        let f = d.join(&code_file);
        let t = fs::read_to_string(&f).unwrap().replace("name:", "name=");
        fs::write(f, t).unwrap();
    });
    assert!(
        msg.starts_with(&format!("{}:3:", code_file.display())),
        "{msg}"
    );

    let (_, msg) = case("missing", &|d| {
        fs::remove_file(d.join(format!("documents/{}.txt", doc.id))).unwrap();
    });
    assert!(
        msg.contains(&format!("documents/{}.txt: cannot read the text", doc.id)),
        "{msg}"
    );

    let (_, msg) = case("past-end", &|d| {
        let f = d.join(&codings_file);
        let t = fs::read_to_string(&f)
            .unwrap()
            .replace(&format!("end: {}", coding.range.end), "end: 9999");
        fs::write(f, t).unwrap();
    });
    assert!(
        msg.contains("is outside the document \"G8 interview\""),
        "{msg}"
    );
    assert!(
        msg.starts_with(&codings_file.display().to_string()),
        "{msg}"
    );

    let (_, msg) = case("unknown-code", &|d| {
        let f = d.join(&codings_file);
        let t = fs::read_to_string(&f).unwrap().replace(
            &coding.code.to_string(),
            "00000000-0000-4000-8000-000000000000",
        );
        fs::write(f, t).unwrap();
    });
    assert!(
        msg.contains("unknown code id 00000000-0000-4000-8000-000000000000"),
        "{msg}"
    );
}

#[test]
fn a_text_changed_on_disk_is_reanchored_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    let p = create(&root, full_project());
    let doc = p
        .documents()
        .values()
        .find(|d| d.kind == DocumentKind::Interview)
        .unwrap();
    let txt = root.join(format!("documents/{}.txt", doc.id));
    let changed = format!("A note added at the top.\n{}", doc.text.as_str());
    fs::write(&txt, &changed).unwrap();
    let mut opened = ProjectDir::open(&root).unwrap();
    assert_eq!(opened.report.changed_texts, vec!["G8 interview".to_owned()]);
    assert_eq!(opened.report.moved.len(), 1);
    let m = &opened.report.moved[0];
    assert_eq!((m.from.start + 25, m.from.end + 25), (m.to.start, m.to.end));
    let mut project = opened.project;
    let coded = project.codings_of(doc.id).next().unwrap();
    assert_eq!(
        project.document(doc.id).unwrap().text.slice(coded.range),
        "我们叫它毕业🎓。e\u{301}"
    );
    // Nothing is saved without the user's consent; once given, saving records the new ranges and
    // hash, and the next open is quiet.
    assert!(opened.dir.save(&mut project).unwrap().files.is_empty());
    assert!(opened.report.needs_consent());
    opened.report.accept(&mut project);
    opened.dir.save(&mut project).unwrap();
    drop(opened.dir);
    assert_eq!(fs::read_to_string(&txt).unwrap(), changed);
    assert_eq!(
        ProjectDir::open(&root).unwrap().report,
        margin::store::LoadReport::default()
    );

    // A passage that is gone is reported, and nothing is written.
    fs::write(&txt, "Everything was rewritten.").unwrap();
    let before = snapshot(&root);
    let msg = problems_of(&root);
    assert!(
        msg.contains("could not be found again in the changed text of \"G8 interview\""),
        "{msg}"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_second_margin_opens_read_only_and_stale_locks_are_recognised() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    create(&root, full_project());
    let first = ProjectDir::open(&root).unwrap();
    assert_eq!(first.dir.read_only_reason(), None);
    let second = ProjectDir::open(&root).unwrap();
    let reason = second.dir.read_only_reason().unwrap();
    assert!(
        reason.contains(&format!("process {}", std::process::id())),
        "{reason}"
    );
    let mut p = second.project;
    p.touch_all();
    assert!(matches!(
        second.dir.save(&mut p),
        Err(StoreError::ReadOnly(_))
    ));
    drop(second.dir);
    drop(first);
    // Released, the lock file stays (removing it would let two writers lock two files) but
    // names no one, so the next Margin takes it without calling it stale.
    assert_eq!(fs::read_to_string(root.join(LOCK_FILE)).unwrap(), "");
    let again = ProjectDir::open(&root).unwrap();
    assert_eq!(again.dir.read_only_reason(), None);
    assert_eq!(again.dir.replaced_stale_lock(), None);
    drop(again);

    // A lock file left by a process that died holds no OS lock: it is stale.
    fs::write(
        root.join(LOCK_FILE),
        "(user: \"ghost\", host: \"old-laptop\", pid: 4242, since: \"2024-01-01T00:00:00Z\")",
    )
    .unwrap();
    let opened = ProjectDir::open(&root).unwrap();
    assert_eq!(opened.dir.read_only_reason(), None);
    assert_eq!(
        opened.dir.replaced_stale_lock().map(|l| l.user.as_str()),
        Some("ghost")
    );
}

#[test]
fn format_versions_migrate_or_are_refused() {
    // The version-1 fixture keeps loading as the format evolves.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1");
    let opened = ProjectDir::open_read_only(&fixture).unwrap();
    let p = &opened.project;
    assert_eq!(p.manifest().name, "Format v1 fixture");
    assert_eq!(p.documents().len(), 1);
    let doc = p.documents().values().next().unwrap();
    let coding = p.codings().values().next().unwrap();
    assert_eq!(doc.text.slice(coding.range), "毕业");
    assert_eq!(p.code(coding.code).unwrap().name, "graduate (毕业)");

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("future");
    copy_dir(&fixture, &root);
    let manifest = root.join("margin.ron");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("format_version: 1", "format_version: 99");
    fs::write(&manifest, text).unwrap();
    let err = ProjectDir::open(&root).unwrap_err().to_string();
    assert!(
        err.contains("format version 99 is newer than this Margin understands"),
        "{err}"
    );
}

/// A copy of the sample project in `dir`, as a git repository with one commit.
fn sample_repository(dir: &Path) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let copy = |from: &Path, to: &Path| {
        fn walk(from: &Path, to: &Path) {
            fs::create_dir_all(to).unwrap();
            for e in fs::read_dir(from).unwrap() {
                let e = e.unwrap();
                let target = to.join(e.file_name());
                if e.file_type().unwrap().is_dir() {
                    walk(&e.path(), &target);
                } else {
                    fs::copy(e.path(), target).unwrap();
                }
            }
        }
        walk(from, to);
    };
    copy(&sample, dir);
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "sample"]);
}

/// In a clone, `coder` marks an exemplar, translates a quote and summarises two cells of the
/// summary grid (one of them the cell the other coder summarises too), through the session.
fn paper_work_in_clone(dir: &Path, coder: &str, own_cell: &str) {
    use margin::session::{Action, Session};
    let mut s = Session::open_writable(dir).unwrap();
    let me = s.set_coder(coder).unwrap();
    let p = s.project();
    let mine: Vec<_> = p
        .codings()
        .values()
        .filter(|c| c.coder == me && !c.exemplar && c.translation.is_none())
        .map(|c| c.id)
        .take(2)
        .collect();
    let case = |name: &str| p.case_named(name).unwrap().id;
    let code = |name: &str| p.code_named(name).unwrap().id;
    // The sample has Lin's summary of this cell: Lin edits it, Zhou writes his own beside it.
    let shared = MemoTarget::Summary {
        case: case("G1"),
        code: code("Role disorder and loneliness"),
    };
    let own = MemoTarget::Summary {
        case: case(own_cell),
        code: code("Huddling for warmth"),
    };
    for action in [
        Action::SetExemplar {
            coding: mine[0],
            exemplar: true,
        },
        Action::SetTranslation {
            coding: mine[1],
            translation: Some(margin::model::Translation {
                text: format!("English by {coder} 🙏"),
                note: format!("tr. {coder}"),
            }),
        },
        Action::SetMemo {
            target: shared,
            text: format!("{coder}: 从“病人”到“过来人” e\u{301}"),
        },
        Action::SetMemo {
            target: own,
            text: format!("{coder}'s summary"),
        },
    ] {
        s.execute(action).unwrap();
    }
    s.save().unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", coder]);
}

#[test]
fn summaries_exemplars_and_translations_of_two_coders_merge_in_git_without_conflicts() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    sample_repository(&a);
    let b = tmp.path().join("b");
    git(
        tmp.path(),
        &["clone", "-q", a.to_str().unwrap(), b.to_str().unwrap()],
    );
    let before = ProjectDir::open_read_only(&a).unwrap().project;
    paper_work_in_clone(&a, "Lin Yue", "G3");
    paper_work_in_clone(&b, "Zhou Ming", "G2");
    // `git pull` fails on a conflict (the helper asserts success).
    git(
        &a,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            b.to_str().unwrap(),
            "main",
        ],
    );
    let merged = ProjectDir::open_read_only(&a).unwrap().project;
    let count =
        |p: &Project, f: &dyn Fn(&Coding) -> bool| p.codings().values().filter(|c| f(c)).count();
    assert_eq!(
        count(&merged, &|c| c.exemplar),
        count(&before, &|c| c.exemplar) + 2
    );
    for coder in ["Lin Yue", "Zhou Ming"] {
        let by = merged.coder_named(coder).unwrap().id;
        assert!(merged.codings().values().any(|c| {
            c.coder == by
                && c.translation
                    .as_ref()
                    .is_some_and(|t| t.text == format!("English by {coder} 🙏"))
        }));
    }
    let g1 = merged.case_named("G1").unwrap().id;
    let code = merged
        .code_named("Role disorder and loneliness")
        .unwrap()
        .id;
    let mut shared: Vec<_> = merged
        .memos_on(MemoTarget::Summary { case: g1, code })
        .into_iter()
        .map(|m| m.text.clone())
        .collect();
    shared.sort();
    assert_eq!(
        shared,
        [
            "Lin Yue: 从“病人”到“过来人” e\u{301}",
            "Zhou Ming: 从“病人”到“过来人” e\u{301}"
        ],
        "Lin's summary of the cell edited, Zhou's kept beside it"
    );
    let summaries = merged
        .memos()
        .values()
        .filter(|m| matches!(m.target, MemoTarget::Summary { .. }))
        .count();
    let summaries_before = before
        .memos()
        .values()
        .filter(|m| matches!(m.target, MemoTarget::Summary { .. }))
        .count();
    assert_eq!(summaries, summaries_before + 3);
}
