//! The window's frame around the panels: the menu bar, the status bar, the welcome page when no
//! project is open, and the title.

use std::path::PathBuf;

use egui::{Key, RichText, Ui};

use super::MarginApp;
use crate::session::SaveStatus;
use crate::ui::command::Command;
use crate::ui::config::ThemeChoice;
use crate::ui::i18n::{self, Language, tr};
use crate::ui::search_panel::AnalysisTab;
use crate::ui::theme;

impl MarginApp {
    /// The menu bar.
    #[allow(clippy::too_many_lines)] // one menu after another, in the order the bar shows them
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let has_project = self.session.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            let item = |ui: &mut Ui, cmd: Command, enabled: bool, out: &mut Vec<Command>| {
                let mut button = egui::Button::new(cmd.label());
                if let Some(s) = cmd.shortcut() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                }
                if ui.add_enabled(enabled, button).clicked() {
                    out.push(cmd);
                }
            };
            ui.menu_button(tr!("menu-project"), |ui| {
                item(ui, Command::NewProjectDialog, true, &mut commands);
                item(ui, Command::OpenProjectDialog, true, &mut commands);
                item(ui, Command::OpenQdpxDialog, true, &mut commands);
                ui.menu_button(tr!("menu-open-recent"), |ui| {
                    if self.config.recent.is_empty() {
                        ui.label(RichText::new(tr!("menu-no-recent")).weak());
                    }
                    for r in &self.config.recent {
                        if ui.button(r.path.display().to_string()).clicked() {
                            commands.push(Command::OpenProject(r.path.clone()));
                        }
                    }
                });
                item(
                    ui,
                    Command::OpenSample,
                    self.sample.is_some(),
                    &mut commands,
                );
                ui.separator();
                item(ui, Command::ImportDialog, has_project, &mut commands);
                item(
                    ui,
                    Command::ImportCodebookDialog,
                    has_project,
                    &mut commands,
                );
                item(ui, Command::ExportDialog, has_project, &mut commands);
                item(ui, Command::ToggleCases, has_project, &mut commands);
                item(ui, Command::Save, has_project, &mut commands);
                ui.separator();
                item(ui, Command::ShowProjectMemo, has_project, &mut commands);
                item(ui, Command::ShowMemos, has_project, &mut commands);
                ui.separator();
                item(ui, Command::AskCoderName, true, &mut commands);
                ui.separator();
                if ui
                    .add(egui::Button::selectable(
                        self.review.open,
                        Command::ToggleReview.label(),
                    ))
                    .clicked()
                {
                    commands.push(Command::ToggleReview);
                }
                if ui
                    .add(egui::Button::selectable(
                        self.blind,
                        Command::ToggleBlind.label(),
                    ))
                    .clicked()
                {
                    commands.push(Command::ToggleBlind);
                }
                item(ui, Command::ReplaceNameDialog, has_project, &mut commands);
                item(ui, Command::MergeDialog, has_project, &mut commands);
                item(ui, Command::TeamSyncDialog, true, &mut commands);
                item(
                    ui,
                    Command::Sync,
                    has_project && self.team.is_set_up(),
                    &mut commands,
                );
                ui.separator();
                item(ui, Command::Quit, true, &mut commands);
            });
            ui.menu_button(tr!("menu-edit"), |ui| {
                let (undo, redo) = self.session.as_ref().map_or((None, None), |s| {
                    let (undo, redo) = s.undo_redo_steps();
                    (
                        undo.map(super::apply::step_label),
                        redo.map(super::apply::step_label),
                    )
                });
                let labelled =
                    |ui: &mut Ui, cmd: Command, what: Option<String>, out: &mut Vec<Command>| {
                        let text = match &what {
                            Some(w) => {
                                tr!("menu-undo-what", command = cmd.label(), what = w.as_str())
                            }
                            None => cmd.label(),
                        };
                        let mut b = egui::Button::new(text);
                        if let Some(s) = cmd.shortcut() {
                            b = b.shortcut_text(ui.ctx().format_shortcut(&s));
                        }
                        if ui.add_enabled(what.is_some(), b).clicked() {
                            out.push(cmd);
                        }
                    };
                labelled(ui, Command::Undo, undo, &mut commands);
                labelled(ui, Command::Redo, redo, &mut commands);
                ui.separator();
                let has_sel = self.transcript.selected_range().is_some();
                item(ui, Command::InVivoSelection, has_sel, &mut commands);
                item(
                    ui,
                    Command::SelectSegment,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
                item(
                    ui,
                    Command::RemoveSelectedCoding,
                    self.transcript.selected_coding().is_some(),
                    &mut commands,
                );
                ui.separator();
                item(
                    ui,
                    Command::Find,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
                item(
                    ui,
                    Command::GoTo,
                    self.transcript.document().is_some(),
                    &mut commands,
                );
                item(ui, Command::FindReplaceDialog, has_project, &mut commands);
            });
            ui.menu_button(tr!("menu-document"), |ui| {
                match (&self.session, self.transcript.document()) {
                    (Some(s), Some(d)) => {
                        commands.extend(crate::ui::document_windows::document_menu_ui(
                            s.project(),
                            d,
                            ui,
                        ));
                        ui.separator();
                        if ui
                            .add(egui::Button::selectable(
                                self.transcript.editing,
                                Command::ToggleEditText.label(),
                            ))
                            .on_hover_text(tr!("edit-mode-explain"))
                            .clicked()
                        {
                            commands.push(Command::ToggleEditText);
                        }
                    }
                    _ => {
                        ui.label(RichText::new(tr!("menu-document-none")).weak());
                    }
                }
            });
            ui.menu_button(tr!("menu-analysis"), |ui| {
                for tab in AnalysisTab::ALL {
                    item(ui, Command::ShowAnalysis(tab), has_project, &mut commands);
                }
            });
            ui.menu_button(tr!("menu-view"), |ui| {
                for t in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                    let cmd = Command::SetTheme(t);
                    if ui
                        .add(egui::Button::selectable(
                            self.config.theme == t,
                            cmd.label(),
                        ))
                        .clicked()
                    {
                        commands.push(cmd);
                    }
                }
                ui.separator();
                item(ui, Command::TextBigger, true, &mut commands);
                item(ui, Command::TextSmaller, true, &mut commands);
                if ui
                    .add(egui::Button::selectable(
                        self.config.snap_to_words,
                        Command::ToggleWordSnap.label(),
                    ))
                    .on_hover_text(tr!("snap-explain"))
                    .clicked()
                {
                    commands.push(Command::ToggleWordSnap);
                }
                ui.separator();
                ui.menu_button(tr!("cmd-language"), |ui| {
                    for language in Language::ALL {
                        let cmd = Command::SetLanguage(language);
                        if ui
                            .add(egui::Button::selectable(
                                i18n::language() == language,
                                cmd.label(),
                            ))
                            .clicked()
                        {
                            commands.push(cmd);
                        }
                    }
                });
            });
            ui.menu_button(tr!("menu-help"), |ui| {
                item(ui, Command::ShowHowTo, true, &mut commands);
                item(ui, Command::ShowShortcuts, true, &mut commands);
                item(ui, Command::ShowAbout, true, &mut commands);
            });
        });
        commands
    }

    pub(super) fn status_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            match self.session.as_ref() {
                Some(s) => {
                    ui.label(RichText::new(&s.project().manifest().name).strong());
                    ui.separator();
                    let who = s
                        .coder_name()
                        .map_or_else(|| tr!("status-nobody").to_owned(), ToOwned::to_owned);
                    let color = s
                        .coder()
                        .and_then(|c| s.project().coder(c))
                        .map_or(ui.visuals().weak_text_color(), |c| theme::color(c.color));
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().circle_filled(r.center(), 5.0, color);
                    if ui
                        .link(tr!("status-coding-as", coder = who))
                        .on_hover_text(tr!("status-change-coder"))
                        .clicked()
                    {
                        commands.push(Command::AskCoderName);
                    }
                    ui.separator();
                    let text = match s.autosave().status() {
                        SaveStatus::Saved => RichText::new(tr!("status-saved")).weak(),
                        SaveStatus::Pending => RichText::new(tr!("status-pending")).weak(),
                        SaveStatus::Saving => RichText::new(tr!("status-saving")).weak(),
                        SaveStatus::Failed(e) => {
                            RichText::new(tr!("status-save-failed", error = e.as_str()))
                                .color(ui.visuals().error_fg_color)
                        }
                        SaveStatus::ReadOnly => RichText::new(tr!(
                            "status-read-only",
                            reason = s.read_only().unwrap_or_default()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    };
                    ui.label(text);
                    ui.separator();
                    commands.extend(self.team.status_ui(ui));
                }
                None => {
                    ui.label(RichText::new(tr!("status-no-project")).weak());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((_, r)) = self.transcript.selected_range() {
                    ui.label(RichText::new(tr!("status-selected", count = r.len())).weak());
                }
            });
        });
        commands
    }

    pub(super) fn welcome_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.18).min(140.0));
            ui.heading(RichText::new("Margin").size(30.0));
            ui.label(RichText::new(tr!("welcome-tagline")).weak());
            ui.add_space(18.0);
            ui.horizontal(|ui| {
                let w = 3.0 * 150.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                if ui
                    .add_sized([140.0, 30.0], egui::Button::new(tr!("welcome-new")))
                    .clicked()
                {
                    commands.push(Command::NewProjectDialog);
                }
                if ui
                    .add_sized([140.0, 30.0], egui::Button::new(tr!("welcome-open")))
                    .clicked()
                {
                    commands.push(Command::OpenProjectDialog);
                }
                if ui
                    .add_enabled(
                        self.sample.is_some(),
                        egui::Button::new(tr!("welcome-sample")).min_size(egui::vec2(140.0, 30.0)),
                    )
                    .clicked()
                {
                    commands.push(Command::OpenSample);
                }
            });
            ui.add_space(14.0);
            ui.horizontal(|ui| {
                let w = 420.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.open_path)
                        .hint_text(tr!("welcome-path-hint"))
                        .desired_width(320.0),
                );
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        tr!("welcome-path-label"),
                    )
                });
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.button(tr!("welcome-open-path")).clicked() || enter)
                    && !self.open_path.trim().is_empty()
                {
                    commands.push(Command::OpenProject(PathBuf::from(self.open_path.trim())));
                }
            });
            if !self.config.recent.is_empty() {
                ui.add_space(18.0);
                ui.label(RichText::new(tr!("welcome-recent")).strong());
                for r in &self.config.recent {
                    if ui.link(r.path.display().to_string()).clicked() {
                        commands.push(Command::OpenProject(r.path.clone()));
                    }
                }
            }
        });
        commands
    }

    /// The window title names the open project.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.session.as_ref().map_or_else(
            || "Margin".to_owned(),
            |s| {
                tr!(
                    "window-title",
                    project = s.project().manifest().name.as_str()
                )
            },
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
