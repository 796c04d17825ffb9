//! The memo manager (Project ▸ Memos…): every memo of the project — on the project, the
//! documents, the codes and the codings — in one list from [`crate::export::memos::all_memos`]
//! (the list an export writes), filtered by kind and by a search over their text, what they are
//! about and who wrote them; a click opens the thing a memo is about. Also the project memo's
//! own window (Project ▸ Project memo…).

use egui::{RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::i18n::{self, tr};
use crate::export::memos::{MemoEntry, MemoKind, all_memos};
use crate::model::{MemoTarget, Project};
use crate::session::Action;

/// The memo manager's and the project memo's windows.
#[derive(Debug)]
pub struct MemoManager {
    /// The manager is shown.
    pub open: bool,
    /// Which kinds are listed (project, document, code, coding).
    pub kinds: [bool; 5],
    /// The search typed.
    pub search: String,
    /// The project memo's window: the text typed and the text the project has.
    pub project_memo: Option<(String, String)>,
    focus_search: bool,
}

impl Default for MemoManager {
    fn default() -> Self {
        Self {
            open: false,
            kinds: [true; 5],
            search: String::new(),
            project_memo: None,
            focus_search: false,
        }
    }
}

fn kind_index(kind: MemoKind) -> usize {
    match kind {
        MemoKind::Project => 0,
        MemoKind::Document => 1,
        MemoKind::Code => 2,
        MemoKind::Coding => 3,
        MemoKind::Summary => 4,
    }
}

fn kind_name(kind: MemoKind) -> &'static str {
    match kind {
        MemoKind::Project => tr!("memos-kind-project"),
        MemoKind::Document => tr!("memos-kind-document"),
        MemoKind::Code => tr!("memos-kind-code"),
        MemoKind::Coding => tr!("memos-kind-coding"),
        MemoKind::Summary => tr!("memos-kind-summary"),
    }
}

fn project_memo_text(project: &Project) -> String {
    project
        .memos_on(MemoTarget::Project)
        .first()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

impl MemoManager {
    /// Show the manager, its search field taking the keyboard.
    pub fn show(&mut self) {
        self.open = true;
        self.focus_search = true;
    }

    /// Open the project memo's window.
    pub fn show_project_memo(&mut self, project: &Project) {
        let text = project_memo_text(project);
        self.project_memo = Some((text.clone(), text));
    }

    /// The memos the filters let through.
    #[must_use]
    pub fn shown(&self, project: &Project) -> Vec<MemoEntry> {
        let keep = self.filter();
        all_memos(project).into_iter().filter(|m| keep(m)).collect()
    }

    /// What the kind boxes and the search let through.
    fn filter(&self) -> impl Fn(&MemoEntry) -> bool + '_ {
        let needle = self.search.trim().to_lowercase();
        move |m| self.kinds[kind_index(m.kind)] && m.matches(&needle)
    }

    /// The project memo typed and not saved yet, as an action.
    pub fn pending_memo(&mut self) -> Option<Action> {
        let (typed, saved) = self.project_memo.as_mut()?;
        (typed != saved).then(|| {
            saved.clone_from(typed);
            Action::SetMemo {
                target: MemoTarget::Project,
                text: typed.clone(),
            }
        })
    }

    /// The project changed (undo): take in the project memo unless it is being typed.
    pub fn project_changed(&mut self, project: &Project) {
        if let Some((typed, saved)) = &mut self.project_memo
            && typed == saved
        {
            *typed = project_memo_text(project);
            saved.clone_from(typed);
        }
    }
}

/// Show the memo manager and the project memo's window, if open.
pub fn memo_manager_ui(state: &mut MemoManager, project: &Project, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();
    if state.open {
        let mut open = true;
        egui::Window::new(tr!("memos-title"))
            .id(egui::Id::unique("memo-manager"))
            .open(&mut open)
            .default_size([560.0, 520.0])
            .resizable(true)
            .collapsible(false)
            .show(&ctx, |ui| {
                let all = all_memos(project);
                ui.horizontal_wrapped(|ui| {
                    for kind in MemoKind::ALL {
                        let n = all.iter().filter(|m| m.kind == kind).count();
                        ui.checkbox(
                            &mut state.kinds[kind_index(kind)],
                            tr!("memos-kind-count", kind = kind_name(kind), count = n),
                        );
                    }
                });
                ui.horizontal(|ui| {
                    let search = ui.add(
                        egui::TextEdit::singleline(&mut state.search)
                            .hint_text(tr!("memos-search-hint"))
                            .desired_width(260.0),
                    );
                    search.widget_info(|| {
                        WidgetInfo::labeled(Role::SearchInput, true, tr!("memos-search-label"))
                    });
                    if std::mem::take(&mut state.focus_search) {
                        search.request_focus();
                    }
                    if ui.button(tr!("memos-project-memo")).clicked() {
                        commands.push(Command::ShowProjectMemo);
                    }
                    if ui.button(tr!("memos-export")).clicked() {
                        commands.push(Command::ExportMemosDialog);
                    }
                });
                let keep = state.filter();
                let shown: Vec<&MemoEntry> = all.iter().filter(|m| keep(m)).collect();
                ui.label(
                    RichText::new(tr!("memos-shown", shown = shown.len(), total = all.len()))
                        .weak(),
                );
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("memo-list")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if shown.is_empty() {
                            ui.label(RichText::new(tr!("memos-none")).weak());
                        }
                        for m in shown {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(RichText::new(kind_name(m.kind)).small().weak());
                                let link = ui
                                    .link(RichText::new(&m.about).strong())
                                    .on_hover_text(tr!("memos-open-hover"));
                                if link.clicked() {
                                    commands.push(Command::OpenMemoTarget(m.target));
                                }
                            });
                            ui.add(egui::Label::new(&m.text).wrap());
                            let mut by = Vec::new();
                            if m.comment {
                                by.push(tr!("memos-comment").to_owned());
                            }
                            if let Some(a) = &m.author {
                                by.push(tr!("memos-by", author = a.as_str()));
                            }
                            if let Some(t) = m.modified {
                                by.push(i18n::date_time(t.naive_local()));
                            }
                            if !by.is_empty() {
                                ui.label(
                                    RichText::new(by.join(tr!("memos-byline-separator")))
                                        .small()
                                        .weak(),
                                );
                            }
                            ui.separator();
                        }
                    });
            });
        state.open = open;
    }

    let mut open = state.project_memo.is_some();
    let mut save = false;
    if let Some((typed, saved)) = &mut state.project_memo {
        egui::Window::new(tr!("project-memo-title"))
            .id(egui::Id::unique("project-memo"))
            .open(&mut open)
            .default_size([480.0, 320.0])
            .resizable(true)
            .collapsible(false)
            .show(&ctx, |ui| {
                ui.label(RichText::new(tr!("project-memo-explain")).weak());
                let edit = ui.add(
                    egui::TextEdit::multiline(typed)
                        .desired_rows(10)
                        .desired_width(f32::INFINITY),
                );
                edit.widget_info(|| {
                    WidgetInfo::labeled(Role::MultilineTextInput, true, tr!("project-memo-title"))
                });
                if ui
                    .add_enabled(typed != saved, egui::Button::new(tr!("project-memo-save")))
                    .clicked()
                {
                    save = true;
                }
            });
    }
    if save || !open {
        commands.extend(state.pending_memo().map(Command::Edit));
    }
    if !open {
        state.project_memo = None;
    }
    commands
}
