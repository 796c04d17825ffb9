//! The inspector: the codings under the caret (code, coder, time, memo; change the code, move the
//! boundaries, remove), the code of the coding under the caret (else the code selected in the
//! codebook: description, memo) and the open document's memo.
//!
//! Text fields edit a draft; the draft becomes one undoable command when the field loses focus
//! (or when the window closes, see [`InspectorState::pending_commits`]).

use std::collections::HashMap;

use egui::{RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::i18n::{self, tr};
use super::theme;
use super::transcript::index::Slot;
use crate::model::{CharRange, CodeId, CodingId, DocumentId, MemoTarget, Project, Translation};
use crate::session::Action;
use crate::session::Counts;

/// A text field of the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The memo of a coding.
    CodingMemo(CodingId),
    /// A memo on a document or code.
    Memo(MemoTarget),
    /// A code's description.
    Description(CodeId),
    /// The translation of a coding's quote.
    Translation(CodingId),
    /// The note on that translation (the translator, a choice of words).
    TranslationNote(CodingId),
}

impl Field {
    fn commit(self, text: String, project: &Project) -> Action {
        let translation = |coding: CodingId| {
            project
                .coding(coding)
                .and_then(|c| c.translation.clone())
                .unwrap_or_default()
        };
        match self {
            Field::Translation(coding) => Action::SetTranslation {
                coding,
                translation: Some(Translation {
                    text,
                    ..translation(coding)
                }),
            },
            Field::TranslationNote(coding) => Action::SetTranslation {
                coding,
                translation: Some(Translation {
                    note: text,
                    ..translation(coding)
                }),
            },
            Field::CodingMemo(coding) => Action::SetCodingMemo { coding, memo: text },
            Field::Memo(target) => Action::SetMemo { target, text },
            Field::Description(code) => Action::DescribeCode {
                code,
                description: text,
            },
        }
    }
}

/// State of the inspector.
#[derive(Debug, Default)]
pub struct InspectorState {
    drafts: HashMap<Field, String>,
}

impl InspectorState {
    /// Drafts still being typed, as commands (the app applies them before closing).
    pub fn pending_commits(&mut self, project: &Project) -> Vec<Action> {
        let mut v: Vec<(Field, String)> = self.drafts.drain().collect();
        v.sort_by_key(|(f, _)| format!("{f:?}"));
        v.into_iter().map(|(f, t)| f.commit(t, project)).collect()
    }
}

/// What the inspector shows.
pub struct InspectorInput<'a> {
    /// The project.
    pub project: &'a Project,
    /// Counts.
    pub counts: &'a Counts,
    /// The codings under the caret, the selected one first.
    pub codings: Vec<Slot>,
    /// The selected coding.
    pub selected_coding: Option<CodingId>,
    /// The selected text, if any.
    pub selection: Option<CharRange>,
    /// The selected code.
    pub code: Option<CodeId>,
    /// The open document.
    pub document: Option<DocumentId>,
    /// The player of the open document's recording (a coding's time span, "play this coding").
    pub player: &'a super::player::PlayerState,
}

/// Show the inspector.
#[allow(clippy::too_many_lines)] // the sections share the drafts and one scroll area
pub fn inspector_ui(
    state: &mut InspectorState,
    input: &InspectorInput<'_>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let project = input.project;
    ui.heading(tr!("inspector-title"));
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Codings under the caret.
            section_title(ui, tr!("inspector-coding"));
            if input.codings.is_empty() {
                ui.label(RichText::new(tr!("inspector-coding-empty")).weak());
            }
            for slot in input.codings.iter().take(6) {
                let Some(coding) = project.coding(slot.id) else {
                    continue;
                };
                let selected = input.selected_coding == Some(slot.id);
                let frame = egui::Frame::group(ui.style()).fill(if selected {
                    ui.visuals().faint_bg_color
                } else {
                    egui::Color32::TRANSPARENT
                });
                let width = ui.available_width() - 16.0;
                frame.show(ui, |ui| {
                    ui.set_width(width);
                    ui.set_max_width(width);
                    ui.horizontal(|ui| {
                        let color = project
                            .code(coding.code)
                            .map_or(egui::Color32::GRAY, |c| theme::color(c.color));
                        let (r, _) =
                            ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                        ui.painter().rect_filled(r, 3.0, color);
                        let path = project.code_path(coding.code);
                        let room = ui.available_width() - 4.0;
                        // Cut from the left: the code's own name is what matters.
                        let shown = theme::fit_path(ui, &path, room - 24.0);
                        egui::ComboBox::from_id_salt(("code-of", slot.id))
                            .selected_text(shown)
                            .width(room)
                            .truncate()
                            .show_ui(ui, |ui| {
                                for (depth, c) in project.code_tree() {
                                    let name = format!("{}{}", "   ".repeat(depth), c.name);
                                    if ui.selectable_label(c.id == coding.code, name).clicked() {
                                        commands.push(Command::Edit(Action::ChangeCodingCode {
                                            coding: slot.id,
                                            code: c.id,
                                        }));
                                    }
                                }
                            })
                            .response
                            .widget_info(|| {
                                WidgetInfo::labeled(
                                    Role::ComboBox,
                                    true,
                                    tr!("inspector-code-of-coding"),
                                )
                            });
                    });
                    let coder = project.coder(coding.coder).map_or("?", |c| c.name.as_str());
                    let when =
                        i18n::date_time(coding.created.with_timezone(&chrono::Local).naive_local());
                    ui.label(
                        RichText::new(tr!(
                            "inspector-coding-facts",
                            coder = coder,
                            when = when,
                            start = coding.range.start.to_string(),
                            end = coding.range.end.to_string()
                        ))
                        .weak()
                        .small(),
                    );
                    if let Some((from, to)) = input
                        .player
                        .span_of(coding.range.start, coding.range.end)
                        .filter(|_| input.document == Some(coding.document))
                    {
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(tr!(
                                    "inspector-coding-time",
                                    from = crate::media::format_time(from),
                                    to = crate::media::format_time(to)
                                ))
                                .weak()
                                .small(),
                            );
                            if ui.small_button(tr!("inspector-play-coding")).clicked() {
                                commands.push(Command::Media(
                                    super::player::MediaCommand::PlayCoding(slot.id),
                                ));
                            }
                        });
                    }
                    if let Some(doc) = project.document(coding.document) {
                        let text = crate::ui::quote::quote_start(doc.text.slice(coding.range), 140);
                        ui.add(egui::Label::new(super::theme::quote(&text)).wrap());
                    }
                    ui.horizontal_wrapped(|ui| {
                        let r = coding.range;
                        let mut adjust = |ui: &mut Ui, label: &str, tip: &str, range: CharRange| {
                            let resp = ui
                                .add_enabled(!range.is_empty(), egui::Button::new(label).small())
                                .on_hover_text(tip);
                            resp.widget_info(|| {
                                WidgetInfo::labeled(Role::Button, !range.is_empty(), tip)
                            });
                            if resp.clicked() {
                                commands.push(Command::Edit(Action::SetCodingRange {
                                    coding: slot.id,
                                    range,
                                }));
                            }
                        };
                        ui.label(RichText::new(tr!("inspector-start")).small().weak());
                        adjust(
                            ui,
                            "‹",
                            tr!("inspector-start-earlier"),
                            CharRange::new(r.start.saturating_sub(1), r.end),
                        );
                        adjust(
                            ui,
                            "›",
                            tr!("inspector-start-later"),
                            CharRange::new(r.start + 1, r.end),
                        );
                        ui.label(RichText::new(tr!("inspector-end")).small().weak());
                        adjust(
                            ui,
                            "‹",
                            tr!("inspector-end-earlier"),
                            CharRange::new(r.start, r.end.saturating_sub(1)),
                        );
                        adjust(
                            ui,
                            "›",
                            tr!("inspector-end-later"),
                            CharRange::new(r.start, r.end + 1),
                        );
                        if let Some(sel) = input.selection.filter(|s| !s.is_empty())
                            && ui
                                .small_button(tr!("inspector-fit"))
                                .on_hover_text(tr!("inspector-fit-hover"))
                                .clicked()
                        {
                            commands.push(Command::Edit(Action::SetCodingRange {
                                coding: slot.id,
                                range: sel,
                            }));
                        }
                        if ui
                            .small_button(tr!("inspector-remove"))
                            .on_hover_text(tr!("inspector-remove-hover"))
                            .clicked()
                        {
                            commands.push(Command::Edit(Action::RemoveCoding(slot.id)));
                        }
                    });
                    let memo = coding.memo.as_deref().unwrap_or("");
                    if let Some(cmd) = field_ui(
                        state,
                        Field::CodingMemo(slot.id),
                        memo,
                        tr!("inspector-coding-memo"),
                        2,
                        project,
                        ui,
                    ) {
                        commands.push(cmd);
                    }
                    let mut exemplar = coding.exemplar;
                    if ui
                        .checkbox(&mut exemplar, tr!("inspector-exemplar"))
                        .on_hover_text(tr!("inspector-exemplar-hover"))
                        .changed()
                    {
                        commands.push(Command::Edit(Action::SetExemplar {
                            coding: slot.id,
                            exemplar,
                        }));
                    }
                    let translation = coding.translation.clone().unwrap_or_default();
                    if let Some(cmd) = field_ui(
                        state,
                        Field::Translation(slot.id),
                        &translation.text,
                        tr!("inspector-translation"),
                        2,
                        project,
                        ui,
                    ) {
                        commands.push(cmd);
                    }
                    if coding.translation.is_some()
                        && let Some(cmd) = field_ui(
                            state,
                            Field::TranslationNote(slot.id),
                            &translation.note,
                            tr!("inspector-translation-note"),
                            1,
                            project,
                            ui,
                        )
                    {
                        commands.push(cmd);
                    }
                });
            }

            // The code of the coding under the caret, else the code selected in the codebook.
            let code_shown = input
                .codings
                .first()
                .and_then(|slot| project.coding(slot.id))
                .map(|c| c.code)
                .or(input.code);
            if let Some(code) = code_shown.and_then(|c| project.code(c)) {
                ui.add_space(8.0);
                section_title(ui, tr!("inspector-code"));
                ui.horizontal(|ui| {
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect_filled(r, 3.0, theme::color(code.color));
                    let path = project.code_path(code.id);
                    let shown = theme::fit_path(ui, &path, ui.available_width());
                    ui.label(RichText::new(shown).strong()).on_hover_text(path);
                });
                let n = input.counts.by_code.get(&code.id).copied().unwrap_or(0);
                let mut facts = vec![tr!("count-codings", count = n)];
                if code.in_vivo {
                    facts.push(tr!("inspector-in-vivo").to_owned());
                }
                if let Some(k) = code.shortcut {
                    facts.push(tr!(
                        "inspector-key",
                        key = k.to_ascii_uppercase().to_string()
                    ));
                }
                let facts = ui.label(RichText::new(facts.join(" · ")).weak().small());
                if code.in_vivo {
                    facts.on_hover_text(tr!("help-in-vivo"));
                }
                ui.label(RichText::new(tr!("inspector-description")).small());
                if let Some(cmd) = field_ui(
                    state,
                    Field::Description(code.id),
                    &code.description,
                    tr!("inspector-description-hint"),
                    3,
                    project,
                    ui,
                ) {
                    commands.push(cmd);
                }
                ui.label(RichText::new(tr!("inspector-memo")).small());
                let memo = project
                    .memos_on(MemoTarget::Code(code.id))
                    .first()
                    .map(|m| m.text.clone())
                    .unwrap_or_default();
                if let Some(cmd) = field_ui(
                    state,
                    Field::Memo(MemoTarget::Code(code.id)),
                    &memo,
                    tr!("inspector-code-memo"),
                    3,
                    project,
                    ui,
                ) {
                    commands.push(cmd);
                }
            }

            // The document.
            if let Some(doc) = input.document.and_then(|d| project.document(d)) {
                ui.add_space(8.0);
                section_title(ui, tr!("inspector-document"));
                ui.label(RichText::new(&doc.name).strong());
                let n = input.counts.by_document.get(&doc.id).copied().unwrap_or(0);
                let chars = doc.text.char_len();
                ui.label(
                    RichText::new(tr!("inspector-document-facts", chars = chars, count = n))
                        .weak()
                        .small(),
                );
                let memo = project
                    .memos_on(MemoTarget::Document(doc.id))
                    .first()
                    .map(|m| m.text.clone())
                    .unwrap_or_default();
                if let Some(cmd) = field_ui(
                    state,
                    Field::Memo(MemoTarget::Document(doc.id)),
                    &memo,
                    tr!("inspector-document-memo"),
                    4,
                    project,
                    ui,
                ) {
                    commands.push(cmd);
                }
            }
        });
    commands
}

fn section_title(ui: &mut Ui, title: &str) {
    ui.label(RichText::new(title.to_uppercase()).small().weak().strong());
}

/// A multi-line field editing a draft of `stored`; returns the command when the edit is done.
fn field_ui(
    state: &mut InspectorState,
    field: Field,
    stored: &str,
    label: &str,
    rows: usize,
    project: &Project,
    ui: &mut Ui,
) -> Option<Command> {
    let mut text = state
        .drafts
        .get(&field)
        .cloned()
        .unwrap_or_else(|| stored.to_owned());
    let resp = ui.add(
        egui::TextEdit::multiline(&mut text)
            .id_salt(field)
            .hint_text(label)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    let label = label.to_owned();
    resp.widget_info(|| WidgetInfo::labeled(Role::MultilineTextInput, true, &label));
    if resp.has_focus() || resp.changed() {
        state.drafts.insert(field, text.clone());
    }
    if resp.lost_focus() {
        state.drafts.remove(&field);
        if text != stored {
            return Some(Command::Edit(field.commit(text, project)));
        }
    }
    None
}
