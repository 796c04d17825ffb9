//! The transcript view on a generated 10 MB Chinese chat log with 20,000 codings: CPU time of a
//! frame while scrolling (by wheel and by jumps) and while coding, and the time to open the
//! document in the view. Frames are driven headless through the whole window (`MarginApp`, 1280 ×
//! 800 points) with `egui::Context::run_ui` and tessellated, as a real frame would be; only the
//! GPU upload is left out. Run with `cargo bench --bench transcript_view`.
//!
//! Times are the CPU time of the UI thread (`CLOCK_THREAD_CPUTIME_ID`; wall time where there is
//! no such clock), so that other work on a busy machine does not count.
//!
//! Budgets (DESIGN.md §5, the issue): p95 per frame under 4 ms, opening under 200 ms.

mod window;

use std::time::{Duration, Instant};

use margin::ui::player::MediaCommand;

use egui::Event;
use margin::model::CharRange;
use margin::ui::Command;
use window::{Driver, summary, thread_cpu};

#[allow(clippy::too_many_lines)]
fn main() {
    // A recording for the last part (playing with follow): every message 10 ms after the one
    // before, and a quiet recording that long beside the project. It is linked only then.
    let (mut d, doc, chars, tmp) = window::open_chat_window(|project, doc, dir| {
        let mut d = project.document(doc).expect("document").clone();
        for (i, s) in d.segments.iter_mut().enumerate() {
            s.media = Some(margin::model::MediaTime {
                start_ms: i as u64 * 10,
                end_ms: None,
            });
        }
        let segments = d.segments.len() as u64;
        project
            .apply(margin::model::Edit::PutDocument(Box::new(d)))
            .expect("timed messages");
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 8_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(dir.join("recording.wav"), spec).expect("wav");
        for i in 0..segments * 80 {
            w.write_sample(((i * 7_919) % 2_000) as i16 - 1_000)
                .expect("sample");
        }
        w.finalize().expect("wav");
    });
    let wav = tmp.path().join("recording.wav");
    // Warm up: fonts, the glyph atlas, the first layouts.
    for _ in 0..30 {
        d.frame(Driver::wheel(-40.0));
    }

    // Opening the document: building its blocks and coding index, and the first frame.
    let mut opens = Vec::new();
    for _ in 0..10 {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        d.app.run(Command::OpenDocument(doc), &d.ctx);
        let applied = match (cpu, thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall.elapsed(),
        };
        let first = d.frame(Vec::new());
        opens.push(applied + first);
        for _ in 0..3 {
            d.frame(Vec::new());
        }
    }
    summary("open the document in the view", opens, 200.0);
    assert_eq!(d.app.transcript().coding_count(), 20_000);

    // Scrolling by wheel: steady reading, a notch (50 points) a frame.
    let mut wheel = Vec::new();
    let mut layouts = 0;
    for _ in 0..600 {
        wheel.push(d.frame(Driver::wheel(-50.0)));
        layouts += d.app.transcript().layouts_last_frame;
    }
    summary("scroll by wheel", wheel, 4.0);
    eprintln!("  ({layouts} blocks laid out over those frames)");

    // Scrolling by jumps: each frame lands somewhere new (scrollbar drags, go to, find), so
    // every visible block is laid out afresh.
    let mut jumps = Vec::new();
    let mut seed = 7u64;
    for _ in 0..200 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let pos = (seed >> 33) as usize % chars;
        d.app.transcript_mut().reveal(pos);
        jumps.push(d.frame(Vec::new()));
        d.frame(Vec::new());
    }
    summary("jump to a random place", jumps, 4.0);

    // Coding: select a passage on screen and code it (the command applied after the frame, the
    // index updated, the next frame drawn); autosave runs in between, as it would.
    let code = {
        let s = d.app.session().expect("session");
        *s.project().codes().keys().next().expect("a code")
    };
    let mut coding = Vec::new();
    for i in 0..300 {
        let sel = d.app.transcript().selection().map_or(0, |s| s.head);
        let start = (sel + 40 * (i % 5)).min(chars - 20);
        d.app
            .transcript_mut()
            .select(CharRange::new(start, start + 12));
        d.frame(Vec::new());
        d.app.queue(Command::CodeSelection(code));
        coding.push(d.frame(Vec::new()));
        coding.push(d.frame(Driver::wheel(-30.0)));
    }
    summary("code a selection (and autosave)", coding, 4.0);

    // Undo and redo of a coding, each one frame.
    let (mut undos, mut redos) = (Vec::new(), Vec::new());
    for _ in 0..100 {
        d.app.queue(Command::Undo);
        undos.push(d.frame(Vec::new()));
        d.app.queue(Command::Redo);
        redos.push(d.frame(Vec::new()));
    }
    summary("undo a coding", undos, 4.0);
    summary("redo it", redos, 4.0);
    let saves = d.app.autosave().map_or(0, margin::session::Autosave::saves);
    d.app.flush().expect("save");
    eprintln!(
        "  ({} codings now; {saves} background saves during the run)",
        d.app.transcript().coding_count()
    );

    // Compare mode: the review panel open, the two coders side by side in the margin and every
    // compared passage marked. The first frame computes the comparison.
    d.app.queue(Command::ToggleReview);
    d.frame(Vec::new());
    let open = d.frame(Vec::new());
    eprintln!(
        "open the review panel (compare {} passages): {:.1} ms",
        d.app.transcript().marked_passages(),
        open.as_secs_f64() * 1e3
    );
    let mut compare = Vec::new();
    for _ in 0..300 {
        compare.push(d.frame(Driver::wheel(-50.0)));
    }
    summary("scroll by wheel in compare mode", compare, 4.0);
    let mut steps = Vec::new();
    for _ in 0..100 {
        steps.push(d.frame(vec![Event::Key {
            key: egui::Key::F8,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }]));
        d.frame(Vec::new());
    }
    summary("step to the next disagreement (F8)", steps, 4.0);
    // Coding while comparing: a compared coder's coding changes the comparison, which is
    // computed again for the next frame.
    let mut coding = Vec::new();
    for i in 0..30 {
        let start = (1000 + 97 * i) % (chars - 20);
        d.app
            .transcript_mut()
            .select(CharRange::new(start, start + 12));
        d.frame(Vec::new());
        d.app.queue(Command::CodeSelection(code));
        d.frame(Vec::new());
        coding.push(d.frame(Vec::new()));
    }
    summary("code a selection in compare mode", coding, 4.0);

    // Playing with follow mode: the recording linked, played at 2× through a null output (a
    // device's pace, no sound) while frames come at 60 a second; the view follows the message
    // being played (a new one every 5 ms of real time), the waveform computed on its own thread.
    d.app.run(Command::ToggleReview, &d.ctx);
    d.app.player_mut().use_null_output();
    d.app.run(
        Command::Media(MediaCommand::Link {
            document: doc,
            path: wav.clone(),
        }),
        &d.ctx,
    );
    for _ in 0..5 {
        d.frame(Vec::new());
    }
    d.app
        .run(Command::Media(MediaCommand::PlayAt(60_000)), &d.ctx);
    d.frame(Vec::new());
    d.app.player_mut().set_speed(2.0);
    let mut playing = Vec::new();
    let mut marked = std::collections::BTreeSet::new();
    for _ in 0..300 {
        let start = Instant::now();
        playing.push(d.frame(Vec::new()));
        marked.extend(d.app.transcript().playing_segment);
        std::thread::sleep(Duration::from_micros(16_667).saturating_sub(start.elapsed()));
    }
    assert!(d.app.player().is_playing(), "still playing");
    summary("play at 2× with follow", playing, 4.0);
    eprintln!(
        "  ({} messages marked in turn; now at {} ms of the recording; still following: {})",
        marked.len(),
        d.app.player().position_ms().unwrap_or(0),
        d.app.player().follow
    );
}
