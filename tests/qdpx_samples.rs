//! REFI-QDA files from other programs import with every coding on the text its exporter meant:
//! the exports in shared/refi/samples (qc, ATLAS.ti), and archives written here the way `NVivo`,
//! `QualCoder` and ATLAS.ti write theirs (UTF-16 offsets over CRLF text, byte-order marks, an
//! inner `<name>.qde`, selection names made of their text).

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod export_fixture;

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use margin::import::qdpx::{Convention, Limits, QdpxImport, Unit, read, read_from};
use margin::model::{CodingId, Project};
use uuid::Uuid;
use zip::write::SimpleFileOptions;

fn sample(name: &str) -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../shared/refi/samples").join(name),
        PathBuf::from("/work/shared/refi/samples").join(name),
    ]
    .into_iter()
    .find(|p| p.exists())
    .or_else(|| {
        assert!(
            std::env::var_os("CI").is_none(),
            "sample {name} missing in CI"
        );
        eprintln!("sample {name} not found: skipped");
        None
    })
}

fn coding_text(p: &Project, guid: &str) -> String {
    let c = &p.codings()[&CodingId(Uuid::parse_str(guid).unwrap())];
    p.documents()[&c.document].text.slice(c.range).to_owned()
}

fn code_of(p: &Project, guid: &str) -> String {
    let c = &p.codings()[&CodingId(Uuid::parse_str(guid).unwrap())];
    p.code_path(c.code)
}

#[test]
fn qc_demo_codings_land_on_their_lines() {
    let Some(path) = sample("cproctor_demo.qdpx") else {
        return;
    };
    let QdpxImport { project: p, report } = read(&path).unwrap();
    assert_eq!(report.origin.as_deref(), Some("qc 1.3.2"));
    assert_eq!(
        (
            report.documents,
            report.codes,
            report.codings,
            report.coders
        ),
        (2, 262, 205, 1)
    );
    assert!(report.conventions.is_empty(), "{:?}", report.conventions);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(p.manifest().name, "qc project");
    // `line:6` of board_2017.txt, 320..400.
    assert_eq!(
        coding_text(&p, "66323339-6466-3364-3266-616537386633"),
        "This district goal is engage every student in joyful, purposeful learning that \n"
    );
    // `line:60` carries two codings of different codes.
    let line60 =
        "presentation is based on the following opinions. One, a well educated adult in \n";
    assert_eq!(
        coding_text(&p, "65656433-3533-3465-6661-623134343465"),
        line60
    );
    assert_eq!(
        coding_text(&p, "63363333-3835-3264-6466-306139336336"),
        line60
    );
    assert_eq!(
        code_of(&p, "65656433-3533-3465-6661-623134343465"),
        "rq1_definition / defining_education / well_educated_adult"
    );
    assert_eq!(
        code_of(&p, "63363333-3835-3264-6466-306139336336"),
        "rq1_definition / rationales"
    );
    // Every coding covers exactly one whole line, as qc codes.
    for c in p.codings().values() {
        let text = &p.documents()[&c.document].text;
        let s = text.slice(c.range);
        assert!(
            s.ends_with('\n') && !s[..s.len() - 1].contains('\n'),
            "{s:?}"
        );
        let before = text.slice(margin::model::CharRange::new(
            c.range.start.saturating_sub(1),
            c.range.start,
        ));
        assert!(before.is_empty() || before == "\n");
    }
    // The coder is qc's user, the codings are on board_2017.txt.
    assert_eq!(p.coders().values().next().unwrap().name, "cp");
    let doc = p
        .documents()
        .values()
        .find(|d| d.name == "board_2017")
        .unwrap();
    assert_eq!(p.codings_of(doc.id).count(), 205);
}

#[test]
fn atlas_samples_bring_their_users_and_code_tree() {
    let Some(path) = sample("ponte_target-atlas-project.qdpx") else {
        return;
    };
    let p = read(&path).unwrap().project;
    assert_eq!(p.manifest().name, "target-atlas-project");
    let tree: Vec<(usize, String)> = p
        .code_tree()
        .into_iter()
        .map(|(d, c)| (d, c.name.clone()))
        .collect();
    assert_eq!(
        tree,
        [
            (0, "Commits".to_owned()),
            (1, "2022-05-10T02:05:59Z 19e4dce".to_owned()),
            (1, "2022-02-11T10:39:25Z cdbfd92".to_owned()),
        ]
    );
    let mut users: Vec<&str> = p.coders().values().map(|c| c.name.as_str()).collect();
    users.sort_unstable();
    assert_eq!(users, ["ATLAS.ti", "Enric Llagostera"]);
    let Some(blank) = sample("ponte_blank-atlas-project.qdpx") else {
        return;
    };
    let b = read(&blank).unwrap();
    assert_eq!(
        (b.report.codes, b.report.documents, b.report.coders),
        (0, 0, 2)
    );
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn import(bytes: Vec<u8>) -> QdpxImport {
    read_from(
        Cursor::new(bytes),
        Path::new("crafted.qdpx"),
        &Limits::default(),
    )
    .unwrap()
}

/// Offsets of `quote` in `raw` in the given unit, with `skip` characters not counted at the start.
fn offsets(raw: &str, quote: &str, unit: Unit) -> (usize, usize) {
    let byte = raw.find(quote).unwrap();
    let count = |s: &str| match unit {
        Unit::CodePoint => s.chars().count(),
        Unit::Utf16 => s.encode_utf16().count(),
        Unit::Utf8 => s.len(),
    };
    let start = count(&raw[..byte]);
    (start, start + count(quote))
}

const GUID_CODE: &str = "a0000000-0000-4000-8000-000000000001";
const GUID_USER: &str = "b0000000-0000-4000-8000-000000000001";

fn qde(origin: &str, source_path: &str, selections: &[(usize, usize, &str, &str)]) -> String {
    let mut sels = String::new();
    for (start, end, name, guid) in selections {
        let _ = write!(
            sels,
            "<PlainTextSelection guid=\"{guid}\" name=\"{name}\" startPosition=\"{start}\" endPosition=\"{end}\"><Coding guid=\"{guid}\" creatingUser=\"{GUID_USER}\"><CodeRef targetGUID=\"{GUID_CODE}\"/></Coding></PlainTextSelection>"
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Crafted\" origin=\"{origin}\"><Users><User guid=\"{GUID_USER}\" name=\"Ana\"/></Users><CodeBook><Codes><Code guid=\"{GUID_CODE}\" name=\"Support\" isCodable=\"true\" color=\"#F00\"/></Codes></CodeBook><Sources><TextSource guid=\"c0000000-0000-4000-8000-000000000001\" name=\"Interview\" plainTextPath=\"{source_path}\">{sels}</TextSource></Sources></Project>"
    )
}

/// Two selections of `raw` (without BOM) written in `unit` offsets, imported; returns their
/// texts in Margin and the convention the import chose.
fn crafted(
    origin: &str,
    raw: &str,
    bom: bool,
    unit: Unit,
    quotes: [&str; 2],
    names: bool,
) -> (Vec<String>, Vec<(String, Convention)>) {
    let guids = [
        "d0000000-0000-4000-8000-000000000001",
        "d0000000-0000-4000-8000-000000000002",
    ];
    let sels: Vec<(usize, usize, &str, &str)> = quotes
        .iter()
        .zip(guids)
        .map(|(q, g)| {
            let (s, e) = offsets(raw, q, unit);
            (s, e, if names { *q } else { "" }, g)
        })
        .collect();
    let mut file = Vec::new();
    if bom {
        file.extend_from_slice(b"\xEF\xBB\xBF");
    }
    file.extend_from_slice(raw.as_bytes());
    let qde = qde(origin, "internal://c0000000.txt", &sels);
    let bytes = zip(&[
        ("project.qde", qde.as_bytes()),
        ("sources/c0000000.txt", &file),
    ]);
    let imported = import(bytes);
    let texts = guids
        .iter()
        .map(|g| coding_text(&imported.project, g))
        .collect();
    (texts, imported.report.conventions)
}

#[test]
fn nvivo_utf16_offsets_over_crlf_text_with_bom() {
    let raw = "Interviewer: How did you find the group? 😀\r\nG8: Through the screening 🙏 at the community centre.\r\nThen I joined — 我们都是病友.\r\n";
    let quotes = [
        "Through the screening 🙏 at the community centre.",
        "我们都是病友",
    ];
    let want: Vec<String> = quotes.iter().map(|q| (*q).to_owned()).collect();
    // NVivo names its origin: the hint decides among equals.
    let (texts, conventions) = crafted("NVivo 14", raw, true, Unit::Utf16, quotes, false);
    assert_eq!(texts, want);
    assert_eq!(conventions.len(), 1, "{conventions:?}");
    assert_eq!(conventions[0].1, Convention::NVIVO);
    // Without the hint, word boundaries still find it.
    let (texts, conventions) = crafted("Some program", raw, true, Unit::Utf16, quotes, false);
    assert_eq!(texts, want);
    assert_eq!(conventions[0].1.unit, Unit::Utf16);
    assert!(!conventions[0].1.crlf_as_one && !conventions[0].1.bom_counted);
}

#[test]
fn qualcoder_bom_in_sources_with_code_point_offsets() {
    let raw = "Q: Why did you join?\nG3: 为了信息 — treatment options, drugs 💊, rehabilitation.\nQ: And now?\nG3: Now I help the newcomers 🙂 read their results.\n";
    let quotes = [
        "treatment options, drugs 💊, rehabilitation",
        "help the newcomers 🙂 read their results",
    ];
    let (texts, conventions) = crafted("QualCoder 3.6", raw, true, Unit::CodePoint, quotes, false);
    assert_eq!(texts, quotes);
    assert!(conventions.is_empty(), "{conventions:?}");
}

#[test]
fn selection_names_decide_where_boundaries_cannot() {
    // Chinese text: every character is a word character, so only the names tell.
    let raw = "我们都是病友😀没有什么不一样😀姐妹们天天给我讲经验😀心里踏实多了";
    let quotes = ["没有什么不一样", "心里踏实多了"];
    let (texts, conventions) = crafted("ATLAS.ti 23", raw, false, Unit::Utf16, quotes, true);
    assert_eq!(texts, quotes);
    assert_eq!(conventions[0].1.unit, Unit::Utf16);
    let (texts, _) = crafted("ATLAS.ti 23", raw, false, Unit::Utf8, quotes, true);
    assert_eq!(texts, quotes);
}

#[test]
fn atlas_inner_qde_name_capital_sources_folder_and_what_is_left_out() {
    let raw = "Field note: the walk by the lake. Everyone came.\n";
    let (s, e) = offsets(raw, "the walk by the lake", Unit::CodePoint);
    let qde = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Lake\" origin=\"ATLAS.ti for Windows 23\"><Users><User guid=\"{GUID_USER}\" name=\"Ana\"/></Users><CodeBook><Codes><Code guid=\"{GUID_CODE}\" name=\"Solidarity\" isCodable=\"true\"/></Codes></CodeBook><Sources>\
<TextSource guid=\"c0000000-0000-4000-8000-000000000001\" name=\"Notes.docx\" plainTextPath=\"internal://C0000000-AAAA.txt\">\
<PlainTextSelection guid=\"e0000000-0000-4000-8000-000000000001\" name=\"the walk by the…\" startPosition=\"{s}\" endPosition=\"{e}\"><Description>Key scene.</Description><Coding guid=\"e0000000-0000-4000-8000-0000000000c1\" creatingUser=\"{GUID_USER}\" creationDateTime=\"2023-08-16T15:50:33Z\"><CodeRef targetGUID=\"{GUID_CODE}\"/></Coding></PlainTextSelection>\
<PlainTextSelection guid=\"e0000000-0000-4000-8000-000000000002\" name=\"Everyone came.\" startPosition=\"34\" endPosition=\"48\"/>\
</TextSource>\
<PictureSource guid=\"f0000000-0000-4000-8000-000000000001\" name=\"lake.jpg\" path=\"internal://f.jpg\"><PictureSelection guid=\"f0000000-0000-4000-8000-000000000002\" firstX=\"1\" firstY=\"1\" secondX=\"2\" secondY=\"2\"><Coding guid=\"f0000000-0000-4000-8000-000000000003\"><CodeRef targetGUID=\"{GUID_CODE}\"/></Coding></PictureSelection></PictureSource>\
<TextSource guid=\"c0000000-0000-4000-8000-000000000002\" name=\"Away.txt\" plainTextPath=\"absolute:///C:/Data/Away.txt\"/>\
</Sources><Sets><Set guid=\"90000000-0000-4000-8000-000000000001\" name=\"S\"/></Sets></Project>"
    );
    let bytes = zip(&[
        ("Lake.qde", qde.as_bytes()),
        ("Sources/C0000000-AAAA.txt", raw.as_bytes()),
        ("Sources/f.jpg", b"not really a picture"),
    ]);
    let QdpxImport { project: p, report } = import(bytes);
    assert_eq!(p.manifest().name, "Lake");
    let c = p.codings().values().next().unwrap();
    assert_eq!(p.codings().len(), 1);
    assert_eq!(
        p.documents()[&c.document].text.slice(c.range),
        "the walk by the lake"
    );
    assert_eq!(c.memo.as_deref(), Some("Key scene."));
    assert_eq!(c.created.to_rfc3339(), "2023-08-16T15:50:33+00:00");
    assert_eq!(p.coder(c.coder).unwrap().name, "Ana");
    assert_eq!(
        report.skipped,
        [
            "source \"Away.txt\": its text is outside the archive (absolute:///C:/Data/Away.txt)",
            "picture source \"lake.jpg\" with 1 coding(s) (Margin codes text)",
            "1 selections with no code (Margin keeps codings, not bare selections)",
            "1 sets",
        ]
    );
}

/// A source as QualCoder writes them (byte-order mark, CRLF line ends) with emoji, accents and
/// Chinese, and `n` selections in the standard's convention (code points over the file's text,
/// end exclusive) that start and end mid-word: half of them one character into a word and one
/// short of a word's end (where "end inclusive" would find a word boundary), half anywhere
/// inside words. Returns the raw text and the selections' code point ranges.
fn midword_source(n: usize) -> (String, Vec<(usize, usize)>) {
    let words = [
        "Vertrauen",
        "Gruppe",
        "Schöne",
        "Grüße",
        "community",
        "screening",
        "我们都是病友",
        "心里踏实多了",
        "rehabilitation",
        "newcomers",
        "café",
        "naïve",
    ];
    let mut rng = margin::synth::Rng(8);
    let mut raw = String::new();
    // (start, end) of each word in code points.
    let mut spans = Vec::new();
    let mut pos = 0;
    for i in 0..6000 {
        let w = words[rng.below(words.len())];
        let len = w.chars().count();
        spans.push((pos, pos + len));
        raw.push_str(w);
        pos += len;
        let sep = match i % 13 {
            12 => "\r\n",
            5 => " 😀 ",
            7 => ", ",
            _ => " ",
        };
        raw.push_str(sep);
        pos += sep.chars().count();
    }
    let mut sels = Vec::new();
    while sels.len() < n {
        let a = rng.below(spans.len() - 8);
        let b = a + rng.below(6);
        let (ws, we) = (spans[a], spans[b]);
        let (start, end) = if sels.len() % 2 == 0 {
            (ws.0 + 1, we.1 - 1)
        } else {
            (
                ws.0 + 1 + rng.below(ws.1 - ws.0 - 2),
                we.0 + 1 + rng.below(we.1 - we.0 - 2),
            )
        };
        if start < end {
            sels.push((start, end));
        }
    }
    (raw, sels)
}

#[test]
fn defect_8_midword_standard_qdpx_reads_exactly() {
    let (raw, sels) = midword_source(2000);
    let guids: Vec<String> = (0..sels.len())
        .map(|i| format!("d0000000-0000-4000-8000-{i:012}"))
        .collect();
    let chars: Vec<char> = raw.chars().collect();
    for origin in ["QualCoder 3.6", "Some program"] {
        let selections: Vec<(usize, usize, &str, &str)> = sels
            .iter()
            .zip(&guids)
            .map(|(&(s, e), g)| (s, e, "", g.as_str()))
            .collect();
        let mut file = b"\xEF\xBB\xBF".to_vec();
        file.extend_from_slice(raw.as_bytes());
        let qde = qde(origin, "internal://c0000000.txt", &selections);
        let imported = import(zip(&[
            ("project.qde", qde.as_bytes()),
            ("sources/c0000000.txt", &file),
        ]));
        assert_eq!(imported.report.codings, 2000, "{origin}");
        assert!(
            imported.report.conventions.is_empty(),
            "{origin}: {:?}",
            imported.report.conventions
        );
        let wrong = sels
            .iter()
            .zip(&guids)
            .filter(|&(&(s, e), g)| {
                let want: String = chars[s..e].iter().collect::<String>().replace("\r\n", "\n");
                coding_text(&imported.project, g) != want
            })
            .count();
        assert_eq!(wrong, 0, "{origin}: codings not on the text selected");
    }
}
