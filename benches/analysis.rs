//! Analysis benchmarks over the DESIGN.md §5 project (100 documents, 10 MB, 50,000 codings,
//! 2 coders): search, filtered retrieval, combinations, co-occurrence, crosstab, timeline.
//!
//! Run with `cargo bench --bench analysis`. Budgets: regex search under 100 ms, a filtered
//! retrieval under 100 ms, the co-occurrence table under 1 s. Figures are medians of 15 runs;
//! on a shared machine the maxima vary with its load.

// A benchmark reports on standard output.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use margin::analysis::cooccurrence::{CooccurrenceQuery, CooccurrenceUnit, cooccurrence};
use margin::analysis::crosstab::{CrosstabColumns, CrosstabQuery, crosstab};
use margin::analysis::filter::{AttributeCondition, CodingFilter, DateSpan};
use margin::analysis::names;
use margin::analysis::retrieve::{CodeSelection, Combination, Proximity, RetrievalQuery, retrieve};
use margin::analysis::search::{MatchMode, SearchQuery, search};
use margin::analysis::timeline::{Period, TimelineQuery, timeline};
use margin::model::Project;
use margin::synth::{SynthOptions, generate};

const RUNS: usize = 15;

/// Time `f` over `RUNS` runs (after one warm-up); print median and worst, with what it found.
fn bench<T>(
    label: &str,
    budget: Option<Duration>,
    mut f: impl FnMut() -> T,
    size: impl Fn(&T) -> usize,
) {
    let found = size(&f());
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[RUNS / 2];
    let worst = times[RUNS - 1];
    let verdict = budget.map_or(String::new(), |b| {
        format!(
            "  budget {:>5.0} ms  {}",
            b.as_secs_f64() * 1e3,
            if median <= b { "ok" } else { "OVER" }
        )
    });
    println!(
        "{label:<58} median {:>8.2} ms  max {:>8.2} ms  ({found} results){verdict}",
        median.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
    );
}

fn filter(project: &Project) -> CodingFilter {
    CodingFilter {
        attributes: vec![
            AttributeCondition::parse(project, "region=Shandong").expect("region"),
            AttributeCondition::parse(project, "age=30..60").expect("age"),
        ],
        coders: vec![names::coder(project, "coder1").expect("coder1")],
        message_time: Some(DateSpan::parse(Some("2024-05-01"), Some("2024-06-30")).expect("dates")),
        ..CodingFilter::default()
    }
}

fn main() {
    let t = Instant::now();
    let project = generate(&SynthOptions::default());
    let bytes: usize = project
        .documents()
        .values()
        .map(|d| d.text.as_str().len())
        .sum();
    println!(
        "project: {} documents, {:.1} MB of text, {} codings, {} codes ({:.1} s to generate)\n",
        project.documents().len(),
        bytes as f64 / 1e6,
        project.codings().len(),
        project.codes().len(),
        t.elapsed().as_secs_f64()
    );
    let ms = |n| Some(Duration::from_millis(n));

    let q = |pattern: &str, mode, ignore_case| SearchQuery {
        pattern: pattern.into(),
        mode,
        ignore_case,
        documents: Vec::new(),
        context: 80,
    };
    let regex = q(r"(毕业|留级)了", MatchMode::Regex, false);
    bench(
        "search regex (毕业|留级)了",
        ms(100),
        || search(&project, &regex),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let regex2 = q(r"\b(doctor|markers?)\b", MatchMode::Regex, true);
    bench(
        "search regex \\b(doctor|markers?)\\b, ignore case",
        ms(100),
        || search(&project, &regex2),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let word = q("lake", MatchMode::Word, false);
    bench(
        "search whole word \"lake\"",
        ms(100),
        || search(&project, &word),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let plain = q("复查", MatchMode::Plain, false);
    bench(
        "search plain 复查",
        ms(100),
        || search(&project, &plain),
        |r| r.as_ref().map_or(0, Vec::len),
    );

    let theme = |name: &str| names::code(&project, name).expect("synthetic code");
    let one = RetrievalQuery {
        code: Some(CodeSelection::code(theme("Theme 3 / code 2"))),
        context: 80,
        ..RetrievalQuery::default()
    };
    bench(
        "retrieve one code",
        ms(100),
        || retrieve(&project, &one),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let filtered = RetrievalQuery {
        code: Some(CodeSelection::with_subcodes(theme("Theme 3"))),
        filter: filter(&project),
        context: 80,
        ..RetrievalQuery::default()
    };
    bench(
        "retrieve Theme 3+subcodes, region, age, coder, May-June",
        ms(100),
        || retrieve(&project, &filtered),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let by_region = RetrievalQuery {
        code: None,
        filter: CodingFilter {
            attributes: vec![
                AttributeCondition::parse(&project, "region=Shandong").expect("region"),
            ],
            ..CodingFilter::default()
        },
        context: 80,
        ..RetrievalQuery::default()
    };
    bench(
        "retrieve every code, region=Shandong",
        ms(100),
        || retrieve(&project, &by_region),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let and = RetrievalQuery {
        code: Some(CodeSelection::with_subcodes(theme("Theme 1"))),
        combinations: vec![Combination::Overlapping(CodeSelection::with_subcodes(
            theme("Theme 2"),
        ))],
        context: 80,
        ..RetrievalQuery::default()
    };
    bench(
        "retrieve Theme 1 AND Theme 2 (overlap)",
        ms(100),
        || retrieve(&project, &and),
        |r| r.as_ref().map_or(0, Vec::len),
    );
    let near = RetrievalQuery {
        code: Some(CodeSelection::with_subcodes(theme("Theme 1"))),
        combinations: vec![Combination::Near {
            code: CodeSelection::with_subcodes(theme("Theme 2")),
            within: Proximity::Segments(2),
        }],
        context: 80,
        ..RetrievalQuery::default()
    };
    bench(
        "retrieve Theme 1 within 2 messages of Theme 2",
        ms(100),
        || retrieve(&project, &near),
        |r| r.as_ref().map_or(0, Vec::len),
    );

    let overlap = CooccurrenceQuery::default();
    bench(
        "co-occurrence, 40 codes, by overlap",
        Some(Duration::from_secs(1)),
        || cooccurrence(&project, &overlap),
        |r| r.as_ref().map_or(0, |t| t.counts.iter().flatten().sum()),
    );
    let segment = CooccurrenceQuery {
        by: CooccurrenceUnit::Segment,
        ..CooccurrenceQuery::default()
    };
    bench(
        "co-occurrence, 40 codes, by turn/message",
        Some(Duration::from_secs(1)),
        || cooccurrence(&project, &segment),
        |r| r.as_ref().map_or(0, |t| t.counts.iter().flatten().sum()),
    );
    let region = names::attribute(&project, "region").expect("region").id;
    let ct = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: region,
            bin: None,
        },
        with_subcodes: true,
        ..CrosstabQuery::default()
    };
    bench(
        "crosstab code x region (count, cases, coverage)",
        Some(Duration::from_secs(1)),
        || crosstab(&project, &ct),
        |r| r.as_ref().map_or(0, |t| t.counts.iter().flatten().sum()),
    );
    let cases = CrosstabQuery::default();
    bench(
        "crosstab code x case",
        Some(Duration::from_secs(1)),
        || crosstab(&project, &cases),
        |r| r.as_ref().map_or(0, |t| t.counts.iter().flatten().sum()),
    );
    let weeks = TimelineQuery {
        per: Period::Week,
        ..TimelineQuery::default()
    };
    bench(
        "timeline per week",
        Some(Duration::from_secs(1)),
        || timeline(&project, &weeks),
        |r| r.as_ref().map_or(0, |t| t.counts.iter().flatten().sum()),
    );
}
