//! Margin killed mid-write, and many Margins writing at once. Every writing command is run on a
//! copy of the sample project and killed (SIGKILL, no chance to clean up) at moments spread over
//! its run; after each kill the project must load, `margin check` must tell the truth about it,
//! and no coding saved before the kill may be lost or moved. Then eight writers import into one
//! project at once: each import lands whole or is refused because the project is locked. A
//! killed `import-qdpx` leaves no project or the whole one, never half of one.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod project_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use margin::model::CodingId;
use margin::store::ProjectDir;
use margin::synth::Rng;
use project_common::{coded_texts, copy_dir, sample};

const BIN: &str = env!("CARGO_BIN_EXE_margin");

/// The tests here take turns. The kills are spread over a run's measured length, so a test
/// measuring while the eight writers load the machine and killing after they stopped would
/// find most runs already over; one at a time, the measure holds.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Wait for this file's other tests to finish (a failed one does not stop the rest).
fn turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
const CHAT: &str = "WeChat group chat, May–August 2024";

/// Run `margin args` to the end; returns how long it took.
fn timed(args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "margin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// Run `margin args` and kill it after `after` (if it is still running then). True when the
/// kill cut it short.
fn killed_after(args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let cut = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    cut
}

/// After a kill: the project loads, `check` says ok exactly when nothing waits for re-anchoring,
/// and every coding of `before` covers the same text as before (taken literally when `check`
/// calls the project fine, so no coding can sit on the wrong text unnoticed).
fn assert_intact(root: &Path, before: &BTreeMap<CodingId, String>, what: &str) {
    let opened = ProjectDir::open_read_only(root)
        .unwrap_or_else(|e| panic!("{what}: the project no longer loads: {e}"));
    let now = coded_texts(&opened.project);
    for (id, text) in before {
        assert_eq!(now.get(id), Some(text), "{what}: coding {id} lost or moved");
    }
    let check = Command::new(BIN)
        .args(["check", root.to_str().unwrap()])
        .output()
        .unwrap();
    let clean = opened.report.changed_texts.is_empty();
    assert_eq!(
        check.status.success(),
        clean,
        "{what}: check says {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// Kill `args` (with `{P}` standing for the project copy) at `kills` moments over its run.
fn kill_repeatedly(
    name: &str,
    prepare: &dyn Fn(&Path),
    args: &[&str],
    kills: usize,
    seed: u64,
) -> usize {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    copy_dir(&sample(), &template);
    prepare(&template);
    let before = coded_texts(&ProjectDir::open_read_only(&template).unwrap().project);
    let with = |root: &Path| -> Vec<String> {
        args.iter()
            .map(|a| a.replace("{P}", root.to_str().unwrap()))
            .collect()
    };
    // How long an uninterrupted run takes (the quickest of three, as a loaded machine slows
    // some), to spread the kills over it.
    let mut duration = Duration::MAX;
    for n in 0..3 {
        let whole = tmp.path().join(format!("whole-{n}"));
        copy_dir(&template, &whole);
        let run: Vec<String> = with(&whole);
        duration = duration.min(timed(&run.iter().map(String::as_str).collect::<Vec<_>>()));
        assert_intact(&whole, &before, &format!("{name}, uninterrupted"));
    }

    let mut moments = Rng(seed);
    let mut cut_short = 0;
    for k in 0..kills {
        let root = tmp.path().join(format!("kill-{k}"));
        copy_dir(&template, &root);
        let span = duration.as_micros() as u64;
        let after = Duration::from_micros(moments.next_u64() % span.max(1));
        let run = with(&root);
        if killed_after(&run.iter().map(String::as_str).collect::<Vec<_>>(), after) {
            cut_short += 1;
        }
        assert_intact(&root, &before, &format!("{name}, killed after {after:?}"));
        // The next run of the same command completes.
        if k % 8 == 0 {
            let again = timed(&run.iter().map(String::as_str).collect::<Vec<_>>());
            assert!(again > Duration::ZERO);
            assert_intact(&root, &before, &format!("{name}, rerun after a kill"));
        }
        fs::remove_dir_all(&root).unwrap();
    }
    cut_short
}

/// Insert lines at the top of the chat's text, as another editor would.
fn edit_chat_outside(root: &Path) {
    let p = ProjectDir::open_read_only(root).unwrap().project;
    let chat = p.documents().values().find(|d| d.name == CHAT).unwrap();
    let mut lines = String::new();
    for i in 1..=20 {
        writeln!(lines, "Note {i} added by the transcriber.").unwrap();
    }
    fs::write(
        root.join(format!("documents/{}.txt", chat.id)),
        format!("{lines}{}", chat.text.as_str()),
    )
    .unwrap();
}

#[test]
fn killed_imports_lose_nothing() {
    let _turn = turn();
    let files = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for i in 0..3 {
        let f = files.path().join(format!("note-{i}.txt"));
        fs::write(
            &f,
            format!("Interviewer: Note {i}?\nG{i}: 我们都是病友 {i}.\n").repeat(200),
        )
        .unwrap();
        names.push(f.to_str().unwrap().to_owned());
    }
    let mut args = vec!["import", "{P}", "--kind", "interview"];
    args.extend(names.iter().map(String::as_str));
    let cut = kill_repeatedly("import", &|_| {}, &args, 60, 1);
    assert!(cut >= 15, "only {cut} kills cut an import short");
}

#[test]
fn killed_reanchoring_saves_lose_nothing() {
    let _turn = turn();
    let cut = kill_repeatedly(
        "check --repair",
        &edit_chat_outside,
        &["check", "--repair", "{P}"],
        60,
        2,
    );
    assert!(cut >= 15, "only {cut} kills cut a repair short");
}

#[test]
fn killed_merges_and_autocoding_lose_nothing() {
    let _turn = turn();
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("other");
    copy_dir(&sample(), &copy);
    // The other copy has codings the project lacks.
    let out = Command::new(BIN)
        .args([
            "search",
            copy.to_str().unwrap(),
            "姐妹",
            "--autocode",
            "graduate (毕业)",
            "--coder",
            "Zhou Ming",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cut = kill_repeatedly(
        "merge",
        &|_| {},
        &["merge", "{P}", copy.to_str().unwrap()],
        45,
        3,
    );
    assert!(cut >= 11, "only {cut} kills cut a merge short");
    let cut = kill_repeatedly(
        "search --autocode",
        &|_| {},
        &[
            "search",
            "{P}",
            "病友",
            "--autocode",
            "graduate (毕业)",
            "--coder",
            "Lin Yue",
        ],
        45,
        4,
    );
    assert!(cut >= 11, "only {cut} kills cut autocoding short");
}

#[test]
fn eight_writers_import_at_once_and_each_import_lands_whole_or_is_refused() {
    let _turn = turn();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("shared");
    let out = Command::new(BIN)
        .args(["new", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let files = tmp.path().join("files");
    fs::create_dir_all(&files).unwrap();
    let writers = 8;
    let imports = 50;
    let landed = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        // A reader checks the project over and over while the writers save.
        let reader = s.spawn(|| {
            let mut checks = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let out = Command::new(BIN)
                    .args(["check", root.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "a reader saw a broken project: {}",
                    String::from_utf8_lossy(&out.stdout)
                );
                checks += 1;
            }
            checks
        });
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let (root, files, landed) = (&root, &files, &landed);
                s.spawn(move || {
                    for i in 0..imports {
                        let f = files.join(format!("w{w}-{i}.txt"));
                        fs::write(&f, format!("Writer {w}, note {i}: 我们都是病友。\n")).unwrap();
                        let out = Command::new(BIN)
                            .args([
                                "import",
                                root.to_str().unwrap(),
                                f.to_str().unwrap(),
                                "--case",
                                &format!("W{w}"),
                            ])
                            .output()
                            .unwrap();
                        if out.status.success() {
                            landed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        } else {
                            let err = String::from_utf8_lossy(&out.stderr);
                            assert!(err.contains("open elsewhere"), "writer {w}: {err}");
                        }
                    }
                })
            })
            .collect();
        // Every writer is waited for before the reader is told to stop, whatever happened, so a
        // failing writer fails the test instead of leaving the reader running for ever.
        let writers: Vec<_> = handles
            .into_iter()
            .map(std::thread::ScopedJoinHandle::join)
            .collect();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let checks = reader.join();
        for w in writers {
            if let Err(panic) = w {
                std::panic::resume_unwind(panic);
            }
        }
        assert!(checks.unwrap() > 0);
    });
    let landed = landed.into_inner();
    assert!(landed > 0);
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    assert_eq!(p.documents().len(), landed);
    // Every landed document is whole: its case exists, its text is the file's.
    for doc in p.documents().values() {
        let case = p.case(doc.case.unwrap()).unwrap();
        assert!(case.name.starts_with('W'));
        assert!(doc.text.as_str().contains("我们都是病友"));
    }
}

#[test]
fn killed_qdpx_imports_leave_no_half_project_and_a_rerun_completes() {
    let _turn = turn();
    let tmp = tempfile::tempdir().unwrap();
    let qdpx = tmp.path().join("sample.qdpx");
    let out = Command::new(BIN)
        .args([
            "export",
            sample().to_str().unwrap(),
            "--what",
            "qdpx",
            "--out",
            qdpx.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut duration = Duration::MAX;
    for n in 0..3 {
        let whole = tmp.path().join(format!("whole-{n}"));
        duration = duration.min(timed(&[
            "import-qdpx",
            qdpx.to_str().unwrap(),
            whole.to_str().unwrap(),
        ]));
    }
    let whole = tmp.path().join("whole-0");
    let codings = ProjectDir::open_read_only(&whole)
        .unwrap()
        .project
        .codings()
        .len();
    assert!(codings > 800);

    let mut moments = Rng(5);
    let mut cut = 0;
    for k in 0..30 {
        let target = tmp.path().join(format!("kill-{k}"));
        let after =
            Duration::from_micros(moments.next_u64() % (duration.as_micros() as u64).max(1));
        let args = [
            "import-qdpx",
            qdpx.to_str().unwrap(),
            target.to_str().unwrap(),
        ];
        if killed_after(&args, after) {
            cut += 1;
        }
        // Either no project at all, or the whole of it.
        if target.exists() {
            let p = ProjectDir::open_read_only(&target)
                .unwrap_or_else(|e| panic!("killed after {after:?}: a half project: {e}"))
                .project;
            assert_eq!(p.codings().len(), codings, "killed after {after:?}");
        } else {
            timed(&args);
            let p = ProjectDir::open_read_only(&target).unwrap().project;
            assert_eq!(
                p.codings().len(),
                codings,
                "rerun after a kill at {after:?}"
            );
        }
    }
    assert!(cut >= 8, "only {cut} kills cut an import short");
    // The staging folders of the killed imports are gone once an import has run after them.
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.file_name())
        .collect();
    assert!(left.len() <= 1, "{left:?}");
}
