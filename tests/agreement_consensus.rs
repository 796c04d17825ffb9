//! Consensus: settling disagreements as the consensus coder's codings, with undo, and the
//! coders' comments on codings.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use agreement_fixture::{Fixture, case};
use margin::analysis::agreement::{
    AgreementOptions, ConsensusError, NEITHER_NOTE, PassageStatus, Resolution, agreement, compare,
    consensus_coder, consensus_coder_or_new, consensus_codings, kept_neither, new_consensus_coder,
    settled,
};
use margin::model::{CharRange, Coding, Edit, History, MemoTarget};

fn options(f: &Fixture, coders: &str) -> AgreementOptions {
    AgreementOptions {
        coders: f.coders_named(coders),
        ..AgreementOptions::default()
    }
}

fn ranges(codings: &[&Coding]) -> Vec<CharRange> {
    codings.iter().map(|c| c.range).collect()
}

#[test]
fn each_resolution_replaces_the_last_and_undo_restores() {
    let mut f = case("krippendorff2004");
    let cmp = compare(&f.project, &options(&f, "i+j")).unwrap();
    // Code c at 205..250: j coded 205..225, i coded 220..250.
    let p = cmp.passages[3].clone();
    assert_eq!(p.status, PassageStatus::Boundaries);
    let consensus = new_consensus_coder();
    let mut history = History::new();
    let steps = [
        (
            Resolution::Accept(f.coder("i")),
            vec![CharRange::new(220, 250)],
        ),
        (
            Resolution::Accept(f.coder("j")),
            vec![CharRange::new(205, 225)],
        ),
        (Resolution::Both, vec![CharRange::new(205, 250)]),
        (Resolution::Common, vec![CharRange::new(220, 225)]),
        (Resolution::Neither, vec![]),
    ];
    for (resolution, want) in steps {
        let edit = Edit::resolve_passage(&f.project, &p, resolution, &consensus).unwrap();
        history
            .apply(&mut f.project, format!("{resolution:?}"), edit)
            .unwrap();
        let got = consensus_codings(&f.project, &p, consensus.id);
        assert_eq!(ranges(&got), want, "{resolution:?}");
    }
    assert!(consensus_coder(&f.project).is_some());
    assert_eq!(consensus_coder_or_new(&f.project).id, consensus.id);
    // Undo walks back through every decision to none at all, and the coder goes too.
    for want in [
        vec![CharRange::new(220, 225)],
        vec![CharRange::new(205, 250)],
        vec![CharRange::new(205, 225)],
        vec![CharRange::new(220, 250)],
    ] {
        history.undo(&mut f.project).unwrap();
        assert_eq!(
            ranges(&consensus_codings(&f.project, &p, consensus.id)),
            want
        );
    }
    history.undo(&mut f.project).unwrap();
    assert!(consensus_coder(&f.project).is_none());
    assert_eq!(history.undo(&mut f.project).unwrap(), None);
}

#[test]
fn accepting_the_same_version_twice_changes_nothing() {
    let mut f = case("krippendorff2004");
    let cmp = compare(&f.project, &options(&f, "i+j")).unwrap();
    let p = &cmp.passages[1];
    let consensus = new_consensus_coder();
    let accept = Resolution::Accept(f.coder("i"));
    let edit = Edit::resolve_passage(&f.project, p, accept, &consensus).unwrap();
    f.project.apply(edit).unwrap();
    let first = consensus_codings(&f.project, p, consensus.id)[0].id;
    let again = Edit::resolve_passage(&f.project, p, accept, &consensus).unwrap();
    assert!(again.is_empty());
    assert_eq!(consensus_codings(&f.project, p, consensus.id)[0].id, first);
}

#[test]
fn accepted_codings_keep_the_coders_notes() {
    let mut f = case("team");
    let ann = f.coder("Ann");
    let loneliness = f.code("Loneliness");
    let id = f
        .project
        .codings()
        .values()
        .find(|c| c.coder == ann && c.code == loneliness)
        .unwrap()
        .id;
    let mut noted = f.project.coding(id).unwrap().clone();
    noted.memo = Some("family keeps it secret".into());
    f.project.apply(Edit::PutCoding(Box::new(noted))).unwrap();

    let cmp = compare(&f.project, &options(&f, "Ann+Ben")).unwrap();
    let p = cmp.passages.iter().find(|p| p.code == loneliness).unwrap();
    let consensus = new_consensus_coder();
    for resolution in [Resolution::Accept(ann), Resolution::Both] {
        let edit = Edit::resolve_passage(&f.project, p, resolution, &consensus).unwrap();
        f.project.apply(edit).unwrap();
        let got = consensus_codings(&f.project, p, consensus.id);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].memo.as_deref(), Some("family keeps it secret"));
    }
}

#[test]
fn refused_decisions() {
    let f = case("team");
    let cmp = compare(&f.project, &options(&f, "Ann+Ben")).unwrap();
    let p = &cmp.passages[0];
    let consensus = new_consensus_coder();
    assert_eq!(
        Edit::resolve_passage(
            &f.project,
            p,
            Resolution::Accept(f.coder("Cai")),
            &consensus
        ),
        Err(ConsensusError::NotInPassage(f.coder("Cai")))
    );
    let ann = f.project.coder(f.coder("Ann")).unwrap().clone();
    assert_eq!(
        Edit::resolve_passage(&f.project, p, Resolution::Both, &ann),
        Err(ConsensusError::ConsensusCompared(ann.id))
    );
}

#[test]
fn agreements_are_adopted_once() {
    let mut f = case("krippendorff2004");
    let cmp = compare(&f.project, &options(&f, "i+j")).unwrap();
    let consensus = new_consensus_coder();
    let edit = Edit::accept_agreements(&f.project, &cmp, &consensus);
    f.project.apply(edit).unwrap();
    let mut adopted: Vec<CharRange> = f
        .project
        .codings()
        .values()
        .filter(|c| c.coder == consensus.id)
        .map(|c| c.range)
        .collect();
    adopted.sort();
    assert_eq!(adopted, [CharRange::new(30, 90), CharRange::new(150, 200)]);
    assert!(Edit::accept_agreements(&f.project, &cmp, &consensus).is_empty());
}

#[test]
fn a_consensus_that_takes_one_coder_everywhere_agrees_with_that_coder() {
    let mut f = case("team");
    let cmp = compare(&f.project, &options(&f, "Ann+Ben")).unwrap();
    let consensus = new_consensus_coder();
    let mut history = History::new();
    let adopt = Edit::accept_agreements(&f.project, &cmp, &consensus);
    history
        .apply(&mut f.project, "Adopt agreements", adopt)
        .unwrap();
    let ann = f.coder("Ann");
    for (_, p) in cmp.disagreements() {
        let edit =
            Edit::resolve_passage(&f.project, p, Resolution::Accept(ann), &consensus).unwrap();
        history.apply(&mut f.project, "Accept Ann", edit).unwrap();
    }
    // The consensus coder is left out of comparisons unless named.
    let default = agreement(&f.project, &AgreementOptions::default()).unwrap();
    assert_eq!(default.coders.len(), 3);
    assert!(default.coders.iter().all(|c| c.name != "Consensus"));

    let against = AgreementOptions {
        coders: vec![ann, consensus.id],
        ..AgreementOptions::default()
    };
    let r = agreement(&f.project, &against).unwrap();
    assert_eq!(r.overall.percent, Some(1.0));
    assert_eq!(r.overall.alpha, Some(1.0));
    assert_eq!(r.overall.kappa, Some(1.0));
    assert_eq!(r.overall.u_alpha.value, Some(1.0));
}

#[test]
fn coders_discuss_a_passage_in_comments() {
    let mut f = case("team");
    let cmp = compare(&f.project, &options(&f, "Ann+Ben")).unwrap();
    let p = cmp
        .passages
        .iter()
        .find(|p| p.status == PassageStatus::Boundaries)
        .unwrap();
    let ann_coding = p.versions[0].codings[0];
    let ben_coding = p.versions[1].codings[0];
    let mut history = History::new();
    let ask = Edit::comment_on_coding(ann_coding, f.coder("Ben"), "Why stop before the feeling?");
    history.apply(&mut f.project, "Comment", ask).unwrap();
    // Comments are ordered by time: let the clock move on.
    std::thread::sleep(std::time::Duration::from_millis(2));
    let answer = Edit::comment_on_coding(ben_coding, f.coder("Ann"), "The feeling is Loneliness.");
    history.apply(&mut f.project, "Comment", answer).unwrap();

    let thread = p.comments(&f.project);
    let lines: Vec<(&str, Option<&str>)> = thread
        .iter()
        .map(|m| {
            let author = m
                .author
                .and_then(|a| f.project.coder(a))
                .map(|c| c.name.as_str());
            (m.text.as_str(), author)
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Why stop before the feeling?", Some("Ben")),
            ("The feeling is Loneliness.", Some("Ann")),
        ]
    );
    assert_eq!(thread[0].target, MemoTarget::Coding(ann_coding));
    history.undo(&mut f.project).unwrap();
    assert_eq!(p.comments(&f.project).len(), 1);
}

#[test]
fn keeping_neither_version_settles_the_passage_and_another_decision_lifts_it() {
    let mut f = case("krippendorff2004");
    let cmp = compare(&f.project, &options(&f, "i+j")).unwrap();
    let p = cmp.passages[3].clone();
    let consensus = new_consensus_coder();
    let settled_now = |f: &Fixture| settled(&f.project, &cmp, consensus.id)[3];
    assert!(!settled_now(&f));
    let mut history = History::new();
    let edit = Edit::resolve_passage(&f.project, &p, Resolution::Neither, &consensus).unwrap();
    history
        .apply(&mut f.project, "neither".to_owned(), edit)
        .unwrap();
    // Nothing coded by the consensus, yet the passage counts as settled, and says why.
    assert!(consensus_codings(&f.project, &p, consensus.id).is_empty());
    assert!(settled_now(&f) && kept_neither(&f.project, &p, consensus.id));
    let notes: Vec<_> = p
        .codings()
        .flat_map(|c| f.project.memos_on(MemoTarget::Coding(c)))
        .filter(|m| m.text == NEITHER_NOTE && m.author == Some(consensus.id))
        .collect();
    assert_eq!(notes.len(), p.codings().count(), "one note per coding");
    // Deciding "neither" again adds nothing.
    let again = Edit::resolve_passage(&f.project, &p, Resolution::Neither, &consensus).unwrap();
    assert!(again.is_empty(), "{again:?}");
    // Accepting a version replaces the decision: the notes go, the coding comes.
    let accept = Resolution::Accept(f.coder("i"));
    let edit = Edit::resolve_passage(&f.project, &p, accept, &consensus).unwrap();
    history
        .apply(&mut f.project, "accept".to_owned(), edit)
        .unwrap();
    assert!(!kept_neither(&f.project, &p, consensus.id));
    assert!(settled_now(&f));
    // Undo walks back to "neither", then to nothing decided.
    history.undo(&mut f.project).unwrap();
    assert!(kept_neither(&f.project, &p, consensus.id));
    history.undo(&mut f.project).unwrap();
    assert!(!settled_now(&f));
}
