//! `margin export` and `margin import-qdpx` from the command line: formats chosen by flag or
//! extension, filters by name, clear refusals, and a .qdpx imported into a new project folder.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod export_fixture;

use clap::Parser;
use margin::cli::{Cli, run};
use margin::store::ProjectDir;

fn margin(args: &[&str]) -> anyhow::Result<String> {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied()))?;
    let mut out = Vec::new();
    run(cli.command.unwrap(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn fixture_dir() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("study");
    let mut p = export_fixture::project();
    ProjectDir::create(&dir, &mut p).unwrap();
    (tmp, dir.to_string_lossy().into_owned())
}

#[test]
fn export_excerpts_with_filters_by_name() {
    let (tmp, dir) = fixture_dir();
    let out = tmp.path().join("shandong.md");
    let report = margin(&[
        "export",
        &dir,
        "--code",
        "Emotional resonance",
        "--with-subcodes",
        "--attribute",
        "region=Shandong",
        "--out",
        out.to_str().unwrap(),
    ])
    .unwrap();
    assert_eq!(report, format!("wrote 2 excerpt(s) to {}\n", out.display()));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Support group (fixture): coded excerpts\n\n2 excerpts (code: Emotional resonance (with sub-codes); region = Shandong)."));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn every_format_by_flag_and_to_stdout() {
    let (tmp, dir) = fixture_dir();
    for (what, format, ext) in [
        ("excerpts", "csv", "csv"),
        ("excerpts", "csv-excel", "csv"),
        ("excerpts", "xlsx", "xlsx"),
        ("excerpts", "html", "html"),
        ("excerpts", "md", "md"),
        ("excerpts", "docx", "docx"),
        ("codebook", "qdc", "qdc"),
        ("codebook", "csv", "csv"),
        ("codebook", "md", "md"),
        ("qdpx", "qdpx", "qdpx"),
    ] {
        let out = tmp.path().join(format!("{what}-{format}.{ext}"));
        margin(&[
            "export",
            &dir,
            "--what",
            what,
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        assert!(
            std::fs::metadata(&out).unwrap().len() > 100,
            "{}",
            out.display()
        );
    }
    let csv = margin(&["export", &dir, "--what", "codebook", "--out", "-"]).unwrap();
    assert!(csv.starts_with(
        "path,name,parent_path,depth,color,description,in_vivo,shortcut,codings,id\r\n"
    ));
}

#[test]
fn mistakes_are_refused_clearly() {
    let (tmp, dir) = fixture_dir();
    let out = tmp.path().join("x.csv");
    let out = out.to_str().unwrap();
    let err = margin(&["export", &dir, "--code", "Nope", "--out", out]).unwrap_err();
    assert!(err.to_string().starts_with("the project has no code named \"Nope\" (it has: Emotional arousal, Emotional resonance, Huddling for warmth"), "{err}");
    let err = margin(&[
        "export", &dir, "--what", "codebook", "--format", "docx", "--out", out,
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "--what codebook is written as qdc, csv, md, not docx"
    );
    let err = margin(&[
        "export", &dir, "--what", "qdpx", "--coder", "lin", "--out", "x.qdpx",
    ])
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("apply to excerpts, the quote matrix and the summary grid only")
    );
    let err = margin(&[
        "export", &dir, "--what", "excerpts", "--by", "region", "--out", out,
    ])
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("--what quote-matrix and summary-grid only")
    );
    let err = margin(&[
        "export",
        &dir,
        "--what",
        "quote-matrix",
        "--by",
        "nowhere",
        "--out",
        "x.md",
    ])
    .unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");
    assert!(!std::path::Path::new(out).exists());
}

#[test]
fn import_qdpx_creates_a_project() {
    let (tmp, dir) = fixture_dir();
    let qdpx = tmp.path().join("study.qdpx");
    margin(&[
        "export",
        &dir,
        "--what",
        "qdpx",
        "--out",
        qdpx.to_str().unwrap(),
    ])
    .unwrap();
    let new = tmp.path().join("copy");
    let report = margin(&[
        "import-qdpx",
        qdpx.to_str().unwrap(),
        new.to_str().unwrap(),
        "--name",
        "Copy",
    ])
    .unwrap();
    assert!(report.contains(": 3 document(s), 6 code(s), 10 coding(s), 2 case(s), 3 attribute(s), 2 coder(s), 4 memo(s)\n"), "{report}");
    let opened = ProjectDir::open_read_only(&new).unwrap();
    assert_eq!(opened.project.manifest().name, "Copy");
    assert_eq!(opened.project.codings().len(), 10);
    let check = margin(&["check", new.to_str().unwrap()]);
    assert!(check.is_ok(), "{check:?}");
}

#[test]
fn a_failed_export_leaves_the_old_file_alone_and_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("empty");
    margin(&["new", dir.to_str().unwrap()]).unwrap();
    let out = tmp.path().join("codebook.qdc");
    std::fs::write(&out, "old").unwrap();
    let err = margin(&[
        "export",
        dir.to_str().unwrap(),
        "--what",
        "codebook",
        "--out",
        out.to_str().unwrap(),
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the codebook is empty, and a REFI-QDA codebook must hold at least one code",
            out.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
}
