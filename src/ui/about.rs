//! Help ▸ About Margin: the version and the commit it was built from, the licences of Margin and
//! of its bundled font, and where this copy keeps its settings, its log and the working copy of
//! the sample, with a button that copies it all for a bug report.
//!
//! Every string the box shows comes from [`about_text`], so the localisation layer can take them
//! over in one place. Whether the box is open lives in egui's memory, so the app only asks for it
//! to open ([`open`]) and draws it ([`about_ui`]).

use egui::{Id, RichText};

use super::i18n::tr;
use crate::install;

/// Everything the About box says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AboutText {
    /// The window's title.
    pub title: String,
    /// What Margin is.
    pub tagline: String,
    /// Label and value, in order: version, commit, licences, folders.
    pub lines: Vec<(String, String)>,
    /// The button that copies the lines.
    pub copy: String,
    /// Said once they are copied.
    pub copied: String,
}

/// The About box's strings, with this copy's version, commit and folders.
#[must_use]
pub fn about_text() -> AboutText {
    let folder = |dir: Option<std::path::PathBuf>| {
        dir.map_or_else(
            || tr!("about-no-folder").to_owned(),
            |d| d.display().to_string(),
        )
    };
    AboutText {
        title: tr!("about-title").into(),
        tagline: tr!("about-tagline").into(),
        lines: vec![
            (tr!("about-version").into(), install::VERSION.into()),
            (tr!("about-commit").into(), install::COMMIT.into()),
            (
                tr!("about-licence").into(),
                tr!(
                    "about-licence-choice",
                    licences = install::LICENSE.replace(" OR ", tr!("about-or"))
                ),
            ),
            (tr!("about-font").into(), tr!("about-font-licence").into()),
            (
                tr!("about-settings").into(),
                folder(install::config_dir().map(|d| d.join("config.ron"))),
            ),
            (tr!("about-logs").into(), folder(install::log_dir())),
            (tr!("about-sample").into(), folder(install::samples_dir())),
        ],
        copy: tr!("about-copy").into(),
        copied: tr!("about-copied").into(),
    }
}

fn open_id() -> Id {
    Id::unique("margin-about-open")
}

/// Show the About box from the next frame on.
pub fn open(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(open_id(), true));
}

/// Whether the About box is shown.
#[must_use]
pub fn is_open(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(open_id())).unwrap_or(false)
}

/// Draw the About box if it is open.
pub fn about_ui(ctx: &egui::Context) {
    if !is_open(ctx) {
        return;
    }
    let text = about_text();
    let mut open = true;
    let copied_id = open_id().with("copied");
    egui::Window::new(&text.title)
        .id(open_id().with("window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(RichText::new(&text.tagline).strong());
            ui.add_space(6.0);
            egui::Grid::new("about-lines")
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for (label, value) in &text.lines {
                        ui.label(RichText::new(label).weak());
                        ui.add(egui::Label::new(RichText::new(value).monospace()).selectable(true));
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(&text.copy).clicked() {
                    let report: Vec<String> = text
                        .lines
                        .iter()
                        .map(|(label, value)| format!("{label}: {value}"))
                        .collect();
                    ui.ctx().copy_text(report.join("\n"));
                    ui.data_mut(|d| d.insert_temp(copied_id, true));
                }
                if ui.data(|d| d.get_temp::<bool>(copied_id)).unwrap_or(false) {
                    ui.label(&text.copied);
                }
            });
        });
    if !open {
        ctx.data_mut(|d| {
            d.insert_temp(open_id(), false);
            d.insert_temp(copied_id, false);
        });
    }
}
