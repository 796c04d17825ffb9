//! How this copy of Margin sits on a machine: its version and the commit it was built from, and
//! the folders it uses (settings, data, logs, working copies of the bundled sample). The command
//! line, the window's About box and the log file all ask here, so they cannot disagree.
//!
//! Every folder can be moved with an environment variable (CI, tests, portable use):
//! `MARGIN_CONFIG_DIR` for settings, `MARGIN_DATA_DIR` for data (logs and sample copies inside).

use std::path::PathBuf;

/// Margin's version (from Cargo.toml).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The git commit this binary was built from, or "unknown" (a build from a tarball without
/// `$MARGIN_COMMIT`; see `build.rs`).
pub const COMMIT: &str = env!("MARGIN_COMMIT");

/// "0.1.0 (commit 4bc96c6e1234)": what `margin --version` and the About box say.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("MARGIN_COMMIT"),
    ")"
);

/// The project's licence (Cargo.toml's SPDX expression).
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// The bundled font and its licence.
pub const FONT_LICENSE: &str = "Droid Sans Fallback (assets/fonts): Apache License 2.0";

/// The folder that holds the log files, inside the data folder.
const LOGS: &str = "logs";

/// The folder that holds working copies of the bundled sample, inside the data folder.
pub(crate) const SAMPLES: &str = "samples";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "Margin", "margin")
}

/// The settings folder: `$MARGIN_CONFIG_DIR`, else the platform's (`~/.config/margin` on Linux).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("MARGIN_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// The data folder: `$MARGIN_DATA_DIR`, else the platform's (`~/.local/share/margin` on Linux).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("MARGIN_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// Where the log files are: `logs` in the data folder.
#[must_use]
pub fn log_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join(LOGS))
}

/// Where working copies of the bundled sample are made: `samples` in the data folder.
#[must_use]
pub fn samples_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join(SAMPLES))
}
