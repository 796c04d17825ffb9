//! The documents panel: documents grouped by kind and case, with their coding counts, and a
//! filter by name; a document's right-click menu renames, deletes, re-kinds or re-cases it and
//! shows its properties (`document_windows`).

use std::collections::BTreeMap;

use egui::{RichText, Role, Sense, Ui, WidgetInfo, vec2};

use super::command::Command;
use super::document_windows::document_menu_ui;
use super::i18n::tr;
use crate::model::{Document, DocumentId, DocumentKind, Project};
use crate::session::Counts;

/// State of the documents panel.
#[derive(Debug, Default)]
pub struct DocumentsState {
    /// The filter text.
    pub filter: String,
    /// Give the keyboard to the panel (its filter field) next frame (F6).
    pub focus: bool,
}

/// Show the documents panel.
pub fn documents_ui(
    state: &mut DocumentsState,
    project: &Project,
    counts: &Counts,
    open: Option<DocumentId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr!("documents-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(tr!("documents-import"))
                .on_hover_text(tr!("documents-import-hover"))
                .clicked()
            {
                commands.push(Command::ImportDialog);
            }
        });
    });
    let filter = ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text(tr!("documents-filter-hint"))
            .desired_width(f32::INFINITY),
    );
    filter.widget_info(|| {
        WidgetInfo::labeled(Role::SearchInput, true, tr!("documents-filter-label"))
    });
    if std::mem::take(&mut state.focus) {
        filter.request_focus();
    }
    ui.add_space(4.0);

    let needle = state.filter.to_lowercase();
    let matches = |d: &Document| needle.is_empty() || d.name.to_lowercase().contains(&needle);
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink(false)
        .show(ui, |ui| {
            if project.documents().is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new(tr!("documents-empty")).weak());
                return;
            }
            for kind in DocumentKind::ALL {
                let docs: Vec<&Document> = project
                    .documents()
                    .values()
                    .filter(|d| d.kind == kind && matches(d))
                    .collect();
                if docs.is_empty() {
                    continue;
                }
                let title = match kind {
                    DocumentKind::Interview => {
                        tr!("documents-group-interviews", count = docs.len())
                    }
                    DocumentKind::Chat => tr!("documents-group-chats", count = docs.len()),
                    DocumentKind::Notes => tr!("documents-group-notes", count = docs.len()),
                };
                egui::CollapsingHeader::new(RichText::new(title).strong())
                    .id_salt(("kind", kind))
                    .default_open(true)
                    .show(ui, |ui| {
                        // By case (sorted by case name), documents without a case last.
                        let mut by_case: BTreeMap<(bool, String), Vec<&Document>> = BTreeMap::new();
                        for d in docs {
                            let case = d.case.and_then(|c| project.case(c)).map(|c| c.name.clone());
                            by_case
                                .entry((case.is_none(), case.unwrap_or_default()))
                                .or_default()
                                .push(d);
                        }
                        let mut by_case: Vec<_> = by_case.into_iter().collect();
                        by_case.sort_by(|((a_none, a), _), ((b_none, b), _)| {
                            a_none.cmp(b_none).then_with(|| natural_cmp(a, b))
                        });
                        for ((_, case), mut docs) in by_case {
                            docs.sort_by(|a, b| natural_cmp(&a.name, &b.name));
                            let grouped = docs.len() > 1 && !case.is_empty();
                            if grouped {
                                ui.label(
                                    RichText::new(tr!("documents-case", case = case.as_str()))
                                        .weak()
                                        .small(),
                                );
                            }
                            for d in docs {
                                let tag = (!grouped
                                    && !case.is_empty()
                                    && !d.name.contains(case.as_str()))
                                .then_some(case.as_str());
                                let count = counts.by_document.get(&d.id).copied().unwrap_or(0);
                                let row = document_row_ui(d, tag, count, open == Some(d.id), ui);
                                if row.clicked() {
                                    commands.push(Command::OpenDocument(d.id));
                                }
                                row.context_menu(|ui| {
                                    commands.extend(document_menu_ui(project, d.id, ui));
                                });
                            }
                        }
                    });
            }
        });
    commands
}

fn document_row_ui(
    doc: &Document,
    case: Option<&str>,
    count: usize,
    selected: bool,
    ui: &mut Ui,
) -> egui::Response {
    let height = 24.0;
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() || response.has_focus() {
        ui.painter().rect_filled(rect, 4.0, visuals.bg_fill);
    }
    let painter = ui.painter_at(rect);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let count_text = count.to_string();
    let count_galley = painter.layout_no_wrap(
        count_text,
        egui::TextStyle::Small.resolve(ui.style()),
        ui.visuals().weak_text_color(),
    );
    let count_pos = egui::pos2(
        rect.right() - 6.0 - count_galley.rect.width(),
        rect.center().y - count_galley.rect.height() / 2.0,
    );
    let mut label = doc.name.clone();
    if let Some(c) = case {
        label.push_str("  · ");
        label.push_str(c);
    }
    let mut job = egui::text::LayoutJob::simple_singleline(label, font, visuals.text_color());
    job.wrap =
        egui::text::TextWrapping::truncate_at_width((count_pos.x - rect.left() - 16.0).max(10.0));
    let name = painter.layout_job(job);
    let name_pos = egui::pos2(
        rect.left() + 6.0,
        rect.center().y - name.rect.height() / 2.0,
    );
    painter.galley(name_pos, name, visuals.text_color());
    if count > 0 {
        painter.galley(count_pos, count_galley, ui.visuals().weak_text_color());
    }
    let label = tr!(
        "documents-row-label",
        name = doc.name.as_str(),
        count = count
    );
    response.widget_info(|| WidgetInfo::selected(Role::ListItem, true, selected, &label));
    response.on_hover_text(match &doc.origin {
        Some(o) => tr!(
            "documents-row-hover-origin",
            name = doc.name.as_str(),
            file = o.file.as_str(),
            encoding = o.encoding.as_str()
        ),
        None => doc.name.clone(),
    })
}

/// Compare names so that "G2" sorts before "G10".
#[must_use]
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(s: &str) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut num = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                num.push(c);
            } else {
                if !num.is_empty() {
                    out.push((std::mem::take(&mut text), num.parse().unwrap_or(0)));
                    num.clear();
                }
                text.extend(c.to_lowercase());
            }
        }
        out.push((text, num.parse().unwrap_or(0)));
        out
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::natural_cmp;

    #[test]
    fn numbers_sort_by_value() {
        let mut v = vec!["G10", "G2", "G1", "chat 05-06", "chat 07-08"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["chat 05-06", "chat 07-08", "G1", "G2", "G10"]);
    }
}
