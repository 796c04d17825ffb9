//! Editing text in the window (issue 16): the row editor of the transcript's edit mode (one
//! turn, message or paragraph at a time, in a small buffer: each change becomes one exact
//! `Action::EditText`), the Find and replace dialog and the Replace a name everywhere dialog.
//! What a replacement matches and changes is decided in the core (`analysis::replace`); these
//! only show its preview and hand the action to the session.

use egui::{RichText, Ui};

use super::command::Command;
use super::i18n::tr;
use crate::analysis::replace::{Place, ReplacePlan, plan_replace, plan_replace_name};
use crate::analysis::search::{MatchMode, SearchQuery};
use crate::model::{CharRange, DocumentId, Project, Splice};
use crate::session::Action;

/// The turn, message or paragraph being edited, and its text as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowEdit {
    /// The document.
    pub document: DocumentId,
    /// Its turn or message, if it is one (its range follows every edit exactly).
    pub segment: Option<usize>,
    /// The characters edited.
    pub range: CharRange,
    /// The text in the editor.
    pub buffer: String,
}

impl RowEdit {
    /// Edit the turn, message or paragraph `block` shows.
    #[must_use]
    pub fn new(
        project: &Project,
        document: DocumentId,
        segment: Option<usize>,
        range: CharRange,
    ) -> Option<Self> {
        let doc = project.document(document)?;
        let range = match segment {
            Some(i) => doc.segments.get(i)?.range,
            None => range,
        };
        Some(Self {
            document,
            segment,
            range,
            buffer: doc.text.slice(range).to_owned(),
        })
    }

    /// Follow the project: the turn's range as it now is, and the buffer as the text now is
    /// (after an undo). `false` when the row is gone.
    fn follow(&mut self, project: &Project) -> bool {
        let Some(doc) = project.document(self.document) else {
            return false;
        };
        if let Some(i) = self.segment {
            match doc.segments.get(i) {
                Some(s) => self.range = s.range,
                None => return false,
            }
        }
        let len = doc.text.char_len();
        self.range = CharRange::new(self.range.start.min(len), self.range.end.min(len));
        let now = doc.text.slice(self.range);
        if now != self.buffer {
            now.clone_into(&mut self.buffer);
        }
        true
    }
}

/// The row editor: a text field on the row's text; returns the edit of what was typed.
pub fn row_editor_ui(
    edit: &mut Option<RowEdit>,
    project: &Project,
    ui: &mut Ui,
) -> Option<Command> {
    let Some(row) = edit.as_mut() else {
        ui.label(RichText::new(tr!("edit-click-a-row")).weak());
        return None;
    };
    if !row.follow(project) {
        *edit = None;
        return None;
    }
    let doc = project.document(row.document)?;
    let what = match row
        .segment
        .and_then(|i| doc.segments.get(i).map(|s| (i, s)))
    {
        Some((i, s)) => tr!(
            "edit-row-turn",
            n = i + 1,
            speaker = s.speaker.clone().unwrap_or_default()
        ),
        None => tr!("edit-row-paragraph", start = row.range.start),
    };
    let before = row.buffer.clone();
    let title = ui.label(RichText::new(tr!("edit-row-title", what = what)).strong());
    ui.add(
        egui::TextEdit::multiline(&mut row.buffer)
            .id_salt("row-editor")
            .desired_width(f32::INFINITY)
            .desired_rows(3),
    )
    .labelled_by(title.id);
    let splice = Splice::common(&before, &row.buffer)?;
    let text: String = row
        .buffer
        .chars()
        .skip(splice.start)
        .take(splice.inserted)
        .collect();
    let start = row.range.start + splice.start;
    if row.segment.is_none() {
        row.range.end = row.range.end + splice.inserted - splice.removed;
    }
    Some(Command::Edit(Action::EditText {
        document: row.document,
        range: CharRange::new(start, start + splice.removed),
        text,
    }))
}

/// A one-line field in a two-column grid, named by its label (for screen readers and tests).
fn labelled_field(ui: &mut Ui, label: impl Into<egui::WidgetText>, value: &mut String) {
    let l = ui.label(label);
    ui.text_edit_singleline(value).labelled_by(l.id);
    ui.end_row();
}

/// What a replacement would change: replacements per place, in all, and hits left alone.
#[derive(Debug)]
struct Counted {
    places: Vec<(Place, String, usize)>,
    total: usize,
    skipped: usize,
}

/// A preview worked out for one set of inputs.
#[derive(Debug, Default)]
struct Preview {
    key: String,
    result: Option<Result<Counted, String>>,
}

impl Preview {
    fn update(&mut self, key: String, plan: impl FnOnce() -> Result<ReplacePlan, String>) {
        if self.key != key || self.result.is_none() {
            self.result = Some(plan().map(|p| Counted {
                total: p.total(),
                skipped: p.skipped,
                places: p.places,
            }));
            self.key = key;
        }
    }
}

/// The Find and replace dialog.
#[derive(Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // the dialog's check boxes
pub struct FindReplace {
    /// Shown.
    pub open: bool,
    /// What to find.
    pub find: String,
    /// What replaces it.
    pub with: String,
    /// Whole words only.
    pub whole_word: bool,
    /// A regular expression.
    pub regex: bool,
    /// In every document (else the open one).
    pub all_documents: bool,
    preview: Preview,
}

impl FindReplace {
    /// The project changed: work the preview out again.
    pub fn project_changed(&mut self) {
        self.preview.result = None;
    }

    fn query(&self, document: Option<DocumentId>) -> SearchQuery {
        SearchQuery {
            pattern: self.find.clone(),
            mode: MatchMode::from_switches(self.regex, self.whole_word),
            documents: if self.all_documents {
                Vec::new()
            } else {
                document.into_iter().collect()
            },
            ..SearchQuery::default()
        }
    }
}

/// The Find and replace window.
pub fn find_replace_ui(
    state: &mut FindReplace,
    project: &Project,
    document: Option<DocumentId>,
    ctx: &egui::Context,
) -> Option<Command> {
    if !state.open {
        return None;
    }
    let mut open = true;
    let mut out = None;
    egui::Window::new(tr!("replace-title"))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("find-replace")
                .num_columns(2)
                .show(ui, |ui| {
                    labelled_field(ui, tr!("replace-find"), &mut state.find);
                    labelled_field(ui, tr!("replace-with"), &mut state.with);
                });
            ui.horizontal(|ui| {
                ui.checkbox(&mut state.whole_word, tr!("replace-whole-word"));
                ui.checkbox(&mut state.regex, tr!("replace-regex"));
            });
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut state.all_documents,
                    false,
                    tr!("replace-scope-document"),
                );
                ui.radio_value(&mut state.all_documents, true, tr!("replace-scope-all"));
            });
            ui.separator();
            let query = state.query(document);
            let key = format!("{query:?}");
            if state.find.is_empty() {
                return;
            }
            state.preview.update(key, || {
                plan_replace(project, &query, "", None).map_err(|e| e.to_string())
            });
            let mut can_replace = false;
            match &state.preview.result {
                Some(Ok(Counted {
                    places,
                    total,
                    skipped,
                })) => {
                    if *total == 0 {
                        ui.label(tr!("replace-none"));
                    } else {
                        ui.label(tr!(
                            "replace-preview",
                            count = *total,
                            documents = places.len()
                        ));
                        can_replace = true;
                    }
                    if *skipped > 0 {
                        ui.label(RichText::new(tr!("replace-skipped", count = *skipped)).weak());
                    }
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            if ui
                .add_enabled(can_replace, egui::Button::new(tr!("replace-button")))
                .clicked()
            {
                out = Some(Command::Edit(Action::ReplaceAll {
                    query,
                    with: state.with.clone(),
                }));
            }
        });
    if !open {
        state.open = false;
    }
    out
}

/// The Replace a name everywhere dialog.
#[derive(Debug, Default)]
pub struct ReplaceName {
    /// Shown.
    pub open: bool,
    /// The name.
    pub name: String,
    /// Its forms, one per line.
    pub forms: String,
    /// The pseudonym map's path.
    pub map: String,
    /// Why the map gave no forms.
    pub map_problem: Option<String>,
    /// What replaces the name.
    pub with: String,
    preview: Preview,
}

impl ReplaceName {
    /// The project changed: work the preview out again.
    pub fn project_changed(&mut self) {
        self.preview.result = None;
    }

    fn forms(&self) -> Vec<String> {
        let mut forms: Vec<String> = std::iter::once(self.name.as_str())
            .chain(self.forms.lines())
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        forms.sort();
        forms.dedup();
        forms
    }

    fn load_forms(&mut self) {
        match crate::import::Pseudonyms::read(std::path::Path::new(self.map.trim())) {
            Ok(map) => match map.forms_of(&self.name) {
                Some((forms, pseudonym)) => {
                    self.forms = forms.join("\n");
                    if self.with.trim().is_empty() {
                        self.with = pseudonym;
                    }
                    self.map_problem = None;
                }
                None => {
                    self.map_problem = Some(tr!("name-map-unknown", name = self.name.clone()));
                }
            },
            Err(e) => self.map_problem = Some(e.to_string()),
        }
    }
}

/// The Replace a name everywhere window.
pub fn replace_name_ui(
    state: &mut ReplaceName,
    project: &Project,
    ctx: &egui::Context,
) -> Option<Command> {
    if !state.open {
        return None;
    }
    let mut open = true;
    let mut out = None;
    egui::Window::new(tr!("name-title"))
        .open(&mut open)
        .resizable(true)
        .show(ctx, |ui| {
            egui::Grid::new("replace-name")
                .num_columns(2)
                .show(ui, |ui| {
                    labelled_field(ui, tr!("name-name"), &mut state.name);
                    let l = ui.label(tr!("name-map"));
                    ui.horizontal(|ui| {
                        ui.text_edit_singleline(&mut state.map).labelled_by(l.id);
                        if ui
                            .add_enabled(
                                !state.map.trim().is_empty() && !state.name.trim().is_empty(),
                                egui::Button::new(tr!("name-load-forms")),
                            )
                            .clicked()
                        {
                            state.load_forms();
                        }
                    });
                    ui.end_row();
                    let l = ui.label(tr!("name-forms"));
                    ui.add(egui::TextEdit::multiline(&mut state.forms).desired_rows(3))
                        .labelled_by(l.id);
                    ui.end_row();
                    labelled_field(ui, tr!("name-with"), &mut state.with);
                });
            if let Some(p) = &state.map_problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.separator();
            let forms = state.forms();
            if forms.is_empty() {
                return;
            }
            let with = state.with.clone();
            state.preview.update(format!("{forms:?}"), || {
                plan_replace_name(project, &forms, &with, None).map_err(|e| e.to_string())
            });
            let mut can_replace = false;
            match &state.preview.result {
                Some(Ok(Counted {
                    places,
                    total,
                    skipped,
                })) => {
                    egui::ScrollArea::vertical()
                        .max_height(200.0)
                        .show(ui, |ui| {
                            egui::Grid::new("name-preview")
                                .striped(true)
                                .show(ui, |ui| {
                                    for (place, name, n) in places {
                                        let what = match place {
                                            Place::Document(_) => {
                                                tr!("name-preview-document", name = name.clone())
                                            }
                                            Place::Memo(_) => {
                                                tr!("name-preview-memo", title = name.clone())
                                            }
                                            Place::CodingNotes => tr!("name-preview-notes").into(),
                                        };
                                        ui.label(what);
                                        ui.label(n.to_string());
                                        ui.end_row();
                                    }
                                });
                        });
                    if *total == 0 {
                        ui.label(tr!("replace-none"));
                    } else {
                        ui.label(tr!("name-total", count = *total));
                        can_replace = !state.with.trim().is_empty();
                    }
                    if *skipped > 0 {
                        ui.label(RichText::new(tr!("replace-skipped", count = *skipped)).weak());
                    }
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            if ui
                .add_enabled(can_replace, egui::Button::new(tr!("name-button")))
                .clicked()
            {
                out = Some(Command::Edit(Action::ReplaceName {
                    forms,
                    with: state.with.trim().to_owned(),
                }));
            }
        });
    if !open {
        state.open = false;
    }
    out
}
