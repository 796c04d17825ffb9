//! Recordings in the window, with a null sound output: a recording linked from the document's
//! properties (the built-in file picker, a typed path); a missing one said with "Locate…";
//! playing from a turn's time and from Alt+click in its text; the turn being played marked and
//! followed until the user scrolls away; a coding's time span played from the inspector.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod ui_common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, TouchPhase};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use margin::cli::{Cli, run};
use margin::model::Project;
use margin::ui::{Command, ConfigStore, MarginApp};
use ui_common::{click_at, frames, harness_with, project};

fn margin(args: &[&str]) {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied())).unwrap();
    run(cli.command.unwrap(), &mut Vec::new()).unwrap();
}

/// `seconds` of quiet noise at 8 kHz, written by the test.
fn write_wav(path: &Path, seconds: u32) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..u64::from(seconds) * 8_000 {
        w.write_sample(((i * 7_919) % 2_000) as i16 - 1_000)
            .unwrap();
    }
    w.finalize().unwrap();
}

struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    wav: PathBuf,
    config: ConfigStore,
}

/// A project with one interview of `cues` one-second subtitles (turns), and a recording of as
/// many seconds beside it, linked (`--media`) or not.
fn fixture(cues: u32, linked: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("study");
    margin(&["new", root.to_str().unwrap()]);
    std::fs::create_dir(dir.path().join("recordings")).unwrap();
    let wav = dir.path().join("recordings/G1 interview.wav");
    write_wav(&wav, cues);
    let mut srt = String::new();
    for i in 0..cues {
        let who = if i % 2 == 0 { "Interviewer" } else { "G1" };
        writeln!(
            srt,
            "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},900\n{who}: Turn number {i}, about the morning shift and the bus ride home.\n",
            i + 1,
            i / 60,
            i % 60,
            i / 60,
            i % 60
        )
        .unwrap();
    }
    let srt_path = dir.path().join("G1.srt");
    std::fs::write(&srt_path, srt).unwrap();
    let mut args = vec!["import", root.to_str().unwrap(), srt_path.to_str().unwrap()];
    if linked {
        args.extend(["--media", wav.to_str().unwrap()]);
    }
    margin(&args);
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"Lin\"), theme: Light, file_dialog: Builtin, language: Some(English))",
    )
    .unwrap();
    Fixture {
        config: ConfigStore::in_dir(&config),
        dir,
        root,
        wav,
    }
}

fn open_interview(f: &Fixture) -> Harness<'static, MarginApp> {
    let mut h = harness_with(Some(f.root.clone()), f.config.clone());
    h.state_mut().player_mut().use_null_output();
    let id = *project(&h).documents().keys().next().unwrap();
    h.state_mut().queue(Command::OpenDocument(id));
    frames(&mut h, 3);
    h
}

fn doc(p: &Project) -> &margin::model::Document {
    p.documents().values().next().unwrap()
}

/// Run frames until `what` holds (the player's thread runs in real time).
fn until(h: &mut Harness<'static, MarginApp>, what: &str, f: impl Fn(&MarginApp) -> bool) {
    let start = Instant::now();
    while !f(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

#[test]
fn link_a_recording_from_the_properties_then_locate_it_when_moved() {
    let f = fixture(6, false);
    let mut h = open_interview(&f);
    let id = doc(project(&h)).id;
    assert!(
        h.query_by_label("▶ Play").is_none(),
        "no player without a recording"
    );
    h.state_mut().queue(Command::ShowDocumentProperties(id));
    frames(&mut h, 3);
    h.get_by_label("Link a recording…").click();
    frames(&mut h, 3);
    assert!(h.get_by_label("File path").is_focused());
    h.event(Event::Text(f.wav.display().to_string()));
    h.key_press(Key::Enter);
    frames(&mut h, 4);
    assert_eq!(
        doc(project(&h)).media.as_ref().unwrap().path,
        "../recordings/G1 interview.wav"
    );
    h.get_by_label_contains("Linked the recording ../recordings/G1 interview.wav");
    h.get_by_label("▶ Play");
    // One undo unlinks it; redo links it again.
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert!(doc(project(&h)).media.is_none());
    h.state_mut().queue(Command::Redo);
    frames(&mut h, 2);
    assert!(doc(project(&h)).media.is_some());
    drop(h);

    // Moved away: the project opens, the player says where it looked and offers "Locate…".
    let moved = f.dir.path().join("G1 moved.wav");
    std::fs::rename(&f.wav, &moved).unwrap();
    let mut h = open_interview(&f);
    h.get_by_label_contains("The recording ../recordings/G1 interview.wav is missing");
    assert!(h.query_by_label("▶ Play").is_none());
    h.get_by_label("Locate…").click();
    frames(&mut h, 3);
    h.event(Event::Text(moved.display().to_string()));
    h.key_press(Key::Enter);
    frames(&mut h, 4);
    assert_eq!(
        doc(project(&h)).media.as_ref().unwrap().path,
        "../G1 moved.wav"
    );
    h.get_by_label("▶ Play");
    assert!(h.query_by_label_contains("is missing").is_none());
}

#[test]
fn a_turns_time_plays_from_there_and_alt_click_plays_from_a_word() {
    let f = fixture(8, true);
    let mut h = open_interview(&f);
    let (turn, third) = {
        let d = doc(project(&h));
        (d.segments[4].range, d.segments[2].range)
    };
    // The header of turn 4 (its speaker and time): the recording plays from 0:04.
    let header = h
        .state()
        .transcript()
        .header_screen_rect(turn.start)
        .unwrap();
    let stopped_at = h.state().player().position_ms();
    click_at(&mut h, header.center());
    until(&mut h, "playing from the turn", |a| {
        a.is_playing_for_tests() && a.player().position_ms() != stopped_at
    });
    let pos = h.state().player().position_ms().unwrap();
    assert!((4_000..4_400).contains(&pos), "{pos}");
    until(&mut h, "turn 4 marked", |a| {
        a.transcript().playing_segment == Some(4)
    });
    h.get_by_label("⏸ Pause").click();
    frames(&mut h, 3);
    assert!(!h.state().player().is_playing());

    // Alt+click in the middle of turn 2's text plays from that word's time (inside 0:02-0:03).
    let mid = third.start + third.len() / 2;
    let p = h.state().transcript().char_screen_pos(mid).unwrap();
    let paused_at = h.state().player().position_ms();
    h.event(Event::PointerMoved(p));
    h.step();
    h.event(Event::ModifiersChanged(Modifiers::ALT));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::ALT,
        });
    }
    frames(&mut h, 2);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    // The player's thread applies the seek a moment after it starts playing: wait for the
    // first position after the paused one.
    until(&mut h, "playing from the word", |a| {
        a.is_playing_for_tests() && a.player().position_ms() != paused_at
    });
    let pos = h.state().player().position_ms().unwrap();
    assert!((2_300..2_800).contains(&pos), "{pos}");
    until(&mut h, "turn 2 marked", |a| {
        a.transcript().playing_segment == Some(2)
    });
    // −3 s goes back three seconds (paused, so that the recording does not move meanwhile).
    h.get_by_label("⏸ Pause").click();
    until(&mut h, "paused", |a| !a.is_playing_for_tests());
    frames(&mut h, 2);
    let before = h.state().player().position_ms().unwrap();
    h.get_by_label("−3 s").click();
    until(&mut h, "gone back", |a| {
        a.player().position_ms().is_some_and(|p| p < before)
    });
    let after = h.state().player().position_ms().unwrap();
    assert!(
        after.abs_diff(before.saturating_sub(3_000)) <= 50,
        "{before} -> {after}"
    );
}

#[test]
fn the_view_follows_the_recording_until_the_user_scrolls_away() {
    let f = fixture(240, true);
    let mut h = open_interview(&f);
    let late = doc(project(&h)).segments[200].range.start;
    assert!(
        h.state().transcript().header_screen_rect(late).is_none(),
        "turn 200 starts out of view"
    );
    h.state_mut()
        .queue(Command::Media(margin::ui::player::MediaCommand::PlayAt(
            200_000,
        )));
    frames(&mut h, 2);
    until(&mut h, "turn 200 in view", |a| {
        a.transcript().playing_segment == Some(200)
            && a.transcript().header_screen_rect(late).is_some()
    });
    assert!(h.state().player().follow);
    // The user scrolls back to the top: following stops, and the view stays where they put it.
    let over = h.state().transcript().char_screen_pos(late).unwrap();
    h.event(Event::PointerMoved(over));
    for _ in 0..10 {
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Page,
            delta: egui::vec2(0.0, 3.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    frames(&mut h, 10);
    assert!(!h.state().player().follow, "scrolling away stops following");
    std::thread::sleep(Duration::from_millis(1_200));
    frames(&mut h, 5);
    assert!(h.state().player().is_playing());
    let now = h.state().transcript().playing_segment.unwrap();
    assert!(now >= 201, "{now}");
    let shown = doc(project(&h)).segments[now].range.start;
    assert!(
        h.state().transcript().header_screen_rect(shown).is_none(),
        "the view stayed put"
    );
    // Ticking Follow again brings it back.
    h.get_by_label("Follow").click();
    frames(&mut h, 2);
    until(&mut h, "followed again", |a| {
        let d = a
            .session()
            .unwrap()
            .project()
            .documents()
            .values()
            .next()
            .unwrap();
        a.transcript().playing_segment.is_some_and(|s| {
            a.transcript()
                .header_screen_rect(d.segments[s].range.start)
                .is_some()
        })
    });
}

#[test]
fn a_coding_shows_its_time_and_plays_from_the_inspector() {
    let f = fixture(8, true);
    let mut h = open_interview(&f);
    let (id, range) = {
        let d = doc(project(&h));
        (d.id, d.segments[5].range)
    };
    h.state_mut().transcript_mut().select(range);
    h.state_mut()
        .queue(Command::Edit(margin::session::Action::InVivo {
            document: id,
            range,
        }));
    frames(&mut h, 3);
    let coding = *project(&h).codings().keys().next().unwrap();
    h.state_mut().queue(Command::SelectCoding(coding));
    frames(&mut h, 3);
    h.get_by_label("In the recording: 0:05–0:05");
    h.get_by_label("▶ Play this coding").click();
    frames(&mut h, 2);
    until(&mut h, "playing", MarginApp::is_playing_for_tests);
    let pos = h.state().player().position_ms().unwrap();
    assert!((5_000..5_500).contains(&pos), "{pos}");
    // It stops at the coding's end (0:05.9).
    until(&mut h, "stopped", |a| !a.player().is_playing());
    let pos = h.state().player().position_ms().unwrap();
    assert!((5_850..6_200).contains(&pos), "{pos}");
}

#[test]
fn the_import_dialog_links_the_transcripts_recording() {
    let f = fixture(4, false);
    let mut h = open_interview(&f);
    let srt = f.dir.path().join("G2.srt");
    std::fs::write(
        &srt,
        "1\n00:00:00,000 --> 00:00:02,000\nG2: The second interview.\n\n\
         2\n00:00:02,000 --> 00:00:03,500\nInterviewer: Thank you.\n",
    )
    .unwrap();
    h.state_mut().queue(Command::ImportFiles(vec![srt]));
    frames(&mut h, 3);
    h.get_by_label("The recording of the transcript").click();
    frames(&mut h, 1);
    h.get_by_label("The recording of the transcript")
        .type_text(&f.wav.display().to_string());
    frames(&mut h, 1);
    h.get_by_label("Read the files").click();
    until(&mut h, "read", |a| {
        a.import_dialog()
            .is_some_and(margin::ui::import_dialog::ImportDialog::previewing)
    });
    h.get_by_label("Add to project").click();
    frames(&mut h, 3);
    let p = project(&h);
    let g2 = p.documents().values().find(|d| d.name == "G2").unwrap();
    assert_eq!(
        g2.media.as_ref().unwrap().path,
        "../recordings/G1 interview.wav"
    );
}

#[test]
fn transcription_mode_inserts_the_time_and_a_speaker_and_makes_turns() {
    let f = fixture(4, false);
    let notes = f.dir.path().join("G3 notes.txt");
    std::fs::write(&notes, "Second interview, to be typed.\n").unwrap();
    margin(&[
        "import",
        f.root.to_str().unwrap(),
        notes.to_str().unwrap(),
        "--kind",
        "notes",
        "--media",
        f.wav.to_str().unwrap(),
    ]);
    let mut h = harness_with(Some(f.root.clone()), f.config.clone());
    h.state_mut().player_mut().use_null_output();
    let id = project(&h)
        .documents()
        .values()
        .find(|d| d.name == "G3 notes")
        .unwrap()
        .id;
    h.state_mut().queue(Command::OpenDocument(id));
    frames(&mut h, 3);
    h.get_by_label("Transcribe").click();
    frames(&mut h, 3);
    h.state_mut()
        .queue(Command::Media(margin::ui::player::MediaCommand::PlayAt(
            2_000,
        )));
    frames(&mut h, 2);
    until(&mut h, "playing past 2 s", |a| {
        a.player().position_ms().is_some_and(|p| p >= 2_100)
    });
    // Escape pauses; F3 puts the time at the caret (a new line), F4 the speaker's label.
    h.key_press(Key::Escape);
    frames(&mut h, 2);
    assert!(!h.state().player().is_playing());
    h.key_press(Key::F3);
    frames(&mut h, 1);
    h.key_press(Key::F4);
    frames(&mut h, 1);
    h.event(Event::Text("How did you come to the city?".into()));
    frames(&mut h, 2);
    h.get_by_label("Done").click();
    frames(&mut h, 3);
    let p = project(&h);
    let d = p.document(id).unwrap();
    assert_eq!(
        d.text.as_str(),
        "Second interview, to be typed.\n[00:00:02] Interviewer: How did you come to the city?"
    );
    assert_eq!(d.segments.len(), 1);
    assert_eq!(d.segments[0].speaker.as_deref(), Some("Interviewer"));
    assert_eq!(d.segments[0].media.unwrap().start_ms, 2_000);
    assert_eq!(d.kind, margin::model::DocumentKind::Interview);
    // One undo takes the typing back.
    h.state_mut().queue(Command::Undo);
    frames(&mut h, 2);
    assert_eq!(
        project(&h).document(id).unwrap().text.as_str(),
        "Second interview, to be typed.\n"
    );
}
