//! The case sheet: cases × attributes, in a window of its own. Each cell shows a case's value
//! and is edited in place (typed: a number, a date, text or a category, read as attribute
//! tables are); cases and attributes are added, renamed (right-click) and deleted; documents
//! are put in a case; an attribute table (CSV, XLSX) is imported after a preview of how its rows
//! match the cases. Every change is an `Action`, one undo step.

use std::path::PathBuf;

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::file_picker::FileTarget;
use super::i18n::tr;
use crate::import::{AttributeImport, ValueError, parse_value};
use crate::model::{AttributeId, AttributeKind, CaseId, DocumentId, Project};
use crate::session::Action;

/// What is being renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Renaming {
    Case(CaseId),
    Attribute(AttributeId),
}

/// The kinds a new attribute can have.
const KINDS: [&str; 4] = ["text", "number", "date", "category"];

/// The case sheet's state.
#[derive(Debug, Default)]
pub struct CasesState {
    /// The sheet is shown.
    pub open: bool,
    /// The cell being edited and its text.
    editing: Option<(CaseId, AttributeId, String)>,
    /// The cell being edited just opened: its field takes the keyboard.
    focus_pending: bool,
    /// A case or attribute being renamed, and the name typed.
    renaming: Option<(Renaming, String)>,
    /// The new case's name.
    new_case: String,
    /// The new attribute's name and kind (an index into [`KINDS`]).
    new_attribute: (String, usize),
    /// An attribute table read, waiting for "Import".
    table: Option<TablePreview>,
    /// What went wrong last.
    problem: Option<String>,
}

/// An attribute table read and matched with the cases, not yet imported.
#[derive(Debug)]
pub struct TablePreview {
    /// The table's file.
    pub path: PathBuf,
    /// What importing it would do, or why it cannot be.
    pub result: Result<AttributeImport, String>,
}

impl CasesState {
    /// Show the preview of the attribute table at `path`, read and matched with `project`.
    pub fn preview_table(&mut self, path: PathBuf, project: &Project) {
        let result = crate::import::import_attributes(&path, project).map_err(|e| e.to_string());
        self.open = true;
        self.table = Some(TablePreview { path, result });
    }

    /// The table preview shown, if any.
    #[must_use]
    pub fn table(&self) -> Option<&TablePreview> {
        self.table.as_ref()
    }
}

fn kind_name(kind: &AttributeKind) -> &'static str {
    match kind {
        AttributeKind::Number => tr!("cases-kind-number"),
        AttributeKind::Text => tr!("cases-kind-text"),
        AttributeKind::Date => tr!("cases-kind-date"),
        AttributeKind::Category(_) => tr!("cases-kind-category"),
    }
}

fn kind_of(index: usize) -> AttributeKind {
    match KINDS.get(index).copied() {
        Some("number") => AttributeKind::Number,
        Some("date") => AttributeKind::Date,
        Some("category") => AttributeKind::Category(Vec::new()),
        _ => AttributeKind::Text,
    }
}

fn kind_label(index: usize) -> &'static str {
    kind_name(&kind_of(index))
}

/// Show the case sheet (when open).
#[allow(clippy::too_many_lines)] // the sheet, its toolbar and the table preview
pub fn cases_ui(state: &mut CasesState, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    if !state.open {
        return commands;
    }
    let ctx = ui.ctx().clone();
    let mut open = true;
    egui::Window::new(tr!("cases-title"))
        .id(egui::Id::unique("case-sheet"))
        .open(&mut open)
        .default_size([940.0, 540.0])
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .resizable(true)
        .show(&ctx, |ui| {
            toolbar_ui(state, &mut commands, ui);
            if let Some(p) = &state.problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            if state.table.is_some() {
                table_preview_ui(state, &mut commands, ui);
                ui.separator();
            }
            ui.separator();
            sheet_ui(state, project, &mut commands, ui);
        });
    if !open {
        state.open = false;
        state.editing = None;
        state.renaming = None;
    }
    commands
}

fn toolbar_ui(state: &mut CasesState, commands: &mut Vec<Command>, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.new_case)
                .hint_text(tr!("cases-new-case-hint"))
                .desired_width(120.0),
        );
        field.widget_info(|| {
            WidgetInfo::labeled(Role::TextInput, true, tr!("cases-new-case-label"))
        });
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if (ui.button(tr!("cases-add-case")).clicked() || enter)
            && !state.new_case.trim().is_empty()
        {
            commands.push(Command::Edit(Action::AddCase(std::mem::take(
                &mut state.new_case,
            ))));
        }
        ui.separator();
        let (name, kind) = &mut state.new_attribute;
        let field = ui.add(
            egui::TextEdit::singleline(name)
                .hint_text(tr!("cases-new-attribute-hint"))
                .desired_width(120.0),
        );
        field.widget_info(|| {
            WidgetInfo::labeled(Role::TextInput, true, tr!("cases-new-attribute-label"))
        });
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        egui::ComboBox::from_id_salt("new-attribute-kind")
            .selected_text(kind_label(*kind))
            .show_ui(ui, |ui| {
                for i in 0..KINDS.len() {
                    ui.selectable_value(kind, i, kind_label(i));
                }
            });
        if (ui.button(tr!("cases-add-attribute")).clicked() || enter) && !name.trim().is_empty() {
            commands.push(Command::Edit(Action::AddAttribute {
                name: std::mem::take(name),
                kind: kind_of(*kind),
            }));
        }
        ui.separator();
        if ui.button(tr!("cases-import-table")).clicked() {
            commands.push(Command::AskFile(FileTarget::AttributeTable));
        }
    });
    ui.label(RichText::new(tr!("cases-explain")).weak());
}

fn table_preview_ui(state: &mut CasesState, commands: &mut Vec<Command>, ui: &mut Ui) {
    let Some(preview) = &state.table else {
        return;
    };
    let file = preview.path.file_name().map_or_else(
        || preview.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut close = false;
    ui.group(|ui| {
        ui.label(RichText::new(tr!("cases-table-title", file = file.as_str())).strong());
        match &preview.result {
            Err(e) => {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            Ok(read) => {
                let list = |names: &[String]| {
                    if names.is_empty() {
                        tr!("cases-table-none").to_owned()
                    } else {
                        names.join(", ")
                    }
                };
                ui.label(tr!(
                    "cases-table-matched",
                    count = read.updated.len(),
                    cases = list(&read.updated)
                ));
                ui.label(tr!(
                    "cases-table-created",
                    count = read.created.len(),
                    cases = list(&read.created)
                ));
                for (name, kind, new) in &read.attributes {
                    ui.label(if *new {
                        tr!(
                            "cases-table-new-attribute",
                            name = name.as_str(),
                            kind = kind_name(kind)
                        )
                    } else {
                        tr!(
                            "cases-table-attribute",
                            name = name.as_str(),
                            kind = kind_name(kind)
                        )
                    });
                }
            }
        }
        ui.horizontal(|ui| {
            if let Ok(read) = &preview.result
                && ui.button(tr!("cases-table-import")).clicked()
            {
                commands.push(Command::Edit(Action::ImportAttributeTable {
                    file: file.clone(),
                    edit: read.edit.clone(),
                }));
                close = true;
            }
            if ui.button(tr!("dialog-cancel")).clicked() {
                close = true;
            }
        });
    });
    if close {
        state.table = None;
    }
}

/// A name being edited in place: Enter keeps it, Escape drops it.
fn rename_field(text: &mut String, label: &str, focus: &mut bool, ui: &mut Ui) -> Option<bool> {
    let resp = ui.add(egui::TextEdit::singleline(text).desired_width(110.0));
    resp.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, label));
    if std::mem::take(focus) {
        resp.request_focus();
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        return Some(false);
    }
    (resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))).then_some(true)
}

#[allow(clippy::too_many_lines)] // header, rows, cells
fn sheet_ui(state: &mut CasesState, project: &Project, commands: &mut Vec<Command>, ui: &mut Ui) {
    let attributes = project.attributes_sorted();
    let mut cases: Vec<_> = project.cases().values().collect();
    cases.sort_by(|a, b| super::documents::natural_cmp(&a.name, &b.name));
    if cases.is_empty() && attributes.is_empty() {
        ui.label(RichText::new(tr!("cases-empty")).weak());
    }
    let mut docs: Vec<_> = project.documents().values().collect();
    docs.sort_by(|a, b| super::documents::natural_cmp(&a.name, &b.name));
    egui::ScrollArea::both()
        .id_salt("case-sheet-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            egui::Grid::new("case-sheet")
                .striped(true)
                .num_columns(attributes.len() + 2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(tr!("cases-case")).strong());
                    for a in &attributes {
                        if let Some((Renaming::Attribute(id), text)) = &mut state.renaming
                            && *id == a.id
                        {
                            match rename_field(
                                text,
                                tr!("cases-rename-label"),
                                &mut state.focus_pending,
                                ui,
                            ) {
                                Some(true) => {
                                    commands.push(Command::Edit(Action::RenameAttribute {
                                        attribute: a.id,
                                        name: std::mem::take(text),
                                    }));
                                    state.renaming = None;
                                }
                                Some(false) => state.renaming = None,
                                None => {}
                            }
                            continue;
                        }
                        let head = ui
                            .add(
                                egui::Label::new(
                                    RichText::new(format!("{} ({})", a.name, kind_name(&a.kind)))
                                        .strong(),
                                )
                                .sense(egui::Sense::click()),
                            )
                            .on_hover_text(tr!("cases-right-click"));
                        // From the keyboard: F2 renames the focused attribute.
                        if head.has_focus() && ui.input(|i| i.key_pressed(Key::F2)) {
                            state.renaming = Some((Renaming::Attribute(a.id), a.name.clone()));
                            state.focus_pending = true;
                        }
                        head.context_menu(|ui| {
                            if ui.button(tr!("cases-rename")).clicked() {
                                state.renaming = Some((Renaming::Attribute(a.id), a.name.clone()));
                                state.focus_pending = true;
                            }
                            if ui.button(tr!("cases-delete-attribute")).clicked() {
                                commands.push(Command::Edit(Action::DeleteAttribute(a.id)));
                            }
                        });
                    }
                    ui.label(RichText::new(tr!("cases-documents")).strong());
                    ui.end_row();

                    for case in &cases {
                        if let Some((Renaming::Case(id), text)) = &mut state.renaming
                            && *id == case.id
                        {
                            match rename_field(
                                text,
                                tr!("cases-rename-label"),
                                &mut state.focus_pending,
                                ui,
                            ) {
                                Some(true) => {
                                    commands.push(Command::Edit(Action::RenameCase {
                                        case: case.id,
                                        name: std::mem::take(text),
                                    }));
                                    state.renaming = None;
                                }
                                Some(false) => state.renaming = None,
                                None => {}
                            }
                        } else {
                            let name = ui
                                .add(
                                    egui::Label::new(RichText::new(&case.name).strong())
                                        .sense(egui::Sense::click()),
                                )
                                .on_hover_text(tr!("cases-right-click"));
                            if name.has_focus() && ui.input(|i| i.key_pressed(Key::F2)) {
                                state.renaming = Some((Renaming::Case(case.id), case.name.clone()));
                                state.focus_pending = true;
                            }
                            name.context_menu(|ui| {
                                if ui.button(tr!("cases-rename")).clicked() {
                                    state.renaming =
                                        Some((Renaming::Case(case.id), case.name.clone()));
                                    state.focus_pending = true;
                                }
                                if ui.button(tr!("cases-delete-case")).clicked() {
                                    commands.push(Command::Edit(Action::DeleteCase(case.id)));
                                }
                            });
                        }
                        for a in &attributes {
                            cell_ui(state, case, a, commands, ui);
                        }
                        documents_cell_ui(case.id, &case.name, &docs, commands, ui);
                        ui.end_row();
                    }
                });
        });
}

fn cell_ui(
    state: &mut CasesState,
    case: &crate::model::Case,
    a: &crate::model::AttributeDef,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let label = format!("{} · {}", case.name, a.name);
    if let Some((c, id, text)) = &mut state.editing
        && *c == case.id
        && *id == a.id
    {
        let resp = ui.add(egui::TextEdit::singleline(text).desired_width(90.0));
        resp.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, &label));
        if std::mem::take(&mut state.focus_pending) {
            resp.request_focus();
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            state.editing = None;
            return;
        }
        if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            match parse_value(&a.kind, text) {
                Ok(value) => {
                    commands.push(Command::Edit(Action::SetAttributeValue {
                        case: case.id,
                        attribute: a.id,
                        value,
                    }));
                    state.problem = None;
                    state.editing = None;
                }
                Err(e) => {
                    state.problem = Some(match e {
                        ValueError::NotNumber => {
                            tr!(
                                "cases-not-number",
                                text = text.as_str(),
                                attribute = a.name.as_str()
                            )
                        }
                        ValueError::NotDate => {
                            tr!(
                                "cases-not-date",
                                text = text.as_str(),
                                attribute = a.name.as_str()
                            )
                        }
                    });
                    state.focus_pending = true;
                }
            }
        }
        return;
    }
    let value = case.values.get(&a.id).map(ToString::to_string);
    let shown = value.clone().unwrap_or_else(|| "—".to_owned());
    let resp = ui.add(egui::Button::new(shown).frame(false));
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    let resp = resp.on_hover_text(tr!("cases-click-to-edit"));
    if resp.clicked() {
        state.editing = Some((case.id, a.id, value.unwrap_or_default()));
        state.focus_pending = true;
        state.renaming = None;
    }
    if let crate::model::AttributeKind::Category(values) = &a.kind {
        resp.context_menu(|ui| {
            for v in values {
                if ui.button(v).clicked() {
                    commands.push(Command::Edit(Action::SetAttributeValue {
                        case: case.id,
                        attribute: a.id,
                        value: Some(crate::model::Value::Category(v.clone())),
                    }));
                }
            }
        });
    }
}

/// The documents in a case, and a menu to put another one in it (or take one out).
fn documents_cell_ui(
    case: CaseId,
    case_name: &str,
    docs: &[&crate::model::Document],
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let mine: Vec<&str> = docs
        .iter()
        .filter(|d| d.case == Some(case))
        .map(|d| d.name.as_str())
        .collect();
    let text = if mine.is_empty() {
        tr!("cases-no-documents").to_owned()
    } else {
        mine.join(", ")
    };
    let combo = egui::ComboBox::from_id_salt(("case-documents", case))
        .selected_text(text)
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.label(RichText::new(tr!("cases-assign-explain")).weak());
            for d in docs {
                let inside = d.case == Some(case);
                if ui.selectable_label(inside, &d.name).clicked() {
                    let document: DocumentId = d.id;
                    commands.push(Command::Edit(Action::SetDocumentCase {
                        document,
                        case: if inside { None } else { Some(case) },
                    }));
                }
            }
        });
    combo.response.widget_info(|| {
        WidgetInfo::labeled(
            Role::ComboBox,
            true,
            tr!("cases-documents-of", case = case_name),
        )
    });
}
