//! Margin → `.qdpx` → Margin keeps everything REFI-QDA carries; the export validates against
//! the REFI-QDA schema (with xmllint, when installed; always in CI); the golden `project.qde`.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

mod export_fixture;

use std::io::Cursor;
use std::path::Path;

use export_fixture::{golden, project, unzip, xmllint};
use margin::export::qdpx;
use margin::import::qdpx::{Convention, Limits, read_from};
use margin::model::{Project, Value};
use margin::store::ProjectDir;

fn export(p: &Project) -> Vec<u8> {
    let mut out = Vec::new();
    qdpx::write(p, &mut out).unwrap();
    out
}

fn import(bytes: Vec<u8>) -> margin::import::qdpx::QdpxImport {
    read_from(
        Cursor::new(bytes),
        Path::new("test.qdpx"),
        &Limits::default(),
    )
    .unwrap()
}

/// Everything the format carries must come back equal.
fn assert_same(a: &Project, b: &Project) {
    assert_eq!(a.manifest().name, b.manifest().name);
    assert_eq!(a.manifest().description, b.manifest().description);
    assert_eq!(a.manifest().created, b.manifest().created);
    assert_eq!(
        a.coders()
            .values()
            .map(|c| (c.id, &c.name))
            .collect::<Vec<_>>(),
        b.coders()
            .values()
            .map(|c| (c.id, &c.name))
            .collect::<Vec<_>>()
    );
    let tree = |p: &Project| -> Vec<_> {
        p.code_tree()
            .into_iter()
            .map(|(d, c)| {
                (
                    d,
                    c.id,
                    c.name.clone(),
                    c.parent,
                    c.color,
                    c.description.clone(),
                )
            })
            .collect()
    };
    assert_eq!(tree(a), tree(b));
    let attrs = |p: &Project| -> Vec<_> {
        p.attributes_sorted()
            .into_iter()
            .map(|x| (x.id, x.name.clone(), x.kind.clone()))
            .collect()
    };
    assert_eq!(attrs(a), attrs(b));
    assert_eq!(a.cases(), b.cases());
    assert_eq!(a.documents().len(), b.documents().len());
    for (id, d) in a.documents() {
        let e = &b.documents()[id];
        assert_eq!(
            (&d.name, d.kind, d.case, &d.text, &d.segments),
            (&e.name, e.kind, e.case, &e.text, &e.segments),
            "document {}",
            d.name
        );
    }
    assert_eq!(a.codings().len(), b.codings().len());
    for (id, c) in a.codings() {
        let d = &b.codings()[id];
        assert_eq!(c, d, "coding {id}");
        let text = &a.documents()[&c.document].text;
        assert_eq!(
            text.slice(c.range),
            b.documents()[&d.document].text.slice(d.range)
        );
    }
    assert_eq!(a.memos(), b.memos());
}

#[test]
fn fixture_round_trips_through_qdpx() {
    let p = project();
    let bytes = export(&p);
    let imported = import(bytes.clone());
    assert_same(&p, &imported.project);
    let r = &imported.report;
    assert_eq!(r.origin.as_deref(), Some(margin::export::origin().as_str()));
    assert_eq!(
        (
            r.documents,
            r.codes,
            r.codings,
            r.cases,
            r.attributes,
            r.coders,
            r.memos
        ),
        (3, 6, 10, 2, 3, 2, 4)
    );
    assert!(r.conventions.is_empty(), "{:?}", r.conventions);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert!(r.adjusted.is_empty(), "{:?}", r.adjusted);
    // A second trip writes the same project.qde, but for the import time now on each source.
    let qde = |b: &[u8]| -> Vec<String> {
        let text = String::from_utf8(unzip(b)[0].1.clone()).unwrap();
        text.lines()
            .map(|l| match l.find(" creationDateTime=\"") {
                Some(i) if l.trim_start().starts_with("<TextSource") => {
                    let rest = &l[i + 19..];
                    let end = rest.find('"').unwrap();
                    format!("{}{}", &l[..i], &rest[end + 1..])
                }
                _ => l.to_owned(),
            })
            .collect()
    };
    let (again, first) = (qde(&export(&imported.project)), qde(&bytes));
    for (a, b) in again.iter().zip(&first) {
        assert_eq!(a, b);
    }
    assert_eq!(again.len(), first.len());
}

#[test]
fn archive_layout_golden_and_schema() {
    let p = project();
    let parts = unzip(&export(&p));
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "project.qde",
            "sources/10000000-0000-4000-8000-000000000041.txt",
            "sources/10000000-0000-4000-8000-000000000042.txt",
            "sources/10000000-0000-4000-8000-000000000043.txt",
        ]
    );
    assert_eq!(parts[1].1, export_fixture::INTERVIEW_TEXT.as_bytes());
    golden("project.qde", &parts[0].1);
    match xmllint("Project-mrt2019.xsd", &parts[0].1) {
        Some(result) => result.unwrap(),
        None => eprintln!("xmllint not installed: schema not checked"),
    }
}

#[test]
fn numbers_with_fractions_and_plain_text_attributes_survive() {
    let mut p = project();
    let mut g8 = p.case(export_fixture::G8).unwrap().clone();
    g8.values.insert(export_fixture::AGE, Value::Number(50.5));
    p.apply(margin::model::Edit::PutCase(g8)).unwrap();
    let imported = import(export(&p));
    assert_eq!(
        imported.project.case(export_fixture::G8).unwrap().values[&export_fixture::AGE],
        Value::Number(50.5)
    );
    assert_eq!(
        imported.report.conventions,
        Vec::<(String, Convention)>::new()
    );
}

#[test]
fn sample_project_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/support-group");
    let opened = ProjectDir::open_read_only(&dir).unwrap();
    let bytes = export(&opened.project);
    let parts = unzip(&bytes);
    if let Some(result) = xmllint("Project-mrt2019.xsd", &parts[0].1) {
        result.unwrap();
    }
    let imported = import(bytes);
    assert_same(&opened.project, &imported.project);
    assert!(
        imported.report.skipped.is_empty(),
        "{:?}",
        imported.report.skipped
    );
}
