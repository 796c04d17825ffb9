//! Team sync on the DESIGN.md §5 project (100 documents, 10 MB, 50,000 codings, 2 coders): two
//! copies against a bare remote on this disk, each adds 100 codings, and the second one's sync
//! merges them (three versions read, merged entity by entity, saved, committed, pushed).
//! Run with `cargo bench --bench sync`.

use std::time::Instant;

use margin::model::CharRange;
use margin::session::{Action, Session};
use margin::store::ProjectDir;
use margin::sync;
use margin::synth::{SynthOptions, generate};

fn code_100(s: &mut Session, offset: usize) {
    let project = s.project();
    let doc = project
        .documents()
        .values()
        .nth(offset)
        .expect("a document");
    let (doc, len) = (doc.id, doc.text.char_len());
    let code = *project.codes().keys().next().expect("a code");
    for i in 0..100 {
        let start = (i * 97 + offset * 13) % (len - 20);
        s.execute(Action::ApplyCode {
            document: doc,
            range: CharRange::new(start, start + 12),
            code,
        })
        .expect("code");
    }
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (remote, lin, zhou) = (
        tmp.path().join("remote.git"),
        tmp.path().join("lin"),
        tmp.path().join("zhou"),
    );
    git2::Repository::init_bare(&remote).expect("bare remote");
    let mut project = generate(&SynthOptions::default());
    drop(ProjectDir::create(&lin, &mut project).expect("write project"));
    drop(project);
    let url = remote.to_str().expect("a path");

    let t = Instant::now();
    sync::setup(&lin, Some(url), sync::DEFAULT_REMOTE).expect("setup");
    let mut a = Session::open_writable(&lin).expect("open");
    a.set_coder("Lin Yue").expect("coder");
    let first = sync::sync(&mut a, sync::DEFAULT_REMOTE, "Lin Yue").expect("first sync");
    eprintln!(
        "first sync (commit and push the whole project)   {:6.2} s   {:>10} bytes pushed",
        t.elapsed().as_secs_f64(),
        first.bytes_pushed
    );
    let t = Instant::now();
    sync::clone(url, &zhou).expect("clone");
    eprintln!(
        "clone                                             {:6.2} s",
        t.elapsed().as_secs_f64()
    );
    let mut b = Session::open_writable(&zhou).expect("open");
    b.set_coder("Zhou Ming").expect("coder");
    let t = Instant::now();
    let quiet = sync::sync(&mut b, sync::DEFAULT_REMOTE, "Zhou Ming").expect("sync");
    eprintln!(
        "sync with nothing to merge (adds a coder)         {:6.2} s   {:>10} bytes pushed",
        t.elapsed().as_secs_f64(),
        quiet.bytes_pushed
    );
    sync::sync(&mut a, sync::DEFAULT_REMOTE, "Lin Yue").expect("sync");

    let before = b.project().codings().len();
    code_100(&mut a, 0);
    code_100(&mut b, 1);
    let t = Instant::now();
    let pushed = sync::sync(&mut a, sync::DEFAULT_REMOTE, "Lin Yue").expect("sync");
    eprintln!(
        "100 new codings, remote unchanged (fast path)      {:6.2} s   {:>10} bytes pushed",
        t.elapsed().as_secs_f64(),
        pushed.bytes_pushed
    );
    // What the window's status bar does in the background when the project opens and every
    // ten minutes: fetch, read the last commit and what the remote brings.
    let t = Instant::now();
    let status = sync::status(&zhou, sync::DEFAULT_REMOTE, true)
        .expect("status")
        .expect("set up");
    eprintln!(
        "status (fetch, what is incoming: {:>4})            {:6.2} s",
        status.incoming.total(),
        t.elapsed().as_secs_f64()
    );
    // What the window counts on the sync thread once a change is saved.
    b.save().expect("save");
    let t = Instant::now();
    let local = sync::local_changes(&zhou, status.committed.as_deref()).expect("count");
    eprintln!(
        "local changes counted, as saved ({:>4})           {:6.2} s",
        local.total(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let merged = sync::sync(&mut b, sync::DEFAULT_REMOTE, "Zhou Ming").expect("sync");
    eprintln!(
        "100 new codings each side, merged                 {:6.2} s   {:>10} bytes pushed   ({})",
        t.elapsed().as_secs_f64(),
        merged.bytes_pushed,
        merged
            .incoming
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    );
    assert_eq!(b.project().codings().len(), before + 200);
}
