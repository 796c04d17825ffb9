//! Recordings linked to transcripts from the command line: `margin import ... --media FILE`
//! stores a path relative to the project, the link survives saving and loading, a moved
//! recording is a clear message (never a failure to open the project), and undo unlinks.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use clap::Parser;
use margin::cli::{Cli, run};
use margin::media::{self, MediaError, Timeline};
use margin::model::{MediaLink, Project};
use margin::session::{Action, Session};
use margin::store::ProjectDir;

fn margin(args: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(std::iter::once("margin").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    run(cli.command.unwrap(), &mut out).map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8(out).unwrap())
}

fn open(project: &Path) -> Project {
    ProjectDir::open_read_only(project).unwrap().project
}

/// Two seconds of silence, written by the test.
fn write_wav(path: &Path) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for _ in 0..16_000 {
        w.write_sample(0_i16).unwrap();
    }
    w.finalize().unwrap();
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("study");
    margin(&["new", project.to_str().unwrap()]).unwrap();
    std::fs::create_dir(dir.path().join("录音")).unwrap();
    let wav = dir.path().join("录音/G3 访谈.wav");
    write_wav(&wav);
    let srt = dir.path().join("g3.srt");
    std::fs::write(
        &srt,
        "1\n00:00:00,200 --> 00:00:01,000\n访谈者：今天聊聊您的工作。\n\n\
         2\n00:00:01,000 --> 00:00:02,000\nG3：好的，我在快递站。\n",
    )
    .unwrap();
    (dir, project, wav, srt)
}

#[test]
fn import_links_the_recording_by_a_path_relative_to_the_project() {
    let (_dir, project, wav, srt) = setup();
    let p = project.to_str().unwrap();
    let out = margin(&[
        "import",
        p,
        srt.to_str().unwrap(),
        "--media",
        wav.to_str().unwrap(),
    ])
    .unwrap();
    assert!(
        out.contains("linked the recording ../录音/G3 访谈.wav"),
        "{out}"
    );
    let loaded = open(&project);
    let doc = loaded.documents().values().next().unwrap();
    let link = doc.media.clone().unwrap();
    assert_eq!(link.path, "../录音/G3 访谈.wav");
    assert_eq!(
        media::resolve(&project, &link).unwrap(),
        project.join(&link.path)
    );
    // The transcript's cues and the recording line up.
    let d = media::Decoder::open(&media::resolve(&project, &link).unwrap()).unwrap();
    let t = Timeline::of(doc, d.duration_ms());
    assert_eq!(t.segment_at(1_500), Some(1));
    // The link is in the document's metadata.
    let ron = std::fs::read_to_string(project.join(format!("documents/{}.ron", doc.id))).unwrap();
    assert!(ron.contains("path: \"../录音/G3 访谈.wav\""), "{ron}");
}

#[test]
fn a_moved_recording_is_a_message_and_the_project_still_opens() {
    let (dir, project, wav, srt) = setup();
    let p = project.to_str().unwrap();
    margin(&[
        "import",
        p,
        srt.to_str().unwrap(),
        "--media",
        wav.to_str().unwrap(),
    ])
    .unwrap();
    std::fs::rename(&wav, dir.path().join("elsewhere.wav")).unwrap();
    let loaded = open(&project);
    let doc = loaded.documents().values().next().unwrap();
    let err = media::resolve(&project, doc.media.as_ref().unwrap()).unwrap_err();
    assert!(matches!(err, MediaError::Missing { .. }));
    assert!(err.to_string().contains("G3 访谈.wav"), "{err}");
    margin(&["check", p]).unwrap();
}

#[test]
fn refusals_name_the_file_and_change_nothing() {
    let (dir, project, wav, srt) = setup();
    let p = project.to_str().unwrap();
    let opus = dir.path().join("talk.opus");
    std::fs::write(&opus, b"OggS").unwrap();
    let e = margin(&[
        "import",
        p,
        srt.to_str().unwrap(),
        "--media",
        opus.to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.contains("talk.opus") && e.contains("Opus"), "{e}");
    let e = margin(&[
        "import",
        p,
        srt.to_str().unwrap(),
        "--media",
        "/nowhere/x.mp3",
    ])
    .unwrap_err();
    assert!(e.contains("/nowhere/x.mp3"), "{e}");
    let e = margin(&[
        "import",
        p,
        srt.to_str().unwrap(),
        srt.to_str().unwrap(),
        "--media",
        wav.to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.contains("one transcript"), "{e}");
    assert!(open(&project).documents().is_empty());
}

#[test]
fn linking_in_the_session_is_one_undoable_step() {
    let (_dir, project, wav, srt) = setup();
    margin(&["import", project.to_str().unwrap(), srt.to_str().unwrap()]).unwrap();
    let mut session = Session::open_writable(&project).unwrap();
    let id = *session.project().documents().keys().next().unwrap();
    let link = media::link_for(&project, &wav).unwrap();
    session
        .execute(Action::SetDocumentMedia {
            document: id,
            media: Some(link.clone()),
        })
        .unwrap();
    assert_eq!(session.project().documents()[&id].media, Some(link));
    session.undo().unwrap();
    assert_eq!(session.project().documents()[&id].media, None);
    session.redo().unwrap();
    session.save().unwrap();
    drop(session);
    assert_eq!(
        open(&project).documents()[&id].media,
        Some(MediaLink {
            path: "../录音/G3 访谈.wav".into()
        })
    );
}

#[test]
fn a_transcript_typed_becomes_turns_and_a_coded_one_is_not_retyped() {
    let (_dir, project, _wav, srt) = setup();
    margin(&["import", project.to_str().unwrap(), srt.to_str().unwrap()]).unwrap();
    let mut session = Session::open_writable(&project).unwrap();
    let id = *session.project().documents().keys().next().unwrap();
    session
        .execute(Action::SetTranscript {
            document: id,
            text: "[00:00:01] 访谈者：您好。\r\n[00:00:04] G3：您好，我在快递站上班。\n".into(),
        })
        .unwrap();
    let d = &session.project().documents()[&id];
    assert_eq!(d.segments.len(), 2);
    assert_eq!(d.segments[1].media.unwrap().start_ms, 4_000);
    assert!(!d.text.as_str().contains('\r'));
    session.set_coder("Lin").unwrap();
    let range = session.project().documents()[&id].segments[1].range;
    session
        .execute(Action::InVivo {
            document: id,
            range,
        })
        .unwrap();
    let err = session
        .execute(Action::SetTranscript {
            document: id,
            text: "something else".into(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("1 coding(s)"), "{err}");
}
