//! A tiny fictional project with fixed ids and times, for golden files and round trips: two
//! coders, a code tree with an in-vivo code, typed case attributes, an interview with speaker
//! turns, a WeChat-style chat, plain notes with characters CSV, HTML, Markdown and XML must
//! escape, codings with notes, and memos on the project, a document, a code and a coding.

#![allow(dead_code, clippy::unwrap_used)] // shared by several test crates; tests unwrap

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use margin::import::{detect_turns, parse_wechat};
use margin::model::{
    AttributeDef, AttributeId, AttributeKind, Case, CaseId, CharRange, Code, CodeId, Coder,
    CoderId, Coding, CodingId, Color, Document, DocumentId, DocumentKind, Edit, Manifest, Memo,
    MemoId, MemoTarget, Project, SortKey, Text, Translation, Value,
};
use uuid::Uuid;

/// A fixed id: `n` in the last digits.
pub fn uid(n: u128) -> Uuid {
    Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0000 + n)
}

/// A fixed time on 2024-09-01.
pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 9, 1, hour, minute, 0)
        .single()
        .unwrap()
}

pub const LIN: CoderId = CoderId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0001));
pub const ZHOU: CoderId = CoderId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0002));

pub const IDENTITY: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0011));
pub const ROLE: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0012));
pub const HUDDLING: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0013));
pub const RESONANCE: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0014));
pub const AROUSAL: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0015));
pub const REPEAT: CodeId = CodeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0016));

pub const AGE: AttributeId =
    AttributeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0021));
pub const REGION: AttributeId =
    AttributeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0022));
pub const JOINED: AttributeId =
    AttributeId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0023));

pub const G8: CaseId = CaseId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0031));
pub const G1: CaseId = CaseId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0032));

pub const INTERVIEW: DocumentId =
    DocumentId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0041));
pub const CHAT: DocumentId = DocumentId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0042));
pub const NOTES: DocumentId =
    DocumentId(Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0043));

pub const INTERVIEW_TEXT: &str = "[00:00:05] 访谈者：您是怎么查出来的？\n[00:00:12] G8：社区筛查发现的。我当时就想，为什么是我？😭 家里人都瞒着。\n[00:00:40] 访谈者：后来呢？\n[00:00:47] G8：进了群以后，姐妹们天天给我讲经验，心里踏实多了🙏。\n";

pub const CHAT_TEXT: &str = "2024-05-01 06:42:15 G1\n姐妹们早上好🌞 复查结果出来了，又要留级了😭\n\n2024-05-01 06:58:40 G8\n抱抱你！我们都是过来人，别怕💪\n\n2024-05-01 07:10:02 G1\n谢谢姐妹们❤️\n";

pub const NOTES_TEXT: &str = "Field notes, walk by the lake.\n=SUM(A1) is what \"Auntie Liu\" typed <joking> & laughing.\nAfter the walk, G8 said: *we are all the same* — nobody different.\n";

fn code(
    id: CodeId,
    name: &str,
    parent: Option<CodeId>,
    color: Color,
    key: &str,
    desc: &str,
) -> Code {
    let mut c = Code::new(name, color, SortKey(key.into()));
    c.id = id;
    c.parent = parent;
    c.description = desc.into();
    c
}

fn coding(
    n: u128,
    doc: &Document,
    quote: &str,
    code: CodeId,
    coder: CoderId,
    minute: u32,
) -> Coding {
    let text = doc.text.as_str();
    let byte = text
        .find(quote)
        .unwrap_or_else(|| panic!("{quote:?} not in {}", doc.name));
    let start = doc.text.char_of(byte);
    let range = CharRange::new(start, start + quote.chars().count());
    let mut c = Coding::new(doc.id, &doc.text, range, code, coder);
    c.id = CodingId(uid(0x100 + n));
    c.created = at(10, minute);
    c
}

/// Range of `quote` in `text`, in chars.
pub fn range_of(text: &Text, quote: &str) -> CharRange {
    let byte = text.as_str().find(quote).unwrap();
    let start = text.char_of(byte);
    CharRange::new(start, start + quote.chars().count())
}

/// The fixture project.
#[allow(clippy::too_many_lines)] // one literal fixture reads best in one piece
pub fn project() -> Project {
    let mut manifest = Manifest::new("Support group (fixture)");
    manifest.description = "A tiny fictional study for tests.".into();
    manifest.created = at(9, 0);
    manifest.settings.excerpt_context = 12;
    let mut p = Project::new(manifest);
    let mut edits = vec![
        Edit::PutCoder(Coder {
            id: LIN,
            name: "lin".into(),
            color: Color::rgb(0x4c, 0x72, 0xb0),
        }),
        Edit::PutCoder(Coder {
            id: ZHOU,
            name: "zhou".into(),
            color: Color::rgb(0xdd, 0x84, 0x52),
        }),
        Edit::PutCode(code(
            IDENTITY,
            "Identity construction",
            None,
            Color::rgb(0x4c, 0x72, 0xb0),
            "a",
            "How members come to see themselves as patients & as group members.",
        )),
        Edit::PutCode(code(
            ROLE,
            "Role disorder",
            Some(IDENTITY),
            Color::rgb(0xc4, 0x4e, 0x52),
            "a",
            "Shock of diagnosis, \"why me\", hidden diagnoses.",
        )),
        Edit::PutCode(code(
            HUDDLING,
            "Huddling for warmth",
            Some(IDENTITY),
            Color::rgb(0x55, 0xa8, 0x68),
            "b",
            "",
        )),
        Edit::PutCode(code(
            RESONANCE,
            "Emotional resonance",
            None,
            Color::rgb(0x81, 0x72, 0xb3),
            "b",
            "Shared feeling among members.",
        )),
        Edit::PutCode(code(
            AROUSAL,
            "Emotional arousal",
            Some(RESONANCE),
            Color::rgb(0xda, 0x8b, 0xc3),
            "a",
            "Relief at shared experience; veterans helping newcomers.",
        )),
    ];
    let mut repeat = code(
        REPEAT,
        "留级 (repeat a grade)",
        None,
        Color::rgb(0xcc, 0xb9, 0x74),
        "c",
        "In-vivo: the disease came back.",
    );
    repeat.in_vivo = true;
    repeat.shortcut = Some('1');
    edits.push(Edit::PutCode(repeat));
    edits.push(Edit::PutAttribute(AttributeDef {
        id: AGE,
        name: "age".into(),
        kind: AttributeKind::Number,
        sort_key: SortKey("a".into()),
    }));
    edits.push(Edit::PutAttribute(AttributeDef {
        id: REGION,
        name: "region".into(),
        kind: AttributeKind::Category(vec!["Beijing".into(), "Shandong".into()]),
        sort_key: SortKey("b".into()),
    }));
    edits.push(Edit::PutAttribute(AttributeDef {
        id: JOINED,
        name: "joined".into(),
        kind: AttributeKind::Date,
        sort_key: SortKey("c".into()),
    }));
    edits.push(Edit::PutCase(Case {
        id: G8,
        name: "G8".into(),
        description: "Retired accountant, in the group three years.".into(),
        values: BTreeMap::from([
            (AGE, Value::Number(50.0)),
            (REGION, Value::Category("Shandong".into())),
            (
                JOINED,
                Value::Date(NaiveDate::from_ymd_opt(2021, 8, 1).unwrap()),
            ),
        ]),
    }));
    edits.push(Edit::PutCase(Case {
        id: G1,
        name: "G1".into(),
        description: String::new(),
        values: BTreeMap::from([
            (AGE, Value::Number(28.0)),
            (REGION, Value::Category("Beijing".into())),
        ]),
    }));

    let mut interview = Document::new("G8 interview", DocumentKind::Interview, INTERVIEW_TEXT);
    interview.id = INTERVIEW;
    interview.case = Some(G8);
    interview.segments = detect_turns(INTERVIEW_TEXT);
    let mut chat = Document::new("Group chat", DocumentKind::Chat, CHAT_TEXT);
    chat.id = CHAT;
    chat.segments = parse_wechat(CHAT_TEXT, Path::new("chat")).unwrap();
    let mut notes = Document::new("Field notes", DocumentKind::Notes, NOTES_TEXT);
    notes.id = NOTES;

    let mut codings = vec![
        coding(1, &interview, "社区筛查发现的。", ROLE, LIN, 1),
        coding(2, &interview, "为什么是我？😭", ROLE, LIN, 2),
        coding(
            3,
            &interview,
            "社区筛查发现的。我当时就想，为什么是我？😭",
            ROLE,
            ZHOU,
            3,
        ),
        coding(
            4,
            &interview,
            "姐妹们天天给我讲经验，心里踏实多了🙏。",
            AROUSAL,
            LIN,
            4,
        ),
        coding(5, &interview, "进了群以后", HUDDLING, ZHOU, 5),
        coding(6, &chat, "又要留级了😭", REPEAT, LIN, 6),
        coding(7, &chat, "抱抱你！我们都是过来人，别怕💪", AROUSAL, LIN, 7),
        coding(8, &chat, "我们都是过来人", IDENTITY, ZHOU, 8),
        coding(
            9,
            &notes,
            "=SUM(A1) is what \"Auntie Liu\" typed <joking> & laughing.",
            RESONANCE,
            LIN,
            9,
        ),
        coding(
            10,
            &notes,
            "*we are all the same* — nobody different.",
            IDENTITY,
            LIN,
            10,
        ),
    ];
    codings[1].memo = Some("The classic \"why me\": compare G3.".into());
    codings[6].memo = Some("Veteran comforting a newcomer,\nsee also the May walk.".into());
    // Exemplars with their English, for the paper (Chinese beside English, emoji kept).
    codings[1].exemplar = true;
    codings[1].translation = Some(Translation {
        text: "Why me? 😭".into(),
        note: "tr. Lin Yue".into(),
    });
    codings[6].exemplar = true;
    codings[6].translation = Some(Translation {
        text: "Hugs! We have all been through it, don't be afraid 💪".into(),
        note: "tr. Zhou Ming; 过来人: those who have been through it".into(),
    });
    edits.push(Edit::PutDocument(Box::new(interview)));
    edits.push(Edit::PutDocument(Box::new(chat)));
    edits.push(Edit::PutDocument(Box::new(notes)));
    edits.extend(codings.into_iter().map(|c| Edit::PutCoding(Box::new(c))));

    let memo = |n: u128, target: MemoTarget, title: &str, text: &str, author: Option<CoderId>| {
        Edit::PutMemo(Memo {
            id: MemoId(uid(0x200 + n)),
            target,
            title: title.into(),
            text: text.into(),
            author,
            created: at(11, n as u32),
            modified: at(12, n as u32),
        })
    };
    edits.push(memo(
        1,
        MemoTarget::Project,
        "Plan",
        "Code interviews first, then the chat.",
        Some(LIN),
    ));
    edits.push(memo(
        2,
        MemoTarget::Document(CHAT),
        "",
        "The chat was pseudonymised before coding.",
        None,
    ));
    edits.push(memo(
        3,
        MemoTarget::Code(REPEAT),
        "Term",
        "留级 = recurrence; see STUDY vocabulary.",
        Some(ZHOU),
    ));
    edits.push(memo(
        4,
        MemoTarget::Coding(CodingId(uid(0x101))),
        "Review",
        "zhou: I would take the whole sentence.",
        Some(ZHOU),
    ));
    p.apply(Edit::Batch(edits)).unwrap();
    p
}

/// Compare `actual` with the golden file `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let e = String::from_utf8_lossy(&expected);
        let a = String::from_utf8_lossy(actual);
        let line = e
            .lines()
            .zip(a.lines())
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| e.lines().count().min(a.lines().count()));
        panic!(
            "{} differs from the export at line {}:\n  golden: {:?}\n  export: {:?}\n(run with UPDATE_GOLDEN=1 if the change is intended)",
            path.display(),
            line + 1,
            e.lines().nth(line).unwrap_or(""),
            a.lines().nth(line).unwrap_or("")
        );
    }
}

/// Unzip `bytes` into (name, content) pairs.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().into_owned(), v)
        })
        .collect()
}

/// `xmllint --noout --schema XSD FILE` when xmllint is installed: `Some(ok)`, else `None`.
/// With `CI` set, a missing xmllint is a failure.
pub fn xmllint(xsd: &str, xml: &[u8]) -> Option<Result<(), String>> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/refi")
        .join(xsd);
    let schema = if schema.exists() {
        schema
    } else {
        Path::new("/work/shared/refi").join(xsd)
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let Ok(out) = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint is missing in CI (apt-get install libxml2-utils)"
        );
        return None;
    };
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}
