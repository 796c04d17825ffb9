//! Transcription mode: a document bound to its recording is typed below the player while the
//! recording plays. Keys (set in the settings file, `transcription_keys`) play and pause, go back
//! a few seconds, insert the recording's time as `[hh:mm:ss] ` and the next speaker's label;
//! the text is stored through the session (`Action::SetTranscript`, which reads its turns as
//! the importer reads a transcript) a moment after typing stops, and when the mode is left.

use egui::text::{CCursor, CCursorRange};
use egui::{Key, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::command::Command;
use super::i18n::tr;
use super::player::{MediaCommand, PlayerState};
use crate::media::transcript_stamp;
use crate::model::{Document, DocumentId};
use crate::session::Action;

/// The keys of transcription mode, by egui's key names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TranscriptionKeys {
    /// Play or pause.
    pub play_pause: String,
    /// Go back `rewind_seconds`.
    pub rewind: String,
    /// Insert the recording's time, `[hh:mm:ss] `.
    pub timestamp: String,
    /// Insert the next speaker's label, `Name: `.
    pub speaker: String,
    /// How far `rewind` goes back.
    pub rewind_seconds: u32,
}

impl Default for TranscriptionKeys {
    fn default() -> Self {
        Self {
            play_pause: "Escape".into(),
            rewind: "F1".into(),
            timestamp: "F3".into(),
            speaker: "F4".into(),
            rewind_seconds: 3,
        }
    }
}

impl TranscriptionKeys {
    /// The four keys; a name egui does not know falls back to the default key.
    #[must_use]
    pub fn keys(&self) -> [Key; 4] {
        let d = Self::default();
        let key = |name: &str, default: &str| {
            Key::from_name(name)
                .or_else(|| Key::from_name(default))
                .unwrap_or(Key::Escape)
        };
        [
            key(&self.play_pause, &d.play_pause),
            key(&self.rewind, &d.rewind),
            key(&self.timestamp, &d.timestamp),
            key(&self.speaker, &d.speaker),
        ]
    }
}

/// The draft being typed.
#[derive(Debug, Default)]
pub struct Transcription {
    /// The document transcribed, while the mode is on.
    document: Option<DocumentId>,
    draft: String,
    /// Where the caret was last frame (chars).
    caret: usize,
    /// When the draft last changed and is not stored yet.
    dirty_since: Option<f64>,
    /// Put the text field's caret at `caret` (and the keyboard in it) next frame.
    place_caret: bool,
}

/// How long typing must pause before the draft is stored.
const STORE_AFTER_S: f64 = 1.5;

impl Transcription {
    /// Whether the mode is on for `document`.
    #[must_use]
    pub fn is_on(&self, document: DocumentId) -> bool {
        self.document == Some(document)
    }

    /// Start transcribing `doc` from its text.
    pub fn start(&mut self, doc: &Document) {
        self.document = Some(doc.id);
        doc.text.as_str().clone_into(&mut self.draft);
        self.caret = self.draft.chars().count();
        self.dirty_since = None;
        self.place_caret = true;
    }

    /// Leave the mode; the draft is stored if it changed.
    pub fn stop(&mut self, commands: &mut Vec<Command>) {
        self.store(commands);
        self.document = None;
    }

    fn store(&mut self, commands: &mut Vec<Command>) {
        if let (Some(document), Some(_)) = (self.document, self.dirty_since.take()) {
            commands.push(Command::Edit(Action::SetTranscript {
                document,
                text: self.draft.clone(),
            }));
        }
    }

    /// Put `text` at the caret.
    fn insert(&mut self, text: &str) {
        let at = self
            .draft
            .char_indices()
            .nth(self.caret)
            .map_or(self.draft.len(), |(b, _)| b);
        self.draft.insert_str(at, text);
        self.caret += text.chars().count();
        self.place_caret = true;
    }

    /// The label of the next speaker: the one before the last in the draft (turns alternate),
    /// else the interviewer.
    fn next_speaker(&self) -> String {
        let mut seen: Vec<String> = Vec::new();
        for seg in crate::import::detect_turns(&self.draft).iter().rev() {
            if let Some(s) = &seg.speaker
                && !seen.contains(s)
            {
                seen.push(s.clone());
                if seen.len() == 2 {
                    break;
                }
            }
        }
        match seen.as_slice() {
            [_, before] => before.clone(),
            _ => tr!("transcription-interviewer").into(),
        }
    }
}

/// The transcription area under the player, for `doc` (with a recording, and no codings).
pub fn transcription_ui(
    state: &mut Transcription,
    player: &PlayerState,
    keys: &TranscriptionKeys,
    doc: &Document,
    now: f64,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if !state.is_on(doc.id) {
        return commands;
    }
    let [play, rewind, stamp, speaker] = keys.keys();
    let pressed = |ui: &mut Ui, key: Key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(ui, play) {
        commands.push(Command::Media(MediaCommand::Toggle));
    }
    if pressed(ui, rewind) {
        let back = i64::from(keys.rewind_seconds) * 1000;
        commands.push(Command::Media(MediaCommand::Skip(-back)));
    }
    let mut inserted = false;
    if pressed(ui, stamp) {
        let at_line_start =
            state.caret == 0 || state.draft.chars().nth(state.caret - 1) == Some('\n');
        let stamp = transcript_stamp(player.position_ms().unwrap_or(0));
        state.insert(&if at_line_start {
            format!("{stamp} ")
        } else {
            format!("\n{stamp} ")
        });
        inserted = true;
    }
    if pressed(ui, speaker) {
        let name = state.next_speaker();
        state.insert(&format!("{name}: "));
        inserted = true;
    }
    ui.label(
        RichText::new(tr!(
            "transcription-keys",
            play = format!("{play:?}"),
            rewind = format!("{rewind:?}"),
            seconds = keys.rewind_seconds,
            stamp = format!("{stamp:?}"),
            speaker = format!("{speaker:?}")
        ))
        .weak()
        .small(),
    );
    let before = state.draft.len();
    let mut output = egui::TextEdit::multiline(&mut state.draft)
        .id_salt(("transcription", doc.id))
        .desired_rows(8)
        .desired_width(f32::INFINITY)
        .hint_text(tr!("transcription-hint"))
        .show(ui);
    if std::mem::take(&mut state.place_caret) {
        let c = CCursor::new(state.caret);
        output
            .state
            .cursor
            .set_char_range(Some(CCursorRange::one(c)));
        output.state.store(ui.ctx(), output.response.id);
        output.response.request_focus();
    } else if let Some(r) = output.cursor_range {
        state.caret = r.primary.index.into();
    }
    if inserted || output.response.changed() || state.draft.len() != before {
        state.dirty_since = Some(now);
    }
    ui.horizontal(|ui| {
        if ui.button(tr!("transcription-done")).clicked() {
            state.stop(&mut commands);
        }
        if state.dirty_since.is_some() {
            ui.label(RichText::new(tr!("transcription-unsaved")).weak().small());
        }
    });
    match state.dirty_since {
        Some(t) if now - t >= STORE_AFTER_S => state.store(&mut commands),
        Some(_) => ui
            .ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(STORE_AFTER_S)),
        None => {}
    }
    commands
}
