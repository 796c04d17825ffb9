//! One place to carry the study out of Margin (Project ▸ Export…): coded excerpts in every
//! format the command line writes (with the retrieval tab's code and filters, or all of them),
//! the codebook (REFI-QDA `.qdc`, CSV, Markdown), every memo (Markdown, Word) and the whole
//! project as REFI-QDA `.qdpx`. The file is chosen through the window's file dialogs and written
//! by the same `crate::export` functions as `margin export` ([`write_export`]).
//!
//! Also the preview of a codebook import (Project ▸ Import codebook…): which codes a `.qdc` or
//! CSV file adds and which existing ones it completes, applied as one undo step.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::command::Command;
use super::error::UiError;
use super::i18n::tr;
use super::retrieval_panel::{RetrievalState, export_results_as};
use crate::analysis::crosstab::CrosstabColumns;
use crate::export::memos::all_memos;
use crate::export::{ExcerptFilter, Quotes, codebook, excerpts, memos, qdpx, report, write_file};
use crate::import::codebook::{CodebookMerge, IncomingCode, merge_codebook};
use crate::model::{AttributeId, AttributeKind, DocumentId, Project};
use crate::session::Action;

/// What to export, in which format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportChoice {
    /// Coded excerpts.
    Excerpts(excerpts::Format),
    /// The codebook.
    Codebook(codebook::Format),
    /// Every memo.
    Memos(memos::Format),
    /// The whole project as REFI-QDA `.qdpx`.
    Project,
    /// One document with its codings highlighted and their codes in the margin.
    CodedDocument {
        /// The document.
        document: DocumentId,
        /// HTML or Word.
        format: excerpts::Format,
    },
    /// Codes × a case attribute's values (or the cases), each cell its quotes.
    QuoteMatrix {
        /// Markdown, HTML or Word.
        format: excerpts::Format,
        /// The attribute (`None`: one column per case).
        by: Option<AttributeId>,
        /// For a number attribute, bands this wide.
        bin: Option<u32>,
        /// Which text of a translated quote to show.
        quotes: Quotes,
    },
    /// The paper report: methods, codebook, exemplar quotes, summary grid, table, agreement.
    Report(excerpts::Format),
    /// Cases × codes, each cell its summaries and how many codings are behind it.
    SummaryGrid {
        /// Word, Excel, HTML or Markdown.
        format: excerpts::Format,
        /// Group the rows by this attribute.
        by: Option<AttributeId>,
        /// For a number attribute, bands this wide.
        bin: Option<u32>,
    },
}

/// The formats the paper report is written in.
const REPORT_FORMATS: [excerpts::Format; 2] = [excerpts::Format::Docx, excerpts::Format::Html];

/// The formats the summary grid is written in.
const GRID_FORMATS: [excerpts::Format; 4] = [
    excerpts::Format::Docx,
    excerpts::Format::Xlsx,
    excerpts::Format::Html,
    excerpts::Format::Markdown,
];

/// The formats the quote matrix is written in.
const MATRIX_FORMATS: [excerpts::Format; 3] = [
    excerpts::Format::Html,
    excerpts::Format::Docx,
    excerpts::Format::Markdown,
];

/// How many quotes a cell of the quote matrix shows (the rest are counted).
const QUOTES_PER_CELL: usize = 3;

impl ExportChoice {
    /// The usual file extension.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Excerpts(f) => f.extension(),
            Self::Codebook(f) => f.extension(),
            Self::Memos(f) => f.extension(),
            Self::QuoteMatrix { format, .. }
            | Self::CodedDocument { format, .. }
            | Self::SummaryGrid { format, .. }
            | Self::Report(format) => format.extension(),
            Self::Project => "qdpx",
        }
    }

    /// The file name proposed.
    #[must_use]
    pub const fn file_name(self) -> &'static str {
        use codebook::Format as C;
        use excerpts::Format as E;
        match self {
            Self::Excerpts(E::Csv | E::CsvExcel) => "excerpts.csv",
            Self::Excerpts(E::Xlsx) => "excerpts.xlsx",
            Self::Excerpts(E::Html) => "excerpts.html",
            Self::Excerpts(E::Markdown) => "excerpts.md",
            Self::Excerpts(E::Docx) => "excerpts.docx",
            Self::Codebook(C::Qdc) => "codebook.qdc",
            Self::Codebook(C::Csv) => "codebook.csv",
            Self::Codebook(C::Markdown) => "codebook.md",
            Self::Memos(memos::Format::Markdown) => "memos.md",
            Self::Memos(memos::Format::Docx) => "memos.docx",
            Self::Project => "project.qdpx",
            Self::QuoteMatrix {
                format: E::Docx, ..
            } => "quotes.docx",
            Self::QuoteMatrix {
                format: E::Markdown,
                ..
            } => "quotes.md",
            Self::QuoteMatrix { .. } => "quotes.html",
            Self::SummaryGrid {
                format: E::Docx, ..
            } => "summary-grid.docx",
            Self::SummaryGrid {
                format: E::Xlsx, ..
            } => "summary-grid.xlsx",
            Self::SummaryGrid {
                format: E::Markdown,
                ..
            } => "summary-grid.md",
            Self::SummaryGrid { .. } => "summary-grid.html",
            Self::Report(E::Docx) => "report.docx",
            Self::Report(_) => "report.html",
            Self::CodedDocument {
                format: E::Docx, ..
            } => "coded-document.docx",
            Self::CodedDocument { .. } => "coded-document.html",
        }
    }

    /// The extensions the file dialog offers.
    #[must_use]
    pub const fn extensions(self) -> &'static [&'static str] {
        match self.extension().as_bytes() {
            b"csv" => &["csv"],
            b"xlsx" => &["xlsx"],
            b"html" => &["html", "htm"],
            b"md" => &["md"],
            b"docx" => &["docx"],
            b"qdc" => &["qdc"],
            _ => &["qdpx"],
        }
    }
}

/// The name of a format, as the dialog lists it.
#[must_use]
pub fn format_name(choice: ExportChoice) -> &'static str {
    use codebook::Format as C;
    use excerpts::Format as E;
    match choice {
        ExportChoice::QuoteMatrix { format, .. }
        | ExportChoice::CodedDocument { format, .. }
        | ExportChoice::SummaryGrid { format, .. }
        | ExportChoice::Report(format) => format_name(ExportChoice::Excerpts(format)),
        ExportChoice::Excerpts(E::Csv) | ExportChoice::Codebook(C::Csv) => "CSV",
        ExportChoice::Excerpts(E::CsvExcel) => tr!("export-format-csv-excel"),
        ExportChoice::Excerpts(E::Xlsx) => tr!("picker-filter-xlsx"),
        ExportChoice::Excerpts(E::Html) => tr!("picker-filter-html"),
        ExportChoice::Excerpts(E::Markdown)
        | ExportChoice::Codebook(C::Markdown)
        | ExportChoice::Memos(memos::Format::Markdown) => "Markdown",
        ExportChoice::Excerpts(E::Docx) | ExportChoice::Memos(memos::Format::Docx) => {
            tr!("picker-filter-docx")
        }
        ExportChoice::Codebook(C::Qdc) => tr!("export-format-qdc"),
        ExportChoice::Project => tr!("picker-filter-qdpx"),
    }
}

/// Which of the four things the dialog exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ExportWhat {
    /// Coded excerpts.
    #[default]
    Excerpts,
    /// The codebook.
    Codebook,
    /// Every memo.
    Memos,
    /// The whole project.
    Project,
    /// The quote matrix.
    QuoteMatrix,
    /// The summary grid.
    SummaryGrid,
    /// The paper report.
    Report,
}

/// The export dialog and the codebook import preview.
#[derive(Debug)]
pub struct ExportDialog {
    /// The dialog is shown.
    pub open: bool,
    /// What is exported.
    pub what: ExportWhat,
    /// The excerpts' format.
    pub excerpts: excerpts::Format,
    /// The codebook's format.
    pub codebook: codebook::Format,
    /// The memos' format.
    pub memos: memos::Format,
    /// Export only the excerpts the retrieval tab's code and filters select.
    pub with_retrieval: bool,
    /// A codebook file read and what importing it would do.
    pub codebook_preview: Option<CodebookPreview>,
    /// The quote matrix's format.
    pub matrix_format: excerpts::Format,
    /// Its columns: an attribute's values, else the cases.
    pub matrix_by: Option<AttributeId>,
    /// The width of the bands of a number attribute.
    pub matrix_bin: u32,
    /// Which text of a translated quote the matrix shows.
    pub quotes: Quotes,
    /// The summary grid's format (its rows are grouped as the matrix's columns are).
    pub grid_format: excerpts::Format,
    /// The paper report's format.
    pub report_format: excerpts::Format,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            what: ExportWhat::Excerpts,
            excerpts: excerpts::Format::Xlsx,
            codebook: codebook::Format::Qdc,
            memos: memos::Format::Docx,
            with_retrieval: true,
            codebook_preview: None,
            matrix_format: excerpts::Format::Html,
            matrix_by: None,
            matrix_bin: 10,
            quotes: Quotes::Both,
            grid_format: excerpts::Format::Docx,
            report_format: excerpts::Format::Docx,
        }
    }
}

impl ExportDialog {
    /// The export chosen (a number attribute's values in bands).
    #[must_use]
    pub fn choice(&self, project: &Project) -> ExportChoice {
        let bin = self
            .matrix_by
            .and_then(|a| project.attributes().get(&a))
            .filter(|a| matches!(a.kind, AttributeKind::Number))
            .map(|_| self.matrix_bin.max(1));
        match self.what {
            ExportWhat::QuoteMatrix => ExportChoice::QuoteMatrix {
                format: self.matrix_format,
                by: self.matrix_by,
                bin,
                quotes: self.quotes,
            },
            ExportWhat::Report => ExportChoice::Report(self.report_format),
            ExportWhat::SummaryGrid => ExportChoice::SummaryGrid {
                format: self.grid_format,
                by: self.matrix_by,
                bin,
            },
            ExportWhat::Excerpts => ExportChoice::Excerpts(self.excerpts),
            ExportWhat::Codebook => ExportChoice::Codebook(self.codebook),
            ExportWhat::Memos => ExportChoice::Memos(self.memos),
            ExportWhat::Project => ExportChoice::Project,
        }
    }

    /// Show what importing the codebook `codes` read from `path` would do to `project`.
    pub fn preview_codebook(&mut self, project: &Project, path: PathBuf, codes: Vec<IncomingCode>) {
        let merge = merge_codebook(project, &codes);
        self.codebook_preview = Some(CodebookPreview { path, codes, merge });
    }
}

/// A codebook file read, and what importing it would do.
#[derive(Debug, Clone, PartialEq)]
pub struct CodebookPreview {
    /// The file.
    pub path: PathBuf,
    /// Its codes.
    pub codes: Vec<IncomingCode>,
    /// What merging them would do.
    pub merge: CodebookMerge,
}

/// Write `choice` to `path` through the export module: the excerpts the retrieval tab selects
/// (when `retrieval` is given), else all of them. Returns the line to tell the user.
pub fn write_export(
    project: &Project,
    choice: ExportChoice,
    retrieval: Option<&RetrievalState>,
    path: &Path,
) -> Result<String, UiError> {
    let path_text = path.display().to_string();
    Ok(match choice {
        ExportChoice::Excerpts(format) => {
            let n = match retrieval {
                Some(r) => {
                    let results = r.retrieve_for_export(project)?;
                    export_results_as(project, &results, path, format)?
                }
                None => write_file(path, |out| {
                    excerpts::write(project, &ExcerptFilter::all(), format, out)
                })?,
            };
            tr!("notice-exported", count = n, path = path_text)
        }
        ExportChoice::Codebook(format) => {
            let n = write_file(path, |out| codebook::write(project, format, out))?;
            tr!("export-done-codebook", count = n, path = path_text)
        }
        ExportChoice::Memos(format) => {
            let list = all_memos(project);
            let n = write_file(path, |out| memos::write(project, &list, format, out))?;
            tr!("export-done-memos", count = n, path = path_text)
        }
        ExportChoice::CodedDocument { document, format } => {
            let n = write_file(path, |out| {
                excerpts::write_document(project, document, format, out)
            })?;
            tr!("export-done-document", count = n, path = path_text)
        }
        ExportChoice::QuoteMatrix {
            format,
            by,
            bin,
            quotes,
        } => {
            let columns = columns_for(by, bin);
            let filter = ExcerptFilter {
                quotes,
                ..ExcerptFilter::all()
            };
            let matrix = excerpts::quote_matrix(project, &filter, columns)?;
            write_file(path, |out| {
                excerpts::write_matrix(project, &matrix, QUOTES_PER_CELL, quotes, format, out)
            })?;
            tr!(
                "export-done-matrix",
                codes = matrix.rows.len(),
                columns = matrix.columns.len(),
                path = path_text
            )
        }
        ExportChoice::SummaryGrid { format, by, bin } => {
            let grid =
                excerpts::summary_grid(project, &ExcerptFilter::all(), columns_for(by, bin))?;
            write_file(path, |out| {
                excerpts::write_summary_grid(project, &grid, format, out)
            })?;
            tr!(
                "export-done-grid",
                cases = grid.rows.len(),
                codes = grid.codes.len(),
                path = path_text
            )
        }
        ExportChoice::Report(format) => {
            let s = write_file(path, |out| report::write_report(project, format, out))?;
            tr!(
                "export-done-report",
                codes = s.codes,
                exemplars = s.exemplars,
                summaries = s.summaries,
                path = path_text
            )
        }
        ExportChoice::Project => {
            let s = write_file(path, |out| qdpx::write(project, out))?;
            let mut said = tr!(
                "export-done-qdpx",
                path = path_text,
                documents = s.documents,
                codes = s.codes,
                codings = s.codings,
                memos = s.memos
            );
            if !s.not_carried.is_empty() {
                said = tr!(
                    "export-done-qdpx-not-carried",
                    said = said,
                    what = s.not_carried.join("; ")
                );
            }
            said
        }
    })
}

/// The formats of one kind of export, as radio buttons.
fn formats_ui<F: Copy + PartialEq>(
    value: &mut F,
    all: &[F],
    choice: impl Fn(F) -> ExportChoice,
    ui: &mut Ui,
) {
    ui.horizontal_wrapped(|ui| {
        for &f in all {
            ui.radio_value(value, f, format_name(choice(f)));
        }
    });
}

/// Show the export dialog and the codebook import preview, if open.
pub fn export_dialog_ui(
    state: &mut ExportDialog,
    project: &Project,
    retrieval: &RetrievalState,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();
    if state.open {
        let mut open = true;
        egui::Window::new(tr!("export-title"))
            .id(egui::Id::unique("export-dialog"))
            .open(&mut open)
            .default_width(460.0)
            .resizable(false)
            .collapsible(false)
            .show(&ctx, |ui| {
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::Excerpts, tr!("export-what-excerpts"));
                if *w == ExportWhat::Excerpts {
                    ui.indent("excerpt-formats", |ui| {
                        formats_ui(
                            &mut state.excerpts,
                            &excerpts::Format::ALL,
                            ExportChoice::Excerpts,
                            ui,
                        );
                        ui.checkbox(&mut state.with_retrieval, tr!("export-with-retrieval"));
                        let scope = if state.with_retrieval {
                            retrieval_scope(retrieval, project)
                        } else {
                            tr!("export-all-excerpts").to_owned()
                        };
                        ui.add(egui::Label::new(RichText::new(scope).weak()).wrap());
                    });
                }
                ui.radio_value(w, ExportWhat::Codebook, tr!("export-what-codebook"));
                if state.what == ExportWhat::Codebook {
                    ui.indent("codebook-formats", |ui| {
                        formats_ui(
                            &mut state.codebook,
                            &[
                                codebook::Format::Qdc,
                                codebook::Format::Csv,
                                codebook::Format::Markdown,
                            ],
                            ExportChoice::Codebook,
                            ui,
                        );
                    });
                }
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::Memos, tr!("export-what-memos"));
                if state.what == ExportWhat::Memos {
                    ui.indent("memo-formats", |ui| {
                        formats_ui(
                            &mut state.memos,
                            &[memos::Format::Docx, memos::Format::Markdown],
                            ExportChoice::Memos,
                            ui,
                        );
                    });
                }
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::QuoteMatrix, tr!("export-what-matrix"));
                if state.what == ExportWhat::QuoteMatrix {
                    ui.indent("matrix-options", |ui| matrix_options_ui(state, project, ui));
                }
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::SummaryGrid, tr!("export-what-grid"));
                if state.what == ExportWhat::SummaryGrid {
                    ui.indent("grid-options", |ui| {
                        formats_ui(
                            &mut state.grid_format,
                            &GRID_FORMATS,
                            ExportChoice::Excerpts,
                            ui,
                        );
                        grouping_ui(state, project, tr!("export-grid-by"), ui);
                    });
                }
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::Report, tr!("export-what-report"));
                if state.what == ExportWhat::Report {
                    ui.indent("report-options", |ui| {
                        formats_ui(
                            &mut state.report_format,
                            &REPORT_FORMATS,
                            ExportChoice::Excerpts,
                            ui,
                        );
                        ui.add(
                            egui::Label::new(RichText::new(tr!("export-report-explain")).weak())
                                .wrap(),
                        );
                    });
                }
                let w = &mut state.what;
                ui.radio_value(w, ExportWhat::Project, tr!("export-what-project"));
                if state.what == ExportWhat::Project {
                    ui.indent("project-format", |ui| {
                        ui.add(
                            egui::Label::new(RichText::new(tr!("export-project-explain")).weak())
                                .wrap(),
                        );
                    });
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(tr!("export-choose-file")).clicked() {
                        commands.push(Command::ExportAsDialog(state.choice(project)));
                    }
                    if ui.button(tr!("export-import-codebook")).clicked() {
                        commands.push(Command::ImportCodebookDialog);
                    }
                });
            });
        state.open = open;
    }

    if let Some(preview) = &state.codebook_preview {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("codebook-preview")).show(&ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(tr!(
                "codebook-import-title",
                file = preview
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            let m = &preview.merge;
            ui.label(tr!(
                "codebook-import-summary",
                added = m.added.len(),
                described = m.described.len(),
                unchanged = m.unchanged
            ));
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    if !m.added.is_empty() {
                        ui.add_space(4.0);
                        ui.label(RichText::new(tr!("codebook-import-added")).strong());
                        for p in &m.added {
                            ui.label(format!("+ {p}"));
                        }
                    }
                    if !m.described.is_empty() {
                        ui.add_space(4.0);
                        ui.label(RichText::new(tr!("codebook-import-described")).strong());
                        for p in &m.described {
                            ui.label(format!("~ {p}"));
                        }
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let nothing = m.edit.is_empty();
                if ui
                    .add_enabled(!nothing, egui::Button::new(tr!("codebook-import-ok")))
                    .clicked()
                {
                    commands.push(Command::Edit(Action::ImportCodebook(preview.codes.clone())));
                    close = true;
                }
                if ui.button(tr!("dialog-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
        });
        if close {
            state.codebook_preview = None;
        }
    }
    commands
}

/// The quote matrix's options: its format, its columns, the bands of a number attribute, and
/// which text of a translated quote it shows.
/// The quote matrix's or the summary grid's columns or rows: the cases, or an attribute's
/// values (a number attribute's in bands).
fn columns_for(by: Option<AttributeId>, bin: Option<u32>) -> CrosstabColumns {
    match by {
        Some(attribute) => CrosstabColumns::Attribute {
            attribute,
            bin: bin.map(f64::from),
        },
        None => CrosstabColumns::Cases,
    }
}

fn matrix_options_ui(state: &mut ExportDialog, project: &Project, ui: &mut Ui) {
    formats_ui(
        &mut state.matrix_format,
        &MATRIX_FORMATS,
        ExportChoice::Excerpts,
        ui,
    );
    grouping_ui(state, project, tr!("export-matrix-by"), ui);
    ui.horizontal(|ui| {
        ui.label(tr!("export-quotes"));
        for (q, label) in [
            (Quotes::Both, tr!("export-quotes-both")),
            (Quotes::Original, tr!("export-quotes-original")),
            (Quotes::Translation, tr!("export-quotes-translation")),
        ] {
            ui.radio_value(&mut state.quotes, q, label);
        }
    });
}

/// The attribute the matrix's columns or the grid's rows go by, and the bands' width.
fn grouping_ui(state: &mut ExportDialog, project: &Project, label: &str, ui: &mut Ui) {
    let attributes = project.attributes_sorted();
    let name = |by: Option<AttributeId>| {
        by.and_then(|a| project.attributes().get(&a)).map_or_else(
            || tr!("export-matrix-by-cases").to_owned(),
            |a| a.name.clone(),
        )
    };
    ui.horizontal(|ui| {
        ui.label(label);
        egui::ComboBox::from_id_salt("matrix-by")
            .selected_text(name(state.matrix_by))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.matrix_by, None, name(None));
                for a in &attributes {
                    ui.selectable_value(&mut state.matrix_by, Some(a.id), a.name.as_str());
                }
            });
    });
    let number = state
        .matrix_by
        .and_then(|a| project.attributes().get(&a))
        .is_some_and(|a| matches!(a.kind, AttributeKind::Number));
    if number {
        ui.horizontal(|ui| {
            ui.label(tr!("export-matrix-bin"));
            ui.add(egui::DragValue::new(&mut state.matrix_bin).range(1..=1000));
        });
    }
}

/// What the retrieval tab selects, in a sentence.
fn retrieval_scope(retrieval: &RetrievalState, project: &Project) -> String {
    let code = retrieval.code.and_then(|c| project.code(c)).map_or_else(
        || tr!("export-every-code").to_owned(),
        |c| {
            if retrieval.subcodes {
                tr!("export-code-with-subcodes", code = project.code_path(c.id))
            } else {
                project.code_path(c.id)
            }
        },
    );
    if retrieval.filtered() {
        tr!("export-retrieval-filtered", code = code)
    } else {
        tr!("export-retrieval-unfiltered", code = code)
    }
}
