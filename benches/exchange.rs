//! Exchange benchmarks (DESIGN.md §5 budgets, release build):
//! - REFI-QDA `.qdpx` export and import of a project with 1 MB of text and 2,000 codings
//!   (under 20 ms and 50 ms);
//! - CSV export of all 50,000 excerpts of the default synthetic project (under 0.5 s).
//!
//! Run with `cargo bench --bench exchange`; prints the median and the fastest of several runs.

use std::io::{Cursor, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use margin::export::excerpts::{self, Format};
use margin::export::{ExcerptFilter, qdpx};
use margin::import::qdpx::{Limits, read_from};
use margin::synth::{SynthOptions, generate};

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    (times[times.len() / 2], times[0])
}

fn report(out: &mut impl Write, what: &str, (median, best): (Duration, Duration), budget_ms: f64) {
    let ms = median.as_secs_f64() * 1000.0;
    let verdict = if ms <= budget_ms { "within" } else { "OVER" };
    let _ = writeln!(
        out,
        "{what:<52} median {ms:>8.2} ms   best {:>8.2} ms   budget {budget_ms:>6.0} ms   {verdict}",
        best.as_secs_f64() * 1000.0
    );
}

fn main() {
    // `cargo bench --bench exchange -- import` runs only the benchmarks whose name has "import".
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    let mut out = std::io::stdout().lock();
    let small = generate(&SynthOptions {
        documents: 10,
        bytes: 1_000_000,
        codings: 2_020,
        ..SynthOptions::default()
    });
    let mut bytes = Vec::new();
    qdpx::write(&small, &mut bytes).expect("export");
    let _ = writeln!(
        out,
        "qdpx: {} documents, {} codings, {:.2} MB of text, archive {:.2} MB",
        small.documents().len(),
        small.codings().len(),
        small
            .documents()
            .values()
            .map(|d| d.text.as_str().len())
            .sum::<usize>() as f64
            / 1e6,
        bytes.len() as f64 / 1e6
    );
    let label = format!("qdpx export, 1 MB text, {} codings", small.codings().len());
    if wanted(&label) {
        let export = measure(30, || {
            let mut b = Vec::with_capacity(bytes.len());
            qdpx::write(&small, &mut b).expect("export");
        });
        report(&mut out, &label, export, 20.0);
    }
    let label = format!("qdpx import, 1 MB text, {} codings", small.codings().len());
    if wanted(&label) {
        let import = measure(30, || {
            let imported = read_from(
                Cursor::new(bytes.as_slice()),
                Path::new("bench.qdpx"),
                &Limits::default(),
            )
            .expect("import");
            assert_eq!(imported.project.codings().len(), small.codings().len());
        });
        report(&mut out, &label, import, 50.0);
    }

    if !wanted("CSV export of excerpts") {
        return;
    }
    let big = generate(&SynthOptions::default());
    let n = big.codings().len();
    let csv = measure(7, || {
        let mut b = Vec::with_capacity(32 * 1024 * 1024);
        let written =
            excerpts::write(&big, &ExcerptFilter::all(), Format::Csv, &mut b).expect("csv");
        assert_eq!(written, n);
    });
    report(&mut out, &format!("CSV export of {n} excerpts"), csv, 500.0);
}
