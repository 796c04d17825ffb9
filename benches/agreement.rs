//! Benchmark: agreement of two coders over the DESIGN.md §5 project (100 documents, 10 MB of
//! text, 50,000 codings, 2 coders), the cu-α family of semantic domains included. Budget: under
//! 1 s. Run with `cargo bench --bench agreement`.

use std::time::{Duration, Instant};

use margin::analysis::agreement::{AgreementOptions, Unit, agreement, compare, domain_agreement};
use margin::merge::merge;
use margin::model::Project;
use margin::synth::{SynthOptions, generate};

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[runs / 2];
    eprintln!(
        "{label:<44} median {:>8.1} ms   min {:>8.1} ms   max {:>8.1} ms   ({runs} runs)",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3,
    );
    median
}

fn main() {
    let start = Instant::now();
    let project: Project = generate(&SynthOptions::default());
    let chars: usize = project
        .documents()
        .values()
        .map(|d| d.text.char_len())
        .sum();
    let bytes: usize = project
        .documents()
        .values()
        .map(|d| d.text.as_str().len())
        .sum();
    eprintln!(
        "project: {} documents, {:.1} MB ({chars} characters), {} codings, {} coders (generated in {:.1} s)",
        project.documents().len(),
        bytes as f64 / 1e6,
        project.codings().len(),
        project.coders().len(),
        start.elapsed().as_secs_f64()
    );
    let chars_options = AgreementOptions::default();
    let segments = AgreementOptions {
        unit: Unit::Segment,
        ..AgreementOptions::default()
    };
    let report = agreement(&project, &chars_options).expect("two coders");
    eprintln!(
        "overall (characters): percent {:.4}, kappa {:.4}, alpha {:.4}, u-alpha {:.4}",
        report.overall.percent.unwrap_or(f64::NAN),
        report.overall.kappa.unwrap_or(f64::NAN),
        report.overall.alpha.unwrap_or(f64::NAN),
        report.overall.u_alpha.value.unwrap_or(f64::NAN),
    );
    let domains: Vec<String> = report
        .domains
        .iter()
        .map(|d| {
            format!(
                "{} |u {:.4} u {:.4} cu {:.4}",
                d.name,
                d.measures.binary_u_alpha.value.unwrap_or(f64::NAN),
                d.measures.u_alpha.value.unwrap_or(f64::NAN),
                d.measures.cu_alpha.value.unwrap_or(f64::NAN),
            )
        })
        .collect();
    eprintln!(
        "semantic domains: {}; Cu-alpha {:.4}",
        domains.join("; "),
        report.across_domains.cu_alpha.value.unwrap_or(f64::NAN)
    );
    let budget = Duration::from_secs(1);
    let chars_time = time("agreement, 2 coders, unit = character", 7, || {
        agreement(&project, &chars_options)
    });
    let segment_time = time("agreement, 2 coders, unit = segment", 7, || {
        agreement(&project, &segments)
    });
    let family = time("cu-alpha family alone (semantic domains)", 7, || {
        domain_agreement(&project, &chars_options)
    });
    eprintln!(
        "agreement (character) without the cu-alpha family: about {:.1} ms",
        (chars_time.saturating_sub(family)).as_secs_f64() * 1e3
    );
    time("comparison (passages for the compare view)", 7, || {
        compare(&project, &chars_options)
    });
    // After a compared coder's edit the window compares only that document again.
    let comparison = compare(&project, &chars_options).expect("two coders");
    let document = comparison.documents[comparison.documents.len() / 2].document;
    let mut refreshed = comparison.clone();
    time("comparison, one document refreshed in place", 7, || {
        assert!(refreshed.refresh_document(&project, document));
    });
    // A copy whose coders did nothing new: everything is matched, nothing added.
    let copy = project.clone();
    time("merge of an identical copy", 3, || merge(&project, &copy));
    for (label, t) in [("character", chars_time), ("segment", segment_time)] {
        let verdict = if t < budget { "within" } else { "OVER" };
        eprintln!("agreement ({label}): {verdict} the 1 s budget");
    }
}
