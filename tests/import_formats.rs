//! Every import format and variant, from the fixtures in `tests/fixtures/import/` (written by
//! `make_fixtures.py` there): the exact text, the turns or messages, speakers, senders and times;
//! and every bad input refused with a message that names the file and, where there is one, the
//! line.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use margin::import::{
    Format, ImportError, ImportOptions, Imported, SafeZip, ZipLimits, import_file,
};
use margin::model::{DocumentKind, SegmentKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(name: &str) -> Imported {
    import_file(&fixture(name), &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_as(name: &str, format: Format) -> Result<Imported, ImportError> {
    import_file(
        &fixture(name),
        &ImportOptions {
            format: Some(format),
            ..ImportOptions::default()
        },
    )
}

fn refused(name: &str) -> String {
    match import_file(&fixture(name), &ImportOptions::default()) {
        Ok(_) => panic!("{name} was imported but should be refused"),
        Err(e) => e.to_string(),
    }
}

type Row = (
    SegmentKind,
    Option<String>,
    Option<String>,
    Option<(u64, Option<u64>)>,
    String,
);

/// Each segment as (kind, speaker, time, media, text).
fn rows(i: &Imported) -> Vec<Row> {
    let d = &i.document;
    d.segments
        .iter()
        .map(|s| {
            (
                s.kind,
                s.speaker.clone(),
                s.at.map(|t| t.to_string()),
                s.media.map(|m| (m.start_ms, m.end_ms)),
                d.text.slice(s.range).to_owned(),
            )
        })
        .collect()
}

fn turn(speaker: &str, text: &str) -> Row {
    (
        SegmentKind::Turn,
        Some(speaker.into()),
        None,
        None,
        text.into(),
    )
}

fn timed(speaker: Option<&str>, start: u64, end: Option<u64>, text: &str) -> Row {
    (
        SegmentKind::Turn,
        speaker.map(Into::into),
        None,
        Some((start, end)),
        text.into(),
    )
}

fn msg(kind: SegmentKind, sender: Option<&str>, at: &str, text: &str) -> Row {
    (
        kind,
        sender.map(Into::into),
        Some(at.into()),
        None,
        text.into(),
    )
}

use SegmentKind::{Message, Recalled, System};

// ------------------------------------------------------------------ documents

#[test]
fn docx_paragraphs_headings_tables_and_turns() {
    let i = import("interview.docx");
    assert_eq!(i.format, Format::Docx);
    assert_eq!(i.document.kind, DocumentKind::Interview);
    assert_eq!(
        i.document.text.as_str(),
        "Interview G3 — 访谈\n\nDate\n\n2024-08-12\n\nRecorded by phone.\n\nNotes follow.\n\nInterviewer: How did you first hear of the group?\n\nG3: My sister found it.\nWe were at the clinic & waiting.\n\nInterviewer:\tWhat did you call it?\n\nG3: 我们叫它“毕业”😀\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            turn("Interviewer", "How did you first hear of the group?"),
            turn(
                "G3",
                "My sister found it.\nWe were at the clinic & waiting."
            ),
            turn("Interviewer", "What did you call it?"),
            turn("G3", "我们叫它“毕业”😀"),
        ]
    );
    let origin = i.document.origin.as_ref().unwrap();
    assert_eq!(
        (origin.file.as_str(), origin.format.as_str()),
        ("interview.docx", "docx")
    );
}

#[test]
fn odt_collapses_white_space_and_skips_notes_and_comments() {
    let i = import("interview.odt");
    assert_eq!(i.format, Format::Odt);
    assert_eq!(
        i.document.text.as_str(),
        "Interview G5 — 访谈\n\nInterviewer: Why did you join?\n\nG5: For the information. Two  spaces,\ta tab,\na new line.\n\nInterviewer: And then?\n\nG5: 我们互相帮助 & 🙏\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            turn("Interviewer", "Why did you join?"),
            turn(
                "G5",
                "For the information. Two  spaces,\ta tab,\na new line."
            ),
            turn("Interviewer", "And then?"),
            turn("G5", "我们互相帮助 & 🙏"),
        ]
    );
}

#[test]
fn markdown_and_html_as_text() {
    let md = import("notes.md");
    assert_eq!(md.format, Format::Markdown);
    assert_eq!(md.document.kind, DocumentKind::Notes);
    assert_eq!(
        md.document.text.as_str(),
        "Field notes, week 3\n\nThe group was quiet in the morning; G8 posted a CR result at noon.\n\n毕业 means finishing treatment\n\n留级 means repeating a stage\n\nInterviewer: How did people react?\nG8: Everyone sent flowers 🌸\n\nterm\tmeaning\n\n跑路\tleave a hospital\n"
    );
    let html = import("notes.html");
    assert_eq!(html.format, Format::Html);
    assert_eq!(
        html.document.text.as_str(),
        "Field notes, week\u{a0}3\n\nThe group was quiet in the morning; G8 posted a CR result at noon.\n\n毕业 means finishing treatment\n\n留级 & 跑路\n\nLine one\nline two\n\nkept   as\n  written\n"
    );
}

#[test]
fn pdf_text_layer_in_reading_order() {
    // The content stream draws the second paragraph first, and one line right half first.
    let i = import("interview.pdf");
    assert_eq!(i.format, Format::Pdf);
    assert_eq!(
        i.document.text.as_str(),
        "Interview G7\n\nInterviewer: Why did you join?\n\nG7: We met at the hospital, and then\nwe kept in touch in the group.\n\nInterviewer: And now?\n\nG7: Now I help the newcomers.\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            turn("Interviewer", "Why did you join?"),
            turn(
                "G7",
                "We met at the hospital, and then\nwe kept in touch in the group."
            ),
            turn("Interviewer", "And now?"),
            turn("G7", "Now I help the newcomers."),
        ]
    );
    // Two columns are read left column first, below a title that spans both.
    assert_eq!(
        import("columns.pdf").document.text.as_str(),
        "Field notes on a patient group: week one\n\nLeft column, first line,\nleft column, second line.\nLeft column, third line.\n\nRight column, first line,\nright column, second line.\nRight column, third line.\n"
    );
}

// ------------------------------------------------------------------ transcripts

#[test]
fn webvtt_zoom_labels() {
    let i = import("zoom.vtt");
    assert_eq!(i.format, Format::Vtt);
    assert_eq!(i.document.kind, DocumentKind::Interview);
    assert_eq!(
        i.document.text.as_str(),
        "[00:00:01] Interviewer: Thank you for joining.\n\n[00:00:05] Li Na: Happy to help. The group changed a lot for me.\n\n[00:01:02] Interviewer: In what way?\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            timed(
                Some("Interviewer"),
                1000,
                Some(4500),
                "Thank you for joining."
            ),
            timed(
                Some("Li Na"),
                5000,
                Some(9800),
                "Happy to help. The group changed a lot for me."
            ),
            timed(Some("Interviewer"), 62_000, Some(65_250), "In what way?"),
        ]
    );
}

#[test]
fn webvtt_teams_voice_tags_notes_styles_and_settings() {
    let i = import("teams.vtt");
    assert_eq!(
        i.document.text.as_str(),
        "[00:00:00] Zhang Wei: 我们叫它毕业。大家都很高兴\n\n[00:00:05] Interviewer: Why & how? (laughs)\n\n[00:01:00] Zhang Wei: Because it ends.\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            timed(
                Some("Zhang Wei"),
                0,
                Some(5000),
                "我们叫它毕业。大家都很高兴"
            ),
            timed(Some("Interviewer"), 5500, Some(8000), "Why & how? (laughs)"),
            timed(Some("Zhang Wei"), 60_000, Some(62_000), "Because it ends."),
        ]
    );
}

#[test]
fn srt_with_otter_speaker_labels_and_crlf() {
    let i = import("otter.srt");
    assert_eq!(i.format, Format::Srt);
    assert_eq!(
        i.document.text.as_str(),
        "[00:00:00] Speaker 1: So tell me about the group.\n\n[00:00:02] Speaker 2: It started in a hospital ward. We were six then.\n\n[01:02:03] Speaker 1: Thanks.\n"
    );
    assert_eq!(
        rows(&i),
        vec![
            timed(
                Some("Speaker 1"),
                0,
                Some(2500),
                "So tell me about the group."
            ),
            timed(
                Some("Speaker 2"),
                2600,
                Some(6000),
                "It started in a hospital ward. We were six then."
            ),
            timed(Some("Speaker 1"), 3_723_400, Some(3_725_000), "Thanks."),
        ]
    );
    // Without labels (one "Warning:" is prose, not a speaker) each cue is a turn of its own.
    assert_eq!(
        rows(&import("plain.srt")),
        vec![
            timed(None, 1000, Some(2000), "Warning: lights off."),
            timed(None, 3000, Some(4000), "The room went quiet."),
        ]
    );
}

#[test]
fn otter_text_and_bracketed_timestamps() {
    let i = import("otter.txt");
    assert_eq!(i.format, Format::Otter);
    assert_eq!(
        rows(&i),
        vec![
            timed(
                Some("Speaker 1"),
                0,
                None,
                "So, how long have you been in the group?"
            ),
            timed(Some("Li Na"), 7000, None, "About a year.\nIt helped."),
            timed(Some("Speaker 1"), 3_723_000, None, "Thank you."),
        ]
    );
    let t = import("timestamped.txt");
    assert_eq!(t.format, Format::Text);
    assert_eq!(t.document.kind, DocumentKind::Interview);
    assert_eq!(
        rows(&t),
        vec![
            timed(Some("Interviewer"), 5000, None, "When did you join?"),
            timed(Some("G2"), 9000, None, "Last spring.\nI was scared."),
            timed(Some("Interviewer"), 70_500, None, "And now?"),
            timed(Some("G2"), 75_000, None, "现在好多了。"),
        ]
    );
}

// ------------------------------------------------------------------ chats

#[test]
fn whatsapp_android_day_first() {
    let i = import("whatsapp_android.txt");
    assert_eq!(i.format, Format::WhatsApp);
    assert_eq!(i.document.kind, DocumentKind::Chat);
    assert_eq!(
        rows(&i),
        vec![
            msg(
                System,
                None,
                "2024-05-12 08:01:00",
                "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."
            ),
            msg(
                System,
                None,
                "2024-05-12 08:02:00",
                "Mei created group \"Support circle\""
            ),
            msg(
                Message,
                Some("Mei"),
                "2024-05-13 09:15:00",
                "Good morning everyone 🌞\nToday is my check-up.\nWish me luck!"
            ),
            msg(
                Message,
                Some("Ana Ruiz"),
                "2024-05-13 09:16:00",
                "Good luck! 🙏"
            ),
            msg(
                Message,
                Some("Ana Ruiz"),
                "2024-05-13 09:17:00",
                "<Media omitted>"
            ),
            msg(
                Recalled,
                Some("Mei"),
                "2024-05-13 21:40:00",
                "This message was deleted"
            ),
            msg(
                System,
                None,
                "2024-05-14 07:05:00",
                "Mei added +44 7700 900123"
            ),
        ]
    );
}

#[test]
fn whatsapp_android_us_twelve_hour_clock() {
    let i = import("whatsapp_android_us.txt");
    assert_eq!(
        rows(&i),
        vec![
            msg(Message, Some("Tom"), "2024-05-12 08:01:00", "Morning all"),
            msg(Message, Some("Sue"), "2024-05-12 12:30:00", "Lunch at 1?"),
            msg(
                Message,
                Some("Tom"),
                "2024-05-13 00:05:00",
                "late night: can't sleep"
            ),
        ]
    );
}

#[test]
fn whatsapp_ios_with_marks_and_attachments() {
    let i = import("whatsapp_ios.txt");
    assert_eq!(
        rows(&i),
        vec![
            msg(
                System,
                None,
                "2024-05-12 08:01:02",
                "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."
            ),
            msg(
                Message,
                Some("Mei"),
                "2024-05-12 08:02:10",
                "Hello 👋\nsecond line"
            ),
            msg(
                Message,
                Some("Ana Ruiz"),
                "2024-05-12 08:03:00",
                "image omitted"
            ),
            msg(
                Message,
                Some("Ana Ruiz"),
                "2024-05-12 08:04:00",
                "<attached: 00000012-PHOTO-2024-05-12-08-04-00.jpg>"
            ),
            msg(System, None, "2024-05-13 10:00:00", "Mei added Jo"),
            msg(
                Recalled,
                Some("Jo"),
                "2024-05-13 10:01:00",
                "This message was deleted."
            ),
        ]
    );
}

fn wechat_rows(last: &str) -> Vec<Row> {
    vec![
        msg(
            Message,
            Some("刘姐"),
            "2024-05-03 08:12:45",
            "早上好呀姐妹们🌞\n今天复查，紧张😣",
        ),
        msg(
            Message,
            Some("Sunny晴"),
            "2024-05-03 08:13:02",
            "加油！我们都在🙏",
        ),
        msg(
            Recalled,
            Some("刘姐"),
            "2024-05-03 08:20:00",
            "\"刘姐\" 撤回了一条消息",
        ),
        msg(
            System,
            None,
            "2024-05-03 08:21:10",
            "\"群主小梅\"邀请\"海棠\"加入了群聊",
        ),
        msg(Message, Some("海棠"), last, "大家好，我是新来的"),
    ]
}

#[test]
fn wechat_text_utf8_and_gbk() {
    let i = import("wechat.txt");
    assert_eq!(i.format, Format::WeChat);
    assert_eq!(rows(&i), wechat_rows("2024-05-03 09:00:00"));
    let g = import("wechat_gbk.txt");
    assert_eq!(g.document.origin.as_ref().unwrap().encoding, "GB18030");
    assert_eq!(rows(&g), wechat_rows("2024-05-03 09:00:00"));
    assert_eq!(g.document.text, i.document.text);
    let n = import("wechat_name_first.txt");
    assert_eq!(
        rows(&n),
        vec![
            msg(Message, Some("刘姐"), "2024-05-03 08:12:45", "早上好"),
            msg(Message, Some("Sunny晴"), "2024-05-03 08:13:02", "早！"),
        ]
    );
}

#[test]
fn wechat_csv_export() {
    let i = import("wechat.csv");
    assert_eq!(i.format, Format::ChatCsv);
    assert_eq!(
        i.document.text.as_str(),
        "2024-05-03 08:12:45 刘姐\n早上好呀姐妹们🌞\n今天复查，紧张😣\n\n2024-05-03 08:13:02 Sunny晴\n加油！我们都在🙏\n\n2024-05-03 08:20:00 系统消息\n\"刘姐\" 撤回了一条消息\n\n2024-05-03 08:21:10 系统消息\n\"群主小梅\"邀请\"海棠\"加入了群聊\n\n2024-05-03 09:00:00 海棠\n\n2024-05-03 09:00:01 海棠\n大家好，我是新来的\n"
    );
    // The picture (an empty message) keeps its time and sender in the text; it is no message
    // to code.
    assert_eq!(rows(&i), wechat_rows("2024-05-03 09:00:01"));
    // Unix seconds and milliseconds are China Standard Time.
    assert_eq!(
        rows(&import("wechat_simple.csv")),
        vec![
            msg(Message, Some("刘姐"), "2024-05-03 08:12:45", "早上好"),
            msg(Message, Some("Sunny晴"), "2024-05-03 08:13:02", "早！"),
        ]
    );
}

#[test]
fn format_and_kind_can_be_forced() {
    let i = import_as("timestamped.txt", Format::Text).unwrap();
    assert_eq!(i.document.kind, DocumentKind::Interview);
    let notes = import_file(
        &fixture("timestamped.txt"),
        &ImportOptions {
            kind: Some(DocumentKind::Notes),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(notes.document.kind, DocumentKind::Notes);
    assert!(notes.document.segments.is_empty());
    assert_eq!("webvtt".parse::<Format>(), Ok(Format::Vtt));
    assert!(
        "rtf"
            .parse::<Format>()
            .unwrap_err()
            .contains("expected one of")
    );
}

// ------------------------------------------------------------------ bad input

#[test]
fn malformed_files_name_the_file_and_line() {
    let e = refused("bad.srt");
    assert!(e.ends_with("bad.srt:6: expected a timing line like \"00:00:01,000 --> 00:00:04,000\", found \"00:00:03 -> 00:00:04\""), "{e}");
    let e = refused("bad.vtt");
    assert!(
        e.ends_with("bad.vtt:1: a WebVTT file must start with the line \"WEBVTT\""),
        "{e}"
    );
    let e = import_as("whatsapp_bad.txt", Format::WhatsApp)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("whatsapp_bad.txt:1: text before the first message"),
        "{e}"
    );
    let e = refused("whatsapp_baddate.txt");
    assert!(e.contains("whatsapp_baddate.txt:2: the date in \"32/05/2024, 08:03 - Mei: Wrong day\" is not a valid date"), "{e}");
    let e = import_as("wechat_bad.txt", Format::WeChat)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("wechat_bad.txt:1: text before the first message header"),
        "{e}"
    );
    let e = import_file(
        &fixture("wechat_bad.txt"),
        &ImportOptions {
            kind: Some(DocumentKind::Chat),
            ..ImportOptions::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("wechat_bad.txt:1:"), "{e}");
    let e = refused("wechat_badtime.csv");
    assert!(e.ends_with("wechat_badtime.csv:3: column \"时间\": \"yesterday\" is not a date and time like 2024-05-03 08:12:45"), "{e}");
    let e = refused("wechat_nocolumns.csv");
    assert!(
        e.contains("wechat_nocolumns.csv:1: no column for the time"),
        "{e}"
    );
    let e = refused("malformed.docx");
    assert!(
        e.contains("malformed.docx (word/document.xml, line 4): malformed XML"),
        "{e}"
    );
}

#[test]
fn pdfs_without_text_or_broken_are_refused() {
    let e = refused("scanned.pdf");
    assert!(
        e.contains(
            "scanned.pdf: the PDF has no text layer (2 page(s) of images only: a scanned document?)"
        ),
        "{e}"
    );
    let e = refused("broken.pdf");
    assert!(
        e.contains("broken.pdf: the PDF is malformed or truncated and cannot be read"),
        "{e}"
    );
    let e = refused("bad_resource.pdf");
    assert!(
        e.ends_with("bad_resource.pdf: the PDF's content is malformed; its text cannot be read"),
        "{e}"
    );
}

#[test]
fn unsafe_zips_are_refused() {
    let e = refused("escape.docx");
    assert!(
        e.ends_with(
            "escape.docx: zip entry \"../../evil.txt\" would escape its folder; the file is refused"
        ),
        "{e}"
    );
    let e = refused("bomb.docx");
    assert!(
        e.contains("bomb.docx: zip entry \"word/document.xml\" would expand from"),
        "{e}"
    );
    assert!(e.ends_with("the file looks like a zip bomb"), "{e}");
    let e = refused("lying.docx");
    assert!(
        e.contains("lying.docx:") && e.contains("word/document.xml"),
        "{e}"
    );
    let e = refused("not_a_document.zip.docx");
    assert!(
        e.ends_with("this is a zip archive but not a Word document (it has no word/document.xml)"),
        "{e}"
    );
    let e = refused("spreadsheet.odt");
    assert!(
        e.contains("is \"application/vnd.oasis.opendocument.spreadsheet\", not a text document"),
        "{e}"
    );
    // The entry count is bounded.
    let bytes = std::fs::read(fixture("interview.docx")).unwrap();
    let limits = ZipLimits {
        max_entries: 2,
        ..ZipLimits::default()
    };
    let e = SafeZip::open(&bytes, Path::new("interview.docx"), limits).unwrap_err();
    assert_eq!(
        e.to_string(),
        "interview.docx: the archive holds 3 entries, more than the 2 Margin reads"
    );
    // So is the size of each entry, whatever the archive declares.
    let limits = ZipLimits {
        max_entry_bytes: 500,
        ..ZipLimits::default()
    };
    let e = SafeZip::open(&bytes, Path::new("interview.docx"), limits).unwrap_err();
    assert!(e.to_string().contains("more than the limit of 500"), "{e}");
}

#[test]
fn size_limit_and_odd_files() {
    let e = import_file(
        &fixture("wechat.txt"),
        &ImportOptions {
            max_bytes: Some(100),
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::TooLarge {
                size: 331,
                limit: 100,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("larger than the import limit of 100 bytes; split it into parts")
    );
    let e = refused("participants.xlsx");
    assert!(
        e.contains("this is a spreadsheet; import a participants table with --attributes"),
        "{e}"
    );
    let missing = import_file(&fixture("no-such-file.txt"), &ImportOptions::default()).unwrap_err();
    assert!(matches!(missing, ImportError::Io { .. }));
}
