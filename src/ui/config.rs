//! The window's own settings, kept apart from any project: recent projects, the coder's name, the
//! language, the theme, the text size and the window's scale. Stored as `config.ron` in the platform's config folder (the
//! `directories` crate), or in `$MARGIN_CONFIG_DIR` when that is set (CI, tests, portable use).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::UiError;
use super::file_picker::DialogChoice;
use super::i18n::Language;
use crate::model::DocumentId;

/// How many recent projects are remembered.
const RECENT_MAX: usize = 10;

/// How many recent folders (of file dialogs) are remembered.
const FOLDERS_MAX: usize = 8;

/// The file name inside the config folder.
const FILE: &str = "config.ron";

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Light theme.
    Light,
    /// Dark theme.
    Dark,
}

/// A project opened before, and the document last read in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentProject {
    /// The project folder.
    pub path: PathBuf,
    /// The document that was open when the project was left.
    #[serde(default)]
    pub last_document: Option<DocumentId>,
}

/// Settings that persist between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The person coding; asked on the first run.
    pub coder_name: Option<String>,
    /// Recently opened projects, most recent first.
    pub recent: Vec<RecentProject>,
    /// The window's language; `None` until the first start has taken the system's.
    pub language: Option<Language>,
    /// Theme.
    pub theme: ThemeChoice,
    /// Size of transcript text, in points.
    pub text_size: f32,
    /// Scale of the whole window: menus, panels and the transcript ("Larger text").
    pub zoom: f32,
    /// Folders files were last chosen in (file dialogs), most recent first.
    pub recent_folders: Vec<PathBuf>,
    /// The system's file dialog or Margin's own.
    pub file_dialog: DialogChoice,
    /// Drag-selections snap to whole words (Alt selects exactly).
    pub snap_to_words: bool,
    /// The keys of transcription mode (names as egui writes them: "Escape", "F1").
    pub transcription_keys: super::transcription::TranscriptionKeys,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            coder_name: None,
            recent: Vec::new(),
            language: None,
            theme: ThemeChoice::System,
            text_size: 15.0,
            zoom: 1.0,
            recent_folders: Vec::new(),
            file_dialog: DialogChoice::Auto,
            snap_to_words: true,
            transcription_keys: super::transcription::TranscriptionKeys::default(),
        }
    }
}

impl Config {
    /// Put `path` first in the recent list.
    pub fn remember_project(&mut self, path: &Path) {
        let previous = self
            .recent
            .iter()
            .position(|r| r.path == path)
            .map(|i| self.recent.remove(i));
        let entry = previous.unwrap_or_else(|| RecentProject {
            path: path.to_path_buf(),
            last_document: None,
        });
        self.recent.insert(0, entry);
        self.recent.truncate(RECENT_MAX);
    }

    /// Put `folder` first in the recent folders of the file dialogs.
    pub fn remember_folder(&mut self, folder: &Path) {
        self.recent_folders.retain(|f| f != folder);
        self.recent_folders.insert(0, folder.to_path_buf());
        self.recent_folders.truncate(FOLDERS_MAX);
    }

    /// Remember which document is open in `path`.
    pub fn remember_document(&mut self, path: &Path, document: Option<DocumentId>) {
        if let Some(r) = self.recent.iter_mut().find(|r| r.path == path) {
            r.last_document = document;
        }
    }

    /// Drop `path` from the recent list (it failed to open).
    pub fn forget_project(&mut self, path: &Path) {
        self.recent.retain(|r| r.path != path);
    }

    /// The document last open in `path`.
    #[must_use]
    pub fn last_document(&self, path: &Path) -> Option<DocumentId> {
        self.recent
            .iter()
            .find(|r| r.path == path)
            .and_then(|r| r.last_document)
    }
}

/// Where the config lives; `None` keeps it in memory only (tests).
#[derive(Clone, Debug, Default)]
pub struct ConfigStore {
    path: Option<PathBuf>,
}

impl ConfigStore {
    /// The config file in `$MARGIN_CONFIG_DIR`, else in the platform's config folder.
    #[must_use]
    pub fn platform() -> Self {
        let dir = crate::install::config_dir();
        Self {
            path: dir.map(|d| d.join(FILE)),
        }
    }

    /// The config file in `dir`.
    #[must_use]
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: Some(dir.join(FILE)),
        }
    }

    /// A store that never touches the disk.
    #[must_use]
    pub fn memory() -> Self {
        Self { path: None }
    }

    /// The file, if any.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read the config. A missing file gives the defaults; a damaged one gives the defaults and
    /// a message saying why (the file is left alone until the next save replaces it).
    #[must_use]
    pub fn load(&self) -> (Config, Option<UiError>) {
        let Some(path) = &self.path else {
            return (Config::default(), None);
        };
        match std::fs::read_to_string(path) {
            Ok(text) => match ron::from_str::<Config>(&text) {
                Ok(config) => (config, None),
                Err(e) => (
                    Config::default(),
                    Some(UiError::ConfigRead {
                        path: path.clone(),
                        line: e.span.start.line,
                        column: e.span.start.col,
                        error: e.code.to_string(),
                    }),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(UiError::ConfigOpen {
                    path: path.clone(),
                    source: e,
                }),
            ),
        }
    }

    /// Write the config (atomically: temp file, then rename).
    pub fn save(&self, config: &Config) -> Result<(), UiError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let text = ron::ser::to_string_pretty(config, ron::ser::PrettyConfig::default())
            .map_err(|e| UiError::ConfigFormat(e.to_string()))?;
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let tmp = path.with_extension("ron.tmp");
            std::fs::write(&tmp, text.as_bytes())?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|source| UiError::ConfigWrite {
            path: path.clone(),
            source,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn recent_projects_are_most_recent_first_unique_and_capped() {
        let mut c = Config::default();
        for i in 0..12 {
            c.remember_project(Path::new(&format!("/p{i}")));
        }
        c.remember_project(Path::new("/p5"));
        assert_eq!(c.recent.len(), RECENT_MAX);
        assert_eq!(c.recent[0].path, Path::new("/p5"));
        assert_eq!(c.recent[1].path, Path::new("/p11"));
        assert_eq!(
            c.recent
                .iter()
                .filter(|r| r.path == Path::new("/p5"))
                .count(),
            1
        );
        let doc = DocumentId::new();
        c.remember_document(Path::new("/p5"), Some(doc));
        c.remember_project(Path::new("/p9"));
        c.remember_project(Path::new("/p5"));
        assert_eq!(c.last_document(Path::new("/p5")), Some(doc));
        c.forget_project(Path::new("/p5"));
        assert_eq!(c.last_document(Path::new("/p5")), None);
    }

    #[test]
    fn config_round_trips_and_a_damaged_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConfigStore::in_dir(dir.path());
        let (loaded, problem) = store.load();
        assert_eq!(loaded, Config::default());
        assert!(problem.is_none());
        let mut c = Config {
            coder_name: Some("林老师".into()),
            theme: ThemeChoice::Dark,
            ..Config::default()
        };
        c.remember_project(Path::new("/study"));
        store.save(&c).unwrap();
        let (loaded, problem) = store.load();
        assert_eq!(loaded, c);
        assert!(problem.is_none());
        std::fs::write(
            dir.path().join(FILE),
            "(coder_name: Some(\"x\"),\n theme: Purple)",
        )
        .unwrap();
        let (loaded, message) = store.load();
        assert_eq!(loaded, Config::default());
        let message = message.unwrap().to_string();
        assert!(message.contains("config.ron:2:"), "{message}");
    }
}
