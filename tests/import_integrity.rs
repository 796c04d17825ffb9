//! Hostile and unusual input on the import side, one regression test per defect found: named
//! pipes, encodings without a byte-order mark, a killed `import-qdpx`, content that was dropped
//! without notice, and unclear messages.

#![allow(clippy::unwrap_used)] // test helpers fail by panicking, like the tests

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Parser;
use margin::cli::{Cli, run};
use margin::import::{ImportError, ImportOptions, encoding_for_name, import_file};
use margin::model::Project;
use margin::store::ProjectDir;
use zip::write::SimpleFileOptions;

/// Run `margin ARGS` in this process, returning the output or the error chain as printed.
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

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn text_of(path: &Path, options: &ImportOptions) -> (String, String) {
    let imported = import_file(path, options).unwrap_or_else(|e| panic!("{e}"));
    let origin = imported.document.origin.unwrap();
    (imported.document.text.as_str().to_owned(), origin.encoding)
}

// ------------------------------------------------------------------------------------ defect 10

#[cfg(unix)]
#[test]
fn defect_10_fifo_input_is_refused_at_once_before_the_lock() {
    use std::time::{Duration, Instant};

    let (dir, project) = new_project();
    let fifo = dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // The library refuses it without opening it (an open would wait for a writer).
    let e = import_file(&fifo, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, ImportError::NotAFile { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}: this is a named pipe (FIFO), not a regular file; Margin imports only regular files",
            fifo.display()
        )
    );
    let e = margin::import::qdpx::read(&fifo).unwrap_err();
    assert!(e.to_string().contains("named pipe (FIFO)"), "{e}");

    // The command refuses it before it asks for the project's lock: with the lock held here, it
    // still names the pipe, not the lock.
    let held = ProjectDir::open(&project).unwrap();
    assert!(held.dir.read_only_reason().is_none());
    let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
        .arg("import")
        .arg(&project)
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Only a guard against hanging the test run if the defect comes back.
    let guard = Instant::now() + Duration::from_mins(5);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > guard {
            child.kill().unwrap();
            panic!("margin import waited on the named pipe");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "margin: {}: this is a named pipe (FIFO), not a regular file; Margin imports only regular files\n",
            fifo.display()
        )
    );
    // A folder is refused the same way.
    let e = margin(&[
        "import",
        project.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.contains("this is a folder, not a regular file"), "{e}");
    drop(held);
    assert!(open(&project).documents().is_empty());
}

// ------------------------------------------------------------------------------------- defect 9

#[test]
fn defect_9_windows_1252_imports_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Schöne Grüße aus Köln\r\nDas Café öffnet um 8 – „Frühstück“ für 12 €.\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    let path = write(dir.path(), "gruss.txt", &bytes);
    let (got, encoding) = text_of(&path, &ImportOptions::default());
    assert_eq!(
        got,
        "Schöne Grüße aus Köln\nDas Café öffnet um 8 – „Frühstück“ für 12 €.\n"
    );
    assert_eq!(encoding, "windows-1252");
    // The defect's own sentence, alone.
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Schöne Grüße aus Köln");
    let path = write(dir.path(), "short.txt", &bytes);
    assert_eq!(
        text_of(&path, &ImportOptions::default()),
        ("Schöne Grüße aus Köln".into(), "windows-1252".into())
    );
    // The import report says which encoding was used.
    let (_pdir, project) = new_project();
    let out = margin(&["import", project.to_str().unwrap(), path.to_str().unwrap()]).unwrap();
    assert_eq!(
        out,
        "imported \"short.txt\" as notes (text, windows-1252, 21 characters, 0 turns)\n"
    );
}

#[test]
fn defect_9_utf16_without_bom_le_and_be() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Interviewer: Wie geht es?\nG8: 我们都是病友 😀, danke.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let le = write(dir.path(), "le.txt", &le);
    let be = write(dir.path(), "be.txt", &be);
    assert_eq!(
        text_of(&le, &ImportOptions::default()),
        (text.into(), "UTF-16LE".into())
    );
    assert_eq!(
        text_of(&be, &ImportOptions::default()),
        (text.into(), "UTF-16BE".into())
    );
    // Binary data with zero bytes is still refused as such.
    let bin = write(dir.path(), "bin.txt", b"\x00\x01\x02\x03\x00\x00\xff\x10");
    let e = import_file(&bin, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, ImportError::Binary { .. }), "{e:?}");
}

#[test]
fn defect_9_gbk_chinese_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let text = "访谈者：你好，我们都是病友。\r\nG8：姐妹们天天给我讲经验，心里踏实多了。\r\n";
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    let path = write(dir.path(), "gbk.txt", &bytes);
    assert_eq!(
        text_of(&path, &ImportOptions::default()),
        (text.replace("\r\n", "\n"), "GB18030".into())
    );
}

#[test]
fn defect_9_encoding_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    // KOI8-R is rarely guessed from a short text: named, it is read as such.
    let (bytes, _, _) = encoding_rs::KOI8_R.encode("Привет, мир");
    let path = write(dir.path(), "ru.txt", &bytes);
    let options = ImportOptions {
        encoding: Some(encoding_for_name("koi8-r").unwrap()),
        ..ImportOptions::default()
    };
    assert_eq!(
        text_of(&path, &options),
        ("Привет, мир".into(), "KOI8-R".into())
    );
    // Latin-1 is Windows-1252, as browsers read it; GBK is read as its superset GB18030.
    assert_eq!(encoding_for_name("latin1").unwrap().name(), "windows-1252");
    assert_eq!(encoding_for_name("GBK").unwrap().name(), "gb18030");
    assert!(encoding_for_name("no-such").is_err());
    // On the command line.
    let (_pdir, project) = new_project();
    let out = margin(&[
        "import",
        project.to_str().unwrap(),
        path.to_str().unwrap(),
        "--encoding",
        "koi8-r",
    ])
    .unwrap();
    assert!(out.contains("(text, KOI8-R, 11 characters"), "{out}");
    // A text that is not valid in the encoding named is refused, saying where.
    let bad = write(dir.path(), "odd.txt", b"abc\xff");
    let e = margin(&[
        "import",
        project.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--encoding",
        "utf-8",
    ])
    .unwrap_err();
    assert_eq!(
        e,
        format!(
            "{}: the text is not valid UTF-8 (undecodable byte at 3); check the --encoding given",
            bad.display()
        )
    );
    let e = margin(&["import", "x", "y", "--encoding", "no-such"]).unwrap_err();
    assert!(e.contains("unknown encoding \"no-such\""), "{e}");
}

// ------------------------------------------------------------------------------------- defect 6

/// The staging folders (and their lock files) an import of `target` leaves beside it.
fn staging_left(target: &Path) -> Vec<String> {
    let prefix = format!(
        ".{}.margin-import-",
        target.file_name().unwrap().to_string_lossy()
    );
    std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

#[test]
fn defect_6_killed_import_qdpx_leaves_no_half_project_and_reruns() {
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let qdpx = dir.path().join("study.qdpx");
    let g = generated.to_str().unwrap();
    margin(&[
        "generate",
        g,
        "--documents",
        "30",
        "--megabytes",
        "1.5",
        "--codings",
        "4000",
        "--seed",
        "6",
    ])
    .unwrap();
    margin(&[
        "export",
        g,
        "--what",
        "qdpx",
        "--out",
        qdpx.to_str().unwrap(),
    ])
    .unwrap();
    let whole = dir.path().join("whole");
    margin(&[
        "import-qdpx",
        qdpx.to_str().unwrap(),
        whole.to_str().unwrap(),
    ])
    .unwrap();
    let want = open(&whole);
    let codings = want.codings().len();
    assert!(codings > 3000, "{codings}");

    let mut killed_while_writing = 0;
    for round in 0..12u64 {
        let target = dir.path().join(format!("t{round}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_margin"))
            .arg("import-qdpx")
            .arg(&qdpx)
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it at varied moments: half while reading the archive, half once the project is
        // being written (its staging folder is there), a little later each round.
        if round % 2 == 1 {
            while child.try_wait().unwrap().is_none()
                && !staging_left(&target)
                    .iter()
                    .any(|n| Path::new(n).extension().is_none_or(|e| e != "lock"))
            {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        std::thread::sleep(Duration::from_millis(round * 3));
        if child.try_wait().unwrap().is_none() {
            if round % 2 == 1 {
                killed_while_writing += 1;
            }
            child.kill().unwrap();
        }
        child.wait().unwrap();
        // The target is absent or the whole project, never a part of one.
        if target.exists() {
            let got = open(&target);
            assert_eq!(got.codings().len(), codings, "round {round}");
            assert_eq!(got.documents().len(), want.documents().len());
            continue;
        }
        // Rerunning works, and takes away what the killed run left.
        margin(&[
            "import-qdpx",
            qdpx.to_str().unwrap(),
            target.to_str().unwrap(),
        ])
        .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(open(&target).codings().len(), codings);
        assert_eq!(staging_left(&target), Vec::<String>::new());
    }
    assert!(killed_while_writing > 0, "no kill landed while writing");
    // An empty folder is a valid target: it is replaced by the project.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    margin(&[
        "import-qdpx",
        qdpx.to_str().unwrap(),
        empty.to_str().unwrap(),
    ])
    .unwrap();
    assert_eq!(open(&empty).codings().len(), codings);
    // A folder with something in it is refused before anything is read.
    let e = margin(&[
        "import-qdpx",
        qdpx.to_str().unwrap(),
        whole.to_str().unwrap(),
    ])
    .unwrap_err();
    assert_eq!(
        e,
        format!("{} already exists and is not empty", whole.display())
    );
}

#[test]
fn defect_6_staging_of_a_running_import_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("study");
    // A staging folder whose lock file is held (by this test, as by a running import) stays; one
    // whose lock is free (its import died) goes.
    let running = dir.path().join(".study.margin-import-aaaa");
    let dead = dir.path().join(".study.margin-import-bbbb");
    for d in [&running, &dead] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("margin.ron"), "half").unwrap();
    }
    let lock = std::fs::File::create(dir.path().join(".study.margin-import-aaaa.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(dir.path().join(".study.margin-import-bbbb.lock"), "").unwrap();
    let qdpx = dir.path().join("tiny.qdpx");
    std::fs::write(&qdpx, tiny_qdpx()).unwrap();
    margin(&[
        "import-qdpx",
        qdpx.to_str().unwrap(),
        target.to_str().unwrap(),
    ])
    .unwrap();
    let mut left = staging_left(&target);
    left.sort();
    assert_eq!(
        left,
        [
            ".study.margin-import-aaaa",
            ".study.margin-import-aaaa.lock"
        ]
    );
    assert!(running.exists() && !dead.exists());
    assert_eq!(open(&target).documents().len(), 1);
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn tiny_qdpx() -> Vec<u8> {
    let qde = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Tiny\" origin=\"Test\"><Sources><TextSource guid=\"c0000000-0000-4000-8000-000000000001\" name=\"Note\" plainTextPath=\"internal://c.txt\"/></Sources></Project>";
    zip(&[
        ("project.qde", qde.as_bytes()),
        ("sources/c.txt", "A short note.\n".as_bytes()),
    ])
}

// ------------------------------------------------------------------------------------ defect 11

fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n<w:body>{body}</w:body>\n</w:document>"
    );
    zip(&[("word/document.xml", xml.as_bytes())])
}

fn odt(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("content.xml", xml.as_bytes()),
    ])
}

#[test]
fn defect_11_docx_entity_references_come_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "refs.docx",
        &docx(
            "<w:p><w:r><w:t>x &amp; y</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">&#x4E2D;&#25991; &lt;b&gt; &quot;q&apos;</w:t></w:r></w:p>",
        ),
    );
    let (text, _) = text_of(&path, &ImportOptions::default());
    assert_eq!(text, "x & y\n\n中文 <b> \"q'\n");
    let path = write(
        dir.path(),
        "refs.odt",
        &odt("<text:p>x &amp; y &#x4E2D;</text:p>"),
    );
    let (text, _) = text_of(&path, &ImportOptions::default());
    assert_eq!(text, "x & y 中\n");
    // A reference XML does not define is refused, not dropped.
    let path = write(
        dir.path(),
        "nbsp.docx",
        &docx("<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p>"),
    );
    let e = import_file(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("nbsp.docx (word/document.xml, line 3): malformed XML") && e.contains("&nbsp;"),
        "{e}"
    );
}

#[test]
fn defect_11_chat_csv_row_without_message_column_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "chat.csv",
        "time,sender,message\n2024-05-03 08:12:45,G8,早上好\n2024-05-03 08:13:02,G2\n2024-05-03 08:14:00,G8,我们都是病友\n"
            .as_bytes(),
    );
    let e = import_file(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}:3: the row has 2 field(s) and no message column; the header row has 3",
            path.display()
        )
    );
    // A row with more fields than the header: the message's end would be lost.
    let path = write(
        dir.path(),
        "comma.csv",
        "time,sender,message\n2024-05-03 08:12:45,G8,hello, and welcome\n".as_bytes(),
    );
    let e = import_file(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}:2: the row has 4 fields but the header names only 3 columns (a comma in an unquoted message?)",
            path.display()
        )
    );
    // A row whose message is empty keeps its time and sender in the text.
    let path = write(
        dir.path(),
        "empty.csv",
        "time,sender,message\n2024-05-03 08:12:45,G8,早上好\n2024-05-03 08:13:02,G2,\n2024-05-03 08:14:00,G8,我们都是病友\n"
            .as_bytes(),
    );
    let imported = import_file(&path, &ImportOptions::default()).unwrap();
    assert_eq!(
        imported.document.text.as_str(),
        "2024-05-03 08:12:45 G8\n早上好\n\n2024-05-03 08:13:02 G2\n\n2024-05-03 08:14:00 G8\n我们都是病友\n"
    );
    assert_eq!(imported.document.segments.len(), 2);
}

// ------------------------------------------------------------------------------------ defect 12

/// A PDF of the given objects (numbered from 1; object 1 the catalog), with its cross-reference
/// table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF whose content stream is `content`, with `filter` (e.g. `/Filter /FlateDecode`).
fn one_page_pdf(content: &[u8], filter: &str) -> Vec<u8> {
    let mut stream = format!("<< /Length {} {filter} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

/// Found by fuzzing import_pdf: a page whose `Parent` chain comes back to itself made the text
/// extraction walk it for ever (a 1 KB file froze the import).
#[test]
fn fuzz_import_pdf_a_page_tree_that_loops_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let looping = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >>".to_vec(),
    ]);
    let path = write(dir.path(), "loop.pdf", &looping);
    let e = import_file(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("loop.pdf: the PDF is malformed"), "{e}");
    assert!(e.contains("page tree"), "{e}");
}

#[test]
fn defect_12_malformed_pdf_is_called_malformed() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.pdf",
        &one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello there) Tj ET", ""),
    );
    assert_eq!(text_of(&good, &ImportOptions::default()).0, "Hello there\n");
    let refused = |name: &str, bytes: &[u8]| {
        let path = write(dir.path(), name, bytes);
        import_file(&path, &ImportOptions::default())
            .unwrap_err()
            .to_string()
    };
    // A content stream that does not inflate.
    let e = refused(
        "corrupt.pdf",
        &one_page_pdf(
            b"x\x9c\x00garbage that is not deflate",
            "/Filter /FlateDecode",
        ),
    );
    assert!(e.contains("corrupt.pdf: the PDF is malformed"), "{e}");
    assert!(!e.contains("text layer"), "{e}");
    // Cut off in the middle.
    let whole = one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Hello there) Tj ET", "");
    let e = refused("cut.pdf", &whole[..whole.len() / 2]);
    assert!(e.contains("cut.pdf: the PDF is malformed"), "{e}");
    assert!(!e.contains("text layer"), "{e}");
    // No pages at all.
    let e = refused(
        "nopages.pdf",
        &pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        ]),
    );
    assert!(e.contains("nopages.pdf: the PDF is malformed"), "{e}");
}

#[test]
fn defect_12_io_errors_print_the_os_message_once() {
    let (dir, project) = new_project();
    let missing = dir.path().join("missing.txt");
    // The OS's words for a missing file, as the message prints them.
    let os = std::fs::metadata(&missing).unwrap_err().to_string();
    let once = |e: &str| assert_eq!(e.matches(&os).count(), 1, "{e}");
    let e = margin(&[
        "import",
        project.to_str().unwrap(),
        missing.to_str().unwrap(),
    ])
    .unwrap_err();
    once(&e);
    assert!(e.starts_with(&format!("{}: ", missing.display())), "{e}");
    let e = margin(&[
        "import-qdpx",
        missing.to_str().unwrap(),
        dir.path().join("new").to_str().unwrap(),
    ])
    .unwrap_err();
    once(&e);
    let e = margin(&[
        "import",
        project.to_str().unwrap(),
        "--attributes",
        missing.to_str().unwrap(),
    ])
    .unwrap_err();
    once(&e);
}

// ------------------------------------------------------------------------- found by fuzzing

#[test]
fn fuzz_import_text_leading_zero_width_space_is_not_stored_as_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    // Found by the import_text target: an HTML heading that starts with U+FEFF.
    let path = write(
        dir.path(),
        "mark.html",
        "<!DOCTYPE html>\n<html><body>\n<h1>\u{feff}Week 3</h1><p>G8: fine</p></body></html>"
            .as_bytes(),
    );
    let (text, _) = text_of(&path, &ImportOptions::default());
    assert_eq!(text, "Week 3\n\nG8: fine\n");
    // Two marks at the start of a chat: the turns move with the text.
    let path = write(
        dir.path(),
        "two.txt",
        "\u{feff}\u{feff}Interviewer: Hello\nG8: Hi there\n".as_bytes(),
    );
    let plain = write(
        dir.path(),
        "plain.txt",
        "Interviewer: Hello\nG8: Hi there\n".as_bytes(),
    );
    let marked = import_file(&path, &ImportOptions::default())
        .unwrap()
        .document;
    let want = import_file(&plain, &ImportOptions::default())
        .unwrap()
        .document;
    assert_eq!(marked.text.as_str(), "Interviewer: Hello\nG8: Hi there\n");
    assert_eq!(marked.segments, want.segments);
}
