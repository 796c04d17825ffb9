//! `margin merge` on two project folders: saves the merged project, reports, and a second run
//! finds nothing to merge.

// Unexpected errors should stop a test at once.
#![allow(clippy::unwrap_used)]

mod agreement_fixture;

use clap::Parser;
use margin::cli::{Cli, run};
use margin::model::{Coder, Coding, Color, Edit};
use margin::store::ProjectDir;

fn margin(args: &[&str]) -> anyhow::Result<String> {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied()))?;
    let mut out = Vec::new();
    run(cli.command.unwrap(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn merge_two_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let f = agreement_fixture::case("team");
    let mut ours = f.project.clone();
    let mut theirs = f.project.clone();
    // The other copy: a fourth coder codes the interview twice.
    let dan = Coder::new("Dan", Color::palette(4));
    let doc = theirs.document(f.document("G1 interview")).unwrap().clone();
    let mut edits = vec![Edit::PutCoder(dan.clone())];
    for (range, code) in [((0, 11), "Identity"), ((13, 40), "Resonance")] {
        let range = margin::model::CharRange::new(range.0, range.1);
        let c = Coding::new(doc.id, &doc.text, range, f.code(code), dan.id);
        edits.push(Edit::PutCoding(Box::new(c)));
    }
    theirs.apply(Edit::Batch(edits)).unwrap();
    let a = tmp.path().join("ours");
    let b = tmp.path().join("theirs");
    drop(ProjectDir::create(&a, &mut ours).unwrap());
    drop(ProjectDir::create(&b, &mut theirs).unwrap());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());

    let dry = margin(&["merge", a, b, "--dry-run"]).unwrap();
    assert!(
        dry.contains("would add 1 coder(s)\nwould add 2 coding(s)\n"),
        "{dry}"
    );
    assert_eq!(
        ProjectDir::open_read_only(a.as_ref())
            .unwrap()
            .project
            .codings()
            .len(),
        ours.codings().len()
    );

    let out = margin(&["merge", a, b]).unwrap();
    assert!(
        out.starts_with("added 1 coder(s)\nadded 2 coding(s)\n"),
        "{out}"
    );
    assert!(out.contains(&format!("{} codings both copies had", ours.codings().len())));
    let merged = ProjectDir::open_read_only(a.as_ref()).unwrap().project;
    assert_eq!(merged.codings().len(), ours.codings().len() + 2);
    assert!(merged.coder_named("Dan").is_some());

    let again = margin(&["merge", a, b, "--format", "json"]).unwrap();
    let v: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(v["codings_added"], 0);
    assert_eq!(v["coders_added"], 0);
    let table = margin(&["merge", a, b]).unwrap();
    assert!(table.starts_with("nothing to merge"), "{table}");
}
