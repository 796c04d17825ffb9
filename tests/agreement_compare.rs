//! The comparison behind a compare view: passages per document in text order, each coder's
//! version, what they coded instead, and stepping through the disagreements.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use agreement_fixture::{Fixture, case};
use margin::analysis::agreement::{AgreementOptions, Comparison, PassageStatus, compare};
use margin::model::{CharRange, Coding, Edit};

fn pair(f: &Fixture) -> Comparison {
    let options = AgreementOptions {
        coders: f.coders_named("Ann+Ben"),
        ..AgreementOptions::default()
    };
    compare(&f.project, &options).unwrap()
}

/// The characters of `phrase` (its `nth` occurrence) in document `doc`.
fn span(f: &Fixture, doc: &str, phrase: &str, nth: usize) -> CharRange {
    let text = &f.project.document(f.document(doc)).unwrap().text;
    let byte = text
        .as_str()
        .match_indices(phrase)
        .nth(nth)
        .unwrap_or_else(|| panic!("{phrase:?} not in {doc}"))
        .0;
    let start = text.char_of(byte);
    CharRange::new(start, start + phrase.chars().count())
}

#[test]
fn passages_come_in_text_order_with_both_versions() {
    let f = case("team");
    let cmp = pair(&f);
    let docs: Vec<&str> = cmp
        .documents
        .iter()
        .map(|d| f.project.document(d.document).unwrap().name.as_str())
        .collect();
    assert_eq!(docs, ["Chat excerpt", "Field notes", "G1 interview"]);

    let interview = f.document("G1 interview");
    let passages = cmp.passages_of(interview);
    let summary: Vec<(String, PassageStatus)> = passages
        .iter()
        .map(|p| (f.project.code(p.code).unwrap().name.clone(), p.status))
        .collect();
    let expected = [
        ("Identity", PassageStatus::Boundaries),
        ("Loneliness", PassageStatus::Boundaries),
        ("Resonance", PassageStatus::Boundaries),
        ("Graduate", PassageStatus::Missing),
        ("Identity", PassageStatus::Missing),
        ("Resonance", PassageStatus::Missing),
    ];
    let expected: Vec<(String, PassageStatus)> = expected
        .iter()
        .map(|(n, s)| ((*n).to_owned(), *s))
        .collect();
    assert_eq!(summary, expected);

    // Identity: Ann coded the first sentence, Ben ran on into the second.
    let nurse = span(
        &f,
        "G1 interview",
        "A nurse at the screening told me about it.",
        0,
    );
    let ben = span(
        &f,
        "G1 interview",
        "A nurse at the screening told me about it. I felt so alone then",
        0,
    );
    let p = &passages[0];
    assert_eq!(p.range, ben);
    assert_eq!(p.differing, vec![CharRange::new(nurse.end, ben.end)]);
    assert_eq!(p.versions[0].coder, f.coder("Ann"));
    assert_eq!(p.versions[0].ranges, vec![nurse]);
    assert_eq!(p.versions[1].ranges, vec![ben]);
    // Each side lists what else it coded there: Ann's and Ben's Loneliness codings.
    assert_eq!(p.versions[0].other_codes.len(), 1);
    assert_eq!(p.versions[1].other_codes.len(), 1);

    // Graduate: only Ann coded "graduating"; Ben's Resonance coding covers it instead.
    let g = &passages[3];
    assert_eq!(g.range, span(&f, "G1 interview", "graduating", 0));
    assert!(g.versions[1].codings.is_empty());
    let instead = f.project.coding(g.versions[1].other_codes[0]).unwrap();
    assert_eq!(f.project.code(instead.code).unwrap().name, "Resonance");
    assert_eq!(g.differing, vec![g.range]);

    // Ben's coding of a speaker label is a passage of its own.
    assert_eq!(
        passages[4].range,
        span(&f, "G1 interview", "Interviewer", 2)
    );
}

#[test]
fn each_coder_codings_are_listed_per_document_in_text_order() {
    let f = case("team");
    let cmp = pair(&f);
    let d = cmp.document(f.document("G1 interview")).unwrap();
    assert_eq!(d.codings.len(), 2);
    assert_eq!((d.codings[0].len(), d.codings[1].len()), (4, 5));
    for coder in &d.codings {
        let starts: Vec<usize> = coder
            .iter()
            .map(|&id| f.project.coding(id).unwrap().range.start)
            .collect();
        assert!(starts.is_sorted());
    }
}

#[test]
fn stepping_through_disagreements() {
    let f = case("team");
    let cmp = pair(&f);
    // Chat: 3, field notes: 3, interview: 6 passages, none agreed.
    assert_eq!(cmp.passages.len(), 12);
    assert_eq!(cmp.disagreement_count(), 12);
    let mut forward = Vec::new();
    let mut at = None;
    while let Some(i) = cmp.next_disagreement(at) {
        forward.push(i);
        at = Some(i);
    }
    assert_eq!(forward, (0..12).collect::<Vec<_>>());
    let mut backward = Vec::new();
    let mut at = None;
    while let Some(i) = cmp.previous_disagreement(at) {
        backward.push(i);
        at = Some(i);
    }
    assert_eq!(backward, (0..12).rev().collect::<Vec<_>>());
    // From a cursor: the next disagreement ending after it, else the next document's first.
    let interview = f.document("G1 interview");
    let graduating = span(&f, "G1 interview", "graduating", 0);
    let i = cmp.disagreement_from(interview, graduating.start).unwrap();
    assert_eq!(
        cmp.passages[i].range.end,
        span(
            &f,
            "G1 interview",
            "Now I help the new ones read their reports. We call it graduating",
            0
        )
        .end
    );
    let notes = f.document("Field notes");
    let end = f.project.document(notes).unwrap().text.char_len();
    assert_eq!(cmp.disagreement_from(notes, end), Some(6));
}

#[test]
fn agreed_passages_are_not_disagreements() {
    let f = case("krippendorff2004");
    let options = AgreementOptions {
        coders: f.coders_named("i+j"),
        ..AgreementOptions::default()
    };
    let cmp = compare(&f.project, &options).unwrap();
    let statuses: Vec<(&str, PassageStatus, CharRange)> = cmp
        .passages
        .iter()
        .map(|p| {
            (
                f.project.code(p.code).unwrap().name.as_str(),
                p.status,
                p.range,
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("k", PassageStatus::Agreed, CharRange::new(30, 90)),
            ("c", PassageStatus::Boundaries, CharRange::new(70, 150)),
            ("k", PassageStatus::Agreed, CharRange::new(150, 200)),
            // j's 205..225 overlaps i's 220..250: one passage.
            ("c", PassageStatus::Boundaries, CharRange::new(205, 250)),
            // Touching is not overlapping: j's 250..270 is a passage of its own.
            ("c", PassageStatus::Missing, CharRange::new(250, 270)),
        ]
    );
    assert_eq!(
        cmp.passages[3].differing,
        vec![CharRange::new(205, 220), CharRange::new(225, 250)]
    );
    assert_eq!(cmp.disagreement_count(), 3);
    assert_eq!(cmp.next_disagreement(None), Some(1));
    assert_eq!(cmp.next_disagreement(Some(1)), Some(3));
    assert_eq!(cmp.next_disagreement(Some(4)), None);
    assert_eq!(cmp.previous_disagreement(Some(3)), Some(1));
    assert_eq!(cmp.previous_disagreement(Some(1)), None);
}

#[test]
fn refreshing_one_document_gives_what_comparing_again_gives() {
    let mut f = case("team");
    let mut cmp = pair(&f);
    let (ann, ben) = (f.coder("Ann"), f.coder("Ben"));
    let chat = f.document("Chat excerpt");
    let interview = f.document("G1 interview");

    // Ben agrees with Ann on the nurse (the boundaries passage becomes agreed), codes a new
    // passage with a code not compared before in this document, and one of Ann's codings goes.
    let nurse = span(
        &f,
        "G1 interview",
        "A nurse at the screening told me about it.",
        0,
    );
    let text = f.project.document(interview).unwrap().text.clone();
    let identity = f.code("Identity");
    let bens_nurse = f
        .project
        .codings_of(interview)
        .find(|c| c.coder == ben && c.code == identity && c.range.start == nurse.start)
        .unwrap()
        .id;
    let graduate = f.code("Graduate");
    let anns = f
        .project
        .codings_of(interview)
        .find(|c| c.coder == ann && c.code != identity)
        .unwrap()
        .id;
    let added = Coding::new(interview, &text, CharRange::new(0, 5), graduate, ben);
    let mut moved = f.project.coding(bens_nurse).unwrap().clone();
    moved.range = nurse;
    f.project
        .apply(Edit::Batch(vec![
            Edit::PutCoding(Box::new(moved)),
            Edit::PutCoding(Box::new(added)),
            Edit::RemoveCoding(anns),
        ]))
        .unwrap();
    assert_ne!(cmp, pair(&f), "the edits change the comparison");
    assert!(cmp.refresh_document(&f.project, interview));
    assert_eq!(cmp, pair(&f));
    // The documents after it moved with it; an untouched one refreshes to itself.
    assert!(cmp.refresh_document(&f.project, chat));
    assert_eq!(cmp, pair(&f));

    // When Ben has no coding left in the chat, a full comparison leaves it out: refreshing
    // says so instead of keeping it.
    let bens: Vec<_> = f
        .project
        .codings_of(chat)
        .filter(|c| c.coder == ben)
        .map(|c| Edit::RemoveCoding(c.id))
        .collect();
    f.project.apply(Edit::Batch(bens)).unwrap();
    assert!(!cmp.refresh_document(&f.project, chat));
    assert!(!pair(&f).documents.iter().any(|d| d.document == chat));
}
