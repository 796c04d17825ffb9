//! Text search (plain, whole word with CJK, regex, ignoring case) and autocoding.

mod analysis_fixture;

use analysis_fixture::{CHAT, INTERVIEW, NOTES, fixture, range_in};
use margin::analysis::error::AnalysisError;
use margin::analysis::search::{AutocodeScope, MatchMode, SearchQuery, Searcher, autocode, search};
use margin::model::{CharRange, Edit, History, Text};

fn query(pattern: &str, mode: MatchMode) -> SearchQuery {
    SearchQuery {
        pattern: pattern.into(),
        mode,
        ..SearchQuery::default()
    }
}

/// (document name, matched text) of each hit.
fn found(q: &SearchQuery) -> Vec<(String, String)> {
    let f = fixture();
    search(&f.project, q)
        .expect("the search runs")
        .into_iter()
        .map(|h| (h.document_name, h.text))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn plain_search_matches_inside_words_and_orders_documents_by_name() {
    assert_eq!(
        found(&query("walk", MatchMode::Plain)),
        pairs(&[
            ("field notes", "walk"),
            ("G8 interview", "walk"),
            ("group chat", "walk"),
            ("group chat", "walk"),
        ])
    );
}

#[test]
fn whole_word_skips_longer_latin_words() {
    assert_eq!(
        found(&query("walk", MatchMode::Word)),
        pairs(&[
            ("G8 interview", "walk"),
            ("group chat", "walk"),
            ("group chat", "walk"),
        ])
    );
}

#[test]
fn whole_word_chinese_matches_anywhere() {
    assert_eq!(
        found(&query("毕业", MatchMode::Word)),
        pairs(&[
            ("G8 interview", "毕业"),
            ("group chat", "毕业"),
            ("group chat", "毕业"),
        ])
    );
}

#[test]
fn whole_word_latin_next_to_chinese_is_a_word() {
    // "CR了" and "CR." are words; "CRP" is not.
    let hits = found(&query("CR", MatchMode::Word));
    assert_eq!(hits, pairs(&[("field notes", "CR"), ("group chat", "CR")]));
    let f = fixture();
    let h = search(&f.project, &query("CR", MatchMode::Word)).unwrap();
    let first_two = |r: CharRange| CharRange::new(r.start, r.start + 2);
    assert_eq!(h[0].range, first_two(range_in(NOTES, "CR.")));
    assert_eq!(h[1].range, first_two(range_in(CHAT, "CR了")));
    assert_eq!(found(&query("CR", MatchMode::Plain)).len(), 3);
}

#[test]
fn ignoring_case() {
    let mut q = query("cr", MatchMode::Word);
    assert!(found(&q).is_empty());
    q.ignore_case = true;
    assert_eq!(
        found(&q),
        pairs(&[("field notes", "CR"), ("group chat", "CR")])
    );
    // Plain and case-insensitive also finds "scr" in "screening" and "CRP".
    q.mode = MatchMode::Plain;
    assert_eq!(
        found(&q),
        pairs(&[
            ("field notes", "CR"),
            ("field notes", "CR"),
            ("G8 interview", "cr"),
            ("group chat", "CR"),
        ])
    );
}

#[test]
fn regex_with_line_anchors_and_document_scope() {
    let f = fixture();
    let mut q = query(r"^\d{4}-\d{2}-\d{2}", MatchMode::Regex);
    let hits = search(&f.project, &q).unwrap();
    let days: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        days,
        [
            "2024-05-06",
            "2024-05-06",
            "2024-05-20",
            "2024-06-03",
            "2024-08-12"
        ]
    );
    q.pattern = r"G\d".into();
    q.documents = vec![f.chat];
    let hits = search(&f.project, &q).unwrap();
    let names: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(names, ["G1", "G8", "G5", "G8", "G5"]);
    // Regex special characters are literal in plain mode.
    assert_eq!(found(&query("G\\d", MatchMode::Plain)).len(), 0);
    assert_eq!(
        found(&query("me?", MatchMode::Plain)),
        pairs(&[("group chat", "me?")])
    );
}

#[test]
fn hits_carry_context_speaker_time_and_message() {
    let f = fixture();
    let mut q = query("毕业快乐", MatchMode::Plain);
    q.context = 5;
    let hits = search(&f.project, &q).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.document, f.chat);
    assert_eq!(h.range, range_in(CHAT, "毕业快乐"));
    assert_eq!(h.before, "ons, ");
    assert_eq!(h.after, "!\n\n20");
    assert_eq!(h.speaker.as_deref(), Some("M01"));
    assert_eq!(h.at.unwrap().to_string(), "2024-06-03 08:00:00");
    assert_eq!(h.segment, Some(3));
    assert_eq!(
        h.context_range(),
        CharRange::new(h.range.start - 5, h.range.end + 5)
    );
}

#[test]
fn context_is_clipped_at_the_ends_of_the_text() {
    let f = fixture();
    let mut q = query("Interviewer", MatchMode::Plain);
    q.context = 100;
    let hits = search(&f.project, &q).unwrap();
    assert_eq!(hits[0].before, "");
    assert_eq!(hits[0].range, CharRange::new(0, 11));
    let mut q = query("not CR.", MatchMode::Plain);
    q.context = 10;
    let hits = search(&f.project, &q).unwrap();
    assert_eq!(hits[0].after, "\n");
}

#[test]
fn char_offsets_past_emoji_and_chinese() {
    let text = Text::new("😀毕业 ok 😀 ok");
    let s = Searcher::new(&query("ok", MatchMode::Word)).unwrap();
    assert_eq!(
        s.find_in(&text),
        [CharRange::new(4, 6), CharRange::new(9, 11)]
    );
    // A rejected match does not hide a whole-word match starting inside it.
    let s = Searcher::new(&query("a a", MatchMode::Word)).unwrap();
    assert_eq!(s.find_in(&Text::new("ba a a")), [CharRange::new(3, 6)]);
}

#[test]
fn empty_matches_are_skipped() {
    let s = Searcher::new(&query("x*", MatchMode::Regex)).unwrap();
    assert_eq!(s.find_in(&Text::new("axxb")), [CharRange::new(1, 3)]);
}

#[test]
fn bad_patterns_are_reported() {
    let f = fixture();
    assert_eq!(
        search(&f.project, &query("", MatchMode::Plain)),
        Err(AnalysisError::EmptyPattern)
    );
    let err = search(&f.project, &query("(unclosed", MatchMode::Regex)).unwrap_err();
    assert!(
        matches!(&err, AnalysisError::InvalidRegex { pattern, .. } if pattern == "(unclosed"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("invalid regular expression \"(unclosed\"")
    );
}

#[test]
fn autocode_hits_is_one_undoable_batch() {
    let mut f = fixture();
    let hits = search(&f.project, &query("walk", MatchMode::Word)).unwrap();
    let before = f.project.codings().len();
    let plan = autocode(
        &f.project,
        hits.iter().map(|h| (h.document, h.range)),
        f.huddling,
        f.lin,
        AutocodeScope::Hit,
    )
    .unwrap();
    assert_eq!(plan.added.len(), 3);
    assert_eq!(plan.already_coded, 0);
    assert!(matches!(&plan.edit, Edit::Batch(v) if v.len() == 3));
    let mut history = History::new();
    history
        .apply(&mut f.project, "Autocode", plan.edit)
        .unwrap();
    assert_eq!(f.project.codings().len(), before + 3);
    for id in &plan.added {
        let c = f.project.coding(*id).unwrap();
        let doc = f.project.document(c.document).unwrap();
        assert_eq!(doc.text.slice(c.range), "walk");
        assert_eq!((c.code, c.coder), (f.huddling, f.lin));
    }
    // Coding the same hits again adds nothing.
    let again = autocode(
        &f.project,
        hits.iter().map(|h| (h.document, h.range)),
        f.huddling,
        f.lin,
        AutocodeScope::Hit,
    )
    .unwrap();
    assert_eq!((again.added.len(), again.already_coded), (0, 3));
    history.undo(&mut f.project).unwrap();
    assert_eq!(f.project.codings().len(), before);
}

#[test]
fn autocode_whole_turns_skips_what_the_coder_already_coded() {
    let f = fixture();
    let hits = search(&f.project, &query("walk", MatchMode::Word)).unwrap();
    let plan = autocode(
        &f.project,
        hits.iter().map(|h| (h.document, h.range)),
        f.solidarity,
        f.zhou,
        AutocodeScope::Segment,
    )
    .unwrap();
    // zhou already coded the last chat message whole (C7).
    assert_eq!((plan.added.len(), plan.already_coded), (2, 1));
    let Edit::Batch(edits) = &plan.edit else {
        panic!("a batch")
    };
    let texts: Vec<&str> = edits
        .iter()
        .map(|e| match e {
            Edit::PutCoding(c) => f.project.document(c.document).unwrap().text.slice(c.range),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    let mut texts = texts;
    texts.sort_unstable();
    assert_eq!(
        texts,
        [
            "We walk by the lake every month. After I graduated, 我毕业以后 I help newcomers read their results.",
            "Welcome! We walk by the lake on Sunday, come along.",
        ]
    );
    assert!(INTERVIEW.contains(texts[0]));
}

#[test]
fn autocode_in_notes_takes_the_line_and_merges_hits_in_one_turn() {
    let f = fixture();
    let mut q = query("lake", MatchMode::Plain);
    q.documents = vec![f.notes];
    let hits = search(&f.project, &q).unwrap();
    let plan = autocode(
        &f.project,
        hits.iter().map(|h| (h.document, h.range)),
        f.solidarity,
        f.lin,
        AutocodeScope::Segment,
    )
    .unwrap();
    let Edit::Batch(edits) = &plan.edit else {
        panic!("a batch")
    };
    let Edit::PutCoding(c) = &edits[0] else {
        panic!("a coding")
    };
    assert_eq!(c.range, CharRange::new(0, NOTES.chars().count() - 1));
    // Two hits in one interview turn give one coding of the turn.
    let mut q = query("walk|lake", MatchMode::Regex);
    q.documents = vec![f.interview];
    let hits = search(&f.project, &q).unwrap();
    assert_eq!(hits.len(), 2);
    let plan = autocode(
        &f.project,
        hits.iter().map(|h| (h.document, h.range)),
        f.identity,
        f.lin,
        AutocodeScope::Segment,
    )
    .unwrap();
    assert_eq!(plan.added.len(), 1);
}

#[test]
fn autocode_refuses_unknown_codes() {
    let f = fixture();
    let err = autocode(
        &f.project,
        std::iter::empty(),
        margin::model::CodeId::new(),
        f.lin,
        AutocodeScope::Hit,
    )
    .unwrap_err();
    assert!(matches!(err, AnalysisError::UnknownCode(_)));
}

#[test]
fn excerpts_from_chars_and_from_bytes_agree() {
    let f = fixture();
    let mut q = query(r"\S+", MatchMode::Regex);
    q.context = 3;
    let hits = search(&f.project, &q).unwrap();
    assert!(hits.len() > 60);
    for h in &hits {
        let doc = f.project.document(h.document).unwrap();
        assert_eq!(&margin::analysis::excerpt::Excerpt::new(doc, h.range, 3), h);
        assert_eq!(doc.text.slice(h.range), h.text);
    }
}
