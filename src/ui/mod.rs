//! The window: everything egui. The app ([`MarginApp`]) lays out the panels each frame — documents
//! on the left, the transcript in the middle, the codebook and the inspector on the right — and
//! applies the [`Command`]s they return after the frame, so panels never change the project
//! themselves: changes go through the open project's [`crate::session::Session`], which also saves
//! in the background. Settings live in the platform's config folder ([`config`]).
//!
//! A new panel plugs in as a file here with a `*_ui(state, …, ui) -> Vec<Command>` function, its
//! commands added to [`Command`] and handled in `app.rs`.

pub mod about;
pub mod app;
pub mod cases;
pub mod codebook;
pub mod command;
pub mod config;
pub mod dialogs;
pub mod document_windows;
pub mod documents;
pub mod error;
pub mod export_dialog;
pub mod file_picker;
pub mod filter_form;
pub mod help;
pub mod i18n;
pub mod import_dialog;
pub mod inspector;
pub mod keys;
pub mod layout_generation;
pub mod memo_manager;
pub mod player;
pub mod quote;
pub mod reanchor;
pub mod retrieval_panel;
pub mod review;
pub mod search_panel;
pub mod summary_grid;
pub mod tables_panel;
pub mod team_sync;
pub mod text_editing;
pub mod theme;
pub mod transcript;
pub mod transcription;

use std::path::{Path, PathBuf};

use crate::bundled::BundledSample;

pub use app::{AppOptions, MarginApp, Notice};
pub use command::Command;
pub use config::{Config, ConfigStore, ThemeChoice};

/// The sample project carried inside the binary, offered when there is no project to open.
#[must_use]
pub fn sample_project() -> Option<BundledSample> {
    Some(BundledSample::support_group())
}

/// The user's data folder: `$MARGIN_DATA_DIR`, else the platform's.
pub use crate::install::data_dir;

/// A working copy of the sample project under `base` (the data folder), made on first use, so
/// that coding in it never changes the bundled original.
pub fn sample_copy(sample: &BundledSample, base: &Path) -> Result<PathBuf, String> {
    sample.working_copy(base).map_err(|e| e.to_string())
}

/// Margin's icon (assets/icons/margin.svg rendered at 128 pixels), for the window.
const WINDOW_ICON: &[u8] = include_bytes!("../../assets/icons/hicolor/128x128/apps/margin.png");

/// The project folder a path given to `margin` stands for: a project's manifest (`margin.ron`,
/// opened from a file manager by its MIME type) stands for its folder; anything else for itself.
#[must_use]
pub fn project_folder(path: PathBuf) -> PathBuf {
    match path.parent() {
        Some(folder) if path.file_name().is_some_and(|n| n == "margin.ron") && path.is_file() => {
            folder.to_path_buf()
        }
        _ => path,
    }
}

/// Open the window (blocks until it is closed). `project` is opened; without it, the last
/// project, else the bundled sample.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let options = AppOptions {
        project: project.map(project_folder),
        config: ConfigStore::platform(),
        sample: sample_project(),
        data: data_dir(),
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Margin")
        .with_app_id("margin")
        .with_inner_size([1360.0, 860.0])
        .with_min_inner_size([760.0, 480.0]);
    // The window's own icon, for desktops that do not find it through the desktop entry.
    match eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => log::warn!("the window icon could not be read: {e}"),
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Margin",
        native,
        Box::new(move |cc| Ok(Box::new(MarginApp::new(&cc.egui_ctx, options)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
