//! Help in the window: a short "how to" (code, compare, export), every keyboard shortcut (the
//! commands' own, from [`Command::with_shortcuts`], and the keys panels handle themselves), and
//! the short explanations of the terms the window uses (κ, α, u-α, cu-α, in-vivo, coded
//! retrieval), which the panels also show on hover.

use egui::{RichText, Ui};

use super::command::Command;
use super::i18n::tr;

/// What the help window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HelpTab {
    /// How to code, compare and export.
    #[default]
    HowTo,
    /// The keyboard shortcuts.
    Shortcuts,
    /// The terms the window uses.
    Terms,
}

/// The help window's state.
#[derive(Debug, Default)]
pub struct HelpState {
    /// Whether it is shown.
    pub open: bool,
    /// The tab shown.
    pub tab: HelpTab,
}

/// The steps of the "how to" page: a title and its steps.
fn how_to() -> [(&'static str, Vec<&'static str>); 3] {
    [
        (
            tr!("help-how-code"),
            vec![
                tr!("help-how-code-1"),
                tr!("help-how-code-2"),
                tr!("help-how-code-3"),
                tr!("help-how-code-4"),
                tr!("help-how-code-5"),
            ],
        ),
        (
            tr!("help-how-compare"),
            vec![
                tr!("help-how-compare-1"),
                tr!("help-how-compare-2"),
                tr!("help-how-compare-3"),
                tr!("help-how-compare-4"),
            ],
        ),
        (
            tr!("help-how-export"),
            vec![
                tr!("help-how-export-1"),
                tr!("help-how-export-2"),
                tr!("help-how-export-3"),
                tr!("help-how-export-4"),
            ],
        ),
    ]
}

/// The help window, when open.
pub fn help_ui(state: &mut HelpState, ctx: &egui::Context) {
    let mut open = state.open;
    egui::Window::new(tr!("help-title"))
        .id(egui::Id::unique("help-window"))
        .open(&mut open)
        .default_size([560.0, 520.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut state.tab, HelpTab::HowTo, tr!("help-tab-how-to"));
                ui.selectable_value(
                    &mut state.tab,
                    HelpTab::Shortcuts,
                    tr!("help-tab-shortcuts"),
                );
                ui.selectable_value(&mut state.tab, HelpTab::Terms, tr!("help-tab-terms"));
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match state.tab {
                    HelpTab::HowTo => how_to_ui(ui),
                    HelpTab::Shortcuts => shortcuts_ui(ui),
                    HelpTab::Terms => terms_ui(ui),
                });
        });
    state.open = open;
}

fn how_to_ui(ui: &mut Ui) {
    for (title, steps) in how_to() {
        ui.label(RichText::new(title).strong());
        for (i, step) in steps.iter().enumerate() {
            ui.horizontal_top(|ui| {
                ui.label(format!("{}.", i + 1));
                ui.add(egui::Label::new(*step).wrap());
            });
        }
        ui.add_space(8.0);
    }
}

/// The keys panels handle themselves (not commands with a shortcut).
fn other_keys() -> [(&'static str, &'static str); 13] {
    [
        (tr!("help-keys-digits"), tr!("help-keys-digits-what")),
        ("Delete", tr!("help-keys-delete-what")),
        (
            tr!("help-keys-shift-arrows"),
            tr!("help-keys-shift-arrows-what"),
        ),
        (
            tr!("help-keys-ctrl-arrows"),
            tr!("help-keys-ctrl-arrows-what"),
        ),
        ("Escape", tr!("help-keys-escape-what")),
        (tr!("help-keys-enter"), tr!("help-keys-enter-what")),
        (tr!("help-keys-f8"), tr!("help-keys-f8-what")),
        (
            tr!("help-keys-right-click"),
            tr!("help-keys-right-click-what"),
        ),
        (tr!("help-keys-speaker"), tr!("help-keys-speaker-what")),
        ("F6, Shift+F6", tr!("help-keys-f6-what")),
        ("Tab", tr!("help-keys-tab-what")),
        (tr!("help-keys-f2"), tr!("help-keys-f2-what")),
        (tr!("help-keys-menu"), tr!("help-keys-menu-what")),
    ]
}

fn shortcuts_ui(ui: &mut Ui) {
    egui::Grid::new("help-shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .striped(true)
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
            for (keys, what) in other_keys() {
                row(ui, keys, what);
            }
        });
}

fn terms_ui(ui: &mut Ui) {
    for text in [
        tr!("help-agree"),
        tr!("help-kappa"),
        tr!("help-alpha"),
        tr!("help-u-alpha"),
        tr!("help-binary-u-alpha"),
        tr!("help-cu-alpha"),
        tr!("help-cap-cu-alpha"),
        tr!("help-in-vivo"),
        tr!("help-coded-retrieval"),
    ] {
        ui.add(egui::Label::new(text).wrap());
        ui.add_space(4.0);
    }
}
