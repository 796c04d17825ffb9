//! File dialogs that always answer. Each place that asks for a file or folder names a
//! [`FileTarget`]; its [`FileRequest`] (title, kind, filters) is shown by the system's dialog
//! where there is one, else by Margin's own [`FilePicker`]: a folder listing with the same
//! filters, a typed path, recent folders, and keyboard use. A system dialog that is missing or
//! fails at once falls back to the built-in picker, so choosing a file never ends in nothing.
//! The setting `file_dialog: Builtin` (or `Native`) in `config.ron`, or `MARGIN_FILE_DIALOG=builtin`
//! (or `native`), forces one or the other (tests, odd desktops).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Role, Ui, WidgetInfo};
use serde::{Deserialize, Serialize};

use super::command::Command;
use super::documents::natural_cmp;
use super::export_dialog::{ExportChoice, format_name};
use super::i18n::tr;
use crate::session::Action;

/// What a file dialog asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// One or more existing files.
    Files,
    /// One existing folder.
    Folder,
    /// A new file (or folder) name to write.
    Save,
}

/// A named set of file extensions (lower case, without the dot); none means every file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// What the user sees.
    pub name: &'static str,
    /// The extensions.
    pub extensions: &'static [&'static str],
}

impl Filter {
    /// True if `path`'s name passes the filter.
    #[must_use]
    pub fn accepts(&self, path: &Path) -> bool {
        if self.extensions.is_empty() {
            return true;
        }
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

/// The file types the importer reads (see `crate::import`).
fn importable() -> Filter {
    Filter {
        name: tr!("picker-filter-importable"),
        extensions: crate::import::EXTENSIONS,
    }
}

/// Every file.
fn all_files() -> Filter {
    Filter {
        name: tr!("picker-filter-all"),
        extensions: &[],
    }
}

/// Why the window asks for a path: decides the dialog and what the answer does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileTarget {
    /// The folder a new project goes in.
    NewProjectFolder,
    /// A project folder to open.
    OpenProject,
    /// A REFI-QDA project file to open as a new project.
    Qdpx,
    /// Files to import into the open project.
    Import,
    /// Another copy of the project to merge in.
    Merge,
    /// Where to export the retrieved excerpts.
    ExportRetrieval,
    /// Where to save the table shown, as CSV.
    ExportTable,
    /// Where to save the table shown as a chart (PNG, SVG).
    ExportChart,
    /// Where to write an export chosen in the export dialog.
    ExportAs(ExportChoice),
    /// A codebook (`.qdc`, CSV) to import.
    Codebook,
    /// A pseudonym map for the import dialog.
    PseudonymMap,
    /// An attribute table (CSV, XLSX) for the case sheet.
    AttributeTable,
    /// The recording to link to a document.
    Media(crate::model::DocumentId),
    /// The recording of the transcript the import dialog imports.
    ImportMedia,
}

/// The dialog for a [`FileTarget`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    /// The dialog's title.
    pub title: &'static str,
    /// Files, a folder, or a name to write.
    pub kind: PickKind,
    /// The filters offered, the first chosen.
    pub filters: Vec<Filter>,
    /// The name proposed when saving.
    pub file_name: &'static str,
}

impl FileTarget {
    /// The dialog that asks for it.
    #[must_use]
    pub fn request(self) -> FileRequest {
        let (title, kind, filters, file_name) = match self {
            FileTarget::NewProjectFolder => (
                tr!("picker-title-new-project"),
                PickKind::Folder,
                vec![],
                "",
            ),
            FileTarget::OpenProject => (tr!("picker-title-open"), PickKind::Folder, vec![], ""),
            FileTarget::Qdpx => (
                tr!("picker-title-qdpx"),
                PickKind::Files,
                vec![
                    Filter {
                        name: tr!("picker-filter-qdpx"),
                        extensions: &["qdpx"],
                    },
                    all_files(),
                ],
                "",
            ),
            FileTarget::Import => (
                tr!("picker-title-import"),
                PickKind::Files,
                vec![importable(), all_files()],
                "",
            ),
            FileTarget::Merge => (tr!("picker-title-merge"), PickKind::Folder, vec![], ""),
            FileTarget::ExportRetrieval => (
                tr!("picker-title-export"),
                PickKind::Save,
                vec![
                    Filter {
                        name: tr!("picker-filter-xlsx"),
                        extensions: &["xlsx"],
                    },
                    Filter {
                        name: "CSV",
                        extensions: &["csv"],
                    },
                    Filter {
                        name: tr!("picker-filter-html"),
                        extensions: &["html"],
                    },
                    Filter {
                        name: "Markdown",
                        extensions: &["md"],
                    },
                    Filter {
                        name: tr!("picker-filter-docx"),
                        extensions: &["docx"],
                    },
                ],
                "excerpts.xlsx",
            ),
            FileTarget::ExportTable => (
                tr!("picker-title-table"),
                PickKind::Save,
                vec![Filter {
                    name: "CSV",
                    extensions: &["csv"],
                }],
                "table.csv",
            ),
            FileTarget::ExportChart => (
                tr!("picker-title-chart"),
                PickKind::Save,
                vec![
                    Filter {
                        name: "PNG",
                        extensions: &["png"],
                    },
                    Filter {
                        name: "SVG",
                        extensions: &["svg"],
                    },
                ],
                "chart.png",
            ),
            FileTarget::ExportAs(choice) => (
                tr!("picker-title-export-as"),
                PickKind::Save,
                vec![Filter {
                    name: format_name(choice),
                    extensions: choice.extensions(),
                }],
                choice.file_name(),
            ),
            FileTarget::Codebook => (
                tr!("picker-title-codebook"),
                PickKind::Files,
                vec![
                    Filter {
                        name: tr!("picker-filter-codebook"),
                        extensions: &["qdc", "csv"],
                    },
                    all_files(),
                ],
                "",
            ),
            FileTarget::PseudonymMap => (
                tr!("picker-title-pseudonyms"),
                PickKind::Files,
                vec![
                    Filter {
                        name: "CSV",
                        extensions: &["csv"],
                    },
                    all_files(),
                ],
                "",
            ),
            FileTarget::AttributeTable => (
                tr!("picker-title-attributes"),
                PickKind::Files,
                vec![
                    Filter {
                        name: tr!("picker-filter-attributes"),
                        extensions: &["csv", "xlsx"],
                    },
                    all_files(),
                ],
                "",
            ),
            FileTarget::Media(_) | FileTarget::ImportMedia => (
                tr!("picker-title-media"),
                PickKind::Files,
                vec![
                    Filter {
                        name: tr!("picker-filter-media"),
                        extensions: crate::media::EXTENSIONS,
                    },
                    all_files(),
                ],
                "",
            ),
        };
        FileRequest {
            title,
            kind,
            filters,
            file_name,
        }
    }

    /// What to do with the chosen paths (`None` when there are none).
    #[must_use]
    pub fn command(self, mut paths: Vec<PathBuf>) -> Option<Command> {
        if self == FileTarget::Import {
            return (!paths.is_empty()).then_some(Command::ImportFiles(paths));
        }
        if paths.is_empty() {
            return None;
        }
        let path = paths.swap_remove(0);
        Some(match self {
            FileTarget::NewProjectFolder => Command::NewProjectIn(path),
            FileTarget::OpenProject => Command::OpenProject(path),
            FileTarget::Qdpx => Command::QdpxChosen(path),
            FileTarget::Merge => Command::Edit(Action::MergeCopy(path)),
            FileTarget::ExportRetrieval => Command::ExportRetrieval(path),
            FileTarget::ExportTable | FileTarget::ExportChart => Command::ExportTable(path),
            FileTarget::ExportAs(choice) => Command::ExportTo { choice, path },
            FileTarget::Codebook => Command::CodebookChosen(path),
            FileTarget::Import => Command::ImportFiles(vec![path]),
            FileTarget::PseudonymMap => Command::PseudonymMapChosen(path),
            FileTarget::AttributeTable => Command::AttributeTableChosen(path),
            FileTarget::Media(document) => {
                Command::Media(super::player::MediaCommand::Link { document, path })
            }
            FileTarget::ImportMedia => {
                Command::Media(super::player::MediaCommand::ImportMediaChosen(path))
            }
        })
    }
}

/// Which file dialog the window uses (a setting; `MARGIN_FILE_DIALOG` overrides it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DialogChoice {
    /// The system's where it can work, else the built-in one.
    #[default]
    Auto,
    /// Always the system's.
    Native,
    /// Always the built-in one.
    Builtin,
}

impl DialogChoice {
    /// `MARGIN_FILE_DIALOG` (`builtin`, `native`, `auto`), else `setting`.
    #[must_use]
    pub fn from_env_or(setting: Self) -> Self {
        match std::env::var("MARGIN_FILE_DIALOG").as_deref() {
            Ok("builtin") => DialogChoice::Builtin,
            Ok("native") => DialogChoice::Native,
            Ok("auto") => DialogChoice::Auto,
            _ => setting,
        }
    }
}

/// True if a system file dialog can be shown at all. On Linux and the BSDs the dialog comes
/// from xdg-desktop-portal over the session bus, or else from zenity: without either there is
/// none (a bare X server, a minimal desktop). Elsewhere the system always has one.
#[must_use]
pub fn native_possible() -> bool {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    bus || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// Show the system's dialog for `request`, starting in `start` (blocks: run it on a thread).
/// `None` when the user cancelled or no dialog could be shown.
#[must_use]
pub fn native(request: &FileRequest, start: Option<&Path>) -> Option<Vec<PathBuf>> {
    let mut dialog = rfd::FileDialog::new().set_title(request.title);
    if let Some(dir) = start {
        dialog = dialog.set_directory(dir);
    }
    for f in &request.filters {
        let ext: &[&str] = if f.extensions.is_empty() {
            &["*"]
        } else {
            f.extensions
        };
        dialog = dialog.add_filter(f.name, ext);
    }
    if !request.file_name.is_empty() {
        dialog = dialog.set_file_name(request.file_name);
    }
    match request.kind {
        PickKind::Files => dialog.pick_files(),
        PickKind::Folder => dialog.pick_folder().map(|p| vec![p]),
        PickKind::Save => dialog.save_file().map(|p| vec![p]),
    }
}

/// The folder a chosen path lives in (or the folder itself), for the recent folders.
#[must_use]
pub fn folder_of(kind: PickKind, path: &Path) -> Option<PathBuf> {
    match kind {
        PickKind::Folder => path
            .parent()
            .map(Path::to_path_buf)
            .or(Some(path.to_path_buf())),
        PickKind::Files | PickKind::Save => path.parent().map(Path::to_path_buf),
    }
}

/// The user's home folder.
pub(crate) fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

/// An entry of the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    dir: bool,
}

/// How the built-in picker ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// These paths were chosen.
    Chosen(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
}

/// Margin's own file dialog (a modal in the window).
#[derive(Debug)]
pub struct FilePicker {
    /// Why it was opened.
    pub target: FileTarget,
    request: FileRequest,
    dir: PathBuf,
    entries: Vec<Entry>,
    filter: usize,
    show_hidden: bool,
    /// The path typed (relative to the folder shown, or absolute; `~` is the home folder).
    pub typed: String,
    selected: BTreeSet<usize>,
    cursor: Option<usize>,
    problem: Option<String>,
    confirm_replace: Option<PathBuf>,
    places: Vec<(String, PathBuf)>,
    focus_pending: bool,
}

impl FilePicker {
    /// A picker for `target`, showing `start` (else the first recent folder, the home folder,
    /// the current folder), with `recent` folders offered on the side.
    #[must_use]
    pub fn new(target: FileTarget, start: Option<&Path>, recent: &[PathBuf]) -> Self {
        let request = target.request();
        let mut places = Vec::new();
        if let Some(h) = home() {
            places.push((tr!("picker-home").to_owned(), h));
        }
        for r in recent {
            if r.is_dir() && !places.iter().any(|(_, p)| p == r) {
                let name = r.file_name().map_or_else(
                    || r.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                places.push((name, r.clone()));
            }
        }
        let dir = start
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| recent.iter().find(|d| d.is_dir()).cloned())
            .or_else(home)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut picker = Self {
            target,
            typed: request.file_name.to_owned(),
            request,
            dir: PathBuf::new(),
            entries: Vec::new(),
            filter: 0,
            show_hidden: false,
            selected: BTreeSet::new(),
            cursor: None,
            problem: None,
            confirm_replace: None,
            places,
            focus_pending: true,
        };
        picker.go_to(&dir);
        picker
    }

    /// The folder shown.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What went wrong last (shown in the dialog), if anything.
    #[must_use]
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The names listed (folders end with `/`).
    #[must_use]
    pub fn listed(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| {
                if e.dir {
                    format!("{}/", e.name)
                } else {
                    e.name.clone()
                }
            })
            .collect()
    }

    /// Show `dir` (a problem is reported when it cannot be read; the folder shown stays).
    pub fn go_to(&mut self, dir: &Path) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let read = match std::fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) => {
                self.problem = Some(tr!(
                    "picker-cannot-open-folder",
                    path = dir.display().to_string(),
                    error = e.to_string()
                ));
                return;
            }
        };
        let filter = self.request.filters.get(self.filter);
        let folders_only = self.request.kind == PickKind::Folder;
        let mut entries: Vec<Entry> = read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                // Follows links, so a linked folder lists as a folder.
                let dir = e.path().is_dir();
                let visible = self.show_hidden || !name.starts_with('.');
                let wanted =
                    dir || (!folders_only && filter.is_none_or(|f| f.accepts(Path::new(&name))));
                (visible && wanted).then_some(Entry { name, dir })
            })
            .collect();
        entries.sort_by(|a, b| {
            b.dir
                .cmp(&a.dir)
                .then_with(|| natural_cmp(&a.name, &b.name))
        });
        self.entries = entries;
        self.dir = dir;
        self.selected.clear();
        self.cursor = None;
        self.problem = None;
        self.confirm_replace = None;
        if self.request.kind != PickKind::Save {
            self.typed.clear();
        }
    }

    fn reload(&mut self) {
        let dir = self.dir.clone();
        self.go_to(&dir);
    }

    /// The typed text as a path: `~` is the home folder, a relative path is in the folder shown.
    fn typed_path(&self) -> Option<PathBuf> {
        let t = self.typed.trim();
        if t.is_empty() {
            return None;
        }
        let path = match t.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => home().map_or_else(
                || PathBuf::from(t),
                |h| h.join(rest.trim_start_matches('/')),
            ),
            _ => PathBuf::from(t),
        };
        Some(if path.is_absolute() {
            path
        } else {
            self.dir.join(path)
        })
    }

    /// Enter in the path field, or the main button: go into a typed folder, else choose.
    pub fn submit(&mut self) -> Option<Picked> {
        if let Some(path) = self.typed_path()
            && path.is_dir()
            && !(self.request.kind == PickKind::Folder && path == self.dir)
        {
            self.go_to(&path);
            if self.request.kind == PickKind::Save {
                self.typed = self.request.file_name.to_owned();
            }
            return None;
        }
        self.choose()
    }

    /// Choose what is typed or selected; `None` (with a problem shown) when it does not fit.
    pub fn choose(&mut self) -> Option<Picked> {
        let typed = self.typed_path();
        let selected: Vec<&Entry> = self
            .selected
            .iter()
            .filter_map(|i| self.entries.get(*i))
            .collect();
        let result = match self.request.kind {
            PickKind::Files => match typed {
                Some(p) if p.is_file() => Ok(vec![p]),
                Some(p) if p.is_dir() => {
                    Err(tr!("picker-is-folder", path = p.display().to_string()))
                }
                Some(p) => Err(tr!("picker-no-file", path = p.display().to_string())),
                None => {
                    let files: Vec<PathBuf> = selected
                        .iter()
                        .filter(|e| !e.dir)
                        .map(|e| self.dir.join(&e.name))
                        .collect();
                    if files.is_empty() {
                        Err(tr!("picker-choose-file").to_owned())
                    } else {
                        Ok(files)
                    }
                }
            },
            PickKind::Folder => match typed {
                Some(p) if p.is_dir() => Ok(vec![p]),
                Some(p) => Err(tr!("picker-no-folder", path = p.display().to_string())),
                None => match selected.as_slice() {
                    [e] if e.dir => Ok(vec![self.dir.join(&e.name)]),
                    _ => Ok(vec![self.dir.clone()]),
                },
            },
            PickKind::Save => match typed {
                None => Err(tr!("picker-type-name").to_owned()),
                Some(p) => self.save_path(p),
            },
        };
        match result {
            Ok(paths) => Some(Picked::Chosen(paths)),
            Err(problem) => {
                self.problem = Some(problem);
                None
            }
        }
    }

    /// The path to write: its folder must exist; the filter's extension is added when the name
    /// has none; an existing file is replaced only when asked twice.
    fn save_path(&mut self, mut path: PathBuf) -> Result<Vec<PathBuf>, String> {
        if let Some(f) = self.request.filters.get(self.filter)
            && let Some(ext) = f.extensions.first()
            && path.extension().is_none()
        {
            path.set_extension(ext);
        }
        match path.parent() {
            Some(parent) if parent.is_dir() => {}
            Some(parent) => {
                return Err(tr!("picker-no-folder", path = parent.display().to_string()));
            }
            None => {
                return Err(tr!(
                    "picker-cannot-write",
                    path = path.display().to_string()
                ));
            }
        }
        if path.exists() && !self.request.filters.is_empty() {
            if self.confirm_replace.as_ref() != Some(&path) {
                self.confirm_replace = Some(path.clone());
                return Err(tr!("picker-replace", path = path.display().to_string()));
            }
        } else if path.exists() {
            return Err(tr!("picker-exists", path = path.display().to_string()));
        }
        Ok(vec![path])
    }

    fn activate(&mut self, index: usize) -> Option<Picked> {
        let entry = self.entries.get(index)?.clone();
        let path = self.dir.join(&entry.name);
        if entry.dir {
            self.go_to(&path);
            None
        } else {
            self.selected = BTreeSet::from([index]);
            self.typed.clear();
            self.choose()
        }
    }

    fn move_cursor(&mut self, down: bool) {
        if self.entries.is_empty() {
            return;
        }
        let last = self.entries.len() - 1;
        let next = match (self.cursor, down) {
            (None, true) => 0,
            (None, false) => last,
            (Some(i), true) => (i + 1).min(last),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.cursor = Some(next);
        self.selected = BTreeSet::from([next]);
        self.typed = self.entries[next].name.clone();
        self.problem = None;
    }

    /// Show the picker; `Some` once it is done.
    #[allow(clippy::too_many_lines)] // one modal window: its keys, list and buttons share state
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Picked> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("file-picker")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading(self.request.title);
            ui.add_space(4.0);
            // Keys first, so the path field does not take the arrows.
            let (up, down, parent) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::ALT, Key::ArrowUp),
                )
            });
            if up || down {
                self.move_cursor(down);
            }
            if parent && let Some(p) = self.dir.parent().map(Path::to_path_buf) {
                self.go_to(&p);
            }
            ui.horizontal(|ui| {
                let up_button = ui
                    .add_enabled(
                        self.dir.parent().is_some(),
                        egui::Button::new(tr!("picker-up")),
                    )
                    .on_hover_text(tr!("picker-up-hover"));
                if up_button.clicked()
                    && let Some(p) = self.dir.parent().map(Path::to_path_buf)
                {
                    self.go_to(&p);
                }
                ui.label(RichText::new(self.dir.display().to_string()).monospace());
            });
            ui.separator();
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(150.0);
                    ui.label(RichText::new(tr!("picker-places")).strong());
                    let mut go = None;
                    for (name, path) in &self.places {
                        if ui
                            .add(egui::Button::selectable(*path == self.dir, name.as_str()))
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            go = Some(path.clone());
                        }
                    }
                    if let Some(p) = go {
                        self.go_to(&p);
                    }
                });
                // Space, not a separator: a vertical separator would take all the height the
                // modal could have.
                ui.add_space(8.0);
                ui.vertical(|ui| {
                    let mut clicked = None;
                    let mut activated = None;
                    egui::ScrollArea::vertical()
                        .id_salt("file-picker-list")
                        .max_height(300.0)
                        .min_scrolled_height(300.0)
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if self.entries.is_empty() {
                                ui.label(RichText::new(tr!("picker-nothing")).weak());
                            }
                            for (i, e) in self.entries.iter().enumerate() {
                                let text = if e.dir {
                                    format!("📁 {}", e.name)
                                } else {
                                    format!("🗋 {}", e.name)
                                };
                                let resp = ui.add(egui::Button::selectable(
                                    self.selected.contains(&i),
                                    text,
                                ));
                                if self.cursor == Some(i) && (up || down) {
                                    resp.scroll_to_me(None);
                                }
                                if resp.double_clicked() {
                                    activated = Some(i);
                                } else if resp.clicked() {
                                    let toggle = ui.input(|i| i.modifiers.command);
                                    clicked = Some((i, toggle));
                                }
                            }
                        });
                    if let Some((i, toggle)) = clicked {
                        let multi = self.request.kind == PickKind::Files;
                        if toggle && multi {
                            if !self.selected.remove(&i) {
                                self.selected.insert(i);
                            }
                            self.typed.clear();
                        } else {
                            self.selected = BTreeSet::from([i]);
                            self.typed.clone_from(&self.entries[i].name);
                        }
                        self.cursor = Some(i);
                        self.problem = None;
                    }
                    if let Some(i) = activated {
                        outcome = self.activate(i);
                    }
                });
            });
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(if self.request.kind == PickKind::Save {
                    tr!("picker-name")
                } else {
                    tr!("picker-path")
                });
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .hint_text(tr!("picker-path-hint"))
                        .desired_width(ui.available_width()),
                );
                field.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("picker-path-label"))
                });
                if self.focus_pending {
                    field.request_focus();
                    self.focus_pending = false;
                }
                if field.changed() {
                    self.problem = None;
                    self.confirm_replace = None;
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    outcome = self.submit();
                    field.request_focus();
                }
            });
            ui.horizontal(|ui| {
                if self.request.filters.len() > 1 {
                    let before = self.filter;
                    egui::ComboBox::from_id_salt("file-picker-filter")
                        .selected_text(self.request.filters[self.filter].name)
                        .width(260.0)
                        .show_ui(ui, |ui| {
                            for (i, f) in self.request.filters.iter().enumerate() {
                                ui.selectable_value(&mut self.filter, i, f.name);
                            }
                        });
                    if self.filter != before {
                        self.reload();
                    }
                }
                if ui
                    .checkbox(&mut self.show_hidden, tr!("picker-hidden"))
                    .changed()
                {
                    self.reload();
                }
            });
            if let Some(p) = &self.problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = match self.request.kind {
                    PickKind::Files if self.target == FileTarget::Import => tr!("picker-import"),
                    PickKind::Files | PickKind::Folder => tr!("picker-open"),
                    PickKind::Save => tr!("picker-save"),
                };
                if ui.button(label).clicked() {
                    outcome = self.submit();
                }
                if ui.button(tr!("dialog-cancel")).clicked() {
                    outcome = Some(Picked::Cancelled);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(Picked::Cancelled);
        }
        outcome
    }
}

/// Show the picker in `ui`'s window and turn its answer into commands.
pub fn picker_ui(picker: &mut Option<FilePicker>, ui: &Ui) -> Vec<Command> {
    let Some(p) = picker else { return Vec::new() };
    match p.ui(ui.ctx()) {
        Some(Picked::Chosen(paths)) => {
            let target = p.target;
            *picker = None;
            vec![Command::FilesChosen { target, paths }]
        }
        Some(Picked::Cancelled) => {
            *picker = None;
            Vec::new()
        }
        None => Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("notes")).unwrap();
        std::fs::write(d.path().join("b interview 10.txt"), "x").unwrap();
        std::fs::write(d.path().join("b interview 9.txt"), "x").unwrap();
        std::fs::write(d.path().join("photo.png"), "x").unwrap();
        std::fs::write(d.path().join(".hidden.txt"), "x").unwrap();
        d
    }

    #[test]
    fn the_listing_has_folders_first_in_natural_order_and_honours_the_filter() {
        let d = folder();
        let mut p = FilePicker::new(FileTarget::Import, Some(d.path()), &[]);
        assert_eq!(
            p.listed(),
            ["notes/", "b interview 9.txt", "b interview 10.txt"]
        );
        p.filter = 1;
        p.reload();
        assert_eq!(
            p.listed(),
            [
                "notes/",
                "b interview 9.txt",
                "b interview 10.txt",
                "photo.png"
            ]
        );
        p.show_hidden = true;
        p.reload();
        assert_eq!(p.listed().len(), 5);
        let folders = FilePicker::new(FileTarget::OpenProject, Some(d.path()), &[]);
        assert_eq!(folders.listed(), ["notes/"]);
    }

    #[test]
    fn a_typed_path_opens_a_folder_or_chooses_a_file_and_says_what_is_wrong() {
        let d = folder();
        let mut p = FilePicker::new(FileTarget::Import, Some(d.path()), &[]);
        p.typed = "notes".into();
        assert_eq!(p.submit(), None);
        assert!(p.dir().ends_with("notes"));
        p.typed = "../missing.txt".into();
        assert_eq!(p.submit(), None);
        assert!(
            p.problem().unwrap().contains("There is no file"),
            "{:?}",
            p.problem()
        );
        let file = d.path().join("b interview 9.txt");
        p.typed = file.display().to_string();
        assert_eq!(p.submit(), Some(Picked::Chosen(vec![file])));
    }

    #[test]
    fn saving_adds_the_extension_and_asks_before_replacing() {
        let d = folder();
        let mut p = FilePicker::new(FileTarget::ExportTable, Some(d.path()), &[]);
        assert_eq!(p.typed, "table.csv");
        p.typed = "counts".into();
        let target = d.path().canonicalize().unwrap().join("counts.csv");
        assert_eq!(p.submit(), Some(Picked::Chosen(vec![target.clone()])));
        std::fs::write(&target, "old").unwrap();
        assert_eq!(p.submit(), None);
        assert!(p.problem().unwrap().contains("Press Save again"));
        assert_eq!(p.submit(), Some(Picked::Chosen(vec![target])));
        p.typed = "nowhere/x.csv".into();
        assert_eq!(p.submit(), None);
        assert!(p.problem().unwrap().contains("There is no folder"));
    }

    #[test]
    fn a_typed_folder_is_entered_when_saving_and_a_folder_pick_takes_the_folder_shown() {
        let d = folder();
        let root = d.path().canonicalize().unwrap();
        let mut p = FilePicker::new(FileTarget::ExportTable, Some(d.path()), &[]);
        p.typed = "notes".into();
        assert_eq!(p.submit(), None);
        assert!(p.dir().ends_with("notes"));
        assert_eq!(p.typed, "table.csv");
        assert_eq!(
            p.submit(),
            Some(Picked::Chosen(vec![root.join("notes/table.csv")]))
        );
        let mut p = FilePicker::new(FileTarget::OpenProject, Some(d.path()), &[]);
        assert_eq!(p.submit(), Some(Picked::Chosen(vec![root.clone()])));
        p.move_cursor(true);
        assert_eq!(p.typed, "notes");
        assert_eq!(p.submit(), None, "Enter on a folder goes into it");
        assert_eq!(p.submit(), Some(Picked::Chosen(vec![root.join("notes")])));
    }

    #[test]
    fn each_target_turns_its_paths_into_its_command() {
        let p = PathBuf::from("/x");
        assert_eq!(FileTarget::Import.command(vec![]), None);
        assert_eq!(
            FileTarget::Import.command(vec![p.clone(), p.clone()]),
            Some(Command::ImportFiles(vec![p.clone(), p.clone()]))
        );
        assert_eq!(
            FileTarget::OpenProject.command(vec![p.clone()]),
            Some(Command::OpenProject(p))
        );
        assert!(importable().accepts(Path::new("A.TXT")));
        assert!(!importable().accepts(Path::new("a.png")));
        assert!(all_files().accepts(Path::new("a")));
    }
}
