//! `margin import` end to end: documents, attribute tables, senders as cases, autocoding by
//! speaker, pseudonyms with their report, and refusals that leave the project unchanged.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use clap::Parser;
use margin::cli::{Cli, run};
use margin::model::{DocumentKind, Project};
use margin::store::ProjectDir;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// Run `margin ARGS`, returning the output or the error.
fn margin(args: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    run(cli.command.unwrap(), &mut out).map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8(out).unwrap())
}

fn new_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("study");
    margin(&["new", project.to_str().unwrap()]).unwrap();
    (dir, project)
}

fn open(project: &Path) -> Project {
    ProjectDir::open_read_only(project).unwrap().project
}

#[test]
fn chat_with_pseudonyms_senders_as_cases_and_report() {
    let (_dir, project) = new_project();
    let p = project.to_str().unwrap();
    let out = margin(&[
        "import",
        p,
        &fixture("wechat.txt"),
        "--senders-as-cases",
        "--pseudonyms",
        &fixture("pseudonyms.csv"),
        "--report",
    ])
    .unwrap();
    assert_eq!(
        out,
        "imported \"wechat.txt\" as chat (wechat-txt, UTF-8, 190 characters, 5 messages)\n\
         pseudonymised: 5 replacement(s) of 3 name(s)\n\
         3 case(s) created from senders: G8, G2, G11\n\
         replacements in \"wechat.txt\":\n  \"刘姐\" → \"G8\": 2\n  \"Sunny晴\" → \"G2\": 1\n  \"海棠\" → \"G11\": 2\n"
    );
    let project = open(&project);
    let mut cases: Vec<_> = project.cases().values().map(|c| c.name.clone()).collect();
    cases.sort();
    assert_eq!(cases, vec!["G11", "G2", "G8"]);
    let doc = project.documents().values().next().unwrap();
    assert_eq!(doc.kind, DocumentKind::Chat);
    assert!(!doc.text.as_str().contains("刘姐"));
    assert_eq!(doc.segments[0].speaker.as_deref(), Some("G8"));
}

#[test]
fn the_report_goes_to_a_csv_outside_the_project() {
    let (dir, project) = new_project();
    let p = project.to_str().unwrap();
    let report = dir.path().join("replacements.csv");
    let out = margin(&[
        "import",
        p,
        &fixture("whatsapp_android.txt"),
        "--pseudonyms",
        &fixture("pseudonyms.csv"),
        "--report",
        report.to_str().unwrap(),
    ])
    .unwrap();
    assert!(out.ends_with(&format!(
        "wrote the replacement report to {}\n",
        report.display()
    )));
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "document,real,pseudonym,count\nwhatsapp_android.txt,Mei,G1,4\nwhatsapp_android.txt,Ana Ruiz,G4,2\n"
    );
    let doc = open(&project).documents().values().next().unwrap().clone();
    let senders: Vec<_> = doc
        .segments
        .iter()
        .filter_map(|s| s.speaker.as_deref())
        .collect();
    assert_eq!(senders, vec!["G1", "G4", "G4", "G1"]);
}

#[test]
fn names_stay_out_of_the_project_folder() {
    let (_dir, project) = new_project();
    let p = project.to_str().unwrap();
    let inside = project.join("map.csv");
    std::fs::copy(fixture("pseudonyms.csv"), &inside).unwrap();
    let e = margin(&[
        "import",
        p,
        &fixture("wechat.txt"),
        "--pseudonyms",
        inside.to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(
        e.contains("is inside the project folder; it holds the real names"),
        "{e}"
    );
    let report = project.join("report.csv");
    let e = margin(&[
        "import",
        p,
        &fixture("wechat.txt"),
        "--pseudonyms",
        &fixture("pseudonyms.csv"),
        "--report",
        report.to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(
        e.contains("would be inside the project folder; it names real people"),
        "{e}"
    );
    assert!(!report.exists());
    assert!(open(&project).documents().is_empty());
    // Unless asked for.
    margin(&[
        "import",
        p,
        &fixture("wechat.txt"),
        "--pseudonyms",
        inside.to_str().unwrap(),
        "--allow-names-in-project",
    ])
    .unwrap();
    assert_eq!(open(&project).documents().len(), 1);
}

#[test]
fn attribute_table_then_interviews_for_a_case() {
    let (_dir, project) = new_project();
    let p = project.to_str().unwrap();
    let out = margin(&["import", p, "--attributes", &fixture("participants.csv")]).unwrap();
    assert_eq!(
        out,
        "attributes from participants.csv: 10 case(s) created, 0 updated\n  age: number (new)\n  region: category (new)\n  time in the group: category (new)\n"
    );
    let out = margin(&[
        "import",
        p,
        &fixture("interview.docx"),
        &fixture("interview.odt"),
        "--case",
        "G3",
    ])
    .unwrap();
    assert_eq!(
        out,
        "imported \"interview.docx\" as interview (docx, UTF-8, 231 characters, 4 turns)\n\
         imported \"interview.odt\" as interview (odt, UTF-8, 148 characters, 4 turns)\n"
    );
    let project = open(&project);
    assert_eq!(project.cases().len(), 10);
    let g3 = project.case_named("G3").unwrap().id;
    assert!(project.documents().values().all(|d| d.case == Some(g3)));
}

#[test]
fn autocode_a_speaker_and_attribute_another_to_a_case() {
    let (_dir, project) = new_project();
    let p = project.to_str().unwrap();
    let out = margin(&[
        "import",
        p,
        &fixture("zoom.vtt"),
        "--autocode-speaker",
        "Interviewer",
        "--code",
        "Question",
        "--coder",
        "Ana",
    ])
    .unwrap();
    assert!(
        out.ends_with("coded 2 turn(s) of \"Interviewer\" with \"Question\"\n"),
        "{out}"
    );
    let out = margin(&[
        "import",
        p,
        &fixture("otter.srt"),
        "--autocode-speaker",
        "Speaker 2",
        "--speaker-case",
        "G6",
    ])
    .unwrap();
    assert!(
        out.ends_with("the turns of \"Speaker 2\" are attributed to case \"G6\"\n"),
        "{out}"
    );
    let project = open(&project);
    let question = project.code_named("Question").unwrap().id;
    let ana = project.coder_named("Ana").unwrap().id;
    let coded: Vec<_> = project
        .codings()
        .values()
        .map(|c| (c.code, c.coder, c.range.len()))
        .collect();
    assert_eq!(coded.len(), 2);
    assert!(
        coded
            .iter()
            .all(|&(code, coder, _)| code == question && coder == ana)
    );
    let srt = project
        .documents()
        .values()
        .find(|d| d.name == "otter")
        .unwrap();
    let speakers: Vec<_> = srt
        .segments
        .iter()
        .filter_map(|s| s.speaker.as_deref())
        .collect();
    assert_eq!(speakers, vec!["Speaker 1", "G6", "Speaker 1"]);
    assert!(project.case_named("G6").is_some());
}

#[test]
fn refusals_leave_the_project_unchanged() {
    let (_dir, project) = new_project();
    let p = project.to_str().unwrap();
    let e = margin(&["import", p, &fixture("wechat.txt"), "--format", "whatsapp"]).unwrap_err();
    assert!(e.contains("wechat.txt:1: no WhatsApp message found"), "{e}");
    // One bad file after a good one: nothing is added.
    let e = margin(&["import", p, &fixture("zoom.vtt"), &fixture("scanned.pdf")]).unwrap_err();
    assert!(e.contains("scanned.pdf: the PDF has no text layer"), "{e}");
    let e = margin(&[
        "import",
        p,
        &fixture("zoom.vtt"),
        "--autocode-speaker",
        "Bob",
        "--code",
        "X",
    ])
    .unwrap_err();
    assert_eq!(
        e,
        "no imported document has the speaker \"Bob\" (speakers found: Interviewer, Li Na)"
    );
    let e = margin(&[
        "import",
        p,
        &fixture("zoom.vtt"),
        "--autocode-speaker",
        "Li Na",
    ])
    .unwrap_err();
    assert_eq!(
        e,
        "--autocode-speaker needs --code CODE or --speaker-case CASE"
    );
    let e = margin(&["import", p, &fixture("zoom.vtt"), "--report"]).unwrap_err();
    assert!(
        e.starts_with("--report lists what --pseudonyms replaced"),
        "{e}"
    );
    let e = margin(&[
        "import",
        p,
        "--attributes",
        &fixture("participants_dup.csv"),
    ])
    .unwrap_err();
    assert!(
        e.contains("participants_dup.csv:4: column \"case\": case \"G1\" appears twice"),
        "{e}"
    );
    let e = margin(&["import", p, &fixture("zoom.vtt"), "--format", "rtf"]).unwrap_err();
    assert!(e.contains("unknown format \"rtf\""), "{e}");
    let project = open(&project);
    assert!(project.documents().is_empty());
    assert!(project.cases().is_empty());
    assert!(project.codes().is_empty());
}
