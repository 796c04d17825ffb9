//! Team sync through git against a bare remote in a temporary folder: three coders code, rename,
//! write memos and sync in random order for twenty rounds, and end with equal copies holding
//! every coding made minus those deleted; changes made on both sides are kept both, with no
//! conflict marker anywhere; a teammate's codings survive their code being merged away.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

mod sign_in_server;

use margin::analysis::agreement;
use margin::model::{
    CharRange, CodeId, CodingId, Document, DocumentId, DocumentKind, MemoTarget, Project, Text,
};
use margin::session::{Action, Session};
use margin::sync::{self, Summary, SyncReport};

const TEXT: &str = "Interviewer: How did the group help?\nR1: When I was afraid, someone always answered at night.\nInterviewer: And now?\nR1: Now I answer the new ones. We call it graduating.\n";

/// A small deterministic generator (the tests must not depend on a random crate).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A bare remote and the first coder's project, set up and pushed.
fn team(dir: &Path) -> (PathBuf, PathBuf, DocumentId, CodeId) {
    let remote = dir.join("remote.git");
    git2::Repository::init_bare(&remote).unwrap();
    let first = dir.join("lin");
    let mut s = Session::create(&first).unwrap();
    s.set_coder("Lin Yue").unwrap();
    let doc = Document::new("R1", DocumentKind::Interview, Text::new(TEXT));
    let id = doc.id;
    s.execute(Action::AddDocuments(vec![doc])).unwrap();
    let code = s
        .execute(Action::CreateCode {
            name: "Support at night".into(),
            parent: None,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap();
    s.save().unwrap();
    sync::setup(&first, Some(remote.to_str().unwrap()), "origin").unwrap();
    let report = sync::sync(&mut s, "origin", "Lin Yue").unwrap();
    assert!(report.pushed);
    (remote, first, id, code)
}

fn join(dir: &Path, remote: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    sync::clone(remote.to_str().unwrap(), &path).unwrap();
    path
}

fn open(path: &Path, coder: &str) -> Session {
    let mut s = Session::open_writable(path).unwrap();
    s.set_coder(coder).unwrap();
    s
}

fn sync_now(s: &mut Session, coder: &str) -> SyncReport {
    sync::sync(s, "origin", coder).unwrap_or_else(|e| panic!("{coder}'s sync failed: {e}"))
}

/// Everything a user can change, as text (the maps are ordered).
fn state(p: &Project) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        p.documents(),
        p.codes(),
        p.codings(),
        p.memos(),
        p.coders(),
        p.cases()
    )
}

fn margin_check(path: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_margin"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "margin check {}: {}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn no_conflict_markers(root: &Path) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if path.is_dir() {
            no_conflict_markers(&path);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            assert!(
                !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
                "conflict marker in {}",
                path.display()
            );
        }
    }
}

#[test]
fn three_coders_sync_in_random_order_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, _) = team(dir.path());
    let names = ["Lin Yue", "Zhou Ming", "Chen Hui"];
    let paths = [
        first,
        join(dir.path(), &remote, "zhou"),
        join(dir.path(), &remote, "chen"),
    ];
    let mut sessions: Vec<Option<Session>> = paths
        .iter()
        .zip(names)
        .map(|(p, n)| Some(open(p, n)))
        .collect();
    let len = TEXT.chars().count();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut made: BTreeSet<CodingId> = BTreeSet::new();
    let mut deleted: BTreeSet<CodingId> = BTreeSet::new();
    let mut kinds = [0usize; 9];
    for round in 0..20 {
        let mut order = [0, 1, 2];
        for i in (1..3).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &who in &order {
            let s = sessions[who].as_mut().unwrap();
            for _ in 0..=rng.below(4) {
                let before: BTreeSet<CodingId> = s.project().codings().keys().copied().collect();
                let kind = rng.below(9);
                if let Some(action) = random_action(s, kind, &mut rng, doc, len, names[who], round)
                    && s.execute(action).is_ok_and(|a| a.is_some())
                {
                    kinds[kind] += 1;
                }
                // Whatever the action made or removed (a merge of codes can fold two codings
                // into one; a consensus decision replaces the consensus codings it settles).
                let after: BTreeSet<CodingId> = s.project().codings().keys().copied().collect();
                made.extend(after.difference(&before));
                deleted.extend(before.difference(&after));
            }
            if who == 2 && round % 2 == 0 {
                // Chen syncs from the command line every other round.
                sessions[who].as_mut().unwrap().save().unwrap();
                sessions[who] = None;
                let out = margin(&["sync", paths[who].to_str().unwrap(), "--coder", names[who]]);
                assert!(
                    out.status.success(),
                    "margin sync: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                sessions[who] = Some(open(&paths[who], names[who]));
            } else {
                sync_now(sessions[who].as_mut().unwrap(), names[who]);
            }
        }
    }
    assert!(
        kinds.iter().all(|n| *n > 0),
        "every kind of edit happened: {kinds:?}"
    );
    // Everyone syncs until nothing moves: twice round is enough.
    for _ in 0..2 {
        for (s, name) in sessions.iter_mut().zip(names) {
            sync_now(s.as_mut().unwrap(), name);
        }
    }
    let sessions: Vec<Session> = sessions.into_iter().map(Option::unwrap).collect();
    let first_state = state(sessions[0].project());
    for s in &sessions {
        assert_eq!(state(s.project()), first_state, "every copy is the same");
    }
    let present: BTreeSet<CodingId> = sessions[0].project().codings().keys().copied().collect();
    let expected: BTreeSet<CodingId> = made.difference(&deleted).copied().collect();
    assert_eq!(
        present.difference(&expected).collect::<Vec<_>>(),
        Vec::<&CodingId>::new(),
        "nothing doubled or brought back"
    );
    assert_eq!(
        expected.difference(&present).collect::<Vec<_>>(),
        Vec::<&CodingId>::new(),
        "nothing lost"
    );
    assert!(present.len() > 10, "the rounds coded something");
    let consensus = sessions[0]
        .project()
        .coders()
        .values()
        .filter(|c| c.name == "Consensus")
        .count();
    assert_eq!(consensus, 1, "one consensus coder, however many decided");
    drop(sessions);
    for p in &paths {
        margin_check(p);
        no_conflict_markers(p);
    }
}

/// An edit of kind `kind` (0–8) that `who` might make in round `round`, if one is possible.
fn random_action(
    s: &Session,
    kind: usize,
    rng: &mut Rng,
    doc: DocumentId,
    len: usize,
    who: &str,
    round: usize,
) -> Option<Action> {
    let project = s.project();
    let me = s.coder().unwrap();
    let codes: Vec<CodeId> = project.codes().keys().copied().collect();
    let pick = |rng: &mut Rng, v: &[CodeId]| v[rng.below(v.len())];
    Some(match kind {
        0..=2 => {
            let start = rng.below(len - 10);
            Action::ApplyCode {
                document: doc,
                range: CharRange::new(start, start + 3 + rng.below(8)),
                code: pick(rng, &codes),
            }
        }
        3 => {
            let mine: Vec<CodingId> = project
                .codings()
                .values()
                .filter(|c| c.coder == me)
                .map(|c| c.id)
                .collect();
            Action::RemoveCoding(*mine.get(rng.below(mine.len().max(1)))?)
        }
        4 => Action::CreateCode {
            name: format!("{who} {round}"),
            parent: None,
        },
        5 => Action::RenameCode {
            code: pick(rng, &codes),
            name: format!("named by {who} in round {round}"),
        },
        6 => Action::SetMemo {
            target: MemoTarget::Document(doc),
            text: format!("{who} read it again in round {round}"),
        },
        7 if codes.len() >= 3 => {
            let from = pick(rng, &codes);
            let into = pick(rng, &codes);
            (from != into).then_some(Action::MergeCodes { from, into })?
        }
        8 => {
            // A consensus decision on a passage where two coders differ.
            let options = agreement::AgreementOptions {
                coders: Vec::new(),
                documents: Vec::new(),
                unit: agreement::Unit::default(),
            };
            let comparison = agreement::compare(project, &options).ok()?;
            let passages = &comparison.passages;
            let passage = passages.get(rng.below(passages.len().max(1)))?;
            let resolution = match rng.below(4) {
                0 => agreement::Resolution::Accept(passage.versions[0].coder),
                1 => agreement::Resolution::Both,
                2 => agreement::Resolution::Common,
                _ => agreement::Resolution::Neither,
            };
            let consensus = agreement::consensus_coder_or_new(project);
            let edit =
                margin::model::Edit::resolve_passage(project, passage, resolution, &consensus)
                    .ok()?;
            Action::Prepared {
                label: "Consensus".into(),
                edit,
            }
        }
        _ => return None,
    })
}

#[test]
fn changes_made_on_both_sides_are_kept_both_without_markers() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let second = join(dir.path(), &remote, "zhou");
    let mut lin = open(&first, "Lin Yue");
    let mut zhou = open(&second, "Zhou Ming");
    // Both start from the same memo.
    lin.execute(Action::SetMemo {
        target: MemoTarget::Document(doc),
        text: "first reading".into(),
    })
    .unwrap();
    sync_now(&mut lin, "Lin Yue");
    sync_now(&mut zhou, "Zhou Ming");
    // Then both rename the same code and edit the same memo.
    for (s, name, memo) in [
        (&mut lin, "Night support", "Lin: the night replies matter"),
        (
            &mut zhou,
            "Answering at night",
            "Zhou: it is about reciprocity",
        ),
    ] {
        s.execute(Action::RenameCode {
            code,
            name: name.into(),
        })
        .unwrap();
        s.execute(Action::SetMemo {
            target: MemoTarget::Document(doc),
            text: memo.into(),
        })
        .unwrap();
    }
    sync_now(&mut lin, "Lin Yue");
    let report = sync_now(&mut zhou, "Zhou Ming");
    assert!(
        report.kept_both.iter().any(|l| l.contains("memo")),
        "{report:?}"
    );
    assert!(
        report.kept_both.iter().any(|l| l.contains("renamed")),
        "{report:?}"
    );
    sync_now(&mut lin, "Lin Yue");
    for s in [&lin, &zhou] {
        let texts: BTreeSet<&str> = s
            .project()
            .memos_on(MemoTarget::Document(doc))
            .into_iter()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(
            texts,
            BTreeSet::from([
                "Lin: the night replies matter",
                "Zhou: it is about reciprocity"
            ])
        );
        let c = s.project().code(code).unwrap();
        // The one who merged keeps their name; the other name stays visible.
        assert_eq!(c.name, "Answering at night");
        assert!(c.description.contains("Night support"), "{}", c.description);
    }
    assert_eq!(state(lin.project()), state(zhou.project()));
    drop((lin, zhou));
    for p in [&first, &second] {
        margin_check(p);
        no_conflict_markers(p);
    }
}

#[test]
fn a_teammates_codings_survive_their_code_being_merged_away() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let second = join(dir.path(), &remote, "zhou");
    let mut lin = open(&first, "Lin Yue");
    let mut zhou = open(&second, "Zhou Ming");
    let other = lin
        .execute(Action::CreateCode {
            name: "Reciprocity".into(),
            parent: None,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap();
    sync_now(&mut lin, "Lin Yue");
    sync_now(&mut zhou, "Zhou Ming");
    // Lin merges "Support at night" into "Reciprocity"; meanwhile Zhou codes with it.
    lin.execute(Action::MergeCodes {
        from: code,
        into: other,
    })
    .unwrap();
    let coding = zhou
        .execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(40, 60),
            code,
        })
        .unwrap()
        .unwrap()
        .created_coding
        .unwrap();
    sync_now(&mut lin, "Lin Yue");
    let report = sync_now(&mut zhou, "Zhou Ming");
    sync_now(&mut lin, "Lin Yue");
    for s in [&lin, &zhou] {
        assert!(
            s.project().coding(coding).is_some(),
            "Zhou's coding is kept"
        );
        assert!(s.project().code(code).is_some(), "with its code");
    }
    assert!(!report.restored.is_empty(), "{report:?}");
    drop((lin, zhou));
    margin_check(&first);
}

#[test]
fn the_commit_says_what_changed_as_the_coder_and_the_lock_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let mut lin = open(&first, "Lin Yue");
    for start in [0, 20, 40] {
        lin.execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(start, start + 10),
            code,
        })
        .unwrap();
    }
    let report = sync_now(&mut lin, "Lin Yue");
    assert_eq!(
        report.committed.as_deref(),
        Some("Lin Yue: 3 new codings"),
        "{report:?}"
    );
    assert!(report.bytes_pushed > 0, "{report:?}");
    let repo = git2::Repository::open_bare(&remote).unwrap();
    let head = repo
        .find_reference("refs/heads/main")
        .unwrap()
        .peel_to_commit()
        .unwrap();
    assert_eq!(head.author().name().ok(), Some("Lin Yue"));
    let tree = head.tree().unwrap();
    assert!(tree.get_name(".margin.lock").is_none());
    assert!(tree.get_name(".gitignore").is_some());
    // Nothing new: a second sync commits and brings nothing.
    let again = sync_now(&mut lin, "Lin Yue");
    assert!(again.committed.is_none() && again.incoming.is_empty());
    assert!(again.incoming_rest.is_empty());
}

fn margin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_sets_up_clones_and_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote.git");
    git2::Repository::init_bare(&remote).unwrap();
    let (lin, zhou) = (dir.path().join("lin"), dir.path().join("zhou"));
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    assert!(margin(&["new", &s(&lin)]).status.success());
    let out = margin(&[
        "sync",
        &s(&lin),
        "--setup",
        &s(&remote),
        "--coder",
        "Lin Yue",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("committed: Lin Yue: the project as it stands"),
        "{text}"
    );
    assert!(text.contains("pushed to origin"), "{text}");
    assert!(
        margin(&["sync", &s(&zhou), "--clone", &s(&remote)])
            .status
            .success()
    );
    // Without --coder, a project with no coder yet cannot say whose changes these are.
    let out = margin(&["sync", &s(&zhou)]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--coder"));
    let out = margin(&["sync", &s(&zhou), "--coder", "Zhou Ming"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A folder that is not set up says how to set it up.
    let plain = dir.path().join("plain");
    assert!(margin(&["new", &s(&plain)]).status.success());
    let out = margin(&["sync", &s(&plain), "--coder", "Lin Yue"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--setup"));
}

#[test]
fn a_sync_killed_at_any_moment_leaves_a_project_that_opens_and_a_next_sync_that_completes() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let second = join(dir.path(), &remote, "zhou");
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    for round in 0..12u64 {
        // Both coders change something, so each sync commits, merges and pushes.
        for (path, name) in [(&first, "Lin Yue"), (&second, "Zhou Ming")] {
            let mut session = open(path, name);
            session
                .execute(Action::ApplyCode {
                    document: doc,
                    range: CharRange::new(round as usize * 3, round as usize * 3 + 5),
                    code,
                })
                .unwrap();
            session.save().unwrap();
        }
        if round == 0 {
            // A git write cut short leaves its lock file behind.
            std::fs::write(second.join(".git/index.lock"), b"").unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
            .args(["sync", &s(&second), "--coder", "Zhou Ming"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + round * 9));
        let _ = child.kill();
        let _ = child.wait();
        // Killed in the middle of pushing, it can leave the remote's branch locked; the next
        // sync removes such a lock once it is ten seconds old (git itself leaves it for a
        // person to remove).
        if remote.join("refs/heads/main.lock").exists() {
            std::thread::sleep(std::time::Duration::from_secs(11));
        }
        // Whatever moment it died at, the project opens and checks, and syncing completes.
        margin_check(&second);
        let mut lin = open(&first, "Lin Yue");
        sync_now(&mut lin, "Lin Yue");
        drop(lin);
        let mut zhou = open(&second, "Zhou Ming");
        sync_now(&mut zhou, "Zhou Ming");
        drop(zhou);
        let mut lin = open(&first, "Lin Yue");
        sync_now(&mut lin, "Lin Yue");
        let zhou = open(&second, "Zhou Ming");
        assert_eq!(state(lin.project()), state(zhou.project()), "round {round}");
        assert_eq!(
            lin.project().codings().len(),
            2 * (round as usize + 1),
            "round {round}: every coding once"
        );
    }
    no_conflict_markers(&second);
}

#[test]
fn what_the_coder_does_while_a_sync_fetches_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let second = join(dir.path(), &remote, "zhou");
    let mut lin = open(&first, "Lin Yue");
    let mut zhou = open(&second, "Zhou Ming");
    let theirs = lin
        .execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(0, 11),
            code,
        })
        .unwrap()
        .unwrap()
        .created_coding
        .unwrap();
    sync_now(&mut lin, "Lin Yue");
    // Zhou's window: commit, then fetch on another thread while he keeps coding.
    let mut run = sync::Run::start(&mut zhou, "origin", "Zhou Ming").unwrap();
    let root = second.clone();
    let fetched = std::thread::spawn(move || sync::fetch_incoming(&root, "origin"))
        .join()
        .unwrap()
        .unwrap();
    let meanwhile = zhou
        .execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(20, 30),
            code,
        })
        .unwrap()
        .unwrap()
        .created_coding
        .unwrap();
    run.take(&mut zhou, fetched).unwrap();
    assert!(
        zhou.project().coding(theirs).is_some(),
        "Lin's coding came in"
    );
    assert!(zhou.project().coding(meanwhile).is_some(), "Zhou's stays");
    let root = second.clone();
    let sent = std::thread::spawn(move || sync::push(&root, "origin"))
        .join()
        .unwrap()
        .unwrap();
    let report = run.pushed(sent).unwrap().expect("nobody pushed meanwhile");
    assert!(report.pushed);
    assert_eq!(
        report.incoming,
        vec![sync::Arrival {
            coder: "Lin Yue".into(),
            codings: 1,
            documents: 1
        }],
        "{report:?}"
    );
    assert_eq!(
        report.incoming[0].to_string(),
        "Lin Yue: 1 new or changed coding in 1 document"
    );
    // The next sync sends it.
    sync_now(&mut zhou, "Zhou Ming");
    sync_now(&mut lin, "Lin Yue");
    assert!(lin.project().coding(meanwhile).is_some());
}

#[test]
fn the_status_says_what_is_local_what_is_incoming_and_when_the_remote_is_out_of_reach() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, code) = team(dir.path());
    let second = join(dir.path(), &remote, "zhou");
    assert!(
        sync::status(&dir.path().join("nowhere"), "origin", false)
            .unwrap()
            .is_none(),
        "a folder that is not set up has no status"
    );
    let mut lin = open(&first, "Lin Yue");
    let mut zhou = open(&second, "Zhou Ming");
    for start in [0, 20] {
        lin.execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(start, start + 10),
            code,
        })
        .unwrap();
    }
    let mine = sync::status(&first, "origin", false).unwrap().unwrap();
    let local = Summary::between(mine.committed.as_deref().unwrap(), lin.project());
    assert_eq!((local.codings_added, local.total()), (2, 2));
    let synced = mine.last_sync.expect("Lin synced when setting up");
    sync_now(&mut lin, "Lin Yue");

    let before = sync::status(&second, "origin", false).unwrap().unwrap();
    assert_eq!(before.incoming.total(), 0, "nothing fetched yet");
    let fetched = sync::status(&second, "origin", true).unwrap().unwrap();
    assert!(fetched.offline.is_none());
    assert_eq!(fetched.incoming.codings_added, 2, "{:?}", fetched.incoming);
    let report = sync_now(&mut zhou, "Zhou Ming");
    assert!(report.pushed);
    let after = sync::status(&second, "origin", false).unwrap().unwrap();
    assert_eq!(after.incoming.total(), 0);
    assert!(after.last_sync.unwrap() >= synced);

    std::fs::rename(&remote, dir.path().join("moved.git")).unwrap();
    let out = sync::status(&second, "origin", true).unwrap().unwrap();
    assert!(
        out.offline
            .as_deref()
            .is_some_and(|why| why.contains("origin")),
        "{:?}",
        out.offline
    );
    assert!(sync::sync(&mut zhou, "origin", "Zhou Ming").is_err());
    assert!(
        Session::open_writable(&second).is_err(),
        "Zhou still holds it"
    );
    drop(zhou);
    margin_check(&second);
}

#[test]
fn a_merge_of_codes_does_not_undo_a_removal_double_a_coding_or_split_the_consensus() {
    let dir = tempfile::tempdir().unwrap();
    let (remote, first, doc, night) = team(dir.path());
    let mut lin = open(&first, "Lin Yue");
    let code = |s: &mut Session, name: &str| {
        s.execute(Action::CreateCode {
            name: name.into(),
            parent: None,
        })
        .unwrap()
        .unwrap()
        .created_code
        .unwrap()
    };
    let coding = |s: &mut Session, start: usize, code: CodeId| {
        s.execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(start, start + 10),
            code,
        })
        .unwrap()
        .unwrap()
        .created_coding
        .unwrap()
    };
    let fear = code(&mut lin, "Fear");
    let (removed, recoded) = (coding(&mut lin, 0, night), coding(&mut lin, 20, night));
    sync_now(&mut lin, "Lin Yue");
    let mut zhou = open(&join(dir.path(), &remote, "zhou"), "Zhou Ming");
    let decide = |s: &mut Session, start: usize| {
        let consensus = agreement::consensus_coder_or_new(s.project());
        let text = &s.project().document(doc).unwrap().text;
        let c = margin::model::Coding::new(
            doc,
            text,
            CharRange::new(start, start + 5),
            night,
            consensus.id,
        );
        let id = c.id;
        s.execute(Action::Prepared {
            label: "Consensus".into(),
            edit: margin::model::Edit::Batch(vec![
                margin::model::Edit::PutCoder(consensus),
                margin::model::Edit::PutCoding(Box::new(c)),
            ]),
        })
        .unwrap();
        id
    };
    let (lins_decision, zhous_decision) = (decide(&mut lin, 40), decide(&mut zhou, 60));

    // Lin folds Night into Fear; meanwhile Zhou removes one of the codings and folds Night
    // into a code of his own.
    lin.execute(Action::MergeCodes {
        from: night,
        into: fear,
    })
    .unwrap();
    zhou.execute(Action::RemoveCoding(removed)).unwrap();
    let his = code(&mut zhou, "Nights alone");
    zhou.execute(Action::MergeCodes {
        from: night,
        into: his,
    })
    .unwrap();
    sync_now(&mut lin, "Lin Yue");
    let report = sync_now(&mut zhou, "Zhou Ming");
    sync_now(&mut lin, "Lin Yue");

    for s in [&lin, &zhou] {
        let p = s.project();
        assert!(p.coding(removed).is_none(), "the removal stands");
        let kept = p.coding(recoded).expect("the recoded coding stays");
        let copies = p
            .codings()
            .values()
            .filter(|c| c.range == kept.range && c.coder == kept.coder)
            .count();
        assert_eq!(copies, 1, "recoded twice, kept once");
        let consensus: Vec<_> = p
            .coders()
            .values()
            .filter(|c| c.name == "Consensus")
            .collect();
        assert_eq!(consensus.len(), 1, "one consensus coder");
        for d in [lins_decision, zhous_decision] {
            assert_eq!(p.coding(d).unwrap().coder, consensus[0].id);
        }
    }
    assert_eq!(state(lin.project()), state(zhou.project()));
    assert!(
        report
            .kept_both
            .iter()
            .any(|l| l.contains("recoded on both sides")),
        "{report:?}"
    );
    drop((lin, zhou));
    margin_check(&first);
}

#[test]
fn a_remote_that_asks_for_a_sign_in_gets_the_one_given_and_margin_says_when_it_has_none() {
    let server = sign_in_server::SignInServer::start();
    let dir = tempfile::tempdir().unwrap();
    match sync::clone(&server.url, &dir.path().join("copy")) {
        Err(sync::SyncError::NeedsLogin { url }) => assert_eq!(url, server.url),
        other => panic!("{other:?}"),
    }
    sync::login::remember(
        &server.url,
        sync::login::Login {
            user: "lin.yue".into(),
            secret: "t0ken-林".into(),
        },
    );
    // The server refuses whatever it gets: Margin asks again, after sending the one given.
    let again = sync::clone(&server.url, &dir.path().join("copy"));
    assert!(
        matches!(again, Err(sync::SyncError::NeedsLogin { .. })),
        "{again:?}"
    );
    let expected = sign_in_server::basic("lin.yue", "t0ken-林");
    assert!(
        server.authorizations().contains(&expected),
        "{:?}",
        server.authorizations()
    );
    // A project that syncs with it says the same from a sync.
    let root = dir.path().join("lin");
    let mut s = Session::create(&root).unwrap();
    s.set_coder("Lin Yue").unwrap();
    sync::setup(&root, Some(&server.url), "origin").unwrap();
    let message = sync::sync(&mut s, "origin", "Lin Yue")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("asks for a user name and a password"),
        "{message}"
    );
}
