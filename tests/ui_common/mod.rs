//! What the window tests share: a headless Margin window on a project, frames, the project it
//! holds, and pointer helpers. Each test file uses a part of it.

#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::PathBuf;

use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use margin::model::Project;
use margin::ui::{AppOptions, ConfigStore, MarginApp};

/// A window of `size` on `project` (or the welcome screen), settings from `config`, after its
/// first frames.
pub fn harness_sized(
    project: Option<PathBuf>,
    config: ConfigStore,
    size: Vec2,
) -> Harness<'static, MarginApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .build_eframe(move |cc| {
            MarginApp::new(
                &cc.egui_ctx,
                AppOptions {
                    project,
                    config,
                    sample: None,
                    data: None,
                },
            )
        });
    frames(&mut h, 3);
    h
}

/// Settings for a first run (no coder named yet) in English, whatever the machine's language:
/// a `config.ron` in `dir` that names only the language.
pub fn first_run_in_english(dir: &std::path::Path) -> ConfigStore {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("config.ron"), "(language: Some(English))").unwrap();
    ConfigStore::in_dir(dir)
}

/// A 1280×800 window on `project`.
pub fn harness_with(project: Option<PathBuf>, config: ConfigStore) -> Harness<'static, MarginApp> {
    harness_sized(project, config, Vec2::new(1280.0, 800.0))
}

/// Run `n` frames.
pub fn frames(h: &mut Harness<'static, MarginApp>, n: usize) {
    for _ in 0..n {
        h.step();
    }
}

/// The open project.
pub fn project<'a>(h: &'a Harness<'static, MarginApp>) -> &'a Project {
    h.state().session().unwrap().project()
}

/// Click the primary button at `pos`.
pub fn click_at(h: &mut Harness<'static, MarginApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    frames(h, 2);
}
