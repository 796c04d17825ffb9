//! Modal dialogs: who is coding, a new project (name and folder), which code to merge into, a
//! code's shortcut key, what an import brought in, and the built-in file picker. Each
//! returns commands like the panels do.

use std::path::{Path, PathBuf};

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::error::UiError;
use super::file_picker::{FilePicker, picker_ui};
use super::i18n::tr;
use crate::model::{CodeId, Project};
use crate::session::Action;

/// Which dialogs are open.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// Asking for the coder's name (the text typed so far).
    pub coder: Option<String>,
    /// Choosing the code to merge `from` into, with a filter.
    pub merge: Option<(CodeId, String)>,
    /// Waiting for the key of a code.
    pub shortcut: Option<CodeId>,
    /// The built-in file picker, where the system has no file dialog.
    pub picker: Option<FilePicker>,
    /// Asking for a new project's name and folder.
    pub new_project: Option<NewProjectForm>,
    /// What an import brought in and what it could not: a title and lines under headings.
    pub report: Option<ImportReport>,
    /// The dialog just opened: its first field takes the keyboard (once, so that Tab and
    /// clicks can move on).
    focus_pending: bool,
    /// The import dialog (drawn by the app, which has the session).
    pub import: Option<super::import_dialog::ImportDialog>,
}

impl Dialogs {
    /// Ask who is coding, proposing `name`.
    pub fn ask_coder(&mut self, name: String) {
        self.coder = Some(name);
        self.focus_pending = true;
    }

    /// Ask which code to merge `from` into.
    pub fn ask_merge(&mut self, from: CodeId) {
        self.merge = Some((from, String::new()));
        self.focus_pending = true;
    }

    /// True when a modal dialog is open (global shortcuts are off then).
    #[must_use]
    pub fn any_open(&self) -> bool {
        self.coder.is_some()
            || self.merge.is_some()
            || self.shortcut.is_some()
            || self.picker.is_some()
            || self.new_project.is_some()
            || self.report.is_some()
            || self.import.as_ref().is_some_and(|d| !d.reading())
    }

    /// Ask for a new project's name and the folder it goes in (proposed: `folder`).
    pub fn ask_new_project(&mut self, folder: &Path) {
        self.new_project = Some(NewProjectForm {
            name: tr!("new-project-default-name").to_owned(),
            folder: folder.display().to_string(),
            problem: None,
            qdpx: None,
        });
        self.focus_pending = true;
    }

    /// Show what an import brought in.
    pub fn show_report(&mut self, report: ImportReport) {
        self.report = Some(report);
        self.focus_pending = true;
    }

    /// Ask where the project read from the `.qdpx` at `qdpx` goes (proposed: beside it, named
    /// after it).
    pub fn ask_qdpx_target(&mut self, qdpx: PathBuf) {
        let name = qdpx.file_stem().map_or_else(
            || tr!("new-project-imported-name").to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let folder = qdpx
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.new_project = Some(NewProjectForm {
            name,
            folder,
            problem: None,
            qdpx: Some(qdpx),
        });
        self.focus_pending = true;
    }
}

/// An import's report, shown in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// What was imported, from where.
    pub title: String,
    /// One line of counts.
    pub summary: String,
    /// Headed lists of details ("Adjusted to fit Margin", "Not imported", …); empty ones are
    /// left out.
    pub sections: Vec<(String, Vec<String>)>,
}

/// The "New project" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProjectForm {
    /// The project's name (also its folder's).
    pub name: String,
    /// The folder the project's folder goes in.
    pub folder: String,
    /// Why it cannot be created, when "Create" was pressed.
    pub problem: Option<String>,
    /// The `.qdpx` the project is made from (else it starts empty).
    pub qdpx: Option<PathBuf>,
}

impl NewProjectForm {
    /// The project folder to create: `folder/name`, which must not exist or be empty.
    pub fn target(&self) -> Result<PathBuf, UiError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(UiError::NoProjectName);
        }
        if name.contains(['/', '\\']) || name == "." || name == ".." {
            return Err(UiError::BadProjectName(name.to_owned()));
        }
        let folder = PathBuf::from(self.folder.trim());
        if !folder.is_dir() {
            return Err(UiError::NoFolder(folder));
        }
        let target = folder.join(name);
        let empty = std::fs::read_dir(&target).map(|mut d| d.next().is_none());
        match empty {
            Ok(false) => Err(UiError::NotEmpty(target)),
            Err(_) if target.exists() => Err(UiError::Exists(target)),
            _ => Ok(target),
        }
    }
}

/// Show the open dialogs.
#[allow(clippy::too_many_lines)] // one arm per dialog; at most one is open at a time
pub fn dialogs_ui(dialogs: &mut Dialogs, project: Option<&Project>, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();
    if let Some(name) = &mut dialogs.coder {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("coder-dialog")).show(&ctx, |ui| {
            ui.set_width(360.0);
            ui.heading(tr!("coder-title"));
            ui.label(tr!("coder-explain"));
            ui.add_space(6.0);
            let resp = ui.add(
                egui::TextEdit::singleline(name)
                    .hint_text(tr!("coder-hint"))
                    .desired_width(f32::INFINITY),
            );
            resp.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, tr!("coder-label")));
            // Focus once, when the dialog opens. Asking every frame that the field lacks focus
            // interrupts the input method each time (egui does so on every focus request), and
            // on X11 that re-creates the input context: the window then repaints without end
            // and drops keys.
            if std::mem::take(&mut dialogs.focus_pending) {
                resp.request_focus();
            }
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(
                    !name.trim().is_empty(),
                    egui::Button::new(tr!("coder-start")),
                );
                if (ok.clicked() || enter) && !name.trim().is_empty() {
                    commands.push(Command::SetCoderName(name.trim().to_owned()));
                    close = true;
                }
                if ui.button(tr!("coder-later")).clicked() {
                    close = true;
                }
            });
        });
        if close {
            dialogs.coder = None;
        }
    }

    if let Some(form) = &mut dialogs.new_project {
        let mut close = false;
        let mut refocus = false;
        let modal = egui::Modal::new(egui::Id::unique("new-project-dialog")).show(&ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(tr!("new-project-title"));
            match &form.qdpx {
                Some(q) => ui.label(tr!("new-project-from-qdpx", path = q.display().to_string())),
                None => ui.label(tr!("new-project-explain")),
            };
            ui.add_space(6.0);
            let mut submit = false;
            egui::Grid::new("new-project")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(tr!("new-project-name"));
                    let name =
                        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(300.0));
                    name.widget_info(|| {
                        WidgetInfo::labeled(Role::TextInput, true, tr!("new-project-name-label"))
                    });
                    if std::mem::take(&mut dialogs.focus_pending) {
                        name.request_focus();
                    }
                    submit |= name.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.end_row();
                    ui.label(tr!("new-project-folder"));
                    ui.horizontal(|ui| {
                        let folder = ui
                            .add(egui::TextEdit::singleline(&mut form.folder).desired_width(220.0));
                        folder.widget_info(|| {
                            WidgetInfo::labeled(
                                Role::TextInput,
                                true,
                                tr!("new-project-folder-label"),
                            )
                        });
                        submit |= folder.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                        if ui.button(tr!("new-project-browse")).clicked() {
                            commands.push(Command::ChooseNewProjectFolder);
                        }
                    });
                    ui.end_row();
                });
            if let Ok(target) = form.target() {
                ui.label(
                    RichText::new(tr!(
                        "new-project-creates",
                        path = target.display().to_string()
                    ))
                    .weak(),
                );
            }
            if let Some(p) = &form.problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                submit |= ui.button(tr!("new-project-create")).clicked();
                if ui.button(tr!("dialog-cancel")).clicked() {
                    close = true;
                }
            });
            if submit {
                match form.target() {
                    Ok(target) => {
                        commands.push(match form.qdpx.clone() {
                            Some(qdpx) => Command::CreateFromQdpx { qdpx, target },
                            None => Command::CreateProject(target),
                        });
                        close = true;
                    }
                    Err(e) => {
                        form.problem = Some(e.to_string());
                        refocus = true;
                    }
                }
            }
        });
        // Enter took the keyboard from the name field: give it back to correct the name.
        if refocus {
            dialogs.focus_pending = true;
        }
        if close || modal.should_close() {
            dialogs.new_project = None;
        }
    }

    if let (Some((from, filter)), Some(project)) = (&mut dialogs.merge, project) {
        let from = *from;
        let mut close = false;
        let from_name = project.code_path(from);
        let excluded = project.code_and_descendants(from);
        egui::Modal::new(egui::Id::unique("merge-dialog")).show(&ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(tr!("merge-title"));
            ui.label(tr!("merge-explain", code = from_name.as_str()));
            let resp = ui.add(
                egui::TextEdit::singleline(filter)
                    .hint_text(tr!("codebook-filter-label"))
                    .desired_width(f32::INFINITY),
            );
            resp.widget_info(|| {
                WidgetInfo::labeled(Role::SearchInput, true, tr!("merge-filter-label"))
            });
            if std::mem::take(&mut dialogs.focus_pending) {
                resp.request_focus();
            }
            let needle = filter.to_lowercase();
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    for (depth, c) in project.code_tree() {
                        if excluded.contains(&c.id) || !c.name.to_lowercase().contains(&needle) {
                            continue;
                        }
                        let label = format!("{}{}", "    ".repeat(depth), c.name);
                        if ui.selectable_label(false, label).clicked() {
                            commands.push(Command::Edit(Action::MergeCodes { from, into: c.id }));
                            close = true;
                        }
                    }
                });
            if ui.button(tr!("dialog-cancel")).clicked() || ui.input(|i| i.key_pressed(Key::Escape))
            {
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
            ui.heading(tr!("shortcut-title"));
            ui.label(tr!("shortcut-explain", code = name.as_str()));
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
                    commands.push(Command::Edit(Action::SetCodeShortcut { code, key: None }));
                    close = true;
                }
                Some(k) => {
                    let name = k.name();
                    let mut chars = name.chars();
                    if let (Some(c), None) = (chars.next(), chars.next())
                        && c.is_ascii_alphanumeric()
                    {
                        commands.push(Command::Edit(Action::SetCodeShortcut {
                            code,
                            key: Some(c.to_ascii_lowercase()),
                        }));
                        close = true;
                    }
                }
                None => {}
            }
            if ui.button(tr!("dialog-cancel")).clicked() {
                close = true;
            }
        });
        if close {
            dialogs.shortcut = None;
        }
    }

    commands.extend(picker_ui(&mut dialogs.picker, ui));

    if let Some(report) = &dialogs.report {
        let modal = egui::Modal::new(egui::Id::unique("report-dialog")).show(&ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&report.title);
            ui.label(&report.summary);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (heading, lines) in &report.sections {
                        ui.add_space(6.0);
                        ui.label(RichText::new(heading).strong());
                        for l in lines {
                            ui.add(egui::Label::new(format!("• {l}")).wrap());
                        }
                    }
                });
            ui.add_space(6.0);
            let close = ui.button(tr!("dialog-close"));
            if std::mem::take(&mut dialogs.focus_pending) {
                close.request_focus();
            }
            if close.clicked() {
                ui.close();
            }
        });
        if modal.should_close() {
            dialogs.report = None;
        }
    }

    commands
}
