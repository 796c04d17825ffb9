//! Modal dialogs: who is coding, which code to merge into, a code's shortcut key, the list of
//! keyboard shortcuts. Each returns commands like the panels do.

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use crate::model::{CodeId, Project};

/// Which dialogs are open.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// Asking for the coder's name (the text typed so far).
    pub coder: Option<String>,
    /// Choosing the code to merge `from` into, with a filter.
    pub merge: Option<(CodeId, String)>,
    /// Waiting for the key of a code.
    pub shortcut: Option<CodeId>,
    /// Showing the keyboard shortcuts.
    pub help: bool,
}

impl Dialogs {
    /// True when a modal dialog is open (global shortcuts are off then).
    #[must_use]
    pub fn any_open(&self) -> bool {
        self.coder.is_some() || self.merge.is_some() || self.shortcut.is_some() || self.help
    }
}

/// Show the open dialogs.
#[allow(clippy::too_many_lines)]
pub fn dialogs_ui(dialogs: &mut Dialogs, project: Option<&Project>, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();
    if let Some(name) = &mut dialogs.coder {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("coder-dialog")).show(&ctx, |ui| {
            ui.set_width(360.0);
            ui.heading("Who is coding?");
            ui.label("Your name is stored with every coding you make, so that two coders can compare their work.");
            ui.add_space(6.0);
            let resp = ui.add(
                egui::TextEdit::singleline(name)
                    .hint_text("Your name")
                    .desired_width(f32::INFINITY),
            );
            resp.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "Coder name"));
            if !resp.has_focus() && !resp.lost_focus() {
                resp.request_focus();
            }
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("Start coding"));
                if (ok.clicked() || enter) && !name.trim().is_empty() {
                    commands.push(Command::SetCoderName(name.trim().to_owned()));
                    close = true;
                }
                if ui.button("Later").clicked() {
                    close = true;
                }
            });
        });
        if close {
            dialogs.coder = None;
        }
    }

    if let (Some((from, filter)), Some(project)) = (&mut dialogs.merge, project) {
        let from = *from;
        let mut close = false;
        let from_name = project.code_path(from);
        let excluded = project.code_and_descendants(from);
        egui::Modal::new(egui::Id::unique("merge-dialog")).show(&ctx, |ui| {
            ui.set_width(380.0);
            ui.heading("Merge code");
            ui.label(format!(
                "Move every coding of “{from_name}” and its sub-codes to the code you choose, then remove “{from_name}”. Undo with Ctrl+Z."
            ));
            let resp = ui.add(
                egui::TextEdit::singleline(filter)
                    .hint_text("Filter codes")
                    .desired_width(f32::INFINITY),
            );
            resp.widget_info(|| WidgetInfo::labeled(Role::SearchInput, true, "Filter codes to merge into"));
            let needle = filter.to_lowercase();
            egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                for (depth, c) in project.code_tree() {
                    if excluded.contains(&c.id) || !c.name.to_lowercase().contains(&needle) {
                        continue;
                    }
                    let label = format!("{}{}", "    ".repeat(depth), c.name);
                    if ui.selectable_label(false, label).clicked() {
                        commands.push(Command::MergeCodes { from, into: c.id });
                        close = true;
                    }
                }
            });
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                close = true;
            }
        });
        if close {
            dialogs.merge = None;
        }
    }

    if let (Some(code), Some(project)) = (dialogs.shortcut, project) {
        let mut close = false;
        let name = project.code_path(code);
        egui::Modal::new(egui::Id::unique("shortcut-dialog")).show(&ctx, |ui| {
            ui.set_width(340.0);
            ui.heading("Shortcut key");
            ui.label(format!(
                "Press the key that codes the selection with “{name}”: a digit or a letter. Backspace clears it, Esc cancels."
            ));
            let pressed = ui.input(|i| {
                i.events.iter().find_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } if modifiers.is_none() => Some(*key),
                    _ => None,
                })
            });
            match pressed {
                Some(Key::Escape) => close = true,
                Some(Key::Backspace | Key::Delete) => {
                    commands.push(Command::SetCodeShortcut { code, key: None });
                    close = true;
                }
                Some(k) => {
                    let name = k.name();
                    let mut chars = name.chars();
                    if let (Some(c), None) = (chars.next(), chars.next())
                        && c.is_ascii_alphanumeric() {
                        commands.push(Command::SetCodeShortcut {
                            code,
                            key: Some(c.to_ascii_lowercase()),
                        });
                        close = true;
                    }
                }
                None => {}
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if close {
            dialogs.shortcut = None;
        }
    }

    if dialogs.help {
        let resp = egui::Modal::new(egui::Id::unique("help-dialog")).show(&ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Keyboard shortcuts");
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    let row = |ui: &mut Ui, keys: &str, what: &str| {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    };
                    for cmd in Command::with_shortcuts() {
                        if let Some(s) = cmd.shortcut() {
                            row(ui, &ui.ctx().format_shortcut(&s), &cmd.label());
                        }
                    }
                    row(ui, "1 – 9, keys you assign", "Code the selection");
                    row(ui, "Delete", "Remove the selected coding");
                    row(ui, "Shift + arrows", "Select text");
                    row(ui, "Ctrl + arrows", "Move by word");
                    row(
                        ui,
                        "Click a speaker or sender",
                        "Select the whole turn or message",
                    );
                    row(ui, "Tab", "Move between panels and fields");
                    row(ui, "F2 (in the codebook)", "Rename the code");
                    row(
                        ui,
                        "Shift+F10 or Menu (in the codebook)",
                        "More: colour, merge, delete…",
                    );
                });
            ui.add_space(6.0);
            if ui.button("Close").clicked() {
                ui.close();
            }
        });
        if resp.should_close() {
            dialogs.help = false;
        }
    }
    commands
}
