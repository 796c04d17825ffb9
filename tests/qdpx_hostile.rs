//! Hostile or broken `.qdpx` files are refused with a clear message, without unpacking more
//! than the limits allow: path traversal, zip bombs (honest and lying sizes), too many entries,
//! huge or deeply nested XML, DTDs and entities, and plain garbage.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

use std::io::{Cursor, Write};
use std::path::Path;

use margin::import::qdpx::{Limits, QdpxError, read_from};
use zip::write::SimpleFileOptions;

const QDE: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\"><Sources><TextSource guid=\"c0000000-0000-4000-8000-000000000001\" name=\"Big\" plainTextPath=\"internal://big.txt\"/></Sources></Project>";

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn import(bytes: Vec<u8>, limits: &Limits) -> Result<usize, QdpxError> {
    read_from(Cursor::new(bytes), Path::new("hostile.qdpx"), limits).map(|i| i.report.documents)
}

fn small() -> Limits {
    Limits {
        max_entries: 8,
        max_qde_bytes: 64 * 1024,
        max_source_bytes: 1024 * 1024,
        max_total_bytes: 3 * 1024 * 1024 / 2,
        max_depth: 64,
        max_elements: 1000,
    }
}

#[test]
fn path_traversal_is_refused() {
    for evil in [
        "../evil.txt",
        "sources/../../evil.txt",
        "/etc/passwd",
        "C:/evil.txt",
        "..\\evil.txt",
    ] {
        let bytes = zip(&[("project.qde", QDE.as_bytes()), (evil, b"x")]);
        let err = import(bytes, &Limits::default()).unwrap_err();
        assert!(
            matches!(&err, QdpxError::UnsafePath { entry, .. } if entry == evil),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "hostile.qdpx: refused: the entry {evil:?} has an unsafe path (absolute, or climbing out with \"..\")"
            )
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let bytes = zip(&[("project.qde", QDE.as_bytes()), ("sources/big.txt", &zeros)]);
    assert!(
        bytes.len() < 20 * 1024,
        "the bomb is small: {}",
        bytes.len()
    );
    let err = import(bytes, &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: refused: sources/big.txt unpacks to more than 1048576 bytes"
    );
}

/// Overwrite the uncompressed size of the first entry (local and central headers) with `size`.
fn lie_about_first_size(bytes: &mut [u8], size: u32) {
    let find = |bytes: &[u8], sig: [u8; 4]| bytes.windows(4).position(|w| w == sig).unwrap();
    let local = find(bytes, [0x50, 0x4b, 0x03, 0x04]);
    bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = find(bytes, [0x50, 0x4b, 0x01, 0x02]);
    bytes[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn a_zip_bomb_with_a_lying_size_is_stopped_while_unpacking() {
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let mut bytes = zip(&[("sources/big.txt", &zeros), ("project.qde", QDE.as_bytes())]);
    lie_about_first_size(&mut bytes, 100);
    let err = import(bytes, &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: sources/big.txt: cannot unpack: File is larger than its declared uncompressed size"
    );
    // An entry that claims more than the limit is refused before anything is unpacked.
    let mut bytes = zip(&[("sources/big.txt", &zeros), ("project.qde", QDE.as_bytes())]);
    lie_about_first_size(&mut bytes, 900 * 1024 * 1024);
    let err = import(bytes, &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: refused: sources/big.txt unpacks to more than 1048576 bytes"
    );
}

#[test]
fn the_whole_archive_has_a_budget() {
    let a = vec![b'a'; 900 * 1024];
    let qde = QDE.replace(
        "</Sources>",
        "<TextSource guid=\"c0000000-0000-4000-8000-000000000002\" name=\"B\" plainTextPath=\"internal://b.txt\"/></Sources>",
    );
    let bytes = zip(&[
        ("project.qde", qde.as_bytes()),
        ("sources/big.txt", &a),
        ("sources/b.txt", &a),
    ]);
    let err = import(bytes, &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: refused: the archive unpacks to more than 1572864 bytes in all"
    );
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..20).map(|i| format!("sources/{i}.txt")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("project.qde", QDE.as_bytes())];
    entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
    let err = import(zip(&entries), &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: refused: the archive holds 21 entries, more than the 8 Margin reads"
    );
}

#[test]
fn huge_xml_is_refused() {
    let big = format!(
        "<Project name=\"P\"><Description>{}</Description></Project>",
        "x".repeat(100 * 1024)
    );
    let err = import(zip(&[("project.qde", big.as_bytes())]), &small()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: refused: project.qde unpacks to more than 65536 bytes"
    );
    let many = format!(
        "<Project name=\"P\"><Users>{}</Users></Project>",
        "<User guid=\"b0000000-0000-4000-8000-000000000001\"/>".repeat(1200)
    );
    let err = import(zip(&[("project.qde", many.as_bytes())]), &small()).unwrap_err();
    assert!(
        err.to_string().contains("more than 1000 elements; refused"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        "<Project name=\"P\"><CodeBook><Codes>{}{}</Codes></CodeBook></Project>",
        "<Code guid=\"a0000000-0000-4000-8000-000000000001\" name=\"c\" isCodable=\"true\">"
            .repeat(10_000),
        "</Code>".repeat(10_000)
    );
    let err = import(zip(&[("project.qde", deep.as_bytes())]), &Limits::default()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("hostile.qdpx: project.qde:1:"),
        "{message}"
    );
    assert!(
        message.ends_with("elements nest deeper than 256 levels; refused"),
        "{message}"
    );
}

#[test]
fn dtds_and_entities_are_refused() {
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<Project name=\"&c;\"/>";
    let err = import(
        zip(&[("project.qde", laughs.as_bytes())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: project.qde:2:1: the file has a document type declaration (<!DOCTYPE>); Margin refuses DTDs and the entities they define"
    );
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Project name=\"P\"><Description>&xxe;</Description></Project>";
    let err = import(zip(&[("project.qde", xxe.as_bytes())]), &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("<!DOCTYPE>"), "{err}");
    let undeclared = "<Project name=\"P\"><Description>&xxe;</Description></Project>";
    let err = import(
        zip(&[("project.qde", undeclared.as_bytes())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("the entity &xxe; is not one XML predefines (Margin reads no DTD entities)"),
        "{err}"
    );
    let in_attribute = "<Project name=\"&xxe;\"/>";
    let err = import(
        zip(&[("project.qde", in_attribute.as_bytes())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("Margin reads no DTD entities"),
        "{err}"
    );
}

#[test]
fn garbage_is_refused_clearly() {
    let err = import(
        b"this is not a zip file at all".to_vec(),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("hostile.qdpx: not a REFI-QDA project archive (a .qdpx is a zip file)"),
        "{err}"
    );
    let err = import(zip(&[("readme.txt", b"hello")]), &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: no project.qde in the archive (it holds: readme.txt)"
    );
    let broken = "<Project name=\"P\">\n  <Users>\n</Project>";
    let err = import(
        zip(&[("project.qde", broken.as_bytes())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("hostile.qdpx: project.qde:3:"),
        "{err}"
    );
    let codebook = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>";
    let err = import(
        zip(&[("project.qde", codebook.as_bytes())]),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "hostile.qdpx: project.qde:1: the root element is <CodeBook>, not <Project>; this is not a REFI-QDA project"
    );
}
