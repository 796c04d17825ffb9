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
    // Overall, two codes over all documents, the document, its two codes; then the rows of
    // semantic domains (see `csv_rows_of_semantic_domains`).
    let codes: Vec<_> = rows
        .iter()
        .take_while(|r| &r[1] != "(semantic domain)")
        .collect();
    assert_eq!(codes.len(), 6);
    assert_eq!(&rows[0][0], "(all documents)");
    assert_eq!(&rows[3][0], "Field notes");
    assert_eq!(&rows[3][1], "(all codes)");
}

#[test]
fn semantic_domains_in_table_json_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let p = team_folder(tmp.path());
    let out = margin(&["agreement", &p, "--coders", "Ann,Ben"]).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Semantic domains"))
        .unwrap();
    let header: Vec<&str> = lines[at + 1].split_whitespace().collect();
    assert_eq!(
        header,
        ["domain", "chars", "|u-a", "u-a", "cu-a", "combined"]
    );
    // Identity (with Loneliness), Resonance, Graduate, in codebook order, then Cu-α.
    let names: Vec<&str> = lines[at + 2..at + 5]
        .iter()
        .map(|l| l.split("  ").next().unwrap().trim())
        .collect();
    assert_eq!(names, ["Identity", "Resonance", "Graduate"]);
    assert!(lines[at + 5].starts_with("across domains (Cu-a)"));

    let json = margin(&["agreement", &p, "--coders", "Ann,Ben", "--format", "json"]).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let identity = &v["domains"][0];
    assert_eq!(identity["name"], "Identity");
    let measures = &identity["measures"];
    for key in ["binary_u_alpha", "u_alpha", "cu_alpha"] {
        let coefficient = &measures[key];
        let observed = coefficient["observed"].as_f64().unwrap();
        let expected = coefficient["expected"].as_f64().unwrap();
        match coefficient["value"].as_f64() {
            Some(x) => assert!(
                (x - (1.0 - observed / expected)).abs() < 1e-12,
                "{key}: {coefficient}"
            ),
            None => assert!(expected == 0.0, "{key}: {coefficient}"),
        }
    }
    assert!(measures["combined_chars"].is_u64());
    assert!(v["across_domains"]["cu_alpha"].is_object());
    assert!(v["across_domains"]["multi_domain_chars"].is_u64());

    let csv = margin(&["agreement", &p, "--coders", "Ann,Ben", "--format", "csv"]).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    // The existing columns first, unchanged; the cu-α family after them.
    assert_eq!(header[11], "u_alpha_expected");
    assert_eq!(header[12], "semantic_domain");
    assert_eq!(header.last().unwrap(), "combined_chars");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let domain_rows: Vec<_> = rows
        .iter()
        .filter(|r| &r[1] == "(semantic domain)")
        .collect();
    let identity_row = domain_rows
        .iter()
        .find(|r| &r[0] == "(all documents)" && &r[12] == "Identity")
        .unwrap();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cu = identity_row[col("cu_alpha")].parse::<f64>().ok();
    assert_eq!(
        cu,
        v["domains"][0]["measures"]["cu_alpha"]["value"].as_f64()
    );
    // Cu-α: over all documents, then one row per document, as in the JSON.
    let across: Vec<_> = rows.iter().filter(|r| &r[12] == "(all domains)").collect();
    assert_eq!(&across[0][0], "(all documents)");
    assert_eq!(
        across[0][col("cu_alpha")].parse::<f64>().ok(),
        v["across_domains"]["cu_alpha"]["value"].as_f64()
    );
    let per_doc = v["across_domains"]["documents"].as_array().unwrap();
    assert!(!per_doc.is_empty());
    assert_eq!(across.len(), 1 + per_doc.len());
    for (row, d) in across[1..].iter().zip(per_doc) {
        assert_eq!(&row[0], d["name"].as_str().unwrap());
        let csv = row[col("cu_alpha")].parse::<f64>().ok();
        let json = d["cu_alpha"]["value"].as_f64();
        match (csv, json) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{a} {b}"),
            (a, b) => assert_eq!(a, b, "undefined in both"),
        }
    }
    // The rows of codes leave the new columns empty.
    assert!(rows[0].iter().skip(12).all(str::is_empty));
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
