//! The shared definitions of the analyses (src/analysis/definitions.rs): one regression test per
//! defect of the definitions review, each on a small project written for it with the expected
//! numbers worked out by hand in the comments; and a second, plain route to the code × case
//! counts and coverage of the sample project, compared cell by cell.
#![allow(clippy::unwrap_used)]
// test helpers fail by panicking, like the tests
// The fixtures name their codes X, Y and their coders as the worked examples do.
#![allow(clippy::many_single_char_names)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDateTime;
use margin::analysis::agreement::{AgreementOptions, compare};
use margin::analysis::cooccurrence::{CooccurrenceQuery, cooccurrence, places};
use margin::analysis::crosstab::{Crosstab, CrosstabQuery, Measure, crosstab};
use margin::analysis::definitions::Options;
use margin::analysis::filter::{CodingFilter, DateSpan};
use margin::analysis::retrieve::{CodeSelection, Combination, Proximity, RetrievalQuery, retrieve};
use margin::analysis::table::Cell;
use margin::analysis::timeline::{TimelineQuery, timeline};
use margin::cli::Stats;
use margin::model::{
    Case, CaseId, CharRange, Code, CodeId, Coder, CoderId, Coding, CodingId, Color, Document,
    DocumentId, DocumentKind, Edit, Manifest, Project, Segment, SegmentKind, SortKey,
};
use margin::store::ProjectDir;

/// A document's text built piece by piece, with its turns and messages.
#[derive(Default)]
struct Text {
    body: String,
    len: usize,
    segments: Vec<Segment>,
}

impl Text {
    /// Append `s`; its characters.
    fn push(&mut self, s: &str) -> CharRange {
        let start = self.len;
        self.body.push_str(s);
        self.len += s.chars().count();
        CharRange::new(start, self.len)
    }

    /// `Speaker: body\n`, the body a turn; the body's characters.
    fn turn(&mut self, speaker: &str, body: &str) -> CharRange {
        self.push(&format!("{speaker}: "));
        let range = self.push(body);
        self.push("\n");
        self.segments.push(Segment {
            range,
            speaker: Some(speaker.into()),
            kind: SegmentKind::Turn,
            ..Segment::default()
        });
        range
    }

    /// `time sender\nbody\n\n`, the body a message of `kind`; the body's characters.
    fn segment(&mut self, kind: SegmentKind, sender: &str, at: &str, body: &str) -> CharRange {
        self.push(&format!("{at} {sender}\n"));
        let range = self.push(body);
        self.push("\n\n");
        self.segments.push(Segment {
            range,
            speaker: (!sender.is_empty()).then(|| sender.into()),
            at: Some(NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap()),
            kind,
            ..Segment::default()
        });
        range
    }

    fn message(&mut self, sender: &str, at: &str, body: &str) -> CharRange {
        self.segment(SegmentKind::Message, sender, at, body)
    }
}

/// Characters `from..to` of `r`.
fn sub(r: CharRange, from: usize, to: usize) -> CharRange {
    assert!(r.start + to <= r.end);
    CharRange::new(r.start + from, r.start + to)
}

/// A project built edit by edit.
struct Build {
    p: Project,
    keys: usize,
}

impl Build {
    fn new() -> Self {
        Self {
            p: Project::new(Manifest::new("Definitions")),
            keys: 0,
        }
    }

    fn key(&mut self) -> SortKey {
        self.keys += 1;
        SortKey(format!("{:04}", self.keys))
    }

    fn coder(&mut self, name: &str) -> CoderId {
        let c = Coder::new(name, Color::palette(0));
        let id = c.id;
        self.p.apply(Edit::PutCoder(c)).unwrap();
        id
    }

    fn code(&mut self, name: &str, parent: Option<CodeId>) -> CodeId {
        let mut c = Code::new(name, Color::palette(1), self.key());
        c.parent = parent;
        let id = c.id;
        self.p.apply(Edit::PutCode(c)).unwrap();
        id
    }

    fn case(&mut self, name: &str) -> CaseId {
        let c = Case::new(name);
        let id = c.id;
        self.p.apply(Edit::PutCase(c)).unwrap();
        id
    }

    fn document(&mut self, name: &str, case: Option<CaseId>, text: Text) -> DocumentId {
        let kind = match (case, text.segments.first().map(|s| s.kind)) {
            (Some(_), _) => DocumentKind::Interview,
            (None, Some(_)) => DocumentKind::Chat,
            (None, None) => DocumentKind::Notes,
        };
        let mut d = Document::new(name, kind, text.body);
        d.case = case;
        d.segments = text.segments;
        let id = d.id;
        self.p.apply(Edit::PutDocument(Box::new(d))).unwrap();
        id
    }

    fn coding(
        &mut self,
        doc: DocumentId,
        range: CharRange,
        code: CodeId,
        coder: CoderId,
    ) -> CodingId {
        let text = self.p.document(doc).unwrap().text.clone();
        let c = Coding::new(doc, &text, range, code, coder);
        let id = c.id;
        self.p.apply(Edit::PutCoding(Box::new(c))).unwrap();
        id
    }
}

fn month(from: &str, to: &str) -> DateSpan {
    DateSpan::parse(Some(from), Some(to)).unwrap()
}

fn percent(t: &Crosstab, code: usize, column: usize) -> f64 {
    match t.cell(Measure::Coverage, code, column) {
        Cell::Percent(p) => p,
        other => panic!("not a percentage: {other:?}"),
    }
}

fn ids(results: &[margin::analysis::retrieve::Retrieved]) -> BTreeSet<CodingId> {
    results.iter().map(|r| r.coding).collect()
}

#[test]
fn defect_1_coverage_denominator_follows_the_period() {
    // G1 sends a May message of 10 characters and a June message of 20; 5 characters of the
    // June message are coded X.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let x = b.code("X", None);
    b.case("G1");
    let mut chat = Text::default();
    chat.message("G1", "2024-05-10 10:00:00", "aaaaaaaaaa");
    let june = chat.message("G1", "2024-06-10 10:00:00", "bbbbbbbbbbbbbbbbbbbb");
    let doc = b.document("chat", None, chat);
    b.coding(doc, sub(june, 0, 5), x, ann);

    let mut q = CrosstabQuery::default();
    let all = crosstab(&b.p, &q).unwrap();
    // Whole period: 5 of G1's 10 + 20 = 30 characters, 16.67 %.
    assert_eq!(all.text, [30]);
    assert!((percent(&all, 0, 0) - 500.0 / 30.0).abs() < 1e-9);

    // June only: the denominator is G1's June text, 20 characters: 5 / 20 = 25 % (it was
    // 5 / 30 with the whole text left in the denominator).
    q.filter.message_time = Some(month("2024-06", "2024-06"));
    let june_only = crosstab(&b.p, &q).unwrap();
    assert_eq!(june_only.text, [20]);
    assert_eq!(june_only.coded, [[5]]);
    assert!((percent(&june_only, 0, 0) - 25.0).abs() < 1e-9);
    assert_eq!(june_only.counts, [[1]]);

    // May only: 10 characters, nothing coded.
    q.filter.message_time = Some(month("2024-05", "2024-05"));
    let may = crosstab(&b.p, &q).unwrap();
    assert_eq!(
        (may.text.clone(), may.counts.clone()),
        (vec![10], vec![vec![0]])
    );
}

#[test]
fn defect_2_not_excludes_by_the_passage_and_never_returns_the_excluded_code() {
    // Notes: P1 = 0..10, a space, P2 = 11..21. Codes X with sub-codes Y and Z.
    // Ann: y1 = Y 0..5, z1 = Z 3..10 (overlaps y1), z2 = Z 11..21. Ben: yb = Y 11..16 (in z2).
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let ben = b.coder("Ben");
    let x = b.code("X", None);
    let y = b.code("Y", Some(x));
    let z = b.code("Z", Some(x));
    let mut notes = Text::default();
    let p1 = notes.push("aaaaaaaaaa");
    notes.push(" ");
    let p2 = notes.push("bbbbbbbbbb");
    let doc = b.document("notes", None, notes);
    let y1 = b.coding(doc, sub(p1, 0, 5), y, ann);
    let z1 = b.coding(doc, sub(p1, 3, 10), z, ann);
    let z2 = b.coding(doc, p2, z, ann);
    let yb = b.coding(doc, sub(p2, 0, 5), y, ben);

    let query = |how: fn(CodeSelection) -> Combination| RetrievalQuery {
        code: Some(CodeSelection::with_subcodes(x)),
        combinations: vec![how(CodeSelection::with_subcodes(y))],
        ..RetrievalQuery::default()
    };
    // --not Y: y1 and yb are Y (their passage is coded Y: by themselves); z1's passage is coded
    // Y by Ann; z2's passage is coded Y only by Ben, another coder: z2 alone remains. (Before,
    // y1 and yb were returned: a coding was not taken to overlap itself.)
    let not = query(Combination::NotOverlapping);
    assert_eq!(ids(&retrieve(&b.p, &not).unwrap()), BTreeSet::from([z2]));
    // Ann alone: the same answer, whatever Ben coded.
    let mut ann_only = not.clone();
    ann_only.filter.coders = vec![ann];
    assert_eq!(
        ids(&retrieve(&b.p, &ann_only).unwrap()),
        BTreeSet::from([z2])
    );
    // Coders pooled: Ben's Y covers z2 too, nothing remains.
    let mut pooled = not.clone();
    pooled.options.pool_coders = true;
    assert!(retrieve(&b.p, &pooled).unwrap().is_empty());
    // --and Y is the other side of the same line: y1, z1, yb; together with --not, all four.
    let and = query(Combination::Overlapping);
    assert_eq!(
        ids(&retrieve(&b.p, &and).unwrap()),
        BTreeSet::from([y1, z1, yb])
    );
}

#[test]
fn defect_3_a_coding_spanning_two_senders_counts_for_both_everywhere() {
    // G1 sends 10 characters in May, G2 10 in June; one coding runs from G1's 7th character
    // over the header into G2's 6th: 4 characters of G1's text, 6 of G2's.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let x = b.code("X", None);
    let g1 = b.case("G1");
    let g2 = b.case("G2");
    let mut chat = Text::default();
    let m1 = chat.message("G1", "2024-05-31 10:00:00", "aaaaaaaaaa");
    let m2 = chat.message("G2", "2024-06-01 10:00:00", "bbbbbbbbbb");
    let doc = b.document("chat", None, chat);
    let id = b.coding(doc, CharRange::new(m1.start + 6, m2.start + 6), x, ann);

    // Count: once for each case (before: G1 only); the total counts the coding once.
    let t = crosstab(&b.p, &CrosstabQuery::default()).unwrap();
    assert_eq!(t.counts, [[1, 1]]);
    assert_eq!(t.total(Measure::Count, 0), Cell::Count(1));
    assert_eq!(t.cases, [[1, 1]]);
    // Coverage: 4 of G1's 10 characters = 40 %, 6 of G2's 10 = 60 %, 10 of 20 = 50 % in all.
    assert_eq!(t.coded, [[4, 6]]);
    assert!((percent(&t, 0, 0) - 40.0).abs() < 1e-9);
    assert!((percent(&t, 0, 1) - 60.0).abs() < 1e-9);
    assert_eq!(t.total(Measure::Coverage, 0), Cell::Percent(50.0));

    // Retrieve: a passage of G2 too (before: only of G1).
    for case in [g1, g2] {
        let q = RetrievalQuery {
            filter: CodingFilter {
                cases: vec![case],
                ..CodingFilter::default()
            },
            ..RetrievalQuery::default()
        };
        assert_eq!(ids(&retrieve(&b.p, &q).unwrap()), BTreeSet::from([id]));
    }
    // Timeline: in May and in June (before: May only).
    let tl = timeline(&b.p, &TimelineQuery::default()).unwrap();
    assert_eq!(tl.counts, [[1, 1]]);
    assert_eq!(tl.messages, [1, 1]);
}

#[test]
fn defect_4_an_interviews_text_is_the_participants_own_turns() {
    // Interview G1: a 14-character header, "Interviewer: " + 20-character question, "G1: " +
    // 30-character answer: 83 characters in all. X codes 15 characters of the answer and 5 of
    // the question. G1's chat message has 10 characters, 5 coded X.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let x = b.code("X", None);
    let g1 = b.case("G1");
    let mut interview = Text::default();
    interview.push("Interview G1\n\n");
    let question = interview.turn("Interviewer", "qqqqqqqqqqqqqqqqqqqq");
    let answer = interview.turn("G1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_eq!(interview.len, 83);
    let doc = b.document("Interview G1", Some(g1), interview);
    b.coding(doc, sub(answer, 0, 15), x, ann);
    let asked = b.coding(doc, sub(question, 0, 5), x, ann);
    let mut chat = Text::default();
    let m = chat.message("G1", "2024-05-10 10:00:00", "cccccccccc");
    let chat_doc = b.document("chat", None, chat);
    b.coding(chat_doc, sub(m, 0, 5), x, ann);

    // By default G1's text is the answer (30) and the message (10): 40 characters, 15 + 5 = 20
    // coded, 50 %. The question's coding is no case's: counted apart. (Before: the interview's
    // 83 characters with header, labels and question: 20 + 5 of 93 = 26.9 %.)
    let mut q = CrosstabQuery::default();
    let t = crosstab(&b.p, &q).unwrap();
    assert_eq!(t.text, [40]);
    assert_eq!(t.coded, [[20]]);
    assert!((percent(&t, 0, 0) - 50.0).abs() < 1e-9);
    assert_eq!(t.counts, [[2]]);
    assert_eq!(t.unattributed_codings, 1);
    // A passage of G1? Not the question, by default.
    let of_g1 = RetrievalQuery {
        filter: CodingFilter {
            cases: vec![g1],
            ..CodingFilter::default()
        },
        ..RetrievalQuery::default()
    };
    assert!(!ids(&retrieve(&b.p, &of_g1).unwrap()).contains(&asked));

    // With the interviewer: 20 + 30 + 10 = 60 characters, 5 + 15 + 5 = 25 coded, 41.67 %.
    q.options.include_interviewer = true;
    let t = crosstab(&b.p, &q).unwrap();
    assert_eq!(t.text, [60]);
    assert_eq!(t.coded, [[25]]);
    assert!((percent(&t, 0, 0) - 2500.0 / 60.0).abs() < 1e-9);
    assert_eq!(
        (t.counts.clone(), t.unattributed_codings),
        (vec![vec![3]], 0)
    );
    let mut with = of_g1.clone();
    with.options.include_interviewer = true;
    assert!(ids(&retrieve(&b.p, &with).unwrap()).contains(&asked));
}

#[test]
fn defect_5_adjacent_codings_are_two_places_in_every_view() {
    // Notes of 20 characters. Ann codes X at 0..5 and 5..10 (touching) and Y at 3..8; Ben codes
    // X at 0..5 and 5..10 too.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let ben = b.coder("Ben");
    let x = b.code("X", None);
    let y = b.code("Y", None);
    let mut notes = Text::default();
    let all = notes.push("aaaaaaaaaabbbbbbbbbb");
    let doc = b.document("notes", None, notes);
    for coder in [ann, ben] {
        b.coding(doc, sub(all, 0, 5), x, coder);
        b.coding(doc, sub(all, 5, 10), x, coder);
    }
    b.coding(doc, sub(all, 3, 8), y, ann);

    // Ann's places of X: 0..5 and 5..10, two (before: one, 0..10). Y at 3..8 meets both: two
    // pairs of places, sharing 3..5 and 5..8.
    let mut q = CooccurrenceQuery::default();
    q.filter.coders = vec![ann];
    let t = cooccurrence(&b.p, &q).unwrap();
    assert_eq!(t.counts, [[2, 2], [2, 1]]);
    let own: Vec<CharRange> = places(&b.p, &q, x, x)
        .unwrap()
        .into_iter()
        .map(|p| p.range)
        .collect();
    assert_eq!(own, [sub(all, 0, 5), sub(all, 5, 10)]);
    let shared: Vec<CharRange> = places(&b.p, &q, x, y)
        .unwrap()
        .into_iter()
        .map(|p| p.range)
        .collect();
    assert_eq!(shared, [sub(all, 3, 5), sub(all, 5, 8)]);

    // The compare view of Ann and Ben: the same two places of X, each agreed.
    let c = compare(
        &b.p,
        &AgreementOptions {
            coders: vec![ann, ben],
            ..AgreementOptions::default()
        },
    )
    .unwrap();
    let x_passages: Vec<CharRange> = c
        .passages
        .iter()
        .filter(|p| p.code == x)
        .map(|p| p.range)
        .collect();
    assert_eq!(x_passages, own);
}

#[test]
fn defect_6_cooccurrence_is_counted_within_each_coder() {
    // Notes: P1 = 0..10, P2 = 11..21. Ann codes X on P1 and P2 and Y on P2; Ben codes Y on P1.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let ben = b.coder("Ben");
    let x = b.code("X", None);
    let y = b.code("Y", None);
    let mut notes = Text::default();
    let p1 = notes.push("aaaaaaaaaa");
    notes.push(" ");
    let p2 = notes.push("bbbbbbbbbb");
    let doc = b.document("notes", None, notes);
    b.coding(doc, p1, x, ann);
    b.coding(doc, p2, x, ann);
    b.coding(doc, p2, y, ann);
    b.coding(doc, p1, y, ben);

    // Within coders: Ann's X and Y meet on P2 (1); Ben coded no X. Diagonal: X 2 (Ann), Y 1 +
    // 1 (Ann's P2, Ben's P1).
    let q = CooccurrenceQuery::default();
    let t = cooccurrence(&b.p, &q).unwrap();
    assert!(!t.pooled);
    assert_eq!(t.counts, [[2, 1], [1, 2]]);
    let met = places(&b.p, &q, x, y).unwrap();
    assert_eq!(met.len(), 1);
    assert_eq!((met[0].range, met[0].coder), (p2, Some(ann)));

    // Pooled (what the table showed before): Ann's X on P1 meets Ben's Y there too: 2.
    let mut pooled = q.clone();
    pooled.options = Options {
        pool_coders: true,
        ..Options::default()
    };
    let t = cooccurrence(&b.p, &pooled).unwrap();
    assert!(t.pooled);
    assert_eq!(t.counts, [[2, 2], [2, 2]]);
}

#[test]
fn defect_7_near_partners_periods_and_messages_share_the_scope() {
    // G1 writes on 31 May (coded S), G2 the next morning, 1 June (coded G); one message apart.
    let mut b = Build::new();
    let ann = b.coder("Ann");
    let s = b.code("S", None);
    let g = b.code("G", None);
    let g1 = b.case("G1");
    b.case("G2");
    let mut chat = Text::default();
    let m1 = chat.message("G1", "2024-05-31 23:00:00", "we walk together");
    let m2 = chat.message("G2", "2024-06-01 08:00:00", "I graduated");
    let doc = b.document("chat", None, chat);
    let solidarity = b.coding(doc, m1, s, ann);
    b.coding(doc, m2, g, ann);

    let near = |filter: CodingFilter, anywhere: bool| RetrievalQuery {
        code: Some(CodeSelection::code(s)),
        combinations: vec![Combination::Near {
            code: CodeSelection::code(g),
            within: Proximity::Segments(1),
        }],
        filter,
        partners_anywhere: anywhere,
        ..RetrievalQuery::default()
    };
    // Unfiltered: G's coding is the next message: S is found.
    assert_eq!(
        ids(&retrieve(&b.p, &near(CodingFilter::default(), false)).unwrap()),
        BTreeSet::from([solidarity])
    );
    // Only G1: G's coding is G2's, out of scope: nothing (before: found, the partner was taken
    // from every case). Asked to look anywhere: found.
    let g1_only = CodingFilter {
        cases: vec![g1],
        ..CodingFilter::default()
    };
    assert!(
        retrieve(&b.p, &near(g1_only.clone(), false))
            .unwrap()
            .is_empty()
    );
    assert_eq!(retrieve(&b.p, &near(g1_only, true)).unwrap().len(), 1);
    // Only May: the same with dates.
    let may = CodingFilter {
        message_time: Some(month("2024-05", "2024-05")),
        ..CodingFilter::default()
    };
    assert!(
        retrieve(&b.p, &near(may.clone(), false))
            .unwrap()
            .is_empty()
    );
    assert_eq!(retrieve(&b.p, &near(may, true)).unwrap().len(), 1);
}

#[test]
fn defect_7_a_period_row_says_the_dates_it_covers() {
    // Messages on 10 June, 20 June and 5 July; from 15 June to 10 July.
    let mut b = Build::new();
    b.coder("Ann");
    b.code("X", None);
    b.case("G1");
    let mut chat = Text::default();
    chat.message("G1", "2024-06-10 10:00:00", "one");
    chat.message("G1", "2024-06-20 10:00:00", "two");
    chat.message("G1", "2024-07-05 10:00:00", "three");
    b.document("chat", None, chat);
    let q = TimelineQuery {
        filter: CodingFilter {
            message_time: Some(DateSpan::parse(Some("2024-06-15"), Some("2024-07-10")).unwrap()),
            ..CodingFilter::default()
        },
        ..TimelineQuery::default()
    };
    let t = timeline(&b.p, &q).unwrap();
    let rows: Vec<(String, String, String)> = t
        .periods
        .iter()
        .map(|p| (p.label.clone(), p.start.to_string(), p.end.to_string()))
        .collect();
    // June from the 15th (before: 2024-06-01), July to the 10th; one message in each.
    assert_eq!(
        rows,
        [
            (
                "2024-06 (06-15–06-30)".into(),
                "2024-06-15".into(),
                "2024-06-30".into()
            ),
            (
                "2024-07 (07-01–07-10)".into(),
                "2024-07-01".into(),
                "2024-07-10".into()
            ),
        ]
    );
    assert_eq!(t.messages, [1, 1]);
}

#[test]
fn defect_7_stats_counts_messages_as_the_timeline_does() {
    // Two messages and a system notice in a chat; an interview of two turns.
    let mut b = Build::new();
    let g1 = b.case("G1");
    let mut chat = Text::default();
    chat.message("G1", "2024-06-10 10:00:00", "hello");
    chat.segment(
        SegmentKind::System,
        "",
        "2024-06-10 10:01:00",
        "G2 joined the group",
    );
    chat.message("G1", "2024-06-11 10:00:00", "again");
    b.document("chat", None, chat);
    let mut interview = Text::default();
    interview.turn("Interviewer", "How?");
    interview.turn("G1", "Like this.");
    b.document("Interview G1", Some(g1), interview);

    // Messages: 2 (before, "turns/msgs" said 5, notice and turns included).
    let stats = Stats::of(&b.p);
    assert_eq!(
        (stats.turns, stats.messages, stats.notices, stats.segments),
        (2, 2, 1, 5)
    );
    let t = timeline(&b.p, &TimelineQuery::default()).unwrap();
    assert_eq!(t.messages.iter().sum::<usize>(), stats.messages);
}

/// The sample project's code × case counts, cases and coverage by a second route: a plain loop
/// over codings and characters, without the library's pieces, places or sweeps.
/// A segment's speaker, trimmed.
fn named(s: &Segment) -> Option<&str> {
    s.speaker.as_deref().map(str::trim)
}

fn recount(p: &Project, only: Option<CoderId>) -> (Vec<Vec<usize>>, Vec<Vec<usize>>, Vec<usize>) {
    let mut cases: Vec<&Case> = p.cases().values().collect();
    cases.sort_by(|a, b| margin::analysis::names::natural_cmp(&a.name, &b.name));
    let column: HashMap<&str, usize> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let rows: Vec<CodeId> = p.code_tree().into_iter().map(|(_, c)| c.id).collect();
    let row: HashMap<CodeId, usize> = rows.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut counts = vec![vec![0; cases.len()]; rows.len()];
    let mut coded = vec![vec![0; cases.len()]; rows.len()];
    let mut text = vec![0; cases.len()];
    for doc in p.documents().values() {
        // Whose text is each character?
        let mut owner: Vec<Option<usize>> = vec![None; doc.text.char_len()];
        let own_case = doc.case.and_then(|c| p.case(c)).map(|c| c.name.as_str());
        let participant_speaks =
            own_case.is_some_and(|name| doc.segments.iter().any(|s| named(s) == Some(name)));
        if doc.segments.is_empty()
            && let Some(name) = own_case
        {
            for o in &mut owner {
                *o = Some(column[name]);
            }
        }
        for s in &doc.segments {
            let whose = match own_case {
                _ if matches!(s.kind, SegmentKind::System | SegmentKind::Recalled) => None,
                Some(name) if !participant_speaks || named(s) == Some(name) => Some(name),
                Some(_) => None,
                None => named(s).filter(|n| column.contains_key(n)),
            };
            for o in &mut owner[s.range.start..s.range.end] {
                *o = whose.map(|n| column[n]);
            }
        }
        for o in owner.iter().flatten() {
            text[*o] += 1;
        }
        // Which characters each code covers, any coding of it by the coder(s).
        let mut covered: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
        for c in p.codings_of(doc.id) {
            if only.is_some_and(|k| k != c.coder) {
                continue;
            }
            let r = row[&c.code];
            let mut seen = BTreeSet::new();
            let marks = covered.entry(r).or_insert_with(|| vec![false; owner.len()]);
            for i in c.range.start..c.range.end {
                marks[i] = true;
                if let Some(col) = owner[i] {
                    seen.insert(col);
                }
            }
            for col in seen {
                counts[r][col] += 1;
            }
        }
        for (r, marks) in covered {
            for (i, m) in marks.iter().enumerate() {
                if let (true, Some(col)) = (m, owner[i]) {
                    coded[r][col] += 1;
                }
            }
        }
    }
    (counts, coded, text)
}

#[test]
fn sample_code_by_case_counts_and_coverage_match_a_plain_recount() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let p = ProjectDir::open_read_only(&root).unwrap().project;
    let lin = p
        .coders()
        .values()
        .find(|c| c.name == "Lin Yue")
        .unwrap()
        .id;
    for coder in [None, Some(lin)] {
        let (counts, coded, text) = recount(&p, coder);
        let q = CrosstabQuery {
            filter: CodingFilter {
                coders: coder.into_iter().collect(),
                ..CodingFilter::default()
            },
            ..CrosstabQuery::default()
        };
        let t = crosstab(&p, &q).unwrap();
        assert_eq!(t.text, text, "text per case, coder {coder:?}");
        assert_eq!(t.counts.len(), counts.len());
        for (i, h) in t.codes.iter().enumerate() {
            for (j, c) in t.columns.iter().enumerate() {
                assert_eq!(
                    (t.counts[i][j], t.coded[i][j]),
                    (counts[i][j], coded[i][j]),
                    "{} × {}, coder {coder:?}",
                    h.path,
                    c.label
                );
            }
        }
        // Something was counted: the comparison is not of two empty tables.
        assert!(counts.iter().flatten().sum::<usize>() > 300, "{counts:?}");
        assert!(coded.iter().flatten().sum::<usize>() > 5_000, "{coded:?}");
    }
}
