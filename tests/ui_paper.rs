//! The paper's quotes in the window: a coding is marked as an exemplar of its code in the
//! inspector (undoable) and in retrieval, and its quote gets a translation with a note, saved
//! in the coding's file.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::path::PathBuf;

use egui::Event;
use egui_kittest::kittest::Queryable;
use margin::model::CodingId;
use margin::ui::{Command, ConfigStore};
use ui_common::{frames, harness_with, project};

fn sample() -> (tempfile::TempDir, PathBuf, ConfigStore) {
    let dir = tempfile::tempdir().unwrap();
    let sample = margin::bundled::BundledSample::support_group();
    let copy = margin::ui::sample_copy(&sample, dir.path()).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin Yue\"), language: Some(English))",
    )
    .unwrap();
    (dir, copy, ConfigStore::in_dir(&config))
}

#[test]
fn a_coding_becomes_an_exemplar_and_gets_a_translation_in_the_inspector() {
    let (_dir, root, config) = sample();
    let mut h = harness_with(Some(root.clone()), config);
    let doc = h.state().transcript().document().unwrap();
    let id: CodingId = project(&h)
        .codings()
        .values()
        .find(|c| c.document == doc && !c.exemplar && c.translation.is_none())
        .unwrap()
        .id;
    h.state_mut().queue(Command::SelectCoding(id));
    frames(&mut h, 3);

    h.get_by_label("★ Exemplar of its code").click();
    frames(&mut h, 2);
    assert!(project(&h).coding(id).unwrap().exemplar);
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert!(!project(&h).coding(id).unwrap().exemplar, "undone");
    h.state_mut().queue(Command::Redo);
    frames(&mut h, 2);
    assert!(project(&h).coding(id).unwrap().exemplar, "redone");

    h.get_by_label("Translation of the quote (e.g. its English, for the paper)")
        .click();
    frames(&mut h, 1);
    h.event(Event::Text(
        "When someone graduates, the whole screen is flowers 🌹".into(),
    ));
    frames(&mut h, 1);
    // Leaving the field commits it, as one step.
    h.get_by_label("★ Exemplar of its code").focus();
    frames(&mut h, 3);
    let t = project(&h).coding(id).unwrap().translation.clone().unwrap();
    assert_eq!(
        t.text,
        "When someone graduates, the whole screen is flowers 🌹"
    );
    h.get_by_label("Note on the translation (translator, a choice of words)")
        .click();
    frames(&mut h, 1);
    h.event(Event::Text("tr. Lin Yue".into()));
    frames(&mut h, 1);
    h.get_by_label("★ Exemplar of its code").focus();
    frames(&mut h, 3);
    let t = project(&h).coding(id).unwrap().translation.clone().unwrap();
    assert_eq!(t.note, "tr. Lin Yue");

    // Saved in the coding's line.
    h.state_mut().flush().unwrap();
    let stored = margin::store::ProjectDir::open_read_only(&root)
        .unwrap()
        .project;
    let c = stored.coding(id).unwrap();
    assert!(c.exemplar);
    assert_eq!(c.translation.as_ref().unwrap().note, "tr. Lin Yue");
}

#[test]
fn the_open_document_is_exported_coded_from_the_document_menu() {
    use egui::accesskit::Role;
    use margin::export::excerpts::Format;
    use margin::ui::export_dialog::ExportChoice;
    let (dir, root, config) = sample();
    let mut h = harness_with(Some(root), config);
    let doc = h.state().transcript().document().unwrap();
    h.get_by_role_and_label(Role::Button, "Document").click();
    frames(&mut h, 2);
    h.get_by_label("Export coded (HTML)…");
    h.get_by_label("Export coded (Word)…");
    h.key_press(egui::Key::Escape);
    frames(&mut h, 2);
    // What the item asks the file dialog for, written where the user chose.
    let path = dir.path().join("G8 coded.html");
    h.state_mut().queue(Command::ExportTo {
        choice: ExportChoice::CodedDocument {
            document: doc,
            format: Format::Html,
        },
        path: path.clone(),
    });
    frames(&mut h, 2);
    let html = std::fs::read_to_string(&path).unwrap();
    let n = project(&h).codings_of(doc).count();
    assert_eq!(html.matches("<span class=\"tag\"").count(), n);
    assert!(
        h.state()
            .notices()
            .last()
            .unwrap()
            .text
            .starts_with(&format!("Wrote the document with its {n} codings")),
        "{:?}",
        h.state().notices()
    );
}

/// The summary grid: a cell clicked shows its quotes and takes this coder's summary, saved as
/// a memo on the cell (one undo step); a quote clicked opens its passage; the grid exports.
#[test]
fn a_summary_is_written_in_a_cell_of_the_summary_grid_and_exported() {
    use margin::model::MemoTarget;
    use margin::ui::command::AnalysisTab;
    let (dir, root, config) = sample();
    let mut h = harness_with(Some(root.clone()), config);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Summaries));
    frames(&mut h, 3);
    let p = project(&h);
    let g1 = p.case_named("G1").unwrap().id;
    let huddling = p.code_named("Huddling for warmth").unwrap().id;
    let lin = p.coder_named("Lin Yue").unwrap().id;
    let role = p.code_named("Role disorder and loneliness").unwrap().id;
    let cell = MemoTarget::Summary {
        case: g1,
        code: huddling,
    };
    assert!(p.memos_on(cell).is_empty());
    // Lin's summary of G1 × Role disorder starts its cell, after the count; a click chooses
    // the cell and shows Lin's summary to edit.
    h.get_by(|n| text(n).is_some_and(|l| l.contains("· 确诊后第一反应")))
        .click();
    frames(&mut h, 3);
    assert_eq!(h.state().analysis().summaries.selected, Some((g1, role)));
    assert!(
        h.state()
            .analysis()
            .summaries
            .draft
            .starts_with("确诊后第一反应")
    );
    // Choose G1 × Huddling (through the state: its button reads just a count).
    let app = h.state_mut();
    let project_copy = project_of(app);
    app.analysis_mut()
        .summaries
        .select(&project_copy, g1, huddling, Some(lin));
    frames(&mut h, 2);
    h.get_by_label("G1 × Identity construction / Huddling for warmth");
    let n = project(&h)
        .codings()
        .values()
        .filter(|c| c.code == huddling)
        .count();
    assert!(n > 0);
    h.get_by_label(&format!(
        "{} quotes",
        cell_quotes(project(&h), g1, huddling)
    ));
    h.get_by_label("Your summary of this cell:");
    h.get_by(|n| {
        n.role() == egui::accesskit::Role::MultilineTextInput
            && n.placeholder()
                .is_some_and(|p| p.starts_with("What does this case say"))
    })
    .click();
    frames(&mut h, 1);
    h.event(Event::Text("在群里找到“第二个家” 🏠".into()));
    frames(&mut h, 1);
    // Leaving the field saves it.
    h.get_by_label("Export the grid…").focus();
    frames(&mut h, 3);
    let memos = project(&h).memos_on(cell);
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].text, "在群里找到“第二个家” 🏠");
    assert_eq!(memos[0].author, Some(lin));
    // The cell shows it at once.
    h.get_by(|n| text(n).is_some_and(|l| l.contains("· 在群里找到")));
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert!(project(&h).memos_on(cell).is_empty(), "undone");
    h.state_mut().queue(Command::Redo);
    frames(&mut h, 2);

    // A quote of the cell opens its passage in the transcript.
    let quote = h.get_by(|n| {
        text(n).is_some_and(|l| l == "“It's like a second family, but one I chose.” (G1)")
    });
    quote.click();
    frames(&mut h, 3);
    let shown = h.state().transcript().document().unwrap();
    let in_cell = project(&h)
        .codings()
        .values()
        .any(|c| c.document == shown && c.code == huddling);
    assert!(
        in_cell,
        "the transcript shows a document with a coding of the cell's code"
    );

    // "Export the grid…" opens the export dialog on the summary grid; it writes Word.
    h.get_by_label("Export the grid…").click();
    frames(&mut h, 2);
    assert!(h.state().export_dialog().open);
    let out = dir.path().join("grid.docx");
    let choice = h.state().export_dialog().choice(project(&h));
    assert!(matches!(
        choice,
        margin::ui::export_dialog::ExportChoice::SummaryGrid { .. }
    ));
    h.state_mut().queue(Command::ExportTo {
        choice,
        path: out.clone(),
    });
    frames(&mut h, 3);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word package");
}

/// How many quotes the summary grid puts in a cell: the codings of the code whose excerpt's
/// case is the case.
fn cell_quotes(
    p: &margin::model::Project,
    case: margin::model::CaseId,
    code: margin::model::CodeId,
) -> usize {
    let grid = margin::export::excerpts::summary_grid(
        p,
        &margin::export::ExcerptFilter::all(),
        margin::analysis::crosstab::CrosstabColumns::Cases,
    )
    .unwrap();
    grid.cell(case, code).unwrap().excerpts.len()
}

/// What a node says: a button's label or a text's value.
fn text(n: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    n.label().or_else(|| n.value())
}

fn project_of(app: &margin::ui::MarginApp) -> margin::model::Project {
    app.session().unwrap().project().clone()
}

/// Project ▸ Export… writes the paper report as Word: the radio choice, then the file.
#[test]
fn the_paper_report_is_exported_from_the_export_dialog() {
    use egui_kittest::kittest::Queryable as _;
    let (dir, root, config) = sample();
    let mut h = harness_with(Some(root), config);
    h.state_mut().queue(Command::ExportDialog);
    frames(&mut h, 3);
    h.get_by_label_contains("The paper report").click();
    frames(&mut h, 2);
    h.get_by_label_contains("a methods paragraph stating what was coded");
    let choice = h.state().export_dialog().choice(project(&h));
    assert_eq!(
        choice,
        margin::ui::export_dialog::ExportChoice::Report(margin::export::excerpts::Format::Docx)
    );
    let out = dir.path().join("report.docx");
    h.state_mut().queue(Command::ExportTo {
        choice,
        path: out.clone(),
    });
    frames(&mut h, 3);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word package");
    h.get_by_label_contains("Wrote the report (14 codes");
}

/// Retrieval by a written code query (A AND (B OR C)), saved under a name for the team and run
/// again from the saved queries.
#[test]
fn a_written_code_query_is_retrieved_saved_and_run_again() {
    use egui::accesskit::Role;
    use margin::ui::command::AnalysisTab;
    let (_dir, root, config) = sample();
    let mut h = harness_with(Some(root), config);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Retrieval));
    frames(&mut h, 3);
    let field = |h: &egui_kittest::Harness<'_, margin::ui::MarginApp>| {
        h.get_by(|n| {
            n.role() == Role::TextInput
                && n.placeholder()
                    .is_some_and(|p| p.starts_with("Identity* AND"))
        })
        .click();
    };
    field(&h);
    frames(&mut h, 1);
    let query =
        "Self-transition AND (NEAR 1 TURNS Emotional arousal OR NEAR 1 TURNS Emotional solidarity)";
    h.event(Event::Text(query.into()));
    frames(&mut h, 1);
    h.key_press(egui::Key::Enter);
    frames(&mut h, 3);
    let results = h.state().analysis().retrieval.results.len();
    assert!(
        results > 0,
        "the query retrieves: {:?} {:?}",
        h.state().analysis().retrieval.written,
        h.state().analysis().retrieval.error
    );
    let expected = margin::analysis::retrieve::retrieve(
        project(&h),
        &margin::analysis::query::parse_query(
            project(&h),
            query,
            h.state().analysis().retrieval.query(project(&h)).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(results, expected.len());

    // Saved under a name (one undo step), for the team.
    h.get_by(|n| n.role() == Role::TextInput && n.placeholder() == Some("Name to save it under"))
        .click();
    frames(&mut h, 1);
    h.event(Event::Text("Change with feeling".into()));
    frames(&mut h, 1);
    h.get_by_label("Save the query").click();
    frames(&mut h, 3);
    let saved = &project(&h).manifest().queries;
    assert!(
        saved
            .iter()
            .any(|q| q.name == "Change with feeling" && q.query == query)
    );

    // A saved query chosen from the list is written in and run.
    h.get_by(|n| text(n).as_deref() == Some("Saved queries") && n.role() == Role::ComboBox)
        .click();
    frames(&mut h, 2);
    h.get_by_label("Identity with emotion nearby").click();
    frames(&mut h, 3);
    let state = &h.state().analysis().retrieval;
    assert_eq!(
        state.written,
        "Identity construction* AND (NEAR 1 TURNS Emotional arousal OR NEAR 1 TURNS Emotional solidarity)"
    );
    assert!(!state.results.is_empty() && state.error.is_none());
}

/// The Tables tab saves the table shown as a chart: PNG for Word, SVG for print.
#[test]
fn the_table_shown_is_saved_as_a_png_and_an_svg_chart() {
    use margin::ui::command::AnalysisTab;
    let (dir, root, config) = sample();
    let mut h = harness_with(Some(root), config);
    h.state_mut()
        .queue(Command::ShowAnalysis(AnalysisTab::Tables));
    frames(&mut h, 4);
    h.get_by_label("Save as chart…");
    for name in ["chart.png", "chart.svg"] {
        let path = dir.path().join(name);
        h.state_mut().queue(Command::ExportTable(path.clone()));
        frames(&mut h, 2);
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"<svg"),
            "{name}"
        );
    }
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    assert!(
        svg.contains("<title>Codes meeting codes</title>"),
        "co-occurrence is the first table"
    );
}
