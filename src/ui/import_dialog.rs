//! The import dialog: what `margin import` offers, in the window. The files chosen, then the
//! options (kind, case or senders as cases, a speaker's turns coded, a pseudonym map); the files
//! are read on a background thread with a progress bar and a Cancel button while the window
//! stays usable; then a preview says what would be added — the replacements the pseudonym map
//! made, documents, cases, codings — before anything is stored. "Add to project" hands the one
//! edit (`import::plan_import`) to the session as one undo step, and the report is shown.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use super::command::Command;
use super::dialogs::ImportReport;
use super::file_picker::FileTarget;
use super::i18n::tr;
use crate::import::{
    Format, ImportOptions, ImportPlan, Placement, Progress, Pseudonyms, ReadFiles, SpeakerCode,
    plan_import, read_files,
};
use crate::model::{CoderId, DocumentKind, Project};
use crate::session::Action;

/// The import dialog's state.
#[derive(Debug)]
pub struct ImportDialog {
    /// The files to import.
    pub files: Vec<PathBuf>,
    /// The options chosen.
    pub form: Form,
    stage: Stage,
    problem: Option<String>,
    /// The recording's link, checked when reading starts.
    media: Option<crate::model::MediaLink>,
}

/// The options of an import, as the command line has them.
#[derive(Debug, Default)]
pub struct Form {
    /// The kind of document, or decided by each file.
    pub kind: Option<DocumentKind>,
    /// The format, or detected from each file.
    pub format: Option<Format>,
    /// The encoding of text files, or detected.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The case every document goes in (empty: none).
    pub case: String,
    /// Make a case of every sender or speaker.
    pub senders_as_cases: bool,
    /// The speaker whose turns are coded (empty: none).
    pub speaker: String,
    /// The code for the speaker's turns.
    pub code: String,
    /// The pseudonym map's path (empty: none).
    pub pseudonyms: String,
    /// The recording of the (one) transcript imported (empty: none).
    pub media: String,
}

/// Where the dialog is.
#[derive(Debug)]
enum Stage {
    /// Choosing the options.
    Options,
    /// Reading on a background thread.
    Reading(Worker),
    /// Read: what would be added, not yet stored.
    Preview(Box<Preview>),
}

/// The background reader.
#[derive(Debug)]
struct Worker {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    progress: Progress,
}

/// What the reader says.
#[derive(Debug)]
enum Message {
    Progress(Progress),
    Done(ReadFiles),
}

/// The files read and the edit that would add them.
#[derive(Debug)]
struct Preview {
    read: ReadFiles,
    plan: Result<ImportPlan, String>,
    pseudonymised: bool,
    /// Every replacement over all files: the name, its pseudonym, how often, and where the
    /// pseudonym first stands in the text to be stored.
    replacements: Vec<(String, String, usize, String)>,
}

impl ImportDialog {
    /// A dialog for `files`, with no option set.
    #[must_use]
    pub fn new(files: Vec<PathBuf>) -> Self {
        Self {
            files,
            form: Form::default(),
            stage: Stage::Options,
            problem: None,
            media: None,
        }
    }

    /// True while the files are being read.
    #[must_use]
    pub fn reading(&self) -> bool {
        matches!(self.stage, Stage::Reading(_))
    }

    /// True when the preview is shown.
    #[must_use]
    pub fn previewing(&self) -> bool {
        matches!(self.stage, Stage::Preview(_))
    }

    /// Stop reading (after the file being read); what was read is dropped with the dialog.
    pub fn stop(&self) {
        if let Stage::Reading(w) = &self.stage {
            w.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// How far reading has come, while it runs.
    #[must_use]
    pub fn progress(&self) -> Option<Progress> {
        match &self.stage {
            Stage::Reading(w) => Some(w.progress),
            _ => None,
        }
    }

    /// Start reading the files on a background thread; `root` is the project's folder, which
    /// the pseudonym map (it holds the real names) must stay out of.
    fn start(&mut self, root: &std::path::Path, ctx: &egui::Context) {
        self.media = match self.form.media.trim() {
            "" => None,
            _ if self.files.len() != 1 => {
                self.problem = Some(tr!("import-media-one").into());
                return;
            }
            path => match crate::media::link_for(root, std::path::Path::new(path)) {
                Ok(link) => Some(link),
                Err(e) => {
                    self.problem = Some(tr!("player-link-failed", error = e.to_string()));
                    return;
                }
            },
        };
        let pseudonyms = match self.form.pseudonyms.trim() {
            "" => None,
            path if crate::import::is_inside(std::path::Path::new(path), root) => {
                self.problem = Some(tr!("import-map-in-project", path = path));
                return;
            }
            path => match Pseudonyms::read(std::path::Path::new(path)) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.problem = Some(tr!("import-map-unreadable", error = e.to_string()));
                    return;
                }
            },
        };
        let options = ImportOptions {
            kind: self.form.kind,
            format: self.form.format,
            encoding: self.form.encoding,
            pseudonyms,
            ..ImportOptions::default()
        };
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let files = self.files.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("margin-import".into())
            .spawn(move || {
                let read = read_files(&files, &options, &stop, |p| {
                    let _ = tx.send(Message::Progress(p));
                    repaint.request_repaint();
                });
                let _ = tx.send(Message::Done(read));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.problem = None;
                self.stage = Stage::Reading(Worker {
                    rx,
                    cancel,
                    progress: Progress {
                        files: self.files.len(),
                        ..Progress::default()
                    },
                });
            }
            Err(e) => self.problem = Some(tr!("import-thread-failed", error = e.to_string())),
        }
    }

    /// Take what the reader said; plan the edit when it is done.
    fn poll(&mut self, project: &Project, coder: Option<CoderId>) {
        let Stage::Reading(worker) = &mut self.stage else {
            return;
        };
        let mut done = None;
        loop {
            match worker.rx.try_recv() {
                Ok(Message::Progress(p)) => worker.progress = p,
                Ok(Message::Done(read)) => {
                    done = Some(read);
                    break;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.problem = Some(tr!("import-thread-stopped").into());
                    self.stage = Stage::Options;
                    return;
                }
            }
        }
        let Some(read) = done else {
            return;
        };
        if read.cancelled {
            self.problem = Some(tr!("import-cancelled").into());
            self.stage = Stage::Options;
            return;
        }
        let plan = self.plan(project, coder, &read);
        let replacements = read
            .replacements()
            .counts
            .into_iter()
            .map(|(real, pseudo, n)| {
                let example = example(&read, &pseudo).unwrap_or_default();
                (real, pseudo, n, example)
            })
            .collect();
        self.stage = Stage::Preview(Box::new(Preview {
            read,
            plan,
            pseudonymised: !self.form.pseudonyms.trim().is_empty(),
            replacements,
        }));
    }

    /// The edit that adds what was read, with the options chosen.
    fn plan(
        &self,
        project: &Project,
        coder: Option<CoderId>,
        read: &ReadFiles,
    ) -> Result<ImportPlan, String> {
        let autocode = if self.form.speaker.trim().is_empty() {
            None
        } else {
            let coder = coder.ok_or_else(|| tr!("error-no-coder").to_owned())?;
            Some(SpeakerCode {
                speaker: self.form.speaker.trim().to_owned(),
                code: self.form.code.clone(),
                coder,
            })
        };
        let placement = Placement {
            case: Some(self.form.case.trim().to_owned()).filter(|c| !c.is_empty()),
            senders_as_cases: self.form.senders_as_cases,
            autocode,
        };
        let mut documents: Vec<_> = read.imported().map(|i| i.document.clone()).collect();
        if let (Some(link), [doc]) = (&self.media, documents.as_mut_slice()) {
            doc.media = Some(link.clone());
        }
        plan_import(project, &documents, &placement).map_err(|e| match e {
            crate::import::PlanError::NoSuchSpeaker { speaker, found } => {
                tr!("import-no-speaker", speaker = speaker, found = found)
            }
            crate::import::PlanError::EmptyName(_) => tr!("import-code-needed").into(),
        })
    }
}

/// The encodings offered when detection guesses wrong: Chinese ones first.
const ENCODINGS: &[&encoding_rs::Encoding] = &[
    encoding_rs::UTF_8,
    encoding_rs::GB18030,
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_16BE,
    encoding_rs::WINDOWS_1252,
    encoding_rs::SHIFT_JIS,
];

/// Characters of context shown on each side of a pseudonym in the preview.
const EXAMPLE_CONTEXT: usize = 10;

/// The first place `pseudonym` stands in the texts read, with a little context on one line:
/// what the stored text will say.
fn example(read: &ReadFiles, pseudonym: &str) -> Option<String> {
    read.imported().find_map(|i| {
        let text = i.document.text.as_str();
        let at = text.find(pseudonym)?;
        let before: String = text[..at].chars().rev().take(EXAMPLE_CONTEXT).collect();
        let before: String = before.chars().rev().collect();
        let after: String = text[at + pseudonym.len()..]
            .chars()
            .take(EXAMPLE_CONTEXT)
            .collect();
        let line = format!("…{before}{pseudonym}{after}…");
        Some(line.split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

fn kind_label(kind: Option<DocumentKind>) -> &'static str {
    match kind {
        None => tr!("import-kind-auto"),
        Some(DocumentKind::Interview) => tr!("import-kind-interview"),
        Some(DocumentKind::Chat) => tr!("import-kind-chat"),
        Some(DocumentKind::Notes) => tr!("import-kind-notes"),
    }
}

#[allow(clippy::cast_precision_loss)] // megabytes for people
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// What the report says after the import.
fn report(speaker: &str, code: &str, preview: &Preview, plan: &ImportPlan) -> ImportReport {
    let read = &preview.read;
    let mut documents = Vec::new();
    let mut refused = Vec::new();
    for (path, result) in &read.results {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match result {
            Ok(i) => documents.push(tr!(
                "import-report-document",
                file = file,
                name = i.document.name.as_str(),
                kind = kind_label(Some(i.document.kind)),
                characters = i.document.text.char_len(),
                segments = i.document.segments.len()
            )),
            Err(e) => refused.push(tr!(
                "import-report-refused",
                file = file,
                error = e.to_string()
            )),
        }
    }
    let replacements = read.replacements();
    let mut sections = vec![(tr!("import-report-documents").to_owned(), documents)];
    if preview.pseudonymised {
        let lines = if replacements.counts.is_empty() {
            vec![tr!("import-no-replacements").to_owned()]
        } else {
            replacements
                .counts
                .iter()
                .map(|(real, pseudo, n)| {
                    tr!(
                        "import-replacement",
                        real = real.as_str(),
                        pseudonym = pseudo.as_str(),
                        count = *n
                    )
                })
                .collect()
        };
        sections.push((tr!("import-report-replacements").to_owned(), lines));
    }
    let mut placed = Vec::new();
    if !plan.new_cases.is_empty() {
        placed.push(tr!("import-new-cases", cases = plan.new_cases.join(", ")));
    }
    if let Some(code) = &plan.new_code {
        placed.push(tr!("import-new-code", code = code.as_str()));
    }
    if !speaker.trim().is_empty() {
        placed.push(tr!(
            "import-coded",
            count = plan.coded,
            speaker = speaker.trim(),
            code = code.trim()
        ));
    }
    sections.push((tr!("import-report-placed").to_owned(), placed));
    sections.push((tr!("import-report-refused-heading").to_owned(), refused));
    sections.retain(|(_, lines)| !lines.is_empty());
    ImportReport {
        title: tr!("import-report-title", count = plan.documents.len()),
        summary: if preview.pseudonymised {
            tr!(
                "import-report-summary",
                count = plan.documents.len(),
                replacements = replacements.total(),
                names = replacements.counts.len()
            )
        } else {
            tr!("import-report-summary-plain", count = plan.documents.len())
        },
        sections,
    }
}

/// Show the dialog for the project in `root`; `coder` codes a speaker's turns. Closes itself
/// when done or cancelled.
#[allow(clippy::too_many_lines)] // one modal, three stages
pub fn import_dialog_ui(
    state: &mut Option<ImportDialog>,
    root: &std::path::Path,
    project: &Project,
    coder: Option<CoderId>,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(dialog) = state else {
        return commands;
    };
    dialog.poll(project, coder);
    let ctx = ui.ctx().clone();
    // While the files are read, a small window that leaves the rest usable: reading, coding,
    // everything else goes on.
    if let Stage::Reading(worker) = &mut dialog.stage {
        egui::Window::new(tr!("import-title", count = dialog.files.len()))
            .id(egui::Id::unique("import-progress"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
            .collapsible(false)
            .resizable(false)
            .show(&ctx, |ui| reading_ui(worker, ui));
        return commands;
    }
    let mut close = false;
    egui::Modal::new(egui::Id::unique("import-dialog")).show(&ctx, |ui| {
        // One size whatever the stage, so that the dialog does not move under the pointer
        // (the Stop button must stay where it was drawn).
        ui.set_width(620.0);
        ui.set_min_height(420.0);
        ui.heading(tr!("import-title", count = dialog.files.len()));
        egui::ScrollArea::vertical()
            .id_salt("import-files")
            .max_height(90.0)
            .show(ui, |ui| {
                for f in &dialog.files {
                    ui.label(RichText::new(f.display().to_string()).weak());
                }
            });
        ui.separator();
        let mut start = false;
        let mut back = false;
        match &mut dialog.stage {
            Stage::Options => {
                options_ui(&mut dialog.form, project, &mut commands, ui);
                if let Some(p) = &dialog.problem {
                    ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let label = if dialog.form.pseudonyms.trim().is_empty() {
                        tr!("import-read")
                    } else {
                        tr!("import-read-preview")
                    };
                    // Enter reads, from any field: the dialog works from the keyboard.
                    start = ui.button(label).clicked() || ui.input(|i| i.key_pressed(Key::Enter));
                    if ui.button(tr!("dialog-cancel")).clicked()
                        || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        close = true;
                    }
                });
            }
            // Drawn in its own window, below.
            Stage::Reading(_) => {}
            Stage::Preview(preview) => {
                let mut add = false;
                preview_ui(preview, ui);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let ready = preview.plan.as_ref().is_ok_and(|p| !p.documents.is_empty());
                    add = ui
                        .add_enabled(ready, egui::Button::new(tr!("import-add")))
                        .clicked()
                        || (ready && ui.input(|i| i.key_pressed(Key::Enter)));
                    back = ui.button(tr!("import-back")).clicked();
                    if ui.button(tr!("dialog-cancel")).clicked()
                        || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        close = true;
                    }
                });
                if add && let Ok(plan) = &preview.plan {
                    commands.push(Command::ImportPlanned {
                        action: Action::Import {
                            files: plan.documents.len(),
                            edit: plan.edit.clone(),
                        },
                        report: report(&dialog.form.speaker, &dialog.form.code, preview, plan),
                    });
                    close = true;
                }
            }
        }
        if start {
            dialog.start(root, &ctx);
        }
        if back {
            dialog.stage = Stage::Options;
        }
    });
    if close && let Some(d) = state.take() {
        d.stop();
    }
    commands
}

/// The options: kind, format, encoding, case, senders as cases, a speaker's turns coded, the
/// pseudonym map.
fn options_ui(form: &mut Form, project: &Project, commands: &mut Vec<Command>, ui: &mut Ui) {
    let Form {
        kind,
        format,
        encoding,
        case,
        senders_as_cases,
        speaker,
        code,
        pseudonyms,
        media,
    } = form;
    egui::Grid::new("import-options")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(tr!("import-kind"));
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("import-kind")
                    .selected_text(kind_label(*kind))
                    .show_ui(ui, |ui| {
                        for k in [
                            None,
                            Some(DocumentKind::Interview),
                            Some(DocumentKind::Chat),
                            Some(DocumentKind::Notes),
                        ] {
                            ui.selectable_value(kind, k, kind_label(k));
                        }
                    })
                    .response
                    .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, tr!("import-kind")));
                ui.label(tr!("import-format"));
                let name = |f: Option<Format>| {
                    f.map_or_else(
                        || tr!("import-detected").to_owned(),
                        |f| f.as_str().to_owned(),
                    )
                };
                egui::ComboBox::from_id_salt("import-format")
                    .selected_text(name(*format))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(format, None, name(None));
                        for f in Format::ALL {
                            ui.selectable_value(format, Some(f), name(Some(f)));
                        }
                    })
                    .response
                    .widget_info(|| {
                        WidgetInfo::labeled(Role::ComboBox, true, tr!("import-format"))
                    });
                ui.label(tr!("import-encoding"));
                let name = |e: Option<&'static encoding_rs::Encoding>| {
                    e.map_or_else(
                        || tr!("import-detected").to_owned(),
                        |e| e.name().to_owned(),
                    )
                };
                egui::ComboBox::from_id_salt("import-encoding")
                    .selected_text(name(*encoding))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(encoding, None, name(None));
                        for e in ENCODINGS {
                            ui.selectable_value(encoding, Some(*e), name(Some(*e)));
                        }
                    })
                    .response
                    .widget_info(|| {
                        WidgetInfo::labeled(Role::ComboBox, true, tr!("import-encoding"))
                    });
            });
            ui.end_row();

            ui.label(tr!("import-case"));
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(case)
                        .hint_text(tr!("import-case-hint"))
                        .desired_width(200.0),
                );
                field.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("import-case-label"))
                });
                let mut names: Vec<&str> =
                    project.cases().values().map(|c| c.name.as_str()).collect();
                names.sort_unstable();
                if !names.is_empty() {
                    egui::ComboBox::from_id_salt("import-existing-case")
                        .selected_text(tr!("import-case-existing"))
                        .show_ui(ui, |ui| {
                            for n in names {
                                if ui.selectable_label(case.as_str() == n, n).clicked() {
                                    n.clone_into(case);
                                }
                            }
                        });
                }
            });
            ui.end_row();

            ui.label("");
            ui.checkbox(senders_as_cases, tr!("import-senders-as-cases"));
            ui.end_row();

            ui.label(tr!("import-autocode"));
            ui.horizontal(|ui| {
                let s = ui.add(
                    egui::TextEdit::singleline(speaker)
                        .hint_text(tr!("import-speaker-hint"))
                        .desired_width(120.0),
                );
                s.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("import-speaker-label"))
                });
                ui.label(tr!("import-with-code"));
                let c = ui.add(
                    egui::TextEdit::singleline(code)
                        .hint_text(tr!("import-code-hint"))
                        .desired_width(160.0),
                );
                c.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("import-code-label"))
                });
            });
            ui.end_row();

            ui.label(tr!("import-pseudonyms"));
            ui.horizontal(|ui| {
                let m = ui.add(
                    egui::TextEdit::singleline(pseudonyms)
                        .hint_text(tr!("import-pseudonyms-hint"))
                        .desired_width(300.0),
                );
                m.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("import-pseudonyms-label"))
                });
                if ui.button(tr!("new-project-browse")).clicked() {
                    commands.push(Command::AskFile(FileTarget::PseudonymMap));
                }
            });
            ui.end_row();

            ui.label(tr!("import-media"));
            ui.horizontal(|ui| {
                let m = ui.add(
                    egui::TextEdit::singleline(media)
                        .hint_text(tr!("import-media-hint"))
                        .desired_width(300.0),
                );
                m.widget_info(|| {
                    WidgetInfo::labeled(Role::TextInput, true, tr!("import-media-label"))
                });
                if ui.button(tr!("player-browse")).clicked() {
                    commands.push(Command::AskFile(FileTarget::ImportMedia));
                }
            });
            ui.end_row();
        });
    ui.label(RichText::new(tr!("import-pseudonyms-explain")).weak());
}

/// What would be added: the replacements first (nothing is stored yet), then the documents,
/// cases and codings, and the files refused.
fn preview_ui(preview: &Preview, ui: &mut Ui) {
    let read = &preview.read;
    egui::ScrollArea::vertical()
        .id_salt("import-preview")
        .auto_shrink([false, true])
        .max_height(280.0)
        .show(ui, |ui| {
            if preview.pseudonymised {
                ui.label(RichText::new(tr!("import-preview-replacements")).strong());
                ui.label(RichText::new(tr!("import-preview-not-stored")).weak());
                if preview.replacements.is_empty() {
                    ui.label(tr!("import-no-replacements"));
                }
                egui::Grid::new("import-replacements")
                    .num_columns(4)
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        if !preview.replacements.is_empty() {
                            ui.label(RichText::new(tr!("import-real-name")).weak());
                            ui.label(RichText::new(tr!("import-pseudonym")).weak());
                            ui.label(RichText::new(tr!("import-occurrences")).weak());
                            ui.label(RichText::new(tr!("import-in-the-text")).weak());
                            ui.end_row();
                        }
                        for (real, pseudo, n, example) in &preview.replacements {
                            ui.label(real);
                            ui.label(RichText::new(pseudo).strong());
                            ui.label(tr!("import-times", count = *n));
                            ui.label(example);
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
            }
            ui.label(RichText::new(tr!("import-report-documents")).strong());
            egui::Grid::new("import-documents")
                .num_columns(3)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for (path, result) in &read.results {
                        let file = path
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                        ui.label(file);
                        match result {
                            Ok(i) => {
                                ui.label(kind_label(Some(i.document.kind)));
                                ui.label(tr!(
                                    "import-preview-size",
                                    characters = i.document.text.char_len(),
                                    segments = i.document.segments.len()
                                ));
                            }
                            Err(e) => {
                                ui.label(
                                    RichText::new(tr!("import-refused"))
                                        .color(ui.visuals().error_fg_color),
                                );
                                ui.add(egui::Label::new(e.to_string()).wrap());
                            }
                        }
                        ui.end_row();
                    }
                });
            match &preview.plan {
                Ok(plan) => {
                    if !plan.new_cases.is_empty() {
                        ui.label(tr!("import-new-cases", cases = plan.new_cases.join(", ")));
                    }
                    if let Some(code) = &plan.new_code {
                        ui.label(tr!("import-new-code", code = code.as_str()));
                    }
                    if plan.coded > 0 {
                        ui.label(tr!("import-will-code", count = plan.coded));
                    }
                }
                Err(e) => {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
            }
        });
}

/// The progress of the reading, and the button that stops it.
fn reading_ui(worker: &mut Worker, ui: &mut Ui) {
    ui.set_width(360.0);
    let p = worker.progress;
    ui.label(tr!("import-reading"));
    let bar = ui.add(
        egui::ProgressBar::new(p.fraction())
            .show_percentage()
            .desired_width(360.0),
    );
    bar.widget_info(|| {
        WidgetInfo::labeled(Role::ProgressIndicator, true, tr!("import-progress-label"))
    });
    ui.label(tr!(
        "import-progress",
        done = p.files_done,
        files = p.files,
        read = megabytes(p.bytes_done),
        total = megabytes(p.bytes)
    ));
    ui.horizontal(|ui| {
        if ui.button(tr!("import-stop")).clicked() {
            worker.cancel.store(true, Ordering::Relaxed);
        }
        if worker.cancel.load(Ordering::Relaxed) {
            ui.label(RichText::new(tr!("import-stopping")).weak());
        }
    });
}
