//! A small fictional project for the analysis tests: one interview (case G8), one group chat
//! (senders G1, G5, G8 and a non-participant M01, May to August 2024), one page of field notes,
//! five codes, two coders, and fourteen codings whose places are known by their text.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{TimeZone, Utc};
use margin::import::{detect_turns, parse_wechat};
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CaseId, CharRange, Code, CodeId, Coder,
    CoderId, Coding, CodingId, Color, Document, DocumentId, DocumentKind, Edit, Manifest, Project,
    SortKey, Value,
};

pub const INTERVIEW: &str = "Interviewer: How did you find the group?\n\
G8: Through community screening. A nurse added me to the group.\n\
Interviewer: What do you do together?\n\
G8: We walk by the lake every month. After I graduated, 我毕业以后 I help newcomers read their results.\n";

pub const CHAT: &str = "2024-05-06 09:00:00 G1\n\
Just diagnosed. Why me?\n\
\n\
2024-05-06 09:05:00 G8\n\
Welcome! We walk by the lake on Sunday, come along.\n\
\n\
2024-05-20 20:00:00 G5\n\
我毕业了！CR了！\n\
\n\
2024-06-03 08:00:00 M01\n\
Congratulations, 毕业快乐!\n\
\n\
2024-08-12 10:00:00 G8\n\
Lunch after the walk? I will buy medicine for G5.\n";

pub const NOTES: &str = "Field note: the group walks by the lake. Nobody says cure; they say graduate. A CRP test is not CR.\n";

/// The fixture project and the ids the tests name.
pub struct Fixture {
    pub project: Project,
    pub interview: DocumentId,
    pub chat: DocumentId,
    pub notes: DocumentId,
    pub identity: CodeId,
    pub huddling: CodeId,
    pub resonance: CodeId,
    pub solidarity: CodeId,
    pub graduate: CodeId,
    pub lin: CoderId,
    pub zhou: CoderId,
    pub g1: CaseId,
    pub g5: CaseId,
    pub g8: CaseId,
    pub age: AttributeId,
    pub region: AttributeId,
    /// Codings by label: I1..I6 (interview), C1..C7 (chat), N1 (notes).
    pub codings: HashMap<&'static str, CodingId>,
}

/// The only place `needle` occurs in `text`, in characters.
pub fn range_in(text: &str, needle: &str) -> CharRange {
    let found: Vec<usize> = text.match_indices(needle).map(|(b, _)| b).collect();
    assert_eq!(found.len(), 1, "{needle:?} must occur exactly once");
    let start = text[..found[0]].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

impl Fixture {
    /// The label of a coding id.
    pub fn label(&self, id: CodingId) -> &'static str {
        self.codings
            .iter()
            .find(|(_, v)| **v == id)
            .map(|(k, _)| *k)
            .expect("a fixture coding")
    }

    /// Labels of coding ids, in the given order.
    pub fn labels(&self, ids: impl IntoIterator<Item = CodingId>) -> Vec<&'static str> {
        ids.into_iter().map(|id| self.label(id)).collect()
    }
}

pub fn fixture() -> Fixture {
    let mut p = Project::new(Manifest::new("Fixture"));
    let mut edits = Vec::new();

    let lin = Coder::new("lin", Color::palette(0));
    let zhou = Coder::new("zhou", Color::palette(1));
    edits.push(Edit::PutCoder(lin.clone()));
    edits.push(Edit::PutCoder(zhou.clone()));

    let code = |name: &str, key: &str, parent: Option<CodeId>| {
        let mut c = Code::new(name, Color::palette(0), SortKey(key.into()));
        c.parent = parent;
        c
    };
    let identity = code("Identity construction", "a", None);
    let huddling = code("Huddling for warmth", "a", Some(identity.id));
    let resonance = code("Emotional resonance", "b", None);
    let solidarity = code("Emotional solidarity", "a", Some(resonance.id));
    let graduate = code("graduate (毕业)", "b", Some(resonance.id));
    for c in [&identity, &huddling, &resonance, &solidarity, &graduate] {
        edits.push(Edit::PutCode(c.clone()));
    }

    let age = AttributeDef {
        id: AttributeId::new(),
        name: "age".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    };
    let region = AttributeDef {
        id: AttributeId::new(),
        name: "region".into(),
        kind: AttributeKind::Category(vec!["Beijing".into(), "Shandong".into()]),
        sort_key: SortKey("b".into()),
    };
    edits.push(Edit::PutAttribute(age.clone()));
    edits.push(Edit::PutAttribute(region.clone()));
    let case = |name: &str, years: f64, place: &str| {
        let mut c = Case::new(name);
        c.values = BTreeMap::from([
            (age.id, Value::Number(years)),
            (region.id, Value::Category(place.into())),
        ]);
        c
    };
    let g1 = case("G1", 28.0, "Beijing");
    let g5 = case("G5", 42.0, "Shandong");
    let g8 = case("G8", 50.0, "Shandong");
    for c in [&g1, &g5, &g8] {
        edits.push(Edit::PutCase(c.clone()));
    }

    let mut interview = Document::new("G8 interview", DocumentKind::Interview, INTERVIEW);
    interview.segments = detect_turns(INTERVIEW);
    interview.case = Some(g8.id);
    let mut chat = Document::new("group chat", DocumentKind::Chat, CHAT);
    chat.segments = parse_wechat(CHAT, Path::new("chat.txt")).expect("fixture chat parses");
    let notes = Document::new("field notes", DocumentKind::Notes, NOTES);
    assert_eq!(interview.segments.len(), 4);
    assert_eq!(chat.segments.len(), 5);

    let lin_day = Utc.with_ymd_and_hms(2024, 9, 1, 10, 0, 0).unwrap();
    let zhou_day = Utc.with_ymd_and_hms(2024, 9, 15, 10, 0, 0).unwrap();
    let plan: [(&str, &Document, &str, &Code, &Coder); 14] = [
        (
            "I1",
            &interview,
            "A nurse added me to the group.",
            &huddling,
            &lin,
        ),
        (
            "I2",
            &interview,
            "We walk by the lake every month.",
            &solidarity,
            &lin,
        ),
        ("I3", &interview, "我毕业以后", &graduate, &lin),
        (
            "I4",
            &interview,
            "I help newcomers read their results.",
            &solidarity,
            &lin,
        ),
        (
            "I5",
            &interview,
            "We walk by the lake every month. After I graduated,",
            &solidarity,
            &zhou,
        ),
        (
            "I6",
            &interview,
            "After I graduated, 我毕业以后",
            &graduate,
            &zhou,
        ),
        ("C1", &chat, "Why me?", &identity, &lin),
        (
            "C2",
            &chat,
            "We walk by the lake on Sunday, come along.",
            &solidarity,
            &lin,
        ),
        ("C3", &chat, "我毕业了", &graduate, &lin),
        ("C4", &chat, "CR了", &graduate, &zhou),
        ("C5", &chat, "毕业快乐", &graduate, &lin),
        ("C6", &chat, "Lunch after the walk?", &solidarity, &lin),
        (
            "C7",
            &chat,
            "Lunch after the walk? I will buy medicine for G5.",
            &solidarity,
            &zhou,
        ),
        ("N1", &notes, "graduate", &graduate, &lin),
    ];
    let mut codings = HashMap::new();
    let mut coding_edits = Vec::new();
    for (label, doc, quote, code, coder) in plan {
        let range = range_in(doc.text.as_str(), quote);
        let mut c = Coding::new(doc.id, &doc.text, range, code.id, coder.id);
        c.created = if coder.id == lin.id {
            lin_day
        } else {
            zhou_day
        };
        codings.insert(label, c.id);
        coding_edits.push(Edit::PutCoding(Box::new(c)));
    }
    let (interview_id, chat_id, notes_id) = (interview.id, chat.id, notes.id);
    edits.push(Edit::PutDocument(Box::new(interview)));
    edits.push(Edit::PutDocument(Box::new(chat)));
    edits.push(Edit::PutDocument(Box::new(notes)));
    edits.extend(coding_edits);
    p.apply(Edit::Batch(edits)).expect("fixture is consistent");

    Fixture {
        project: p,
        interview: interview_id,
        chat: chat_id,
        notes: notes_id,
        identity: identity.id,
        huddling: huddling.id,
        resonance: resonance.id,
        solidarity: solidarity.id,
        graduate: graduate.id,
        lin: lin.id,
        zhou: zhou.id,
        g1: g1.id,
        g5: g5.id,
        g8: g8.id,
        age: age.id,
        region: region.id,
        codings,
    }
}
