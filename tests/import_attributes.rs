//! Attribute tables, autocoding by speaker, senders as cases, and pseudonymisation at import.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use margin::import::{
    ImportOptions, Pseudonyms, autocode_speaker, import_attributes, import_file,
    link_speaker_to_case, senders_as_cases, speakers,
};
use margin::model::{
    AttributeKind, Code, Coder, Color, Edit, Manifest, Project, SegmentKind, SortKey, Value,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Each case with its values, by attribute name, as text.
fn table(project: &Project) -> Vec<(String, Vec<(String, String)>)> {
    let mut cases: Vec<_> = project
        .cases()
        .values()
        .map(|c| {
            let values = project
                .attributes_sorted()
                .iter()
                .filter_map(|a| Some((a.name.clone(), c.values.get(&a.id)?.to_string())))
                .collect();
            (c.name.clone(), values)
        })
        .collect();
    cases.sort_by_key(|(n, _)| (n.len(), n.clone()));
    cases
}

fn kinds(project: &Project) -> Vec<(String, AttributeKind)> {
    project
        .attributes_sorted()
        .iter()
        .map(|a| (a.name.clone(), a.kind.clone()))
        .collect()
}

#[test]
fn participants_csv_creates_typed_attributes() {
    let mut project = Project::new(Manifest::new("study"));
    let result = import_attributes(&fixture("participants.csv"), &project).unwrap();
    assert_eq!(result.created.len(), 10);
    assert!(result.updated.is_empty());
    project.apply(result.edit).unwrap();
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        kinds(&project),
        vec![
            ("age".into(), AttributeKind::Number),
            (
                "region".into(),
                AttributeKind::Category(s(&[
                    "Beijing",
                    "Guangdong",
                    "Hebei",
                    "Heilongjiang",
                    "Shandong"
                ]))
            ),
            (
                "time in the group".into(),
                AttributeKind::Category(s(&[
                    "1 month", "1 year", "2 months", "2 years", "3 months", "3 years", "6 months"
                ]))
            ),
        ]
    );
    let t = table(&project);
    assert_eq!(t.len(), 10);
    assert_eq!(
        t[7],
        (
            "G8".into(),
            vec![
                ("age".into(), "50".into()),
                ("region".into(), "Shandong".into()),
                ("time in the group".into(), "3 years".into())
            ]
        )
    );
    let g8 = project.case_named("G8").unwrap();
    let age = project.attributes_sorted()[0].id;
    assert_eq!(g8.values[&age], Value::Number(50.0));
}

#[test]
fn a_second_table_updates_cases_and_keeps_types() {
    let mut project = Project::new(Manifest::new("study"));
    let first = import_attributes(&fixture("participants.csv"), &project).unwrap();
    project.apply(first.edit).unwrap();
    // Semicolon-separated, case column headed 编号, a new text column.
    let second = import_attributes(&fixture("participants_update.csv"), &project).unwrap();
    assert_eq!(second.created, vec!["G11".to_owned()]);
    assert_eq!(second.updated, vec!["G1".to_owned()]);
    assert_eq!(
        second.attributes,
        vec![
            ("age".into(), AttributeKind::Number, false),
            ("notes".into(), AttributeKind::Text, true)
        ]
    );
    let undo = project.apply(second.edit).unwrap();
    let t = table(&project);
    assert_eq!(
        t[0],
        (
            "G1".into(),
            vec![
                ("age".into(), "29".into()),
                ("region".into(), "Beijing".into()),
                ("time in the group".into(), "2 months".into()),
                ("notes".into(), "moved to Tianjin".into())
            ]
        )
    );
    assert_eq!(
        t[10],
        (
            "G11".into(),
            vec![
                ("age".into(), "61".into()),
                ("notes".into(), "joined in July".into())
            ]
        )
    );
    // The whole import undoes in one step.
    project.apply(undo).unwrap();
    assert_eq!(project.cases().len(), 10);
    assert_eq!(table(&project)[0].1[0], ("age".into(), "28".into()));
}

#[test]
fn xlsx_table_with_dates_and_numbers() {
    let mut project = Project::new(Manifest::new("study"));
    let result = import_attributes(&fixture("participants.xlsx"), &project).unwrap();
    project.apply(result.edit).unwrap();
    assert_eq!(
        kinds(&project),
        vec![
            ("age".into(), AttributeKind::Number),
            (
                "region".into(),
                AttributeKind::Category(vec![
                    "Beijing".into(),
                    "Guangdong".into(),
                    "Heilongjiang".into()
                ])
            ),
            ("joined".into(), AttributeKind::Date),
            ("note".into(), AttributeKind::Text),
        ]
    );
    let g2 = project.case_named("G2").unwrap();
    let joined = project.attributes_sorted()[2].id;
    assert_eq!(
        g2.values[&joined],
        Value::Date(NaiveDate::from_ymd_opt(2023, 8, 1).unwrap())
    );
    assert_eq!(
        table(&project)[0],
        (
            "G1".into(),
            vec![
                ("age".into(), "28".into()),
                ("region".into(), "Beijing".into()),
                ("joined".into(), "2024-06-01".into()),
                ("note".into(), "found us via screening".into())
            ]
        )
    );
    // G2's empty note cell gives no value.
    assert_eq!(table(&project)[1].1.len(), 3);
}

#[test]
fn bad_tables_are_refused_naming_line_and_column() {
    let empty = Project::new(Manifest::new("study"));
    let e = import_attributes(&fixture("participants_dup.csv"), &empty).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "participants_dup.csv:4: column \"case\": case \"G1\" appears twice (lines 2 and 4)"
        ),
        "{e}"
    );
    let e = import_attributes(&fixture("participants_wide.csv"), &empty).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "participants_wide.csv:3: the row has 3 cells but the header names only 2 columns"
        ),
        "{e}"
    );
    // A number column already in the project refuses a value that is not a number.
    let mut project = Project::new(Manifest::new("study"));
    let first = import_attributes(&fixture("participants.csv"), &project).unwrap();
    project.apply(first.edit).unwrap();
    let e = import_attributes(&fixture("participants_badnumber.csv"), &project).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("participants_badnumber.csv:3: column \"age\": \"thirty\" is not a number"),
        "{e}"
    );
}

#[test]
fn autocode_a_speaker_and_link_turns_to_a_case() {
    let mut project = Project::new(Manifest::new("study"));
    let coder = Coder::new("Ana", Color::palette(0));
    let code = Code::new(
        "Interviewer question",
        Color::palette(1),
        SortKey::after(None),
    );
    let (ana, code_id) = (coder.id, code.id);
    project
        .apply(Edit::Batch(vec![
            Edit::PutCoder(coder),
            Edit::PutCode(code),
        ]))
        .unwrap();
    let imported = import_file(&fixture("zoom.vtt"), &ImportOptions::default()).unwrap();
    let doc = imported.document.clone();
    project.apply(imported.edit()).unwrap();
    assert_eq!(
        speakers(&doc),
        vec!["Interviewer".to_owned(), "Li Na".to_owned()]
    );
    let edit = autocode_speaker(&project, &doc, "Interviewer", code_id, ana).unwrap();
    project.apply(edit).unwrap();
    let excerpts: Vec<&str> = project
        .codings_of(doc.id)
        .map(|c| doc.text.slice(c.range))
        .collect();
    assert_eq!(excerpts.len(), 2);
    assert!(excerpts.contains(&"Thank you for joining.") && excerpts.contains(&"In what way?"));
    // Running it again adds nothing.
    let again = autocode_speaker(&project, &doc, "Interviewer", code_id, ana).unwrap();
    assert_eq!(again, Edit::Batch(vec![]));
    // An unknown speaker is named in the error with the ones there are.
    let e = autocode_speaker(&project, &doc, "Bob", code_id, ana).unwrap_err();
    assert!(
        e.to_string()
            .contains("(its speakers are: Interviewer, Li Na)"),
        "{e}"
    );
    // Link Li Na's turns to case G6.
    let case = margin::model::Case::new("G6");
    let case_id = case.id;
    project.apply(Edit::PutCase(case)).unwrap();
    let edit = link_speaker_to_case(&project, &doc, "Li Na", case_id).unwrap();
    project.apply(edit).unwrap();
    let linked = &project.documents()[&doc.id];
    assert_eq!(
        linked
            .segments
            .iter()
            .map(|s| s.speaker.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        vec!["Interviewer", "G6", "Interviewer"]
    );
    // The codings survived the change of speaker label.
    assert_eq!(project.codings_of(doc.id).count(), 2);
}

#[test]
fn senders_become_cases_once() {
    let mut project = Project::new(Manifest::new("study"));
    project
        .apply(Edit::PutCase(margin::model::Case::new("刘姐")))
        .unwrap();
    let chat = import_file(&fixture("wechat.txt"), &ImportOptions::default()).unwrap();
    let (edit, names) = senders_as_cases(&project, &[&chat.document]);
    // 刘姐 has a case already; system notices have no sender.
    assert_eq!(names, vec!["Sunny晴".to_owned(), "海棠".to_owned()]);
    project.apply(edit).unwrap();
    assert_eq!(project.cases().len(), 3);
}

#[test]
fn pseudonyms_apply_to_text_senders_and_names() {
    let map = Pseudonyms::read(&fixture("pseudonyms.csv")).unwrap();
    let options = ImportOptions {
        pseudonyms: Some(map),
        ..ImportOptions::default()
    };
    let chat = import_file(&fixture("wechat.txt"), &options).unwrap();
    let d = &chat.document;
    assert_eq!(
        d.text.as_str(),
        "2024-05-03 08:12:45 G8\n早上好呀姐妹们🌞\n今天复查，紧张😣\n\n2024-05-03 08:13:02 G2\n加油！我们都在🙏\n\n2024-05-03 08:20:00 系统消息\n\"G8\" 撤回了一条消息\n\n2024-05-03 08:21:10 系统消息\n\"群主小梅\"邀请\"G11\"加入了群聊\n\n2024-05-03 09:00 G11\n大家好，我是新来的\n"
    );
    let segs: Vec<(SegmentKind, Option<&str>, &str)> = d
        .segments
        .iter()
        .map(|s| (s.kind, s.speaker.as_deref(), d.text.slice(s.range)))
        .collect();
    assert_eq!(
        segs,
        vec![
            (
                SegmentKind::Message,
                Some("G8"),
                "早上好呀姐妹们🌞\n今天复查，紧张😣"
            ),
            (SegmentKind::Message, Some("G2"), "加油！我们都在🙏"),
            (SegmentKind::Recalled, Some("G8"), "\"G8\" 撤回了一条消息"),
            (
                SegmentKind::System,
                None,
                "\"群主小梅\"邀请\"G11\"加入了群聊"
            ),
            (SegmentKind::Message, Some("G11"), "大家好，我是新来的"),
        ]
    );
    assert_eq!(
        chat.replacements.counts,
        vec![
            ("刘姐".into(), "G8".into(), 2),
            ("Sunny晴".into(), "G2".into(), 1),
            ("海棠".into(), "G11".into(), 2)
        ]
    );
    // Built texts (subtitles) and document names are pseudonymised too.
    let vtt = import_file(&fixture("zoom.vtt"), &options).unwrap();
    assert_eq!(
        vtt.document
            .segments
            .iter()
            .filter_map(|s| s.speaker.as_deref())
            .collect::<Vec<_>>(),
        vec!["Interviewer", "G6", "Interviewer"]
    );
    assert!(
        vtt.document
            .text
            .as_str()
            .contains("[00:00:05] G6: Happy to help.")
    );
    let named = import_file(
        &fixture("zoom.vtt"),
        &ImportOptions {
            name: Some("Interview with Li Na".into()),
            ..options.clone()
        },
    )
    .unwrap();
    assert_eq!(named.document.name, "Interview with G6");
    assert_eq!(
        named.replacements.counts,
        vec![("Li Na".into(), "G6".into(), 2)]
    );
}

#[test]
fn a_bad_mapping_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.csv");
    std::fs::write(&path, "real,pseudonym\n刘姐,G8\n,G9\n").unwrap();
    let e = Pseudonyms::read(&path).unwrap_err();
    assert!(
        e.to_string().ends_with("map.csv:3: the real name is empty"),
        "{e}"
    );
}
