//! The player in the transcript's header: play/pause, −3 s/+3 s, speed, a position slider and
//! the waveform strip, for a document with a linked recording; "Locate…" when the recording is
//! missing. The window's thread only sends the player commands and reads its position; the
//! decoding and the sound output run on the player's thread (`crate::media::player`), the
//! waveform on one of its own, computed once per recording and kept.
//!
//! Sync: while a recording is open the turn at its position is marked in the transcript, and
//! while it plays the view follows it, until the user scrolls the view themselves.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use egui::{RichText, Sense, Ui, vec2};

use super::command::Command;
use super::i18n::tr;
use super::transcript::TranscriptState;
use crate::media::output::{NullOutput, Output, system_output};
use crate::media::player::SPEEDS;
use crate::media::waveform::Waveform;
use crate::media::{MediaError, Player, Timeline, format_time};
use crate::model::{CodingId, Document, DocumentId, MediaLink, Project};

/// Something the user asked of the player or of a document's recording.
#[derive(Clone, Debug, PartialEq)]
pub enum MediaCommand {
    /// Ask for a recording to link to the document.
    AskLink(DocumentId),
    /// Link this recording to the document (a path relative to the project where possible).
    Link {
        /// The document.
        document: DocumentId,
        /// The recording chosen.
        path: PathBuf,
    },
    /// Unlink the document's recording.
    Unlink(DocumentId),
    /// The recording chosen for the import dialog's transcript.
    ImportMediaChosen(PathBuf),
    /// Play or pause.
    Toggle,
    /// Move by so many ms (back when negative).
    Skip(i64),
    /// Go to this time.
    Seek(u64),
    /// Play from this time.
    PlayAt(u64),
    /// Play from turn `n` of the open document.
    PlaySegment(usize),
    /// Play from the time of character `n` of the open document (Alt+click).
    PlayChar(usize),
    /// Open the coding's document and play its time span.
    PlayCoding(CodingId),
    /// Turn transcription mode on or off for the open document.
    Transcribe(bool),
}

/// A waveform being computed, or done.
enum Wave {
    Pending(Receiver<Result<Waveform, MediaError>>),
    Done(Waveform),
    Failed,
}

/// The player of the open document.
pub struct PlayerState {
    doc: Option<DocumentId>,
    /// What the timeline was built from: the link, the number of turns, the text's length and
    /// the last turn's time (cheap to compare every frame; the times change with the text).
    built_for: Option<(MediaLink, usize, usize, Option<u64>)>,
    /// Where the recording is, or why it cannot be played.
    path: Result<PathBuf, String>,
    player: Option<Player>,
    timeline: Timeline,
    waves: HashMap<PathBuf, Wave>,
    /// The waveform's bars for the strip's last width.
    bars: (usize, Vec<f32>),
    /// Follow the recording in the transcript.
    pub follow: bool,
    /// Stop here ("play this coding").
    stop_at: Option<u64>,
    /// Where the follow mode last put the view.
    followed: Option<usize>,
    /// Plays through the system's sound output, or (tests) through a null one.
    null_output: bool,
    speed: f32,
}

impl Default for PlayerState {
    fn default() -> Self {
        Self {
            doc: None,
            built_for: None,
            path: Err(String::new()),
            player: None,
            timeline: Timeline::default(),
            waves: HashMap::new(),
            bars: (0, Vec::new()),
            follow: true,
            stop_at: None,
            followed: None,
            null_output: false,
            speed: 1.0,
        }
    }
}

impl std::fmt::Debug for PlayerState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlayerState")
            .field("doc", &self.doc)
            .field("path", &self.path)
            .field("playing", &self.is_playing())
            .finish_non_exhaustive()
    }
}

impl PlayerState {
    /// Play through a null output (no sound, a device's pace): tests and machines without one.
    pub fn use_null_output(&mut self) {
        self.null_output = true;
    }

    /// Play at `speed` times (0.5 to 2).
    pub fn set_speed(&mut self, speed: f32) {
        self.speed = speed.clamp(SPEEDS.0, SPEEDS.1);
        if let Some(p) = &mut self.player {
            p.set_speed(self.speed);
        }
    }

    /// What makes the output, on the player's thread.
    fn output(&self) -> impl FnOnce() -> Box<dyn Output> + Send + 'static {
        let null = self
            .null_output
            .then(|| tr!("player-no-output-test").to_owned());
        move || match null {
            Some(name) => Box::new(NullOutput::new(name)) as Box<dyn Output>,
            None => system_output(),
        }
    }

    /// Whether a recording is playing.
    #[must_use]
    pub fn is_playing(&self) -> bool {
        self.player.as_ref().is_some_and(Player::is_playing)
    }

    /// The position in the open recording, in ms.
    #[must_use]
    pub fn position_ms(&self) -> Option<u64> {
        self.player.as_ref().map(Player::position_ms)
    }

    /// Why the open document's recording cannot be played, if it has one and cannot.
    #[must_use]
    pub fn problem(&self) -> Option<&str> {
        match (&self.built_for, &self.path) {
            (Some(_), Err(why)) => Some(why),
            _ => None,
        }
    }

    /// The time span of characters `[start, end)` of the open document, if it has a timed
    /// transcript and a recording.
    #[must_use]
    pub fn span_of(&self, start: usize, end: usize) -> Option<(u64, u64)> {
        self.built_for.as_ref()?;
        self.timeline.span_of(start, end)
    }

    /// Keep up with the open document (another one, a new link, new turns) in `root`'s project.
    pub fn sync(&mut self, root: &std::path::Path, doc: Option<&Document>) {
        let key = doc.and_then(|d| {
            let last = d.segments.last().and_then(|s| s.media).map(|m| m.start_ms);
            Some((d.media.clone()?, d.segments.len(), d.text.char_len(), last))
        });
        if doc.map(|d| d.id) == self.doc && key == self.built_for {
            return;
        }
        let same_recording = doc.map(|d| d.id) == self.doc
            && key.as_ref().map(|k| &k.0) == self.built_for.as_ref().map(|k| &k.0);
        self.doc = doc.map(|d| d.id);
        if !same_recording {
            self.player = None;
            self.stop_at = None;
            self.followed = None;
        }
        self.built_for.clone_from(&key);
        let Some(doc) = doc else { return };
        let Some((link, ..)) = key else {
            self.path = Err(String::new());
            self.timeline = Timeline::default();
            return;
        };
        self.path = crate::media::resolve(root, &link).map_err(|e| match e {
            MediaError::Missing { path, .. } => tr!(
                "player-missing",
                path = link.path.as_str(),
                looked = path.display().to_string()
            ),
            other => other.to_string(),
        });
        let duration = self.duration();
        self.timeline = Timeline::of(doc, duration);
        if let Ok(path) = &self.path {
            self.waves
                .entry(path.clone())
                .or_insert_with(|| Wave::Pending(Waveform::in_background(path.clone())));
        }
    }

    fn duration(&self) -> Option<u64> {
        if let Some(d) = self.player.as_ref().and_then(Player::duration_ms) {
            return Some(d);
        }
        match self.path.as_ref().ok().and_then(|p| self.waves.get(p)) {
            Some(Wave::Done(w)) => Some(w.peaks.len() as u64 * w.ms_per_peak),
            _ => None,
        }
    }

    /// The player, started on first use.
    fn player(&mut self) -> Option<&Player> {
        if self.player.is_none() {
            let path = self.path.as_ref().ok()?.clone();
            let mut player = Player::start(path, self.output());
            player.set_speed(self.speed);
            self.player = Some(player);
        }
        self.player.as_ref()
    }

    /// Do what the user asked of the open document's recording (the commands that change the
    /// project are the app's).
    pub fn apply(&mut self, command: &MediaCommand, project: &Project) -> Result<(), String> {
        if self.built_for.is_none() {
            return Err(tr!("player-none").into());
        }
        if let Err(why) = &self.path {
            return Err(why.clone());
        }
        let at = |ms: Option<u64>| ms.ok_or_else(|| tr!("player-no-time").to_owned());
        match *command {
            MediaCommand::Toggle => {
                self.stop_at = None;
                if let Some(p) = self.player() {
                    p.toggle();
                }
            }
            MediaCommand::Skip(delta) => {
                if let Some(p) = self.player() {
                    p.skip(delta);
                }
            }
            MediaCommand::Seek(ms) => {
                if let Some(p) = self.player() {
                    p.seek(ms);
                }
            }
            MediaCommand::PlayAt(ms) => self.play_from(ms, None),
            MediaCommand::PlaySegment(s) => self.play_from(at(self.timeline.start_of(s))?, None),
            MediaCommand::PlayChar(c) => self.play_from(at(self.timeline.time_at(c))?, None),
            MediaCommand::PlayCoding(id) => {
                let coding = project.coding(id).ok_or_else(|| tr!("player-no-time"))?;
                let (from, to) = self
                    .timeline
                    .span_of(coding.range.start, coding.range.end)
                    .ok_or_else(|| tr!("player-no-time").to_owned())?;
                self.play_from(from, Some(to));
            }
            MediaCommand::AskLink(_)
            | MediaCommand::Link { .. }
            | MediaCommand::Unlink(_)
            | MediaCommand::ImportMediaChosen(_)
            | MediaCommand::Transcribe(_) => {}
        }
        Ok(())
    }

    fn play_from(&mut self, ms: u64, stop_at: Option<u64>) {
        self.followed = None;
        self.follow = true;
        if let Some(p) = self.player() {
            p.play_from(ms);
        }
        self.stop_at = stop_at;
    }

    /// Once a frame: mark the turn the recording is at, follow it while playing (unless the
    /// user scrolled away), stop at the end of a coding, and ask for the next frame while
    /// playing. Cheap: two binary searches.
    pub fn tick(&mut self, transcript: &mut TranscriptState, ctx: &egui::Context) {
        if transcript.document() != self.doc {
            return;
        }
        let scrolled = transcript.take_user_scrolled();
        let Some(player) = &self.player else {
            transcript.playing_segment = None;
            return;
        };
        let pos = player.position_ms();
        let playing = player.is_playing();
        transcript.playing_segment = self.timeline.segment_at(pos);
        if let Some(stop) = self.stop_at
            && pos >= stop
        {
            player.pause();
            self.stop_at = None;
        }
        if !playing {
            return;
        }
        if scrolled {
            self.follow = false;
        }
        if self.follow
            && let Some(c) = self.timeline.char_at(pos)
            && self.followed != Some(c)
        {
            transcript.reveal_if_needed(c);
            self.followed = Some(c);
        }
        ctx.request_repaint_after(Duration::from_millis(40));
    }

    /// The waveform's bar heights (0 to 1) for a strip `width` points wide, once computed.
    fn bars(&mut self, width: usize) -> Option<&[f32]> {
        let path = self.path.as_ref().ok()?;
        let wave = self.waves.get_mut(path)?;
        if let Wave::Pending(rx) = wave {
            match rx.try_recv() {
                Ok(Ok(w)) => *wave = Wave::Done(w),
                Ok(Err(e)) => {
                    log::warn!("waveform: {e}");
                    *wave = Wave::Failed;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => *wave = Wave::Failed,
            }
            self.bars = (0, Vec::new());
        }
        let Wave::Done(w) = wave else { return None };
        if self.bars.0 != width && width > 0 {
            let total = w.peaks.len() as u64 * w.ms_per_peak;
            let per = total as f64 / width as f64;
            let bars = (0..width)
                .map(|x| w.peak_between((x as f64 * per) as u64, ((x + 1) as f64 * per) as u64))
                .collect();
            self.bars = (width, bars);
        }
        Some(&self.bars.1)
    }

    /// Whether the waveform is still being computed (the strip asks for another frame).
    fn wave_pending(&self) -> bool {
        matches!(
            self.path.as_ref().ok().and_then(|p| self.waves.get(p)),
            Some(Wave::Pending(_))
        )
    }
}

/// The player's bar, for the open document `doc` (nothing when it has no recording).
pub fn player_ui(
    state: &mut PlayerState,
    doc: &Document,
    transcribing: bool,
    ui: &mut Ui,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.built_for.is_none() || state.doc != Some(doc.id) {
        return commands;
    }
    let media = |c: MediaCommand| Command::Media(c);
    if let Err(why) = &state.path {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
            if ui.button(tr!("player-locate")).clicked() {
                commands.push(media(MediaCommand::AskLink(doc.id)));
            }
        });
        return commands;
    }
    let duration = state.duration();
    let pos = state.position_ms().unwrap_or(0);
    let playing = state.is_playing();
    ui.horizontal(|ui| {
        let play = if playing {
            tr!("player-pause")
        } else {
            tr!("player-play")
        };
        if ui
            .button(play)
            .on_hover_text(tr!("player-play-hover"))
            .clicked()
        {
            commands.push(media(MediaCommand::Toggle));
        }
        if ui.button(tr!("player-back")).clicked() {
            commands.push(media(MediaCommand::Skip(-3_000)));
        }
        if ui.button(tr!("player-forward")).clicked() {
            commands.push(media(MediaCommand::Skip(3_000)));
        }
        ui.label(
            RichText::new(format!(
                "{} / {}",
                format_time(pos),
                duration.map_or_else(|| "–".into(), format_time)
            ))
            .monospace(),
        );
        let mut speed = state.speed;
        egui::ComboBox::from_id_salt("player-speed")
            .selected_text(format!("{speed}×"))
            .width(60.0)
            .show_ui(ui, |ui| {
                for s in [0.5, 0.75, 1.0, 1.25, 1.5, 2.0] {
                    ui.selectable_value(&mut speed, s, format!("{s}×"));
                }
            })
            .response
            .on_hover_text(tr!("player-speed-hover"));
        if (speed - state.speed).abs() > f32::EPSILON {
            state.set_speed(speed);
        }
        ui.checkbox(&mut state.follow, tr!("player-follow"))
            .on_hover_text(tr!("player-follow-hover"));
        let mut on = transcribing;
        if ui
            .toggle_value(&mut on, tr!("player-transcribe"))
            .on_hover_text(tr!("player-transcribe-hover"))
            .changed()
        {
            commands.push(media(MediaCommand::Transcribe(on)));
        }
        if let Some(d) = duration {
            let mut secs = pos as f64 / 1000.0;
            let slider = egui::Slider::new(&mut secs, 0.0..=(d as f64 / 1000.0))
                .show_value(false)
                .trailing_fill(true);
            ui.spacing_mut().slider_width = ui.available_width().max(40.0);
            let r = ui.add(slider).on_hover_text(tr!("player-position"));
            if r.changed() {
                commands.push(media(MediaCommand::Seek((secs * 1000.0) as u64)));
            }
        }
    });
    if let Some(p) = &state.player {
        if let Some(e) = p.error() {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color).small());
        } else if p.is_ready() && p.output().starts_with("no sound output") {
            ui.label(
                RichText::new(tr!("player-no-output", why = p.output()))
                    .weak()
                    .small(),
            );
        }
    }
    waveform_ui(state, duration, pos, &mut commands, ui);
    commands
}

/// The waveform strip with the playhead; a click seeks there.
fn waveform_ui(
    state: &mut PlayerState,
    duration: Option<u64>,
    pos: u64,
    commands: &mut Vec<Command>,
    ui: &mut Ui,
) {
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 26.0), Sense::click());
    let weak = ui.visuals().weak_text_color();
    let accent = ui.visuals().selection.stroke.color;
    let pending = state.wave_pending();
    let painter = ui.painter_at(rect);
    if let Some(bars) = state.bars(rect.width().max(1.0) as usize) {
        for (x, h) in bars.iter().enumerate() {
            let half = (h * rect.height() / 2.0).max(0.5);
            let x = rect.left() + x as f32 + 0.5;
            painter.line_segment(
                [
                    egui::pos2(x, rect.center().y - half),
                    egui::pos2(x, rect.center().y + half),
                ],
                egui::Stroke::new(1.0, weak.gamma_multiply(0.7)),
            );
        }
    } else if pending {
        painter.text(
            rect.left_center(),
            egui::Align2::LEFT_CENTER,
            tr!("player-waveform-pending"),
            egui::FontId::proportional(11.0),
            weak,
        );
        ui.ctx().request_repaint_after(Duration::from_millis(200));
    }
    if let Some(d) = duration.filter(|d| *d > 0) {
        let x = rect.left() + rect.width() * (pos as f32 / d as f32).min(1.0);
        painter.line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            egui::Stroke::new(2.0, accent),
        );
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let frac = ((p.x - rect.left()) / rect.width()).clamp(0.0, 1.0);
            commands.push(Command::Media(MediaCommand::Seek(
                (f64::from(frac) * d as f64) as u64,
            )));
        }
    }
}
