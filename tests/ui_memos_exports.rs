//! The study carried out of and into the window, on a copy of the sample: the memo manager
//! (filters by kind, search, a click opens what a memo is about) and the project memo; every
//! export of Project ▸ Export… written through the built-in file picker and read back; a
//! codebook imported from a `.qdc` and a CSV with its preview, as one undo step; a heatmap cell
//! clicked opens its excerpts in retrieval.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod project_common;
mod ui_common;

use std::io::Read;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::export::memos::all_memos;
use margin::model::{CodeId, MemoTarget, Project};
use margin::ui::search_panel::AnalysisTab;
use margin::ui::tables_panel::TableKind;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{click_at, frames, harness_with, project};

struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
}

/// A copy of the sample; settings that name the coder and ask for the built-in file picker.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = project_common::sample_copy(dir.path());
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin Yue\"), theme: Light, file_dialog: Builtin, language: Some(English))",
    )
    .unwrap();
    Fixture { dir, root, config }
}

fn harness(f: &Fixture) -> Harness<'static, MarginApp> {
    harness_with(Some(f.root.clone()), ConfigStore::in_dir(&f.config))
}

fn menu(h: &mut Harness<'static, MarginApp>, menu: &str, item: &str) {
    h.get_by_role_and_label(Role::Button, menu).click();
    frames(h, 2);
    h.get_by_label(item).click();
    frames(h, 3);
}

/// Type `path` into the built-in picker's path field (replacing what it holds) and press Enter.
fn pick(h: &mut Harness<'static, MarginApp>, path: &Path) {
    assert!(h.state().dialog_open(), "the built-in picker is open");
    h.get_by_label("File path").focus();
    frames(h, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.event(Event::Text(path.display().to_string()));
    h.key_press(Key::Enter);
    frames(h, 3);
}

fn code_named(p: &Project, name: &str) -> CodeId {
    p.code_named(name).unwrap().id
}

#[test]
fn the_memo_manager_filters_by_kind_and_text_and_opens_what_a_memo_is_about() {
    let f = fixture();
    let mut h = harness(&f);
    let all = all_memos(project(&h));
    let total = all.len();
    assert!(
        total > 20,
        "the sample's coders left memos on codings ({total})"
    );
    menu(&mut h, "Project", "Memos…");
    h.get_by_label(&format!("{total} of {total} memos"));

    // Its Export… opens the export dialog on the memos.
    h.get_by_label("Export…").click();
    frames(&mut h, 3);
    assert_eq!(
        h.state().export_dialog().what,
        margin::ui::export_dialog::ExportWhat::Memos
    );
    h.get_by_role_and_label(Role::RadioButton, "Word document");
    h.state_mut().export_dialog_mut().open = false;
    frames(&mut h, 2);

    // Only the project's memo.
    let codings = all
        .iter()
        .filter(|m| matches!(m.target, MemoTarget::Coding(_)))
        .count();
    h.get_by_label(&format!("Coding ({codings})")).click();
    frames(&mut h, 2);
    h.get_by_label_contains("Code (").click();
    frames(&mut h, 2);
    h.get_by_label_contains("Document (").click();
    frames(&mut h, 2);
    h.get_by_label_contains("Summary (").click();
    frames(&mut h, 2);
    h.get_by_label(&format!("1 of {total} memos"));
    h.get_by_label_contains("Everything in this project is fictional");

    // Its link opens the project memo, where it is edited (one undo step).
    h.get_by_role_and_label(Role::Link, "Support group (sample)")
        .click();
    frames(&mut h, 3);
    let memo = h.get_by_role_and_label(Role::MultilineTextInput, "Project memo");
    assert!(
        memo.value()
            .unwrap()
            .starts_with("Everything in this project")
    );
    memo.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Text(
        " Codebook revised after the second reading.".into(),
    ));
    frames(&mut h, 2);
    h.get_by_label("Save memo").click();
    frames(&mut h, 3);
    let text = &project(&h).memos_on(MemoTarget::Project)[0].text;
    assert!(
        text.ends_with("Codebook revised after the second reading."),
        "{text}"
    );
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Edit memo")
    );

    // Codings again, searched for the words of one coding's memo: a click opens the coding.
    h.get_by_label(&format!("Coding ({codings})")).click();
    frames(&mut h, 2);
    let (target, words) = all
        .iter()
        .find_map(|m| match m.target {
            MemoTarget::Coding(c) if !m.comment && m.text.len() > 12 => Some((c, m.text.clone())),
            _ => None,
        })
        .unwrap();
    h.get_by_label("Search the memos").focus();
    h.event(Event::Text(words.to_uppercase()));
    frames(&mut h, 3);
    let shown = h.state().memo_manager().shown(project(&h));
    assert!(!shown.is_empty() && shown.len() < total);
    assert!(
        shown
            .iter()
            .all(|m| m.text.to_lowercase().contains(&words.to_lowercase())
                || m.about.to_lowercase().contains(&words.to_lowercase()))
    );
    h.get_by_label(&format!("{} of {total} memos", shown.len()));
    let about = shown
        .iter()
        .find(|m| m.target == MemoTarget::Coding(target))
        .unwrap()
        .about
        .clone();
    h.get_by_role_and_label(Role::Link, &about).click();
    frames(&mut h, 4);
    let coding = project(&h).coding(target).unwrap().clone();
    assert_eq!(h.state().transcript().document(), Some(coding.document));
    assert_eq!(h.state().transcript().selected_coding(), Some(target));
}

/// The text of `entry` in the zip file at `path`.
fn zip_entry(path: &Path, entry: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(entry).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Choose `what` and `format` in the export dialog, then write `name` in the test's folder
/// through the built-in picker.
fn export(
    h: &mut Harness<'static, MarginApp>,
    dir: &Path,
    what: &str,
    format: Option<&str>,
    name: &str,
) -> PathBuf {
    h.state_mut().queue(Command::ExportDialog);
    frames(h, 3);
    h.get_by_role_and_label(Role::RadioButton, what).click();
    frames(h, 2);
    if let Some(format) = format {
        h.get_by_role_and_label(Role::RadioButton, format).click();
        frames(h, 2);
    }
    h.get_by_label("Export to a file…").click();
    frames(h, 3);
    let path = dir.join(name);
    pick(h, &path);
    assert!(!h.state().dialog_open(), "{:?}", h.state().notices());
    assert!(path.is_file(), "{name}: {:?}", h.state().notices());
    path
}

#[test]
#[allow(clippy::too_many_lines)] // every export, one after another
fn every_export_of_the_dialog_writes_its_file() {
    let f = fixture();
    let mut h = harness(&f);
    let out = f.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let p = project(&h).clone();
    let codings = p.codings().len();
    // The words of an excerpt that no format escapes.
    let some_excerpt = p
        .codings()
        .values()
        .map(|c| {
            p.document(c.document)
                .unwrap()
                .text
                .slice(c.range)
                .to_owned()
        })
        .find(|t| t.len() > 20 && t.chars().all(|c| c.is_alphanumeric() || c == ' '))
        .unwrap();

    // Excerpts: every code, no filter (the retrieval tab is untouched).
    h.state_mut().export_dialog_mut().with_retrieval = false;
    let csv = export(&mut h, &out, "Coded excerpts", Some("CSV"), "all.csv");
    let rows = csv::Reader::from_path(&csv).unwrap().records().count();
    assert_eq!(rows, codings);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        format!("Wrote {codings} excerpts to {}.", csv.display())
    );
    let excel = export(
        &mut h,
        &out,
        "Coded excerpts",
        Some("CSV for Excel"),
        "excel.csv",
    );
    assert!(std::fs::read(&excel).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let xlsx = export(
        &mut h,
        &out,
        "Coded excerpts",
        Some("Excel workbook"),
        "all.xlsx",
    );
    assert!(zip_entry(&xlsx, "xl/workbook.xml").contains("<sheet"));
    let html = export(
        &mut h,
        &out,
        "Coded excerpts",
        Some("HTML report"),
        "all.html",
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains("<html") && html.contains(&some_excerpt),
        "{some_excerpt}"
    );
    let md = export(&mut h, &out, "Coded excerpts", Some("Markdown"), "all.md");
    assert!(
        std::fs::read_to_string(md)
            .unwrap()
            .starts_with("# Support group (sample)")
    );
    let docx = export(
        &mut h,
        &out,
        "Coded excerpts",
        Some("Word document"),
        "all.docx",
    );
    assert!(zip_entry(&docx, "word/document.xml").contains("coded excerpts"));

    // Excerpts with the retrieval tab's code and filter: exactly what it retrieves.
    let resonance = code_named(&p, "Emotional resonance");
    {
        let r = &mut h.state_mut().analysis_mut().retrieval;
        r.code = Some(resonance);
        r.subcodes = true;
        r.filter.attributes = "region=Shandong".into();
    }
    h.state_mut().export_dialog_mut().with_retrieval = true;
    h.state_mut().queue(Command::ExportDialog);
    frames(&mut h, 3);
    h.get_by_label(
        "Excerpts of Emotional resonance with its sub-codes, narrowed by the retrieval tab's filters.",
    );
    let shandong = export(&mut h, &out, "Coded excerpts", Some("CSV"), "shandong.csv");
    let expected = h
        .state()
        .analysis()
        .retrieval
        .retrieve_for_export(project(&h))
        .unwrap();
    assert!(!expected.is_empty() && expected.len() < codings / 4);
    let mut reader = csv::Reader::from_path(&shandong).unwrap();
    let header = reader.headers().unwrap().clone();
    let case_col = header.iter().position(|c| c == "case").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected.len());
    let shandong_cases = ["G5", "G8", "G9", "G10"];
    assert!(
        rows.iter().all(|r| shandong_cases.contains(&&r[case_col])),
        "{rows:?}"
    );

    // The codebook, read back by the codebook importer: the same tree.
    let codes = p.codes().len();
    for (format, name) in [
        ("REFI-QDA codebook (.qdc)", "book.qdc"),
        ("CSV", "book.csv"),
    ] {
        let file = export(&mut h, &out, "Codebook", Some(format), name);
        let back = margin::import::codebook::read_codebook(&file).unwrap();
        assert_eq!(back.len(), codes, "{name}");
        let merge = margin::import::codebook::merge_codebook(project(&h), &back);
        assert!(
            merge.edit.is_empty(),
            "{name} reads back as the same codebook"
        );
        assert_eq!(
            h.state().notices().last().unwrap().text,
            format!("Wrote {codes} codes to {}.", file.display())
        );
    }
    let book = export(&mut h, &out, "Codebook", Some("Markdown"), "book.md");
    assert!(
        std::fs::read_to_string(book)
            .unwrap()
            .contains("**Identity construction**")
    );

    // Every memo, in Word and Markdown.
    let memos = all_memos(project(&h)).len();
    let docx = export(
        &mut h,
        &out,
        "All memos",
        Some("Word document"),
        "memos.docx",
    );
    let body = zip_entry(&docx, "word/document.xml");
    assert!(body.contains("Everything in this project is fictional"));
    assert_eq!(body.matches("<w:pStyle w:val=\"Quote\"/>").count(), memos);
    assert_eq!(
        h.state().notices().last().unwrap().text,
        format!("Wrote {memos} memos to {}.", docx.display())
    );
    let md = export(&mut h, &out, "All memos", Some("Markdown"), "memos.md");
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("## Project") && md.contains("## Codings"));
    assert_eq!(md.matches("\n### ").count(), memos);

    // The whole project, read back by the REFI-QDA importer.
    let qdpx = export(
        &mut h,
        &out,
        "The whole project, for NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA .qdpx)",
        None,
        "study.qdpx",
    );
    let back = margin::import::qdpx::read(&qdpx).unwrap();
    assert_eq!(back.project.documents().len(), p.documents().len());
    assert_eq!(back.project.codings().len(), codings);
    assert!(
        h.state()
            .notices()
            .last()
            .unwrap()
            .text
            .starts_with(&format!(
                "Wrote {}: 11 documents, {codes} codes, {codings} codings",
                qdpx.display()
            ))
    );
}

#[test]
fn a_codebook_is_imported_after_a_preview_as_one_undo_step() {
    let f = fixture();
    let mut h = harness(&f);
    let before = project(&h).codes().clone();
    let qdc = f.dir.path().join("partner codebook.qdc");
    std::fs::write(
        &qdc,
        r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="a partner team (fictional)"><Codes>
<Code guid="7b0e2a8e-1111-4c2e-9d7a-0a0000000001" name="Identity construction" isCodable="true">
<Code guid="7b0e2a8e-1111-4c2e-9d7a-0a0000000002" name="希望 hope" isCodable="true" color="#2a9d8f"><Description>Talk of a future after treatment</Description></Code></Code>
<Code guid="7b0e2a8e-1111-4c2e-9d7a-0a0000000003" name="Information seeking" isCodable="true"><Description>Asking the group about doctors, drugs, hospitals</Description></Code>
</Codes></CodeBook>"##,
    )
    .unwrap();
    menu(&mut h, "Project", "Import codebook…");
    pick(&mut h, &qdc);
    h.get_by_label("Import the codebook partner codebook.qdc");
    h.get_by_label(
        "2 new codes, 0 existing codes take the file's description, 1 is already in the codebook.",
    );
    h.get_by_label("+ Identity construction / 希望 hope");
    h.get_by_label("+ Information seeking");
    assert_eq!(
        project(&h).codes(),
        &before,
        "nothing changes before Import"
    );
    h.get_by_role_and_label(Role::Button, "Import").click();
    frames(&mut h, 3);
    let p = project(&h);
    assert_eq!(p.codes().len(), before.len() + 2);
    let hope = p.code_named("希望 hope").unwrap();
    assert_eq!(p.code_path(hope.id), "Identity construction / 希望 hope");
    assert_eq!(hope.color.to_hex(), "#2a9d8f");
    assert_eq!(hope.description, "Talk of a future after treatment");
    assert_eq!(
        h.state().notices().last().unwrap().text,
        "Added 2 codes and described 0. Undo with Ctrl+Z."
    );
    assert_eq!(
        h.state().session().unwrap().undo_redo_labels().0,
        Some("Import codebook")
    );
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 3);
    assert_eq!(project(&h).codes(), &before);

    // A CSV codebook; a file that is not one says why, naming the file and its line.
    let csv = f.dir.path().join("codes.csv");
    std::fs::write(
        &csv,
        "name,parent,description\nWaiting,,Waiting for results\nWaiting for scans,Waiting,\n",
    )
    .unwrap();
    menu(&mut h, "Project", "Import codebook…");
    pick(&mut h, &csv);
    h.get_by_label("+ Waiting / Waiting for scans");
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert_eq!(project(&h).codes(), &before, "Escape imports nothing");
    let bad = f.dir.path().join("notes.csv");
    std::fs::write(&bad, "label,notes\nA,b\n").unwrap();
    menu(&mut h, "Project", "Import codebook…");
    pick(&mut h, &bad);
    let said = &h.state().notices().last().unwrap().text;
    assert!(
        said.starts_with("Could not read the codebook: ") && said.contains("notes.csv:1:"),
        "{said}"
    );
}

#[test]
fn a_heatmap_cell_clicked_opens_its_excerpts_in_retrieval() {
    let f = fixture();
    let mut h = harness(&f);
    let p = project(&h).clone();
    let region = p
        .attributes()
        .values()
        .find(|a| a.name == "region")
        .unwrap()
        .id;
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Tables));
    frames(&mut h, 2);
    {
        let t = &mut h.state_mut().analysis_mut().tables;
        t.kind = TableKind::Crosstab;
        t.attribute = Some(region);
    }
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    let row = grid
        .rows
        .iter()
        .position(|r| r.trim() == "Role disorder and loneliness")
        .unwrap();
    let column = grid.columns.iter().position(|c| c == "Shandong").unwrap();
    let value = grid.values[row][column];
    assert!(value > 0.0);
    let (origin, cell) = h.state().analysis().tables.cells_at.unwrap();
    #[allow(clippy::cast_precision_loss)]
    let at = Pos2::new(
        origin.x + cell.x * (column as f32 + 0.5),
        origin.y + cell.y * (row as f32 + 0.5),
    );
    click_at(&mut h, at);
    frames(&mut h, 2);
    let analysis = h.state().analysis();
    assert_eq!(analysis.tab, AnalysisTab::Retrieval);
    let r = &analysis.retrieval;
    assert_eq!(r.code, Some(code_named(&p, "Role disorder and loneliness")));
    assert_eq!(r.error, None);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let expected = value as usize;
    assert_eq!(
        r.results.len(),
        expected,
        "the cell's count is its excerpts"
    );
    let shandong_cases = ["G5", "G8", "G9", "G10"];
    assert!(r.results.iter().all(|x| {
        x.case_name
            .as_deref()
            .is_some_and(|c| shandong_cases.contains(&c))
    }),);
    h.get_by_label(&format!("{expected} excerpts"));

    // A month of the chat's timeline: the excerpts of that month.
    h.state_mut().analysis_mut().tab = AnalysisTab::Tables;
    h.state_mut().analysis_mut().tables.kind = TableKind::Timeline;
    frames(&mut h, 1);
    h.get_by_label("Compute").click();
    frames(&mut h, 3);
    let grid = h.state().analysis().tables.grid.clone().unwrap();
    let (row, column) = (0, 1);
    let value = grid.values[row][column];
    let (origin, cell) = h.state().analysis().tables.cells_at.unwrap();
    click_at(
        &mut h,
        Pos2::new(origin.x + cell.x * 1.5, origin.y + cell.y * 0.5),
    );
    frames(&mut h, 2);
    let r = &h.state().analysis().retrieval;
    assert_eq!(h.state().analysis().tab, AnalysisTab::Retrieval);
    assert_eq!(r.filter.sent_from, "2024-06-01");
    assert_eq!(r.filter.sent_to, "2024-06-30");
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let expected = value as usize;
    assert_eq!(r.results.len(), expected, "{}", grid.columns[column]);
}

#[test]
fn the_new_windows_speak_chinese() {
    let f = fixture();
    std::fs::write(
        f.config.join("config.ron"),
        "(coder_name: Some(\"林悦\"), theme: Light, file_dialog: Builtin, language: Some(SimplifiedChinese))",
    )
    .unwrap();
    let mut h = harness(&f);
    let total = all_memos(project(&h)).len();
    menu(&mut h, "项目", "备忘录…");
    h.get_by_label(&format!("共 {total} 条备忘录，显示 {total} 条"));
    h.get_by_label_contains("编码片段（");
    h.state_mut().queue(Command::ExportDialog);
    frames(&mut h, 3);
    h.get_by_role_and_label(Role::RadioButton, "编码摘录");
    h.get_by_role_and_label(Role::RadioButton, "编码簿").click();
    frames(&mut h, 2);
    h.get_by_role_and_label(Role::RadioButton, "REFI-QDA 编码簿（.qdc）");
    let g2 = project(&h)
        .documents()
        .values()
        .find(|d| d.name == "Interview G2")
        .unwrap()
        .id;
    h.state_mut().queue(Command::ShowDocumentProperties(g2));
    frames(&mut h, 3);
    h.get_by_label("Interview G2：属性");
    h.get_by_label("文本哈希值（SHA-256）");
    h.state_mut().queue(Command::AskDeleteDocument(g2));
    frames(&mut h, 3);
    h.get_by_label("删除“Interview G2”？");
    h.get_by_label_contains("个编码片段（来自 2 位编码者）将一并删除。");
}

#[test]
fn the_quote_matrix_is_exported_from_the_dialog_by_an_attribute_in_bands() {
    let f = fixture();
    let mut h = harness(&f);
    let out = f.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let age = project(&h)
        .attributes()
        .values()
        .find(|a| a.name == "age")
        .unwrap()
        .id;
    h.state_mut().queue(Command::ExportDialog);
    frames(&mut h, 3);
    h.get_by_role_and_label(
        Role::RadioButton,
        "Quotes by code and group (quote matrix: codes × an attribute's values)",
    )
    .click();
    frames(&mut h, 2);
    // Columns by age, in bands of ten; the English of translated quotes only.
    h.state_mut().export_dialog_mut().matrix_by = Some(age);
    frames(&mut h, 2);
    h.get_by_label("Bands of");
    h.get_by_role_and_label(Role::RadioButton, "translation")
        .click();
    frames(&mut h, 2);
    h.get_by_label("Export to a file…").click();
    frames(&mut h, 3);
    let path = out.join("quotes.html");
    pick(&mut h, &path);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<th>40–49</th>"), "bands of ten");
    assert!(html.contains("Running away doesn&#39;t mean that hospital is bad"));
    assert!(
        !html.contains("跑路不是说人家医院不好"),
        "the translation only"
    );
    assert!(
        h.state()
            .notices()
            .last()
            .unwrap()
            .text
            .starts_with("Wrote the quotes of 14 codes in 4 columns"),
        "{:?}",
        h.state().notices()
    );
}
