//! `margin agreement` on a project folder: table, JSON and CSV, the list of disagreements, and
//! clear errors.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use std::path::Path;

use clap::Parser;
use margin::cli::{Cli, run};
use margin::store::ProjectDir;

/// Run `margin ARGS...`, returning what it printed.
fn margin(args: &[&str]) -> anyhow::Result<String> {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied()))?;
    let mut out = Vec::new();
    run(cli.command.unwrap(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn team_folder(dir: &Path) -> String {
    let mut f = agreement_fixture::case("team");
    let root = dir.join("team");
    ProjectDir::create(&root, &mut f.project).unwrap();
    root.to_str().unwrap().to_owned()
}

#[test]
fn table_lists_codes_and_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let p = team_folder(tmp.path());
    let out = margin(&["agreement", &p, "--coders", "Ann,Ben"]).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Agreement of Ann, Ben (unit: character; u-α on characters)"
    );
    assert_eq!(lines[1], "3 document(s) compared");
    // The pooled row; reference values in tests/agreement_stats.rs (team, Ann+Ben, character).
    let all = lines.iter().find(|l| l.starts_with("all codes")).unwrap();
    let cells: Vec<&str> = all.split_whitespace().collect();
    assert_eq!(&cells[2..], ["2428", "89.6%", "0.481", "0.481", "0.538"]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Identity / Loneliness "))
    );
    assert!(lines.iter().any(|l| l.starts_with("Chat excerpt ")));

    let three = margin(&["agreement", &p]).unwrap();
    assert!(three.contains("Agreement of Ann, Ben, Cai"));
    assert!(three.contains("skipped, not coded by every coder: Chat excerpt"));
}

#[test]
fn json_and_csv_carry_every_value() {
    let tmp = tempfile::tempdir().unwrap();
    let p = team_folder(tmp.path());
    let json = margin(&[
        "agreement",
        &p,
        "--coders",
        "Ann,Ben",
        "--unit",
        "segment",
        "--format",
        "json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["unit"], "segment");
    assert_eq!(v["overall"]["kappa"].as_f64(), Some(0.55));
    assert_eq!(v["documents"].as_array().unwrap().len(), 3);
    assert_eq!(v["codes"][1]["name"], "Identity / Loneliness");

    let csv = margin(&[
        "agreement",
        &p,
        "--coders",
        "Ben,Ann",
        "--format",
        "csv",
        "--document",
        "Field notes",
    ])
    .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&header[4..6], ["applied by Ben", "applied by Ann"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Overall, two codes over all documents, the document, its two codes.
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[0][0], "(all documents)");
    assert_eq!(&rows[3][0], "Field notes");
    assert_eq!(&rows[3][1], "(all codes)");
}

#[test]
fn disagreements_are_listed_with_each_version() {
    let tmp = tempfile::tempdir().unwrap();
    let p = team_folder(tmp.path());
    let out = margin(&[
        "agreement",
        &p,
        "--coders",
        "Ann,Ben",
        "--disagreements",
        "--document",
        "G1 interview",
    ])
    .unwrap();
    assert!(out.ends_with("6 disagreement(s)\n"), "{out}");
    assert!(out.contains("[not coded by all]"));
    assert!(out.contains("    Ben: not coded; coded Resonance"));
    let json = margin(&[
        "agreement",
        &p,
        "--coders",
        "Ann,Ben",
        "--disagreements",
        "--format",
        "json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 12);
    assert_eq!(v[0]["document"], "Chat excerpt");
    assert_eq!(v[0]["text"], "Congratulations, you graduated!");
}

#[test]
fn bad_names_are_errors_naming_what_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let p = team_folder(tmp.path());
    let e = margin(&["agreement", &p, "--coders", "Ann,Bob"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the project has no coder named \"Bob\" (coders: Ann, Ben, Cai)"
    );
    let e = margin(&["agreement", &p, "--document", "G9"]).unwrap_err();
    assert_eq!(e.to_string(), "the project has no document named \"G9\"");
    let e = margin(&["agreement", &p, "--coders", "Ann"]).unwrap_err();
    assert!(format!("{e:#}").contains("at least two coders"), "{e:#}");
    assert!(margin(&["agreement", &p, "--unit", "word"]).is_err());
}
