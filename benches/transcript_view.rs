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

use std::time::{Duration, Instant};

use egui::{Event, MouseWheelSource, MouseWheelUnit, RawInput, Rect, TouchPhase, Vec2, pos2};
use margin::model::{CharRange, DocumentKind};
use margin::store::ProjectDir;
use margin::synth::{SynthOptions, generate};
use margin::ui::player::MediaCommand;
use margin::ui::{AppOptions, Command, ConfigStore, MarginApp};

/// CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`); `None` where there is no such
/// clock, and then wall-clock time is measured instead.
#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)]
fn thread_cpu() -> Option<Duration> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Some(Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    ))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

/// One frame of the window: run the UI and tessellate what it painted.
struct Driver {
    ctx: egui::Context,
    app: MarginApp,
    time: f64,
}

impl Driver {
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                pos2(0.0, 0.0),
                Vec2::new(1280.0, 800.0),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            focused: true,
            ..RawInput::default()
        };
        let (cpu, wall) = (thread_cpu(), Instant::now());
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = match (cpu, thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall.elapsed(),
        };
        std::hint::black_box(primitives);
        elapsed
    }

    fn wheel(dy: f32) -> Vec<Event> {
        vec![
            Event::PointerMoved(pos2(620.0, 400.0)),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: Vec2::new(0.0, dy),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            },
        ]
    }
}

fn summary(name: &str, mut times: Vec<Duration>, budget_ms: f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[(times.len() * 95 / 100).min(times.len() - 1)]);
    let max = ms(times[times.len() - 1]);
    eprintln!(
        "{name:<36} median {median:7.2} ms   p95 {p95:7.2} ms   max {max:7.2} ms   budget {budget_ms} ms   ({} frames)",
        times.len()
    );
}

#[allow(clippy::too_many_lines)]
fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("chat");
    let started = Instant::now();
    let mut project = generate(&SynthOptions {
        documents: 1,
        bytes: 10_000_000,
        chinese: 1.0,
        codings: 20_000,
        kinds: vec![DocumentKind::Chat],
        ..SynthOptions::default()
    });
    let doc = *project.documents().keys().next().expect("one document");
    let (chars, segments) = {
        let d = project.document(doc).expect("document");
        (d.text.char_len(), d.segments.len())
    };
    // A recording for the last part (playing with follow): every message 10 ms after the one
    // before, and a quiet recording that long beside the project. It is linked only then.
    {
        let mut d = project.document(doc).expect("document").clone();
        for (i, s) in d.segments.iter_mut().enumerate() {
            s.media = Some(margin::model::MediaTime {
                start_ms: i as u64 * 10,
                end_ms: None,
            });
        }
        project
            .apply(margin::model::Edit::PutDocument(Box::new(d)))
            .expect("timed messages");
    }
    let wav = tmp.path().join("recording.wav");
    {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 8_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&wav, spec).expect("wav");
        for i in 0..segments as u64 * 80 {
            w.write_sample(((i * 7_919) % 2_000) as i16 - 1_000)
                .expect("sample");
        }
        w.finalize().expect("wav");
    }
    drop(ProjectDir::create(&root, &mut project).expect("write project"));
    drop(project);
    eprintln!(
        "generated a {chars}-character Chinese chat log ({segments} messages, 20,000 codings) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.ron"),
        "(coder_name: Some(\"coder1\"), theme: Light, language: Some(English))",
    )
    .expect("config");
    let ctx = egui::Context::default();
    let t = Instant::now();
    let app = MarginApp::new(
        &ctx,
        AppOptions {
            project: Some(root.clone()),
            config: ConfigStore::in_dir(&config),
            sample: None,
            data: None,
        },
    );
    let mut d = Driver {
        ctx,
        app,
        time: 0.0,
    };
    d.frame(Vec::new());
    eprintln!(
        "open the project and draw the first frame: {:.0} ms (wall clock)",
        t.elapsed().as_secs_f64() * 1e3
    );
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
