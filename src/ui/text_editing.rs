//! Editing text in the window (issue 16): the row editor of the transcript's edit mode (one
//! turn, message or paragraph at a time, in a small buffer: each change becomes one exact
//! `Action::EditText`), the Find and replace dialog and the Replace a name everywhere dialog.
//! What a replacement matches and changes is decided in the core (`analysis::replace`); these
//! only show its preview and hand the action to the session.

use egui::{RichText, Ui};

use super::command::Command;
use super::i18n::tr;
use crate::analysis::replace::{Place, ReplacePlan, plan_replace, plan_replace_name};
use crate::analysis::search::{MatchMode, SearchQuery};
use crate::model::{CharRange, DocumentId, Project, Splice};
use crate::session::Action;

/// Seconds of quiet after a key before what was typed goes to the session.
const TYPING_PAUSE: f64 = 0.4;

/// The turn, message or paragraph being edited, and its text as typed.
///
/// Keys change the editor's buffer at once; what they typed goes to the session as one exact
/// `Action::EditText` per stretch of typing in one place: after a pause, when the caret moves
/// elsewhere, when the editor loses the focus, and before the window does anything else
/// ([`RowEdit::commit`]). A key press thus costs a frame of the small editor only, however long
/// the document.
#[derive(Clone, Debug, PartialEq)]
pub struct RowEdit {
    /// The document.
    pub document: DocumentId,
    /// Its turn or message, if it is one (its range follows every edit exactly).
    pub segment: Option<usize>,
    /// The characters edited.
    pub range: CharRange,
    /// The text in the editor.
    pub buffer: String,
    /// The row's text as the project has it (the buffer less what is still being typed).
    committed: String,
    /// What is typed but not yet handed to the session: one stretch, in the coordinates of
    /// `committed`.
    pending: Option<Splice>,
    /// When the last key was typed (the window's clock).
    typed_at: f64,
    /// Where to put the caret (a character of the row) when the editor next shows, taking the
    /// focus: where the row was clicked.
    caret: Option<usize>,
}

impl RowEdit {
    /// Edit the turn, message or paragraph `block` shows.
    #[must_use]
    pub fn new(
        project: &Project,
        document: DocumentId,
        segment: Option<usize>,
        range: CharRange,
    ) -> Option<Self> {
        let doc = project.document(document)?;
        let range = match segment {
            Some(i) => doc.segments.get(i)?.range,
            None => range,
        };
        let text = doc.text.slice(range).to_owned();
        Some(Self {
            document,
            segment,
            range,
            buffer: text.clone(),
            committed: text,
            pending: None,
            typed_at: 0.0,
            caret: None,
        })
    }

    /// Put the caret at character `pos` of the document (clamped to the row) and the focus on
    /// the editor when it next shows.
    #[must_use]
    pub fn with_caret(mut self, pos: usize) -> Self {
        let len = self.buffer.chars().count();
        self.caret = Some(pos.saturating_sub(self.range.start).min(len));
        self
    }

    /// Move with an edit elsewhere in the document (handed over, not yet applied).
    pub fn follow_splice(&mut self, splice: Splice) {
        if let Some(to) = splice.segment(self.range) {
            self.range = to;
        }
    }

    /// Follow the project: the turn's range as it now is, and the text as it now is (after an
    /// undo, or an edit refused). `false` when the row is gone.
    fn follow(&mut self, project: &Project) -> bool {
        let Some(doc) = project.document(self.document) else {
            return false;
        };
        if let Some(i) = self.segment {
            match doc.segments.get(i) {
                Some(s) => self.range = s.range,
                None => return false,
            }
        }
        let len = doc.text.char_len();
        self.range = CharRange::new(self.range.start.min(len), self.range.end.min(len));
        let now = doc.text.slice(self.range);
        if now != self.committed {
            now.clone_into(&mut self.committed);
            now.clone_into(&mut self.buffer);
            self.pending = None;
        }
        true
    }

    /// A key changed the buffer from `before`: the stretch being typed grows by it, or, when it
    /// is elsewhere in the row, the stretch typed so far is handed over first (returned).
    fn typed(&mut self, before: &str, now: f64) -> Option<Action> {
        let key = Splice::common(before, &self.buffer)?;
        self.typed_at = now;
        let Some(p) = self.pending else {
            self.pending = Some(key);
            return None;
        };
        // In the text before this key, the pending stretch is [p.start, p.start + p.inserted).
        let (typed_start, typed_end) = (p.start, p.start + p.inserted);
        if key.start <= typed_end && key.end() >= typed_start {
            let start = key.start.min(typed_start);
            let end_before = key.end().max(typed_end);
            self.pending = Some(Splice {
                start,
                removed: end_before - typed_end + p.end() - start,
                inserted: end_before - start - key.removed + key.inserted,
            });
            return None;
        }
        let done = self.hand_over(p, before);
        self.pending = Some(key);
        Some(done)
    }

    /// The edit that makes the project's row `text` (the buffer as it was after `typed`).
    fn hand_over(&mut self, typed: Splice, text: &str) -> Action {
        self.pending = None;
        let inserted: String = text
            .chars()
            .skip(typed.start)
            .take(typed.inserted)
            .collect();
        let start = self.range.start + typed.start;
        if self.segment.is_none() {
            self.range.end = self.range.end + typed.inserted - typed.removed;
        }
        text.clone_into(&mut self.committed);
        Action::EditText {
            document: self.document,
            range: CharRange::new(start, start + typed.removed),
            text: inserted,
        }
    }

    /// Hand what is typed to the session now (before anything else happens in the window).
    pub fn commit(&mut self) -> Option<Action> {
        let typed = self.pending?;
        let buffer = self.buffer.clone();
        Some(self.hand_over(typed, &buffer))
    }
}

/// The row editor: a text field on the row's text. Returns the edits to hand to the session
/// (what was typed, after a pause or when the caret moved elsewhere).
pub fn row_editor_ui(edit: &mut Option<RowEdit>, project: &Project, ui: &mut Ui) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(row) = edit.as_mut() else {
        ui.label(RichText::new(tr!("edit-click-a-row")).weak());
        return out;
    };
    if !row.follow(project) {
        *edit = None;
        return out;
    }
    let Some(doc) = project.document(row.document) else {
        return out;
    };
    let what = match row
        .segment
        .and_then(|i| doc.segments.get(i).map(|s| (i, s)))
    {
        Some((i, s)) => tr!(
            "edit-row-turn",
            n = i + 1,
            speaker = s.speaker.clone().unwrap_or_default()
        ),
        None => tr!("edit-row-paragraph", start = row.range.start),
    };
    let before = row.buffer.clone();
    let title = ui.label(RichText::new(tr!("edit-row-title", what = what)).strong());
    // A long paragraph scrolls inside the editor rather than pushing the transcript down.
    let most = ui.text_style_height(&egui::TextStyle::Body) * 8.0;
    let response = egui::ScrollArea::vertical()
        .id_salt("row-editor-scroll")
        .max_height(most)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut row.buffer)
                    .id_salt("row-editor")
                    .desired_width(f32::INFINITY)
                    .desired_rows(3),
            )
            .labelled_by(title.id)
        })
        .inner;
    // The click that chose the row ends with the transcript taking the focus: the editor
    // takes it once the button is up.
    let clicking = ui.input(|i| i.pointer.any_down() || i.pointer.any_released());
    if clicking && row.caret.is_some() {
        ui.ctx().request_repaint();
    } else if let Some(caret) = row.caret.take() {
        let mut state =
            egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
        let at = egui::text::CCursor::new(caret);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(at)));
        state.store(ui.ctx(), response.id);
        response.request_focus();
    }
    let now = ui.input(|i| i.time);
    if row.buffer != before {
        out.extend(row.typed(&before, now));
    }
    if row.pending.is_some() {
        let quiet = now - row.typed_at;
        if quiet >= TYPING_PAUSE || response.lost_focus() {
            out.extend(row.commit());
        } else {
            ui.ctx()
                .request_repaint_after_secs((TYPING_PAUSE - quiet) as f32);
        }
    }
    out
}

/// A one-line field in a two-column grid, named by its label (for screen readers and tests).
fn labelled_field(ui: &mut Ui, label: impl Into<egui::WidgetText>, value: &mut String) {
    let l = ui.label(label);
    ui.text_edit_singleline(value).labelled_by(l.id);
    ui.end_row();
}

/// What a replacement would change: replacements per place, in all, and hits left alone.
#[derive(Debug)]
struct Counted {
    places: Vec<(Place, String, usize)>,
    total: usize,
    skipped: usize,
}

/// A preview worked out for one set of inputs.
#[derive(Debug, Default)]
struct Preview {
    key: String,
    result: Option<Result<Counted, String>>,
}

impl Preview {
    fn update(&mut self, key: String, plan: impl FnOnce() -> Result<ReplacePlan, String>) {
        if self.key != key || self.result.is_none() {
            self.result = Some(plan().map(|p| Counted {
                total: p.total(),
                skipped: p.skipped,
                places: p.places,
            }));
            self.key = key;
        }
    }
}

/// The Find and replace dialog.
#[derive(Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // the dialog's check boxes
pub struct FindReplace {
    /// Shown.
    pub open: bool,
    /// What to find.
    pub find: String,
    /// What replaces it.
    pub with: String,
    /// Whole words only.
    pub whole_word: bool,
    /// A regular expression.
    pub regex: bool,
    /// In every document (else the open one).
    pub all_documents: bool,
    preview: Preview,
}

impl FindReplace {
    /// The project changed: work the preview out again.
    pub fn project_changed(&mut self) {
        self.preview.result = None;
    }

    fn query(&self, document: Option<DocumentId>) -> SearchQuery {
        SearchQuery {
            pattern: self.find.clone(),
            mode: MatchMode::from_switches(self.regex, self.whole_word),
            documents: if self.all_documents {
                Vec::new()
            } else {
                document.into_iter().collect()
            },
            ..SearchQuery::default()
        }
    }
}

/// The Find and replace window.
pub fn find_replace_ui(
    state: &mut FindReplace,
    project: &Project,
    document: Option<DocumentId>,
    ctx: &egui::Context,
) -> Option<Command> {
    if !state.open {
        return None;
    }
    let mut open = true;
    let mut out = None;
    egui::Window::new(tr!("replace-title"))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("find-replace")
                .num_columns(2)
                .show(ui, |ui| {
                    labelled_field(ui, tr!("replace-find"), &mut state.find);
                    labelled_field(ui, tr!("replace-with"), &mut state.with);
                });
            ui.horizontal(|ui| {
                ui.checkbox(&mut state.whole_word, tr!("replace-whole-word"));
                ui.checkbox(&mut state.regex, tr!("replace-regex"));
            });
            if state.regex {
                ui.label(RichText::new(tr!("replace-regex-groups")).weak().small());
            }
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut state.all_documents,
                    false,
                    tr!("replace-scope-document"),
                );
                ui.radio_value(&mut state.all_documents, true, tr!("replace-scope-all"));
            });
            ui.separator();
            let query = state.query(document);
            let key = format!("{query:?}");
            if state.find.is_empty() {
                return;
            }
            state.preview.update(key, || {
                plan_replace(project, &query, "", None).map_err(|e| e.to_string())
            });
            let mut can_replace = false;
            match &state.preview.result {
                Some(Ok(Counted {
                    places,
                    total,
                    skipped,
                })) => {
                    if *total == 0 {
                        ui.label(tr!("replace-none"));
                    } else {
                        ui.label(tr!(
                            "replace-preview",
                            count = *total,
                            documents = places.len()
                        ));
                        can_replace = true;
                    }
                    if *skipped > 0 {
                        ui.label(RichText::new(tr!("replace-skipped", count = *skipped)).weak());
                    }
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            if ui
                .add_enabled(can_replace, egui::Button::new(tr!("replace-button")))
                .clicked()
            {
                out = Some(Command::Edit(Action::ReplaceAll {
                    query,
                    with: state.with.clone(),
                }));
            }
        });
    if !open {
        state.open = false;
    }
    out
}

/// The Replace a name everywhere dialog.
#[derive(Debug, Default)]
pub struct ReplaceName {
    /// Shown.
    pub open: bool,
    /// The name.
    pub name: String,
    /// Its forms, one per line.
    pub forms: String,
    /// The pseudonym map's path.
    pub map: String,
    /// Why the map gave no forms.
    pub map_problem: Option<String>,
    /// What replaces the name.
    pub with: String,
    preview: Preview,
}

impl ReplaceName {
    /// The project changed: work the preview out again.
    pub fn project_changed(&mut self) {
        self.preview.result = None;
    }

    fn forms(&self) -> Vec<String> {
        let mut forms: Vec<String> = std::iter::once(self.name.as_str())
            .chain(self.forms.lines())
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        forms.sort();
        forms.dedup();
        forms
    }

    fn load_forms(&mut self) {
        match crate::import::Pseudonyms::read(std::path::Path::new(self.map.trim())) {
            Ok(map) => match map.forms_of(&self.name) {
                Some((forms, pseudonym)) => {
                    self.forms = forms.join("\n");
                    if self.with.trim().is_empty() {
                        self.with = pseudonym;
                    }
                    self.map_problem = None;
                }
                None => {
                    self.map_problem = Some(tr!("name-map-unknown", name = self.name.clone()));
                }
            },
            Err(e) => self.map_problem = Some(e.to_string()),
        }
    }
}

/// The Replace a name everywhere window.
pub fn replace_name_ui(
    state: &mut ReplaceName,
    project: &Project,
    ctx: &egui::Context,
) -> Option<Command> {
    if !state.open {
        return None;
    }
    let mut open = true;
    let mut out = None;
    egui::Window::new(tr!("name-title"))
        .open(&mut open)
        .resizable(true)
        .show(ctx, |ui| {
            egui::Grid::new("replace-name")
                .num_columns(2)
                .show(ui, |ui| {
                    labelled_field(ui, tr!("name-name"), &mut state.name);
                    let l = ui.label(tr!("name-map"));
                    ui.horizontal(|ui| {
                        ui.text_edit_singleline(&mut state.map).labelled_by(l.id);
                        if ui
                            .add_enabled(
                                !state.map.trim().is_empty() && !state.name.trim().is_empty(),
                                egui::Button::new(tr!("name-load-forms")),
                            )
                            .clicked()
                        {
                            state.load_forms();
                        }
                    });
                    ui.end_row();
                    let l = ui.label(tr!("name-forms"));
                    ui.add(egui::TextEdit::multiline(&mut state.forms).desired_rows(3))
                        .labelled_by(l.id);
                    ui.end_row();
                    labelled_field(ui, tr!("name-with"), &mut state.with);
                });
            if let Some(p) = &state.map_problem {
                ui.label(RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.separator();
            let forms = state.forms();
            if forms.is_empty() {
                return;
            }
            let with = state.with.clone();
            state.preview.update(format!("{forms:?}"), || {
                plan_replace_name(project, &forms, &with, None).map_err(|e| e.to_string())
            });
            let mut can_replace = false;
            match &state.preview.result {
                Some(Ok(Counted {
                    places,
                    total,
                    skipped,
                })) => {
                    egui::ScrollArea::vertical()
                        .max_height(200.0)
                        .show(ui, |ui| {
                            egui::Grid::new("name-preview")
                                .striped(true)
                                .show(ui, |ui| {
                                    for (place, name, n) in places {
                                        let what = match place {
                                            Place::Document(_) => {
                                                tr!("name-preview-document", name = name.clone())
                                            }
                                            Place::Memo(_) => {
                                                tr!("name-preview-memo", title = name.clone())
                                            }
                                            Place::CodingNotes => tr!("name-preview-notes").into(),
                                            Place::Case(_) => {
                                                tr!("name-preview-case", name = name.clone())
                                            }
                                        };
                                        ui.label(what);
                                        ui.label(n.to_string());
                                        ui.end_row();
                                    }
                                });
                        });
                    if *total == 0 {
                        ui.label(tr!("replace-none"));
                    } else {
                        ui.label(tr!("name-total", count = *total));
                        can_replace = !state.with.trim().is_empty();
                    }
                    if *skipped > 0 {
                        ui.label(RichText::new(tr!("replace-skipped", count = *skipped)).weak());
                    }
                }
                Some(Err(e)) => {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                None => {}
            }
            if ui
                .add_enabled(can_replace, egui::Button::new(tr!("name-button")))
                .clicked()
            {
                out = Some(Command::Edit(Action::ReplaceName {
                    forms,
                    with: state.with.trim().to_owned(),
                }));
            }
        });
    if !open {
        state.open = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph row at characters 10.. of a document, nothing typed yet.
    fn row(text: &str) -> RowEdit {
        RowEdit {
            document: DocumentId::new(),
            segment: None,
            range: CharRange::new(10, 10 + text.chars().count()),
            buffer: text.to_owned(),
            committed: text.to_owned(),
            pending: None,
            typed_at: 0.0,
            caret: None,
        }
    }

    /// One key press that leaves the editor holding `to`.
    fn key(row: &mut RowEdit, to: &str) -> Option<Action> {
        let before = std::mem::replace(&mut row.buffer, to.to_owned());
        row.typed(&before, 0.0)
    }

    fn edit(action: Option<Action>) -> (CharRange, String) {
        match action {
            Some(Action::EditText { range, text, .. }) => (range, text),
            other => panic!("not a text edit: {other:?}"),
        }
    }

    #[test]
    fn keys_in_one_place_are_one_stretch_handed_over_once() {
        let mut r = row("她说得对");
        for to in ["她说得对吗", "她说得对吗？", "她说得对吗", "她说得对吗？！"]
        {
            assert!(key(&mut r, to).is_none());
        }
        assert_eq!(
            edit(r.commit()),
            (CharRange::new(14, 14), "吗？！".to_owned())
        );
        assert!(r.commit().is_none());
        assert_eq!(r.range, CharRange::new(10, 17));
    }

    #[test]
    fn backspacing_past_what_was_typed_takes_the_old_text_too() {
        let mut r = row("abcdef");
        assert!(key(&mut r, "abcXdef").is_none());
        assert!(key(&mut r, "abcdef").is_none());
        assert!(key(&mut r, "abdef").is_none());
        assert!(key(&mut r, "abYdef").is_none());
        // One edit: "c" replaced by "Y" (in a coding over "c", Y takes its place).
        assert_eq!(edit(r.commit()), (CharRange::new(12, 13), "Y".to_owned()));
    }

    #[test]
    fn a_key_elsewhere_hands_the_first_stretch_over_before_its_own() {
        let mut r = row("one two three");
        assert!(key(&mut r, "one! two three").is_none());
        // The caret moved to the end: the "!" goes first, in the old coordinates.
        let first = edit(key(&mut r, "one! two three."));
        assert_eq!(first, (CharRange::new(13, 13), "!".to_owned()));
        // The next one is in the coordinates the first left.
        assert_eq!(edit(r.commit()), (CharRange::new(24, 24), ".".to_owned()));
        assert_eq!(r.committed, "one! two three.");
    }

    #[test]
    fn a_selection_typed_over_is_one_replacement() {
        let mut r = row("张三说");
        assert!(key(&mut r, "李说").is_none());
        assert!(key(&mut r, "李四说").is_none());
        assert_eq!(
            edit(r.commit()),
            (CharRange::new(10, 12), "李四".to_owned())
        );
    }
}
