//! The codebook panel: the code tree with counts and shortcut keys. Click a code to code the
//! selected text (or to select the code), drop a selection on it, drag codes to nest or reorder
//! them; the context menu renames, recolours, merges and deletes.

use std::collections::{BTreeMap, HashSet};

use egui::{
    Align2, Color32, CursorIcon, FontId, Key, RichText, Role, Sense, Stroke, Ui, WidgetInfo, pos2,
    vec2,
};

use super::command::Command;
use super::i18n::tr;
use super::theme;
use super::transcript::SelectionDrag;
use crate::model::{Code, CodeId, Color, Project};
use crate::session::Action;
use crate::session::Counts;

/// A code being dragged to a new place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeDrag(pub CodeId);

/// State of the codebook panel.
#[derive(Debug, Default)]
pub struct CodebookState {
    /// The filter text.
    pub filter: String,
    /// Codes whose children are hidden.
    pub collapsed: HashSet<CodeId>,
    /// The selected code.
    pub selected: Option<CodeId>,
    /// The code being renamed and the name typed so far.
    pub renaming: Option<(CodeId, String)>,
    rename_focus: bool,
    /// Give the keyboard to the panel (its filter field) next frame (F6).
    pub focus: bool,
}

impl CodebookState {
    /// Start renaming `code`.
    pub fn start_rename(&mut self, project: &Project, code: CodeId) {
        if let Some(c) = project.code(code) {
            self.renaming = Some((code, c.name.clone()));
            self.rename_focus = true;
            self.selected = Some(code);
        }
    }
}

/// Where a dragged code would land relative to the row under the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drop {
    Before,
    Into,
    After,
}

/// Show the codebook. `has_selection` says whether text is selected in the transcript (then a
/// click on a code codes it).
#[allow(clippy::too_many_lines)]
pub fn codebook_ui(
    state: &mut CodebookState,
    project: &Project,
    counts: &Counts,
    keys: &BTreeMap<CodeId, char>,
    has_selection: bool,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr!("codebook-title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(tr!("codebook-new"))
                .on_hover_text(tr!("codebook-new-hover"))
                .clicked()
            {
                commands.push(Command::Edit(Action::CreateCode {
                    name: tr!("codebook-new-name").into(),
                    parent: None,
                }));
            }
        });
    });
    let filter = ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text(tr!("codebook-filter-hint"))
            .desired_width(f32::INFINITY),
    );
    filter
        .widget_info(|| WidgetInfo::labeled(Role::SearchInput, true, tr!("codebook-filter-label")));
    if std::mem::take(&mut state.focus) {
        filter.request_focus();
    }
    if filter.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
        let name = state.filter.trim().to_owned();
        if !name.is_empty() && project.code_named(&name).is_none() {
            commands.push(Command::Edit(Action::CreateCode { name, parent: None }));
            state.filter.clear();
        }
    }
    ui.add_space(4.0);

    let tree = project.code_tree();
    let needle = state.filter.trim().to_lowercase();
    // Codes shown: all, or those whose path matches the filter plus their ancestors.
    let shown: Option<HashSet<CodeId>> = (!needle.is_empty()).then(|| {
        let mut set = HashSet::new();
        for (_, c) in &tree {
            if c.name.to_lowercase().contains(&needle) {
                let mut next = Some(c.id);
                while let Some(id) = next {
                    if !set.insert(id) {
                        break;
                    }
                    next = project.code(id).and_then(|x| x.parent);
                }
            }
        }
        set
    });
    let has_children: HashSet<CodeId> = project.codes().values().filter_map(|c| c.parent).collect();
    let total = |id: CodeId| -> usize {
        project
            .code_and_descendants(id)
            .iter()
            .map(|c| counts.by_code.get(c).copied().unwrap_or(0))
            .sum()
    };

    egui::ScrollArea::vertical()
        .id_salt("codebook")
        .auto_shrink(false)
        .show(ui, |ui| {
            if tree.is_empty() {
                ui.label(RichText::new(tr!("codebook-empty")).weak());
            }
            let mut hidden_under: Option<usize> = None;
            for (depth, code) in &tree {
                if let Some(d) = hidden_under {
                    if *depth > d {
                        continue;
                    }
                    hidden_under = None;
                }
                if shown.as_ref().is_some_and(|s| !s.contains(&code.id)) {
                    continue;
                }
                let collapsed = state.collapsed.contains(&code.id) && shown.is_none();
                if collapsed {
                    hidden_under = Some(*depth);
                }
                let own = counts.by_code.get(&code.id).copied().unwrap_or(0);
                let count = if collapsed { total(code.id) } else { own };
                let row = RowInfo {
                    code,
                    depth: *depth,
                    count,
                    key: keys.get(&code.id).copied(),
                    has_children: has_children.contains(&code.id),
                    collapsed,
                    selected: state.selected == Some(code.id),
                };
                code_row_ui(state, project, &row, has_selection, &mut commands, ui);
            }
            // Space below the tree: drop a code here to make it top-level and last.
            let space = ui.available_size_before_wrap();
            let (tail, tail_response) =
                ui.allocate_exact_size(vec2(space.x, space.y.max(40.0)), Sense::hover());
            if tail_response.dnd_hover_payload::<CodeDrag>().is_some() {
                let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
                ui.painter().hline(tail.x_range(), tail.top() + 2.0, stroke);
            }
            if let Some(drag) = released::<CodeDrag>(&tail_response) {
                commands.push(Command::Edit(Action::MoveCode {
                    code: drag.0,
                    parent: None,
                    before: None,
                }));
            }
        });
    commands
}

/// The payload of type `T` dropped on `response` this frame. (egui's `dnd_release_payload` takes
/// whatever payload there is before checking its type, so a drop target for one type would
/// swallow the other's: check the type first.)
fn released<T: std::any::Any + Send + Sync>(
    response: &egui::Response,
) -> Option<std::sync::Arc<T>> {
    response.dnd_hover_payload::<T>()?;
    response.dnd_release_payload::<T>()
}

struct RowInfo<'a> {
    code: &'a Code,
    depth: usize,
    count: usize,
    key: Option<char>,
    has_children: bool,
    collapsed: bool,
    selected: bool,
}

#[allow(clippy::too_many_lines)] // one row: name, count, key, drag and drop, menu share its rect
fn code_row_ui(
    state: &mut CodebookState,
    project: &Project,
    row: &RowInfo<'_>,
    has_selection: bool,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let code = row.code;
    let height = 24.0;
    let width = ui.available_width();
    let indent = 6.0 + row.depth as f32 * 16.0;

    // Renaming: a text field in place of the row.
    if let Some((id, name)) = &mut state.renaming
        && *id == code.id
    {
        let id = *id;
        let resp = ui
            .horizontal(|ui| {
                ui.add_space(indent + 30.0);
                let r =
                    ui.add(egui::TextEdit::singleline(name).desired_width(width - indent - 40.0));
                r.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("codebook-name-label"))
                });
                r
            })
            .inner;
        if std::mem::take(&mut state.rename_focus) {
            resp.request_focus();
            // Select the whole name, so typing replaces it.
            if let Some(mut te) = egui::text_edit::TextEditState::load(ui.ctx(), resp.id) {
                let end = egui::text::CCursor::new(name.chars().count());
                te.cursor.set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    end,
                )));
                te.store(ui.ctx(), resp.id);
            }
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if resp.lost_focus() {
            if !escape && (enter || !name.trim().is_empty()) {
                commands.push(Command::Edit(Action::RenameCode {
                    code: id,
                    name: name.clone(),
                }));
            }
            state.renaming = None;
        }
        return;
    }

    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
    let visuals = ui.visuals().clone();
    let wv = ui.style().interact_selectable(&response, row.selected);
    if row.selected || response.hovered() || response.has_focus() {
        ui.painter().rect_filled(rect, 4.0, wv.bg_fill);
    }
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect,
            4.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }

    // Drop targets: a selection to code, or a code to move.
    let selection_hover = response.dnd_hover_payload::<SelectionDrag>().is_some();
    if selection_hover {
        ui.painter().rect_stroke(
            rect,
            4.0,
            Stroke::new(2.0, theme::color(code.color)),
            egui::StrokeKind::Inside,
        );
    }
    if let Some(sel) = released::<SelectionDrag>(&response) {
        commands.push(Command::Edit(Action::ApplyCode {
            document: sel.document,
            range: sel.range,
            code: code.id,
        }));
    }
    let drop_at = |y: f32| {
        let f = (y - rect.top()) / rect.height();
        if f < 0.25 {
            Drop::Before
        } else if f > 0.75 {
            Drop::After
        } else {
            Drop::Into
        }
    };
    if let Some(drag) = response.dnd_hover_payload::<CodeDrag>()
        && drag.0 != code.id
        && let Some(p) = ui.input(|i| i.pointer.hover_pos())
    {
        {
            let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
            match drop_at(p.y) {
                Drop::Before => {
                    ui.painter().hline(rect.x_range(), rect.top(), stroke);
                }
                Drop::After => {
                    ui.painter().hline(rect.x_range(), rect.bottom(), stroke);
                }
                Drop::Into => {
                    ui.painter()
                        .rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
                }
            }
        }
    }
    if let Some(drag) = released::<CodeDrag>(&response)
        && drag.0 != code.id
    {
        let p = ui
            .input(|i| i.pointer.interact_pos())
            .unwrap_or(rect.center());
        let siblings: Vec<CodeId> = project
            .child_codes(code.parent)
            .iter()
            .map(|c| c.id)
            .filter(|&c| c != drag.0)
            .collect();
        let at = siblings.iter().position(|&c| c == code.id).unwrap_or(0);
        let cmd = match drop_at(p.y) {
            Drop::Before => Command::Edit(Action::MoveCode {
                code: drag.0,
                parent: code.parent,
                before: Some(code.id),
            }),
            Drop::After => Command::Edit(Action::MoveCode {
                code: drag.0,
                parent: code.parent,
                before: siblings.get(at + 1).copied(),
            }),
            Drop::Into => Command::Edit(Action::MoveCode {
                code: drag.0,
                parent: Some(code.id),
                before: None,
            }),
        };
        commands.push(cmd);
    }
    if response.drag_started() {
        response.dnd_set_drag_payload(CodeDrag(code.id));
    }
    if response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    }

    // Paint: arrow, swatch, name, key, count.
    let painter = ui.painter_at(rect);
    let mid = rect.center().y;
    let arrow_rect =
        egui::Rect::from_center_size(pos2(rect.left() + indent + 7.0, mid), vec2(14.0, 14.0));
    if row.has_children {
        let c = visuals.weak_text_color();
        let (a, b, d) = if row.collapsed {
            (
                pos2(arrow_rect.center().x - 3.0, mid - 5.0),
                pos2(arrow_rect.center().x - 3.0, mid + 5.0),
                pos2(arrow_rect.center().x + 4.0, mid),
            )
        } else {
            (
                pos2(arrow_rect.center().x - 5.0, mid - 3.0),
                pos2(arrow_rect.center().x + 5.0, mid - 3.0),
                pos2(arrow_rect.center().x, mid + 4.0),
            )
        };
        painter.add(egui::Shape::convex_polygon(vec![a, b, d], c, Stroke::NONE));
    }
    let swatch =
        egui::Rect::from_center_size(pos2(arrow_rect.right() + 10.0, mid), vec2(12.0, 12.0));
    painter.rect_filled(swatch, 3.0, theme::color(code.color));
    let right_text = |s: String, x: f32, color: Color32| {
        painter.text(
            pos2(x, mid),
            Align2::RIGHT_CENTER,
            s,
            FontId::proportional(12.0),
            color,
        )
    };
    let count_rect = right_text(
        row.count.to_string(),
        rect.right() - 6.0,
        visuals.weak_text_color(),
    );
    let mut name_right = count_rect.left() - 8.0;
    if let Some(k) = row.key {
        let key_text = k.to_ascii_uppercase().to_string();
        let galley =
            painter.layout_no_wrap(key_text, FontId::monospace(11.0), visuals.weak_text_color());
        let key_rect = egui::Rect::from_center_size(
            pos2(name_right - 9.0, mid),
            vec2(galley.rect.width().max(10.0) + 6.0, 16.0),
        );
        painter.rect_stroke(
            key_rect,
            3.0,
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            egui::StrokeKind::Inside,
        );
        painter.galley(
            key_rect.center() - galley.rect.size() / 2.0,
            galley,
            visuals.weak_text_color(),
        );
        name_right = key_rect.left() - 6.0;
    }
    let name_left = swatch.right() + 8.0;
    let mut name = code.name.clone();
    if code.in_vivo {
        name = format!("“{name}”");
    }
    let galley = painter.layout(
        name,
        egui::TextStyle::Body.resolve(ui.style()),
        wv.text_color(),
        (name_right - name_left).max(20.0),
    );
    let galley = if galley.rows.len() > 1 {
        // Keep rows one line high: elide.
        let mut job = egui::text::LayoutJob::simple_singleline(
            code.name.clone(),
            egui::TextStyle::Body.resolve(ui.style()),
            wv.text_color(),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width((name_right - name_left).max(20.0));
        painter.layout_job(job)
    } else {
        galley
    };
    painter.galley(
        pos2(name_left, mid - galley.rect.height() / 2.0),
        galley,
        wv.text_color(),
    );

    let path = project.code_path(code.id);
    let label = tr!(
        "codebook-row-label",
        path = path.as_str(),
        count = row.count
    );
    response.widget_info(|| WidgetInfo::selected(Role::TreeItem, true, row.selected, &label));

    // Clicks and keys.
    let arrow_clicked = row.has_children
        && response.clicked()
        && response
            .interact_pointer_pos()
            .is_some_and(|p| arrow_rect.expand(3.0).contains(p));
    if arrow_clicked {
        if !state.collapsed.remove(&code.id) {
            state.collapsed.insert(code.id);
        }
    } else if response.double_clicked() {
        state.start_rename(project, code.id);
    } else if response.clicked() {
        if has_selection {
            commands.push(Command::CodeSelection(code.id));
        }
        state.selected = Some(code.id);
        commands.push(Command::SelectCode(Some(code.id)));
    }
    if response.has_focus() {
        // Enter and Space click the focused row (egui does that); F2 renames, Delete deletes.
        let (f2, delete) = ui.input(|i| (i.key_pressed(Key::F2), i.key_pressed(Key::Delete)));
        if f2 {
            state.start_rename(project, code.id);
        }
        if delete {
            commands.push(Command::Edit(Action::DeleteCode(code.id)));
        }
    }

    let description = code.description.trim();
    // What the count beside the name counts, so it can be read against the tables' figures.
    let counted = tr!(
        "codebook-counted",
        count = row.count,
        explain = tr!("explain-codebook")
    );
    let hover = if has_selection {
        tr!(
            "codebook-row-hover-code",
            path = path.as_str(),
            counted = counted
        )
    } else if description.is_empty() {
        format!("{path}\n{counted}")
    } else {
        format!("{path}\n{description}\n{counted}")
    };
    let response = response.on_hover_text(hover);
    // The row's menu opens on a right click, or from the keyboard with the menu key or
    // Shift+F10; it hangs below the row either way.
    let by_key = response.has_focus()
        && ui.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, Key::Menu)
                || i.consume_key(egui::Modifiers::SHIFT, Key::F10)
        });
    let open = if response.secondary_clicked() || by_key {
        Some(egui::SetOpenCommand::Bool(true))
    } else if response.clicked() {
        Some(egui::SetOpenCommand::Bool(false))
    } else {
        None
    };
    egui::Popup::menu(&response).open_memory(open).show(|ui| {
        if has_selection && ui.button(tr!("codebook-menu-code")).clicked() {
            commands.push(Command::CodeSelection(code.id));
        }
        if ui.button(tr!("codebook-menu-rename")).clicked() {
            state.start_rename(project, code.id);
        }
        if ui.button(tr!("codebook-menu-sub-code")).clicked() {
            commands.push(Command::Edit(Action::CreateCode {
                name: tr!("codebook-new-name").into(),
                parent: Some(code.id),
            }));
        }
        ui.menu_button(tr!("codebook-menu-colour"), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.set_max_width(150.0);
                for n in 0..10 {
                    let c = Color::palette(n);
                    let (r, resp) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::click());
                    ui.painter()
                        .rect_filled(r.shrink(2.0), 4.0, theme::color(c));
                    if c == code.color {
                        ui.painter().rect_stroke(
                            r,
                            4.0,
                            Stroke::new(2.0, ui.visuals().text_color()),
                            egui::StrokeKind::Inside,
                        );
                    }
                    let hex = c.to_hex();
                    resp.widget_info(|| {
                        WidgetInfo::labeled(
                            Role::Button,
                            true,
                            tr!("codebook-colour-label", hex = hex.as_str()),
                        )
                    });
                    if resp.clicked() {
                        commands.push(Command::Edit(Action::RecolorCode {
                            code: code.id,
                            color: c,
                        }));
                        ui.close();
                    }
                }
            });
        });
        if ui.button(tr!("codebook-menu-shortcut")).clicked() {
            commands.push(Command::StartShortcut(code.id));
        }
        if ui.button(tr!("codebook-menu-merge")).clicked() {
            commands.push(Command::StartMerge(code.id));
        }
        ui.separator();
        if ui.button(tr!("codebook-menu-delete")).clicked() {
            commands.push(Command::Edit(Action::DeleteCode(code.id)));
        }
    });
}
