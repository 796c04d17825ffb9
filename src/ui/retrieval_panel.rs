//! The coded-retrieval tab of the analysis window: pick a code (with or without its sub-codes),
//! narrow by documents, cases, attribute values (`region=Shandong; age=40..50`), coders and
//! dates, combine with a second code (overlapping, not overlapping, within N characters or
//! turns), and read the excerpts whole with their context and their coder; a click opens one in
//! the transcript, and "Export…" writes the list through the export module.

use std::path::Path;

use egui::{RichText, Ui};

use super::command::Command;
use super::error::UiError;
use super::filter_form::{FilterForm, filter_ui};
use super::i18n::tr;
use super::search_panel::{CONTEXT, code_picker, excerpt_paragraph};
use crate::analysis::query::parse_query;
use crate::analysis::retrieve::{
    self, CodeSelection, Combination, Proximity, RetrievalQuery, Retrieved,
};
use crate::export::excerpts::{self, Format};
use crate::export::{ExcerptFilter, write_file};
use crate::model::{CodeId, Project};
use crate::session::Action;

/// How the retrieved code is combined with a second one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Combine {
    /// No second code.
    #[default]
    None,
    /// Where it overlaps the second code.
    And,
    /// Where it overlaps no coding of the second code.
    AndNot,
    /// Within N characters of the second code.
    NearCharacters,
    /// Within N turns or messages of the second code.
    NearTurns,
}

/// The retrieval tab's query and results.
#[derive(Debug, Default)]
pub struct RetrievalState {
    /// The code retrieved.
    pub code: Option<CodeId>,
    /// Include its sub-codes.
    pub subcodes: bool,
    /// Which codings count: documents, cases, coders, attributes, dates.
    pub filter: FilterForm,
    /// The combination with a second code.
    pub combine: Combine,
    /// The second code.
    pub other: Option<CodeId>,
    /// Include the second code's sub-codes.
    pub other_subcodes: bool,
    /// N for the "near" combinations.
    pub within: usize,
    /// A code query written out (`Identity* AND (Hope OR NOT Stigma)`); when given, it takes
    /// the place of the code and the combination chosen above.
    pub written: String,
    /// The name to save the written query under.
    pub save_as: String,
    /// The results of the last retrieval.
    pub results: Vec<Retrieved>,
    /// Why the last retrieval failed.
    pub error: Option<String>,
    retrieved: bool,
}

impl RetrievalState {
    /// The query the tab describes.
    pub fn query(&self, project: &Project) -> Result<RetrievalQuery, UiError> {
        if !self.written.trim().is_empty() {
            let base = self.query_for(project, None)?;
            return Ok(parse_query(project, &self.written, base)?);
        }
        let code = self.code.ok_or(UiError::ChooseCode)?;
        let code = CodeSelection {
            code,
            with_subcodes: self.subcodes,
        };
        self.query_for(project, Some(code))
    }

    /// The query of the tab's filters and combination for `code` (`None`: every code).
    fn query_for(
        &self,
        project: &Project,
        code: Option<CodeSelection>,
    ) -> Result<RetrievalQuery, UiError> {
        let filter = self.filter.filter(project)?;
        let mut combinations = Vec::new();
        if self.combine != Combine::None && self.written.trim().is_empty() {
            let other = self.other.ok_or(UiError::ChooseSecondCode)?;
            let other = CodeSelection {
                code: other,
                with_subcodes: self.other_subcodes,
            };
            combinations.push(match self.combine {
                Combine::And => Combination::Overlapping(other),
                Combine::AndNot => Combination::NotOverlapping(other),
                Combine::NearCharacters => Combination::Near {
                    code: other,
                    within: Proximity::Characters(self.within),
                },
                Combine::NearTurns | Combine::None => Combination::Near {
                    code: other,
                    within: Proximity::Segments(self.within),
                },
            });
        }
        Ok(RetrievalQuery {
            code,
            filter,
            combinations,
            context: CONTEXT,
            ..RetrievalQuery::default()
        })
    }

    /// True when anything narrows the retrieval beyond its code (filters, a second code).
    #[must_use]
    pub fn filtered(&self) -> bool {
        self.filter != FilterForm::default()
            || self.combine != Combine::None
            || !self.written.trim().is_empty()
    }

    /// What the tab's code (every code when none is chosen) and filters retrieve, for an export.
    pub fn retrieve_for_export(&self, project: &Project) -> Result<Vec<Retrieved>, UiError> {
        let query = if self.written.trim().is_empty() {
            let code = self.code.map(|code| CodeSelection {
                code,
                with_subcodes: self.subcodes,
            });
            self.query_for(project, code)?
        } else {
            self.query(project)?
        };
        Ok(retrieve::retrieve(project, &query)?)
    }

    /// Run the retrieval on `project`.
    pub fn run(&mut self, project: &Project) {
        self.retrieved = true;
        let result = self
            .query(project)
            .and_then(|q| retrieve::retrieve(project, &q).map_err(UiError::from));
        match result {
            Ok(r) => {
                self.results = r;
                self.error = None;
            }
            Err(e) => {
                self.results.clear();
                self.error = Some(e.to_string());
            }
        }
    }
}

/// The export format for a file name's extension (CSV when unknown).
#[must_use]
pub fn format_for(path: &Path) -> Format {
    Format::from_extension(path).unwrap_or(Format::Csv)
}

/// Write `results` to `path` through the export module (format from the extension); returns
/// how many excerpts were written.
pub fn export_results(
    project: &Project,
    results: &[Retrieved],
    path: &Path,
) -> Result<usize, UiError> {
    export_results_as(project, results, path, format_for(path))
}

/// Write `results` to `path` in `format` through the export module; returns how many excerpts
/// were written.
pub fn export_results_as(
    project: &Project,
    results: &[Retrieved],
    path: &Path,
    format: Format,
) -> Result<usize, UiError> {
    // Exactly the retrieved codings, listed under their codes.
    let filter = ExcerptFilter {
        codes: results.iter().map(|r| r.code).collect(),
        codings: results.iter().map(|r| r.coding).collect(),
        ..ExcerptFilter::default()
    };
    Ok(write_file(path, |out| {
        excerpts::write(project, &filter, format, out)
    })?)
}

/// The retrieval tab.
pub fn retrieval_ui(state: &mut RetrievalState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label(tr!("retrieval-code"));
        run |= code_picker("retrieve-code", project, &mut state.code, ui);
        run |= ui
            .checkbox(&mut state.subcodes, tr!("retrieval-with-subcodes"))
            .changed();
    });
    run |= filter_ui(&mut state.filter, project, ui);
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("retrieve-combine")
            .selected_text(match state.combine {
                Combine::None => tr!("retrieval-combine-none"),
                Combine::And => tr!("retrieval-combine-and"),
                Combine::AndNot => tr!("retrieval-combine-not"),
                Combine::NearCharacters => tr!("retrieval-combine-near-chars"),
                Combine::NearTurns => tr!("retrieval-combine-near-turns"),
            })
            .show_ui(ui, |ui| {
                let c = &mut state.combine;
                ui.selectable_value(c, Combine::None, tr!("retrieval-combine-none"));
                ui.selectable_value(c, Combine::And, tr!("retrieval-combine-and"))
                    .on_hover_text(tr!("explain-and"));
                ui.selectable_value(c, Combine::AndNot, tr!("retrieval-combine-not"))
                    .on_hover_text(tr!("explain-not"));
                ui.selectable_value(
                    c,
                    Combine::NearCharacters,
                    tr!("retrieval-combine-near-chars"),
                )
                .on_hover_text(tr!("explain-near"));
                ui.selectable_value(c, Combine::NearTurns, tr!("retrieval-combine-near-turns"))
                    .on_hover_text(tr!("explain-near"));
            })
            .response
            .on_hover_text(tr!("explain-partners"));
        if state.combine != Combine::None {
            if matches!(state.combine, Combine::NearCharacters | Combine::NearTurns) {
                ui.add(egui::DragValue::new(&mut state.within).prefix("N = "));
            }
            code_picker("retrieve-other", project, &mut state.other, ui);
            ui.checkbox(&mut state.other_subcodes, tr!("retrieval-with-subcodes"));
        }
    });
    ui.horizontal(|ui| {
        run |= ui.button(tr!("retrieval-retrieve")).clicked();
        if state.retrieved {
            ui.label(RichText::new(tr!("retrieval-count", count = state.results.len())).strong());
            if ui
                .add_enabled(
                    !state.results.is_empty(),
                    egui::Button::new(tr!("retrieval-export")),
                )
                .on_hover_text(tr!("retrieval-export-hover"))
                .clicked()
            {
                commands.push(Command::ExportRetrievalDialog);
            }
        }
    });
    run |= written_query_ui(state, project, &mut commands, ui);
    if run && (state.code.is_some() || !state.written.trim().is_empty()) {
        state.run(project);
    }
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    ui.separator();
    // Each excerpt whole, wrapped, with who coded it: a passage coded by two coders appears
    // once per coder, told apart by the name.
    egui::ScrollArea::vertical()
        .id_salt("retrieved")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let shown = state.results.len().min(MAX_SHOWN);
            for r in &state.results[..shown] {
                let who = r
                    .excerpt
                    .speaker
                    .as_deref()
                    .map_or_else(String::new, |s| tr!("retrieval-speaker", speaker = s));
                let prefix = tr!(
                    "retrieval-excerpt-head",
                    document = r.excerpt.document_name.as_str(),
                    code = r.code_path.as_str(),
                    coder = r.coder_name.as_str(),
                    speaker = who
                );
                let coding = project.coding(r.coding);
                let exemplar = coding.is_some_and(|c| c.exemplar);
                let (star, hover) = if exemplar {
                    ("★", tr!("retrieval-unmark-exemplar"))
                } else {
                    ("☆", tr!("retrieval-mark-exemplar"))
                };
                if ui.small_button(star).on_hover_text(hover).clicked() {
                    commands.push(Command::Edit(Action::SetExemplar {
                        coding: r.coding,
                        exemplar: !exemplar,
                    }));
                }
                // A passage of a document with a recording, in a timed turn: play it.
                let timed = project
                    .document(r.excerpt.document)
                    .filter(|d| d.media.is_some())
                    .and_then(|d| d.segment_at(r.excerpt.range.start).map(|i| &d.segments[i]))
                    .and_then(|s| s.media);
                if let Some(t) = timed
                    && ui
                        .small_button(format!("▶ {}", crate::media::format_time(t.start_ms)))
                        .on_hover_text(tr!("inspector-play-coding"))
                        .clicked()
                {
                    commands.push(Command::Media(super::player::MediaCommand::PlayCoding(
                        r.coding,
                    )));
                }
                if excerpt_paragraph(ui, &prefix, &r.excerpt) {
                    commands.push(Command::JumpTo {
                        document: r.excerpt.document,
                        range: r.excerpt.range,
                    });
                }
                if let Some(t) = coding.and_then(|c| c.translation.as_ref()) {
                    ui.label(RichText::new(&t.text).italics().weak());
                }
                ui.separator();
            }
            if state.results.len() > shown {
                ui.label(
                    RichText::new(tr!(
                        "retrieval-first-shown",
                        shown = shown,
                        total = state.results.len()
                    ))
                    .weak(),
                );
            }
        });
    commands
}

/// The written code query, with the saved ones: choosing a saved query runs it; "Save" keeps
/// the written one under a name for the team. Returns true when the retrieval should run.
fn written_query_ui(
    state: &mut RetrievalState,
    project: &Project,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) -> bool {
    let mut run = false;
    ui.horizontal(|ui| {
        ui.label(tr!("retrieval-query"))
            .on_hover_text(tr!("retrieval-query-hover"));
        // Read before the field, which takes the key for itself.
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.written)
                .desired_width(320.0)
                .hint_text(tr!("retrieval-query-hint")),
        );
        run |= field.lost_focus() && enter;
        let saved = &project.manifest().queries;
        if !saved.is_empty() {
            egui::ComboBox::from_id_salt("saved-queries")
                .selected_text(tr!("retrieval-saved"))
                .show_ui(ui, |ui| {
                    for q in saved {
                        if ui
                            .selectable_label(state.written == q.query, &q.name)
                            .on_hover_text(&q.query)
                            .clicked()
                        {
                            state.written.clone_from(&q.query);
                            state.save_as.clone_from(&q.name);
                            run = true;
                        }
                    }
                });
        }
    });
    if !state.written.trim().is_empty() {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.save_as)
                    .desired_width(180.0)
                    .hint_text(tr!("retrieval-save-as-hint")),
            );
            let named = !state.save_as.trim().is_empty();
            if ui
                .add_enabled(named, egui::Button::new(tr!("retrieval-save-query")))
                .on_hover_text(tr!("retrieval-save-query-hover"))
                .clicked()
            {
                commands.push(Command::Edit(Action::SaveQuery {
                    name: state.save_as.trim().to_owned(),
                    query: state.written.trim().to_owned(),
                }));
            }
            let saved = project
                .manifest()
                .queries
                .iter()
                .any(|q| q.name == state.save_as.trim());
            if saved && ui.button(tr!("retrieval-forget-query")).clicked() {
                commands.push(Command::Edit(Action::SaveQuery {
                    name: state.save_as.trim().to_owned(),
                    query: String::new(),
                }));
            }
        });
    }
    run
}

/// The most excerpts listed at once (each is laid out whole).
const MAX_SHOWN: usize = 500;
