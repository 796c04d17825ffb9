//! The analysis queries answer the reference study's questions on the sample project: which
//! themes participants of each region voice, how "Emotional solidarity" meets "graduate (毕业)",
//! how the chat changed from May to August.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

use std::path::Path;

use margin::analysis::cooccurrence::{CooccurrenceQuery, CooccurrenceUnit, cooccurrence};
use margin::analysis::crosstab::{CrosstabColumns, CrosstabQuery, crosstab};
use margin::analysis::filter::{AttributeCondition, CodingFilter};
use margin::analysis::names;
use margin::analysis::retrieve::{CodeSelection, RetrievalQuery, retrieve};
use margin::analysis::search::{MatchMode, SearchQuery, search};
use margin::analysis::timeline::{Period, TimelineQuery, timeline};
use margin::model::Project;
use margin::store::ProjectDir;

fn sample() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    ProjectDir::open_read_only(&root).unwrap().project
}

fn lin(p: &Project) -> CodingFilter {
    CodingFilter {
        coders: vec![names::coder(p, "Lin Yue").unwrap()],
        ..CodingFilter::default()
    }
}

#[test]
fn regions_by_themes() {
    let p = sample();
    let themes = [
        names::code(&p, "Identity construction").unwrap(),
        names::code(&p, "Emotional resonance").unwrap(),
    ];
    let q = CrosstabQuery {
        columns: CrosstabColumns::Attribute {
            attribute: names::attribute(&p, "region").unwrap().id,
            bin: None,
        },
        codes: themes.to_vec(),
        with_subcodes: true,
        filter: lin(&p),
        ..CrosstabQuery::default()
    };
    let t = crosstab(&p, &q).unwrap();
    // The participants' regions as STUDY.md gives them.
    let columns: Vec<(&str, usize)> = t
        .columns
        .iter()
        .map(|c| (c.label.as_str(), c.cases.len()))
        .collect();
    assert_eq!(
        columns,
        [
            ("Beijing", 3),
            ("Guangdong", 1),
            ("Heilongjiang", 1),
            ("Shandong", 4),
            ("Hebei", 1)
        ]
    );
    // Every participant voices both themes somewhere.
    assert_eq!(t.cases, [[3, 1, 1, 4, 1], [3, 1, 1, 4, 1]]);
    // The table accounts for every coding retrieval finds: by region, or of no case.
    for (row, &code) in themes.iter().enumerate() {
        let all = retrieve(
            &p,
            &RetrievalQuery {
                code: Some(CodeSelection::with_subcodes(code)),
                filter: lin(&p),
                ..RetrievalQuery::default()
            },
        )
        .unwrap();
        assert_eq!(
            t.counts[row].iter().sum::<usize>() + t.unattributed[row],
            all.len()
        );
        let mut shandong = lin(&p);
        shandong.attributes = vec![AttributeCondition::parse(&p, "region=Shandong").unwrap()];
        let in_shandong = retrieve(
            &p,
            &RetrievalQuery {
                code: Some(CodeSelection::with_subcodes(code)),
                filter: shandong,
                ..RetrievalQuery::default()
            },
        )
        .unwrap();
        assert_eq!(t.counts[row][3], in_shandong.len());
        assert!(
            in_shandong
                .iter()
                .all(|r| ["G5", "G8", "G9", "G10"].contains(&r.case_name.as_deref().unwrap()))
        );
    }
}

#[test]
fn solidarity_and_graduate_share_turns() {
    let p = sample();
    let solidarity = names::code(&p, "Emotional solidarity").unwrap();
    let graduate = names::code(&p, "graduate (毕业)").unwrap();
    let q = CooccurrenceQuery {
        by: CooccurrenceUnit::Segment,
        codes: vec![solidarity, graduate],
        ..CooccurrenceQuery::default()
    };
    let t = cooccurrence(&p, &q).unwrap();
    assert!(t.count(solidarity, graduate).unwrap() >= 1);
    assert!(t.count(solidarity, graduate) <= t.count(graduate, graduate));
}

#[test]
fn the_chat_runs_from_may_to_august() {
    let p = sample();
    let t = timeline(
        &p,
        &TimelineQuery {
            per: Period::Month,
            ..TimelineQuery::default()
        },
    )
    .unwrap();
    let months: Vec<&str> = t.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(months, ["2024-05", "2024-06", "2024-07", "2024-08"]);
    assert!(t.messages.iter().all(|&n| n > 0));
    // Interviews hold the untimed codings; the chat's are all in time.
    let chat_codings = p
        .documents()
        .values()
        .filter(|d| !d.segments.iter().all(|s| s.at.is_none()))
        .flat_map(|d| p.codings_of(d.id))
        .count();
    let timed: usize = t.counts.iter().flatten().sum();
    assert_eq!(timed + t.untimed, p.codings().len());
    assert!(timed <= chat_codings);
}

#[test]
fn the_group_vocabulary_is_found_in_chinese() {
    let p = sample();
    let hits = search(
        &p,
        &SearchQuery {
            pattern: "毕业".into(),
            mode: MatchMode::Word,
            ..SearchQuery::default()
        },
    )
    .unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.text == "毕业"));
}

/// Split a command line as a POSIX shell would for plain words and '…' / "…" quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn every_example_in_the_analysis_docs_prints_what_it_shows() {
    use clap::Parser;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/analysis.md")).unwrap();
    let mut examples = 0;
    for block in doc.split("```text\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let (command, shown) = block.split_once('\n').unwrap();
        let line = command.strip_prefix("$ ").unwrap();
        let mut args = shell_words(line);
        args[2] = root.join(&args[2]).to_string_lossy().into_owned();
        let cli = margin::cli::Cli::try_parse_from(&args).unwrap();
        let mut out = Vec::new();
        margin::cli::run(cli.command.unwrap(), &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), shown, "{line}");
        examples += 1;
    }
    assert_eq!(examples, 9);
}
