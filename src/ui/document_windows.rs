//! What a researcher does to a document as a whole, from the documents list's right-click menu
//! or the Document menu: rename it, delete it (saying how many codings and memos go with it,
//! undoable), say what kind of material it is and whose case, and read its properties (where it
//! came from, when it was imported, its characters, turns or messages, and its text's hash) with
//! its memo. Every change is an [`Action`] returned as a command: one undo step each.

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::documents::natural_cmp;
use super::export_dialog::ExportChoice;
use super::i18n::{self, tr};
use super::player::MediaCommand;
use crate::export::excerpts;
use crate::model::{CaseId, DocumentId, DocumentKind, MemoTarget, Project, SegmentKind};
use crate::session::Action;

/// The document dialogs and the properties window.
#[derive(Debug, Default)]
pub struct DocumentWindows {
    /// Renaming a document: the name typed so far.
    pub rename: Option<(DocumentId, String)>,
    /// Asking whether to delete a document.
    pub delete: Option<DocumentId>,
    /// The properties window.
    pub properties: Option<Properties>,
    focus_pending: bool,
}

/// The properties window of one document, with its memo being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    /// The document.
    pub document: DocumentId,
    /// The memo as typed (saved with "Save memo", or when the window closes).
    pub memo: String,
    /// The memo as the project has it, to tell an edit.
    saved_memo: String,
    /// The text's SHA-256, computed once when the window opened.
    hash: String,
    /// The last edit of the text when the hash was computed (a later edit makes it stale; it
    /// is not computed again on every key press).
    hashed_after: Option<crate::model::TextChange>,
}

impl DocumentWindows {
    /// Ask for a new name of `document`.
    pub fn start_rename(&mut self, project: &Project, document: DocumentId) {
        if let Some(d) = project.document(document) {
            self.rename = Some((document, d.name.clone()));
            self.focus_pending = true;
        }
    }

    /// Ask whether to delete `document`.
    pub fn ask_delete(&mut self, document: DocumentId) {
        self.delete = Some(document);
        self.focus_pending = true;
    }

    /// Show the properties of `document` (the memo edited there first is kept).
    pub fn show_properties(&mut self, project: &Project, document: DocumentId) {
        let Some(d) = project.document(document) else {
            return;
        };
        let memo = document_memo(project, document);
        self.properties = Some(Properties {
            document,
            saved_memo: memo.clone(),
            memo,
            hash: d.text.hash(),
            hashed_after: d.edits.last().cloned(),
        });
        self.focus_pending = true;
    }

    /// True while a modal dialog (rename, delete) is open.
    #[must_use]
    pub fn modal_open(&self) -> bool {
        self.rename.is_some() || self.delete.is_some()
    }

    /// The memo typed in the properties window and not saved yet, as an action (the window
    /// closes or the app quits).
    pub fn pending_memo(&mut self) -> Option<Action> {
        let p = self.properties.as_mut()?;
        (p.memo != p.saved_memo).then(|| {
            p.saved_memo.clone_from(&p.memo);
            Action::SetMemo {
                target: MemoTarget::Document(p.document),
                text: p.memo.clone(),
            }
        })
    }

    /// The project changed: forget a document that is gone, and take in a memo changed
    /// elsewhere (undo) unless one is being typed.
    pub fn project_changed(&mut self, project: &Project) {
        if let Some(p) = &mut self.properties {
            if project.document(p.document).is_none() {
                self.properties = None;
            } else if p.memo == p.saved_memo {
                p.memo = document_memo(project, p.document);
                p.saved_memo.clone_from(&p.memo);
            }
        }
        if self
            .rename
            .as_ref()
            .is_some_and(|(d, _)| project.document(*d).is_none())
        {
            self.rename = None;
        }
        if self.delete.is_some_and(|d| project.document(d).is_none()) {
            self.delete = None;
        }
    }
}

/// The text of the memo on `document` (empty when it has none).
fn document_memo(project: &Project, document: DocumentId) -> String {
    project
        .memos_on(MemoTarget::Document(document))
        .first()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The name of a kind of document.
#[must_use]
pub fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Interview => tr!("document-kind-interview"),
        DocumentKind::Chat => tr!("document-kind-chat"),
        DocumentKind::Notes => tr!("document-kind-notes"),
    }
}

/// Cases by name.
fn cases_by_name(project: &Project) -> Vec<(CaseId, &str)> {
    let mut cases: Vec<(CaseId, &str)> = project
        .cases()
        .values()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    cases.sort_by(|a, b| natural_cmp(a.1, b.1));
    cases
}

/// The items of a document's menu (the right-click menu of the documents list and the
/// Document menu): open, rename, properties and memo, kind, case, delete.
pub fn document_menu_ui(project: &Project, document: DocumentId, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(doc) = project.document(document) else {
        return commands;
    };
    if ui.button(tr!("document-menu-rename")).clicked() {
        commands.push(Command::StartRenameDocument(document));
    }
    if ui.button(tr!("document-menu-properties")).clicked() {
        commands.push(Command::ShowDocumentProperties(document));
    }
    ui.menu_button(tr!("document-menu-kind"), |ui| {
        for kind in DocumentKind::ALL {
            if ui
                .add(egui::Button::selectable(doc.kind == kind, kind_name(kind)))
                .clicked()
            {
                commands.push(Command::Edit(Action::SetDocumentKind { document, kind }));
            }
        }
    });
    ui.menu_button(tr!("document-menu-case"), |ui| {
        if ui
            .add(egui::Button::selectable(
                doc.case.is_none(),
                tr!("document-no-case"),
            ))
            .clicked()
        {
            commands.push(Command::Edit(Action::SetDocumentCase {
                document,
                case: None,
            }));
        }
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (id, name) in cases_by_name(project) {
                    if ui
                        .add(egui::Button::selectable(doc.case == Some(id), name))
                        .clicked()
                    {
                        commands.push(Command::Edit(Action::SetDocumentCase {
                            document,
                            case: Some(id),
                        }));
                    }
                }
            });
    });
    ui.separator();
    for (format, label) in [
        (excerpts::Format::Html, tr!("document-menu-export-html")),
        (excerpts::Format::Docx, tr!("document-menu-export-docx")),
    ] {
        if ui.button(label).clicked() {
            commands.push(Command::ExportAsDialog(ExportChoice::CodedDocument {
                document,
                format,
            }));
        }
    }
    ui.separator();
    if ui.button(tr!("document-menu-delete")).clicked() {
        commands.push(Command::AskDeleteDocument(document));
    }
    commands
}

/// What deleting `document` takes with it: codings, coders who made them, memos (on the
/// document and on its codings).
#[must_use]
pub fn what_goes(project: &Project, document: DocumentId) -> (usize, usize, usize) {
    let mut coders = std::collections::BTreeSet::new();
    let mut codings = 0;
    let mut memos = project.memos_on(MemoTarget::Document(document)).len();
    for c in project.codings_of(document) {
        codings += 1;
        coders.insert(c.coder);
        memos += project.memos_on(MemoTarget::Coding(c.id)).len();
        memos += usize::from(c.memo.is_some());
    }
    (codings, coders.len(), memos)
}

/// Show the open document dialogs and the properties window.
#[allow(clippy::too_many_lines)] // three small dialogs and the properties, one after another
pub fn document_windows_ui(
    state: &mut DocumentWindows,
    project: &Project,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();

    if let Some((document, name)) = &mut state.rename {
        let document = *document;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("rename-document")).show(&ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(tr!("document-rename-title"));
            let resp = ui.add(egui::TextEdit::singleline(name).desired_width(f32::INFINITY));
            resp.widget_info(|| {
                WidgetInfo::labeled(Role::TextInput, true, tr!("document-rename-label"))
            });
            if std::mem::take(&mut state.focus_pending) {
                resp.request_focus();
            }
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(
                    !name.trim().is_empty(),
                    egui::Button::new(tr!("document-rename-ok")),
                );
                if (ok.clicked() || enter) && !name.trim().is_empty() {
                    commands.push(Command::Edit(Action::RenameDocument {
                        document,
                        name: name.trim().to_owned(),
                    }));
                    close = true;
                }
                if ui.button(tr!("dialog-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(Key::Escape))
                {
                    close = true;
                }
            });
        });
        if close {
            state.rename = None;
        }
    }

    if let Some(document) = state.delete {
        let mut close = false;
        let name = project
            .document(document)
            .map_or_else(String::new, |d| d.name.clone());
        let (codings, coders, memos) = what_goes(project, document);
        egui::Modal::new(egui::Id::unique("delete-document")).show(&ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(tr!("document-delete-title", name = name.as_str()));
            ui.add(
                egui::Label::new(tr!(
                    "document-delete-explain",
                    codings = codings,
                    coders = coders,
                    memos = memos
                ))
                .wrap(),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let delete = ui.button(
                    RichText::new(tr!("document-delete-ok")).color(ui.visuals().error_fg_color),
                );
                let cancel = ui.button(tr!("dialog-cancel"));
                // The safe choice has the keyboard first.
                if std::mem::take(&mut state.focus_pending) {
                    cancel.request_focus();
                }
                if delete.clicked() {
                    commands.push(Command::Edit(Action::DeleteDocument(document)));
                    close = true;
                }
                if cancel.clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            state.delete = None;
        }
    }

    let mut open = state.properties.is_some();
    let mut save_memo = false;
    if let Some(p) = &mut state.properties
        && let Some(doc) = project.document(p.document)
    {
        let document = p.document;
        egui::Window::new(tr!("document-properties-title", name = doc.name.as_str()))
            .id(egui::Id::unique("document-properties"))
            .open(&mut open)
            .default_width(460.0)
            .resizable(true)
            .collapsible(false)
            .show(&ctx, |ui| {
                egui::Grid::new("document-properties-grid")
                    .num_columns(2)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        let row = |ui: &mut Ui, label: &str, value: String| {
                            ui.label(RichText::new(label).weak());
                            ui.add(egui::Label::new(value).wrap());
                            ui.end_row();
                        };
                        row(ui, tr!("document-prop-name"), doc.name.clone());
                        ui.label(RichText::new(tr!("document-prop-kind")).weak());
                        egui::ComboBox::from_id_salt("document-kind")
                            .selected_text(kind_name(doc.kind))
                            .show_ui(ui, |ui| {
                                for kind in DocumentKind::ALL {
                                    if ui
                                        .selectable_label(doc.kind == kind, kind_name(kind))
                                        .clicked()
                                        && doc.kind != kind
                                    {
                                        commands.push(Command::Edit(Action::SetDocumentKind {
                                            document,
                                            kind,
                                        }));
                                    }
                                }
                            });
                        ui.end_row();
                        ui.label(RichText::new(tr!("document-prop-case")).weak());
                        let case_name = doc
                            .case
                            .and_then(|c| project.case(c))
                            .map_or(tr!("document-no-case"), |c| c.name.as_str());
                        egui::ComboBox::from_id_salt("document-case")
                            .selected_text(case_name)
                            .show_ui(ui, |ui| {
                                let mut pick = |case: Option<CaseId>, name: &str, ui: &mut Ui| {
                                    if ui.selectable_label(doc.case == case, name).clicked()
                                        && doc.case != case
                                    {
                                        commands.push(Command::Edit(Action::SetDocumentCase {
                                            document,
                                            case,
                                        }));
                                    }
                                };
                                pick(None, tr!("document-no-case"), ui);
                                for (id, name) in cases_by_name(project) {
                                    pick(Some(id), name, ui);
                                }
                            });
                        ui.end_row();
                        match &doc.origin {
                            Some(o) => {
                                row(
                                    ui,
                                    tr!("document-prop-source"),
                                    tr!(
                                        "document-prop-source-value",
                                        file = o.file.as_str(),
                                        format = o.format.as_str(),
                                        encoding = o.encoding.as_str()
                                    ),
                                );
                                row(
                                    ui,
                                    tr!("document-prop-imported"),
                                    i18n::date_time(o.imported.naive_utc()),
                                );
                            }
                            None => row(
                                ui,
                                tr!("document-prop-source"),
                                tr!("document-prop-no-source").to_owned(),
                            ),
                        }
                        ui.label(RichText::new(tr!("document-prop-recording")).weak());
                        ui.horizontal_wrapped(|ui| {
                            let media = |c: MediaCommand| Command::Media(c);
                            match &doc.media {
                                Some(link) => {
                                    ui.add(egui::Label::new(link.path.as_str()).wrap());
                                    if ui.button(tr!("document-recording-change")).clicked() {
                                        commands.push(media(MediaCommand::AskLink(document)));
                                    }
                                    if ui.button(tr!("document-recording-unlink")).clicked() {
                                        commands.push(media(MediaCommand::Unlink(document)));
                                    }
                                }
                                None => {
                                    if ui.button(tr!("document-recording-link")).clicked() {
                                        commands.push(media(MediaCommand::AskLink(document)));
                                    }
                                }
                            }
                        });
                        ui.end_row();
                        row(
                            ui,
                            tr!("document-prop-characters"),
                            tr!("document-prop-count", count = doc.text.char_len()),
                        );
                        let count = |k: &[SegmentKind]| {
                            doc.segments.iter().filter(|s| k.contains(&s.kind)).count()
                        };
                        let segments = match doc.kind {
                            DocumentKind::Chat => tr!(
                                "document-prop-messages-value",
                                // As the timeline counts them: a recalled message leaves a notice.
                                messages = count(&[SegmentKind::Message]),
                                notices = count(&[SegmentKind::System, SegmentKind::Recalled])
                            ),
                            DocumentKind::Interview | DocumentKind::Notes => tr!(
                                "document-prop-turns-value",
                                turns = count(&[SegmentKind::Turn]),
                                messages = count(&[SegmentKind::Message])
                            ),
                        };
                        row(ui, tr!("document-prop-segments"), segments);
                        let (codings, coders, memos) = what_goes(project, document);
                        row(
                            ui,
                            tr!("document-prop-codings"),
                            tr!(
                                "document-prop-codings-value",
                                codings = codings,
                                coders = coders,
                                memos = memos
                            ),
                        );
                        ui.label(RichText::new(tr!("document-prop-hash")).weak());
                        if doc.edits.last() == p.hashed_after.as_ref() {
                            ui.add(
                                egui::Label::new(RichText::new(&p.hash).monospace().small()).wrap(),
                            )
                            .on_hover_text(tr!("document-prop-hash-hover"));
                        } else {
                            ui.label(RichText::new(tr!("document-prop-hash-edited")).weak());
                        }
                        ui.end_row();
                        if !doc.edits.is_empty() {
                            ui.label(RichText::new(tr!("document-prop-edits")).weak());
                            ui.vertical(|ui| {
                                for e in doc.edits.iter().rev().take(8) {
                                    ui.label(tr!(
                                        "document-prop-edit",
                                        who = e.who.clone(),
                                        when = crate::ui::i18n::date_time(
                                            e.at.with_timezone(&chrono::Local).naive_local()
                                        ),
                                        removed = e.removed,
                                        inserted = e.inserted
                                    ));
                                }
                            });
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.label(RichText::new(tr!("document-prop-memo")).strong());
                let memo = ui.add(
                    egui::TextEdit::multiline(&mut p.memo)
                        .desired_rows(5)
                        .desired_width(f32::INFINITY)
                        .hint_text(tr!("document-prop-memo-hint")),
                );
                memo.widget_info(|| {
                    WidgetInfo::labeled(Role::MultilineTextInput, true, tr!("document-prop-memo"))
                });
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            p.memo != p.saved_memo,
                            egui::Button::new(tr!("document-prop-memo-save")),
                        )
                        .clicked()
                    {
                        save_memo = true;
                    }
                    ui.separator();
                    if ui.button(tr!("document-menu-rename")).clicked() {
                        commands.push(Command::StartRenameDocument(document));
                    }
                    if ui.button(tr!("document-menu-delete")).clicked() {
                        commands.push(Command::AskDeleteDocument(document));
                    }
                });
            });
    }
    if save_memo || !open {
        commands.extend(state.pending_memo().map(Command::Edit));
    }
    if !open {
        state.properties = None;
    }
    commands
}
