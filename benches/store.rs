//! Store benchmarks on the DESIGN.md §5 project (100 documents, 10 MB, 50,000 codings, 2 coders):
//! open it, and apply one coding and save it. Run with `cargo bench --bench store`.
//! To reproduce with the binary: `margin generate /tmp/big` then `time margin check /tmp/big`.

use std::time::{Duration, Instant};

use margin::model::{CharRange, Coding, Edit, History};
use margin::store::ProjectDir;
use margin::synth::{SynthOptions, generate};

fn summary(name: &str, mut times: Vec<Duration>, budget_ms: f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[(times.len() * 95 / 100).min(times.len() - 1)]);
    eprintln!(
        "{name:<32} median {median:8.2} ms   p95 {p95:8.2} ms   budget {budget_ms} ms   ({} runs)",
        times.len()
    );
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("big");
    let started = Instant::now();
    let mut project = generate(&SynthOptions::default());
    drop(ProjectDir::create(&root, &mut project).expect("write project"));
    drop(project);
    eprintln!(
        "generated the DESIGN.md §5 project in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut opens = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let opened = ProjectDir::open(&root).expect("open");
        opens.push(t.elapsed());
        drop(opened);
    }
    summary("open project", opens, 500.0);

    let opened = ProjectDir::open(&root).expect("open");
    let mut project = opened.project;
    let mut history = History::new();
    let doc = project
        .documents()
        .values()
        .next()
        .expect("a document")
        .clone();
    let code = *project.codes().keys().next().expect("a code");
    let coder = *project.coders().keys().next().expect("a coder");
    let (mut apply_times, mut render_times, mut write_times, mut total_times) =
        (vec![], vec![], vec![], vec![]);
    for i in 0..200 {
        let range = CharRange::new(i * 10, i * 10 + 8);
        let t = Instant::now();
        let coding = Coding::new(doc.id, &doc.text, range, code, coder);
        history
            .apply(&mut project, "Code", Edit::PutCoding(Box::new(coding)))
            .expect("apply");
        let applied = Instant::now();
        let pending = opened.dir.prepare(&mut project).expect("render");
        let rendered = Instant::now();
        let saved = pending.write().expect("write");
        let written = Instant::now();
        assert_eq!(saved.files.len(), 1);
        apply_times.push(applied - t);
        render_times.push(rendered - applied);
        write_times.push(written - rendered);
        total_times.push(written - t);
    }
    summary("apply one coding", apply_times, 5.0);
    summary("render its codings file", render_times, 5.0);
    summary("write it atomically (fsync)", write_times, 5.0);
    summary("apply one coding and save it", total_times, 5.0);
}
