//! What the window benchmarks share: a headless Margin window driven frame by frame, the CPU
//! time of each frame, a summary of times against a budget, and the generated 10 MB Chinese
//! chat log with 20,000 codings (DESIGN.md §5) opened in it.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use egui::{Event, MouseWheelSource, MouseWheelUnit, RawInput, Rect, TouchPhase, Vec2, pos2};
use margin::model::{DocumentId, DocumentKind};
use margin::store::ProjectDir;
use margin::synth::{SynthOptions, generate};
use margin::ui::{AppOptions, ConfigStore, MarginApp};

/// CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`); `None` where there is no such
/// clock, and then wall-clock time is measured instead.
#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)]
pub fn thread_cpu() -> Option<Duration> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Some(Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    ))
}

#[cfg(not(unix))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// One frame of the window: run the UI and tessellate what it painted.
pub struct Driver {
    /// The context.
    pub ctx: egui::Context,
    /// The window.
    pub app: MarginApp,
    /// Its clock.
    pub time: f64,
}

impl Driver {
    /// One frame with `events`; its CPU time.
    pub fn frame(&mut self, events: Vec<Event>) -> Duration {
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

    /// A wheel notch of `dy` points over the transcript.
    pub fn wheel(dy: f32) -> Vec<Event> {
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

/// Print the median, p95 and max of `times` against `budget_ms`; returns the p95 in ms.
pub fn summary(name: &str, mut times: Vec<Duration>, budget_ms: f64) -> f64 {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(times[times.len() / 2]);
    let p95 = ms(times[(times.len() * 95 / 100).min(times.len() - 1)]);
    let max = ms(times[times.len() - 1]);
    eprintln!(
        "{name:<36} median {median:7.2} ms   p95 {p95:7.2} ms   max {max:7.2} ms   budget {budget_ms} ms   ({} frames)",
        times.len()
    );
    p95
}

/// The generated chat log (one document, 10 MB, 20,000 codings) written to a project in a
/// temporary folder and opened in a 1280 × 800 window, after its first frame; with the
/// document, its length in characters and the folder (kept alive by the caller).
pub fn open_chat_window(
    prepare: impl FnOnce(&mut margin::model::Project, DocumentId, &std::path::Path),
) -> (Driver, DocumentId, usize, tempfile::TempDir) {
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
    prepare(&mut project, doc, tmp.path());
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
    (d, doc, chars, tmp)
}
