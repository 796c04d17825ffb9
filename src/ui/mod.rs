//! The window: everything egui. The app ([`MarginApp`]) lays out the panels each frame — documents
//! on the left, the transcript in the middle, the codebook and the inspector on the right — and
//! applies the [`Command`]s they return after the frame, so panels never change the project
//! themselves: changes go through the open project's [`crate::session::Session`], which also saves
//! in the background. Settings live in the platform's config folder ([`config`]).
//!
//! A new panel plugs in as a file here with a `*_ui(state, …, ui) -> Vec<Command>` function, its
//! commands added to [`Command`] and handled in `app.rs`.

pub mod app;
pub mod codebook;
pub mod command;
pub mod config;
pub mod dialogs;
pub mod documents;
pub mod error;
pub mod file_picker;
pub mod filter_form;
pub mod help;
pub mod i18n;
pub mod inspector;
pub mod keys;
pub mod layout_generation;
pub mod quote;
pub mod reanchor;
pub mod retrieval_panel;
pub mod review;
pub mod search_panel;
pub mod tables_panel;
pub mod theme;
pub mod transcript;

use std::path::{Path, PathBuf};

pub use app::{AppOptions, MarginApp, Notice};
pub use command::Command;
pub use config::{Config, ConfigStore, ThemeChoice};

/// Where the bundled sample project is: next to the sources this was built from, above the
/// executable (a checkout's `target/release/margin`), or in the current folder.
#[must_use]
pub fn sample_project() -> Option<PathBuf> {
    const SAMPLE: &str = "sample_projects/support-group";
    let mut candidates = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).take(4).map(|d| d.join(SAMPLE)));
    }
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join(SAMPLE));
    }
    candidates
        .into_iter()
        .find(|p| p.join("margin.ron").is_file())
}

/// The user's data folder: `$MARGIN_DATA_DIR`, else the platform's.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("MARGIN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("org", "Margin", "margin")
                .map(|d| d.data_dir().to_path_buf())
        })
}

/// A working copy of the sample project under `base` (the data folder), made on first use, so
/// that coding in it never changes the bundled original.
pub fn sample_copy(sample: &Path, base: &Path) -> Result<PathBuf, String> {
    let name = sample.file_name().unwrap_or_default();
    let target = base.join("samples").join(name);
    if target.join("margin.ron").is_file() {
        return Ok(target);
    }
    copy_dir(sample, &target).map_err(|e| {
        format!(
            "could not copy the sample project to {}: {e}",
            target.display()
        )
    })?;
    Ok(target)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == crate::store::LOCK_FILE {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            copy_dir(&path, &to.join(&name))?;
        } else {
            std::fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}

/// Open the window (blocks until it is closed). `project` is opened; without it, the last
/// project, else the bundled sample.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let options = AppOptions {
        project,
        config: ConfigStore::platform(),
        sample: sample_project(),
        data: data_dir(),
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Margin")
            .with_app_id("margin")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([760.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Margin",
        native,
        Box::new(move |cc| Ok(Box::new(MarginApp::new(&cc.egui_ctx, options)))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
